import Foundation
import Testing
@testable import LeakLedger

/// Each export is parsed by an independent reader: `Entry(line:)` for JSONL, Python's `csv`
/// module for CSV, Graphviz for DOT, rdflib for Turtle and JSON-LD, and Python's `prov` (the
/// W3C PROV data model) for what a PROV reader makes of the Turtle.
@Suite struct ExportTests {
    /// A fixture with names chosen to break naive quoting in every format.
    static func hostile() throws -> ProvenanceFixture {
        var f = try ProvenanceFixture.sample()
        f.register("memo \"q\"", title: "Line one\nline \\two\\ <&>", publisher: "Smith, Jones & \"Co\"")
        try f.add(f.provenance.statusDraft(party: "Office, \"Special\"\nDesk", document: "memo \"q\"", status: "disputed",
                                           statement: "It is \"altered\";\\ back\\slash,\ttab"))
        try f.add(f.provenance.linkDraft(from: "memo \"q\"", relation: "derived_from", to: "memo-a", note: "a \"note\"\n2"))
        return f
    }

    @Test func jsonlLinesParseBackToTheEntries() throws {
        let f = try Self.hostile()
        let text = f.provenance.jsonl()
        #expect(text.hasSuffix("\n"))
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == f.entries.count)
        for (line, entry) in zip(lines, f.entries) { #expect(try Entry(line: Array(line.utf8)) == entry) }
    }

