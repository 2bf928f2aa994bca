import Foundation
import Testing

/// `leakledger verify` end to end: the JSON contract, exit codes, the derived index, recording
/// results, candidate full texts. The texts are fictional, written for these tests.
@Suite struct VerifyCommandTests {
    static let minutes = """
        Minutes of the Valdmere Harbour Board, 3 March 2021

        1. Dredging of the east basin
        The harbour master reported that the east basin has silted to a depth of 4.2 metres at low water,
        which is below the 5 metres that the ferry operator requires. “We cannot keep the ferry berth open
        past June without dredging,” she said. The board agreed to seek three quotes before the end of
        the month.

        2. Finances
        The finance officer said the reserve fund stands at 310,000 crowns and would cover one dredging
        campaign but not two. The board asked for a costed plan for the next five years.

        """

    static let letter = """
        Dear Board members,

        The ferry company writes to say that it will suspend the winter service from Valdmere if the
        berth is not dredged by September. Our vessels cannot risk grounding at low water.

        """

    /// A ledger with the minutes (UTF-8) and the letter (UTF-16LE with a byte-order mark), both
    /// stored, and a document known only from two printed excerpts.
    private func ledger() throws -> Sandbox {
        let sandbox = try Sandbox()
        try #require(try sandbox.run(["init", "Ledger", "--origin", "test.example/verify"]).status == 0)
        let minutes = try sandbox.write("harbour-minutes.txt", text: Self.minutes)
        let letter = try sandbox.write("ferry-letter.txt", [0xFF, 0xFE] + Array(Self.letter.utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        let register = try sandbox.run(["register", minutes, letter])
        try #require(register.status == 0, "\(register)")
        let excerpts = try sandbox.run([
            "register", "--excerpts-only", "--id", "audit-report", "--title", "Audit of the harbour accounts",
            "--excerpt", "“the reserve fund has been drawn down twice without a vote of the board”. .”",
            "--excerpt", "no costed plan has been produced since 2019",
        ])
        try #require(excerpts.status == 0, "\(excerpts)")
        return sandbox
    }

    @Test func exactMatchReportsEveryContractField() throws {
        let sandbox = try ledger()
        let run = try sandbox.run(["verify", "--json", "the east basin has silted to a depth of 4.2 metres at low water"])
        #expect(run.status == 0, "\(run)")
        let json = try run.json()
        #expect(json["verdict"] as? String == "exact")
        let matches = try #require(json["matches"] as? [[String: Any]])
        try #require(matches.count == 1)
        let match = matches[0]
        #expect(match["document"] as? String == "harbour-minutes")
        #expect(match["seq"] as? Int == 1)
        #expect(match["verdict"] as? String == "exact")
        #expect(match["score"] as? Double == 1)
        #expect(match["line"] as? Int == 4)
        #expect(match["count"] as? Int == 1)
        #expect(match["text"] as? String == "the east basin has silted to a depth of 4.2 metres at low water")
        #expect((match["differences"] as? [Any])?.isEmpty == true)
        // start and end are Unicode scalar offsets into the decoded text.
        let start = try #require(match["start"] as? Int), end = try #require(match["end"] as? Int)
        let scalars = Array(Self.minutes.unicodeScalars)
        #expect(String(String.UnicodeScalarView(scalars[start..<end])) == match["text"] as? String)
    }

    @Test func gradesAcrossEncodingsAndExcerptOnlyDocuments() throws {
        let sandbox = try ledger()
        // The letter is UTF-16: decoded, line breaks normalised.
        let letter = try sandbox.run(["verify", "--json", "it will suspend the winter service from Valdmere if the berth is not dredged"])
        #expect(try letter.json()["verdict"] as? String == "normalized")
        #expect(((try letter.json()["matches"] as? [[String: Any]])?.first?["document"] as? String) == "ferry-letter")
        // Straight quotes for the minutes' curly ones, and the junk of a printed quote trimmed.
        let quote = try sandbox.run(["verify", "--json", "\"We cannot keep the ferry berth open past June without dredging,\" she said"])
        #expect(try quote.json()["verdict"] as? String == "normalized")
        let differences = try #require(((try quote.json()["matches"] as? [[String: Any]])?.first?["differences"]) as? [[String: Any]])
        #expect(differences.contains { $0["kind"] as? String == "quote_mark" && $0["excerpt"] as? String == "\"" && $0["document"] as? String == "”" })
        // A document known only from excerpts is searched through them.
        let audit = try sandbox.run(["verify", "--json", "The reserve fund has been drawn down twice"])
        let auditMatch = try #require((try audit.json()["matches"] as? [[String: Any]])?.first)
        #expect(auditMatch["document"] as? String == "audit-report")
        #expect(auditMatch["verdict"] as? String == "tokens")
        #expect(auditMatch["seq"] as? Int == 4)
    }

    @Test func notFoundExitsOneAndChangedWordIsApproximate() throws {
        let sandbox = try ledger()
        let missing = try sandbox.run(["verify", "--json", "the harbour will be closed to all shipping from June"])
        #expect(missing.status == 1)
        #expect(try missing.json()["verdict"] as? String == "not_found")
        #expect((try missing.json()["matches"] as? [Any])?.isEmpty == true)
        let changed = try sandbox.run(["verify", "--json", "the reserve fund stands at 130,000 crowns and would cover one dredging campaign"])
        #expect(changed.status == 0)
        let json = try changed.json()
        #expect(json["verdict"] as? String == "approximate")
        let match = try #require((json["matches"] as? [[String: Any]])?.first)
        #expect((match["score"] as? Double).map { $0 < 1 && $0 >= 0.8 } == true)
        #expect((match["differences"] as? [[String: Any]])?.contains { $0["kind"] as? String == "substitution" } == true)
    }

    @Test func readsTheExcerptFromAFileOrStandardInputAndLimitsToDocuments() throws {
        let sandbox = try ledger()
        let file = try sandbox.write("quote.txt", text: "Our vessels cannot risk grounding at low water.\n")
        #expect(try sandbox.run(["verify", "--json", "--file", file]).json()["verdict"] as? String == "exact")
        let stdin = try sandbox.run(["verify", "--json", "-"], stdin: Array("at low water".utf8))
        let documents = try #require(try stdin.json()["matches"] as? [[String: Any]]).compactMap { $0["document"] as? String }
        #expect(documents == ["ferry-letter", "harbour-minutes"])
        let limited = try sandbox.run(["verify", "--json", "--doc", "harbour-minutes", "at low water"])
        #expect(try #require(try limited.json()["matches"] as? [[String: Any]]).compactMap { $0["document"] as? String } == ["harbour-minutes"])
        let unknown = try sandbox.run(["verify", "--doc", "no-such-document", "at low water"])
        #expect(unknown.status == 66)
        #expect(unknown.stderr.hasPrefix("error: "))
        let usage = try sandbox.run(["verify"])
        #expect(usage.status == 64)
    }

    @Test func theIndexIsDerivedRebuiltAndKeptCurrent() throws {
        let sandbox = try ledger()
        let index = sandbox.path("Ledger/index.sqlite")
        #expect(FileManager.default.fileExists(atPath: index))
        try FileManager.default.removeItem(atPath: index)
        #expect(try sandbox.run(["verify", "--json", "a costed plan for the next five years"]).json()["verdict"] as? String == "exact")
        // Appends reach the index without a rebuild.
        let memo = try sandbox.write("pilot-memo.txt", text: "The pilot boat will be laid up for repairs until the spring tides.\n")
        #expect(try sandbox.run(["register", memo]).status == 0)
        #expect(try sandbox.run(["verify", "--json", "laid up for repairs until the spring tides"]).json()["verdict"] as? String == "exact")
        let reindex = try sandbox.run(["reindex", "--json"])
        #expect(reindex.status == 0)
        #expect(try reindex.json()["documents"] as? Int == 4)
        // An index that belongs to another log is noticed and rebuilt.
        let other = try Sandbox()
        try #require(try other.run(["init", "Ledger", "--origin", "test.example/other"]).status == 0)
        try FileManager.default.removeItem(atPath: other.path("Ledger/index.sqlite"))
        _ = try? FileManager.default.removeItem(atPath: other.path("Ledger/index.sqlite"))
        try FileManager.default.copyItem(atPath: index, toPath: other.path("Ledger/index.sqlite"))
        #expect(try other.run(["verify", "--json", "laid up for repairs until the spring tides"]).status == 1)
    }

    @Test func correctedAndWithdrawnExcerptsAreSearchedAsTheyStandNow() throws {
        let sandbox = try ledger()
        // seq 5 is the audit report's second excerpt: "no costed plan has been produced since 2019".
        #expect(try sandbox.run(["verify", "--json", "no costed plan has been produced since 2019"]).json()["verdict"] as? String == "exact")
        let fix = try sandbox.run(["correct", "5", "--reason", "misprinted year", "--text", "no costed plan has been produced since 2017"])
        try #require(fix.status == 0, "\(fix)")
        #expect(try sandbox.run(["verify", "--json", "no costed plan has been produced since 2017"]).json()["verdict"] as? String == "exact")
        #expect(try sandbox.run(["verify", "--json", "no costed plan has been produced since 2019"]).json()["verdict"] as? String == "approximate")
        let withdraw = try sandbox.run(["correct", "5", "--reason", "not in the report after all"])
        try #require(withdraw.status == 0, "\(withdraw)")
        #expect(try sandbox.run(["verify", "--json", "no costed plan has been produced since 2017"]).status == 1)
    }

    @Test func recordAppendsTheResultAndNeedsTheKey() throws {
        let sandbox = try ledger()
        let run = try sandbox.run(["verify", "--json", "--record", "seek three quotes before the end of"])
        #expect(run.status == 0, "\(run)")
        let seq = try #require(try run.json()["recorded_seq"] as? Int)
        let entry = try #require(try sandbox.run(["log", "--json", "--type", "excerpt.verified"]).jsonLines().last)
        #expect(entry["seq"] as? Int == seq)
        let body = try #require(entry["body"] as? [String: Any])
        #expect(body["verdict"] as? String == "exact")
        #expect(body["excerpt"] as? String == "seek three quotes before the end of")
        #expect((body["matches"] as? [[String: Any]])?.first?["document"] as? String == "harbour-minutes")
        // Without the key nothing is appended and the folder is unchanged.
        try FileManager.default.removeItem(atPath: sandbox.path("config"))
        let before = try sandbox.snapshot(sandbox.path("Ledger"))
        let refused = try sandbox.run(["verify", "--record", "seek three quotes"])
        #expect(refused.status == 77)
        #expect(try sandbox.snapshot(sandbox.path("Ledger")) == before)
    }

    @Test func candidateFullTextIsCheckedAgainstFingerprintsAndExcerpts() throws {
        let sandbox = try ledger()
        // The same text in another encoding: same normalised text, other bytes.
        let utf8Letter = try sandbox.write("letter-copy.txt", text: Self.letter)
        let copy = try sandbox.run(["verify", "--json", "--document", utf8Letter])
        #expect(copy.status == 0)
        #expect(try copy.json()["same_text"] as? [String] == ["ferry-letter"])
        #expect(try copy.json()["same_bytes"] as? [String] == [])
        // A candidate for the audit report that holds one of its two printed excerpts.
        let candidate = try sandbox.write("audit-candidate.txt", text: """
            Findings. The reserve fund has been drawn down twice without a vote of the board, and
            the minutes do not record who authorised the transfers.

            """)
        let check = try sandbox.run(["verify", "--json", "--document", candidate])
        #expect(check.status == 0)
        let excerpts = try #require(try check.json()["excerpts"] as? [[String: Any]])
        #expect(excerpts.map { $0["verdict"] as? String } == ["tokens", "not_found"])
        let unrelated = try sandbox.write("unrelated.txt", text: "Nothing here concerns the harbour.\n")
        #expect(try sandbox.run(["verify", "--document", unrelated]).status == 1)
    }

    @Test func peopleSeeTheVerdictInWordsAndDiffMarks() throws {
        let sandbox = try ledger()
        sandbox.environment["NO_COLOR"] = "1"
        let run = try sandbox.run(["verify", "\"We cannot keep the ferry berth open past June without dredging,\" she said"])
        #expect(run.status == 0)
        #expect(run.stdout.hasPrefix("Found with white-space and quote-mark differences (normalized) in 1 document."))
        #expect(run.stdout.contains("- ‹”›"))
        #expect(run.stdout.contains("+ ‹\"›"))
        #expect(!run.stdout.contains("\u{1B}["))
    }
}
