internal import COpenSSL

/// A public key from a DKIM key record's `p=`, held by OpenSSL: RSA from DER (the
/// SubjectPublicKeyInfo every signer publishes, or a bare PKCS#1 RSAPublicKey, which RFC 6376
/// §3.6.1 literally names), or Ed25519 from its 32 raw bytes (RFC 8463 §4).
final class VerificationKey {
    enum Kind: String { case rsa, ed25519 }

    let kind: Kind
    /// The key size in bits (the RSA modulus; 256 for Ed25519).
    let bits: Int
    private let key: OpaquePointer

    private init(kind: Kind, key: OpaquePointer) {
        self.kind = kind
        self.key = key
        self.bits = Int(EVP_PKEY_get_bits(key))
    }

    deinit { EVP_PKEY_free(key) }

    /// The RSA key in `der`; `nil` when it is not exactly one DER RSA public key.
    static func rsa(der: [UInt8]) -> VerificationKey? {
        defer { ERR_clear_error() }
        return der.withUnsafeBufferPointer { buffer -> VerificationKey? in
            guard let base = buffer.baseAddress, buffer.count > 0 else { return nil }
            for form in 0..<2 {
                var cursor: UnsafePointer<UInt8>? = base
                let parsed = form == 0 ? d2i_PUBKEY(nil, &cursor, buffer.count) : d2i_PublicKey(EVP_PKEY_RSA, nil, &cursor, buffer.count)
                guard let parsed else { continue }
                // The whole of p= must be the key: trailing bytes would be a second meaning.
                guard cursor == base + buffer.count, EVP_PKEY_get_base_id(parsed) == EVP_PKEY_RSA else {
                    EVP_PKEY_free(parsed)
                    continue
                }
                return VerificationKey(kind: .rsa, key: parsed)
            }
            return nil
        }
    }

    /// The Ed25519 key with these 32 bytes; `nil` for any other length or a point OpenSSL rejects.
    static func ed25519(raw: [UInt8]) -> VerificationKey? {
        defer { ERR_clear_error() }
        guard raw.count == 32, let key = EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nil, raw, raw.count) else {
            return nil
        }
        return VerificationKey(kind: .ed25519, key: key)
    }

    /// RSASSA-PKCS1-v1_5 over `data` with `hash` (RFC 6376 §3.3.1), or PureEdDSA over `data`
    /// (for Ed25519, `data` is the SHA-256 of the headers: RFC 8463 §3).
    func isValidSignature(_ signature: [UInt8], of data: [UInt8], hash: HashAlgorithm) -> Bool {
        defer { ERR_clear_error() }
        guard !signature.isEmpty, let context = EVP_MD_CTX_new() else { return false }
        defer { EVP_MD_CTX_free(context) }
        let md: OpaquePointer? = switch kind {
        case .rsa: hash == .sha1 ? EVP_sha1() : EVP_sha256()
        case .ed25519: nil
        }
        guard EVP_DigestVerifyInit(context, nil, md, nil, key) == 1 else { return false }
        return EVP_DigestVerify(context, signature, signature.count, data, data.count) == 1
    }
}
