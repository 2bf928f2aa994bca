import ArgumentParser
import LeakLedger

extension LeakLedgerCommand {
    /// `leakledger export --tiles DIR`.
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Export the ledger for others to serve or check.",
            discussion: """
                --tiles DIR writes the log as C2SP tlog-tiles (c2sp.org/tlog-tiles): checkpoint, \
                tile/<L>/<N>[.p/<W>] hash tiles and tile/entries/<N>[.p/<W>] entry bundles, static \
                files any tlog-tiles client can fetch and verify. The export is read back and checked \
                before the command succeeds.
                """
        )

        @Option(name: .long, help: ArgumentHelp("Write the ledger as C2SP tlog-tiles into this folder.", valueName: "dir"))
        var tiles: String?

        @OptionGroup var location: LedgerOptions
        @OptionGroup var output: OutputOptions

        func validate() throws {
            guard tiles != nil else { throw ValidationError("export needs --tiles DIR") }
        }

        func run() throws {
            let ledger = try location.openForReading()
            try ledger.exportTiles(to: tiles!)
            let (checkpoint, _) = try Tiles.read(from: tiles!, verifiers: ledger.verifiers())
            if output.json {
                Output.json(.object(["tiles": .string(tiles!), "size": .int(checkpoint.size), "root": .string(checkpoint.root.hex)]))
            } else {
                print("Exported \(checkpoint.size) entries as tiles to \(tiles!) (checked against the checkpoint).")
            }
        }
    }
}
