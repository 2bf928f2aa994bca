/// The `approximate` grade: the best word alignment (see ``Alignment``) with 5 × edits ≤ words.
extension Query {
    func gradeApproximate(_ doc: TextLayers) -> SegmentResult? {
        let m = words.count
        guard m >= 3, !doc.tokens.isEmpty else { return nil }
        let n = doc.tokens.count
        let need = m - maxEdits
        // A bound on work and memory (every pass below is words × chunks), as for the alignment
        // itself: never a stronger grade.
        guard n * foldMasks.chunks <= Alignment.maxCostEntries else { return nil }
        // Quick rejection before any allocation: too few document words share a word or a
        // key with the excerpt, or too few of the excerpt's words have such a document word.
        let docWords = doc.alignedWordIDs
        // Each document word is a candidate through its match key or its look-alike key (the
        // skeleton of its L2 spelling: `0UTER` for `OUTER`), as in the index.
        let docKeys = keyMasks.isEmpty ? [] : WordTable.shared.keyIDs(of: docWords)
        let docLookAlikes = keyMasks.isEmpty ? [] : doc.lookAlikeKeyIDs()
        /// Where in `keyMasks` the excerpt words are that document word `index` may be a
        /// look-alike or diacritic variant of: through its match key, its look-alike key.
        func keyed(_ index: Int) -> (Int?, Int?) {
            let lookAlike = docLookAlikes[index] == docKeys[index] ? nil : keyMasks.find(docLookAlikes[index])
            return (keyMasks.find(docKeys[index]), lookAlike)
        }
        func bits(_ offsets: (Int?, Int?), chunk c: Int) -> UInt64 {
            (offsets.0.map { keyMasks.masks[$0 + c] } ?? 0) | (offsets.1.map { keyMasks.masks[$0 + c] } ?? 0)
        }
        let maskChunks = foldMasks.chunks
        var union = [UInt64](repeating: 0, count: maskChunks)
        var quickHits = 0
        for (index, word) in docWords.enumerated() {
            var hit = false
            if let f = foldMasks.find(word) {
                hit = true
                for c in 0..<maskChunks { union[c] |= foldMasks.masks[f + c] }
            }
            if !docKeys.isEmpty, case let offsets = keyed(index), offsets.0 != nil || offsets.1 != nil {
                hit = true
                for c in 0..<maskChunks { union[c] |= bits(offsets, chunk: c) }
            }
            // A join is counted with its first half (they cannot both be aligned).
            if hit && (index < n || foldMasks.find(doc.tokens[Int(doc.joins[index - n].first)].word) == nil) { quickHits += 1 }
        }
        guard quickHits >= need, union.reduce(0, { $0 + $1.nonzeroBitCount }) >= need else { return nil }
        var costs = Alignment.Costs(tokens: n, words: m)
        let chunks = costs.chunks

        func fill(_ index: Int, word: Int32, l2: () -> String, zero: inout [UInt64], capped: inout [UInt64], at t: Int) {
            let base = t * chunks
            if let f = foldMasks.find(word) {
                for c in 0..<chunks { zero[base + c] = foldMasks.masks[f + c] }
            }
            guard !docKeys.isEmpty, case let offsets = keyed(index), offsets.0 != nil || offsets.1 != nil else { return }
            for c in 0..<chunks {
                var candidates = bits(offsets, chunk: c) & ~zero[base + c]
                while candidates != 0 {
                    let b = candidates.trailingZeroBitCount
                    candidates &= candidates - 1
                    if equivalence(c * 64 + b, docFold: WordTable.shared.word(word), docL2: l2()) != nil {
                        zero[base + c] |= 1 << UInt64(b)
                        capped[base + c] |= 1 << UInt64(b)
                    }
                }
            }
        }
        var hits = 0
        for t in 0..<n {
            let token = doc.tokens[t]
            fill(t, word: token.word, l2: { Differences.text(doc.l2[Int(token.l2Start)..<Int(token.l2End)]) },
                 zero: &costs.zero, capped: &costs.capped, at: t)
            let j = doc.joinAt[t]
            if j >= 0 {
                let second = doc.tokens[t + 1]
                fill(n + Int(j), word: doc.joins[Int(j)].word,
                     l2: { Differences.text(doc.l2[Int(token.l2Start)..<Int(token.l2End)]) + Differences.text(doc.l2[Int(second.l2Start)..<Int(second.l2End)]) },
                     zero: &costs.joinZero, capped: &costs.joinCapped, at: t)
            }
            if costs.hit(t) { hits += 1 }
        }
        // Each word aligned at no cost needs a distinct document word.
        guard hits >= need else { return nil }

        // How many excerpt words have a matching document word in a sliding stretch.
        var counts = [Int32](repeating: 0, count: m)
        var covered = 0
        func slide(_ t: Int, _ delta: Int32) {
            for c in 0..<chunks {
                var bits = costs.zero[t * chunks + c] | costs.joinZero[t * chunks + c]
                while bits != 0 {
                    let i = c * 64 + bits.trailingZeroBitCount
                    bits &= bits - 1
                    if delta > 0 {
                        if counts[i] == 0 { covered += 1 }
                        counts[i] += 1
                    } else {
                        counts[i] -= 1
                        if counts[i] == 0 { covered -= 1 }
                    }
                }
            }
        }
        for t in 0..<n { slide(t, 1) }
        guard covered >= need else { return nil }

        var windows: [(Int, Int)] = []
        if partEnds.isEmpty {
            // One part: a fitting stretch is at most m + e document words long (twice the words
            // when some are joined) and has a match for at least m − e of the excerpt's words.
            for t in 0..<n { slide(t, -1) }
            let span = m + maxEdits + (doc.joins.isEmpty ? 0 : m)
            let margin = maxEdits + 2
            for t in 0..<n {
                slide(t, 1)
                if t >= span { slide(t - span, -1) }
                guard covered >= need else { continue }
                let lo = max(0, t - span + 1 - margin), hi = min(n, t + 1 + margin)
                if let last = windows.last, lo <= last.1 {
                    windows[windows.count - 1].1 = hi
                } else {
                    windows.append((lo, hi))
                }
            }
        } else {
            windows = [(0, n)]
        }
        func bestAlignment(anchorStart: Bool, anchorEnd: Bool) -> (result: Alignment.Result, count: Int)? {
            var best: Alignment.Result?
            var count = 0
            for (lo, hi) in windows {
                guard let r = Alignment.align(m: m, partEnds: partEnds, gapMax: gapMax, excerptJoins: wordJoins, doc: doc, costs: costs,
                                              lo: lo, hi: hi, maxEdits: maxEdits, anchorStart: anchorStart, anchorEnd: anchorEnd) else { continue }
                count += r.count
                if best == nil || (r.edits, r.tokStart) < (best!.edits, best!.tokStart) { best = r }
            }
            return best.map { ($0, count) }
        }
        guard var (best, count) = bestAlignment(anchorStart: false, anchorEnd: false) else { return nil }
        // An edge word changed or added while the document holds it a few words on (past a page
        // footer, say): pair it with that word, naming the words between as dropped, when that
        // still fits. The cheapest alignment would report a change the document does not show.
        let unmatched: (Alignment.Op?) -> Bool = { $0?.kind == .substitution || $0?.kind == .insertion }
        let anchorStart = unmatched(best.ops.first), anchorEnd = unmatched(best.ops.last)
        if anchorStart || anchorEnd,
           let anchored = bestAlignment(anchorStart: anchorStart, anchorEnd: anchorEnd)
            ?? (anchorStart && anchorEnd ? bestAlignment(anchorStart: true, anchorEnd: false) ?? bestAlignment(anchorStart: false, anchorEnd: true) : nil)
        {
            best = anchored.result
            count = max(count, anchored.count)
        }
        let start = Int(doc.tokens[best.tokStart].l1Start)
        let end = Int(doc.tokens[best.tokEnd - 1].l1End)
        return SegmentResult(verdict: .approximate, score: 1 - Double(best.edits) / Double(m), start: start, end: end,
                             count: count, differences: approximateDifferences(best, doc))
    }

