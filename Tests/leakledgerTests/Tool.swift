import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// What one run of the `leakledger` binary did.
struct Run: CustomStringConvertible {
    var status: Int32
    var stdout: String
    var stderr: String

    /// Standard output's lines, parsed as JSON objects.
    func jsonLines() throws -> [[String: Any]] {
        try stdout.split(separator: "\n").map { line in
            try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
    }

    /// Standard output parsed as one JSON object.
    func json() throws -> [String: Any] {
        let lines = try jsonLines()
        try #require(lines.count == 1, "expected one JSON line, got: \(stdout)")
        return lines[0]
    }

    var description: String { "exit \(status)\nstdout: \(stdout)\nstderr: \(stderr)" }
}

/// A scratch folder with its own config folder (so keys never touch the real home), and a
/// way to run the built `leakledger` binary in it as a separate process.
final class Sandbox {
    let root: URL
    var environment: [String: String]

    init() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("leakledger-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        root = base
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("LEAKLEDGER_") }
        environment["XDG_CONFIG_HOME"] = base.appendingPathComponent("config").path
        environment["HOME"] = base.appendingPathComponent("home").path
        // Each sandbox is its own user: what it remembers of ledgers (ClientMemory) stays in it.
        environment["XDG_STATE_HOME"] = base.appendingPathComponent("state").path
        environment["LEAKLEDGER_ACTOR"] = "tester"
        self.environment = environment
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    /// The path of `name` inside the sandbox.
    func path(_ name: String) -> String { root.appendingPathComponent(name).path }

    /// Writes a file in the sandbox and returns its path.
    @discardableResult
    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let url = root.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
        return url.path
    }

    /// Writes a text file in the sandbox and returns its path.
    @discardableResult
    func write(_ name: String, text: String) throws -> String { try write(name, Array(text.utf8)) }

    /// Starts the binary without waiting; output goes to files read by ``finish(_:)``.
    func start(_ arguments: [String], stdin: [UInt8]? = nil, stdinFile: String? = nil) throws -> Started {
        let process = Process()
        process.executableURL = Tool.binary
        process.arguments = arguments
        process.environment = environment
        process.currentDirectoryURL = root
        let id = UUID().uuidString
        let outURL = root.appendingPathComponent(".out-\(id)"), errURL = root.appendingPathComponent(".err-\(id)")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        if let stdinFile {
            process.standardInput = try FileHandle(forReadingFrom: URL(fileURLWithPath: stdinFile))
        } else if let stdin {
            let inURL = root.appendingPathComponent(".in-\(id)")
            try Data(stdin).write(to: inURL)
            process.standardInput = try FileHandle(forReadingFrom: inURL)
        } else {
            process.standardInput = FileHandle.nullDevice
        }
        try process.run()
        return Started(process: process, out: outURL, err: errURL)
    }

    /// Runs the binary to completion.
    @discardableResult
    func run(_ arguments: [String], stdin: [UInt8]? = nil) throws -> Run {
        try start(arguments, stdin: stdin).finish()
    }

    /// Runs the binary with standard input read from `stdinFile` (e.g. `/dev/zero`), killing it
    /// if it takes longer than `timeout` seconds (a hang is then reported as status -1).
    @discardableResult
    func run(_ arguments: [String], stdinFile: String? = nil, timeout: Double) throws -> Run {
        try start(arguments, stdinFile: stdinFile).finish(timeout: timeout)
    }

    /// Runs another program to completion (openssl, python3, sh), with `input` on its standard input.
    static func runProgram(_ path: String, _ arguments: [String], environment: [String: String]? = nil, input: String? = nil) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        if let environment { process.environment = environment }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let stdin = Pipe()
        if input != nil { process.standardInput = stdin }
        try process.run()
        if let input {
            stdin.fileHandleForWriting.write(Data(input.utf8))
            try stdin.fileHandleForWriting.close()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                   stderr: String(decoding: errData, as: UTF8.self))
    }

    /// A running process and where its output goes.
    struct Started {
        let process: Process
        let out: URL
        let err: URL

        /// Waits for the process (at most `timeout` seconds, then kills it and reports -1) and
        /// collects its output.
        func finish(timeout: Double? = nil) throws -> Run {
            var hung = false
            if let timeout {
                let deadline = Date().addingTimeInterval(timeout)
                while process.isRunning && Date() < deadline { usleep(10_000) }
                if process.isRunning {
                    hung = true
                    process.terminate()
                }
            }
            process.waitUntilExit()
            let run = Run(status: hung ? -1 : process.terminationStatus,
                          stdout: String(decoding: try Data(contentsOf: out), as: UTF8.self),
                          stderr: String(decoding: try Data(contentsOf: err), as: UTF8.self))
            try? FileManager.default.removeItem(at: out)
            try? FileManager.default.removeItem(at: err)
            return run
        }
    }

    /// SHA-256 (via openssl, independent of the code under test) of every file under
    /// `folder`, by relative path: a byte-for-byte snapshot.
    func snapshot(_ folder: String) throws -> [String: String] {
        var result = [String: String]()
        let base = URL(fileURLWithPath: folder)
        guard let walker = FileManager.default.enumerator(at: base, includingPropertiesForKeys: [.isDirectoryKey]) else { return [:] }
        for case let url as URL in walker {
            let relative = String(url.path.dropFirst(base.path.count))
            // The derived index is not part of the ledger: rebuilt at will, never appended to.
            if relative.hasPrefix("/index.sqlite") { continue }
            if (try url.resourceValues(forKeys: [.isDirectoryKey])).isDirectory == true {
                result[relative] = "folder"
            } else {
                result[relative] = try Tool.opensslSHA256(url.path)
            }
        }
        return result
    }
}

enum Tool {
    /// The `leakledger` binary built next to the test bundle.
    static let binary: URL = {
        if let override = ProcessInfo.processInfo.environment["LEAKLEDGER_BIN"] { return URL(fileURLWithPath: override) }
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var directory = executable.deletingLastPathComponent()
        // On Linux the bundle is an executable in the products folder; elsewhere it may be a
        // bundle folder whose parent holds the products.
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("leakledger")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("leakledger")
    }()

    /// `openssl dgst -sha256` of a file, as lower-case hex.
    static func opensslSHA256(_ path: String) throws -> String {
        let run = try Sandbox.runProgram("/usr/bin/env", ["openssl", "dgst", "-sha256", "-r", path])
        try #require(run.status == 0, "openssl failed: \(run.stderr)")
        return String(run.stdout.prefix(64))
    }
}
