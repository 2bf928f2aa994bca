import Testing
@testable import MailAuth

/// Canonicalization against the worked example of RFC 6376 §3.4.6.
@Suite struct CanonicalizationTests {
    /// The example message of RFC 6376 §3.4.6, in its own notation made bytes.
    static let example = Array("A: X\r\nB : Y\t\r\n\tZ  \r\n\r\n C \r\nD \t E\r\n\r\n\r\n".utf8)
    static let header = Array(example[..<20])
    static let body = Array(example[22...])

    @Test func relaxedHeaderIsTheRFCExample() throws {
        let fields = try MessageReader<MemorySource>.parseFields(Self.header[...], path: "example").fields
        let canonical = fields.flatMap { Canonicalization.relaxed.canonicalize($0) }
        #expect(String(decoding: canonical, as: UTF8.self) == "a:X\r\nb:Y Z\r\n")
    }

    @Test func simpleHeaderIsUnchanged() throws {
        let fields = try MessageReader<MemorySource>.parseFields(Self.header[...], path: "example").fields
        #expect(fields.flatMap { Canonicalization.simple.canonicalize($0) } == Self.header)
        #expect(fields.map(\.key) == ["a", "b"])
    }

    @Test func bodiesAreTheRFCExample() {
        #expect(Self.canonical(Self.body, .relaxed) == " C\r\nD E\r\n")
        #expect(Self.canonical(Self.body, .simple) == " C \r\nD \t E\r\n")
    }

    /// RFC 6376 §3.4.3 and §3.4.4 with its erratum 1384: an empty body is CRLF when simple,
    /// empty when relaxed; a missing final CRLF is added; a body of blank lines is empty.
    @Test(arguments: [
        ("", "\r\n", ""),
        ("\r\n\r\n\r\n", "\r\n", ""),
        ("  \r\n\t\r\n", "  \r\n\t\r\n", ""),
        ("text", "text\r\n", "text\r\n"),
        ("a \r\n\r\nb\t\r\n", "a \r\n\r\nb\t\r\n", "a\r\n\r\nb\r\n"),
        ("lone\rcarriage\r", "lone\rcarriage\r\r\n", "lone\rcarriage\r\r\n"),
    ])
    func edgeBodies(input: String, simple: String, relaxed: String) {
        #expect(Self.canonical(Array(input.utf8), .simple) == simple)
        #expect(Self.canonical(Array(input.utf8), .relaxed) == relaxed)
    }

    /// A bare LF is a line end, as in a message saved on Unix.
    @Test func bareLineFeedsAreLineEnds() {
        let lf = Array(" C \nD \t E\n\n\n".utf8)
        #expect(Self.canonical(lf, .relaxed) == " C\r\nD E\r\n")
        #expect(Self.canonical(lf, .simple) == " C \r\nD \t E\r\n")
    }

    /// Chunk boundaries change nothing: a CR at the end of one chunk and the LF at the start of
    /// the next are one line end; white space split across chunks is one run.
    @Test func chunkBoundariesChangeNothing() {
        let body = Array("one  \t two three four\r\n\r\n three \r\n\r\nfour\rfive six\n \n\t\r\n\r\n".utf8)
        for algorithm in [Canonicalization.simple, .relaxed] {
            let whole = Self.canonical(body, algorithm)
            for size in 1...9 {
                #expect(Self.canonical(body, algorithm, chunk: size) == whole, "\(algorithm) in chunks of \(size)")
            }
        }
    }

    static func canonical(_ body: [UInt8], _ algorithm: Canonicalization, chunk: Int = .max) -> String {
        var out = [UInt8]()
        let canonicalizer = BodyCanonicalizer(algorithm) { out.append(contentsOf: $0) }
        var start = 0
        repeat {
            let end = min(body.count, start + min(chunk, body.count + 1))
            body[start..<end].withUnsafeBytes { canonicalizer.feed($0) }
            start = end
        } while start < body.count
        canonicalizer.finish()
        return String(decoding: out, as: UTF8.self)
    }
}
