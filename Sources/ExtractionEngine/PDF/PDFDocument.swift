internal import CPoppler
import Extraction

#if canImport(Glibc)
import Glibc
#endif

/// A PDF opened through poppler-glib. C types stay in this file.
final class PDFDocument {
    private let pdf: OpaquePointer

    /// Opens a PDF from memory.
    init(bytes: [UInt8]) throws(ExtractionFailure) {
        var error: Int32 = 0
        var message: UnsafeMutablePointer<CChar>?
        let opened = bytes.withUnsafeBufferPointer { ll_pdf_open_bytes($0.baseAddress, UInt64($0.count), &error, &message) }
        pdf = try Self.check(opened, error, message)
    }

    /// Opens a PDF from a readable, seekable descriptor (duplicated: poppler closes its copy).
    init(descriptor: Int32) throws(ExtractionFailure) {
        var error: Int32 = 0
        var message: UnsafeMutablePointer<CChar>?
        let copy = dup(descriptor)
        guard copy >= 0 else { throw ExtractionFailure(.unavailable, "cannot read the input") }
        pdf = try Self.check(ll_pdf_open_fd(copy, &error, &message), error, message)
    }

    private static func check(_ opened: OpaquePointer?, _ error: Int32, _ message: UnsafeMutablePointer<CChar>?) throws(ExtractionFailure) -> OpaquePointer {
        let text = message.map { String(cString: $0) } ?? "cannot be read"
        ll_pdf_free(message)
        guard let opened else {
            if error == LL_PDF_ENCRYPTED { throw ExtractionFailure(.encrypted, "encrypted PDF") }
            throw ExtractionFailure(.damaged, "damaged PDF: \(text)")
        }
        return opened
    }

    deinit { ll_pdf_close(pdf) }

    static var libraryVersion: String { String(cString: ll_poppler_version()) }

    var pageCount: Int { Int(ll_pdf_page_count(pdf)) }

    /// The text of page `index` (0-based) in reading order, as `pdftotext` gives it.
    func text(ofPage index: Int) -> String {
        guard let text = ll_pdf_page_text(pdf, Int32(index)) else { return "" }
        defer { ll_pdf_free(text) }
        return String(cString: text)
    }

    /// The share of page `index`'s area covered by images (0...1).
    func imageCoverage(ofPage index: Int) -> Double { ll_pdf_page_image_coverage(pdf, Int32(index)) }

    /// Renders page `index` in gray at `dpi` (lower when the page would pass `maxPixels`) and
    /// hands the pixels to `body`.
    func withGrayRendering<T>(
        ofPage index: Int, dpi: Double, maxPixels: Int,
        _ body: (UnsafePointer<UInt8>, Int32, Int32, Int32) throws(ExtractionFailure) -> T
    ) throws(ExtractionFailure) -> T {
        var width: Int32 = 0, height: Int32 = 0
        var used = 0.0
        guard let pixels = ll_pdf_render_gray(pdf, Int32(index), dpi, Int64(maxPixels), &width, &height, &used) else {
            throw ExtractionFailure(.damaged, "page \(index + 1) cannot be rendered for OCR")
        }
        defer { ll_pdf_free(pixels) }
        return try body(pixels, width, height, Int32(used.rounded()))
    }
}
