import Testing
@testable import Commitments
import LeakLedger

/// From a verify match (L1 offsets, one range per part) to the L2 words a proof reveals.
@Suite struct QuoteStretchTests {
    static let prover = QuoteProver(l1Text: Fixtures.memo, secret: Fixtures.secret)

    func match(_ quote: String) throws -> ExcerptMatch {
        let verification = ExcerptVerifier().verify(quote, in: [SearchableText(id: "memo", seq: 1, text: Fixtures.memo)])
        return try #require(verification.matches.first, "\(quote) not found")
    }

    func revealed(_ quote: String) throws -> [String] {
        let ranges = try Self.prover.wordRanges(covering: try match(quote).parts)
        return ranges.map { r in r.map { Self.prover.words[$0].text }.joined(separator: " ") }
    }

    @Test func exactMatch() throws {
        let m = try match("will not re-open the northern basin")
        #expect(m.verdict == .exact)
        #expect(try revealed("will not re-open the northern basin") == ["will not re-open the northern basin"])
    }

    /// A normalized match across curly quotes reveals the L2 words, quote marks included.
    @Test func normalizedMatch() throws {
        let quote = "The Commission \"reaffirms its commitment to the open quay policy\""
        #expect(try match(quote).verdict == .normalized)
        #expect(try revealed(quote) == ["The Commission \"reaffirms its commitment to the open quay policy\""])
    }

    /// A stretch that ends inside an L2 word (`wardens` in `wardens'`) reveals the whole word.
    @Test func endsInsideAWord() throws {
        #expect(try match("The wardens").verdict == .exact)
        #expect(try revealed("The wardens") == ["The wardens'"])
    }

    /// A word broken at a line end (`trans-⏎parency`) is two L2 words; both are revealed.
    @Test func hyphenatedAtLineEnd() throws {
        let quote = "the transparency register must list every contract"
        #expect(try match(quote).verdict == .tokens)
        #expect(try revealed(quote) == ["the trans- parency register must list every contract"])
    }

    /// An edited quote reveals each part's stretch, and nothing between the parts.
    @Test func editedQuoteHasOneRangePerPart() throws {
        let quote = "The Commission “reaffirms its commitment” … and will not re-open the northern basin … [until] the inspection of the seawall"
        let m = try match(quote)
        #expect(m.verdict == .edited)
        #expect(m.parts.count == 3)
        let ranges = try Self.prover.wordRanges(covering: m.parts)
        #expect(ranges.count == 3)
        #expect(try revealed(quote) == [
            "The Commission \"reaffirms its commitment",
            "and will not re-open the northern basin",
            "the inspection of the seawall",
        ])
        // Between two ranges at least one word stays hidden.
        for k in 0..<(ranges.count - 1) { #expect(ranges[k].upperBound < ranges[k + 1].lowerBound) }
    }

    /// Parts whose words touch are merged into one range (a proof keeps a word between ranges).
    @Test func touchingPartsMerge() throws {
        let words = Self.prover.words
        let a = words[3].l1Range, b = words[4].l1Range, c = words[8].l1Range
        #expect(try Self.prover.wordRanges(covering: [a, b, c]) == [3..<5, 8..<9])
        #expect(try Self.prover.wordRanges(covering: [c, a]) == [3..<4, 8..<9])
        #expect(try Self.prover.wordRanges(covering: [a.lowerBound..<c.upperBound]) == [3..<9])
    }

    /// A stretch of white space alone holds no word.
    @Test func noWordInStretch() throws {
        let words = Self.prover.words
        let gap = words[0].l1Range.upperBound..<words[1].l1Range.lowerBound
        #expect(throws: CommitmentError.self) { try Self.prover.wordRanges(covering: [gap]) }
    }

    /// An approximate match reveals its one aligned stretch.
    @Test func approximateMatch() throws {
        let quote = "The Second Warden will report to the full Board on 3 March"
        let m = try match(quote)
        #expect(m.verdict == .approximate)
        #expect(try revealed(quote) == ["The Second Warden will report to the Board on 3 March."])
    }
}
