extension Ledger {
    /// The first entry from `seq` on (its line at `offset`) whose leaf hash differs from its stored
    /// leaf hash: where a stretch that does not give the signed root was changed. Nil when every
    /// line matches its stored hash (then `log/hashes` was changed too, or the tree was rewritten).
    func firstChangedEntry(from seq: Int, offset: Int, size: Int) -> Int? {
        var current = seq
        var found: Int?
        var hasher = Merkle.Hasher()
        try? store.scanLines(from: offset) { (line: UnsafeRawBufferPointer, _: Int) throws(LedgerError) -> Bool in
            let stored = try? store.storedHash(at: Merkle.storedHashIndex(level: 0, n: current))
            if stored != hasher.leafHash(line) {
                found = current
                return false
            }
            current += 1
            return current < size
        }
        return found
    }

    /// The message for a stretch from `seq` on that does not lead to the signed root.
    func damageMessage(from seq: Int, offset: Int, size: Int) -> String {
        if let bad = firstChangedEntry(from: seq, offset: offset, size: size) {
            return "entry \(bad) does not match the checkpoint's root: log/entries.jsonl was changed (first bad seq \(bad)); run leakledger check"
        }
        return "the entries from seq \(seq) on do not give the checkpoint's root: the log or log/hashes was changed; run leakledger check"
    }
}
