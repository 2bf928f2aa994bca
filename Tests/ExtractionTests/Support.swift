import ContentHash
import Extraction
import ExtractionEngine
import Foundation
import Testing

/// The committed fixtures (made by scripts/make-format-fixtures.sh) and the tools to compare with.
enum Fixture {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    static func bytes(_ name: String) throws -> [UInt8] { Array(try Data(contentsOf: folder.appendingPathComponent(name))) }

    /// Extraction in this process, through the engine the worker runs.
    static func engine(_ name: String, as format: DocumentFormat, options: ExtractionOptions = ExtractionOptions()) throws -> ExtractedText {
        try Engine(options: options).extract(.bytes(try bytes(name)), as: format)
    }

    /// Extraction through the worker process, as the ledger runs it.
    static func worker(_ name: String, as format: DocumentFormat, options: ExtractionOptions = ExtractionOptions()) throws -> ExtractedText {
        try Extractor(options: options).extract(fileAt: path(name), as: format)
    }
}

/// The words of a text, for comparisons that do not depend on line breaks.
func words(_ text: some StringProtocol) -> [String] {
    text.split(whereSeparator: { (c: Character) in c.isWhitespace }).map { String($0) }
}

/// A text with its white space runs as single spaces, trimmed.
func flat(_ text: some StringProtocol) -> String { words(text).joined(separator: " ") }

/// A program's standard output (and status), run to completion.
struct Program {
    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> (status: Int32, stdout: [UInt8], stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env.merge(environment) { $1 }
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, Array(stdout), String(decoding: stderr, as: UTF8.self))
    }

    /// Whether `name` is on the PATH.
    static func exists(_ name: String) -> Bool {
        (try? run(["sh", "-c", "command -v \(name)"]).status) == 0
    }
}

/// The share of `expected`'s words found, in order, in `actual` (longest common subsequence).
func wordRecall(_ expected: [String], in actual: [String]) -> Double {
    guard !expected.isEmpty else { return 1 }
    var previous = [Int](repeating: 0, count: actual.count + 1)
    for e in expected {
        var current = [Int](repeating: 0, count: actual.count + 1)
        for (j, a) in actual.enumerated() {
            current[j + 1] = e == a ? previous[j] + 1 : max(previous[j + 1], current[j])
        }
        previous = current
    }
    return Double(previous[actual.count]) / Double(expected.count)
}
