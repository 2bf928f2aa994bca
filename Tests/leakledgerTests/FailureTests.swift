import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// A command that fails appends nothing and leaves the ledger folder byte for byte as it was.
@Suite struct FailureTests {
    /// A ledger with a few entries and one stored object, and its snapshot.
    private func prepared() throws -> (Sandbox, [String: String]) {
        let sandbox = try Sandbox()
        try #require(try sandbox.run(["init", "L", "--origin", "test.example/fail"]).status == 0)
        try sandbox.write("a.txt", text: "fictional a")
        try #require(try sandbox.run(["register", "a.txt", "--ledger", "L"]).status == 0)
        try #require(try sandbox.run(["register", "--excerpts-only", "--id", "doc", "--title", "T", "--ledger", "L"]).status == 0)
        try sandbox.write("b.txt", text: "fictional b")
        return (sandbox, try sandbox.snapshot(sandbox.path("L")))
    }

    private func expectFailure(_ arguments: [String], code: Int32, stdin: [UInt8]? = nil,
                               sandbox: Sandbox, before: [String: String]) throws {
        let run = try sandbox.run(arguments + ["--ledger", "L"], stdin: stdin)
        #expect(run.status == code, "\(arguments): \(run)")
        #expect(run.stderr.hasPrefix("error: "), "\(arguments): \(run.stderr)")
        #expect(run.stderr.split(separator: "\n").count == 1)
        #expect(try sandbox.snapshot(sandbox.path("L")) == before, "\(arguments) changed the folder")
    }

    @Test func missingFile() throws {
        let (sandbox, before) = try prepared()
        // The missing file comes after a good one: the good one must not be stored either.
        try expectFailure(["register", "b.txt", "nothing-here.txt"], code: 66, sandbox: sandbox, before: before)
    }

    @Test func noKey() throws {
        let (sandbox, before) = try prepared()
        sandbox.environment["XDG_CONFIG_HOME"] = sandbox.path("elsewhere")
        try expectFailure(["register", "b.txt"], code: 77, sandbox: sandbox, before: before)
        try expectFailure(["excerpt", "add", "doc", "text"], code: 77, sandbox: sandbox, before: before)
    }

    @Test func badFlag() throws {
        let (sandbox, before) = try prepared()
        try expectFailure(["register", "b.txt", "--no-such-flag"], code: 64, sandbox: sandbox, before: before)
        try expectFailure(["register", "b.txt", "--published", "yesterday"], code: 64, sandbox: sandbox, before: before)
        try expectFailure(["register", "b.txt", "a.txt", "--id", "both"], code: 64, sandbox: sandbox, before: before)
        try expectFailure(["register", "--excerpts-only", "--id", "x"], code: 64, sandbox: sandbox, before: before)
    }

    @Test func duplicateIdAndUnknownDocument() throws {
        let (sandbox, before) = try prepared()
        try expectFailure(["register", "b.txt", "--id", "a"], code: 64, sandbox: sandbox, before: before)
        try expectFailure(["register", "--excerpts-only", "--id", "doc", "--title", "Again"], code: 64, sandbox: sandbox, before: before)
        try expectFailure(["excerpt", "add", "unknown", "text"], code: 66, sandbox: sandbox, before: before)
        try expectFailure(["excerpt", "add", "doc", "text", "--cited-by", "unknown"], code: 66, sandbox: sandbox, before: before)
    }

    @Test func locked() throws {
        let (sandbox, before) = try prepared()
        // Hold the writers' lock from this process, as another writer would.
        let descriptor = open(sandbox.path("L/lock"), O_RDWR)
        try #require(descriptor >= 0)
        defer { close(descriptor) }
        try #require(flock(descriptor, LOCK_EX | LOCK_NB) == 0)
        let started = Date()
        try expectFailure(["register", "b.txt", "--wait", "0.5"], code: 75, sandbox: sandbox, before: before)
        #expect(Date().timeIntervalSince(started) >= 0.5)
        try expectFailure(["excerpt", "add", "doc", "text", "--wait", "0"], code: 75, sandbox: sandbox, before: before)
        // Readers do not wait for writers.
        #expect(try sandbox.run(["log", "--ledger", "L"]).status == 0)
        #expect(try sandbox.run(["check", "--ledger", "L"]).status == 0)
        flock(descriptor, LOCK_UN)
        #expect(try sandbox.run(["register", "b.txt", "--ledger", "L"]).status == 0)
    }

    @Test func noLedger() throws {
        let sandbox = try Sandbox()
        let run = try sandbox.run(["log", "--ledger", "nowhere"])
        #expect(run.status == 66)
        #expect(!FileManager.default.fileExists(atPath: sandbox.path("nowhere")))
        try sandbox.write("a.txt", text: "x")
        #expect(try sandbox.run(["register", "a.txt", "--ledger", "nowhere"]).status == 66)
        #expect(!FileManager.default.fileExists(atPath: sandbox.path("nowhere")))
    }
}
