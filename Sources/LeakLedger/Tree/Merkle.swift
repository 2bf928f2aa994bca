/// The RFC 9162 Merkle tree of the log: leaf and node hashes, the tree head, and the stored
/// hashes that let roots and proofs be computed in O(log n) reads (the layout of Go's
/// `golang.org/x/mod/sumdb/tlog`, so that the two agree hash for hash).
public enum Merkle {
    /// The largest tree size any function here accepts: 2^53 − 1 leaves.
    ///
    /// Sizes come from outside (a checkpoint, a receipt's index, a proof's old size), so they
    /// are bounded where they are parsed, and every size and offset computed from them stays
    /// far inside 64 bits: a stored-hash index is below 2^55 and its byte offset in
    /// `log/hashes` below 2^60. 2^53 − 1 is also the largest integer every JSON reader holds
    /// exactly, and far beyond any real log (at 100 bytes an entry, 900 petabytes).
    public static let maxSize = (1 << 53) - 1

    /// True when `size` is a tree size the functions here accept: 0 to ``maxSize``.
    public static func isValidSize(_ size: Int) -> Bool { size >= 0 && size <= maxSize }

    /// The leaf hash of an entry, RFC 9162 §2.1.1: `SHA-256(0x00 ‖ entry bytes)`.
    public static func leafHash(_ entryBytes: some Collection<UInt8>) -> SHA256Digest {
        var hasher = Hasher()
        return hasher.leafHash(entryBytes)
    }

    /// The hash of an interior node, RFC 9162 §2.1.1: `SHA-256(0x01 ‖ left ‖ right)`.
    ///
    /// Makes one OpenSSL context; loops should hold a ``Hasher`` instead.
    public static func nodeHash(_ left: SHA256Digest, _ right: SHA256Digest) -> SHA256Digest {
        var hasher = Hasher()
        return hasher.nodeHash(left, right)
    }

    /// The hash of the empty tree, RFC 9162 §2.1.1: SHA-256 of no bytes.
    public static let emptyRoot: SHA256Digest = SHA256.hash([UInt8]())

    /// The Merkle tree hash (MTH, RFC 9162 §2.1.1) of these leaf hashes, in order.
    ///
    /// `MTH(D[n]) = SHA-256(0x01 ‖ MTH(D[0:k]) ‖ MTH(D[k:n]))` with k the largest power of two
    /// smaller than n; computed left to right as a binary counter of perfect subtrees, which
    /// are then folded from the right, as the stored-hash layout does.
    public static func root(of leaves: [SHA256Digest]) -> SHA256Digest {
        guard !leaves.isEmpty else { return emptyRoot }
        var hasher = Hasher()
        return hasher.root(of: leaves[...])
    }

    /// A reusable hasher for leaf and node hashes: one OpenSSL context for any number of
    /// hashes, which is what makes a tree of a million leaves cheap.
    public struct Hasher: ~Copyable {
        private var sha = SHA256()

        /// A hasher ready for use.
        public init() {}

        /// `SHA-256(0x00 ‖ entry bytes)`.
        public mutating func leafHash(_ entryBytes: some Collection<UInt8>) -> SHA256Digest {
            sha.update(CollectionOfOne(UInt8(0x00)))
            sha.update(entryBytes)
            return sha.finalizeAndReset()
        }

        /// `SHA-256(0x01 ‖ left ‖ right)`, fed to OpenSSL as one 65-byte buffer.
        public mutating func nodeHash(_ left: SHA256Digest, _ right: SHA256Digest) -> SHA256Digest {
            withUnsafeTemporaryAllocation(byteCount: 65, alignment: 1) { buffer in
                buffer[0] = 0x01
                left.bytes.withUnsafeBytes { UnsafeMutableRawBufferPointer(rebasing: buffer[1..<33]).copyMemory(from: $0) }
                right.bytes.withUnsafeBytes { UnsafeMutableRawBufferPointer(rebasing: buffer[33..<65]).copyMemory(from: $0) }
                sha.update(UnsafeRawBufferPointer(buffer))
            }
            return sha.finalizeAndReset()
        }

        /// The MTH of a non-empty run of leaf hashes (see ``Merkle/root(of:)``).
        mutating func root(of leaves: ArraySlice<SHA256Digest>) -> SHA256Digest {
            // stack[i] is a perfect subtree; sizes strictly decrease from bottom to top.
            var stack: [(hash: SHA256Digest, size: Int)] = []
            stack.reserveCapacity(64)
            for leaf in leaves {
                var top = (hash: leaf, size: 1)
                while let last = stack.last, last.size == top.size {
                    stack.removeLast()
                    top = (nodeHash(last.hash, top.hash), last.size * 2)
                }
                stack.append(top)
            }
            var hash = stack.removeLast().hash
            while let left = stack.popLast() {
                hash = nodeHash(left.hash, hash)
            }
            return hash
        }
    }
}
