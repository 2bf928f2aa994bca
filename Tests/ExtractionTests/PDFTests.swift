import ContentHash
import Extraction
import Foundation
import Testing

/// PDF text through poppler, against the `pdftotext` command (poppler-utils) on the same file.
@Suite struct PDFTests {
    /// The two pages of report.pdf as LibreOffice typeset them (report.fodt).
    static let page1Sentence = "The eastern channel of Norwick harbour was dredged between 3 and 19 March."
    static let page2Sentence = "Costs rose by eleven per cent because storms halted the dredger for six days."

    @Test func eachPageMatchesPdftotext() throws {
        let extracted = try Fixture.worker("report.pdf", as: .pdf)
        #expect(extracted.pages == 2)
        #expect(!extracted.ocr)
        let pages = extracted.pageTexts
        for page in 1...2 {
            let reference = try Program.run(["pdftotext", "-f", "\(page)", "-l", "\(page)", Fixture.path("report.pdf"), "-"])
            try #require(reference.status == 0, "pdftotext failed: \(reference.stderr)")
            let expected = String(decoding: reference.stdout, as: UTF8.self)
            #expect(flat(pages[page - 1]) == flat(expected))
        }
    }

    @Test func pagesOfOffsetsAndSentences() throws {
        let extracted = try Fixture.worker("report.pdf", as: .pdf)
        let text = flat(extracted.text)
        #expect(text.contains(Self.page1Sentence))
        #expect(text.contains(Self.page2Sentence))
        let scalars = Array(extracted.text.unicodeScalars)
        let second = try #require(extracted.text.range(of: "Costs rose"))
        let offset = extracted.text.unicodeScalars.distance(from: extracted.text.unicodeScalars.startIndex, to: second.lowerBound)
        #expect(extracted.page(atScalarOffset: offset) == 2)
        #expect(extracted.page(atScalarOffset: 0) == 1)
        #expect(scalars[extracted.pageStarts[1] - 1] == "\u{0C}")
    }

    @Test func extractorIsPopplerAtItsRunningVersion() throws {
        let extracted = try Fixture.worker("report.pdf", as: .pdf)
        // pdftotext -v prints "pdftotext version 22.12.0" (to standard error).
        let version = try Program.run(["pdftotext", "-v"])
        let line = version.stderr.split(separator: "\n").first { $0.hasPrefix("pdftotext version") }
        let number = try #require(line?.split(separator: " ").last)
        #expect(extracted.extractor == "poppler \(number)")
    }

    @Test func sameFileSameTextBytes() throws {
        let first = try Fixture.worker("report.pdf", as: .pdf)
        let second = try Fixture.worker("report.pdf", as: .pdf)
        #expect(Array(first.text.utf8) == Array(second.text.utf8))
        #expect(TextFingerprint.textSHA256(ofL1: first.text) == TextFingerprint.textSHA256(ofL1: second.text))
    }

    @Test func encryptedPDFIsReportedAsSuch() throws {
        #expect {
            _ = try Fixture.worker("report-locked.pdf", as: .pdf)
        } throws: { error in
            let failure = error as? ExtractionFailure
            return failure?.code == .encrypted && failure?.reason == "encrypted PDF"
        }
    }

    @Test func pagesWithoutTextLayerAreOCRdByDefault() throws {
        let extracted = try Fixture.worker("report-scan.pdf", as: .pdf)
        #expect(extracted.ocrPages == [1, 2])
        #expect(extracted.extractor.hasPrefix("poppler "))
        #expect(extracted.extractor.contains(" + tesseract "))
        let confidence = try #require(extracted.ocrConfidence)
        #expect(confidence > 80 && confidence <= 100)
        #expect(extracted.ocrWords > 50)
        // What a reader sees on each page: the text layer of the PDF the scan was made from.
        let original = try Fixture.worker("report.pdf", as: .pdf).pageTexts
        for (scanned, typeset) in zip(extracted.pageTexts, original) {
            #expect(wordRecall(words(typeset), in: words(scanned)) > 0.95)
        }
        #expect(flat(extracted.text).contains(Self.page2Sentence))
        // OCR too gives the same text bytes for the same file and extractor.
        let again = try Fixture.worker("report-scan.pdf", as: .pdf)
        #expect(Array(again.text.utf8) == Array(extracted.text.utf8))
        #expect(again.ocrConfidence == extracted.ocrConfidence)
    }

    @Test func ocrNeverLeavesScannedPagesEmpty() throws {
        let extracted = try Fixture.worker("report-scan.pdf", as: .pdf, options: ExtractionOptions(ocr: .never))
        #expect(extracted.pages == 2)
        #expect(!extracted.ocr)
        #expect(words(extracted.text).isEmpty)
        #expect(extracted.notes == ["2 of 2 pages have no text layer and were not OCR'd (OCR off)"])
    }

    @Test func ocrAlwaysReadsPagesThatHaveText() throws {
        let extracted = try Fixture.worker("report.pdf", as: .pdf, options: ExtractionOptions(ocr: .always))
        #expect(extracted.ocrPages == [1, 2])
        #expect(flat(extracted.text).contains(Self.page1Sentence))
    }
}

extension ExtractedText {
    /// The text of each page.
    var pageTexts: [String] {
        let scalars = Array(text.unicodeScalars)
        return pageStarts.indices.map { i in
            let end = i + 1 < pageStarts.count ? pageStarts[i + 1] - 1 : scalars.count
            return String(String.UnicodeScalarView(scalars[pageStarts[i]..<end]))
        }
    }
}
