/// Word-level semi-global alignment for the `approximate` grade: plain Levenshtein edits
/// (substitution, insertion, deletion cost 1), a free start and end in the document, parts
/// aligned in order with the gaps between them free (an elision: any length; a bracketed
/// insertion: up to its words + 3 document words, each one more costing 1 as a dropped word;
/// `[sic]`: none). A word broken at a line end may be taken as its joined form. Look-alike and
/// diacritic-only word pairs cost nothing but are reported (`capped`).
struct Alignment {
    enum OpKind { case match, capped, substitution, insertion, deletion, gap }

    struct Op {
        var kind: OpKind
        /// Excerpt word index (match, capped, substitution, insertion).
        var word: Int = -1
        /// Document tokens (one, or two for a joined word; the skipped ones for a gap).
        var tokens: Range<Int> = 0..<0
        /// Gap index (after part `gap`).
        var gap: Int = -1
        /// Words `word` and `word + 1`, which the excerpt breaks at a line end, on one document word.
        var pair = false
    }

    struct Result {
        var edits: Int
        var tokStart: Int
        var tokEnd: Int
        var ops: [Op]
        var count: Int
    }

    /// Per document token (and per join starting there): which excerpt words it matches at no
    /// cost, and which of those only as look-alikes or by diacritics.
    struct Costs {
        let chunks: Int
        var zero: [UInt64]
        var capped: [UInt64]
        var joinZero: [UInt64]
        var joinCapped: [UInt64]

        init(tokens: Int, words: Int) {
            chunks = (words + 63) / 64
            zero = Array(repeating: 0, count: tokens * chunks)
            capped = zero
            joinZero = zero
            joinCapped = zero
        }

        @inline(__always) func bit(_ a: [UInt64], _ t: Int, _ w: Int) -> Bool {
            a[t * chunks + (w >> 6)] >> UInt64(w & 63) & 1 != 0
        }

        func hit(_ t: Int) -> Bool {
            for c in 0..<chunks where zero[t * chunks + c] != 0 || joinZero[t * chunks + c] != 0 { return true }
            return false
        }
    }

    /// The largest alignment matrix tried (excerpt words × document words).
    static let maxCells = 40_000_000

    /// The largest cost tables built (document words × 64-word chunks of the excerpt): four
    /// tables of 8 bytes an entry, 256 MB at most, whatever the lengths of excerpt and text.
    static let maxCostEntries = 8_000_000

