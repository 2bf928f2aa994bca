import ArgumentParser
import LeakLedger

extension LeakLedgerCommand {
    /// `leakledger verify-receipt FILE --key VKEY [--witness VKEY]... [--quorum K]`.
    struct VerifyReceipt: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify-receipt",
            abstract: "Verify a receipt offline, with the ledger's public key.",
            discussion: """
                Needs no ledger folder: checks the checkpoint's signature with --key, that at least \
                --quorum of the --witness keys cosigned it, and that the inclusion proof leads from \
                the entry's bytes to the checkpoint's root. Prints the entry. Exits 0 when the receipt \
                verifies, 1 when it does not (changed entry, index, proof, checkpoint or wrong key, or \
                a checkpoint that contradicts one of the same size this user saw before).
                """
        )

        @Argument(help: ArgumentHelp("The receipt file (- for standard input).", valueName: "file"))
        var file: String

        @Option(name: .long, help: ArgumentHelp("The ledger's verifier key (name+keyid+key), or a file holding it (ledger.json works, and knows when retired keys stopped vouching); repeat for several.", valueName: "vkey"))
        var key: [String] = []

        @Option(name: .long, help: ArgumentHelp("A witness's verifier key, or a file holding it; repeat for each witness.", valueName: "vkey"))
        var witness: [String] = []

        @Option(name: .long, help: ArgumentHelp("How many of the --witness keys must have cosigned.", valueName: "k"))
        var quorum: Int = 0

        @OptionGroup var output: OutputOptions

        func validate() throws {
            guard !key.isEmpty else { throw ValidationError("verify-receipt needs --key VKEY: the ledger's verifier key, or its ledger.json") }
            guard quorum >= 0 else { throw ValidationError("--quorum needs a number, 0 or more") }
            guard quorum <= witness.count else { throw ValidationError("--quorum \(quorum) needs at least \(quorum) --witness keys") }
        }

        func run() throws {
            var keys: [TrustedKey] = []
            for value in key { keys += try ProofSupport.trustedKeys(value, option: "--key") }
            var witnesses: [NoteVerifier] = []
            for value in witness { witnesses += try ProofSupport.verifiers(value, option: "--witness") }
            let receipt = try Receipt(text: ProofSupport.readText(file))
            let verified = try receipt.verification(trusting: keys, witnesses: witnesses, quorum: quorum)
            // A checkpoint of the same size as one this user saw, with another root, is a fork.
            if let fork = try ClientMemory.standard().contradiction(with: verified.checkpoint) {
                throw LedgerError.tampered(fork)
            }
            let entry = try? Entry(line: verified.entryBytes)
            let line = String(decoding: verified.entryBytes, as: UTF8.self)
            if output.json {
                Output.json(.object(dropping: [
                    "verified": .bool(true), "seq": .int(receipt.index), "origin": .string(verified.checkpoint.origin),
                    "size": .int(verified.checkpoint.size), "root": .string(verified.checkpoint.root.hex),
                    "root_base64": .string(verified.checkpoint.root.base64),
                    "witnesses": .array(verified.witnesses.map { .string($0.name) }),
                    "entry": entry.map(\.json) ?? .string(line),
                ]))
            } else {
                let kind = entry.map { " (\($0.type.rawValue))" } ?? ""
                Output.text("Verified: entry \(receipt.index)\(kind) is in \(verified.checkpoint.origin) at tree size \(verified.checkpoint.size), root \(verified.checkpoint.root.hex) (base64 \(verified.checkpoint.root.base64), as in the checkpoint).")
                if !verified.witnesses.isEmpty {
                    Output.text("Cosigned by: \(verified.witnesses.map(\.name).joined(separator: ", ")).")
                }
                Output.text(line)
            }
        }
    }
}
