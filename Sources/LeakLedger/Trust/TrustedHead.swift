/// The head of a ledger as a reader trusts it: the signed checkpoint, verified with the keys the
/// log itself authorizes from its `ledger.created` entry on, and the facts about the log that
/// were checked against its root on the way (DESIGN.md, "Reading: verify what you use").
///
/// A head is learnt once and carried forward: a reader's memory (``ClientMemory``) keeps it
/// between runs, and a later head is verified from it by reading only the entries added since,
/// so that the cost of opening a ledger does not grow with its size.
public struct TrustedHead: Sendable, Hashable {
    /// The signed checkpoint, as stored.
    public let note: String
    /// Its body: origin, size, root.
    public let checkpoint: Checkpoint
    /// The bytes of `log/entries.jsonl` that the checkpoint's entries span.
    public let byteCount: Int
    /// The signing keys over time, traced from `ledger.created`.
    public let keys: KeyHistory

    /// Where an append on this head starts.
    var base: AppendBase { AppendBase(checkpoint: checkpoint, byteCount: byteCount) }
}

/// What a reader knew of a ledger before: a remembered checkpoint, and the head facts verified
/// with it when they are known.
struct KnownHead {
    /// The remembered signed checkpoint.
    var note: String
    /// Its body.
    var checkpoint: Checkpoint
    /// The byte count and keys verified at that checkpoint; nil when only the note is known
    /// (then the log is walked from the start).
    var facts: (byteCount: Int, keys: KeyHistory)?

    init(_ head: TrustedHead) {
        note = head.note
        checkpoint = head.checkpoint
        facts = (head.byteCount, head.keys)
    }

    init(note: String, checkpoint: Checkpoint, facts: (byteCount: Int, keys: KeyHistory)?) {
        self.note = note
        self.checkpoint = checkpoint
        self.facts = facts
    }
}

extension Ledger {
    /// Verifies the stored checkpoint `stored`, carrying forward what was known before.
    ///
    /// - Nothing known: the whole log is walked (every leaf hashed, key entries checked) and its
    ///   root compared with the checkpoint's.
    /// - The same tree as before: nothing is read but the signature.
    /// - A larger tree: the stored hashes must give the known root (the new tree is built on
    ///   the known one), and only the entries added since are read and hashed.
    /// - A smaller tree or another root at the same size: the verdict (rolled back, forked) is
    ///   returned with no head; nothing is trusted.
    ///
    /// In every case the checkpoint must be signed by every key the log makes current at its size.
    func verifyHead(_ stored: StoredHead, known: KnownHead?) throws(LedgerError) -> (head: TrustedHead?, verdict: CheckpointVerdict?) {
        let new = stored.checkpoint
        if let known {
            let old = known.checkpoint
            if new.size < old.size { return (nil, .rolledBack) }
            if new.size == old.size, new.root != old.root { return (nil, .forked) }
        }
        var walk: LogWalk
        var offset: Int
        var checkAt: (size: Int, root: SHA256Digest)?
        if let known, let facts = known.facts {
            if new.size == known.checkpoint.size {
                _ = try facts.keys.verifyCheckpoint(stored.note, size: new.size)
                return (TrustedHead(note: stored.note, checkpoint: new, byteCount: facts.byteCount, keys: facts.keys), .same)
            }
            let builder = try Merkle.Builder(size: known.checkpoint.size) { (index: Int) throws(LedgerError) -> SHA256Digest in
                try store.storedHash(at: index)
            }
            guard builder.root() == known.checkpoint.root else { return (nil, .forked) }
            walk = LogWalk(origin: identity.origin, builder: builder, keys: facts.keys)
            offset = facts.byteCount
        } else {
            walk = LogWalk(origin: identity.origin)
            offset = 0
            if let known { checkAt = (known.checkpoint.size, known.checkpoint.root) }
        }
        var forked = false
        if walk.seq < new.size {
            try store.scanLines(from: offset) { (line: UnsafeRawBufferPointer, at: Int) throws(LedgerError) -> Bool in
                if let check = checkAt, walk.seq == check.size, walk.root() != check.root { forked = true; return false }
                try walk.take(line)
                offset = at + line.count + 1
                return walk.seq < new.size
            }
        }
        if let check = checkAt, !forked, walk.seq == check.size, walk.root() != check.root { forked = true }
        if forked { return (nil, .forked) }
        guard walk.seq == new.size else {
            throw LedgerError.tampered("log/entries.jsonl holds \(walk.seq) complete entries but the checkpoint covers \(new.size): committed entries are missing; run leakledger check")
        }
        guard walk.root() == new.root else {
            let from = known?.facts == nil ? 0 : known!.checkpoint.size
            throw LedgerError.tampered(damageMessage(from: from, offset: known?.facts?.byteCount ?? 0, size: new.size))
        }
        _ = try walk.keys.verifyCheckpoint(stored.note, size: new.size)
        let head = TrustedHead(note: stored.note, checkpoint: new, byteCount: offset, keys: walk.keys)
        guard let known else { return (head, nil) }
        return (head, known.checkpoint.size == new.size ? .same : .extended)
    }
}
