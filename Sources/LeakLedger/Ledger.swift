#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Commitments
import Foundation
import GRDB
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
/// Nothing in the folder is trusted but the signed checkpoint, through the keys the log itself
/// authorizes from `ledger.created` on (``TrustedHead``). Every entry a reader gets is checked
/// against that root; the derived state (``LedgerState``) only says where to look. A long-lived
/// `Ledger` sees what other processes committed: each read starts from the checkpoint file and
/// carries the trusted head forward from the last one it verified.
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

    /// The keeper's store of per-document secrets (beside the private key, never in the folder):
    /// set, registrations of texts get quote commitments and their secrets are saved there before
    /// each commit, and the derived state may hold the fingerprints a blind entry withholds. Nil:
    /// no commitments, no blind registrations, and blind documents are matched by no one.
    public var secretStore: QuoteSecrets? {
        get { secrets.withLock { $0 } }
        set { secrets.withLock { $0 = newValue } }
    }

    let folder: LedgerFolder
    let store: LogStore
    let objects: any ObjectStorage
    let signers: [NoteSigner]
    private let trusted = Mutex<TrustedHead?>(nil)
    private let derived = Mutex<LedgerState?>(nil)
    /// Buckets of texts this process has just read (registered files), so that indexing them
    /// after the commit does not read them again; taken once.
    private let indexed = Mutex<[SHA256Digest: TextBuckets]>([:])
    private let observers = Mutex<[AppendObserver]>([])
    private let secrets = Mutex<QuoteSecrets?>(nil)
    private static let globalObservers = Mutex<[AppendObserver]>([])

    static let identityName = "ledger.json"
    /// `ledger.json` holds a few keys; this bound stops a planted giant file before it is read.
    static let identityLimit = 1 << 20

    private init(folder: LedgerFolder, identity: LedgerIdentity, signers: [NoteSigner], lockTimeout: Double) {
        self.path = folder.path
        self.folder = folder
        self.identity = identity
        self.signers = signers
        self.lockTimeout = lockTimeout
        self.store = LogStore(folder: folder, origin: identity.origin)
        self.objects = ObjectStore(folder: folder)
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
            let folder = try LedgerFolder(path: staging)
            try folder.makeDirectory("log")
            try folder.makeDirectory(ObjectStore.directory)
            try folder.writeAtomically(identity.json.canonicalBytes + [0x0A], to: identityName)
            try folder.writeAtomically([], to: LogStore.entriesName)
            try folder.writeAtomically([], to: LogStore.hashesName)
            try folder.writeAtomically([], to: LogStore.lockName)
            let empty = Checkpoint(origin: origin, size: 0, root: Merkle.emptyRoot)
            try folder.writeAtomically(Array(signer.sign(empty.text).utf8), to: LogStore.checkpointName)
        } catch {
            cleanUp()
            throw LedgerError(.cannotCreate, "cannot create the ledger: \(error)")
        }
        do {
            let staged = Ledger(folder: try LedgerFolder(path: staging), identity: identity, signers: [signer], lockTimeout: lockTimeout)
            // The empty tree's head: no key history yet; ledger.created brings the first key.
            staged.remember(TrustedHead(note: try staged.store.readHead().note, checkpoint: Checkpoint(origin: origin, size: 0, root: Merkle.emptyRoot),
                                        byteCount: 0, keys: KeyHistory()))
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
        return try open(at: path, keys: [signer], lockTimeout: lockTimeout)
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
        guard FileSystem.isDirectory(path) else {
            throw LedgerError.missing("no ledger at \(path): pass --ledger DIR, set $LEAKLEDGER_DIR, or create one with leakledger init")
        }
        let folder: LedgerFolder
        do { folder = try LedgerFolder(path: path) } catch { throw LedgerError(error) }
        let bytes: [UInt8]
        do { bytes = try folder.read(identityName, limit: identityLimit) } catch {
            if error.isMissing { throw LedgerError.missing("\(path) is not a ledger (no ledger.json): pass --ledger DIR, or create one with leakledger init") }
            throw LedgerError.malformed("ledger.json cannot be read (\(error.description))")
        }
        let identity = try LedgerIdentity(json: try JSONValue(parsing: bytes))
        for key in keys where !identity.verifierKeys.contains(key.verifier.verifierKey) {
            throw LedgerError(.noKey, "the private key (\(key.verifier.name)) is not this ledger's key (\(identity.verifierKeys.joined(separator: ", "))); pass the right one with --key FILE or $LEAKLEDGER_KEY")
        }
        return Ledger(folder: folder, identity: identity, signers: keys, lockTimeout: lockTimeout)
    }

    // MARK: The trusted head

    /// The latest checkpoint, verified: signed by every key the log makes current at its size,
    /// with the entries it covers checked against its root (only those added since the last
    /// head this process verified are read). A rollback or fork since then is `.tampered`.
    public func head() throws(LedgerError) -> TrustedHead {
        let stored = try store.readHead()
        let known = trusted.withLock { $0 }
        if let known, known.note == stored.note { return known }
        let (head, verdict) = try verifyHead(stored, known: known.map(KnownHead.init))
        guard let head else {
            throw LedgerError.tampered("the ledger's checkpoint changed under this process: " + (verdict ?? .forked).explanation(old: known!.checkpoint, new: stored.checkpoint))
        }
        remember(head)
        return head
    }

    /// Keeps `head` as the one this process knows (a newer one only).
    func remember(_ head: TrustedHead) {
        trusted.withLock { known in
            if known == nil || known!.checkpoint.size <= head.checkpoint.size { known = head }
        }
    }

    /// The committed entries, in order: the whole log, read once and checked against the signed
    /// root (for `check`, `export` and rebuilds; everyday commands fetch single entries).
    public func entries() throws(LedgerError) -> [Entry] {
        let head = try head()
        var entries: [Entry] = []
        entries.reserveCapacity(head.checkpoint.size)
        var builder = Merkle.Builder()
        var hasher = Merkle.Hasher()
        if head.checkpoint.size > 0 {
            try store.scanLines(from: 0) { (line: UnsafeRawBufferPointer, _: Int) throws(LedgerError) -> Bool in
                entries.append(try Self.parse(line, seq: entries.count))
                builder.append(leafHash: hasher.leafHash(line), hasher: &hasher)
                return entries.count < head.checkpoint.size
            }
        }
        guard entries.count == head.checkpoint.size, builder.root(hasher: &hasher) == head.checkpoint.root else {
            throw LedgerError.tampered("the entries of log/entries.jsonl do not give the checkpoint's root: the log was changed; run leakledger check")
        }
        return entries
    }

    /// The number of committed entries.
    public func size() throws(LedgerError) -> Int {
        try head().checkpoint.size
    }

    /// The latest signed checkpoint, as stored (a C2SP signed note), verified.
    public func checkpoint() throws(LedgerError) -> String {
        try head().note
    }

    /// The latest checkpoint's body: origin, size, root.
    public func latestCheckpoint() throws(LedgerError) -> Checkpoint {
        try head().checkpoint
    }

    /// The stored Merkle hash at `index` (Go `sumdb/tlog` order), for proofs (which are checked
    /// against the root before they are handed out).
    public func hash(at index: Int) throws(LedgerError) -> SHA256Digest {
        try store.storedHash(at: index)
    }

    /// The derived state, brought up to the trusted head (built on first use, rebuilt when it
    /// cannot be read or does not stand on the log's tree).
    func state() throws(LedgerError) -> LedgerState {
        let head = try head()
        let state: LedgerState
        if let open = derived.withLock({ $0 }) {
            state = open
        } else {
            state = try LedgerState.open(for: self)
            derived.withLock { $0 = state }
        }
        do {
            try state.catchUp(self, to: head)
        } catch where error.kind == .io {
            // A state that cannot be read or written is rebuilt from scratch.
            LedgerState.removeFiles(at: state.path)
            let fresh = try LedgerState.open(for: self)
            derived.withLock { $0 = fresh }
            try fresh.catchUp(self, to: head)
            return fresh
        }
        return state
    }

    /// Keeps the buckets of a text this process read, for the indexing after its commit.
    func keep(_ buckets: TextBuckets, for object: SHA256Digest) {
        indexed.withLock { $0[object] = buckets }
    }

    /// The buckets kept for `object`, taken.
    func precomputed(_ object: SHA256Digest) -> TextBuckets? {
        indexed.withLock { $0.removeValue(forKey: object) }
    }

    // MARK: Appending

    /// Appends `drafts` as one commit and returns the committed entries. Checks them against
    /// the committed log (``validate(_:in:)``) under the lock; nothing is written on error.
    @discardableResult
    public func append(_ drafts: [EntryDraft], actor: String) throws(LedgerError) -> [Entry] {
        try append(actor: actor) { (_: AppendContext) throws(LedgerError) -> [EntryDraft] in drafts }
    }

    /// Appends what `prepare` returns as one commit. `prepare` runs under the writer's lock with
    /// the committed state, so that checks such as "this id is new" hold at commit time.
    /// The drafts it returns are validated as in ``append(_:actor:)``.
    @discardableResult
    public func append(actor: String, _ prepare: (AppendContext) throws(LedgerError) -> [EntryDraft]) throws(LedgerError) -> [Entry] {
        try append(actor: actor, adding: [], prepare)
    }

    /// ``append(actor:_:)`` with `newKeys` signing as well: those a `key.added` draft brings in
    /// (the commit's checkpoint is signed by every key current at its size, ``KeyHistory``).
    /// `afterCommit` runs under the lock with the new head (to rewrite ledger.json).
    func append(actor: String, adding newKeys: [NoteSigner], afterCommit: (TrustedHead) throws(LedgerError) -> Void = { _ in },
                _ prepare: (AppendContext) throws(LedgerError) -> [EntryDraft]) throws(LedgerError) -> [Entry] {
        guard !signers.isEmpty else {
            throw LedgerError(.noKey, "\(path) is open read-only (no private key): pass --key FILE or set $LEAKLEDGER_KEY to append")
        }
        try Self.validate(actor: actor)
        let appended = try store.withWriterLock(timeout: lockTimeout) { () throws(LedgerError) -> [Entry] in
            try settle()
            return try appendLocked(actor: actor, newKeys: newKeys, afterCommit: afterCommit, prepare)
        }
        notify(appended)
        return appended
    }

    /// Runs `body` as the ledger's only writer (the lock held throughout) with a session that
    /// commits any number of times: a bulk import commits batch after batch, and a batch
    /// committed stays committed whatever happens to the next.
    public func withWriterSession<T>(actor: String, _ body: (WriterSession) throws(LedgerError) -> T) throws(LedgerError) -> T {
        guard !signers.isEmpty else {
            throw LedgerError(.noKey, "\(path) is open read-only (no private key): pass --key FILE or set $LEAKLEDGER_KEY to append")
        }
        try Self.validate(actor: actor)
        return try store.withWriterLock(timeout: lockTimeout) { () throws(LedgerError) -> T in
            try settle()
            return try body(WriterSession(ledger: self, actor: actor))
        }
    }

    /// Under the lock, before the first commit: the log's files end where the head does (an
    /// interrupted append cut, anything else kept aside), and staged copies are settled.
    private func settle() throws(LedgerError) {
        let head = try head()
        let marker = try store.settleTail(base: head.base, keys: head.keys)
        objects.settle(committed: marker.flatMap { $0.newSize <= head.checkpoint.size ? $0.objects : nil } ?? [])
        store.clearMarker()
    }

    /// One commit under the lock: `prepare` drafts against the head, the drafts are checked,
    /// committed and indexed. Staged copies of a commit that fails are removed.
    func appendLocked(actor: String, newKeys: [NoteSigner] = [], afterCommit: (TrustedHead) throws(LedgerError) -> Void = { _ in },
                      checked: Bool = false, _ prepare: (AppendContext) throws(LedgerError) -> [EntryDraft]) throws(LedgerError) -> [Entry] {
        let context = AppendContext(ledger: self, head: try head())
        do throws(LedgerError) {
            let drafts = try prepare(context)
            guard !drafts.isEmpty else {
                objects.discard(context.staged)
                return []
            }
            return try commit(drafts, context: context, actor: actor, newKeys: newKeys, afterCommit: afterCommit, checked: checked)
        } catch {
            store.clearMarker()
            objects.discard(context.staged)
            throw error
        }
    }

    /// Tells the observers of a commit.
    func notify(_ appended: [Entry]) {
        guard !appended.isEmpty else { return }
        let observers = observers.withLock { $0 } + Self.globalObservers.withLock { $0 }
        for observer in observers { observer(self, appended) }
    }

    private func commit(_ drafts: [EntryDraft], context: AppendContext, actor: String, newKeys: [NoteSigner],
                        afterCommit: (TrustedHead) throws(LedgerError) -> Void, checked: Bool) throws(LedgerError) -> [Entry] {
        let head = context.head
        let size = head.checkpoint.size
        // Drafts made by the drafting steps under this same lock (a bulk append) were checked as
        // they were made; any others are checked here.
        if !checked { try validate(drafts, in: context) }
        // Times never go backwards in the log, even if the clock does (same format, so the
        // strings compare as the instants do).
        let last = size > 0 ? try entry(at: size - 1).time : ""
        let time = max(Self.now(), last)
        let entries = drafts.enumerated().map { offset, draft in
            Entry(seq: size + offset, time: time, type: draft.type, actor: actor, body: draft.body)
        }
        let lines = entries.map(\.canonicalBytes)
        // Every entry must fit in a tlog-tiles entry bundle, so that the log can always be
        // published as tiles (C2SP tlog-tiles holds entries of at most 65,535 bytes).
        if let (offset, line) = lines.enumerated().first(where: { $0.element.count > Tiles.maxEntryBytes }) {
            throw LedgerError.usage("the \(drafts[offset].type) entry would take \(line.count) bytes; an entry holds at most \(Tiles.maxEntryBytes) (the limit of tlog-tiles): shorten it")
        }
        var keys = head.keys
        if entries.contains(where: { $0.type == .ledgerCreated || $0.type.isKeyChange }) {
            var builder = try Merkle.Builder(size: size) { (index: Int) throws(LedgerError) -> SHA256Digest in try store.storedHash(at: index) }
            var hasher = Merkle.Hasher()
            for (entry, line) in zip(entries, lines) {
                let at = Checkpoint(origin: identity.origin, size: entry.seq, root: builder.root(hasher: &hasher))
                do { try keys.apply(entry.type, body: entry.body, seq: entry.seq, extending: at) } catch {
                    throw LedgerError(error.kind, "\(entry.type): \(error.message)")
                }
                builder.append(leafHash: hasher.leafHash(line), hasher: &hasher)
            }
        }
        let signing = try keys.signers(from: signers + newKeys)
        // The secrets behind the commitments are durable before the commit that records them.
        try saveSecrets(context.secrets)
        try objects.syncStaged(context.staged)
        let marker = PendingAppend(base: head.base, newSize: size + lines.count, objects: context.staged)
        let (checkpoint, byteCount) = try store.commit(lines, after: head.base, marker: marker, signers: signing)
        let note = NoteSigner.sign(checkpoint.text, by: signing)
        let newHead = TrustedHead(note: note, checkpoint: checkpoint, byteCount: byteCount, keys: keys)
        remember(newHead)
        try objects.promote(context.staged)
        store.clearMarker()
        // The entries are committed from here on: what follows only keeps derived files current.
        try afterCommit(newHead)
        do { _ = try state() } catch {
            Self.warn("the entries are committed, but the ledger's index was not updated (\(error.message)); it will catch up on next use")
        }
        // The entries as stored (strings in NFC), as any later read gives them.
        return try lines.enumerated().map { (offset: Int, line: [UInt8]) throws(LedgerError) -> Entry in try Self.parse(line, seq: size + offset) }
    }

    /// Calls `observer` after every commit made through this `Ledger`.
    public func addAppendObserver(_ observer: @escaping AppendObserver) {
        observers.withLock { $0.append(observer) }
    }

    /// Calls `observer` after every commit made through any `Ledger` in this process.
    public static func addAppendObserver(_ observer: @escaping AppendObserver) {
        globalObservers.withLock { $0.append(observer) }
    }

    // MARK: Helpers

    /// Checks that `actor` can be recorded: one line, no control or bidirectional-override
    /// characters (``Terminal/isUnsafe(_:)``: a name printed on a terminal must not be able to
    /// rewrite it), at most 200 characters.
    public static func validate(actor: String) throws(LedgerError) {
        guard !actor.isEmpty else { throw LedgerError.usage("the actor is empty: pass --actor NAME or set $LEAKLEDGER_ACTOR") }
        if let bad = actor.unicodeScalars.first(where: Terminal.isUnsafe) {
            let code = String(format: "U+%04X", bad.value)
            throw LedgerError.usage("the actor \"\(Terminal.escaped(actor))\" holds \(code), a control character or a bidi override: pass a plain name on one line with --actor")
        }
        guard actor.unicodeScalars.count <= 200 else {
            throw LedgerError.usage("the actor has \(actor.unicodeScalars.count) characters, more than 200: pass a shorter name with --actor")
        }
    }

    static func parse(_ line: some Collection<UInt8>, seq: Int) throws(LedgerError) -> Entry {
        let entry: Entry
        do { entry = try Entry(line: line) } catch {
            throw LedgerError.tampered("entry \(seq) does not parse (\(error.message)); run leakledger check")
        }
        guard entry.seq == seq else {
            throw LedgerError.tampered("line \(seq + 1) of log/entries.jsonl holds seq \(entry.seq); run leakledger check")
        }
        return entry
    }

    /// Prints `warning: message` on standard error (for what a committed append could not finish).
    static func warn(_ message: String) {
        var line = "warning: " + message + "\n"
        line.withUTF8 { _ = write(STDERR_FILENO, $0.baseAddress, $0.count) }
    }

    /// The current time as entries record it: UTC, RFC 3339, whole seconds.
    static func now() -> String {
        LedgerDate.text(seconds: Int(time(nil)))
    }
}

