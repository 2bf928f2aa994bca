import Foundation
import Testing
import LeakLedger

/// Interop with Go's golang.org/x/mod/sumdb/note and sumdb/tlog, an independent implementation
/// of the same formats (Debian package golang-golang-x-mod-dev, with golang-go).
enum GoInterop {
    static let gopath = "/usr/share/gocode"
    static let script = NoteVectors.folder.appendingPathComponent("note_go_interop.go").path

    /// True when `go` and the x/mod sources are installed; the tests are skipped otherwise.
    static let available: Bool = {
        guard FileManager.default.fileExists(atPath: gopath + "/src/golang.org/x/mod/sumdb/tlog/tlog.go") else { return false }
        return (try? run(["version"]).status) == 0
    }()

    static func run(_ arguments: [String]) throws -> (status: Int32, output: String, error: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["go"] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["GO111MODULE"] = "off"
        environment["GOPATH"] = gopath
        environment["GOCACHE"] = NSTemporaryDirectory() + "leakledger-gocache"
        environment["GOFLAGS"] = ""
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let output = out.fileHandleForReading.readDataToEndOfFile()
        let error = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self), String(decoding: error, as: UTF8.self))
    }

    /// Runs the Go checker on a folder; returns its JSON report.
    static func check(verifierKey: String, folder: String) throws -> JSONValue {
        let result = try run(["run", script, verifierKey, folder])
        guard result.status == 0 else { throw ProofCLIError(message: "go: \(result.error)") }
        return try JSONValue(parsing: Array(result.output.utf8))
    }

    struct ProofCLIError: Error, CustomStringConvertible { let message: String; var description: String { message } }
}

@Suite(.enabled(if: GoInterop.available, "needs go and golang.org/x/mod (Debian: golang-go golang-golang-x-mod-dev)"))
struct TreeGoInteropTests {
    @Test func goVerifiesOurCheckpointTreeReceiptAndAgreesOnProofs() throws {
        let log = TestLog.with(17)
        let folder = TemporaryFolder()
        defer { folder.cleanup() }
        let fm = FileManager.default
        _ = fm.createFile(atPath: folder.path + "/checkpoint", contents: Data(log.signedCheckpoint.utf8))
        let lines = log.entries.map { String(decoding: $0, as: UTF8.self) }.joined(separator: "\n") + "\n"
        _ = fm.createFile(atPath: folder.path + "/entries.jsonl", contents: Data(lines.utf8))
        _ = fm.createFile(atPath: folder.path + "/hashes", contents: Data(log.store.hashes.flatMap(\.bytes)))
        _ = fm.createFile(atPath: folder.path + "/receipt", contents: Data(try log.receipt(6).text.utf8))

        let report = try GoInterop.check(verifierKey: log.signer.verifier.verifierKey, folder: folder.path)
        #expect(report["note_open"] == .bool(true))
        #expect(report["tree_hash_matches"] == .bool(true))
        #expect(report["hashes_file_matches"] == .bool(true))
        #expect(report["receipt_checks"] == .bool(true))
        #expect(report["stored_hash_count"] == .int(Merkle.storedHashCount(17)))
        let b64 = { (hashes: [SHA256Digest]) -> JSONValue in .array(hashes.map { .string(Data($0.bytes).base64EncodedString()) }) }
        for index in 0..<17 {
            #expect(report["record_proofs"]?.array?[index] == b64(Merkle.inclusionProof(index: index, size: 17, reader: log.store.read)), "index \(index)")
        }
        for old in 1..<17 {
            #expect(report["tree_proofs"]?.array?[old - 1] == b64(log.consistency(from: old)), "old \(old)")
        }
    }

    @Test func goRejectsATamperedCheckpoint() throws {
        let log = TestLog.with(3)
        let folder = TemporaryFolder()
        defer { folder.cleanup() }
        let forged = log.signedCheckpoint.replacingOccurrences(of: "\n3\n", with: "\n4\n")
        _ = FileManager.default.createFile(atPath: folder.path + "/checkpoint", contents: Data(forged.utf8))
        _ = FileManager.default.createFile(atPath: folder.path + "/entries.jsonl", contents: Data())
        let result = try GoInterop.run(["run", GoInterop.script, log.signer.verifier.verifierKey, folder.path])
        #expect(result.status == 1 && result.error.contains("note.Open"), "\(result.error)")
    }

    @Test func goVerifiesTheSampleLedger() throws {
        // The repository's sample ledger (CORE's Ledger/): checkpoint, entries and stored hashes.
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let ledger = root.appendingPathComponent("Ledger").path
        // The sample ledger is part of the repository: its absence is a failure, not a skip.
        try #require(FileManager.default.fileExists(atPath: ledger + "/ledger.json"), "the sample ledger \(ledger) is missing")
        let folder = TemporaryFolder()
        defer { folder.cleanup() }
        let fm = FileManager.default
        try fm.copyItem(atPath: ledger + "/checkpoint", toPath: folder.path + "/checkpoint")
        try fm.copyItem(atPath: ledger + "/log/entries.jsonl", toPath: folder.path + "/entries.jsonl")
        try fm.copyItem(atPath: ledger + "/log/hashes", toPath: folder.path + "/hashes")
        let identity = try LedgerIdentity(json: JSONValue(parsing: Array(fm.contents(atPath: ledger + "/ledger.json")!)))
        let report = try GoInterop.check(verifierKey: identity.verifierKeys[0], folder: folder.path)
        #expect(report["note_open"] == .bool(true) && report["tree_hash_matches"] == .bool(true))
        #expect(report["hashes_file_matches"] == .bool(true))
        // Go read the whole sample: every entry line is in the tree it checked.
        let lines = try String(contentsOfFile: ledger + "/log/entries.jsonl", encoding: .utf8).split(separator: "\n").count
        #expect(lines > 0)
        #expect(report["size"] == .int(lines))
        #expect(report["stored_hash_count"] == .int(Merkle.storedHashCount(lines)))
    }
}
