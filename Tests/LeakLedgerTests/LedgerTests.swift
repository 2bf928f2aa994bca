import Foundation
import Synchronization
import Testing
@testable import LeakLedger

/// The `Ledger` API that the other parts build on: create, open, append, observers, reads.
@Suite struct LedgerTests {
    private func folder() throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ledger-api-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }

    private func signer(_ origin: String) -> NoteSigner {
        NoteSigner(name: origin, privateKey: Ed25519.PrivateKey(seed: Array(repeating: 7, count: 32))!)
    }

    @Test func createOpenAppendRead() throws {
        let base = try folder()
        defer { try? FileManager.default.removeItem(atPath: base) }
        let key = signer("test.example/api")
        let ledger = try Ledger.create(at: base + "/L", origin: "test.example/api", signer: key, actor: "alice")
        #expect(ledger.identity.origin == "test.example/api")
        #expect(ledger.identity.verifierKeys == [key.verifier.verifierKey])
        #expect(try ledger.entries().map(\.type) == [.ledgerCreated])
        #expect(try ledger.entries()[0].body == ledger.identity.json)

        let appended = try ledger.append([
            EntryDraft(type: .documentRegistered, body: ["id": "d", "kind": "document", "content": "excerpts", "stored": false]),
            EntryDraft(type: .excerptRecorded, body: ["document": "d", "text": "fictional"]),
        ], actor: "bob")
        #expect(appended.map(\.seq) == [1, 2])
        #expect(appended.allSatisfy { $0.actor == "bob" && LedgerDate.seconds($0.time) != nil })

        // A second instance (as another process would) sees the commit; a read-only one too.
        let reader = try Ledger.open(at: base + "/L", key: nil)
        #expect(!reader.isWritable)
        #expect(try reader.entries() == ledger.entries())
        #expect(try reader.size() == 3)
        #expect(try reader.document(id: "d")?.seq == 1)
        #expect(try reader.excerpts(of: "d").map(\.seq) == [2])
        #expect(throws: LedgerError.self) { try reader.append([], actor: "x") }
        do { try reader.append([], actor: "x") } catch { #expect(error.kind == .noKey) }

        // The checkpoint is signed by the key and its root is the RFC 9162 root of the lines.
        let note = try SignedNote.open(try reader.checkpoint(), verifiers: [key.verifier])
        let checkpoint = try Checkpoint(text: note.text)
        #expect(checkpoint.size == 3)
        let leaves = try reader.entries().map { Merkle.leafHash($0.canonicalBytes) }
        #expect(checkpoint.root == Merkle.root(of: leaves))
        #expect(reader.check().intact)
        #expect(try reader.entry(at: 2).type == .excerptRecorded)
        do { _ = try reader.entry(at: 3); Issue.record("entry past the end") } catch { #expect(error.kind == .missing) }
        #expect(reader.storedCopy(of: SHA256.hash("nothing stored")) == nil)
    }

    /// What `append` returns is what a later read gives: strings in NFC, as stored.
    @Test func appendReturnsTheStoredEntries() throws {
        let base = try folder()
        defer { try? FileManager.default.removeItem(atPath: base) }
        let ledger = try Ledger.create(at: base + "/L", origin: "test.example/n", signer: signer("test.example/n"), actor: "a")
        let decomposed = "cafe\u{301}"
        let appended = try ledger.append([EntryDraft(type: EntryType(rawValue: "test.note"), body: ["text": .string(decomposed)])], actor: "a")
        #expect(Array(appended[0].body["text"]!.string!.unicodeScalars) == Array("caf\u{E9}".unicodeScalars))
        #expect(try ledger.entries().last == appended[0])
        #expect(appended[0].time >= (try ledger.entries()[0].time))
    }

    @Test func storedHashesAreGoTlogOrder() throws {
        let base = try folder()
        defer { try? FileManager.default.removeItem(atPath: base) }
        let ledger = try Ledger.create(at: base + "/L", origin: "test.example/h", signer: signer("test.example/h"), actor: "a")
        for index in 0..<6 {
            try ledger.append([EntryDraft(type: EntryType(rawValue: "test.note"), body: ["n": .int(index)])], actor: "a")
        }
        let entries = try ledger.entries()
        for (seq, entry) in entries.enumerated() {
            #expect(try ledger.hash(at: Merkle.storedHashIndex(level: 0, n: seq)) == Merkle.leafHash(entry.canonicalBytes))
        }
        let root = try Merkle.treeHash(size: entries.count) { try ledger.hash(at: $0) }
        #expect(root == Merkle.root(of: entries.map { Merkle.leafHash($0.canonicalBytes) }))
        #expect(throws: LedgerError.self) { try ledger.hash(at: Merkle.storedHashCount(entries.count)) }
    }

    @Test func observersSeeEachCommitOnce() throws {
        let base = try folder()
        defer { try? FileManager.default.removeItem(atPath: base) }
        let ledger = try Ledger.create(at: base + "/L", origin: "test.example/o", signer: signer("test.example/o"), actor: "a")
        let seen = Mutex<[[Int]]>([])
        ledger.addAppendObserver { _, entries in seen.withLock { $0.append(entries.map(\.seq)) } }
        try ledger.append([EntryDraft(type: EntryType(rawValue: "test.note"), body: [:]),
                           EntryDraft(type: EntryType(rawValue: "test.note"), body: [:])], actor: "a")
        _ = try? ledger.append([EntryDraft(type: .excerptRecorded, body: ["document": "missing", "text": "t"])], actor: "a")
        try ledger.append([EntryDraft(type: EntryType(rawValue: "test.note"), body: [:])], actor: "a")
        #expect(seen.withLock { $0 } == [[1, 2], [3]])
    }

    @Test func validationRejectsBadDraftsBeforeWriting() throws {
        let base = try folder()
        defer { try? FileManager.default.removeItem(atPath: base) }
        let ledger = try Ledger.create(at: base + "/L", origin: "test.example/v", signer: signer("test.example/v"), actor: "a")
        let before = try Data(contentsOf: URL(fileURLWithPath: base + "/L/log/entries.jsonl"))
        let document: JSONValue = ["id": "d", "kind": "document", "content": "excerpts", "stored": false]
        let cases: [([EntryDraft], LedgerError.Kind)] = [
            ([EntryDraft(type: .documentRegistered, body: document), EntryDraft(type: .documentRegistered, body: document)], .usage),
            ([EntryDraft(type: .excerptRecorded, body: ["document": "nope", "text": "t"])], .missing),
            ([EntryDraft(type: .documentRegistered, body: ["id": "has space", "kind": "document", "content": "text"])], .usage),
            ([EntryDraft(type: .ledgerCreated, body: ledger.identity.json)], .usage),
            ([EntryDraft(type: EntryType(rawValue: "test.note"), body: "not an object")], .usage),
        ]
        for (drafts, kind) in cases {
            do {
                try ledger.append(drafts, actor: "a")
                Issue.record("appended \(drafts)")
            } catch {
                #expect(error.kind == kind)
            }
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: base + "/L/log/entries.jsonl")) == before)
        #expect(try ledger.size() == 1)
    }

    @Test func wrongKeyIsRefused() throws {
        let base = try folder()
        defer { try? FileManager.default.removeItem(atPath: base) }
        try Ledger.create(at: base + "/L", origin: "test.example/w", signer: signer("test.example/w"), actor: "a")
        let other = NoteSigner(name: "test.example/w", privateKey: Ed25519.PrivateKey(seed: Array(repeating: 9, count: 32))!)
        do {
            _ = try Ledger.open(at: base + "/L", key: other)
            Issue.record("opened with another key")
        } catch {
            #expect(error.kind == .noKey)
        }
    }

    @Test func createRefusesANonEmptyFolderAndLeavesNothing() throws {
        let base = try folder()
        defer { try? FileManager.default.removeItem(atPath: base) }
        try Data("x".utf8).write(to: URL(fileURLWithPath: base + "/occupied"))
        do {
            try Ledger.create(at: base, origin: "test.example/c", signer: signer("test.example/c"), actor: "a")
            Issue.record("created over a non-empty folder")
        } catch {
            #expect(error.kind == .cannotCreate)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: base) == ["occupied"])
        do {
            try Ledger.create(at: base + "/L", origin: "bad origin", signer: signer("x"), actor: "a")
            Issue.record("accepted an origin with a space")
        } catch {
            #expect(error.kind == .usage)
        }
    }

    @Test(arguments: [("2022-02-02", 1_643_760_000), ("2022-02-02T10:30:00+01:00", 1_643_794_200),
                      ("2024-02-29T00:00:00.25Z", 1_709_164_800), ("1970-01-01T00:00:00Z", 0)])
    func datesParse(_ text: String, _ seconds: Int) {
        #expect(LedgerDate.seconds(text) == seconds)
    }

    @Test(arguments: ["2023-02-29", "2022-13-01", "2022-02-02T10:30", "2022-02-02 10:30:00Z", "", "2022-02-02T10:30:00+1:00"])
    func badDatesDoNotParse(_ text: String) {
        #expect(LedgerDate.seconds(text) == nil)
    }

    @Test func defaultIDDropsTheLastExtension() {
        #expect(Ledger.defaultID(forFile: "/a/b/memo.final.pdf") == "memo.final")
        #expect(Ledger.defaultID(forFile: "README") == "README")
        #expect(Ledger.defaultID(forFile: ".hidden") == ".hidden")
    }

    @Test func keyPathsFollowXDG() {
        #expect(LedgerKeys.defaultPath(origin: "a.example/led/ger", environment: ["XDG_CONFIG_HOME": "/x", "HOME": "/h"])
                == "/x/leakledger/keys/a.example_led_ger.key")
        #expect(LedgerKeys.defaultPath(origin: "o", environment: ["HOME": "/h"]) == "/h/.config/leakledger/keys/o.key")
        #expect(LedgerKeys.defaultPath(origin: "o", environment: ["XDG_CONFIG_HOME": "relative", "HOME": "/h"]) == "/h/.config/leakledger/keys/o.key")
    }
}
