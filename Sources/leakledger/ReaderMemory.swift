import LeakLedger

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// "Clients remember" (issue 5, item 4): every command that reads a ledger compares its
/// checkpoint with the newest one this user saw for that origin (under
/// `$XDG_STATE_HOME/leakledger/checkpoints/`), and refuses a fork or a rollback loudly, as ssh
/// refuses a changed host key. An extension is remembered; so is every commit this user makes.
enum ReaderMemory {
    /// Checks `ledger` against the memory: a conflict prints the warning with both checkpoints
    /// and throws `.tampered` (exit 1), before anything is appended. With `reportJSON` (from
    /// `check --json`), the report is printed first, not intact, with a `memory` member.
    static func check(_ ledger: Ledger, reportJSON: JSONValue? = nil) throws(LedgerError) {
        let finding: MemoryFinding
        do { finding = try ledger.compareWithMemory() } catch where error.kind == .cannotCreate {
            // A read-only home must not stop reading; it only loses the memory across runs.
            warn("warning: \(error.message); until then, forks and rollbacks between runs go unnoticed")
            return
        }
        if case .conflict(let conflict) = finding {
            if case .object(var members) = reportJSON {
                members["intact"] = .bool(false)
                members["problem"] = .string(conflict.message)
                members["memory"] = .object(["verdict": .string(conflict.verdict.name), "file": .string(conflict.file),
                                             "remembered_size": .int(conflict.remembered.size),
                                             "remembered_root": .string(conflict.remembered.root.hex)])
                Output.json(.object(members))
            }
            printWarning(conflict)
            throw LedgerError.tampered(conflict.message)
        }
    }

    /// After a commit: remembers the new checkpoint. The entries are committed whatever this
    /// finds, so a problem is a warning.
    @Sendable static func rememberAfterAppend(_ ledger: Ledger, _ appended: [Entry]) {
        do {
            if case .conflict(let conflict) = try ledger.compareWithMemory() {
                printWarning(conflict)
                warn("warning: the entries are committed, but the ledger does not extend the checkpoint remembered in \(conflict.file): \(conflict.verdict.explanation(old: conflict.remembered, new: conflict.current))")
            }
        } catch {
            warn("warning: the entries are committed, but their checkpoint was not remembered (\(error.message))")
        }
    }

    /// The ssh-style banner: what happened, both checkpoints, what to do. The `error:` line
    /// follows it, as the last line.
    static func printWarning(_ conflict: MemoryConflict) {
        let title: String
        switch conflict.verdict {
        case .rolledBack: title = "THE LEDGER WAS ROLLED BACK!"
        case .otherLog: title = "THE LEDGER WAS REPLACED BY ANOTHER LOG!"
        default: title = "THE LEDGER'S HISTORY HAS FORKED!"
        }
        let bar = String(repeating: "@", count: 64)
        var text = "\(bar)\n@    WARNING: \(title)\(String(repeating: " ", count: max(0, 49 - title.count)))@\n\(bar)\n"
        text += "IT IS POSSIBLE THAT SOMEONE IS SHOWING YOU A DIFFERENT HISTORY OF THIS LEDGER!\n"
        text += "Ledger: \(conflict.ledgerPath) (\(conflict.current.origin))\n"
        text += conflict.verdict.explanation(old: conflict.remembered, new: conflict.current) + ".\n"
        text += "The checkpoint you saw before (remembered in \(conflict.file)):\n"
        text += indented(conflict.rememberedNote)
        text += "The checkpoint the ledger shows now:\n"
        text += indented(conflict.currentNote)
        text += "Nothing was appended. Compare the ledger with a copy you trust (leakledger check --against OLD_CHECKPOINT).\n"
        text += "If you know why it changed (you restored a backup on purpose, say), delete \(conflict.file) to accept it.\n"
        warn(text, newline: false)
    }

    private static func indented(_ note: String) -> String {
        note.split(separator: "\n", omittingEmptySubsequences: false).dropLast(note.hasSuffix("\n") ? 1 : 0)
            .map { $0.isEmpty ? "\n" : "    " + $0 + "\n" }.joined()
    }

    private static func warn(_ text: String, newline: Bool = true) {
        Output.standardError(text, newline: newline)
    }
}
