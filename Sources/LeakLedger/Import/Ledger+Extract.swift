import Commitments
import Extraction

/// What registering a file of a format with a derived text recorded (DESIGN.md, "Formats").
struct DerivedText {
    /// The format found by content.
    var format: DocumentFormat
    /// The derived text's fingerprint and classification (content `text`), or `binary` when
    /// extraction failed.
    var text: TextClassification
    /// The extractor and its version, e.g. `poppler 22.12.0`.
    var extractor: String?
    /// The copy of the derived text (UTF-8), by its SHA-256.
    var textObject: String?
    /// Whether this registration staged that copy (it may already be kept, for another document).
    var stagedText = false
    /// Whether the text is OCR, and its mean word confidence (0–100).
    var ocr: Bool = false
    var ocrConfidence: Double?
    /// Pages, for formats with pages.
    var pages: Int?
    /// Tracked deletions left out (DOCX/ODT).
    var deletedChanges = 0
    /// Why the text could not be derived ("extraction failed: …").
    var failure: String?
    /// Whether the file only holds others (an mbox: its messages are the documents).
    var container = false
}

/// A file found inside another (an attachment, a message of an mbox), ready to register.
struct EmbeddedDocument {
    /// Names from the top file down (`["fwd.eml", "plan.pdf"]`).
    var path: [String]
    var prepared: PreparedFile
}

extension Ledger {
    /// Derives the text of a file of a known format in the extraction worker (a child process:
    /// a crash, a hang or a memory blow-up there cannot take the command down), stages it as
    /// an object, and prepares every file inside it (attachments, messages) the same way.
    /// A failure is recorded, never thrown: the file is still registered by its fingerprint.
    func derive(fileAt path: String, format: DocumentFormat, extractor: Extractor, keep: Bool) throws(LedgerError) -> (DerivedText, [EmbeddedDocument]) {
        let files = extractor.extractAll(fileAt: path, as: format)
        var top = DerivedText(format: format, text: .binary)
        var embedded: [EmbeddedDocument] = []
        for file in files {
            if file.path.isEmpty {
                top = try record(file.result, format: format, keep: keep)
                continue
            }
            let ingested = try objects.ingest(bytes: file.bytes, keep: keep)
            var prepared = PreparedFile(ingested: ingested, text: .binary)
            if let format = file.format {
                prepared.derived = try record(file.result, format: format, keep: keep)
                prepared.text = prepared.derived!.text
            } else {
                prepared.text = prepareText(of: file.bytes, object: ingested.digest.sha256, keep: keep)
            }
            embedded.append(EmbeddedDocument(path: file.path, prepared: prepared))
        }
        if format == .mbox { top.container = true }
        return (top, embedded)
    }

    private func record(_ result: Result<ExtractedText, ExtractionFailure>?, format: DocumentFormat, keep: Bool) throws(LedgerError) -> DerivedText {
        var derived = DerivedText(format: format, text: .binary)
        switch result {
        case .success(let extracted)?:
            derived.extractor = extracted.extractor
            derived.ocr = extracted.ocr
            derived.ocrConfidence = extracted.ocrConfidence
            derived.pages = format.hasPages ? extracted.pages : nil
            derived.deletedChanges = extracted.deletedChanges
            // A text without a letter or a digit (the page breaks of a scan read with --ocr never)
            // holds nothing to search.
            let hasWords = extracted.text.unicodeScalars.contains { $0.properties.isAlphabetic || $0.properties.numericType != nil }
            guard hasWords || format == .mbox else {
                derived.failure = "no text: the file holds none" + (format.hasPages ? " (a scan? register it with --ocr always)" : "")
                return derived
            }
            // Fingerprinted and committed to (with the keeper's secrets) in one pass, as any text.
            derived.text = Self.textFingerprint(ofL1: extracted.text, secret: secretStore == nil ? nil : DocumentSecret())
            if keep {
                let (hex, staged) = try objects.stage(Array(extracted.text.utf8))
                derived.textObject = hex
                derived.stagedText = staged
                if let digest = SHA256Digest(hex: hex) { self.keep(.buckets(TextBuckets.buckets(of: extracted.text)), for: digest) }
            }
        case .failure(let failure)?:
            if failure.code == .unavailable {
                throw LedgerError(.io, "cannot derive the text of a \(format.rawValue) file: \(failure.reason); install leakledger-extract beside leakledger (swift build builds both), or register with --hash-only")
            }
            derived.failure = failure.reason.hasPrefix("extraction failed") ? failure.reason : "extraction failed: \(failure.reason)"
        case nil:
            derived.failure = "extraction failed: no result"
        }
        return derived
    }

    /// The body members a derived text adds to a registration.
    static func members(of derived: DerivedText) -> [String: JSONValue?] {
        ["format": .string(derived.format.rawValue), "extractor": derived.extractor.map(JSONValue.string),
         "text_object": derived.textObject.map(JSONValue.string), "ocr": derived.extractor == nil ? nil : .bool(derived.ocr),
         "ocr_confidence": derived.ocrConfidence.map { .double(($0 * 10).rounded() / 10) },
         "pages": derived.pages.map(JSONValue.int),
         "deleted_changes": derived.deletedChanges > 0 ? .int(derived.deletedChanges) : nil,
         "unsearched": derived.failure.map(JSONValue.string),
         "contents": derived.container ? .string("messages") : nil]
    }
}
