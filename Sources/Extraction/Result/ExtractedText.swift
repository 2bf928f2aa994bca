/// The text derived from a file, and how it was derived.
///
/// The text is UTF-8 in NFC (the ledger's L1 form), without control characters other than
/// tab and line feed. Pages end with a line feed and are separated by a form feed (U+000C), as
/// `pdftotext` separates them, and a form feed appears nowhere else: the page of an offset is
/// one more than the form feeds before it. ``pageStarts`` gives the offset, in Unicode scalars
/// of ``text``, where each page begins. The same file extracted by the same ``extractor``
/// gives the same text, byte for byte.
public struct ExtractedText: Sendable, Hashable {
    /// The format the text was derived from.
    public var format: DocumentFormat
    /// The derived text (NFC).
    public var text: String
    /// Offsets in Unicode scalars where page 1, 2, ... begins; empty for formats without pages.
    public var pageStarts: [Int]
    /// The library and version that made the text, e.g. `poppler 22.12.0`, with Tesseract's
    /// when pages were OCR'd: `poppler 22.12.0 + tesseract 5.3.0 (eng)`.
    public var extractor: String
    /// Pages (1-based) whose text came from OCR; for an image file, all of them.
    public var ocrPages: [Int]
    /// Words OCR recognised.
    public var ocrWords: Int
    /// Mean confidence of the words OCR recognised (0...100); nil when nothing was OCR'd.
    public var ocrConfidence: Double?
    /// Tracked deletions in a DOCX or ODT: their text is left out (as "accept all changes").
    public var deletedChanges: Int
    /// Tracked insertions in a DOCX or ODT: their text is kept.
    public var insertedChanges: Int
    /// Files inside this one: an e-mail's attachments, an mbox's messages.
    public var embedded: [EmbeddedFile]
    /// What was left out and why (one sentence each), e.g. parts nested too deep.
    public var notes: [String]

    /// A result; `pageStarts` must be ascending and start at 0 when not empty.
    public init(
        format: DocumentFormat, text: String, pageStarts: [Int] = [], extractor: String, ocrPages: [Int] = [],
        ocrWords: Int = 0, ocrConfidence: Double? = nil, deletedChanges: Int = 0, insertedChanges: Int = 0,
        embedded: [EmbeddedFile] = [], notes: [String] = []
    ) {
        self.format = format
        self.text = text
        self.pageStarts = pageStarts
        self.extractor = extractor
        self.ocrPages = ocrPages
        self.ocrWords = ocrWords
        self.ocrConfidence = ocrConfidence
        self.deletedChanges = deletedChanges
        self.insertedChanges = insertedChanges
        self.embedded = embedded
        self.notes = notes
    }

    /// Whether any of the text came from OCR.
    public var ocr: Bool { !ocrPages.isEmpty }

    /// The number of pages, nil for formats without pages.
    public var pages: Int? { pageStarts.isEmpty ? nil : pageStarts.count }

    /// Messages of an mbox (its embedded files), nil for other formats.
    public var messages: Int? { format == .mbox ? embedded.count : nil }

    /// Attachments of an e-mail.
    public var attachments: Int { embedded.count { $0.kind == .attachment } }

    /// The page (1-based) that holds the scalar at `offset` of the text; nil without pages.
    public func page(atScalarOffset offset: Int) -> Int? {
        guard !pageStarts.isEmpty else { return nil }
        var lo = 0, hi = pageStarts.count
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if pageStarts[mid] <= offset { lo = mid } else { hi = mid }
        }
        return lo + 1
    }
}

/// A file carried inside another: an e-mail's attachment or a message of an mbox.
public struct EmbeddedFile: Sendable, Hashable {
    /// What the file is to its container.
    public enum Kind: String, Sendable, Hashable, Codable {
        /// An attachment of an e-mail (a message attached to a message is one too).
        case attachment
        /// A message of an mbox.
        case message
    }

    /// A name unique within the container, safe as one segment of a document id (no "/",
    /// no control characters, not "." or ".."): the attachment's file name, or `message-N.eml`.
    public var name: String
    /// Attachment or message.
    public var kind: Kind
    /// The MIME type the container declares, lower case, if any.
    public var contentType: String?
    /// The file's bytes (an attachment's transfer encoding undone).
    public var bytes: [UInt8]

    /// An embedded file.
    public init(name: String, kind: Kind, contentType: String? = nil, bytes: [UInt8]) {
        self.name = name
        self.kind = kind
        self.contentType = contentType
        self.bytes = bytes
    }
}
