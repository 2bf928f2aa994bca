import CQuoteHash
import ContentHash
import Foundation

/// The leaves of one document's word commitment, kept for proving: `leaf_i = SHA-256(0x00 ‖
/// salt_i ‖ w_i)` for every word, and the RFC 9162 tree over them (quote-proof.md, sections 1
/// and 2).
///
/// The leaf hashes are kept in one flat buffer and the tree is reduced in place, level by
/// level, by the C kernel: a tree of a million words costs a few million SHA-256 blocks and no
/// allocation per hash. (``Merkle`` in LeakLedger hashes log entries, not given leaf hashes,
/// through EVP, with an array per digest.)
public struct QuoteTree: Sendable {
    /// N, the number of leaves.
    public let count: Int
    /// The leaf hashes, 32 bytes each, in order.
    private let leaves: [UInt8]

    /// The tree of these words under `secret` (words as ``TextLayers/normalizedWords`` gives
    /// them), the leaves hashed on every core.
    public init(words: some Sequence<String>, secret: DocumentSecret) {
        var batch = WordBatch()
        for word in words { batch.add(word) }
        self.init(utf8: batch.bytes, ends: batch.ends, secret: secret)
    }

    /// The tree of words given as their UTF-8 back to back and where each ends (as
    /// ``NormalizedWords`` stores them).
    public init(utf8: [UInt8], ends: [UInt64], secret: DocumentSecret) {
        count = ends.count
        leaves = QuoteHashing(secret: secret).leaves(first: 0, bytes: utf8, ends: ends, parallel: ProcessInfo.processInfo.activeProcessorCount)
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
        level.withUnsafeMutableBufferPointer { ll_quote_reduce($0.baseAddress, UInt64(hi - lo)) }
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
