#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Synchronization

/// Excerpt verification over a ledger: candidates from the derived ``SearchIndex``, confirmed
/// and graded by ContentHash's ``ExcerptVerifier``.
///
/// A query reads the index and the texts of its candidates only, never every registered text.
/// The index is brought up to date from the log before use (built on first use, also for a
/// ledger opened read-only) and after every append made in this process.
public final class ExcerptSearch: Sendable {
    /// The ledger searched.
    public let ledger: Ledger
    /// The derived index.
    public let index: SearchIndex
    /// Prepared layers of the segments met so far, by segment id: a long-lived search (a
    /// server, the benchmark) prepares each text once.
    private let prepared = Mutex<[Int64: TextLayers]>([:])
    /// The checkpoint file's bytes when the index was last found current: while they are the
    /// same, nothing was committed since, and a query skips the signature check and the look-up.
    private let confirmed = Mutex<[UInt8]?>(nil)
    let verifier = ExcerptVerifier()

    /// Opens the ledger's index (see ``indexPath(for:)``) and brings it up to date.
    public init(ledger: Ledger) throws(LedgerError) {
        self.ledger = ledger
        self.index = try SearchIndex(path: try Self.indexPath(for: ledger))
        try update()
    }

    /// Where a ledger's index lives: `index.sqlite` in the folder when the folder is writable,
    /// else a file under the user's cache folder named by the ledger's origin and path.
    public static func indexPath(for ledger: Ledger) throws(LedgerError) -> String {
        if access(ledger.path, W_OK) == 0 { return ledger.path + "/index.sqlite" }
        let environment = ProcessInfo.processInfo.environment
        let cache = environment["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.cache"
        let folder = cache + "/leakledger/index"
        do { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) } catch {
            throw LedgerError(.cannotCreate, "cannot create \(folder) for the search index of a read-only ledger: \(error.localizedDescription)")
        }
        let real = URL(fileURLWithPath: ledger.path).standardizedFileURL.resolvingSymlinksInPath().path
        let name = SHA256.hash(ledger.identity.origin + "\n" + real).hex.prefix(24)
        return folder + "/\(name).sqlite"
    }

    // MARK: Keeping the index current

    /// Indexes what the log holds beyond what the index covers. An index that does not match the
    /// log's tree at its own size (another ledger's, or a rewritten log) is rebuilt from scratch,
    /// as is one that a correction touches.
    public func update() throws(LedgerError) {
        try update(rebuild: false)
    }

    /// Rebuilds the index from the log and `objects/`.
    public func rebuild() throws(LedgerError) {
        try update(rebuild: true)
    }

    private func update(rebuild: Bool) throws(LedgerError) {
        let seen = try? FileSystem.read(ledger.path + "/checkpoint")
        if !rebuild, let seen, confirmed.withLock({ $0 == seen }) { return }
        try catchUp(rebuild: rebuild)
        confirmed.withLock { $0 = seen }
    }

    private func catchUp(rebuild: Bool) throws(LedgerError) {
        for _ in 0..<5 {
            let checkpoint = try ledger.latestCheckpoint()
            let position = try index.position()
            if !rebuild, let position, position.size == checkpoint.size, position.root == checkpoint.root.hex { return }
            let entries = try ledger.entries()
            let size = entries.count
            let root = try treeHash(size: size)
            var start = 0
            if !rebuild, let position, position.size <= size,
               try treeHash(size: position.size) == position.root,
               !entries[position.size...].contains(where: { $0.type == .entryCorrected })
            {
                start = position.size
            }
            if start == 0 { prepared.withLock { $0.removeAll() } }
            let batch = try batch(of: entries, from: start)
            if try index.apply(batch, from: start, rebuild: start == 0, size: size, root: root) { return }
        }
        throw LedgerError(.io, "the search index \(index.path) keeps changing under this process; run leakledger reindex")
    }

    /// The hex root of the ledger's tree at `size`, from its stored hashes.
    private func treeHash(size: Int) throws(LedgerError) -> String {
        do { return try Merkle.treeHash(size: size, reader: ledger.hash(at:)).hex } catch let error as LedgerError {
            throw error
        } catch {
            throw LedgerError(.io, "cannot read the stored hashes of \(ledger.path): \(error)")
        }
    }

