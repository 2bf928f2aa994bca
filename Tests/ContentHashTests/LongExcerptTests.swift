import ContentHash
import Testing

/// Excerpts up to the limit (``ExcerptVerifier/maxExcerptBytes``) are graded without
/// exhausting the stack: the word search and the chain of parts used to recurse once per word
/// and once per part, and a quote of ten thousand words crashed the process (stack overflow).
@Suite struct LongExcerptTests {
    /// A fictional text of `count` short words, deterministic.
    static func words(_ count: Int) -> [String] {
        let vocabulary = ["tide", "quay", "pilot", "board", "fee", "crown", "ledger", "spring", "vessel", "storm",
                          "harbour", "minute", "north", "south", "berth", "rope", "lamp", "chart", "gull", "dock"]
        var state: UInt64 = 42
        return (0..<count).map { _ in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return vocabulary[Int(state >> 33) % vocabulary.count]
        }
    }

    static let text = words(14_000)
    static let document = PreparedText(SearchableText(id: "long-minutes", seq: 1, text: text.joined(separator: " ")))

    @Test func aQuoteOfTenThousandWordsIsFoundVerbatim() throws {
        let excerpt = Self.text[2_000..<11_500].joined(separator: " ")
        try #require(excerpt.utf8.count <= ExcerptVerifier.maxExcerptBytes)
        let result = ExcerptVerifier().verify(excerpt, in: [Self.document])
        #expect(result.verdict == .exact)
        #expect(result.matches.first?.text == excerpt)
    }

    @Test func aQuoteOfManyElidedPartsIsChainedInOrder() throws {
        // 100 parts of three words each (the most graded edited), two words left out between.
        let parts = stride(from: 0, to: 500, by: 5).map { Self.text[$0..<($0 + 3)].joined(separator: " ") }
        let result = ExcerptVerifier().verify(parts.joined(separator: " … "), in: [Self.document])
        #expect(result.verdict == .edited)
        #expect(result.matches.first?.differences.filter { $0.kind == .elision }.count == parts.count - 1)
    }

    @Test func thousandsOfPartsAreNotGradedEditedAndDoNotTakeMinutes() throws {
        // 2,500 parts: each would be sought through the whole text; now refused that grade.
        let parts = stride(from: 0, to: 12_500, by: 5).map { Self.text[$0..<($0 + 3)].joined(separator: " ") }
        let excerpt = parts.joined(separator: " … ")
        try #require(excerpt.utf8.count <= ExcerptVerifier.maxExcerptBytes)
        let clock = ContinuousClock()
        let elapsed = clock.measure { #expect(ExcerptVerifier().verify(excerpt, in: [Self.document]).verdict != .edited) }
        #expect(elapsed < .seconds(20), "\(elapsed)")
    }

    @Test func anExcerptPastTheLimitIsNotGraded() {
        let excerpt = Self.text.joined(separator: " ")
        #expect(excerpt.utf8.count > ExcerptVerifier.maxExcerptBytes)
        #expect(ExcerptVerifier().verify(excerpt, in: [Self.document]).verdict == .notFound)
    }
}
