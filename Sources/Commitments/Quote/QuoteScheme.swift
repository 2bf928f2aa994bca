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

    /// The fixed prefix of every salt's message.
    static let saltLabel = Array("leakledger/quote-salt/v1".utf8)

    /// `salt_i = HMAC-SHA256(key = s, message = "leakledger/quote-salt/v1" ‖ uint64_be(i))`.
    public static func salt(at index: Int, secret: DocumentSecret) -> [UInt8] {
        var salts = Salts(secret: secret)
        var out = [UInt8](repeating: 0, count: 32)
        out.withUnsafeMutableBytes { salts.salt(at: index, into: $0) }
        return out
    }

    /// `leaf_i = SHA-256(0x00 ‖ salt_i ‖ w_i)`.
    public static func leafHash(salt: [UInt8], word: String) -> SHA256Digest {
        var sha = SHA256()
        sha.update(CollectionOfOne(UInt8(0)))
        sha.update(salt)
        sha.update(word)
        return sha.finalize()
    }

    /// The salts of one document, made one after another with one keyed MAC.
    struct Salts: ~Copyable {
        private var mac: HMACSHA256
        private var message: [UInt8]

        init(secret: DocumentSecret) {
            mac = HMACSHA256(key: secret.bytes)
            message = QuoteScheme.saltLabel + [UInt8](repeating: 0, count: 8)
        }

        /// Writes `salt_index` into the first 32 bytes of `output`.
        mutating func salt(at index: Int, into output: UnsafeMutableRawBufferPointer) {
            let base = QuoteScheme.saltLabel.count
            let value = UInt64(index)
            for k in 0..<8 { message[base + k] = UInt8(truncatingIfNeeded: value >> UInt64(56 - 8 * k)) }
            message.withUnsafeBytes { mac.update($0) }
            mac.finalizeAndReset(into: output)
        }
    }
}
