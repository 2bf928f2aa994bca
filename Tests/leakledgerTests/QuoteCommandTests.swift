import Foundation
import LeakLedger
import Testing

/// Quote commitments, `prove-quote`, blind registration, `reveal` and the keeper's backup, end to
/// end through the command; the commitments and proofs checked by the independent Python
/// implementation of spec/quote-proof.md (`Tests/CommitmentsTests/Vectors/quote_proof.py`).
@Suite struct QuoteCommandTests {
    static let origin = "news.example/quay-desk"
    static let minutes = """
        MINUTES OF THE QUAY WARDENS OF HOLMSVIK — NOT FOR CIRCULATION

        The wardens “will not renew the lease of the northern pier” before the tide survey, and \
        the harbour master’s report — twice postponed — stays sealed until the spring assembly.
        """
    static let cable = "Note from the ferry office: the timetable for the winter crossings was agreed in private, against the published plan.\n"
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("CommitmentsTests/Vectors/quote_proof.py").path
    static let hasPython = (try? Sandbox.runProgram("/usr/bin/env", ["python3", "-c", "import cryptography"]).status) == 0

    /// A sandbox with a ledger `L` and the minutes registered as `minutes`.
    func prepare() throws -> Sandbox {
        let sandbox = try Sandbox()
        #expect(try sandbox.run(["init", "L", "--origin", Self.origin]).status == 0)
        sandbox.environment["LEAKLEDGER_DIR"] = sandbox.path("L")
        try sandbox.write("minutes.txt", text: Self.minutes)
        let run = try sandbox.run(["register", "minutes.txt", "--title", "Quay wardens minutes"])
        #expect(run.status == 0, "\(run)")
        return sandbox
    }

    /// The keeper's secrets folder of the sandbox's ledger.
    func secretsFolder(_ sandbox: Sandbox, config: String = "config") -> String {
        sandbox.path(config) + "/leakledger/keys/news.example_quay-desk.secrets"
    }

    /// The registration entries of the log, by id.
    func registrations(_ sandbox: Sandbox) throws -> [String: [String: Any]] {
        var out: [String: [String: Any]] = [:]
        for line in try String(contentsOfFile: sandbox.path("L/log/entries.jsonl"), encoding: .utf8).split(separator: "\n") {
            let entry = try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            guard entry["type"] as? String == "document.registered", let body = entry["body"] as? [String: Any] else { continue }
            out[body["id"] as! String] = body
        }
        return out
    }

    /// The kept record of `document` (the newest line of its shard).
    func secretRecord(_ sandbox: Sandbox, _ document: String) throws -> [String: Any] {
        let folder = secretsFolder(sandbox)
        var found: [String: Any]?
        for name in try FileManager.default.contentsOfDirectory(atPath: folder) {
            for line in try String(contentsOfFile: folder + "/" + name, encoding: .utf8).split(separator: "\n") {
                let record = try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
                if record["document"] as? String == document { found = record }
            }
        }
        return try #require(found, "no secret kept for \(document)")
    }

    /// A record's quote secret in hex, as the Python implementation takes it.
    func quoteSecretHex(_ record: [String: Any]) throws -> String {
        let text = try #require(record["quote_secret"] as? String)
        let bytes = try #require(Data(base64Encoded: text))
        return bytes.map { String(format: "%02x", $0) }.joined()
    }

    /// Runs the Python implementation; its report on standard output.
    func python(_ arguments: [String], input: String) throws -> Run {
        try Sandbox.runProgram("/usr/bin/env", ["python3", Self.script] + arguments, input: input)
    }

