import Foundation
import LeakLedger
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Issue 8: the folder is hostile. Each test plays someone who can write the folder but holds no
/// key (or a damaged disk), and checks that nothing they do changes history unnoticed, makes the
/// tool write outside the folder, or loses an acknowledged entry.
@Suite struct HostileFolderTests {
    /// A ledger with a stored text document and a few entries, its key in the sandbox's config.
    private func prepared() throws -> Sandbox {
        let sandbox = try Sandbox()
        try #require(try sandbox.run(["init", "L", "--origin", "test.example/hostile"]).status == 0)
        let memo = try sandbox.write("memo.txt", text: "The harbour board met on Tuesday. The dredging contract goes to tender in March.\n")
        try #require(try sandbox.run(["register", memo, "--ledger", "L", "--source", "secure drop"]).status == 0)
        try #require(try sandbox.run(["status", "Harbour Board", "memo", "declined_to_comment", "--ledger", "L"]).status == 0)
        return sandbox
    }

    private func read(_ sandbox: Sandbox, _ name: String) throws -> [UInt8] {
        try Array(Data(contentsOf: URL(fileURLWithPath: sandbox.path(name))))
    }

    /// Item 1: a forged key history. Without the keeper's key, someone appends `key.added` (their
    /// own key) and `key.retired` (the real one) and an entry, rebuilds `log/hashes`, rewrites
    /// `ledger.json` and signs the checkpoint with their key. `check` refuses it, naming the
    /// forged `key.added`; so does every reader, with or without a remembered checkpoint, and a
    /// receipt checked against the forged `ledger.json`.
    @Test func aForgedKeyHistoryIsRefused() throws {
        let sandbox = try prepared()
        let origin = "test.example/hostile"
        let genuine = try read(sandbox, "L/checkpoint")
        let lines = try String(decoding: read(sandbox, "L/log/entries.jsonl"), as: UTF8.self).split(separator: "\n").map { Array($0.utf8) }
        let real = try JSONValue(parsing: read(sandbox, "L/ledger.json"))["verifier_keys"]!.array![0].string!
        let intruder = try NoteSigner.generate(name: origin)
        var builder = Merkle.Builder()
        var hasher = Merkle.Hasher()
        var hashes: [UInt8] = []
        var text: [UInt8] = Array(lines.map { $0 + [0x0A] }.joined())
        for line in lines { for hash in builder.append(leafHash: hasher.leafHash(line), hasher: &hasher) { hashes += hash.bytes } }
        let time = "2026-06-01T00:00:00Z"
        let head = Checkpoint(origin: origin, size: builder.size, root: builder.root(hasher: &hasher))
        // The intruder can only sign the authorization with their own key.
        let forgedAuthorization = KeyHistory.authorization(by: [intruder], origin: origin, newKey: intruder.verifier.verifierKey, extending: head)
        let forged: [Entry] = [
            Entry(seq: lines.count, time: time, type: .keyAdded, actor: "intruder",
                  body: ["verifier_key": .string(intruder.verifier.verifierKey), "authorization": .string(forgedAuthorization)]),
            Entry(seq: lines.count + 1, time: time, type: .keyRetired, actor: "intruder", body: ["verifier_key": .string(real)]),
            Entry(seq: lines.count + 2, time: time, type: .excerptRecorded, actor: "intruder", body: ["document": "memo", "text": "planted"]),
        ]
        for entry in forged {
            let line = entry.canonicalBytes
            text += line + [0x0A]
            for hash in builder.append(leafHash: hasher.leafHash(line), hasher: &hasher) { hashes += hash.bytes }
        }
        let checkpoint = Checkpoint(origin: origin, size: builder.size, root: builder.root(hasher: &hasher))
        try sandbox.write("L/log/entries.jsonl", text)
        try sandbox.write("L/log/hashes", hashes)
        try sandbox.write("L/checkpoint", Array(intruder.sign(checkpoint.text).utf8))
        let identity = LedgerIdentity(origin: origin, verifierKeys: [intruder.verifier.verifierKey]).json
        try sandbox.write("L/ledger.json", identity.canonicalBytes + [0x0A])
        try sandbox.write("genuine-checkpoint", genuine)

        // A reader that remembers the genuine checkpoint, and one that never saw the ledger.
        for environment in [sandbox.environment, sandbox.environment.merging(["XDG_STATE_HOME": sandbox.path("fresh-state")]) { $1 }] {
            let reader = Sandbox.Reader(sandbox: sandbox, environment: environment)
            let check = try reader.run(["check", "--ledger", "L", "--json"])
            #expect(check.status == 1, "\(check)")
            let json = try check.json()
            #expect(json["intact"] as? Bool == false)
            #expect(json["first_bad_seq"] as? Int == lines.count, "\(check.stdout)")
            #expect((json["problem"] as? String)?.contains("authorization") == true, "\(check.stdout)")
            #expect(try reader.run(["check", "--ledger", "L", "--against", sandbox.path("genuine-checkpoint")]).status == 1)
            for command in [["log", "--ledger", "L"], ["show", "memo", "--ledger", "L"], ["verify", "planted", "--ledger", "L"]] {
                let run = try reader.run(command)
                #expect(run.status == 1, "\(command): \(run)")
                #expect(run.stderr.hasPrefix("error:") || run.stderr.contains("\nerror:"), "\(command): \(run)")
            }
        }
    }

