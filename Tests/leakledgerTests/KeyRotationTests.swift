import Foundation
import LeakLedger
import Testing

/// Key rotation end to end: add a key, retire the old one; receipts issued before keep
/// verifying with the old key, later ones with the new; a checkpoint signed after the
/// retirement by the retired key alone is refused.
@Suite struct KeyRotationTests {
    static let origin = "test.example/rotation"

    /// A rotated ledger and what the test needs to know about it.
    struct Rotated {
        let sandbox: Sandbox
        let oldKey: String
        let newKey: String
        let oldKeyFile: String
        let newKeyFile: String
        let oldLedgerJSON: Data
    }

    private func ok(_ sandbox: Sandbox, _ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> Run {
        let run = try sandbox.run(arguments)
        try #require(run.status == 0, "\(arguments): \(run)", sourceLocation: sourceLocation)
        return run
    }

    private func ledgerJSON(_ sandbox: Sandbox) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: sandbox.path("L/ledger.json")))) as? [String: Any])
    }

    /// init, register doc-a, receipt r1, key add, key retire (old), register doc-b, receipt r2.
    private func rotated() throws -> Rotated {
        let sandbox = try Sandbox()
        _ = try ok(sandbox, ["init", "L", "--origin", Self.origin])
        _ = try ok(sandbox, ["register", "--excerpts-only", "--id", "doc-a", "--title", "Fictional A", "--ledger", "L"])
        _ = try ok(sandbox, ["prove", "doc-a", "--ledger", "L", "--out", "r1.tlog-proof"])
        let oldLedgerJSON = try Data(contentsOf: URL(fileURLWithPath: sandbox.path("L/ledger.json")))
        let oldKey = try #require((try ledgerJSON(sandbox)["verifier_keys"] as? [String])?.first)
        let added = try ok(sandbox, ["key", "add", "--ledger", "L", "--json"]).json()
        let newKey = try #require(added["verifier_key"] as? String)
        let newKeyFile = try #require(added["key_file"] as? String)
        #expect(added["seq"] as? Int == 2 && added["created"] as? Bool == true)
        let mode = try FileManager.default.attributesOfItem(atPath: newKeyFile)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        _ = try ok(sandbox, ["key", "retire", oldKey, "--reason", "scheduled rotation", "--ledger", "L"])
        _ = try ok(sandbox, ["register", "--excerpts-only", "--id", "doc-b", "--title", "Fictional B", "--ledger", "L"])
        _ = try ok(sandbox, ["prove", "doc-b", "--ledger", "L", "--out", "r2.tlog-proof"])
        return Rotated(sandbox: sandbox, oldKey: oldKey, newKey: newKey,
                       oldKeyFile: sandbox.path("config/leakledger/keys/test.example_rotation.key"), newKeyFile: newKeyFile,
                       oldLedgerJSON: oldLedgerJSON)
    }

    @Test func receiptsBeforeAndAfterARotationVerifyWithTheRightKeys() throws {
        let r = try rotated()
        let sandbox = r.sandbox
        // ledger.json lists the new key as current and the old one with its retirement size.
        let identity = try ledgerJSON(sandbox)
        #expect(identity["verifier_keys"] as? [String] == [r.newKey])
        let retired = try #require(identity["retired_keys"] as? [[String: Any]])
        #expect(retired.count == 1)
        #expect(retired.first?["verifier_key"] as? String == r.oldKey)
        #expect(retired.first?["retired_at"] as? Int == 4)  // key.retired is seq 3, committed at size 4
        #expect(retired.first?["reason"] as? String == "scheduled rotation")
        #expect(try sandbox.run(["check", "--ledger", "L"]).status == 0)

        func verify(_ receipt: String, _ key: String) throws -> Int32 {
            try sandbox.run(["verify-receipt", receipt, "--key", key]).status
        }
        // Issued before the rotation: the old key (bare, or through ledger.json) still verifies it.
        #expect(try verify("r1.tlog-proof", r.oldKey) == 0)
        #expect(try verify("r1.tlog-proof", "L/ledger.json") == 0)
        #expect(try verify("r1.tlog-proof", r.newKey) == 1)
        // Issued after: the new key verifies it, the old one does not.
        #expect(try verify("r2.tlog-proof", r.newKey) == 0)
        #expect(try verify("r2.tlog-proof", "L/ledger.json") == 0)
        #expect(try verify("r2.tlog-proof", r.oldKey) == 1)

        // The log records both steps; key list reads them from it.
        let log = try ok(sandbox, ["log", "--ledger", "L", "--json"]).jsonLines()
        #expect(log.map { $0["type"] as? String } == ["ledger.created", "document.registered", "key.added", "key.retired", "document.registered"])
        #expect((log[2]["body"] as? [String: Any])?["verifier_key"] as? String == r.newKey)
        #expect((log[3]["body"] as? [String: Any])?["verifier_key"] as? String == r.oldKey)
        let list = try ok(sandbox, ["key", "list", "--ledger", "L", "--json"]).json()
        #expect((list["current"] as? [[String: Any]])?.map { $0["verifier_key"] as? String } == [r.newKey])
        #expect((list["retired"] as? [[String: Any]])?.first?["retired_at"] as? Int == 4)
    }

    @Test func theAddingCommitIsSignedByBothKeysAndTheRetiringOneByTheNewOnly() throws {
        let sandbox = try Sandbox()
        _ = try ok(sandbox, ["init", "L", "--origin", Self.origin])
        let oldKey = try #require((try ledgerJSON(sandbox)["verifier_keys"] as? [String])?.first)
        let newKey = try #require(try ok(sandbox, ["key", "add", "--ledger", "L", "--json"]).json()["verifier_key"] as? String)
        let both = try ok(sandbox, ["checkpoint", "--ledger", "L"]).stdout
        _ = try ok(sandbox, ["key", "retire", oldKey, "--ledger", "L"])
        let after = try ok(sandbox, ["checkpoint", "--ledger", "L"]).stdout
        // Checked by Python's `cryptography`, independently of LeakLedger.
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("LeakLedgerTests/Vectors/note_verify.py").path
        func pythonVerifies(_ note: String, _ key: String) throws -> Int32? {
            let file = try sandbox.write("note-\(UUID().uuidString)", text: note)
            let run = try Sandbox.runProgram("/bin/sh", ["-c", "python3 \"$0\" \"$1\" < \"$2\"", script, key, file])
            return run.status == 77 ? nil : run.status
        }
        guard let first = try pythonVerifies(both, oldKey) else {
            Issue.record("python3 with cryptography is needed for the independent check")
            return
        }
        #expect(first == 0)
        #expect(try pythonVerifies(both, newKey) == 0)
        #expect(try pythonVerifies(after, newKey) == 0)
        #expect(try pythonVerifies(after, oldKey) == 1)
        #expect(after.split(separator: "\n").filter { $0.hasPrefix("\u{2014} ") }.count == 1)
    }

    @Test func aCheckpointSignedByTheRetiredKeyAloneIsRefused() throws {
        let r = try rotated()
        let sandbox = r.sandbox
        // Someone holding the retired key signs the current tree with it alone.
        let oldSigner = try LedgerKeys.read(at: r.oldKeyFile)
        let genuine = try ok(sandbox, ["checkpoint", "--ledger", "L"]).stdout
        let forged = oldSigner.sign(try SignedNote.unverifiedText(genuine))
        let rotatedJSON = try sandbox.write("rotated-ledger.json", Array(try Data(contentsOf: URL(fileURLWithPath: sandbox.path("L/ledger.json")))))
        try sandbox.write("L/checkpoint", text: forged)
        let check = try sandbox.run(["check", "--ledger", "L", "--json"])
        #expect(check.status == 1, "\(check)")
        #expect(try check.json()["intact"] as? Bool == false)
        // ledger.json put back as it was before the rotation does not help: the log decides.
        try r.oldLedgerJSON.write(to: URL(fileURLWithPath: sandbox.path("L/ledger.json")))
        let again = try sandbox.run(["check", "--ledger", "L", "--json"])
        #expect(again.status == 1, "\(again)")
        let json = try again.json()
        #expect(json["intact"] as? Bool == false)
        #expect((json["problem"] as? String)?.contains("current at that size") == true, "\(again.stdout)")

        // The same forged checkpoint in a receipt: ledger.json knows the old key retired at 4.
        var receipt = try Receipt(text: String(contentsOfFile: sandbox.path("r2.tlog-proof"), encoding: .utf8))
        receipt.signedCheckpoint = forged
        try sandbox.write("forged.tlog-proof", text: receipt.text)
        let refused = try sandbox.run(["verify-receipt", "forged.tlog-proof", "--key", rotatedJSON])
        #expect(refused.status == 1 && refused.stderr.contains("retired at tree size 4"), "\(refused)")
    }

    @Test func appendsNeedEveryCurrentKey() throws {
        let sandbox = try Sandbox()
        _ = try ok(sandbox, ["init", "L", "--origin", Self.origin])
        let newKeyFile = try #require(try ok(sandbox, ["key", "add", "--ledger", "L", "--json"]).json()["key_file"] as? String)
        let oldKeyFile = sandbox.path("config/leakledger/keys/test.example_rotation.key")
        // Both keys found in the config folder: appends work as before.
        _ = try ok(sandbox, ["register", "--excerpts-only", "--id", "doc-a", "--title", "A", "--ledger", "L"])
        // The new key moved away: only the old one is at hand, and that is not enough.
        let moved = sandbox.path("elsewhere.key")
        try FileManager.default.moveItem(atPath: newKeyFile, toPath: moved)
        let before = try sandbox.snapshot(sandbox.path("L"))
        let missing = try sandbox.run(["register", "--excerpts-only", "--id", "doc-b", "--title", "B", "--ledger", "L"])
        #expect(missing.status == 77, "\(missing)")
        #expect(missing.stderr.hasPrefix("error: ") && missing.stderr.contains("--key"))
        #expect(try sandbox.snapshot(sandbox.path("L")) == before)
        // --key once per key.
        _ = try ok(sandbox, ["register", "--excerpts-only", "--id", "doc-b", "--title", "B", "--ledger", "L",
                             "--key", oldKeyFile, "--key", moved])
        #expect(try sandbox.run(["check", "--ledger", "L"]).status == 0)
    }

    @Test func aNewKeyInAFileOfItsOwn() throws {
        let sandbox = try Sandbox()
        _ = try ok(sandbox, ["init", "L", "--origin", Self.origin])
        let inside = try sandbox.run(["key", "add", "--new-key", "L/new.key", "--ledger", "L"])
        #expect(inside.status == 64 && !FileManager.default.fileExists(atPath: sandbox.path("L/new.key")), "\(inside)")
        let added = try ok(sandbox, ["key", "add", "--new-key", "desk.key", "--name", "desk.example/second", "--ledger", "L", "--json"]).json()
        #expect(added["key_file"] as? String == "desk.key" && added["created"] as? Bool == true)
        #expect((added["verifier_key"] as? String)?.hasPrefix("desk.example/second+") == true)
        #expect(try FileManager.default.attributesOfItem(atPath: sandbox.path("desk.key"))[.posixPermissions] as? Int == 0o600)
        // The key is not in the config folder, so appends name it.
        #expect(try sandbox.run(["register", "--excerpts-only", "--id", "a", "--title", "A", "--ledger", "L"]).status == 77)
        _ = try ok(sandbox, ["register", "--excerpts-only", "--id", "a", "--title", "A", "--ledger", "L",
                             "--key", sandbox.path("config/leakledger/keys/test.example_rotation.key"), "--key", "desk.key"])
        #expect(try sandbox.run(["check", "--ledger", "L"]).status == 0)
    }

    @Test func retiringRefusesTheLastKeyAndUnknownKeys() throws {
        let sandbox = try Sandbox()
        _ = try ok(sandbox, ["init", "L", "--origin", Self.origin])
        let only = try #require((try ledgerJSON(sandbox)["verifier_keys"] as? [String])?.first)
        let before = try sandbox.snapshot(sandbox.path("L"))
        let last = try sandbox.run(["key", "retire", only, "--ledger", "L"])
        #expect(last.status == 64 && last.stderr.contains("only current key"), "\(last)")
        let unknown = try sandbox.run(["key", "retire", "0badc0de", "--ledger", "L"])
        #expect(unknown.status == 64 && unknown.stderr.hasPrefix("error: "), "\(unknown)")
        #expect(try sandbox.snapshot(sandbox.path("L")) == before)
        // A key id works as a name for the key.
        let newKey = try #require(try ok(sandbox, ["key", "add", "--ledger", "L", "--json"]).json()["verifier_key"] as? String)
        let id = String(only.split(separator: "+")[1])
        _ = try ok(sandbox, ["key", "retire", id, "--ledger", "L"])
        #expect(try ledgerJSON(sandbox)["verifier_keys"] as? [String] == [newKey])
        // A retired key never comes back.
        let back = try sandbox.run(["key", "add", "--new-key", sandbox.path("config/leakledger/keys/test.example_rotation.key"), "--ledger", "L"])
        #expect(back.status == 64 && back.stderr.contains("retired"), "\(back)")
    }

    @Test func olderCheckpointsStayCheckableAndLedgerJSONFollowsTheLog() throws {
        let sandbox = try Sandbox()
        _ = try ok(sandbox, ["init", "L", "--origin", Self.origin])
        _ = try ok(sandbox, ["register", "--excerpts-only", "--id", "doc-a", "--title", "A", "--ledger", "L"])
        try sandbox.write("old.checkpoint", text: try ok(sandbox, ["checkpoint", "--ledger", "L"]).stdout)
        let oldKey = try #require((try ledgerJSON(sandbox)["verifier_keys"] as? [String])?.first)
        _ = try ok(sandbox, ["key", "add", "--ledger", "L"])
        _ = try ok(sandbox, ["key", "retire", oldKey, "--ledger", "L"])
        // A checkpoint signed by the old key before its retirement is still a valid reference.
        let against = try sandbox.run(["check", "--ledger", "L", "--against", "old.checkpoint"])
        #expect(against.status == 0 && against.stdout.contains("Consistent with old.checkpoint"), "\(against)")
        #expect(try sandbox.run(["prove", "--consistency", "old.checkpoint", "--ledger", "L"]).status == 0)
        // ledger.json that lags behind the log (an interrupted key command) is found and synced.
        let synced = try Data(contentsOf: URL(fileURLWithPath: sandbox.path("L/ledger.json")))
        var identity = try ledgerJSON(sandbox)
        identity["retired_keys"] = nil
        try JSONSerialization.data(withJSONObject: identity).write(to: URL(fileURLWithPath: sandbox.path("L/ledger.json")))
        let lagging = try sandbox.run(["check", "--ledger", "L", "--json"])
        let problem = try lagging.json()["problem"] as? String
        #expect(lagging.status == 1 && problem?.contains("key sync") == true, "\(lagging)")
        _ = try ok(sandbox, ["key", "sync", "--ledger", "L"])
        #expect(try Data(contentsOf: URL(fileURLWithPath: sandbox.path("L/ledger.json"))) == synced)
        #expect(try sandbox.run(["check", "--ledger", "L"]).status == 0)
    }
}
