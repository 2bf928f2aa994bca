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

/// The words of a text's L2 form, stored compactly: their UTF-8 back to back, where each ends,
/// and their L1 ranges. A text of a million words is a few arrays, not a million strings.
public struct NormalizedWords: RandomAccessCollection, Sendable {
    /// Every word's UTF-8, in order, with nothing between.
    public let utf8: [UInt8]
    /// Where each word's UTF-8 ends in ``utf8`` (exclusive); word k starts where k − 1 ends.
    public let ends: [UInt64]
    private let l1Starts: [Int32]
    private let l1Ends: [Int32]

    init(utf8: [UInt8], ends: [UInt64], l1Starts: [Int32], l1Ends: [Int32]) {
        self.utf8 = utf8
        self.ends = ends
        self.l1Starts = l1Starts
        self.l1Ends = l1Ends
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { ends.count }

    /// Word `index`, its text made on demand.
    public subscript(index: Int) -> NormalizedWord {
        NormalizedWord(text: text(index), l1Range: l1Range(index))
    }

    /// The text of word `index`.
    public func text(_ index: Int) -> String {
        let start = index == 0 ? 0 : Int(ends[index - 1])
        return String(decoding: utf8[start..<Int(ends[index])], as: UTF8.self)
    }

    /// The L1 range of word `index`.
    public func l1Range(_ index: Int) -> Range<Int> {
        Int(l1Starts[index])..<Int(l1Ends[index])
    }
}

extension TextLayers {
    /// The words of the L2 text, in order: ``normalizedText`` split on U+0020, empty pieces
    /// dropped, each with its L1 range.
    public var normalizedWords: NormalizedWords {
        var utf8: [UInt8] = []
        var ends: [UInt64] = []
        var starts: [Int32] = []
        var l1Ends: [Int32] = []
        utf8.reserveCapacity(l2.count)
        var k = 0
        let n = l2.count
        while k < n {
            if l2[k] == " " { k += 1; continue }
            starts.append(l2Start[k])
            while k < n && l2[k] != " " {
                let scalar = l2[k]
                if scalar.value < 0x80 {
                    utf8.append(UInt8(scalar.value))
                } else {
                    UTF8.encode(scalar) { utf8.append($0) }
                }
                k += 1
            }
            ends.append(UInt64(utf8.count))
            l1Ends.append(l2EndAt(k - 1))
        }
        return NormalizedWords(utf8: utf8, ends: ends, l1Starts: starts, l1Ends: l1Ends)
    }
}
