#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What comparing a ledger with the reader's memory (``ClientMemory``) found.
public enum MemoryFinding: Sendable, Hashable {
    /// Nothing was remembered for this origin; the ledger's checkpoint now is.
    case firstSeen
    /// The ledger still has the tree remembered.
    case same
    /// The ledger extends the remembered tree (consistency proof checked); the newer
    /// checkpoint is now remembered.
    case extended(from: Checkpoint)
    /// The ledger contradicts what was seen before; the memory is left as it was.
    case conflict(MemoryConflict)
}

/// A ledger that does not extend the checkpoint remembered for its origin: a fork, a
/// rollback (a folder restored from an old copy), or another log under the same name.
public struct MemoryConflict: Sendable, Hashable {
    /// Forked, rolled back or another log.
    public let verdict: CheckpointVerdict
    /// The remembered signed checkpoint, as stored.
    public let rememberedNote: String
    /// The ledger's signed checkpoint now.
    public let currentNote: String
    /// The remembered checkpoint's body.
    public let remembered: Checkpoint
    /// The ledger's checkpoint body now.
    public let current: Checkpoint
    /// The file holding the remembered checkpoint (delete it to accept the ledger as it is).
    public let file: String
    /// The ledger folder.
    public let ledgerPath: String

    /// One line for an `error:` message: what happened, that nothing was done, what to do.
    public var message: String {
        "SECURITY WARNING: the ledger \(ledgerPath) (\(current.origin)) is not the one you saw before: "
            + verdict.explanation(old: remembered, new: current)
            + "; refusing to use it, nothing was appended. Compare it with a copy you trust; if you know why"
            + " it changed (e.g. you restored a backup on purpose), delete \(file) to accept it"
    }
}

extension Ledger {
    /// Compares the ledger's checkpoint with the one remembered for its origin and, when the
    /// ledger has the same tree or extends it (consistency proof), remembers the newer one.
    ///
    /// Runs under a lock in the memory's folder, and reads the memory before the ledger's
    /// checkpoint: a checkpoint is remembered only after it was committed, so a commit by
    /// another process between the two reads can never look like a rollback.
    ///
    /// A memory folder that cannot be created or written is `.cannotCreate` (and only that).
    public func compareWithMemory(_ memory: ClientMemory = .standard()) throws(LedgerError) -> MemoryFinding {
        let advice = "make it writable, or set $XDG_STATE_HOME to a writable folder"
        do { try FileSystem.makeDirectories(memory.directory, mode: 0o700) } catch {
            throw LedgerError(.cannotCreate, "cannot create \(memory.directory) to remember checkpoints (\(error)); \(advice)")
        }
        let lock: LedgerLock
        do { lock = try LedgerLock(path: memory.directory + "/.lock", timeout: 10) } catch {
            throw LedgerError(.cannotCreate, "cannot lock \(memory.directory) to remember checkpoints (\(error.message)); \(advice)")
        }
        let origin = identity.origin
        let known = try memory.rememberedHead(origin: origin)
        let stored = try store.readHead()
        let (head, verdict) = try verifyHead(stored, known: known)
        let finding: MemoryFinding
        if let head {
            // A head is remembered only once its signatures trace to ledger.created (verifyHead).
            remember(head)
            // Written only when something new is learnt: a read of the same tree writes nothing.
            if verdict != .same || known?.facts == nil { try memory.remember(head) }
            switch verdict {
            case nil: finding = .firstSeen
            case .same?: finding = .same
            default: finding = .extended(from: known!.checkpoint)
            }
        } else {
            let remembered = known!
            finding = .conflict(MemoryConflict(verdict: verdict ?? .forked, rememberedNote: remembered.note, currentNote: stored.note,
                                               remembered: remembered.checkpoint, current: stored.checkpoint,
                                               file: memory.path(origin: origin), ledgerPath: path))
        }
        _ = consume lock
        return finding
    }

    /// ``compareWithMemory(_:)``, with a conflict thrown as `.tampered` (exit 1).
    @discardableResult
    public func requireConsistentWithMemory(_ memory: ClientMemory = .standard()) throws(LedgerError) -> MemoryFinding {
        let finding = try compareWithMemory(memory)
        if case .conflict(let conflict) = finding { throw LedgerError.tampered(conflict.message) }
        return finding
    }
}

extension ClientMemory {
    /// Forgets the checkpoint remembered for `origin` (a new ledger was made under that name
    /// on purpose); returns it, if there was one.
    @discardableResult
    public func forget(origin: String) throws(LedgerError) -> String? {
        let old = try remembered(origin: origin)
        if old != nil { FileSystem.removeFile(path(origin: origin)) }
        FileSystem.removeFile(statePath(origin: origin))
        return old
    }
}
