import ArgumentParser
import Foundation
import LeakLedger

extension LeakLedgerCommand {
    /// `leakledger witness init --name NAME --out FILE`.
    struct WitnessCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "witness",
            abstract: "Manage a witness key, for cosigning other ledgers' checkpoints.",
            subcommands: [WitnessInit.self]
        )
    }

    /// `leakledger witness init`.
    struct WitnessInit: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "init",
            abstract: "Create a witness key (C2SP tlog-cosignature, Ed25519).",
            discussion: "Writes the private key to --out FILE (mode 0600) and its verifier key, to give to readers for verify-receipt --witness, to FILE.vkey; never replaces a file."
        )

        @Option(name: .long, help: ArgumentHelp("The witness's name, e.g. witness.example/desk.", valueName: "name"))
        var name: String

        @Option(name: .long, help: ArgumentHelp("The file to create for the private key.", valueName: "file"))
        var out: String

        @OptionGroup var output: OutputOptions

        func validate() throws {
            guard NoteVerifier.isValidName(name) else {
                throw ValidationError("the witness name \"\(name)\" must be non-empty, without spaces or '+'")
            }
        }

        func run() throws {
            let witness = try Witness.generate(name: name)
            let vkey = out + ".vkey"
            // Both files or neither: the verifier key's file is checked before the secret is written.
            if FileManager.default.fileExists(atPath: vkey) {
                throw LedgerError(.cannotCreate, "\(vkey) already exists (the verifier key goes beside the private key); choose another --out")
            }
            try ProofSupport.writeSecret(witness.signer.privateKeyText + "\n", to: out)
            do { try ProofSupport.writeNew(witness.verifier.verifierKey + "\n", to: vkey, mode: 0o644) } catch {
                try? FileManager.default.removeItem(atPath: out)
                throw error
            }
            if output.json {
                Output.json(.object(["name": .string(name), "verifier_key": .string(witness.verifier.verifierKey),
                                     "key_file": .string(out), "verifier_key_file": .string(vkey)]))
            } else {
                Output.text("Created witness key \(out) for \(name), and its verifier key \(vkey).")
                Output.text("Verifier key: \(witness.verifier.verifierKey)")
            }
        }
    }

    /// `leakledger cosign --ledger DIR --witness FILE`.
    struct Cosign: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "cosign",
            abstract: "Cosign a ledger's checkpoint as a witness.",
            discussion: """
                Verifies the checkpoint's signature and that it extends the last checkpoint this \
                witness cosigned for the ledger (remembered under $XDG_STATE_HOME/leakledger/witness/), \
                then adds the witness's cosignature (c2sp.org/tlog-cosignature) to the ledger's \
                checkpoint. Refuses, exit 1, on a fork or a rollback.
                """
        )

        @Option(name: .long, help: ArgumentHelp("The witness's private key file (from leakledger witness init).", valueName: "file"))
        var witness: String

        @OptionGroup var location: LedgerOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let signer = try NoteSigner(privateKeyText: ProofSupport.readText(witness))
            guard let witness = Witness(signer: signer) else {
                throw LedgerError.usage("\(self.witness) is not a witness key; make one with leakledger witness init")
            }
            // The witness's own memory (what it cosigned) is the check here, not the reader's.
            let ledger = try location.openForReading(checkingMemory: false)
            let note = try ledger.checkpoint()
            let checkpoint = try ledger.latestCheckpoint()
            let memory = ClientMemory.witness(witness.verifier)
            var previous: Checkpoint?
            if let remembered = try memory.remembered(origin: checkpoint.origin) {
                previous = try Checkpoint(text: SignedNote.unverifiedText(remembered))
            }
            var proof: [SHA256Digest] = []
            if let previous, previous.size < checkpoint.size {
                proof = try Merkle.consistencyProof(old: previous.size, new: checkpoint.size, reader: { (index: Int) throws(LedgerError) -> SHA256Digest in try ledger.hash(at: index) })
            }
            let cosigned = try witness.cosign(note, logVerifiers: ledger.verifiers(), previous: previous, proof: proof,
                                              time: ProofSupport.now())
            try ledger.addCosignatures(cosigned)
            try memory.remember(cosigned, origin: checkpoint.origin)
            if output.json {
                Output.json(.object(["origin": .string(checkpoint.origin), "size": .int(checkpoint.size),
                                     "root": .string(checkpoint.root.hex), "witness": .string(witness.verifier.name),
                                     "checkpoint": .string(cosigned)]))
            } else {
                Output.text("Cosigned \(checkpoint.origin) at \(checkpoint.size) entries as \(witness.verifier.name).")
            }
        }
    }
}
