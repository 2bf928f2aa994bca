#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Dates as the ledger accepts them: a calendar date (`2022-02-02`) or an RFC 3339 date-time
/// (`2022-02-02T09:30:00Z`, `2022-02-02T10:30:00+01:00`, fractions allowed).
public enum LedgerDate {
    /// Seconds since 1970-01-01T00:00:00Z of a valid date or date-time (a date means its
    /// midnight, UTC); nil for anything else, including impossible days like 2022-02-30.
    public static func seconds(_ text: String) -> Int? {
        // One parser for the whole ledger: ``ReportedTime`` (RFC 3339 section 5.6).
        (try? ReportedTime(text)).map { Int($0.instant.rounded(.down)) }
    }

    /// Returns `text` when it is a valid date or date-time; otherwise a `usage` error that
    /// names the option and the accepted forms.
    public static func validate(_ text: String, option: String) throws(LedgerError) -> String {
        guard seconds(text) != nil else {
            throw LedgerError.usage("\(option) \"\(text)\" is not a date: use YYYY-MM-DD or an RFC 3339 time such as 2022-02-02T09:30:00Z")
        }
        return text
    }

    /// The entry-time text (UTC, RFC 3339, whole seconds) of an instant, so that times compare as
    /// strings.
    static func text(seconds: Int) -> String {
        var value = time_t(seconds)
        var parts = tm()
        gmtime_r(&value, &parts)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02dZ", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1,
                      Int(parts.tm_mday), Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec))
    }
}
