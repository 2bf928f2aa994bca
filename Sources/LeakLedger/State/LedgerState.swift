#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import GRDB

/// The derived state of a ledger: what queries need, so that no everyday command reads the
/// whole log (DESIGN.md, "Reading: verify what you use, touch only what you need").
///
/// SQLite through GRDB, in `index.sqlite` in the ledger folder (or under the user's cache folder
/// when the folder cannot be written). It holds the byte place of every entry, the documents,
/// the names in use, the subjects of entries, corrections, the facts that make a status or a link
/// a duplicate, and the word postings of searchable texts (never the texts). It records the tree
/// size and root it stands at and catches up from the entries past them.
///
/// A blind registration's withheld fingerprints are in it only when it was built with the
/// keeper's secrets (``Ledger/secretStore``), which open them (`documents.blind` 1), or once a
/// `document.revealed` entry opened them; otherwise the document is matched by nobody here
/// (`blind` 2). A state built with the secrets and opened without them, or the other way round,
/// is rebuilt when it holds blind documents, so that a copy of the keeper's index handed on
/// with the folder loses those fingerprints at its first use.
///
/// It is never the source of truth, and never trusted for content: anyone may have edited it.
/// It proposes; every entry a command prints or acts on is fetched from the log by its place and
/// checked against the signed root, and every text against its fingerprint. A state that fails
/// to open, to read, or to match the log is rebuilt.
final class LedgerState: Sendable {
    /// 3: texts are indexed under each word's look-alike key too (``IndexKeys``).
    /// 4: blind documents (`documents.blind`) and copies named by their commitment (`segments.expect`).
    static let schemaVersion = "6"
    /// The file name in the ledger folder.
    static let fileName = "index.sqlite"
    /// The names SQLite may create beside it.
    static let companionNames = ["-wal", "-shm", "-journal"].map { fileName + $0 }

    /// Where the database lives.
    let path: String
    let database: DatabaseQueue

    private init(path: String, database: DatabaseQueue) {
        self.path = path
        self.database = database
    }

    /// Opens (creating, or rebuilding when it cannot be read) the state of `ledger`.
    static func open(for ledger: Ledger) throws(LedgerError) -> LedgerState {
        let (path, inFolder) = try location(for: ledger)
        if inFolder {
            for name in [fileName] + companionNames {
                do { try ledger.folder.requireRegularOrAbsent(name) } catch { throw LedgerError(.cannotCreate, error.description) }
            }
        }
        if let state = try? open(path: path) { return state }
        // Any failure to open it (truncated, not a database, another program's file): rebuild.
        removeFiles(at: path)
        do { return try open(path: path) } catch {
            throw LedgerError(.io, "cannot create the ledger's index \(path): \(error); check that the folder is writable")
        }
    }

    private static func open(path: String) throws -> LedgerState {
        var configuration = Configuration()
        // A rollback journal, not WAL: a read leaves the files as they were (a command that fails
        // changes nothing in the folder), and only a catch-up writes.
        configuration.journalMode = .default
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL; PRAGMA cache_size = -65536")
        }
        let database = try DatabaseQueue(path: path, configuration: configuration)
        // A state of this schema opens with a read: opening changes nothing in the folder.
        let current = try? database.read { db in try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'schema'") }
        if current != schemaVersion { try database.write { db in try migrate(db) } }
        return LedgerState(path: path, database: database)
    }

    /// Deletes the database and its companions (the state is derived; it is rebuilt at will).
    static func removeFiles(at path: String) {
        for suffix in ["", "-wal", "-shm", "-journal"] { unlink(path + suffix) }
    }