/// A writer holding the ledger's lock across several commits (``Ledger/withWriterSession(actor:_:)``).
public final class WriterSession: @unchecked Sendable {
    // @unchecked: used only on the thread that holds the lock, inside the session's body.
    /// The ledger written.
    public let ledger: Ledger
    let actor: String

    init(ledger: Ledger, actor: String) {
        self.ledger = ledger
        self.actor = actor
    }

    /// Commits what `prepare` drafts (one commit); returns the committed entries.
    @discardableResult
    public func commit(_ prepare: (AppendContext) throws(LedgerError) -> [EntryDraft]) throws(LedgerError) -> [Entry] {
        let appended = try ledger.appendLocked(actor: actor, prepare)
        ledger.notify(appended)
        return appended
    }

    /// Commits drafts that `prepare` made with the ledger's own drafting steps, which check
    /// everything ``Ledger/validate(_:in:)`` would (so it is not run twice).
    func commitChecked(_ prepare: (AppendContext) throws(LedgerError) -> [EntryDraft]) throws(LedgerError) -> [Entry] {
        let appended = try ledger.appendLocked(actor: actor, checked: true, prepare)
        ledger.notify(appended)
        return appended
    }
}

/// What a `prepare` step of an append sees: the committed head and the derived state at it,
/// and where to record the object copies it stages.
public final class AppendContext: @unchecked Sendable {
    // @unchecked: used only on the appending thread, inside the writer's lock.
    /// The ledger appended to.
    public let ledger: Ledger
    /// The head the append extends.
    public let head: TrustedHead
    /// Hex digests of the copies staged for this append.
    var staged: [String] = []
    /// The keeper's secrets of the documents this append registers, saved before its commit.
    var secrets: [DocumentSecrets] = []

