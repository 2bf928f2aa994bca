/// How registered content is classified and fingerprinted as text.
struct TextClassification {
    /// `text` or `binary`, as the `content` member records it.
    var content: String
    /// SHA-256 of the L2 text, for text.
    var sha256: SHA256Digest?

    static let binary = TextClassification(content: "binary", sha256: nil)
}

extension Ledger {
    /// The one place the ledger asks ContentHash whether bytes are text (spec/excerpt-verification.md,
    /// "Decoding"), and for the text's fingerprint (`text_sha256`, SHA-256 of the L2 text).
    static func textFingerprint(of bytes: [UInt8]) -> TextClassification {
        guard let digest = TextFingerprint.textSHA256(of: bytes) else { return .binary }
        return TextClassification(content: "text", sha256: digest)
    }
}
