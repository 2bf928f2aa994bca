import Extraction
import Commitments
import Foundation
import GRDB

/// How `register --recursive` imports folder trees.
public struct ImportOptions: Sendable {
    /// What every document of the import records besides its bytes (the id comes from the path).
    public var metadata: DocumentMetadata
    /// Record fingerprints only; keep no copies.
    public var hashOnly: Bool
    /// Register every document blind (commitments in place of the fingerprints); nil: in the open.
    public var blind: BlindOptions?
    /// Files read, hashed and prepared at once.
    public var jobs: Int
    /// How texts are derived from PDFs, scans, Office files, web pages and e-mail.
    public var extraction: ExtractionOptions
    /// A commit is made at the latest after this many files…
    public var batchFiles: Int
    /// …or this many bytes read…
    public var batchBytes: Int
    /// …or this many seconds.
    public var batchSeconds: Double

    /// Options with the defaults: every core, commits of 5,000 files, 1 GiB or 10 seconds.
    public init(metadata: DocumentMetadata = DocumentMetadata(), hashOnly: Bool = false, blind: BlindOptions? = nil,
                jobs: Int = ProcessInfo.processInfo.activeProcessorCount, extraction: ExtractionOptions = ExtractionOptions(),
                batchFiles: Int = 5000, batchBytes: Int = 1 << 30, batchSeconds: Double = 10) {
        self.metadata = metadata
        self.extraction = extraction
        self.hashOnly = hashOnly
        self.blind = blind
        self.jobs = max(1, jobs)
        self.batchFiles = max(1, batchFiles)
        self.batchBytes = max(1, batchBytes)
        self.batchSeconds = batchSeconds
    }
}

/// Where an import stands (for a progress bar).
public struct ImportProgress: Sendable {
    /// Files and bytes read so far.
    public var files = 0
    public var bytes = 0
    /// Files registered so far (committed).
    public var registered = 0
    /// Files skipped because their bytes are already registered.
    public var alreadyRegistered = 0
    /// Commits made.
    public var batches = 0
}

/// What an import did.
public struct ImportSummary: Sendable {
    /// Counts as the progress gave them at the end.
    public var progress = ImportProgress()
    /// Hidden names, symbolic links and special files skipped.
    public var hidden = 0
    public var links = 0
    public var special = 0
    /// Files (or folders) that could not be read, with the reason (the first 100).
    public var failed: [(path: String, reason: String)] = []
    /// How many could not be read in all.
    public var failedCount = 0
    /// Documents registered whose text could not be searched (the first 100), with the reason.
    public var unsearched: [(document: String, reason: String)] = []

    /// `registered`, `already_registered`, `skipped_hidden`, `skipped_links`, `skipped_special`,
    /// `failed[]` of `path`, `reason`, `failed_count`, `bytes`, `batches`.
    public var json: JSONValue {
        ["registered": .int(progress.registered), "already_registered": .int(progress.alreadyRegistered),
         "skipped_hidden": .int(hidden), "skipped_links": .int(links), "skipped_special": .int(special),
         "failed": .array(failed.map { ["path": .string($0.path), "reason": .string($0.reason)] }),
         "failed_count": .int(failedCount), "bytes": .int(progress.bytes), "batches": .int(progress.batches)]
    }
}

/// One file read and prepared for registration (on any core).
struct PreparedFile {
    /// Every copy it staged: its bytes, its derived text.
    var staged: [String] { [ingested.staged, derived?.stagedText == true ? derived?.textObject : nil].compactMap { $0 } }

    var ingested: IngestedFile
    var text: TextClassification
    /// The derived text of a file of a known format (PDF, scan, DOCX…), or why there is none.
    var derived: DerivedText?
    /// The files inside it (attachments, an mbox's messages), each registered on its own.
    var embedded: [EmbeddedDocument] = []
}

