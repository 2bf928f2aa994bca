import Commitments
import Foundation
import LeakLedger
import QuoteProof
import Testing

/// `leakledger verify-quote` end to end: proofs made by the library from a real ledger, and by
/// the independent Python implementation from a log of its own, checked by the command with no
/// ledger folder at hand.
@Suite struct VerifyQuoteCommandTests {
    static let text = """
        MINUTES OF THE ORCHARD COOPERATIVE OF BRENNHALL — NOT FOR CIRCULATION

        The council “will not renew the lease of the eastern terraces” before the frost survey, \
        and the treasurer’s report — twice postponed — is withheld from members until spring.
        """
    static let quote = "The council “will not renew the lease of the eastern terraces”"
    /// Whether the independent Python implementation can run (else its test is skipped, and
    /// reported as skipped).
    static let hasPythonCryptography = (try? Sandbox.runProgram("/usr/bin/env", ["python3", "-c", "import cryptography"]).status) == 0

    /// A ledger in the sandbox with the minutes registered with a commitment; the proof of
    /// `quote` written to `proof.json`; the verifier key returned.
    func prepare(_ sandbox: Sandbox, quote: String = quote) throws -> String {
        let signer = try NoteSigner.generate(name: "news.example/orchard-desk")
        let ledger = try Ledger.create(at: sandbox.path("L"), origin: "news.example/orchard-desk", signer: signer, actor: "desk")
        let secret = DocumentSecret()
        let (digest, commitment) = QuoteCommitment.make(l1Text: Self.text, secret: secret)
        var body: [String: JSONValue] = ["id": "minutes", "kind": "document", "title": "Orchard cooperative minutes", "content": "text",
                                         "sha256": .string(SHA256.hash(Self.text).hex), "bytes": .int(Self.text.utf8.count),
                                         "text_sha256": .string(digest.hex), "stored": false]
        body.merge(try #require(commitment).bodyMembers) { $1 }
        let entry = try ledger.append([EntryDraft(type: .documentRegistered, body: .object(body))], actor: "desk")[0]
        let match = try #require(ExcerptVerifier().verify(quote, in: [SearchableText(id: "minutes", seq: entry.seq, text: Self.text)]).matches.first)
        let file = try QuoteProofFile.make(receipt: ledger.receipt(seq: entry.seq), prover: QuoteProver(l1Text: Self.text, secret: secret), match: match)
        try sandbox.write("proof.json", text: file.text)
        // Offline: the ledger folder is gone.
        try FileManager.default.removeItem(atPath: sandbox.path("L"))
        return signer.verifier.verifierKey
    }

    @Test func verifiesAndShowsTheWords() throws {
        let sandbox = try Sandbox()
        let key = try prepare(sandbox)
        let run = try sandbox.run(["verify-quote", "proof.json", "--key", key, "--quote", Self.quote])
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.hasPrefix("Verified: 11 words of minutes stand at the positions shown in its registered text.\n"))
        #expect(run.stdout.contains("Document     minutes  “Orchard cooperative minutes”"))
        #expect(run.stdout.contains("text sha256  \(TextFingerprint.textSHA256(ofL1: Self.text).hex)"))
        #expect(run.stdout.contains("Words 11–21: “The council \"will not renew the lease of the eastern terraces\"”"))
        #expect(run.stdout.contains("      11  The\n      12  council\n"))
        #expect(run.stdout.contains("The quote, against the revealed words: normalized (quote-mark difference)."))

        let json = try sandbox.run(["verify-quote", "proof.json", "--key", key, "--json", "--quote", "will not renew the lease"]).json()
        #expect(json["verified"] as? Bool == true)
        let document = try #require(json["document"] as? [String: Any])
        #expect(document["id"] as? String == "minutes" && document["seq"] as? Int == 1)
        #expect(json["quote_words"] as? Int == TextLayers(Self.text).normalizedWords.count)
        let ranges = try #require(json["ranges"] as? [[String: Any]])
        #expect(ranges.count == 1 && ranges[0]["first"] as? Int == 11 && ranges[0]["end"] as? Int == 22)
        let words = try #require(ranges[0]["words"] as? [[String: Any]])
        #expect(words.first?["position"] as? Int == 11 && words.first?["text"] as? String == "The")
        let quote = try #require(json["quote"] as? [String: Any])
        #expect(quote["verdict"] as? String == "exact")

        // From standard input, with the key in a file.
        try sandbox.write("key.txt", text: key + "\n")
        let stdin = try sandbox.run(["verify-quote", "-", "--key", "key.txt"], stdin: Array(try String(contentsOfFile: sandbox.path("proof.json"), encoding: .utf8).utf8))
        #expect(stdin.status == 0, "\(stdin)")
    }

