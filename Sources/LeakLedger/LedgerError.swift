/// Why a ledger operation failed, in words that say what to do.
///
/// A struct around a private enum, so that kinds can be added without breaking callers.
public struct LedgerError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The broad kind of failure; the command maps each to a `sysexits` code.
    public enum Kind: Sendable, Equatable {
        /// The request was wrong: bad value, unknown name (EX_USAGE, 64).
        case usage
        /// An input or the ledger is malformed (EX_DATAERR, 65).
        case malformed
        /// A file, a document or the ledger does not exist (EX_NOINPUT, 66).
        case missing
        /// Something cannot be created (EX_CANTCREAT, 73).
        case cannotCreate
        /// Reading or writing failed (EX_IOERR, 74).
        case io
        /// Another writer holds the ledger (EX_TEMPFAIL, 75).
        case locked
        /// No private key for an append (EX_NOPERM, 77).
        case noKey
        /// The ledger failed verification: damage, tampering or a fork (exit 1).
        case tampered
    }

    /// The kind of failure.
    public let kind: Kind
    /// The message, one line, saying what went wrong and what to do.
    public let message: String

    /// A failure of this kind with this message.
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }

    /// The request was wrong.
    public static func usage(_ message: String) -> LedgerError { LedgerError(.usage, message) }
    /// An input or the ledger is malformed.
    public static func malformed(_ message: String) -> LedgerError { LedgerError(.malformed, message) }
    /// Something does not exist.
    public static func missing(_ message: String) -> LedgerError { LedgerError(.missing, message) }
    /// The ledger failed verification.
    public static func tampered(_ message: String) -> LedgerError { LedgerError(.tampered, message) }

    /// A file error, classified: a missing file, or one that is not a regular file, is
    /// `missing` (a FIFO or a device is no input file); an input over its limit is `malformed`;
    /// a failed create is `cannotCreate`; anything else `io`.
    public init(_ error: FileError) {
        switch error.operation {
        case _ where error.isMissing || error.isNotRegularFile: self.init(.missing, error.description)
        case _ where error.isTooLarge: self.init(.malformed, error.description)
        case .create: self.init(.cannotCreate, error.description)
        default: self.init(.io, error.description)
        }
    }
}