extension Ledger {
    /// Registers every regular file under the folders `roots` (`register --recursive`): ids from
    /// the path relative to its root (made safe and unique), files read and prepared on
    /// `options.jobs` cores, committed in batches under one writer's lock. A file whose bytes
    /// are already registered is skipped and counted, so an interrupted import, run again,
    /// finishes the job. Memory does not grow with the number of files.
    public func importTrees(_ roots: [String], options: ImportOptions, actor: String,
                            progress: ((ImportProgress) -> Void)? = nil) throws(LedgerError) -> ImportSummary {
        guard !roots.isEmpty else { throw LedgerError.usage("name at least one folder to import") }
        for root in roots where !FileSystem.isDirectory(root) {
            throw FileSystem.exists(root)
                ? LedgerError.usage("\(root) is not a folder; --recursive imports folders (register files without it)")
                : LedgerError.missing("no folder at \(root): check the path")
        }
        if let published = options.metadata.published { _ = try LedgerDate.validate(published, option: "--published") }
        var summary = ImportSummary()
        var walker = TreeWalker(roots: roots)
        let chunk = max(16, options.jobs * 8)
        try withWriterSession(actor: actor) { (session: WriterSession) throws(LedgerError) in
            if !options.hashOnly { try objects.prepare() }
            var pending: [(file: TreeWalker.File, prepared: Result<PreparedFile, LedgerError>)] = []
            var pendingBytes = 0
            var started = Date()
            var finished = false
            while !finished {
                var files: [TreeWalker.File] = []
                while files.count < chunk, let file = walker.next() { files.append(file) }
                finished = files.count < chunk
                for (file, prepared) in zip(files, prepare(files.map(\.path), keep: !options.hashOnly, extraction: options.hashOnly ? nil : options.extraction)) {
                    pending.append((file, prepared))
                    pendingBytes += file.size
                    summary.progress.files += 1
                    summary.progress.bytes += file.size
                }
                if finished || pending.count >= options.batchFiles || pendingBytes >= options.batchBytes
                    || Date().timeIntervalSince(started) >= options.batchSeconds
                {
                    try commitBatch(pending, session: session, options: options, summary: &summary)
                    pending.removeAll(keepingCapacity: true)
                    pendingBytes = 0
                    started = Date()
                }
                progress?(summary.progress)
            }
        }
        summary.hidden = walker.skipped.hidden
        summary.links = walker.skipped.links
        summary.special = walker.skipped.special
        for (path, reason) in walker.unreadable { summary.note(failure: path, reason) }
        return summary
    }

    /// How many files and bytes `register --recursive` would read under `roots` (a walk that
    /// reads no file, for a progress bar's totals).
    public static func importTotals(_ roots: [String]) -> (files: Int, bytes: Int) {
        TreeWalker.totals(roots)
    }

    /// Reads, hashes, stages and fingerprints files on every core; a file that fails is its
    /// own failure, never the batch's.
    func prepare(_ paths: [String], keep: Bool, extraction: ExtractionOptions?) -> [Result<PreparedFile, LedgerError>] {
        let results = UnsafeMutableBufferPointer<Result<PreparedFile, LedgerError>?>.allocate(capacity: paths.count)
        results.initialize(repeating: nil)
        defer { results.deallocate() }
        let shared = UncheckedBuffer(results)
        DispatchQueue.concurrentPerform(iterations: paths.count) { index in
            shared.buffer[index] = Result { () throws(LedgerError) -> PreparedFile in try prepareFile(paths[index], keep: keep, extraction: extraction) }
        }
        return results.map { $0! }
    }

    /// One file: its bytes hashed and (unless `keep` is false) staged as a copy, its text
    /// fingerprinted (with its quote commitment when the keeper's secrets are kept), and its
    /// index buckets kept for the indexing after the commit. A file of a format whose text a
    /// library derives (PDF, scans, DOCX/ODT, HTML, e-mail) is read in the extraction worker.
    func prepareFile(_ path: String, keep: Bool, extraction: ExtractionOptions?) throws(LedgerError) -> PreparedFile {
        var ingested = try objects.ingest(path, keep: keep)
        // A format whose text a library derives (with the copy kept: --hash-only derives nothing).
        let readable = path == "-" ? ingested.staged.map { objects.stagedPath($0) } : path
        if keep, let extraction, let readable, let format = DocumentFormat.detect(fileAt: readable) {
            let extractor: Extractor
            do { extractor = try Extractor(options: extraction) } catch {
                throw LedgerError(.io, "cannot derive the text of \(path) (\(format.rawValue)): \(error.reason); install leakledger-extract beside leakledger (swift build builds both), or register with --hash-only")
            }
            let (derived, embedded) = try derive(fileAt: readable, format: format, extractor: extractor, keep: keep)
            ingested.content = nil
            return PreparedFile(ingested: ingested, text: derived.text, derived: derived, embedded: embedded)
        }
        let text = ingested.content.map { prepareText(of: $0, object: ingested.digest.sha256, keep: keep) } ?? .binary
        ingested.content = nil
        return PreparedFile(ingested: ingested, text: text)
    }