    /// Aligns `words` (count `m`, parts ending at `partEnds` with gap limits `gapMax`) with the
    /// document tokens `lo..<hi`; returns the best alignment with at most `maxEdits` edits.
    ///
    /// `anchorStart` (`anchorEnd`) admits only alignments whose first (last) excerpt word is
    /// matched, not changed or added: with free ends, changing an edge word costs no more than
    /// dropping it, so the cheapest alignment can pair it with whatever document word stands
    /// there (a page number) while the document holds the very word a few words on.
    static func align(m: Int, partEnds: [Int], gapMax: [Int?], excerptJoins: [Int32], doc: TextLayers, costs: Costs,
                      lo: Int, hi: Int, maxEdits: Int, anchorStart: Bool = false, anchorEnd: Bool = false) -> Result? {
        let w = hi - lo
        guard w > 0, m > 0 else { return nil }
        // A bound on memory (about 5 bytes a cell): beyond it no alignment is attempted, which
        // can only make the answer weaker (not_found), never stronger.
        guard (m + 1) * (w + 1) <= maxCells else { return nil }
        let stride = w + 1
        let inf = Int32.max / 4
        var d = [Int32](repeating: 0, count: (m + 1) * stride)
        var back = [UInt8](repeating: 0, count: (m + 1) * stride)
        var gapArg: [Int: [Int32]] = [:]
        var gapIndexOfRow: [Int: Int] = [:]
        for (k, e) in partEnds.enumerated() { gapIndexOfRow[e] = k }
        var g = [Int32](repeating: 0, count: stride)

        for i in 0..<m {
            let row = i * stride
            // The row the next word continues from: D[i], or its gap-relaxed form.
            if i > 0, let k = gapIndexOfRow[i], gapMax[k] != 0 {
                var arg = [Int32](repeating: 0, count: stride)
                if let limit = gapMax[k] {
                    for j in 0...w {
                        var best = d[row + j], a = j
                        var jj = j - 1
                        while jj >= max(0, j - limit) {
                            if d[row + jj] < best { best = d[row + jj]; a = jj }
                            jj -= 1
                        }
                        g[j] = best; arg[j] = Int32(a)
                    }
                } else {
                    var best = inf, a = 0
                    for j in 0...w {
                        if d[row + j] <= best { best = d[row + j]; a = j }
                        g[j] = best; arg[j] = Int32(a)
                    }
                }
                gapArg[i] = arg
            } else {
                for j in 0...w { g[j] = d[row + j] }
            }
            let next = row + stride
            let chunk = i >> 6, shift = UInt64(i & 63), chunks = costs.chunks
            // The excerpt's words i − 1 and i, broken at a line end, may match one document word.
            let pairWord: Int32 = i >= 1 && i - 1 < excerptJoins.count ? excerptJoins[i - 1] : -1
            let pairRow = (i - 1) * stride
            g.withUnsafeBufferPointer { g in
            d.withUnsafeMutableBufferPointer { d in
            back.withUnsafeMutableBufferPointer { back in
            costs.zero.withUnsafeBufferPointer { zero in
            costs.joinZero.withUnsafeBufferPointer { joinZero in
            doc.joinAt.withUnsafeBufferPointer { joinAt in
                // An anchored first word is matched: neither added nor changed.
                let anchored = anchorStart && i == 0
                for j in 0...w {
                    var best = anchored ? inf : g[j] + 1
                    var op: UInt8 = 3  // insertion
                    if j >= 1 {
                        let t = lo + j - 1
                        let changed = Int32(truncatingIfNeeded: ~(zero[t * chunks + chunk] >> shift) & 1)
                        let c = anchored && changed == 1 ? inf : g[j - 1] + changed
                        if c <= best { best = c; op = 1 }
                        if pairWord >= 0 && doc.tokens[t].word == pairWord && d[pairRow + j - 1] < best {
                            best = d[pairRow + j - 1]; op = 5
                        }
                        let del = d[next + j - 1] + 1
                        if j >= 2 {
                            let t2 = t - 1
                            if joinAt[t2] >= 0 && (joinZero[t2 * chunks + chunk] >> shift) & 1 != 0 && g[j - 2] < best {
                                best = g[j - 2]; op = 2
                            }
                        }
                        if del < best { best = del; op = 4 }
                    }
                    d[next + j] = best
                    back[next + j] = op
                }
            }
            }
            }
            }
            }
            }
        }

        func traceback(_ end: Int) -> (start: Int, ops: [Op]) {
            var ops: [Op] = []
            var i = m, j = end
            while i > 0 {
                let op = back[i * stride + j]
                switch op {
                case 1:
                    let t = lo + j - 1
                    let kind: OpKind = costs.bit(costs.zero, t, i - 1) ? (costs.bit(costs.capped, t, i - 1) ? .capped : .match) : .substitution
                    ops.append(Op(kind: kind, word: i - 1, tokens: t..<(t + 1)))
                    i -= 1; j -= 1
                case 2:
                    let t = lo + j - 2
                    ops.append(Op(kind: costs.bit(costs.joinCapped, t, i - 1) ? .capped : .match, word: i - 1, tokens: t..<(t + 2)))
                    i -= 1; j -= 2
                case 3:
                    ops.append(Op(kind: .insertion, word: i - 1))
                    i -= 1
                case 5:
                    let t = lo + j - 1
                    ops.append(Op(kind: .match, word: i - 2, tokens: t..<(t + 1), pair: true))
                    i -= 2; j -= 1
                default:  // 4
                    ops.append(Op(kind: .deletion, tokens: (lo + j - 1)..<(lo + j)))
                    j -= 1
                    continue
                }
                if i > 0, let arg = gapArg[i] {
                    let a = Int(arg[j])
                    ops.append(Op(kind: .gap, tokens: (lo + a)..<(lo + j), gap: gapIndexOfRow[i]!))
                    j = a
                } else if i > 0, let k = gapIndexOfRow[i] {
                    ops.append(Op(kind: .gap, tokens: (lo + j)..<(lo + j), gap: k))
                }
            }
            return (j, ops.reversed())
        }

        let last = m * stride
        /// Whether the alignment ending at `j` ends with its last word matched (anchorEnd).
        func endsMatched(_ j: Int) -> Bool {
            switch back[last + j] {
            case 1: costs.bit(costs.zero, lo + j - 1, m - 1)
            case 2, 5: true
            default: false
            }
        }
        var found: [(edits: Int, start: Int, end: Int, ops: [Op])] = []
        for j in 1...w where d[last + j] <= Int32(maxEdits) && (!anchorEnd || endsMatched(j)) {
            let (s, ops) = traceback(j)
            // The place ends at its last aligned document word, not after trailing insertions.
            found.append((Int(d[last + j]), lo + s, lo + j, ops))
        }
        guard !found.isEmpty else { return nil }
        var count = 0
        var end = Int.min
        var seen = Set<Int>()
        for f in found.sorted(by: { ($0.end, $0.start) < ($1.end, $1.start) }) where f.start >= end && !seen.contains(f.start) {
            count += 1
            end = f.end
            seen.insert(f.start)
        }
        // Fewest edits; then no changed word at an edge taken from across a sentence end
        // (". ! ? ;"), first in the text, most words matched, and the longer stretch (a changed
        // last word rather than a missing one).
        func matched(_ ops: [Op]) -> Int { ops.reduce(0) { $0 + ($1.kind == .match || $1.kind == .capped ? 1 : 0) } }
        func acrossSentence(_ a: Int, _ b: Int) -> Bool {
            let from = Int(doc.tokens[a].l2End), to = Int(doc.tokens[b].l2Start)
            return from < to && doc.l2[from..<to].contains { $0 == "." || $0 == "!" || $0 == "?" || $0 == ";" }
        }
        func edgePenalty(_ ops: [Op]) -> Int {
            let consuming = ops.filter { $0.kind != .insertion && $0.kind != .gap && !$0.tokens.isEmpty }
            guard consuming.count >= 2 else { return 0 }
            var penalty = 0
            if consuming[0].kind == .substitution, acrossSentence(consuming[0].tokens.upperBound - 1, consuming[1].tokens.lowerBound) { penalty += 1 }
            let k = consuming.count - 1
            if consuming[k].kind == .substitution, acrossSentence(consuming[k - 1].tokens.upperBound - 1, consuming[k].tokens.lowerBound) { penalty += 1 }
            return penalty
        }
        let best = found.map { ($0, matched($0.ops), edgePenalty($0.ops)) }.min { a, b in
            (a.0.edits, a.2, a.0.start, -a.1, -a.0.end) < (b.0.edits, b.2, b.0.start, -b.1, -b.0.end)
        }!.0
        return Result(edits: best.edits, tokStart: best.start, tokEnd: best.end, ops: best.ops, count: count)
    }
}
