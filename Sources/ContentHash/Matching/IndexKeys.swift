/// The keys a registered text is indexed under, for finding the texts an excerpt may match.
///
/// Every L3 word has a match key (``ExcerptQuery``): the case-folded word without marks, as its
/// UTS #39 skeleton, so that words the grader treats as the same share it; and a look-alike key:
/// the skeleton of the word as spelled at L2, before case folding (the spec's look-alikes), then
/// folded, so that `0UTER` (digit zero, a look-alike of the capital O only) shares `OUTER`'s. A
/// text is indexed under each word's keys and under each pair of adjacent words' keys (every
/// combination of the two words' keys), over both readings of a word broken by a hyphen at a
/// line end (halves and joined).
///
/// Guarantee: an excerpt reaches a grade in a text only if at most `e` of its words are edits
/// (``ExcerptQuery/maxEdits``). An edit (a changed, dropped or added word) spoils at most the two
/// pairs it belongs to, so the text holds at least all the excerpt's places but `2e`
/// (``ExcerptQuery/minimumPositions``). A candidate filter that keeps every text holding that
/// many places misses no match.
public struct IndexKeys: Sendable {
    /// The keys of every word, and of every joined line-end word (as ``hash(_:)``).
    public var unigrams: Set<UInt64> = []
    /// The keys of every pair of adjacent words (``pair(_:_:)``).
    public var bigrams: Set<UInt64> = []

    /// The keys of a text's layers.
    public init(_ layers: TextLayers) {
        let table = WordTable.shared
        // Per aligned word (tokens, then joins): its match key, and its look-alike key if other.
        var keys: [[UInt64]]
        if layers.tokens.contains(where: { $0.word < 0 }) {
            var spellings = layers.tokens.indices.map(layers.spelling)
            var folded = layers.folded
            for join in layers.joins {
                folded.append(layers.folded[Int(join.first)] + layers.folded[Int(join.first) + 1])
                spellings.append(spellings[Int(join.first)] + spellings[Int(join.first) + 1])
            }
            keys = zip(folded, spellings).map { word, spelling in
                let key = table.matchKey(folded: word), lookAlike = table.lookAlikeKey(l2: spelling)
                return key == lookAlike ? [Self.hash(key)] : [Self.hash(key), Self.hash(lookAlike)]
            }
        } else {
            let ids = layers.alignedWordIDs
            let matchIDs = table.keyIDs(of: ids), lookAlikeIDs = layers.lookAlikeKeyIDs()
            let hashes = table.hashes(ofKeys: matchIDs + lookAlikeIDs)
            keys = (0..<matchIDs.count).map { k in
                matchIDs[k] == lookAlikeIDs[k] ? [hashes[k]] : [hashes[k], hashes[matchIDs.count + k]]
            }
        }
        let count = layers.tokens.count
        unigrams.reserveCapacity(count)
        bigrams.reserveCapacity(count)
        func pairs(_ first: [UInt64], _ second: [UInt64]) {
            for a in first { for b in second { bigrams.insert(Self.pair(a, b)) } }
        }
        for k in 0..<count {
            unigrams.formUnion(keys[k])
            if k + 1 < count { pairs(keys[k], keys[k + 1]) }
        }
        for (j, join) in layers.joins.enumerated() {
            let first = Int(join.first)
            let joined = keys[count + j]
            unigrams.formUnion(joined)
            if first > 0 { pairs(keys[first - 1], joined) }
            if first + 2 < count { pairs(joined, keys[first + 2]) }
        }
    }

    /// A key as the index holds it: 64-bit FNV-1a of its UTF-8 bytes, then mixed (SplitMix64's
    /// finalizer), so that any run of its bits serves as a bucket. Stable across versions: the
    /// derived state is built with it.
    public static func hash(_ key: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in key.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        return mix(hash)
    }

    /// The key of two adjacent words, from their keys' hashes (order matters).
    public static func pair(_ first: UInt64, _ second: UInt64) -> UInt64 {
        mix((first &* 0x9E37_79B9_7F4A_7C15) ^ (second &+ 0x632B_E59B_D9B4_E019))
    }

    private static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
