/// The `edited` grade: every part between marks occurs, in order, without overlap, in one
/// segment, at `tokens` or better (`normalized` or better for parts of fewer than 3 words),
/// with no more document words between two parts than their marks allow.
extension Query {
    /// The most parts an excerpt is graded `edited` with: each part is looked for through the
    /// whole text, so a quote cut into thousands of pieces would take minutes. Real quotes have
    /// a few marks; more is graded as if unmarked (never a stronger grade).
    static let maxEditedParts = 100

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
        guard !parts.isEmpty, parts.count <= Self.maxEditedParts else { return nil }
        let occ = parts.map { places(of: $0, in: doc) }
        if occ.contains(where: \.isEmpty) { return nil }
        var dead = Set<Int>()  // (part << 32 | place) known to lead nowhere

        func fits(_ k: Int, _ a: Place, _ b: Place) -> Bool {
            guard b.l1Start >= a.l1End, b.tokStart >= a.tokEnd else { return false }
            if let limit = text.gaps[k].maxWords, b.tokStart - a.tokEnd > limit { return false }
            return true
        }
        /// The first chain of places, one per part, that starts at place `start` of the first
        /// part: a depth-first search on an explicit stack (an excerpt may have thousands of
        /// parts, too deep for recursion), remembering the places that lead nowhere.
        func extend(_ start: Int) -> [Int]? {
            if dead.contains(start) { return nil }
            var chain = [start]  // chain[k]: the place of part k
            var next = [0]       // next[k]: the next place of part k + 1 to try after chain[k]
            while let k = chain.indices.last {
                if k == parts.count - 1 { return chain }
                let a = occ[k][chain[k]]
                var found: Int?
                while found == nil && next[k] < occ[k + 1].count {
                    let j = next[k]
                    next[k] += 1
                    if fits(k, a, occ[k + 1][j]) && !dead.contains((k + 1) << 32 | j) { found = j }
                }
                if let found {
                    chain.append(found)
                    next.append(0)
                } else {
                    dead.insert(k << 32 | chain[k])
                    chain.removeLast()
                    next.removeLast()
                }
            }
            return nil
        }
        var chains: [[Int]] = []
        for i in occ[0].indices {
            if let c = extend(i) { chains.append(c) }
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
        for m in text.leading { out.append(Self.markDifference([m], document: "")) }
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
        for m in text.trailing { out.append(Self.markDifference([m], document: "")) }
        return out
    }

    /// One difference for the marks of one gap: `elision` if any of them elides, else `editorial`.
    static func markDifference(_ marks: [ExcerptText.Mark], document: String) -> Difference {
        let elides = marks.contains { $0.kind == .elision }
        return Difference(kind: elides ? .elision : .editorial, excerpt: marks.map(\.text).joined(separator: " "), document: document)
    }
}