    /// An edited quote: each part's words, the hidden words between them counted, the grade.
    @Test func editedQuoteShowsItsParts() throws {
        let sandbox = try Sandbox()
        let edited = "The council “will not renew the lease” … before the frost survey"
        let key = try prepare(sandbox, quote: edited)
        let run = try sandbox.run(["verify-quote", "proof.json", "--key", key, "--quote", edited])
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.hasPrefix("Verified: 11 words of minutes"))
        #expect(run.stdout.contains("Words 11–17: “The council \"will not renew the lease”\n"))
        #expect(run.stdout.contains("  ⟨4 hidden words⟩\n"))
        #expect(run.stdout.contains("Words 22–25: “before the frost survey,”"))
        #expect(run.stdout.contains("The quote, against the revealed words: edited"))
        #expect(run.stdout.contains("- ‹⟨4 hidden words⟩›  document"))
        let json = try sandbox.run(["verify-quote", "proof.json", "--key", key, "--json"]).json()
        #expect((json["ranges"] as? [[String: Any]])?.map { $0["first"] as? Int } == [11, 22])
    }

    /// A quote that is not in the revealed words: the report, and exit 1.
    @Test func quoteNotInRevealedWords() throws {
        let sandbox = try Sandbox()
        let key = try prepare(sandbox)
        let run = try sandbox.run(["verify-quote", "proof.json", "--key", key, "--quote", "the frost survey was cancelled"])
        #expect(run.status == 1)
        #expect(run.stdout.contains("The quote is not in the revealed words (not_found)"))
    }

    /// Each change fails with exit 1 and one error line naming the check.
    @Test func tamperedProofsNameTheCheck() throws {
        let sandbox = try Sandbox()
        let key = try prepare(sandbox)
        let good = try QuoteProofFile(bytes: Array(try Data(contentsOf: URL(fileURLWithPath: sandbox.path("proof.json")))))
        func expect(_ change: (inout QuoteProofFile) -> Void, _ check: String, key useKey: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) throws {
            var file = good
            change(&file)
            try sandbox.write("bad.json", text: file.text)
            let run = try sandbox.run(["verify-quote", "bad.json", "--key", useKey ?? key])
            #expect(run.status == 1, "\(run)", sourceLocation: sourceLocation)
            #expect(run.stderr.hasPrefix("error: the quote proof fails its \(check) check: "), "\(run)", sourceLocation: sourceLocation)
            #expect(run.stderr.split(separator: "\n").count == 1 && run.stdout.isEmpty, sourceLocation: sourceLocation)
        }
        try expect({ $0.proof.ranges[0].words[3].text = "renews" }, "root")
        try expect({ $0.proof.ranges[0].words[3].salt[5] ^= 0x40 }, "root")
        try expect({ $0.proof.ranges[0].first = 12 }, "hashes")
        try expect({ $0.proof.hashes[1] = SHA256.hash("x") }, "root")
        try expect({ $0.proof.hashes.removeFirst() }, "hashes")
        try expect({ $0.receipt = $0.receipt.replacingOccurrences(of: "index 1", with: "index 0") }, "receipt")
        try expect({ _ in }, "receipt", key: try NoteSigner.generate(name: "news.example/orchard-desk").verifier.verifierKey)
        try sandbox.write("bad.json", text: "{\"format\": \"leakledger-quote-proof/v1\"")
        let malformed = try sandbox.run(["verify-quote", "bad.json", "--key", key])
        #expect(malformed.status == 1 && malformed.stderr.hasPrefix("error: the quote proof fails its format check: the proof file is not JSON"), "\(malformed)")
        let missing = try sandbox.run(["verify-quote", "nothing.json", "--key", key])
        #expect(missing.status == 66)
        #expect(try sandbox.run(["verify-quote", "proof.json"]).status == 64)
    }

    /// A proof made by the independent Python implementation, from a log it built and signed
    /// itself (`Tests/CommitmentsTests/Vectors/quote_proof.py`), verifies with its key.
    @Test(.enabled(if: Self.hasPythonCryptography)) func pythonMadeProof() throws {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("CommitmentsTests/Vectors/quote_proof.py").path
        let sandbox = try Sandbox()
        try sandbox.write("minutes.txt", text: Self.text)
        let made = try Sandbox.runProgram("/bin/sh", ["-c", "python3 '\(script)' make-log \(String(repeating: "ab", count: 32)) minutes 'Orchard minutes' 2:6 12:22 < '\(sandbox.path("minutes.txt"))'"])
        try #require(made.status == 0, "\(made)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(made.stdout.utf8)) as? [String: Any])
        let key = try #require(object["vkey"] as? String)
        try sandbox.write("python.json", Array(try JSONSerialization.data(withJSONObject: try #require(object["proof"]))))
        let run = try sandbox.run(["verify-quote", "python.json", "--key", key, "--json"])
        #expect(run.status == 0, "\(run)")
        let ranges = try #require(try run.json()["ranges"] as? [[String: Any]])
        let words = TextLayers(Self.text).normalizedWords.map(\.text)
        #expect(ranges.map { $0["text"] as? String } == [words[2..<6].joined(separator: " "), words[12..<22].joined(separator: " ")])
    }
}
