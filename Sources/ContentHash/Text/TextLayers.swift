/// The three layers of one text (spec/excerpt-verification.md, "Text layers"), built once and
/// kept: L1 scalars with line starts, L2 with a map from every L2 scalar back to its L1 range,
/// and L3 words with their L1 ranges and the hyphenation alternatives.
public struct TextLayers: Sendable {
    /// One L3 word: its L2 and L1 ranges (end exclusive) and the id of its folded form.
    struct Token: Sendable {
        var l2Start: Int32
        var l2End: Int32
        var l1Start: Int32
        var l1End: Int32
        var word: Int32
    }

    /// A word broken by a hyphen at a line end: tokens `first` and `first + 1` joined.
    struct Join: Sendable {
        var first: Int32
        var word: Int32
    }

    let l1: ScalarStore
    let lineStarts: [Int]
    let l2: ScalarStore
    let l2Start: [Int32]
    /// `l2End - l2Start - 1` of each L2 scalar (255: see `l2EndOverflow`).
    let l2Extra: [UInt8]
    let l2EndOverflow: [Int32: Int32]
    let tokens: [Token]
    let joins: [Join]
    /// For each token, the index in `joins` of the join that starts there, or -1.
    let joinAt: [Int32]
    /// Folded words (query layers only; document layers keep ids in ``WordTable``).
    let folded: [String]
    /// The tokens whose L2 spelling is not their folded word (capitals, letters that fold to
    /// others), in order: only they need their own spelling for a look-alike key.
    let casedTokens: [Int32]

    /// Builds the layers of an L1 text (already NFC, as ``TextDocument/decode(bytes:)`` returns it).
    public init(_ l1Text: String) {
        self.init(l1Text, query: false)
    }

