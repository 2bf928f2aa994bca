import ArgumentParser
import Foundation
import LeakLedger

/// Where the private keys of a ledger with several current keys are found.
enum KeyFiles {
    /// The config-folder file for one key of `origin`: `<origin>.<hex key id>.key` beside the
    /// default `<origin>.key` (`key add` writes new keys there unless told otherwise).
    static func path(for verifierKey: String, origin: String) -> String {
        let base = LedgerKeys.defaultPath(origin: origin, environment: ProcessInfo.processInfo.environment)
        let id = verifierKey.split(separator: "+", maxSplits: 2).dropFirst().first.map(String.init) ?? "key"
        return String(base.dropLast(4)) + "." + id + ".key"
    }

    /// Reads a private key file, warning when others can read it (it should be mode 0600).
    static func read(at path: String) throws(LedgerError) -> NoteSigner {
        let signer = try LedgerKeys.read(at: path)
        if !LedgerKeys.isPrivate(path) {
            Output.warning("the private key \(path) can be read by others; restrict it with chmod 600 \(path)")
        }
        return signer
    }

    /// Adds, for each current key not among `signers`, its key file from the config folder when
    /// there is one. Keys found by default (not `explicit`) that are no longer current (a
    /// retired key left in `<origin>.key`) are dropped; explicit ones are kept, so that opening
    /// says the key is not the ledger's.
    static func complete(_ signers: [NoteSigner], for identity: LedgerIdentity, explicit: Bool) throws(LedgerError) -> [NoteSigner] {
        var result = explicit ? signers : signers.filter { identity.verifierKeys.contains($0.verifier.verifierKey) }
        for key in identity.verifierKeys where !result.contains(where: { $0.verifier.verifierKey == key }) {
            let file = path(for: key, origin: identity.origin)
            guard FileManager.default.fileExists(atPath: file) else { continue }
            let signer = try read(at: file)
            if signer.verifier.verifierKey == key { result.append(signer) }
        }
        return result
    }
}

