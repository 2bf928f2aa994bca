#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What `check` found: intact or not, and if not, the first entry that cannot be trusted.
public struct CheckReport: Sendable, Hashable {
    /// True when every entry, every stored hash, the root, the signature, `ledger.json` and
    /// (unless skipped) every stored copy check out.
    public var intact: Bool
    /// The tree size the checkpoint claims (or the entries found, when it cannot be read).
    public var size: Int
    /// The root recomputed from `log/entries.jsonl`, when the entries could be hashed.
    public var root: SHA256Digest?
    /// The first entry that is damaged, missing or not vouched for; nil when intact (or when the
    /// damage is not in an entry: then `file` names it).
    public var firstBadSeq: Int?
    /// What is wrong, in words; nil when intact.
    public var problem: String?
    /// The file the problem is in, relative to the ledger folder, when it is one file.
    public var file: String?
    /// Lines past the checkpoint: an append that crashed before its commit (harmless; the
    /// next writer cuts them when its own marker vouches for them, else keeps them aside).
    public var uncommittedLines: Int
    /// Files kept in `log/quarantine/` for review.
    public var quarantined: [String] = []
    /// Stored copies checked (0 with `quick`).
    public var objectsChecked: Int = 0
    /// Copies in `objects/` that no commit claims (staged by an append that never committed).
    public var leftovers: [String] = []

    /// The root in base64, as the checkpoint shows it.
    public var rootBase64: String? { root.map { Base64.encode($0.bytes) } }

    /// `intact`, `size`, `root` (hex) and `root_base64`, `first_bad_seq`, `problem` and `file`
    /// when not intact, `uncommitted_lines`, `quarantined`, `objects_checked`, `leftovers`.
    public var json: JSONValue {
        .object(dropping: ["intact": .bool(intact), "size": .int(size), "root": root.map { .string($0.hex) },
                           "root_base64": root.map { .string(Base64.encode($0.bytes)) },
                           "first_bad_seq": firstBadSeq.map(JSONValue.int), "problem": problem.map(JSONValue.string),
                           "file": file.map(JSONValue.string),
                           "uncommitted_lines": uncommittedLines > 0 ? .int(uncommittedLines) : nil,
                           "quarantined": quarantined.isEmpty ? nil : .array(quarantined.map(JSONValue.string)),
                           "objects_checked": .int(objectsChecked),
                           "leftovers": leftovers.isEmpty ? nil : .array(leftovers.map(JSONValue.string))])
    }
}

/// The first problem `check` found.
private struct CheckFinding: Error {
    var seq: Int?
    var problem: String
    var file: String?
    var root: SHA256Digest? = nil
}

extension Ledger {
    /// What is wrong with the `ledger.json` of a folder that holds a log (and the size its
    /// checkpoint claims, unverified), or nil: all is well, or the folder is no ledger at all
    /// (opening it then says so). A ledger without a readable `ledger.json` is damage for `check`
    /// to report, not an unreadable input.
    public static func damagedIdentity(at path: String) -> (problem: String, claimedSize: Int)? {
        guard let folder = try? LedgerFolder(path: path),
              (try? folder.kind(of: LogStore.checkpointName)) != nil || (try? folder.kind(of: "log")) != nil
        else { return nil }
        let advice = "no signature can be checked without it: restore ledger.json from a copy you trust (its origin and first key are also in the log's first entry, ledger.created)"
        let claimed = (try? folder.read(LogStore.checkpointName, limit: LogStore.checkpointLimit))
            .flatMap { try? Checkpoint(text: SignedNote.unverifiedText(String(decoding: $0, as: UTF8.self))) }?.size ?? 0
        let bytes: [UInt8]
        do { bytes = try folder.read(identityName, limit: identityLimit) } catch {
            if error.isMissing { return ("ledger.json is missing; " + advice, claimed) }
            return ("ledger.json cannot be read (\(error.description)); " + advice, claimed)
        }
        do {
            let identity = try LedgerIdentity(json: JSONValue(parsing: bytes))
            for key in identity.verifierKeys { _ = try NoteVerifier(verifierKey: key) }
        } catch {
            return ("ledger.json does not parse (\(error.message)); " + advice, claimed)
        }
        return nil
    }