    /// Item 1 offline: `verify-receipt --key ledger.json` traces the keys of `ledger.json` to its
    /// first keys, so a key planted there without an authorization does not verify a receipt.
    @Test func aReceiptIsNotVouchedForByAPlantedKey() throws {
        let sandbox = try prepared()
        let receipt = try sandbox.run(["prove", "memo", "--ledger", "L", "--out", sandbox.path("memo.tlog-proof")])
        try #require(receipt.status == 0)
        // Genuine ledger.json: verifies.
        #expect(try sandbox.run(["verify-receipt", sandbox.path("memo.tlog-proof"), "--key", sandbox.path("L/ledger.json")]).status == 0)
        // A ledger.json that claims an extra key added later, with an authorization it signed itself.
        var json = try JSONValue(parsing: read(sandbox, "L/ledger.json")).object!
        let intruder = try NoteSigner.generate(name: "test.example/hostile")
        let note = KeyHistory.authorization(by: [intruder], origin: "test.example/hostile", newKey: intruder.verifier.verifierKey,
                                            extending: Checkpoint(origin: "test.example/hostile", size: 3, root: Merkle.emptyRoot))
        json["verifier_keys"] = .array(json["verifier_keys"]!.array! + [.string(intruder.verifier.verifierKey)])
        json["added_keys"] = .array([["verifier_key": .string(intruder.verifier.verifierKey), "added_at": 4, "authorization": .string(note)]])
        try sandbox.write("planted.json", JSONValue.object(json).canonicalBytes)
        let run = try sandbox.run(["verify-receipt", sandbox.path("memo.tlog-proof"), "--key", sandbox.path("planted.json")])
        #expect(run.status == 1, "\(run)")
        #expect(run.stderr.contains("authorized"), "\(run)")
    }

    /// Item 2: a flipped byte in a stored hash that the next append builds on. The writer refuses
    /// (exit 1, naming `log/hashes`) instead of signing a wrong root, and `check` names the file.
    @Test func damagedStoredHashesStopTheWriter() throws {
        let sandbox = try prepared()
        var hashes = try read(sandbox, "L/log/hashes")
        hashes[hashes.count - 7] ^= 0x01  // the last stored hash: on the right edge of the tree
        try sandbox.write("L/log/hashes", hashes)
        let before = try sandbox.snapshot(sandbox.path("L"))
        let memo = try sandbox.write("later.txt", text: "A later memo.\n")
        let run = try sandbox.run(["register", memo, "--ledger", "L"])
        #expect(run.status == 1, "\(run)")
        #expect(run.stderr.contains("log/hashes"), "\(run)")
        #expect(try sandbox.snapshot(sandbox.path("L")) == before)
        let check = try sandbox.run(["check", "--ledger", "L", "--json"])
        #expect(check.status == 1)
        #expect(try check.json()["file"] as? String == "log/hashes")
    }

