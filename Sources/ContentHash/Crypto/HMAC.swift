internal import COpenSSL

/// HMAC-SHA256 (RFC 2104, FIPS 198-1) through OpenSSL's `EVP_MAC` interface: streaming with
/// `update` and `finalizeAndReset`, or one-shot with `authenticationCode(for:key:)`.
///
/// The value owns one `EVP_MAC_CTX`, freed exactly once. `finalizeAndReset` restarts under the
/// same key without setting it up again (OpenSSL keeps the keyed state), which is what makes
/// one MAC per word of a long text cheap.
public struct HMACSHA256: ByteSink, ~Copyable {
    /// The size of an authentication code in bytes.
    public static let byteCount = 32

    private let context: OpaquePointer

    /// A MAC keyed with `key` (any length; RFC 2104 hashes keys longer than a block).
    public init(key: some Sequence<UInt8>) {
        guard let context = EVP_MAC_CTX_new(HMACAlgorithm.shared.mac) else { preconditionFailure("EVP_MAC_CTX_new failed") }
        self.context = context
        let key = Array(key)
        let ok = "SHA256".withCString { name in
            var params = [
                OSSL_PARAM_construct_utf8_string("digest", UnsafeMutablePointer(mutating: name), 0),
                OSSL_PARAM_construct_end(),
            ]
            // A zero-length key still needs a non-null pointer, or OpenSSL keeps no key at all.
            return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(key.count, 1)) { buffer in
                _ = buffer.initialize(from: key)
                return EVP_MAC_init(context, buffer.baseAddress, key.count, &params)
            }
        }
        guard ok == 1 else { preconditionFailure("EVP_MAC_init failed") }
    }

    deinit { EVP_MAC_CTX_free(context) }

    /// Feeds raw bytes.
    public mutating func update(_ buffer: UnsafeRawBufferPointer) {
        guard buffer.count > 0 else { return }
        guard EVP_MAC_update(context, buffer.baseAddress?.assumingMemoryBound(to: UInt8.self), buffer.count) == 1 else {
            preconditionFailure("EVP_MAC_update failed")
        }
    }

    /// Writes the code of everything fed since the last reset into the first 32 bytes of
    /// `output`, and starts again under the same key.
    public mutating func finalizeAndReset(into output: UnsafeMutableRawBufferPointer) {
        precondition(output.count >= Self.byteCount, "HMACSHA256: the output needs 32 bytes")
        var length = 0
        guard EVP_MAC_final(context, output.baseAddress?.assumingMemoryBound(to: UInt8.self), &length, Self.byteCount) == 1,
              length == Self.byteCount else {
            preconditionFailure("EVP_MAC_final failed")
        }
        guard EVP_MAC_init(context, nil, 0, nil) == 1 else { preconditionFailure("EVP_MAC_init failed") }
    }

    /// The code of everything fed since the last reset; starts again under the same key.
    public mutating func finalizeAndReset() -> [UInt8] {
        var out = [UInt8](repeating: 0, count: Self.byteCount)
        out.withUnsafeMutableBytes { finalizeAndReset(into: $0) }
        return out
    }

    /// The code of everything fed.
    public consuming func finalize() -> [UInt8] {
        finalizeAndReset()
    }

    /// HMAC-SHA256 of `message` under `key`.
    public static func authenticationCode(for message: some Sequence<UInt8>, key: some Sequence<UInt8>) -> [UInt8] {
        var mac = HMACSHA256(key: key)
        mac.update(message)
        return mac.finalize()
    }
}

/// The process-wide `EVP_MAC` for HMAC, fetched once.
private struct HMACAlgorithm: @unchecked Sendable {
    // @unchecked: an EVP_MAC fetched from the default library context is immutable and
    // reference-counted by OpenSSL, which documents it as safe to share between threads.
    let mac: OpaquePointer

    static let shared: HMACAlgorithm = {
        guard let mac = EVP_MAC_fetch(nil, "HMAC", nil) else { preconditionFailure("EVP_MAC_fetch(HMAC) failed") }
        return HMACAlgorithm(mac: mac)
    }()
}
