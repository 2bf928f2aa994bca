/// The ledger's signing keys over time, as its entries record them: the `verifier_keys` of
/// `ledger.created`, then every `key.added` and `key.retired`. The log is the authority;
/// `ledger.json` repeats the outcome (``identityJSON(origin:format:)``) for readers.
///
/// An entry at seq `s` takes effect at tree size `s + 1`, the size of the checkpoint that
/// commits it. A key vouches for the checkpoints of sizes `addedAt ..< retiredAt`, and a
/// checkpoint of size `n` is signed by every key current at `n`: the commit of `key.added` is
/// signed by the new key as well (its keeper proves they hold it), the commit of `key.retired`
/// no longer by the retired one. Checkpoints signed before a retirement stay valid, so receipts
/// that carry them keep verifying with the retired key.
public struct KeyHistory: Sendable, Hashable {
    /// One key and the tree sizes it vouches for.
    public struct Key: Sendable, Hashable {
        /// The key.
        public let verifier: NoteVerifier
        /// The first tree size whose checkpoint it signs (0 for the ledger's first keys).
        public let addedAt: Int
        /// The first tree size whose checkpoint it no longer signs; nil while current.
        public internal(set) var retiredAt: Int?
        /// Why it was retired, as recorded.
        public internal(set) var reason: String?
        /// The signed note by the keys in force before it that let it in (nil for the keys of
        /// `ledger.created`).
        public internal(set) var authorization: String?

        /// The key in signed-note verifier format.
        public var verifierKey: String { verifier.verifierKey }

        /// True when a checkpoint of `size` entries is signed by this key.
        public func isCurrent(atSize size: Int) -> Bool {
            addedAt <= size && retiredAt.map { size < $0 } ?? true
        }
    }

    /// Every key the ledger ever had, in the order they were added.
    public internal(set) var keys: [Key] = []

    /// No keys yet (before `ledger.created`).
    public init() {}

    /// The history recorded by key entries of a committed log, in order, each with the tree head
    /// it extends (the checkpoint of `seq` entries, which a `key.added` authorization signs). An
    /// entry that breaks the rules is `.tampered`: a writer never commits one.
    public init(entries: some Sequence<(entry: Entry, extending: Checkpoint)>) throws(LedgerError) {
        for (entry, head) in entries {
            do { try apply(entry.type, body: entry.body, seq: entry.seq, extending: head) } catch {
                throw LedgerError.tampered("entry \(entry.seq) (\(entry.type)): \(error.message); run leakledger check")
            }
        }
    }

    /// A history as remembered (``keys`` of an earlier, verified one).
    init(keys: [Key]) {
        self.keys = keys
    }

    /// The keys current now (after the last entry).
    public var current: [Key] { keys.filter { $0.retiredAt == nil } }

    /// The retired keys, in the order they were added.
    public var retired: [Key] { keys.filter { $0.retiredAt != nil } }

    /// The keys that sign the checkpoint of a tree of `size` entries.
    public func current(atSize size: Int) -> [Key] {
        keys.filter { $0.isCurrent(atSize: size) }
    }

