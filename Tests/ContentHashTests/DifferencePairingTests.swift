import ContentHash
import Testing

/// Differences name what the document really holds where the excerpt differs, and nothing
/// outside the match.
@Suite struct DifferencePairingTests {
    static let minutes = PreparedText(SearchableText(id: "minutes", seq: 7, text: """
        The fictional harbour board met on Tuesday and agreed that every vessel calling

        page 3

        at the northern quay will pay a berthing fee of 50

        page 4

        crowns a night from the first of May, and that the fee will be reviewed each spring.
        Boards that adopt the charter of the Fictional Harbour Guild protect their members in two steps.
        """))

    func match(_ excerpt: String) throws -> ExcerptMatch {
        try #require(ExcerptVerifier().verify(excerpt, in: [Self.minutes]).matches.first, "\(excerpt) not found")
    }

    @Test func anEdgeWordIsPairedWithTheSameWordPastAPageFooter() throws {
        // Before: "changed 3 → calling" (the cheapest alignment took the page number for the
        // quote's first word, though the document says "calling" two words earlier).
        let start = try match("calling at the northern quay will pay a berthing fee of 50 crowns a night from the first of May, and that")
        #expect(start.verdict == .approximate)
        #expect(start.text.hasPrefix("calling"), "\(start.text)")
        #expect(start.differences.map(\.kind) == [.deletion, .deletion, .deletion, .deletion], "\(start.differences)")
        #expect(start.differences.map(\.document) == ["page", "3", "page", "4"])
        #expect(start.score == 1 - 4.0 / 22)
        // The same at the end: before, "changed page → crowns".
        let end = try match("at the northern quay will pay a berthing fee of 50 crowns")
        #expect(end.text.hasSuffix("crowns"), "\(end.text)")
        #expect(end.differences.map(\.document) == ["page", "4"], "\(end.differences)")
        #expect(end.differences.allSatisfy { $0.kind == .deletion && $0.excerpt.isEmpty })
    }

    @Test(arguments: ["[Boards] protect their members in two steps",
                      "Boards that adopt the charter of the Fictional Harbour Guild protect [them]",
                      "… protect their members in two steps",
                      "calling at the northern quay will pay a berthing fee of 50 crowns a night",
                      "the fee will be reviewed [every] spring. Boards that adopt the charter"])
    func everyDifferenceLiesInsideTheMatch(_ excerpt: String) throws {
        let found = try match(excerpt)
        for difference in found.differences where !difference.document.isEmpty {
            #expect(found.text.contains(difference.document), "\(difference) lies outside \(found.text)")
        }
        // An edge bracket stands for words the match does not hold ("GPL" was named before).
        if excerpt.hasPrefix("[Boards]") {
            #expect(found.differences.first == Difference(kind: .editorial, excerpt: "[Boards]", document: ""))
        }
    }
}