    /// Content already in memory (a DKIM key record), prepared as ``prepareFile(_:keep:)`` does.
    func prepareData(_ bytes: [UInt8], keep: Bool) throws(LedgerError) -> PreparedFile {
        let digest = FileDigest(sha256: SHA256.hash(bytes), byteCount: bytes.count)
        var staged: String?
        if keep {
            let result = try objects.stage(bytes)
            staged = result.staged ? result.hex : nil
        }
        return PreparedFile(ingested: IngestedFile(digest: digest, staged: staged, content: nil),
                            text: prepareText(of: bytes, object: digest.sha256, keep: keep))
    }

    /// The text side of registered content: its L1 text, fingerprinted and committed to in one
    /// pass, and its index buckets kept for the indexing after the commit.
    func prepareText(of content: [UInt8], object: SHA256Digest, keep: Bool) -> TextClassification {
        guard let l1 = Self.l1Text(of: content) else { return .binary }
        let secret = secretStore == nil ? nil : DocumentSecret()
        guard keep else { return Self.textFingerprint(ofL1: l1, secret: secret) }
        // The fingerprint with its commitment, and the index buckets: two passes over the same
        // text that need nothing of each other, so they run side by side.
        let results = UnsafeMutableBufferPointer<TextClassification?>.allocate(capacity: 1)
        results.initialize(repeating: nil)
        defer { results.deallocate() }
        let shared = UncheckedBuffer(results)
        DispatchQueue.concurrentPerform(iterations: 2) { task in
            if task == 0 {
                shared.buffer[0] = Self.textFingerprint(ofL1: l1, secret: secret)
            } else {
                self.keep(.buckets(TextBuckets.buckets(of: l1)), for: object)
            }
        }
        return results[0]!
    }

    /// The body of a registration of a prepared file, and the secrets its keeper keeps for it
    /// (the quote secret; for a blind registration, the blind secret and the withheld values).
    static func registrationDraft(_ prepared: PreparedFile, id: String, metadata: DocumentMetadata, stored: Bool, fileName: String?,
                                  blind: BlindOptions? = nil) -> (draft: EntryDraft, secrets: DocumentSecrets?) {
        var members = metadata.bodyMembers(id: id)
        members["sha256"] = .string(prepared.ingested.digest.sha256.hex)
        members["bytes"] = .int(prepared.ingested.digest.byteCount)
        members["content"] = .string(prepared.text.content)
        members["text_sha256"] = prepared.text.sha256.map { .string($0.hex) }
        members["stored"] = .bool(stored)
        members["file_name"] = fileName.map(JSONValue.string)
        if let derived = prepared.derived { members.merge(Self.members(of: derived)) { $1 } }
        var secrets: DocumentSecrets?
        if let quote = prepared.text.quote {
            for (key, value) in quote.commitment.bodyMembers { members[key] = value }
            secrets = DocumentSecrets(document: id, quote: quote.secret)
        }
        if let blind { secrets = blind.withhold(&members, quote: secrets?.quote, id: id) }
        return (EntryDraft(type: .documentRegistered, body: .object(dropping: members)), secrets)
    }

