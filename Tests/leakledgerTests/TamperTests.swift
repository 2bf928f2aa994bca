import Foundation
import Testing

/// Tamper evidence: each kind of damage makes `check` exit 1 and name the first bad seq.
@Suite struct TamperTests {
    /// A ledger of 8 entries (seq 0 to 7).
    private func prepared() throws -> Sandbox {
        let sandbox = try Sandbox()
        try #require(try sandbox.run(["init", "L", "--origin", "test.example/tamper"]).status == 0)
        try #require(try sandbox.run(["register", "--excerpts-only", "--id", "doc", "--title", "A fictional document", "--ledger", "L"]).status == 0)
        for index in 0..<6 {
            try #require(try sandbox.run(["excerpt", "add", "doc", "fictional excerpt number \(index)", "--ledger", "L"]).status == 0)
        }
        try #require(try sandbox.run(["check", "--ledger", "L"]).status == 0)
        return sandbox
    }

    private func lines(_ sandbox: Sandbox) throws -> [String] {
        try String(contentsOfFile: sandbox.path("L/log/entries.jsonl"), encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    private func writeLines(_ sandbox: Sandbox, _ lines: [String]) throws {
        try sandbox.write("L/log/entries.jsonl", text: lines.joined(separator: "\n"))
    }

    private func expectDamage(_ sandbox: Sandbox, firstBadSeq: Int) throws {
        let run = try sandbox.run(["check", "--ledger", "L", "--json"])
        #expect(run.status == 1, "\(run)")
        let json = try run.json()
        #expect(json["intact"] as? Bool == false)
        #expect(json["first_bad_seq"] as? Int == firstBadSeq, "\(run.stdout)")
        let text = try sandbox.run(["check", "--ledger", "L"])
        #expect(text.status == 1)
        #expect(text.stdout.contains("first bad seq \(firstBadSeq)"))
    }

    @Test func changedByte() throws {
        let sandbox = try prepared()
        var all = try lines(sandbox)
        all[4] = all[4].replacingOccurrences(of: "number 2", with: "number 9")  // still canonical JSON
        try writeLines(sandbox, all)
        try expectDamage(sandbox, firstBadSeq: 4)
    }

    @Test func changedByteThatBreaksTheJSON() throws {
        let sandbox = try prepared()
        var bytes = try Array(Data(contentsOf: URL(fileURLWithPath: sandbox.path("L/log/entries.jsonl"))))
        let all = try lines(sandbox)
        let offset = all[0..<5].reduce(0) { $0 + $1.utf8.count + 1 }
        bytes[offset] = UInt8(ascii: "[")
        try sandbox.write("L/log/entries.jsonl", bytes)
        try expectDamage(sandbox, firstBadSeq: 5)
    }

    @Test func changedStoredHash() throws {
        let sandbox = try prepared()
        var bytes = try Array(Data(contentsOf: URL(fileURLWithPath: sandbox.path("L/log/hashes"))))
        // Stored hash index of leaf 6 in Go tlog order: leaves 0-5 use 6 + 3 + 1 = 10 records.
        bytes[10 * 32 + 5] ^= 0x01
        try sandbox.write("L/log/hashes", bytes)
        try expectDamage(sandbox, firstBadSeq: 6)
    }

    @Test func droppedLine() throws {
        let sandbox = try prepared()
        var all = try lines(sandbox)
        all.remove(at: 3)
        try writeLines(sandbox, all)
        try expectDamage(sandbox, firstBadSeq: 3)
    }

    @Test func duplicatedLine() throws {
        let sandbox = try prepared()
        var all = try lines(sandbox)
        all.insert(all[3], at: 3)
        try writeLines(sandbox, all)
        try expectDamage(sandbox, firstBadSeq: 4)
    }

    @Test func reorderedLines() throws {
        let sandbox = try prepared()
        var all = try lines(sandbox)
        all.swapAt(5, 6)
        try writeLines(sandbox, all)
        try expectDamage(sandbox, firstBadSeq: 5)
    }

    @Test func truncatedLog() throws {
        let sandbox = try prepared()
        let all = try lines(sandbox)
        let keep = all[0..<6].joined(separator: "\n") + "\n" + all[6].prefix(20)
        try sandbox.write("L/log/entries.jsonl", text: keep)
        try expectDamage(sandbox, firstBadSeq: 6)
    }

    @Test func checkpointFromAnotherKey() throws {
        let sandbox = try prepared()
        // Same origin, same entries, another key: its checkpoint is well-formed but not ours.
        let other = try Sandbox()
        try #require(try other.run(["init", "L", "--origin", "test.example/tamper"]).status == 0)
        try sandbox.write("L/checkpoint", Array(try Data(contentsOf: URL(fileURLWithPath: other.path("L/checkpoint")))))
        try expectDamage(sandbox, firstBadSeq: 0)
    }

    @Test func rewrittenLogWithRecomputedHashes() throws {
        // An attacker who changes an entry and recomputes log/hashes still cannot sign.
        let sandbox = try prepared()
        let copy = try Sandbox()
        try #require(try copy.run(["init", "L", "--origin", "test.example/tamper"]).status == 0)
        try sandbox.write("L/log/entries.jsonl", Array(try Data(contentsOf: URL(fileURLWithPath: copy.path("L/log/entries.jsonl")))))
        try sandbox.write("L/log/hashes", Array(try Data(contentsOf: URL(fileURLWithPath: copy.path("L/log/hashes")))))
        let run = try sandbox.run(["check", "--ledger", "L", "--json"])
        #expect(run.status == 1)
        #expect(try run.json()["intact"] as? Bool == false)
    }
}
