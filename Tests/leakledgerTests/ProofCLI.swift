import Foundation

/// Runs the built `leakledger` binary in a scratch folder with its own state and config
/// folders, for the end-to-end tests of the proof commands.
struct ProofCLI {
    let folder: String
    var environment: [String: String]

    /// The binary: next to the test bundle, else in the package's .build/debug.
    static let binary: String = {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("leakledger").path
        if FileManager.default.isExecutableFile(atPath: beside) { return beside }
        let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return package.appendingPathComponent(".build/debug/leakledger").path
    }()

    init() {
        folder = NSTemporaryDirectory() + "leakledger-cli-\(UUID().uuidString)"
        try! FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("LEAKLEDGER_") }
        environment["XDG_STATE_HOME"] = folder + "/state"
        environment["XDG_CONFIG_HOME"] = folder + "/config"
        environment["LEAKLEDGER_ACTOR"] = "desk@example.org"
        self.environment = environment
    }

    func cleanup() { try? FileManager.default.removeItem(atPath: folder) }

    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// Runs `leakledger arguments...` in the scratch folder.
    @discardableResult
    func run(_ arguments: String..., input: String? = nil, environment extra: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ProofCLI.binary)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        process.environment = environment.merging(extra) { $1 }
        let stdout = Pipe(), stderr = Pipe(), stdin = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = stdin
        try process.run()
        if let input { stdin.fileHandleForWriting.write(Data(input.utf8)) }
        try stdin.fileHandleForWriting.close()
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        let err = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
                      stderr: String(decoding: err, as: UTF8.self))
    }

    func read(_ path: String) -> String {
        String(decoding: FileManager.default.contents(atPath: folder + "/" + path) ?? Data(), as: UTF8.self)
    }

    func write(_ text: String, to path: String) {
        _ = FileManager.default.createFile(atPath: folder + "/" + path, contents: Data(text.utf8))
    }

    /// A ledger `L` with two registered fictional memos (seq 1 and 2).
    func makeLedger(_ name: String = "L", origin: String = "newsroom.example/proof-cli") throws {
        write("A fictional memo about nothing in particular.\n", to: "memo-a.txt")
        write("Another fictional memo.\n", to: "memo-b.txt")
        try expectSuccess(run("init", name, "--origin", origin))
        try expectSuccess(run("register", "memo-a.txt", "--ledger", name, "--id", "memo-a", "--title", "Fictional memo A"))
        try expectSuccess(run("register", "memo-b.txt", "--ledger", name, "--id", "memo-b", "--title", "Fictional memo B"))
    }

    struct Failure: Error, CustomStringConvertible { let description: String }

    func expectSuccess(_ result: Result) throws {
        guard result.status == 0 else { throw Failure(description: "exit \(result.status): \(result.stderr)") }
    }
}
