import Foundation
import Testing

/// `leakledger extract`: the derived text and its metadata, through the worker beside the tool.
@Suite struct ExtractCommandTests {
    static func fixture(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("ExtractionTests/Fixtures/\(name)").path
    }

    @Test func pdfAsJSON() throws {
        let sandbox = try Sandbox()
        let run = try sandbox.run(["extract", "--json", Self.fixture("report.pdf")])
        #expect(run.status == 0, "\(run)")
        let json = try run.json()
        #expect(json["format"] as? String == "pdf")
        #expect(json["pages"] as? Int == 2)
        #expect((json["extractor"] as? String)?.hasPrefix("poppler ") == true)
        #expect(json["ocr"] as? Bool == false)
        #expect((json["text"] as? String)?.contains("Quarterly Dredging Report") == true)
        #expect((json["text_sha256"] as? String)?.count == 64)
    }

    @Test func textOnStandardOutputSummaryOnStandardError() throws {
        let sandbox = try Sandbox()
        let run = try sandbox.run(["extract", Self.fixture("memo.docx")])
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.hasPrefix("Memo to the harbour board\n"))
        #expect(run.stderr.contains("docx; leakledger-docx 1"))
        #expect(run.stderr.contains("2 tracked deletions left out"))
    }

    @Test func plainTextAndFailures() throws {
        let sandbox = try Sandbox()
        let note = try sandbox.write("note.txt", text: "The harbour is calm.\n")
        let plain = try sandbox.run(["extract", "--json", note])
        #expect(try plain.json()["format"] as? String == "text")
        let locked = try sandbox.run(["extract", Self.fixture("report-locked.pdf")])
        #expect(locked.status == 65)
        #expect(locked.stderr.hasSuffix("report-locked.pdf: encrypted PDF\n"))
        let missing = try sandbox.run(["extract", sandbox.path("absent.pdf")])
        #expect(missing.status == 66)
        let badLanguage = try sandbox.run(["extract", "--lang", "eng;x", note])
        #expect(badLanguage.status == 64)
    }
}
