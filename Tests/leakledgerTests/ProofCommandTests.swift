import Foundation
import Testing
import LeakLedger

@Suite(.serialized) struct ProofCommandTests {
    func verifierKey(_ cli: ProofCLI, _ ledger: String = "L") throws -> String {
        let identity = try LedgerIdentity(json: JSONValue(parsing: Array(cli.read(ledger + "/ledger.json").utf8)))
        return identity.verifierKeys[0]
    }

    @Test func proveAndVerifyAReceiptWithoutTheLedger() throws {
        let cli = ProofCLI()
        defer { cli.cleanup() }
        try cli.makeLedger()
        let key = try verifierKey(cli)

        let byDoc = try cli.run("prove", "memo-a", "--ledger", "L")
        #expect(byDoc.status == 0, "\(byDoc.stderr)")
        #expect(byDoc.stdout.hasPrefix("c2sp.org/tlog-proof@v1\nextra "))
        #expect(byDoc.stdout.contains("\nindex 1\n"))
        #expect(byDoc.stdout == (try cli.run("prove", "1", "--ledger", "L")).stdout)
        #expect(try cli.run("prove", "2", "--ledger", "L", "--out", "b.tlog-proof").status == 0)
        cli.write(byDoc.stdout, to: "a.tlog-proof")

        // Offline: another folder, no ledger anywhere, the key as text or as ledger.json.
        try FileManager.default.createDirectory(atPath: cli.folder + "/elsewhere", withIntermediateDirectories: true)
        let verified = try cli.run("verify-receipt", "a.tlog-proof", "--key", key)
        #expect(verified.status == 0, "\(verified.stderr)")
        #expect(verified.stdout.hasPrefix("Verified: entry 1 (document.registered) is in newsroom.example/proof-cli at tree size 3"))
        #expect(verified.stdout.contains("\"id\":\"memo-a\""))
        #expect(try cli.run("verify-receipt", "b.tlog-proof", "--key", "L/ledger.json").status == 0)
        let fromStdin = try cli.run("verify-receipt", "-", "--key", key, "--json", input: byDoc.stdout)
        #expect(fromStdin.status == 0)
        let json = try JSONValue(parsing: Array(fromStdin.stdout.utf8))
        #expect(json["verified"] == .bool(true) && json["seq"] == .int(1) && json["size"] == .int(3))
        #expect(json["entry"]?["body"]?["id"] == .string("memo-a"))
        // The library agrees with the command.
        let receipt = try Receipt(text: byDoc.stdout)
        #expect(try Entry(line: receipt.verify(verifiers: [NoteVerifier(verifierKey: key)])).seq == 1)
    }

    @Test func tamperedOrWrongReceiptsFailWithExitCodes() throws {
        let cli = ProofCLI()
        defer { cli.cleanup() }
        try cli.makeLedger()
        let key = try verifierKey(cli)
        let text = try cli.run("prove", "memo-a", "--ledger", "L").stdout
        var receipt = try Receipt(text: text)

        func expectFailure(_ text: String, key: String, status: Int32, sourceLocation: SourceLocation = #_sourceLocation) throws {
            cli.write(text, to: "bad.tlog-proof")
            let result = try cli.run("verify-receipt", "bad.tlog-proof", "--key", key)
            #expect(result.status == status, "\(result.stderr)", sourceLocation: sourceLocation)
            #expect(result.stderr.hasPrefix("error: ") && result.stderr.split(separator: "\n").count == 1, "\(result.stderr)", sourceLocation: sourceLocation)
            #expect(result.stdout.isEmpty, sourceLocation: sourceLocation)
        }
        receipt.entryBytes![12] ^= 1
        try expectFailure(receipt.text, key: key, status: 1)
        try expectFailure(text.replacingOccurrences(of: "\nindex 1\n", with: "\nindex 2\n"), key: key, status: 1)
        try expectFailure(text.replacingOccurrences(of: "\n3\n", with: "\n4\n"), key: key, status: 1)
        let other = try NoteSigner.generate(name: "newsroom.example/proof-cli")
        try expectFailure(text, key: other.verifier.verifierKey, status: 1)
        try expectFailure("c2sp.org/tlog-proof@v1\nindex x\n\n", key: key, status: 65)

        let missing = try cli.run("verify-receipt", "nothing.tlog-proof", "--key", key)
        #expect(missing.status == 66 && missing.stderr.hasPrefix("error: "))
        let noKey = try cli.run("verify-receipt", "bad.tlog-proof")
        #expect(noKey.status == 64 && noKey.stderr.hasPrefix("error: "))
        let badKey = try cli.run("verify-receipt", "bad.tlog-proof", "--key", "not-a-key")
        #expect(badKey.status == 64)
        let quorum = try cli.run("verify-receipt", "bad.tlog-proof", "--key", key, "--quorum", "1")
        #expect(quorum.status == 64)
    }