    init(ledger: Ledger, head: TrustedHead) {
        self.ledger = ledger
        self.head = head
    }

    /// The provenance that concerns `ids` and the entries `seqs` (those past the head are left
    /// out, for the drafting step to name), as committed.
    public func provenance(about ids: [String], including seqs: [Int] = []) throws(LedgerError) -> Provenance {
        try ledger.provenance(about: ids, including: seqs.filter { $0 >= 0 && $0 < head.checkpoint.size })
    }

    /// The registrations of `ids` and the entries `seqs` (those past the head left out), with
    /// their corrections: what checking a status, link or correction against the committed log
    /// needs, without the other entries about those documents.
    public func registrations(of ids: [String], including seqs: [Int] = []) throws(LedgerError) -> Provenance {
        var wanted = Set(seqs.filter { $0 >= 0 && $0 < head.checkpoint.size })
        let state = try ledger.state()
        wanted.formUnion(try state.read { db in
            try ids.compactMap { try Int.fetchOne(db, sql: "SELECT seq FROM documents WHERE id = ?", arguments: [$0]) }
        })
        for list in try ledger.corrections(of: Array(wanted)).values { wanted.formUnion(list) }
        var provenance = Provenance(entries: try ledger.entries(at: wanted.sorted()))
        provenance.nameSource = { spellings in (try? state.nameBook(for: spellings)) ?? NameBook(names: []) }
        return provenance
    }

    /// Records a copy staged in `objects/` for this append (promoted after the commit,
    /// removed if it fails).
    func stage(_ hex: String) {
        staged.append(hex)
    }

    /// Renames a copy staged for this append: a blind document's copy is kept under the name of
    /// its commitment, never under its SHA-256 (a name anyone holding the file could look for).
    func restage(_ hex: String, as name: String) throws(LedgerError) {
        try ledger.objects.restage(hex, as: name)
        staged = staged.map { $0 == hex ? name : $0 }
    }

    /// Records the keeper's secrets of a document this append registers.
    func keep(_ record: DocumentSecrets) {
        secrets.append(record)
    }
}
