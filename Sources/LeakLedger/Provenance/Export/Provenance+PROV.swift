/// The terms LeakLedger adds to W3C PROV-O in its exports.
public enum ProvenanceVocabulary {
    /// The namespace of LeakLedger's own terms (`ll:` in exports).
    public static let namespace = "https://leakledger.example/ns#"
}

extension Provenance {
    /// W3C PROV-O in Turtle. Documents and statements are `prov:Entity`; publishers and parties,
    /// and only they, are `prov:Agent` (a source is the channel a document came through, named by
    /// `ll:source`, and a reporter is named by `ll:reportedBy`: a document when registered, else
    /// text); a publisher is `prov:wasAttributedTo` (with a qualified attribution in role
    /// `ll:publisher`); `quotes` is `prov:wasQuotedFrom`, `derived_from` `prov:wasDerivedFrom`,
    /// `supersedes` `prov:wasRevisionOf`, `cites` and `responds_to` `prov:wasInfluencedBy`,
    /// every link also `ll:<relation>`. Every link and every status is its own node, a
    /// `prov:Influence` that its document names with `prov:qualifiedInfluence` and whose
    /// `prov:influencer` is the linked document or the party, so that a PROV reader (Python's
    /// `prov`) keeps each one apart and pairs it with the right document: a link node is also
    /// an `ll:Link` (`ll:relation`, `rdfs:comment`), a status node an `ll:PartyStatus`
    /// (`ll:status`, `ll:statement`, `ll:saidAt`, `ll:reportedBy`); excerpts are entities
    /// `prov:wasQuotedFrom` their document. IRIs are minted under `base`.
    public func turtle(base: String? = nil) -> String { provGraph(base: base).turtle }

    /// The same graph as `turtle(base:)`, in JSON-LD.
    public func jsonLD(base: String? = nil) -> JSONValue { provGraph(base: base).jsonLD }

