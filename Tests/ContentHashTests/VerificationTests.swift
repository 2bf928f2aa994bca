import Testing
import ContentHash

/// Each verdict, difference kind, ordering and count rule, on the project's own fictional texts.
@Suite struct VerificationTests {
    static let documents: [PreparedText] = [
        PreparedText(SearchableText(id: "harbour-minutes", seq: 10, text: OwnTexts.harbourMinutes)),
        PreparedText(SearchableText(id: "harbour-press", seq: 11, text: OwnTexts.pressNote)),
        PreparedText(SearchableText(id: "isquena-aviso", seq: 12, text: OwnTexts.avisoEs)),
        PreparedText(SearchableText(id: "pristan-ru", seq: 13, text: OwnTexts.noticeRu)),
    ]

    func verify(_ excerpt: String) -> Verification {
        ExcerptVerifier().verify(excerpt, in: Self.documents)
    }

    func kinds(_ v: Verification) -> [DifferenceKind] {
        v.matches.first?.differences.map(\.kind) ?? []
    }

    // MARK: Trimming

    @Test func trimsQuotesElisionsAndPunctuationAtBothEnds() {
        #expect(verify("“… shows cracks along 40\u{00A0}metres”. .”").excerpt == "shows cracks along 40\u{00A0}metres")
        #expect(verify("[…] eleven vessels called in February (...)").excerpt == "eleven vessels called in February")
        #expect(verify("?! «eleven vessels called» ;:").excerpt == "eleven vessels called")
        #expect(verify("  'eleven vessels called'  ").verdict == .exact)
    }

    // MARK: Verdicts

    @Test func exact() {
        let v = verify("the north quay — built in 1887 — shows cracks")
        #expect(v.verdict == .exact)
        let m = v.matches[0]
        #expect(m.document == "harbour-minutes" && m.seq == 10 && m.score == 1.0 && m.differences.isEmpty)
        #expect(m.text == "the north quay — built in 1887 — shows cracks")
        #expect(m.line == 8)
        #expect(Array(OwnTexts.harbourMinutes.unicodeScalars)[m.start..<m.end].map(String.init).joined() == m.text)
    }

    @Test func normalizedQuoteMarkDashAndWhitespace() {
        let v = verify("commitment the Trust has ever made\" and asked")
        #expect(v.verdict == .normalized)
        #expect(kinds(v) == [.quoteMark])
        #expect(v.matches[0].differences[0].excerpt == "\"" && v.matches[0].differences[0].document == "”")

        let d = verify("the north quay - built in 1887 - shows cracks along 40 metres")
        #expect(d.verdict == .normalized)
        #expect(kinds(d) == [.dash, .dash, .whitespace])

        let w = verify("asked for a careful reading of the tender. Mr Quarrender reported")
        #expect(w.verdict == .normalized)
        #expect(kinds(w) == [.whitespace])
    }

    @Test func tokensForCasePunctuationAndHyphenation() {
        let c = verify("The Dredging Contract")
        #expect(c.verdict == .tokens)
        #expect(kinds(c) == [.case, .case, .case])

        let p = verify("eleven vessels called in February; against fourteen")
        #expect(p.verdict == .tokens)
        #expect(kinds(p) == [.punctuation])

        let joined = verify("asked the treasurer for a transparent account of the reserve fund")
        #expect(joined.verdict == .tokens)
        #expect(joined.matches[0].differences.contains(Difference(kind: .hyphenation, excerpt: "transparent", document: "trans-\nparent")))

        let halves = verify("The board agreed a six-month review")
        #expect(halves.matches.map(\.document) == ["harbour-press", "harbour-minutes"])
        #expect(halves.matches.map(\.verdict) == [.exact, .tokens])
        #expect(halves.verdict == .exact)

        let soft = verify("noted that the accountability of the Trust")
        #expect(soft.verdict == .tokens)
        #expect(kinds(soft) == [.hyphenation])

        let reply = verify("the pilots will not accept night berthing until the lights on the breakwater are replaced")
        #expect(reply.verdict == .tokens)
        #expect(kinds(reply).contains(.hyphenation))
        #expect(kinds(reply).contains(.punctuation))  // the "> " prefix between the lines
    }

