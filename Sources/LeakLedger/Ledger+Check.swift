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

/// The first problem `check` found.
private struct CheckFinding: Error {
    var seq: Int
    var problem: String
    var root: SHA256Digest? = nil
}

extension Ledger {
    /// Recomputes every leaf hash from `log/entries.jsonl`, compares each with `log/hashes`,
    /// recomputes the tree root and verifies the checkpoint's signature and root. Reads only;
    /// never throws: every failure is a finding.
    public func check() -> CheckReport {
        var report = CheckReport(intact: false, size: 0, root: nil, firstBadSeq: 0, problem: nil, uncommittedLines: 0)
        // The checkpoint first: a writer may commit while this runs, and the files then hold at
        // least what the checkpoint read here covers.
        let checkpointResult = Result { () throws(LedgerError) in try store.readCheckpoint() }
        let lines: [ArraySlice<UInt8>], hashBytes: [UInt8]
        do { (lines, hashBytes) = try store.readEverything() } catch {
            report.problem = "cannot read the log: \(error.message)"
            return report
        }
        let checkpoint: Checkpoint, note: String
        switch checkpointResult {
        case .success(let value):
            (note, checkpoint) = value
        case .failure(let error):
            report.size = lines.count
            report.problem = "\(error.message); no entry is vouched for"
            return report
        }
        report.size = checkpoint.size
        report.uncommittedLines = max(0, lines.count - checkpoint.size)

        switch Self.verifyEntries(lines, hashes: hashBytes, checkpoint: checkpoint, origin: identity.origin) {
        case .success(let root):
            report.root = root
        case .failure(let finding):
            report.root = finding.root
            report.firstBadSeq = finding.seq
            report.problem = finding.problem
            return report
        }
        // Every key current at the checkpoint's size signed it; ledger.json agrees with the log.
        if let (seq, problem) = keyProblem(lines: lines, size: checkpoint.size, note: note) {
            report.firstBadSeq = seq
            report.problem = problem
            return report
        }
        report.intact = true
        report.firstBadSeq = nil
        return report
    }

    /// Walks the committed entries: each parses, is canonical, holds its own seq, and hashes to
    /// the stored hashes; then the stored hashes give the checkpoint's root.
    private static func verifyEntries(_ lines: [ArraySlice<UInt8>], hashes hashBytes: [UInt8], checkpoint: Checkpoint,
                                      origin: String) -> Result<SHA256Digest, CheckFinding> {
        var rebuilt = [SHA256Digest]()
        // Sized by the entries there are, never by the number the checkpoint claims.
        rebuilt.reserveCapacity(Merkle.storedHashCount(min(checkpoint.size, lines.count)))
        var hasher = Merkle.Hasher()
        for seq in 0..<checkpoint.size {
            guard seq < lines.count else {
                return .failure(CheckFinding(seq: seq, problem: "log/entries.jsonl ends after \(lines.count) entries but the checkpoint covers \(checkpoint.size): entries from seq \(seq) are missing"))
            }
            let line = lines[seq]
            let entry: Entry
            do { entry = try Entry(line: line) } catch {
                return .failure(CheckFinding(seq: seq, problem: "the entry at seq \(seq) does not parse: \(error.message)"))
            }
            guard entry.seq == seq else {
                return .failure(CheckFinding(seq: seq, problem: "line \(seq + 1) of log/entries.jsonl holds seq \(entry.seq) where seq \(seq) belongs: a line was dropped, duplicated or moved"))
            }
            if seq == 0, entry.type != .ledgerCreated || entry.body["origin"]?.string != origin {
                return .failure(CheckFinding(seq: 0, problem: "the first entry is not the ledger.created entry of \(origin)"))
            }
            let leaf = hasher.leafHash(line)
            let stored = Merkle.storedHashes(forLeaf: seq, leafHash: leaf) { rebuilt[$0] }
            for hash in stored {
                let offset = rebuilt.count * 32
                guard offset + 32 <= hashBytes.count else {
                    return .failure(CheckFinding(seq: seq, problem: "log/hashes ends before the hashes of seq \(seq)"))
                }
                guard hashBytes[offset..<offset + 32].elementsEqual(hash.bytes) else {
                    return .failure(CheckFinding(seq: seq, problem: hash == leaf
                        ? "the entry at seq \(seq) does not match its stored leaf hash: its bytes were changed"
                        : "log/hashes differs from the tree recomputed at seq \(seq): the stored hashes were changed"))
                }
                rebuilt.append(hash)
            }
        }
        let root = Merkle.treeHash(size: checkpoint.size) { rebuilt[$0] }
        guard root == checkpoint.root else {
            return .failure(CheckFinding(seq: 0, problem: "the entries and stored hashes agree but do not give the signed root: the log was rewritten; compare it with an older checkpoint to find where", root: root))
        }
        return .success(root)
    }
}
