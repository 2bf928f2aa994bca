import Foundation
@testable import MailAuth

/// The vectors folder, and helpers shared by the MailAuth tests.
enum Fixtures {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Vectors")

    static func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    static func bytes(_ name: String) throws -> [UInt8] { [UInt8](try Data(contentsOf: folder.appendingPathComponent(name))) }

    /// The key records of the published examples.
    static func publishedKeys() throws -> DKIMKeyRing { try DKIMKeyRing.load(path: path("published-keys.txt")) }

    /// A message made from lines joined with CRLF.
    static func message(_ lines: [String]) -> [UInt8] { Array(lines.joined(separator: "\r\n").utf8) }

    /// Verifies bytes with `keys`.
    static func verify(_ message: [UInt8], keys: DKIMKeyRing) throws -> DKIMReport {
        try DKIMVerifier(keys: keys).verify(message: message)
    }
}

/// Runs python3 and dkimpy, the reference implementation the corpus is checked against.
enum DKIMPython {
    /// True when python3 imports dkimpy, PyNaCl (its Ed25519) and cryptography; the tests that
    /// need them are skipped (and reported as skipped) otherwise. `.ci/run` installs them.
    static let available: Bool = (try? run(["-c", "import dkim, nacl, cryptography"]).status) == 0

    static func run(_ arguments: [String], input: [UInt8] = []) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let stdin = Pipe(), stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stdout
        try process.run()
        stdin.fileHandleForWriting.write(Data(input))
        try stdin.fileHandleForWriting.close()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }

    /// dkimpy's verdict on each DKIM-Signature of `message`, top first, with `keys` as its DNS.
    static func verdicts(_ message: [UInt8], keys: DKIMKeyRing) throws -> [Bool] {
        var records = [String: String]()
        for record in keys.records { records[record.name] = String(decoding: record.text, as: UTF8.self) }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("dkim-records-\(UUID().uuidString).json")
        try JSONSerialization.data(withJSONObject: records).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let run = try run([Fixtures.path("dkimpy_verify.py"), file.path], input: message)
        guard run.status == 0 else { throw DKIMPythonError(output: run.output) }
        return run.output.split(whereSeparator: \.isWhitespace).map { $0 == "1" }
    }

    /// The corpus that `Vectors/dkim_corpus.py` signs with dkimpy, made once per test run.
    static let corpus: Result<URL, DKIMPythonError> = {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dkim-corpus-\(UUID().uuidString)")
        do {
            let run = try run([Fixtures.path("dkim_corpus.py"), folder.path])
            guard run.status == 0 else { return .failure(DKIMPythonError(output: run.output)) }
            return .success(folder)
        } catch {
            return .failure(DKIMPythonError(output: "\(error)"))
        }
    }()
}

struct DKIMPythonError: Error, CustomStringConvertible {
    let output: String
    var description: String { "python3 failed: \(output)" }
}
