import Extraction
import Foundation
import Testing
import ZIPFoundation

/// Bad input (truncated, malicious, huge, nested) and overrun limits end in a failure with a
/// reason, within bounded time, and never take the calling process down.
@Suite struct IsolationTests {
    /// Seconds an extraction took, and its outcome.
    static func timed(_ body: () throws -> ExtractedText) -> (Double, Result<ExtractedText, ExtractionFailure>) {
        let clock = ContinuousClock()
        let start = clock.now
        let result: Result<ExtractedText, ExtractionFailure>
        do { result = .success(try body()) } catch let failure as ExtractionFailure { result = .failure(failure) } catch {
            preconditionFailure("not an ExtractionFailure: \(error)")
        }
        let elapsed = clock.now - start
        return (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18, result)
    }

    @Test func truncatedPDFIsDamagedOrPartial() throws {
        let bytes = try Fixture.bytes("report.pdf")
        for cut in [bytes.count / 2, 200, 9] {
            let (seconds, result) = Self.timed { try Extractor().extract(bytes: Array(bytes.prefix(cut)), as: .pdf) }
            #expect(seconds < 20)
            switch result {
            case .success(let text): #expect((text.pages ?? 0) <= 2)
            case .failure(let failure): #expect(failure.code == .damaged, "\(failure)")
            }
        }
    }

