import Foundation
import GRDB

/// What a registered item is: a document, or a statement or report about documents.
public enum DocumentKind: String, Sendable, CaseIterable {
    /// A document (leaked, disputed, or published).
    case document
    /// A statement, briefing or report that refers to documents.
    case statement
}

extension Ledger {
    // MARK: Entries by seq

    /// The entry at `seq`, fetched through its place in the derived state and checked against
    /// the signed root (an inclusion proof over the stored hashes, O(log n)). An entry whose
    /// bytes were changed is `.tampered`, naming the seq; past the committed log is `missing`.
    public func entry(at seq: Int) throws(LedgerError) -> Entry {
        try entries(at: [seq])[0]
    }

    /// The entries at `seqs`, in the order given, each checked against the signed root.
    public func entries(at seqs: [Int]) throws(LedgerError) -> [Entry] {
        let head = try head()
        let size = head.checkpoint.size
        if let bad = seqs.first(where: { $0 < 0 || $0 >= size }) {
            throw LedgerError.missing("no entry \(bad): the ledger has \(size) entries (seq 0 to \(size - 1))")
        }
        guard !seqs.isEmpty else { return [] }
        var state = try state()
        var first: LedgerError?
        for _ in 0..<2 {
            let places = try state.places(of: seqs)
            do {
                return try seqs.map { (seq: Int) throws(LedgerError) -> Entry in
                    guard let place = places[seq] else { throw LedgerError.tampered("the index has no place for entry \(seq)") }
                    return try verifiedEntry(seq: seq, offset: place.offset, length: place.length, head: head)
                }
            } catch where error.kind == .tampered {
                if let first { throw first }
                first = error
                // The index may be what is wrong: rebuild it from the log (which checks every
                // entry against the root) and look again; damage in the log itself stays an error.
                do { try state.rebuild(self, to: head) } catch where error.kind == .tampered { throw first! }
                state = try self.state()
            }
        }
        throw first ?? LedgerError.tampered("cannot fetch entries \(seqs); run leakledger check")
    }

    /// The entry whose line is at `offset`, checked against the head's root.
    func verifiedEntry(seq: Int, offset: Int, length: Int, head: TrustedHead) throws(LedgerError) -> Entry {
        let line = try store.line(at: offset, length: length)
        let proof = try Merkle.inclusionProof(index: seq, size: head.checkpoint.size) { (index: Int) throws(LedgerError) -> SHA256Digest in
            try store.storedHash(at: index)
        }
        guard Merkle.rootFromInclusionProof(leafHash: Merkle.leafHash(line), index: seq, size: head.checkpoint.size, proof: proof) == head.checkpoint.root else {
            throw LedgerError.tampered("entry \(seq) does not match the checkpoint's root: log/entries.jsonl or log/hashes was changed; run leakledger check")
        }
        return try Self.parse(line, seq: seq)
    }

    // MARK: Documents

    /// The `document.registered` entry for `id` (checked against the root), or nil.
    public func document(id: String) throws(LedgerError) -> Entry? {
        guard let seq = try state().read({ db in try Int.fetchOne(db, sql: "SELECT seq FROM documents WHERE id = ?", arguments: [id]) }) else {
            return nil
        }
        let entry = try entry(at: seq)
        guard entry.type == .documentRegistered, entry.body["id"]?.string == id else {
            throw LedgerError.tampered("the index names entry \(seq) for document \(id), which does not register it; run leakledger reindex")
        }
        return entry
    }

    /// The `document.registered` entry for `id`; an unknown id is `missing`, with advice.
    public func requireDocument(id: String) throws(LedgerError) -> Entry {
        guard let entry = try document(id: id) else {
            throw LedgerError.missing("no document with id \(id) in \(path); list them with leakledger log --type document.registered")
        }
        return entry
    }

    /// Every registered document's `document.registered` entry, by id (reads every
    /// registration: for exports and small ledgers).
    public func documents() throws(LedgerError) -> [String: Entry] {
        let seqs = try state().read { db in try Int.fetchAll(db, sql: "SELECT seq FROM documents ORDER BY seq") }
        var documents: [String: Entry] = [:]
        for entry in try entries(at: seqs) {
            if let id = entry.body["id"]?.string { documents[id] = entry }
        }
        return documents
    }

