// Key rotation: a ledger adds a signing key, then retires the old one, with both steps in the
// log (`key.added`, `key.retired`) and `ledger.json` rewritten to match. See ``KeyHistory``.

extension Ledger {
    /// The signing keys over time, traced from `ledger.created` (the trusted head's).
    public func keyHistory() throws(LedgerError) -> KeyHistory {
        try head().keys
    }

    /// The keys that sign the checkpoint of a tree of `size` entries (for checking an older
    /// checkpoint, which a key since retired may have signed).
    public func verifiers(atSize size: Int) throws(LedgerError) -> [NoteVerifier] {
        try keyHistory().current(atSize: size).map(\.verifier)
    }

    /// The keys valid for a signed checkpoint of this ledger: those current at its size.
    func verifiers(forCheckpoint noteText: String) throws(LedgerError) -> [NoteVerifier] {
        try verifiers(atSize: Checkpoint(text: SignedNote.unverifiedText(noteText)).size)
    }

    /// Adds `newKey` to the current keys: appends `key.added`, carrying the authorization of
    /// every current key (over the new key, the origin and the tree head it extends), whose
    /// commit's checkpoint is signed by every current key and the new one, and rewrites
    /// `ledger.json`. Needs the ledger open with every current key.
    @discardableResult
    public func addKey(_ newKey: NoteSigner, actor: String) throws(LedgerError) -> Entry {
        guard newKey.verifier.algorithm == .ed25519 else {
            throw LedgerError.usage("\(newKey.name) is a witness key; a ledger key signs notes (make one with leakledger key add --new-key NEW_FILE)")
        }
        let origin = identity.origin
        return try appendKeyChange(adding: [newKey], actor: actor) { (context: AppendContext) throws(LedgerError) -> EntryDraft in
            let inForce = try context.head.keys.signers(from: self.signers)
            let note = KeyHistory.authorization(by: inForce, origin: origin, newKey: newKey.verifier.verifierKey, extending: context.head.checkpoint)
            return EntryDraft(type: .keyAdded, body: .object(["verifier_key": .string(newKey.verifier.verifierKey), "authorization": .string(note)]))
        }
    }

    /// Retires `key`: appends `key.retired` (with `reason` when given), signed by the keys that
    /// stay current, and rewrites `ledger.json`. The last current key cannot be retired.
    @discardableResult
    public func retireKey(_ key: NoteVerifier, reason: String?, actor: String) throws(LedgerError) -> Entry {
        let body: JSONValue = .object(dropping: ["verifier_key": .string(key.verifierKey), "reason": reason.map(JSONValue.string)])
        return try appendKeyChange(adding: [], actor: actor) { (_: AppendContext) throws(LedgerError) -> EntryDraft in
            EntryDraft(type: .keyRetired, body: body)
        }
    }

    /// Rewrites `ledger.json` from the log's key history (after a key command was interrupted
    /// between its commit and the rewrite, or after a hand edit). Needs no private key: the
    /// signed log decides. Returns true when the file changed.
    @discardableResult
    public func syncKeyFile() throws(LedgerError) -> Bool {
        try store.withWriterLock(timeout: lockTimeout) { () throws(LedgerError) -> Bool in
            try writeKeyFile(head().keys)
        }
    }

    private func appendKeyChange(adding newKeys: [NoteSigner], actor: String,
                                 _ draft: (AppendContext) throws(LedgerError) -> EntryDraft) throws(LedgerError) -> Entry {
        var type = EntryType.keyAdded
        let appended = try append(actor: actor, adding: newKeys, afterCommit: { (head: TrustedHead) throws(LedgerError) in
            do throws(LedgerError) { _ = try writeKeyFile(head.keys) } catch {
                throw LedgerError(error.kind, "entry \(head.checkpoint.size - 1) (\(type)) is committed, but ledger.json was not rewritten (\(error.message)); run leakledger key sync")
            }
        }) { (context: AppendContext) throws(LedgerError) -> [EntryDraft] in
            let made = try draft(context)
            type = made.type
            return [made]
        }
        return appended[0]
    }

    /// Writes `ledger.json` for `history` when it differs from what is there.
    private func writeKeyFile(_ history: KeyHistory) throws(LedgerError) -> Bool {
        let bytes = history.identityJSON(origin: identity.origin, format: identity.format).canonicalBytes + [0x0A]
        if let current = try? folder.read(Self.identityName, limit: Self.identityLimit), current == bytes { return false }
        do { try folder.writeAtomically(bytes, to: Self.identityName) } catch { throw LedgerError(error) }
        return true
    }

    /// For `check`: whether `ledger.json` lists the keys the log makes current and retired (as
    /// ``KeyHistory/identityJSON(origin:format:)`` writes them); the problem in words, or nil.
    func identityProblem(_ history: KeyHistory) -> String? {
        let expected = history.identityJSON(origin: identity.origin, format: identity.format)
        let onDisk: JSONValue
        do { onDisk = try JSONValue(parsing: folder.read(Self.identityName, limit: Self.identityLimit)) } catch {
            return "ledger.json cannot be read (\(error)); if a leakledger key command was interrupted, run leakledger key sync"
        }
        for member in ["verifier_keys", "retired_keys", "added_keys"] where onDisk[member] != expected[member] {
            return "ledger.json does not list the keys the log makes current (\(history.current.map(\.verifierKey).joined(separator: ", "))), added and retired (\(history.retired.count)): if a leakledger key command was interrupted, run leakledger key sync; otherwise find out who edited ledger.json"
        }
        return nil
    }
}

extension NoteSigner {
    /// The signed note of `text` with one signature line per signer, in order (a checkpoint
    /// signed by every current key of a ledger).
    public static func sign(_ text: String, by signers: [NoteSigner]) -> String {
        precondition(!signers.isEmpty, "NoteSigner.sign(_:by:): a signed note needs a signer")
        return text + "\n" + signers.map { $0.signatureLine(for: text) + "\n" }.joined()
    }
}

extension Receipt {
    /// Verifies the receipt (as ``verification(verifiers:witnesses:quorum:origin:)``) against
    /// keys with their retirement sizes: a key retired at size `r` vouches only for checkpoints
    /// of fewer than `r` entries, so receipts issued before a rotation keep verifying and a
    /// checkpoint signed after the retirement by the retired key alone does not.
    public func verification(
        trusting keys: [TrustedKey], witnesses: [NoteVerifier] = [], quorum: Int = 0, origin: String? = nil
    ) throws(LedgerError) -> Verified {
        let verified = try verification(verifiers: keys.map(\.verifier), witnesses: witnesses, quorum: quorum, origin: origin)
        let size = verified.checkpoint.size
        guard keys.contains(where: { $0.vouches(forSize: size) && verified.note.isSigned(by: $0.verifier) }) else {
            let retired = keys.filter { !$0.vouches(forSize: size) && verified.note.isSigned(by: $0.verifier) }
            throw LedgerError.tampered("the receipt's checkpoint (\(size) entries) is signed only by \(retired.map(\.verifier.name).joined(separator: ", ")), retired at tree size \(retired.compactMap(\.retiredAt).map(String.init).joined(separator: ", ")): it was made after the retirement; ask the ledger's keeper for a receipt signed by a current key")
        }
        return verified
    }
}
