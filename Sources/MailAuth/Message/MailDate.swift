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
        return daysFromCivil(year: year, month: month + 1, day: day) * 86400 + hour * 3600 + minute * 60 + second - offset
    }

    /// `seconds` since the epoch as RFC 3339 in UTC, e.g. "2003-07-12T04:00:37Z".
    public static func rfc3339(_ seconds: Int) -> String {
        let days = Int((Double(seconds) / 86400).rounded(.down))
        let rest = seconds - days * 86400
        let (year, month, day) = civilFromDays(days)
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let yearText = String(repeating: "0", count: max(0, 4 - String(year).count)) + String(year)
        return "\(yearText)-\(two(month))-\(two(day))T\(two(rest / 3600)):\(two(rest % 3600 / 60)):\(two(rest % 60))Z"
    }

    /// Days since 1970-01-01 in the proleptic Gregorian calendar (H. Hinnant's algorithm).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146097 + dayOfEra - 719468
    }

    static func civilFromDays(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let dayOfEra = z - era * 146097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
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
