#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Synchronization

/// An entry to append: its type and body. The ledger gives it `seq`, `time` and `actor`.
public struct EntryDraft: Sendable, Hashable {
    /// What it records.
    public var type: EntryType
    /// The type-specific content, a JSON object.
    public var body: JSONValue

    /// A draft of this type with this body.
    public init(type: EntryType, body: JSONValue) {
        self.type = type
        self.body = body
    }
}

/// A ledger folder: its identity, its committed entries, and (with the private key) appends.
///
/// Every read goes back to the folder, so a long-lived `Ledger` sees what other processes
/// committed. Appends take the folder's lock, so processes can share a ledger safely.
public final class Ledger: Sendable {
    /// Called after a commit with the ledger and the entries just committed, in order.
    public typealias AppendObserver = @Sendable (_ ledger: Ledger, _ appended: [Entry]) -> Void

    /// The folder's path as given.
    public let path: String
    /// What `ledger.json` says: format, origin, verifier keys.
    public let identity: LedgerIdentity
    /// How long an append waits for another writer, in seconds.
    public let lockTimeout: Double
    /// True when the ledger was opened with its private key(s).
    public var isWritable: Bool { !signers.isEmpty }
    /// The folder as a file URL.
    public var url: URL { URL(fileURLWithPath: path, isDirectory: true) }

    let layout: FolderLayout
    let store: any LogStorage
    private let signers: [NoteSigner]
    private let observers = Mutex<[AppendObserver]>([])
    private static let globalObservers = Mutex<[AppendObserver]>([])

    private init(path: String, identity: LedgerIdentity, signers: [NoteSigner], lockTimeout: Double) throws(LedgerError) {
        self.path = path
        self.identity = identity
        self.signers = signers
        self.lockTimeout = lockTimeout
        self.layout = FolderLayout(root: path)
        var verifiers = [NoteVerifier]()
        for key in identity.verifierKeys {
            do { verifiers.append(try NoteVerifier(verifierKey: key)) } catch {
                throw LedgerError.malformed("ledger.json has a verifier key that does not parse: \(key)")
            }
        }
        self.store = LogStore(layout: layout, origin: identity.origin, verifiers: verifiers)
    }

    // MARK: Creating and opening

    /// Creates a ledger folder at `path` (which must not exist, or be an empty folder) with
    /// the `ledger.created` entry as seq 0 and a checkpoint signed by `signer`.
    ///
    /// The folder is built beside its final place and renamed into it, so a failed or
    /// interrupted create leaves nothing behind.
    @discardableResult
    public static func create(at path: String, origin: String, signer: NoteSigner, actor: String,
                              lockTimeout: Double = 10) throws(LedgerError) -> Ledger {
        try LedgerIdentity.validate(origin: origin)
        if FileSystem.exists(path) && !FileSystem.isEmptyDirectory(path) {
            throw LedgerError(.cannotCreate, "\(path) already exists and is not an empty folder; choose another place for the new ledger")
        }
        let parent = FileSystem.directoryName(path)
        guard FileSystem.isDirectory(parent) else {
            throw LedgerError(.cannotCreate, "cannot create \(path): the folder \(parent) does not exist")
        }
        let identity = LedgerIdentity(origin: origin, verifierKeys: [signer.verifier.verifierKey])
        // A new folder is built beside its place and renamed into it. An existing empty folder
        // (perhaps the current one) is filled in place, and emptied again on failure.
        let inPlace = FileSystem.exists(path)
        let staging = inPlace ? path : parent + "/." + FileSystem.baseName(path) + ".creating-\(getpid())"
        let layout = FolderLayout(root: staging)
        func cleanUp() {
            if inPlace {
                for name in (try? FileSystem.contents(of: path)) ?? [] { FileSystem.removeTree(path + "/" + name) }
            } else {
                FileSystem.removeTree(staging)
            }
        }
        do {
            if !inPlace {
                FileSystem.removeTree(staging)
                try FileSystem.makeDirectory(staging)
            }
            try FileSystem.makeDirectory(layout.log)
            try FileSystem.makeDirectory(layout.objects)
            try FileSystem.writeAtomically(identity.json.canonicalBytes + [0x0A], to: layout.identity)
            try FileSystem.writeAtomically([], to: layout.entries)
            try FileSystem.writeAtomically([], to: layout.hashes)
            try FileSystem.writeAtomically([], to: layout.lock)
            let empty = Checkpoint(origin: origin, size: 0, root: Merkle.emptyRoot)
            try FileSystem.writeAtomically(Array(signer.sign(empty.text).utf8), to: layout.checkpoint)
        } catch {
            cleanUp()
            throw LedgerError(.cannotCreate, "cannot create the ledger: \(error)")
        }
        do {
            let staged = try Ledger(path: staging, identity: identity, signers: [signer], lockTimeout: lockTimeout)
            try staged.append([EntryDraft(type: .ledgerCreated, body: identity.json)], actor: actor)
            if !inPlace {
                try FileSystem.rename(staging, to: path)
                try FileSystem.syncDirectory(parent)
            }
        } catch let error as LedgerError {
            cleanUp()
            throw error
        } catch {
            cleanUp()
            throw LedgerError(.cannotCreate, "cannot create \(path): \(error)")
        }
        return try Ledger(path: path, identity: identity, signers: [signer], lockTimeout: lockTimeout)
    }

