#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
internal import CSystem

/// What reading one input found: its digest and length, the copy staged (if new), and its
/// bytes when it was small enough to fingerprint as text.
struct IngestedFile {
    var digest: FileDigest
    /// The hex digest of the copy this read staged in `objects/` (to promote after the commit,
    /// or remove if the commit fails); nil when a copy was already there or none was kept.
    var staged: String?
    /// The whole content, kept only up to ``ObjectStore/textLimit`` bytes.
    var content: [UInt8]?
}

/// What reading a stored text found.
enum StoredText {
    case text(String)
    case missing
    case damaged(String)
    case notText
    case tooLarge
}

/// Where registered copies live, behind the few operations the ledger needs (the copies' side
/// of the storage seam, beside ``LogStorage``). Nothing a storage returns is trusted: a copy is
/// checked against its digest before its words are used.
protocol ObjectStorage: Sendable {
    /// Makes the storage ready for copies (the `objects/` folder, say).
    func prepare() throws(LedgerError)
    /// Hashes an input, staging a copy unless `keep` is false.
    func ingest(_ path: String, keep: Bool) throws(LedgerError) -> IngestedFile
    /// Stages bytes (a derived text) as a copy; returns its hex digest and whether it was new.
    func stage(_ bytes: [UInt8]) throws(LedgerError) -> (hex: String, staged: Bool)
    /// Hashes bytes held in memory (an attachment), staging a copy unless `keep` is false.
    func ingest(bytes: [UInt8], keep: Bool) throws(LedgerError) -> IngestedFile
    /// Where a staged copy can be read by another process (the extraction worker).
    func stagedPath(_ hex: String) -> String
    /// Makes staged copies durable before the commit that names them.
    func syncStaged(_ staged: [String]) throws(LedgerError)
    /// After the commit: staged copies become the copies.
    func promote(_ staged: [String]) throws(LedgerError)
    /// Removes staged copies of a commit that did not happen.
    func discard(_ staged: [String])
    /// Under the lock, before an append: staged copies no commit claims are removed, those of
    /// `committed` promoted.
    func settle(committed: [String])
    /// The text of the copy named `hex`, checked against `digest` (its name, or for a blind
    /// document's copy, named by its commitment, the SHA-256 its keeper's secret opens).
    func readText(named hex: String, digest: SHA256Digest, limit: Int) -> StoredText
    /// Renames a staged copy: a blind document's copy is kept under its commitment's name.
    func restage(_ hex: String, as name: String) throws(LedgerError)
    /// Whether a copy of this digest is kept.
    func holds(_ object: SHA256Digest) -> Bool
}

extension ObjectStorage {
    /// The text of a copy named by its digest, checked against it.
    func readText(_ object: SHA256Digest, limit: Int) -> StoredText {
        readText(named: object.hex, digest: object, limit: limit)
    }
}

/// Content-addressed copies in `objects/`, written in the same read pass as the hashing.
///
/// A copy is staged as `objects/.pending-<hex>` and becomes `objects/<hex>` only after the commit
/// that registers it: a writer killed before its commit leaves no copy of a document that was never
/// registered, and the next writer removes what no commit claims (issue 8, item 10). Copies are
/// read back only through ``readText(_:)``, which checks them against their name.
struct ObjectStore: ObjectStorage {
    /// Inputs up to this size are also kept in memory, to be decoded and fingerprinted as text;
    /// larger ones are hashed as bytes only, so memory stays bounded.
    static let textLimit = 64 << 20
    static let directory = "objects"
    static let pendingPrefix = ".pending-"

    let folder: LedgerFolder

    static func name(_ hex: String) -> String { directory + "/" + hex }
    static func pendingName(_ hex: String) -> String { directory + "/" + pendingPrefix + hex }

    /// Creates `objects/` when it is missing (a ledger from a git clone has none: git keeps no
    /// empty folder).
    func prepare() throws(LedgerError) {
        do { try folder.makeDirectory(Self.directory) } catch { throw LedgerError(error) }
    }

