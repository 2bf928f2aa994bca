import ContentHash

/// 32 secret random bytes made for one document (OpenSSL's generator): the key of its quote
/// salts, or of its blind commitments. Never printed: its description is redacted.
public struct DocumentSecret: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The size of a secret in bytes.
    public static let byteCount = 32

    /// The secret bytes.
    public let bytes: [UInt8]

    /// A new secret from OpenSSL's random generator.
    public init() {
        bytes = SecureRandom.bytes(Self.byteCount)
    }

    /// The secret with these bytes; nil unless there are 32.
    public init?(bytes: [UInt8]) {
        guard bytes.count == Self.byteCount else { return nil }
        self.bytes = bytes
    }

    /// Redacted, so that a secret never reaches a log line or an error message.
    public var description: String { "DocumentSecret(redacted)" }

    /// Redacted too.
    public var debugDescription: String { description }
}
