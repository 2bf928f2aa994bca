import Foundation
import Testing
@testable import Commitments
import LeakLedger

/// Fictional texts and helpers shared by the tests of this target.
enum Fixtures {
    /// A fictional internal memo: curly quotes, dashes, a soft hyphen, a line-end hyphen, a
    /// ligature, an ellipsis, accents and a no-break space, so that L2 has work to do.
    static let memo = """
        HARBOUR COMMISSION OF VELLMAR — INTERNAL MEMORANDUM
        To: the Board of Wardens   From: the Office of the Second Warden

        The Commission “reaffirms its commitment to the open quay policy” agreed in 2019, \
        and will not re-open the northern basin before the inspection of the sea\u{AD}wall \
        is complete. The wardens’ fee review — deferred twice — remains a matter for the \
        full Board; no ﬁgure has been agreed… Members are reminded that the trans-
        parency register must list every contract above 40\u{A0}000 crowns.

        The Second Warden will report to the Board on 3 March. Décisions prises à huis clos \
        ne sont pas publiées.
        """

    /// A fixed secret, so that failures reproduce.
    static let secret = DocumentSecret(bytes: Array(0..<32))!

    /// The folder of this file's `Vectors/`.
    static let vectors = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Vectors")

    /// A scratch folder, removed by the caller.
    static func scratch() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("commitments-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}

/// Runs the independent Python implementation (`Vectors/quote_proof.py`).
enum QuotePython {
    /// True when `python3` runs and imports `cryptography`; the interop tests are skipped
    /// (reported as skipped) otherwise.
    static let available: Bool = (try? run(["-c", "import cryptography"], script: false).status) == 0

    /// Runs `python3 quote_proof.py arguments...` (or `python3 arguments...`) with `input`.
    static func run(_ arguments: [String], input: String = "", script: Bool = true) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + (script ? [Fixtures.vectors.appendingPathComponent("quote_proof.py").path] : []) + arguments
        let stdin = Pipe(), stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stdout
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }

    /// Runs it and parses its standard output as JSON; fails the test on a non-zero exit.
    static func json(_ arguments: [String], input: String = "") throws -> Any {
        let (status, output) = try run(arguments, input: input)
        try #require(status == 0, "quote_proof.py \(arguments.first ?? ""): \(output)")
        return try JSONSerialization.jsonObject(with: Data(output.utf8), options: [.fragmentsAllowed])
    }
}
