import ContentHash

/// What the keeper needs to prove quotes from one document: its L2 words with their L1
/// ranges, the secret, and the tree over the salted words (quote-proof.md, sections 1 and 2).
///
/// Build it once per document from the text that was registered (the text whose
/// `text_sha256` is in the entry), then prove any number of quotes.
public struct QuoteProver: Sendable {
    /// The words of the L2 text, with their L1 ranges.
    public let words: NormalizedWords
    /// The tree over their leaves.
    public let tree: QuoteTree
    private let secret: DocumentSecret

    /// The prover of a text whose layers are already built (``ExcerptVerifier`` built them to
    /// find the match).
    public init(layers: TextLayers, secret: DocumentSecret) {
        words = layers.normalizedWords
        tree = QuoteTree(utf8: words.utf8, ends: words.ends, secret: secret)
        self.secret = secret
    }

    /// The prover of an L1 text (NFC, as ``TextDocument/decode(bytes:)`` returns it).
    public init(l1Text: String, secret: DocumentSecret) {
        self.init(layers: TextLayers(l1Text), secret: secret)
    }

    /// The commitment this text and secret make; nil for a text without words.
    public var commitment: QuoteCommitment? {
        tree.root.map { QuoteCommitment(wordCount: tree.count, root: $0) }
    }

    /// Checks that this text and secret make the commitment in the registration entry, so that
    /// no proof is written that cannot verify (a wrong secret, a text that is not the one
    /// registered).
    public func requireCommitment(_ registered: QuoteCommitment) throws(CommitmentError) {
        guard tree.count == registered.wordCount, commitment?.root == registered.root else { throw mismatch(registered) }
    }

    /// The proof revealing `wordRanges`, checked against the registered commitment: what
    /// ``requireCommitment(_:)`` and ``prove(wordRanges:)`` do, with the tree hashed once.
    public func prove(wordRanges: [Range<Int>], committedTo registered: QuoteCommitment) throws(CommitmentError) -> RangeProof {
        guard tree.count == registered.wordCount else { throw mismatch(registered) }
        let proof = try prove(wordRanges: wordRanges)
        do { try proof.verify(against: registered) } catch {
            throw error.failedCheck == .root ? mismatch(registered) : error
        }
        return proof
    }

    private func mismatch(_ registered: QuoteCommitment) -> CommitmentError {
        .failed(.root, "the document's text and the kept secret make another commitment (\(tree.count) words) than its entry records (\(registered.wordCount) words): the secret is not this document's, or the text is not the one registered")
    }

    /// The proof revealing the words in `wordRanges` (sorted, apart; see
    /// ``wordRanges(covering:)`` for a match's ranges).
    public func prove(wordRanges: [Range<Int>]) throws(CommitmentError) -> RangeProof {
        let hashes = try tree.rangeHashes(revealing: wordRanges)
        let hashing = QuoteHashing(secret: secret)
        let ranges = wordRanges.map { range in
            RevealedRange(first: range.lowerBound, words: range.map { RevealedWord(salt: hashing.salt(at: $0), text: words.text($0)) })
        }
        return RangeProof(ranges: ranges, hashes: hashes)
    }

    /// The proof of a match: each part's stretch of words (``ExcerptMatch/parts``).
    public func prove(match: ExcerptMatch) throws(CommitmentError) -> RangeProof {
        try prove(wordRanges: wordRanges(covering: match.parts))
    }

    /// The words to reveal for stretches of L1 text (a match's parts): every word whose L1
    /// range meets a stretch, so a stretch that starts or ends inside a word (`NATO` in
    /// `NATO's`) reveals the whole word. Ranges that touch or overlap are merged, since a proof
    /// keeps a hidden word between two ranges.
    public func wordRanges(covering l1Ranges: [Range<Int>]) throws(CommitmentError) -> [Range<Int>] {
        try Self.wordRanges(covering: l1Ranges, in: words)
    }

    /// ``wordRanges(covering:)`` over given words (their L1 ranges in text order).
    public static func wordRanges(covering l1Ranges: [Range<Int>], in words: NormalizedWords) throws(CommitmentError) -> [Range<Int>] {
        var found: [Range<Int>] = []
        for stretch in l1Ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            // The first word that ends after the stretch starts.
            var low = 0, high = words.count
            while low < high {
                let mid = (low + high) / 2
                if words.l1Range(mid).upperBound <= stretch.lowerBound { low = mid + 1 } else { high = mid }
            }
            var end = low
            while end < words.count, words.l1Range(end).lowerBound < stretch.upperBound { end += 1 }
            guard low < end else {
                throw .usage("the L1 stretch \(stretch.lowerBound)..<\(stretch.upperBound) holds no word of the text")
            }
            if let last = found.last, low <= last.upperBound {
                found[found.count - 1] = last.lowerBound..<max(last.upperBound, end)
            } else {
                found.append(low..<end)
            }
        }
        guard !found.isEmpty else { throw .usage("a proof reveals at least one stretch of text") }
        return found
    }
}
