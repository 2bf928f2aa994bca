import Foundation
import GRDB

/// The derived search index: an inverted index from word keys to the texts that hold them,
/// in SQLite through GRDB. It is never the source of truth: everything in it is rebuilt from
/// the log and `objects/` at will, and it records the tree size and root it was built at, so
/// that a stale or foreign index is noticed and rebuilt.
///
/// A text is indexed as one or more segments: a registered full text is one segment; a document
/// known only from excerpts has one segment per recorded excerpt.
public final class SearchIndex: Sendable {
    /// The schema version; an index of another version is rebuilt. 2: words are indexed under
    /// their look-alike key too (the skeleton of their L2 spelling, before case folding).
    static let schemaVersion = "2"

    private let database: DatabaseQueue
    /// Where the index lives.
    public let path: String

    /// Opens (creating when missing) the index at `path`.
    public init(path: String) throws(LedgerError) {
        self.path = path
        do {
            var configuration = Configuration()
            configuration.journalMode = .wal
            configuration.busyMode = .timeout(10)
            database = try DatabaseQueue(path: path, configuration: configuration)
            try database.write { db in try Self.migrate(db) }
        } catch {
            throw LedgerError(.io, "cannot open the search index \(path): \(error); delete it and run `leakledger reindex`")
        }
    }

    private static func migrate(_ db: Database) throws {
        try db.execute(sql: "CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        let version = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'schema'")
        if version != schemaVersion {
            for table in ["documents", "segments", "postings", "terms"] {
                try db.execute(sql: "DROP TABLE IF EXISTS \(table)")
            }
            try db.execute(sql: "DELETE FROM meta")
        }
        try db.execute(sql: """
            CREATE TABLE IF NOT EXISTS documents(
                id TEXT PRIMARY KEY, seq INTEGER NOT NULL, content TEXT NOT NULL,
                sha256 TEXT, text_sha256 TEXT);
            CREATE INDEX IF NOT EXISTS documents_sha256 ON documents(sha256);
            CREATE INDEX IF NOT EXISTS documents_text_sha256 ON documents(text_sha256);
            CREATE TABLE IF NOT EXISTS segments(
                id INTEGER PRIMARY KEY, document TEXT NOT NULL, seq INTEGER NOT NULL, text TEXT NOT NULL);
            CREATE INDEX IF NOT EXISTS segments_document ON segments(document);
            CREATE TABLE IF NOT EXISTS postings(
                term TEXT NOT NULL, segment INTEGER NOT NULL, PRIMARY KEY(term, segment)) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS terms(term TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID;
            INSERT OR REPLACE INTO meta(key, value) VALUES ('schema', '\(schemaVersion)');
            """)
    }

    /// The log position the index covers: its tree size and root (hex), or `nil` when empty.
    public func position() throws(LedgerError) -> (size: Int, root: String)? {
        try read { db in
            guard let size = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'size'").flatMap({ Int($0) }),
                  let root = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'root'")
            else { return nil }
            return (size, root)
        }
    }

    /// Adds what `entries[start..<size]` of the log registered and moves the index to `size`
    /// and `root`, in one transaction: a reader sees the index before or after, never half-way.
    /// With `rebuild`, the index is emptied first (in the same transaction) and `start` is 0.
    ///
    /// Returns false, changing nothing, when the index no longer stands at `start` (another
    /// process updated it meanwhile): the caller reads the position again.
    public func apply(_ batch: IndexBatch, from start: Int, rebuild: Bool, size: Int, root: String) throws(LedgerError) -> Bool {
        try write { db in
            if rebuild {
                for table in ["documents", "segments", "postings", "terms"] {
                    try db.execute(sql: "DELETE FROM \(table)")
                }
            } else {
                let current = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'size'").flatMap { Int($0) } ?? 0
                guard current == start else { return false }
            }
            let document = try db.cachedStatement(sql: """
                INSERT OR REPLACE INTO documents(id, seq, content, sha256, text_sha256) VALUES (?, ?, ?, ?, ?)
                """)
            for item in batch.documents {
                try document.execute(arguments: [item.id, item.seq, item.content, item.sha256, item.textSHA256])
            }
            let segment = try db.cachedStatement(sql: "INSERT INTO segments(document, seq, text) VALUES (?, ?, ?)")
            let posting = try db.cachedStatement(sql: "INSERT OR IGNORE INTO postings(term, segment) VALUES (?, ?)")
            let term = try db.cachedStatement(sql: """
                INSERT INTO terms(term, df) VALUES (?, 1) ON CONFLICT(term) DO UPDATE SET df = df + 1
                """)
            for item in batch.segments {
                try segment.execute(arguments: [item.document, item.seq, item.text])
                let id = db.lastInsertedRowID
                for key in Set(item.terms) {
                    try posting.execute(arguments: [key, id])
                    try term.execute(arguments: [key])
                }
            }
            try db.execute(sql: "INSERT OR REPLACE INTO meta(key, value) VALUES ('size', ?), ('root', ?)",
                           arguments: [String(size), root])
            // Statistics let SQLite's planner start from the rare terms' postings; refreshed
            // when a batch is large enough to change them.
            if batch.segments.count >= 100 { try db.execute(sql: "ANALYZE") }
            return true
        }
    }

    /// How many segments hold each of `terms` (missing terms are absent from the result).
    public func documentFrequencies(_ terms: Set<String>) throws(LedgerError) -> [String: Int] {
        guard !terms.isEmpty else { return [:] }
        return try read { db in
            let rows = try Row.fetchAll(db, sql: "SELECT term, df FROM terms WHERE term IN \(Self.placeholders(terms.count))",
                                        arguments: StatementArguments(Array(terms)))
            return Dictionary(uniqueKeysWithValues: rows.map { ($0[0] as String, $0[1] as Int) })
        }
    }

