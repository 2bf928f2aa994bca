// Checking a contiguous stretch of leaves against a root: the leaves inside the stretch are
// hashed, the subtrees outside it come from storage (RFC 9162 §2.1.1's recursion, cut where it
// leaves the stretch), so a run of k entries costs k + O(log n) hashes, not k inclusion proofs.

extension Merkle {
    /// The tree head of `size` leaves, with the leaves `first ..< first + leaves.count` given and
    /// every subtree outside them read from storage.
    public static func treeHash<E: Error>(
        size: Int, leaves: ArraySlice<SHA256Digest>, from first: Int, reader: (Int) throws(E) -> SHA256Digest
    ) throws(E) -> SHA256Digest {
        precondition(first >= 0 && first + leaves.count <= size && !leaves.isEmpty, "treeHash: stretch outside the tree")
        var hasher = Hasher()
        return try rangeHash(0, size, first, first + leaves.count, leaves: leaves, reader: reader, hasher: &hasher)
    }

    private static func rangeHash<E: Error>(
        _ lo: Int, _ hi: Int, _ a: Int, _ b: Int, leaves: ArraySlice<SHA256Digest>,
        reader: (Int) throws(E) -> SHA256Digest, hasher: inout Hasher
    ) throws(E) -> SHA256Digest {
        if hi <= a || lo >= b { return try subtreeHash(lo, hi, reader: reader, hasher: &hasher) }
        if lo >= a && hi <= b {
            let start = leaves.startIndex + (lo - a)
            return hasher.root(of: leaves[start..<start + (hi - lo)])
        }
        let k = largestPowerOfTwo(below: hi - lo)
        let left = try rangeHash(lo, lo + k, a, b, leaves: leaves, reader: reader, hasher: &hasher)
        let right = try rangeHash(lo + k, hi, a, b, leaves: leaves, reader: reader, hasher: &hasher)
        return hasher.nodeHash(left, right)
    }
}
