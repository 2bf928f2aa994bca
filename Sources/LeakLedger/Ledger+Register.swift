import Extraction
import Commitments

/// What the ledger records about a document besides its bytes.
public struct DocumentMetadata: Sendable, Hashable {
    /// The document's id (default for files: the file name without its last extension).
    public var id: String?
    /// A document, or a statement or report about documents.
    public var kind: DocumentKind
    /// A human title.
    public var title: String?
    /// The channel it came through (never a confidential source's identity).
    public var source: String?
    /// Who published it, e.g. El País.
    public var publisher: String?
    /// When it was published: YYYY-MM-DD or RFC 3339.
    public var published: String?
    /// Its classification or handling marking as shown on it.
    public var marking: String?

    /// Metadata with these members.
    public init(id: String? = nil, kind: DocumentKind = .document, title: String? = nil, source: String? = nil,
                publisher: String? = nil, published: String? = nil, marking: String? = nil) {
        self.id = id
        self.kind = kind
        self.title = title
        self.source = source
        self.publisher = publisher
        self.published = published
        self.marking = marking
    }

    /// The body members these fields give (absent stays absent).
    func bodyMembers(id: String) -> [String: JSONValue?] {
        ["id": .string(id), "kind": .string(kind.rawValue), "title": title.map(JSONValue.string),
         "source": source.map(JSONValue.string), "publisher": publisher.map(JSONValue.string),
         "published": published.map(JSONValue.string), "marking": marking.map(JSONValue.string)]
    }
}

/// One registered document as `register --json` reports it.
public struct Registration: Sendable, Hashable {
    /// The committed `document.registered` entry.
    public let entry: Entry
    /// The document id.
    public var id: String { entry.body["id"]?.string ?? "" }
    /// Its position in the log.
    public var seq: Int { entry.seq }
    /// SHA-256 of the raw bytes (absent for excerpts-only documents).
    public var sha256: String? { entry.body["sha256"]?.string }
    /// The byte count (absent for excerpts-only documents).
    public var bytes: Int? { entry.body["bytes"]?.int }
    /// SHA-256 of the L2 text (absent for binary content).
    public var textSHA256: String? { entry.body["text_sha256"]?.string }
    /// The number of words the quote commitment covers (absent without a commitment).
    public var quoteWords: Int? { entry.body[QuoteScheme.wordsField]?.int }
    /// The members a blind registration withholds, by name (empty in the open).
    public var withheld: [String] { (entry.body["blind"]?.object ?? [:]).keys.sorted() }

    /// Why its text could not be searched, when it cannot (binary of an unknown format,
    /// `--hash-only`, extraction failed).
    public var unsearched: String? {
        let body = entry.body
        if let reason = body["unsearched"]?.string { return reason }
        guard body["content"]?.string == "binary" || body["stored"]?.bool == false, body["contents"]?.string != "messages" else { return nil }
        return body["stored"]?.bool == false ? "registered with --hash-only: fingerprints only" : "binary content of a format this ledger does not read"
    }

    /// `id`, `seq`, `sha256`, `bytes`, `text_sha256`, `quote_scheme`, `quote_words`,
    /// `quote_root`, for a blind registration `blind_scheme` and `blind`, for derived texts
    /// `format`, `extractor`, `ocr`, `ocr_confidence`, `pages`, `text_object`, and `unsearched`
    /// with the reason when its text cannot be searched (absent members left out).
    public var json: JSONValue {
        var members: [String: JSONValue?] = ["id": .string(id), "seq": .int(seq), "sha256": sha256.map(JSONValue.string),
                                             "bytes": bytes.map(JSONValue.int), "text_sha256": textSHA256.map(JSONValue.string),
                                             "unsearched": unsearched.map(JSONValue.string)]
        for key in [QuoteScheme.schemeField, QuoteScheme.wordsField, QuoteScheme.rootField, "blind_scheme", "blind",
                    "format", "extractor", "ocr", "ocr_confidence", "pages", "text_object", "deleted_changes"] {
            members[key] = entry.body[key]
        }
        return .object(dropping: members)
    }
}

