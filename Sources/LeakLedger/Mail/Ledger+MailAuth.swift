import MailAuth

/// What `register FILE.eml --dkim-keys KEYS` adds to a registration: the key records to verify
/// the message's DKIM signatures against, and where they came from.
public struct MailAuthentication: Sendable {
    /// The key records (``DKIMKeyRing/load(path:)``).
    public var keys: DKIMKeyRing
    /// The `source` of the key records' own registrations (e.g. "archive of DNS records,
    /// 2016-10-07"); nil: the key file's name and the record's line.
    public var keysSource: String?

    /// Verification against `keys`, their origin said by `keysSource`.
    public init(keys: DKIMKeyRing, keysSource: String? = nil) {
        self.keys = keys
        self.keysSource = keysSource
    }
}

extension Ledger {
    /// The entries that record a registered message's DKIM verdicts, for the same commit as its
    /// registration: each key record a verdict rests on registered as a document of its own
    /// (one already registered with the same SHA-256 is reused), an `email.authenticated` entry
    /// with the verdicts, and a `context` link from the message to each key record.
    ///
    /// `keyDocuments` carries the key records registered so far in this commit, by SHA-256.
    func authenticationDrafts(message id: String, path: String, mail: MailAuthentication, hashOnly: Bool,
                              keyDocuments: inout [SHA256Digest: String], taken: Set<String>,
                              context: AppendContext) throws(LedgerError) -> [EntryDraft] {
        let report: DKIMReport
        do { report = try DKIMVerifier(keys: mail.keys).verify(fileAt: path) } catch { throw LedgerError(error) }
        let state = try state()
        var drafts: [EntryDraft] = []
        var ids = taken.union(keyDocuments.values)
        for record in report.keyRecords where keyDocuments[record.sha256] == nil {
            if let known = try state.documentID(sha256: record.sha256) {
                keyDocuments[record.sha256] = known
                continue
            }
            let keyID = try state.uniqueID("dkim:\(record.name):\(record.sha256.hex.prefix(8))", taken: ids)
            ids.insert(keyID)
            let source = mail.keysSource ?? "DKIM key file \(FileSystem.baseName(record.source)), line \(record.line)"
            let metadata = DocumentMetadata(id: keyID, title: "DKIM key record \(record.name)", source: source)
            drafts.append(try draftRegistration(try prepareData(record.text, keep: !hashOnly), id: keyID, metadata: metadata,
                                                stored: !hashOnly, fileName: nil, blind: nil, context: context))
            keyDocuments[record.sha256] = keyID
        }
        drafts.append(EntryDraft(type: .emailAuthenticated, body: report.entryBody(message: id, keyDocuments: keyDocuments)))
        for record in report.keyRecords {
            guard let keyID = keyDocuments[record.sha256] else { continue }
            let numbers = report.signatures.filter { $0.key == record }.map { "\($0.index)" }.joined(separator: ", ")
            let note = "DKIM key record \(record.name) (sha256 \(record.sha256.hex)) that signature \(numbers) of the message was verified against"
            drafts.append(EntryDraft(type: .linkAdded, body: .object(["from": .string(id), "relation": "context", "to": .string(keyID), "note": .string(note)])))
        }
        return drafts
    }
}

extension DKIMReport {
    /// The body of an `email.authenticated` entry: `document`, `verifier`, `from_domain`,
    /// `message_date`, `passed`, `signatures[]` (each as `dkim verify --json` prints it, with
    /// `key_document`, the id of the registered key record, in place of the key file's path and
    /// line), `arc[]`. Neither the From address nor any text of the message is recorded.
    func entryBody(message id: String, keyDocuments: [SHA256Digest: String]) -> JSONValue {
        .object(dropping: [
            "document": .string(id),
            "verifier": .string("leakledger \(LeakLedgerVersion.current)"),
            "from_domain": fromDomain.map(JSONValue.string),
            "message_date": messageDate.map { .string(MailDate.rfc3339($0)) },
            "passed": .bool(passed),
            "signatures": .array(signatures.map { verdict in
                var members = verdict.json.object ?? [:]
                for local in ["key_source", "key_line", "unsigned_body_text"] { members[local] = nil }
                members["key_document"] = verdict.key.flatMap { keyDocuments[$0.sha256] }.map(JSONValue.string)
                return .object(members)
            }),
            "arc": .array(arc.map(\.json)),
        ])
    }
}

extension LedgerError {
    /// A message or key file that cannot be read, as the ledger reports failures.
    public init(_ error: MailAuthError) {
        switch error.kind {
        case .malformed: self.init(.malformed, error.message)
        case .missing: self.init(.missing, error.message)
        case .io: self.init(.io, error.message)
        }
    }
}