    /// Recomputes every leaf hash from `log/entries.jsonl` (each entry must parse, be canonical
    /// and hold its own seq), compares every stored hash with `log/hashes`, recomputes the root,
    /// traces the keys from `ledger.created` (each `key.added` authorized by the keys before it)
    /// and verifies the checkpoint's signatures with them; then `ledger.json`, the quarantine,
    /// and (unless `quick`) every stored copy against its fingerprint. Reads only; never throws:
    /// every failure is a finding.
    public func check(quick: Bool = false) -> CheckReport {
        var report = CheckReport(intact: false, size: 0, root: nil, firstBadSeq: nil, problem: nil, uncommittedLines: 0)
        report.quarantined = ((try? folder.contents(of: LogStore.quarantineName)) ?? []).sorted().map { LogStore.quarantineName + "/" + $0 }
        let stored: StoredHead
        do { stored = try store.readHead() } catch {
            report.problem = "\(error.message); no entry is vouched for"
            report.file = LogStore.checkpointName
            report.firstBadSeq = 0
            return report
        }
        report.size = stored.checkpoint.size
        let walked: (keys: KeyHistory, registrations: [(seq: Int, body: JSONValue)])
        switch walk(stored, report: &report) {
        case .success(let result):
            walked = result
        case .failure(let finding):
            report.root = finding.root
            report.firstBadSeq = finding.seq
            report.problem = finding.problem
            report.file = finding.file
            return report
        }
        do { _ = try walked.keys.verifyCheckpoint(stored.note, size: stored.checkpoint.size) } catch {
            report.firstBadSeq = 0
            report.problem = "\(error.message); no entry is vouched for"
            report.file = LogStore.checkpointName
            return report
        }
        if let problem = identityProblem(walked.keys) {
            report.problem = problem
            report.file = Self.identityName
            return report
        }
        if !report.quarantined.isEmpty {
            report.problem = "\(report.quarantined.count) file(s) in log/quarantine/ hold entries that were past the checkpoint when a writer found them; review them: if they belong to this ledger, put back the checkpoint that covers them, otherwise move them out of the ledger folder"
            report.file = LogStore.quarantineName
            return report
        }
        if let finding = checkObjects(walked.registrations, quick: quick, report: &report) {
            report.firstBadSeq = finding.seq
            report.problem = finding.problem
            report.file = finding.file
            return report
        }
        report.intact = true
        return report
    }

    /// Walks every line: parse, canonical form, seq, the first entry, key rules, stored hashes,
    /// root. Returns the key history and the registrations (for the stored copies).
    private func walk(_ stored: StoredHead, report: inout CheckReport) -> Result<(keys: KeyHistory, registrations: [(seq: Int, body: JSONValue)]), CheckFinding> {
        let size = stored.checkpoint.size
        var walk = LogWalk(origin: identity.origin)
        var registrations: [(seq: Int, body: JSONValue)] = []
        var ids: [String: Int] = [:]
        // Blind registrations, by id: their index in `registrations` (a reveal is checked against them).
        var blind: [String: Int] = [:]
        var finding: CheckFinding?
        var extra = 0
        var mismatch: (seq: Int, leaf: Bool)?
        var hashIndex = 0
        var hashBuffer: [UInt8] = []
        var hashBufferStart = 0
        let hashes: RawFile
        do { hashes = try folder.open(LogStore.hashesName, flags: O_RDONLY) } catch {
            return .failure(CheckFinding(seq: 0, problem: "log/hashes cannot be read: \(error)", file: LogStore.hashesName))
        }
        let hashCount = ((try? hashes.size()) ?? 0) / 32
        func storedHash(_ index: Int) -> [UInt8]? {
            if index >= hashBufferStart + hashBuffer.count / 32 || index < hashBufferStart {
                let count = min(1 << 15, hashCount - index)
                guard count > 0, let bytes = try? hashes.read(count: count * 32, at: index * 32) else { return nil }
                hashBuffer = bytes
                hashBufferStart = index
            }
            let at = (index - hashBufferStart) * 32
            return Array(hashBuffer[at..<at + 32])
        }
        do throws(LedgerError) {
            try store.scanLines(from: 0) { (line: UnsafeRawBufferPointer, _: Int) throws(LedgerError) -> Bool in
                let seq = walk.seq
                guard seq < size else { extra += 1; return true }
                let entry: Entry
                do throws(LedgerError) { entry = try Entry(line: line) } catch {
                    finding = CheckFinding(seq: seq, problem: "the entry at seq \(seq) does not parse: \(error.message)", file: LogStore.entriesName)
                    return false
                }
                guard entry.seq == seq else {
                    finding = CheckFinding(seq: seq, problem: "line \(seq + 1) of log/entries.jsonl holds seq \(entry.seq) where seq \(seq) belongs: a line was dropped, duplicated or moved", file: LogStore.entriesName)
                    return false
                }
                if entry.type == .documentRegistered, let id = entry.body["id"]?.string {
                    if let first = ids[id] {
                        finding = CheckFinding(seq: seq, problem: "the entry at seq \(seq) registers the id \(id) again (first registered at seq \(first)): a writer never commits that", file: LogStore.entriesName)
                        return false
                    }
                    ids[id] = seq
                    if entry.body["blind"] != nil { blind[id] = registrations.count }
                    registrations.append((seq, entry.body))
                }
                if entry.type == .documentRevealed {
                    let id = entry.body["document"]?.string ?? ""
                    let registration = blind[id].map { registrations[$0] }
                    if let problem = Self.revealProblem(entry.body, registration: registration) {
                        finding = CheckFinding(seq: seq, problem: "the document.revealed entry at seq \(seq) does not open what it claims: \(problem)", file: LogStore.entriesName)
                        return false
                    }
                    // The revealed SHA-256 is what the blind copy is checked against.
                    if let index = blind[id], let sha256 = entry.body["sha256"], case .object(var body) = registrations[index].body {
                        body["revealed_sha256"] = sha256
                        registrations[index].body = .object(body)
                    }
                }
                let produced: [SHA256Digest]
                do throws(LedgerError) { produced = try walk.take(line) } catch {
                    finding = CheckFinding(seq: seq, problem: error.message, file: LogStore.entriesName)
                    return false
                }
                for hash in produced {
                    guard let onDisk = storedHash(hashIndex) else {
                        finding = CheckFinding(seq: seq, problem: "log/hashes ends before the hashes of seq \(seq)", file: LogStore.hashesName)
                        return false
                    }
                    // A mismatch is noted and the walk goes on: the root decides which file is
                    // wrong (entries that give the signed root are right; the hashes are not).
                    if onDisk != hash.bytes, mismatch == nil { mismatch = (seq, hash == produced[0]) }
                    hashIndex += 1
                }
                return true
            }
        } catch {
            return .failure(CheckFinding(seq: walk.seq, problem: "cannot read the log: \(error.message)", file: LogStore.entriesName))
        }
        if let finding { return .failure(finding) }
        report.uncommittedLines = extra
        guard walk.seq == size else {
            return .failure(CheckFinding(seq: walk.seq, problem: "log/entries.jsonl ends after \(walk.seq) entries but the checkpoint covers \(size): entries from seq \(walk.seq) are missing", file: LogStore.entriesName))
        }
        let root = walk.root()
        report.root = root
        guard root == stored.checkpoint.root else {
            if let mismatch, mismatch.leaf {
                return .failure(CheckFinding(seq: mismatch.seq, problem: "the entry at seq \(mismatch.seq) does not match its stored leaf hash: its bytes were changed", file: LogStore.entriesName, root: root))
            }
            return .failure(CheckFinding(seq: mismatch?.seq ?? 0, problem: "the entries do not give the signed root: the log was rewritten; compare it with an older checkpoint to find where", file: LogStore.entriesName, root: root))
        }
        if let mismatch {
            return .failure(CheckFinding(seq: mismatch.seq, problem: "log/hashes differs from the tree recomputed at seq \(mismatch.seq): the stored hashes were changed or damaged (the entries give the signed root)", file: LogStore.hashesName, root: root))
        }
        return .success((walk.keys, registrations))
    }

