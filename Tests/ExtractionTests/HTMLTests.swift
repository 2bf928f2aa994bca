import Extraction
import Testing

/// A web page written by hand (page.html): what a reader of the page sees, and nothing else.
@Suite struct HTMLTests {
    @Test func visibleTextOnly() throws {
        let extracted = try Fixture.worker("page.html", as: .html)
        let lines = extracted.text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        #expect(lines.contains("Pier to reopen \u{2013} later than planned"))
        // Inline markup inside a sentence leaves the sentence whole.
        #expect(lines.contains("The harbour master told the board that the north pier would not reopen before September, a delay of two months."))
        // Entities decoded (&ldquo; &rsquo; &rdquo; &nbsp;).
        #expect(lines.contains("\u{201C}We won\u{2019}t take risks with the foundations,\u{201D} she said, adding that divers had found cracks in three of the\u{A0}piles."))
        // List items and <br> end lines.
        #expect(lines.contains("Dredging: finished"))
        #expect(lines.contains("Moorings: under review"))
        #expect(lines.contains("Ferry times"))
        #expect(lines.contains("are unchanged."))
        // Script, style, title, hidden blocks and noscript are not what a reader sees.
        for hidden in ["tracker", "font-weight", "Norwick Harbour News", "Internal note", "Also hidden", "Enable scripts", "<", "&"] {
            #expect(!extracted.text.contains(hidden), "\(hidden)")
        }
    }

    @Test func pageDeclaredInLatin1() throws {
        let html = Array("<html><head><meta charset=\"iso-8859-1\"></head><body><p>Se&ntilde;ales del puerto: ".utf8) + [0x63, 0x61, 0x6C, 0x6D, 0x61, 0x20, 0x61, 0x6C, 0x20, 0x61, 0x6D, 0x61, 0x6E, 0x65, 0x63, 0x65, 0x72, 0xE1] + Array("</p></body></html>".utf8)
        #expect(DocumentFormat.detect(bytes: html) == .html)
        let extracted = try Extractor().extract(bytes: html, as: .html)
        #expect(extracted.text == "Señales del puerto: calma al amanecerá\n")
    }
}
