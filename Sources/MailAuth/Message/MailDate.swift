import Foundation

/// Dates as e-mail writes them (RFC 5322 §3.3) and as the report writes them (RFC 3339, UTC).
public enum MailDate {
    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    /// RFC 5322 §4.3 obsolete zone names.
    private static let zones: [String: Int] = [
        "ut": 0, "gmt": 0, "z": 0, "edt": -4, "est": -5, "cdt": -5, "cst": -6, "mdt": -6, "mst": -7, "pdt": -7, "pst": -8,
    ]

    /// Seconds since 1970-01-01T00:00:00Z of a Date field's value, e.g.
    /// "Fri, 11 Jul 2003 21:00:37 -0700 (PDT)"; `nil` when it is not a date.
    public static func parse(_ text: String) -> Int? {
        // Comments (in parentheses) are white space; "," and ":" separate.
        var cleaned = ""
        var depth = 0
        for character in text {
            switch character {
            case "(": depth += 1; cleaned.append(" ")
            case ")": depth = max(0, depth - 1); cleaned.append(" ")
            case "," where depth == 0: cleaned.append(" ")
            default: if depth == 0 { cleaned.append(character) }
            }
        }
        var words = cleaned.split(whereSeparator: { $0 == " " || $0 == "\t" || $0.isNewline }).map { $0.lowercased() }
        if let first = words.first, first.first?.isLetter == true { words.removeFirst() }  // day of week
        guard words.count >= 4, let day = Int(words[0]), (1...31).contains(day),
              let month = months.firstIndex(of: String(words[1].prefix(3))),
              var year = Int(words[2]) else { return nil }
        if words[2].count == 2 { year += year < 50 ? 2000 : 1900 } else if words[2].count == 3 { year += 1900 }
        let time = words[3].split(separator: ":").map { Int($0) }
        guard (2...3).contains(time.count), time.allSatisfy({ $0 != nil }) else { return nil }
        let hour = time[0]!, minute = time[1]!, second = time.count == 3 ? time[2]! : 0
        guard hour < 24, minute < 60, second <= 60 else { return nil }
        var offset = 0
        if words.count >= 5 {
            let zone = words[4]
            if let sign = zone.first, sign == "+" || sign == "-", zone.count == 5, let value = Int(zone.dropFirst()) {
                offset = (value / 100 * 60 + value % 100) * 60 * (sign == "-" ? -1 : 1)
            } else if let hours = zones[zone] {
                offset = hours * 3600
            }  // other zones (military letters, unknown names) count as -0000, as RFC 5322 says
        }
        // A leap second (:60) is the first second of the next minute, as POSIX time counts it.
        let components = DateComponents(year: year, month: month + 1, day: day, hour: hour, minute: minute, second: min(second, 59))
        guard let date = utc.date(from: components), utc.component(.day, from: date) == day else { return nil }
        return Int(date.timeIntervalSince1970) + (second == 60 ? 1 : 0) - offset
    }

    /// `seconds` since the epoch as RFC 3339 in UTC, e.g. "2003-07-12T04:00:37Z".
    public static func rfc3339(_ seconds: Int) -> String {
        let parts = utc.dateComponents([.year, .month, .day, .hour, .minute, .second],
                                       from: Date(timeIntervalSince1970: TimeInterval(seconds)))
        func digits(_ value: Int?, _ count: Int) -> String {
            let text = String(value ?? 0)
            return String(repeating: "0", count: max(0, count - text.count)) + text
        }
        return "\(digits(parts.year, 4))-\(digits(parts.month, 2))-\(digits(parts.day, 2))T"
            + "\(digits(parts.hour, 2)):\(digits(parts.minute, 2)):\(digits(parts.second, 2))Z"
    }

    /// The proleptic Gregorian calendar in UTC.
    private static let utc: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()
}

/// The address domain of a From field's value.
enum MailAddress {
    /// The domain of the (last) address in `value`, lower case: "Joe <joe@Example.COM>" gives
    /// "example.com"; `nil` when there is no address with an @.
    static func domain(of value: String) -> String? {
        var address = Substring(value)
        if let open = value.lastIndex(of: "<"), let close = value[open...].firstIndex(of: ">") {
            address = value[value.index(after: open)..<close]
        }
        guard let at = address.lastIndex(of: "@") else { return nil }
        let domain = address[address.index(after: at)...]
            .prefix { !$0.isWhitespace && $0 != ">" && $0 != "(" && $0 != "," && $0 != ";" }
            .lowercased()
        let trimmed = domain.hasSuffix(".") ? String(domain.dropLast()) : domain
        return trimmed.isEmpty ? nil : trimmed
    }
}
