#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What reading one input found: its digest and length, the object written (if new), and its
/// bytes when it was small enough to fingerprint as text.
struct IngestedFile {
    var digest: FileDigest
    /// `objects/<hex>` when this read created it (to remove if the commit fails).
    var createdObject: String?
    /// The whole content, kept only up to ``ObjectStore/textLimit`` bytes.
    var content: [UInt8]?
}

/// Content-addressed copies in `objects/`, written in the same read pass as the hashing:
/// each chunk goes to the hasher and to a temporary file, which is synced and renamed to
/// `objects/<sha256 hex>` once the digest is known. Memory stays flat whatever the size.
struct ObjectStore {
    /// Inputs up to this size are also kept in memory, to be decoded and fingerprinted as text;
    /// larger ones are hashed as bytes only, so memory stays bounded.
    static let textLimit = 64 << 20

    let layout: FolderLayout

    /// Hashes `path` (`-` for standard input), keeping a copy in `objects/` unless `keep` is false.
    func ingest(_ path: String, keep: Bool) throws(LedgerError) -> IngestedFile {
        let isStandardInput = path == "-"
        let name = isStandardInput ? "standard input" : path
        let descriptor = isStandardInput ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw LedgerError(FileError(path: path, operation: .open, errno: errno)) }
        defer { if !isStandardInput { close(descriptor) } }
        var info = stat()
        let knownSize = fstat(descriptor, &info) == 0 && info.st_mode & S_IFMT == S_IFREG ? Int(info.st_size) : nil
        var content: [UInt8]? = nil
        if let knownSize {
            if knownSize <= Self.textLimit { content = []; content!.reserveCapacity(knownSize) }
        } else {
            content = []
        }

        var temporary: String? = nil
        var copy: Int32 = -1
        if keep {
            let candidate = layout.objects + "/.tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
            copy = open(candidate, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o444)
            guard copy >= 0 else { throw LedgerError(FileError(path: candidate, operation: .create, errno: errno)) }
            temporary = candidate
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
                if let temporary { try RawFile.writeAll(copy, chunk, path: temporary) }
            }
            if let temporary, fsync(copy) != 0 { throw FileError(path: temporary, operation: .sync, errno: errno) }
        } catch {
            if let temporary { close(copy); FileSystem.removeFile(temporary) }
            throw LedgerError(error)
        }
        guard let temporary else { return IngestedFile(digest: digest, createdObject: nil, content: content) }
        close(copy)
        let target = layout.object(digest.sha256)
        if FileSystem.exists(target) {
            FileSystem.removeFile(temporary)
            return IngestedFile(digest: digest, createdObject: nil, content: content)
        }
        do { try FileSystem.rename(temporary, to: target) } catch {
            FileSystem.removeFile(temporary)
            throw LedgerError(error)
        }
        return IngestedFile(digest: digest, createdObject: target, content: content)
    }

    /// TEXT's decoding rule (``TextDocument/decode(bytes:)``): without a byte-order mark, a NUL
    /// in the first ``TextDocument/binarySniffLength`` bytes means binary. Seeing it in the first
    /// chunk lets a binary file be streamed without keeping any of it in memory.
    static func isCertainlyBinary(_ head: UnsafeRawBufferPointer) -> Bool {
        let boms: [[UInt8]] = [[0xEF, 0xBB, 0xBF], [0xFF, 0xFE], [0xFE, 0xFF], [0x00, 0x00, 0xFE, 0xFF]]
        if boms.contains(where: { head.starts(with: $0) }) { return false }
        return head.prefix(TextDocument.binarySniffLength).contains(0)
    }

    /// Removes temporary files left by a writer that was killed while copying. Call under the
    /// writers' lock: only the lock holder writes temporary files, so any found are orphans.
    func removeOrphans() {
        for name in (try? FileSystem.contents(of: layout.objects)) ?? [] where name.hasPrefix(".tmp-") {
            FileSystem.removeFile(layout.objects + "/" + name)
        }
    }

    /// Makes the renames durable before the commit that refers to them.
    func sync() throws(LedgerError) {
        do { try FileSystem.syncDirectory(layout.objects) } catch { throw LedgerError(error) }
    }
}