    /// Drafts the registration of a prepared file inside an append: its staged copy claimed
    /// (renamed to its commitment's name when blind), its secrets recorded for saving before the
    /// commit. A blind registration of bytes already registered is refused: it would hide nothing.
    func draftRegistration(_ prepared: PreparedFile, id: String, metadata: DocumentMetadata, stored: Bool, fileName: String?,
                           blind: BlindOptions?, context: AppendContext) throws(LedgerError) -> EntryDraft {
        if prepared.derived?.textObject != nil, blind != nil {
            throw LedgerError.usage("\(id): register --blind takes files whose text is their own (plain text) or binary; the text derived from a \(prepared.derived!.format.rawValue) would be kept under a fingerprint of its own")
        }
        for hex in prepared.staged { context.stage(hex) }
        let (draft, secrets) = Self.registrationDraft(prepared, id: id, metadata: metadata, stored: stored, fileName: fileName, blind: blind)
        if let secrets {
            guard secretStore != nil else {
                throw LedgerError(.noKey, "register --blind needs the keeper's secret store beside the private key; open the ledger with its key")
            }
            context.keep(secrets)
        }
        if blind != nil {
            let digest = prepared.ingested.digest.sha256
            _ = precomputed(digest)
            if let known = try state().documentID(sha256: digest) {
                throw LedgerError.usage("\(id): these bytes are already registered as \(known); a second, blind registration would hide nothing")
            }
            if stored {
                guard let staged = prepared.ingested.staged, let name = draft.body["blind"]?["sha256"]?.string else {
                    throw LedgerError.usage("\(id): a copy of these bytes is already in objects/ under its SHA-256; register it blind with --hash-only, or remove the copy")
                }
                try context.restage(staged, as: name)
            }
        }
        return draft
    }

    /// The registrations of the files inside `prepared` (ids `ID/NAME`, made safe and unique),
    /// each linked `derived_from` the file it came out of, and the copies they stage.
    func embeddedDrafts(_ prepared: PreparedFile, id: String, metadata: DocumentMetadata, stored: Bool, context: AppendContext,
                        uniqueID: (String) throws(LedgerError) -> String) throws(LedgerError) -> (drafts: [EntryDraft], staged: [String]) {
        var drafts: [EntryDraft] = [], links: [EntryDraft] = [], staged: [String] = []
        var ids: [[String]: String] = [[]: id]
        for file in prepared.embedded {
            let parent = ids[Array(file.path.dropLast())] ?? id
            let child = try uniqueID(parent + "/" + Self.safeName(file.path.last ?? "file"))
            ids[file.path] = child
            var childMetadata = metadata
            childMetadata.title = nil
            drafts.append(try draftRegistration(file.prepared, id: child, metadata: childMetadata, stored: stored,
                                                fileName: file.path.last, blind: nil, context: context))
            staged += file.prepared.staged
            let note = file.prepared.derived?.format == .email && prepared.derived?.format == .mbox ? "a message of the mailbox" : "a file attached to it"
            links.append(EntryDraft(type: .linkAdded, body: ["from": .string(child), "relation": "derived_from", "to": .string(parent), "note": .string(note)]))
        }
        return (drafts + links, staged)
    }

    /// A name inside a file as a safe piece of an id: white space and controls made `_`.
    static func safeName(_ name: String) -> String {
        let safe = String(String.UnicodeScalarView(name.unicodeScalars.map { scalar -> Unicode.Scalar in
            scalar.properties.isWhitespace || scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar == "/" ? "_" : scalar
        }))
        return safe.isEmpty ? "file" : String(safe.prefix(120))
    }