    private func approximateDifferences(_ r: Alignment.Result, _ doc: TextLayers) -> [Difference] {
        func docText(_ tokens: Range<Int>) -> String {
            guard !tokens.isEmpty else { return "" }
            return doc.substring(Int(doc.tokens[tokens.lowerBound].l1Start), Int(doc.tokens[tokens.upperBound - 1].l1End))
        }
        func docL2(_ tokens: Range<Int>) -> String {
            tokens.map { t in Differences.text(doc.l2[Int(doc.tokens[t].l2Start)..<Int(doc.tokens[t].l2End)]) }.joined()
        }
        var out: [Difference] = []
        for m in text.leading { out.append(Self.markDifference([m], document: "")) }
        for op in r.ops {
            switch op.kind {
            case .match:
                if op.pair {
                    out.append(Difference(kind: .hyphenation, excerpt: wordSpan(op.word, op.word + 1), document: docText(op.tokens)))
                } else if op.tokens.count == 2 {
                    out.append(Difference(kind: .hyphenation, excerpt: wordText[op.word], document: docText(op.tokens)))
                } else if wordL2[op.word] != docL2(op.tokens) {
                    out.append(Difference(kind: .case, excerpt: wordText[op.word], document: docText(op.tokens)))
                }
            case .capped:
                let fold = WordTable.shared.word(op.tokens.count == 2 ? doc.joins[Int(doc.joinAt[op.tokens.lowerBound])].word : doc.tokens[op.tokens.lowerBound].word)
                for kind in equivalence(op.word, docFold: fold, docL2: docL2(op.tokens)) ?? [.confusable] {
                    out.append(Difference(kind: kind, excerpt: wordText[op.word], document: docText(op.tokens)))
                }
            case .substitution:
                out.append(Difference(kind: .substitution, excerpt: wordText[op.word], document: docText(op.tokens)))
            case .insertion:
                out.append(Difference(kind: .insertion, excerpt: wordText[op.word], document: ""))
            case .deletion:
                out.append(Difference(kind: .deletion, excerpt: "", document: docText(op.tokens)))
            case .gap:
                out.append(Self.markDifference(text.gaps[op.gap].marks, document: docText(op.tokens)))
            }
        }
        for m in text.trailing { out.append(Self.markDifference([m], document: "")) }
        return out
    }
}
