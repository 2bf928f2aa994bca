import Foundation
import Testing

/// The committed sample ledger (Ledger/, made by scripts/make-sample-ledger.sh) works read-only
/// as a fresh clone has it: no key, no lock file, no objects/ folder.
@Suite struct SampleLedgerTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let caseFile = repository.deletingLastPathComponent().appendingPathComponent("shared/cases/elpais-2022.md")

    /// A copy of Ledger/ with only the files git tracks.
    private func freshCopy() throws -> Sandbox {
        let sandbox = try Sandbox()
        for file in ["ledger.json", "checkpoint", "log/entries.jsonl", "log/hashes"] {
            try sandbox.write("Ledger/" + file, Array(try Data(contentsOf: Self.repository.appendingPathComponent("Ledger/" + file))))
        }
        return sandbox
    }

    @Test func logAndCheckWorkReadOnly() throws {
        let sandbox = try freshCopy()
        let check = try sandbox.run(["check", "--json"])
        #expect(check.status == 0, "\(check)")
        #expect(try check.json()["intact"] as? Bool == true)
        let log = try sandbox.run(["log", "--json"])
        #expect(log.status == 0)
        let entries = try log.jsonLines()
        let documents = entries.filter { $0["type"] as? String == "document.registered" }.compactMap { $0["body"] as? [String: Any] }
        let ids = documents.compactMap { $0["id"] as? String }
        #expect(Set(ids) == ["us-response", "nato-response", "wire-story", "stoltenberg-briefing", "bucharest-2008"])
        for body in documents where ["us-response", "nato-response"].contains(body["id"] as? String) {
            #expect(body["publisher"] as? String == "El País")
            #expect(body["published"] as? String == "2022-02-02")
            #expect(body["content"] as? String == "excerpts")
        }
        #expect(try sandbox.run(["log"]).stdout.contains("us-response"))
        // Without the key, appending is refused and says how to supply it.
        let append = try sandbox.run(["excerpt", "add", "us-response", "anything"])
        #expect(append.status == 77)
        #expect(append.stderr.contains("--key"))
    }

    /// The four excerpts are exactly as the case prints them, byte for byte, flaws included.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: caseFile.path)))
    func excerptsMatchTheCase() throws {
        let markdown = try String(contentsOf: Self.caseFile, encoding: .utf8)
        var printed = [(String, String)]()
        for line in markdown.split(separator: "\n") {
            for document in ["us-response", "nato-response"] where line.contains(". \(document): `") {
                let quoted = line.split(separator: "`", omittingEmptySubsequences: false)[1]
                printed.append((document, String(quoted)))
            }
        }
        try #require(printed.count == 4)
        let sandbox = try freshCopy()
        let excerpts = try sandbox.run(["log", "--json", "--type", "excerpt.recorded"]).jsonLines()
            .compactMap { $0["body"] as? [String: Any] }
            .filter { ["us-response", "nato-response"].contains($0["document"] as? String) }
        #expect(excerpts.count == 4)
        for (body, (document, text)) in zip(excerpts, printed) {
            #expect(body["document"] as? String == document)
            #expect(Array((body["text"] as? String ?? "").utf8) == Array(text.utf8))
            #expect(body["cited_by"] as? String == "wire-story")
        }
    }

    /// An independent verifier (Python) accepts the sample's checkpoint and root.
    @Test func pythonVerifiesTheSample() throws {
        let sandbox = try freshCopy()
        let script = try sandbox.write("verify.py", text: InteropTests.verifier)
        let run = try Sandbox.runProgram("/usr/bin/env", ["python3", script, sandbox.path("Ledger")])
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.hasPrefix("leakledger.example/elpais-2022 "))
    }
}
