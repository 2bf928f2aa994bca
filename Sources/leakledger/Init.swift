import ArgumentParser
import Foundation
import LeakLedger

extension LeakLedgerCommand {
    /// `leakledger init [DIR] --origin NAME`.
    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "init",
            abstract: "Create a ledger folder and its signing key.",
            discussion: """
                The private key is written outside the folder: to --key FILE, else $LEAKLEDGER_KEY, \
                else $XDG_CONFIG_HOME/leakledger/keys/<origin>.key (mode 0600). An existing key \
                file given with --key or $LEAKLEDGER_KEY is used, not replaced.
                """
        )

        @Argument(help: ArgumentHelp("The folder to create (default: --ledger, $LEAKLEDGER_DIR, else ./Ledger).", valueName: "dir"))
        var directory: String?

        @Option(name: .long, help: ArgumentHelp("The ledger's origin line, e.g. newsroom.example/leaks-2022.", valueName: "name"))
        var origin: String

        @OptionGroup var location: LedgerOptions
        @OptionGroup var writer: WriterOptions
        @OptionGroup var output: OutputOptions

        func validate() throws {
            do { try LedgerIdentity.validate(origin: origin) } catch { throw ValidationError(error.message) }
        }

        func run() throws {
            try writer.requireValidActor()
            let path = directory ?? location.path
            if FileManager.default.fileExists(atPath: path) && !((try? FileManager.default.contentsOfDirectory(atPath: path))?.isEmpty ?? false) {
                throw LedgerError(.cannotCreate, "\(path) already exists and is not an empty folder; choose another place for the new ledger")
            }
            let source = writer.keySource(origin: origin)
            let signer: NoteSigner
            var createdKey: String? = nil
            if let text = source.text {
                signer = try LedgerKeys.signer(fromText: text, source: "$LEAKLEDGER_KEY")
            } else {
                let keyPath = source.path!
                if Self.isInside(keyPath, folder: path) {
                    throw LedgerError.usage("the key file \(keyPath) would be inside the ledger folder; keep it outside (the folder is meant to be shared)")
                }
                if source.explicit && FileManager.default.fileExists(atPath: keyPath) {
                    signer = try LedgerKeys.read(at: keyPath)
                } else {
                    signer = try NoteSigner.generate(name: origin)
                    try LedgerKeys.write(signer, to: keyPath)
                    createdKey = keyPath
                }
            }
            // A new ledger under this origin replaces what this user remembered for it: its first
            // checkpoint is the one every later read must extend.
            let memory = ClientMemory.standard()
            let forgotten = try memory.forget(origin: origin)
            let ledger: Ledger
            do {
                ledger = try Ledger.create(at: path, origin: origin, signer: signer, actor: writer.resolvedActor, lockTimeout: writer.wait)
                try ledger.requireConsistentWithMemory(memory)
            } catch {
                if let createdKey { try? FileManager.default.removeItem(atPath: createdKey) }
                if let forgotten { try? memory.remember(forgotten, origin: origin) }
                throw error
            }
            if forgotten != nil {
                Output.note("this user had seen another ledger named \(origin); from now on \(path) is the one remembered for that name")
            }
            let keyFile = source.path ?? "$LEAKLEDGER_KEY"
            if output.json {
                Output.json(.object(["path": .string(ledger.path), "origin": .string(origin),
                                     "verifier_key": .string(signer.verifier.verifierKey), "key_file": .string(keyFile)]))
            } else {
                Output.text("Created ledger \(ledger.path) for \(origin).")
                Output.text("Private key: \(keyFile)\(createdKey != nil ? " (new; keep it safe and out of the ledger folder)" : "")")
                Output.text("Verifier key: \(signer.verifier.verifierKey)")
            }
        }

        static func isInside(_ file: String, folder: String) -> Bool {
            let current = FileManager.default.currentDirectoryPath
            func absolute(_ path: String) -> String {
                let full = path.hasPrefix("/") ? path : current + "/" + path
                return URL(fileURLWithPath: full).standardizedFileURL.path
            }
            return absolute(file).hasPrefix(absolute(folder) + "/")
        }
    }
}
