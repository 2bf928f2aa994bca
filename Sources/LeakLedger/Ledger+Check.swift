/// What `check` found: intact or not, and if not, the first entry that cannot be trusted.
public struct CheckReport: Sendable, Hashable {
    /// True when every entry, every stored hash, the root and the signature check out.
    public var intact: Bool
    /// The tree size the checkpoint claims (or the entries found, when it cannot be read).
    public var size: Int
    /// The root recomputed from `log/entries.jsonl`, when the entries could be hashed.
    public var root: SHA256Digest?
    /// The first entry that is damaged, missing or not vouched for; nil when intact.
    public var firstBadSeq: Int?
    /// What is wrong, in words; nil when intact.
    public var problem: String?
    /// Lines past the checkpoint: an append that crashed before its commit (harmless; the
    /// next writer cuts them).
    public var uncommittedLines: Int

    /// `intact`, `size`, `root` (hex), `first_bad_seq` and `problem` when not intact.
    public var json: JSONValue {
        .object(dropping: ["intact": .bool(intact), "size": .int(size), "root": root.map { .string($0.hex) },
                           "first_bad_seq": firstBadSeq.map(JSONValue.int), "problem": problem.map(JSONValue.string),
                           "uncommitted_lines": uncommittedLines > 0 ? .int(uncommittedLines) : nil])
    }
}

extension Ledger {
    /// Recomputes every leaf hash from `log/entries.jsonl`, compares each with `log/hashes`,
    /// recomputes the tree root and verifies the checkpoint's signature and root. Reads only;
    /// never throws: every failure is a finding.
    public func check() -> CheckReport {
        var report = CheckReport(intact: false, size: 0, root: nil, firstBadSeq: 0, problem: nil, uncommittedLines: 0)
        let entryBytes: [UInt8], hashBytes: [UInt8]
        do {
            entryBytes = try FileSystem.read(layout.entries)
            hashBytes = try FileSystem.read(layout.hashes)
        } catch {
            report.problem = "cannot read the log: \(error)"
            return report
        }
        let (lines, _) = LogStore.split(entryBytes, lines: Int.max)
        let checkpoint: Checkpoint
        do { checkpoint = try store.readCheckpoint().checkpoint } catch {
            report.size = lines.count
            report.problem = "\(error.message); no entry is vouched for"
            return report
        }
        report.size = checkpoint.size
        report.uncommittedLines = max(0, lines.count - checkpoint.size)

        var rebuilt = [SHA256Digest]()
        rebuilt.reserveCapacity(Merkle.storedHashCount(checkpoint.size))
        var hasher = Merkle.Hasher()
        func fail(_ seq: Int, _ problem: String) -> CheckReport {
            report.firstBadSeq = seq
            report.problem = problem
            return report
        }
        for seq in 0..<checkpoint.size {
            guard seq < lines.count else {
                return fail(seq, "log/entries.jsonl ends after \(lines.count) entries but the checkpoint covers \(checkpoint.size): entries from seq \(seq) are missing")
            }
            let line = lines[seq]
            let entry: Entry
            do { entry = try Entry(line: line) } catch {
                return fail(seq, "the entry at seq \(seq) does not parse: \(error.message)")
            }
            guard entry.seq == seq else {
                return fail(seq, "line \(seq + 1) of log/entries.jsonl holds seq \(entry.seq) where seq \(seq) belongs: a line was dropped, duplicated or moved")
            }
            if seq == 0, entry.type != .ledgerCreated || entry.body["origin"]?.string != identity.origin {
                return fail(0, "the first entry is not the ledger.created entry of \(identity.origin)")
            }
            let leaf = hasher.leafHash(line)
            let stored = Merkle.storedHashes(forLeaf: seq, leafHash: leaf) { rebuilt[$0] }
            for hash in stored {
                let offset = rebuilt.count * 32
                guard offset + 32 <= hashBytes.count else {
                    return fail(seq, "log/hashes ends before the hashes of seq \(seq)")
                }
                guard hashBytes[offset..<offset + 32].elementsEqual(hash.bytes) else {
                    return fail(seq, hash == leaf
                        ? "the entry at seq \(seq) does not match its stored leaf hash: its bytes were changed"
                        : "log/hashes differs from the tree recomputed at seq \(seq): the stored hashes were changed")
                }
                rebuilt.append(hash)
            }
        }
        let root = Merkle.treeHash(size: checkpoint.size) { rebuilt[$0] }
        report.root = root
        guard root == checkpoint.root else {
            return fail(0, "the entries and stored hashes agree but do not give the signed root: the log was rewritten; compare it with an older checkpoint to find where")
        }
        report.intact = true
        report.firstBadSeq = nil
        return report
    }
}