    private func commitBatch(_ batch: [(file: TreeWalker.File, prepared: Result<PreparedFile, LedgerError>)], session: WriterSession,
                             options: ImportOptions, summary: inout ImportSummary) throws(LedgerError) {
        var registered = 0, already = 0
        var failures: [(String, String)] = []
        let entries = try session.commit { (context: AppendContext) throws(LedgerError) -> [EntryDraft] in
            let state = try state()
            var drafts: [EntryDraft] = []
            var seen = Set<SHA256Digest>()
            var ids = Set<String>()
            var kept = Set<String>()
            var unused: [String] = []
            var links: [EntryDraft] = []
            for (file, outcome) in batch {
                let prepared: PreparedFile
                switch outcome {
                case .failure(let error): failures.append((file.path, error.message)); continue
                case .success(let value): prepared = value
                }
                let digest = prepared.ingested.digest.sha256
                let known = try state.isRegistered(sha256: digest)
                if !seen.insert(digest).inserted || known {
                    already += 1
                    if let staged = prepared.ingested.staged { unused.append(staged) }
                    _ = precomputed(digest)
                    continue
                }
                let id = try state.uniqueID(Self.importID(file.relative), taken: ids)
                ids.insert(id)
                for hex in prepared.staged { kept.insert(hex) }
                drafts.append(try draftRegistration(prepared, id: id, metadata: options.metadata, stored: !options.hashOnly,
                                                    fileName: FileSystem.baseName(file.path), blind: options.blind, context: context))
                let inside = try embeddedDrafts(prepared, id: id, metadata: options.metadata, stored: !options.hashOnly, context: context) { (base: String) throws(LedgerError) -> String in
                    let unique = try state.uniqueID(base, taken: ids)
                    ids.insert(unique)
                    return unique
                }
                links += inside.drafts.filter { $0.type == .linkAdded }
                drafts += inside.drafts.filter { $0.type == .documentRegistered }
                for hex in inside.staged { kept.insert(hex) }
                registered += 1
            }
            objects.discard(unused.filter { !kept.contains($0) })
            return drafts + links
        }
        summary.progress.registered += entries.count
        summary.progress.alreadyRegistered += already
        if !entries.isEmpty { summary.progress.batches += 1 }
        for (path, reason) in failures { summary.note(failure: path, reason) }
        _ = registered
    }

    /// An id from a path relative to the imported folder: the path without the file's last
    /// extension (as for single files), white space and control characters made `_`, a leading
    /// `-` escaped, and a long path cut with a hash of the whole so that it stays unique.
    static func importID(_ relative: String) -> String {
        var name = relative
        if let slash = name.lastIndex(of: "/") {
            let last = name[name.index(after: slash)...]
            if let dot = last.lastIndex(of: "."), dot != last.startIndex { name = String(name[..<dot]) }
        } else if let dot = name.lastIndex(of: "."), dot != name.startIndex {
            name = String(name[..<dot])
        }
        var safe = String(String.UnicodeScalarView(name.unicodeScalars.map { scalar -> Unicode.Scalar in
            let value = scalar.value
            if scalar.properties.isWhitespace || value < 0x20 || (0x7F...0x9F).contains(value)
                || (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value) { return "_" }
            return scalar
        }))
        if safe.hasPrefix("-") { safe = "_" + safe }
        if safe.isEmpty { safe = "_" }
        if safe.count > 200 {
            safe = String(safe.prefix(180)) + "~" + String(SHA256.hash(relative).hex.prefix(12))
        }
        return safe
    }
}

extension ImportSummary {
    mutating func note(failure path: String, _ reason: String) {
        failedCount += 1
        if failed.count < 100 { failed.append((path, reason)) }
    }
}

extension LedgerState {
    /// Whether a document with these bytes is registered.
    func isRegistered(sha256: SHA256Digest) throws(LedgerError) -> Bool {
        try read { db in try Int.fetchOne(db, sql: "SELECT 1 FROM documents WHERE sha256 = ? LIMIT 1", arguments: [Data(sha256.bytes)]) != nil }
    }

    /// The id of a document in force with these bytes, the oldest.
    func documentID(sha256: SHA256Digest) throws(LedgerError) -> String? {
        try read { db in
            try String.fetchOne(db, sql: "SELECT id FROM documents WHERE sha256 = ? AND withdrawn = 0 ORDER BY seq LIMIT 1", arguments: [Data(sha256.bytes)])
        }
    }

    /// `base`, or `base~2`, `base~3`… the first not registered and not in `taken`.
    func uniqueID(_ base: String, taken: Set<String>) throws(LedgerError) -> String {
        try read { db in
            var candidate = base
            var suffix = 1
            func isTaken(_ id: String) throws -> Bool {
                try taken.contains(id) || Int.fetchOne(db, sql: "SELECT 1 FROM documents WHERE id = ?", arguments: [id]) != nil
            }
            while try isTaken(candidate) {
                suffix += 1
                candidate = base + "~\(suffix)"
            }
            return candidate
        }
    }
}
