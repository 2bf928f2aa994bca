/// The `edited` grade: every part between marks occurs, in order, without overlap, in one
/// segment, at `tokens` or better (`normalized` or better for parts of fewer than 3 words),
/// with no more document words between two parts than their marks allow.
extension Query {
    /// Places of one part, best grade per place.
    func places(of part: ExcerptText.Part, in doc: TextLayers) -> [Place] {
        let l = part.layers
        let anyCase = part.anyCase.contains(true) ? part.anyCase : nil
        var l2AnyCase: [Bool]?
        if let anyCase {
            l2AnyCase = (0..<l.l2.count).map { k in anyCase[Int(l.l2Start[k])..<Int(l.l2EndAt(k))].contains(true) }
        }
        var byStart: [Int: Place] = [:]
        func add(_ p: Place) {
            if let old = byStart[p.tokStart], old.grade <= p.grade { return }
            byStart[p.tokStart] = p
        }
        doc.exactPlaces(Array(l.l1), anyCase: anyCase).forEach(add)
        doc.normalizedPlaces(Array(l.l2), anyCase: l2AnyCase).forEach(add)
        if part.wordCount >= 3 { doc.tokenPlaces(l.tokens.map(\.word), joined: l.joinedWords).forEach(add) }
        return byStart.values.sorted { $0.l1Start < $1.l1Start }
    }

    func gradeEdited(_ doc: TextLayers) -> SegmentResult? {
        let parts = text.parts
        guard !parts.isEmpty else { return nil }
        let occ = parts.map { places(of: $0, in: doc) }
        if occ.contains(where: \.isEmpty) { return nil }
        var dead = Set<Int>()  // (part << 32 | place) known to lead nowhere

        func fits(_ k: Int, _ a: Place, _ b: Place) -> Bool {
            guard b.l1Start >= a.l1End, b.tokStart >= a.tokEnd else { return false }
            if let limit = text.gaps[k].maxWords, b.tokStart - a.tokEnd > limit { return false }
            return true
        }
        func extend(_ k: Int, _ i: Int) -> [Int]? {
            if k == parts.count - 1 { return [i] }
            if dead.contains(k << 32 | i) { return nil }
            let a = occ[k][i]
            for (j, b) in occ[k + 1].enumerated() where fits(k, a, b) {
                if let rest = extend(k + 1, j) { return [i] + rest }
            }
            dead.insert(k << 32 | i)
            return nil
        }
        var chains: [[Int]] = []
        for i in occ[0].indices {
            if let c = extend(0, i) { chains.append(c) }
        }
        guard let chain = chains.first else { return nil }
        let spans = chains.map { c in
            Place(l1Start: occ[0][c[0]].l1Start, l1End: occ[parts.count - 1][c[parts.count - 1]].l1End, tokStart: 0, tokEnd: 0, grade: .edited)
        }
        let chosen = chain.enumerated().map { occ[$0.offset][$0.element] }
        return SegmentResult(verdict: .edited, score: 1, start: chosen[0].l1Start, end: chosen[chosen.count - 1].l1End,
                             count: countSeparate(spans), differences: editedDifferences(chosen, doc),
                             parts: chosen.map { $0.l1Start..<$0.l1End })
    }

    private func editedDifferences(_ chosen: [Place], _ doc: TextLayers) -> [Difference] {
        var out: [Difference] = []
        for m in text.leading { out.append(Self.markDifference([m], document: Self.wordsBeside(m, doc, before: chosen[0].tokStart))) }
        for (k, place) in chosen.enumerated() {
            let part = text.parts[k]
            // Words holding bracketed letters are named once, as editorial.
            var skip = Set<Int>()
            for b in part.bracketed {
                for (i, t) in part.layers.tokens.enumerated() where Int(t.l1Start) < b.range.upperBound && Int(t.l1End) > b.range.lowerBound {
                    skip.insert(i)
                }
            }
            switch place.grade {
            case .normalized:
                out += Differences.normalized(part.layers, anyCase: part.anyCase, doc: doc, docL2: place.l2Start)
            case .tokens:
                out += Differences.tokens(part.layers, skipWords: skip, doc: doc, steps: place.steps)
            default:
                break
            }
            for b in part.bracketed {
                let words = part.layers.tokens.enumerated().filter { Int($0.element.l1Start) < b.range.upperBound && Int($0.element.l1End) > b.range.lowerBound }
                var docText = ""
                if let first = words.first?.offset, let last = words.last?.offset {
                    let steps = place.steps.isEmpty ? (place.tokStart..<(place.tokStart + part.wordCount)).map { $0..<($0 + 1) } : place.steps
                    if last < steps.count {
                        docText = doc.substring(Int(doc.tokens[steps[first].lowerBound].l1Start), Int(doc.tokens[steps[last].upperBound - 1].l1End))
                    }
                }
                out.append(Difference(kind: .editorial, excerpt: b.printed, document: docText))
            }
            if k + 1 < chosen.count {
                let between = doc.substring(place.l1End, chosen[k + 1].l1Start).trimmingSpaces
                out.append(Self.markDifference(text.gaps[k].marks, document: between))
            }
        }
        for m in text.trailing { out.append(Self.markDifference([m], document: Self.wordsBeside(m, doc, after: chosen[chosen.count - 1].tokEnd))) }
        return out
    }

    /// What a bracketed insertion at an end of the excerpt likely stands for: as many document
    /// words as it has, next to the match, not across a sentence end. Shown, never checked.
    static func wordsBeside(_ mark: ExcerptText.Mark, _ doc: TextLayers, before: Int? = nil, after: Int? = nil) -> String {
        guard case .insertion(let k) = mark.kind, k > 0 else { return "" }
        func sentenceEnd(_ a: Int, _ b: Int) -> Bool {
            let from = Int(doc.tokens[a].l2End), to = Int(doc.tokens[b].l2Start)
            return from < to && doc.l2[from..<to].contains { $0 == "." || $0 == "!" || $0 == "?" || $0 == ";" || $0 == ":" }
        }
        var range: Range<Int>?
        if let before, before > 0 {
            var lo = before - 1
            while lo > 0 && before - lo < k && !sentenceEnd(lo - 1, lo) { lo -= 1 }
            if before == doc.tokens.count || !sentenceEnd(before - 1, before) { range = lo..<before }
        } else if let after, after < doc.tokens.count, after > 0, !sentenceEnd(after - 1, after) {
            var hi = after + 1
            while hi < doc.tokens.count && hi - after < k && !sentenceEnd(hi - 1, hi) { hi += 1 }
            range = after..<hi
        }
        guard let range else { return "" }
        return doc.substring(Int(doc.tokens[range.lowerBound].l1Start), Int(doc.tokens[range.upperBound - 1].l1End))
    }

    /// One difference for the marks of one gap: `elision` if any of them elides, else `editorial`.
    static func markDifference(_ marks: [ExcerptText.Mark], document: String) -> Difference {
        let elides = marks.contains { $0.kind == .elision }
        return Difference(kind: elides ? .elision : .editorial, excerpt: marks.map(\.text).joined(separator: " "), document: document)
    }
}
