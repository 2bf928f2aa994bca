import Foundation
import Testing
@testable import LeakLedger

/// A fictional ledger built entry by entry, as the ledger would append them.
struct ProvenanceFixture {
    var entries: [Entry] = []

    init() {
        add(.ledgerCreated, ["origin": "ledger.example/fixture", "format": 1, "verifier_keys": []])
    }

    var provenance: Provenance { Provenance(entries: entries) }

    /// Appends an entry with the next seq and a time one minute later than the last.
    @discardableResult
    mutating func add(_ type: EntryType, _ body: JSONValue, actor: String = "desk") -> Int {
        let seq = entries.count
        let time = String(format: "2026-01-01T%02d:%02d:00Z", seq / 60, seq % 60)
        entries.append(Entry(seq: seq, time: time, type: type, actor: actor, body: body))
        return seq
    }

    /// Appends a checked draft.
    @discardableResult
    mutating func add(_ draft: ProvenanceDraft) -> Int { add(draft.type, draft.body) }

    @discardableResult
    mutating func register(_ id: String, kind: String = "document", title: String? = nil, source: String? = nil,
                           publisher: String? = nil, published: String? = nil, marking: String? = nil,
                           sha256: String? = nil) -> Int {
        add(.documentRegistered, .object(dropping: [
            "id": .string(id), "kind": .string(kind), "title": title.map(JSONValue.string),
            "source": source.map(JSONValue.string), "publisher": publisher.map(JSONValue.string),
            "published": published.map(JSONValue.string), "marking": marking.map(JSONValue.string),
            "sha256": sha256.map(JSONValue.string), "bytes": sha256 == nil ? nil : .int(42),
            "content": .string(sha256 == nil ? "excerpts" : "text"), "stored": .bool(false),
        ]))
    }

    /// A small fictional case: two memos published by a fictional paper, a briefing, a report
    /// that quotes them, and what two fictional parties said.
    static func sample() throws -> ProvenanceFixture {
        var f = ProvenanceFixture()
        f.register("memo-a", title: "Fictional memo A", source: "an anonymous courier", publisher: "Diario Ejemplo Ñ",
                   published: "2021-03-04", marking: "restricted", sha256: String(repeating: "ab", count: 32))
        f.register("memo-b", title: "Fictional memo B", publisher: "Diario Ejemplo Ñ", published: "2021-03-04")
        f.register("briefing-x", kind: "statement", title: "A fictional press briefing")
        f.register("report-r", title: "A fictional wire report")
        f.add(.excerptRecorded, ["document": "memo-a", "text": "the widgets shall be counted twice", "cited_by": "report-r"])
        try f.add(f.provenance.statusDraft(party: "Ministry of Examples", document: "memo-a", status: "no_response",
                                           reportedBy: "report-r", at: "2021-03-04"))
        try f.add(f.provenance.statusDraft(party: "Ministry of Examples", document: "memo-a", status: "confirmed",
                                           statement: "Yes, that memo is ours.", reportedBy: "report-r",
                                           at: "2021-03-06T09:00:00+01:00"))
        try f.add(f.provenance.statusDraft(party: "Agency Foo", document: "memo-a", status: "declined_to_comment",
                                           statement: "We do not discuss \"memos\".", reportedBy: "Radio Fictive",
                                           at: "2021-03-05"))
        try f.add(f.provenance.linkDraft(from: "report-r", relation: "quotes", to: "memo-a"))
        try f.add(f.provenance.linkDraft(from: "memo-b", relation: "mirrors", to: "briefing-x",
                                         note: "closely resembles, corroborating only"))
        return f
    }
}

extension LedgerError {
    /// Whether this is a usage error whose message contains every one of `words`.
    func isUsage(mentioning words: String...) -> Bool {
        kind == .usage && words.allSatisfy { message.contains($0) }
    }
}
