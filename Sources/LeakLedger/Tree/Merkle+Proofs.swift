// Inclusion and consistency proofs, RFC 9162 §2.1.3 and §2.1.4: made from stored hashes,
// checked with nothing but the hashes.

extension Merkle {
    /// The inclusion proof of leaf `index` in the tree of `size` leaves, RFC 9162 §2.1.3.1:
    /// `PATH(m, D[n])`, from the leaf's sibling up to the root's child.
    ///
    /// `PATH(m, D[n]) = PATH(m, D[0:k]) : MTH(D[k:n])` for m < k, else
    /// `PATH(m - k, D[k:n]) : MTH(D[0:k])`; the subtree hashes come from storage.
    public static func inclusionProof<E: Error>(
        index: Int, size: Int, reader: (Int) throws(E) -> SHA256Digest
    ) throws(E) -> [SHA256Digest] {
        precondition(index >= 0 && index < size && size <= maxSize, "inclusionProof: index \(index) outside a tree of \(size)")
        var hasher = Hasher()
        var proof: [SHA256Digest] = []
        var lo = 0
        var hi = size
        // Walk down from the root, collecting siblings; the proof lists them bottom-up.
        while hi - lo > 1 {
            let k = largestPowerOfTwo(below: hi - lo)
            if index < lo + k {
                proof.append(try subtreeHash(lo + k, hi, reader: reader, hasher: &hasher))
                hi = lo + k
            } else {
                proof.append(try subtreeHash(lo, lo + k, reader: reader, hasher: &hasher))
                lo += k
            }
        }
        return proof.reversed()
    }

    /// The consistency proof between the trees of `old` and `new` leaves, RFC 9162 §2.1.4.1:
    /// `PROOF(m, D[n]) = SUBPROOF(m, D[n], true)`; empty when `old` is 0 or equals `new`.
    public static func consistencyProof<E: Error>(
        old: Int, new: Int, reader: (Int) throws(E) -> SHA256Digest
    ) throws(E) -> [SHA256Digest] {
        precondition(old >= 0 && old <= new && new <= maxSize, "consistencyProof: sizes \(old) and \(new) are not in order")
        guard old > 0, old < new else { return [] }
        var hasher = Hasher()
        var proof: [SHA256Digest] = []
        var lo = 0
        var hi = new
        var complete = true  // SUBPROOF's b: the old tree is still the whole subtree on the left
        // SUBPROOF(m, D[lo:hi], b): while m is not hi, descend and record the other half.
        while old != hi {
            let k = largestPowerOfTwo(below: hi - lo)
            if old <= lo + k {
                proof.append(try subtreeHash(lo + k, hi, reader: reader, hasher: &hasher))
                hi = lo + k
            } else {
                proof.append(try subtreeHash(lo, lo + k, reader: reader, hasher: &hasher))
                lo += k
                complete = false
            }
        }
        if !complete {
            proof.append(try subtreeHash(lo, hi, reader: reader, hasher: &hasher))
        }
        return proof.reversed()
    }

    /// The root that an inclusion proof leads to from `leafHash` at `index` in a tree of `size`
    /// leaves, RFC 9162 §2.1.3.2; `nil` when the proof has the wrong length for that position
    /// or the numbers are no position in a tree (any `Int` is safe here).
    public static func rootFromInclusionProof(
        leafHash: SHA256Digest, index: Int, size: Int, proof: [SHA256Digest]
    ) -> SHA256Digest? {
        guard index >= 0, index < size, size <= maxSize else { return nil }
        var hasher = Hasher()
        var fn = index
        var sn = size - 1
        var r = leafHash
        for p in proof {
            guard sn > 0 else { return nil }
            if fn & 1 == 1 || fn == sn {
                r = hasher.nodeHash(p, r)
                if fn & 1 == 0 {
                    while fn & 1 == 0 && fn != 0 {
                        fn >>= 1
                        sn >>= 1
                    }
                }
            } else {
                r = hasher.nodeHash(r, p)
            }
            fn >>= 1
            sn >>= 1
        }
        return sn == 0 ? r : nil
    }

    /// True when `proof` shows that `leafHash` is leaf `index` of the tree of `size` leaves
    /// whose head is `root` (RFC 9162 §2.1.3.2).
    public static func verifyInclusion(
        leafHash: SHA256Digest, index: Int, size: Int, proof: [SHA256Digest], root: SHA256Digest
    ) -> Bool {
        rootFromInclusionProof(leafHash: leafHash, index: index, size: size, proof: proof) == root
    }

    /// True when `proof` shows that the tree of `oldSize` leaves with head `oldRoot` is a prefix
    /// of the tree of `newSize` leaves with head `newRoot` (RFC 9162 §2.1.4.2).
    ///
    /// The empty tree is a prefix of every tree (with an empty proof); equal sizes need equal
    /// roots and an empty proof. Sizes that are no tree sizes are false (any `Int` is safe).
    public static func verifyConsistency(
        oldSize: Int, newSize: Int, oldRoot: SHA256Digest, newRoot: SHA256Digest, proof: [SHA256Digest]
    ) -> Bool {
        guard oldSize >= 0, oldSize <= newSize, newSize <= maxSize else { return false }
        if oldSize == 0 { return proof.isEmpty && oldRoot == emptyRoot }
        if oldSize == newSize { return proof.isEmpty && oldRoot == newRoot }
        guard !proof.isEmpty else { return false }
        var path = proof[...]
        // When the old tree is a perfect subtree, its head is the first node of the path.
        if oldSize & (oldSize - 1) == 0 { path = [oldRoot] + path }
        var hasher = Hasher()
        var fn = oldSize - 1
        var sn = newSize - 1
        while fn & 1 == 1 {
            fn >>= 1
            sn >>= 1
        }
        var fr = path.removeFirst()
        var sr = fr
        for c in path {
            guard sn > 0 else { return false }
            if fn & 1 == 1 || fn == sn {
                fr = hasher.nodeHash(c, fr)
                sr = hasher.nodeHash(c, sr)
                if fn & 1 == 0 {
                    while fn & 1 == 0 && fn != 0 {
                        fn >>= 1
                        sn >>= 1
                    }
                }
            } else {
                sr = hasher.nodeHash(sr, c)
            }
            fn >>= 1
            sn >>= 1
        }
        return fr == oldRoot && sr == newRoot && sn == 0
    }

    /// The largest power of two smaller than `n` (n > 1): RFC 9162's split point k.
    static func largestPowerOfTwo(below n: Int) -> Int {
        precondition(n > 1, "largestPowerOfTwo: n must be above 1")
        return 1 << (Int.bitWidth - 1 - (n - 1).leadingZeroBitCount)
    }
}
