/// Dates as the ledger accepts them: a calendar date (`2022-02-02`) or an RFC 3339 date-time
/// (`2022-02-02T09:30:00Z`, `2022-02-02T10:30:00+01:00`, fractions allowed).
public enum LedgerDate {
    /// Seconds since 1970-01-01T00:00:00Z of a valid date or date-time (a date means its
    /// midnight, UTC); nil for anything else, including impossible days like 2022-02-30.
    public static func seconds(_ text: String) -> Int? {
        let b = Array(text.utf8)
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= b.count else { return nil }
            var value = 0
            for index in range {
                guard b[index] >= 0x30 && b[index] <= 0x39 else { return nil }
                value = value * 10 + Int(b[index] - 0x30)
            }
            return value
        }
        guard b.count >= 10, let year = number(0..<4), b[4] == UInt8(ascii: "-"), let month = number(5..<7),
              b[7] == UInt8(ascii: "-"), let day = number(8..<10),
              (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year)
        else { return nil }
        var total = daysFromCivil(year: year, month: month, day: day) * 86_400
        if b.count == 10 { return total }
        guard b.count >= 20, b[10] == UInt8(ascii: "T") || b[10] == UInt8(ascii: "t"),
              let hour = number(11..<13), b[13] == UInt8(ascii: ":"), let minute = number(14..<16),
              b[16] == UInt8(ascii: ":"), let second = number(17..<19),
              hour < 24, minute < 60, second <= 60
        else { return nil }
        total += hour * 3600 + minute * 60 + second
        var index = 19
        if b[index] == UInt8(ascii: ".") {
            index += 1
            let start = index
            while index < b.count, b[index] >= 0x30 && b[index] <= 0x39 { index += 1 }
            guard index > start else { return nil }
        }
        guard index < b.count else { return nil }
        switch b[index] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            return index + 1 == b.count ? total : nil
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            guard b.count == index + 6, let offsetHours = number(index + 1..<index + 3), b[index + 3] == UInt8(ascii: ":"),
                  let offsetMinutes = number(index + 4..<index + 6), offsetHours < 24, offsetMinutes < 60
            else { return nil }
            let offset = offsetHours * 3600 + offsetMinutes * 60
            return b[index] == UInt8(ascii: "+") ? total - offset : total + offset
        default:
            return nil
        }
    }

    /// Returns `text` when it is a valid date or date-time; otherwise a `usage` error that
    /// names the option and the accepted forms.
    public static func validate(_ text: String, option: String) throws(LedgerError) -> String {
        guard seconds(text) != nil else {
            throw LedgerError.usage("\(option) \"\(text)\" is not a date: use YYYY-MM-DD or an RFC 3339 time such as 2022-02-02T09:30:00Z")
        }
        return text
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
    private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
