import Commitments

/// How registered content is classified and fingerprinted as text.
struct TextClassification {
    /// `text` or `binary`, as the `content` member records it.
    var content: String
    /// SHA-256 of the L2 text, for text.
    var sha256: SHA256Digest?
    /// The quote commitment to the text's words and the secret it was made with (none without
    /// the keeper's secret store, or for a text without words).
    var quote: (commitment: QuoteCommitment, secret: DocumentSecret)?

    static let binary = TextClassification(content: "binary", sha256: nil)
}

extension Ledger {
    /// The one place the ledger asks ContentHash whether bytes are text (spec/excerpt-verification.md,
    /// "Decoding"): the L1 text, or nil for binary content.
    static func l1Text(of bytes: [UInt8]) -> String? {
        guard case .text(let text) = TextDocument.decode(bytes: bytes) else { return nil }
        return text
    }

    /// The fingerprint of an L1 text (`text_sha256`, SHA-256 of the L2 text) and, with a
    /// `secret`, its quote commitment (spec/quote-proof.md, section 1), both from one pass.
    static func textFingerprint(ofL1 text: String, secret: DocumentSecret?) -> TextClassification {
        guard let secret else { return TextClassification(content: "text", sha256: TextFingerprint.textSHA256(ofL1: text)) }
        let (digest, commitment) = QuoteCommitment.make(l1Text: text, secret: secret)
        return TextClassification(content: "text", sha256: digest, quote: commitment.map { ($0, secret) })
    }
}