    /// `index.sqlite` in the folder when the folder is writable, else a file under the user's
    /// cache folder named by the ledger's origin and real path.
    static func location(for ledger: Ledger) throws(LedgerError) -> (path: String, inFolder: Bool) {
        if access(ledger.path, W_OK) == 0 { return (ledger.path + "/" + fileName, true) }
        let environment = ProcessInfo.processInfo.environment
        let cache = environment["XDG_CACHE_HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil }
            ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.cache"
        let folder = cache + "/leakledger/index"
        do { try FileSystem.makeDirectories(folder, mode: 0o700) } catch {
            throw LedgerError(.cannotCreate, "cannot create \(folder) for the index of a read-only ledger: \(error)")
        }
        let real = URL(fileURLWithPath: ledger.path).standardizedFileURL.resolvingSymlinksInPath().path
        let name = SHA256.hash(ledger.identity.origin + "\n" + real).hex.prefix(24)
        return (folder + "/\(name).sqlite", false)
    }

    private static func migrate(_ db: Database) throws {
        try db.execute(sql: "CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        let version = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'schema'")
        if version != schemaVersion {
            let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name != 'meta' AND name NOT LIKE 'sqlite_%'")
            for table in tables { try db.execute(sql: "DROP TABLE IF EXISTS \"\(table)\"") }
            try db.execute(sql: "DELETE FROM meta")
        }
        try db.execute(sql: """
            CREATE TABLE IF NOT EXISTS entries(
                seq INTEGER PRIMARY KEY, offset INTEGER NOT NULL, length INTEGER NOT NULL,
                type TEXT NOT NULL, time TEXT NOT NULL);
            CREATE INDEX IF NOT EXISTS entries_type ON entries(type);
            CREATE TABLE IF NOT EXISTS subjects(subject TEXT NOT NULL, kind INTEGER NOT NULL, seq INTEGER NOT NULL, PRIMARY KEY(subject, kind, seq)) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS corrections(target INTEGER NOT NULL, seq INTEGER NOT NULL, PRIMARY KEY(target, seq)) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS documents(
                id TEXT PRIMARY KEY, seq INTEGER NOT NULL, content TEXT NOT NULL,
                sha256 BLOB, text_sha256 BLOB, stored INTEGER NOT NULL, withdrawn INTEGER NOT NULL DEFAULT 0,
                unsearched TEXT, blind INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID;
            CREATE INDEX IF NOT EXISTS documents_sha256 ON documents(sha256);
            CREATE INDEX IF NOT EXISTS documents_text_sha256 ON documents(text_sha256);
            CREATE INDEX IF NOT EXISTS documents_unsearched ON documents(unsearched) WHERE unsearched IS NOT NULL;
            CREATE TABLE IF NOT EXISTS names(
                spelling TEXT PRIMARY KEY, folded TEXT NOT NULL, reversed TEXT NOT NULL,
                roles INTEGER NOT NULL, first_seq INTEGER NOT NULL, uses INTEGER NOT NULL) WITHOUT ROWID;
            CREATE INDEX IF NOT EXISTS names_folded ON names(folded);
            CREATE INDEX IF NOT EXISTS names_reversed ON names(reversed);
            CREATE TABLE IF NOT EXISTS facts(key BLOB PRIMARY KEY, seq INTEGER NOT NULL) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS segments(
                id INTEGER PRIMARY KEY, document TEXT NOT NULL, seq INTEGER NOT NULL,
                text_seq INTEGER, object BLOB, live INTEGER NOT NULL DEFAULT 1, expect BLOB);
            CREATE INDEX IF NOT EXISTS segments_document ON segments(document);
            CREATE INDEX IF NOT EXISTS segments_seq ON segments(seq);
            CREATE TABLE IF NOT EXISTS postings(
                bucket INTEGER NOT NULL, first INTEGER NOT NULL, last INTEGER NOT NULL,
                count INTEGER NOT NULL, data BLOB NOT NULL, PRIMARY KEY(bucket, first)) WITHOUT ROWID;
            INSERT OR REPLACE INTO meta(key, value) VALUES ('schema', '\(schemaVersion)');
            """)
    }

    // MARK: Position

    /// The log position the state stands at: tree size, root and byte count.
    struct Position: Equatable {
        var size: Int
        var root: SHA256Digest
        var byteCount: Int
    }

    func position() throws(LedgerError) -> Position? {
        try read { db in try Self.position(db) }
    }

    static func position(_ db: Database) throws -> Position? {
        let rows = try Row.fetchAll(db, sql: "SELECT key, value FROM meta WHERE key IN ('size', 'root', 'bytes')")
        var values: [String: String] = [:]
        for row in rows { values[row[0]] = row[1] }
        guard let size = values["size"].flatMap({ Int($0) }), let root = values["root"].flatMap({ SHA256Digest(hex: $0) }),
              let bytes = values["bytes"].flatMap({ Int($0) }), size >= 0, bytes >= 0 else { return nil }
        return Position(size: size, root: root, byteCount: bytes)
    }

    static func setPosition(_ db: Database, _ position: Position) throws {
        try db.execute(sql: "INSERT OR REPLACE INTO meta(key, value) VALUES ('size', ?), ('root', ?), ('bytes', ?)",
                       arguments: [String(position.size), position.root.hex, String(position.byteCount)])
    }

    /// Empties every table (a rebuild starts from here, in the same transaction as its first batch).
    static func clear(_ db: Database) throws {
        for table in ["entries", "subjects", "corrections", "documents", "names", "facts", "segments", "postings"] {
            try db.execute(sql: "DELETE FROM \(table)")
        }
        try db.execute(sql: "DELETE FROM meta WHERE key != 'schema'")
    }

    // MARK: Access

    /// Runs a read; a failure (a damaged file) is `.io` with advice, and the caller rebuilds.
    func read<T>(_ body: (Database) throws -> T) throws(LedgerError) -> T {
        do { return try database.read(body) } catch let error as LedgerError { throw error } catch {
            throw LedgerError(.io, "cannot read the ledger's index \(path): \(error)")
        }
    }

    /// Runs a write transaction.
    func write<T>(_ body: (Database) throws -> T) throws(LedgerError) -> T {
        do { return try database.write(body) } catch let error as LedgerError { throw error } catch {
            throw LedgerError(.io, "cannot update the ledger's index \(path): \(error)")
        }
    }

    static func placeholders(_ count: Int) -> String {
        "(" + Array(repeating: "?", count: count).joined(separator: ",") + ")"
    }
}
