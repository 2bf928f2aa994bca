/// Naming the differences between an excerpt (or a part of it) and a document's stretch.
enum Differences {
    /// Kind of a difference between two L1 pieces that are equal at L2 (`l2` is their L2 form).
    static func kindAtL2<C: Collection<Unicode.Scalar>>(_ l2: C, _ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> DifferenceKind {
        let strippedA = a.filter { !ScalarClass.isFormat($0) }
        let strippedB = b.filter { !ScalarClass.isFormat($0) }
        if strippedA == strippedB {
            return (a + b).contains("\u{AD}") ? .hyphenation : .whitespace
        }
        if l2.allSatisfy({ $0 == " " }) { return .whitespace }
        if (a + b).contains(where: ScalarClass.isQuote) && l2.contains(where: { $0 == "\"" || $0 == "'" }) { return .quoteMark }
        if (a + b).contains(where: ScalarClass.isDash) && l2.contains("-") { return .dash }
        if l2.contains(where: ScalarClass.isWord) { return .substitution }
        return .punctuation
    }

    /// Kind of a difference between the text around the same two words.
    static func kindBetweenWords(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], l2a: [Unicode.Scalar], l2b: [Unicode.Scalar]) -> DifferenceKind {
        if l2a == l2b { return kindAtL2(l2a[...], a, b) }
        let ca = l2a.filter { $0 != " " }, cb = l2b.filter { $0 != " " }
        if ca == cb { return .whitespace }
        if ca.allSatisfy({ $0 == "-" }) && cb.allSatisfy({ $0 == "-" }) { return .dash }
        if ca.allSatisfy({ $0 == "\"" || $0 == "'" }) && cb.allSatisfy({ $0 == "\"" || $0 == "'" }) { return .quoteMark }
        return .punctuation
    }

    static func text<C: Collection<Unicode.Scalar>>(_ s: C) -> String {
        var v = String.UnicodeScalarView(); v.append(contentsOf: s); return String(v)
    }

    /// Differences of a `normalized` place: the excerpt's L2 `0..<count` equals the document's L2
    /// from `docL2`; walk both, piece by piece of L1 that maps to the same L2 scalars.
    static func normalized(_ ex: TextLayers, anyCase: [Bool]?, doc: TextLayers, docL2: Int) -> [Difference] {
        var out: [Difference] = []
        let count = ex.l2.count
        guard count > 0 else { return out }
        var exCur = Int(ex.l2Start[0]), docCur = Int(doc.l2Start[docL2])
        var k = 0
        var lastWasDiff = false
        while k < count {
            var exEnd = Int(ex.l2EndAt(k)), docEnd = Int(doc.l2EndAt(docL2 + k))
            var e = k + 1
            while e < count && (Int(ex.l2Start[e]) < exEnd || Int(doc.l2Start[docL2 + e]) < docEnd) {
                exEnd = max(exEnd, Int(ex.l2EndAt(e))); docEnd = max(docEnd, Int(doc.l2EndAt(docL2 + e)))
                e += 1
            }
            let a = Array(ex.l1[exCur..<exEnd]), b = Array(doc.l1[docCur..<docEnd])
            var differs = a != b
            if differs, let anyCase, a.count == b.count,
               zip(a.indices, zip(a, b)).allSatisfy({ i, p in p.0 == p.1 || (anyCase[exCur + i] && ScalarClass.equalIgnoringCase(p.0, p.1)) }) {
                differs = false  // a bracketed letter in the other case: named as editorial
            }
            if differs {
                let kind = kindAtL2(ex.l2[k..<e], a, b)
                if lastWasDiff, let last = out.last, last.kind == kind {
                    out[out.count - 1].excerpt += text(a[...])
                    out[out.count - 1].document += text(b[...])
                } else {
                    out.append(Difference(kind: kind, excerpt: text(a[...]), document: text(b[...])))
                }
            }
            lastWasDiff = differs
            exCur = exEnd; docCur = docEnd
            k = e
        }
        return out
    }

    /// Differences of a `tokens` place: `steps[i]` are the document tokens of excerpt word `i`.
    static func tokens(_ ex: TextLayers, skipWords: Set<Int>, doc: TextLayers, steps: [Range<Int>]) -> [Difference] {
        var out: [Difference] = []
        var i = 0
        while i < steps.count {
            let step = steps[i]
            let et = ex.tokens[i]
            let first = doc.tokens[step.lowerBound], last = doc.tokens[step.upperBound - 1]
            let b = Array(doc.l1[Int(first.l1Start)..<Int(last.l1End)])
            // The excerpt's own line-end break: two excerpt words on one document word.
            let pair = i + 1 < steps.count && steps[i + 1] == step
            let lastWord = pair ? i + 1 : i
            let lt = ex.tokens[lastWord]
            let a = Array(ex.l1[Int(et.l1Start)..<Int(lt.l1End)])
            if step.count == 2 || pair {
                out.append(Difference(kind: .hyphenation, excerpt: text(a[...]), document: text(b[...])))
            } else if a != b && !skipWords.contains(i) {
                let la = ex.l2[Int(et.l2Start)..<Int(et.l2End)], lb = doc.l2[Int(first.l2Start)..<Int(first.l2End)]
                let kind: DifferenceKind = Array(la) != Array(lb) ? .case : kindAtL2(la, a, b)
                out.append(Difference(kind: kind, excerpt: text(a[...]), document: text(b[...])))
            }
            let next = lastWord + 1
            if next < steps.count {
                let en = ex.tokens[next], dn = doc.tokens[steps[next].lowerBound]
                let ga = Array(ex.l1[Int(lt.l1End)..<Int(en.l1Start)])
                let gb = Array(doc.l1[Int(last.l1End)..<Int(dn.l1Start)])
                if ga != gb && step.count == 1 && steps[next].lowerBound == step.lowerBound + 1 && doc.joinAt[step.lowerBound] >= 0 {
                    // The halves of a word broken at a line end, matched as two words.
                    out.append(Difference(kind: .hyphenation, excerpt: text(ga[...]), document: text(gb[...])))
                } else if ga != gb {
                    let la = Array(ex.l2[Int(lt.l2End)..<Int(en.l2Start)])
                    let lb = Array(doc.l2[Int(last.l2End)..<Int(dn.l2Start)])
                    out.append(Difference(kind: kindBetweenWords(ga, gb, l2a: la, l2b: lb), excerpt: text(ga[...]), document: text(gb[...])))
                }
            }
            i = next
        }
        return out
    }
}
