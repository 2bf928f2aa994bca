import Testing
import ContentHash

/// The L1, L2 and L3 layers and their offset maps.
@Suite struct TextLayerTests {
    @Test(arguments: ["“", "”", "„", "‟", "«", "»", "″", "＂", "❝", "❞", "〝", "\""])
    func doubleQuotationMarks(_ mark: String) {
        #expect(TextLayers("a\(mark)b").normalizedText == "a\"b")
    }

    @Test(arguments: ["‘", "’", "‚", "‛", "′", "‹", "›", "＇", "❛", "❜", "'"])
    func singleQuotationMarks(_ mark: String) {
        #expect(TextLayers("a\(mark)b").normalizedText == "a'b")
    }

    @Test(arguments: ["-", "‐", "‑", "‒", "–", "—", "―", "−", "﹣", "－"])
    func dashes(_ dash: String) {
        #expect(TextLayers("9\(dash)17").normalizedText == "9-17")
    }

    @Test func formatCharactersRemoved() {
        #expect(TextLayers("ac\u{00AD}count\u{200B}ability\u{FEFF}\u{202E}\u{2060}!").normalizedText == "accountability!")
    }

    @Test func nfkcAfterTheMappings() {
        #expect(TextLayers("wait…").normalizedText == "wait...")
        #expect(TextLayers("ﬁne").normalizedText == "fine")
        #expect(TextLayers("Ａ①²").normalizedText == "A12")
    }

    @Test func whiteSpaceRunsBecomeOneSpace() {
        #expect(TextLayers("a \t\r\n\u{00A0}\u{2003}\u{2028}b  c").normalizedText == "a b c")
    }

    @Test func offsetMapBackToL1() {
        let l = TextLayers("x…\u{00AD}y \n z")
        #expect(l.normalizedText == "x...y z")
        // The three dots of the ellipsis all map to its one L1 scalar.
        #expect(l.l1Range(ofNormalized: 1) == 1..<2)
        #expect(l.l1Range(ofNormalized: 3) == 1..<2)
        #expect(l.l1Range(ofNormalized: 4) == 3..<4)  // y, after the removed soft hyphen
        #expect(l.l1Range(ofNormalized: 5) == 4..<7)  // the whole white-space run
    }

    @Test func caseFoldingKeepsOffsets() {
        let l = TextLayers("Straße, O’Brien’s 3,5 ПРИВЕТ")
        #expect(l.words == ["strasse", "o", "brien", "s", "3", "5", "привет"])
        #expect(l.wordRanges[0] == 0..<6)
        #expect(l.wordRanges[6] == 22..<28)
    }

    @Test func wordsAreRunsOfLettersMarksNumbers() {
        let l = TextLayers("e\u{301}te\u{301} 12ab x_y")
        #expect(l.words == ["e\u{301}te\u{301}".precomposedForTest, "12ab", "x", "y"])
    }

    @Test func lineNumbers() {
        let l = TextLayers("a\r\nb\rc\nd")
        #expect(l.line(at: 0) == 1)
        #expect(l.line(at: 3) == 2)
        #expect(l.line(at: 5) == 3)
        #expect(l.line(at: 7) == 4)
    }

    @Test func hyphenationAtLineEnds() {
        let l = TextLayers("a trans-\nparent six-\r\n> > month accoun\u{00AD}\ntability draw-down re\u{2010}\n  >placed")
        #expect(l.words == ["a", "trans", "parent", "six", "month", "accoun", "tability", "draw", "down", "re", "placed"])
        let joins = l.hyphenJoins
        #expect(joins.map(\.first) == [1, 3, 5, 9])
        #expect(joins.map(\.word) == ["transparent", "sixmonth", "accountability", "replaced"])
    }

    @Test func noHyphenationWithoutALineEnd() {
        #expect(TextLayers("trans- parent").hyphenJoins.isEmpty)
        #expect(TextLayers("trans-\n\nparent").hyphenJoins.isEmpty)
    }
}

extension String {
    /// NFC through the decoder, which is the project's way to compose.
    var precomposedForTest: String {
        if case .text(let t) = TextDocument.decode(bytes: Array(utf8)) { return t }
        return self
    }
}

@Suite struct UnspacedScriptTests {
    @Test func everyHanOrThaiLetterIsAWord() {
        #expect(TextLayers("港口委员会今天开会。").words == ["港", "口", "委", "员", "会", "今", "天", "开", "会"])
        // A Thai consonant keeps its vowel and tone marks.
        #expect(TextLayers("ท่าเรือ").words == ["ท\u{E48}", "า", "เ", "ร\u{E37}", "อ"])
    }

    @Test func aQuoteFromTheMiddleOfAChineseLineIsExact() {
        let doc = PreparedText(SearchableText(id: "gangkou", seq: 1, text: "港口委员会今天开会，讨论疏浚合同。"))
        #expect(ExcerptVerifier().verify("委员会今天开会", in: [doc]).verdict == .exact)
        #expect(ExcerptVerifier().verify("委员会明天开会", in: [doc]).verdict == .approximate)
    }
}