    @Test func editedElision() {
        let v = verify("The chair opened the meeting at 9:40 ... asked for a careful reading of the tender")
        #expect(v.verdict == .edited)
        #expect(v.matches[0].score == 1.0)
        let elision = v.matches[0].differences.first { $0.kind == .elision }
        #expect(elision?.excerpt == "...")
        #expect(elision?.document.contains("She said the dredging contract") == true)
    }

    @Test(arguments: ["…", ". . .", "....", "[...]", "[…]", "(…)", "( ... )"])
    func elisionMarks(_ mark: String) {
        let v = verify("Mr Quarrender reported that the north quay \(mark) shows cracks along 40 metres")
        #expect(v.verdict == .edited, "\(mark)")
    }

    @Test func editedBracketedInsertion() {
        let v = verify("[The harbourmaster] reported that the north quay — built in 1887 — shows cracks")
        #expect(v.verdict == .edited)
        let mid = verify("She said [the contract] “is the single largest commitment the Trust has ever made”")
        #expect(mid.verdict == .edited)
        #expect(mid.matches[0].differences.contains(Difference(kind: .editorial, excerpt: "[the contract]", document: "the dredging contract")))
    }

    @Test func bracketStandsForAtMostItsWordsPlusThree() {
        // "[it]" may stand for up to 4 words; here it replaces 6 ("the single largest commitment the Trust").
        let v = verify("She said the dredging contract “is [it] has ever made” and asked for a careful reading")
        #expect(v.verdict == .approximate)
    }

    @Test func editedBracketedLetterAndSic() {
        let letter = verify("[T]he engineers’ view is that repairs can wait until autumn")
        #expect(letter.verdict == .edited)
        #expect(letter.matches[0].differences == [Difference(kind: .editorial, excerpt: "[T]he", document: "The")])

        let sic = verify("eleven vessels called [sic] in February, against fourteen a year ago")
        #expect(sic.verdict == .edited)
        #expect(sic.matches[0].differences.contains(Difference(kind: .editorial, excerpt: "[sic]", document: "")))

        // [sic] stands for nothing: a document word in its place is not elided.
        let wrong = verify("eleven vessels [sic] in February, against fourteen a year ago")
        #expect(wrong.verdict == .approximate)
    }

    @Test func editedPartsMustBeInOrderAndShortPartsExactOrNormalized() {
        let reversed = verify("repairs can wait until autumn ... shows cracks along 40 metres of its face")
        #expect(reversed.verdict != .edited)
        // "Eleven Vessels" (2 words) differs in case: a short part must be exact or normalized.
        let shortPart = verify("Eleven Vessels ... against fourteen a year ago")
        #expect(shortPart.verdict == .approximate)
        #expect(shortPart.matches[0].score == 1.0)
        // The same part as exact is fine.
        #expect(verify("eleven vessels ... against fourteen a year ago").verdict == .edited)
    }

    @Test func approximateSubstitutionInsertionDeletion() {
        let sub = verify("eleven vessels called in March, against fourteen a year ago")
        #expect(sub.verdict == .approximate)
        #expect(sub.matches[0].differences == [Difference(kind: .substitution, excerpt: "March", document: "February")])
        #expect(abs(sub.matches[0].score - (1 - 1.0 / 10)) < 1e-9)

        let ins = verify("eleven large vessels called in February, against fourteen a year ago")
        #expect(ins.verdict == .approximate)
        #expect(kinds(ins) == [.insertion])

        let del = verify("eleven vessels in February, against fourteen a year ago")
        #expect(del.verdict == .approximate)
        #expect(del.matches[0].differences == [Difference(kind: .deletion, excerpt: "", document: "called")])
    }

    @Test func approximateThresholdInIntegers() {
        // 10 words, 2 substitutions: 5 × 2 ≤ 10, similarity exactly 0.8.
        let two = verify("eleven ships called in March, against fourteen a year ago")
        #expect(two.verdict == .approximate)
        #expect(two.matches[0].score == 0.8)
        // 3 substitutions in 10 words: 0.7, not found.
        #expect(verify("eleven ships called in March, against twelve a year ago").verdict == .notFound)
    }

