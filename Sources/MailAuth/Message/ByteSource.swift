import ContentHash

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a message's bytes come from: an open file (or standard input), or bytes in memory.
protocol ByteSource {
    /// Reads up to `buffer.count` bytes; 0 at the end.
    mutating func readSome(into buffer: UnsafeMutableRawBufferPointer) throws(MailAuthError) -> Int
}

/// Reads an open file descriptor with plain `read(2)`.
struct DescriptorSource: ByteSource {
    let descriptor: Int32
    let path: String

    mutating func readSome(into buffer: UnsafeMutableRawBufferPointer) throws(MailAuthError) -> Int {
        while true {
            let count = read(descriptor, buffer.baseAddress, buffer.count)
            if count >= 0 { return count }
            if errno == EINTR { continue }
            throw .file(FileError(path: path, operation: .read, errno: errno))
        }
    }
}

/// Reads bytes already in memory.
struct MemorySource: ByteSource {
    let bytes: [UInt8]
    private var offset = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    mutating func readSome(into buffer: UnsafeMutableRawBufferPointer) throws(MailAuthError) -> Int {
        let count = min(buffer.count, bytes.count - offset)
        guard count > 0 else { return 0 }
        bytes.withUnsafeBytes { source in
            buffer.baseAddress!.copyMemory(from: source.baseAddress! + offset, byteCount: count)
        }
        offset += count
        return count
    }
}
