/// The keys a registered text is indexed under, for finding the texts an excerpt may match.
///
/// Every L3 word has a match key (``ExcerptQuery``): the case-folded word without marks, as its
/// UTS #39 skeleton, so that words the grader treats as the same or as look-alikes share it. A
/// text is indexed under each word's key and under each pair of adjacent words' keys, over both
/// readings of a word broken by a hyphen at a line end (halves and joined).
///
/// Guarantee: an excerpt reaches a grade in a text only if at most `e` of its words are edits
/// (``ExcerptQuery/maxEdits``). An edit (a changed, dropped or added word) spoils at most the two
/// pairs it belongs to, so the text holds at least all the excerpt's places but `2e`
/// (``ExcerptQuery/minimumPositions``). A candidate filter that keeps every text holding that
/// many places misses no match.
public struct IndexKeys: Sendable {
    /// The key of every word, and of every joined line-end word.
    public var unigrams: Set<String> = []
    /// The keys of every pair of adjacent words (``pair(_:_:)``).
    public var bigrams: Set<String> = []

    /// The keys of a text's layers.
    public init(_ layers: TextLayers) {
        let table = WordTable.shared
        let keys: [String]
        if layers.tokens.contains(where: { $0.word < 0 }) {
            keys = layers.folded.map { table.matchKey(folded: $0) }
        } else {
            keys = table.keyIDs(of: layers.tokens.map(\.word)).map { table.key($0) }
        }
        unigrams.reserveCapacity(keys.count)
        bigrams.reserveCapacity(keys.count)
        for (k, key) in keys.enumerated() {
            unigrams.insert(key)
            if k + 1 < keys.count { bigrams.insert(Self.pair(key, keys[k + 1])) }
        }
        for join in layers.joins {
            let first = Int(join.first)
            let joined = join.word >= 0
                ? table.key(table.keyIDs(of: [join.word])[0])
                : table.matchKey(folded: layers.folded[first] + layers.folded[first + 1])
            unigrams.insert(joined)
            if first > 0 { bigrams.insert(Self.pair(keys[first - 1], joined)) }
            if first + 2 < keys.count { bigrams.insert(Self.pair(joined, keys[first + 2])) }
        }
    }

    /// The key of two adjacent words (a unit separator between them: no key holds one).
    public static func pair(_ first: String, _ second: String) -> String {
        first + "\u{1F}" + second
    }
}
