import GRDB

extension LedgerState {
    /// Brings the state to `head`: indexes the entries past its position (verified on the way:
    /// their leaf hashes, on the tree the state stands on, must give the head's root), or
    /// rebuilds it from the start when its position is not on the head's tree.
    ///
    /// Large stretches are committed in batches, so an interrupted rebuild keeps its progress.
    func catchUp(_ ledger: Ledger, to head: TrustedHead) throws(LedgerError) {
        let keeper = ledger.secretStore != nil ? "1" : "0"
        let (built, blind) = try read { db in
            (try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'keeper'"),
             try Int.fetchOne(db, sql: "SELECT 1 FROM documents WHERE blind != 0 LIMIT 1") != nil)
        }
        if blind, built != keeper {
            // Blind documents indexed with the keeper's secrets and read without them (or the
            // other way round): index them again as this process can.
            try index(ledger, from: nil, to: head)
            return
        }
        let position = try position()
        let stamp = ledger.folder.stamp(of: LogStore.entriesName)
        if let position, position.size == head.checkpoint.size, position.root == head.checkpoint.root {
            // The same tree, and the log file untouched since: nothing to do. Touched in place
            // (an edit, not an append): walk it all again, so that the edit is found.
            let recorded = try read { db in try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'stamp'") }
            guard let stamp, let recorded, Self.editedInPlace(recorded: recorded, now: stamp) else { return }
            try index(ledger, from: nil, to: head)
            return
        }
        var start: Position?
        if let position, position.size >= 0, position.size < head.checkpoint.size, position.byteCount <= head.byteCount,
           let builder = try? Merkle.Builder(size: position.size, reader: { (index: Int) throws(LedgerError) -> SHA256Digest in try ledger.store.storedHash(at: index) }),
           builder.root() == position.root
        {
            start = position
        }
        do {
            try index(ledger, from: start, to: head)
        } catch where start != nil && error.kind == .tampered {
            // The stretch did not lead to the head's root from where the state stood: the state
            // was not on this tree after all. Start again from the beginning.
            try index(ledger, from: nil, to: head)
        }
    }

    /// Whether the log file was replaced, or changed without growing, since `recorded` (a file
    /// that only grew is an append on its way to a commit: not an edit).
    static func editedInPlace(recorded: String, now: String) -> Bool {
        guard recorded != now else { return false }
        let old = recorded.split(separator: ":"), new = now.split(separator: ":")
        guard old.count == 3, new.count == 3 else { return true }
        return old[0] != new[0] || old[1] == new[1]
    }

    /// Rebuilds the state from the log.
    func rebuild(_ ledger: Ledger, to head: TrustedHead) throws(LedgerError) {
        try index(ledger, from: nil, to: head)
    }

    private func index(_ ledger: Ledger, from start: Position?, to head: TrustedHead) throws(LedgerError) {
        var builder: Merkle.Builder
        if let start {
            builder = try Merkle.Builder(size: start.size) { (index: Int) throws(LedgerError) -> SHA256Digest in try ledger.store.storedHash(at: index) }
        } else {
            builder = Merkle.Builder()
        }
        var hasher = Merkle.Hasher()
        var offset = start?.byteCount ?? 0
        var batch: [(entry: Entry, offset: Int, length: Int)] = []
        var first = start == nil
        var precomputed: [SHA256Digest: TextBuckets] = [:]
        let target = head.checkpoint.size
        func flush() throws(LedgerError) {
            let entries = batch
            let clear = first
            let position = Position(size: builder.size, root: builder.root(hasher: &hasher), byteCount: offset)
            // The texts of the batch's registrations are read and indexed on every core first.
            var objects: [SHA256Digest] = []
            for item in entries where item.entry.type == .documentRegistered && item.entry.body["content"]?.string == "text" && item.entry.body["stored"]?.bool == true {
                if let hex = item.entry.body["text_object"]?.string ?? item.entry.body["sha256"]?.string, let digest = SHA256Digest(hex: hex) {
                    if let known = ledger.precomputed(digest) { precomputed[digest] = known } else { objects.append(digest) }
                }
            }
            let texts = precomputed.merging(TextBuckets.compute(objects, store: ledger.objects)) { $1 }
            precomputed.removeAll()
            try write { db in
                if clear { try Self.clear(db) }
                var indexer = StateIndexer(db: db, ledger: ledger, texts: texts)
                for item in entries { try indexer.add(item.entry, offset: item.offset, length: item.length) }
                try indexer.finish()
                try Self.setPosition(db, position)
            }
            batch.removeAll(keepingCapacity: true)
            first = false
        }
        if builder.size < target {
            try ledger.store.scanLines(from: offset) { (line: UnsafeRawBufferPointer, at: Int) throws(LedgerError) -> Bool in
                let seq = builder.size
                let entry: Entry
                // The stretch is checked against the signed root as a whole at the end; its lines
                // are not re-encoded to check their canonical form (check does that).
                do throws(LedgerError) { entry = try Entry(line: line, canonical: false) } catch {
                    throw LedgerError.tampered("the entry at seq \(seq) does not parse (\(error.message)); run leakledger check")
                }
                guard entry.seq == seq else {
                    throw LedgerError.tampered("line \(seq + 1) of log/entries.jsonl holds seq \(entry.seq); run leakledger check")
                }
                builder.append(leafHash: hasher.leafHash(line), hasher: &hasher)
                batch.append((entry, at, line.count))
                offset = at + line.count + 1
                if batch.count >= Self.batchSize {
                    try flush()
                }
                return builder.size < target
            }
        }
        guard builder.size == target, builder.root(hasher: &hasher) == head.checkpoint.root else {
            // What was written in batches does not stand on the signed tree: throw it away.
            try? write { db in try Self.clear(db) }
            throw LedgerError.tampered(ledger.damageMessage(from: start?.size ?? 0, offset: start?.byteCount ?? 0, size: target))
        }
        try flush()
        let keeper = ledger.secretStore != nil ? "1" : "0"
        try write { db in try db.execute(sql: "INSERT OR REPLACE INTO meta(key, value) VALUES ('keeper', ?)", arguments: [keeper]) }
        if let stamp = ledger.folder.stamp(of: LogStore.entriesName) {
            try write { db in try db.execute(sql: "INSERT OR REPLACE INTO meta(key, value) VALUES ('stamp', ?)", arguments: [stamp]) }
        }
    }

    /// Entries indexed per transaction during a long catch-up.
    static let batchSize = 20_000
}
