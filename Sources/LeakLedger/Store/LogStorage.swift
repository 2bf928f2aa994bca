/// The checkpoint as stored: its note and its body, parsed but not yet trusted (the keys that
/// must have signed it come from the log, see ``TrustedHead``).
struct StoredHead: Sendable, Hashable {
    /// The signed note, as stored.
    var note: String
    /// Its body: origin, size, root.
    var checkpoint: Checkpoint
}

/// Where an append starts: the trusted head it extends.
struct AppendBase: Sendable, Hashable {
    /// The tree size and root of the head.
    var checkpoint: Checkpoint
    /// The bytes of `log/entries.jsonl` its entries span.
    var byteCount: Int
}

/// Where a ledger's entries, stored hashes and checkpoint live, behind the few operations the
/// ledger logic needs (DESIGN.md, "Scale").
///
/// ``LogStore`` is the embedded store: files in the ledger folder, a `flock` for writers. A
/// server store (e.g. PostgreSQL sequencing appends in transactions) would be a second
/// conformance; `Ledger`'s trust rules, validation, observers and `check` would not change.
/// Nothing a store returns is trusted: the ledger checks entries and hashes against the signed
/// root before it uses them.
protocol LogStorage: Sendable {
    /// The latest checkpoint as stored (bounded, parsed, not verified).
    func readHead() throws(LedgerError) -> StoredHead

    /// The entry line at `offset` of `length` bytes (without its newline); the byte after it
    /// must be a newline.
    func line(at offset: Int, length: Int) throws(LedgerError) -> [UInt8]

    /// Calls `each` with every complete line from byte `offset` on, in order, with the line's
    /// offset, until `each` returns false or the lines run out (an unterminated last line is
    /// not complete). Reads in large chunks; memory stays flat.
    func scanLines(from offset: Int, _ each: (_ line: UnsafeRawBufferPointer, _ offset: Int) throws(LedgerError) -> Bool) throws(LedgerError)

    /// One stored Merkle hash (Go `sumdb/tlog` order).
    func storedHash(at index: Int) throws(LedgerError) -> SHA256Digest

    /// `count` stored hashes from `index` on, as one read.
    func storedHashes(from index: Int, count: Int) throws(LedgerError) -> [SHA256Digest]

    /// The lengths of `log/entries.jsonl` and `log/hashes` in bytes.
    func fileSizes() throws(LedgerError) -> (entries: Int, hashes: Int)

    /// Runs `body` as the only writer, waiting up to `timeout` seconds for another one.
    func withWriterLock<T>(timeout: Double, _ body: () throws(LedgerError) -> T) throws(LedgerError) -> T

    /// Appends `lines` after `base` and makes a new checkpoint, signed by every one of
    /// `signers`, the commit point. `marker` is written, signed, before the first byte (see
    /// ``PendingAppend``). Call inside ``withWriterLock(timeout:_:)`` after ``settleTail(base:keys:)``.
    func commit(_ lines: [[UInt8]], after base: AppendBase, marker: PendingAppend, signers: [NoteSigner]) throws(LedgerError) -> (checkpoint: Checkpoint, byteCount: Int)

    /// Removes the marker of a finished append.
    func clearMarker()

    /// Before an append, under the lock: makes the files end exactly where `base` does. Bytes
    /// past it are cut only when a signed marker proves they are this ledger's own interrupted
    /// append on `base`; any other tail is moved to `log/quarantine/` and the append refused.
    /// Returns the marker found (finished or interrupted), for the objects it names.
    func settleTail(base: AppendBase, keys: KeyHistory) throws(LedgerError) -> PendingAppend?
}
