extension Ledger {
    /// Checks drafts against the committed state (and the drafts before them): the right
    /// bodies, new document ids, excerpts and citations that name registered documents, and
    /// provenance bodies as their drafting step writes them. Throws `usage` for a bad draft,
    /// `missing` for an unknown document.
    func validate(_ drafts: [EntryDraft], in context: AppendContext) throws(LedgerError) {
        var registered: [String: Bool] = [:]
        func isRegistered(_ id: String) throws(LedgerError) -> Bool {
            if let known = registered[id] { return known }
            let known = try document(id: id) != nil
            registered[id] = known
            return known
        }
        for (offset, draft) in drafts.enumerated() {
            guard draft.body.object != nil else { throw LedgerError.usage("an entry body must be a JSON object (\(draft.type))") }
            switch draft.type {
            case .ledgerCreated:
                guard context.head.checkpoint.size == 0, offset == 0 else {
                    throw LedgerError.usage("ledger.created can only be the first entry of a ledger")
                }
            case .documentRegistered:
                guard let id = draft.body["id"]?.string else { throw LedgerError.usage("a document.registered body needs an id") }
                try Self.validate(documentID: id)
                guard try !isRegistered(id) else {
                    throw LedgerError.usage("a document with id \(id) is already registered; choose another id with --id")
                }
                guard let kind = draft.body["kind"]?.string, DocumentKind(rawValue: kind) != nil else {
                    throw LedgerError.usage("a document.registered body needs kind document or statement")
                }
                guard let content = draft.body["content"]?.string, ["text", "binary", "excerpts"].contains(content) else {
                    throw LedgerError.usage("a document.registered body needs content text, binary or excerpts")
                }
                registered[id] = true
            case .excerptRecorded:
                guard let document = draft.body["document"]?.string else {
                    throw LedgerError.usage("an excerpt.recorded body needs a document")
                }
                guard try isRegistered(document) else {
                    throw LedgerError.missing("no document with id \(document); register it first (leakledger register --excerpts-only --id \(document) --title T)")
                }
                guard let text = draft.body["text"]?.string, !text.isEmpty else {
                    throw LedgerError.usage("an excerpt needs its text as printed")
                }
                if let citedBy = draft.body["cited_by"] {
                    guard let citedBy = citedBy.string, try isRegistered(citedBy) else {
                        throw LedgerError.missing("no document with id \(draft.body["cited_by"]?.string ?? "?") to cite the excerpt; register it first (leakledger register --excerpts-only --kind statement --id ID --title T)")
                    }
                }
            case .partyStatus, .linkAdded, .entryCorrected:
                // Vocabularies, registered ends, dates and correction targets, whoever drafted it.
                let ids = ["document", "from", "to", "reported_by"].compactMap { draft.body[$0]?.string }
                    + ["document", "from", "to", "reported_by", "cited_by"].compactMap { draft.body["replacement"]?[$0]?.string }
                let targets = draft.body["corrects"]?.int.map { [$0] } ?? []
                try context.provenance(about: ids, including: targets).validate(draft.type, body: draft.body)
            default:
                break
            }
        }
    }

    /// Checks that `id` can name a document: 1 to 200 characters, no white space or control
    /// characters, not starting with `-` (it would read as a flag).
    public static func validate(documentID id: String) throws(LedgerError) {
        guard !id.isEmpty, id.count <= 200 else { throw LedgerError.usage("a document id needs 1 to 200 characters") }
        guard !id.hasPrefix("-"),
              id.unicodeScalars.allSatisfy({ !$0.properties.isWhitespace && $0.value >= 0x20 && $0.value != 0x7F })
        else {
            throw LedgerError.usage("the document id \"\(id)\" has white space or control characters or starts with '-'; pass a plain id with --id")
        }
    }
}
