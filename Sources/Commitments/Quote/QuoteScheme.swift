import ContentHash

/// The word commitment of quote-proof.md, section 1: its name in entries, and the salt of
/// each word.
public enum QuoteScheme {
    /// The value of `quote_scheme` in a registration entry.
    public static let name = "l2-words-v1"
    /// The body members a commitment adds to a `document.registered` entry.
    public static let schemeField = "quote_scheme"
    /// N, the number of words.
    public static let wordsField = "quote_words"
    /// The base64 of the root hash.
    public static let rootField = "quote_root"

    /// `salt_i = HMAC-SHA256(key = s, message = "leakledger/quote-salt/v1" ‖ uint64_be(i))`.
    public static func salt(at index: Int, secret: DocumentSecret) -> [UInt8] {
        QuoteHashing(secret: secret).salt(at: index)
    }

    /// `leaf_i = SHA-256(0x00 ‖ salt_i ‖ w_i)`.
    public static func leafHash(salt: [UInt8], word: String) -> SHA256Digest {
        var sha = SHA256()
        sha.update(CollectionOfOne(UInt8(0)))
        sha.update(salt)
        sha.update(word)
        return sha.finalize()
    }
}
