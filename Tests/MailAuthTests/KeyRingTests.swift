import Testing
@testable import MailAuth

/// Key files: zone-file spellings of the same record, and the errors that name the line.
@Suite struct KeyRingTests {
    static let ed = "v=DKIM1; k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo="

    static func ring(_ text: String) throws(MailAuthError) -> DKIMKeyRing {
        try DKIMKeyRing(text: Array(text.utf8), source: "keys.txt")
    }

    /// Every spelling gives the same record text, and so the same SHA-256.
    @Test(arguments: [
        #"brisbane._domainkey.football.example.com "v=DKIM1; k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=""#,
        #"Brisbane._DomainKey.Football.Example.COM. 3600 IN TXT "v=DKIM1; k=ed25519; " "p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=""#,
        "brisbane._domainkey.football.example.com. IN TXT ( \"v=DKIM1; \" ; first part\n   \"k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=\" )  ; done",
        "$ORIGIN football.example.com.\n$TTL 3600\nbrisbane._domainkey IN TXT \"v=DKIM1\\; k=ed25519\\059 p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=\"",
        "; a zone with other records\n$ORIGIN football.example.com.\n@ IN A 192.0.2.1\nfootball.example.com. IN MX 10 mx.example.com.\nbrisbane._domainkey.football.example.com. TXT \"v=DKIM1; k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=\"",
    ])
    func spellingsOfOneRecord(text: String) throws {
        let ring = try Self.ring(text)
        let record = try #require(ring.records(named: "brisbane._domainkey.football.example.com.").first)
        #expect(ring.records.count == 1)
        #expect(String(decoding: record.text, as: UTF8.self) == Self.ed)
        #expect(record.sha256.hex == (try OpenSSL.sha256(Array(Self.ed.utf8))))
        #expect(record.name == "brisbane._domainkey.football.example.com")
    }

    @Test func commentsBlankLinesAndSeveralRecordsAtOneName() throws {
        let ring = try Self.ring("""
            # an archive of key records, 2021

            ; selector s1, as published in March
            s1._domainkey.example.org "v=DKIM1; p=AAAA"
            s1._domainkey.example.org "v=DKIM1; p=BBBB"   ; and in June, after rotation
                "v=DKIM1; p=CCCC"
            """)
        let records = ring.records(named: "s1._domainkey.example.org")
        #expect(records.map { String(decoding: $0.text, as: UTF8.self) } == ["v=DKIM1; p=AAAA", "v=DKIM1; p=BBBB", "v=DKIM1; p=CCCC"])
        #expect(records.map(\.line) == [4, 5, 6])
        #expect(records.first?.selector == "s1" && records.first?.domain == "example.org")
    }

    @Test(arguments: [
        ("s1._domainkey.example.org v=DKIM1; p=AAAA", 1, "double quotes"),
        ("\n\ns1._domainkey.example.org \"v=DKIM1; p=AAAA", 3, "not closed"),
        ("s1._domainkey.example.org ( \"v=DKIM1; p=AAAA\"\n", 1, "never closed"),
        ("s1._domainkey.example.org", 1, "no quoted text"),
        ("  \"v=DKIM1; p=AAAA\"", 1, "no name"),
        ("$INCLUDE other.zone", 1, "not a directive"),
        ("@ \"v=DKIM1; p=AAAA\"", 1, "$ORIGIN"),
        ("\"v=DKIM1\" s1._domainkey.example.org", 1, "not a name"),
        ("s1._domainkey.example.org \"\\999\"", 1, "not a byte"),
    ])
    func errorsNameTheLine(text: String, line: Int, words: String) {
        #expect {
            _ = try Self.ring(text)
        } throws: { error in
            guard let error = error as? MailAuthError else { return false }
            return error.kind == .malformed && error.message.hasPrefix("keys.txt line \(line): ") && error.message.contains(words)
        }
    }

    @Test func missingFileIsMissing() {
        #expect {
            _ = try DKIMKeyRing.load(path: "/nonexistent/keys.txt")
        } throws: { ($0 as? MailAuthError)?.kind == .missing }
    }
}
