#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file could not be opened, read or written; says which, and why, in words.
public struct FileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What was being done.
    public enum Operation: String, Sendable {
        case open, read, write, create, sync, rename, lock
    }

    /// The file concerned.
    public let path: String
    /// What was being done to it.
    public let operation: Operation
    /// The system error number, when there was one.
    public let errno: Int32?
    private let detail: String
    private let refusal: Refusal?

    /// Why an input was refused before it was read.
    private enum Refusal: Sendable, Equatable {
        case notRegularFile
        case tooLarge
    }

    /// An error from a failed system call.
    public init(path: String, operation: Operation, errno: Int32) {
        self.path = path
        self.operation = operation
        self.errno = errno
        self.detail = String(cString: strerror(errno))
        self.refusal = nil
    }

    /// An error with its own explanation.
    public init(path: String, operation: Operation, message: String) {
        self.path = path
        self.operation = operation
        self.errno = nil
        self.detail = message
        self.refusal = nil
    }

    private init(path: String, refusal: Refusal, message: String) {
        self.path = path
        self.operation = .read
        self.errno = nil
        self.detail = message
        self.refusal = refusal
    }

    /// `path` is not a regular file (`kind` says what it is: a folder, a FIFO, a device), so
    /// reading it could block or never end; `advice` says what to give instead.
    public static func notRegularFile(path: String, kind: String, advice: String = "give a regular file") -> FileError {
        FileError(path: path, refusal: .notRegularFile, message: "it is \(kind), not a regular file; \(advice)")
    }

    /// `path` holds more than `limit` bytes, the most that is read from it.
    public static func tooLarge(path: String, limit: Int) -> FileError {
        FileError(path: path, refusal: .tooLarge, message: "it holds more than \(limit) bytes, the most read from it")
    }

    /// True when the file does not exist.
    public var isMissing: Bool { errno == ENOENT }

    /// True when the input was refused for not being a regular file.
    public var isNotRegularFile: Bool { refusal == .notRegularFile }

    /// True when the input was refused for holding more than its limit.
    public var isTooLarge: Bool { refusal == .tooLarge }

    /// One line: what failed on which file, and the system's reason.
    public var description: String {
        "cannot \(operation.rawValue) \(path): \(detail)"
    }
}
