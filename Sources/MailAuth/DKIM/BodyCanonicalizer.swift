/// Body canonicalization (RFC 6376 §3.4.3 `simple`, §3.4.4 `relaxed`), streaming: the body goes
/// through in chunks and comes out canonical, to be hashed, without ever being held whole.
///
/// Line ends are CRLF or a bare LF (both one line end, as a message saved on Unix); a CR not
/// followed by LF is text. Empty lines at the end are held back until text follows them, so that
/// "ignore all empty lines at the end of the body" needs no look-ahead. `simple` then ends the body
/// with exactly one CRLF (an empty body is one CRLF); `relaxed` drops white space at line ends,
/// makes every other run of spaces and tabs one space, and leaves an empty body empty.
final class BodyCanonicalizer {
    let algorithm: Canonicalization
    private let sink: (UnsafeRawBufferPointer) -> Void
    private var pendingCR = false
    private var pendingLineEnds = 0
    private var pendingSpace = false
    private var emittedText = false
    /// Canonical bytes are collected into blocks of this size before they go to the sink.
    private static let capacity = 64 << 10
    private let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: BodyCanonicalizer.capacity)
    private var used = 0

    init(_ algorithm: Canonicalization, sink: @escaping (UnsafeRawBufferPointer) -> Void) {
        self.algorithm = algorithm
        self.sink = sink
    }

    deinit { buffer.deallocate() }

    /// Feeds the next bytes of the body.
    func feed(_ chunk: UnsafeRawBufferPointer) {
        guard let base = chunk.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return }
        let relaxed = algorithm == .relaxed
        let count = chunk.count
        var index = 0
        while index < count {
            if pendingCR {
                pendingCR = false
                if base[index] == 0x0A {
                    lineEnd()
                    index += 1
                    continue
                }
                beginText()
                append(0x0D)
            }
            // A run of ordinary bytes goes out in one copy. For relaxed, one space between two
            // ordinary bytes is already canonical and stays in the run: prose goes out a line at once.
            var end = index
            while end < count {
                let byte = base[end]
                if byte == 0x0D || byte == 0x0A { break }
                if relaxed, byte == 0x20 || byte == 0x09 {
                    guard byte == 0x20, end > index, end + 1 < count, !Self.isSpecial(base[end + 1]) else { break }
                }
                end += 1
            }
            if end > index {
                beginText()
                append(base + index, end - index)
            }
            guard end < count else { break }
            switch base[end] {
            case 0x0D: pendingCR = true
            case 0x0A: lineEnd()
            default: pendingSpace = true
            }
            index = end + 1
        }
    }

    private static func isSpecial(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A
    }

    /// Ends the body: the final CRLF, and everything still buffered, go to the sink.
    func finish() {
        if pendingCR {
            pendingCR = false
            beginText()
            append(0x0D)
        }
        if algorithm == .simple || emittedText {
            append(0x0D)
            append(0x0A)
        }
        flush()
    }

    private func lineEnd() {
        pendingSpace = false
        pendingLineEnds += 1
    }

    /// Text follows: the line ends and the space held back are real after all.
    private func beginText() {
        while pendingLineEnds > 0 {
            append(0x0D)
            append(0x0A)
            pendingLineEnds -= 1
        }
        if pendingSpace {
            append(0x20)
            pendingSpace = false
        }
        emittedText = true
    }

    private func append(_ byte: UInt8) {
        if used == Self.capacity { flush() }
        buffer[used] = byte
        used += 1
    }

    private func append(_ bytes: UnsafePointer<UInt8>, _ count: Int) {
        if used + count > Self.capacity {
            flush()
            if count > Self.capacity {
                sink(UnsafeRawBufferPointer(start: bytes, count: count))
                return
            }
        }
        (buffer + used).update(from: bytes, count: count)
        used += count
    }

    private func flush() {
        guard used > 0 else { return }
        sink(UnsafeRawBufferPointer(start: buffer, count: used))
        used = 0
    }
}
