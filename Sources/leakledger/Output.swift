import LeakLedger

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How the commands print: results on standard output, one `error:` line on standard error.
enum Output {
    /// Prints `error: message` on standard error, as one escaped line (messages echo input).
    static func error(_ message: String) {
        standardError("error: " + message)
    }

    /// Prints `warning: message` on standard error (the command goes on).
    static func warning(_ message: String) {
        standardError("warning: " + message)
    }

    /// Prints `note: message` on standard error.
    static func note(_ message: String) {
        standardError("note: " + message)
    }

    /// Prints lines on standard error, each escaped (``Terminal/escapedLines(_:)``).
    static func standardError(_ text: String, newline: Bool = true) {
        var line = Terminal.escapedLines(newline ? text.replacingNewlines() + "\n" : text)
        line.withUTF8 { _ = write(STDERR_FILENO, $0.baseAddress, $0.count) }
    }

    /// Prints text for a person on standard output: every line escaped, so that nothing from a
    /// ledger or a user reaches the terminal raw. Text with styles of its own escapes its
    /// pieces with ``Terminal/escaped(_:)`` and goes through `print`.
    static func text(_ text: String, terminator: String = "\n") {
        print(Terminal.escapedLines(text), terminator: terminator)
    }

    /// Prints a document made for other tools (a receipt, a checkpoint, an export) as it is
    /// into a pipe or a file, but with its lines escaped on a terminal.
    static func document(_ text: String) {
        print(isTerminal ? Terminal.escapedLines(text) : text, terminator: "")
    }

    /// Prints one JSON value as one canonical line (DEL, C1 and bidi controls as `\u` escapes).
    static func json(_ value: JSONValue) {
        print(Terminal.jsonEscaped(value.canonicalString))
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
