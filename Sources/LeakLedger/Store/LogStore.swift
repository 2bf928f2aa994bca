#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The append-only log in a ledger folder: `log/entries.jsonl`, `log/hashes` and `checkpoint`.
///
/// The checkpoint is the commit point. Readers read it first and then only the entries and
/// hashes it covers, so they never block and never see a half-written append. A writer (under
/// the lock) settles whatever lies past the checkpoint, leaves a signed marker, appends entries
/// and hashes, syncs them, replaces the checkpoint atomically, and removes the marker.
struct LogStore: Sendable {
    let folder: LedgerFolder
    let origin: String

    static let entriesName = "log/entries.jsonl"
    static let hashesName = "log/hashes"
    static let checkpointName = "checkpoint"
    static let markerName = "log/pending"
    static let quarantineName = "log/quarantine"
    static let lockName = "lock"
    /// A checkpoint with its signatures and cosignatures is a few hundred bytes; this bound
    /// leaves room for many witnesses and stops a planted giant file before it is read.
    static let checkpointLimit = 64 << 10
    /// An entry line longer than this is refused (a registration with a long title is a few KB).
    static let lineLimit = 16 << 20

    /// The path of a name inside the folder, for messages.
    func display(_ name: String) -> String { folder.display(name) }
}

extension LogStore: LogStorage {
    func readHead() throws(LedgerError) -> StoredHead {
        let bytes: [UInt8]
        do { bytes = try folder.read(Self.checkpointName, limit: Self.checkpointLimit) } catch {
            if error.isMissing { throw LedgerError.tampered("\(display(Self.checkpointName)) is missing: the ledger has no commit point") }
            throw LedgerError.tampered("the checkpoint cannot be read (\(error.description))")
        }
        guard let note = String(validating: bytes, as: UTF8.self) else {
            throw LedgerError.tampered("the checkpoint is not UTF-8 text")
        }
        let checkpoint: Checkpoint
        do { checkpoint = try Checkpoint(text: SignedNote.unverifiedText(note)) } catch {
            throw LedgerError.tampered("the checkpoint does not parse (\(error.message))")
        }
        guard checkpoint.origin == origin else {
            throw LedgerError.tampered("the checkpoint is for \(checkpoint.origin), not \(origin)")
        }
        return StoredHead(note: note, checkpoint: checkpoint)
    }

    func line(at offset: Int, length: Int) throws(LedgerError) -> [UInt8] {
        guard offset >= 0, length >= 0, length <= Self.lineLimit else {
            throw LedgerError.tampered("an entry's place in \(display(Self.entriesName)) is out of bounds; run leakledger check")
        }
        do {
            let file = try folder.open(Self.entriesName, flags: O_RDONLY)
            var bytes = try file.read(count: length + 1, at: offset)
            guard bytes.removeLast() == UInt8(ascii: "\n") else {
                throw LedgerError.tampered("\(display(Self.entriesName)) has no line end where an entry should end (byte \(offset + length)); run leakledger check")
            }
            return bytes
        } catch let error as LedgerError {
            throw error
        } catch let error as FileError {
            throw LedgerError.tampered("cannot read an entry of \(display(Self.entriesName)) (\(error)); run leakledger check")
        } catch {
            throw LedgerError(.io, "\(error)")
        }
    }

