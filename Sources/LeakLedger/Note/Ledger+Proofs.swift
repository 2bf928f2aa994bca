import Foundation

// Receipts, consistency, cosignatures, client memory and tiles for a ledger folder: the
// library side of `prove`, `verify-receipt`, `check --against`, `cosign` and `export --tiles`.

extension Ledger {
    /// The keys that sign the latest checkpoint, traced from `ledger.created` (never taken
    /// from `ledger.json`, which anyone who can write the folder can rewrite).
    public func verifiers() throws(LedgerError) -> [NoteVerifier] {
        let head = try head()
        return head.keys.current(atSize: head.checkpoint.size).map(\.verifier)
    }

    /// A receipt for entry `seq` against the latest checkpoint (with its cosignatures).
    public func receipt(seq: Int) throws(LedgerError) -> Receipt {
        let note = try checkpoint()
        let checkpoint = try Checkpoint(text: SignedNote.unverifiedText(note))
        guard seq >= 0, seq < checkpoint.size else {
            throw LedgerError.missing("no entry \(seq): the ledger has entries 0 to \(checkpoint.size - 1)")
        }
        let entry = try entry(at: seq)
        let receipt = try Receipt.make(index: seq, entryBytes: entry.canonicalBytes, signedCheckpoint: note,
                                       reader: { (index: Int) throws(LedgerError) -> SHA256Digest in try hash(at: index) })
        // Handed out only once it verifies, with the keys the log traces from ledger.created.
        _ = try receipt.verification(verifiers: keyHistory().current(atSize: checkpoint.size).map(\.verifier))
        return receipt
    }

    /// The consistency proof from an older checkpoint of this ledger to the latest one.
    ///
    /// `oldSignedCheckpoint` must carry a valid signature by a key of this ledger current at its
    /// size (a key retired since still counts); a tree larger
    /// than the current one is a rollback (`.tampered`).
    public func consistencyProof(from oldSignedCheckpoint: String) throws(LedgerError) -> ConsistencyProof {
        let old = try Checkpoint(text: SignedNote.open(oldSignedCheckpoint, verifiers: verifiers(forCheckpoint: oldSignedCheckpoint)).text)
        let note = try checkpoint()
        let new = try Checkpoint(text: SignedNote.unverifiedText(note))
        guard old.origin == new.origin else {
            throw LedgerError.usage("the old checkpoint is for \(old.origin), not this ledger (\(new.origin))")
        }
        guard old.size <= new.size else {
            throw LedgerError.tampered(CheckpointVerdict.rolledBack.explanation(old: old, new: new))
        }
        let proof = try LedgerError.wrappingReads {
            try Merkle.consistencyProof(old: old.size, new: new.size, reader: { (index: Int) throws(LedgerError) -> SHA256Digest in try hash(at: index) })
        }
        return ConsistencyProof(oldSize: old.size, proof: proof, signedCheckpoint: note)
    }

    /// Compares the ledger now with an older signed checkpoint of it: `.same` or `.extended`
    /// when the ledger still holds that history; throws `.tampered` for a fork or a rollback.
    @discardableResult
    public func verify(against oldSignedCheckpoint: String) throws(LedgerError) -> (verdict: CheckpointVerdict, old: Checkpoint, new: Checkpoint) {
        let result = try compare(against: oldSignedCheckpoint)
        guard result.verdict.isAcceptable else {
            throw LedgerError.tampered(result.verdict.explanation(old: result.old, new: result.new))
        }
        return result
    }

    /// The verdict of the ledger now against an older signed checkpoint of it (which must carry
    /// this ledger's signature); throws only when something cannot be read or verified.
    public func compare(against oldSignedCheckpoint: String) throws(LedgerError) -> (verdict: CheckpointVerdict, old: Checkpoint, new: Checkpoint) {
        let old = try Checkpoint(text: SignedNote.open(oldSignedCheckpoint, verifiers: verifiers(forCheckpoint: oldSignedCheckpoint)).text)
        let new = try latestCheckpoint()
        var proof: [SHA256Digest] = []
        if old.origin == new.origin, old.size < new.size {
            proof = try LedgerError.wrappingReads {
                try Merkle.consistencyProof(old: old.size, new: new.size, reader: { (index: Int) throws(LedgerError) -> SHA256Digest in try hash(at: index) })
            }
        }
        return (CheckpointVerdict(old: old, new: new, proof: proof), old, new)
    }

    /// Puts a witness's cosigned version of the latest checkpoint in place of it, under the
    /// writer's lock. The cosigned note must carry the same text and the ledger's signature; if
    /// the ledger moved on meanwhile, nothing is written and the error says to cosign again.
    public func addCosignatures(_ cosignedNote: String) throws(LedgerError) {
        let lock = try LedgerLock(folder: folder, name: LogStore.lockName, timeout: lockTimeout)
        let head = try head()
        let note = try head.keys.verifyCheckpoint(cosignedNote, size: head.checkpoint.size)
        guard note.text == head.checkpoint.text else {
            throw LedgerError.usage("the ledger has a newer checkpoint than the one cosigned; cosign again")
        }
        do { try folder.writeAtomically(Array(cosignedNote.utf8), to: LogStore.checkpointName) } catch { throw LedgerError(error) }
        _ = consume lock
    }

    /// Writes the ledger as C2SP tiles (c2sp.org/tlog-tiles) into `directory`: the latest
    /// checkpoint, hash tiles and entry bundles, all computed from the entries (and checked
    /// against the checkpoint's root before anything is written).
    public func exportTiles(to directory: String) throws(LedgerError) {
        let note = try checkpoint()
        try Tiles.write(to: directory, signedCheckpoint: note, entries: entries().map(\.canonicalBytes))
    }
}

extension Tiles {
    /// Writes the tiles of the checkpoint's tree from the entries alone: the stored hashes are
    /// recomputed in memory and the root compared with the checkpoint's before writing.
    public static func write(to directory: String, signedCheckpoint: String, entries: [[UInt8]]) throws(LedgerError) {
        let checkpoint = try Checkpoint(text: SignedNote.unverifiedText(signedCheckpoint))
        guard entries.count >= checkpoint.size else {
            throw LedgerError.tampered("the checkpoint covers \(checkpoint.size) entries but only \(entries.count) were given")
        }
        var hasher = Merkle.Hasher()
        var stored: [SHA256Digest] = []
        stored.reserveCapacity(Merkle.storedHashCount(checkpoint.size))
        for n in 0..<checkpoint.size {
            let known = stored
            stored += Merkle.storedHashes(forLeaf: n, leafHash: hasher.leafHash(entries[n])) { known[$0] }
        }
        guard Merkle.treeHash(size: checkpoint.size, reader: { stored[$0] }) == checkpoint.root else {
            throw LedgerError.tampered("the entries do not lead to the checkpoint's root; run leakledger check")
        }
        try write(to: directory, signedCheckpoint: signedCheckpoint, reader: { stored[$0] }, entry: { entries[$0] })
    }
}