    init(_ l1Text: String, query: Bool) {
        let l1 = Array(l1Text.unicodeScalars)
        self.l1 = ScalarStore(l1)
        let n = l1.count

        var lineStarts = [0]
        var i = 0
        while i < n {
            let v = l1[i].value
            if v == 0x0D {
                if i + 1 < n && l1[i + 1].value == 0x0A { i += 1 }
                lineStarts.append(i + 1)
            } else if v == 0x0A {
                lineStarts.append(i + 1)
            }
            i += 1
        }
        self.lineStarts = lineStarts

        // L2 (1): quotation marks, dashes, format characters.
        var s1: [Unicode.Scalar] = []
        var s1Source: [Int32] = []
        s1.reserveCapacity(n)
        s1Source.reserveCapacity(n)
        for (k, s) in l1.enumerated() {
            if s.value < 0x80 {
                s1.append(s)
            } else if let q = ScalarClass.quoteReplacement(s) {
                s1.append(q)
            } else if ScalarClass.isDash(s) {
                s1.append("-")
            } else if ScalarClass.isFormat(s) {
                continue
            } else {
                s1.append(s)
            }
            s1Source.append(Int32(k))
        }

        // L2 (2): NFKC, piece by piece between normalization boundaries.
        var s2: [Unicode.Scalar] = []
        var s2Start: [Int32] = []
        var s2End: [Int32] = []
        s2.reserveCapacity(s1.count)
        s2Start.reserveCapacity(s1.count)
        s2End.reserveCapacity(s1.count)
        var a = 0
        while a < s1.count {
            var b = a + 1
            while b < s1.count && !ICU.nfkcBoundaryBefore(s1[b]) { b += 1 }
            // A lone scalar (nothing after it combines) that is its own NFKC needs no ICU call.
            if b == a + 1 && ICU.nfkcSelf(s1[a]) {
                s2.append(s1[a])
                s2Start.append(s1Source[a])
                s2End.append(s1Source[a] + 1)
            } else {
                let piece = s1[a..<b]
                let out = ICU.nfkc(piece)
                if out.elementsEqual(piece) {
                    for k in a..<b {
                        s2.append(s1[k])
                        s2Start.append(s1Source[k])
                        s2End.append(s1Source[k] + 1)
                    }
                } else {
                    for s in out {
                        s2.append(s)
                        s2Start.append(s1Source[a])
                        s2End.append(s1Source[b - 1] + 1)
                    }
                }
            }
            a = b
        }

        // L2 (3): every run of white space to one space.
        var l2: [Unicode.Scalar] = []
        var l2Start: [Int32] = []
        var l2End: [Int32] = []
        l2.reserveCapacity(s2.count)
        l2Start.reserveCapacity(s2.count)
        l2End.reserveCapacity(s2.count)
        var inSpace = false
        for k in 0..<s2.count {
            if ScalarClass.isWhitespace(s2[k]) {
                if inSpace {
                    l2End[l2End.count - 1] = s2End[k]
                } else {
                    l2.append(" ")
                    l2Start.append(s2Start[k])
                    l2End.append(s2End[k])
                    inSpace = true
                }
            } else {
                l2.append(s2[k])
                l2Start.append(s2Start[k])
                l2End.append(s2End[k])
                inSpace = false
            }
        }
        self.l2 = ScalarStore(l2)
        self.l2Start = l2Start
        var overflow: [Int32: Int32] = [:]
        l2Extra = l2End.indices.map { k in
            let extra = Int(l2End[k] - l2Start[k] - 1)
            if extra < 255 { return UInt8(extra) }
            overflow[Int32(k)] = l2End[k]
            return 255
        }
        l2EndOverflow = overflow

        // L3: maximal runs of letters, marks and numbers, case-folded.
        var tokens: [Token] = []
        var folded: [String] = []
        var casedTokens: [Int32] = []
        var k = 0
        var utf8: [UInt8] = []
        var single: [UInt32] = []
        while k < l2.count {
            guard ScalarClass.isWord(l2[k]) else { k += 1; continue }
            var e = k
            var needsICU = false
            var cased = false
            utf8.removeAll(keepingCapacity: true)
            let ownWord = ScalarClass.isOwnWord(l2[k])
            while e < l2.count && ScalarClass.isWord(l2[e]) {
                if e > k && !ScalarClass.isMark(l2[e]) && (ownWord || ScalarClass.isOwnWord(l2[e])) { break }
                let v = l2[e].value
                if v < 0x80 {
                    let upper = v >= 0x41 && v <= 0x5A
                    cased = cased || upper
                    utf8.append(UInt8(upper ? v + 0x20 : v))
                } else if !needsICU {
                    single.removeAll(keepingCapacity: true)
                    if ScalarClass.appendFold(l2[e], to: &single) {
                        cased = cased || single[0] != v
                        UTF8.encode(Unicode.Scalar(single[0])!) { utf8.append($0) }
                    } else {
                        needsICU = true
                    }
                }
                e += 1
            }
            if needsICU || cased { casedTokens.append(Int32(tokens.count)) }
            if needsICU {
                var word = String.UnicodeScalarView()
                word.append(contentsOf: l2[k..<e])
                folded.append(ICU.fold(String(word)))
            } else {
                folded.append(String(decoding: utf8, as: UTF8.self))
            }
            tokens.append(Token(l2Start: Int32(k), l2End: Int32(e), l1Start: l2Start[k], l1End: l2End[e - 1], word: 0))
            k = e
        }

        // Hyphenation: `-`, U+2010 or soft hyphen right after a word at a line end, then blanks
        // and reply prefixes (`>`), then the next word.
        var joinPairs: [Int] = []
        if tokens.count > 1 {
            for t in 0..<(tokens.count - 1) {
                var p = Int(tokens[t].l1End)
                guard p < n, ScalarClass.isBreakHyphen(l1[p]) else { continue }
                p += 1
                guard p < n else { continue }
                if l1[p].value == 0x0D {
                    p += 1
                    if p < n && l1[p].value == 0x0A { p += 1 }
                } else if l1[p].value == 0x0A {
                    p += 1
                } else {
                    continue
                }
                while p < n, l1[p] == " " || l1[p] == "\t" || l1[p] == ">" { p += 1 }
                if p == Int(tokens[t + 1].l1Start) { joinPairs.append(t) }
            }
        }
        var allWords = folded
        for t in joinPairs { allWords.append(folded[t] + folded[t + 1]) }

        var ids: [Int32]
        if query {
            var local: [String: Int32] = [:]
            ids = zip(allWords, WordTable.shared.lookup(allWords)).map { word, id in
                if let id { return id }
                if let l = local[word] { return l }
                let l = Int32(-2 - local.count)
                local[word] = l
                return l
            }
            self.folded = folded
        } else {
            ids = WordTable.shared.intern(allWords)
            self.folded = []
        }
        for t in tokens.indices { tokens[t].word = ids[t] }
        self.tokens = tokens
        self.casedTokens = casedTokens
        var joins: [Join] = []
        var joinAt = [Int32](repeating: -1, count: tokens.count)
        for (j, t) in joinPairs.enumerated() {
            joinAt[t] = Int32(joins.count)
            joins.append(Join(first: Int32(t), word: ids[tokens.count + j]))
        }
        self.joins = joins
        self.joinAt = joinAt
    }

