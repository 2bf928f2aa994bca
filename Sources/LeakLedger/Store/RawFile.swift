#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An open file descriptor, closed exactly once when the value goes away.
///
/// The ledger writes with plain system calls so that it controls every `fsync` and knows
/// exactly which bytes reached the file: Foundation's file APIs hide both.
struct RawFile: ~Copyable {
    let descriptor: Int32
    let path: String

    /// Opens `path` with `open(2)` flags; `mode` applies when the file is created.
    init(path: String, flags: Int32, mode: mode_t = 0o644) throws(FileError) {
        let descriptor = open(path, flags | O_CLOEXEC, mode)
        guard descriptor >= 0 else {
            throw FileError(path: path, operation: flags & O_CREAT != 0 ? .create : .open, errno: errno)
        }
        self.descriptor = descriptor
        self.path = path
    }

    /// Takes ownership of an open descriptor.
    init(descriptor: Int32, path: String) {
        self.descriptor = descriptor
        self.path = path
    }

    deinit { close(descriptor) }

    /// The file's current length in bytes.
    func size() throws(FileError) -> Int {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw FileError(path: path, operation: .read, errno: errno) }
        return Int(info.st_size)
    }

    /// True when this is a regular file (not a pipe or a device).
    func isRegularFile() -> Bool {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return false }
        return info.st_mode & S_IFMT == S_IFREG
    }

    /// Reads the whole file from the start; a file longer than `limit` bytes is an error (read
    /// no further than the limit, whatever the file claims).
    func readAll(limit: Int = Int.max) throws(FileError) -> [UInt8] {
        var out = [UInt8]()
        let expected = (try? size()) ?? 0
        guard expected <= limit else {
            throw FileError(path: path, operation: .read, message: "it holds \(expected) bytes, more than the \(limit) a file of its kind may hold")
        }
        out.reserveCapacity(expected)
        var offset = 0
        // Most files read whole are small (a checkpoint, ledger.json): a buffer the size of the
        // file (and one byte to see the end), never more than 1 MiB at a time.
        let chunk = max(4096, min(1 << 20, expected + 1))
        var buffer = [UInt8](repeating: 0, count: chunk)
        while true {
            let count = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, chunk, off_t(offset)) }
            if count < 0 {
                if errno == EINTR { continue }
                throw FileError(path: path, operation: .read, errno: errno)
            }
            if count == 0 { break }
            guard offset + count <= limit else {
                throw FileError(path: path, operation: .read, message: "it holds more than the \(limit) bytes a file of its kind may hold")
            }
            out.append(contentsOf: buffer[0..<count])
            offset += count
        }
        return out
    }

    /// Reads exactly `count` bytes at `offset`; fewer available is an error.
    func read(count: Int, at offset: Int) throws(FileError) -> [UInt8] {
        try Self.read(descriptor: descriptor, path: path, count: count, at: offset)
    }

    /// Reads exactly `count` bytes at `offset` from an open descriptor.
    static func read(descriptor: Int32, path: String, count: Int, at offset: Int) throws(FileError) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let got = out.withUnsafeMutableBytes {
                pread(descriptor, $0.baseAddress! + done, count - done, off_t(offset + done))
            }
            if got < 0 {
                if errno == EINTR { continue }
                throw FileError(path: path, operation: .read, errno: errno)
            }
            if got == 0 { throw FileError(path: path, operation: .read, message: "file ends before byte \(offset + count)") }
            done += got
        }
        return out
    }

    /// Writes all of `bytes` at `offset`.
    func write(_ bytes: UnsafeRawBufferPointer, at offset: Int) throws(FileError) {
        var done = 0
        while done < bytes.count {
            let wrote = pwrite(descriptor, bytes.baseAddress! + done, bytes.count - done, off_t(offset + done))
            if wrote < 0 {
                if errno == EINTR { continue }
                throw FileError(path: path, operation: .write, errno: errno)
            }
            done += wrote
        }
    }

    /// Writes all of `bytes` at `offset`.
    func write(_ bytes: [UInt8], at offset: Int) throws(FileError) {
        guard !bytes.isEmpty else { return }
        let result = bytes.withUnsafeBytes { buffer -> Result<Void, FileError> in
            do throws(FileError) { try write(buffer, at: offset) } catch { return .failure(error) }
            return .success(())
        }
        try result.get()
    }

    /// Appends all of `bytes` at the current position (for files opened without `O_APPEND`
    /// and written in order, such as a fresh temporary file).
    func append(_ bytes: UnsafeRawBufferPointer) throws(FileError) {
        try Self.writeAll(descriptor, bytes, path: path)
    }

    /// Writes all of `bytes` to `descriptor` at its current position, resuming after short
    /// writes and interruptions.
    static func writeAll(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer, path: String) throws(FileError) {
        var done = 0
        while done < bytes.count {
            let wrote = posixWrite(descriptor, bytes.baseAddress! + done, bytes.count - done)
            if wrote < 0 {
                if errno == EINTR { continue }
                throw FileError(path: path, operation: .write, errno: errno)
            }
            done += wrote
        }
    }

    /// Cuts the file to `length` bytes.
    func truncate(to length: Int) throws(FileError) {
        guard ftruncate(descriptor, off_t(length)) == 0 else { throw FileError(path: path, operation: .write, errno: errno) }
    }

    /// Forces the file's bytes to stable storage.
    func sync() throws(FileError) {
        guard fsync(descriptor) == 0 else { throw FileError(path: path, operation: .sync, errno: errno) }
    }
}

/// `write(2)`, under a name that the methods called `write` do not shadow.
private func posixWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, buffer, count)
}
