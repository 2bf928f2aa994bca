/// Grades a printed excerpt against registered texts (spec/excerpt-verification.md).
///
/// Readings of corners the spec leaves open, chosen so that no grade is stronger than the
/// texts support:
/// - An excerpt with no word at all (after trimming) is `not_found`: it says nothing to check.
/// - Word boundaries are judged at the layer searched and on the L3 words mapped back to L1,
///   so `foo` is not exact inside `foo\u{AD}bar` (one word at L2). A place may start or end
///   at punctuation, e.g. end at `)` followed by `,`.
/// - Counts are of places that do not overlap, taken from the start of the text.
/// - `edited` places: the first part's earliest place that leads to a valid chain; later
///   parts take their earliest valid places. Gaps are counted in L3 words (halves of a
///   hyphenated word count as two).
/// - Look-alikes: equal UTS #39 skeletons of the L2 words, or of their folded forms (a
///   capital look-alike of a lower-case letter). A word differing both by a look-alike and a
///   diacritic is named twice (`confusable` and `diacritic`), and is no edit.
/// - `approximate` names case differences of aligned words, but not punctuation.
/// - Scripts written without spaces (Han, kana, Thai, Lao, Khmer, Myanmar): every letter, with
///   its marks, is a word, so a quote from the middle of a line is found, and word counts and
///   edits are counted in letters there.
/// - The excerpt's own words broken by a hyphen at a line end match joined document words at
///   every grade; for the similarity they count as the two words they are printed as.
/// - An excerpt cut into more than 100 parts by its marks is not graded `edited` (each part is
///   sought through the whole text; never a stronger grade).
/// - Alignments of more than 40 million cells (excerpt words × document words) are not tried,
///   nor is an `approximate` grade when the text's words × the excerpt's words ÷ 64 exceed
///   8 million (a 10,000-word excerpt in a text of over 50,000 words; never a stronger grade).
/// - Marks: elision marks are `…` and runs of three or more dots, spaced or not, alone or as
///   the whole content of `[ ]` or `( )`; `[sic]` (`[sic!]`) stands for no document word;
///   letters bracketed inside a word (`[T]he`, `work[ed]`) are the same letters in any case;
///   any other `[...]` stands for 0 to its words + 3 document words; `( )` around anything
///   but an elision is plain text. Punctuation beside an elision mark belongs to it.
/// - A bracket or an elision at either end of the excerpt lies outside the match: its
///   difference names no document words (what it stands for is not in the stretch matched).
/// - Every difference's document side lies inside the match. An edge word that the cheapest
///   alignment would change or add while the document holds it a few words on (past a page
///   footer) is paired with that word instead, the words between dropped, when that still
///   reaches the grade.
/// - Alignment ties: fewest edits, then no changed word taken from across a sentence end at
///   an edge, first in the text, most words matched, then the longer stretch.
public struct ExcerptVerifier: Sendable {
    /// The longest excerpt graded, in UTF-8 bytes: 64 KiB, some 10,000 words of English or
    /// 20,000 characters of Chinese, many printed pages, longer than any passage a story quotes.
    /// The bound keeps the work and memory of a query small whatever the input (a text
    /// checked whole is a candidate document: `verify --document`). A longer excerpt is not
    /// graded (`not_found`); callers refuse it first, naming this limit.
    public static let maxExcerptBytes = 1 << 16

    /// A verifier (it holds no state: prepared texts are the caller's cache).
    public init() {}

    /// Grades `excerpt` against `documents`, building their layers on the way.
    public func verify(_ excerpt: String, in documents: [SearchableText]) -> Verification {
        verify(excerpt, in: documents.map(PreparedText.init))
    }

    /// Grades `excerpt` against prepared documents (layers built once and kept by the caller).
    public func verify(_ excerpt: String, in documents: [PreparedText]) -> Verification {
        guard excerpt.utf8.count <= Self.maxExcerptBytes else {
            return Verification(verdict: .notFound, excerpt: "", matches: [])
        }
        let query = Query(excerpt)
        guard query.wordCount > 0 else {
            return Verification(verdict: .notFound, excerpt: query.text.trimmed, matches: [])
        }
        var matches: [ExcerptMatch] = []
        for document in documents {
            var best: (result: SegmentResult, segment: Int)?
            var results: [SegmentResult] = []
            for (s, segment) in document.segments.enumerated() {
                guard let r = query.grade(segment.layers) else { continue }
                results.append(r)
                if let b = best {
                    if (r.verdict, -r.score) < (b.result.verdict, -b.result.score) { best = (r, s) }
                } else {
                    best = (r, s)
                }
            }
            guard let (r, s) = best else { continue }
            let count = results.filter { $0.verdict == r.verdict }.reduce(0) { $0 + $1.count }
            let layers = document.segments[s].layers
            matches.append(ExcerptMatch(
                document: document.id, seq: document.segments[s].seq, verdict: r.verdict, score: r.score,
                start: r.start, end: r.end, line: layers.line(at: r.start), text: layers.substring(r.start, r.end),
                count: count, differences: r.differences, parts: r.parts ?? [r.start..<r.end]))
        }
        matches.sort { ($0.verdict, -$0.score, $0.document) < ($1.verdict, -$1.score, $1.document) }
        return Verification(verdict: matches.first?.verdict ?? .notFound, excerpt: query.text.trimmed, matches: matches)
    }
}