    /// What `entries[start...]` add to the index, with corrections applied.
    private func batch(of entries: [Entry], from start: Int) throws(LedgerError) -> IndexBatch {
        let corrections = Provenance(entries: entries)
        let registrations = Ledger.documentRegistrations(in: entries)
        var batch = IndexBatch()
        for entry in entries[start...] {
            guard let body = corrections.body(of: entry) else { continue }
            switch entry.type {
            case .documentRegistered:
                guard let id = body["id"]?.string, registrations[id]?.seq == entry.seq else { continue }
                let content = body["content"]?.string ?? "binary"
                batch.documents.append(IndexedDocument(id: id, seq: entry.seq, content: content,
                                                       sha256: body["sha256"]?.string, textSHA256: body["text_sha256"]?.string))
                if content == "text", body["stored"]?.bool == true, let hex = body["sha256"]?.string,
                   let digest = SHA256Digest(hex: hex), let text = try storedText(digest)
                {
                    batch.segments.append(segment(document: id, seq: entry.seq, text: text))
                }
            case .excerptRecorded:
                // Only documents known by excerpts alone are searched through their excerpts: where
                // the full text is registered, a printed excerpt may misquote it, and a match against
                // the misquote would claim more than the document supports.
                guard let id = body["document"]?.string, let text = body["text"]?.string,
                      registrations[id].flatMap({ corrections.body(of: $0) })?["content"]?.string == "excerpts"
                else { continue }
                batch.segments.append(segment(document: id, seq: entry.seq, text: text))
            default:
                continue
            }
        }
        return batch
    }

    private func segment(document: String, seq: Int, text: String) -> IndexedSegment {
        IndexedSegment(document: document, seq: seq, text: text, terms: ExcerptQuery.indexTerms(of: TextLayers(text)))
    }

    /// Texts larger than this are fingerprinted but not searched: their layers would take about
    /// 16 bytes a character in memory.
    public static let searchableLimit = 64 << 20

    /// The L1 text of a stored object, or nil when it is not stored, not text, or too large.
    private func storedText(_ digest: SHA256Digest) throws(LedgerError) -> String? {
        let path = ledger.path + "/objects/" + digest.hex
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        guard size <= Self.searchableLimit, let data = FileManager.default.contents(atPath: path) else { return nil }
        if case .text(let text) = TextDocument.decode(bytes: Array(data)) { return text }
        return nil
    }

    // MARK: Queries

    /// Grades `excerpt` against every registered text, or only those of `documents`.
    public func verify(_ excerpt: String, documents: [String]? = nil) throws(LedgerError) -> Verification {
        try Ledger.validate(excerpt: excerpt)
        try update()
        let segments: [IndexedSegment]
        if let documents {
            let known = Set(try index.documents(ids: documents).map(\.id))
            if let unknown = documents.first(where: { !known.contains($0) }) {
                throw LedgerError.missing("no document with id \(unknown) in \(ledger.path); list them with leakledger log --type document.registered")
            }
            segments = try index.segments(ofDocuments: documents)
        } else {
            let query = ExcerptQuery(excerpt)
            let terms = Set(query.alternatives.joined())
            let frequencies = try index.documentFrequencies(terms)
            let required = query.requiredTerms(documentFrequency: { frequencies[$0] ?? 0 })
            segments = try index.candidates(anyOf: required, terms: terms, minimumShared: Self.minimumShared(query))
        }
        return verifier.verify(excerpt, in: try prepare(segments))
    }

    /// How many distinct index terms of the excerpt a text must hold to be worth grading.
    ///
    /// At most `maxEdits` excerpt words go unmatched, so at least `distinct - maxEdits` of the
    /// excerpt's distinct keys are present; a word that can also match through another key (a
    /// look-alike capital) may share that key with another word, so each such word lowers the
    /// bound by one more. Never below 1: every candidate shares a word.
    static func minimumShared(_ query: ExcerptQuery) -> Int {
        let distinct = Set(query.terms).count
        let ambiguous = query.alternatives.filter { $0.count > 1 }.count
        return max(1, distinct - query.maxEdits - ambiguous)
    }

    /// Groups segments by document into prepared texts, reusing layers already built.
    private func prepare(_ segments: [IndexedSegment]) throws(LedgerError) -> [PreparedText] {
        let ids = Array(Set(segments.map(\.document)))
        let registrations = Dictionary(try index.documents(ids: ids).map { ($0.id, $0.seq) }, uniquingKeysWith: { first, _ in first })
        var byDocument = [String: [(seq: Int, layers: TextLayers)]]()
        var order = [String]()
        for segment in segments {
            let layers = prepared.withLock { cache in
                if let layers = cache[segment.id] { return layers }
                let layers = TextLayers(segment.text)
                cache[segment.id] = layers
                return layers
            }
            if byDocument[segment.document] == nil { order.append(segment.document) }
            byDocument[segment.document, default: []].append((segment.seq, layers))
        }
        return order.map { PreparedText(id: $0, seq: registrations[$0] ?? 0, segments: byDocument[$0]!) }
    }
}

extension Provenance {
    /// The body an entry stands for now: the last correction's replacement, the entry's own
    /// body when it was never corrected, nil when the last correction withdrew it.
    func body(of entry: Entry) -> JSONValue? {
        guard let last = corrections[entry.seq]?.last else { return entry.body }
        return last.replacement
    }
}
