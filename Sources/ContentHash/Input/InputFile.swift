#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file named by a user, opened only when it is a regular file and read only up to a limit.
///
/// A path can name a FIFO (reading blocks until someone writes, perhaps never), a device
/// (`/dev/zero` never ends, `/dev/tty` waits for a person) or a folder. Such a path is refused
/// before any byte is read, and every read stops one byte past its limit, so that no input can
/// hang a command or make it allocate without bound. `-` (standard input) is the way to stream.
public struct InputFile: ~Copyable {
    /// The path as given.
    public let path: String
    /// The file's length when it was opened.
    public let size: Int
    private let descriptor: Int32

    /// Opens `path` for reading; a missing file, or anything but a regular file, is an error.
    ///
    /// The file is opened without blocking (so that a FIFO cannot stall the open), then checked
    /// with `fstat` on the open descriptor, so the check is of the file that will be read.
    public init(path: String) throws(FileError) {
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { throw FileError(path: path, operation: .open, errno: errno) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            let error = FileError(path: path, operation: .read, errno: errno)
            close(descriptor)
            throw error
        }
        guard info.st_mode & S_IFMT == S_IFREG else {
            close(descriptor)
            throw FileError.notRegularFile(path: path, kind: Self.kind(info.st_mode))
        }
        // Reads of a regular file never block; clear the flag so that they behave as usual.
        let flags = fcntl(descriptor, F_GETFL)
        if flags >= 0 { _ = fcntl(descriptor, F_SETFL, flags & ~O_NONBLOCK) }
        self.path = path
        self.size = Int(info.st_size)
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    /// The whole file; more than `limit` bytes is ``FileError/isTooLarge`` (checked against
    /// its length first, and again while reading, in case it grows).
    public func read(limit: Int) throws(FileError) -> [UInt8] {
        guard size <= limit else { throw FileError.tooLarge(path: path, limit: limit) }
        return try Self.read(descriptor, path: path, limit: limit)
    }

    /// Hashes the whole file in constant memory (``SHA256/hash(descriptor:path:each:)``) and
    /// keeps its bytes only when there are at most `keep` of them.
    public func hash(keepingAtMost keep: Int) throws(FileError) -> (digest: FileDigest, content: [UInt8]?) {
        var content: [UInt8]? = size <= keep ? [] : nil
        content?.reserveCapacity(size)
        let digest = try SHA256.hash(descriptor: descriptor, path: path) { chunk in
            guard content != nil else { return }
            if content!.count + chunk.count > keep { content = nil } else { content!.append(contentsOf: chunk) }
        }
        return (digest, content)
    }

    /// The bytes of `path`, or of standard input for `-`, refusing more than `limit` bytes and
    /// (for a path) anything but a regular file.
    public static func contents(of path: String, limit: Int) throws(FileError) -> [UInt8] {
        if path == "-" { return try readStandardInput(limit: limit) }
        do {
            return try InputFile(path: path).read(limit: limit)
        } catch where error.isNotRegularFile {
            throw FileError.notRegularFile(path: path, kind: kind(of: path),
                                           advice: "give a regular file, or - to read standard input")
        }
    }

    /// Standard input up to its end, refusing more than `limit` bytes: at most `limit + 1`
    /// bytes are read, so `< /dev/zero` ends at once.
    public static func readStandardInput(limit: Int) throws(FileError) -> [UInt8] {
        try read(STDIN_FILENO, path: "standard input", limit: limit)
    }

    private static func read(_ descriptor: Int32, path: String, limit: Int) throws(FileError) -> [UInt8] {
        var out = [UInt8]()
        let chunk = 1 << 16
        var buffer = [UInt8](repeating: 0, count: chunk)
        while true {
            let want = min(chunk, limit + 1 - out.count)
            let count = buffer.withUnsafeMutableBytes { posixRead(descriptor, $0.baseAddress, want) }
            if count < 0 {
                if errno == EINTR { continue }
                throw FileError(path: path, operation: .read, errno: errno)
            }
            if count == 0 { return out }
            out.append(contentsOf: buffer[0..<count])
            if out.count > limit { throw FileError.tooLarge(path: path, limit: limit) }
        }
    }

    /// What a file that is not regular is, in words.
    private static func kind(_ mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFDIR: "a folder"
        case S_IFIFO: "a FIFO (named pipe)"
        case S_IFCHR: "a character device"
        case S_IFBLK: "a block device"
        case S_IFSOCK: "a socket"
        default: "a special file"
        }
    }

    private static func kind(of path: String) -> String {
        var info = stat()
        return stat(path, &info) == 0 ? kind(info.st_mode) : "a special file"
    }
}

/// `read(2)`, under a name that ``InputFile/read(limit:)`` does not shadow.
private func posixRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}
