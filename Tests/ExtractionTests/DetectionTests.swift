import Extraction
import Testing

/// Formats are found by content; the name decides only between text formats.
@Suite struct DetectionTests {
    @Test(arguments: [
        ("report.pdf", DocumentFormat.pdf), ("report-scan.pdf", .pdf), ("report-page1.png", .png),
        ("report-page1.jpg", .jpeg), ("report-page1.tiff", .tiff), ("memo.docx", .docx), ("memo.odt", .odt),
        ("page.html", .html), ("qp-message.eml", .email), ("base64-message.eml", .email), ("mailbox.mbox", .mbox),
    ])
    func fixturesByContent(name: String, format: DocumentFormat) throws {
        // Misnamed on purpose: the content decides.
        #expect(DocumentFormat.detect(bytes: try Fixture.bytes(name), name: "upload.bin") == format)
        #expect(DocumentFormat.detect(fileAt: Fixture.path(name)) == format)
    }

    @Test func plainTextIsNoFormat() {
        #expect(DocumentFormat.detect(bytes: Array("Just a note.\nSubject: not a header block\n".utf8), name: "note.txt") == nil)
        #expect(DocumentFormat.detect(bytes: Array("From the harbour master's desk: calm seas.\n".utf8)) == nil)
        #expect(DocumentFormat.detect(bytes: [0x00, 0x01, 0x02, 0x03], name: "x.html") == nil)
    }

    @Test func nameDecidesBetweenTextFormats() {
        let fragment = Array("Harbour <em>news</em> of the week.".utf8)
        #expect(DocumentFormat.detect(bytes: fragment, name: "news.html") == .html)
        #expect(DocumentFormat.detect(bytes: fragment, name: "news.txt") == nil)
        let message = Array("From: a@norwick-harbour.example\nSubject: Calm\n\nBody\n".utf8)
        #expect(DocumentFormat.detect(bytes: message) == .email)
    }
}
