import Extraction
import Foundation
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

/// The worker's frames carry every field of a result: the worker and the engine in this
/// process agree on each fixture.
@Suite struct WorkerProtocolTests {
    @Test(arguments: [
        ("report.pdf", DocumentFormat.pdf), ("memo.docx", .docx), ("memo.odt", .odt), ("page.html", .html),
        ("base64-message.eml", .email), ("mailbox.mbox", .mbox),
    ])
    func workerAndEngineAgree(name: String, format: DocumentFormat) throws {
        let worker = try Fixture.worker(name, as: format)
        let engine = try Fixture.engine(name, as: format)
        #expect(worker == engine)
    }

    @Test func progressIsReported() throws {
        let updates = Updates()
        _ = try Extractor().extract(fileAt: Fixture.path("report.pdf"), as: .pdf) { updates.add($0) }
        #expect(updates.all.last == ExtractionProgress(done: 2, total: 2))
    }
}

/// Progress updates, gathered from the extractor's callback.
final class Updates: @unchecked Sendable {
    // @unchecked: every access holds the lock.
    private let lock = NSLock()
    private var items: [ExtractionProgress] = []
    func add(_ update: ExtractionProgress) { lock.withLock { items.append(update) } }
    var all: [ExtractionProgress] { lock.withLock { items } }
}