    /// `register` records the commitment of the spec, made with a secret kept beside the key
    /// (0700 folder, 0600 files) and never in the ledger folder: Python computes the same root
    /// from the text and that secret.
    @Test(.enabled(if: hasPython)) func registrationCommitsAsThePythonImplementationDoes() throws {
        let sandbox = try prepare()
        let body = try #require(try registrations(sandbox)["minutes"])
        #expect(body["quote_scheme"] as? String == "l2-words-v1")
        let record = try secretRecord(sandbox, "minutes")
        let python = try self.python(["commit", try quoteSecretHex(record)], input: Self.minutes)
        let expected = try #require(JSONSerialization.jsonObject(with: Data(python.stdout.utf8)) as? [String: Any])
        #expect(body["quote_words"] as? Int == expected["quote_words"] as? Int)
        #expect(body["quote_root"] as? String == expected["quote_root"] as? String)
        // The secret is the keeper's: beside the key, private, and nowhere in the folder.
        var info = stat()
        #expect(stat(secretsFolder(sandbox), &info) == 0 && info.st_mode & 0o777 == 0o700)
        for name in try FileManager.default.contentsOfDirectory(atPath: secretsFolder(sandbox)) {
            #expect(stat(secretsFolder(sandbox) + "/" + name, &info) == 0 && info.st_mode & 0o777 == 0o600)
        }
        let grep = try Sandbox.runProgram("/usr/bin/env", ["grep", "-rl", try #require(record["quote_secret"] as? String), sandbox.path("L")])
        #expect(grep.status == 1, "the secret is in the ledger folder: \(grep.stdout)")
        let json = try sandbox.run(["register", "minutes.txt", "--id", "again", "--json"]).json()
        #expect(json["quote_scheme"] as? String == "l2-words-v1" && json["quote_root"] as? String != body["quote_root"] as? String)
        #expect(try sandbox.run(["show", "minutes"]).stdout.contains("quote       committed to its \(try #require(body["quote_words"] as? Int)) words"))
    }

    /// `register --recursive` commits every text, and keeps a secret for each.
    @Test func recursiveImportCommitsEveryText() throws {
        let sandbox = try prepare()
        try sandbox.write("tree/a/one.txt", text: "The first note of the tree, with words enough.\n")
        try sandbox.write("tree/two.txt", text: "The second note, also with words.\n")
        try sandbox.write("tree/blob.bin", [0, 1, 2, 3, 0, 5])
        #expect(try sandbox.run(["register", "--recursive", "tree"]).status == 0)
        let bodies = try registrations(sandbox)
        for id in ["a/one", "two"] {
            #expect(bodies[id]?["quote_scheme"] as? String == "l2-words-v1", "\(id)")
            #expect(try secretRecord(sandbox, id)["quote_secret"] != nil)
        }
        #expect(bodies["blob"]?["quote_scheme"] == nil)
    }

    /// prove-quote → verify-quote and the Python verifier; an edited quote proves each part; no
    /// match writes nothing; a copy of the folder without the secrets cannot prove.
    @Test(.enabled(if: hasPython)) func proveQuoteRoundTrips() throws {
        let sandbox = try prepare()
        let key = try #require(try sandbox.run(["key", "list", "--json"]).json()["current"] as? [[String: Any]])[0]["verifier_key"] as! String
        let quote = "The wardens “will not renew the lease of the northern pier”"
        let proved = try sandbox.run(["prove-quote", "minutes", quote, "--out", "proof.json", "--json"])
        #expect(proved.status == 0, "\(proved)")
        let summary = try proved.json()
        #expect(summary["verdict"] as? String == "exact")
        let verified = try sandbox.run(["verify-quote", "proof.json", "--key", "L/ledger.json", "--quote", quote])
        #expect(verified.status == 0, "\(verified)")
        #expect(verified.stdout.contains("Words 11–21: “The wardens \"will not renew the lease of the northern pier\"”"))
        let proof = try String(contentsOfFile: sandbox.path("proof.json"), encoding: .utf8)
        let python = try self.python(["verify", key], input: proof)
        #expect(python.status == 0, "\(python)")
        let shown = try #require(JSONSerialization.jsonObject(with: Data(python.stdout.utf8)) as? [String: Any])
        let ranges = try #require(shown["ranges"] as? [[String: Any]])
        #expect(ranges.count == 1 && ranges[0]["first"] as? Int == 11)
        #expect((ranges[0]["words"] as? [String])?.first == "The")

        // An edited quote: each part's stretch, the words between them hidden.
        let edited = "The wardens “will not renew the lease” … before the tide survey"
        #expect(try sandbox.run(["prove-quote", "minutes", edited, "--out", "edited.json"]).status == 0)
        let editedProof = try String(contentsOfFile: sandbox.path("edited.json"), encoding: .utf8)
        #expect(editedProof.contains("\"format\":\"leakledger-quote-proof/v1-ranges\""))
        let editedRun = try sandbox.run(["verify-quote", "edited.json", "--key", key, "--quote", edited])
        #expect(editedRun.status == 0, "\(editedRun)")
        #expect(editedRun.stdout.contains("⟨4 hidden words⟩"))
        let pythonRanges = try #require(try JSONSerialization.jsonObject(with: Data(self.python(["verify", key], input: editedProof).stdout.utf8)) as? [String: Any])
        #expect((pythonRanges["ranges"] as? [[String: Any]])?.count == 2)

        // No match: exit 1, no file.
        let missing = try sandbox.run(["prove-quote", "minutes", "the lease was renewed for ten years", "--out", "none.json"])
        #expect(missing.status == 1 && !FileManager.default.fileExists(atPath: sandbox.path("none.json")), "\(missing)")
        // The folder alone, without the keeper's secrets: a clear error, no file.
        sandbox.environment["XDG_CONFIG_HOME"] = sandbox.path("elsewhere")
        let unkept = try sandbox.run(["prove-quote", "minutes", quote, "--out", "stolen.json"])
        #expect(unkept.status == 77 && unkept.stderr.contains("secrets"), "\(unkept)")
        #expect(!FileManager.default.fileExists(atPath: sandbox.path("stolen.json")))
    }

    /// A proof made by the Python implementation from the CLI's receipt and kept secret verifies
    /// with the command.
    @Test(.enabled(if: hasPython)) func pythonProofOfACommandRegistrationVerifies() throws {
        let sandbox = try prepare()
        #expect(try sandbox.run(["prove", "minutes", "--out", "receipt.txt"]).status == 0)
        let made = try python(["prove", try quoteSecretHex(try secretRecord(sandbox, "minutes")), sandbox.path("receipt.txt"), "3:6"], input: Self.minutes)
        #expect(made.status == 0, "\(made)")
        try sandbox.write("python.json", text: made.stdout)
        let run = try sandbox.run(["verify-quote", "python.json", "--key", "L/ledger.json", "--json"])
        #expect(run.status == 0, "\(run)")
        let ranges = try #require(try run.json()["ranges"] as? [[String: Any]])
        #expect(ranges.first?["text"] as? String == "QUAY WARDENS OF")
    }

    /// A document registered without commitments (before they existed, or by a library caller
    /// without the keeper's secrets) says so, and cannot have quotes proven.
    @Test func documentWithoutCommitmentSaysSo() throws {
        let sandbox = try prepare()
        try sandbox.write("old.txt", text: "A note registered by a caller that keeps no secrets.\n")
        // The library without the keeper's secret store registers as before commitments existed.
        let signer = try LedgerKeys.read(at: sandbox.path("config") + "/leakledger/keys/news.example_quay-desk.key")
        let ledger = try Ledger.open(at: sandbox.path("L"), key: signer)
        #expect(ledger.secretStore == nil)
        let registered = try ledger.register(files: [(sandbox.path("old.txt"), DocumentMetadata(id: "old"))], hashOnly: false, actor: "desk")
        #expect(registered[0].quoteWords == nil && registered[0].textSHA256 != nil)
        #expect(try sandbox.run(["show", "old"]).stdout.contains("quote       no quote commitment (registered before quote commitments existed"))
        let run = try sandbox.run(["prove-quote", "old", "anything at all"])
        #expect(run.status == 66 && run.stderr.contains("has no quote commitment"), "\(run)")
    }

    /// `register --blind`: commitments in place of the withheld members, the copy not under its
    /// SHA-256; the keeper still matches it; a reader without the secrets does not, until
    /// `reveal`, which `check` verifies (and Python's HMAC opens independently).
    @Test func blindRegistrationRevealAndCheck() throws {
        let sandbox = try prepare()
        try sandbox.write("cable.txt", text: Self.cable)
        let registered = try sandbox.run(["register", "cable.txt", "--blind", "--withhold-title", "--title", "Ferry office note", "--json"])
        #expect(registered.status == 0, "\(registered)")
        let body = try #require(try registrations(sandbox)["cable"])
        for withheld in ["sha256", "text_sha256", "title"] { #expect(body[withheld] == nil, "\(withheld) is in the entry") }
        #expect(body["blind_scheme"] as? String == "hmac-sha256-v1" && body["bytes"] as? Int == Self.cable.utf8.count)
        let commitments = try #require(body["blind"] as? [String: String])
        #expect(Set(commitments.keys) == ["sha256", "text_sha256", "title"])
        let sha256 = try Tool.opensslSHA256(sandbox.path("cable.txt"))
        #expect(!FileManager.default.fileExists(atPath: sandbox.path("L/objects/" + sha256)))
        #expect(FileManager.default.fileExists(atPath: sandbox.path("L/objects/" + commitments["sha256"]!)))
        let log = try String(contentsOfFile: sandbox.path("L/log/entries.jsonl"), encoding: .utf8)
        #expect(!log.contains(sha256) && !log.contains("Ferry office note"))

        // The keeper matches it by file and by words.
        #expect(try sandbox.run(["verify", "--document", "cable.txt"]).stdout.contains("Same bytes as cable"))
        #expect(try sandbox.run(["verify", "agreed in private"]).stdout.contains("cable"))
        #expect(try sandbox.run(["check"]).status == 0)

        // A reader without the secrets: no match, and told why the text is not searched.
        let keeperConfig = sandbox.environment["XDG_CONFIG_HOME"]
        sandbox.environment["XDG_CONFIG_HOME"] = sandbox.path("reader")
        #expect(try sandbox.run(["verify", "--document", "cable.txt"]).status == 1)
        let words = try sandbox.run(["verify", "agreed in private", "--json"])
        #expect(words.status == 1 && words.stdout.contains("registered blind"), "\(words)")
        #expect(try sandbox.run(["reveal", "cable"]).status == 77)

        // The keeper reveals the SHA-256 only.
        sandbox.environment["XDG_CONFIG_HOME"] = keeperConfig
        let reveal = try sandbox.run(["reveal", "cable", "--member", "sha256", "--json"]).json()
        #expect(reveal["sha256"] as? String == sha256 && reveal["title"] == nil)
        let key = try #require((reveal["blind_keys"] as? [String: String])?["sha256"])
        // The opening, recomputed with Python's hmac: HMAC(k, label ‖ 0 ‖ member ‖ 0 ‖ value).
        let opened = try Sandbox.runProgram("/usr/bin/env", ["python3", "-c", """
            import hmac, hashlib, sys
            print(hmac.new(bytes.fromhex(sys.argv[1]), b"leakledger/blind/v1\\0sha256\\0" + sys.argv[2].encode(), hashlib.sha256).hexdigest())
            """, key, sha256])
        #expect(opened.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == commitments["sha256"])
        #expect(try sandbox.run(["reveal", "cable", "--member", "sha256"]).status == 64)
        let check = try sandbox.run(["check", "--json"]).json()
        #expect(check["intact"] as? Bool == true && check["objects_checked"] as? Int == 2)

        // Now anyone matches it by its bytes; its title stays withheld.
        sandbox.environment["XDG_CONFIG_HOME"] = sandbox.path("reader")
        #expect(try sandbox.run(["verify", "--document", "cable.txt"]).stdout.contains("Same bytes as cable"))
        let card = try sandbox.run(["show", "cable"]).stdout
        #expect(card.contains("sha256      \(sha256)  (revealed at seq") && card.contains("withheld (blind registration)"))
        // A forged reveal (the key of one member offered for another) is refused on append.
        sandbox.environment["XDG_CONFIG_HOME"] = keeperConfig
        let signer = try LedgerKeys.read(at: try #require(keeperConfig) + "/leakledger/keys/news.example_quay-desk.key")
        let ledger = try Ledger.open(at: sandbox.path("L"), key: signer)
        let forged: JSONValue = ["document": "cable", "registration": 2, "title": "Another title", "blind_keys": ["title": .string(key)]]
        #expect { try ledger.append([EntryDraft(type: .documentRevealed, body: forged)], actor: "desk") } throws: { error in
            (error as? LedgerError)?.kind == .usage && "\(error)".contains("do not open")
        }
    }

    /// Withholding the size withholds the quote commitment too.
    @Test func blindWithoutSizeHasNoQuoteCommitment() throws {
        let sandbox = try prepare()
        try sandbox.write("cable.txt", text: Self.cable)
        #expect(try sandbox.run(["register", "cable.txt", "--blind", "--withhold-size"]).status == 0)
        let body = try #require(try registrations(sandbox)["cable"])
        #expect(body["bytes"] == nil && body["quote_root"] == nil && (body["blind"] as? [String: String])?["bytes"] != nil)
        #expect(try sandbox.run(["prove-quote", "cable", "the winter crossings"]).status == 66)
        #expect(try sandbox.run(["register", "minutes.txt", "--id", "twice", "--blind"]).status == 64)
        #expect(try sandbox.run(["register", "minutes.txt", "--withhold-title"]).status == 64)
    }

    /// `key export` and `key import` carry the key and the secrets to another config folder,
    /// where quotes can be proven again; a second import changes nothing.
    @Test func keyExportAndImportRestoreTheKeeper() throws {
        let sandbox = try prepare()
        let export = try sandbox.run(["key", "export", "--out", "backup.txt", "--json"])
        #expect(export.status == 0, "\(export)")
        #expect(try export.json()["secrets"] as? Int == 1)
        var info = stat()
        #expect(stat(sandbox.path("backup.txt"), &info) == 0 && info.st_mode & 0o777 == 0o600)
        #expect(try sandbox.run(["key", "export", "--out", "backup.txt"]).status != 0)

        sandbox.environment["XDG_CONFIG_HOME"] = sandbox.path("restored")
        #expect(try sandbox.run(["prove-quote", "minutes", "will not renew the lease"]).status == 77)
        let restored = try sandbox.run(["key", "import", "backup.txt", "--json"]).json()
        #expect((restored["keys_added"] as? [String])?.count == 1 && restored["secrets_added"] as? Int == 1)
        #expect(try sandbox.run(["prove-quote", "minutes", "will not renew the lease", "--out", "p.json"]).status == 0)
        try sandbox.write("again.txt", text: "Another note for the restored keeper.\n")
        #expect(try sandbox.run(["register", "again.txt"]).status == 0)
        let again = try sandbox.run(["key", "import", "backup.txt", "--json"]).json()
        #expect(again["keys_known"] as? Int == 1 && again["secrets_known"] as? Int == 1 && again["secrets_added"] as? Int == 0)
    }
}
