/// Terms for the candidate index: which registered texts can possibly match an excerpt.
///
/// A document is indexed under two keys per L3 word (``indexTerms(of:)-(TextLayers)``), one
/// when they agree: its match key (the case-folded word with combining marks removed, mapped
/// to its UTS #39 skeleton and stripped of marks again) and its look-alike key (the skeleton
/// of the word as spelled at L2, before case folding, as the spec computes look-alikes; then
/// folded and keyed alike). Words the grader treats as equal (same folded form) and
/// diacritic-only variants share the match key; look-alikes share one of the two (`0UTER`
/// and `OUTER` the look-alike key: the digit zero is a look-alike of the capital O only). A
/// word broken by a hyphen at a line end is indexed as both halves and as the joined word.
///
/// Guarantee (pigeonhole): an excerpt of `m` aligned words reaches a grade above `not_found`
/// only with at most `e = maxEdits` edits, so at most `e` of its words go unmatched. Any
/// `e + 1` distinct excerpt words therefore include one that the document has (equal,
/// diacritic-only or look-alike), so a qualifying document holds at least one of
/// ``requiredTerms(documentFrequency:)``. Each word contributes both its keys, as each
/// document word does, so a look-alike pair shares a key whichever side has the capitals.
/// Bracketed insertions and `[sic]` are not required terms: they stand for other words.
public struct ExcerptQuery: Sendable {
    /// The excerpt's keys, one per aligned word, in order (a multiset).
    public let terms: [String]
    /// For each word, every key a matching document word can have (the first is `terms[i]`).
    public let alternatives: [[String]]
    /// Edits the excerpt tolerates and still reaches a grade: words ÷ 5, or 0 for short excerpts.
    public let maxEdits: Int
    /// The index keys a matching text must hold, one list of alternatives per place: each pair
    /// of adjacent words within a part (``IndexKeys/pair(_:_:)``), and each one-word part alone.
    /// An edit spoils at most two places, so a text that reaches a grade holds at least
    /// ``minimumPositions`` of them (see ``IndexKeys``).
    public let positions: [[UInt64]]

    /// How many of ``positions`` a text must hold to be worth grading: all of them less two per
    /// tolerated edit, and at least one.
    public var minimumPositions: Int { max(1, positions.count - 2 * maxEdits) }

    /// A stronger filter for a candidate list: a qualifying document holds one of the
    /// `alternatives` of at least this many of the excerpt's words (words − `maxEdits`).
    public var minimumMatchedWords: Int { max(0, alternatives.count - maxEdits) }

    /// The query of an excerpt as printed (trimmed and cut at marks as ``ExcerptVerifier`` does).
    public init(_ excerpt: String) {
        let text = ExcerptText(excerpt)
        var l2: [String] = [], fold: [String] = [], joined: [String?] = []
        var partStarts: [Int] = []
        func add(_ l: TextLayers) {
            partStarts.append(fold.count)
            var joins = [String?](repeating: nil, count: l.tokens.count)
            for j in l.joins { joins[Int(j.first)] = l.folded[Int(j.first)] + l.folded[Int(j.first) + 1] }
            for (k, t) in l.tokens.enumerated() {
                fold.append(l.folded[k])
                l2.append(Differences.text(l.l2[Int(t.l2Start)..<Int(t.l2End)]))
                joined.append(joins[k] ?? (k > 0 ? joins[k - 1] : nil))
            }
        }
        if text.wordCount < 3 {
            // Short excerpts match only exact, normalized or tokens: all their words.
            add(text.layers)
            maxEdits = 0
        } else {
            text.parts.forEach { add($0.layers) }
            maxEdits = fold.count / 5
        }
        let table = WordTable.shared
        var alternatives: [[String]] = []
        for (k, (f, w)) in zip(fold, l2).enumerated() {
            var keys = [table.matchKey(folded: f)]
            let other = table.lookAlikeKey(l2: w)
            if other != keys[0] { keys.append(other) }
            // Half of a word the excerpt itself breaks at a line end: the document may hold it joined.
            if let j = joined[k] {
                let key = table.matchKey(folded: j)
                if !keys.contains(key) { keys.append(key) }
            }
            alternatives.append(keys)
        }
        self.alternatives = alternatives
        terms = alternatives.map { $0[0] }
        positions = Self.positions(alternatives, partStarts: partStarts, brokenAfter: joined.indices.map {
            // Words k and k + 1 are the halves of one word the excerpt breaks at a line end.
            $0 + 1 < joined.count && joined[$0] != nil && joined[$0] == joined[$0 + 1]
        })
    }

