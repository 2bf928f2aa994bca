import Extraction
import Testing

/// DOCX and ODT made by LibreOffice from one source (scripts/format-fixtures/memo.fodt): the
/// sentences a reader sees once every tracked change is accepted.
@Suite struct OfficeTests {
    static let accepted = [
        "Memo to the harbour board",
        "The harbour master proposes to close the north pier to visitors while its foundations are repaired. The pier will reopen by the end of September.",
        "Visitors will be directed to the south quay, where two extra benches have been installed. The ferry timetable does not change.",
    ]
    static let deleted = ["in the first week of", "Fishing boats may still use the outer berths."]
    static let after = ["Survey of the pier foundations dated 14 February.", "Norwick Harbour Authority", "Confidential draft for the board"]

    @Test(arguments: [("memo.docx", DocumentFormat.docx), ("memo.odt", .odt)])
    func trackedChangesAcceptedAndCounted(name: String, format: DocumentFormat) throws {
        let extracted = try Fixture.worker(name, as: format)
        let lines = extracted.text.split(separator: "\n").map { flat($0) }.filter { !$0.isEmpty }
        // Paragraphs in order, one line each, runs joined.
        #expect(Array(lines.prefix(3)) == Self.accepted)
        for text in Self.deleted { #expect(!extracted.text.contains(text)) }
        #expect(extracted.deletedChanges == 2)
        #expect(extracted.insertedChanges == 1)
        // The footnote, the header and the footer come after the body, in that order.
        #expect(Array(lines.dropFirst(3)) == Self.after)
        #expect(extracted.pages == nil)
        #expect(extracted.extractor.hasSuffix(" + libxml2 2.9.14") || extracted.extractor.contains("libxml2"))
    }

    @Test func docxRenamedAsZipIsStillFound() throws {
        let bytes = try Fixture.bytes("memo.docx")
        #expect(DocumentFormat.detect(bytes: bytes, name: "memo.zip") == .docx)
        #expect(DocumentFormat.detect(bytes: try Fixture.bytes("memo.odt"), name: "memo") == .odt)
    }
}
