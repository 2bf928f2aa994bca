/// What to extract and within which limits.
public struct ExtractionOptions: Sendable, Hashable, Codable {
    /// When pages are read by optical character recognition.
    public enum OCRMode: String, Sendable, Hashable, Codable, CaseIterable {
        /// PDF pages without a text layer, and image files.
        case auto
        /// Every PDF page (its text layer is ignored), and image files.
        case always
        /// No OCR: pages without a text layer stay empty; image files fail.
        case never
    }

    /// When pages are OCR'd.
    public var ocr: OCRMode
    /// Tesseract language data to read with, joined by "+" (`eng`, `eng+spa`).
    public var languages: String
    /// Limits on time, memory and output.
    public var limits: ExtractionLimits

    /// Options with the defaults: OCR of pages without text, in English, default limits.
    public init(ocr: OCRMode = .auto, languages: String = "eng", limits: ExtractionLimits = ExtractionLimits()) {
        self.ocr = ocr
        self.languages = languages
        self.limits = limits
    }

    /// Nil when `languages` is well formed (Tesseract names such as `eng`, `chi_sim`, joined
    /// by "+"), else what is wrong with it.
    public static func problem(inLanguages languages: String) -> String? {
        let names = languages.split(separator: "+", omittingEmptySubsequences: false)
        let valid = !names.isEmpty && names.allSatisfy { name in
            !name.isEmpty && name.count <= 32
                && name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "_" || $0 == "-" }
        }
        return valid ? nil : "'\(languages)' is not a list of Tesseract languages such as 'eng' or 'eng+spa'"
    }
}

/// Limits on one extraction, enforced on the worker process that performs it.
///
/// The defaults are meant for a newsroom's leak folder: a 1,000-page PDF, a 300-page scan or
/// a year of a mailbox extract within them; a file built to exhaust a machine does not.
public struct ExtractionLimits: Sendable, Hashable, Codable {
    /// Seconds without progress (one page, one part) before the worker is stopped. Default 60.
    public var idleSeconds: Double
    /// Seconds for the whole extraction. Default 3,600 (OCR reads about one page a second).
    public var totalSeconds: Double
    /// Address space of the worker, in bytes (RLIMIT_AS). Default 4 GiB.
    public var memoryBytes: UInt64
    /// UTF-8 bytes of derived text. Default 64 MiB, the largest text the ledger searches.
    public var textBytes: Int
    /// Bytes unpacked from a DOCX or ODT archive. Default 512 MiB.
    public var unzippedBytes: Int
    /// Pixels of one page rendered or image read for OCR. Default 100 million (A4 at 300
    /// dpi is 8.7 million); a larger page is rendered at a lower resolution.
    public var pixelsPerPage: Int
    /// Levels of MIME parts inside parts read in one message. Default 32.
    public var mimeDepth: Int
    /// Levels of files inside files (a message attached to a message) that
    /// `Extractor.extractAll` follows. Default 8.
    public var embeddingDepth: Int

    /// The default limits.
    public init(
        idleSeconds: Double = 60, totalSeconds: Double = 3600, memoryBytes: UInt64 = 4 << 30,
        textBytes: Int = 64 << 20, unzippedBytes: Int = 512 << 20, pixelsPerPage: Int = 100_000_000,
        mimeDepth: Int = 32, embeddingDepth: Int = 8
    ) {
        self.idleSeconds = idleSeconds
        self.totalSeconds = totalSeconds
        self.memoryBytes = memoryBytes
        self.textBytes = textBytes
        self.unzippedBytes = unzippedBytes
        self.pixelsPerPage = pixelsPerPage
        self.mimeDepth = mimeDepth
        self.embeddingDepth = embeddingDepth
    }
}
