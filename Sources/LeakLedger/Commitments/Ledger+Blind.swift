import Commitments

/// What `register --blind` withholds: always the fingerprints (`sha256`, `text_sha256`), and on
/// request the title and the size (docs/quote-proof.md, "Blind registration").
public struct BlindOptions: Sendable, Hashable {
    /// Withhold `title` too.
    public var withholdTitle: Bool
    /// Withhold `bytes` too (and so the quote commitment, whose `quote_words` tells the length).
    public var withholdSize: Bool

    /// Blind registration withholding the fingerprints, and the title or size on request.
    public init(withholdTitle: Bool = false, withholdSize: Bool = false) {
        self.withholdTitle = withholdTitle
        self.withholdSize = withholdSize
    }

    /// The members a blind registration can withhold, in the order they are listed.
    public static let withholdable = ["sha256", "text_sha256", "bytes", "title"]

    /// The members withheld.
    var members: [String] {
        ["sha256", "text_sha256"] + (withholdSize ? ["bytes"] : []) + (withholdTitle ? ["title"] : [])
    }

    /// Replaces the withheld members of a registration body with `blind_scheme` and `blind` (their
    /// commitments under a new blind secret); returns the keeper's record: the quote secret (none
    /// when the size is withheld: the commitment's word count would tell it), the blind secret and
    /// the withheld values.
    func withhold(_ members: inout [String: JSONValue?], quote: DocumentSecret?, id: String) -> DocumentSecrets {
        let secret = DocumentSecret()
        var withheld: [String: String] = [:]
        for name in self.members {
            guard let value = members[name] ?? nil, let text = Self.committedText(value) else { continue }
            withheld[name] = text
            members[name] = nil
        }
        var quote = quote
        if withholdSize {
            for key in [QuoteScheme.schemeField, QuoteScheme.wordsField, QuoteScheme.rootField] { members[key] = nil }
            quote = nil
        }
        members["blind_scheme"] = .string(BlindCommitment.scheme)
        members["blind"] = .object(BlindCommitment.commitments(withheld, secret: secret).mapValues(JSONValue.string))
        return DocumentSecrets(document: id, quote: quote, blind: secret, withheld: withheld)
    }

    /// A member's value as its commitment covers it: the string itself (hex for a digest), a
    /// number in decimal.
    static func committedText(_ value: JSONValue) -> String? {
        value.string ?? value.int.map(String.init)
    }
}

extension Ledger {
    /// Saves the secrets of the documents an append registers (under the writer's lock, before
    /// its commit).
    func saveSecrets(_ records: [DocumentSecrets]) throws(LedgerError) {
        guard !records.isEmpty else { return }
        guard let store = secretStore else {
            throw LedgerError(.noKey, "the keeper's secret store is not open: registrations with commitments need it beside the private key")
        }
        do { try store.save(records) } catch { throw LedgerError(error) }
    }

    /// The keeper's secrets for document `id`; a missing store or record is `noKey`, saying where
    /// they were sought.
    public func requireSecrets(for id: String) throws(LedgerError) -> DocumentSecrets {
        guard let store = secretStore else {
            throw LedgerError(.noKey, "the keeper's secrets are not here: quote proofs and reveals need the secrets kept beside the ledger's private key (restore them with leakledger key import)")
        }
        do { return try store.requireSecrets(for: id) } catch { throw LedgerError(error) }
    }

    /// The values a blind registration withheld that the keeper's secrets open (each checked
    /// against its commitment in the signed body), by member name; empty without the secrets.
    func keeperOpening(of body: JSONValue) -> [String: String] {
        guard let committed = body["blind"]?.object, let id = body["id"]?.string, let store = secretStore,
              let record = try? store.secrets(for: id), let secret = record.blind else { return [:] }
        return record.withheld.filter { name, value in
            committed[name]?.string == Hex.encode(BlindCommitment.commitment(field: name, value: value, secret: secret))
        }
    }