    @Test(.enabled(if: ExportPython.available, "python3 is not installed"))
    func csvParsesWithPythonsReader() throws {
        let csv = try Self.hostile().provenance.csv()
        #expect(csv.hasSuffix("\r\n"))
        let rows = try ExportPython.run("""
            import csv, io, json, sys
            data = sys.stdin.buffer.read().decode("utf-8")
            print(json.dumps(list(csv.reader(io.StringIO(data, newline=""), strict=True))))
            """, input: csv)
        let parsed = try JSONValue(parsing: rows)
        #expect(parsed == [
            ["party", "memo-a", "memo \"q\""],
            ["Ministry of Examples", "confirmed", ""],
            ["Agency Foo", "declined_to_comment", ""],
            ["Office, \"Special\"\nDesk", "", "disputed"],
        ])
    }

    @Test func csvQuotingFollowsRFC4180() {
        #expect(Provenance.csvField("plain") == "plain")
        #expect(Provenance.csvField("a,b") == "\"a,b\"")
        #expect(Provenance.csvField("say \"x\"") == "\"say \"\"x\"\"\"")
        #expect(Provenance.csvField("two\r\nlines") == "\"two\r\nlines\"")
    }

    @Test(.enabled(if: Graphviz.dotPath != nil, "Graphviz is not installed (apt-get install graphviz)"))
    func dotRendersAndKeepsEveryLabelIntact() throws {
        let p = try Self.hostile().provenance
        let dot = p.dot()
        let svg = try Graphviz.svg(fromDOT: dot)
        #expect(svg.contains("<svg"))
        // The rendered text lines, read back by an XML parser: each label line must be exactly the
        // original text, so escaping neither lost nor added anything.
        let texts = try ExportPython.run("""
            import json, sys, xml.etree.ElementTree as ET
            root = ET.fromstring(sys.stdin.buffer.read())
            print(json.dumps([t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]))
            """, input: svg)
        let lines = try JSONValue(parsing: texts).array?.compactMap(\.string) ?? []
        for expected in ["memo \"q\"", "Line one", "line \\two\\ <&>", "Office, \"Special\"", "Desk",
                         "Smith, Jones & \"Co\"", "derived_from", "a \"note\"", "quotes", "mirrors", "confirmed",
                         "published", "source", "an anonymous courier", "Diario Ejemplo Ñ", "A fictional press briefing"] {
            #expect(lines.contains(expected), "\(expected)")
        }
        // Node and edge counts, from Graphviz's own reading of the graph.
        let counts = try ExportPython.run("""
            import json, subprocess, sys
            g = json.loads(subprocess.run(["dot", "-Tjson"], input=sys.stdin.buffer.read(), capture_output=True, check=True).stdout)
            print(json.dumps([len(g.get("objects", [])), len(g.get("edges", []))]))
            """, input: dot)
        // 5 documents + 6 agents (publishers, a source, parties); edges: 3 published, 1 source,
        // 3 links, 3 current statuses.
        let parsed = try JSONValue(parsing: counts)
        #expect(parsed == [11, 10], "\(parsed)")
    }

    @Test func dotStringsEscapeQuotesBackslashesAndNewlines() {
        #expect(Provenance.dotString("a\"b\\c\nd") == #""a\"b\\c\nd""#)
    }

    // Without Graphviz, `svg` says how to install it: checked end to end with an empty PATH in
    // ProvenanceCommandTests.svgRendersWithGraphvizOrSaysHowToInstallIt (PATH is process-wide here).

    @Test(.enabled(if: ExportPython.hasRDFLib, "rdflib is not installed (pip install rdflib)"))
    func turtleParsesWithRDFLibAndHasTheProvShape() throws {
        let p = try Self.hostile().provenance
        let turtle = p.turtle()
        let base = "https://ledger.example/fixture/"
        #expect(p.defaultIRIBase == base)
        let answer = try ExportPython.run("""
            import json, sys, rdflib
            from rdflib.namespace import RDF, PROV
            g = rdflib.Graph().parse(data=sys.stdin.buffer.read().decode("utf-8"), format="turtle")
            LL = rdflib.Namespace("https://leakledger.example/ns#")
            def ids(pred, obj): return sorted(str(s) for s in g.subjects(pred, obj))
            out = {
                "entities": ids(RDF.type, PROV.Entity),
                "agents": sorted(str(o) for s in g.subjects(RDF.type, PROV.Agent) for o in g.objects(s, rdflib.RDFS.label)),
                "attributed": sorted([str(s), str(o)] for s, o in g.subject_objects(PROV.wasAttributedTo)),
                "quoted": sorted([str(s), str(o)] for s, o in g.subject_objects(PROV.wasQuotedFrom)),
                "derived": sorted([str(s), str(o)] for s, o in g.subject_objects(PROV.wasDerivedFrom)),
                "statuses": sorted([str(g.value(i, PROV.influencer)), str(g.value(i, LL.status)),
                                    str(g.value(i, LL.statement)), str(d)]
                                   for d, i in g.subject_objects(PROV.qualifiedInfluence) if (i, RDF.type, LL.PartyStatus) in g),
                "links": sorted([str(d), str(g.value(i, PROV.influencer)), str(g.value(i, LL.relation))]
                                for d, i in g.subject_objects(PROV.qualifiedInfluence)
                                if (i, RDF.type, LL.Link) in g and (i, RDF.type, PROV.Influence) in g),
                "sources": sorted([str(s), str(o), type(o).__name__] for s, o in g.subject_objects(LL.source)),
                "saidAt": sorted([str(o), str(o.datatype)] for o in g.objects(None, LL.saidAt)),
                "title": str(g.value(rdflib.URIRef(sys.argv[1] + "document/memo%20%22q%22"), rdflib.namespace.DCTERMS.title)),
            }
            print(json.dumps(out))
            """, arguments: [base], input: turtle)
        let json = try JSONValue(parsing: answer)
        let doc = { (id: String) in JSONValue.string(base + "document/" + id) }
        #expect(json["entities"] == .array([doc("briefing-x"), doc("memo%20%22q%22"), doc("memo-a"), doc("memo-b"),
                                            doc("report-r"), .string(base + "entry/5")]))
        // Publishers and parties only: a source is a channel, a reporter a name or a document.
        #expect(json["agents"] == ["Agency Foo", "Diario Ejemplo Ñ", "Ministry of Examples", "Office, \"Special\"\nDesk",
                                   "Smith, Jones & \"Co\""])
        #expect(json["sources"] == [[doc("memo-a"), "an anonymous courier", "Literal"]])
        #expect(json["links"] == [[doc("memo%20%22q%22"), doc("memo-a"), "derived_from"], [doc("memo-b"), doc("briefing-x"), "mirrors"],
                                  [doc("report-r"), doc("memo-a"), "quotes"]])
        let agent = { (name: String) in JSONValue.string(base + "agent/" + name) }
        #expect(json["attributed"] == [[doc("memo%20%22q%22"), agent("Smith%2C%20Jones%20%26%20%22Co%22")],
                                       [doc("memo-a"), agent("Diario%20Ejemplo%20%C3%91")],
                                       [doc("memo-b"), agent("Diario%20Ejemplo%20%C3%91")]])
        #expect(json["quoted"] == [[doc("report-r"), doc("memo-a")], [.string(base + "entry/5"), doc("memo-a")]])
        #expect(json["derived"] == [[doc("memo%20%22q%22"), doc("memo-a")]])
        let statuses = json["statuses"]?.array ?? []
        #expect(statuses.count == 4)
        #expect(statuses.contains([agent("Office%2C%20%22Special%22%0ADesk"), "disputed",
                                   "It is \"altered\";\\ back\\slash,\ttab", doc("memo%20%22q%22")]))
        #expect(statuses.contains([agent("Ministry%20of%20Examples"), "confirmed", "Yes, that memo is ours.", doc("memo-a")]))
        #expect(json["saidAt"]?.array?.contains(["2021-03-04", "http://www.w3.org/2001/XMLSchema#date"]) == true)
        #expect(json["saidAt"]?.array?.contains(["2021-03-06T09:00:00+01:00", "http://www.w3.org/2001/XMLSchema#dateTime"]) == true)
        #expect(json["title"] == "Line one\nline \\two\\ <&>")
    }

    /// Python's `prov` reads PROV-O back into PROV records. Before links were qualified
    /// influences, it paired a document's unqualified `prov:wasInfluencedBy` with the last of its
    /// status nodes (a party's denial then came from another document) and dropped link nodes.
    @Test(.enabled(if: ExportPython.hasProv, "prov is not installed (pip install prov)"))
    func provReadsEveryStatusAndLinkAsItsOwnInfluence() throws {
        var f = try Self.hostile()
        // memo-a has statuses and now responds to the briefing; report-r quotes and cites memo-a.
        try f.add(f.provenance.linkDraft(from: "memo-a", relation: "responds_to", to: "briefing-x"))
        try f.add(f.provenance.linkDraft(from: "report-r", relation: "cites", to: "memo-a"))
        try f.add(f.provenance.statusDraft(party: "Agency Foo", document: "memo-b", status: "denied"))
        let p = f.provenance
        let base = p.defaultIRIBase
        let answer = try ExportPython.run("""
            import json, sys, warnings
            import prov
            warnings.simplefilter("ignore")
            doc = prov.read(sys.stdin, format="rdf", rdf_format="turtle")
            influences = {}
            for record in doc.get_records(prov.model.ProvInfluence):
                args = record.formal_attributes
                influences[str(record.identifier.uri)] = [str(args[0][1].uri), str(args[1][1].uri)]
            agents = sorted(str(a.identifier.uri) for a in doc.get_records(prov.model.ProvAgent))
            print(json.dumps({"influences": influences, "agents": agents}))
            """, input: p.turtle())
        let json = try JSONValue(parsing: answer)
        let influences = try #require(json["influences"]?.object)
        func docIRI(_ id: String) -> JSONValue { .string(base + "document/" + Self.percentEncoded(id)) }
        func agentIRI(_ name: String) -> JSONValue { .string(base + "agent/" + Self.percentEncoded(name)) }
        var expected: [String: JSONValue] = [:]
        for record in p.statuses { if let s = record.current { expected[base + "entry/\(record.seq)"] = [docIRI(s.document), agentIRI(s.party)] } }
        for record in p.links { if let l = record.current { expected[base + "entry/\(record.seq)"] = [docIRI(l.from), docIRI(l.to)] } }
        #expect(expected.count == 10)  // 5 statuses, 5 links
        #expect(influences == expected)
        let agents = Set(["Agency Foo", "Diario Ejemplo Ñ", "Ministry of Examples", "Office, \"Special\"\nDesk", "Smith, Jones & \"Co\""].map(agentIRI))
        #expect(Set(json["agents"]?.array ?? []) == agents)
    }

    /// The export's IRI escaping: unreserved ASCII kept, every other byte percent-encoded.
    static func percentEncoded(_ text: String) -> String {
        text.utf8.map { byte in
            let c = Character(Unicode.Scalar(byte))
            return byte < 0x80 && (c.isLetter || c.isNumber || "-._~".contains(c)) ? String(c) : String(format: "%%%02X", byte)
        }.joined()
    }

    @Test(.enabled(if: ExportPython.hasRDFLib, "rdflib is not installed (pip install rdflib)"))
    func jsonLDIsTheSameGraphAsTurtle() throws {
        let p = try Self.hostile().provenance
        let answer = try ExportPython.run("""
            import json, sys, rdflib
            from rdflib.compare import isomorphic
            turtle, jsonld = json.loads(sys.stdin.buffer.read())
            a = rdflib.Graph().parse(data=turtle, format="turtle")
            b = rdflib.Graph().parse(data=jsonld, format="json-ld")
            print(json.dumps([len(a), len(b), isomorphic(a, b)]))
            """, input: JSONValue.array([.string(p.turtle()), .string(p.jsonLD().canonicalString)]).canonicalString)
        let result = try JSONValue(parsing: answer)
        #expect(result[safe: 2] == true)
        #expect((result[safe: 0]?.int ?? 0) > 80)
    }

    @Test func everyFormatIsListed() {
        #expect(ExportFormat.allowedValues == ["prov", "prov-jsonld", "dot", "svg", "csv", "jsonl"])
        let error = #expect(throws: LedgerError.self) { try ExportFormat.parse("xml") }
        #expect(error?.isUsage(mentioning: "prov, prov-jsonld, dot, svg, csv, jsonl") == true)
    }
}

extension JSONValue {
    fileprivate subscript(safe index: Int) -> JSONValue? {
        guard let array, array.indices.contains(index) else { return nil }
        return array[index]
    }
}

/// Runs Python scripts as independent readers of the exports.
enum ExportPython {
    static let available: Bool = (try? run("print(1)", input: "")) == "1\n"
    static let hasRDFLib: Bool = (try? run("import rdflib; print(1)", input: "")) == "1\n"
    static let hasProv: Bool = (try? run("import prov.model; print(1)", input: "")) == "1\n"

    struct Failed: Error, CustomStringConvertible {
        let description: String
    }

    /// Runs `python3 -c script arguments...` with `input` on standard input; standard output.
    static func run(_ script: String, arguments: [String] = [], input: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script] + arguments
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        let writer = stdin.fileHandleForWriting
        let data = Data(input.utf8)
        let thread = Thread {
            writer.write(data)
            try? writer.close()
        }
        thread.start()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        let errors = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failed(description: "python3 failed: " + String(decoding: errors, as: UTF8.self))
        }
        return String(decoding: output, as: UTF8.self)
    }
}
