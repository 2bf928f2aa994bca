import Foundation
import Testing

/// `log` shows a correction beside what it corrects, in the table and in JSON (issue 4).
@Suite struct LogCorrectionTests {
    @Test func correctionsSitBesideWhatTheyCorrect() throws {
        let sandbox = try Sandbox()
        try #require(try sandbox.run(["init", "Ledger", "--origin", "test.example/log"]).status == 0)
        try #require(try sandbox.run(["register", "--excerpts-only", "--id", "memo", "--title", "A memo"]).status == 0)
        let status = try sandbox.run(["status", "Port Authority", "memo", "denied", "--json"])
        try #require(status.status == 0, "\(status)")
        let seq = try #require(try status.json()["seq"] as? Int)
        let correct = try sandbox.run(["correct", String(seq), "--reason", "it declined to comment", "--status", "declined_to_comment"])
        try #require(correct.status == 0, "\(correct)")

        let lines = try sandbox.run(["log", "--json"]).jsonLines()
        let corrected = try #require(lines.first { $0["seq"] as? Int == seq })
        #expect(corrected["corrected_by"] as? [Int] == [seq + 1])
        #expect(lines.first { $0["seq"] as? Int == seq + 1 }?["corrected_by"] == nil)

        let table = try sandbox.run(["log"]).stdout.split(separator: "\n")
        let row = try #require(table.first { $0.hasPrefix("\(seq) ") })
        #expect(row.contains("corrected by seq \(seq + 1)"))
        let correction = try #require(table.first { $0.hasPrefix("\(seq + 1) ") })
        #expect(correction.contains("corrects seq \(seq)"))
    }
}