/// The best place of an excerpt in one segment.
struct SegmentResult {
    var verdict: Verdict
    var score: Double
    var start: Int
    var end: Int
    var count: Int
    var differences: [Difference]
    /// The L1 range of each part of an `edited` place; nil for one stretch (`start..<end`).
    var parts: [Range<Int>]? = nil
}

/// An excerpt prepared for grading: trimmed, cut at marks, its words looked up.
final class Query {
    let text: ExcerptText
    let wordCount: Int
    let wholeWords: [Int32]
    let excerptL1: [Unicode.Scalar]
    let excerptL2: [Unicode.Scalar]
    /// The excerpt's own words broken at a line end: the joined word at the first half.
    let wholeJoins: [Int32?]

    // The words aligned by `approximate`: every part's words, in order.
    let words: [Int32]
    let wordFold: [String]
    let wordL2: [String]
    let wordText: [String]
    /// For each aligned word, the id of its join with the next word when the excerpt breaks it
    /// at a line end, else -1.
    let wordJoins: [Int32]
    /// Part and token of each aligned word.
    let wordPlace: [(part: Int, token: Int)]
    let partEnds: [Int]
    let gapMax: [Int?]
    let maxEdits: Int
    let foldMasks: MaskTable
    let keyMasks: MaskTable
    private var classified: [String: [DifferenceKind]] = [:]
    private var notEqual: Set<String> = []

    init(_ excerpt: String) {
        text = ExcerptText(excerpt)
        wordCount = text.wordCount
        wholeWords = text.layers.tokens.map(\.word)
        excerptL1 = Array(text.layers.l1)
        excerptL2 = Array(text.layers.l2)
        wholeJoins = text.layers.joinedWords
        var words: [Int32] = [], fold: [String] = [], l2: [String] = [], l1: [String] = [], ends: [Int] = []
        var joins: [Int32] = [], place: [(part: Int, token: Int)] = []
        for (p, part) in text.parts.enumerated() {
            let l = part.layers
            var partJoins = [Int32](repeating: -1, count: l.tokens.count)
            for j in l.joins where j.word >= 0 { partJoins[Int(j.first)] = j.word }
            joins += partJoins
            for (k, t) in l.tokens.enumerated() {
                place.append((p, k))
                words.append(t.word)
                fold.append(l.folded[k])
                l2.append(Differences.text(l.l2[Int(t.l2Start)..<Int(t.l2End)]))
                l1.append(l.substring(Int(t.l1Start), Int(t.l1End)))
            }
            ends.append(words.count)
        }
        if !ends.isEmpty { ends.removeLast() }
        self.words = words
        wordFold = fold
        wordL2 = l2
        wordText = l1
        wordJoins = joins
        wordPlace = place
        partEnds = ends
        gapMax = text.gaps.map(\.maxWords)
        maxEdits = words.count / 5
        let chunks = (words.count + 63) / 64
        var fm: [Int32: [UInt64]] = [:], km: [Int32: [UInt64]] = [:]
        let short = wordCount < 3
        for i in words.indices {
            fm[words[i], default: Array(repeating: 0, count: chunks)][i >> 6] |= 1 << UInt64(i & 63)
            guard !short else { continue }
            var keys = Set<String>()
            keys.insert(WordTable.shared.matchKey(folded: fold[i]))
            keys.insert(WordTable.shared.lookAlikeKey(l2: l2[i]))
            for key in keys {
                let id = WordTable.shared.keyID(key)
                km[id, default: Array(repeating: 0, count: chunks)][i >> 6] |= 1 << UInt64(i & 63)
            }
        }
        foldMasks = MaskTable(fm, chunks: chunks)
        keyMasks = MaskTable(km, chunks: chunks)
    }

    /// The excerpt's text from aligned word `a` to word `b` (same part).
    func wordSpan(_ a: Int, _ b: Int) -> String {
        let (p, ta) = wordPlace[a], tb = wordPlace[b].token
        let l = text.parts[p].layers
        return l.substring(Int(l.tokens[ta].l1Start), Int(l.tokens[tb].l1End))
    }

