/// Reads a raw message (RFC 5322): the header block whole, then the body in chunks, so a body of
/// any size passes through in constant memory. Lines may end in CRLF or a bare LF (a message
/// saved on Unix); both mean CRLF, as on the wire, like dkimpy and OpenDKIM read them.
struct MessageReader<Source: ByteSource> {
    /// The most header bytes read before the blank line that ends the header must appear.
    static var headerLimit: Int { 32 << 20 }
    /// The read size for the body.
    static var chunkSize: Int { 1 << 20 }

    private var source: Source
    private let path: String
    private let headerLimit: Int
    /// Body bytes read along with the header.
    private var leftover: [UInt8] = []
    private var atEnd = false

    init(source: Source, path: String, headerLimit: Int = Self.headerLimit) {
        self.source = source
        self.path = path
        self.headerLimit = headerLimit
    }

    /// Reads and parses the header block.
    mutating func readHeader() throws(MailAuthError) -> MessageHeader {
        var buffer = [UInt8]()
        var scanned = 0
        var bounds: (headerEnd: Int, bodyStart: Int)?
        while bounds == nil {
            if buffer.count > headerLimit { throw .headerTooLarge(path: path, limit: headerLimit) }
            let read = try append(to: &buffer, upTo: 64 << 10)
            bounds = Self.headerEnd(in: buffer, from: &scanned, final: read == 0)
            if read == 0 { atEnd = true; break }
        }
        let end = bounds ?? (buffer.count, buffer.count)
        if end.headerEnd > headerLimit { throw .headerTooLarge(path: path, limit: headerLimit) }
        leftover = Array(buffer[end.bodyStart...])
        return try Self.parseFields(buffer[..<end.headerEnd], path: path)
    }

    /// Hands every body byte to `consume`, in chunks, in order.
    mutating func readBody(_ consume: (UnsafeRawBufferPointer) -> Void) throws(MailAuthError) {
        leftover.withUnsafeBytes { consume($0) }
        leftover = []
        guard !atEnd else { return }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: Self.chunkSize, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let count = try source.readSome(into: buffer)
            if count == 0 { break }
            consume(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
        }
        atEnd = true
    }

    private mutating func append(to buffer: inout [UInt8], upTo count: Int) throws(MailAuthError) -> Int {
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: count, alignment: 16)
        defer { chunk.deallocate() }
        let read = try source.readSome(into: chunk)
        buffer.append(contentsOf: chunk[0..<read])
        return read
    }

    /// Where the header ends (the first empty line) and the body starts, scanning on from
    /// `scanned`; `nil` when more bytes are needed to tell.
    static func headerEnd(in buffer: [UInt8], from scanned: inout Int, final: Bool) -> (headerEnd: Int, bodyStart: Int)? {
        let lf: UInt8 = 0x0A, cr: UInt8 = 0x0D
        // An empty line at the very start: no header fields at all.
        if scanned == 0 {
            if buffer.first == lf { return (0, 1) }
            if buffer.count >= 2, buffer[0] == cr, buffer[1] == lf { return (0, 2) }
            if buffer.count < 2, !final { return nil }
        }
        var index = scanned
        while index < buffer.count {
            guard buffer[index] == lf else { index += 1; continue }
            let next = index + 1
            if next == buffer.count || (buffer[next] == cr && next + 1 == buffer.count) {
                if final { return (next, buffer.count) }
                scanned = index
                return nil
            }
            if buffer[next] == lf { return (next, next + 1) }
            if buffer[next] == cr, buffer[next + 1] == lf { return (next, next + 2) }
            index += 1
        }
        scanned = max(scanned, buffer.count)
        return nil
    }

    /// Splits the header block into fields: a line that starts with white space continues the
    /// field above it (folding); an mbox "From " separator on the first line is skipped.
    static func parseFields(_ block: ArraySlice<UInt8>, path: String) throws(MailAuthError) -> MessageHeader {
        var fields = [MessageHeader.Field]()
        var raw = [UInt8]()
        var name = "", valueStart = 0, fieldLine = 0
        func close() {
            guard !raw.isEmpty else { return }
            fields.append(MessageHeader.Field(name: name, key: name.lowercased(), line: fieldLine, raw: raw, valueStart: valueStart))
            raw = []
        }
        var lineNumber = 0
        var start = block.startIndex
        while start < block.endIndex {
            lineNumber += 1
            var end = block[start...].firstIndex(of: 0x0A) ?? block.endIndex
            let next = end == block.endIndex ? end : end + 1
            if end > start, block[end - 1] == 0x0D { end -= 1 }
            let line = block[start..<end]
            start = next
            if let first = line.first, first == 0x20 || first == 0x09 {
                guard !raw.isEmpty else {
                    if fields.isEmpty { throw .continuationFirst(path: path) }
                    continue
                }
                raw.append(contentsOf: line)
                raw.append(contentsOf: [0x0D, 0x0A])
                continue
            }
            close()
            guard let colon = fieldName(of: line) else {
                if lineNumber == 1, line.starts(with: Array("From ".utf8)) { continue }
                throw .notHeaderField(path: path, line: lineNumber, text: printable(line))
            }
            name = String(decoding: colon.name, as: UTF8.self)
            fieldLine = lineNumber
            raw.reserveCapacity(line.count + 2)
            raw.append(contentsOf: line)
            raw.append(contentsOf: [0x0D, 0x0A])
            valueStart = colon.valueStart - line.startIndex
        }
        close()
        return MessageHeader(fields: fields)
    }

    /// The field name (printable US-ASCII but the colon, RFC 5322 §3.6.8; white space allowed
    /// before the colon, as the obsolete syntax has it) and where the value starts.
    private static func fieldName(of line: ArraySlice<UInt8>) -> (name: ArraySlice<UInt8>, valueStart: Int)? {
        var index = line.startIndex
        while index < line.endIndex, line[index] >= 0x21, line[index] <= 0x7E, line[index] != 0x3A { index += 1 }
        let nameEnd = index
        guard nameEnd > line.startIndex else { return nil }
        while index < line.endIndex, line[index] == 0x20 || line[index] == 0x09 { index += 1 }
        guard index < line.endIndex, line[index] == 0x3A else { return nil }
        return (line[line.startIndex..<nameEnd], index + 1)
    }

    /// At most 60 characters of a line, for an error message.
    private static func printable(_ line: ArraySlice<UInt8>) -> String {
        let text = String(decoding: line.prefix(60), as: UTF8.self)
        return String(text.map { $0.isASCII && ($0.asciiValue! < 0x20 || $0.asciiValue! == 0x7F) ? "?" : $0 })
    }
}