    /// The fingerprints a registration stands for, hex: its own `sha256` and `text_sha256`, or for
    /// a blind one those the keeper's secrets open, else those a `document.revealed` entry opened
    /// (checked); nil where nobody here can open them.
    public func openFingerprints(of registration: Entry) throws(LedgerError) -> (sha256: String?, textSHA256: String?) {
        let body = registration.body
        guard body["blind"] != nil else { return (body["sha256"]?.string, body["text_sha256"]?.string) }
        var opened = keeperOpening(of: body)
        if opened["sha256"] == nil || opened["text_sha256"] == nil, let id = body["id"]?.string {
            for reveal in try reveals(of: id) {
                for name in ["sha256", "text_sha256"] where opened[name] == nil { opened[name] = reveal.body[name]?.string }
            }
        }
        return (opened["sha256"], opened["text_sha256"])
    }

    /// The `document.revealed` entries of document `id` that open its registration, in log order.
    public func reveals(of id: String) throws(LedgerError) -> [Entry] {
        guard let registration = try document(id: id) else { return [] }
        return try entries(at: subjectSeqs(id, kind: 0)).filter { entry in
            entry.type == .documentRevealed && entry.body["document"]?.string == id
                && Self.revealProblem(entry.body, registration: (registration.seq, registration.body)) == nil
        }
    }

    /// Reveals members of the blind registration of `id` (every member still withheld when
    /// `members` is nil): appends a `document.revealed` entry with their values and the keys that
    /// open their commitments, from the keeper's secrets. The other members stay blind.
    public func reveal(document id: String, members: [String]? = nil, actor: String) throws(LedgerError) -> Entry {
        guard isWritable else {
            throw LedgerError(.noKey, "\(path) is open read-only (no private key): pass --key FILE or set $LEAKLEDGER_KEY to reveal")
        }
        let registration = try requireDocument(id: id)
        guard let committed = registration.body["blind"]?.object, !committed.isEmpty else {
            throw LedgerError.usage("\(id) was registered in the open: it has nothing to reveal")
        }
        let record = try requireSecrets(for: id)
        guard let secret = record.blind else {
            throw LedgerError(.noKey, "the keeper's secrets hold no blind secret for \(id); restore them from the backup of the keys folder")
        }
        let opened = Set(try reveals(of: id).flatMap { ($0.body["blind_keys"]?.object ?? [:]).keys })
        let wanted = members ?? committed.keys.sorted().filter { !opened.contains($0) }
        guard !wanted.isEmpty else { throw LedgerError.usage("every member \(id) withheld is already revealed") }
        var body: [String: JSONValue] = ["document": .string(id), "registration": .int(registration.seq)]
        for name in wanted {
            guard committed[name] != nil else {
                throw LedgerError.usage("\(id) did not withhold \(name); it withheld \(committed.keys.sorted().joined(separator: ", "))")
            }
            guard !opened.contains(name) else { throw LedgerError.usage("\(name) of \(id) is already revealed") }
            guard let value = record.withheld[name] else {
                throw LedgerError(.noKey, "the keeper's secrets hold no value for \(name) of \(id); restore them from the backup of the keys folder")
            }
            body[name] = name == "bytes" ? Int(value).map(JSONValue.int) ?? .string(value) : .string(value)
        }
        body["blind_keys"] = .object(BlindCommitment.openingKeys(wanted, secret: secret).mapValues(JSONValue.string))
        return try append([EntryDraft(type: .documentRevealed, body: .object(body))], actor: actor)[0]
    }

