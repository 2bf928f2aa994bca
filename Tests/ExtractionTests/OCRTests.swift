import Extraction
import Foundation
import Testing

/// OCR of image files through Tesseract's C API, against the `tesseract` command on the same
/// files.
@Suite struct OCRTests {
    @Test func pngMatchesTheTesseractCommand() throws {
        let extracted = try Fixture.worker("report-page1.png", as: .png)
        let reference = try Program.run(["tesseract", Fixture.path("report-page1.png"), "-"], environment: ["OMP_THREAD_LIMIT": "1"])
        try #require(reference.status == 0, "tesseract failed: \(reference.stderr)")
        let expected = String(decoding: reference.stdout, as: UTF8.self)
        #expect(flat(extracted.text) == flat(expected))
        #expect(extracted.ocrPages == [1])
        #expect(extracted.pages == 1)
        // `tesseract --version` starts with "tesseract 5.3.0".
        let version = try Program.run(["tesseract", "--version"])
        let first = String(decoding: version.stdout, as: UTF8.self).split(separator: "\n").first.map(String.init) ?? version.stderr
        #expect(extracted.extractor == "\(first.split(separator: "\n").first ?? "") (eng)")
    }

    @Test(arguments: [("report-page1.jpg", DocumentFormat.jpeg), ("report-page1.tiff", .tiff)])
    func jpegAndTiffReadAsTheTypesetPage(name: String, format: DocumentFormat) throws {
        let extracted = try Fixture.worker(name, as: format, options: ExtractionOptions(languages: "eng+spa"))
        let typeset = try Fixture.worker("report.pdf", as: .pdf).pageTexts[0]
        #expect(wordRecall(words(typeset), in: words(extracted.text)) > 0.95)
        #expect(extracted.extractor.hasSuffix("(eng+spa)"))
        let confidence = try #require(extracted.ocrConfidence)
        #expect(confidence > 80)
    }

    @Test func missingLanguageDataIsNamed() throws {
        #expect {
            _ = try Fixture.worker("report-page1.png", as: .png, options: ExtractionOptions(languages: "eng+zzz"))
        } throws: { error in
            let failure = error as? ExtractionFailure
            return failure?.code == .unavailable && failure?.reason.contains("zzz is not installed") == true
        }
    }

    @Test func imagesAreNotReadWithOCROff() throws {
        #expect {
            _ = try Fixture.worker("report-page1.png", as: .png, options: ExtractionOptions(ocr: .never))
        } throws: { error in
            (error as? ExtractionFailure)?.code == .notExtracted
        }
    }

    @Test func malformedLanguageListIsRefused() {
        #expect(ExtractionOptions.problem(inLanguages: "eng+spa") == nil)
        #expect(ExtractionOptions.problem(inLanguages: "eng;rm -rf") != nil)
        #expect(ExtractionOptions.problem(inLanguages: "eng++spa") != nil)
    }
}
