import Testing
import ContentHash

/// The words of the L2 text (quote-proof.md, section 1): the streaming pass and the layers
/// agree with each other and with the L2 text split by hand.
@Suite struct NormalizedWordsTests {
    static let texts: [String] = [
        "",
        "   ",
        "one",
        "  We reaffirm  our commitment\tto the “open door” policy.\n",
        "L’Alliance — « réaffirme » son engagement…\r\nfin",
        "soft\u{AD}hyphen and zero\u{200B}width, ﬁne ligature, NBSP\u{A0}here, ideographic\u{3000}space",
        "trans-\nparency of the six-\n  month plan",
        "CJK 日本語の文章 and Ελληνικά κείμενα",
        "x\u{A8}y spacing diaeresis, ½ fraction, ㎒ square",
    ]

    @Test(arguments: texts)
    func streamingMatchesLayers(_ text: String) {
        let layers = TextLayers(text)
        // Split on the scalar U+0020 (a space followed by a combining mark is one Character).
        let expected = layers.normalizedText.unicodeScalars.split(separator: " ").map { String(String.UnicodeScalarView($0)) }
        #expect(layers.normalizedWords.map(\.text) == expected)
        var streamed: [String] = []
        let digest = TextFingerprint.textSHA256(ofL1: text) { streamed.append(String(decoding: $0, as: UTF8.self)) }
        #expect(streamed == expected)
        #expect(digest == TextFingerprint.textSHA256(ofL1: text))
        #expect(digest == SHA256.hash(layers.normalizedText))
    }

    /// Each word's L1 range holds the text it was made from.
    @Test func rangesPointBackToL1() {
        let text = "  “Quoted,” she said —\nsoft\u{AD}ly.  "
        let words = TextLayers(text).normalizedWords
        #expect(words.map(\.text) == ["\"Quoted,\"", "she", "said", "-", "softly."])
        let scalars = Array(text.unicodeScalars)
        func l1(_ r: Range<Int>) -> String { String(String.UnicodeScalarView(scalars[r])) }
        #expect(words.map { l1($0.l1Range) } == ["“Quoted,”", "she", "said", "—", "soft\u{AD}ly."])
    }

    /// A long text crosses the stream's internal buffer many times; no word is split or lost.
    @Test func longText() {
        let sentence = "Sie bekräftigen ihr Bekenntnis zur Politik der offenen Tür — “ohne Vorbehalt”. "
        let text = String(repeating: sentence, count: 3000)
        var count = 0, bytes = 0
        _ = TextFingerprint.textSHA256(ofL1: text) { count += 1; bytes += $0.count }
        let words = TextLayers(text).normalizedWords
        #expect(count == words.count)
        #expect(bytes == words.reduce(0) { $0 + $1.text.utf8.count })
    }
}
