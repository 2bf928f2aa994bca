import Testing
import ContentHash

/// Index terms and the candidate guarantee of ``ExcerptQuery``.
@Suite struct ExcerptQueryTests {
    func key(_ word: String) -> String { ExcerptQuery.indexTerms(of: TextLayers(word))[0] }

    @Test func indexTermsIncludeHalvesAndJoinedWords() {
        let terms = ExcerptQuery.indexTerms(of: TextLayers("a trans-\nparent Café"))
        #expect(terms.count == 5)
        #expect(terms.contains(key("transparent")))
        #expect(terms.contains(key("trans")) && terms.contains(key("parent")))
        #expect(terms.contains(key("cafe")))
    }

    @Test(arguments: [("Straße", "STRASSE"), ("HÍDRICO", "hidrico"), ("четырёх", "четырех"), ("comes", "cornes"),
                      ("Tallow", "Ta1low"), ("подтверждает", "подтв\u{65}рждает")])
    func equivalentWordsShareAKey(_ pair: (String, String)) {
        #expect(key(pair.0) == key(pair.1))
    }

    @Test func capitalLookAlikeReachesTheLowerCaseKey() {
        // Cyrillic capital М: its own key differs, its alternative is the key of "Mill".
        let q = ExcerptQuery("12 \u{41C}ill Street")
        #expect(q.alternatives[1].contains(key("Mill")))
    }

    @Test func differentWordsHaveDifferentKeys() {
        #expect(key("August") != key("July"))
        #expect(key("quay") != key("key"))
    }

    @Test func requiredTermsAreTheRarestEPlusOne() {
        let q = ExcerptQuery("alpha beta gamma delta epsilon zeta eta theta iota kappa")
        #expect(q.maxEdits == 2)
        #expect(q.minimumMatchedWords == 8)
        let frequency = ["alpha": 50, "beta": 3, "gamma": 40, "delta": 1, "epsilon": 30, "zeta": 20, "eta": 2, "theta": 10, "iota": 9, "kappa": 8]
        let byKey = Dictionary(uniqueKeysWithValues: frequency.map { (key($0.key), $0.value) })
        let required = q.requiredTerms { byKey[$0] ?? 0 }
        #expect(Set(required) == [key("delta"), key("eta"), key("beta")])
        // Short excerpts tolerate no edit: one term, the rarest.
        #expect(ExcerptQuery("Kettle Hill").requiredTerms { $0 == key("kettle") ? 5 : 1 } == [key("hill")])
        // Bracketed insertions are not required.
        #expect(!ExcerptQuery("[The Board] would rather be the utility").terms.contains(key("board")))
    }

    @Test func everyMatchedDocumentHoldsARequiredTerm() {
        var cases = ["eleven vessels called in March, against fourteen a year ago",
                     "eleven vessels called in F\u{435}bruary", "Los socios podran solicitar una revision de su cuota",
                     "asked the treasurer for a transparent account of the reserve fund",
                     "She said [the contract] “is the single largest commitment the Trust has ever made”"]
        var documents = VerificationTests.documents
        if SharedQuoteFixtures.available {
            cases += SharedQuoteFixtures.cases.map(\.excerpt)
            documents += SharedQuoteFixtures.documents
        }
        let terms = Dictionary(uniqueKeysWithValues: documents.map { ($0.id, Set(ExcerptQuery.indexTerms(of: $0))) })
        var frequency: [String: Int] = [:]
        for set in terms.values { for t in set { frequency[t, default: 0] += 1 } }
        for excerpt in cases {
            let query = ExcerptQuery(excerpt)
            let required = query.requiredTerms { frequency[$0] ?? 0 }
            for m in ExcerptVerifier().verify(excerpt, in: documents).matches {
                let held = terms[m.document]!
                #expect(!held.isDisjoint(with: required), "\(excerpt) in \(m.document)")
                let matchedWords = query.alternatives.filter { !held.isDisjoint(with: $0) }.count
                #expect(matchedWords >= query.minimumMatchedWords, "\(excerpt) in \(m.document)")
            }
        }
    }
}

/// Look-alikes are computed on L2 spellings, before case folding (the spec): the digit zero is
/// a look-alike of the capital O only, so an OCR'd `0UTER` matches `OUTER` in the index and in
/// the alignment, whichever side was scanned.
@Suite struct LookAlikeCaseTests {
    static let scanned = PreparedText(SearchableText(
        id: "scanned-order", seq: 3,
        text: "Scanned page 4: the 0UTER B0UNDARY M0NITORING clause binds every fictional party to the harbour board."))
    static let typed = PreparedText(SearchableText(
        id: "typed-order", seq: 4,
        text: "Typed copy: the OUTER BOUNDARY MONITORING clause binds every fictional party to the harbour board."))

    @Test(arguments: [("the OUTER BOUNDARY MONITORING clause binds every fictional party", scanned),
                      ("the 0UTER B0UNDARY M0NITORING clause binds every fictional party", typed)])
    func anOCRLookAlikeIsFoundWhicheverSideWasScanned(_ item: (String, PreparedText)) {
        let (excerpt, document) = item
        let result = ExcerptVerifier().verify(excerpt, in: [document])
        #expect(result.verdict == .approximate, "\(excerpt)")
        let match = result.matches.first
        #expect(match?.score == 1.0)
        #expect(match?.differences.map(\.kind) == [.confusable, .confusable, .confusable])
        #expect(match?.differences.first.map { [$0.excerpt, $0.document] }.map(Set.init)
                == Set(["0UTER", "OUTER"]))
        // The index offers the document: each look-alike word shares a key with the excerpt's word.
        let held = Set(ExcerptQuery.indexTerms(of: document))
        let query = ExcerptQuery(excerpt)
        for (word, keys) in zip(["the", "OUTER", "BOUNDARY", "MONITORING"], query.alternatives) {
            #expect(!held.isDisjoint(with: keys), "no key of \(word) is among the document's terms")
        }
        #expect(!held.isDisjoint(with: query.requiredTerms { _ in 1 }))
    }

    @Test func lowerCaseIsNoLookAlikeOfTheDigitZero() {
        // skeleton("0") = "O", skeleton("o") = "o": per the spec they are not look-alikes.
        let result = ExcerptVerifier().verify("the outer boundary monitoring clause binds every fictional party", in: [Self.scanned])
        #expect(result.verdict == .notFound)
    }
}