    /// Takes one entry (or draft, at the seq it will get) into account; `head` is the tree head
    /// it extends (size `seq`). Entries of other types change nothing. Throws `.usage` for an
    /// entry that breaks the rules: a key that does not parse or is a witness key, a key added
    /// twice (a retired key never returns), a `key.added` without the authorization of every key
    /// current before it (``authorizationText(origin:newKey:extending:)``), retiring a key that is
    /// not current or the last current one.
    public mutating func apply(_ type: EntryType, body: JSONValue, seq: Int, extending head: Checkpoint) throws(LedgerError) {
        switch type {
        case .ledgerCreated:
            guard keys.isEmpty else { throw LedgerError.usage("ledger.created can only be the first entry") }
            guard let list = body["verifier_keys"]?.array, !list.isEmpty else {
                throw LedgerError.usage("the ledger.created body needs verifier_keys, at least one")
            }
            for value in list {
                let verifier = try Self.logKey(value.string, entry: "ledger.created")
                guard !keys.contains(where: { $0.verifier == verifier }) else {
                    throw LedgerError.usage("ledger.created lists \(verifier.verifierKey) twice")
                }
                keys.append(Key(verifier: verifier, addedAt: 0))
            }
        case .keyAdded:
            guard !keys.isEmpty else { throw LedgerError.usage("key.added before ledger.created") }
            let verifier = try Self.logKey(body["verifier_key"]?.string, entry: "key.added")
            if let known = keys.first(where: { $0.verifier.name == verifier.name && $0.verifier.keyID == verifier.keyID }) {
                let state = known.retiredAt == nil ? "already a current key" : "a retired key, and a retired key never returns"
                throw LedgerError.usage("\(verifier.verifierKey) is \(state) of this ledger; make a new key (leakledger key add --new-key NEW_FILE)")
            }
            try checkAuthorization(body["authorization"], of: verifier, extending: head, seq: seq)
            var key = Key(verifier: verifier, addedAt: seq + 1)
            key.authorization = body["authorization"]?.string
            keys.append(key)
        case .keyRetired:
            let verifier = try Self.logKey(body["verifier_key"]?.string, entry: "key.retired")
            guard let index = keys.firstIndex(where: { $0.verifier == verifier && $0.retiredAt == nil }) else {
                throw LedgerError.usage("\(verifier.verifierKey) is not a current key of this ledger (see leakledger key list)")
            }
            guard current.count > 1 else {
                throw LedgerError.usage("\(verifier.verifierKey) is the ledger's only current key; add its successor first (leakledger key add), then retire it")
            }
            var reason: String?
            if let value = body["reason"] {
                guard let text = value.string, !text.isEmpty else { throw LedgerError.usage("a key.retired reason is a non-empty string") }
                reason = text
            }
            keys[index].retiredAt = seq + 1
            keys[index].reason = reason
        default:
            break
        }
    }

    /// The text every key in force signs to let `newKey` in: the origin, the new key and the
    /// tree head the `key.added` entry extends (its seq is that head's size), so that the
    /// authorization cannot be replayed in another ledger or at another place in this one.
    public static func authorizationText(origin: String, newKey: String, extending head: Checkpoint) -> String {
        "leakledger key-added v1\n\(origin)\n\(newKey)\n\(head.size)\n\(Base64.encode(head.root.bytes))\n"
    }

    /// The signed note a `key.added` body carries as `authorization`, made by `signers` (every
    /// key current before the new one).
    public static func authorization(by signers: [NoteSigner], origin: String, newKey: String, extending head: Checkpoint) -> String {
        NoteSigner.sign(authorizationText(origin: origin, newKey: newKey, extending: head), by: signers)
    }

    /// A `key.added` is valid only with a signature by every key current at the head it extends,
    /// over exactly ``authorizationText(origin:newKey:extending:)``: a writer of the folder who
    /// holds no key cannot bring a key of their own in.
    private func checkAuthorization(_ value: JSONValue?, of verifier: NoteVerifier, extending head: Checkpoint, seq: Int) throws(LedgerError) {
        guard head.size == seq else { throw LedgerError.usage("key.added at seq \(seq) was checked against a tree of \(head.size)") }
        guard let note = value?.string else {
            throw LedgerError.usage("key.added carries no authorization by the keys in force before it")
        }
        let inForce = current(atSize: seq).map(\.verifier)
        let opened: SignedNote
        do { opened = try SignedNote.open(note, verifiers: inForce) } catch {
            throw LedgerError.usage("key.added's authorization does not verify with the keys in force before it (\(error.message))")
        }
        guard opened.text == Self.authorizationText(origin: head.origin, newKey: verifier.verifierKey, extending: head) else {
            throw LedgerError.usage("key.added's authorization signs another key, ledger or tree head")
        }
        let missing = inForce.filter { !opened.isSigned(by: $0) }
        guard missing.isEmpty else {
            throw LedgerError.usage("key.added's authorization lacks the signature of \(missing.map(\.verifierKey).joined(separator: ", ")), in force before it")
        }
    }

    /// What `ledger.json` holds for this history: `format`, `origin`, `verifier_keys` (the
    /// current keys) and, once a key was retired, `retired_keys[]` of `verifier_key`,
    /// `retired_at` (the first tree size it no longer signs) and `reason`?.
    public func identityJSON(origin: String, format: Int = LedgerIdentity.currentFormat) -> JSONValue {
        let identity = LedgerIdentity(format: format, origin: origin, verifierKeys: current.map(\.verifierKey)).json
        let added = keys.filter { $0.addedAt > 0 }
        guard !retired.isEmpty || !added.isEmpty, case .object(var members) = identity else { return identity }
        if !retired.isEmpty {
            members["retired_keys"] = .array(retired.map { key in
                .object(dropping: ["verifier_key": .string(key.verifierKey), "retired_at": key.retiredAt.map(JSONValue.int),
                                   "reason": key.reason.map(JSONValue.string)])
            })
        }
        if !added.isEmpty {
            // The chain from ledger.created's keys: each later key with the authorization by the
            // keys in force before it, so that a reader of ledger.json alone can check it.
            members["added_keys"] = .array(added.map { key in
                .object(dropping: ["verifier_key": .string(key.verifierKey), "added_at": .int(key.addedAt),
                                   "authorization": key.authorization.map(JSONValue.string)])
            })
        }
        return .object(members)
    }

