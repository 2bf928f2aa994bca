/// Why no text could be derived from a file. The file itself can still be registered by its
/// fingerprint; ``reason`` says, in a few words, why its text is not searched.
public struct ExtractionFailure: Error, Sendable, Hashable, CustomStringConvertible {
    /// A kind of failure, to decide on without parsing the reason.
    public struct Code: Sendable, Hashable, RawRepresentable, Codable {
        /// The code's name.
        public var rawValue: String
        /// A code by name.
        public init(rawValue: String) { self.rawValue = rawValue }

        /// The PDF needs a password.
        public static let encrypted = Code(rawValue: "encrypted")
        /// The file is not what its format requires (damaged, truncated, malformed).
        public static let damaged = Code(rawValue: "damaged")
        /// No progress for the idle limit, or the total time ran out.
        public static let timedOut = Code(rawValue: "timed_out")
        /// A limit on memory, text, unpacked bytes or pixels was reached.
        public static let limitExceeded = Code(rawValue: "limit_exceeded")
        /// The worker process died (a crash inside a library).
        public static let crashed = Code(rawValue: "crashed")
        /// Something the extraction needs is missing (the worker program, OCR language data).
        public static let unavailable = Code(rawValue: "unavailable")
        /// The options rule the file out (an image with `--ocr never`).
        public static let notExtracted = Code(rawValue: "not_extracted")
    }

    /// The kind of failure.
    public let code: Code
    package let detail: String

    /// A failure of `code` with a sentence of detail.
    public init(_ code: Code, _ detail: String) {
        self.code = code
        self.detail = detail
    }

    /// The reason as the ledger records it: `encrypted PDF`, `timed out after 60 s without
    /// progress`, or `extraction failed: ...`.
    public var reason: String {
        switch code {
        case .encrypted, .timedOut, .notExtracted: detail
        default: "extraction failed: \(detail)"
        }
    }

    /// The reason.
    public var description: String { reason }
}