    /// Opens the ledger folder at `path`. With `key` nil the ledger is read-only; a key must be
    /// one of the ledger's verifier keys.
    public static func open(at path: String, key: NoteSigner?, lockTimeout: Double = 10) throws(LedgerError) -> Ledger {
        try open(at: path, keys: key.map { [$0] } ?? [], lockTimeout: lockTimeout)
    }

    /// Opens the ledger at `path` with several private keys: after a key rotation a checkpoint
    /// is signed by every current key, so appends need them all. Each must be one of the
    /// ledger's verifier keys; no keys means read-only.
    public static func open(at path: String, keys: [NoteSigner], lockTimeout: Double = 10) throws(LedgerError) -> Ledger {
        let layout = FolderLayout(root: path)
        guard FileSystem.isDirectory(path) else {
            throw LedgerError.missing("no ledger at \(path): pass --ledger DIR, set $LEAKLEDGER_DIR, or create one with leakledger init")
        }
        let bytes: [UInt8]
        do { bytes = try FileSystem.read(layout.identity) } catch {
            if error.isMissing { throw LedgerError.missing("\(path) is not a ledger (no ledger.json): pass --ledger DIR, or create one with leakledger init") }
            throw LedgerError(error)
        }
        let identity = try LedgerIdentity(json: try JSONValue(parsing: bytes))
        for key in keys where !identity.verifierKeys.contains(key.verifier.verifierKey) {
            throw LedgerError(.noKey, "the private key (\(key.verifier.name)) is not this ledger's key (\(identity.verifierKeys.joined(separator: ", "))); pass the right one with --key FILE or $LEAKLEDGER_KEY")
        }
        return try Ledger(path: path, identity: identity, signers: keys, lockTimeout: lockTimeout)
    }

    // MARK: Reading

    /// The committed entries, in order (those the signed checkpoint covers).
    public func entries() throws(LedgerError) -> [Entry] {
        try Self.parse(try store.readCommitted().lines)
    }

    /// The number of committed entries.
    public func size() throws(LedgerError) -> Int {
        try store.readCheckpoint().checkpoint.size
    }

    /// The latest signed checkpoint, as stored (a C2SP signed note).
    public func checkpoint() throws(LedgerError) -> String {
        try store.readCheckpoint().note
    }

    /// The latest checkpoint's body: origin, size, root.
    public func latestCheckpoint() throws(LedgerError) -> Checkpoint {
        try store.readCheckpoint().checkpoint
    }

    /// The stored Merkle hash at `index` (Go `sumdb/tlog` order), for proofs.
    public func hash(at index: Int) throws(LedgerError) -> SHA256Digest {
        try store.storedHash(at: index)
    }

    // MARK: Appending

    /// Appends `drafts` as one commit and returns the committed entries. Checks them against
    /// the committed log (``validate(_:against:)``) under the lock; nothing is written on error.
    @discardableResult
    public func append(_ drafts: [EntryDraft], actor: String) throws(LedgerError) -> [Entry] {
        try append(actor: actor) { (_: [Entry]) throws(LedgerError) -> [EntryDraft] in drafts }
    }

