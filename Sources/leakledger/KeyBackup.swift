import ArgumentParser
import Commitments
import Foundation
import LeakLedger

/// One file that backs up what a ledger's keeper holds outside the ledger folder: the private
/// keys of its origin and the per-document secrets (``QuoteSecrets``).
///
/// ```
/// leakledger-backup/v1
/// origin <origin>
/// key PRIVATE+KEY+...                (one line per key file)
/// leakledger-secrets/v1              (the secrets bundle, to the end)
/// {"v":1,"document":...}
/// ```
enum KeyBackup {
    static let header = "leakledger-backup/v1"

    /// The backup text of `origin`'s keys and secrets: the default key file, every current
    /// key's file in the config folder, and the secrets bundle.
    static func make(origin: String, verifierKeys: [String]) throws(LedgerError) -> (text: String, keys: Int, secrets: Int) {
        let environment = ProcessInfo.processInfo.environment
        var files = [LedgerKeys.defaultPath(origin: origin, environment: environment)]
        files += verifierKeys.map { KeyFiles.path(for: $0, origin: origin) }
        var keys: [String] = []
        for file in files where FileManager.default.fileExists(atPath: file) {
            let text = try KeyFiles.read(at: file).privateKeyText
            if !keys.contains(text) { keys.append(text) }
        }
        let store = KeeperSecrets.store(origin: origin)
        let bundle: [UInt8], count: Int
        do {
            bundle = try store.exportBundle()
            count = try store.allRecords().count
        } catch { throw LedgerError(.io, error.message) }
        let text = [header, "origin " + origin].joined(separator: "\n") + "\n" + keys.map { "key " + $0 + "\n" }.joined()
            + String(decoding: bundle, as: UTF8.self)
        return (text, keys.count, count)
    }

    /// What a restore did.
    struct Restored {
        var origin: String
        var keysAdded: [String] = []
        var keysKnown = 0
        var secrets: QuoteSecrets.ImportSummary
    }

    /// Restores a backup: each key not yet in the config folder is written there (a key file
    /// holding another key is never replaced), and the secrets are imported (a kept secret is
    /// never changed).
    static func restore(_ text: String) throws(LedgerError) -> Restored {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard lines.first == header, lines.count > 1, lines[1].hasPrefix("origin ") else {
            throw LedgerError.malformed("not a leakledger backup: the first lines must be \(header) and origin NAME")
        }
        let origin = String(lines[1].dropFirst("origin ".count))
        try LedgerIdentity.validate(origin: origin)
        lines.removeFirst(2)
        var signers: [NoteSigner] = []
        while let line = lines.first, line.hasPrefix("key ") {
            signers.append(try LedgerKeys.signer(fromText: String(line.dropFirst(4)), source: "the backup"))
            lines.removeFirst()
        }
        let bundle = lines.joined(separator: "\n")
        guard bundle.hasPrefix(QuoteSecrets.bundleHeader) else {
            throw LedgerError.malformed("the backup's secrets do not start with \(QuoteSecrets.bundleHeader)")
        }
        let defaultPath = LedgerKeys.defaultPath(origin: origin, environment: ProcessInfo.processInfo.environment)
        var keysAdded: [String] = [], keysKnown = 0
        for signer in signers {
            let candidates = [defaultPath, KeyFiles.path(for: signer.verifier.verifierKey, origin: origin)]
            if candidates.contains(where: { (try? LedgerKeys.read(at: $0))?.privateKeyText == signer.privateKeyText }) {
                keysKnown += 1
                continue
            }
            guard let free = candidates.first(where: { !FileManager.default.fileExists(atPath: $0) }) else {
                throw LedgerError(.cannotCreate, "\(candidates.joined(separator: " and ")) hold other keys; move them away to restore \(signer.verifier.verifierKey)")
            }
            try LedgerKeys.write(signer, to: free)
            keysAdded.append(free)
        }
        let summary: QuoteSecrets.ImportSummary
        do { summary = try KeeperSecrets.store(origin: origin).importBundle(Array(bundle.utf8)) } catch { throw LedgerError(.io, error.message) }
        return Restored(origin: origin, keysAdded: keysAdded, keysKnown: keysKnown, secrets: summary)
    }
}

extension LeakLedgerCommand.Key {
    /// `leakledger key export --out FILE`.
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Back up the ledger's private keys and the keeper's secrets in one file.",
            discussion: """
                Writes FILE (mode 0600, never over an existing file) with the private keys of the \
                ledger's origin found in the config folder and every per-document secret (quote \
                proofs and reveals need them). Keep it offline and as safe as the key. Restore it \
                with leakledger key import FILE.
                """
        )

        @Option(name: .long, help: ArgumentHelp("The backup file to create.", valueName: "file"))
        var out: String

        @OptionGroup var location: LedgerOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let ledger = try location.openForReading()
            if LeakLedgerCommand.Init.isInside(out, folder: ledger.path) {
                throw LedgerError.usage("the backup \(out) would be inside the ledger folder; keep it outside (the folder is meant to be shared)")
            }
            let backup = try KeyBackup.make(origin: ledger.identity.origin, verifierKeys: ledger.identity.verifierKeys)
            try ProofSupport.writeSecret(backup.text, to: out)
            if output.json {
                Output.json(.object(["file": .string(out), "keys": .int(backup.keys), "secrets": .int(backup.secrets)]))
            } else {
                Output.text("Backed up \(backup.keys) private key\(backup.keys == 1 ? "" : "s") and \(backup.secrets) document secret\(backup.secrets == 1 ? "" : "s") to \(out) (mode 0600); keep it offline.")
            }
        }
    }

    /// `leakledger key import FILE`.
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Restore private keys and the keeper's secrets from a backup.",
            discussion: """
                Writes each key of the backup that the config folder lacks, and adds the secrets of \
                documents it keeps none for. A kept key or secret is never replaced: an old backup \
                cannot overwrite a newer secret, and a secret that differs is reported.
                """
        )

        @Argument(help: ArgumentHelp("The backup made by leakledger key export.", valueName: "file"))
        var file: String

        @OptionGroup var output: OutputOptions

        func run() throws {
            let bytes: [UInt8]
            do { bytes = try InputFile.contents(of: file, limit: 1 << 30) } catch { throw LedgerError(error) }
            let restored = try KeyBackup.restore(String(decoding: bytes, as: UTF8.self))
            let summary = restored.secrets
            if output.json {
                Output.json(.object(["origin": .string(restored.origin), "keys_added": .array(restored.keysAdded.map(JSONValue.string)),
                                     "keys_known": .int(restored.keysKnown), "secrets_added": .int(summary.added),
                                     "secrets_known": .int(summary.known), "conflicting": .array(summary.conflicting.map(JSONValue.string))]))
            } else {
                Output.text("Restored \(restored.origin): \(restored.keysAdded.count) key(s) added, \(restored.keysKnown) already kept; \(summary.added) secret(s) added, \(summary.known) already kept.")
                for path in restored.keysAdded { Output.text("  key: \(path)") }
                if !summary.conflicting.isEmpty {
                    Output.warning("kept secrets differ from the backup's for \(summary.conflicting.joined(separator: ", ")); the kept ones were left as they are")
                }
            }
        }
    }
}
