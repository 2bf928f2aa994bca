#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The committed state of a log: the verified checkpoint and the entry lines it covers.
struct CommittedLog {
    /// The signed checkpoint as stored.
    var note: String
    /// Its parsed body.
    var checkpoint: Checkpoint
    /// The first `checkpoint.size` lines of `log/entries.jsonl`, without newlines.
    var lines: [ArraySlice<UInt8>]
    /// The byte length of those lines with their newlines: where uncommitted bytes begin.
    var byteCount: Int
}

/// The append-only log in a ledger folder: `log/entries.jsonl`, `log/hashes` and `checkpoint`.
///
/// The checkpoint is the commit point. Readers read it first and then only the entries and
/// hashes it covers, so they never block and never see a half-written append. A writer (under
/// the lock) cuts whatever lies past the checkpoint, appends entries and hashes, syncs them,
/// and then replaces the checkpoint atomically.
struct LogStore: Sendable {
    let layout: FolderLayout
    let origin: String
    let verifiers: [NoteVerifier]

    /// Reads and verifies the checkpoint.
    func readCheckpoint() throws(LedgerError) -> (note: String, checkpoint: Checkpoint) {
        let bytes: [UInt8]
        do { bytes = try FileSystem.read(layout.checkpoint) } catch {
            if error.isMissing { throw LedgerError.tampered("\(layout.checkpoint) is missing: the ledger has no commit point") }
            throw LedgerError(error)
        }
        let note = String(decoding: bytes, as: UTF8.self)
        let opened: SignedNote
        do { opened = try SignedNote.open(note, verifiers: verifiers) } catch {
            throw LedgerError.tampered("the checkpoint is not signed by this ledger's key (\(error.message))")
        }
        let checkpoint = try Checkpoint(text: opened.text)
        guard checkpoint.origin == origin else {
            throw LedgerError.tampered("the checkpoint is for \(checkpoint.origin), not \(origin)")
        }
        return (note, checkpoint)
    }

    /// The committed entry lines, exactly as many as the checkpoint covers.
    func readCommitted() throws(LedgerError) -> CommittedLog {
        let (note, checkpoint) = try readCheckpoint()
        let bytes: [UInt8]
        do { bytes = try FileSystem.read(layout.entries) } catch { throw LedgerError(error) }
        let (lines, byteCount) = Self.split(bytes, lines: checkpoint.size)
        guard lines.count == checkpoint.size else {
            throw LedgerError.tampered("log/entries.jsonl holds \(lines.count) complete entries but the checkpoint covers \(checkpoint.size): the log was cut; run leakledger check")
        }
        return CommittedLog(note: note, checkpoint: checkpoint, lines: lines, byteCount: byteCount)
    }

    /// The stored hash at `index`, which must be among those the checkpoint covers.
    func storedHash(at index: Int) throws(LedgerError) -> SHA256Digest {
        let (_, checkpoint) = try readCheckpoint()
        guard index >= 0, index < Merkle.storedHashCount(checkpoint.size) else {
            throw LedgerError(.missing, "stored hash \(index) is past the tree of size \(checkpoint.size)")
        }
        do {
            let file = try RawFile(path: layout.hashes, flags: O_RDONLY)
            return SHA256Digest(bytes: try file.read(count: 32, at: index * 32))!
        } catch {
            throw LedgerError.tampered("cannot read stored hash \(index): \(error); run leakledger check")
        }
    }

    /// Appends `lines` after the committed log and signs a new checkpoint with every one of
    /// `signers` (the keys current at the new size). Call under the lock.
    ///
    /// Order matters for crash safety: cut the unacknowledged tail, write entries and hashes,
    /// sync them, and only then replace the checkpoint (temporary file, sync, rename, sync the
    /// folder). A crash before the rename leaves the old checkpoint, and the tail is cut by the
    /// next writer.
    func commit(_ newLines: [[UInt8]], after committed: CommittedLog, signers: [NoteSigner]) throws(LedgerError) -> Checkpoint {
        let size = committed.checkpoint.size
        do {
            let entries = try RawFile(path: layout.entries, flags: O_RDWR)
            let hashes = try RawFile(path: layout.hashes, flags: O_RDWR)
            let storedCount = Merkle.storedHashCount(size)
            guard try hashes.size() >= storedCount * 32 else {
                throw LedgerError.tampered("log/hashes is shorter than the checkpoint's tree: run leakledger check")
            }
            if try entries.size() > committed.byteCount { try entries.truncate(to: committed.byteCount) }
            if try hashes.size() > storedCount * 32 { try hashes.truncate(to: storedCount * 32) }

            var pending = [SHA256Digest]()
            let hashesDescriptor = hashes.descriptor, hashesPath = hashes.path
            let reader = { (index: Int) throws -> SHA256Digest in
                if index >= storedCount { return pending[index - storedCount] }
                let bytes = try RawFile.read(descriptor: hashesDescriptor, path: hashesPath, count: 32, at: index * 32)
                return SHA256Digest(bytes: bytes)!
            }
            var hasher = Merkle.Hasher()
            var text = [UInt8]()
            for (offset, line) in newLines.enumerated() {
                let leaf = hasher.leafHash(line)
                let stored = try Merkle.storedHashes(forLeaf: size + offset, leafHash: leaf, reader: reader)
                pending += stored
                text += line
                text.append(UInt8(ascii: "\n"))
            }
            let newSize = size + newLines.count
            let root = try Merkle.treeHash(size: newSize, reader: reader)

            try entries.write(text, at: committed.byteCount)
            try hashes.write(pending.flatMap(\.bytes), at: storedCount * 32)
            try entries.sync()
            try hashes.sync()

            let checkpoint = Checkpoint(origin: origin, size: newSize, root: root)
            try FileSystem.writeAtomically(Array(NoteSigner.sign(checkpoint.text, by: signers).utf8), to: layout.checkpoint)
            return checkpoint
        } catch let error as LedgerError {
            throw error
        } catch let error as FileError {
            throw LedgerError(error)
        } catch {
            throw LedgerError(.io, "\(error)")
        }
    }

    /// The first `count` newline-terminated lines of `bytes` (fewer if the bytes run out; an
    /// unterminated last line is not complete) and the bytes they span.
    static func split(_ bytes: [UInt8], lines count: Int) -> ([ArraySlice<UInt8>], Int) {
        var lines = [ArraySlice<UInt8>]()
        lines.reserveCapacity(min(count, bytes.count / 8 + 1))
        var start = 0
        while lines.count < count, let newline = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) {
            lines.append(bytes[start..<newline])
            start = newline + 1
        }
        return (lines, start)
    }
}