    /// Item 3: a stored copy with a planted sentence. `verify` does not report the sentence as
    /// found, names the copy as damaged and exits 1; `--record` appends nothing; `check`
    /// re-hashes `objects/` and names the file (`--quick` skips that).
    @Test func aTamperedStoredCopyIsNamedNeverMatched() throws {
        let sandbox = try prepared()
        let log = try sandbox.run(["log", "--ledger", "L", "--json", "--type", "document.registered"]).jsonLines()
        let hex = try #require((log.first?["body"] as? [String: Any])?["sha256"] as? String)
        let object = "L/objects/\(hex)"
        chmod(sandbox.path(object), 0o644)
        try sandbox.write(object, try read(sandbox, object) + Array("The contract was rigged.\n".utf8))
        let before = try sandbox.snapshot(sandbox.path("L"))
        let verify = try sandbox.run(["verify", "--json", "The contract was rigged", "--ledger", "L"])
        #expect(verify.status == 1, "\(verify)")
        #expect(try verify.json()["verdict"] as? String == "not_found")
        // An honest quote from the document is not reported from the damaged copy either, and
        // the copy is named as damaged.
        let honest = try sandbox.run(["verify", "--json", "The harbour board met on Tuesday", "--ledger", "L"])
        #expect(honest.status == 1)
        let json = try honest.json()
        #expect(json["verdict"] as? String == "not_found")
        #expect(((json["damaged"] as? [[String: Any]])?.first?["document"] as? String) == "memo", "\(honest.stdout)")
        let record = try sandbox.run(["verify", "--record", "The harbour board met on Tuesday", "--ledger", "L"])
        #expect(record.status == 1)
        #expect(try sandbox.snapshot(sandbox.path("L")) == before)
        let check = try sandbox.run(["check", "--ledger", "L", "--json"])
        #expect(check.status == 1)
        #expect(try check.json()["file"] as? String == "objects/\(hex)")
        #expect(try sandbox.run(["check", "--ledger", "L", "--quick"]).status == 0)
    }

    /// Item 3: a link in `objects/` in place of a copy is never followed.
    @Test func aLinkInObjectsIsNeverFollowed() throws {
        let sandbox = try prepared()
        let log = try sandbox.run(["log", "--ledger", "L", "--json", "--type", "document.registered"]).jsonLines()
        let hex = try #require((log.first?["body"] as? [String: Any])?["sha256"] as? String)
        let outside = try sandbox.write("outside.txt", text: "The harbour board met on Tuesday. The dredging contract goes to tender in March.\n")
        try FileManager.default.removeItem(atPath: sandbox.path("L/objects/\(hex)"))
        try FileManager.default.createSymbolicLink(atPath: sandbox.path("L/objects/\(hex)"), withDestinationPath: outside)
        try FileManager.default.removeItem(atPath: sandbox.path("L/index.sqlite"))
        let verify = try sandbox.run(["verify", "--json", "The harbour board met on Tuesday", "--ledger", "L"])
        #expect(try verify.json()["verdict"] as? String == "not_found", "\(verify)")
        let check = try sandbox.run(["check", "--ledger", "L", "--json"])
        #expect(check.status == 1)
        #expect((try check.json()["problem"] as? String)?.contains("not a regular file") == true)
    }

    /// Item 4: links planted at the names the keeper writes (temporary names, `lock`,
    /// `index.sqlite`) never make it write outside the folder; it refuses with a clear error.
    @Test func plantedLinksNeverLeadOutside() throws {
        let sandbox = try prepared()
        let target = sandbox.path("victim")
        try FileManager.default.createSymbolicLink(atPath: sandbox.path("L/checkpoint.tmp"), withDestinationPath: target)
        let memo = try sandbox.write("a.txt", text: "First later memo.\n")
        #expect(try sandbox.run(["register", memo, "--ledger", "L"]).status == 0)
        #expect(!FileManager.default.fileExists(atPath: target))
        for name in ["lock", "index.sqlite"] {
            try? FileManager.default.removeItem(atPath: sandbox.path("L/\(name)"))
            try FileManager.default.createSymbolicLink(atPath: sandbox.path("L/\(name)"), withDestinationPath: target)
            let other = try sandbox.write("b-\(name).txt", text: "Another memo for \(name).\n")
            let run = try sandbox.run(["register", other, "--ledger", "L"])
            #expect(run.status != 0, "\(name): \(run)")
            #expect(run.stderr.contains("link"), "\(name): \(run)")
            #expect(!FileManager.default.fileExists(atPath: target), "\(name)")
            try FileManager.default.removeItem(atPath: sandbox.path("L/\(name)"))
        }
    }

