import Foundation
import Testing
@testable import Commitments
import LeakLedger
import QuoteProof

/// Interop with the independent Python implementation (`Vectors/quote_proof.py`, written from
/// the spec's text alone), both ways:
/// - Swift proves from a real LeakLedger ledger; Python verifies the receipt (its own Ed25519,
///   RFC 9162 and signed-note code), the entry and the range walk.
/// - Python builds a log of its own (canonical entries, tree, checkpoint signed with a key it
///   makes, receipt) and proves from it; Swift verifies with nothing but Python's verifier key.
/// - Python proves against a receipt from the Swift ledger, whose commitment Swift computed:
///   the two agree on every salt and leaf, or the root differs.
@Suite(.enabled(if: QuotePython.available)) struct PythonInteropTests {
    static let quotes = [
        "The Commission “reaffirms its commitment to the open quay policy”",
        "the transparency register must list every contract above 40 000 crowns",
        "The Commission “reaffirms its commitment” … and will not re-open the northern basin … [until] the inspection of the seawall",
        "Décisions prises à huis clos",
    ]

    func write(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("quote-\(UUID().uuidString)").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test(arguments: quotes)
    func swiftProvesPythonVerifies(_ quote: String) throws {
        let fixture = try QuoteLedger()
        defer { fixture.remove() }
        let file = try fixture.proof(of: quote)
        let shown = try #require(try QuotePython.json(["verify", fixture.signer.verifier.verifierKey], input: file.text) as? [String: Any])
        #expect(shown["document"] as? String == "memo")
        let ranges = try #require(shown["ranges"] as? [[String: Any]])
        #expect(ranges.map { $0["first"] as? Int } == file.proof.ranges.map(\.first))
        #expect(ranges.map { $0["words"] as? [String] } == file.proof.ranges.map { $0.words.map(\.text) })

        // Python refuses what Swift refuses, naming the same check.
        var changed = file
        changed.proof.ranges[0].words[0].text = "Commissioner"
        #expect(try QuotePython.run(["verify", fixture.signer.verifier.verifierKey], input: changed.text) == (1, "root: the range walk does not lead to quote_root\n"))
        changed = file
        changed.proof.hashes.removeLast()
        #expect(try QuotePython.run(["verify", fixture.signer.verifier.verifierKey], input: changed.text).output.hasPrefix("hashes:"))
        let otherKey = try NoteSigner.generate(name: "news.example/harbour-desk").verifier.verifierKey
        #expect(try QuotePython.run(["verify", otherKey], input: file.text).output.hasPrefix("receipt:"))
    }

    @Test(arguments: [["3:9"], ["0:1"], ["0:4", "12:20", "40:41"], ["60:70", "80:81"]])
    func pythonProvesSwiftVerifies(_ ranges: [String]) throws {
        let secret = DocumentSecret()
        let made = try #require(try QuotePython.json(["make-log", Hex.encode(secret.bytes), "memo", "Harbour memo"] + ranges,
                                                     input: Fixtures.memo) as? [String: Any])
        let vkey = try #require(made["vkey"] as? String)
        let proofJSON = try JSONSerialization.data(withJSONObject: try #require(made["proof"]))
        let keys = [TrustedKey(verifier: try NoteVerifier(verifierKey: vkey))]
        let verified = try QuoteProofFile(bytes: Array(proofJSON)).verify(trusting: keys)
        let words = TextLayers(Fixtures.memo).normalizedWords.map(\.text)
        let expected = ranges.map { r -> [String] in
            let ab = r.split(separator: ":").map { Int($0)! }
            return Array(words[ab[0]..<ab[1]])
        }
        #expect(verified.ranges.map { $0.words.map(\.text) } == expected)
        #expect(verified.commitment.wordCount == words.count)
        // Python's entry carries Swift's own fingerprints of the text.
        #expect(verified.textSHA256 == TextFingerprint.textSHA256(ofL1: Fixtures.memo).hex)
        // And the commitment Swift makes with the same secret is the one Python registered.
        #expect(QuoteCommitment.make(l1Text: Fixtures.memo, secret: secret).commitment == verified.commitment)

        // A changed salt in Python's proof fails in Swift.
        var object = try #require(try JSONSerialization.jsonObject(with: proofJSON) as? [String: Any])
        if var words = object["words"] as? [[String: String]] {
            words[0]["salt"] = Base64.encode(SHA256.hash("other").bytes)
            object["words"] = words
        } else {
            var list = try #require(object["ranges"] as? [[String: Any]])
            var words = try #require(list[0]["words"] as? [[String: String]])
            words[0]["salt"] = Base64.encode(SHA256.hash("other").bytes)
            list[0]["words"] = words
            object["ranges"] = list
        }
        let changed = try JSONSerialization.data(withJSONObject: object)
        #expect(throws: CommitmentError.self) { try QuoteProofFile(bytes: Array(changed)).verify(trusting: keys) }
    }

    /// Python proves against the Swift ledger's receipt with the keeper's secret: its salts and
    /// leaves must reproduce the root Swift committed at registration.
    @Test func pythonProvesAgainstSwiftCommitment() throws {
        let fixture = try QuoteLedger(secret: DocumentSecret())
        defer { fixture.remove() }
        let receiptFile = try write(fixture.receipt().text)
        defer { try? FileManager.default.removeItem(atPath: receiptFile) }
        let proof = try #require(try QuotePython.json(["prove", Hex.encode(fixture.secret.bytes), receiptFile, "5:17", "30:31"],
                                                      input: fixture.text) as? [String: Any])
        let data = try JSONSerialization.data(withJSONObject: proof)
        let verified = try QuoteProofFile(bytes: Array(data)).verify(trusting: fixture.keys)
        let words = TextLayers(fixture.text).normalizedWords.map(\.text)
        #expect(verified.stretches == [words[5..<17].joined(separator: " "), words[30]])
    }
}
