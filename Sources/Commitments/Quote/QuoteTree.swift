import ContentHash

/// The leaves of one document's word commitment, kept for proving: `leaf_i = SHA-256(0x00 ‖
/// salt_i ‖ w_i)` for every word, and the RFC 9162 tree over them (quote-proof.md, sections 1
/// and 2).
///
/// The leaf hashes are kept in one flat buffer and the tree is reduced in place, level by
/// level: a tree of a million words costs two million small hashes and no allocation per hash.
/// (``Merkle`` in LeakLedger hashes log entries, not given leaf hashes, and makes an array per
/// digest.)
public struct QuoteTree: Sendable {
    /// N, the number of leaves.
    public let count: Int
    /// The leaf hashes, 32 bytes each, in order.
    private let leaves: [UInt8]

    /// The tree of these words under `secret` (words as ``TextLayers/normalizedWords`` gives them).
    public init(words: some Sequence<String>, secret: DocumentSecret) {
        var salts = QuoteScheme.Salts(secret: secret)
        var sha = SHA256()
        var leaves: [UInt8] = []
        leaves.reserveCapacity(words.underestimatedCount * 32)
        // 0x00 ‖ salt, then the word; the leaf hash lands in `digest`.
        var prefix = [UInt8](repeating: 0, count: 33)
        var digest = [UInt8](repeating: 0, count: 32)
        var index = 0
        for word in words {
            prefix.withUnsafeMutableBytes { salts.salt(at: index, into: UnsafeMutableRawBufferPointer(rebasing: $0[1...])) }
            sha.update(prefix)
            sha.update(word)
            digest.withUnsafeMutableBytes { sha.finalizeAndReset(into: $0) }
            leaves.append(contentsOf: digest)
            index += 1
        }
        self.count = index
        self.leaves = leaves
    }

    /// The tree over given leaf hashes.
    public init(leafHashes: [SHA256Digest]) {
        count = leafHashes.count
        leaves = leafHashes.flatMap(\.bytes)
    }

    /// Leaf hash `index`.
    public func leafHash(_ index: Int) -> SHA256Digest {
        SHA256Digest(bytes: leaves[(index * 32)..<(index * 32 + 32)])!
    }

    /// The root, `MTH(leaves[0:N])`; nil for N = 0 (no commitment).
    public var root: SHA256Digest? {
        count == 0 ? nil : subtreeHash(0, count)
    }

    /// `MTH(leaves[lo:hi])` for `0 <= lo < hi <= N`.
    ///
    /// RFC 9162's recursion (left subtree of the largest power of two below n) builds the same
    /// tree as pairing neighbours level by level and carrying an odd last node up unchanged,
    /// which is what this does, in a scratch copy of the leaves.
    public func subtreeHash(_ lo: Int, _ hi: Int) -> SHA256Digest {
        precondition(0 <= lo && lo < hi && hi <= count, "QuoteTree.subtreeHash: \(lo)..<\(hi) outside \(count) leaves")
        var level = Array(leaves[(lo * 32)..<(hi * 32)])
        var n = hi - lo
        var sha = SHA256()
        var node = [UInt8](repeating: 1, count: 65)
        while n > 1 {
            level.withUnsafeMutableBytes { buffer in
                for pair in 0..<(n / 2) {
                    node.withUnsafeMutableBytes { node in
                        node.baseAddress!.advanced(by: 1).copyMemory(from: buffer.baseAddress!.advanced(by: pair * 64), byteCount: 64)
                        sha.update(UnsafeRawBufferPointer(node))
                    }
                    sha.finalizeAndReset(into: UnsafeMutableRawBufferPointer(rebasing: buffer[(pair * 32)...]))
                }
                if n % 2 == 1 {
                    buffer.baseAddress!.advanced(by: n / 2 * 32).copyMemory(from: buffer.baseAddress!.advanced(by: (n - 1) * 32), byteCount: 32)
                }
            }
            n = (n + 1) / 2
        }
        return SHA256Digest(bytes: level[0..<32])!
    }

    /// The `hashes` of a proof that reveals the words in `ranges` (sorted, each non-empty,
    /// with at least one word between two): `RANGE(0, N)` of quote-proof.md section 2, with a
    /// subtree "wholly revealed" when one range covers it and "wholly outside" when none
    /// meets it. One range gives exactly the spec's list.
    public func rangeHashes(revealing ranges: [Range<Int>]) throws(CommitmentError) -> [SHA256Digest] {
        try RangeWalk.check(ranges, wordCount: count)
        var out: [SHA256Digest] = []
        func walk(_ lo: Int, _ hi: Int) {
            switch RangeWalk.classify(lo, hi, ranges) {
            case .outside: out.append(subtreeHash(lo, hi))
            case .revealed: return
            case .split(let k):
                walk(lo, lo + k)
                walk(lo + k, hi)
            }
        }
        walk(0, count)
        return out
    }
}

/// The recursion shared by the prover and the verifier (quote-proof.md, section 2).
enum RangeWalk {
    enum Step {
        case outside
        case revealed
        case split(Int)
    }

    /// What `RANGE(lo, hi)` does for these ranges.
    static func classify(_ lo: Int, _ hi: Int, _ ranges: [Range<Int>]) -> Step {
        // The ranges are sorted: find the first that ends after lo.
        var low = 0, high = ranges.count
        while low < high {
            let mid = (low + high) / 2
            if ranges[mid].upperBound <= lo { low = mid + 1 } else { high = mid }
        }
        guard low < ranges.count, ranges[low].lowerBound < hi else { return .outside }
        if ranges[low].lowerBound <= lo && hi <= ranges[low].upperBound { return .revealed }
        return .split(largestPowerOfTwo(below: hi - lo))
    }

    /// The largest power of two smaller than `n` (n > 1).
    static func largestPowerOfTwo(below n: Int) -> Int {
        1 << (Int.bitWidth - 1 - (n - 1).leadingZeroBitCount)
    }

    /// Ranges that a proof may reveal: at least one, each non-empty and inside `0..<wordCount`,
    /// in order, with at least one hidden word between two (adjacent ranges are one range).
    static func check(_ ranges: [Range<Int>], wordCount: Int) throws(CommitmentError) {
        guard !ranges.isEmpty else { throw .failed(.bounds, "a proof reveals at least one word") }
        var previousEnd = -1
        for (k, range) in ranges.enumerated() {
            guard !range.isEmpty else { throw .failed(.bounds, "revealed range \(k + 1) has no word") }
            guard range.lowerBound >= 0, range.upperBound <= wordCount else {
                throw .failed(.bounds, "revealed words \(range.lowerBound)..<\(range.upperBound) are outside the document's \(wordCount) words")
            }
            guard range.lowerBound > previousEnd else {
                throw .failed(.bounds, "revealed range \(k + 1) starts at word \(range.lowerBound), not after a hidden word following the previous range (ranges must be in order, apart)")
            }
            previousEnd = range.upperBound
        }
    }
}
