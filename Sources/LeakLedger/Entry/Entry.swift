/// One ledger entry: a line of `log/entries.jsonl` in canonical JSON.
///
/// Every entry has `v`, `seq` (0-based, dense), `time` (UTC, RFC 3339), `type`, `actor` and
/// `body`. Its bytes are its canonical encoding; the Merkle leaf is SHA-256(0x00 ‖ bytes).
public struct Entry: Sendable, Hashable {
    /// The entry format version this code writes.
    public static let version = 1

    /// Format version.
    public var v: Int
    /// Position in the log, 0-based and dense.
    public var seq: Int
    /// When it was recorded, UTC, RFC 3339 with seconds (`2026-11-29T00:32:40Z`).
    public var time: String
    /// What it records.
    public var type: EntryType
    /// Who recorded it.
    public var actor: String
    /// The type-specific content, a JSON object.
    public var body: JSONValue

    /// An entry of the current version.
    public init(seq: Int, time: String, type: EntryType, actor: String, body: JSONValue) {
        self.v = Entry.version
        self.seq = seq
        self.time = time
        self.type = type
        self.actor = actor
        self.body = body
    }

    /// The entry as a JSON object.
    public var json: JSONValue {
        .object(["v": .int(v), "seq": .int(seq), "time": .string(time), "type": .string(type.rawValue),
                 "actor": .string(actor), "body": body])
    }

    /// The canonical bytes: the entry's line without its newline.
    public var canonicalBytes: [UInt8] { json.canonicalBytes }

    /// Parses one line and requires it to be canonical, so that the bytes that were hashed are
    /// the only bytes that mean this entry.
    public init(line: some Collection<UInt8>) throws(LedgerError) {
        try self.init(line: line, canonical: true)
    }

    /// Parses one line; with `canonical` false the canonical form is not checked (for lines
    /// already checked against the signed root, whose bytes are the ones that were hashed).
    init(line: some Collection<UInt8>, canonical: Bool) throws(LedgerError) {
        let value = try JSONValue(parsing: line)
        guard let v = value["v"]?.int, let seq = value["seq"]?.int, let time = value["time"]?.string,
              let type = value["type"]?.string, let actor = value["actor"]?.string,
              let body = value["body"], body.object != nil, value.object?.count == 6
        else { throw LedgerError.malformed("an entry needs exactly v, seq, time, type, actor and an object body") }
        self.v = v
        self.seq = seq
        self.time = time
        self.type = EntryType(rawValue: type)
        self.actor = actor
        self.body = body
        guard !canonical || canonicalBytes.elementsEqual(line) else {
            throw LedgerError.malformed("entry \(seq) is not in canonical form")
        }
    }
}

/// The kind of an entry: a dotted name. Types grow with the features; readers skip none.
public struct EntryType: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }

    /// The first entry of every ledger: origin, format, verifier keys.
    public static let ledgerCreated = EntryType(rawValue: "ledger.created")
    /// A document (a file, standard input, or a text known only from excerpts) was registered.
    public static let documentRegistered = EntryType(rawValue: "document.registered")
    /// An excerpt of a document, as printed somewhere, was recorded.
    public static let excerptRecorded = EntryType(rawValue: "excerpt.recorded")
    /// What a party said about a document, as reported.
    public static let partyStatus = EntryType(rawValue: "party.status")
    /// A cross-reference between two documents or statements.
    public static let linkAdded = EntryType(rawValue: "link.added")
    /// A correction of an earlier entry (never an edit of it).
    public static let entryCorrected = EntryType(rawValue: "entry.corrected")
    /// The result of verifying an excerpt, recorded on request.
    public static let excerptVerified = EntryType(rawValue: "excerpt.verified")
    /// The opening of members a blind registration withheld: their values and the keys that
    /// open their commitments.
    public static let documentRevealed = EntryType(rawValue: "document.revealed")
    /// The DKIM verdicts of a registered e-mail, with the key records they rest on.
    public static let emailAuthenticated = EntryType(rawValue: "email.authenticated")
}
