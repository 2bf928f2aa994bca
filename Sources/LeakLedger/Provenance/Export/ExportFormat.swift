/// The formats of `export --format`.
public enum ExportFormat: String, LedgerVocabulary {
    /// W3C PROV-O in Turtle: documents are entities, parties agents.
    case prov
    /// The same PROV-O graph in JSON-LD.
    case provJSONLD = "prov-jsonld"
    /// A Graphviz graph of documents, statements and parties.
    case dot
    /// The Graphviz graph rendered to SVG (needs Graphviz's dot).
    case svg
    /// Party × document matrix of current statuses (RFC 4180).
    case csv
    /// The raw entries, one canonical JSON line each.
    case jsonl

    /// "format".
    public static var fieldName: String { "format" }

    /// One line of help for this format.
    public var summary: String {
        switch self {
        case .prov: "W3C PROV-O in Turtle: documents are entities, parties agents"
        case .provJSONLD: "the same PROV-O graph in JSON-LD"
        case .dot: "a Graphviz graph of documents, statements and parties"
        case .svg: "the Graphviz graph rendered to SVG (needs Graphviz's dot)"
        case .csv: "party × document matrix of current statuses (RFC 4180)"
        case .jsonl: "the raw entries, one canonical JSON line each"
        }
    }
}

extension Provenance {
    /// The export in `format`, as text. `svg` runs Graphviz (`Graphviz.svg(fromDOT:)`).
    public func export(_ format: ExportFormat) throws(LedgerError) -> String {
        switch format {
        case .prov: turtle()
        case .provJSONLD: jsonLD().canonicalString + "\n"
        case .dot: dot()
        case .svg: try Graphviz.svg(fromDOT: dot())
        case .csv: csv()
        case .jsonl: jsonl()
        }
    }

    /// The raw entries, one canonical line each, each ending in a newline: `log/entries.jsonl`.
    public func jsonl() -> String {
        entries.map { String(decoding: $0.canonicalBytes, as: UTF8.self) + "\n" }.joined()
    }

    /// The current statuses (corrections applied, withdrawn ones left out), by document then party.
    var currentStatusesByDocument: [(document: String, statuses: [(party: String, status: Corrected<StatusRecord>)])] {
        documentIDs.map { ($0, currentStatuses(about: $0)) }
    }
}
