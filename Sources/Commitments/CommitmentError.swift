/// Why a commitment, a proof or the secret store failed, in words that say what to do.
///
/// A struct around a private enum, so that reasons can be added without breaking callers.
public struct CommitmentError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A named check of a proof or an opening (quote-proof.md, section 4), so that a verifier
    /// can say which one failed.
    public struct Check: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// The proof file is not in the format (JSON, members, base64, sizes, counts).
        public static let format = Check(rawValue: "format")
        /// The receipt of the registration entry does not verify.
        public static let receipt = Check(rawValue: "receipt")
        /// The entry is not a `document.registered` entry with a quote commitment.
        public static let entry = Check(rawValue: "entry")
        /// The revealed positions are outside the document's words, empty or out of order.
        public static let bounds = Check(rawValue: "bounds")
        /// The range walk needs more hashes than given, or leaves some unused.
        public static let hashes = Check(rawValue: "hashes")
        /// The recomputed root is not the committed `quote_root`.
        public static let root = Check(rawValue: "root")
        /// A blind commitment is not opened by the revealed value and key.
        public static let opening = Check(rawValue: "opening")
    }

    private enum Reason: Equatable {
        case check(Check)
        case missing
        case store
        case usage
    }

    private let reason: Reason
    /// One line: what is wrong and what to do.
    public let message: String

    private init(_ reason: Reason, _ message: String) {
        self.reason = reason
        self.message = message
    }

    public var description: String { message }

    /// The check that failed, when a proof or an opening did not verify.
    public var failedCheck: Check? {
        if case .check(let check) = reason { return check }
        return nil
    }

    /// True when no secret is kept for the document asked about.
    public var isMissing: Bool { reason == .missing }

    /// True when the secret store could not be read or written (its files, its format).
    public var isStoreFailure: Bool { reason == .store }

    /// A proof or an opening failed `check`.
    public static func failed(_ check: Check, _ message: String) -> CommitmentError { CommitmentError(.check(check), message) }
    /// No secret for a document.
    static func missing(_ message: String) -> CommitmentError { CommitmentError(.missing, message) }
    /// The store's files could not be read or written, or are damaged.
    static func store(_ message: String) -> CommitmentError { CommitmentError(.store, message) }
    /// The request was wrong (bad ranges, a text with no words).
    static func usage(_ message: String) -> CommitmentError { CommitmentError(.usage, message) }
}
