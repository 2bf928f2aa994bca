import Foundation

extension Provenance {
    /// A Graphviz digraph: documents (notes), statements (rounded boxes) and agents (ellipses:
    /// parties, publishers, sources), with edges labelled by relation, current status, `published`
    /// and `source`. Withdrawn entries are left out; corrections are applied.
    public func dot() -> String {
        var out = "digraph leakledger {\n"
        out += "  graph [rankdir=LR, fontname=\"Helvetica\", label=\(Self.dotString(origin ?? "leakledger"))];\n"
        out += "  node [fontname=\"Helvetica\", fontsize=11];\n  edge [fontname=\"Helvetica\", fontsize=9];\n"
        var agents: [String] = []
        func agent(_ name: String) -> String {
            if !agents.contains(name) { agents.append(name) }
            return Self.dotString("agent:" + name)
        }
        var edges = ""
        for record in documents {
            guard let current = record.current else { continue }
            let node = Self.dotString("doc:" + current.id)
            var label = current.id
            if let title = current.title { label += "\n" + title }
            let shape = current.isStatement ? "box, style=rounded" : "note"
            out += "  \(node) [label=\(Self.dotString(label)), shape=\(shape)];\n"
            if let publisher = current.publisher {
                edges += "  \(agent(publisher)) -> \(node) [label=\"published\", style=dashed];\n"
            }
            if let source = current.source {
                let from = document(source)?.current != nil ? Self.dotString("doc:" + source) : agent(source)
                edges += "  \(from) -> \(node) [label=\"source\", style=dotted];\n"
            }
        }
        for link in links {
            guard let value = link.current else { continue }
            var label = value.relation
            if let note = value.note { label += "\n" + note }
            edges += "  \(Self.dotString("doc:" + value.from)) -> \(Self.dotString("doc:" + value.to))"
                + " [label=\(Self.dotString(label))];\n"
        }
        for (document, statuses) in currentStatusesByDocument {
            for (party, record) in statuses {
                guard let value = record.current else { continue }
                var label = value.status
                if let at = value.at { label += "\n" + at }
                edges += "  \(agent(party)) -> \(Self.dotString("doc:" + document))"
                    + " [label=\(Self.dotString(label)), color=\(Self.dotColor(value.status))];\n"
            }
        }
        for name in agents { out += "  \(Self.dotString("agent:" + name)) [label=\(Self.dotString(name)), shape=ellipse];\n" }
        return out + edges + "}\n"
    }

    /// A DOT quoted string whose label reads as `text`: backslash and quote escaped, line breaks
    /// as `\n` (a centred line), so no name can end the string or inject attributes.
    static func dotString(_ text: String) -> String {
        var out = "\""
        for character in text {
            switch character {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n", "\r\n", "\r": out += "\\n"
            default: out.append(character)
            }
        }
        return out + "\""
    }

    private static func dotColor(_ status: String) -> String {
        switch PartyStatus(rawValue: status) {
        case .confirmed, .authenticatedTechnical: "darkgreen"
        case .denied, .deniedInvolvement, .disputed: "red3"
        default: "darkorange3"
        }
    }
}

/// Renders DOT with Graphviz's `dot`, when it is installed.
public enum Graphviz {
    /// The `dot` program on `PATH`, if any.
    public static var dotPath: String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/dot" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// SVG from DOT text; `missing` (exit 66) when Graphviz is not installed, saying how to install it.
    public static func svg(fromDOT dot: String) throws(LedgerError) -> String {
        guard let dotPath else {
            throw LedgerError.missing(
                "Graphviz's dot is not installed; install it (apt-get install graphviz, or brew install graphviz) "
                    + "or use --format dot and render the graph elsewhere")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: dotPath)
        process.arguments = ["-Tsvg"]
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        do { try process.run() } catch {
            throw LedgerError(.io, "cannot run \(dotPath): \(error.localizedDescription)")
        }
        // Write on another thread: dot may fill its output pipe before it has read all its input.
        let writer = input.fileHandleForWriting
        let data = Data(dot.utf8)
        let thread = Thread {
            writer.write(data)
            try? writer.close()
        }
        thread.start()
        let svg = output.fileHandleForReading.readDataToEndOfFile()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw LedgerError(.io, "dot -Tsvg failed: " + String(decoding: message, as: UTF8.self)
                .trimmingCharacters(in: .whitespacesAndNewlines))
        }
        return String(decoding: svg, as: UTF8.self)
    }
}
