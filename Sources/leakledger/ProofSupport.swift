import Foundation
import LeakLedger

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reading keys and files for the proof commands (`prove`, `verify-receipt`, `cosign`,
/// `witness`, `export --tiles`, `check --against`).
enum ProofSupport {
    /// Verifier keys from a `--key`/`--witness` value: the key itself, or a file holding one
    /// key per line, or a `ledger.json` (its `verifier_keys`).
    static func verifiers(_ value: String, option: String) throws(LedgerError) -> [NoteVerifier] {
        if let key = try? NoteVerifier(verifierKey: value) { return [key] }
        guard FileManager.default.fileExists(atPath: value) else {
            throw LedgerError.usage("\(option) \(value) is neither a verifier key (name+keyid+base64key) nor a file")
        }
        let text = try readText(value)
        if text.hasPrefix("{") {
            let identity = try LedgerIdentity(json: JSONValue(parsing: Array(text.utf8)))
            return try identity.verifierKeys.map { (key: String) throws(LedgerError) -> NoteVerifier in try NoteVerifier(verifierKey: key) }
        }
        let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !lines.isEmpty else { throw LedgerError.malformed("\(value) holds no verifier key") }
        return try lines.map { (line: String) throws(LedgerError) -> NoteVerifier in try NoteVerifier(verifierKey: line) }
    }

    /// Ledger keys from a `--key` value, with their retirement sizes when the value is a
    /// `ledger.json` (its `retired_keys`); a bare key or a key file gives current keys.
    static func trustedKeys(_ value: String, option: String) throws(LedgerError) -> [TrustedKey] {
        if FileManager.default.fileExists(atPath: value), case let text = try readText(value), text.hasPrefix("{") {
            return try TrustedKey.keys(ledgerJSON: JSONValue(parsing: Array(text.utf8)))
        }
        return try verifiers(value, option: option).map { TrustedKey(verifier: $0) }
    }

    /// The most read from a file these commands are given (a receipt, a checkpoint, a
    /// consistency proof, a key file, a `ledger.json`): each is a few kilobytes, and 1 MiB
    /// leaves room for a receipt of the largest entry a tile can hold and a hundred signatures.
    static let maxFileBytes = 1 << 20

    /// The text of a file, or of standard input for `-`: a regular file only (a FIFO or a
    /// device is refused unread), at most ``maxFileBytes``, UTF-8.
    static func readText(_ path: String) throws(LedgerError) -> String {
        let bytes: [UInt8]
        do { bytes = try InputFile.contents(of: path, limit: maxFileBytes) } catch {
            let name = path == "-" ? "standard input" : path
            if error.isMissing { throw LedgerError.missing("\(path) does not exist; check the path") }
            if error.isTooLarge {
                throw LedgerError.malformed("\(name) has more than \(maxFileBytes) bytes, so it is no receipt, checkpoint, proof or key (each is a few kilobytes); \(path == "-" ? "check what is piped in" : "check the path")")
            }
            throw LedgerError(error)
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw LedgerError.malformed("\(path == "-" ? "standard input" : path) is not UTF-8 text")
        }
        return text
    }

    /// Writes `text` to `path` (replacing it, atomically).
    static func writeFile(_ text: String, to path: String) throws(LedgerError) {
        do { try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic) } catch {
            throw LedgerError(.cannotCreate, "cannot write \(path): \(error.localizedDescription)")
        }
    }

    /// Creates `path` with mode 0600 holding `text`; refuses to replace an existing file.
    static func writeSecret(_ text: String, to path: String) throws(LedgerError) {
        try writeNew(text, to: path, mode: 0o600)
    }

    /// Creates `path` with `mode` holding `text`; refuses to replace an existing file.
    static func writeNew(_ text: String, to path: String, mode: mode_t) throws(LedgerError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard descriptor >= 0 else {
            let reason = String(cString: strerror(errno))
            throw LedgerError(.cannotCreate, "cannot create \(path) (\(reason)); an existing key is never replaced: choose another file")
        }
        defer { close(descriptor) }
        let bytes = Array(text.utf8)
        guard write(descriptor, bytes, bytes.count) == bytes.count, fsync(descriptor) == 0 else {
            throw LedgerError(.io, "cannot write \(path)")
        }
    }

    /// The entry a `SEQ|DOC` argument names: a number is a seq, anything else a document id.
    static func seq(of argument: String, in ledger: Ledger) throws(LedgerError) -> Int {
        if !argument.isEmpty, argument.allSatisfy(\.isASCII), let seq = Int(argument), seq >= 0 { return seq }
        return try ledger.requireDocument(id: argument).seq
    }

    /// The current time as a POSIX timestamp.
    static func now() -> UInt64 { UInt64(max(0, time(nil))) }
}

extension CheckpointVerdict {
    /// The verdict's name in JSON output.
    var name: String {
        switch self {
        case .same: "same"
        case .extended: "extended"
        case .forked: "forked"
        case .rolledBack: "rolled_back"
        case .otherLog: "other_log"
        }
    }
}

/// `check --against OLD_CHECKPOINT`: does the ledger still hold the history an older signed
/// checkpoint vouched for?
enum CheckAgainst {
    /// The finding: whether the ledger extends the old checkpoint, in JSON and in words.
    struct Result {
        var consistent: Bool
        var json: JSONValue
        var text: String
    }

    static func run(_ ledger: Ledger, file: String) throws(LedgerError) -> Result {
        let (verdict, old, new) = try ledger.compare(against: ProofSupport.readText(file))
        let json: JSONValue = .object(["verdict": .string(verdict.name), "consistent": .bool(verdict.isAcceptable),
                                       "old_size": .int(old.size), "old_root": .string(old.root.hex)])
        let text = verdict.isAcceptable
            ? "Consistent with \(file): \(verdict.explanation(old: old, new: new))."
            : "Not consistent with \(file): \(verdict.explanation(old: old, new: new))."
        return Result(consistent: verdict.isAcceptable, json: json, text: text)
    }

    /// The check report's JSON with `against` added (and `intact` false when inconsistent).
    static func merge(_ report: JSONValue, _ result: Result?) -> JSONValue {
        guard let result, case .object(var members) = report else { return report }
        members["against"] = result.json
        if !result.consistent { members["intact"] = .bool(false) }
        return .object(members)
    }
}
