import Foundation

/// Runs Python scripts from `Vectors/` as an independent implementation to check against.
enum NotePython {
    /// True when `python3` runs and imports `cryptography`; tests that need it are skipped
    /// (and reported as skipped) otherwise.
    static let hasCryptography: Bool = {
        (try? run(["-c", "import cryptography"], input: Data()).status) == 0
    }()

    /// Runs `python3 arguments...` with `input` on standard input.
    static func run(_ arguments: [String], input: Data) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let stdin = Pipe()
        let stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stdout
        try process.run()
        stdin.fileHandleForWriting.write(input)
        try stdin.fileHandleForWriting.close()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }
}