    /// What is wrong with a `document.revealed` body against the registration it names (its
    /// seq and body), or nil when every member it opens opens its commitment
    /// (``BlindCommitment/verifyOpenings(committed:revealed:)``).
    static func revealProblem(_ body: JSONValue, registration: (seq: Int, body: JSONValue)?) -> String? {
        guard let members = body.object, let id = members["document"]?.string, let seq = members["registration"]?.int,
              let keys = members["blind_keys"]?.object else {
            return "a document.revealed body needs document, registration (a seq) and blind_keys"
        }
        guard let registration, registration.seq == seq, registration.body["id"]?.string == id else {
            return "the reveal names entry \(seq) as the registration of \(id), which it is not"
        }
        guard registration.body["blind_scheme"]?.string == BlindCommitment.scheme, let committed = registration.body["blind"]?.object else {
            return "\(id) was not registered blind (blind_scheme \(BlindCommitment.scheme)): there is nothing to reveal"
        }
        var revealed: [String: (value: String, key: String)] = [:]
        for (name, key) in keys {
            guard let keyHex = key.string, let value = members[name].flatMap(BlindOptions.committedText) else {
                return "the reveal gives a key for \(name) but no value beside it"
            }
            revealed[name] = (value, keyHex)
        }
        for name in members.keys where !["document", "registration", "blind_keys"].contains(name) && keys[name] == nil {
            return "the reveal gives \(name) without the key that opens it"
        }
        do {
            try BlindCommitment.verifyOpenings(committed: committed.compactMapValues(\.string), revealed: revealed)
        } catch {
            return error.message
        }
        return nil
    }
}

extension LedgerError {
    /// A failure of the keeper's secret store or of a commitment, as the ledger reports it.
    init(_ error: CommitmentError) {
        if error.isMissing {
            self.init(.noKey, error.message)
        } else if error.isStoreFailure {
            self.init(.io, error.message)
        } else if error.failedCheck != nil {
            self.init(.tampered, error.message)
        } else {
            self.init(.usage, error.message)
        }
    }
}

extension Ledger {
    /// The L1 text of a registered document, checked against its signed fingerprint before a
    /// word of it is used: from its stored copy, or from `file` (the document's own file, for
    /// one registered with `--hash-only`). A blind document's fingerprint is the one the keeper's
    /// secrets (or a reveal) open.
    public func registeredText(of registration: Entry, file: String? = nil) throws(LedgerError) -> String {
        let id = registration.body["id"]?.string ?? "?"
        guard registration.body["content"]?.string == "text" else {
            throw LedgerError.usage("\(id) was not registered as text (\(registration.body["content"]?.string ?? "no content")): it has no words to quote")
        }
        guard let hex = try openFingerprints(of: registration).sha256, let digest = SHA256Digest(hex: hex) else {
            throw LedgerError(.noKey, "\(id) was registered blind and nothing here opens its fingerprint: its keeper's secrets are needed")
        }
        if let file {
            let bytes: [UInt8]
            do { bytes = try InputFile(path: file).read(limit: ObjectStore.textLimit) } catch { throw LedgerError(error) }
            guard SHA256.hash(bytes) == digest else {
                throw LedgerError.usage("\(file) is not the registered \(id): its SHA-256 differs from the registration's")
            }
            guard let text = Self.l1Text(of: bytes) else { throw LedgerError.usage("\(file) is not text") }
            return text
        }
        // A text derived from the file (`text_object`) is the document's text where there is one.
        var (name, expected) = (registration.body["blind"]?["sha256"]?.string ?? hex, digest)
        if registration.body["blind"] == nil, let object = registration.body["text_object"]?.string, let textDigest = SHA256Digest(hex: object) {
            (name, expected) = (object, textDigest)
        }
        guard registration.body["stored"]?.bool == true else {
            throw LedgerError.missing("no copy of \(id) is kept (registered with --hash-only): pass the document's file with --file FILE")
        }
        switch objects.readText(named: name, digest: expected, limit: ObjectStore.textLimit) {
        case .text(let text): return text
        case .missing: throw LedgerError.missing("the stored copy objects/\(name) of \(id) is missing: pass the document's file with --file FILE")
        case .damaged(let reason): throw LedgerError.tampered(reason)
        case .notText: throw LedgerError.usage("the stored copy of \(id) is not text")
        case .tooLarge: throw LedgerError.usage("the stored copy of \(id) is larger than \(ObjectStore.textLimit >> 20) MiB")
        }
    }
}
