import Foundation
import LeakLedger
import Testing

/// "Clients remember" end to end: every command that reads a ledger checks it against the
/// checkpoint this user saw last for its origin; a rollback or a fork fails loudly, exit 1.
@Suite struct ClientMemoryCommandTests {
    private func ok(_ sandbox: Sandbox, _ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws {
        let run = try sandbox.run(arguments)
        try #require(run.status == 0, "\(arguments): \(run)", sourceLocation: sourceLocation)
    }

    private func register(_ sandbox: Sandbox, _ id: String, ledger: String = "L") throws {
        try ok(sandbox, ["register", "--excerpts-only", "--id", id, "--title", "Fictional \(id)", "--ledger", ledger])
    }

    /// The remembered checkpoint file of `origin` for this sandbox's user.
    private func memoryFile(_ sandbox: Sandbox, origin: String) -> String {
        ClientMemory(directory: sandbox.environment["XDG_STATE_HOME"]! + "/leakledger/checkpoints").path(origin: origin)
    }

    private func expectWarning(_ run: Run, _ title: String, sizes: (before: Int, now: Int), sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(run.status == 1, "\(run)", sourceLocation: sourceLocation)
        #expect(run.stderr.contains("WARNING: \(title)"), "\(run.stderr)", sourceLocation: sourceLocation)
        // Both checkpoints are shown: the one seen before, then the one shown now.
        let before = run.stderr.range(of: "The checkpoint you saw before")
        let now = run.stderr.range(of: "The checkpoint the ledger shows now")
        #expect(before != nil && now != nil, sourceLocation: sourceLocation)
        if let before, let now {
            #expect(run.stderr[before.upperBound..<now.lowerBound].contains("\n    \(sizes.before)\n"), sourceLocation: sourceLocation)
            #expect(run.stderr[now.upperBound...].contains("\n    \(sizes.now)\n"), sourceLocation: sourceLocation)
        }
        let last = run.stderr.split(separator: "\n").last ?? ""
        #expect(last.hasPrefix("error: SECURITY WARNING"), "\(run.stderr)", sourceLocation: sourceLocation)
        #expect(run.stdout.isEmpty, sourceLocation: sourceLocation)
    }

    @Test func initRecordsAndAppendsRememberTheNewCheckpoint() throws {
        let sandbox = try Sandbox()
        let origin = "test.example/memory"
        try ok(sandbox, ["init", "L", "--origin", origin])
        let file = memoryFile(sandbox, origin: origin)
        #expect(try String(contentsOfFile: file, encoding: .utf8) == (try sandbox.run(["checkpoint", "--ledger", "L"])).stdout)
        try register(sandbox, "doc-a")
        // The commit's checkpoint is remembered by the command that made it, before any read.
        let remembered = try Checkpoint(text: SignedNote.unverifiedText(String(contentsOfFile: file, encoding: .utf8)))
        #expect(remembered.size == 2)
        try register(sandbox, "doc-b")
        let log = try sandbox.run(["log", "--ledger", "L"])
        #expect(log.status == 0 && log.stderr.isEmpty, "\(log)")
        #expect(try String(contentsOfFile: file, encoding: .utf8) == (try sandbox.run(["checkpoint", "--ledger", "L"])).stdout)
    }

    @Test func aReaderFollowsANormalExtension() throws {
        let keeper = try Sandbox()
        try ok(keeper, ["init", "L", "--origin", "test.example/memory"])
        try register(keeper, "doc-a")
        // A second user reads the same folder with their own memory, then the keeper appends.
        var reader = keeper.environment
        reader["XDG_STATE_HOME"] = keeper.path("reader-state")
        let readerBox = try Sandbox()
        readerBox.environment = reader
        let first = try readerBox.run(["log", "--ledger", keeper.path("L")])
        #expect(first.status == 0, "\(first)")
        try register(keeper, "doc-b")
        try register(keeper, "doc-c")
        for arguments in [["log"], ["check"], ["checkpoint"], ["prove", "1"]] {
            let run = try readerBox.run(arguments + ["--ledger", keeper.path("L")])
            #expect(run.status == 0, "\(arguments): \(run)")
        }
        let remembered = try String(contentsOfFile: memoryFile(readerBox, origin: "test.example/memory"), encoding: .utf8)
        #expect(try Checkpoint(text: SignedNote.unverifiedText(remembered)).size == 4)
    }

    @Test func readersDuringCommitsNeverSeeAFalseRollback() throws {
        // The memory is read before the checkpoint, under a lock: a commit by another process
        // between the two reads only ever looks like an extension.
        let sandbox = try Sandbox()
        try ok(sandbox, ["init", "L", "--origin", "test.example/busy-memory"])
        var scripts = [String]()
        for writer in 0..<2 {
            var script = "set -e\n"
            for index in 0..<6 {
                script += "'\(Tool.binary.path)' register --excerpts-only --id w\(writer)-\(index) --title T --ledger L --wait 60 >/dev/null\n"
            }
            scripts.append(script)
        }
        scripts.append("set -e\n" + String(repeating: "'\(Tool.binary.path)' log --ledger L >/dev/null\n'\(Tool.binary.path)' checkpoint --ledger L >/dev/null\n", count: 10))
        var shells = [Process]()
        for (index, script) in scripts.enumerated() {
            let shell = Process()
            shell.executableURL = URL(fileURLWithPath: "/bin/sh")
            shell.arguments = [try sandbox.write("script\(index).sh", text: script)]
            shell.environment = sandbox.environment
            shell.currentDirectoryURL = sandbox.root
            shell.standardOutput = FileHandle.nullDevice
            try shell.run()
            shells.append(shell)
        }
        for shell in shells {
            shell.waitUntilExit()
            #expect(shell.terminationStatus == 0)
        }
        let remembered = try String(contentsOfFile: memoryFile(sandbox, origin: "test.example/busy-memory"), encoding: .utf8)
        #expect(try Checkpoint(text: SignedNote.unverifiedText(remembered)).size == 13)
    }

    @Test func aRestoredBackupIsARollback() throws {
        let sandbox = try Sandbox()
        try ok(sandbox, ["init", "L", "--origin", "test.example/memory"])
        try register(sandbox, "doc-a")
        try FileManager.default.copyItem(atPath: sandbox.path("L"), toPath: sandbox.path("Backup"))
        try register(sandbox, "doc-b")
        try ok(sandbox, ["log", "--ledger", "L"])
        // The folder is restored from the older copy: doc-b's entry vanishes.
        try FileManager.default.removeItem(atPath: sandbox.path("L"))
        try FileManager.default.copyItem(atPath: sandbox.path("Backup"), toPath: sandbox.path("L"))
        expectWarning(try sandbox.run(["log", "--ledger", "L"]), "THE LEDGER WAS ROLLED BACK!", sizes: (3, 2))
        expectWarning(try sandbox.run(["check", "--ledger", "L"]), "THE LEDGER WAS ROLLED BACK!", sizes: (3, 2))
        let json = try sandbox.run(["check", "--ledger", "L", "--json"])
        #expect(json.status == 1 && json.stderr.contains("WARNING: THE LEDGER WAS ROLLED BACK!"))
        let report = try json.json()
        #expect(report["intact"] as? Bool == false && report["size"] as? Int == 2)
        let memory = try #require(report["memory"] as? [String: Any])
        #expect(memory["verdict"] as? String == "rolled_back" && memory["remembered_size"] as? Int == 3)
        // Nothing is appended to a ledger that fails the memory check.
        let before = try sandbox.snapshot(sandbox.path("L"))
        expectWarning(try sandbox.run(["register", "--excerpts-only", "--id", "doc-c", "--title", "C", "--ledger", "L"]),
                      "THE LEDGER WAS ROLLED BACK!", sizes: (3, 2))
        #expect(try sandbox.snapshot(sandbox.path("L")) == before)
        // The way out the warning names: forget the remembered checkpoint.
        try FileManager.default.removeItem(atPath: memoryFile(sandbox, origin: "test.example/memory"))
        try ok(sandbox, ["log", "--ledger", "L"])
    }

    @Test func twoLedgersWithTheSameKeyAndOriginAreAFork() throws {
        let sandbox = try Sandbox()
        let origin = "test.example/memory"
        try ok(sandbox, ["init", "A", "--origin", origin])
        let key = sandbox.path("config/leakledger/keys/test.example_memory.key")
        // Another desk makes a second ledger with the same key and origin (its own memory).
        let desk = try Sandbox()
        desk.environment["XDG_STATE_HOME"] = sandbox.path("desk-state")
        desk.environment["XDG_CONFIG_HOME"] = sandbox.path("config")
        let made = try desk.run(["init", sandbox.path("B"), "--origin", origin, "--key", key])
        try #require(made.status == 0, "\(made)")
        try register(sandbox, "doc-a", ledger: "A")
        try ok(desk, ["register", "--excerpts-only", "--id", "doc-b", "--title", "B", "--ledger", sandbox.path("B")])
        #expect(try desk.run(["check", "--ledger", sandbox.path("B")]).status == 0)  // intact for its desk...
        // ...but this user saw A: the same size with another root is a fork.
        expectWarning(try sandbox.run(["log", "--ledger", "B"]), "THE LEDGER'S HISTORY HAS FORKED!", sizes: (2, 2))
        // A longer B does not extend A either (the consistency proof fails).
        try ok(desk, ["register", "--excerpts-only", "--id", "doc-c", "--title", "C", "--ledger", sandbox.path("B")])
        expectWarning(try sandbox.run(["log", "--ledger", "B"]), "THE LEDGER'S HISTORY HAS FORKED!", sizes: (2, 3))
        // A itself still reads fine.
        try ok(sandbox, ["log", "--ledger", "A"])
    }
}