    /// The ids of the first `limit` registered documents, in registration order (for messages).
    public func documentIDs(limit: Int) throws(LedgerError) -> [String] {
        try state().read { db in try String.fetchAll(db, sql: "SELECT id FROM documents WHERE withdrawn = 0 ORDER BY seq LIMIT ?", arguments: [limit]) }
    }

    /// How many documents are registered.
    public func documentCount() throws(LedgerError) -> Int {
        try state().read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM documents") ?? 0 }
    }

    /// The `excerpt.recorded` entries of document `id`, in order.
    public func excerpts(of id: String) throws(LedgerError) -> [Entry] {
        try entries(at: subjectSeqs(id, kind: 0)).filter { $0.type == .excerptRecorded && $0.body["document"]?.string == id }
    }

    /// The path of the stored copy (`objects/<hex>`) of content with this digest, when the
    /// ledger holds one.
    public func storedCopy(of digest: SHA256Digest) -> String? {
        guard objects.holds(digest) else { return nil }
        return folder.display(ObjectStore.name(digest.hex))
    }

    /// The seqs of the entries that name `subject` (kind 0: as `log --doc` lists them; nil: any
    /// relation a document card shows), ascending.
    func subjectSeqs(_ subject: String, kind: Int?) throws(LedgerError) -> [Int] {
        try state().read { db in
            if let kind {
                return try Int.fetchAll(db, sql: "SELECT seq FROM subjects WHERE subject = ? AND kind = ? ORDER BY seq", arguments: [subject, kind])
            }
            return try Int.fetchAll(db, sql: "SELECT DISTINCT seq FROM subjects WHERE subject = ? ORDER BY seq", arguments: [subject])
        }
    }

    /// The seqs of the corrections of each of `seqs`.
    func corrections(of seqs: [Int]) throws(LedgerError) -> [Int: [Int]] {
        guard !seqs.isEmpty else { return [:] }
        return try state().read { db in
            var out: [Int: [Int]] = [:]
            for chunk in stride(from: 0, to: seqs.count, by: 500) {
                let part = Array(seqs[chunk..<min(chunk + 500, seqs.count)])
                let rows = try Row.fetchAll(db, sql: "SELECT target, seq FROM corrections WHERE target IN \(LedgerState.placeholders(part.count)) ORDER BY seq",
                                            arguments: StatementArguments(part))
                for row in rows { out[row[0] as Int, default: []].append(row[1]) }
            }
            return out
        }
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

extension LedgerState {
    /// Where each of `seqs` is in `log/entries.jsonl`.
    func places(of seqs: [Int]) throws(LedgerError) -> [Int: (offset: Int, length: Int)] {
        try read { db in
            var out: [Int: (offset: Int, length: Int)] = [:]
            let unique = Array(Set(seqs))
            for chunk in stride(from: 0, to: unique.count, by: 500) {
                let part = Array(unique[chunk..<min(chunk + 500, unique.count)])
                let rows = try Row.fetchAll(db, sql: "SELECT seq, offset, length FROM entries WHERE seq IN \(Self.placeholders(part.count))",
                                            arguments: StatementArguments(part))
                for row in rows { out[row[0]] = (row[1], row[2]) }
            }
            return out
        }
    }

    /// The key under which a status is a duplicate of another (its whole body, as in force).
    static func factKey(status: StatusRecord) -> [UInt8] {
        Array(SHA256.hash([UInt8]("party.status\n".utf8) + status.body.canonicalBytes).bytes.prefix(16))
    }

    /// The key under which a link is a duplicate of another (its ends and relation).
    static func factKey(link: LinkRecord) -> [UInt8] {
        let ends: JSONValue = .array([.string(link.from), .string(link.relation), .string(link.to)])
        return Array(SHA256.hash([UInt8]("link.added\n".utf8) + ends.canonicalBytes).bytes.prefix(16))
    }
}
