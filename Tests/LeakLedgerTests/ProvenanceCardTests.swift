import Foundation
import Testing
@testable import LeakLedger

@Suite struct ProvenanceCardTests {
    @Test func historyIsOrderedByWhenSaidAndTheLastIsCurrent() throws {
        var f = try ProvenanceFixture.sample()
        // Recorded last, but said first: history puts it first and it is not current.
        f.add(try f.provenance.statusDraft(party: "Ministry of Examples", document: "memo-a", status: "no_response",
                                           reportedBy: "Radio Fictive", at: "2021-03-01"))
        let card = try f.provenance.card(for: "memo-a")
        #expect(card.statuses.map(\.seq) == [11, 6, 8, 7])
        #expect(card.parties.map(\.party) == ["Ministry of Examples", "Agency Foo"])
        #expect(card.parties[0].current.seq == 7 && card.parties[0].current.latest.status == "confirmed")
        #expect(card.parties[0].history.map(\.seq) == [11, 6, 7])
    }

    @Test func jsonCarriesTheContractFields() throws {
        let card = try ProvenanceFixture.sample().provenance.card(for: "memo-a")
        let json = card.json
        #expect(json["id"] == "memo-a")
        #expect(json["sha256"] == .string(String(repeating: "ab", count: 32)))
        #expect(json["source"] == "an anonymous courier")
        #expect(json["publisher"] == "Diario Ejemplo Ñ")
        #expect(json["marking"] == "restricted")
        let statuses = try #require(json["statuses"]?.array)
        #expect(statuses.count == 3)
        let confirmed = statuses[2]
        #expect(confirmed["party"] == "Ministry of Examples")
        #expect(confirmed["status"] == "confirmed")
        #expect(confirmed["statement"] == "Yes, that memo is ours.")
        #expect(confirmed["reported_by"] == "report-r")
        #expect(confirmed["at"] == "2021-03-06T09:00:00+01:00")
        #expect(confirmed["seq"] == 7)
        #expect(confirmed["current"] == true)
        #expect(statuses[0]["current"] == false)
        let links = try #require(json["links"]?.array)
        #expect(links.count == 1)
        #expect(links[0]["from"] == "report-r" && links[0]["relation"] == "quotes" && links[0]["to"] == "memo-a")
        #expect(links[0]["direction"] == "in")
        #expect(json["excerpts"]?.array?.first?["cited_by"] == "report-r")
        // The JSON is a real document: it survives canonical encoding and parsing.
        #expect(try JSONValue(parsing: json.canonicalBytes) == json)
    }

    @Test func linksInBothDirections() throws {
        let p = try ProvenanceFixture.sample().provenance
        let b = try p.card(for: "memo-b").json["links"]?.array ?? []
        let x = try p.card(for: "briefing-x").json["links"]?.array ?? []
        #expect(b.map { $0["direction"] } == ["out"])
        #expect(x.map { $0["direction"] } == ["in"])
        #expect(b.first?["note"] == "closely resembles, corroborating only")
        #expect(b.first?["seq"] == x.first?["seq"])
    }

    @Test func aReportShowsWhatItReportedAndPrinted() throws {
        let json = try ProvenanceFixture.sample().provenance.card(for: "report-r").json
        #expect(json["reports"]?.array?.map { $0["seq"] } == [6, 7])
        #expect(json["printed_excerpts"]?.array?.map { $0["document"] } == ["memo-a"])
    }

