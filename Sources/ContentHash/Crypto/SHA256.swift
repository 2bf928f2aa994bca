internal import COpenSSL

/// A SHA-256 digest (FIPS 180-4): 32 bytes.
public struct SHA256Digest: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The 32 digest bytes.
    public let bytes: [UInt8]

    /// Wraps 32 bytes as a digest; `nil` for any other length.
    public init?(bytes: some Collection<UInt8>) {
        guard bytes.count == SHA256.byteCount else { return nil }
        self.bytes = Array(bytes)
    }

    /// Parses 64 hexadecimal digits (either case); `nil` for anything else.
    public init?(hex: some StringProtocol) {
        guard let decoded = Hex.decode(hex), decoded.count == SHA256.byteCount else { return nil }
        self.bytes = decoded
    }

    /// The digest as 64 lower-case hexadecimal digits.
    public var hex: String { Hex.encode(bytes) }

    /// Same as ``hex``.
    public var description: String { hex }

    /// Byte-wise order, so sorted digests match sorted hex strings.
    public static func < (lhs: SHA256Digest, rhs: SHA256Digest) -> Bool {
        lhs.bytes.lexicographicallyPrecedes(rhs.bytes)
    }
}

/// SHA-256 through OpenSSL's EVP interface: streaming with `update` and `finalize`,
/// or one-shot with `hash`.
///
/// The hasher owns one `EVP_MD_CTX`, freed exactly once when the value goes away. The
/// algorithm is fetched once per process: OpenSSL 3 would otherwise look it up again on every
/// initialisation, which more than triples the cost of the small hashes a Merkle tree makes.
public struct SHA256: ByteSink, ~Copyable {
    /// The digest size in bytes.
    public static let byteCount = 32

    private let context: OpaquePointer

    /// A hasher ready for input.
    public init() {
        guard let context = EVP_MD_CTX_new() else { preconditionFailure("EVP_MD_CTX_new failed") }
        self.context = context
        guard EVP_DigestInit_ex(context, SHA256Algorithm.shared.md, nil) == 1 else {
            preconditionFailure("EVP_DigestInit_ex failed")
        }
    }

    deinit { EVP_MD_CTX_free(context) }

    /// Starts over, as if newly made, reusing the context and the digest it already holds
    /// (a null type to `EVP_DigestInit_ex2` skips the algorithm set-up: about 100 ns a hash).
    public mutating func reset() {
        guard EVP_DigestInit_ex2(context, nil, nil) == 1 else {
            preconditionFailure("EVP_DigestInit_ex failed")
        }
    }

    /// Feeds raw bytes.
    public mutating func update(_ buffer: UnsafeRawBufferPointer) {
        guard buffer.count > 0 else { return }
        guard EVP_DigestUpdate(context, buffer.baseAddress, buffer.count) == 1 else {
            preconditionFailure("EVP_DigestUpdate failed")
        }
    }

    /// Returns the digest of everything fed since the last reset, and resets.
    public mutating func finalizeAndReset() -> SHA256Digest {
        var out = [UInt8](repeating: 0, count: SHA256.byteCount)
        out.withUnsafeMutableBytes { finalizeAndReset(into: $0) }
        return SHA256Digest(unchecked: out)
    }

    /// Writes the digest of everything fed since the last reset into the first 32 bytes of
    /// `output`, and resets (no allocation: for loops that make millions of small hashes).
    public mutating func finalizeAndReset(into output: UnsafeMutableRawBufferPointer) {
        precondition(output.count >= SHA256.byteCount, "SHA256: the output needs 32 bytes")
        var length: UInt32 = 0
        guard EVP_DigestFinal_ex(context, output.baseAddress?.assumingMemoryBound(to: UInt8.self), &length) == 1, length == 32 else {
            preconditionFailure("EVP_DigestFinal_ex failed")
        }
        reset()
    }

    /// Returns the digest of everything fed.
    public consuming func finalize() -> SHA256Digest {
        finalizeAndReset()
    }

    /// The digest of `bytes`.
    public static func hash(_ bytes: some Sequence<UInt8>) -> SHA256Digest {
        var hasher = SHA256()
        hasher.update(bytes)
        return hasher.finalize()
    }

    /// The digest of a string's UTF-8 bytes.
    public static func hash(_ string: String) -> SHA256Digest {
        var hasher = SHA256()
        hasher.update(string)
        return hasher.finalize()
    }
}

extension SHA256Digest {
    init(unchecked bytes: [UInt8]) { self.bytes = bytes }
}

/// The process-wide `EVP_MD` for SHA-256, fetched once.
private struct SHA256Algorithm: @unchecked Sendable {
    // @unchecked: an EVP_MD fetched from the default library context is immutable and
    // reference-counted by OpenSSL, which documents it as safe to share between threads.
    let md: OpaquePointer

    static let shared: SHA256Algorithm = {
        guard let md = EVP_MD_fetch(nil, "SHA256", nil) else { preconditionFailure("EVP_MD_fetch(SHA256) failed") }
        return SHA256Algorithm(md: md)
    }()
}
