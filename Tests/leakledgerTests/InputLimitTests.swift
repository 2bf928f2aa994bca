import Foundation
import LeakLedger
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// No input hangs a command, traps it or makes it allocate without bound: files must be regular
/// files (a FIFO, a device or a folder is refused unread, exit 66), reads stop one byte past
/// their limit (exit 65, the limit named), and sizes no tree can have are refused where they
/// are parsed. Every run has a deadline: a hang fails the test instead of stalling the suite.
@Suite struct InputLimitTests {
    static let deadline = 20.0

    /// A ledger `L` with a few entries, a FIFO nobody writes to, a folder, and a receipt.
    static func prepared() throws -> Sandbox {
        let s = try Sandbox()
        for arguments in [
            ["init", "L", "--origin", "test.example/limits"],
            ["register", "--ledger", "L", "--excerpts-only", "--id", "memo", "--title", "A fictional memo",
             "--excerpt", "the fictional harbour board met twice in the spring"],
            ["prove", "--ledger", "L", "memo", "--out", s.path("memo.tlog-proof")],
        ] {
            let run = try s.run(arguments)
            try #require(run.status == 0, "\(arguments): \(run)")
        }
        try #require(mkfifo(s.path("fifo"), 0o600) == 0)
        try FileManager.default.createDirectory(atPath: s.path("folder"), withIntermediateDirectories: true)
        return s
    }

    /// The ledger folder's files and their hashes, but for the derived search index.
    static func ledgerFiles(_ s: Sandbox) throws -> [String: String] {
        try s.snapshot(s.path("L")).filter { !$0.key.hasPrefix("/index.sqlite") }
    }

