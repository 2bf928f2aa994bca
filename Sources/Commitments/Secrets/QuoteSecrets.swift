import ContentHash
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The keeper's store of per-document secrets for one ledger: beside its private key, never in
/// the ledger folder, readable by its owner only (folder 0700, files 0600).
///
/// Layout: `<keys folder>/<origin>.secrets/secrets-XX.jsonl`, one JSON record per line
/// (``DocumentSecrets``), XX the first byte of SHA-256 of the document id in hex. Records are
/// only ever appended, never rewritten or deleted: a secret, once a commitment uses it, is the
/// only way to prove quotes from that document. The newest record for an id is the one in force
/// (a registration that failed after saving its record and was tried again leaves an older one).
/// 256 small append-only files keep bulk registration to one sync per file touched, and a
/// look-up to one small file.
///
/// Backup: copy the keys folder (it holds the private keys and this folder), or
/// ``exportBundle()`` / ``importBundle(_:)``.
public struct QuoteSecrets: Sendable {
    /// The store's folder.
    public let folder: String

    /// The store in `folder` (made on first save).
    public init(folder: String) {
        self.folder = folder
    }

    /// The store beside a ledger's default key file: `<origin>.key` → `<origin>.secrets/`
    /// (``LedgerKeys/defaultPath(origin:environment:)`` in LeakLedger gives the key file).
    public init(besideKeyFile keyFile: String) {
        let base = keyFile.hasSuffix(".key") ? String(keyFile.dropLast(4)) : keyFile
        self.init(folder: base + ".secrets")
    }

    /// The first line of an export bundle.
    public static let bundleHeader = "leakledger-secrets/v1"

    /// Saves records for documents about to be registered, each shard file synced once.
    /// Call it before the commit that records their commitments, under the ledger's write lock.
    public func save(_ records: [DocumentSecrets]) throws(CommitmentError) {
        guard !records.isEmpty else { return }
        try makeFolder()
        var byShard: [String: [UInt8]] = [:]
        for record in records {
            byShard[shardPath(record.document), default: []] += record.line + [0x0A]
        }
        for (path, bytes) in byShard.sorted(by: { $0.key < $1.key }) {
            try append(bytes, to: path)
        }
    }

    /// The secrets in force for `document`; nil when none are kept.
    public func secrets(for document: String) throws(CommitmentError) -> DocumentSecrets? {
        try records(in: shardPath(document)).last { $0.document == document }
    }

    /// The secrets in force for `document`, or a `missing` error that says where they were sought.
    public func requireSecrets(for document: String) throws(CommitmentError) -> DocumentSecrets {
        guard let found = try secrets(for: document) else {
            throw .missing("no secret is kept for \(document) in \(folder): quote proofs and reveals need the keeper's secrets (restore the keys folder from its backup, or import a secrets bundle)")
        }
        return found
    }

