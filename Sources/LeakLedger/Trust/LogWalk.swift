#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
internal import CSystem

/// A walk over a stretch of the log, in order: every line's leaf hash goes into the tree, and
/// every key entry into the key history (each `key.added` checked against the tree head it
/// extends). What a reader learns this way is true of the signed root once ``root()`` equals it.
final class LogWalk {
    /// The ledger's origin (for `ledger.created` and key authorizations).
    let origin: String
    /// The tree so far.
    private(set) var builder: Merkle.Builder
    /// The keys so far.
    private(set) var keys: KeyHistory
    private var hasher = Merkle.Hasher()

    /// A walk from the start of the log.
    init(origin: String) {
        self.origin = origin
        builder = Merkle.Builder()
        keys = KeyHistory()
    }

    /// A walk that continues a verified head: its tree (from stored hashes, to be checked against
    /// its root by the caller) and its keys.
    init(origin: String, builder: Merkle.Builder, keys: KeyHistory) {
        self.origin = origin
        self.builder = builder
        self.keys = keys
    }

    /// The seq the next line must hold.
    var seq: Int { builder.size }

    /// Takes the next line; returns the hashes storage holds for it. A line that cannot be the
    /// next entry (seq 0 not this ledger's `ledger.created`, a key entry that breaks the rules)
    /// is `.tampered`, naming the seq.
    @discardableResult
    func take(_ line: UnsafeRawBufferPointer) throws(LedgerError) -> [SHA256Digest] {
        let seq = builder.size
        if seq == 0 || Ledger.mayChangeKeys(line) {
            let entry: Entry
            do { entry = try Entry(line: line) } catch {
                throw LedgerError.tampered("the entry at seq \(seq) does not parse (\(error.message)); run leakledger check")
            }
            guard entry.seq == seq else {
                throw LedgerError.tampered("line \(seq + 1) of log/entries.jsonl holds seq \(entry.seq) where seq \(seq) belongs; run leakledger check")
            }
            if seq == 0, entry.type != .ledgerCreated || entry.body["origin"]?.string != origin {
                throw LedgerError.tampered("the first entry is not the ledger.created entry of \(origin); run leakledger check")
            }
            if seq == 0 || entry.type.isKeyChange {
                let head = Checkpoint(origin: origin, size: seq, root: builder.root(hasher: &hasher))
                do { try keys.apply(entry.type, body: entry.body, seq: seq, extending: head) } catch {
                    throw LedgerError.tampered("entry \(seq) (\(entry.type)): \(error.message); run leakledger check")
                }
            }
        }
        return builder.append(leafHash: hasher.leafHash(line), hasher: &hasher)
    }

    /// The tree head of the lines taken so far.
    func root() -> SHA256Digest {
        builder.root(hasher: &hasher)
    }
}

extension Ledger {
    /// True for lines holding `"type":"key.` (every key entry does; a false positive is only
    /// parsed for nothing). Cheap enough to run on every line of a large log.
    static func mayChangeKeys(_ line: UnsafeRawBufferPointer) -> Bool {
        guard line.count >= keyTypeMarker.count else { return false }
        return keyTypeMarker.withUnsafeBytes { marker in
            leakledger_memmem(line.baseAddress, line.count, marker.baseAddress, marker.count) != nil
        }
    }

    private static let keyTypeMarker = Array("\"type\":\"key.".utf8)
}
