/// A file format whose text is derived by a library rather than decoded as plain text.
public enum DocumentFormat: String, Sendable, Hashable, Codable, CaseIterable {
    /// Portable Document Format: text per page through poppler, OCR for pages without text.
    case pdf
    /// PNG image, read through Tesseract.
    case png
    /// JPEG image, read through Tesseract.
    case jpeg
    /// TIFF image (one page per image in the file), read through Tesseract.
    case tiff
    /// Office Open XML word-processing document (Word's .docx).
    case docx
    /// OpenDocument text (.odt).
    case odt
    /// A web page (.html).
    case html
    /// One e-mail message (.eml, RFC 5322 with MIME).
    case email
    /// A mailbox of messages (.mbox): each message is a document of its own.
    case mbox

    /// Whether the derived text is divided into pages.
    public var hasPages: Bool {
        switch self {
        case .pdf, .png, .jpeg, .tiff: true
        case .docx, .odt, .html, .email, .mbox: false
        }
    }

    /// Whether the text comes from optical character recognition only.
    public var isImage: Bool {
        switch self {
        case .png, .jpeg, .tiff: true
        default: false
        }
    }
}
