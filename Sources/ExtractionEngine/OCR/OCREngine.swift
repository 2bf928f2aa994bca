internal import CTesseract
import Extraction

#if canImport(Glibc)
import Glibc
#endif

/// Tesseract, opened for a set of languages on first use, with the mean word confidence kept
/// over every page it reads. C types stay in this file.
final class OCREngine {
    let languages: String
    private var engine: OpaquePointer?
    private(set) var confidenceSum: Int64 = 0
    private(set) var words: Int32 = 0

    init(languages: String) {
        self.languages = languages
    }

    deinit { if let engine { ll_ocr_close(engine) } }

    static var libraryVersion: String { String(cString: ll_tesseract_version()) }

    /// `tesseract 5.3.0 (eng+spa)`.
    var name: String { "tesseract \(Self.libraryVersion) (\(languages))" }

    /// The mean confidence (0...100) of the words read so far; nil before any.
    var meanConfidence: Double? {
        words > 0 ? (Double(confidenceSum) / Double(words) * 100).rounded() / 100 : nil
    }

    private func opened() throws(ExtractionFailure) -> OpaquePointer {
        if let engine { return engine }
        // Tesseract reads on without a language whose data is missing, unless it is the first.
        let installed = Self.installedLanguages()
        let missing = languages.split(separator: "+").map(String.init).filter { !installed.contains($0) }
        guard installed.isEmpty || missing.isEmpty, let opened = ll_ocr_open(languages) else {
            let names = missing.isEmpty ? languages : missing.joined(separator: ", ")
            throw ExtractionFailure(
                .unavailable,
                "OCR language data for \(names) is not installed (installed: \(installed.sorted().joined(separator: ", "))); on Debian install tesseract-ocr-\(missing.first ?? "eng")")
        }
        engine = opened
        return opened
    }

    /// Reads an 8-bit gray image of `width` × `height` pixels scanned at `ppi`.
    func read(gray pixels: UnsafePointer<UInt8>, width: Int32, height: Int32, ppi: Int32) throws(ExtractionFailure) -> String {
        let engine = try opened()
        guard let text = ll_ocr_gray(engine, pixels, width, height, ppi, &confidenceSum, &words) else {
            throw ExtractionFailure(.damaged, "OCR could not read a page")
        }
        defer { ll_ocr_free(text) }
        return String(cString: text)
    }

    /// Reads page `page` of an image file (PNG, JPEG, TIFF); nil past its last page.
    func read(image bytes: [UInt8], page: Int32, tiff: Bool) throws(ExtractionFailure) -> String? {
        let engine = try opened()
        var status: Int32 = 0
        let text = bytes.withUnsafeBufferPointer { buffer in
            ll_ocr_image(engine, buffer.baseAddress, UInt64(buffer.count), page, tiff ? 1 : 0, &confidenceSum, &words, &status)
        }
        if status == 1 { return nil }
        guard status == 0, let text else { throw ExtractionFailure(.damaged, "the image cannot be read") }
        defer { ll_ocr_free(text) }
        return String(cString: text)
    }

    /// Width and height in an image file's header, nil when it has none readable.
    static func imageSize(_ bytes: [UInt8]) -> (width: Int, height: Int)? {
        var width: Int32 = 0, height: Int32 = 0
        let result = bytes.withUnsafeBufferPointer { ll_image_size($0.baseAddress, UInt64($0.count), &width, &height) }
        return result == 0 ? (Int(width), Int(height)) : nil
    }

    /// Languages whose data is in Tesseract's data folders.
    static func installedLanguages() -> Set<String> {
        var folders = ["/usr/share/tesseract-ocr/5/tessdata", "/usr/share/tesseract-ocr/4.00/tessdata", "/usr/share/tessdata"]
        if let prefix = getenv("TESSDATA_PREFIX") { folders.insert(String(cString: prefix), at: 0) }
        var names: Set<String> = []
        for folder in folders {
            guard let directory = opendir(folder) else { continue }
            defer { closedir(directory) }
            while let entry = readdir(directory) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
                if name.hasSuffix(".traineddata") { names.insert(String(name.dropLast(".traineddata".count))) }
            }
        }
        return names
    }
}
