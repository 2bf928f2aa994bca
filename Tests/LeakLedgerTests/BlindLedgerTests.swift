import Commitments
import Foundation
import Testing
@testable import LeakLedger

/// Blind registration in the library: what the entry holds, the keeper's secrets, and `check`
/// on a `document.revealed` entry that does not open its commitment (one that slipped past the
/// writer's own validation, as a hostile keeper's tool could sign it).
@Suite struct BlindLedgerTests {
    let base: String
    let ledger: Ledger

    init() throws {
        base = FileManager.default.temporaryDirectory.appendingPathComponent("blind-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
        let signer = NoteSigner(name: "test.example/blind", privateKey: Ed25519.PrivateKey(seed: Array(repeating: 9, count: 32))!)
        ledger = try Ledger.create(at: base + "/L", origin: "test.example/blind", signer: signer, actor: "desk")
        ledger.secretStore = QuoteSecrets(folder: base + "/secrets")
        try Data("The ferry timetable was agreed in private.\n".utf8).write(to: URL(fileURLWithPath: base + "/note.txt"))
    }

    func cleanUp() { try? FileManager.default.removeItem(atPath: base) }

    @Test func blindEntryCommitsToWhatTheSecretsHold() throws {
        defer { cleanUp() }
        let registration = try ledger.register(files: [(base + "/note.txt", DocumentMetadata(id: "note", title: "Ferry note"))], hashOnly: true,
                                               blind: BlindOptions(withholdTitle: true), actor: "desk")[0]
        let body = registration.entry.body
        #expect(body["sha256"] == nil && body["text_sha256"] == nil && body["title"] == nil)
        let record = try #require(try ledger.secretStore!.secrets(for: "note"))
        let secret = try #require(record.blind)
        let sha256 = SHA256.hash(Array("The ferry timetable was agreed in private.\n".utf8)).hex
        #expect(record.withheld["sha256"] == sha256 && record.withheld["title"] == "Ferry note")
        for (member, value) in record.withheld {
            #expect(body["blind"]?[member]?.string == Hex.encode(BlindCommitment.commitment(field: member, value: value, secret: secret)))
        }
        #expect(try ledger.openFingerprints(of: registration.entry).sha256 == sha256)
        ledger.secretStore = nil
        #expect(try ledger.openFingerprints(of: registration.entry).sha256 == nil)
    }

    @Test func checkNamesARevealThatDoesNotOpen() throws {
        defer { cleanUp() }
        let registration = try ledger.register(files: [(base + "/note.txt", DocumentMetadata(id: "note"))], hashOnly: false,
                                               blind: BlindOptions(), actor: "desk")[0]
        #expect(ledger.check().intact)
        let record = try #require(try ledger.secretStore!.secrets(for: "note"))
        let keys = BlindCommitment.openingKeys(["sha256"], secret: record.blind!)
        // A changed value under the right key: refused by append, caught by check when forced in.
        let forged: JSONValue = ["document": "note", "registration": .int(registration.seq), "sha256": .string(String(repeating: "0", count: 64)),
                                 "blind_keys": ["sha256": .string(keys["sha256"]!)]]
        #expect(throws: LedgerError.self) { try ledger.append([EntryDraft(type: .documentRevealed, body: forged)], actor: "desk") }
        try ledger.withWriterSession(actor: "desk") { (session: WriterSession) throws(LedgerError) in
            _ = try session.commitChecked { _ in [EntryDraft(type: .documentRevealed, body: forged)] }
        }
        let report = ledger.check()
        #expect(!report.intact && report.firstBadSeq == registration.seq + 1)
        #expect(report.problem?.contains("does not open what it claims") == true)
    }

    @Test func revealOpensOnlyWhatItNames() throws {
        defer { cleanUp() }
        _ = try ledger.register(files: [(base + "/note.txt", DocumentMetadata(id: "note", title: "Ferry note"))], hashOnly: false,
                                blind: BlindOptions(withholdTitle: true, withholdSize: true), actor: "desk")
        let entry = try ledger.reveal(document: "note", members: ["title", "bytes"], actor: "desk")
        #expect(entry.body["title"]?.string == "Ferry note" && entry.body["bytes"]?.int == 43 && entry.body["sha256"] == nil)
        #expect(ledger.check().intact)
        #expect(throws: LedgerError.self) { try ledger.reveal(document: "note", members: ["title"], actor: "desk") }
        let rest = try ledger.reveal(document: "note", actor: "desk")
        #expect(Set((rest.body["blind_keys"]?.object ?? [:]).keys) == ["sha256", "text_sha256"])
        #expect(ledger.check().intact)
    }
}
