/// A witness (c2sp.org/tlog-cosignature): an independent party that cosigns a log's
/// checkpoints only after checking that each one extends the last it cosigned, so that a log
/// cannot show different histories to different readers without a witness noticing.
public struct Witness: Sendable {
    /// The witness's key, of type ``NoteVerifier/Algorithm/cosignatureV1``.
    public let signer: NoteSigner

    /// A witness with this key; `nil` unless it is a cosignature (0x04) key.
    public init?(signer: NoteSigner) {
        guard signer.verifier.algorithm == .cosignatureV1 else { return nil }
        self.signer = signer
    }

    /// A witness with a new key.
    public static func generate(name: String) throws(LedgerError) -> Witness {
        Witness(signer: try NoteSigner.generate(name: name, algorithm: .cosignatureV1))!
    }

    /// The key to give to readers: `name+keyid+base64(0x04 ‖ public key)`.
    public var verifier: NoteVerifier { signer.verifier }

    /// Cosigns a log's signed checkpoint and returns the note with this witness's line added
    /// (replacing an older line of its own).
    ///
    /// Checks the log's signature, then that the checkpoint extends `previous` (the last one
    /// this witness cosigned for the log, if any) by `proof`; a smaller tree or a failed proof
    /// is refused as `.tampered` (that is a fork or a rollback, which is what witnesses exist
    /// to catch).
    public func cosign(
        _ signedCheckpoint: String, logVerifiers: [NoteVerifier], previous: Checkpoint?, proof: [SHA256Digest], time: UInt64
    ) throws(LedgerError) -> String {
        try NoteVerifier.requireLogKeys(logVerifiers)
        let note = try SignedNote.open(signedCheckpoint, verifiers: logVerifiers)
        guard logVerifiers.contains(where: note.isSigned(by:)) else {
            throw LedgerError.tampered("the checkpoint is not signed by the log's key")
        }
        let checkpoint = try Checkpoint(text: note.text)
        if let previous {
            let verdict = CheckpointVerdict(old: previous, new: checkpoint, proof: proof)
            guard verdict.isAcceptable else {
                throw LedgerError.tampered("refusing to cosign: \(verdict.explanation(old: previous, new: checkpoint))")
            }
        }
        guard time <= UInt64(Int64.max) else { throw LedgerError.usage("a cosignature's time must fit in 63 bits") }
        return try SignedNote.adding(signer.cosignatureLine(for: note.text, time: time), to: signedCheckpoint)
    }
}

/// How a newly seen checkpoint relates to one seen before for the same log: the decision a
/// client with memory, or a witness, makes before trusting it.
public enum CheckpointVerdict: Sendable, Hashable {
    /// The same tree: same size, same root.
    case same
    /// A larger tree that the consistency proof shows to extend the old one.
    case extended
    /// Not the same history: same size with another root, or a consistency proof that fails.
    case forked
    /// A smaller tree than one already seen: old state replayed or history cut back.
    case rolledBack
    /// Another log altogether (another origin line).
    case otherLog

    /// Compares `new` with `old` (same origin expected); `proof` is the RFC 9162 consistency
    /// proof from `old.size` to `new.size`, needed only when the tree grew.
    public init(old: Checkpoint, new: Checkpoint, proof: [SHA256Digest]) {
        if old.origin != new.origin {
            self = .otherLog
        } else if new.size < old.size {
            self = .rolledBack
        } else if new.size == old.size {
            self = new.root == old.root ? .same : .forked
        } else {
            let consistent = Merkle.verifyConsistency(oldSize: old.size, newSize: new.size, oldRoot: old.root,
                                                      newRoot: new.root, proof: proof)
            self = consistent ? .extended : .forked
        }
    }

    /// True for ``same`` and ``extended``: the new checkpoint may be trusted and remembered.
    public var isAcceptable: Bool { self == .same || self == .extended }

    /// One sentence for an error line.
    public func explanation(old: Checkpoint, new: Checkpoint) -> String {
        switch self {
        case .same: "the checkpoint is the one seen before (\(new.size) entries)"
        case .extended: "the checkpoint extends the one seen before (\(old.size) to \(new.size) entries)"
        case .forked:
            "the log's history forked: the tree of \(new.size) entries does not extend the one of \(old.size) entries seen before (an entry was changed, removed or reordered)"
        case .rolledBack:
            "the log was rolled back: it now has \(new.size) entries, but \(old.size) were seen before"
        case .otherLog:
            "the checkpoint is for the log \(new.origin.debugDescription), not \(old.origin.debugDescription)"
        }
    }
}
