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

        /// The key in signed-note verifier format.
        public var verifierKey: String { verifier.verifierKey }

        /// True when a checkpoint of `size` entries is signed by this key.
        public func isCurrent(atSize size: Int) -> Bool {
            addedAt <= size && retiredAt.map { size < $0 } ?? true
        }
    }

    /// Every key the ledger ever had, in the order they were added.
    public private(set) var keys: [Key] = []

    /// No keys yet (before `ledger.created`).
    public init() {}

    /// The history recorded by `entries` (a committed log, in order). An entry that breaks the
    /// rules is `.tampered`: a writer never commits one.
    public init(entries: some Sequence<Entry>) throws(LedgerError) {
        for entry in entries {
            do { try apply(entry.type, body: entry.body, seq: entry.seq) } catch {
                throw LedgerError.tampered("entry \(entry.seq) (\(entry.type)): \(error.message); run leakledger check")
            }
        }
    }

    /// The keys current now (after the last entry).
    public var current: [Key] { keys.filter { $0.retiredAt == nil } }

    /// The retired keys, in the order they were added.
    public var retired: [Key] { keys.filter { $0.retiredAt != nil } }

    /// The keys that sign the checkpoint of a tree of `size` entries.
    public func current(atSize size: Int) -> [Key] {
        keys.filter { $0.isCurrent(atSize: size) }
    }

    /// Takes one entry (or draft, at the seq it will get) into account. Entries of other types
    /// change nothing. Throws `.usage` for an entry that breaks the rules: a key that does not
    /// parse or is a witness key, a key added twice (a retired key never returns), retiring a key
    /// that is not current or the last current one.
    public mutating func apply(_ type: EntryType, body: JSONValue, seq: Int) throws(LedgerError) {
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
            keys.append(Key(verifier: verifier, addedAt: seq + 1))
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

    /// What `ledger.json` holds for this history: `format`, `origin`, `verifier_keys` (the
    /// current keys) and, once a key was retired, `retired_keys[]` of `verifier_key`,
    /// `retired_at` (the first tree size it no longer signs) and `reason`?.
    public func identityJSON(origin: String, format: Int = LedgerIdentity.currentFormat) -> JSONValue {
        let identity = LedgerIdentity(format: format, origin: origin, verifierKeys: current.map(\.verifierKey)).json
        guard !retired.isEmpty, case .object(var members) = identity else { return identity }
        members["retired_keys"] = .array(retired.map { key in
            .object(dropping: ["verifier_key": .string(key.verifierKey), "retired_at": key.retiredAt.map(JSONValue.int),
                               "reason": key.reason.map(JSONValue.string)])
        })
        return .object(members)
    }

    /// Of `available`, the keys that sign the checkpoint committing `drafts` after `committed`:
    /// every key current at the new size. A missing one is `.noKey`.
    static func signers(_ available: [NoteSigner], for drafts: [EntryDraft], after committed: [Entry]) throws(LedgerError) -> [NoteSigner] {
        var history = try KeyHistory(entries: committed.lazy.filter { $0.type == .ledgerCreated || $0.type.isKeyChange })
        for (offset, draft) in drafts.enumerated() {
            try history.apply(draft.type, body: draft.body, seq: committed.count + offset)
        }
        let needed = history.current
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

    /// The keys of a `ledger.json`: the current ones, and the retired ones with their limit.
    public static func keys(ledgerJSON json: JSONValue) throws(LedgerError) -> [TrustedKey] {
        let identity = try LedgerIdentity(json: json)
        var keys: [TrustedKey] = []
        for key in identity.verifierKeys { keys.append(TrustedKey(verifier: try NoteVerifier(verifierKey: key))) }
        for value in json["retired_keys"]?.array ?? [] {
            guard let key = value["verifier_key"]?.string, let size = value["retired_at"]?.int, size >= 0 else {
                throw LedgerError.malformed("each retired_keys member of ledger.json needs verifier_key and retired_at")
            }
            keys.append(TrustedKey(verifier: try NoteVerifier(verifierKey: key), retiredAt: size))
        }
        return keys
    }
}
