import ArgumentParser
import LeakLedger
import MailAuth

extension LeakLedgerCommand {
    /// `leakledger dkim ...`: e-mail authentication.
    struct DKIM: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "dkim",
            abstract: "Verify the DKIM signatures of e-mail against recorded key records.",
            subcommands: [Verify.self]
        )

        /// `leakledger dkim verify FILE --keys KEYS [--json]`.
        struct Verify: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "verify",
                abstract: "Verify every DKIM signature of a raw message (.eml).",
                discussion: """
                    Needs no ledger. Keys come only from --keys: there is no live DNS lookup (the key \
                    that matters is the one published when the mail was sent, and a pass rests on the \
                    record named in the report, with its SHA-256). Times are compared with the \
                    message's Date, never the clock. Results: pass, fail, weak (rsa-sha1 or an RSA key \
                    under 1024 bits: never a pass), no_key, revoked, unsupported, permerror. Exits 0 \
                    when at least one signature passes, 1 otherwise.
                    """
            )

            @Argument(help: ArgumentHelp("The raw message (- for standard input).", valueName: "file"))
            var file: String

            @Option(name: .long, help: ArgumentHelp("The key records, one a line: selector._domainkey.domain \"v=DKIM1; k=rsa; p=...\" (zone-file style).", valueName: "keys"))
            var keys: String

            @OptionGroup var output: OutputOptions

            func run() throws {
                let report: DKIMReport
                do {
                    let ring = try DKIMKeyRing.load(path: keys)
                    report = try DKIMVerifier(keys: ring).verify(fileAt: file)
                } catch {
                    throw LedgerError(error)
                }
                if output.json {
                    Output.json(report.json)
                } else {
                    print(DKIMText.render(report), terminator: "")
                }
                if !report.passed { throw ExitCode(1) }
            }
        }
    }
}