    /// For each word, the id of the joined word when a line-end break starts there (else nil);
    /// empty when the text has no such break.
    var joinedWords: [Int32?] {
        guard !joins.isEmpty else { return [] }
        var out = [Int32?](repeating: nil, count: tokens.count)
        for j in joins { out[Int(j.first)] = j.word }
        return out
    }

    /// The L1 text (NFC).
    public var text: String { substring(0, l1.count) }

    /// End (exclusive) of the L1 range of L2 scalar `k`.
    @inline(__always) func l2EndAt(_ k: Int) -> Int32 {
        let extra = l2Extra[k]
        return extra < 255 ? l2Start[k] + Int32(extra) + 1 : l2EndOverflow[Int32(k)]!
    }

    /// Whether L1 position `p` lies strictly inside an L3 word.
    func isInsideWord(_ p: Int) -> Bool {
        var lo = 0, hi = tokens.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if Int(tokens[mid].l1Start) < p { lo = mid + 1 } else { hi = mid }
        }
        return lo > 0 && Int(tokens[lo - 1].l1End) > p
    }

    /// The L2 text: the string whose UTF-8 the `text_sha256` fingerprint hashes.
    public var normalizedText: String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: l2)
        return String(view)
    }

    /// Number of Unicode scalars in L1.
    public var count: Int { l1.count }

    /// The number of L3 words.
    public var wordCount: Int { tokens.count }

    /// The 1-based line of an L1 scalar offset.
    public func line(at offset: Int) -> Int {
        var lo = 0, hi = lineStarts.count
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if lineStarts[mid] <= offset { lo = mid } else { hi = mid }
        }
        return lo + 1
    }

    /// The L1 text of the scalar range `start..<end`.
    public func substring(_ start: Int, _ end: Int) -> String {
        var view = String.UnicodeScalarView()
        if start < end { view.append(contentsOf: l1[max(0, start)..<min(end, l1.count)]) }
        return String(view)
    }

    /// The L3 words, folded (for tests and index keys).
    public var words: [String] {
        folded.isEmpty && !tokens.isEmpty ? tokens.map { WordTable.shared.word($0.word) } : folded
    }

    /// The L1 range (scalar offsets, end exclusive) of each L3 word.
    public var wordRanges: [Range<Int>] { tokens.map { Int($0.l1Start)..<Int($0.l1End) } }

    /// The hyphenation alternatives: for each word broken at a line end, the index of its
    /// first half in ``words`` and the joined (folded) word.
    public var hyphenJoins: [(first: Int, word: String)] {
        joins.map { (Int($0.first), $0.word >= 0 ? WordTable.shared.word($0.word) : "") }
    }

    /// The L1 range of the L2 scalar at `offset`.
    public func l1Range(ofNormalized offset: Int) -> Range<Int> {
        Int(l2Start[offset])..<Int(l2EndAt(offset))
    }
}
