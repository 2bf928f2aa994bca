import ContentHash
import Extraction

/// Collects a derived text page by page (or as one run), in the form ``ExtractedText``
/// promises: NFC, control characters other than tab and line feed removed, each page ending
/// with a line feed, pages separated by a form feed, within the text limit.
struct TextBuilder {
    private let limit: Int
    private let paged: Bool
    private(set) var text = ""
    private(set) var pageStarts: [Int] = []
    private var scalars = 0

    init(limit: Int, paged: Bool) {
        self.limit = limit
        self.paged = paged
    }

    /// Adds the next page (or, without pages, the next block of lines).
    mutating func add(_ raw: String) throws(ExtractionFailure) {
        var page = TextDocument.canonical(Self.clean(raw))
        if !page.isEmpty && !page.hasSuffix("\n") { page += "\n" }
        if paged {
            if !pageStarts.isEmpty {
                text += "\u{0C}"
                scalars += 1
            }
            pageStarts.append(scalars)
        }
        text += page
        scalars += page.unicodeScalars.count
        if text.utf8.count > limit {
            throw ExtractionFailure(.limitExceeded, "text larger than \(Self.describe(limit)) (the text limit)")
        }
    }

    /// Line ends as line feeds; other control characters (form feeds included: they separate
    /// pages) dropped, tab kept.
    static func clean(_ raw: String) -> String {
        var out = String.UnicodeScalarView()
        var previousCR = false
        for s in raw.unicodeScalars {
            switch s.value {
            case 0x0D:
                out.append("\n")
                previousCR = true
                continue
            case 0x0A:
                if !previousCR { out.append("\n") }
            case 0x0C, 0x0B: out.append("\n")
            case 0x09: out.append(s)
            case 0x00..<0x20, 0x7F: break
            default: out.append(s)
            }
            previousCR = false
        }
        return String(out)
    }

    static func describe(_ bytes: Int) -> String {
        bytes >= 1 << 20 ? "\(bytes >> 20) MiB" : bytes >= 1 << 10 ? "\(bytes >> 10) KiB" : "\(bytes) bytes"
    }
}
