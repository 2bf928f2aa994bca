/// A correction entry (`entry.corrected`) as it applies to the entry it names.
public struct Correction: Sendable, Hashable {
    /// The correction's own position in the log.
    public let seq: Int
    /// When the correction was recorded.
    public let time: String
    /// Who recorded it.
    public let actor: String
    /// Why.
    public let reason: String
    /// The body that replaces the corrected one; `nil` withdraws the corrected entry.
    public let replacement: JSONValue?
}

/// A recorded entry's value, with the corrections that answer it beside it.
///
/// Nothing is ever edited: `recorded` is what the entry says, `corrections` are later entries,
/// oldest first, and `current` is what holds now: the last correction's replacement, the
/// recorded value when there is no correction, `nil` when the last correction withdrew it.
public struct Corrected<Value: Sendable & Hashable>: Sendable, Hashable {
    /// The entry's position in the log.
    public let seq: Int
    /// When the entry was recorded.
    public let time: String
    /// Who recorded it.
    public let actor: String
    /// The value as recorded.
    public let recorded: Value
    /// The corrections of this entry, oldest first.
    public internal(set) var corrections: [Correction] = []
    /// The value in force now; `nil` when withdrawn.
    public internal(set) var current: Value?

    /// Whether the last correction withdrew the entry.
    public var isWithdrawn: Bool { current == nil }
    /// The value in force, or the recorded one when withdrawn (for display).
    public var latest: Value { current ?? recorded }

    init(entry: Entry, recorded: Value) {
        self.init(seq: entry.seq, time: entry.time, actor: entry.actor, recorded: recorded)
    }

    init(seq: Int, time: String, actor: String, recorded: Value) {
        self.seq = seq
        self.time = time
        self.actor = actor
        self.recorded = recorded
        self.current = recorded
    }
}

/// A body that can be read from, and written back to, an entry body.
public protocol EntryBody: Sendable, Hashable {
    /// The entry type whose bodies this reads.
    static var entryType: EntryType { get }
    /// Reads a body; `nil` when a required member is missing or mistyped.
    init?(body: JSONValue)
    /// The body as JSON, optional members absent.
    var body: JSONValue { get }
}

/// A `document.registered` body: a document or a statement, with its fingerprints and metadata.
public struct DocumentRecord: EntryBody {
    /// The entry type whose bodies this reads.
    public static var entryType: EntryType { .documentRegistered }
    /// The whole body, as recorded (fingerprints, dates, anything added later).
    public let body: JSONValue

    /// Reads a body; nil when a required member is missing or not text.
    public init?(body: JSONValue) {
        guard body["id"]?.string != nil else { return nil }
        self.body = body
    }

    /// The document's id.
    public var id: String { body["id"]?.string ?? "" }
    /// `document` or `statement`.
    public var kind: String { body["kind"]?.string ?? "document" }
    /// Whether this is a registered statement (a press briefing, a reply) rather than a document.
    public var isStatement: Bool { kind == "statement" }
    /// The title, when recorded.
    public var title: String? { body["title"]?.string }
    /// Where it came from, when recorded.
    public var source: String? { body["source"]?.string }
    /// Who published it, when recorded.
    public var publisher: String? { body["publisher"]?.string }
    /// When it was published, when recorded.
    public var published: String? { body["published"]?.string }
    /// Its marking ("confidential"), when recorded.
    public var marking: String? { body["marking"]?.string }
    /// SHA-256 of the raw bytes, hex, when the content was held.
    public var sha256: String? { body["sha256"]?.string }
    /// SHA-256 of the L2 text, hex, when the content was text.
    public var textSHA256: String? { body["text_sha256"]?.string }
    /// The size in bytes, when the content was held.
    public var bytes: Int? { body["bytes"]?.int }
    /// `text`, `binary` or `excerpts`.
    public var content: String? { body["content"]?.string }
}

/// A `party.status` body: what a party said about a document.
public struct StatusRecord: EntryBody {
    /// The entry type whose bodies this reads.
    public static var entryType: EntryType { .partyStatus }
    /// Who said it.
    public var party: String
    /// About which document (an id).
    public var document: String
    /// The status word (from `PartyStatus`, kept as text so that a ledger stays readable).
    public var status: String
    /// The words said, verbatim.
    public var statement: String?
    /// Who reported it: a source name or a registered document id.
    public var reportedBy: String?
    /// When it was said (`ReportedTime` text).
    public var at: String?

    /// A status body from its parts.
    public init(party: String, document: String, status: String, statement: String? = nil,
                reportedBy: String? = nil, at: String? = nil) {
        self.party = party
        self.document = document
        self.status = status
        self.statement = statement
        self.reportedBy = reportedBy
        self.at = at
    }

    /// Reads a body; nil when a required member is missing or not text.
    public init?(body: JSONValue) {
        guard let party = body["party"]?.string, let document = body["document"]?.string,
              let status = body["status"]?.string else { return nil }
        self.init(party: party, document: document, status: status, statement: body["statement"]?.string,
                  reportedBy: body["reported_by"]?.string, at: body["at"]?.string)
    }

    /// The body as JSON, optional members absent.
    public var body: JSONValue {
        .object(dropping: ["party": .string(party), "document": .string(document), "status": .string(status),
                           "statement": statement.map(JSONValue.string), "reported_by": reportedBy.map(JSONValue.string),
                           "at": at.map(JSONValue.string)])
    }
}

/// A `link.added` body: a cross-reference, read as FROM RELATION TO.
public struct LinkRecord: EntryBody {
    /// The entry type whose bodies this reads.
    public static var entryType: EntryType { .linkAdded }
    /// The referring document or statement.
    public var from: String
    /// The relation word (from `Relation`).
    public var relation: String
    /// The referred-to document or statement.
    public var to: String
    /// A free note.
    public var note: String?

    /// A link body from its parts.
    public init(from: String, relation: String, to: String, note: String? = nil) {
        self.from = from
        self.relation = relation
        self.to = to
        self.note = note
    }

    /// Reads a body; nil when a required member is missing or not text.
    public init?(body: JSONValue) {
        guard let from = body["from"]?.string, let relation = body["relation"]?.string,
              let to = body["to"]?.string else { return nil }
        self.init(from: from, relation: relation, to: to, note: body["note"]?.string)
    }

    /// The body as JSON, optional members absent.
    public var body: JSONValue {
        .object(dropping: ["from": .string(from), "relation": .string(relation), "to": .string(to),
                           "note": note.map(JSONValue.string)])
    }
}

/// An `excerpt.recorded` body: words of a document as printed somewhere.
public struct ExcerptRecord: EntryBody {
    /// The entry type whose bodies this reads.
    public static var entryType: EntryType { .excerptRecorded }
    /// The document quoted.
    public var document: String
    /// The words as printed, flaws included.
    public var text: String
    /// Where they were printed: a document id or a source name.
    public var citedBy: String?

    /// Reads a body; nil when a required member is missing or not text.
    public init?(body: JSONValue) {
        guard let document = body["document"]?.string, let text = body["text"]?.string else { return nil }
        self.document = document
        self.text = text
        self.citedBy = body["cited_by"]?.string
    }

    /// The body as JSON, optional members absent.
    public var body: JSONValue {
        .object(dropping: ["document": .string(document), "text": .string(text),
                           "cited_by": citedBy.map(JSONValue.string)])
    }
}
