import Foundation
import LeakLedger
import Testing

/// Smaller defects found in use (issue 8, item 11), end to end through the built binary.
@Suite struct DefectTests {
    /// A ledger `L` holding one registered text file, `minutes`.
    static func ledger(text: String) throws -> Sandbox {
        let s = try Sandbox()
        let file = try s.write("minutes.txt", text: text)
        for arguments in [["init", "L", "--origin", "test.example/defects"], ["register", "--ledger", "L", file, "--id", "minutes"]] {
            let run = try s.run(arguments)
            try #require(run.status == 0, "\(arguments): \(run)")
        }
        return s
    }

    @Test func witnessInitWritesTheVerifierKeyBesideTheKeyAsTheREADMESays() throws {
        let s = try Self.ledger(text: "A fictional memo of the harbour board.\n")
        let made = try s.run(["witness", "init", "--name", "witness.example/w1", "--out", "w1.key", "--json"])
        #expect(made.status == 0, "\(made)")
        let verifierKey = try #require(try made.json()["verifier_key"] as? String)
        #expect(try made.json()["verifier_key_file"] as? String == "w1.key.vkey")
        #expect(try String(contentsOfFile: s.path("w1.key.vkey"), encoding: .utf8) == verifierKey + "\n")
        // The README's own lines: cosign, then verify with "$(cat w1.key.vkey)" and with the file.
        #expect(try s.run(["cosign", "--ledger", "L", "--witness", "w1.key"]).status == 0)
        let receipt = try s.run(["prove", "--ledger", "L", "minutes", "--out", s.path("r.tlog-proof")])
        #expect(receipt.status == 0, "\(receipt)")
        let ledgerJSON = s.path("L/ledger.json")
        for witness in [verifierKey, s.path("w1.key.vkey")] {
            let verified = try s.run(["verify-receipt", s.path("r.tlog-proof"), "--key", ledgerJSON, "--witness", witness, "--quorum", "1"])
            #expect(verified.status == 0, "\(verified)")
            #expect(verified.stdout.contains("Cosigned by: witness.example/w1."))
        }
        // Never replaced: neither the key nor its .vkey; a refusal leaves nothing behind.
        try s.write("w2.key.vkey", text: "kept\n")
        let refused = try s.run(["witness", "init", "--name", "witness.example/w2", "--out", "w2.key"])
        #expect(refused.status == 73 && refused.stderr.hasPrefix("error: "), "\(refused)")
        #expect(!FileManager.default.fileExists(atPath: s.path("w2.key")))
        #expect(try String(contentsOfFile: s.path("w2.key.vkey"), encoding: .utf8) == "kept\n")
    }