extension Ledger {
    /// Registers files (`-` is standard input) as one commit: each is hashed in one read pass
    /// that also copies it to `objects/` (unless `hashOnly`). Everything that can be checked is
    /// checked before the folder is touched; on failure, objects this call created are removed
    /// and nothing is appended.
    ///
    /// With the keeper's ``secretStore``, a text gets its quote commitment. `blind` registers
    /// commitments in place of the fingerprints. `mail` verifies each file's DKIM signatures and
    /// records the verdicts (`email.authenticated`) and their key records in the same commit.
    /// A file of a format whose text a library derives (PDF, scans, DOCX/ODT, HTML, e-mail) is
    /// read in the extraction worker with `extraction`'s options; the files inside it
    /// (attachments, messages) are registered too, as `ID/NAME`, each linked `derived_from` it.
    public func register(files: [(path: String, metadata: DocumentMetadata)], hashOnly: Bool, blind: BlindOptions? = nil,
                         mail: MailAuthentication? = nil, extraction: ExtractionOptions = ExtractionOptions(),
                         actor: String) throws(LedgerError) -> [Registration] {
        guard isWritable else {
            throw LedgerError(.noKey, "\(path) is open read-only (no private key): pass --key FILE or set $LEAKLEDGER_KEY to register")
        }
        guard !files.isEmpty else { throw LedgerError.usage("name at least one file to register (or - for standard input)") }
        var ids = [String]()
        for (filePath, metadata) in files {
            let id: String
            if let given = metadata.id {
                id = given
            } else if filePath == "-" {
                throw LedgerError.usage("standard input has no file name: pass --id ID")
            } else {
                id = Self.defaultID(forFile: filePath)
            }
            try Self.validate(documentID: id)
            if let published = metadata.published { _ = try LedgerDate.validate(published, option: "--published") }
            guard !ids.contains(id) else { throw LedgerError.usage("two files would both get the id \(id); register them separately with --id") }
            ids.append(id)
            if filePath != "-" {
                guard FileSystem.exists(filePath) else {
                    throw LedgerError.missing("no file at \(filePath): check the path")
                }
                guard !FileSystem.isDirectory(filePath) else {
                    throw LedgerError.usage("\(filePath) is a folder: name the files in it (e.g. \(filePath)/*)")
                }
            }
        }
        if files.filter({ $0.path == "-" }).count > 1 { throw LedgerError.usage("standard input (-) can be registered only once per command") }
        if mail != nil {
            guard blind == nil else { throw LedgerError.usage("--dkim-keys records the signing domains and key records in the open; it cannot go with --blind") }
            guard !files.contains(where: { $0.path == "-" }) else { throw LedgerError.usage("--dkim-keys reads the message twice: name the file instead of -") }
        }
        for id in ids where try document(id: id) != nil {
            throw LedgerError.usage("a document with id \(id) is already registered; choose another id with --id")
        }
        let entries = try append(actor: actor) { (context: AppendContext) throws(LedgerError) -> [EntryDraft] in
            if !hashOnly { try objects.prepare() }
            var drafts = [EntryDraft]()
            var taken = Set(ids)
            let state = try state()
            for ((filePath, metadata), id) in zip(files, ids) {
                let prepared = try prepareFile(filePath, keep: !hashOnly, extraction: hashOnly ? nil : extraction)
                drafts.append(try draftRegistration(prepared, id: id, metadata: metadata, stored: !hashOnly,
                                                    fileName: filePath == "-" ? nil : FileSystem.baseName(filePath),
                                                    blind: blind, context: context))
                let inside = try embeddedDrafts(prepared, id: id, metadata: metadata, stored: !hashOnly, context: context) { (base: String) throws(LedgerError) -> String in
                    let unique = try state.uniqueID(base, taken: taken)
                    taken.insert(unique)
                    return unique
                }
                drafts += inside.drafts
            }
            if let mail {
                var keyDocuments: [SHA256Digest: String] = [:]
                for ((filePath, _), id) in zip(files, ids) {
                    drafts += try authenticationDrafts(message: id, path: filePath, mail: mail, hashOnly: hashOnly,
                                                       keyDocuments: &keyDocuments, taken: Set(ids), context: context)
                }
            }
            // Registrations first, then the links between them.
            return drafts.filter { $0.type == .documentRegistered } + drafts.filter { $0.type != .documentRegistered }
        }
        return entries.filter { $0.type == .documentRegistered }.map { Registration(entry: $0) }
    }

    /// Registers a document known only from printed excerpts, with any `excerpts` (as printed,
    /// optionally cited by a registered document) in the same commit.
    public func registerExcerptsOnly(_ metadata: DocumentMetadata, excerpts: [String] = [], citedBy: String? = nil,
                                     actor: String) throws(LedgerError) -> [Entry] {
        guard let id = metadata.id else { throw LedgerError.usage("a document known from excerpts needs --id ID") }
        guard metadata.title?.isEmpty == false else { throw LedgerError.usage("a document known from excerpts needs --title TITLE") }
        try Self.validate(documentID: id)
        if let published = metadata.published { _ = try LedgerDate.validate(published, option: "--published") }
        var members = metadata.bodyMembers(id: id)
        members["content"] = .string("excerpts")
        members["stored"] = .bool(false)
        var drafts = [EntryDraft(type: .documentRegistered, body: .object(dropping: members))]
        drafts += excerpts.map { Self.excerptDraft(document: id, text: $0, citedBy: citedBy) }
        return try append(drafts, actor: actor)
    }

    /// Records an excerpt of `document` as printed (byte for byte, flaws included).
    public func addExcerpt(document: String, text: String, citedBy: String? = nil, actor: String) throws(LedgerError) -> Entry {
        try append([Self.excerptDraft(document: document, text: text, citedBy: citedBy)], actor: actor)[0]
    }

    static func excerptDraft(document: String, text: String, citedBy: String?) -> EntryDraft {
        EntryDraft(type: .excerptRecorded, body: .object(dropping: [
            "document": .string(document), "text": .string(text), "cited_by": citedBy.map(JSONValue.string),
        ]))
    }

    /// A file's default id: its name without the last extension (`memo.final.pdf` → `memo.final`).
    public static func defaultID(forFile path: String) -> String {
        let name = FileSystem.baseName(path)
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
        return String(name[..<dot])
    }
}