    /// The base of minted IRIs: `https://ORIGIN/` when the origin reads as a host and path
    /// (as C2SP origins do), else `urn:leakledger:`.
    public var defaultIRIBase: String {
        if let origin, let first = origin.split(separator: "/").first, first.contains("."),
           origin.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-._~/".contains($0)) }) {
            return "https://" + origin + (origin.hasSuffix("/") ? "" : "/")
        }
        return "urn:leakledger:"
    }

    func provGraph(base: String?) -> RDFGraph {
        let base = base ?? defaultIRIBase
        func encoded(_ text: String) -> String {
            var out = ""
            for byte in text.utf8 {
                let character = Character(Unicode.Scalar(byte))
                if byte < 0x80, character.isLetter || character.isNumber || "-._~".contains(character) {
                    out.append(character)
                } else {
                    out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(2)
                }
            }
            return out
        }
        func doc(_ id: String) -> String { base + "document/" + encoded(id) }
        func agent(_ name: String) -> String { base + "agent/" + encoded(name) }
        func entry(_ seq: Int) -> String { base + "entry/" + String(seq) }
        func dateType(_ text: String) -> String { text.count == 10 ? "xsd:date" : "xsd:dateTime" }
        var graph = RDFGraph()
        func addAgent(_ name: String) {
            graph.add(agent(name), RDFGraph.rdfType, .iri("prov:Agent"))
            graph.add(agent(name), "rdfs:label", literal: name)
        }

        for record in documents {
            guard let current = record.current else { continue }
            let subject = doc(current.id)
            graph.add(subject, RDFGraph.rdfType, .iri("prov:Entity"))
            graph.add(subject, RDFGraph.rdfType, .iri(current.isStatement ? "ll:Statement" : "ll:Document"))
            graph.add(subject, "dcterms:identifier", literal: current.id)
            graph.add(subject, "rdfs:label", literal: current.title ?? current.id)
            graph.add(subject, "dcterms:title", literal: current.title)
            graph.add(subject, "ll:sha256", literal: current.sha256)
            graph.add(subject, "ll:textSHA256", literal: current.textSHA256)
            graph.add(subject, "ll:bytes", literal: current.bytes.map(String.init), datatype: "xsd:integer")
            graph.add(subject, "ll:marking", literal: current.marking)
            graph.add(subject, "ll:content", literal: current.content)
            if let published = current.published {
                graph.add(subject, "dcterms:issued", literal: published, datatype: dateType(published))
            }
            graph.add(subject, "ll:registeredAt", literal: record.time, datatype: "xsd:dateTime")
            graph.add(subject, "ll:registeredIn", .iri(entry(record.seq)))
            if let publisher = current.publisher {
                addAgent(publisher)
                let attribution = entry(record.seq) + "#publisher"
                graph.add(subject, "prov:wasAttributedTo", .iri(agent(publisher)))
                graph.add(subject, "dcterms:publisher", .iri(agent(publisher)))
                graph.add(subject, "prov:qualifiedAttribution", .iri(attribution))
                graph.add(attribution, RDFGraph.rdfType, .iri("prov:Attribution"))
                graph.add(attribution, "prov:agent", .iri(agent(publisher)))
                graph.add(attribution, "prov:hadRole", .iri("ll:publisher"))
            }
            if let source = current.source {
                if document(source)?.current != nil {
                    graph.add(subject, "prov:hadPrimarySource", .iri(doc(source)))
                } else {
                    // A channel ("secure drop"), never a person to protect: no agent.
                    graph.add(subject, "ll:source", literal: source)
                }
            }
        }

        let provRelations: [String: String] = [
            Relation.quotes.rawValue: "prov:wasQuotedFrom", Relation.derivedFrom.rawValue: "prov:wasDerivedFrom",
            Relation.supersedes.rawValue: "prov:wasRevisionOf", Relation.cites.rawValue: "prov:wasInfluencedBy",
            Relation.respondsTo.rawValue: "prov:wasInfluencedBy",
        ]
        for record in links {
            guard let link = record.current else { continue }
            if let property = provRelations[link.relation] { graph.add(doc(link.from), property, .iri(doc(link.to))) }
            graph.add(doc(link.from), "ll:" + link.relation, .iri(doc(link.to)))
            let node = entry(record.seq)
            graph.add(doc(link.from), "prov:qualifiedInfluence", .iri(node))
            graph.add(node, RDFGraph.rdfType, .iri("prov:Influence"))
            graph.add(node, RDFGraph.rdfType, .iri("ll:Link"))
            graph.add(node, "prov:influencer", .iri(doc(link.to)))
            graph.add(node, "ll:from", .iri(doc(link.from)))
            graph.add(node, "ll:relation", literal: link.relation)
            graph.add(node, "ll:to", .iri(doc(link.to)))
            graph.add(node, "rdfs:comment", literal: link.note)
            graph.add(node, "ll:recordedAt", literal: record.time, datatype: "xsd:dateTime")
        }

        let currentSeqs = Set(currentStatusesByDocument.flatMap { $0.statuses.map(\.status.seq) })
        for record in statuses {
            guard let status = record.current else { continue }
            let node = entry(record.seq)
            addAgent(status.party)
            graph.add(doc(status.document), "prov:qualifiedInfluence", .iri(node))
            graph.add(node, RDFGraph.rdfType, .iri("prov:Influence"))
            graph.add(node, RDFGraph.rdfType, .iri("ll:PartyStatus"))
            graph.add(node, "prov:influencer", .iri(agent(status.party)))
            graph.add(node, "ll:status", literal: status.status)
            graph.add(node, "ll:statement", literal: status.statement)
            if let at = status.at { graph.add(node, "ll:saidAt", literal: at, datatype: dateType(at)) }
            if let reporter = status.reportedBy {
                if document(reporter)?.current != nil {
                    graph.add(node, "ll:reportedBy", .iri(doc(reporter)))
                } else {
                    graph.add(node, "ll:reportedBy", literal: reporter)
                }
            }
            graph.add(node, "ll:current", literal: currentSeqs.contains(record.seq) ? "true" : "false",
                      datatype: "xsd:boolean")
            graph.add(node, "ll:recordedAt", literal: record.time, datatype: "xsd:dateTime")
            for correction in record.corrections { graph.add(node, "ll:correctedBy", .iri(entry(correction.seq))) }
        }

        for record in excerpts {
            guard let excerpt = record.current else { continue }
            let node = entry(record.seq)
            graph.add(node, RDFGraph.rdfType, .iri("prov:Entity"))
            graph.add(node, RDFGraph.rdfType, .iri("ll:Excerpt"))
            graph.add(node, "prov:value", literal: excerpt.text)
            graph.add(node, "prov:wasQuotedFrom", .iri(doc(excerpt.document)))
            if let citedBy = excerpt.citedBy {
                if document(citedBy)?.current != nil {
                    graph.add(node, "ll:printedIn", .iri(doc(citedBy)))
                } else {
                    graph.add(node, "ll:printedBy", literal: citedBy)
                }
            }
        }
        return graph
    }
}

extension String {
    fileprivate func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
