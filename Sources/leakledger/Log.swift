import ArgumentParser
import LeakLedger

extension LeakLedgerCommand {
    /// `leakledger log [--type T] [--doc ID] [--since DATE] [--limit N]`.
    struct Log: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "log",
            abstract: "List the audit log, oldest first.",
            discussion: "Prints a table (seq, time, type, actor, what the entry concerns, a short leaf hash), or with --json one object per line: seq, time, type, actor, hash (hex leaf hash), body, and corrected_by (the seqs of later corrections) when an entry was corrected. A correction is listed beside what it corrects; nothing is ever edited."
        )

        @Option(name: .long, help: ArgumentHelp("Only entries of this type, e.g. document.registered, or a prefix such as document.", valueName: "type"))
        var type: String?

        @Option(name: .long, help: ArgumentHelp("Only entries that concern this document or party.", valueName: "id"))
        var doc: String?

        @Option(name: .long, help: ArgumentHelp("Only entries recorded at or after this date (YYYY-MM-DD or an RFC 3339 time).", valueName: "date"))
        var since: String?

        @Option(name: .long, help: ArgumentHelp("Print at most this many entries (the oldest first).", valueName: "n"))
        var limit: Int?

        @OptionGroup var location: LedgerOptions
        @OptionGroup var output: OutputOptions

        func validate() throws {
            if let since, LedgerDate.seconds(since) == nil {
                throw ValidationError("--since \"\(since)\" is not a date: use YYYY-MM-DD or an RFC 3339 time such as 2022-02-02T09:30:00Z")
            }
            if let limit, limit < 0 { throw ValidationError("--limit needs a count, 0 or more") }
        }

        func run() throws {
            let ledger = try location.openForReading()
            let filter = LogFilter(type: type, subject: doc, since: since.flatMap(LedgerDate.seconds))
            if output.json {
                try ledger.log(filter, limit: limit) { (item: LogItem) throws(LedgerError) in
                    let entry = item.entry
                    Output.json(.object(dropping: [
                        "seq": .int(entry.seq), "time": .string(entry.time), "type": .string(entry.type.rawValue),
                        "actor": .string(entry.actor), "hash": .string(Merkle.leafHash(entry.canonicalBytes).hex),
                        "body": entry.body, "corrected_by": item.correctedBy.isEmpty ? nil : .array(item.correctedBy.map(JSONValue.int)),
                    ]))
                }
                return
            }
            let header = ["SEQ", "TIME", "TYPE", "ACTOR", "CONCERNS", "HASH"]
            var rows: [[String]] = []
            try ledger.log(filter, limit: limit) { (item: LogItem) throws(LedgerError) in
                let entry = item.entry
                // A correction sits beside what it corrects: "corrected by seq 9", "withdraws seq 4".
                let concerns = [Self.concerns(entry), item.note].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: "; ")
                rows.append([String(entry.seq), entry.time, entry.type.rawValue, entry.actor,
                             concerns, String(Merkle.leafHash(entry.canonicalBytes).hex.prefix(12))])
            }
            Table.print(header: header, rows: rows, maxWidth: Output.isTerminal ? 40 : nil)
        }
    }
}

extension LeakLedgerCommand.Log {
    /// What an entry concerns, in a few words: `doc ← citing` for an excerpt, `from → to` for a
    /// link, `party status on doc` for a status, else the subjects.
    static func concerns(_ entry: Entry) -> String {
        let body = entry.body
        switch entry.type {
        case .excerptRecorded:
            let document = body["document"]?.string ?? "?"
            return body["cited_by"]?.string.map { "\(document) ← \($0)" } ?? document
        case .linkAdded:
            return "\(body["from"]?.string ?? "?") → \(body["to"]?.string ?? "?")"
        case .partyStatus:
            return "\(body["party"]?.string ?? "?") \(body["status"]?.string ?? "?") on \(body["document"]?.string ?? "?")"
        default:
            return Ledger.subjects(of: entry).joined(separator: ", ")
        }
    }
}

/// A plain text table: columns padded to their widest cell.
enum Table {
    /// Prints the header and rows; cells longer than `maxWidth` are cut with an ellipsis.
    static func print(header: [String], rows: [[String]], maxWidth: Int?) {
        // Every cell escaped first: names, notes and actors come from whoever wrote the ledger.
        func cut(_ raw: String) -> String {
            let cell = Terminal.escaped(raw)
            guard let maxWidth, cell.count > maxWidth else { return cell }
            return String(cell.prefix(maxWidth - 1)) + "…"
        }
        let table = ([header] + rows).map { $0.map(cut) }
        var widths = [Int](repeating: 0, count: header.count)
        for row in table { for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) } }
        for row in table {
            let cells = row.enumerated().map { index, cell in
                index == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[index] - cell.count)
            }
            Swift.print(cells.joined(separator: "  "))
        }
    }
}
