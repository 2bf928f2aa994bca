import ContentHash

/// Why a message or a key file could not be read at all (a signature that fails is a verdict,
/// not an error). A struct around a private enum, so that reasons can be added.
public struct MailAuthError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The broad kind of failure; the command maps each to a `sysexits` code.
    public enum Kind: Sendable, Equatable {
        /// The input is not what it should be: not an e-mail, not a key file (EX_DATAERR, 65).
        case malformed
        /// A file does not exist (EX_NOINPUT, 66).
        case missing
        /// Reading failed (EX_IOERR, 74).
        case io
    }

    private enum Reason: Sendable, Equatable {
        case file(FileError)
        case empty(path: String)
        case notHeaderField(path: String, line: Int, text: String)
        case continuationFirst(path: String)
        case headerTooLarge(path: String, limit: Int)
        case keyFileTooLarge(path: String, limit: Int)
        case keyLine(path: String, line: Int, problem: String)
    }

    private let reason: Reason

    private init(_ reason: Reason) { self.reason = reason }

    static func file(_ error: FileError) -> MailAuthError { MailAuthError(.file(error)) }
    static func empty(path: String) -> MailAuthError { MailAuthError(.empty(path: path)) }
    static func notHeaderField(path: String, line: Int, text: String) -> MailAuthError {
        MailAuthError(.notHeaderField(path: path, line: line, text: text))
    }
    static func continuationFirst(path: String) -> MailAuthError { MailAuthError(.continuationFirst(path: path)) }
    static func headerTooLarge(path: String, limit: Int) -> MailAuthError { MailAuthError(.headerTooLarge(path: path, limit: limit)) }
    static func keyFileTooLarge(path: String, limit: Int) -> MailAuthError { MailAuthError(.keyFileTooLarge(path: path, limit: limit)) }
    static func keyLine(path: String, line: Int, _ problem: String) -> MailAuthError {
        MailAuthError(.keyLine(path: path, line: line, problem: problem))
    }

    /// The kind of failure.
    public var kind: Kind {
        switch reason {
        case .file(let error): error.isMissing ? .missing : .io
        default: .malformed
        }
    }

    /// One line: what is wrong and what to do.
    public var message: String {
        switch reason {
        case .file(let error):
            error.description
        case .empty(let path):
            "\(path) is empty: give the raw message (.eml)"
        case .notHeaderField(let path, let line, let text):
            "\(path) line \(line) is not a header field (\"\(text)\"): an e-mail starts with fields such as From: and Subject:; give the raw message (.eml), not a rendering of it"
        case .continuationFirst(let path):
            "\(path) starts with a folded line (white space first): an e-mail starts with a header field such as From:; give the raw message (.eml)"
        case .headerTooLarge(let path, let limit):
            "the header block of \(path) is larger than \(limit / (1 << 20)) MiB without the blank line that ends it: not an e-mail this tool verifies"
        case .keyFileTooLarge(let path, let limit):
            "\(path) is larger than \(limit / (1 << 20)) MiB: a key file holds DKIM key records, one a line"
        case .keyLine(let path, let line, let problem):
            "\(path) line \(line): \(problem); a key record reads: selector._domainkey.example.com \"v=DKIM1; k=rsa; p=...\""
        }
    }

    public var description: String { message }
}