    /// Whether excerpt word `i` and a document word (folded, and as at L2) differ only by
    /// look-alikes or diacritics; the kinds to name, or nil when they are different words.
    func equivalence(_ i: Int, docFold: String, docL2: String) -> [DifferenceKind]? {
        let cacheKey = "\(i)\u{0}\(docL2)"
        if let k = classified[cacheKey] { return k }
        if notEqual.contains(cacheKey) { return nil }
        let table = WordTable.shared
        let a = wordFold[i]
        var kinds: [DifferenceKind]?
        if ICU.stripMarks(a) == ICU.stripMarks(docFold) {
            kinds = [.diacritic]
        } else if table.skeleton(wordL2[i]) == table.skeleton(docL2) || table.skeleton(a) == table.skeleton(docFold) {
            kinds = [.confusable]
        } else if table.skeleton(ICU.stripMarks(a)) == table.skeleton(ICU.stripMarks(docFold)) {
            kinds = [.confusable, .diacritic]
        }
        if let kinds { classified[cacheKey] = kinds } else { notEqual.insert(cacheKey) }
        return kinds
    }

    /// The best place of the excerpt in one segment, or nil when not found there.
    func grade(_ doc: TextLayers) -> SegmentResult? {
        let ex = text.layers
        // An exact or normalized place holds the excerpt's words as contiguous document words,
        // so the cheap word search goes first and rules out most documents.
        let tokens = doc.tokenPlaces(wholeWords, joined: wholeJoins)
        if let firstTokens = tokens.first {
            let exact = doc.exactPlaces(excerptL1)
            if let first = exact.first {
                return SegmentResult(verdict: .exact, score: 1, start: first.l1Start, end: first.l1End, count: countSeparate(exact), differences: [])
            }
            let normalized = doc.normalizedPlaces(excerptL2)
            if let first = normalized.first {
                return SegmentResult(verdict: .normalized, score: 1, start: first.l1Start, end: first.l1End, count: countSeparate(normalized),
                                     differences: Differences.normalized(ex, anyCase: nil, doc: doc, docL2: first.l2Start))
            }
            return SegmentResult(verdict: .tokens, score: 1, start: firstTokens.l1Start, end: firstTokens.l1End, count: countSeparate(tokens),
                                 differences: Differences.tokens(ex, skipWords: [], doc: doc, steps: firstTokens.steps))
        }
        guard wordCount >= 3 else { return nil }
        if text.hasMarks, let edited = gradeEdited(doc) { return edited }
        return gradeApproximate(doc)
    }
}

/// Excerpt-word bit masks by word (or key) id: a sorted id list searched by bisection, which
/// beats hashing for the few distinct words of an excerpt.
struct MaskTable {
    let ids: [Int32]
    /// `chunks` masks per id, in the order of `ids`.
    let masks: [UInt64]
    let chunks: Int
    /// Bit `id & 63` set for every id: most document words are rejected without a search.
    let filter: UInt64

    init(_ table: [Int32: [UInt64]], chunks: Int) {
        ids = table.keys.sorted()
        masks = ids.flatMap { table[$0]! }
        self.chunks = chunks
        filter = ids.reduce(0) { $0 | 1 << UInt64($1 & 63) }
    }

    var isEmpty: Bool { ids.isEmpty }

    /// Offset in `masks` of the masks of `id`.
    @inline(__always) func find(_ id: Int32) -> Int? {
        guard filter >> UInt64(id & 63) & 1 != 0 else { return nil }
        var lo = 0, hi = ids.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if ids[mid] < id { lo = mid + 1 } else { hi = mid }
        }
        return lo < ids.count && ids[lo] == id ? lo * chunks : nil
    }
}

/// One recorded excerpt of an excerpt-only document, checked against a candidate full text.
public struct ContainedExcerpt: Sendable {
    /// The ledger entry that recorded the excerpt.
    public var seq: Int
    /// The excerpt as recorded.
    public var excerpt: String
    /// Where and how well the candidate holds it; nil when it does not (`not_found`).
    public var match: ExcerptMatch?
}

extension ExcerptVerifier {
    /// Which of the recorded excerpts of `document` (one per segment) the candidate full text
    /// holds, and at which grade ("Documents known only by excerpts").
    public func containedExcerpts(of document: SearchableText, in candidate: PreparedText) -> [ContainedExcerpt] {
        document.segments.map { segment in
            ContainedExcerpt(seq: segment.seq, excerpt: segment.text, match: verify(segment.text, in: [candidate]).matches.first)
        }
    }
}
