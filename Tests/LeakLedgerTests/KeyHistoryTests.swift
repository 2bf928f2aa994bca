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

    /// Each entry with the tree head it extends (the root of the entries before it).
    private func heads(_ entries: [Entry]) -> [(entry: Entry, extending: Checkpoint)] {
        var builder = Merkle.Builder()
        var hasher = Merkle.Hasher()
        return entries.map { entry in
            let head = Checkpoint(origin: Self.origin, size: builder.size, root: builder.root(hasher: &hasher))
            builder.append(leafHash: hasher.leafHash(entry.canonicalBytes), hasher: &hasher)
            return (entry, head)
        }
    }

    /// A `key.added` at `seq` after `before`, authorized by `signers`.
    private func added(_ key: NoteSigner, after before: [Entry], by signers: [NoteSigner]) -> Entry {
        let head = Checkpoint(origin: Self.origin, size: before.count, root: Merkle.root(of: before.map { Merkle.leafHash($0.canonicalBytes) }))
        let note = KeyHistory.authorization(by: signers, origin: Self.origin, newKey: key.verifier.verifierKey, extending: head)
        return Entry(seq: before.count, time: "2026-01-01T00:00:00Z", type: .keyAdded, actor: "a",
                     body: ["verifier_key": .string(key.verifier.verifierKey), "authorization": .string(note)])
    }

    @Test func aSingleKeyLedgerJSONIsByteForByteAsBefore() throws {
        let history = try KeyHistory(entries: heads([created([signer(1)])]))
        let identity = LedgerIdentity(origin: Self.origin, verifierKeys: [signer(1).verifier.verifierKey])
        #expect(history.identityJSON(origin: Self.origin).canonicalBytes == identity.json.canonicalBytes)
    }

    @Test func eachKeyVouchesForTheSizesFromItsAddingToItsRetiringCommit() throws {
        let (one, two) = (signer(1), signer(2))
        let doc = Entry(seq: 1, time: "2026-01-01T00:00:00Z", type: .documentRegistered, actor: "a", body: ["id": "d"])
        let start = [created([one]), doc]
        let history = try KeyHistory(entries: heads(start + [added(two, after: start, by: [one]), entry(3, .keyRetired, one)]))
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
        var history = try KeyHistory(entries: heads([created([one])]))
        let head = heads([created([one])])[0].extending
        let after = Checkpoint(origin: Self.origin, size: 1, root: Merkle.leafHash(created([one]).canonicalBytes))
        let cases: [(EntryType, JSONValue, String)] = [
            (.keyAdded, ["verifier_key": .string(one.verifier.verifierKey)], "already a current key"),
            (.keyRetired, ["verifier_key": .string(one.verifier.verifierKey)], "only current key"),
            (.keyRetired, ["verifier_key": .string(two.verifier.verifierKey)], "not a current key"),
            (.keyAdded, ["verifier_key": "not-a-key"], "does not parse"),
            (.keyAdded, ["verifier_key": .string(NoteSigner(name: "w.example", privateKey: Ed25519.PrivateKey(), algorithm: .cosignatureV1).verifier.verifierKey)], "witness key"),
        ]
        for (type, body, reason) in cases {
            #expect {
                try history.apply(type, body: body, seq: 1, extending: after)
            } throws: { error in
                (error as? LedgerError)?.kind == .usage && (error as? LedgerError)?.message.contains(reason) == true
            }
        }
        _ = head
        try history.apply(.keyAdded, body: added(two, after: [created([one])], by: [one]).body, seq: 1, extending: after)
        try history.apply(.keyRetired, body: ["verifier_key": .string(one.verifier.verifierKey)], seq: 2, extending: after)
        #expect(throws: LedgerError.self) { try history.apply(.keyAdded, body: ["verifier_key": .string(one.verifier.verifierKey)], seq: 3, extending: after) }
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

    /// Issue 8, item 1: a writer of the folder who holds no key cannot bring a key in. A
    /// `key.added` without the authorization of every key in force, or with one made for another
    /// key, ledger or place in the log, is refused.
    @Test func keyAddedNeedsTheAuthorizationOfTheKeysInForce() throws {
        let (one, two, intruder) = (signer(1), signer(2), signer(3))
        let start = [created([one])]
        let head = heads(start).last!.extending
        let after = Checkpoint(origin: Self.origin, size: 1, root: Merkle.leafHash(start[0].canonicalBytes))
        _ = head
        var history = try KeyHistory(entries: heads(start))
        let bare = entry(1, .keyAdded, intruder).body
        let selfSigned = added(intruder, after: start, by: [intruder]).body
        var replayed = added(two, after: start, by: [one]).body
        replayed = ["verifier_key": .string(intruder.verifier.verifierKey), "authorization": replayed["authorization"]!]
        let otherPlace = KeyHistory.authorization(by: [one], origin: Self.origin, newKey: intruder.verifier.verifierKey,
                                                  extending: Checkpoint(origin: Self.origin, size: 7, root: after.root))
        let cases: [(JSONValue, String)] = [
            (bare, "no authorization"),
            (selfSigned, "does not verify"),
            (replayed, "another key"),
            (["verifier_key": .string(intruder.verifier.verifierKey), "authorization": .string(otherPlace)], "another key"),
        ]
        for (body, reason) in cases {
            #expect {
                try history.apply(.keyAdded, body: body, seq: 1, extending: after)
            } throws: { error in
                (error as? LedgerError)?.message.contains(reason) == true
            }
        }
        try history.apply(.keyAdded, body: added(two, after: start, by: [one]).body, seq: 1, extending: after)
        #expect(history.current.map(\.verifier) == [one.verifier, two.verifier])
    }

    /// `ledger.json` carries the chain (`added_keys` with each authorization): a key planted in
    /// it without one is refused, and a reader that remembers the first keys refuses others.
    @Test func ledgerJSONKeysAreTracedToTheFirstKeys() throws {
        let (one, two, intruder) = (signer(1), signer(2), signer(3))
        let start = [created([one])]
        let history = try KeyHistory(entries: heads(start + [added(two, after: start, by: [one])]))
        let json = history.identityJSON(origin: Self.origin)
        let keys = try TrustedKey.keys(ledgerJSON: json, pinned: [one.verifier])
        #expect(Set(keys.map(\.verifier)) == [one.verifier, two.verifier])
        // A key listed as current with no authorization is a "first key": refused when pinned.
        guard case .object(var planted) = json else { Issue.record("not an object"); return }
        planted["verifier_keys"] = .array([.string(intruder.verifier.verifierKey)])
        #expect { try TrustedKey.keys(ledgerJSON: .object(planted), pinned: [one.verifier]) } throws: { ($0 as? LedgerError)?.kind == .tampered }
        // A planted key with a forged authorization (signed by itself) is refused even unpinned.
        planted = json.object!
        let forged = KeyHistory.authorization(by: [intruder], origin: Self.origin, newKey: intruder.verifier.verifierKey,
                                              extending: Checkpoint(origin: Self.origin, size: 1, root: Merkle.emptyRoot))
        planted["verifier_keys"] = .array([.string(one.verifier.verifierKey), .string(intruder.verifier.verifierKey)])
        planted["added_keys"] = .array([["verifier_key": .string(intruder.verifier.verifierKey), "added_at": 2, "authorization": .string(forged)]])
        #expect { try TrustedKey.keys(ledgerJSON: .object(planted)) } throws: { ($0 as? LedgerError)?.kind == .tampered }
    }
}