    @Test func confusableAndDiacriticAreNamedAndCapped() {
        let cyr = verify("eleven vessels called in F\u{435}bruary")  // Cyrillic е
        #expect(cyr.verdict == .approximate)
        #expect(cyr.matches[0].score == 1.0)
        #expect(kinds(cyr) == [.confusable])

        let digit = verify("the chair closed the meeting at 11:15".replacingOccurrences(of: "closed", with: "c1osed"))
        #expect(digit.verdict == .approximate)
        #expect(kinds(digit).contains(.confusable))

        let accent = verify("Los socios podran solicitar una revision de su cuota")
        #expect(accent.verdict == .approximate)
        #expect(accent.matches[0].score == 1.0)
        #expect(kinds(accent) == [.diacritic, .diacritic])

        let yo = verify("Взнос за еще один год остается прежним")
        #expect(yo.verdict == .approximate)
        #expect(kinds(yo) == [.diacritic, .diacritic])
    }

    @Test func notFound() {
        #expect(verify("The Trust will sell the north quay to the town in April").verdict == .notFound)
        #expect(verify("hose").verdict == .notFound)
        #expect(verify("“…”").verdict == .notFound)
    }

    // MARK: Word boundaries

    @Test func matchesStartAndEndAtWordBoundaries() {
        #expect(verify("port").verdict == .notFound)           // only inside "Report"
        #expect(verify("arbour Trust").verdict == .notFound)   // inside "Harbour"
        let paren = verify("9–17 h (weekdays")
        #expect(paren.verdict == .exact)
        let closing = verify("2 Ropewalk Street, 9–17 h (weekdays)")
        #expect(closing.verdict == .exact)  // ends at ")" followed by "."
    }

    // MARK: Short excerpts, counts, ordering, segments

    @Test func shortExcerptsOnlyContiguousGradesWithCounts() {
        let board = verify("the board")
        #expect(board.verdict == .exact)
        #expect(board.matches.map(\.document) == ["harbour-minutes", "harbour-press"])
        #expect(board.matches.map(\.verdict) == [.exact, .tokens])
        #expect(board.matches[0].count == 1)  // "of the board"; "The board agreed" is only tokens
        #expect(board.matches[1].count == 1)
        let places = verify("the Trust")
        #expect(places.matches.first { $0.document == "harbour-minutes" }?.count == 2)  // "commitment the Trust", "of the Trust"

        let cased = verify("Dredging Contract")
        #expect(cased.verdict == .tokens)
        #expect(cased.matches.map(\.count) == [1, 1])

        // A short excerpt with one changed word is not approximate: not found.
        #expect(verify("dredging contracts").verdict == .notFound)
        #expect(verify("F\u{435}bruary").verdict == .notFound)
    }

    @Test func bestPlaceIsFirstInTextOnATie() {
        let v = verify("the meeting at")
        #expect(v.matches.count == 1)
        #expect(v.matches[0].count == 2)
        #expect(v.matches[0].line == 6)
    }

    @Test func orderedByGradeThenScoreThenId() {
        // Exact in the press note, tokens in the minutes (line break + hyphen).
        let v = verify("The board agreed a six-month review of berthing fees")
        #expect(v.matches.map(\.document) == ["harbour-press", "harbour-minutes"])
        #expect(v.matches.map(\.verdict) == [.exact, .tokens])

        let docs = [
            PreparedText(SearchableText(id: "b", seq: 1, text: "one two three four five six seven eight nine ten")),
            PreparedText(SearchableText(id: "a", seq: 2, text: "one two three four five six seven eight nine eleven")),
            PreparedText(SearchableText(id: "c", seq: 3, text: "one two three four five six seven eight twelve eleven")),
            PreparedText(SearchableText(id: "d", seq: 4, text: "one two three four five six seven eight nine ten")),
        ]
        let r = ExcerptVerifier().verify("one two three four five six seven eight nine ten", in: docs)
        #expect(r.matches.map(\.document) == ["b", "d", "a", "c"])
        #expect(r.matches.map(\.verdict) == [.exact, .exact, .approximate, .approximate])
        #expect(r.matches[2].score > r.matches[3].score)
    }

