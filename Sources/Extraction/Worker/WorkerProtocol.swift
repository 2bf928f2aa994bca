import Foundation

/// What the parent asks of the worker: its one command-line argument after `--request`.
package struct WorkerRequest: Sendable, Codable {
    /// The format to extract, or nil to report the libraries' versions.
    package var format: DocumentFormat?
    package var options: ExtractionOptions

    package init(format: DocumentFormat?, options: ExtractionOptions) {
        self.format = format
        self.options = options
    }

    package func encoded() -> String {
        // Encoding plain Codable values with no floats out of range cannot fail.
        guard let data = try? JSONEncoder().encode(self) else { preconditionFailure("JSONEncoder failed on WorkerRequest") }
        return String(decoding: data, as: UTF8.self)
    }

    package static func decode(_ text: String) -> WorkerRequest? {
        try? JSONDecoder().decode(WorkerRequest.self, from: Data(text.utf8))
    }
}

/// The worker's answer on its standard output: frames of a tag byte, a 64-bit little-endian
/// length and that many bytes. Progress frames come while it works; then either a failure
/// frame, or a header, the text, and one frame per embedded file, in the header's order.
package enum WorkerFrame {
    /// Progress: JSON ``ExtractionProgress``.
    package static let progress: UInt8 = 0x50
    /// The result's metadata: JSON ``WorkerHeader``.
    package static let header: UInt8 = 0x48
    /// The text, UTF-8.
    package static let text: UInt8 = 0x54
    /// One embedded file's bytes.
    package static let embedded: UInt8 = 0x45
    /// A failure: JSON ``WorkerFailure``.
    package static let failure: UInt8 = 0x46
    /// The libraries' versions: JSON object of name to version.
    package static let versions: UInt8 = 0x56

    /// Tag and length before the payload.
    package static let prefixLength = 9

    package static func prefix(tag: UInt8, length: Int) -> [UInt8] {
        var bytes = [tag]
        var n = UInt64(length)
        for _ in 0..<8 {
            bytes.append(UInt8(n & 0xFF))
            n >>= 8
        }
        return bytes
    }

    /// The tag and payload length of a frame whose prefix starts `bytes`, if complete.
    package static func parsePrefix(_ bytes: ArraySlice<UInt8>) -> (tag: UInt8, length: UInt64)? {
        guard bytes.count >= prefixLength else { return nil }
        var n: UInt64 = 0
        for i in (1...8).reversed() { n = n << 8 | UInt64(bytes[bytes.startIndex + i]) }
        return (bytes[bytes.startIndex], n)
    }

    package static func json(_ value: some Encodable) -> [UInt8] {
        guard let data = try? JSONEncoder().encode(value) else { preconditionFailure("JSONEncoder failed on a worker frame") }
        return Array(data)
    }
}

/// The metadata of an ``ExtractedText``, as the worker sends it ahead of the text and files.
package struct WorkerHeader: Sendable, Codable {
    package struct File: Sendable, Codable {
        package var name: String
        package var kind: EmbeddedFile.Kind
        package var contentType: String?
        package var count: Int
    }

    package var format: DocumentFormat
    package var extractor: String
    package var pageStarts: [Int]
    package var ocrPages: [Int]
    package var ocrWords: Int
    package var ocrConfidence: Double?
    package var deletedChanges: Int
    package var insertedChanges: Int
    package var notes: [String]
    package var textCount: Int
    package var files: [File]

    package init(_ result: ExtractedText) {
        format = result.format
        extractor = result.extractor
        pageStarts = result.pageStarts
        ocrPages = result.ocrPages
        ocrWords = result.ocrWords
        ocrConfidence = result.ocrConfidence
        deletedChanges = result.deletedChanges
        insertedChanges = result.insertedChanges
        notes = result.notes
        textCount = result.text.utf8.count
        files = result.embedded.map { File(name: $0.name, kind: $0.kind, contentType: $0.contentType, count: $0.bytes.count) }
    }

    package func result(text: String, files bytes: [[UInt8]]) -> ExtractedText {
        ExtractedText(
            format: format, text: text, pageStarts: pageStarts, extractor: extractor, ocrPages: ocrPages,
            ocrWords: ocrWords, ocrConfidence: ocrConfidence, deletedChanges: deletedChanges,
            insertedChanges: insertedChanges,
            embedded: zip(files, bytes).map { EmbeddedFile(name: $0.name, kind: $0.kind, contentType: $0.contentType, bytes: $1) },
            notes: notes)
    }
}

/// A failure as the worker sends it.
package struct WorkerFailure: Sendable, Codable {
    package var code: String
    package var detail: String

    package init(_ failure: ExtractionFailure) {
        code = failure.code.rawValue
        detail = failure.detail
    }

    package var failure: ExtractionFailure { ExtractionFailure(ExtractionFailure.Code(rawValue: code), detail) }
}

/// How far an extraction has come: pages or parts done, of how many when known.
public struct ExtractionProgress: Sendable, Hashable, Codable {
    /// Units (pages, parts, messages) done.
    public var done: Int
    /// Units in all, when known.
    public var total: Int?

    /// Progress of `done` out of `total`.
    public init(done: Int, total: Int?) {
        self.done = done
        self.total = total
    }
}

extension WorkerFrame {
    package static func decode<T: Decodable>(_ type: T.Type, _ payload: [UInt8]) throws -> T {
        try JSONDecoder().decode(type, from: Data(payload))
    }
}
