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
        // One projection for every provenance draft of the commit: the registrations they name
        // and the entries they correct, with their corrections.
        var provenance: Provenance?
        func projection() throws(LedgerError) -> Provenance {
            if let provenance { return provenance }
            var ids = Set<String>(), targets: [Int] = []
            for draft in drafts where [.partyStatus, .linkAdded, .entryCorrected].contains(draft.type) {
                for body in [draft.body, draft.body["replacement"]].compactMap({ $0 }) {
                    for key in ["document", "from", "to", "reported_by", "cited_by"] { if let id = body[key]?.string { ids.insert(id) } }
                }
                if let target = draft.body["corrects"]?.int { targets.append(target) }
            }
            var made = try context.registrations(of: Array(ids), including: targets)
            // Documents registered earlier in this same commit (a message and its attachments,
            // linked in the commit that registers them) count as registered.
            let pending = drafts.enumerated().filter { $0.element.type == .documentRegistered }.map {
                Entry(seq: context.head.checkpoint.size + $0.offset, time: "", type: .documentRegistered, actor: "", body: $0.element.body)
            }
            if !pending.isEmpty {
                let names = made.nameSource
                made = Provenance(entries: (made.entries + pending).sorted { $0.seq < $1.seq })
                made.nameSource = names
            }
            provenance = made
            return made
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
                try Self.validate(excerpt: text)
                if let citedBy = draft.body["cited_by"] {
                    guard let citedBy = citedBy.string, try isRegistered(citedBy) else {
                        throw LedgerError.missing("no document with id \(draft.body["cited_by"]?.string ?? "?") to cite the excerpt; register it first (leakledger register --excerpts-only --kind statement --id ID --title T)")
                    }
                }
            case .documentRevealed:
                guard let id = draft.body["document"]?.string, let registration = try document(id: id) else {
                    throw LedgerError.missing("no document with id \(draft.body["document"]?.string ?? "?") to reveal")
                }
                if let problem = Self.revealProblem(draft.body, registration: (registration.seq, registration.body)) {
                    throw LedgerError.usage(problem)
                }
            case .emailAuthenticated:
                guard let document = draft.body["document"]?.string, try isRegistered(document) else {
                    throw LedgerError.missing("no document with id \(draft.body["document"]?.string ?? "?") for the e-mail authentication; register the message in the same commit")
                }
            case .partyStatus, .linkAdded, .entryCorrected:
                // Vocabularies, registered ends, dates and correction targets, whoever drafted it.
                try projection().validate(draft.type, body: draft.body)
            default:
                break
            }
        }
    }

    /// Checks that an excerpt, recorded or to verify, is within the length every excerpt has
    /// (``ExcerptVerifier/maxExcerptBytes``), so that it can always be graded.
    public static func validate(excerpt text: String) throws(LedgerError) {
        let bytes = text.utf8.count
        guard bytes <= ExcerptVerifier.maxExcerptBytes else {
            throw LedgerError.usage("the excerpt has \(bytes) bytes, more than the \(ExcerptVerifier.maxExcerptBytes) an excerpt may have (about 10,000 words): give a shorter passage, or check a whole text with verify --document")
        }
    }

    /// Checks that `id` can name a document: 1 to 200 characters, no white space, no control
    /// characters or bidi overrides (``Terminal/isUnsafe(_:)``), not starting with `-` (it
    /// would read as a flag).
    public static func validate(documentID id: String) throws(LedgerError) {
        guard !id.isEmpty, id.count <= 200 else { throw LedgerError.usage("a document id needs 1 to 200 characters") }
        guard !id.hasPrefix("-"),
              id.unicodeScalars.allSatisfy({ !$0.properties.isWhitespace && !Terminal.isUnsafe($0) })
        else {
            throw LedgerError.usage("the document id \"\(Terminal.escaped(id))\" has white space, control characters or bidi overrides, or starts with '-'; pass a plain id with --id")
        }
    }
}