    /// Appends what `prepare` returns as one commit. `prepare` runs under the writer's lock with
    /// the committed entries, so that checks such as "this id is new" hold at commit time.
    /// The drafts it returns are validated as in ``append(_:actor:)``.
    @discardableResult
    public func append(actor: String, _ prepare: ([Entry]) throws(LedgerError) -> [EntryDraft]) throws(LedgerError) -> [Entry] {
        try append(actor: actor, adding: [], prepare)
    }

    /// ``append(actor:_:)`` with `newKeys` signing as well: those a `key.added` draft brings in
    /// (the commit's checkpoint is signed by every key current at its size, ``KeyHistory``).
    /// `afterCommit` runs under the lock with every entry, old and new (to rewrite ledger.json).
    func append(actor: String, adding newKeys: [NoteSigner], afterCommit: ([Entry]) throws(LedgerError) -> Void = { _ in },
                _ prepare: ([Entry]) throws(LedgerError) -> [EntryDraft]) throws(LedgerError) -> [Entry] {
        guard !signers.isEmpty else {
            throw LedgerError(.noKey, "\(path) is open read-only (no private key): pass --key FILE or set $LEAKLEDGER_KEY to append")
        }
        guard !actor.isEmpty else { throw LedgerError.usage("the actor is empty: pass --actor NAME or set $LEAKLEDGER_ACTOR") }
        let appended = try store.withWriterLock(timeout: lockTimeout) { () throws(LedgerError) -> [Entry] in
            let committed = try store.readCommitted()
            let existing = try Self.parse(committed.lines)
            let drafts = try prepare(existing)
            guard !drafts.isEmpty else { return [] }
            try Ledger.validate(drafts, against: existing)
            let signing = try KeyHistory.signers(signers + newKeys, for: drafts, after: existing)
            // Times never go backwards in the log, even if the clock does (same format, so the
            // strings compare as the instants do).
            let time = max(Self.now(), existing.last?.time ?? "")
            let lines = drafts.enumerated().map { offset, draft in
                Entry(seq: existing.count + offset, time: time, type: draft.type, actor: actor, body: draft.body).canonicalBytes
            }
            _ = try store.commit(lines, after: committed, signers: signing)
            // Return the entries as stored (strings in NFC), as any later read gives them.
            let appended = try Self.parse(lines[...].map { $0[...] }, from: existing.count)
            try afterCommit(existing + appended)
            return appended
        }
        guard !appended.isEmpty else { return [] }
        let observers = observers.withLock { $0 } + Self.globalObservers.withLock { $0 }
        for observer in observers { observer(self, appended) }
        return appended
    }

    /// Calls `observer` after every commit made through this `Ledger`.
    public func addAppendObserver(_ observer: @escaping AppendObserver) {
        observers.withLock { $0.append(observer) }
    }

    /// Calls `observer` after every commit made through any `Ledger` in this process (how the
    /// derived index stays current without the commands knowing about it).
    public static func addAppendObserver(_ observer: @escaping AppendObserver) {
        globalObservers.withLock { $0.append(observer) }
    }

    // MARK: Helpers

    static func parse(_ lines: [ArraySlice<UInt8>], from first: Int = 0) throws(LedgerError) -> [Entry] {
        var entries = [Entry]()
        entries.reserveCapacity(lines.count)
        for (offset, line) in lines.enumerated() {
            let index = first + offset
            let entry: Entry
            do { entry = try Entry(line: line) } catch {
                throw LedgerError.tampered("entry \(index) does not parse (\(error.message)); run leakledger check")
            }
            guard entry.seq == index else {
                throw LedgerError.tampered("line \(index + 1) of log/entries.jsonl holds seq \(entry.seq); run leakledger check")
            }
            entries.append(entry)
        }
        return entries
    }

    /// The current time as entries record it: UTC, RFC 3339, whole seconds.
    static func now() -> String {
        var seconds = time(nil)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02dZ", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1,
                      Int(parts.tm_mday), Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec))
    }
}
