import Foundation
import Testing
@testable import LeakLedger

/// Key rotation in the library: the rules of `key.added` / `key.retired`, the sizes each key
/// vouches for, who signs each commit, and the reader's memory across a rotation.
@Suite struct KeyHistoryTests {
    private static let origin = "test.example/key-history"

    private func folder() throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("key-history-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }

    private func signer(_ byte: UInt8) -> NoteSigner {
        NoteSigner(name: Self.origin, privateKey: Ed25519.PrivateKey(seed: Array(repeating: byte, count: 32))!)
    }

    private func created(_ keys: [NoteSigner]) -> Entry {
        Entry(seq: 0, time: "2026-01-01T00:00:00Z", type: .ledgerCreated, actor: "a",
              body: LedgerIdentity(origin: Self.origin, verifierKeys: keys.map(\.verifier.verifierKey)).json)
    }

    private func entry(_ seq: Int, _ type: EntryType, _ key: NoteSigner) -> Entry {
        Entry(seq: seq, time: "2026-01-01T00:00:00Z", type: type, actor: "a", body: ["verifier_key": .string(key.verifier.verifierKey)])
    }

    @Test func aSingleKeyLedgerJSONIsByteForByteAsBefore() throws {
        let history = try KeyHistory(entries: [created([signer(1)])])
        let identity = LedgerIdentity(origin: Self.origin, verifierKeys: [signer(1).verifier.verifierKey])
        #expect(history.identityJSON(origin: Self.origin).canonicalBytes == identity.json.canonicalBytes)
    }

    @Test func eachKeyVouchesForTheSizesFromItsAddingToItsRetiringCommit() throws {
        let (one, two) = (signer(1), signer(2))
        let doc = Entry(seq: 1, time: "2026-01-01T00:00:00Z", type: .documentRegistered, actor: "a", body: ["id": "d"])
        let history = try KeyHistory(entries: [created([one]), doc, entry(2, .keyAdded, two), entry(3, .keyRetired, one)])
        #expect(history.current(atSize: 0).map(\.verifier) == [one.verifier])
        #expect(history.current(atSize: 2).map(\.verifier) == [one.verifier])
        #expect(history.current(atSize: 3).map(\.verifier) == [one.verifier, two.verifier])  // key.added's commit
        #expect(history.current(atSize: 4).map(\.verifier) == [two.verifier])  // key.retired's commit
        #expect(history.current.map(\.verifier) == [two.verifier])
        #expect(history.retired.first?.retiredAt == 4)
        let json = history.identityJSON(origin: Self.origin)
        #expect(json["verifier_keys"] == .array([.string(two.verifier.verifierKey)]))
        #expect(json["retired_keys"]?.array?.first?["retired_at"] == .int(4))
    }

    @Test func badKeyEntriesAreRefused() throws {
        let (one, two) = (signer(1), signer(2))
        var history = try KeyHistory(entries: [created([one])])
        let cases: [(EntryType, JSONValue, String)] = [
            (.keyAdded, ["verifier_key": .string(one.verifier.verifierKey)], "already a current key"),
            (.keyRetired, ["verifier_key": .string(one.verifier.verifierKey)], "only current key"),
            (.keyRetired, ["verifier_key": .string(two.verifier.verifierKey)], "not a current key"),
            (.keyAdded, ["verifier_key": "not-a-key"], "does not parse"),
            (.keyAdded, ["verifier_key": .string(NoteSigner(name: "w.example", privateKey: Ed25519.PrivateKey(), algorithm: .cosignatureV1).verifier.verifierKey)], "witness key"),
        ]
        for (type, body, reason) in cases {
            #expect {
                try history.apply(type, body: body, seq: 1)
            } throws: { error in
                (error as? LedgerError)?.kind == .usage && (error as? LedgerError)?.message.contains(reason) == true
            }
        }
        try history.apply(.keyAdded, body: ["verifier_key": .string(two.verifier.verifierKey)], seq: 1)
        try history.apply(.keyRetired, body: ["verifier_key": .string(one.verifier.verifierKey)], seq: 2)
        #expect(throws: LedgerError.self) { try history.apply(.keyAdded, body: ["verifier_key": .string(one.verifier.verifierKey)], seq: 3) }
    }

