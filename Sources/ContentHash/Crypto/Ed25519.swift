internal import COpenSSL

/// Ed25519 (RFC 8032) signing and verification through OpenSSL.
public enum Ed25519 {
    /// A private key: the 32-byte seed.
    public struct PrivateKey: Sendable {
        /// The 32-byte seed, as RFC 8032 defines the private key.
        public let seed: [UInt8]
        /// The matching 32-byte public key.
        public let publicKey: PublicKey

        /// A new key from OpenSSL's random generator.
        public init() {
            self.init(validSeed: SecureRandom.bytes(32))
        }

        /// The key with this seed; `nil` unless it is 32 bytes.
        public init?(seed: [UInt8]) {
            guard seed.count == 32 else { return nil }
            self.init(validSeed: seed)
        }

        private init(validSeed seed: [UInt8]) {
            self.seed = seed
            let key = Ed25519.privateKey(seed)
            defer { EVP_PKEY_free(key) }
            var out = [UInt8](repeating: 0, count: 32)
            var length = 32
            guard EVP_PKEY_get_raw_public_key(key, &out, &length) == 1, length == 32 else {
                preconditionFailure("EVP_PKEY_get_raw_public_key failed")
            }
            self.publicKey = PublicKey(unchecked: out)
        }

        /// The 64-byte signature of `message`.
        public func signature(for message: some Sequence<UInt8>) -> [UInt8] {
            let key = Ed25519.privateKey(seed)
            defer { EVP_PKEY_free(key) }
            guard let context = EVP_MD_CTX_new() else { preconditionFailure("EVP_MD_CTX_new failed") }
            defer { EVP_MD_CTX_free(context) }
            guard EVP_DigestSignInit(context, nil, nil, nil, key) == 1 else {
                preconditionFailure("EVP_DigestSignInit failed")
            }
            let message = Array(message)
            var signature = [UInt8](repeating: 0, count: 64)
            var length = 64
            guard EVP_DigestSign(context, &signature, &length, message, message.count) == 1, length == 64 else {
                preconditionFailure("EVP_DigestSign failed")
            }
            return signature
        }
    }

    /// A public key: 32 bytes.
    public struct PublicKey: Sendable, Hashable {
        /// The 32 key bytes.
        public let bytes: [UInt8]

        /// The key with these bytes; `nil` unless they are 32.
        public init?(bytes: [UInt8]) {
            guard bytes.count == 32 else { return nil }
            self.bytes = bytes
        }

        fileprivate init(unchecked bytes: [UInt8]) { self.bytes = bytes }

        /// True when `signature` is this key's valid signature of `message`.
        public func isValidSignature(_ signature: [UInt8], for message: some Sequence<UInt8>) -> Bool {
            guard signature.count == 64 else { return false }
            guard let key = EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nil, bytes, bytes.count) else {
                return false  // not a point on the curve
            }
            defer { EVP_PKEY_free(key) }
            guard let context = EVP_MD_CTX_new() else { preconditionFailure("EVP_MD_CTX_new failed") }
            defer { EVP_MD_CTX_free(context) }
            guard EVP_DigestVerifyInit(context, nil, nil, nil, key) == 1 else { return false }
            let message = Array(message)
            return EVP_DigestVerify(context, signature, signature.count, message, message.count) == 1
        }
    }

    private static func privateKey(_ seed: [UInt8]) -> OpaquePointer {
        guard let key = EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nil, seed, seed.count) else {
            preconditionFailure("EVP_PKEY_new_raw_private_key failed")
        }
        return key
    }
}

/// Random bytes from OpenSSL's CSPRNG.
public enum SecureRandom {
    /// `count` random bytes.
    public static func bytes(_ count: Int) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: count)
        guard RAND_bytes(&out, Int32(count)) == 1 else { preconditionFailure("RAND_bytes failed") }
        return out
    }
}