    func scanLines(from offset: Int, _ each: (UnsafeRawBufferPointer, Int) throws(LedgerError) -> Bool) throws(LedgerError) {
        let file: RawFile
        do { file = try folder.open(Self.entriesName, flags: O_RDONLY) } catch { throw LedgerError(error) }
        // Reads start small (a command that needs ten lines reads a few KB) and grow to 4 MiB
        // (a walk of the whole log); the buffer grows only for a line longer than it.
        var chunk = 16 << 10
        var buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 2 * chunk, alignment: 16)
        defer { buffer.deallocate() }
        var kept = 0        // bytes of an unfinished line carried over at the buffer's start
        var position = offset  // file offset of buffer[0]
        while true {
            if buffer.count - kept < chunk {
                guard kept <= Self.lineLimit else {
                    throw LedgerError.tampered("\(display(Self.entriesName)) holds a line longer than \(Self.lineLimit) bytes at byte \(position); run leakledger check")
                }
                let larger = UnsafeMutableRawBufferPointer.allocate(byteCount: kept + 2 * chunk, alignment: 16)
                larger.baseAddress!.copyMemory(from: buffer.baseAddress!, byteCount: kept)
                buffer.deallocate()
                buffer = larger
            }
            let room = buffer.count - kept
            let count = pread(file.descriptor, buffer.baseAddress! + kept, min(room, chunk), off_t(position + kept))
            if count < 0 {
                if errno == EINTR { continue }
                throw LedgerError(FileError(path: file.path, operation: .read, errno: errno))
            }
            if count == 0 { return }
            let end = kept + count
            var start = 0
            while start < end, let newline = memchr(buffer.baseAddress! + start, 0x0A, end - start) {
                let stop = buffer.baseAddress!.distance(to: newline)
                let keepGoing = try each(UnsafeRawBufferPointer(rebasing: buffer[start..<stop]), position + start)
                start = stop + 1
                if !keepGoing { return }
            }
            // Move the unfinished line to the front.
            kept = end - start
            if kept > 0, start > 0 { memmove(buffer.baseAddress!, buffer.baseAddress! + start, kept) }
            position += start
            chunk = min(chunk * 2, 4 << 20)
        }
    }

    func storedHash(at index: Int) throws(LedgerError) -> SHA256Digest {
        try storedHashes(from: index, count: 1)[0]
    }

    func storedHashes(from index: Int, count: Int) throws(LedgerError) -> [SHA256Digest] {
        guard index >= 0, count >= 0, index <= Int.max / 32 - count else {
            throw LedgerError.tampered("stored hash \(index) is out of bounds")
        }
        do {
            let file = try folder.open(Self.hashesName, flags: O_RDONLY)
            let bytes = try file.read(count: count * 32, at: index * 32)
            return (0..<count).map { SHA256Digest(bytes: bytes[$0 * 32..<$0 * 32 + 32])! }
        } catch {
            throw LedgerError.tampered("cannot read stored hash \(index) of \(display(Self.hashesName)) (\(error)); run leakledger check")
        }
    }

    func fileSizes() throws(LedgerError) -> (entries: Int, hashes: Int) {
        do {
            let entries = try folder.open(Self.entriesName, flags: O_RDONLY).size()
            let hashes = try folder.open(Self.hashesName, flags: O_RDONLY).size()
            return (entries, hashes)
        } catch {
            throw LedgerError(error)
        }
    }

    func withWriterLock<T>(timeout: Double, _ body: () throws(LedgerError) -> T) throws(LedgerError) -> T {
        let lock = try LedgerLock(folder: folder, name: Self.lockName, timeout: timeout)
        let result = try body()
        _ = consume lock  // held until here; released on a throw as well, when it goes out of scope
        return result
    }

    func settleTail(base: AppendBase, keys: KeyHistory) throws(LedgerError) -> PendingAppend? {
        let marker: PendingAppend? = (try? folder.read(Self.markerName, limit: 16 << 20))
            .flatMap { String(validating: $0, as: UTF8.self) }
            .flatMap { PendingAppend(noteText: $0, keys: keys) }
        let quarantined = (try? folder.contents(of: Self.quarantineName)) ?? []
        guard quarantined.isEmpty else {
            throw LedgerError.tampered("\(display(Self.quarantineName)) holds \(quarantined.count) file(s) of entries that were past the checkpoint, kept for review; nothing was appended. If they belong to this ledger, put back the checkpoint that covers them; otherwise move the folder out of the ledger, then append again (see leakledger check)")
        }
        let sizes = try fileSizes()
        let storedCount = Merkle.storedHashCount(base.checkpoint.size)
        guard sizes.entries >= base.byteCount else {
            throw LedgerError.tampered("\(display(Self.entriesName)) is shorter than the checkpoint's entries: committed entries are missing; run leakledger check")
        }
        guard sizes.hashes >= storedCount * 32 else {
            throw LedgerError.tampered("\(display(Self.hashesName)) is shorter than the checkpoint's tree: run leakledger check")
        }
        guard sizes.entries > base.byteCount || sizes.hashes > storedCount * 32 else { return marker }
        // The tail is this ledger's own interrupted append when a signed marker says so.
        if let marker, marker.base == base {
            do {
                try folder.open(Self.entriesName, flags: O_RDWR).truncate(to: base.byteCount)
                try folder.open(Self.hashesName, flags: O_RDWR).truncate(to: storedCount * 32)
            } catch {
                throw LedgerError(error)
            }
            return marker
        }
        try quarantine(base: base, storedCount: storedCount, sizes: sizes)
        throw LedgerError.tampered("the log held \(sizes.entries - base.byteCount) bytes of entries past the checkpoint that no interrupted append of this ledger explains (an older checkpoint may have been put back); they were moved to \(display(Self.quarantineName)) and nothing was appended: compare the ledger with a checkpoint you trust (leakledger check --against OLD_CHECKPOINT)")
    }

    /// Moves the bytes past the head to `log/quarantine/` (copied and synced before the files
    /// are cut, so nothing is lost at any moment).
    private func quarantine(base: AppendBase, storedCount: Int, sizes: (entries: Int, hashes: Int)) throws(LedgerError) {
        let stamp = "\(Ledger.now().filter(\.isNumber))-at-\(base.checkpoint.size)"
        do {
            try folder.makeDirectory(Self.quarantineName)
            for (name, start, end) in [(Self.entriesName, base.byteCount, sizes.entries), (Self.hashesName, storedCount * 32, sizes.hashes)] where end > start {
                let source = try folder.open(name, flags: O_RDWR)
                let tail = try source.read(count: end - start, at: start)
                let target = Self.quarantineName + "/" + stamp + "-" + FileSystem.baseName(name)
                try folder.writeAtomically(tail, to: target, mode: 0o444)
                try source.truncate(to: start)
                try source.sync()
            }
        } catch {
            throw LedgerError(error)
        }
    }

    func commit(_ newLines: [[UInt8]], after base: AppendBase, marker: PendingAppend,
                signers: [NoteSigner]) throws(LedgerError) -> (checkpoint: Checkpoint, byteCount: Int) {
        let size = base.checkpoint.size
        do {
            try folder.writeAtomically(Array(NoteSigner.sign(marker.text, by: signers).utf8), to: Self.markerName)
            let entries = try folder.open(Self.entriesName, flags: O_RDWR)
            let hashes = try folder.open(Self.hashesName, flags: O_RDWR)
            let storedCount = Merkle.storedHashCount(size)
            var builder = try Merkle.Builder(size: size) { (index: Int) throws(LedgerError) -> SHA256Digest in try storedHash(at: index) }
            var hasher = Merkle.Hasher()
            guard builder.root(hasher: &hasher) == base.checkpoint.root else {
                throw LedgerError.tampered("\(display(Self.hashesName)) does not reproduce the signed root: the stored hashes were changed or damaged; nothing was appended; run leakledger check")
            }
            var text = [UInt8]()
            var pending = [UInt8]()
            for line in newLines {
                for hash in builder.append(leafHash: hasher.leafHash(line), hasher: &hasher) { pending += hash.bytes }
                text += line
                text.append(UInt8(ascii: "\n"))
            }
            let root = builder.root(hasher: &hasher)
            try entries.write(text, at: base.byteCount)
            try hashes.write(pending, at: storedCount * 32)
            try entries.sync()
            try hashes.sync()

            let checkpoint = Checkpoint(origin: origin, size: builder.size, root: root)
            try folder.writeAtomically(Array(NoteSigner.sign(checkpoint.text, by: signers).utf8), to: Self.checkpointName)
            return (checkpoint, base.byteCount + text.count)
        } catch let error as LedgerError {
            throw error
        } catch let error as FileError {
            throw LedgerError(error)
        } catch {
            throw LedgerError(.io, "\(error)")
        }
    }

    func clearMarker() {
        folder.remove(Self.markerName)
    }
}
