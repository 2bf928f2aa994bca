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

    /// An error from a failed system call.
    public init(path: String, operation: Operation, errno: Int32) {
        self.path = path
        self.operation = operation
        self.errno = errno
        self.detail = String(cString: strerror(errno))
    }

    /// An error with its own explanation.
    public init(path: String, operation: Operation, message: String) {
        self.path = path
        self.operation = operation
        self.errno = nil
        self.detail = message
    }

    /// True when the file does not exist.
    public var isMissing: Bool { errno == ENOENT }

    /// One line: what failed on which file, and the system's reason.
    public var description: String {
        "cannot \(operation.rawValue) \(path): \(detail)"
    }
}
