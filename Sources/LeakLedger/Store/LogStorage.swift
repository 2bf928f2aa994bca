/// Where a ledger's entries, stored hashes and checkpoint live, behind the few operations the
/// ledger logic needs (DESIGN.md, "Scale").
///
/// ``LogStore`` is the embedded store: files in the ledger folder, a `flock` for writers. A
/// server store (e.g. PostgreSQL sequencing appends in transactions) would be a second
/// conformance; `Ledger`'s validation, observers and `check` would not change.
protocol LogStorage: Sendable {
    /// The latest checkpoint, verified against the ledger's keys, and its note as stored.
    func readCheckpoint() throws(LedgerError) -> (note: String, checkpoint: Checkpoint)

    /// The committed entry lines: exactly as many as the checkpoint covers.
    func readCommitted() throws(LedgerError) -> CommittedLog

    /// One stored Merkle hash (Go `sumdb/tlog` order) within the committed tree.
    func storedHash(at index: Int) throws(LedgerError) -> SHA256Digest

    /// Everything stored, committed or not, for `check`: the complete lines (an unterminated
    /// last line left out) and the stored hashes as 32-byte records.
    func readEverything() throws(LedgerError) -> (lines: [ArraySlice<UInt8>], storedHashes: [UInt8])

    /// Runs `body` as the only writer, waiting up to `timeout` seconds for another one.
    func withWriterLock<T>(timeout: Double, _ body: () throws(LedgerError) -> T) throws(LedgerError) -> T

    /// Appends `lines` after `committed` and makes a new checkpoint, signed by every one of
    /// `signers`, the commit point. Call inside ``withWriterLock(timeout:_:)``.
    func commit(_ lines: [[UInt8]], after committed: CommittedLog, signers: [NoteSigner]) throws(LedgerError) -> Checkpoint
}

extension LogStore: LogStorage {
    func readEverything() throws(LedgerError) -> (lines: [ArraySlice<UInt8>], storedHashes: [UInt8]) {
        do {
            let entries = try FileSystem.read(layout.entries)
            let hashes = try FileSystem.read(layout.hashes)
            return (Self.split(entries, lines: Int.max).0, hashes)
        } catch {
            throw LedgerError(error)
        }
    }

    func withWriterLock<T>(timeout: Double, _ body: () throws(LedgerError) -> T) throws(LedgerError) -> T {
        let lock = try LedgerLock(path: layout.lock, timeout: timeout)
        let result = try body()
        _ = consume lock  // held until here; released on a throw as well, when it goes out of scope
        return result
    }
}
