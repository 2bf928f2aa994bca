import ContentHash

/// Blind registration: commitments that stand in a registration entry for the members it
/// withholds (`sha256`, `text_sha256`, and on request `bytes`, `title`), opened later by a
/// `document.revealed` entry (docs/quote-proof.md, "Blind registration").
///
/// For a document's blind secret `b` and a member `f` with value `v` (the member's text: hex
/// for a digest, decimal for a number, the string itself otherwise):
/// ```
/// k_f = HMAC-SHA256(key = b,   "leakledger/blind-key/v1" ‖ 0x00 ‖ f)
/// C_f = HMAC-SHA256(key = k_f, "leakledger/blind/v1" ‖ 0x00 ‖ f ‖ 0x00 ‖ v)
/// ```
/// The entry records `C_f`; the reveal publishes `v` and `k_f`, so one member can be opened
/// without the others. Without `k_f`, `C_f` tells nothing of `v` (HMAC is a PRF under a
/// random key), so nobody holding the document can test it against the entry; once opened,
/// `C_f` binds the keeper to `v` (another opening would be an HMAC-SHA256 collision).
public enum BlindCommitment {
    /// The value of `blind_scheme` in a blind registration entry.
    public static let scheme = "hmac-sha256-v1"

    private static let keyLabel = Array("leakledger/blind-key/v1".utf8)
    private static let commitmentLabel = Array("leakledger/blind/v1".utf8)

    /// `k_f`: the key that opens member `field`'s commitment, and only that one.
    public static func fieldKey(_ field: String, secret: DocumentSecret) -> [UInt8] {
        HMACSHA256.authenticationCode(for: keyLabel + [0] + Array(field.utf8), key: secret.bytes)
    }

    /// `C_f` for `value` under a field key.
    public static func commitment(field: String, value: String, fieldKey: [UInt8]) -> [UInt8] {
        HMACSHA256.authenticationCode(for: commitmentLabel + [0] + Array(field.utf8) + [0] + Array(value.utf8), key: fieldKey)
    }

    /// `C_f` for `value` under a document's blind secret.
    public static func commitment(field: String, value: String, secret: DocumentSecret) -> [UInt8] {
        commitment(field: field, value: value, fieldKey: fieldKey(field, secret: secret))
    }

    /// The commitments of withheld members, hex, keyed by member name: what the blind entry
    /// records in place of the members.
    public static func commitments(_ withheld: [String: String], secret: DocumentSecret) -> [String: String] {
        Dictionary(uniqueKeysWithValues: withheld.map { ($0.key, Hex.encode(commitment(field: $0.key, value: $0.value, secret: secret))) })
    }

    /// The field keys that open these members (what a reveal publishes), hex, keyed by name.
    public static func openingKeys(_ fields: some Sequence<String>, secret: DocumentSecret) -> [String: String] {
        Dictionary(fields.map { ($0, Hex.encode(fieldKey($0, secret: secret))) }, uniquingKeysWith: { a, _ in a })
    }

    /// The check `check` runs on a `document.revealed` entry: every revealed member has a
    /// commitment in the registration (`committed`, hex by name) and is opened by its value and
    /// key (`revealed`: value and hex key by name). Throws the first member that fails.
    public static func verifyOpenings(committed: [String: String], revealed: [String: (value: String, key: String)]) throws(CommitmentError) {
        guard !revealed.isEmpty else { throw .failed(.opening, "the reveal opens no member") }
        for field in revealed.keys.sorted() {
            let (value, keyHex) = revealed[field]!
            guard let committedHex = committed[field] else {
                throw .failed(.opening, "the reveal opens \(field), which the registration did not withhold")
            }
            guard let expected = Hex.decode(committedHex), expected.count == 32 else {
                throw .failed(.opening, "the registration's commitment to \(field) is not 64 hexadecimal digits")
            }
            guard let key = Hex.decode(keyHex), key.count == 32 else {
                throw .failed(.opening, "the reveal's key for \(field) is not 64 hexadecimal digits")
            }
            guard commitment(field: field, value: value, fieldKey: key) == expected else {
                throw .failed(.opening, "the revealed \(field) and its key do not open the registration's commitment: the value or the key was changed")
            }
        }
    }
}
