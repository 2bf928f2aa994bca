import ArgumentParser
import Commitments
import Foundation
import LeakLedger

/// Where the ledger is: shared by every command.
struct LedgerOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The ledger folder (default: $LEAKLEDGER_DIR, else ./Ledger).", valueName: "dir"))
    var ledger: String?

    /// The folder to use: `--ledger`, else `$LEAKLEDGER_DIR`, else `./Ledger`.
    var path: String {
        if let ledger { return ledger }
        if let directory = ProcessInfo.processInfo.environment["LEAKLEDGER_DIR"], !directory.isEmpty { return directory }
        return "Ledger"
    }

    /// Opens the ledger read-only and, unless told not to, checks it against the checkpoint
    /// this user saw last for its origin (``ReaderMemory``): a fork or a rollback is a loud
    /// error, exit 1.
    func openForReading(checkingMemory: Bool = true) throws(LedgerError) -> Ledger {
        let ledger = try Ledger.open(at: path, key: nil)
        if checkingMemory { try ReaderMemory.check(ledger) }
        let store = KeeperSecrets.store(origin: ledger.identity.origin)
        if FileManager.default.fileExists(atPath: store.folder) { ledger.secretStore = store }
        return ledger
    }
}

/// Where the keeper's per-document secrets are: beside the default private key of the ledger's
/// origin, `<config>/leakledger/keys/<origin>.secrets/` (docs/quote-proof.md, "The keeper's secrets").
enum KeeperSecrets {
    /// The store for `origin`.
    static func store(origin: String) -> QuoteSecrets {
        QuoteSecrets(besideKeyFile: LedgerKeys.defaultPath(origin: origin, environment: ProcessInfo.processInfo.environment))
    }
}

/// What a command that appends needs: the key, the actor and how long to wait for the lock.
struct WriterOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The private key file (default: $LEAKLEDGER_KEY, else the key for the ledger's origin under $XDG_CONFIG_HOME/leakledger/keys/); repeat it when the ledger has several current keys.", valueName: "file"))
    var key: [String] = []

    @Option(name: .long, help: ArgumentHelp("Who records the entries (default: $LEAKLEDGER_ACTOR, else the login name).", valueName: "name"))
    var actor: String?

    @Option(name: .long, help: ArgumentHelp("How long to wait for another writer to finish, in seconds.", valueName: "seconds"))
    var wait: Double = 10

    func validate() throws {
        guard wait >= 0, wait.isFinite else { throw ValidationError("--wait needs a number of seconds, 0 or more") }
        if let actor, let problem = Self.problem(actor: actor, source: "--actor") { throw ValidationError(problem) }
    }

    /// What is wrong with an actor, or nil (``Ledger/validate(actor:)``): a name on one line with
    /// no character a terminal would act on, for every entry carries it and every reader sees it.
    static func problem(actor: String, source: String) -> String? {
        do { try Ledger.validate(actor: actor) } catch { return source + ": " + error.message }
        return nil
    }

    /// Refuses (exit 64) an actor from `$LEAKLEDGER_ACTOR` or the login name that `validate()`
    /// could not see: the same rule as for `--actor`.
    func requireValidActor() throws(LedgerError) {
        guard actor == nil else { return }
        let fromEnvironment = !(ProcessInfo.processInfo.environment["LEAKLEDGER_ACTOR"] ?? "").isEmpty
        if let problem = Self.problem(actor: resolvedActor, source: fromEnvironment ? "$LEAKLEDGER_ACTOR" : "the login name") {
            throw LedgerError.usage(problem + (fromEnvironment ? "" : ", or pass --actor NAME"))
        }
    }

    /// The actor recorded in entries: `--actor`, else `$LEAKLEDGER_ACTOR`, else the login name.
    var resolvedActor: String {
        if let actor { return actor }
        let environment = ProcessInfo.processInfo.environment
        if let actor = environment["LEAKLEDGER_ACTOR"], !actor.isEmpty { return actor }
        if let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name { return String(cString: name) }
        return environment["USER"] ?? "unknown"
    }

    /// Where the key comes from: `--key`, else `$LEAKLEDGER_KEY` (a file, or the key text
    /// itself), else the default file for `origin`.
    func keySource(origin: String) -> (path: String?, text: String?, explicit: Bool) {
        if let key = key.first { return (key, nil, true) }
        let environment = ProcessInfo.processInfo.environment
        if let value = environment["LEAKLEDGER_KEY"], !value.isEmpty {
            if value.hasPrefix("PRIVATE+KEY+") { return (nil, value, true) }
            return (value, nil, true)
        }
        return (LedgerKeys.defaultPath(origin: origin, environment: environment), nil, false)
    }

    /// Opens the ledger with its private key(s); a missing key is `noKey` with advice. After a
    /// key rotation every current key signs, and those not given with --key are looked up in
    /// the config folder (``KeyFiles``).
    func openForWriting(_ location: LedgerOptions) throws(LedgerError) -> Ledger {
        try requireValidActor()
        let readOnly = try location.openForReading()
        let source = keySource(origin: readOnly.identity.origin)
        var signers: [NoteSigner] = []
        if let text = source.text {
            signers.append(try LedgerKeys.signer(fromText: text, source: "$LEAKLEDGER_KEY"))
        } else if let path = source.path, source.explicit || FileManager.default.fileExists(atPath: path) {
            do { signers.append(try KeyFiles.read(at: path)) } catch {
                guard error.kind == .noKey else { throw error }
                throw noKey(readOnly, path)
            }
        }
        for extra in key.dropFirst() { signers.append(try KeyFiles.read(at: extra)) }
        signers = try KeyFiles.complete(signers, for: readOnly.identity, explicit: source.explicit)
        if signers.isEmpty, let path = source.path { throw noKey(readOnly, path) }
        let ledger = try Ledger.open(at: location.path, keys: signers, lockTimeout: wait)
        // The keeper writes: registrations of texts get quote commitments, their secrets kept here.
        ledger.secretStore = KeeperSecrets.store(origin: ledger.identity.origin)
        return ledger
    }

    private func noKey(_ ledger: Ledger, _ path: String) -> LedgerError {
        LedgerError(.noKey, "no private key for \(ledger.identity.origin) at \(path); the ledger is read-only without it: pass --key FILE or set $LEAKLEDGER_KEY")
    }
}

/// `--json` for commands that print.
struct OutputOptions: ParsableArguments {
    @Flag(name: .long, help: "Print JSON instead of text.")
    var json = false
}

