import LeakLedger

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How the commands print: results on standard output, one `error:` line on standard error.
enum Output {
    /// Prints `error: message` on standard error.
    static func error(_ message: String) {
        var line = "error: " + message.replacingNewlines() + "\n"
        line.withUTF8 { _ = write(STDERR_FILENO, $0.baseAddress, $0.count) }
    }

    /// Prints `warning: message` on standard error (the command goes on).
    static func warning(_ message: String) {
        var line = "warning: " + message.replacingNewlines() + "\n"
        line.withUTF8 { _ = write(STDERR_FILENO, $0.baseAddress, $0.count) }
    }

    /// Prints `note: message` on standard error.
    static func note(_ message: String) {
        var line = "note: " + message.replacingNewlines() + "\n"
        line.withUTF8 { _ = write(STDERR_FILENO, $0.baseAddress, $0.count) }
    }

    /// Prints one JSON value as one canonical line.
    static func json(_ value: JSONValue) {
        print(value.canonicalString)
    }

    /// True when standard output is a terminal.
    static var isTerminal: Bool { isatty(STDOUT_FILENO) == 1 }

    /// Whether to colour by default: standard output is a terminal and `NO_COLOR` is unset or
    /// empty (no-color.org).
    static var prefersColor: Bool {
        guard isTerminal, let value = getenv("NO_COLOR") else { return isTerminal }
        return value.pointee == 0
    }

    /// The `sysexits` code for a kind of failure (spec/cli.md, "Exit codes").
    static func exitCode(for kind: LedgerError.Kind) -> Int32 {
        switch kind {
        case .usage: 64
        case .malformed: 65
        case .missing: 66
        case .cannotCreate: 73
        case .io: 74
        case .locked: 75
        case .noKey: 77
        case .tampered: 1
        }
    }

    static func lowercasedFirst(_ text: String) -> String {
        guard let first = text.first, first.isUppercase, text.dropFirst().first?.isUppercase != true else { return text }
        return first.lowercased() + text.dropFirst()
    }
}

extension String {
    fileprivate func replacingNewlines() -> String {
        String(map { $0.isNewline ? " " : $0 })
    }
}