    /// Item 5: an older checkpoint put back. A writer on a machine that remembers nothing does
    /// not cut the newer, committed entries: it keeps them in `log/quarantine/`, appends nothing
    /// and says so; `check` reports them.
    @Test func anOlderCheckpointPutBackLosesNothing() throws {
        let sandbox = try prepared()
        let old = try read(sandbox, "L/checkpoint")
        try #require(try sandbox.run(["excerpt", "add", "memo", "dredging contract", "--ledger", "L"]).status == 0)
        let committed = try read(sandbox, "L/log/entries.jsonl")
        try sandbox.write("L/checkpoint", old)
        let forgetful = Sandbox.Reader(sandbox: sandbox, environment: sandbox.environment.merging(["XDG_STATE_HOME": sandbox.path("other-machine")]) { $1 })
        let memo = try sandbox.write("later.txt", text: "A later memo.\n")
        let run = try forgetful.run(["register", memo, "--ledger", "L"])
        #expect(run.status == 1, "\(run)")
        #expect(run.stderr.contains("quarantine"))
        let kept = try FileManager.default.contentsOfDirectory(atPath: sandbox.path("L/log/quarantine"))
        let entries = try #require(kept.first { $0.hasSuffix("entries.jsonl") })
        let head = try read(sandbox, "L/log/entries.jsonl")
        #expect(head + (try read(sandbox, "L/log/quarantine/\(entries)")) == committed)
        #expect(try forgetful.run(["check", "--ledger", "L"]).status == 1)
        // The machine that saw the newer checkpoint calls it a rollback.
        let seen = try sandbox.run(["log", "--ledger", "L"])
        #expect(seen.status == 1)
        #expect(seen.stderr.contains("rolled back"), "\(seen)")
    }

    /// Item 6: a hand-edited entry is never printed or built on: `show`, `log`, `prove` and
    /// `register` exit 1 naming the first bad seq.
    @Test func aHandEditedEntryIsRefusedByEveryReader() throws {
        let sandbox = try prepared()
        let path = sandbox.path("L/log/entries.jsonl")
        let edited = try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(of: "secure drop", with: "secure drip")
        try sandbox.write("L/log/entries.jsonl", text: edited)
        let memo = try sandbox.write("later.txt", text: "A later memo.\n")
        for command in [["show", "memo"], ["log"], ["prove", "1"], ["register", memo]] {
            let run = try sandbox.run(command + ["--ledger", "L"])
            #expect(run.status == 1, "\(command): \(run)")
            #expect(run.stderr.contains("1"), "\(command): \(run)")
            #expect(!run.stdout.contains("secure drip"), "\(command): \(run)")
        }
    }

    /// An entry larger than a tlog-tiles entry bundle holds (65,535 bytes) is refused before
    /// anything is written, so the log can always be exported as tiles.
    @Test func anEntryTooLargeForTilesIsRefused() throws {
        let sandbox = try prepared()
        let before = try sandbox.snapshot(sandbox.path("L"))
        let words = String(repeating: "dredging ", count: 7_270)  // 65,430 bytes: under the excerpt limit
        let run = try sandbox.run(["excerpt", "add", "memo", words, "--ledger", "L"])
        #expect(run.status == 64, "\(run)")
        #expect(run.stderr.contains("65535"), "\(run)")
        #expect(try sandbox.snapshot(sandbox.path("L")) == before)
    }

    /// Item 9: a truncated or garbled index is rebuilt on the next use, never a dead end.
    @Test func aDamagedIndexHealsItself() throws {
        let sandbox = try prepared()
        let index = sandbox.path("L/index.sqlite")
        for damage in [Array(try read(sandbox, "L/index.sqlite").prefix(100)), Array(repeating: 0x41, count: 8192)] {
            try sandbox.write("L/index.sqlite", damage)
            let run = try sandbox.run(["verify", "--json", "The dredging contract goes to tender", "--ledger", "L"])
            #expect(run.status == 0, "\(run)")
            #expect(try run.json()["verdict"] as? String == "exact")
            #expect(try sandbox.run(["reindex", "--ledger", "L"]).status == 0)
        }
        #expect(FileManager.default.fileExists(atPath: index))
    }
}

extension Sandbox {
    /// The same sandbox seen by another user or machine (another environment).
    struct Reader {
        let sandbox: Sandbox
        let environment: [String: String]

        func run(_ arguments: [String]) throws -> Run {
            let saved = sandbox.environment
            sandbox.environment = environment
            defer { sandbox.environment = saved }
            return try sandbox.run(arguments)
        }
    }
}