    @Test func aLongElisionIsShownOnceAndBriefly() throws {
        // 12,000 words between the quoted beginning and end: the report used to print them twice.
        let middle = (0..<12_000).map { ["harbour", "tide", "pilot", "quay", "ledger", "minutes"][$0 % 6] }.joined(separator: " ")
        let s = try Self.ledger(text: "The fictional harbour board agreed on Tuesday that the fee will rise. " + middle
                                + " In closing, the chair thanked the pilots for their patience during the storms.\n")
        let run = try s.run(["verify", "--ledger", "L", "--no-color",
                             "The fictional harbour board agreed on Tuesday … the chair thanked the pilots for their patience"])
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.contains("edited"))
        #expect(run.stdout.count < 1_500, "\(run.stdout.count) characters printed")
        #expect(run.stdout.contains("characters elided"))
        #expect(run.stdout.contains("the chair thanked the pilots for their patience"))
        // JSON keeps the whole match for scripts.
        let json = try s.run(["verify", "--ledger", "L", "--json",
                              "The fictional harbour board agreed on Tuesday … the chair thanked the pilots for their patience"])
        let match = try #require((try json.json()["matches"] as? [[String: Any]])?.first)
        #expect((match["text"] as? String)?.count ?? 0 > middle.count)
    }

    @Test func rootsAreShownInHexAndInTheCheckpointsBase64() throws {
        let s = try Self.ledger(text: "A fictional memo of the harbour board.\n")
        let note = try String(contentsOfFile: s.path("L/checkpoint"), encoding: .utf8)
        let base64 = String(note.split(separator: "\n")[2])
        let hex = Data(base64Encoded: base64)!.map { String(format: "%02x", $0) }.joined()
        let check = try s.run(["check", "--ledger", "L"])
        #expect(check.status == 0 && check.stdout.contains(hex) && check.stdout.contains(base64), "\(check)")
        let checkJSON = try s.run(["check", "--ledger", "L", "--json"]).json()
        #expect(checkJSON["root"] as? String == hex && checkJSON["root_base64"] as? String == base64)
        #expect(try s.run(["prove", "--ledger", "L", "minutes", "--out", s.path("r.tlog-proof")]).status == 0)
        let receipt = try s.run(["verify-receipt", s.path("r.tlog-proof"), "--key", s.path("L/ledger.json")])
        #expect(receipt.status == 0 && receipt.stdout.contains(hex) && receipt.stdout.contains(base64), "\(receipt)")
        let receiptJSON = try s.run(["verify-receipt", s.path("r.tlog-proof"), "--key", s.path("L/ledger.json"), "--json"]).json()
        #expect(receiptJSON["root"] as? String == hex && receiptJSON["root_base64"] as? String == base64)
    }

    @Test(arguments: ["{\"format\": 1, \"origin\": ", "", "folder", "missing"])
    func aDamagedLedgerJSONIsDamageNotAnUnreadableInput(_ damage: String) throws {
        let s = try Self.ledger(text: "A fictional memo of the harbour board.\n")
        let path = s.path("L/ledger.json")
        try FileManager.default.removeItem(atPath: path)
        switch damage {
        case "folder": try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        case "missing": break
        default: try s.write("L/ledger.json", text: damage)
        }
        let text = try s.run(["check", "--ledger", "L"])
        #expect(text.status == 1, "\(text)")
        #expect(text.stdout.hasPrefix("Damaged: ledger.json "), "\(text)")
        #expect(text.stderr.isEmpty, "\(text)")
        let json = try s.run(["check", "--ledger", "L", "--json"])
        #expect(json.status == 1, "\(json)")
        let report = try json.json()
        #expect(report["intact"] as? Bool == false)
        #expect(report["size"] as? Int == 2)
        #expect((report["problem"] as? String)?.hasPrefix("ledger.json ") == true)
        // A folder that is no ledger at all is still a missing input.
        #expect(try s.run(["check", "--ledger", s.path("nothing-here")]).status == 66)
    }

    @Test func exportTilesSaysWhatIsWrongWithTheFolder() throws {
        let s = try Self.ledger(text: "A fictional memo of the harbour board.\n")
        let file = try s.write("a-file", text: "not a folder\n")
        let onFile = try s.run(["export", "--ledger", "L", "--tiles", file])
        #expect(onFile.status == 73 && onFile.stderr.hasPrefix("error: ") && !onFile.stderr.contains("NSCocoaErrorDomain"), "\(onFile)")
        #expect(onFile.stderr.contains("not a folder"), "\(onFile)")
        let deep = s.path("missing/a/b")
        let refused = try s.run(["export", "--ledger", "L", "--tiles", deep])
        #expect(refused.status == 73 && refused.stderr.contains("does not exist"), "\(refused)")
        #expect(!FileManager.default.fileExists(atPath: s.path("missing")), "no folder is created on the way")
        // The last folder is made, as mkdir would.
        let made = try s.run(["export", "--ledger", "L", "--tiles", s.path("tiles")])
        #expect(made.status == 0, "\(made)")
        #expect(FileManager.default.fileExists(atPath: s.path("tiles/checkpoint")))
    }

    @Test func logShowsWhatAPartySaid() throws {
        let s = try Self.ledger(text: "A fictional memo of the harbour board.\n")
        #expect(try s.run(["status", "--ledger", "L", "Agency Foo", "minutes", "neither_confirm_nor_deny"]).status == 0)
        let log = try s.run(["log", "--ledger", "L", "--type", "party.status"])
        #expect(log.status == 0)
        #expect(log.stdout.contains("Agency Foo neither_confirm_nor_deny on minutes"), "\(log.stdout)")
    }
}
