import Foundation
import Testing
@testable import LeakLedger

@Suite struct ProvenanceValidationTests {
    @Test func draftsPassValidation() throws {
        let p = try ProvenanceFixture.sample().provenance
        for draft in [
            try p.statusDraft(party: "Agency Foo", document: "memo-b", status: "denied", at: "2021-03-07T10:00:00Z"),
            try p.statusDraft(party: "agency foo", document: "memo-b", status: "denied", acceptNewSpellings: true),
            try p.linkDraft(from: "memo-a", relation: "cites", to: "briefing-x"),
            try p.correctionDraft(corrects: 6, reason: "r", changes: ["status": "denied"]),
            try p.correctionDraft(corrects: 9, reason: "r"),
        ] {
            #expect(throws: Never.self, "\(draft.body.canonicalString)") { try p.validate(draft.type, body: draft.body) }
            // The same body with one member too many, or a required one taken away, is refused:
            // a validation that let everything through would fail here.
            guard case .object(var members) = draft.body, let key = ["status", "relation", "reason"].first(where: { members[$0] != nil }) else {
                Issue.record("a draft body is not an object: \(draft.body)")
                continue
            }
            var extra = members
            extra["unexpected"] = "x"
            let added = #expect(throws: LedgerError.self) { try p.validate(draft.type, body: .object(extra)) }
            #expect(added?.isUsage(mentioning: "no member \"unexpected\"") == true, "\(String(describing: added))")
            members[key] = nil
            #expect(throws: LedgerError.self, "without \(key): \(draft.body.canonicalString)") {
                try p.validate(draft.type, body: .object(members))
            }
        }
        // Bodies of other types are not this code's business.
        #expect(throws: Never.self) { try p.validate(.documentRegistered, body: ["anything": 1]) }
    }

    struct BadBody: Sendable, CustomTestStringConvertible {
        let type: EntryType
        let body: JSONValue
        let message: String
        init(_ type: EntryType, _ body: JSONValue, _ message: String) {
            self.type = type
            self.body = body
            self.message = message
        }
        var testDescription: String { message }
    }

    @Test(arguments: [
        BadBody(.partyStatus, ["party": "Agency Foo", "document": "memo-b", "status": "maybe"], "unknown status"),
        BadBody(.partyStatus, ["party": "Agency Foo", "document": "memo-q", "status": "denied"], "not a registered document"),
        BadBody(.partyStatus, ["party": "Agency Foo", "document": "memo-b", "status": "denied", "note": "x"], "no member \"note\""),
        BadBody(.partyStatus, ["party": " Agency Foo", "document": "memo-b", "status": "denied"], "not in normal form"),
        BadBody(.partyStatus, ["party": "Agency Foo", "document": "memo-b", "status": "denied", "at": "2021-03-07t10:00:00z"], "not in normal form"),
        BadBody(.partyStatus, ["party": "Agency Foo", "document": "memo-b", "status": 3], "must be text"),
        BadBody(.partyStatus, ["party": "Agency Foo", "status": "denied"], "needs party, document and status"),
        BadBody(.linkAdded, ["from": "memo-a", "relation": "reaffirms", "to": "memo-b"], "unknown relation"),
        BadBody(.linkAdded, ["from": "memo-a", "relation": "cites", "to": "El País"], "not a registered document"),
        BadBody(.entryCorrected, ["corrects": 0, "reason": "r"], "cannot be corrected"),
        BadBody(.entryCorrected, ["corrects": 6, "reason": "r", "replacement": ["party": "Agency Foo"]], "not a valid party.status body"),
        BadBody(.entryCorrected, ["corrects": 6], "needs corrects"),
    ])
    func badBodiesAreRefused(_ bad: BadBody) throws {
        let p = try ProvenanceFixture.sample().provenance
        let error = #expect(throws: LedgerError.self) { try p.validate(bad.type, body: bad.body) }
        #expect(error?.isUsage(mentioning: bad.message) == true, "\(String(describing: error))")
    }

    @Test func namesForOtherCommands() throws {
        let p = try ProvenanceFixture.sample().provenance
        let error = #expect(throws: LedgerError.self) {
            try p.reviewNames([("Diario Ejemplo N", .publisher, "--publisher")])
        }
        #expect(error?.isUsage(mentioning: "--publisher \"Diario Ejemplo N\" looks like the known publisher \"Diario Ejemplo Ñ\"") == true)
        let accepted = try p.reviewNames([("Diario Ejemplo N", .publisher, "--publisher"), ("Nuevo Diario", .publisher, "--publisher")],
                                         acceptNewSpellings: true)
        #expect(accepted.warnings.count == 1)
        #expect(accepted.newNames.map(\.spelling) == ["Diario Ejemplo N", "Nuevo Diario"])
    }
}
