import Extraction

#if canImport(Glibc)
import Glibc
#endif

/// What the engine reads: bytes in memory, or a readable, seekable descriptor (the worker's
/// standard input) that a PDF is read from without a copy.
package enum EngineInput {
    case bytes([UInt8])
    case descriptor(Int32)

    func bytes() throws(ExtractionFailure) -> [UInt8] {
        switch self {
        case .bytes(let bytes): return bytes
        case .descriptor(let fd):
            var bytes: [UInt8] = []
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            while true {
                let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
                if n < 0 && errno == EINTR { continue }
                guard n >= 0 else { throw ExtractionFailure(.unavailable, "cannot read the input: \(String(cString: strerror(errno)))") }
                if n == 0 { return bytes }
                bytes.append(contentsOf: chunk[..<n])
            }
        }
    }
}

/// Derives text in this process, through the format libraries. The worker program runs it;
/// callers use `Extractor`, which runs the worker.
package struct Engine {
    package let options: ExtractionOptions
    private let progress: (ExtractionProgress) -> Void

    package init(options: ExtractionOptions, progress: @escaping (ExtractionProgress) -> Void = { _ in }) {
        self.options = options
        self.progress = progress
    }

    /// The text of `input`, read as `format`.
    package func extract(_ input: EngineInput, as format: DocumentFormat) throws(ExtractionFailure) -> ExtractedText {
        switch format {
        case .pdf:
            let document: PDFDocument
            switch input {
            case .bytes(let bytes): document = try PDFDocument(bytes: bytes)
            case .descriptor(let fd): document = try PDFDocument(descriptor: fd)
            }
            return try PDFExtractor.extract(document, options: options, progress: progress)
        case .png, .jpeg, .tiff:
            return try ImageFile.extract(try input.bytes(), format: format, options: options, progress: progress)
        case .docx, .odt:
            return try office(try input.bytes(), format: format)
        case .html:
            var builder = TextBuilder(limit: options.limits.textBytes, paged: false)
            try builder.add(try WebPage.text(of: try input.bytes()))
            return ExtractedText(
                format: .html, text: builder.text,
                extractor: "leakledger-html \(WebPage.layoutVersion) + libxml2 \(XMLReader.libraryVersion)")
        case .email:
            return try MailMessage.extract(try input.bytes(), options: options, progress: progress)
        case .mbox:
            return try mailbox(try input.bytes())
        }
    }

    private func office(_ bytes: [UInt8], format: DocumentFormat) throws(ExtractionFailure) -> ExtractedText {
        var package = try ZipPackage(bytes: bytes, unzippedLimit: options.limits.unzippedBytes)
        var builder = TextBuilder(limit: options.limits.textBytes, paged: false)
        let parts: [String], deleted: Int, inserted: Int, name: String
        if format == .docx {
            var document = WordDocument()
            parts = try document.read(&package)
            (deleted, inserted, name) = (document.deleted, document.inserted, "leakledger-docx \(WordDocument.layoutVersion)")
        } else {
            var document = OpenDocument()
            parts = try document.read(&package)
            (deleted, inserted, name) = (document.deleted, document.inserted, "leakledger-odt \(OpenDocument.layoutVersion)")
        }
        // Parts after the body (notes, headers, footers, comments) each start after a blank line.
        try builder.add(parts.filter { !$0.isEmpty }.joined(separator: "\n"))
        return ExtractedText(
            format: format, text: builder.text, extractor: "\(name) + libxml2 \(XMLReader.libraryVersion)",
            deletedChanges: deleted, insertedChanges: inserted)
    }

    /// An mbox has no text of its own: each message is returned as an embedded file, to be
    /// registered and extracted as an e-mail of its own.
    private func mailbox(_ bytes: [UInt8]) throws(ExtractionFailure) -> ExtractedText {
        guard bytes.count < Int(UInt32.max) else { throw ExtractionFailure(.limitExceeded, "the mailbox is 4 GiB or larger") }
        var messages: [EmbeddedFile] = []
        try Mailbox.ranges(of: bytes) { range throws(ExtractionFailure) in
            messages.append(EmbeddedFile(name: "message-\(messages.count + 1).eml", kind: .message, contentType: "message/rfc822", bytes: Array(bytes[range])))
            progress(ExtractionProgress(done: messages.count, total: nil))
        }
        guard !messages.isEmpty else { throw ExtractionFailure(.damaged, "no message found in the mailbox") }
        return ExtractedText(
            format: .mbox, text: "", extractor: "gmime \(MIMEMessage.libraryVersion)", embedded: messages,
            notes: ["the mailbox's \(messages.count) messages are documents of their own"])
    }

    /// The libraries this engine runs with, and the OCR languages installed.
    package static func versions() -> [String: String] {
        [
            "poppler": PDFDocument.libraryVersion,
            "tesseract": OCREngine.libraryVersion,
            "gmime": MIMEMessage.libraryVersion,
            "libxml2": XMLReader.libraryVersion,
            "tesseract-languages": OCREngine.installedLanguages().sorted().joined(separator: "+"),
        ]
    }
}
