import Extraction

/// Text of an OpenDocument text (ODF 1.2/1.3, part 1 §5–§6): the body's paragraphs and
/// headings in order, then footnotes and endnotes, the master pages' headers and footers
/// (`styles.xml`), and comments. Tracked changes read as "accept all": the deleted text, kept
/// in `text:tracked-changes`, is left out and its deletions counted.
struct OpenDocument {
    /// Bumped whenever the same document would give other text.
    static let layoutVersion = 1

    private static let textNS = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
    private static let officeNS = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
    private static let styleNS = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"

    private(set) var deleted = 0
    private(set) var inserted = 0

    /// Where the text being read goes.
    private enum Stream: Int, CaseIterable { case body, notes, headers, footers, comments }

    /// The text of each stream, body first.
    mutating func read(_ package: inout ZipPackage) throws(ExtractionFailure) -> [String] {
        guard let content = try package.read("content.xml") else {
            throw ExtractionFailure(.damaged, "not an OpenDocument text: no content.xml")
        }
        var streams = Array(repeating: "", count: Stream.allCases.count)
        try read(content, into: &streams, masterPages: false)
        if let styles = try package.read("styles.xml") {
            try read(styles, into: &streams, masterPages: true)
        }
        return streams
    }

    private mutating func read(_ bytes: [UInt8], into streams: inout [String], masterPages: Bool) throws(ExtractionFailure) {
        guard let reader = XMLReader(xml: bytes) else { throw ExtractionFailure(.damaged, "an OpenDocument part is not XML") }
        var targets: [Stream] = []          // a stack: notes and comments inside paragraphs
        var paragraphDepth = 0
        var inMasterStyles = false
        var more = try reader.read()
        func write(_ text: String) {
            guard let target = targets.last else { return }
            streams[target.rawValue] += text
        }
        while more {
            let node = reader.node
            if node == .text {
                // ODF §6.1.2: white space inside paragraphs collapses to one space.
                if paragraphDepth > 0, !targets.isEmpty { write(Self.collapse(reader.value, after: streams[targets.last!.rawValue])) }
                more = try reader.read()
                continue
            }
            let namespace = reader.namespace ?? ""
            let name = reader.localName
            let empty = reader.isEmptyElement
            if node == .element {
                switch (namespace, name) {
                case (Self.officeNS, "text") where !masterPages: targets = [.body]
                case (Self.officeNS, "master-styles"): inMasterStyles = !empty
                case (Self.styleNS, let part) where inMasterStyles && part.hasPrefix("header") && !empty: targets.append(.headers)
                case (Self.styleNS, let part) where inMasterStyles && part.hasPrefix("footer") && !empty: targets.append(.footers)
                case (Self.textNS, "tracked-changes"):
                    try countChanges(reader, empty: empty)
                    more = try reader.read()
                    continue
                case (Self.textNS, "note-citation"), (Self.officeNS, "annotation-end"):
                    more = try reader.skip()
                    continue
                case (Self.textNS, "note-body") where !empty: targets.append(.notes)
                case (Self.officeNS, "annotation") where !empty: targets.append(.comments)
                case ("http://purl.org/dc/elements/1.1/", _) where targets.last == .comments:
                    more = try reader.skip()  // a comment's author and date
                    continue
                case (Self.textNS, "p"), (Self.textNS, "h"):
                    if empty { write("\n") } else { paragraphDepth += 1 }
                case (Self.textNS, "s") where paragraphDepth > 0:
                    let count = reader.attribute("c", namespace: Self.textNS).flatMap { Int($0) } ?? 1
                    write(String(repeating: " ", count: max(0, min(count, 1000))))
                case (Self.textNS, "tab") where paragraphDepth > 0: write("\t")
                case (Self.textNS, "line-break") where paragraphDepth > 0: write("\n")
                default: break
                }
            } else if node == .endElement {
                switch (namespace, name) {
                case (Self.officeNS, "text") where !masterPages: targets = []
                case (Self.officeNS, "master-styles"): inMasterStyles = false
                case (Self.styleNS, let part) where inMasterStyles && (part.hasPrefix("header") || part.hasPrefix("footer")):
                    if !targets.isEmpty { targets.removeLast() }
                case (Self.textNS, "note-body"), (Self.officeNS, "annotation"):
                    if !targets.isEmpty { targets.removeLast() }
                case (Self.textNS, "p"), (Self.textNS, "h"):
                    paragraphDepth = max(0, paragraphDepth - 1)
                    write("\n")
                default: break
                }
            }
            more = try reader.read()
        }
    }

    /// Counts the changes recorded in `text:tracked-changes` and moves past it: the deleted
    /// text it holds is not part of the document as accepted.
    private mutating func countChanges(_ reader: XMLReader, empty: Bool) throws(ExtractionFailure) {
        guard !empty else { return }
        var depth = 1
        while depth > 0, try reader.read() {
            switch reader.node {
            case .element where !reader.isEmptyElement:
                depth += 1
                if reader.namespace == Self.textNS {
                    if reader.localName == "deletion" { deleted += 1 }
                    if reader.localName == "insertion" { inserted += 1 }
                }
            case .element:
                if reader.namespace == Self.textNS, reader.localName == "insertion" { inserted += 1 }
            case .endElement: depth -= 1
            default: break
            }
        }
    }

    /// `text` with runs of white space as one space, and none leading a line.
    private static func collapse(_ text: String, after previous: String) -> String {
        var out = ""
        var lastSpace = previous.isEmpty || previous.last == " " || previous.last == "\n" || previous.last == "\t"
        for c in text {
            if c == " " || c == "\t" || c == "\n" || c == "\r" {
                if !lastSpace { out.append(" ") }
                lastSpace = true
            } else {
                out.append(c)
                lastSpace = false
            }
        }
        return out
    }
}