extension LeakLedgerCommand {
    /// `leakledger key add|retire|list|sync|export|import`.
    struct Key: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "key",
            abstract: "Rotate the ledger's signing keys and back them up.",
            discussion: """
                A ledger may have several current keys; every checkpoint is signed by all of them. \
                To rotate: leakledger key add (a new key joins, and signs from its own commit on), \
                publish the new verifier key, then leakledger key retire OLD. Both steps are entries \
                in the log (key.added, key.retired), and ledger.json lists the current keys and the \
                retired ones with the tree size of their retirement. Receipts issued before keep \
                verifying with the old key: their checkpoints were signed before it retired. \
                key export and key import back up the private keys with the keeper's secrets.
                """,
            subcommands: [Add.self, Retire.self, List.self, Sync.self, Export.self, Import.self]
        )

        /// `leakledger key add [--new-key FILE] [--name NAME]`.
        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "add",
                abstract: "Add a signing key to the ledger.",
                discussion: """
                    Makes the new key (unless --new-key names an existing key file), appends a \
                    key.added entry and signs its checkpoint with every current key and the new one. \
                    Needs every current key (--key, repeated, or the key files in the config folder).
                    """
            )

            @Option(name: .long, help: ArgumentHelp("The new key's file: used if it exists, else made (mode 0600). Default: $XDG_CONFIG_HOME/leakledger/keys/<origin>.<key id>.key.", valueName: "file"))
            var newKey: String?

            @Option(name: .long, help: ArgumentHelp("The new key's name in signatures (default: the ledger's origin).", valueName: "name"))
            var name: String?

            @OptionGroup var location: LedgerOptions
            @OptionGroup var writer: WriterOptions
            @OptionGroup var output: OutputOptions

            func run() throws {
                let ledger = try writer.openForWriting(location)
                let origin = ledger.identity.origin
                var created: String?
                let signer: NoteSigner
                if let newKey, FileManager.default.fileExists(atPath: newKey) {
                    signer = try KeyFiles.read(at: newKey)
                } else {
                    signer = try NoteSigner.generate(name: name ?? origin)
                    let file = newKey ?? KeyFiles.path(for: signer.verifier.verifierKey, origin: origin)
                    if LeakLedgerCommand.Init.isInside(file, folder: ledger.path) {
                        throw LedgerError.usage("the key file \(file) would be inside the ledger folder; keep it outside (the folder is meant to be shared)")
                    }
                    try LedgerKeys.write(signer, to: file)
                    created = file
                }
                let entry: Entry
                do { entry = try ledger.addKey(signer, actor: writer.resolvedActor) } catch {
                    if let created { try? FileManager.default.removeItem(atPath: created) }
                    throw error
                }
                let file = created ?? newKey ?? "-"
                if output.json {
                    Output.json(.object(["seq": .int(entry.seq), "verifier_key": .string(signer.verifier.verifierKey),
                                         "key_file": .string(file), "created": .bool(created != nil)]))
                } else {
                    Output.text("Added key \(signer.verifier.verifierKey) (seq \(entry.seq)); every checkpoint from now on is signed by it too.")
                    Output.text("Private key: \(file)\(created != nil ? " (new; keep it safe and out of the ledger folder)" : "")")
                    Output.text("Next: publish the new verifier key, then retire the old one with leakledger key retire OLD_KEY.")
                }
            }
        }

        /// `leakledger key retire KEY [--reason R]`.
        struct Retire: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "retire",
                abstract: "Retire one of the ledger's signing keys.",
                discussion: """
                    Appends a key.retired entry, signed by the keys that stay current (the retired \
                    key's private half is not needed, so a lost or stolen key can be retired). \
                    Checkpoints signed before stay valid under the retired key; later ones must \
                    not be signed by it alone. The last current key cannot be retired.
                    """
            )

            @Argument(help: ArgumentHelp("The key: its verifier key, its 8-digit key id, or its name when no other current key has it.", valueName: "key"))
            var key: String

            @Option(name: .long, help: ArgumentHelp("Why the key is retired (recorded in the entry).", valueName: "reason"))
            var reason: String?

            @OptionGroup var location: LedgerOptions
            @OptionGroup var writer: WriterOptions
            @OptionGroup var output: OutputOptions

            func validate() throws {
                if let reason, reason.isEmpty { throw ValidationError("--reason needs some text") }
            }

            func run() throws {
                let ledger = try writer.openForWriting(location)
                let history = try ledger.keyHistory()
                let verifier = try Self.resolve(key, among: history.current.map(\.verifier))
                let entry = try ledger.retireKey(verifier, reason: reason, actor: writer.resolvedActor)
                if output.json {
                    Output.json(.object(dropping: ["seq": .int(entry.seq), "verifier_key": .string(verifier.verifierKey),
                                                   "retired_at": .int(entry.seq + 1), "reason": reason.map(JSONValue.string)]))
                } else {
                    Output.text("Retired key \(verifier.verifierKey) (seq \(entry.seq)): it vouches for checkpoints of fewer than \(entry.seq + 1) entries only.")
                }
            }

            /// The current key that `text` names.
            static func resolve(_ text: String, among keys: [NoteVerifier]) throws(LedgerError) -> NoteVerifier {
                let matches = keys.filter { key in
                    key.verifierKey == text || key.verifierKey.split(separator: "+")[1].lowercased() == text.lowercased() || key.name == text
                }
                let list = keys.map(\.verifierKey).joined(separator: ", ")
                guard let match = matches.first else {
                    throw LedgerError.usage("\(text) names no current key of this ledger (\(list)); give a verifier key or an 8-digit key id (see leakledger key list)")
                }
                guard matches.count == 1 else {
                    throw LedgerError.usage("\(text) names several current keys (\(matches.map(\.verifierKey).joined(separator: ", "))); give the verifier key or its 8-digit key id")
                }
                return match
            }
        }

        /// `leakledger key list`.
        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "list",
                abstract: "List the ledger's current and retired keys.",
                discussion: "Reads the key history from the log (ledger.created, key.added, key.retired) and says when ledger.json does not match it."
            )

            @OptionGroup var location: LedgerOptions
            @OptionGroup var output: OutputOptions

            func run() throws {
                let ledger = try location.openForReading()
                let history = try ledger.keyHistory()
                let inSync = Set(ledger.identity.verifierKeys) == Set(history.current.map(\.verifierKey))
                if output.json {
                    func json(_ key: KeyHistory.Key) -> JSONValue {
                        .object(dropping: ["verifier_key": .string(key.verifierKey), "name": .string(key.verifier.name),
                                           "added_at": .int(key.addedAt), "retired_at": key.retiredAt.map(JSONValue.int),
                                           "reason": key.reason.map(JSONValue.string)])
                    }
                    Output.json(.object(["current": .array(history.current.map(json)), "retired": .array(history.retired.map(json)),
                                         "ledger_json_in_sync": .bool(inSync)]))
                    return
                }
                for key in history.current { Output.text("current  \(key.verifierKey)  (signs from tree size \(key.addedAt))") }
                for key in history.retired {
                    Output.text("retired  \(key.verifierKey)  (signed tree sizes \(key.addedAt) to \(key.retiredAt! - 1)\(key.reason.map { "; \($0)" } ?? ""))")
                }
                if !inSync { Output.text("Note: ledger.json does not list these current keys; run leakledger key sync.") }
            }
        }

        /// `leakledger key sync`.
        struct Sync: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "sync",
                abstract: "Rewrite ledger.json's keys from the log.",
                discussion: "For a key command interrupted between its commit and the rewrite of ledger.json. Needs no private key: the signed log decides."
            )

            @OptionGroup var location: LedgerOptions

            func run() throws {
                let ledger = try location.openForReading()
                Output.text(try ledger.syncKeyFile() ? "Rewrote \(ledger.path)/ledger.json from the log's key history." : "ledger.json already matches the log.")
            }
        }
    }
}
