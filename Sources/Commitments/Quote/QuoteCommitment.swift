import ContentHash

/// A document's word commitment as its registration entry records it (quote-proof.md,
/// section 1): `quote_scheme`, `quote_words` (N) and `quote_root`.
public struct QuoteCommitment: Sendable, Hashable {
    /// `quote_scheme`: ``QuoteScheme/name``.
    public var scheme: String
    /// `quote_words`: N, the number of words of the L2 text.
    public var wordCount: Int
    /// `quote_root`: the RFC 9162 root over the leaf hashes.
    public var root: SHA256Digest

    /// A commitment of the current scheme.
    public init(wordCount: Int, root: SHA256Digest) {
        self.scheme = QuoteScheme.name
        self.wordCount = wordCount
        self.root = root
    }

    /// `quote_root` as the entry writes it: standard base64 with padding.
    public var rootBase64: String { Base64.encode(root.bytes) }

    /// Reads the members of a registration body: nil when `scheme` is absent (a document
    /// registered before commitments, or without text); an error when they are present but
    /// not a commitment this code can check.
    public init?(scheme: String?, words: Int?, root: String?) throws(CommitmentError) {
        guard let scheme else {
            guard words == nil, root == nil else { throw .failed(.entry, "the entry has quote_words or quote_root but no quote_scheme") }
            return nil
        }
        guard scheme == QuoteScheme.name else {
            throw .failed(.entry, "the entry's quote_scheme is \(scheme.debugDescription), not \(QuoteScheme.name); this verifier knows only that scheme")
        }
        guard let words, words >= 1 else { throw .failed(.entry, "the entry's quote_words is missing or not a positive number") }
        guard let root, let bytes = Base64.decode(root), let digest = SHA256Digest(bytes: bytes) else {
            throw .failed(.entry, "the entry's quote_root is missing or not the base64 of 32 bytes")
        }
        self.init(wordCount: words, root: digest)
    }

    /// The commitment to an L1 text under `secret`, and its `text_sha256`, in one streaming
    /// pass over the L2 text (memory does not grow with the text); nil commitment for a text
    /// without words (N = 0: the members are left out).
    ///
    /// Register calls this instead of ``TextFingerprint/textSHA256(ofL1:)``: the fingerprint
    /// comes out of the same pass.
    public static func make(l1Text: String, secret: DocumentSecret) -> (textSHA256: SHA256Digest, commitment: QuoteCommitment?) {
        let builder = PipelinedRoot(secret: secret)
        let digest = TextFingerprint.textSHA256(ofL1: l1Text) { builder.add($0) }
        return (digest, builder.finish())
    }

    /// The commitment to these words (the L2 words of a text, in order); nil for no words.
    public static func make(words: some Sequence<String>, secret: DocumentSecret) -> QuoteCommitment? {
        let builder = PipelinedRoot(secret: secret)
        for word in words { builder.add(word) }
        return builder.finish()
    }
}