    /// Every record in the store, shard by shard, oldest first within a shard.
    public func allRecords() throws(CommitmentError) -> [DocumentSecrets] {
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: folder) } catch {
            if !FileManager.default.fileExists(atPath: folder) { return [] }
            throw .store("cannot list \(folder): \(error.localizedDescription)")
        }
        var out: [DocumentSecrets] = []
        for name in names.sorted() where name.hasPrefix("secrets-") && name.hasSuffix(".jsonl") {
            out += try records(in: folder + "/" + name)
        }
        return out
    }

    /// Every record as one text: a header line, then one record per line. Keep it as safe as
    /// the private key.
    public func exportBundle() throws(CommitmentError) -> [UInt8] {
        var out = Array((Self.bundleHeader + "\n").utf8)
        for record in try allRecords() { out += record.line + [0x0A] }
        return out
    }

    /// What an import did.
    public struct ImportSummary: Sendable, Hashable {
        /// Records added (documents the store had no secret for).
        public var added: Int
        /// Records the store already held.
        public var known: Int
        /// Documents whose kept secret differs from the bundle's: left as they were.
        public var conflicting: [String]
    }

    /// Adds the records of a bundle for documents the store has no secret for. A document
    /// already kept is never changed (an old backup cannot replace a newer secret); a differing
    /// one is reported as conflicting.
    public func importBundle(_ bundle: [UInt8]) throws(CommitmentError) -> ImportSummary {
        let lines = bundle.split(separator: 0x0A, omittingEmptySubsequences: true)
        guard let header = lines.first, String(decoding: header, as: UTF8.self) == Self.bundleHeader else {
            throw .store("not a secrets bundle: the first line must be \(Self.bundleHeader)")
        }
        var incoming: [DocumentSecrets] = []
        for (k, line) in lines.dropFirst().enumerated() {
            guard let record = DocumentSecrets(line: line) else { throw .store("line \(k + 2) of the bundle is not a secrets record") }
            incoming.append(record)
        }
        var current: [String: DocumentSecrets] = [:]
        for record in try allRecords() { current[record.document] = record }
        var summary = ImportSummary(added: 0, known: 0, conflicting: [])
        var toAdd: [DocumentSecrets] = []
        var latest: [String: DocumentSecrets] = [:]
        for record in incoming { latest[record.document] = record }
        for record in latest.values.sorted(by: { $0.document < $1.document }) {
            if let kept = current[record.document] {
                if kept == record { summary.known += 1 } else { summary.conflicting.append(record.document) }
            } else {
                toAdd.append(record)
            }
        }
        try save(toAdd)
        summary.added = toAdd.count
        return summary
    }

    // MARK: Files

    private func shardPath(_ document: String) -> String {
        folder + "/secrets-" + Hex.encode(SHA256.hash(document).bytes.prefix(1)) + ".jsonl"
    }

    private func makeFolder() throws(CommitmentError) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw .store("\(folder) is not a folder; move it away so that secrets can be kept there") }
            return
        }
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw .store("cannot create \(folder): \(error.localizedDescription)")
        }
        Self.syncFolder(Self.parent(of: folder))
    }

    /// Appends whole lines under an exclusive lock, first cutting a torn last line (a save that
    /// crashed before its sync, which no commit can have used), then syncs.
    private func append(_ bytes: [UInt8], to path: String) throws(CommitmentError) {
        let existed = FileManager.default.fileExists(atPath: path)
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw .store("cannot open \(path): \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        guard flock(descriptor, LOCK_EX) == 0 else { throw .store("cannot lock \(path): \(String(cString: strerror(errno)))") }
        var size = Int(lseek(descriptor, 0, SEEK_END))
        if size > 0 {
            let tail = try Self.read(path: path, descriptor: descriptor)
            let keep = (tail.lastIndex(of: 0x0A).map { $0 + 1 }) ?? 0
            if keep != size {
                guard ftruncate(descriptor, off_t(keep)) == 0 else { throw .store("cannot repair \(path): \(String(cString: strerror(errno)))") }
                size = keep
            }
        }
        let written = bytes.withUnsafeBytes { buffer -> Bool in
            var offset = 0
            while offset < buffer.count {
                let n = pwrite(descriptor, buffer.baseAddress! + offset, buffer.count - offset, off_t(size + offset))
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { return false }
                offset += n
            }
            return true
        }
        guard written, fsync(descriptor) == 0 else { throw .store("cannot write \(path): \(String(cString: strerror(errno)))") }
        if !existed { Self.syncFolder(folder) }
    }

    private func records(in path: String) throws(CommitmentError) -> [DocumentSecrets] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            if errno == ENOENT { return [] }
            throw .store("cannot open \(path): \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        let bytes = try Self.read(path: path, descriptor: descriptor)
        // A last line without its newline is a save that never finished: not a record.
        let complete = bytes[..<((bytes.lastIndex(of: 0x0A).map { $0 + 1 }) ?? 0)]
        var out: [DocumentSecrets] = []
        for (k, line) in complete.split(separator: 0x0A, omittingEmptySubsequences: false).dropLast().enumerated() {
            guard let record = DocumentSecrets(line: line) else {
                throw .store("line \(k + 1) of \(path) is damaged; restore the file from the backup of the keys folder")
            }
            out.append(record)
        }
        return out
    }

    private static func read(path: String, descriptor: Int32) throws(CommitmentError) -> [UInt8] {
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var offset = 0
        while true {
            let n = chunk.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, off_t(offset)) }
            if n < 0 && errno == EINTR { continue }
            guard n >= 0 else { throw .store("cannot read \(path): \(String(cString: strerror(errno)))") }
            if n == 0 { return out }
            out += chunk[0..<n]
            offset += n
        }
    }

    /// The folder that holds `path` (by hand: NSString.deletingLastPathComponent traps on a
    /// bare relative name).
    static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    private static func syncFolder(_ path: String) {
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        _ = fsync(descriptor)
        close(descriptor)
    }
}
