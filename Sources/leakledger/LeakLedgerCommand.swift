import ArgumentParser
import LeakLedger

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The `leakledger` command: the root of the subcommands.
@main
struct LeakLedgerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "leakledger",
        abstract: "Register leaked and disputed documents in a signed, append-only ledger.",
        discussion: """
            A ledger is a folder: ledger.json, log/entries.jsonl, log/hashes, checkpoint, objects/. \
            It is found with --ledger DIR, else $LEAKLEDGER_DIR, else ./Ledger. Its private key \
            stays outside it (--key FILE, $LEAKLEDGER_KEY, or the user's config folder); without \
            the key a ledger is read-only.
            """,
        version: "leakledger \(LeakLedgerVersion.current)",
        subcommands: [Init.self, Register.self, Excerpt.self, Verify.self, Status.self, Link.self, Correct.self, Show.self,
                      Append.self, Log.self, Check.self, CheckpointCommand.self, Prove.self, VerifyReceipt.self, ProveQuote.self, VerifyQuote.self, Reveal.self, WitnessCommand.self,
                      Cosign.self, Export.self, Reindex.self, Key.self, DKIM.self, Extract.self]
    )

    /// Runs the command and maps every failure to one `error:` line and a `sysexits` code.
    static func main() {
        // `--version` alone needs no parser (the parser builds the whole command tree first).
        if CommandLine.arguments.count == 2, CommandLine.arguments[1] == "--version" {
            print(configuration.version)
            Glibc.exit(0)
        }
        Ledger.addAppendObserver(ReaderMemory.rememberAfterAppend)
        let code: Int32
        do {
            var command = try parseAsRoot()
            try command.run()
            code = 0
        } catch let error as LedgerError {
            Output.error(error.message)
            code = Output.exitCode(for: error.kind)
        } catch {
            let exit = exitCode(for: error)
            if exit == .success {
                print(fullMessage(for: error))
            } else if error is ExitCode {
                // A negative answer (check found damage) whose report is already printed.
            } else {
                let message = message(for: error).split(separator: "\n").first.map(String.init) ?? "\(error)"
                Output.error(Output.lowercasedFirst(message) + " (see leakledger help)")
            }
            code = exit.rawValue
        }
        Glibc.exit(code)
    }
}
