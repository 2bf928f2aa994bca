// Stored hashes: the layout of Go's golang.org/x/mod/sumdb/tlog. Every leaf hash is stored,
// followed by the hashes of the perfect subtrees it completes, so that storage is a flat,
// append-only sequence of hashes and every perfect subtree has a fixed index.

extension Merkle {
    /// The index in hash storage of the `n`th hash at `level` (level 0 = leaf hashes).
    ///
    /// Level L's nth hash is written right after level L+1's (2n+1)th hash; level 0's nth
    /// hash is at n + n/2 + n/4 + ... (tlog's StoredHashIndex). The hash must lie in a tree of
    /// at most ``maxSize`` leaves (`n · 2^level ≤ maxSize`), which keeps the index below 2^55.
    public static func storedHashIndex(level: Int, n: Int) -> Int {
        precondition(level >= 0 && level < 64 && n >= 0 && n <= maxSize >> level,
                     "storedHashIndex: level \(level), n \(n) lies outside a tree of Merkle.maxSize")
        var n = n
        for _ in 0..<level { n = 2 * n + 1 }
        var index = 0
        while n > 0 {
            index += n
            n >>= 1
        }
        return index + level
    }

    /// The inverse of ``storedHashIndex(level:n:)``: the level and position of a stored hash.
    public static func splitStoredHashIndex(_ index: Int) -> (level: Int, n: Int) {
        precondition(index >= 0 && index < storedHashCount(maxSize), "splitStoredHashIndex: index \(index) outside a tree of Merkle.maxSize")
        // Find the leaf whose hash is stored at or just before `index`: storedHashIndex(0, n)
        // is about 2n, so start from index/2 and step back.
        var n = index / 2
        var indexN = storedHashIndex(level: 0, n: n)
        while indexN > index {
            n -= 1
            indexN = storedHashIndex(level: 0, n: n)
        }
        // Past leaf n come the hashes of the subtrees it completes, one per level.
        while true {
            let next = storedHashIndex(level: 0, n: n + 1)
            if next > index { break }
            n += 1
            indexN = next
        }
        let level = index - indexN
        return (level, n >> level)
    }

    /// How many hashes are stored for a tree of `n` leaves (0 to ``maxSize``; under 2^55).
    public static func storedHashCount(_ n: Int) -> Int {
        precondition(isValidSize(n), "storedHashCount: \(n) is not a tree size (0 to Merkle.maxSize)")
        guard n > 0 else { return 0 }
        // The hashes up to the last leaf's, plus one per subtree that leaf completes.
        var count = storedHashIndex(level: 0, n: n - 1) + 1
        var i = n - 1
        while i & 1 != 0 {
            count += 1
            i >>= 1
        }
        return count
    }

    /// The hashes to append to storage for leaf `n`, given its leaf hash and a reader of the
    /// hashes already stored: the leaf hash, then one hash per perfect subtree it completes.
    ///
    /// Storage must hold exactly ``storedHashCount(_:)`` of `n` hashes when this is called.
    public static func storedHashes(
        forLeaf n: Int, leafHash: SHA256Digest, reader: (Int) throws -> SHA256Digest
    ) rethrows -> [SHA256Digest] {
        precondition(n >= 0 && n < maxSize, "storedHashes: leaf \(n) is outside a tree of Merkle.maxSize")
        // Each trailing 1 bit of n completes a subtree and consumes the hash of its left
        // sibling, a perfect subtree at that level.
        let completed = (n + 1).trailingZeroBitCount
        var hashes = [leafHash]
        hashes.reserveCapacity(completed + 1)
        var hasher = Hasher()
        var hash = leafHash
        for level in 0..<completed {
            let left = try reader(storedHashIndex(level: level, n: (n >> level) - 1))
            hash = hasher.nodeHash(left, hash)
            hashes.append(hash)
        }
        return hashes
    }

    /// The tree head of the first `size` leaves, from stored hashes in O(log size) reads.
    ///
    /// The empty tree's head is SHA-256 of no bytes (RFC 9162 §2.1.1).
    public static func treeHash(size: Int, reader: (Int) throws -> SHA256Digest) rethrows -> SHA256Digest {
        precondition(isValidSize(size), "treeHash: \(size) is not a tree size (0 to Merkle.maxSize)")
        guard size > 0 else { return emptyRoot }
        var hasher = Hasher()
        return try subtreeHash(0, size, reader: reader, hasher: &hasher)
    }

    /// The MTH of leaves `lo..<hi` from stored hashes: split into perfect subtrees, left to
    /// right, each one stored hash, then fold them from the right.
    ///
    /// `lo` must be a multiple of the largest perfect subtree that fits in `hi - lo`.
    static func subtreeHash<E: Error>(
        _ lo: Int, _ hi: Int, reader: (Int) throws(E) -> SHA256Digest, hasher: inout Hasher
    ) throws(E) -> SHA256Digest {
        precondition(lo < hi, "subtreeHash: empty range")
        var parts: [SHA256Digest] = []
        var lo = lo
        while lo < hi {
            let level = (hi - lo).bitWidth - 1 - (hi - lo).leadingZeroBitCount  // floor(log2(hi-lo))
            precondition(lo & ((1 << level) - 1) == 0, "subtreeHash: unaligned range")
            parts.append(try reader(storedHashIndex(level: level, n: lo >> level)))
            lo += 1 << level
        }
        var hash = parts.removeLast()
        while let left = parts.popLast() {
            hash = hasher.nodeHash(left, hash)
        }
        return hash
    }
}
