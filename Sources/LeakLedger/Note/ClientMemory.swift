import Foundation

/// What a reader remembers of the logs it has seen: the latest checkpoint of each origin,
/// under `$XDG_STATE_HOME/leakledger/checkpoints/` (else `~/.local/state/leakledger/...`).
///
/// On every read of a ledger, ``observe(signedCheckpoint:verifiers:proof:)`` compares the
/// ledger's checkpoint with the remembered one: a fork or a rollback (a folder restored from
/// an old copy, a rewritten log) is refused, even when the new checkpoint's signature is valid.
public struct ClientMemory: Sendable {
    /// The folder holding one file per origin.
    public let directory: String

    /// Memory kept in `directory`.
    public init(directory: String) {
        self.directory = directory
    }

    /// The standard location: `$XDG_STATE_HOME/leakledger/checkpoints`, else
    /// `$HOME/.local/state/leakledger/checkpoints`.
    public static func standard(environment: [String: String] = ProcessInfo.processInfo.environment) -> ClientMemory {
        ClientMemory(directory: stateDirectory(environment: environment) + "/checkpoints")
    }

    /// A witness's memory of what it cosigned: `<state>/witness/<hex SHA-256 of its verifier key>`.
    public static func witness(_ verifier: NoteVerifier, environment: [String: String] = ProcessInfo.processInfo.environment) -> ClientMemory {
        ClientMemory(directory: stateDirectory(environment: environment) + "/witness/" + SHA256.hash(verifier.verifierKey).hex)
    }

    /// `$XDG_STATE_HOME/leakledger` when that is an absolute path (the XDG rule), else
    /// `$HOME/.local/state/leakledger`.
    public static func stateDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let xdg = environment["XDG_STATE_HOME"], xdg.hasPrefix("/") {
            return xdg + "/leakledger"
        }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return home + "/.local/state/leakledger"
    }

    /// The file for an origin: the hex SHA-256 of the origin, so that any origin is a safe name.
    public func path(origin: String) -> String {
        directory + "/" + SHA256.hash(origin).hex + ".checkpoint"
    }

    /// The remembered signed checkpoint for `origin`, or `nil` if none.
    public func remembered(origin: String) throws(LedgerError) -> String? {
        let path = path(origin: origin)
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw LedgerError(.io, "cannot read the remembered checkpoint \(path)")
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// Checks a ledger's signed checkpoint against the remembered one and remembers it when it
    /// is the same tree or extends it.
    ///
    /// `proof(oldSize)` returns the consistency proof from the remembered size to the new one
    /// (e.g. `Merkle.consistencyProof(old:new:reader:)` over the ledger's stored hashes).
    /// Throws `.tampered` for a fork or a rollback, saying which; returns the verdict otherwise
    /// (`nil` when nothing was remembered for this origin).
    @discardableResult
    public func observe(
        signedCheckpoint: String, verifiers: [NoteVerifier], proof: (Int) throws -> [SHA256Digest]
    ) throws(LedgerError) -> CheckpointVerdict? {
        try NoteVerifier.requireLogKeys(verifiers)
        let note = try SignedNote.open(signedCheckpoint, verifiers: verifiers)
        let new = try Checkpoint(text: note.text)
        guard let rememberedText = try remembered(origin: new.origin) else {
            try remember(signedCheckpoint, origin: new.origin)
            return nil
        }
        // The remembered note was verified when it was stored; it is read, not re-trusted,
        // so that a key rotation does not make the memory unreadable.
        let old: Checkpoint
        do {
            old = try Checkpoint(text: SignedNote.unverifiedText(rememberedText))
        } catch {
            throw LedgerError(.malformed, "the remembered checkpoint \(path(origin: new.origin)) is damaged (\(error.message)); delete it to start over")
        }
        var consistency: [SHA256Digest] = []
        if new.size > old.size {
            consistency = try LedgerError.wrappingReads { try proof(old.size) }
        }
        let verdict = CheckpointVerdict(old: old, new: new, proof: consistency)
        switch verdict {
        case .extended:
            try remember(signedCheckpoint, origin: new.origin)
        case .same:
            break
        case .forked, .rolledBack, .otherLog:
            throw LedgerError.tampered(verdict.explanation(old: old, new: new)
                + "; the checkpoint seen before is in \(path(origin: new.origin))")
        }
        return verdict
    }

    /// Compares a checkpoint met without a consistency proof (in a receipt, say) with the one
    /// remembered for its origin: the same size with another root is a fork, and the reason is
    /// returned; anything else cannot be judged without a proof, and gives `nil`.
    public func contradiction(with checkpoint: Checkpoint) throws(LedgerError) -> String? {
        guard let text = try remembered(origin: checkpoint.origin),
              let old = try? Checkpoint(text: SignedNote.unverifiedText(text)),
              old.size == checkpoint.size, old.root != checkpoint.root else { return nil }
        return CheckpointVerdict.forked.explanation(old: old, new: checkpoint)
            + "; the checkpoint seen before is in \(path(origin: checkpoint.origin))"
    }

    /// The file of verified facts beside the remembered checkpoint (byte count, keys).
    func statePath(origin: String) -> String {
        directory + "/" + SHA256.hash(origin).hex + ".state"
    }

    /// The remembered head of `origin`: the checkpoint, and the facts verified with it when the
    /// state file matches it (a missing or stale state file only costs a walk of the log).
    func rememberedHead(origin: String) throws(LedgerError) -> KnownHead? {
        guard let note = try remembered(origin: origin) else { return nil }
        let checkpoint: Checkpoint
        do { checkpoint = try Checkpoint(text: SignedNote.unverifiedText(note)) } catch {
            throw LedgerError(.malformed, "the remembered checkpoint \(path(origin: origin)) is damaged (\(error.message)); delete it to start over")
        }
        var facts: (Int, KeyHistory)?
        if let data = FileManager.default.contents(atPath: statePath(origin: origin)),
           let state = try? JSONValue(parsing: Array(data)),
           state["size"]?.int == checkpoint.size, state["root"]?.string == checkpoint.root.hex,
           let bytes = state["bytes"]?.int, bytes >= 0, let keys = state["keys"].flatMap(KeyHistory.init(json:))
        {
            facts = (bytes, keys)
        }
        return KnownHead(note: note, checkpoint: checkpoint, facts: facts)
    }

    /// Remembers a verified head: its facts first, then its checkpoint (the facts count only
    /// when they name the remembered checkpoint's size and root).
    func remember(_ head: TrustedHead) throws(LedgerError) {
        let state: JSONValue = .object(["size": .int(head.checkpoint.size), "root": .string(head.checkpoint.root.hex),
                                        "bytes": .int(head.byteCount), "keys": head.keys.json])
        let path = statePath(origin: head.checkpoint.origin)
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try Data(state.canonicalBytes).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw LedgerError(.cannotCreate, "cannot remember the checkpoint in \(path): \(error.localizedDescription)")
        }
        try remember(head.note, origin: head.checkpoint.origin)
    }

    /// Stores `signedCheckpoint` as the one remembered for `origin` (write, then rename).
    public func remember(_ signedCheckpoint: String, origin: String) throws(LedgerError) {
        let path = path(origin: origin)
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try Data(signedCheckpoint.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw LedgerError(.cannotCreate, "cannot remember the checkpoint in \(path): \(error.localizedDescription)")
        }
    }
}
