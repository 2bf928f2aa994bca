import Foundation
import Testing

/// The command's contract (spec/cli.md) end to end: real processes, temporary folders.
@Suite struct CommandTests {
    /// The root help, pinned so that a change to the command's surface is a visible diff.
    @Test func rootHelpIsPinned() throws {
        let sandbox = try Sandbox()
        let run = try sandbox.run(["--help"])
        #expect(run.status == 0)
        #expect(run.stdout == """
            OVERVIEW: Register leaked and disputed documents in a signed, append-only
            ledger.

            A ledger is a folder: ledger.json, log/entries.jsonl, log/hashes, checkpoint,
            objects/. It is found with --ledger DIR, else $LEAKLEDGER_DIR, else ./Ledger.
            Its private key stays outside it (--key FILE, $LEAKLEDGER_KEY, or the user's
            config folder); without the key a ledger is read-only.

            USAGE: leakledger <subcommand>

            OPTIONS:
              --version               Show the version.
              -h, --help              Show help information.

            SUBCOMMANDS:
              init                    Create a ledger folder and its signing key.
              register                Fingerprint files and register them in the ledger.
              excerpt                 Record excerpts of registered documents.
              verify                  Find which registered documents hold an excerpt,
                                      where, and how faithfully.
              status                  Record what a party said about a document.
              link                    Record a cross-reference between documents.
              correct                 Correct an earlier entry by appending a correction.
              show                    Show a document's fingerprints, statuses and links.
              append                  Append statuses, links, excerpts or corrections from
                                      a file of JSON lines.
              log                     List the audit log, oldest first.
              check                   Verify every entry, the tree and the checkpoint's
                                      signature.
              checkpoint              Print the latest signed checkpoint.
              prove                   Print a receipt that proves an entry is in the ledger.
              verify-receipt          Verify a receipt offline, with the ledger's public
                                      key.
              prove-quote             Prove that a quote stands in a registered document,
                                      revealing only its words.
              verify-quote            Verify a quote proof offline, with the ledger's
                                      public key.
              reveal                  Reveal what a blind registration withheld.
              witness                 Manage a witness key, for cosigning other ledgers'
                                      checkpoints.
              cosign                  Cosign a ledger's checkpoint as a witness.
              export                  Export the ledger for other tools, or as tiles for
                                      others to serve.
              reindex                 Rebuild the search index from the log and objects.
              key                     Rotate the ledger's signing keys and back them up.
              dkim                    Verify the DKIM signatures of e-mail against recorded
                                      key records.
              extract                 Print the text derived from a file.

              See 'leakledger help <subcommand>' for detailed help.

            """)
    }

    /// Every command and every argument, option and flag has a help text: read from the
    /// parser's own description of the command tree (`--experimental-dump-help`).
    @Test func everyCommandAndOptionHasHelp() throws {
        let sandbox = try Sandbox()
        let run = try sandbox.run(["--experimental-dump-help"])
        try #require(run.status == 0)
        let root = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        var missing = [String]()
        var commands = 0
        func walk(_ command: [String: Any], _ path: [String]) {
            commands += 1
            if (command["abstract"] as? String ?? "").isEmpty { missing.append(path.joined(separator: " ")) }
            for argument in command["arguments"] as? [[String: Any]] ?? [] where argument["shouldDisplay"] as? Bool != false {
                let name = (argument["valueName"] as? String) ?? "?"
                if (argument["abstract"] as? String ?? "").isEmpty, path.last != "help" {
                    missing.append(path.joined(separator: " ") + " " + name)
                }
            }
            for sub in command["subcommands"] as? [[String: Any]] ?? [] {
                walk(sub, path + [(sub["commandName"] as? String) ?? "?"])
            }
        }
        walk(try #require(root["command"] as? [String: Any]), ["leakledger"])
        #expect(commands >= 20)
        #expect(missing.isEmpty, "no help for: \(missing)")
    }

    @Test func initCreatesFolderAndKeyOutsideIt() throws {
        let sandbox = try Sandbox()
        let run = try sandbox.run(["init", "L", "--origin", "test.example/ledger", "--json"])
        #expect(run.status == 0, "\(run)")
        let json = try run.json()
        let keyFile = try #require(json["key_file"] as? String)
        #expect(keyFile == sandbox.path("config/leakledger/keys/test.example_ledger.key"))
        let attributes = try FileManager.default.attributesOfItem(atPath: keyFile)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let key = try String(contentsOfFile: keyFile, encoding: .utf8)
        #expect(key.hasPrefix("PRIVATE+KEY+test.example/ledger+"))
        let identity = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: sandbox.path("L/ledger.json")))) as? [String: Any])
        #expect(identity["origin"] as? String == "test.example/ledger")
        #expect(identity["format"] as? Int == 1)
        #expect((identity["verifier_keys"] as? [String]) == [try #require(json["verifier_key"] as? String)])
        // The private key appears nowhere in the folder.
        // The base64 after the key id (it may hold '+' itself, or end with one).
        let seed = String(key.split(separator: "+", maxSplits: 4).last!.trimmingCharacters(in: .whitespacesAndNewlines).prefix(40))
        for (file, _) in try sandbox.snapshot(sandbox.path("L")) where !file.hasSuffix("/") {
            let data = (try? String(contentsOfFile: sandbox.path("L") + file, encoding: .utf8)) ?? ""
            #expect(!data.contains(seed), "\(file) holds the private key")
        }
        let log = try sandbox.run(["log", "--ledger", "L", "--json"]).jsonLines()
        #expect(log.count == 1)
        #expect(log[0]["type"] as? String == "ledger.created")
        #expect(log[0]["actor"] as? String == "tester")
        #expect(try sandbox.run(["init", "L", "--origin", "test.example/ledger"]).status == 73)
    }

    @Test func initFillsAnEmptyFolderAndRefusesAnOccupiedOne() throws {
        let sandbox = try Sandbox()
        try FileManager.default.createDirectory(atPath: sandbox.path("empty"), withIntermediateDirectories: true)
        #expect(try sandbox.run(["init", "empty", "--origin", "test.example/in-place"]).status == 0)
        #expect(try sandbox.run(["check", "--ledger", "empty"]).status == 0)
        try sandbox.write("occupied/note.txt", text: "x")
        let run = try sandbox.run(["init", "occupied", "--origin", "test.example/occupied"])
        #expect(run.status == 73)
        #expect(try FileManager.default.contentsOfDirectory(atPath: sandbox.path("occupied")) == ["note.txt"])
        // No key was left behind for the ledger that was not made.
        #expect(!FileManager.default.fileExists(atPath: sandbox.path("config/leakledger/keys/test.example_occupied.key")))
        // The key never goes inside the ledger folder.
        let inside = try sandbox.run(["init", "fresh", "--origin", "test.example/f", "--key", "fresh/my.key"])
        #expect(inside.status == 64)
        #expect(!FileManager.default.fileExists(atPath: sandbox.path("fresh")))
    }

    @Test func registerRecordsOpensslDigestsAndStoresObjects() throws {
        let sandbox = try Sandbox()
        try #require(try sandbox.run(["init", "L", "--origin", "test.example/r"]).status == 0)
        let text = try sandbox.write("memo.final.txt", text: "A fictional memo. Second line.")
        let binary = try sandbox.write("scan.bin", (0..<70_000).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 13) })
        let run = try sandbox.run(["register", text, binary, "--ledger", "L", "--publisher", "Example Daily",
                                   "--published", "2022-02-02", "--marking", "confidential", "--json"])
        #expect(run.status == 0, "\(run)")
        let lines = try run.jsonLines()
        #expect(lines.count == 2)
        #expect(lines[0]["id"] as? String == "memo.final")
        #expect(lines[1]["id"] as? String == "scan")
        #expect(lines.map { $0["seq"] as? Int } == [1, 2])
        #expect(lines[0]["sha256"] as? String == (try Tool.opensslSHA256(text)))
        #expect(lines[1]["sha256"] as? String == (try Tool.opensslSHA256(binary)))
        #expect(lines[1]["bytes"] as? Int == 70_000)
        #expect(lines[1]["text_sha256"] == nil)
        // text_sha256 is SHA-256 of the L2 text; this ASCII text with single spaces and no
        // quotes or dashes is its own L2 form.
        #expect(lines[0]["text_sha256"] as? String == (try Tool.opensslSHA256(text)))
        for line in lines {
            let object = sandbox.path("L/objects/\(line["sha256"] as! String)")
            #expect(try Tool.opensslSHA256(object) == line["sha256"] as? String)
        }
        // One commit for both: the checkpoint went from 1 to 3 at once, both entries share it.
        let checkpoint = try sandbox.run(["checkpoint", "--ledger", "L", "--json"]).json()
        #expect(checkpoint["size"] as? Int == 3)
        let log = try sandbox.run(["log", "--ledger", "L", "--json", "--type", "document.registered"]).jsonLines()
        let body = try #require(log.first?["body"] as? [String: Any])
        #expect(body["publisher"] as? String == "Example Daily")
        #expect(body["published"] as? String == "2022-02-02")
        #expect(body["marking"] as? String == "confidential")
        #expect(body["file_name"] as? String == "memo.final.txt")
        #expect(body["stored"] as? Bool == true)
        #expect(try sandbox.run(["check", "--ledger", "L"]).status == 0)
    }

    /// `text_sha256` hashes the L2 form (quotes and dashes unified, white space runs to one
    /// space), so the same text typeset differently gets the same fingerprint.
    @Test func textFingerprintIsOfTheNormalizedText() throws {
        let sandbox = try Sandbox()
        try #require(try sandbox.run(["init", "L", "--origin", "test.example/t"]).status == 0)
        let typeset = try sandbox.write("typeset.txt", text: "\u{201C}A fictional\u{201D} line \u{2014}  with\ttypography")
        let plain = try sandbox.write("plain.txt", text: "\"A fictional\" line - with typography")
        let run = try sandbox.run(["register", typeset, plain, "--hash-only", "--ledger", "L", "--json"])
        let lines = try run.jsonLines()
        try #require(lines.count == 2, "\(run)")
        #expect(lines[0]["sha256"] as? String != lines[1]["sha256"] as? String)
        #expect(lines[0]["text_sha256"] as? String == (try Tool.opensslSHA256(plain)))
        #expect(lines[1]["text_sha256"] as? String == (try Tool.opensslSHA256(plain)))
    }

    @Test func registerStandardInputAndHashOnly() throws {
        let sandbox = try Sandbox()
        try #require(try sandbox.run(["init", "L", "--origin", "test.example/s"]).status == 0)
        let bytes = Array("piped fictional text\n".utf8)
        let run = try sandbox.run(["register", "-", "--id", "piped", "--hash-only", "--ledger", "L", "--json"], stdin: bytes)
        #expect(run.status == 0, "\(run)")
        let json = try run.json()
        let file = try sandbox.write("copy.txt", bytes)
        #expect(json["sha256"] as? String == (try Tool.opensslSHA256(file)))
        #expect(json["bytes"] as? Int == bytes.count)
        #expect(try FileManager.default.contentsOfDirectory(atPath: sandbox.path("L/objects")).isEmpty)
        #expect(try sandbox.run(["register", "-", "--ledger", "L"], stdin: bytes).status == 64)
    }

    @Test func excerptsAreKeptByteForByte() throws {
        let sandbox = try Sandbox()
        try #require(try sandbox.run(["init", "L", "--origin", "test.example/e"]).status == 0)
        let printed = "a fictional quote. with stray marks”. .”"
        var run = try sandbox.run(["register", "--excerpts-only", "--kind", "statement", "--id", "story", "--title", "A story", "--ledger", "L"])
        #expect(run.status == 0, "\(run)")
        run = try sandbox.run(["register", "--excerpts-only", "--id", "doc", "--title", "A document", "--excerpt", printed,
                               "--cited-by", "story", "--ledger", "L", "--json"])
        #expect(run.status == 0, "\(run)")
        #expect(try run.json()["excerpts"] as? [Int] == [3])
        run = try sandbox.run(["excerpt", "add", "doc", "second ’quote’", "--cited-by", "story", "--ledger", "L", "--json"])
        #expect(try run.json()["seq"] as? Int == 4)
        let excerpts = try sandbox.run(["log", "--ledger", "L", "--json", "--type", "excerpt.recorded"]).jsonLines()
        #expect(excerpts.compactMap { ($0["body"] as? [String: Any])?["text"] as? String } == [printed, "second ’quote’"])
        #expect(excerpts.allSatisfy { ($0["body"] as? [String: Any])?["cited_by"] as? String == "story" })
        let forDoc = try sandbox.run(["log", "--ledger", "L", "--json", "--doc", "story"]).jsonLines()
        #expect(forDoc.map { $0["seq"] as? Int } == [1, 3, 4])
        #expect(try sandbox.run(["log", "--ledger", "L", "--json", "--limit", "2"]).jsonLines().count == 2)
        #expect(try sandbox.run(["log", "--ledger", "L", "--json", "--since", "2999-01-01"]).jsonLines().isEmpty)
    }

    @Test func logHashIsTheLeafHashOfTheLine() throws {
        let sandbox = try Sandbox()
        try #require(try sandbox.run(["init", "L", "--origin", "test.example/h"]).status == 0)
        let line = try String(contentsOfFile: sandbox.path("L/log/entries.jsonl"), encoding: .utf8).split(separator: "\n")[0]
        let leafFile = try sandbox.write("leaf", [0] + Array(line.utf8))
        let log = try sandbox.run(["log", "--ledger", "L", "--json"]).json()
        #expect(log["hash"] as? String == (try Tool.opensslSHA256(leafFile)))
        let table = try sandbox.run(["log", "--ledger", "L"])
        #expect(table.stdout.hasPrefix("SEQ"))
        #expect(table.stdout.contains(String((log["hash"] as! String).prefix(12))))
    }

    @Test func readOnlyWithoutTheKey() throws {
        let sandbox = try Sandbox()
        try #require(try sandbox.run(["init", "L", "--origin", "test.example/ro"]).status == 0)
        try FileManager.default.removeItem(atPath: sandbox.path("config"))
        #expect(try sandbox.run(["log", "--ledger", "L"]).status == 0)
        #expect(try sandbox.run(["check", "--ledger", "L"]).status == 0)
        #expect(try sandbox.run(["checkpoint", "--ledger", "L"]).status == 0)
        let run = try sandbox.run(["excerpt", "add", "x", "y", "--ledger", "L"])
        #expect(run.status == 77)
        #expect(run.stderr.hasPrefix("error: "))
        #expect(run.stderr.contains("--key FILE") && run.stderr.contains("$LEAKLEDGER_KEY"))
        #expect(run.stderr.split(separator: "\n").count == 1)
    }

    @Test func keyFromOptionOrEnvironment() throws {
        let sandbox = try Sandbox()
        let key = sandbox.path("keys/custody.key")
        #expect(try sandbox.run(["init", "L", "--origin", "test.example/k", "--key", key]).status == 0)
        try sandbox.write("a.txt", text: "fictional")
        #expect(try sandbox.run(["register", "a.txt", "--ledger", "L"]).status == 77)
        let withKey = try sandbox.run(["register", "a.txt", "--ledger", "L", "--key", key])
        #expect(withKey.status == 0 && withKey.stderr.isEmpty, "\(withKey)")
        // A key others can read still works, with a warning.
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: key)
        try sandbox.write("a2.txt", text: "fictional 2")
        let exposed = try sandbox.run(["register", "a2.txt", "--ledger", "L", "--key", key])
        #expect(exposed.status == 0)
        #expect(exposed.stderr.hasPrefix("warning: ") && exposed.stderr.contains("chmod 600"))
        sandbox.environment["LEAKLEDGER_KEY"] = key
        sandbox.environment["LEAKLEDGER_DIR"] = sandbox.path("L")
        try sandbox.write("b.txt", text: "fictional too")
        #expect(try sandbox.run(["register", "b.txt"]).status == 0)
        // A key of another ledger is refused, with the no-key code.
        sandbox.environment["LEAKLEDGER_KEY"] = nil
        #expect(try sandbox.run(["init", "M", "--origin", "test.example/other"]).status == 0)
        try sandbox.write("c.txt", text: "third")
        #expect(try sandbox.run(["register", "c.txt", "--key", sandbox.path("config/leakledger/keys/test.example_other.key")]).status == 77)
    }

    @Test(arguments: ["2022-02-30", "02/02/2022", "2022-02-02T25:00:00Z", "2022-2-2", "2022-02-02T10:00:00"])
    func badPublishedDateIsUsageError(_ date: String) throws {
        let sandbox = try Sandbox()
        try #require(try sandbox.run(["init", "L", "--origin", "test.example/d"]).status == 0)
        try sandbox.write("a.txt", text: "fictional")
        let run = try sandbox.run(["register", "a.txt", "--published", date, "--ledger", "L"])
        #expect(run.status == 64)
        #expect(run.stderr.hasPrefix("error: "))
    }

    @Test(arguments: ["2022-02-02", "2022-02-02T09:30:00Z", "2022-02-02T10:30:00.5+01:00"])
    func goodPublishedDateIsRecorded(_ date: String) throws {
        let sandbox = try Sandbox()
        try #require(try sandbox.run(["init", "L", "--origin", "test.example/d"]).status == 0)
        try sandbox.write("a.txt", text: "fictional")
        #expect(try sandbox.run(["register", "a.txt", "--published", date, "--ledger", "L"]).status == 0)
    }
}