    /// Hashes `path` (`-` for standard input), staging a copy in `objects/` unless `keep` is
    /// false. Only a regular file (or standard input) is read: a FIFO or a device is refused.
    func ingest(_ path: String, keep: Bool) throws(LedgerError) -> IngestedFile {
        let isStandardInput = path == "-"
        let name = isStandardInput ? "standard input" : path
        let descriptor: Int32
        if isStandardInput {
            descriptor = STDIN_FILENO
        } else {
            descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
            guard descriptor >= 0 else { throw LedgerError(FileError(path: path, operation: .open, errno: errno)) }
        }
        defer { if !isStandardInput { close(descriptor) } }
        var info = stat()
        let isRegular = fstat(descriptor, &info) == 0 && info.st_mode & S_IFMT == S_IFREG
        if !isStandardInput {
            guard isRegular else {
                throw LedgerError.malformed("\(path) is not a regular file (a FIFO, a device or a socket); register a file, or stream it with - (standard input) and --id")
            }
            _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~O_NONBLOCK)
        }
        let knownSize = isRegular ? Int(info.st_size) : nil
        var content: [UInt8]? = nil
        if let knownSize {
            if knownSize <= Self.textLimit { content = []; content!.reserveCapacity(knownSize) }
        } else {
            content = []
        }

