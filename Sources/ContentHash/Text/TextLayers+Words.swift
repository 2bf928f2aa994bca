/// One word of a text's L2 form: a piece of the L2 text between U+0020 spaces (so it keeps
/// its punctuation: `policy.`, `"reaffirm`), and the L1 range it comes from.
///
/// These are the words a quote commitment covers (quote-proof.md, section 1), as opposed to
/// the L3 words that matching aligns.
public struct NormalizedWord: Sendable, Hashable {
    /// The word as it stands in L2.
    public var text: String
    /// The L1 scalar range (end exclusive) of its first to its last L2 scalar.
    public var l1Range: Range<Int>

    /// A word.
    public init(text: String, l1Range: Range<Int>) {
        self.text = text
        self.l1Range = l1Range
    }
}

extension TextLayers {
    /// The words of the L2 text, in order: ``normalizedText`` split on U+0020, empty pieces
    /// dropped, each with its L1 range.
    public var normalizedWords: [NormalizedWord] {
        var out: [NormalizedWord] = []
        var k = 0
        let n = l2.count
        var view = String.UnicodeScalarView()
        while k < n {
            if l2[k] == " " { k += 1; continue }
            var e = k
            view.removeAll(keepingCapacity: true)
            while e < n && l2[e] != " " {
                view.append(l2[e])
                e += 1
            }
            out.append(NormalizedWord(text: String(view), l1Range: Int(l2Start[k])..<Int(l2EndAt(e - 1))))
            k = e
        }
        return out
    }
}