    @Test func excerptOnlyDocumentsSearchEachSegment() {
        let doc = SearchableText(id: "leaked-memo", seq: 20, segments: [
            .init(seq: 21, text: "The pilots refused night berthing."),
            .init(seq: 22, text: "The treasurer was asked for an account of the reserve fund."),
        ])
        let v = ExcerptVerifier().verify("asked for an account of the reserve fund", in: [doc])
        #expect(v.verdict == .exact)
        #expect(v.matches[0].seq == 22)
        #expect(v.matches[0].start == 18)
        // A match never crosses segments.
        #expect(ExcerptVerifier().verify("refused night berthing. The treasurer was asked", in: [doc]).verdict == .notFound)
    }
}

@Suite struct ExcerptOnlyDocumentTests {
    @Test func candidateFullTextAgainstRecordedExcerpts() {
        let leaked = SearchableText(id: "trust-memo", seq: 30, segments: [
            .init(seq: 31, text: "“shows cracks along 40 metres of its face”"),
            .init(seq: 32, text: "The engineers’ view is that repairs can wait until summer"),
            .init(seq: 33, text: "The Trust will sell the quay"),
        ])
        let candidate = PreparedText(SearchableText(id: "candidate", seq: 40, text: OwnTexts.harbourMinutes))
        let found = ExcerptVerifier().containedExcerpts(of: leaked, in: candidate)
        #expect(found.map(\.seq) == [31, 32, 33])
        #expect(found.map { $0.match?.verdict } == [.normalized, .approximate, nil])
    }
}

@Suite struct ExcerptHyphenationTests {
    @Test func theExcerptsOwnLineEndBreaksAreJoinedToo() {
        let docs = VerificationTests.documents
        let v = ExcerptVerifier().verify("She said the dredging con-\ntract “is the single largest", in: docs)
        #expect(v.verdict == .tokens)
        #expect(v.matches[0].differences.contains(Difference(kind: .hyphenation, excerpt: "con-\ntract", document: "contract")))
        let q = ExcerptQuery("the dredging con-\ntract")
        #expect(q.alternatives[2].contains(ExcerptQuery.indexTerms(of: TextLayers("contract"))[0]))
    }
}

@Suite struct EditorialEdgeTests {
    @Test func bracketsAtTheEndsNameNoWordsOutsideTheMatch() {
        // What an edge bracket stands for is not in the match, and guessing it named the wrong
        // words ("[Developers] protect…" named "GPL"); the words beside the match are context.
        let docs = VerificationTests.documents
        let trailing = ExcerptVerifier().verify("eleven vessels called in [March]", in: docs)
        #expect(trailing.verdict == .edited)
        #expect(trailing.matches[0].differences == [Difference(kind: .editorial, excerpt: "[March]", document: "")])
        #expect(trailing.matches[0].text == "eleven vessels called in")
        let leading = ExcerptVerifier().verify("[The harbourmaster] reported that the north quay", in: docs)
        #expect(leading.matches[0].differences.first == Difference(kind: .editorial, excerpt: "[The harbourmaster]", document: ""))
    }
}

@Suite struct ExcerptHyphenationApproximateTests {
    @Test func aBrokenExcerptWordAlignsWithTheJoinedDocumentWord() {
        let docs = VerificationTests.documents
        // One changed word ("large" for "single"), and "dredg-/ing" broken in the quote itself.
        let v = ExcerptVerifier().verify("She said the dredg-\ning contract “is the large largest commitment the Trust has ever made", in: docs)
        #expect(v.verdict == .approximate)
        #expect(v.matches[0].differences.contains(Difference(kind: .hyphenation, excerpt: "dredg-\ning", document: "dredging")))
        #expect(v.matches[0].differences.contains(Difference(kind: .substitution, excerpt: "large", document: "single")))
        #expect(abs(v.matches[0].score - (1 - 1.0 / 16)) < 1e-9)  // the halves count as two words
    }
}
