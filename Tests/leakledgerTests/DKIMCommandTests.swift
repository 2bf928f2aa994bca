import Foundation
import Testing

/// `leakledger dkim verify` end to end: RFC 8463's signed example, its key records, and changes.
@Suite struct DKIMCommandTests {
    /// RFC 8463 Appendix A.3 (the RFC 6376 example message signed with Ed25519 and RSA).
    static let example = """
        DKIM-Signature: v=1; a=ed25519-sha256; c=relaxed/relaxed;
         d=football.example.com; i=@football.example.com;
         q=dns/txt; s=brisbane; t=1528637909; h=from : to :
         subject : date : message-id : from : subject : date;
         bh=2jUSOH9NhtVGCQWNr9BrIAPreKQjO6Sn7XIkfJVOzv8=;
         b=/gCrinpcQOoIfuHNQIbq4pgh9kyIK3AQUdt9OdqQehSwhEIug4D11Bus
         Fa3bT3FY5OsU7ZbnKELq+eXdp1Q1Dw==
        DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed;
         d=football.example.com; i=@football.example.com;
         q=dns/txt; s=test; t=1528637909; h=from : to : subject :
         date : message-id : from : subject : date;
         bh=2jUSOH9NhtVGCQWNr9BrIAPreKQjO6Sn7XIkfJVOzv8=;
         b=F45dVWDfMbQDGHJFlXUNB2HKfbCeLRyhDXgFpEL8GwpsRe0IeIixNTe3
         DhCVlUrSjV4BwcVcOF6+FF3Zo9Rpo1tFOeS9mPYQTnGdaSGsgeefOsk2Jz
         dA+L10TeYt9BgDfQNZtKdN1WO//KgIqXP7OdEFE4LjFYNcUxZQ4FADY+8=
        From: Joe SixPack <joe@football.example.com>
        To: Suzie Q <suzie@shopping.example.net>
        Subject: Is dinner ready?
        Date: Fri, 11 Jul 2003 21:00:37 -0700 (PDT)
        Message-ID: <20030712040037.46341.5F8J@football.example.com>

        Hi.

        We lost the game.  Are you hungry yet?

        Joe.

        """.replacingOccurrences(of: "\n", with: "\r\n")

    static let edRecord = "v=DKIM1; k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo="
    static let rsaRecord = "v=DKIM1; k=rsa; p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDkHlOQoBTzWRiGs5V6NpP3idY6Wk08a5qhdR6wy5bdOKb2jLQiY/J16JYi0Qvx/byYzCNb3W91y3FutACDfzwQ/BC/e/8uBsCR+yz1Lxj+PL6lHvqMKrM3rG4hstT5QjvHO9PzoxZyVYLzBfO2EeC3Ip3G+2kryOTIKT+l/K4w3QIDAQAB"
    static let keys = """
        ; RFC 8463 Appendix A.2
        brisbane._domainkey.football.example.com "\(edRecord)"
        test._domainkey.football.example.com. IN TXT ( "\(rsaRecord.prefix(100))"
            "\(rsaRecord.dropFirst(100))" )

        """

    func sandbox() throws -> Sandbox {
        let sandbox = try Sandbox()
        // No ledger anywhere: the command must not need one.
        sandbox.environment["LEAKLEDGER_DIR"] = sandbox.path("no-such-ledger")
        try sandbox.write("message.eml", text: Self.example)
        try sandbox.write("keys.txt", text: Self.keys)
        return sandbox
    }

    @Test func signedExamplePassesWithJSONFields() throws {
        let sandbox = try sandbox()
        let run = try sandbox.run(["dkim", "verify", "message.eml", "--keys", "keys.txt", "--json"])
        #expect(run.status == 0, "\(run)")
        let json = try run.json()
        #expect(json["passed"] as? Bool == true)
        #expect(json["from_domain"] as? String == "football.example.com")
        let signatures = try #require(json["signatures"] as? [[String: Any]])
        #expect(signatures.count == 2)
        #expect(signatures.map { $0["result"] as? String } == ["pass", "pass"])
        #expect(signatures.map { $0["domain"] as? String } == ["football.example.com", "football.example.com"])
        #expect(signatures.map { $0["selector"] as? String } == ["brisbane", "test"])
        #expect(signatures.map { $0["algorithm"] as? String } == ["ed25519-sha256", "rsa-sha256"])
        #expect(signatures.map { $0["canonicalization"] as? String } == ["relaxed/relaxed", "relaxed/relaxed"])
        #expect(signatures.allSatisfy { ($0["reason"] as? String)?.isEmpty == false })
        // key_sha256: the SHA-256 of the record text, chunks joined, by openssl.
        for (signature, record) in zip(signatures, [Self.edRecord, Self.rsaRecord]) {
            try sandbox.write("record.txt", text: record)
            #expect(signature["key_sha256"] as? String == (try Tool.opensslSHA256(sandbox.path("record.txt"))))
        }
        #expect(signatures.map { $0["key_line"] as? Int } == [2, 3])
        #expect(signatures[0]["signed_at"] as? String == "2018-06-10T13:38:29Z")
        #expect(signatures[0]["oversigned_headers"] as? [String] == ["date", "from", "subject"])
    }

