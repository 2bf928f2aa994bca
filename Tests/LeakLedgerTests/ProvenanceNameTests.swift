import Foundation
import Testing
@testable import LeakLedger

@Suite struct ProvenanceNameTests {
    static func book() -> NameBook {
        var f = ProvenanceFixture()
        f.register("memo-a", source: "Courier Nine", publisher: "Diario País")
        f.add(.partyStatus, ["party": "Kingdom Office", "document": "memo-a", "status": "denied",
                             "reported_by": "Radio Fictive"])
        f.add(.partyStatus, ["party": "US", "document": "memo-a", "status": "denied"])
        return NameBook(entries: f.entries)
    }

    @Test func namesAreRecordedByFirstUseWithTheirRoles() {
        let book = Self.book()
        #expect(book.names.map(\.spelling) == ["memo-a", "Courier Nine", "Diario País", "Kingdom Office",
                                               "Radio Fictive", "US"])
        #expect(book.name("Diario País")?.roles == [.publisher])
        #expect(book.name("Radio Fictive")?.roles == [.reporter])
        #expect(book.name("Kingdom Office")?.firstSeq == 2)
    }

    @Test func foldingIgnoresCaseAccentsSpacingAndPunctuation() {
        let folded = NameBook.fold("Diario País")
        #expect(folded == "diariopais")
        for spelling in ["diario pais", "DIARIO-PAIS", "Diario  País", "Diario Pai\u{301}s", "Diario País.", "DiarioPaís"] {
            #expect(NameBook.fold(spelling) == folded, "\(spelling)")
        }
    }

    @Test(arguments: [
        ("Diario País", NameCheck.known),
        ("Diario Pai\u{301}s", .known), // the same name, decomposed
        ("Diario Pais", .nearDuplicate(of: "Diario País", role: .publisher)),
        ("diario país", .nearDuplicate(of: "Diario País", role: .publisher)),
        ("Diario  País", .nearDuplicate(of: "Diario País", role: .publisher)),
        ("Diario Paiz", .nearDuplicate(of: "Diario País", role: .publisher)), // one letter
        ("Diario País Weekly", .new),
        ("Kingdom Ofice", .nearDuplicate(of: "Kingdom Office", role: .party)),
        ("Кingdom Office", .nearDuplicate(of: "Kingdom Office", role: .party)), // Cyrillic К
        ("UK", .new), // one letter from "US", but too short to call a slip
        ("memo a", .nearDuplicate(of: "memo-a", role: .document)),
        ("Radio Fictive", .known),
    ])
    func checks(name: String, expected: NameCheck) {
        #expect(Self.book().check(name, role: .publisher) == expected)
    }

    @Test func theAnswerNamesTheKnownRole() {
        #expect(Self.book().check("Kingdom Ofice", role: .publisher) == .nearDuplicate(of: "Kingdom Office", role: .party))
        #expect(Self.book().check("Diario Pais", role: .party) == .nearDuplicate(of: "Diario País", role: .publisher))
    }

    @Test func aCorrectionRetiresTheOldSpelling() throws {
        var f = ProvenanceFixture()
        f.register("memo-a")
        let seq = f.add(.partyStatus, ["party": "Diario Pais", "document": "memo-a", "status": "confirmed"])
        #expect(NameBook(entries: f.entries).check("Diario Pais", role: .party) == .known)
        try f.add(f.provenance.correctionDraft(corrects: seq, reason: "accent", changes: ["party": "Diario País"]))
        #expect(NameBook(entries: f.entries).check("Diario Pais", role: .party)
            == .nearDuplicate(of: "Diario País", role: .party))
        #expect(NameBook(entries: f.entries).check("Diario País", role: .party) == .known)
    }
}