    @Test func pageTreeThatContainsItselfEnds() throws {
        let (seconds, result) = Self.timed { try Extractor().extract(bytes: MiniPDF.selfReferencingPageTree(), as: .pdf) }
        #expect(seconds < 20)
        if case .success(let text) = result { #expect(words(text.text).isEmpty) }
    }

    @Test func tenThousandPagesWithinLimits() throws {
        let pdf = MiniPDF.pages(10_000, text: "Page of the harbour ledger")
        let (seconds, result) = Self.timed { try Extractor().extract(bytes: pdf, as: .pdf) }
        #expect(seconds < 120)
        let text = try result.get()
        #expect(text.pages == 10_000)
        #expect(text.page(atScalarOffset: text.pageStarts[9_999]) == 10_000)
        // The same file with a text limit of 64 KiB stops early with a reason.
        var limits = ExtractionLimits()
        limits.textBytes = 64 << 10
        let (limitedSeconds, limited) = Self.timed { try Extractor(options: ExtractionOptions(limits: limits)).extract(bytes: pdf, as: .pdf) }
        #expect(limitedSeconds < seconds + 5)
        #expect(throws: ExtractionFailure.self) { try limited.get() }
        if case .failure(let failure) = limited {
            #expect(failure.code == .limitExceeded)
            #expect(failure.reason == "extraction failed: text larger than 64 KiB (the text limit)")
        }
    }

    @Test func zipBombDisguisedAsDocx() throws {
        // 32 MiB of one repeated paragraph: about 50 KiB compressed.
        let archive = try Archive(data: Data(), accessMode: .create)
        let relations = Array("""
            <?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>
            """.utf8)
        try archive.addEntry(with: "_rels/.rels", type: .file, uncompressedSize: Int64(relations.count), compressionMethod: .deflate) { position, size in
            Data(relations[Int(position)..<Int(position) + size])
        }
        let paragraph = Array("<w:p><w:r><w:t>The harbour is calm.</w:t></w:r></w:p>".utf8)
        let head = Array("<?xml version=\"1.0\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>".utf8)
        let total = 32 << 20
        let block = head + Array(repeating: paragraph, count: (1 << 20) / paragraph.count + 2).joined()
        try archive.addEntry(with: "word/document.xml", type: .file, uncompressedSize: Int64(total), compressionMethod: .deflate, bufferSize: 1 << 20) { position, size in
            // Chunks after the first start inside the repeated paragraphs.
            let start = position == 0 ? 0 : head.count + (Int(position) - head.count) % paragraph.count
            return Data(block[start..<(start + size)])
        }
        let bomb = try #require(archive.data).map { $0 }
        #expect(bomb.count < 1 << 20)
        #expect(DocumentFormat.detect(bytes: bomb, name: "minutes.docx") == .docx)
        var limits = ExtractionLimits()
        limits.unzippedBytes = 8 << 20
        let (seconds, result) = Self.timed { try Extractor(options: ExtractionOptions(limits: limits)).extract(bytes: bomb, as: .docx) }
        #expect(seconds < 30)
        guard case .failure(let failure) = result else {
            Issue.record("the bomb was unpacked")
            return
        }
        #expect(failure.code == .limitExceeded)
        #expect(failure.reason == "extraction failed: the archive unpacks to more than 8 MiB (the unpacking limit)")
    }

    @Test func stalledOCRTimesOut() throws {
        var limits = ExtractionLimits()
        limits.idleSeconds = 0.3
        let (seconds, result) = Self.timed {
            try Extractor(options: ExtractionOptions(ocr: .always, limits: limits)).extract(fileAt: Fixture.path("report-scan.pdf"), as: .pdf)
        }
        #expect(seconds < 10)
        guard case .failure(let failure) = result else {
            Issue.record("a page was OCR'd in under 0.3 s")
            return
        }
        #expect(failure.code == .timedOut)
        #expect(failure.reason == "timed out after 0.3 s without progress")
    }

    @Test func memoryBlowUpIsNamed() throws {
        // 64 MB of text in one paragraph: the worker needs several copies of it.
        let page = Array(("<p>" + String(repeating: "harbour ", count: 8_000_000) + "</p>").utf8)
        var limits = ExtractionLimits()
        limits.memoryBytes = 256 << 20
        let (seconds, result) = Self.timed { try Extractor(options: ExtractionOptions(limits: limits)).extract(bytes: page, as: .html) }
        #expect(seconds < 60)
        guard case .failure(let failure) = result else {
            Issue.record("64 MB of text was extracted within 256 MiB")
            return
        }
        #expect(failure.code == .limitExceeded)
        #expect(failure.reason == "extraction failed: memory limit reached (256 MiB)")
    }

    @Test func memoryLimitEndsTheWorkerNotTheCaller() throws {
        // A 200 × 200 inch page rendered for OCR needs far more than 300 MiB.
        var limits = ExtractionLimits()
        limits.memoryBytes = 300 << 20
        let pdf = MiniPDF.pages(1, text: "Huge", size: 14_400)
        let (seconds, result) = Self.timed {
            try Extractor(options: ExtractionOptions(ocr: .always, limits: limits)).extract(bytes: pdf, as: .pdf)
        }
        #expect(seconds < 60)
        guard case .failure(let failure) = result else {
            Issue.record("the page was rendered within 300 MiB")
            return
        }
        #expect([.limitExceeded, .damaged, .crashed].contains(failure.code), "\(failure)")
    }

    @Test func deeplyNestedMessageCannotCrashTheCaller() throws {
        let (seconds, result) = Self.timed { try Extractor().extract(bytes: MailTests.nestedMultipart(levels: 20_000), as: .email) }
        #expect(seconds < 60)
        if case .success(let text) = result { #expect(!text.text.contains("The innermost sentence.")) }
    }

    @Test func missingWorkerIsAFailure() {
        #expect {
            _ = try Extractor(workerPath: "/nonexistent/leakledger-extract").extract(bytes: [], as: .html)
        } throws: { error in
            (error as? ExtractionFailure)?.code == .unavailable
        }
    }
}

/// Small PDFs written by hand (PDF 1.7, ISO 32000-1 §7.5): a classic cross-reference table,
/// Helvetica, one content stream shared by every page.
enum MiniPDF {
    static func pages(_ count: Int, text: String, size: Int = 300) -> [UInt8] {
        var objects: [String] = []
        objects.append("<< /Type /Catalog /Pages 2 0 R >>")
        let kids = (0..<count).map { "\($0 + 5) 0 R" }.joined(separator: " ")
        objects.append("<< /Type /Pages /Count \(count) /Kids [\(kids)] >>")
        objects.append("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
        let content = "BT /F1 12 Tf 20 \(size / 2) Td (\(text)) Tj ET"
        objects.append("<< /Length \(content.utf8.count) >>\nstream\n\(content)\nendstream")
        for _ in 0..<count {
            objects.append("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 \(size) \(size)] /Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>")
        }
        return write(objects)
    }

    /// A page tree whose only kid is the tree itself.
    static func selfReferencingPageTree() -> [UInt8] {
        write(["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Count 1 /Kids [2 0 R] >>"])
    }

    private static func write(_ objects: [String]) -> [UInt8] {
        var out = Array("%PDF-1.7\n".utf8)
        var offsets: [Int] = []
        for (i, object) in objects.enumerated() {
            offsets.append(out.count)
            out += Array("\(i + 1) 0 obj\n\(object)\nendobj\n".utf8)
        }
        let xref = out.count
        out += Array("xref\n0 \(objects.count + 1)\n0000000000 65535 f \n".utf8)
        for offset in offsets { out += Array(String(format: "%010d 00000 n \n", offset).utf8) }
        out += Array("trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n".utf8)
        return out
    }
}
