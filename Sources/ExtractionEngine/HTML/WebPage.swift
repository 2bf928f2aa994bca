import Extraction

/// The visible text of a web page, through libxml2's HTML parser: no script, style or
/// markup, entities decoded, white space collapsed as a browser does outside `<pre>`, and a
/// line ended by each block element (a blank line by paragraphs, headings, lists, tables).
enum WebPage {
    /// Bumped whenever the same page would give other text.
    static let layoutVersion = 1

    /// Elements whose content a reader never sees.
    private static let invisible: Set<String> = [
        "head", "script", "style", "noscript", "template", "title", "meta", "link", "object", "embed",
        "iframe", "svg", "math", "canvas", "select", "datalist", "option",
    ]
    /// Elements after which a paragraph ends (a blank line).
    private static let paragraphs: Set<String> = [
        "p", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "blockquote", "ul", "ol", "dl", "table", "hr",
        "figure", "address", "fieldset", "details", "form",
    ]
    /// Elements after which a line ends.
    private static let lines: Set<String> = [
        "div", "li", "dt", "dd", "tr", "section", "article", "header", "footer", "nav", "aside", "main",
        "figcaption", "summary", "caption", "center", "legend", "body", "html", "tbody", "thead", "tfoot",
    ]
    private static let cells: Set<String> = ["td", "th"]

    /// The text of `bytes`; `encoding` overrides what the page declares (text already
    /// converted to UTF-8, from an e-mail).
    static func text(of bytes: [UInt8], encoding: String? = nil) throws(ExtractionFailure) -> String {
        let encoding = encoding ?? sniffEncoding(bytes)
        guard let reader = XMLReader(html: bytes, encoding: encoding) else {
            return ""  // nothing the HTML parser can read: a page without text
        }
        var out = Output()
        var preDepth = 0
        var more = try reader.read()
        while more {
            switch reader.node {
            case .text:
                out.add(reader.value, preformatted: preDepth > 0)
            case .element:
                let name = reader.localName
                if invisible.contains(name) || isHidden(reader) {
                    more = try reader.skip()
                    continue
                }
                if name == "br" { out.lineBreak() }
                if name == "pre" && !reader.isEmptyElement { preDepth += 1 }
                if cells.contains(name) { out.space() }
                if paragraphs.contains(name) { out.endParagraph() } else if lines.contains(name) { out.endLine() }
                if name == "img", let alt = reader.attribute("alt"), !alt.isEmpty { out.add(alt, preformatted: false) }
            case .endElement:
                let name = reader.localName
                if name == "pre" { preDepth = max(0, preDepth - 1) }
                if paragraphs.contains(name) { out.endParagraph() } else if lines.contains(name) { out.endLine() }
                if cells.contains(name) { out.space() }
            case .other:
                break
            }
            more = try reader.read()
        }
        return out.finished()
    }

    /// `hidden`, or an inline `display: none`.
    private static func isHidden(_ reader: XMLReader) -> Bool {
        if reader.attribute("hidden") != nil { return true }
        guard let style = reader.attribute("style")?.lowercased() else { return false }
        return style.filter { !$0.isWhitespace }.contains("display:none")
    }

    /// UTF-8 when the page declares no charset and its bytes are valid UTF-8 (what browsers
    /// conclude); otherwise the parser reads the declaration (or falls back to Latin-1).
    private static func sniffEncoding(_ bytes: [UInt8]) -> String? {
        let head = String(decoding: bytes.prefix(2048), as: UTF8.self).lowercased()
        if head.contains("charset") || head.hasPrefix("\u{FEFF}") { return nil }
        return String(validating: bytes, as: UTF8.self) != nil ? "UTF-8" : nil
    }

    /// Text as laid out: collapsed spaces, line and paragraph ends never doubled.
    private struct Output {
        private var text = ""
        private var pendingSpace = false
        private var atLineStart = true

        mutating func add(_ value: String, preformatted: Bool) {
            if preformatted {
                flushSpace()
                text += value
                atLineStart = value.last == "\n"
                return
            }
            for c in value {
                if c == " " || c == "\t" || c == "\n" || c == "\r" || c == "\u{0C}" {
                    if !atLineStart { pendingSpace = true }
                } else {
                    flushSpace()
                    text.append(c)
                    atLineStart = false
                }
            }
        }

        mutating func space() { if !atLineStart { pendingSpace = true } }

        private mutating func flushSpace() {
            if pendingSpace && !atLineStart { text += " " }
            pendingSpace = false
        }

        mutating func lineBreak() {
            text += "\n"
            pendingSpace = false
            atLineStart = true
        }

        mutating func endLine() {
            pendingSpace = false
            if !atLineStart { lineBreak() }
        }

        mutating func endParagraph() {
            endLine()
            if !text.isEmpty && !text.hasSuffix("\n\n") { text += "\n" }
        }

        func finished() -> String {
            var result = text
            while result.hasSuffix("\n\n") { result.removeLast() }
            return result
        }
    }
}