    @Test func humanOutputNamesVerdictsAndKeys() throws {
        let sandbox = try sandbox()
        let run = try sandbox.run(["dkim", "verify", "message.eml", "--keys", "keys.txt"])
        #expect(run.status == 0)
        #expect(run.stdout.hasPrefix("message.eml: 2 DKIM signatures, 2 pass.\n"))
        #expect(run.stdout.contains("[1] pass: d=football.example.com s=brisbane ed25519-sha256 relaxed/relaxed"))
        #expect(run.stdout.contains("key: test._domainkey.football.example.com (keys.txt line 3, rsa 1024-bit), sha256 "))
    }

    @Test func changedMessageFailsWithExit1() throws {
        let sandbox = try sandbox()
        try sandbox.write("changed.eml", text: Self.example.replacingOccurrences(of: "We lost", with: "We won"))
        let run = try sandbox.run(["dkim", "verify", "changed.eml", "--keys", "keys.txt", "--json"])
        #expect(run.status == 1)
        let signatures = try #require(try run.json()["signatures"] as? [[String: Any]])
        #expect(signatures.map { $0["result"] as? String } == ["fail", "fail"])
        #expect(signatures.allSatisfy { $0["body_hash_matches"] as? Bool == false && $0["header_signature_valid"] as? Bool == true })
        #expect(run.stderr.isEmpty)
    }

    @Test func standardInputAndLineFeeds() throws {
        let sandbox = try sandbox()
        let run = try sandbox.run(["dkim", "verify", "-", "--keys", "keys.txt"], stdin: Array(Self.example.replacingOccurrences(of: "\r\n", with: "\n").utf8))
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.hasPrefix("-: 2 DKIM signatures, 2 pass."))
    }

    @Test func missingKeyIsNoKey() throws {
        let sandbox = try sandbox()
        try sandbox.write("ed-only.txt", text: "brisbane._domainkey.football.example.com \"\(Self.edRecord)\"\n")
        let run = try sandbox.run(["dkim", "verify", "message.eml", "--keys", "ed-only.txt", "--json"])
        #expect(run.status == 0)
        let signatures = try #require(try run.json()["signatures"] as? [[String: Any]])
        #expect(signatures.map { $0["result"] as? String } == ["pass", "no_key"])
        #expect(signatures[1]["key_sha256"] == nil)
    }

    @Test(arguments: [
        (["dkim", "verify", "nothing.eml", "--keys", "keys.txt"], Int32(66), "cannot open nothing.eml"),
        (["dkim", "verify", "message.eml", "--keys", "nothing.txt"], 66, "cannot open nothing.txt"),
        (["dkim", "verify", "message.eml", "--keys", "bad-keys.txt"], 65, "bad-keys.txt line 2:"),
        (["dkim", "verify", "keys.txt", "--keys", "keys.txt"], 65, "keys.txt line 1 is not a header field"),
        (["dkim", "verify", "message.eml"], 64, "--keys"),
        (["dkim", "verify", "message.eml", "--keys", "keys.txt", "--dns"], 64, "--dns"),
    ])
    func failuresExitWithTheirCode(arguments: [String], status: Int32, words: String) throws {
        let sandbox = try sandbox()
        try sandbox.write("bad-keys.txt", text: "; a key archive\ns1._domainkey.example.org v=DKIM1; p=AAAA\n")
        let run = try sandbox.run(arguments)
        #expect(run.status == status, "\(run)")
        #expect(run.stderr.hasPrefix("error: ") && run.stderr.contains(words), "\(run.stderr)")
        #expect(run.stderr.split(separator: "\n").count == 1)
        #expect(run.stdout.isEmpty)
    }

    /// A 24 MiB body streams through: the peak memory of the process stays far below the file.
    @Test func largeBodyInBoundedMemory() throws {
        let sandbox = try sandbox()
        let path = sandbox.path("large.eml")
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.write(contentsOf: Data(Self.example.utf8))
        let block = Data(String(repeating: "Row 000123 of the harbour accounts, paid in full\r\n", count: 20_000).utf8)
        var written = 0
        while written < 24 << 20 {
            try handle.write(contentsOf: block)
            written += block.count
        }
        try handle.close()
        let script = """
            import resource, subprocess, sys
            status = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode
            print(status, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
            """
        let run = try Sandbox.runProgram("/usr/bin/env", ["python3", "-c", script, Tool.binary.path, "dkim", "verify", path, "--keys", sandbox.path("keys.txt")])
        let fields = run.stdout.split(whereSeparator: \.isWhitespace)
        try #require(fields.count == 2, "\(run)")
        #expect(fields[0] == "1")  // the appended body breaks both signatures
        let peakKiB = try #require(Int(fields[1]))
        #expect(peakKiB < 40 << 10, "peak \(peakKiB) KiB for a 24 MiB message")
    }
}