    /// Of `available`, the keys that sign a checkpoint under this history: every current key.
    /// A missing one is `.noKey`.
    func signers(from available: [NoteSigner]) throws(LedgerError) -> [NoteSigner] {
        let needed = current
        guard !needed.isEmpty else {
            throw LedgerError.tampered("the log has no ledger.created entry naming the ledger's keys; run leakledger check")
        }
        var signing: [NoteSigner] = []
        var missing: [String] = []
        for key in needed {
            if let signer = available.first(where: { $0.verifier == key.verifier }) { signing.append(signer) } else { missing.append(key.verifierKey) }
        }
        guard missing.isEmpty else {
            throw LedgerError(.noKey, "every current key signs each checkpoint, and the private key of \(missing.joined(separator: ", ")) is missing: pass --key FILE once per current key (see leakledger key list; if a key command was interrupted, run leakledger key sync first)")
        }
        return signing
    }

    /// Checks that `note` (a checkpoint of `size` entries) is signed by every key current at
    /// that size, and by at least one; returns the opened note.
    func verifyCheckpoint(_ note: String, size: Int) throws(LedgerError) -> SignedNote {
        let needed = current(atSize: size)
        guard !needed.isEmpty else {
            throw LedgerError.tampered("no key of this ledger is current at tree size \(size)")
        }
        let opened: SignedNote
        do { opened = try SignedNote.open(note, verifiers: needed.map(\.verifier)) } catch {
            throw LedgerError.tampered("the checkpoint of \(size) entries is not signed by the keys current at that size (\(needed.map(\.verifierKey).joined(separator: ", "))): \(error.message)")
        }
        let missing = needed.filter { !opened.isSigned(by: $0.verifier) }
        guard missing.isEmpty else {
            throw LedgerError.tampered("the checkpoint of \(size) entries lacks the signature of \(missing.map(\.verifierKey).joined(separator: ", ")), current at that size (every current key signs each checkpoint)")
        }
        return opened
    }

    /// The history as JSON (for the reader's memory): each key with `verifier_key`, `added_at`,
    /// `retired_at`?, `reason`?.
    var json: JSONValue {
        .array(keys.map { key in
            .object(dropping: ["verifier_key": .string(key.verifierKey), "added_at": .int(key.addedAt),
                               "retired_at": key.retiredAt.map(JSONValue.int), "reason": key.reason.map(JSONValue.string),
                               "authorization": key.authorization.map(JSONValue.string)])
        })
    }

    /// A history from ``json``; nil when it does not read.
    init?(json: JSONValue) {
        guard let list = json.array else { return nil }
        var keys: [Key] = []
        for value in list {
            guard let text = value["verifier_key"]?.string, let verifier = try? NoteVerifier(verifierKey: text),
                  let added = value["added_at"]?.int else { return nil }
            var key = Key(verifier: verifier, addedAt: added)
            key.retiredAt = value["retired_at"]?.int
            key.reason = value["reason"]?.string
            key.authorization = value["authorization"]?.string
            keys.append(key)
        }
        self.keys = keys
    }

    /// A log key (Ed25519 signed-note type) from an entry body.
    private static func logKey(_ text: String?, entry: String) throws(LedgerError) -> NoteVerifier {
        guard let text else { throw LedgerError.usage("the \(entry) body needs a verifier key (name+keyid+base64key)") }
        let verifier: NoteVerifier
        do { verifier = try NoteVerifier(verifierKey: text) } catch {
            throw LedgerError.usage("the \(entry) key \(text.debugDescription) does not parse: \(error.message)")
        }
        guard verifier.algorithm == .ed25519 else {
            throw LedgerError.usage("\(verifier.name) is a witness key (cosignature type); a ledger key signs notes (type 0x01)")
        }
        return verifier
    }
}

