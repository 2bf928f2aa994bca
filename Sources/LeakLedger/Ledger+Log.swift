import GRDB

/// One line of `log`: the entry, checked against the signed root, and what later corrections
/// say of it.
public struct LogItem: Sendable {
    /// The entry.
    public let entry: Entry
    /// The seqs of its corrections, oldest first.
    public let correctedBy: [Int]
    /// "corrected by seq 9", "withdrawn by seq 9", or for a correction "corrects seq 4" /
    /// "withdraws seq 4"; nil for an entry never corrected.
    public let note: String?
}

/// Which entries `log` lists.
public struct LogFilter: Sendable {
    /// A type, or a type prefix (`document` for `document.*`).
    public var type: String?
    /// Only entries that concern this document or party.
    public var subject: String?
    /// Only entries recorded at or after this instant (seconds since 1970).
    public var since: Int?

    /// A filter; nil members select everything.
    public init(type: String? = nil, subject: String? = nil, since: Int? = nil) {
        self.type = type
        self.subject = subject
        self.since = since
    }

    var isEmpty: Bool { type == nil && subject == nil && since == nil }
}

extension Ledger {
    /// Calls `each` with the entries `filter` selects, oldest first, at most `limit`. The
    /// selection comes from the derived state; every entry handed out is checked against the
    /// signed root (a run of consecutive entries at once).
    public func log(_ filter: LogFilter, limit: Int? = nil, _ each: (LogItem) throws(LedgerError) -> Void) throws(LedgerError) {
        let head = try head()
        let state = try state()
        let wanted = min(limit ?? Int.max, head.checkpoint.size)
        guard wanted > 0 else { return }
        var after = -1
        var delivered = 0
        while delivered < wanted {
            let chunk = min(4096, wanted - delivered)
            let seqs = try state.select(filter, after: after, limit: chunk, below: head.checkpoint.size)
            guard !seqs.isEmpty else { return }
            let entries = try filter.isEmpty && seqs.last! - seqs.first! + 1 == seqs.count
                ? verifiedRun(from: seqs.first!, count: seqs.count, head: head, state: state)
                : self.entries(at: seqs)
            let corrections = try self.corrections(of: seqs)
            let lastCorrections = try self.entries(at: corrections.values.compactMap(\.last))
            let withdrawn = Set(lastCorrections.filter { $0.body["replacement"] == nil }.map(\.seq))
            for entry in entries {
                let list = corrections[entry.seq] ?? []
                var note: String?
                if entry.type == .entryCorrected, let target = entry.body["corrects"]?.int {
                    note = entry.body["replacement"] == nil ? "withdraws seq \(target)" : "corrects seq \(target)"
                } else if let last = list.last {
                    let seqs = list.map(String.init).joined(separator: ", ")
                    note = withdrawn.contains(last) ? "withdrawn by seq \(seqs)" : "corrected by seq \(seqs)"
                }
                try each(LogItem(entry: entry, correctedBy: list, note: note))
            }
            delivered += entries.count
            after = seqs.last!
        }
    }

    /// The consecutive entries `first ..< first + count`, read in one pass and checked together
    /// against the root (``Merkle/treeHash(size:leaves:from:reader:)``).
    private func verifiedRun(from first: Int, count: Int, head: TrustedHead, state: LedgerState) throws(LedgerError) -> [Entry] {
        guard let place = try state.places(of: [first])[first] else { return try entries(at: Array(first..<first + count)) }
        var entries: [Entry] = []
        var leaves: [SHA256Digest] = []
        entries.reserveCapacity(count)
        leaves.reserveCapacity(count)
        var hasher = Merkle.Hasher()
        try store.scanLines(from: place.offset) { (line: UnsafeRawBufferPointer, _: Int) throws(LedgerError) -> Bool in
            entries.append(try Self.parse(line, seq: first + entries.count))
            leaves.append(hasher.leafHash(line))
            return entries.count < count
        }
        guard entries.count == count,
              try Merkle.treeHash(size: head.checkpoint.size, leaves: leaves[...], from: first,
                                  reader: { (index: Int) throws(LedgerError) -> SHA256Digest in try store.storedHash(at: index) }) == head.checkpoint.root
        else {
            // Find the first entry that does not verify, for the message.
            return try self.entries(at: Array(first..<first + count))
        }
        return entries
    }
}

extension LedgerState {
    /// The seqs `filter` selects after `after`, ascending, at most `limit`, below `size`.
    func select(_ filter: LogFilter, after: Int, limit: Int, below size: Int) throws(LedgerError) -> [Int] {
        try read { db in
            var conditions = ["e.seq > ?", "e.seq < ?"]
            var arguments: [any DatabaseValueConvertible] = [after, size]
            if let type = filter.type {
                conditions.append("(e.type = ? OR e.type LIKE ? ESCAPE '\\')")
                let escaped = type.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
                arguments += [type, escaped + ".%"]
            }
            if let since = filter.since {
                conditions.append("e.time >= ?")
                arguments.append(LedgerDate.text(seconds: since))
            }
            var from = "entries e"
            if let subject = filter.subject {
                from = "subjects s JOIN entries e ON e.seq = s.seq"
                conditions.append("s.subject = ? AND s.kind = 0")
                arguments.append(subject)
            }
            return try Int.fetchAll(db, sql: "SELECT e.seq FROM \(from) WHERE \(conditions.joined(separator: " AND ")) ORDER BY e.seq LIMIT ?",
                                    arguments: StatementArguments(arguments + [limit]))
        }
    }
}
