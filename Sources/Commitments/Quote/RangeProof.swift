import ContentHash

/// One revealed word: its salt and its text in L2 form.
public struct RevealedWord: Sendable, Hashable {
    /// `salt_i`, 32 bytes.
    public var salt: [UInt8]
    /// `w_i`, as it stands in the document's L2 text.
    public var text: String

    /// A revealed word.
    public init(salt: [UInt8], text: String) {
        self.salt = salt
        self.text = text
    }
}

/// A run of consecutive revealed words, from word `first` on.
public struct RevealedRange: Sendable, Hashable {
    /// The position `a` of the first word.
    public var first: Int
    /// The words `a` … `b − 1`.
    public var words: [RevealedWord]

    /// A revealed range.
    public init(first: Int, words: [RevealedWord]) {
        self.first = first
        self.words = words
    }

    /// The positions `first ..< first + words.count` (nil when they overflow).
    public var positions: Range<Int>? {
        let (end, overflow) = first.addingReportingOverflow(words.count)
        return overflow || first < 0 ? nil : first..<end
    }

    /// The revealed quote of this range: its words joined by single spaces (section 4, step 5).
    public var text: String { words.map(\.text).joined(separator: " ") }
}

/// A range proof (quote-proof.md, section 2): revealed words with their salts, and the hashes
/// of the subtrees wholly outside them, in the order `RANGE(0, N)` emits them. Several ranges
/// in one proof are this project's extension (docs/quote-proof.md): the same walk, with a
/// subtree revealed when one range covers it and outside when no range meets it.
public struct RangeProof: Sendable, Hashable {
    /// The revealed ranges, in order, apart.
    public var ranges: [RevealedRange]
    /// The hashes, in the order the walk consumes them.
    public var hashes: [SHA256Digest]

    /// A proof with these parts.
    public init(ranges: [RevealedRange], hashes: [SHA256Digest]) {
        self.ranges = ranges
        self.hashes = hashes
    }

    /// Checks the proof against a commitment (section 4, steps 3 and 4): the bounds, every
    /// salt 32 bytes, the walk consuming every hash, and the root equal to the committed one.
    /// Throws the failed check.
    public func verify(against commitment: QuoteCommitment) throws(CommitmentError) {
        let root = try root(wordCount: commitment.wordCount)
        guard root == commitment.root else {
            throw .failed(.root, "the revealed words, salts, positions and hashes lead to the root \(Base64.encode(root.bytes)), not the committed \(Base64.encode(commitment.root.bytes)): one of them was changed, or the proof is for another document")
        }
    }

    /// The root that the revealed words and the hashes lead to in a tree of `wordCount` words.
    public func root(wordCount: Int) throws(CommitmentError) -> SHA256Digest {
        guard wordCount >= 1 else { throw .failed(.bounds, "the document has no words (quote_words \(wordCount)), so nothing can be revealed") }
        var positions: [Range<Int>] = []
        for (k, range) in ranges.enumerated() {
            guard let p = range.positions, !range.words.isEmpty else {
                throw .failed(.bounds, "revealed range \(k + 1) (first \(range.first), \(range.words.count) words) is empty or out of range")
            }
            positions.append(p)
        }
        try RangeWalk.check(positions, wordCount: wordCount)
        for (k, range) in ranges.enumerated() {
            for (j, word) in range.words.enumerated() {
                guard word.salt.count == 32 else {
                    throw .failed(.format, "the salt of word \(range.first + j) (range \(k + 1)) has \(word.salt.count) bytes, not 32")
                }
                guard !word.text.isEmpty, !word.text.unicodeScalars.contains(" ") else {
                    throw .failed(.format, "word \(range.first + j) is empty or holds a space; a word of the L2 text has neither")
                }
            }
        }
        var next = 0
        var sha = SHA256()
        func node(_ left: SHA256Digest, _ right: SHA256Digest) -> SHA256Digest {
            sha.update(CollectionOfOne(UInt8(1)))
            sha.update(left.bytes)
            sha.update(right.bytes)
            return sha.finalizeAndReset()
        }
        func walk(_ lo: Int, _ hi: Int) throws(CommitmentError) -> SHA256Digest {
            switch RangeWalk.classify(lo, hi, positions) {
            case .outside:
                guard next < hashes.count else {
                    throw .failed(.hashes, "the proof has \(hashes.count) hashes; the walk needs more (the subtree of words \(lo)..<\(hi) has none)")
                }
                next += 1
                return hashes[next - 1]
            case .revealed:
                // One range covers lo..<hi: compute its leaves, then their subtree.
                let range = ranges[positions.firstIndex { $0.lowerBound <= lo && hi <= $0.upperBound }!]
                let leaves = (lo..<hi).map { i in
                    let word = range.words[i - range.first]
                    return QuoteScheme.leafHash(salt: word.salt, word: word.text)
                }
                return QuoteTree(leafHashes: leaves).subtreeHash(0, leaves.count)
            case .split(let k):
                let left = try walk(lo, lo + k)
                let right = try walk(lo + k, hi)
                return node(left, right)
            }
        }
        let root = try walk(0, wordCount)
        guard next == hashes.count else {
            throw .failed(.hashes, "the proof has \(hashes.count) hashes; the walk uses \(next): extra hashes were added or positions changed")
        }
        return root
    }
}
