import ArgumentParser
import LeakLedger

extension LeakLedgerCommand {
    /// `leakledger checkpoint`.
    struct CheckpointCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "checkpoint",
            abstract: "Print the latest signed checkpoint.",
            discussion: "Prints the C2SP tlog-checkpoint (origin, size, base64 root) signed as a C2SP signed note; anyone holding the verifier key in ledger.json can verify it."
        )

        @OptionGroup var location: LedgerOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let ledger = try location.openForReading()
            let note = try ledger.checkpoint()
            if output.json {
                let checkpoint = try ledger.latestCheckpoint()
                Output.json(.object(["origin": .string(checkpoint.origin), "size": .int(checkpoint.size),
                                     "root": .string(checkpoint.root.hex), "note": .string(note)]))
            } else {
                Output.document(note)
            }
        }
    }
}
