import Foundation
import Testing

/// `register FILE.eml --dkim-keys KEYS`: the verdicts in an `email.authenticated` entry of the
/// same commit, the key records registered as documents (reused by SHA-256) and linked to the
/// message, and `show` displaying them. The message and keys are RFC 8463's example.
@Suite struct DKIMRegisterTests {
    func prepare() throws -> Sandbox {
        let sandbox = try Sandbox()
        #expect(try sandbox.run(["init", "L", "--origin", "news.example/mail-desk"]).status == 0)
        sandbox.environment["LEAKLEDGER_DIR"] = sandbox.path("L")
        try sandbox.write("message.eml", text: DKIMCommandTests.example)
        try sandbox.write("keys.txt", text: DKIMCommandTests.keys)
        return sandbox
    }

    /// The committed entries, oldest first.
    func entries(_ sandbox: Sandbox) throws -> [[String: Any]] {
        try String(contentsOfFile: sandbox.path("L/log/entries.jsonl"), encoding: .utf8).split(separator: "\n").map { line in
            try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
    }

    /// SHA-256 of a key record's text (its quoted chunks joined), by Python's hashlib.
    func recordSHA256(_ record: String) throws -> String {
        let run = try Sandbox.runProgram("/usr/bin/env", ["python3", "-c", "import hashlib, sys; print(hashlib.sha256(sys.argv[1].encode()).hexdigest())", record])
        return run.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func verdictsAndKeyRecordsInTheSameCommit() throws {
        let sandbox = try prepare()
        let run = try sandbox.run(["register", "message.eml", "--id", "dinner", "--dkim-keys", "keys.txt",
                                   "--keys-source", "RFC 8463 appendix A.2", "--json"])
        #expect(run.status == 0, "\(run)")
        let log = try entries(sandbox)
        // One commit: the message, its two key records, the verdicts, two links.
        #expect(log.dropFirst().map { $0["type"] as? String } == ["document.registered", "document.registered", "document.registered",
                                                                  "email.authenticated", "link.added", "link.added"])
        #expect(Set(log.dropFirst().map { $0["time"] as? String }).count == 1)
        let byKey: [String: String] = [try recordSHA256(DKIMCommandTests.edRecord): "brisbane", try recordSHA256(DKIMCommandTests.rsaRecord): "test"]
        var keyDocuments: [String: String] = [:]
        for entry in log where entry["type"] as? String == "document.registered" {
            let body = try #require(entry["body"] as? [String: Any])
            guard let id = body["id"] as? String, id != "dinner" else { continue }
            let sha256 = try #require(body["sha256"] as? String)
            #expect(byKey[sha256] != nil, "\(id) is not one of the key records")
            #expect(body["source"] as? String == "RFC 8463 appendix A.2")
            keyDocuments[sha256] = id
        }
        #expect(keyDocuments.count == 2)
        let authenticated = try #require(log.first { $0["type"] as? String == "email.authenticated" }?["body"] as? [String: Any])
        #expect(authenticated["document"] as? String == "dinner" && authenticated["passed"] as? Bool == true)
        #expect(authenticated["from_domain"] as? String == "football.example.com")
        let signatures = try #require(authenticated["signatures"] as? [[String: Any]])
        #expect(signatures.map { $0["algorithm"] as? String } == ["ed25519-sha256", "rsa-sha256"])
        for signature in signatures {
            #expect(signature["result"] as? String == "pass" && signature["domain"] as? String == "football.example.com")
            #expect(signature["reason"] as? String != nil)
            let sha256 = try #require(signature["key_sha256"] as? String)
            #expect(byKey[sha256] == signature["selector"] as? String)
            #expect(signature["key_document"] as? String == keyDocuments[sha256])
            // The key file's local path is not published.
            #expect(signature["key_source"] == nil && signature["key_line"] == nil)
        }
        let links = log.filter { $0["type"] as? String == "link.added" }.compactMap { $0["body"] as? [String: Any] }
        #expect(Set(links.map { $0["to"] as? String ?? "" }) == Set(keyDocuments.values))
        #expect(links.allSatisfy { $0["from"] as? String == "dinner" && $0["relation"] as? String == "context" && ($0["note"] as? String)?.contains("DKIM key record") == true })

        let card = try sandbox.run(["show", "dinner"])
        #expect(card.stdout.contains("DKIM  1 verification"))
        #expect(card.stdout.contains("pass  d=football.example.com s=brisbane ed25519-sha256 relaxed/relaxed"))
        let json = try sandbox.run(["show", "dinner", "--json"]).json()
        #expect((json["authentications"] as? [[String: Any]])?.first?["passed"] as? Bool == true)
        #expect(try sandbox.run(["check"]).status == 0)
    }

    /// A changed message fails; the key records already registered are reused, not registered again.
    @Test func keyRecordsAreReusedAndAFailIsRecorded() throws {
        let sandbox = try prepare()
        #expect(try sandbox.run(["register", "message.eml", "--id", "first", "--dkim-keys", "keys.txt"]).status == 0)
        try sandbox.write("changed.eml", text: DKIMCommandTests.example.replacingOccurrences(of: "We lost", with: "We won"))
        let run = try sandbox.run(["register", "changed.eml", "--dkim-keys", "keys.txt"])
        #expect(run.status == 0, "\(run)")
        let log = try entries(sandbox)
        #expect(log.filter { ($0["body"] as? [String: Any])?["title"] as? String == "DKIM key record brisbane._domainkey.football.example.com" }.count == 1)
        let last = try #require(log.last { $0["type"] as? String == "email.authenticated" }?["body"] as? [String: Any])
        #expect(last["document"] as? String == "changed" && last["passed"] as? Bool == false)
        let signatures = try #require(last["signatures"] as? [[String: Any]])
        #expect(signatures.allSatisfy { $0["result"] as? String == "fail" && $0["body_hash_matches"] as? Bool == false })
        let firstKeys = Set(try #require(log.first { $0["type"] as? String == "email.authenticated" }?["body"] as? [String: Any])["signatures"]
            .flatMap { $0 as? [[String: Any]] }!.compactMap { $0["key_document"] as? String })
        #expect(Set(signatures.compactMap { $0["key_document"] as? String }) == firstKeys)
        // The default source names the key file and line.
        let keyBody = try #require(log.first { ($0["body"] as? [String: Any])?["id"] as? String == firstKeys.sorted().first }?["body"] as? [String: Any])
        #expect((keyBody["source"] as? String)?.hasPrefix("DKIM key file keys.txt, line ") == true)
    }

    @Test func refusedCombinations() throws {
        let sandbox = try prepare()
        #expect(try sandbox.run(["register", "message.eml", "--dkim-keys", "keys.txt", "--blind"]).status == 64)
        #expect(try sandbox.run(["register", "-", "--id", "m", "--dkim-keys", "keys.txt"], stdin: Array(DKIMCommandTests.example.utf8)).status == 64)
        #expect(try sandbox.run(["register", "message.eml", "--keys-source", "x"]).status == 64)
        try sandbox.write("bad-keys.txt", text: "s1._domainkey.example.org v=DKIM1; p=AAAA\n")
        let bad = try sandbox.run(["register", "message.eml", "--dkim-keys", "bad-keys.txt"])
        #expect(bad.status == 65, "\(bad)")
        #expect(try entries(sandbox).count == 1, "nothing is appended by a command that fails")
    }
}