    /// The segments that hold at least one of `anyOf` and at least `minimumShared` of the
    /// distinct `terms`, with their texts.
    public func candidates(anyOf required: [String], terms: Set<String>, minimumShared: Int) throws(LedgerError) -> [IndexedSegment] {
        guard !required.isEmpty else { return [] }
        return try read { db in
            let all = Array(terms)
            let sql = """
                SELECT s.id, s.document, s.seq, s.text FROM segments s JOIN (
                    SELECT segment, count(*) AS shared FROM postings
                    WHERE term IN \(Self.placeholders(all.count)) AND segment IN (
                        SELECT segment FROM postings WHERE term IN \(Self.placeholders(required.count)))
                    GROUP BY segment HAVING shared >= ?) c ON c.segment = s.id
                ORDER BY s.document, s.id
                """
            let arguments = StatementArguments(all + required) + [minimumShared]
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map {
                IndexedSegment(id: $0[0], document: $0[1], seq: $0[2], text: $0[3], terms: [])
            }
        }
    }

    /// Every segment of the named documents (for `--doc` and excerpt checks), in order.
    public func segments(ofDocuments ids: [String]) throws(LedgerError) -> [IndexedSegment] {
        guard !ids.isEmpty else { return [] }
        return try read { db in
            try Row.fetchAll(db, sql: "SELECT id, document, seq, text FROM segments WHERE document IN \(Self.placeholders(ids.count)) ORDER BY document, id",
                             arguments: StatementArguments(ids)).map {
                IndexedSegment(id: $0[0], document: $0[1], seq: $0[2], text: $0[3], terms: [])
            }
        }
    }

    /// The indexed documents whose raw or normalised-text fingerprint is `sha256` or `textSHA256`.
    public func documents(sha256: String?, textSHA256: String?) throws(LedgerError) -> [IndexedDocument] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT id, seq, content, sha256, text_sha256 FROM documents WHERE sha256 = ? OR text_sha256 = ? ORDER BY id",
                             arguments: [sha256, textSHA256]).map(IndexedDocument.init(row:))
        }
    }

    /// The indexed documents with these ids, by id (unknown ids are absent).
    public func documents(ids: [String]) throws(LedgerError) -> [IndexedDocument] {
        guard !ids.isEmpty else { return [] }
        return try read { db in
            try Row.fetchAll(db, sql: "SELECT id, seq, content, sha256, text_sha256 FROM documents WHERE id IN \(Self.placeholders(ids.count)) ORDER BY id",
                             arguments: StatementArguments(ids)).map(IndexedDocument.init(row:))
        }
    }

    /// Every indexed document, by id.
    public func allDocuments() throws(LedgerError) -> [IndexedDocument] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT id, seq, content, sha256, text_sha256 FROM documents ORDER BY id")
                .map(IndexedDocument.init(row:))
        }
    }

    private static func placeholders(_ count: Int) -> String {
        "(" + Array(repeating: "?", count: count).joined(separator: ",") + ")"
    }

    private func read<T>(_ body: (Database) throws -> T) throws(LedgerError) -> T {
        do { return try database.read(body) } catch {
            throw LedgerError(.io, "cannot read the search index \(path): \(error); run `leakledger reindex`")
        }
    }

    private func write<T>(_ body: (Database) throws -> T) throws(LedgerError) -> T {
        do { return try database.write(body) } catch {
            throw LedgerError(.io, "cannot update the search index \(path): \(error); run `leakledger reindex`")
        }
    }
}

/// What a stretch of the log adds to the index.
public struct IndexBatch: Sendable {
    /// Registered documents (all of them, searchable or not, for fingerprint look-ups).
    public var documents: [IndexedDocument] = []
    /// Searchable texts with their keys.
    public var segments: [IndexedSegment] = []

    /// An empty batch.
    public init() {}
}

/// A registered document as the index knows it.
public struct IndexedDocument: Sendable, Hashable {
    /// The document id.
    public var id: String
    /// The registration entry.
    public var seq: Int
    /// `text`, `binary` or `excerpts`.
    public var content: String
    /// Hex SHA-256 of the raw bytes, when registered from bytes.
    public var sha256: String?
    /// Hex SHA-256 of the L2 text, when it is text.
    public var textSHA256: String?

    /// A document row.
    public init(id: String, seq: Int, content: String, sha256: String?, textSHA256: String?) {
        self.id = id
        self.seq = seq
        self.content = content
        self.sha256 = sha256
        self.textSHA256 = textSHA256
    }

    init(row: Row) {
        self.init(id: row[0], seq: row[1], content: row[2], sha256: row[3], textSHA256: row[4])
    }
}

/// One searchable text: a full document's text, or one recorded excerpt.
public struct IndexedSegment: Sendable, Hashable {
    /// The row id (0 until stored).
    public var id: Int64
    /// The document it belongs to.
    public var document: String
    /// The entry that registered the text (the document's, or the excerpt's).
    public var seq: Int
    /// The L1 text.
    public var text: String
    /// Its index keys (only when adding).
    public var terms: [String]

    /// A segment to add or one read back.
    public init(id: Int64 = 0, document: String, seq: Int, text: String, terms: [String]) {
        self.id = id
        self.document = document
        self.seq = seq
        self.text = text
        self.terms = terms
    }
}