    @Test func proveUsageErrors() throws {
        let cli = ProofCLI()
        defer { cli.cleanup() }
        try cli.makeLedger()
        #expect(try cli.run("prove", "--ledger", "L").status == 64)
        #expect(try cli.run("prove", "1", "--consistency", "x", "--ledger", "L").status == 64)
        let outside = try cli.run("prove", "9", "--ledger", "L")
        #expect(outside.status == 66 && outside.stderr.hasPrefix("error: "))
        #expect(try cli.run("prove", "no-such-doc", "--ledger", "L").status == 66)
        #expect(try cli.run("prove", "1", "--ledger", "Nowhere").status == 66)
    }

    @Test func checkAgainstAndConsistencyProofsCatchForksAndRollbacks() throws {
        let cli = ProofCLI()
        defer { cli.cleanup() }
        try cli.makeLedger()
        let key = try NoteVerifier(verifierKey: verifierKey(cli))
        let old = try cli.run("checkpoint", "--ledger", "L").stdout
        cli.write(old, to: "old.checkpoint")
        // A copy of the folder as it is now, kept aside (a backup, or a second desk's copy).
        try FileManager.default.copyItem(atPath: cli.folder + "/L", toPath: cli.folder + "/Copy")
        cli.write("A third fictional memo.\n", to: "memo-c.txt")
        try cli.expectSuccess(cli.run("register", "memo-c.txt", "--ledger", "L", "--id", "memo-c", "--title", "C"))

        let consistent = try cli.run("check", "--ledger", "L", "--against", "old.checkpoint")
        #expect(consistent.status == 0, "\(consistent.stderr)")
        #expect(consistent.stdout.contains("Consistent with old.checkpoint"))
        let proof = try cli.run("prove", "--consistency", "old.checkpoint", "--ledger", "L")
        #expect(proof.status == 0)
        let parsed = try ConsistencyProof(text: proof.stdout)
        let oldCheckpoint = try Checkpoint(text: SignedNote.open(old, verifiers: [key]).text)
        #expect(try parsed.verify(old: oldCheckpoint, verifiers: [key]).size == 4)

        // The copy takes another path: a different entry 3, signed with the same key: a fork.
        let new = try cli.run("checkpoint", "--ledger", "L").stdout
        cli.write(new, to: "new.checkpoint")
        cli.write("A different fictional memo.\n", to: "memo-d.txt")
        // The copy's own desk (its own memory) appends to it.
        let copyDesk = ["XDG_STATE_HOME": cli.folder + "/copy-state"]
        try cli.expectSuccess(cli.run("register", "memo-d.txt", "--ledger", "Copy", "--id", "memo-d", "--title", "D", environment: copyDesk))
        let forked = try cli.run("check", "--ledger", "Copy", "--against", "new.checkpoint")
        #expect(forked.status == 1)
        #expect(forked.stdout.contains("forked"))
        let forkedJSON = try cli.run("check", "--ledger", "Copy", "--against", "new.checkpoint", "--json")
        let json = try JSONValue(parsing: Array(forkedJSON.stdout.utf8))
        #expect(forkedJSON.status == 1 && json["intact"] == .bool(false) && json["against"]?["verdict"] == .string("forked"))
        // The copy is intact on its own: only the old checkpoint reveals the fork.
        #expect(try cli.run("check", "--ledger", "Copy", environment: copyDesk).status == 0)

        // The client remembers what it saw: proving from L, then from the forked copy, fails.
        #expect(try cli.run("prove", "1", "--ledger", "L").status == 0)
        let remembered = try cli.run("prove", "1", "--ledger", "Copy")
        #expect(remembered.status == 1)
        // The ssh-style warning first, the error line last.
        #expect(remembered.stderr.contains("WARNING: THE LEDGER'S HISTORY HAS FORKED!") && remembered.stderr.contains("forked"))
        #expect(remembered.stderr.split(separator: "\n").last?.hasPrefix("error: ") == true)

        // A receipt from the forked copy, same size as what this user saw of L: refused.
        let forkReceipt = try cli.run("prove", "1", "--ledger", "Copy", environment: ["XDG_STATE_HOME": cli.folder + "/state3"])
        cli.write(forkReceipt.stdout, to: "fork.tlog-proof")
        let forkVerify = try cli.run("verify-receipt", "fork.tlog-proof", "--key", "L/ledger.json")
        #expect(forkVerify.status == 1 && forkVerify.stderr.contains("forked"), "\(forkVerify.stderr)")
        // Another user (another state folder) has not seen L, so the copy is new to them.
        #expect(try cli.run("prove", "1", "--ledger", "Copy", environment: ["XDG_STATE_HOME": cli.folder + "/state2"]).status == 0)
        // Something that is not a signed checkpoint.
        let bad = try cli.run("check", "--ledger", "L", "--against", "memo-a.txt")
        #expect(bad.status == 65, "\(bad.stderr)")
    }

