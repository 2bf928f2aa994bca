import ArgumentParser
import LeakLedger

extension LeakLedgerCommand.Export {
    /// `leakledger export --tiles DIR`: the log as C2SP tlog-tiles, read back and checked.
    func runTiles(_ tiles: String) throws {
        let ledger = try location.openForReading()
        try ledger.exportTiles(to: tiles)
        let (checkpoint, _) = try Tiles.read(from: tiles, verifiers: ledger.verifiers())
        if output.json {
            Output.json(.object(["tiles": .string(tiles), "size": .int(checkpoint.size), "root": .string(checkpoint.root.hex)]))
        } else {
            Output.text("Exported \(checkpoint.size) entries as tiles to \(tiles) (checked against the checkpoint).")
        }
    }
}
