import Foundation

extension Provenance {
    /// The party × document matrix of current statuses, RFC 4180 (CRLF, quotes doubled).
    ///
    /// One row per party in order of first status, one column per document or statement that has
    /// a status, in registration order; a cell is the party's current status, empty when none.
    /// Values are exported as they are: a spreadsheet user should import, not open, the file.
    public func csv() -> String {
        let columns = currentStatusesByDocument.filter { !$0.statuses.isEmpty }
        var parties: [String] = []
        var cells: [String: [String: String]] = [:]
        for status in statuses.sorted(by: { $0.seq < $1.seq }) {
            guard let party = status.current?.party, !parties.contains(party) else { continue }
            parties.append(party)
        }
        for column in columns {
            for (party, record) in column.statuses { cells[party, default: [:]][column.document] = record.current?.status }
        }
        let used = parties.filter { cells[$0] != nil }
        var rows = [["party"] + columns.map(\.document)]
        for party in used { rows.append([party] + columns.map { cells[party]?[$0.document] ?? "" }) }
        return rows.map { $0.map(Self.csvField).joined(separator: ",") + "\r\n" }.joined()
    }

    /// A field, quoted when it holds a comma, a quote, CR or LF (RFC 4180 section 2).
    static func csvField(_ value: String) -> String {
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }) else {
            return value
        }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
