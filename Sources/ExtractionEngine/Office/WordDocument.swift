import Extraction

/// Text of an Office Open XML word-processing document (ECMA-376 Part 1, §17): the body's
/// paragraphs in order with their runs joined, then footnotes, endnotes, headers, footers and
/// comments. Tracked changes read as "accept all": insertions kept, deletions (`w:del`,
/// `w:moveFrom`) left out and counted.
struct WordDocument {
    /// Bumped whenever the same document would give other text.
    static let layoutVersion = 1

    private static let main: Set<String> = [
        "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
        "http://purl.oclc.org/ooxml/wordprocessingml/main",  // ISO 29500 strict
    ]
    private static let markupCompatibility = "http://schemas.openxmlformats.org/markup-compatibility/2006"

    private(set) var deleted = 0
    private(set) var inserted = 0

    /// The text of each part, body first.
    mutating func read(_ package: inout ZipPackage) throws(ExtractionFailure) -> [String] {
        guard let rootRelations = try package.read("_rels/.rels") else {
            throw ExtractionFailure(.damaged, "not a DOCX: no _rels/.rels part")
        }
        let documentPath = try Relationships(xml: rootRelations, base: "")
            .targets(ofType: "officeDocument").first ?? "word/document.xml"
        guard let document = try package.read(documentPath) else {
            throw ExtractionFailure(.damaged, "not a DOCX: no \(documentPath) part")
        }
        var texts = [try text(of: document)]
        let folder = documentPath.split(separator: "/").dropLast().joined(separator: "/")
        let relationsPath = (folder.isEmpty ? "" : folder + "/") + "_rels/" + (documentPath.split(separator: "/").last.map(String.init) ?? "") + ".rels"
        if let relations = try package.read(relationsPath) {
            let parts = try Relationships(xml: relations, base: folder)
            for type in ["footnotes", "endnotes", "header", "footer", "comments"] {
                for path in parts.targets(ofType: type) {
                    guard let bytes = try package.read(path) else { continue }
                    texts.append(try text(of: bytes))
                }
            }
        }
        return texts
    }

    /// One part's paragraphs, one line each.
    private mutating func text(of bytes: [UInt8]) throws(ExtractionFailure) -> String {
        guard let reader = XMLReader(xml: bytes) else { throw ExtractionFailure(.damaged, "a DOCX part is not XML") }
        var out = ""
        var deletedDepth = 0
        var inText = false
        var inRun = false
        var inRunProperties = false
        var hiddenRun = false
        var more = try reader.read()
        while more {
            let node = reader.node
            if node == .text {
                if inText && deletedDepth == 0 && !hiddenRun { out += reader.value }
                more = try reader.read()
                continue
            }
            let namespace = reader.namespace ?? ""
            if namespace == Self.markupCompatibility, node == .element, reader.localName == "Fallback" {
                more = try reader.skip()  // the same content as mc:Choice, for older readers
                continue
            }
            guard Self.main.contains(namespace) else {
                more = try reader.read()
                continue
            }
            let name = reader.localName
            let empty = reader.isEmptyElement
            if node == .element {
                switch name {
                case "instrText", "delInstrText":
                    // Field instructions (PAGE, HYPERLINK ...) are not shown; their results are.
                    more = try reader.skip()
                    continue
                case "t", "delText": inText = !empty
                case "r":
                    inRun = !empty
                    hiddenRun = false
                case "rPr": inRunProperties = inRun && !empty
                case "vanish", "specVanish":
                    if inRunProperties, !["0", "false", "off"].contains(reader.attribute("val", namespace: namespace) ?? "") {
                        hiddenRun = true
                    }
                case "del", "moveFrom":
                    if !empty {
                        if deletedDepth == 0 { deleted += 1 }
                        deletedDepth += 1
                    }
                case "ins", "moveTo":
                    if !empty { inserted += 1 }
                case "tab" where inRun: if deletedDepth == 0 && !hiddenRun { out += "\t" }
                case "br", "cr": if inRun && deletedDepth == 0 && !hiddenRun { out += "\n" }
                case "noBreakHyphen": if deletedDepth == 0 && !hiddenRun { out += "-" }
                case "sym":
                    if deletedDepth == 0, !hiddenRun, let code = reader.attribute("char", namespace: namespace).flatMap({ UInt32($0, radix: 16) }),
                       let scalar = Unicode.Scalar(code), !(0xE000...0xF8FF).contains(code) {
                        out.unicodeScalars.append(scalar)
                    }
                default: break
                }
                if empty && name == "p" { out += "\n" }
            } else if node == .endElement {
                switch name {
                case "t", "delText": inText = false
                case "r":
                    inRun = false
                    hiddenRun = false
                case "rPr": inRunProperties = false
                case "del", "moveFrom": deletedDepth = max(0, deletedDepth - 1)
                case "p": out += "\n"
                default: break
                }
            }
            more = try reader.read()
        }
        return out
    }
}

/// The relationships of a package part (OPC, ECMA-376 Part 2, §9.3): targets by type.
struct Relationships {
    private var entries: [(type: String, target: String)] = []

    init(xml bytes: [UInt8], base: String) throws(ExtractionFailure) {
        guard let reader = XMLReader(xml: bytes) else { throw ExtractionFailure(.damaged, "a relationships part is not XML") }
        while try reader.read() {
            guard reader.node == .element, reader.localName == "Relationship",
                  reader.attribute("TargetMode") != "External",
                  let type = reader.attribute("Type"), let target = reader.attribute("Target")
            else { continue }
            entries.append((type, Self.resolve(target, base: base)))
        }
    }

    /// Targets whose type URI ends in `/name`, in the order of the part names' numbers
    /// (header1.xml, header2.xml, ... header10.xml).
    func targets(ofType name: String) -> [String] {
        entries.filter { $0.type.hasSuffix("/" + name) }.map(\.target).sorted { a, b in
            let (na, nb) = (Self.number(in: a), Self.number(in: b))
            return na != nb ? na < nb : a < b
        }
    }

    private static func number(in path: String) -> Int {
        Int(String(path.split(separator: "/").last?.filter(\.isNumber) ?? "")) ?? 0
    }

    private static func resolve(_ target: String, base: String) -> String {
        var segments = target.hasPrefix("/") ? [] : base.split(separator: "/").map(String.init)
        for segment in target.split(separator: "/") {
            switch segment {
            case ".": continue
            case "..": if !segments.isEmpty { segments.removeLast() }
            default: segments.append(String(segment))
            }
        }
        return segments.joined(separator: "/")
    }
}
