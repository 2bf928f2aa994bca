/// When something was said or published: a calendar date (`2022-02-02`) or an RFC 3339
/// date-time (`2022-02-02T10:30:00Z`, `2022-02-02T11:30:00+01:00`).
///
/// Distinct from an entry's `time`, which is when the ledger recorded it.
public struct ReportedTime: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The text as it will be stored: the input, with `t` and `z` in upper case.
    public let text: String
    /// Seconds since 1970-01-01T00:00:00Z (a date alone counts from its midnight, UTC), for ordering.
    public let instant: Double

    /// The stored text.
    public var description: String { text }

    /// Parses and checks a date or date-time; anything else is a usage error saying what is expected.
    public init(_ input: String) throws(LedgerError) {
        guard let (text, instant) = Self.parse(input) else {
            throw LedgerError.usage(
                "invalid date \"\(input)\"; expected YYYY-MM-DD or an RFC 3339 date-time such as 2022-02-02T10:30:00Z")
        }
        self.text = text
        self.instant = instant
    }

    /// Earlier instants first.
    public static func < (lhs: ReportedTime, rhs: ReportedTime) -> Bool { lhs.instant < rhs.instant }

    /// RFC 3339 section 5.6: full-date, or full-date "T" full-time with a mandatory offset.
    private static func parse(_ input: String) -> (String, Double)? {
        let bytes = Array(input.utf8)
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[range] {
                guard (0x30...0x39).contains(byte) else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            return value
        }
        func byte(_ index: Int, is characters: String) -> Bool {
            index < bytes.count && characters.utf8.contains(bytes[index])
        }
        guard let year = number(0..<4), byte(4, is: "-"), let month = number(5..<7), byte(7, is: "-"),
              let day = number(8..<10), (1...12).contains(month),
              (1...daysIn(month: month, year: year)).contains(day)
        else { return nil }
        let midnight = Double(daysSinceEpoch(year: year, month: month, day: day)) * 86_400
        if bytes.count == 10 { return (input, midnight) }

        guard byte(10, is: "Tt"), let hour = number(11..<13), byte(13, is: ":"), let minute = number(14..<16),
              byte(16, is: ":"), let second = number(17..<19), hour < 24, minute < 60, second <= 60
        else { return nil }
        var index = 19
        var fraction = 0.0
        if byte(index, is: ".") {
            let start = index + 1
            index = start
            while index < bytes.count, (0x30...0x39).contains(bytes[index]) { index += 1 }
            guard index > start else { return nil }
            fraction = Double("0." + String(decoding: bytes[start..<index], as: UTF8.self)) ?? 0
        }
        var offset = 0
        if byte(index, is: "Zz") {
            index += 1
        } else if byte(index, is: "+-"), let offsetHour = number(index + 1..<index + 3), byte(index + 3, is: ":"),
                  let offsetMinute = number(index + 4..<index + 6), offsetHour < 24, offsetMinute < 60 {
            offset = (offsetHour * 60 + offsetMinute) * 60 * (bytes[index] == UInt8(ascii: "-") ? -1 : 1)
            index += 6
        } else {
            return nil
        }
        guard index == bytes.count else { return nil }
        let instant = midnight + Double(hour * 3600 + minute * 60 + second - offset) + fraction
        let text = String(decoding: bytes.map { $0 == UInt8(ascii: "t") || $0 == UInt8(ascii: "z") ? $0 - 32 : $0 },
                          as: UTF8.self)
        return (text, instant)
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days from 1970-01-01 in the proleptic Gregorian calendar (Howard Hinnant's days_from_civil).
    private static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
