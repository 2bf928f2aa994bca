import ArgumentParser
import Foundation
import LeakLedger

extension LeakLedgerCommand {
    /// `leakledger export --format prov|prov-jsonld|dot|svg|csv|jsonl [--out FILE]`.
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Export the ledger's provenance for other tools.",
            discussion: """
                Corrections are applied and withdrawn entries left out, except in jsonl, which is \
                the raw log. svg runs Graphviz's dot (apt-get install graphviz, brew install graphviz).

                FORMAT is one of:
                \(ExportFormat.helpText)
                """
        )

        @Option(name: .long, help: ArgumentHelp("The format, from the list below.", valueName: "format"))
        var format: String

        @Option(name: .long, help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
        var out: String?

        @Option(name: .long, help: ArgumentHelp("The base of minted IRIs for prov and prov-jsonld (default: https://ORIGIN/).", valueName: "iri"))
        var base: String?

        @OptionGroup var location: LedgerOptions

        func run() throws {
            let format = try ExportFormat.parse(format)
            let provenance = try Provenance(entries: location.openForReading().entries())
            let text: String = switch format {
            case .prov: provenance.turtle(base: base)
            case .provJSONLD: provenance.jsonLD(base: base).canonicalString + "\n"
            default: try provenance.export(format)
            }
            guard let out else {
                print(text, terminator: "")
                return
            }
            do {
                try Data(text.utf8).write(to: URL(fileURLWithPath: out), options: .atomic)
            } catch {
                throw LedgerError(.cannotCreate, "cannot write \(out): \(error.localizedDescription); choose a writable path with --out")
            }
        }
    }
}
