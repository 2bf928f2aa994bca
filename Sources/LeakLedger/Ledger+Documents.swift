/// What a registered item is: a document, or a statement or report about documents.
public enum DocumentKind: String, Sendable, CaseIterable {
    /// A document (leaked, disputed, or published).
    case document
    /// A statement, briefing or report that refers to documents.
    case statement
}

extension Ledger {
    /// Every registered document's `document.registered` entry, by id.
    public func documents() throws(LedgerError) -> [String: Entry] {
        Self.documentRegistrations(in: try entries())
    }

    /// The `document.registered` entry for `id`, or nil.
    public func document(id: String) throws(LedgerError) -> Entry? {
        try documents()[id]
    }

    /// The `document.registered` entry for `id`; an unknown id is `missing`, with advice.
    public func requireDocument(id: String) throws(LedgerError) -> Entry {
        guard let entry = try document(id: id) else {
            throw LedgerError.missing("no document with id \(id) in \(path); list them with leakledger log --type document.registered")
        }
        return entry
    }

    /// The `excerpt.recorded` entries of document `id`, in order.
    public func excerpts(of id: String) throws(LedgerError) -> [Entry] {
        try entries().filter { $0.type == .excerptRecorded && $0.body["document"]?.string == id }
    }

    /// The path of the stored copy (`objects/<hex>`) of content with this digest, when the
    /// ledger holds one.
    public func storedCopy(of digest: SHA256Digest) -> String? {
        let path = layout.object(digest)
        return FileSystem.exists(path) ? path : nil
    }

    /// The entry at `seq`; `missing` past the committed log.
    public func entry(at seq: Int) throws(LedgerError) -> Entry {
        let all = try entries()
        guard seq >= 0, seq < all.count else {
            throw LedgerError.missing("no entry \(seq): the ledger has \(all.count) entries (seq 0 to \(all.count - 1))")
        }
        return all[seq]
    }

    /// The `document.registered` entries in `entries`, by id (the first registration wins).
    public static func documentRegistrations(in entries: [Entry]) -> [String: Entry] {
        var documents = [String: Entry]()
        for entry in entries where entry.type == .documentRegistered {
            if let id = entry.body["id"]?.string, documents[id] == nil { documents[id] = entry }
        }
        return documents
    }

    /// The documents or parties an entry concerns, for listings and `log --doc`.
    public static func subjects(of entry: Entry) -> [String] {
        let keys: [String]
        switch entry.type {
        case .ledgerCreated: keys = ["origin"]
        case .documentRegistered: keys = ["id"]
        case .excerptRecorded: keys = ["document", "cited_by"]
        case .partyStatus: keys = ["party", "document"]
        case .linkAdded: keys = ["from", "to"]
        default: keys = ["document", "id", "from", "to", "party"]
        }
        return keys.compactMap { entry.body[$0]?.string }
    }
}