    /// Runs a command that must fail at once with `status`, one `error:` line, and the ledger
    /// byte for byte as before.
    @discardableResult
    static func refuses(_ s: Sandbox, _ arguments: [String], status: Int32, stdinFile: String? = nil,
                        mentioning words: [String] = []) throws -> Run {
        let before = try ledgerFiles(s)
        let run = try s.run(arguments, stdinFile: stdinFile, timeout: deadline)
        #expect(run.status == status, "\(arguments): \(run)")
        #expect(run.stderr.hasPrefix("error: ") && run.stderr.split(separator: "\n").count == 1, "\(arguments): \(run)")
        for word in words { #expect(run.stderr.contains(word), "\(arguments) should name \(word): \(run)") }
        #expect(try ledgerFiles(s) == before, "\(arguments) changed the ledger")
        return run
    }

    // MARK: Files that are not regular files

    @Test(arguments: ["fifo", "/dev/zero", "folder"])
    func specialFilesAreRefusedUnread(_ name: String) throws {
        let s = try Self.prepared()
        let path = name.hasPrefix("/") ? name : s.path(name)
        let receipt = s.path("memo.tlog-proof")
        let ledgerJSON = s.path("L/ledger.json")
        for arguments in [
            ["verify", "--ledger", "L", "--file", path],
            ["verify", "--ledger", "L", "--document", path],
            ["verify-receipt", path, "--key", ledgerJSON],
            ["verify-receipt", receipt, "--key", path],
            ["verify-receipt", receipt, "--key", ledgerJSON, "--witness", path, "--quorum", "1"],
            ["check", "--ledger", "L", "--against", path],
            ["prove", "--ledger", "L", "--consistency", path],
            ["cosign", "--ledger", "L", "--witness", path],
            ["status", "--ledger", "L", "Agency", "memo", "denied", "--key", path],
        ] {
            try Self.refuses(s, arguments, status: 66, mentioning: ["not a regular file"])
        }
        // register refuses them with its own words: a folder is a usage error (name its files).
        try Self.refuses(s, ["register", "--ledger", "L", path, "--id", "special"], status: name == "folder" ? 64 : 65,
                         mentioning: [name == "folder" ? "is a folder" : "not a regular file"])
    }

    // MARK: Sizes

    @Test func endlessStandardInputIsCutAtTheLimit() throws {
        let s = try Self.prepared()
        let limit = String(ExcerptVerifier.maxExcerptBytes)
        try Self.refuses(s, ["verify", "--ledger", "L", "-"], status: 65, stdinFile: "/dev/zero", mentioning: [limit])
        try Self.refuses(s, ["verify-receipt", "-", "--key", s.path("L/ledger.json")], status: 65, stdinFile: "/dev/zero",
                         mentioning: ["1048576"])
        try Self.refuses(s, ["check", "--ledger", "L", "--against", "-"], status: 65, stdinFile: "/dev/zero")
    }

    @Test func excerptsPastTheLimitAreRefusedBeforeAnyWork() throws {
        let s = try Self.prepared()
        let limit = ExcerptVerifier.maxExcerptBytes
        // Words, as a long quote would be: 10 MB took 17 s and 865 MB before the limit.
        let words = String(repeating: "harbour board ", count: 10_000_000 / 14)
        let file = try s.write("long.txt", text: words)
        let started = Date()
        try Self.refuses(s, ["verify", "--ledger", "L", "--file", file], status: 65, mentioning: [String(limit), "--document"])
        #expect(Date().timeIntervalSince(started) < 5)
        // Just over the limit as an argument: a usage error; as a recorded excerpt too.
        let over = String(words.prefix(limit + 1))
        try Self.refuses(s, ["verify", "--ledger", "L", over], status: 64, mentioning: [String(limit)])
        try Self.refuses(s, ["excerpt", "add", "--ledger", "L", "memo", over], status: 64, mentioning: [String(limit)])
        // At the limit it is graded (found or not, but not refused).
        let at = try s.write("at.txt", text: String(words.prefix(limit)))
        let graded = try s.run(["verify", "--ledger", "L", "--file", at], timeout: Self.deadline)
        #expect(graded.status == 1, "\(graded)")
    }

    @Test func proofFilesPastTheirLimitAreRefused() throws {
        let s = try Self.prepared()
        let big = try s.write("big.tlog-proof", Array(repeating: UInt8(ascii: "A"), count: (1 << 20) + 1))
        try Self.refuses(s, ["verify-receipt", big, "--key", s.path("L/ledger.json")], status: 65, mentioning: ["1048576"])
        try Self.refuses(s, ["prove", "--ledger", "L", "--consistency", big], status: 65, mentioning: ["1048576"])
    }

    @Test func candidateDocumentsAreHashedWholeButSearchedOnlyUpToTheLimit() throws {
        let s = try Self.prepared()
        // A sparse file just over 64 MiB: hashed as bytes, not decoded or searched as text.
        let path = s.path("huge.txt")
        let handle = try #require(FileHandle(forWritingAtPath: try s.write("huge.txt", text: "the fictional harbour board met twice in the spring ")))
        try handle.truncate(atOffset: UInt64(ExcerptSearch.searchableLimit + 1))
        try handle.close()
        let run = try s.run(["verify", "--ledger", "L", "--document", path, "--json"], timeout: Self.deadline)
        #expect(run.status == 1, "\(run)")
        let json = try run.json()
        #expect(json["bytes"] as? Int == ExcerptSearch.searchableLimit + 1)
        #expect(json["sha256"] as? String == (try Tool.opensslSHA256(path)))
        #expect(json["text_sha256"] == nil)
        #expect((json["unsearched_reason"] as? String)?.contains(String(ExcerptSearch.searchableLimit)) == true, "\(json)")
    }

    // MARK: Hostile numbers

    /// Replaces the ledger's checkpoint with one signed by its own key that claims `size`.
    static func signCheckpoint(_ s: Sandbox, size: String) throws -> String {
        let key = try LedgerKeys.read(at: s.path("config/leakledger/keys/test.example_limits.key"))
        let note = key.sign("test.example/limits\n\(size)\n\(Data(count: 32).base64EncodedString())\n")
        try s.write("L/checkpoint", text: note)
        return note
    }

    @Test(arguments: ["9223372036854775807", "9007199254740992", "9007199254740991", "99999999999999999999"])
    func absurdTreeSizesNeverTrap(_ size: String) throws {
        let s = try Self.prepared()
        let good = try String(contentsOfFile: s.path("L/checkpoint"), encoding: .utf8)
        let note = try Self.signCheckpoint(s, size: size)
        let check = try s.run(["check", "--ledger", "L", "--json"], timeout: Self.deadline)
        #expect(check.status == 1, "\(check)")
        #expect(try check.json()["intact"] as? Bool == false)
        for arguments in [["log"], ["show", "memo"], ["verify", "harbour board met"], ["prove", "0"], ["key", "list"],
                          ["export", "--tiles", s.path("tiles")], ["excerpt", "add", "memo", "more words"]] {
            let run = try s.run(arguments + ["--ledger", "L"], timeout: Self.deadline)
            #expect([1, 65].contains(run.status), "\(arguments): \(run)")
            #expect(run.stderr.hasPrefix("error: "), "\(arguments): \(run)")
        }
        // The genuine checkpoint back: the hostile one, held as an old checkpoint, is a rollback
        // (or malformed), never a trap.
        try s.write("L/checkpoint", text: good)
        try s.write("old-checkpoint", text: note)
        for arguments in [["check", "--against", s.path("old-checkpoint")], ["prove", "--consistency", s.path("old-checkpoint")]] {
            let run = try s.run(arguments + ["--ledger", "L"], timeout: Self.deadline)
            #expect([1, 65].contains(run.status), "\(arguments): \(run)")
        }
    }

    @Test func receiptsWithAbsurdIndexesOrSizesAreRefused() throws {
        let s = try Self.prepared()
        let receipt = try String(contentsOfFile: s.path("memo.tlog-proof"), encoding: .utf8)
        let key = s.path("L/ledger.json")
        // An index past any tree: malformed, read no further.
        let hugeIndex = receipt.replacingOccurrences(of: "\nindex 1\n", with: "\nindex 9223372036854775807\n")
        try #require(hugeIndex != receipt)
        try s.write("huge-index.tlog-proof", text: hugeIndex)
        try Self.refuses(s, ["verify-receipt", s.path("huge-index.tlog-proof"), "--key", key], status: 65, mentioning: ["index"])
        // A genuine signature over a tree of 2^53 − 1 entries, with the index of its last leaf:
        // the proof cannot have the right length, exit 1.
        let note = try Self.signCheckpoint(s, size: "9007199254740991")
        let head = receipt[..<receipt.range(of: "\n\n")!.upperBound]
            .replacingOccurrences(of: "\nindex 1\n", with: "\nindex 9007199254740990\n")
        try s.write("vast.tlog-proof", text: head + note)
        let vast = try s.run(["verify-receipt", s.path("vast.tlog-proof"), "--key", key], timeout: Self.deadline)
        #expect(vast.status == 1, "\(vast)")
        #expect(vast.stderr.hasPrefix("error: "))
    }
}
