import Extraction

/// Text of an image file (PNG, JPEG, TIFF) by OCR, one page per image (TIFF files hold several).
enum ImageFile {
    static func extract(
        _ bytes: [UInt8], format: DocumentFormat, options: ExtractionOptions, progress: (ExtractionProgress) -> Void
    ) throws(ExtractionFailure) -> ExtractedText {
        guard options.ocr != .never else {
            throw ExtractionFailure(.notExtracted, "image not read: OCR is off (--ocr never)")
        }
        guard let size = OCREngine.imageSize(bytes) else { throw ExtractionFailure(.damaged, "the image cannot be read") }
        guard size.width > 0, size.height > 0, size.width * size.height <= options.limits.pixelsPerPage else {
            throw ExtractionFailure(
                .limitExceeded, "the image is \(size.width) × \(size.height) pixels, over the limit of \(options.limits.pixelsPerPage)")
        }
        let ocr = OCREngine(languages: options.languages)
        var builder = TextBuilder(limit: options.limits.textBytes, paged: true)
        var page: Int32 = 0
        while let text = try ocr.read(image: bytes, page: page, tiff: format == .tiff) {
            try builder.add(text)
            page += 1
            progress(ExtractionProgress(done: Int(page), total: nil))
        }
        return ExtractedText(
            format: format, text: builder.text, pageStarts: builder.pageStarts, extractor: ocr.name,
            ocrPages: builder.pageStarts.indices.map { $0 + 1 },
            ocrWords: Int(ocr.words), ocrConfidence: ocr.meanConfidence)
    }
}