extension EntryType {
    /// True for `key.added` and `key.retired`.
    var isKeyChange: Bool { self == .keyAdded || self == .keyRetired }
}

/// A ledger key a verifier trusts, and the tree size from which it no longer vouches, as
/// `ledger.json` gives them (its `verifier_keys` and `retired_keys`).
public struct TrustedKey: Sendable, Hashable {
    /// The key.
    public let verifier: NoteVerifier
    /// The first tree size it no longer signs; nil for a current key (or a bare key given
    /// without its history).
    public let retiredAt: Int?

    /// A trusted key.
    public init(verifier: NoteVerifier, retiredAt: Int? = nil) {
        self.verifier = verifier
        self.retiredAt = retiredAt
    }

    /// True when this key vouches for a checkpoint of `size` entries.
    public func vouches(forSize size: Int) -> Bool {
        retiredAt.map { size < $0 } ?? true
    }

    /// The keys of a `ledger.json`: the current ones, and the retired ones with their limit,
    /// each traced to the keys of `ledger.created`: a key listed in `added_keys` must carry the
    /// authorization of every key in force before it, and a key that is neither a first key nor
    /// so authorized is refused. With `pinned` (the first keys a reader remembers for this
    /// origin), the first keys must be exactly those.
    public static func keys(ledgerJSON json: JSONValue, pinned: [NoteVerifier]? = nil) throws(LedgerError) -> [TrustedKey] {
        let identity = try LedgerIdentity(json: json)
        var retiredAt: [String: Int] = [:]
        for value in json["retired_keys"]?.array ?? [] {
            guard let key = value["verifier_key"]?.string, let size = value["retired_at"]?.int, size >= 0 else {
                throw LedgerError.malformed("each retired_keys member of ledger.json needs verifier_key and retired_at")
            }
            retiredAt[key] = size
        }
        var addedAt: [String: (size: Int, authorization: String)] = [:]
        for value in json["added_keys"]?.array ?? [] {
            guard let key = value["verifier_key"]?.string, let size = value["added_at"]?.int, size >= 1,
                  let authorization = value["authorization"]?.string else {
                throw LedgerError.malformed("each added_keys member of ledger.json needs verifier_key, added_at and authorization")
            }
            addedAt[key] = (size, authorization)
        }
        var all: [(key: String, verifier: NoteVerifier)] = []
        for key in identity.verifierKeys + retiredAt.keys.sorted() where !all.contains(where: { $0.key == key }) {
            all.append((key, try NoteVerifier(verifierKey: key)))
        }
        let first = all.filter { addedAt[$0.key] == nil }
        if let pinned, Set(first.map(\.verifier)) != Set(pinned) {
            throw LedgerError.tampered("ledger.json's first keys (\(first.map(\.key).joined(separator: ", "))) are not the keys of ledger.created remembered for \(identity.origin) (\(pinned.map(\.verifierKey).joined(separator: ", "))): this ledger.json is not the one seen before")
        }
        // Replay the additions in order, each authorized by every key in force before it.
        var history = KeyHistory(keys: first.map { KeyHistory.Key(verifier: $0.verifier, addedAt: 0) })
        for (key, added) in addedAt.sorted(by: { $0.value.size < $1.value.size }) {
            let verifier = try NoteVerifier(verifierKey: key)
            let inForce = history.keys.filter { (key: KeyHistory.Key) -> Bool in key.addedAt <= added.size - 1 && (retiredAt[key.verifierKey].map { added.size - 1 < $0 } ?? true) }
            let opened: SignedNote
            do throws(LedgerError) { opened = try SignedNote.open(added.authorization, verifiers: inForce.map(\.verifier)) } catch {
                throw LedgerError.tampered("ledger.json's key \(key) is not authorized by the keys in force before it (\(error.message)): it cannot be traced to ledger.created")
            }
            let lines = opened.text.split(separator: "\n").map(String.init)
            guard lines.count == 5, lines[0] == "leakledger key-added v1", lines[1] == identity.origin, lines[2] == key,
                  lines[3] == String(added.size - 1), inForce.allSatisfy({ opened.isSigned(by: $0.verifier) })
            else {
                throw LedgerError.tampered("ledger.json's key \(key) carries an authorization for another key, ledger or place, or lacks a signature of a key in force before it")
            }
            history.keys.append(KeyHistory.Key(verifier: verifier, addedAt: added.size))
        }
        return all.map { TrustedKey(verifier: $0.verifier, retiredAt: retiredAt[$0.key]) }
    }

}