    @Test func rotatingALedgerThroughTheAPI() throws {
        let base = try folder()
        defer { try? FileManager.default.removeItem(atPath: base) }
        let (one, two) = (signer(1), signer(2))
        let path = base + "/L"
        let ledger = try Ledger.create(at: path, origin: Self.origin, signer: one, actor: "a")
        let memory = ClientMemory(directory: base + "/memory")
        #expect(try ledger.compareWithMemory(memory) == .firstSeen)
        try ledger.addKey(two, actor: "a")
        // The adding commit is signed by both keys, each line valid for its key.
        let note = try SignedNote.open(ledger.checkpoint(), verifiers: [one.verifier, two.verifier])
        #expect(note.isSigned(by: one.verifier) && note.isSigned(by: two.verifier))
        // With two current keys, one alone cannot append; both can.
        let draft = EntryDraft(type: .documentRegistered, body: ["id": "d", "kind": "document", "content": "excerpts", "stored": false])
        let withOne = try Ledger.open(at: path, keys: [one])
        #expect { try withOne.append([draft], actor: "a") } throws: { ($0 as? LedgerError)?.kind == .noKey }
        try Ledger.open(at: path, keys: [one, two]).append([draft], actor: "a")
        // Retiring needs only the key that stays.
        try Ledger.open(at: path, keys: [two]).retireKey(one.verifier, reason: "rotation", actor: "a")
        let rotated = try Ledger.open(at: path, key: nil)
        #expect(rotated.identity.verifierKeys == [two.verifier.verifierKey])
        #expect(rotated.check().intact)
        #expect(try SignedNote.open(rotated.checkpoint(), verifiers: [two.verifier]).signatures.count == 1)
        #expect(throws: LedgerError.self) { try Ledger.open(at: path, key: one) }
        // The memory, made under the old key, follows the rotation as an extension.
        if case .extended(let from) = try rotated.compareWithMemory(memory) { #expect(from.size == 1) } else { Issue.record("not an extension") }
        #expect(try rotated.verifiers(atSize: 1) == [one.verifier])
        #expect(try rotated.verifiers(atSize: 2) == [one.verifier, two.verifier])
        #expect(try rotated.verifiers(atSize: 4) == [two.verifier])
    }

    @Test func receiptsHonourRetirementSizes() throws {
        let base = try folder()
        defer { try? FileManager.default.removeItem(atPath: base) }
        let (one, two) = (signer(1), signer(2))
        let path = base + "/L"
        let ledger = try Ledger.create(at: path, origin: Self.origin, signer: one, actor: "a")
        let early = try ledger.receipt(seq: 0)
        try ledger.addKey(two, actor: "a")
        try Ledger.open(at: path, keys: [two]).retireKey(one.verifier, reason: nil, actor: "a")
        let keys = [TrustedKey(verifier: one.verifier, retiredAt: 3), TrustedKey(verifier: two.verifier)]
        #expect(try early.verification(trusting: keys).checkpoint.size == 1)
        // A later tree signed by the retired key alone: refused, though the signature is valid.
        let late = try Ledger.open(at: path, key: nil).receipt(seq: 0)
        var forged = late
        forged.signedCheckpoint = one.sign(try SignedNote.unverifiedText(late.signedCheckpoint))
        #expect(try late.verification(trusting: keys).checkpoint.size == 3)
        #expect(try forged.verification(verifiers: [one.verifier]).checkpoint.size == 3)
        #expect { try forged.verification(trusting: keys) } throws: { ($0 as? LedgerError)?.kind == .tampered }
    }
}