    /// Every stored copy a registration claims is there and matches its fingerprint (unless
    /// `quick`); copies no registration claims are listed as leftovers.
    private func checkObjects(_ registrations: [(seq: Int, body: JSONValue)], quick: Bool, report: inout CheckReport) -> CheckFinding? {
        var claimed: Set<String> = []
        // One listing of objects/ says what is there; only what is there is opened.
        let present = Set((try? folder.contents(of: ObjectStore.directory)) ?? [])
        for (seq, body) in registrations where body["stored"]?.bool == true {
            var objects = [body["sha256"]?.string, body["text_object"]?.string].compactMap { $0 }.map { ($0, $0) }
            if let name = body["blind"]?["sha256"]?.string {
                // A blind copy is named by its commitment; its content is checked when its SHA-256
                // was revealed, or the keeper's secrets open it (else it can only be found present).
                objects.append((name, body["revealed_sha256"]?.string ?? keeperOpening(of: body)["sha256"] ?? ""))
            }
            for (hex, expected) in objects {
                claimed.insert(hex)
                let name = ObjectStore.name(hex)
                guard present.contains(hex) else {
                    return CheckFinding(seq: seq, problem: "\(name), registered at seq \(seq), is missing", file: name)
                }
                guard !quick, let digest = SHA256Digest(hex: expected) else { continue }
                do {
                    let file = try folder.open(name, flags: O_RDONLY)
                    let hash = try SHA256.hash(descriptor: file.descriptor, path: file.path)
                    report.objectsChecked += 1
                    guard hash.sha256 == digest else {
                        return CheckFinding(seq: seq, problem: "\(name), registered at seq \(seq), does not match its fingerprint: the stored copy was changed or damaged", file: name)
                    }
                } catch where error.errno == ELOOP || error.description.contains("not a regular file") || error.description.contains("symbolic link") {
                    return CheckFinding(seq: seq, problem: "\(name), registered at seq \(seq), is not a regular file (a link or a special file); a ledger folder holds only regular files", file: name)
                } catch {
                    return CheckFinding(seq: seq, problem: "\(name), registered at seq \(seq), cannot be read: \(error)", file: name)
                }
            }
        }
        for name in present.sorted() where !claimed.contains(name) {
            report.leftovers.append(ObjectStore.directory + "/" + name)
        }
        return nil
    }
}
