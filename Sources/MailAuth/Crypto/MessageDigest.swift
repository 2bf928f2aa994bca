internal import COpenSSL

/// The hash algorithms DKIM's `a=` names: SHA-256, and SHA-1 (only so that `rsa-sha1` can be
/// reported as weak; RFC 8301 forbids accepting it).
enum HashAlgorithm: String, Sendable {
    case sha1, sha256

    /// The digest length in bytes.
    var byteCount: Int { self == .sha1 ? 20 : 32 }

    fileprivate var md: OpaquePointer {
        guard let md = self == .sha1 ? EVP_sha1() : EVP_sha256() else { preconditionFailure("EVP_\(rawValue) failed") }
        return md
    }
}

/// A streaming digest through OpenSSL's EVP interface. A class, not a `~Copyable` struct, so
/// that the body hashes of several signatures can sit in one array.
final class MessageDigest {
    private let context: OpaquePointer
    let algorithm: HashAlgorithm

    init(_ algorithm: HashAlgorithm) {
        guard let context = EVP_MD_CTX_new() else { preconditionFailure("EVP_MD_CTX_new failed") }
        guard EVP_DigestInit_ex(context, algorithm.md, nil) == 1 else { preconditionFailure("EVP_DigestInit_ex failed") }
        self.context = context
        self.algorithm = algorithm
    }

    deinit { EVP_MD_CTX_free(context) }

    func update(_ buffer: UnsafeRawBufferPointer) {
        guard buffer.count > 0 else { return }
        guard EVP_DigestUpdate(context, buffer.baseAddress, buffer.count) == 1 else {
            preconditionFailure("EVP_DigestUpdate failed")
        }
    }

    func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }

    /// The digest of everything fed; the object is spent afterwards.
    func finalize() -> [UInt8] {
        var out = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        guard EVP_DigestFinal_ex(context, &out, &length) == 1 else { preconditionFailure("EVP_DigestFinal_ex failed") }
        return Array(out.prefix(Int(length)))
    }

    static func hash(_ bytes: [UInt8], _ algorithm: HashAlgorithm) -> [UInt8] {
        let digest = MessageDigest(algorithm)
        digest.update(bytes)
        return digest.finalize()
    }
}
