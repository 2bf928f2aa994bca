// Key rotation: a ledger adds a signing key, then retires the old one, with both steps in the
// log (`key.added`, `key.retired`) and `ledger.json` rewritten to match. See ``KeyHistory``.

extension Ledger {
    /// The signing keys over time, from the committed log. Only `ledger.created` and the
    /// lines that can be key entries are parsed, so this stays cheap on a large log.
    public func keyHistory() throws(LedgerError) -> KeyHistory {
        let lines = try store.readCommitted().lines
        var keyEntries: [Entry] = []
        for (seq, line) in lines.enumerated() where Self.mayChangeKeys(line, seq: seq) {
            keyEntries += try Self.parse([line], from: seq)
        }
        return try KeyHistory(entries: keyEntries)
    }

    /// True for seq 0 and for lines holding `"type":"key.` (every key entry does; a false
    /// positive is only parsed for nothing).
    static func mayChangeKeys(_ line: ArraySlice<UInt8>, seq: Int) -> Bool {
        seq == 0 || line.firstRange(of: keyTypeMarker) != nil
    }

    private static let keyTypeMarker = Array("\"type\":\"key.".utf8)

    /// The keys that sign the checkpoint of a tree of `size` entries (for checking an older
    /// checkpoint, which a key since retired may have signed).
    public func verifiers(atSize size: Int) throws(LedgerError) -> [NoteVerifier] {
        try keyHistory().current(atSize: size).map(\.verifier)
    }

    /// The keys valid for a signed checkpoint of this ledger: those current at its size.
    func verifiers(forCheckpoint noteText: String) throws(LedgerError) -> [NoteVerifier] {
        try verifiers(atSize: Checkpoint(text: SignedNote.unverifiedText(noteText)).size)
    }

    /// Adds `newKey` to the current keys: appends `key.added`, whose commit's checkpoint is
    /// signed by every current key and the new one, and rewrites `ledger.json`. Needs the
    /// ledger open with every current key.
    @discardableResult
    public func addKey(_ newKey: NoteSigner, actor: String) throws(LedgerError) -> Entry {
        guard newKey.verifier.algorithm == .ed25519 else {
            throw LedgerError.usage("\(newKey.name) is a witness key; a ledger key signs notes (make one with leakledger key add --new-key NEW_FILE)")
        }
        let body: JSONValue = .object(["verifier_key": .string(newKey.verifier.verifierKey)])
        return try appendKeyChange(EntryDraft(type: .keyAdded, body: body), adding: [newKey], actor: actor)
    }

    /// Retires `key`: appends `key.retired` (with `reason` when given), signed by the keys that
    /// stay current, and rewrites `ledger.json`. The last current key cannot be retired.
    @discardableResult
    public func retireKey(_ key: NoteVerifier, reason: String?, actor: String) throws(LedgerError) -> Entry {
        let body: JSONValue = .object(dropping: ["verifier_key": .string(key.verifierKey), "reason": reason.map(JSONValue.string)])
        return try appendKeyChange(EntryDraft(type: .keyRetired, body: body), adding: [], actor: actor)
    }

    /// Rewrites `ledger.json` from the log's key history (after a key command was interrupted
    /// between its commit and the rewrite, or after a hand edit). Needs no private key: the
    /// signed log decides. Returns true when the file changed.
    @discardableResult
    public func syncKeyFile() throws(LedgerError) -> Bool {
        try store.withWriterLock(timeout: lockTimeout) { () throws(LedgerError) -> Bool in
            let entries = try Self.parse(try store.readCommitted().lines)
            return try writeKeyFile(KeyHistory(entries: entries))
        }
    }

    private func appendKeyChange(_ draft: EntryDraft, adding newKeys: [NoteSigner], actor: String) throws(LedgerError) -> Entry {
        let appended = try append(actor: actor, adding: newKeys, afterCommit: { (all: [Entry]) throws(LedgerError) in
            do throws(LedgerError) { _ = try writeKeyFile(KeyHistory(entries: all)) } catch {
                throw LedgerError(error.kind, "entry \(all.count - 1) (\(draft.type)) is committed, but ledger.json was not rewritten (\(error.message)); run leakledger key sync")
            }
        }) { (_: [Entry]) throws(LedgerError) -> [EntryDraft] in [draft] }
        return appended[0]
    }

    /// Writes `ledger.json` for `history` when it differs from what is there.
    private func writeKeyFile(_ history: KeyHistory) throws(LedgerError) -> Bool {
        let bytes = history.identityJSON(origin: identity.origin, format: identity.format).canonicalBytes + [0x0A]
        if let current = try? FileSystem.read(layout.identity), current == bytes { return false }
        do { try FileSystem.writeAtomically(bytes, to: layout.identity) } catch { throw LedgerError(error) }
        return true
    }

    /// For `check`: replays the key entries among the first `size` lines, checks that every
    /// key current at `size` signed the checkpoint `note`, and that `ledger.json` lists the
    /// keys the log makes current and retired. Returns the first problem and its seq.
    func keyProblem(lines: [ArraySlice<UInt8>], size: Int, note: String) -> (seq: Int, problem: String)? {
        var history = KeyHistory()
        for seq in 0..<min(size, lines.count) where Self.mayChangeKeys(lines[seq], seq: seq) {
            // Entries were checked (parse, canonical, seq) before this runs.
            guard let entry = try? Entry(line: lines[seq]) else { continue }
            do { try history.apply(entry.type, body: entry.body, seq: seq) } catch {
                return (seq, "the \(entry.type) entry at seq \(seq) breaks the key rules: \(error.message)")
            }
        }
        let needed = history.current(atSize: size)
        let names = needed.map(\.verifierKey).joined(separator: ", ")
        let signed: SignedNote
        do { signed = try SignedNote.open(note, verifiers: needed.map(\.verifier)) } catch {
            return (0, "the checkpoint of \(size) entries is not signed by the keys current at that size (\(names)): \(error.message); no entry is vouched for")
        }
        let missing = needed.filter { !signed.isSigned(by: $0.verifier) }
        if !missing.isEmpty {
            return (0, "the checkpoint of \(size) entries lacks the signature of \(missing.map(\.verifierKey).joined(separator: ", ")), current at that size (every current key signs each checkpoint); no entry is vouched for")
        }
        let expected = history.identityJSON(origin: identity.origin, format: identity.format)
        let onDisk = (try? FileSystem.read(layout.identity)).flatMap { try? JSONValue(parsing: $0) }
        if onDisk?["verifier_keys"] != expected["verifier_keys"] || onDisk?["retired_keys"] != expected["retired_keys"] {
            return (0, "ledger.json does not list the keys the log makes current (\(history.current.map(\.verifierKey).joined(separator: ", "))) and retired (\(history.retired.count)): if a leakledger key command was interrupted, run leakledger key sync; otherwise find out who edited ledger.json")
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