    /// The places of the excerpt's words: adjacent pairs within each part (not across the two
    /// halves of a word broken at a line end, which the document may hold joined), and each part
    /// of one word alone.
    private static func positions(_ alternatives: [[String]], partStarts: [Int], brokenAfter: [Bool]) -> [[UInt64]] {
        var positions: [[UInt64]] = []
        let bounds = partStarts + [alternatives.count]
        for (start, end) in zip(bounds, bounds.dropFirst()) where end > start {
            if end - start == 1 {
                positions.append(alternatives[start].map(IndexKeys.hash))
                continue
            }
            for k in start..<(end - 1) where !brokenAfter[k] {
                var pairs: [UInt64] = []
                for a in alternatives[k] { for b in alternatives[k + 1] { pairs.append(IndexKeys.pair(IndexKeys.hash(a), IndexKeys.hash(b))) } }
                positions.append(pairs)
            }
        }
        return positions
    }

    /// The smallest set of terms a document must hold at least one of to match at all: the
    /// keys of the `maxEdits + 1` rarest distinct words (by summed document frequency).
    /// Empty when the excerpt has no word (then nothing matches).
    public func requiredTerms(documentFrequency: (String) -> Int) -> [String] {
        var seen = Set<String>()
        var words: [(keys: [String], frequency: Int)] = []
        for keys in alternatives where !seen.contains(keys[0]) {
            seen.insert(keys[0])
            words.append((keys, keys.reduce(0) { $0 + documentFrequency($1) }))
        }
        words.sort { ($0.frequency, $0.keys[0]) < ($1.frequency, $1.keys[0]) }
        var out: [String] = []
        for w in words.prefix(maxEdits + 1) {
            for k in w.keys where !out.contains(k) { out.append(k) }
        }
        return out
    }

    /// The keys of every L3 word of a text and of every hyphen-joined word, in text order: its
    /// match key, then its look-alike key when that differs.
    public static func indexTerms(of layers: TextLayers) -> [String] {
        let ids = layers.alignedWordIDs
        let order = layers.tokens.indices.map { $0 } + layers.joins.map { Int($0.first) }
        let table = WordTable.shared
        let keys: [String], lookAlikes: [String]
        if ids.contains(where: { $0 < 0 }) {
            // Query layers: words unknown to the table, keyed from their text.
            var words = layers.folded, spellings = layers.tokens.indices.map(layers.spelling)
            for join in layers.joins {
                words.append(layers.folded[Int(join.first)] + layers.folded[Int(join.first) + 1])
                spellings.append(spellings[Int(join.first)] + spellings[Int(join.first) + 1])
            }
            keys = words.map { table.matchKey(folded: $0) }
            lookAlikes = spellings.map { table.lookAlikeKey(l2: $0) }
        } else {
            keys = table.keyIDs(of: ids).map { table.key($0) }
            lookAlikes = layers.lookAlikeKeyIDs().map { table.key($0) }
        }
        var terms: [(place: Int, rank: Int, key: String)] = []
        terms.reserveCapacity(ids.count)
        for i in ids.indices {
            terms.append((order[i], 2 * i, keys[i]))
            if lookAlikes[i] != keys[i] { terms.append((order[i], 2 * i + 1, lookAlikes[i])) }
        }
        return terms.sorted { ($0.place, $0.rank) < ($1.place, $1.rank) }.map(\.key)
    }

    /// Index terms of every segment of a prepared document.
    public static func indexTerms(of text: PreparedText) -> [String] {
        text.segments.flatMap { indexTerms(of: $0.layers) }
    }
}
