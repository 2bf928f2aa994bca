#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What hashing a file found: its digest and its length.
public struct FileDigest: Sendable, Hashable {
    /// SHA-256 of the file's bytes.
    public let sha256: SHA256Digest
    /// The number of bytes read.
    public let byteCount: Int

    /// The digest and length of content already in hand.
    public init(sha256: SHA256Digest, byteCount: Int) {
        self.sha256 = sha256
        self.byteCount = byteCount
    }
}

extension SHA256 {
    /// The read size for files: large enough that the system call cost vanishes beside the
    /// hashing, small enough that memory stays flat whatever the file's size.
    public static let fileChunkSize = 1 << 20

    /// Hashes a file with plain `read(2)` calls into one reused buffer, so memory does not grow
    /// with the file. `each` sees every chunk as it is read (to copy it elsewhere in the same pass).
    public static func hash(
        fileAt path: String,
        each: (UnsafeRawBufferPointer) throws -> Void = { _ in }
    ) throws(FileError) -> FileDigest {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw FileError(path: path, operation: .open, errno: errno) }
        defer { close(descriptor) }
        return try hash(descriptor: descriptor, path: path, each: each)
    }

    /// Hashes everything readable from an open descriptor (a file, a pipe, standard input).
    public static func hash(
        descriptor: Int32,
        path: String,
        each: (UnsafeRawBufferPointer) throws -> Void = { _ in }
    ) throws(FileError) -> FileDigest {
        var hasher = SHA256()
        var total = 0
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: fileChunkSize, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let count = read(descriptor, buffer.baseAddress, fileChunkSize)
            if count < 0 {
                if errno == EINTR { continue }
                throw FileError(path: path, operation: .read, errno: errno)
            }
            if count == 0 { break }
            let chunk = UnsafeRawBufferPointer(rebasing: buffer[0..<count])
            hasher.update(chunk)
            do { try each(chunk) } catch let error as FileError { throw error } catch {
                throw FileError(path: path, operation: .write, message: "\(error)")
            }
            total += count
        }
        return FileDigest(sha256: hasher.finalize(), byteCount: total)
    }
}