        var temporary: TemporaryFile? = nil
        if keep {
            do throws(FileError) { temporary = try folder.createTemporary(beside: Self.directory + "/x", mode: 0o444) } catch { throw LedgerError(error) }
        }
        let digest: FileDigest
        do throws(FileError) {
            var first = true
            digest = try SHA256.hash(descriptor: descriptor, path: name) { chunk in
                if first {
                    first = false
                    if Self.isCertainlyBinary(chunk) { content = nil }
                }
                if content != nil {
                    if content!.count + chunk.count > Self.textLimit { content = nil } else { content!.append(contentsOf: chunk) }
                }
                if let temporary { try temporary.file.append(chunk) }
            }
        } catch {
            if let temporary { folder.remove(temporary.name) }
            throw LedgerError(error)
        }
        guard let temporary else { return IngestedFile(digest: digest, staged: nil, content: content) }
        let hex = digest.sha256.hex
        if (try? folder.kind(of: Self.name(hex))) != nil || (try? folder.kind(of: Self.pendingName(hex))) != nil {
            folder.remove(temporary.name)
            return IngestedFile(digest: digest, staged: nil, content: content)
        }
        do { try folder.rename(temporary.name, to: Self.pendingName(hex)) } catch {
            folder.remove(temporary.name)
            throw LedgerError(error)
        }
        return IngestedFile(digest: digest, staged: hex, content: content)
    }

    /// Renames the staged copy `hex` to `name` (still staged): a blind document's copy is kept
    /// under its commitment's name.
    func restage(_ hex: String, as name: String) throws(LedgerError) {
        do { try folder.rename(Self.pendingName(hex), to: Self.pendingName(name)) } catch { throw LedgerError(error) }
    }

    /// Stages `bytes` (a derived text, say) as an object; returns its hex digest and whether
    /// this call staged it.
    func stage(_ bytes: [UInt8]) throws(LedgerError) -> (hex: String, staged: Bool) {
        let hex = SHA256.hash(bytes).hex
        if (try? folder.kind(of: Self.name(hex))) != nil || (try? folder.kind(of: Self.pendingName(hex))) != nil {
            return (hex, false)
        }
        do {
            let temporary = try folder.createTemporary(beside: Self.directory + "/x", mode: 0o444)
            try temporary.file.write(bytes, at: 0)
            try folder.rename(temporary.name, to: Self.pendingName(hex))
        } catch {
            throw LedgerError(error)
        }
        return (hex, true)
    }

    /// Makes the staged copies durable before the commit that refers to them: one file-system
    /// sync for the whole batch, then the folder.
    func syncStaged(_ staged: [String]) throws(LedgerError) {
        guard !staged.isEmpty else { return }
        do {
            let pending = staged.filter { (try? folder.kind(of: Self.pendingName($0))) != nil }
            guard let first = pending.first else { return }
            let file = try folder.open(Self.pendingName(first), flags: O_RDONLY)
            if leakledger_syncfs(file.descriptor) != 0 {
                for hex in pending { try folder.open(Self.pendingName(hex), flags: O_RDONLY).sync() }
            }
            try folder.sync(directoryOf: Self.pendingName(first))
        } catch {
            throw LedgerError(error)
        }
    }

    func ingest(bytes: [UInt8], keep: Bool) throws(LedgerError) -> IngestedFile {
        let digest = FileDigest(sha256: SHA256.hash(bytes), byteCount: bytes.count)
        var staged: String?
        if keep, try stage(bytes).staged { staged = digest.sha256.hex }
        let content = bytes.count <= Self.textLimit && !bytes.withUnsafeBytes(Self.isCertainlyBinary) ? bytes : nil
        return IngestedFile(digest: digest, staged: staged, content: content)
    }

    func stagedPath(_ hex: String) -> String {
        folder.display(Self.pendingName(hex))
    }

    func discard(_ staged: [String]) {
        for hex in staged { folder.remove(Self.pendingName(hex)) }
    }

    func holds(_ object: SHA256Digest) -> Bool {
        if case .file? = try? folder.kind(of: Self.name(object.hex)) { return true }
        return false
    }

    /// After a commit: the staged copies become the document copies.
    func promote(_ staged: [String]) throws(LedgerError) {
        guard !staged.isEmpty else { return }
        do {
            for hex in staged where (try? folder.kind(of: Self.pendingName(hex))) != nil {
                try folder.rename(Self.pendingName(hex), to: Self.name(hex))
            }
            try folder.sync(directoryOf: Self.name(staged[0]))
        } catch {
            throw LedgerError(error)
        }
    }

    /// Removes staged copies that no commit claims (an append killed before its commit), and
    /// promotes those of `committed` (an append killed between its commit and the promotion).
    /// Call under the writers' lock: only the lock holder stages copies.
    func settle(committed: [String]) {
        let keep = Set(committed)
        for name in (try? folder.contents(of: Self.directory)) ?? [] where name.hasPrefix(".") {
            if name.hasPrefix(Self.pendingPrefix), keep.contains(String(name.dropFirst(Self.pendingPrefix.count))) { continue }
            if name.hasPrefix(Self.pendingPrefix) || name.hasPrefix(".x.tmp-") || name.hasPrefix(".tmp-") {
                folder.remove(Self.directory + "/" + name)
            }
        }
        try? promote(committed)
    }

    /// The text of the stored copy `objects/<hex>` (a staged one too, during the moment between
    /// a commit and its promotion), checked against `digest` before a word of it is used: its
    /// name, or for a blind document's copy, the SHA-256 its keeper's secret opens.
    func readText(named hex: String, digest object: SHA256Digest, limit: Int) -> StoredText {
        var bytes: [UInt8]? = nil
        for name in [Self.name(hex), Self.pendingName(hex)] {
            do {
                let file = try folder.open(name, flags: O_RDONLY)
                guard try file.size() <= limit else { return .tooLarge }
                bytes = try file.readAll(limit: limit)
                break
            } catch where error.isMissing {
                continue
            } catch {
                return .damaged("objects/\(hex) cannot be read: \(error)")
            }
        }
        guard let bytes else { return .missing }
        guard SHA256.hash(bytes) == object else {
            return .damaged("objects/\(hex) does not match its fingerprint: the stored copy was changed or damaged")
        }
        if case .text(let text) = TextDocument.decode(bytes: bytes) { return .text(text) }
        return .notText
    }

    /// TEXT's decoding rule (``TextDocument/decode(bytes:)``): without a byte-order mark, a NUL
    /// in the first ``TextDocument/binarySniffLength`` bytes means binary. Seeing it in the first
    /// chunk lets a binary file be streamed without keeping any of it in memory.
    static func isCertainlyBinary(_ head: UnsafeRawBufferPointer) -> Bool {
        let boms: [[UInt8]] = [[0xEF, 0xBB, 0xBF], [0xFF, 0xFE], [0xFE, 0xFF], [0x00, 0x00, 0xFE, 0xFF]]
        if boms.contains(where: { head.starts(with: $0) }) { return false }
        return head.prefix(TextDocument.binarySniffLength).contains(0)
    }
}
