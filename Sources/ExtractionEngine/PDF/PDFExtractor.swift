import Extraction

/// Text of a PDF, page by page through poppler, with OCR (Tesseract) of the pages that have
/// no text layer (or of every page, with `--ocr always`).
enum PDFExtractor {
    /// Resolution pages are rendered at for OCR (Tesseract's recommendation).
    static let ocrDPI = 300.0

    static func extract(
        _ document: PDFDocument, options: ExtractionOptions, progress: (ExtractionProgress) -> Void
    ) throws(ExtractionFailure) -> ExtractedText {
        let pages = document.pageCount
        var builder = TextBuilder(limit: options.limits.textBytes, paged: true)
        var ocr: OCREngine?
        var ocrPages: [Int] = []
        var unread = 0
        for index in 0..<pages {
            var text = document.text(ofPage: index)
            let needsOCR = options.ocr == .always || (options.ocr == .auto && lacksTextLayer(text, document: document, page: index))
            if needsOCR {
                let engine = ocr ?? OCREngine(languages: options.languages)
                ocr = engine
                text = try document.withGrayRendering(ofPage: index, dpi: ocrDPI, maxPixels: options.limits.pixelsPerPage) {
                    (pixels, width, height, ppi) throws(ExtractionFailure) in
                    try engine.read(gray: pixels, width: width, height: height, ppi: ppi)
                }
                ocrPages.append(index + 1)
            } else if options.ocr == .never && !hasWords(text) {
                unread += 1
            }
            try builder.add(text)
            progress(ExtractionProgress(done: index + 1, total: pages))
        }
        var extractor = "poppler \(PDFDocument.libraryVersion)"
        if let ocr, !ocrPages.isEmpty { extractor += " + \(ocr.name)" }
        var notes: [String] = []
        if unread > 0 { notes.append("\(unread) of \(pages) pages have no text layer and were not OCR'd (OCR off)") }
        return ExtractedText(
            format: .pdf, text: builder.text, pageStarts: builder.pageStarts, extractor: extractor, ocrPages: ocrPages,
            ocrWords: Int(ocr?.words ?? 0), ocrConfidence: ocr?.meanConfidence, notes: notes)
    }

    /// A page is a scan when its text layer holds no letter or digit, or when images cover most
    /// of it and its text is a stamp (a Bates number, a header) of under 32 characters.
    static func lacksTextLayer(_ text: String, document: PDFDocument, page: Int) -> Bool {
        if !hasWords(text) { return true }
        let visible = text.unicodeScalars.count { !$0.properties.isWhitespace }
        return visible < 32 && document.imageCoverage(ofPage: page) >= 0.5
    }

    private static func hasWords(_ text: String) -> Bool {
        text.unicodeScalars.contains { $0.properties.isAlphabetic || $0.properties.numericType != nil }
    }
}
