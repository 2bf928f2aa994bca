import ArgumentParser
import Foundation
import LeakLedger

extension LeakLedgerCommand {
    /// `leakledger export --format prov|prov-jsonld|dot|svg|csv|jsonl [--out FILE]` and
    /// `leakledger export --tiles DIR`.
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Export the ledger for other tools, or as tiles for others to serve.",
            discussion: """
                --format writes the provenance (corrections applied, withdrawn entries left out, \
                except in jsonl, which is the raw log) to standard output or --out FILE. svg runs \
                Graphviz's dot (apt-get install graphviz, brew install graphviz).

                --tiles DIR writes the log as C2SP tlog-tiles (c2sp.org/tlog-tiles): checkpoint, \
                tile/<L>/<N>[.p/<W>] hash tiles and tile/entries/<N>[.p/<W>] entry bundles, static \
                files any tlog-tiles client can fetch and verify. DIR is created if missing, as mkdir \
                would (its parent folder must exist). The export is read back and checked before the \
                command succeeds.

                FORMAT is one of:
                \(ExportFormat.helpText)
                """
        )

        @Option(name: .long, help: ArgumentHelp("The format, from the list below.", valueName: "format"))
        var format: String?

        @Option(name: .long, help: ArgumentHelp("Write the --format output to this file instead of standard output.", valueName: "file"))
        var out: String?

        @Option(name: .long, help: ArgumentHelp("The base of minted IRIs for prov and prov-jsonld (default: https://ORIGIN/).", valueName: "iri"))
        var base: String?

        @Option(name: .long, help: ArgumentHelp("Write the ledger as C2SP tlog-tiles into this folder.", valueName: "dir"))
        var tiles: String?

        @OptionGroup var location: LedgerOptions
        @OptionGroup var output: OutputOptions

        func validate() throws {
            guard (format == nil) != (tiles == nil) else {
                throw ValidationError("export needs either --format FORMAT or --tiles DIR")
            }
            if tiles != nil, out != nil || base != nil {
                throw ValidationError("--out and --base go with --format, not --tiles")
            }
        }

        func run() throws {
            if let tiles { return try runTiles(tiles) }
            let format = try ExportFormat.parse(format!)
            let provenance = try Provenance(entries: location.openForReading().entries())
            let text: String = switch format {
            case .prov: provenance.turtle(base: base)
            case .provJSONLD: provenance.jsonLD(base: base).canonicalString + "\n"
            default: try provenance.export(format)
            }
            guard let out else {
                Output.document(text)
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
