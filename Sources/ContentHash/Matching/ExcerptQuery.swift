/// Terms for the candidate index: which registered texts can possibly match an excerpt.
///
/// A document is indexed under one key per L3 word (``indexTerms(of:)-(TextLayers)``): the
/// case-folded word with combining marks removed, mapped to its UTS #39 skeleton and stripped
/// of marks again. Words the grader treats as equal (same folded form), diacritic-only
/// variants and, as a rule, look-alikes share a key; a word broken by a hyphen at a line end
/// is indexed as both halves and as the joined word.
///
/// Guarantee (pigeonhole): an excerpt of `m` aligned words reaches a grade above `not_found`
/// only with at most `e = maxEdits` edits, so at most `e` of its words go unmatched. Any
/// `e + 1` distinct excerpt words therefore include one that the document has (equal,
/// diacritic-only or look-alike), so a qualifying document holds at least one of
/// ``requiredTerms(documentFrequency:)``. Each word contributes its key and the key of its
/// skeleton's folded form (a capital look-alike of a lower-case letter). Bracketed
/// insertions and `[sic]` are not required terms: they stand for other words.
/// Limit: look-alikes whose skeletons differ once case-folded (rare) can be missed.
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
    public let positions: [[String]]

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
            let other = table.matchKey(folded: ICU.fold(table.skeleton(w)))
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
    private static func positions(_ alternatives: [[String]], partStarts: [Int], brokenAfter: [Bool]) -> [[String]] {
        var positions: [[String]] = []
        let bounds = partStarts + [alternatives.count]
        for (start, end) in zip(bounds, bounds.dropFirst()) where end > start {
            if end - start == 1 {
                positions.append(alternatives[start])
                continue
            }
            for k in start..<(end - 1) where !brokenAfter[k] {
                var pairs: [String] = []
                for a in alternatives[k] { for b in alternatives[k + 1] { pairs.append(IndexKeys.pair(a, b)) } }
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

    /// One key per L3 word of a text, and one per hyphen-joined word, in text order.
    public static func indexTerms(of layers: TextLayers) -> [String] {
        var ids = layers.tokens.map(\.word)
        var order = Array(0..<ids.count)
        for join in layers.joins {
            ids.append(join.word)
            order.append(Int(join.first))
        }
        let table = WordTable.shared
        if ids.contains(where: { $0 < 0 }) {
            // Query layers: words unknown to the table.
            var words = layers.folded
            for join in layers.joins { words.append(layers.folded[Int(join.first)] + layers.folded[Int(join.first) + 1]) }
            return words.map { table.matchKey(folded: $0) }
        }
        let keys = table.keyIDs(of: ids).map { table.key($0) }
        return zip(order, keys).enumerated().sorted { ($0.element.0, $0.offset) < ($1.element.0, $1.offset) }.map(\.element.1)
    }

    /// Index terms of every segment of a prepared document.
    public static func indexTerms(of text: PreparedText) -> [String] {
        text.segments.flatMap { indexTerms(of: $0.layers) }
    }
}
