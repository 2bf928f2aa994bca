import Foundation

/// A small RDF graph: IRIs and literals, no blank nodes, serialized as Turtle or JSON-LD.
struct RDFGraph {
    /// An RDF term in object position.
    enum Term: Hashable {
        case iri(String)
        case literal(String, datatype: String?)
    }

    /// The prefixes used for vocabulary terms, in output order.
    static let prefixes: [(String, String)] = [
        ("prov", "http://www.w3.org/ns/prov#"),
        ("rdfs", "http://www.w3.org/2000/01/rdf-schema#"),
        ("xsd", "http://www.w3.org/2001/XMLSchema#"),
        ("dcterms", "http://purl.org/dc/terms/"),
        ("ll", ProvenanceVocabulary.namespace),
    ]

    static let rdfType = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"

    private(set) var subjects: [String] = []
    private var statements: [String: [(String, Term)]] = [:]

    /// Adds a triple once; `predicate` is a full IRI or a `prefix:name` of `prefixes`.
    mutating func add(_ subject: String, _ predicate: String, _ object: Term) {
        let predicate = Self.expand(predicate)
        let object: Term = if case .iri(let iri) = object { .iri(Self.expand(iri)) } else { object }
        if statements[subject] == nil { subjects.append(subject) }
        guard !(statements[subject] ?? []).contains(where: { $0.0 == predicate && $0.1 == object }) else { return }
        statements[subject, default: []].append((predicate, object))
    }

    /// Adds a literal when the value is present.
    mutating func add(_ subject: String, _ predicate: String, literal value: String?, datatype: String? = nil) {
        if let value { add(subject, predicate, .literal(value, datatype: datatype.map(Self.expand))) }
    }

    static func expand(_ name: String) -> String {
        for (prefix, namespace) in prefixes where name.hasPrefix(prefix + ":") {
            return namespace + name.dropFirst(prefix.count + 1)
        }
        return name
    }

    /// Turtle 1.1: prefixes, then one block per subject; IRIs in full unless a prefix fits.
    var turtle: String {
        var out = Self.prefixes.map { "@prefix \($0.0): <\($0.1)> .\n" }.joined() + "\n"
        for subject in subjects {
            let lines = statements[subject]!.map { predicate, object in
                (predicate == Self.rdfType ? "a" : Self.turtleIRI(predicate)) + " " + Self.turtle(object)
            }
            out += Self.turtleIRI(subject) + "\n    " + lines.joined(separator: " ;\n    ") + " .\n\n"
        }
        return out
    }

    /// JSON-LD 1.1 with the prefixes as its context: one node object per subject.
    var jsonLD: JSONValue {
        var context: [String: JSONValue] = [:]
        for (prefix, namespace) in Self.prefixes { context[prefix] = .string(namespace) }
        let nodes: [JSONValue] = subjects.map { subject in
            var node: [String: JSONValue] = ["@id": .string(subject)]
            for (predicate, object) in statements[subject]! {
                let key = predicate == Self.rdfType ? "@type" : predicate
                let value: JSONValue = switch object {
                case .iri(let iri): predicate == Self.rdfType ? .string(iri) : ["@id": .string(iri)]
                case .literal(let text, let datatype):
                    .object(dropping: ["@value": .string(text), "@type": datatype.map(JSONValue.string)])
                }
                node[key] = .array((node[key]?.array ?? []) + [value])
            }
            return .object(node)
        }
        return ["@context": .object(context), "@graph": .array(nodes)]
    }

    private static func turtle(_ term: Term) -> String {
        switch term {
        case .iri(let iri): turtleIRI(iri)
        case .literal(let text, let datatype): turtleString(text) + (datatype.map { "^^" + turtleIRI($0) } ?? "")
        }
    }

    /// A prefixed name when the local part is plainly safe, else `<iri>`.
    private static func turtleIRI(_ iri: String) -> String {
        for (prefix, namespace) in prefixes where iri.hasPrefix(namespace) {
            let local = iri.dropFirst(namespace.count)
            if !local.isEmpty, local.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) {
                return prefix + ":" + local
            }
        }
        return "<" + iri + ">"
    }

    /// A Turtle STRING_LITERAL_QUOTE: ECHAR escapes and \u escapes for other controls.
    private static func turtleString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += String(format: "\\u%04X", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