    @Test func rollbackIsCaughtByCheckAgainstAndByMemory() throws {
        let cli = ProofCLI()
        defer { cli.cleanup() }
        try cli.makeLedger()
        try FileManager.default.copyItem(atPath: cli.folder + "/L", toPath: cli.folder + "/Backup")
        cli.write("A third fictional memo.\n", to: "memo-c.txt")
        try cli.expectSuccess(cli.run("register", "memo-c.txt", "--ledger", "L", "--id", "memo-c", "--title", "C"))
        cli.write(try cli.run("checkpoint", "--ledger", "L").stdout, to: "latest.checkpoint")
        #expect(try cli.run("prove", "3", "--ledger", "L").status == 0)
        // The folder is restored from the backup: entry 3 vanishes.
        try FileManager.default.removeItem(atPath: cli.folder + "/L")
        try FileManager.default.moveItem(atPath: cli.folder + "/Backup", toPath: cli.folder + "/L")
        let check = try cli.run("check", "--ledger", "L", "--against", "latest.checkpoint")
        #expect(check.status == 1 && check.stdout.contains("rolled back"))
        let memory = try cli.run("prove", "1", "--ledger", "L")
        #expect(memory.status == 1 && memory.stderr.contains("rolled back"))
    }

    @Test func witnessesCosignAndReceiptsCountThem() throws {
        let cli = ProofCLI()
        defer { cli.cleanup() }
        try cli.makeLedger()
        let key = try verifierKey(cli)
        let w1 = try cli.run("witness", "init", "--name", "witness-one.example/w", "--out", "w1.key", "--json")
        let w2 = try cli.run("witness", "init", "--name", "witness-two.example/w", "--out", "w2.key", "--json")
        #expect(w1.status == 0 && w2.status == 0)
        let w1Key = try JSONValue(parsing: Array(w1.stdout.utf8))["verifier_key"]!.string!
        let w2Key = try JSONValue(parsing: Array(w2.stdout.utf8))["verifier_key"]!.string!
        let attributes = try FileManager.default.attributesOfItem(atPath: cli.folder + "/w1.key")
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        #expect(try cli.run("witness", "init", "--name", "witness-one.example/w", "--out", "w1.key").status == 73)

        let cosign = try cli.run("cosign", "--ledger", "L", "--witness", "w1.key")
        #expect(cosign.status == 0, "\(cosign.stderr)")
        #expect(try cli.run("check", "--ledger", "L").status == 0)
        cli.write(try cli.run("prove", "memo-b", "--ledger", "L").stdout, to: "b.tlog-proof")
        let one = try cli.run("verify-receipt", "b.tlog-proof", "--key", key, "--witness", w1Key, "--witness", w2Key, "--quorum", "1")
        #expect(one.status == 0, "\(one.stderr)")
        #expect(one.stdout.contains("Cosigned by: witness-one.example/w."))
        let two = try cli.run("verify-receipt", "b.tlog-proof", "--key", key, "--witness", w1Key, "--witness", w2Key, "--quorum", "2")
        #expect(two.status == 1 && two.stderr.contains("only 1 of the 2"))
        #expect(try cli.run("cosign", "--ledger", "L", "--witness", "w2.key").status == 0)
        cli.write(try cli.run("prove", "memo-b", "--ledger", "L").stdout, to: "b2.tlog-proof")
        #expect(try cli.run("verify-receipt", "b2.tlog-proof", "--key", key, "--witness", w1Key, "--witness", w2Key, "--quorum", "2").status == 0)
        // Without witness keys the log key alone still verifies the cosigned receipt.
        #expect(try cli.run("verify-receipt", "b2.tlog-proof", "--key", key).status == 0)

        // The witness remembers: after a fork of the ledger it refuses to cosign.
        try FileManager.default.copyItem(atPath: cli.folder + "/L", toPath: cli.folder + "/Fork")
        cli.write("A third fictional memo.\n", to: "memo-c.txt")
        try cli.expectSuccess(cli.run("register", "memo-c.txt", "--ledger", "L", "--id", "memo-c", "--title", "C"))
        #expect(try cli.run("cosign", "--ledger", "L", "--witness", "w1.key").status == 0)
        cli.write("Not the same memo.\n", to: "memo-x.txt")
        let forkState = ["XDG_STATE_HOME": cli.folder + "/fork-state"]
        try cli.expectSuccess(cli.run("register", "memo-x.txt", "--ledger", "Fork", "--id", "memo-x", "--title", "X", environment: forkState))
        let refused = try cli.run("cosign", "--ledger", "Fork", "--witness", "w1.key")
        #expect(refused.status == 1 && refused.stderr.contains("refusing to cosign"))
        // A ledger key is not a witness key.
        let keyFile = cli.folder + "/config/leakledger/keys"
        let ledgerKey = try FileManager.default.contentsOfDirectory(atPath: keyFile).first { $0.hasSuffix(".key") }!
        #expect(try cli.run("cosign", "--ledger", "L", "--witness", keyFile + "/" + ledgerKey).status == 64)
    }

    @Test func exportTilesWritesAVerifiableFolder() throws {
        let cli = ProofCLI()
        defer { cli.cleanup() }
        try cli.makeLedger()
        let result = try cli.run("export", "--tiles", "T", "--ledger", "L", "--json")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try JSONValue(parsing: Array(result.stdout.utf8))["size"] == .int(3))
        #expect(cli.read("T/checkpoint") == (try cli.run("checkpoint", "--ledger", "L")).stdout)
        let key = try NoteVerifier(verifierKey: verifierKey(cli))
        let (checkpoint, entries) = try Tiles.read(from: cli.folder + "/T", verifiers: [key])
        #expect(checkpoint.size == 3 && entries.count == 3)
        #expect(try Entry(line: entries[1]).body["id"] == .string("memo-a"))
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("LeakLedgerTests/Vectors/tree_tiles_verify.py").path
        let python = Process()
        python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        python.arguments = ["python3", script, cli.folder + "/T"]
        let pipe = Pipe()
        python.standardOutput = pipe
        if (try? python.run()) != nil {
            let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            python.waitUntilExit()
            #expect(python.terminationStatus == 0 && output == "ok 3\n", "\(output)")
        }
        #expect(try cli.run("export", "--ledger", "L").status == 64)
    }
}