    @Test func correctionsAreShownBesideWhatTheyCorrect() throws {
        var f = try ProvenanceFixture.sample()
        f.add(try f.provenance.correctionDraft(corrects: 7, reason: "misheard: it was a hedge",
                                               changes: ["status": "hedged_confirmation"]))
        f.add(try f.provenance.correctionDraft(corrects: 8, reason: "attributed to the wrong agency"))
        let card = try f.provenance.card(for: "memo-a")
        let statuses = try #require(card.json["statuses"]?.array)
        let corrected = try #require(statuses.first { $0["seq"] == 7 })
        #expect(corrected["status"] == "confirmed") // as recorded: nothing is edited
        #expect(corrected["corrections"]?.array?.first?["seq"] == 11)
        #expect(corrected["corrections"]?.array?.first?["replacement"]?["status"] == "hedged_confirmation")
        let withdrawn = try #require(statuses.first { $0["seq"] == 8 })
        #expect(withdrawn["withdrawn"] == true)
        #expect(withdrawn["current"] == false)
        // The current view uses the replacement, and a withdrawn status no longer counts.
        #expect(card.json["parties"]?.array?.map { $0["party"] } == ["Ministry of Examples"])
        #expect(card.json["parties"]?.array?.first?["status"] == "hedged_confirmation")
        let text = card.rendered(color: false)
        #expect(text.contains("✎ corrected by seq 11"))
        #expect(text.contains("misheard: it was a hedge"))
        #expect(text.contains("→ withdrawn"))
    }

    @Test func renderedCardReadsAtAGlance() throws {
        let text = try ProvenanceFixture.sample().provenance.card(for: "memo-a").rendered(color: false)
        let expectedLines = [
            "memo-a  Fictional memo A",
            "  publisher   Diario Ejemplo Ñ",
            "  marking     restricted",
            "  Ministry of Examples: confirmed since 2021-03-06T09:00:00+01:00 (seq 7)",
            "        > Yes, that memo is ours.",
            "        reported by report-r",
            "  ← report-r quotes memo-a  seq 9",
            "  seq 5  cited by report-r",
            "    > the widgets shall be counted twice",
        ]
        let lines = text.split(separator: "\n").map(String.init)
        for line in expectedLines { #expect(lines.contains(line), "\(line)") }
        #expect(!text.contains("\u{1B}"))
        #expect(try ProvenanceFixture.sample().provenance.card(for: "memo-a").rendered(color: true).contains("\u{1B}[32mconfirmed"))
    }

    @Test func hostileTextCannotRestyleTheTerminal() throws {
        var f = ProvenanceFixture()
        f.register("memo-z", title: "T\u{1B}[2J\u{202E}cleared")
        let text = try f.provenance.card(for: "memo-z").rendered(color: false)
        #expect(!text.contains("\u{1B}") && !text.contains("\u{202E}"))
        #expect(text.contains("T⟨U+001B⟩[2J⟨U+202E⟩cleared"))
    }

    @Test func unknownDocumentIsMissing() throws {
        let error = #expect(throws: LedgerError.self) { try ProvenanceFixture.sample().provenance.card(for: "memo-q") }
        #expect(error?.kind == .missing)
        #expect(error?.message.contains("known: memo-a, memo-b, briefing-x, report-r") == true)
    }
}

@Suite struct ProvenanceLogNoteTests {
    @Test func notesSitBesideCorrectedEntriesAndCorrections() throws {
        var f = try ProvenanceFixture.sample()
        f.add(try f.provenance.correctionDraft(corrects: 7, reason: "r", changes: ["status": "hedged_confirmation"]))
        f.add(try f.provenance.correctionDraft(corrects: 9, reason: "r"))
        f.add(try f.provenance.correctionDraft(corrects: 7, reason: "r again", changes: ["status": "confirmed"]))
        let p = f.provenance
        #expect(p.logNote(for: 7) == "corrected by seq 11, 13")
        #expect(p.logNote(for: 9) == "withdrawn by seq 12")
        #expect(p.logNote(for: 11) == "corrects seq 7")
        #expect(p.logNote(for: 12) == "withdraws seq 9")
        #expect(p.logNote(for: 6) == nil)
        #expect(p.correctedBy(7) == [11, 13])
        #expect(try p.card(for: "memo-a").parties.first?.current.current?.status == "confirmed")
    }
}
