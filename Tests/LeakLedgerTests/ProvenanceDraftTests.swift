import Foundation
import Testing
@testable import LeakLedger

@Suite struct ProvenanceDraftTests {
    @Test func statusDraftBody() throws {
        let f = try ProvenanceFixture.sample()
        let draft = try f.provenance.statusDraft(party: "  Agency Foo ", document: "memo-b", status: "neither_confirm_nor_deny",
                                                 statement: "No comment on authenticity.", reportedBy: "report-r",
                                                 at: "2021-03-07t12:00:00z")
        #expect(draft.type == .partyStatus)
        #expect(draft.body == ["party": "Agency Foo", "document": "memo-b", "status": "neither_confirm_nor_deny",
                               "statement": "No comment on authenticity.", "reported_by": "report-r",
                               "at": "2021-03-07T12:00:00Z"])
        #expect(draft.warnings.isEmpty && draft.newNames.isEmpty)
    }

    @Test func optionalMembersAreAbsent() throws {
        let f = try ProvenanceFixture.sample()
        let draft = try f.provenance.statusDraft(party: "Agency Foo", document: "memo-b", status: "no_response")
        #expect(draft.body.canonicalString == #"{"document":"memo-b","party":"Agency Foo","status":"no_response"}"#)
    }

    @Test func unknownStatusIsUsageListingValues() throws {
        let f = try ProvenanceFixture.sample()
        let error = #expect(throws: LedgerError.self) {
            try f.provenance.statusDraft(party: "Agency Foo", document: "memo-b", status: "refused")
        }
        #expect(error?.isUsage(mentioning: "refused", "confirmed", "no_comment_policy", "disputed") == true)
    }

    @Test func unknownDocumentIsUsage() throws {
        let f = try ProvenanceFixture.sample()
        let error = #expect(throws: LedgerError.self) {
            try f.provenance.statusDraft(party: "Agency Foo", document: "memo-c", status: "denied")
        }
        #expect(error?.isUsage(mentioning: "\"memo-c\" is not a registered document", "register") == true)
        let typo = #expect(throws: LedgerError.self) {
            try f.provenance.statusDraft(party: "Agency Foo", document: "memo_a", status: "denied")
        }
        #expect(typo?.isUsage(mentioning: "did you mean memo-a?") == true)
    }

    @Test func nearDuplicatePartyIsRefusedUnlessAsNew() throws {
        let f = try ProvenanceFixture.sample()
        let error = #expect(throws: LedgerError.self) {
            try f.provenance.statusDraft(party: "agency foo", document: "memo-b", status: "denied")
        }
        #expect(error?.isUsage(mentioning: "\"agency foo\" looks like the known party \"Agency Foo\"", "--as-new") == true)
        let draft = try f.provenance.statusDraft(party: "agency foo", document: "memo-b", status: "denied",
                                                 acceptNewSpellings: true)
        #expect(draft.warnings.count == 1 && draft.warnings[0].contains("\"Agency Foo\""))
        #expect(draft.newNames == [.init(spelling: "agency foo", role: .party)])
    }

    @Test func reportedByIsADocumentIdOrAName() throws {
        let f = try ProvenanceFixture.sample()
        let byDocument = try f.provenance.statusDraft(party: "Agency Foo", document: "memo-b", status: "denied",
                                                      reportedBy: "briefing-x")
        #expect(byDocument.newNames.isEmpty)
        let byName = try f.provenance.statusDraft(party: "Agency Foo", document: "memo-b", status: "denied",
                                                  reportedBy: "Channel Nowhere")
        #expect(byName.newNames == [.init(spelling: "Channel Nowhere", role: .reporter)])
        let nearPublisher = #expect(throws: LedgerError.self) {
            try f.provenance.statusDraft(party: "Agency Foo", document: "memo-b", status: "denied",
                                         reportedBy: "Diario Ejemplo N")
        }
        #expect(nearPublisher?.isUsage(mentioning: "known publisher \"Diario Ejemplo Ñ\"") == true)
    }

    @Test func badDateAndEmptyValuesAreUsage() throws {
        let p = try ProvenanceFixture.sample().provenance
        #expect(throws: LedgerError.usage(
            "invalid date \"4 March\"; expected YYYY-MM-DD or an RFC 3339 date-time such as 2022-02-02T10:30:00Z")) {
            try p.statusDraft(party: "Agency Foo", document: "memo-b", status: "denied", at: "4 March")
        }
        #expect(throws: LedgerError.self) { try p.statusDraft(party: " ", document: "memo-b", status: "denied") }
        #expect(throws: LedgerError.self) {
            try p.statusDraft(party: "Agency Foo", document: "memo-b", status: "denied", statement: "  ")
        }
    }

    @Test func anIdenticalStatusIsRefusedButALaterOneIsNew() throws {
        let p = try ProvenanceFixture.sample().provenance
        let error = #expect(throws: LedgerError.self) {
            try p.statusDraft(party: "Agency Foo", document: "memo-a", status: "declined_to_comment",
                              statement: "We do not discuss \"memos\".", reportedBy: "Radio Fictive", at: "2021-03-05")
        }
        #expect(error?.isUsage(mentioning: "already recorded as seq 8") == true)
        _ = try p.statusDraft(party: "Agency Foo", document: "memo-a", status: "declined_to_comment",
                              statement: "We do not discuss \"memos\".", reportedBy: "Radio Fictive", at: "2021-03-09")
    }

    @Test func linkDraft() throws {
        let p = try ProvenanceFixture.sample().provenance
        let draft = try p.linkDraft(from: "report-r", relation: "cites", to: "briefing-x", note: "second paragraph")
        #expect(draft.type == .linkAdded)
        #expect(draft.body == ["from": "report-r", "relation": "cites", "to": "briefing-x", "note": "second paragraph"])
        let relation = #expect(throws: LedgerError.self) { try p.linkDraft(from: "report-r", relation: "reaffirms", to: "memo-b") }
        #expect(relation?.isUsage(mentioning: "reaffirms", "quotes", "context") == true)
        let end = #expect(throws: LedgerError.self) { try p.linkDraft(from: "report-r", relation: "cites", to: "Diario Ejemplo Ñ") }
        #expect(end?.isUsage(mentioning: "the link's TO \"Diario Ejemplo Ñ\" is not a registered document or statement") == true)
        #expect(throws: LedgerError.self) { try p.linkDraft(from: "memo-a", relation: "same_as", to: "memo-a") }
        let duplicate = #expect(throws: LedgerError.self) { try p.linkDraft(from: "report-r", relation: "quotes", to: "memo-a") }
        #expect(duplicate?.isUsage(mentioning: "already recorded as seq 9") == true)
    }

    @Test func withdrawingAndReplacing() throws {
        var f = try ProvenanceFixture.sample()
        let withdraw = try f.provenance.correctionDraft(corrects: 9, reason: "the report paraphrases, it does not quote")
        #expect(withdraw.type == .entryCorrected)
        #expect(withdraw.body == ["corrects": 9, "reason": "the report paraphrases, it does not quote"])
        let replace = try f.provenance.correctionDraft(corrects: 6, reason: "it was a hedge",
                                                       changes: ["status": "hedged_confirmation"])
        #expect(replace.body["replacement"] == ["party": "Ministry of Examples", "document": "memo-a",
                                                "status": "hedged_confirmation", "reported_by": "report-r",
                                                "at": "2021-03-04"])
        f.add(replace)
        // A second correction starts from the replacement in force.
        let again = try f.provenance.correctionDraft(corrects: 6, reason: "no date was given", removing: ["at"])
        #expect(again.body["replacement"]?["status"] == "hedged_confirmation")
        #expect(again.body["replacement"]?["at"] == nil)
    }

    @Test func replacementsAreCheckedLikeNewEntries() throws {
        let p = try ProvenanceFixture.sample().provenance
        let status = #expect(throws: LedgerError.self) {
            try p.correctionDraft(corrects: 6, reason: "r", changes: ["status": "maybe"])
        }
        #expect(status?.isUsage(mentioning: "unknown status \"maybe\"") == true)
        let member = #expect(throws: LedgerError.self) {
            try p.correctionDraft(corrects: 6, reason: "r", changes: ["sha256": "00"])
        }
        #expect(member?.isUsage(mentioning: "cannot change \"sha256\"", "party, document, status") == true)
        let fingerprint = #expect(throws: LedgerError.self) {
            try p.correctionDraft(corrects: 1, reason: "r", replacement: ["id": "memo-a", "kind": "document", "sha256": "00"])
        }
        #expect(fingerprint?.isUsage(mentioning: "register the document again") == true)
        let retitled = try p.correctionDraft(corrects: 1, reason: "title was wrong", changes: ["title": "Fictional memo A1"])
        #expect(retitled.body["replacement"]?["sha256"] == .string(String(repeating: "ab", count: 32)))
        #expect(throws: LedgerError.self) { try p.correctionDraft(corrects: 6, reason: "  ") }
    }

    @Test func whatCannotBeCorrected() throws {
        var f = try ProvenanceFixture.sample()
        let p = f.provenance
        #expect(throws: LedgerError.self) { try p.correctionDraft(corrects: 0, reason: "r") }
        let missing = #expect(throws: LedgerError.self) { try p.correctionDraft(corrects: 99, reason: "r") }
        #expect(missing?.isUsage(mentioning: "there is no entry 99") == true)
        let seq = f.add(try p.correctionDraft(corrects: 9, reason: "r"))
        let chained = #expect(throws: LedgerError.self) { try f.provenance.correctionDraft(corrects: seq, reason: "r") }
        #expect(chained?.isUsage(mentioning: "correct entry 9 again") == true)
        let withdrawn = #expect(throws: LedgerError.self) {
            try f.provenance.correctionDraft(corrects: 9, reason: "r", changes: ["note": "n"])
        }
        #expect(withdrawn?.isUsage(mentioning: "was withdrawn") == true)
    }

    @Test func aWithdrawnDocumentTakesNoNewStatus() throws {
        var f = try ProvenanceFixture.sample()
        f.add(try f.provenance.correctionDraft(corrects: 2, reason: "registered twice by mistake"))
        let error = #expect(throws: LedgerError.self) {
            try f.provenance.statusDraft(party: "Agency Foo", document: "memo-b", status: "denied")
        }
        #expect(error?.isUsage(mentioning: "withdrawn by a correction (seq 11)") == true)
    }
}

@Suite struct ProvenanceCorrectionNameTests {
    @Test func aCorrectionDoesNotReviewNamesItKeeps() throws {
        var f = try ProvenanceFixture.sample()
        // "agency foo" was accepted as a different name; correcting its status keeps it.
        let seq = f.add(try f.provenance.statusDraft(party: "agency foo", document: "memo-b", status: "denied",
                                                     acceptNewSpellings: true))
        let draft = try f.provenance.correctionDraft(corrects: seq, reason: "misheard", changes: ["status": "disputed"])
        #expect(draft.body["replacement"]?["party"] == "agency foo")
        // A changed name is reviewed.
        let error = #expect(throws: LedgerError.self) {
            try f.provenance.correctionDraft(corrects: seq, reason: "r", changes: ["reported_by": "radio fictive"])
        }
        #expect(error?.isUsage(mentioning: "known reporter \"Radio Fictive\"") == true)
    }
}
