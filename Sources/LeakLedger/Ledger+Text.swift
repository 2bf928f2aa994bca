/// How registered content is classified and fingerprinted as text.
struct TextClassification {
    /// `text` or `binary`, as the `content` member records it.
    var content: String
    /// SHA-256 of the L2 text, for text.
    var sha256: SHA256Digest?

    static let binary = TextClassification(content: "binary", sha256: nil)
}

extension Ledger {
    /// The one place the ledger asks ContentHash whether bytes are text, and for the text's
    /// fingerprint.
    // TEXT-PENDING: TextFingerprint.textSHA256(of:) is not on branch `text` yet. Until it is,
    // content that is valid UTF-8 without NUL bytes is recorded as `text` without `text_sha256`.
    static func textFingerprint(of bytes: [UInt8]) -> TextClassification {
        guard !bytes.contains(0), String(validating: bytes, as: UTF8.self) != nil else { return .binary }
        return TextClassification(content: "text", sha256: nil)
    }
}
