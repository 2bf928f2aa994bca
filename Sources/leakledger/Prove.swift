import ArgumentParser
import LeakLedger

extension LeakLedgerCommand {
    /// `leakledger prove SEQ|DOC [--out FILE]` and `leakledger prove --consistency OLD_CHECKPOINT`.
    struct Prove: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "prove",
            abstract: "Print a receipt that proves an entry is in the ledger.",
            discussion: """
                The receipt is a C2SP tlog-proof (c2sp.org/tlog-proof@v1): the entry's bytes on the \
                extra line, its index, the RFC 9162 inclusion proof and the signed checkpoint with any \
                witness cosignatures. Anyone can check it offline with leakledger verify-receipt and \
                the ledger's verifier key. With --consistency, prints instead a proof that the ledger \
                extends an older signed checkpoint.
                """
        )

        @Argument(help: ArgumentHelp("The entry: its seq, or a document id (its registration entry).", valueName: "seq|doc"))
        var entry: String?

        @Option(name: .long, help: ArgumentHelp("Write the proof to this file instead of standard output.", valueName: "file"))
        var out: String?

        @Option(name: .long, help: ArgumentHelp("Prove that the ledger extends this older signed checkpoint file.", valueName: "old-checkpoint"))
        var consistency: String?

        @OptionGroup var location: LedgerOptions
        @OptionGroup var output: OutputOptions

        func validate() throws {
            switch (entry, consistency) {
            case (nil, nil): throw ValidationError("prove needs an entry (SEQ or DOC) or --consistency OLD_CHECKPOINT")
            case (.some, .some): throw ValidationError("prove takes an entry or --consistency, not both")
            default: break
            }
        }

        func run() throws {
            let ledger = try location.openForReading()
            let text: String
            var json: [String: JSONValue]
            if let consistency {
                let proof = try ledger.consistencyProof(from: ProofSupport.readText(consistency))
                text = proof.text
                json = ["old_size": .int(proof.oldSize), "consistency_proof": .string(text)]
            } else {
                let seq = try ProofSupport.seq(of: entry!, in: ledger)
                let receipt = try ledger.receipt(seq: seq)
                text = receipt.text
                json = ["seq": .int(seq), "receipt": .string(text)]
            }
            let checkpoint = try ledger.latestCheckpoint()
            json["size"] = .int(checkpoint.size)
            json["root"] = .string(checkpoint.root.hex)
            if let out {
                try ProofSupport.writeFile(text, to: out)
                json["file"] = .string(out)
            }
            if output.json {
                Output.json(.object(json))
            } else if let out {
                let what = consistency == nil ? "Receipt for entry \(json["seq"]!.int!)" : "Consistency proof from \(json["old_size"]!.int!) entries"
                Output.text("\(what) against the checkpoint of \(checkpoint.size) entries written to \(out).")
            } else {
                Output.document(text)
            }
        }
    }
}
