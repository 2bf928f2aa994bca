/// One place where a text (the whole excerpt or one part) occurs in a document.
struct Place {
    var l1Start: Int
    var l1End: Int
    var tokStart: Int
    var tokEnd: Int
    var grade: Verdict
    /// For `normalized`: where the match starts at L2.
    var l2Start: Int = -1
    /// For `tokens`: the document tokens each excerpt word matched (one, or two joined).
    var steps: [Range<Int>] = []
}

/// The three contiguous grades: `exact` (L1), `normalized` (L2), `tokens` (L3). Every place
/// starts and ends at word boundaries: never inside a run of letters, marks and numbers,
/// judged both on the layer searched and on the L3 words mapped back to L1.
extension TextLayers {
    /// First token whose L1 start is at or after `offset`.
    func tokenIndex(atOrAfter offset: Int) -> Int {
        var lo = 0, hi = tokens.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if Int(tokens[mid].l1Start) < offset { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    private func l1Boundary(_ p: Int) -> Bool {
        if isInsideWord(p) { return false }
        if p == 0 || p == l1.count { return true }
        return ScalarClass.isBoundary(l1[p - 1], l1[p])
    }

    private func l2Boundary(_ p: Int) -> Bool {
        if p == 0 || p == l2.count { return true }
        return ScalarClass.isBoundary(l2[p - 1], l2[p])
    }

    /// Places where `needle` occurs in L1 as is (`anyCase[k]`: that scalar in either case).
    func exactPlaces(_ needle: [Unicode.Scalar], anyCase: [Bool]? = nil) -> [Place] {
        let m = needle.count
        guard m > 0, m <= l1.count else { return [] }
        var out: [Place] = []
        let first = needle[0]
        let firstAny = anyCase?[0] ?? false
        for p in 0...(l1.count - m) {
            let s = l1[p]
            guard s == first || (firstAny && ScalarClass.equalIgnoringCase(s, first)) else { continue }
            var k = 1
            if let anyCase {
                while k < m && (l1[p + k] == needle[k] || (anyCase[k] && ScalarClass.equalIgnoringCase(l1[p + k], needle[k]))) { k += 1 }
            } else {
                while k < m && l1[p + k] == needle[k] { k += 1 }
            }
            guard k == m, l1Boundary(p), l1Boundary(p + m) else { continue }
            out.append(Place(l1Start: p, l1End: p + m, tokStart: tokenIndex(atOrAfter: p), tokEnd: tokenIndex(atOrAfter: p + m), grade: .exact))
        }
        return out
    }

    /// Places where the L2 scalars `needle` occur in L2.
    func normalizedPlaces(_ needle: [Unicode.Scalar], anyCase: [Bool]? = nil) -> [Place] {
        let m = needle.count
        guard m > 0, m <= l2.count else { return [] }
        var out: [Place] = []
        let first = needle[0]
        let firstAny = anyCase?[0] ?? false
        for p in 0...(l2.count - m) {
            let s = l2[p]
            guard s == first || (firstAny && ScalarClass.equalIgnoringCase(s, first)) else { continue }
            var k = 1
            if let anyCase {
                while k < m && (l2[p + k] == needle[k] || (anyCase[k] && ScalarClass.equalIgnoringCase(l2[p + k], needle[k]))) { k += 1 }
            } else {
                while k < m && l2[p + k] == needle[k] { k += 1 }
            }
            guard k == m, l2Boundary(p), l2Boundary(p + m) else { continue }
            let a = Int(l2Start[p]), b = Int(l2EndAt(p + m - 1))
            guard !isInsideWord(a), !isInsideWord(b) else { continue }
            out.append(Place(l1Start: a, l1End: b, tokStart: tokenIndex(atOrAfter: a), tokEnd: tokenIndex(atOrAfter: b), grade: .normalized, l2Start: p))
        }
        return out
    }

    /// Places where the word ids `words` occur as a contiguous run of L3 words, a word broken
    /// at a line end counting either as its two halves or as the joined word, in the document
    /// and in the excerpt (`joined[i]`: the excerpt's words `i` and `i + 1` joined). An excerpt
    /// word pair matched by one joined document word gets the same step twice.
    func tokenPlaces(_ words: [Int32], joined: [Int32?] = []) -> [Place] {
        guard let first = words.first else { return [] }
        if joined.isEmpty && words.contains(where: { $0 < 0 }) { return [] }
        var out: [Place] = []
        var steps: [Range<Int>] = []
        func exJoin(_ i: Int) -> Int32? { i < joined.count ? joined[i] : nil }
        /// Whether the words match from token `start` on, each word's tokens recorded in `steps`:
        /// a depth-first search over the readings of line-end breaks, on an explicit stack (an
        /// excerpt of ten thousand words would overflow the thread's stack by recursion).
        func match(from start: Int) -> Bool {
            // A frame: excerpt word `i` at token `t`, its next reading to try (0 the token, 1 the
            // document's joined word, 2 the excerpt's joined pair, 3 none left), and how many
            // steps its parent added to reach it.
            var stack: [(i: Int, t: Int, next: UInt8, undo: Int)] = [(0, start, 0, 0)]
            while let top = stack.indices.last {
                let i = stack[top].i, t = stack[top].t
                if i == words.count { return true }
                if t >= tokens.count { stack[top].next = 3 }
                var child: (i: Int, t: Int, next: UInt8, undo: Int)?
                while child == nil && stack[top].next < 3 {
                    let reading = stack[top].next
                    stack[top].next += 1
                    switch reading {
                    case 0 where tokens[t].word == words[i]:
                        steps.append(t..<(t + 1))
                        child = (i + 1, t + 1, 0, 1)
                    case 1 where joinAt[t] >= 0 && joins[Int(joinAt[t])].word == words[i]:
                        steps.append(t..<(t + 2))
                        child = (i + 1, t + 2, 0, 1)
                    case 2 where (exJoin(i).map { $0 >= 0 && tokens[t].word == $0 } ?? false):
                        steps.append(t..<(t + 1))
                        steps.append(t..<(t + 1))
                        child = (i + 2, t + 1, 0, 2)
                    default:
                        break
                    }
                }
                if let child {
                    stack.append(child)
                } else {
                    steps.removeLast(stack[top].undo)
                    stack.removeLast()
                }
            }
            return false
        }
        let firstJoined = exJoin(0) ?? -1
        for t in 0..<tokens.count {
            let j = joinAt[t]
            let w = tokens[t].word
            guard w == first || (j >= 0 && joins[Int(j)].word == first) || (firstJoined >= 0 && w == firstJoined) else { continue }
            steps.removeAll(keepingCapacity: true)
            if match(from: t) {
                let end = steps.last!.upperBound
                out.append(Place(l1Start: Int(tokens[t].l1Start), l1End: Int(tokens[end - 1].l1End), tokStart: t, tokEnd: end, grade: .tokens, steps: steps))
            }
        }
        return out
    }
}

/// How many of `places` (sorted by start) can stand side by side without overlapping.
func countSeparate(_ places: [Place]) -> Int {
    var count = 0
    var end = Int.min
    for p in places.sorted(by: { ($0.l1End, $0.l1Start) < ($1.l1End, $1.l1Start) }) where p.l1Start >= end {
        count += 1
        end = p.l1End
    }
    return count
}
