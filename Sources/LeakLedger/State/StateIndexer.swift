import Foundation
import GRDB

/// Adds entries to the derived state inside one write transaction: their places, subjects,
/// documents, names, facts, corrections and the postings of searchable texts.
struct StateIndexer {
    let db: Database
    let ledger: Ledger
    /// New segment ids per bucket, flushed by ``finish()``.
    private var postings: [Int: [Int64]] = [:]
    /// The buckets of stored texts, computed beforehand (in parallel) by object.
    let texts: [SHA256Digest: TextBuckets]

    init(db: Database, ledger: Ledger, texts: [SHA256Digest: TextBuckets] = [:]) {
        self.db = db
        self.ledger = ledger
        self.texts = texts
    }

    mutating func add(_ entry: Entry, offset: Int, length: Int) throws {
        try db.cachedStatement(sql: "INSERT OR REPLACE INTO entries(seq, offset, length, type, time) VALUES (?, ?, ?, ?, ?)")
            .execute(arguments: [entry.seq, offset, length, entry.type.rawValue, entry.time])
        for subject in Ledger.subjects(of: entry) { try addSubject(subject, entry.seq) }
        switch entry.type {
        case .documentRegistered:
            try addDocument(entry)
        case .excerptRecorded:
            try applyExcerpt(entry.body, seq: entry.seq, textSeq: entry.seq, adding: true)
        case .partyStatus:
            try applyStatus(entry.body, seq: entry.seq, adding: true)
        case .linkAdded:
            try applyLink(entry.body, seq: entry.seq, adding: true)
        case .excerptVerified:
            for match in entry.body["matches"]?.array ?? [] {
                if let document = match["document"]?.string { try addSubject(document, entry.seq, kind: 1) }
            }
        case .entryCorrected:
            try applyCorrection(entry)
        case .documentRevealed:
            try applyReveal(entry)
        default:
            break
        }
    }

    /// Writes the postings gathered since the last call.
    mutating func finish() throws {
        guard !postings.isEmpty else { return }
        let small = postings.values.reduce(0) { max($0, $1.count) } < 64
        let last = try db.cachedStatement(sql: "SELECT first, last, count, length(data) FROM postings WHERE bucket = ? ORDER BY first DESC LIMIT 1")
        let update = try db.cachedStatement(sql: "UPDATE postings SET last = ?, count = count + ?, data = data || ? WHERE bucket = ? AND first = ?")
        let insert = try db.cachedStatement(sql: "INSERT INTO postings(bucket, first, last, count, data) VALUES (?, ?, ?, ?, ?)")
        for bucket in postings.keys.sorted() {
            let ids = postings[bucket]!
            if small, let row = try Row.fetchOne(last, arguments: [bucket]) {
                let (first, previous, bytes): (Int64, Int64, Int) = (row[0], row[1], row[3])
                if bytes < Postings.chunkBytes, ids[0] > previous {
                    try update.execute(arguments: [ids.last!, ids.count, Data(Postings.encode(ids, after: previous)), bucket, first])
                    continue
                }
            }
            try insert.execute(arguments: [bucket, ids[0], ids.last!, ids.count, Data(Postings.encode(ids, after: ids[0] - 1))])
        }
        postings.removeAll()
    }

    // MARK: Documents and texts

    private mutating func addDocument(_ entry: Entry) throws {
        let body = entry.body
        guard let id = body["id"]?.string else { return }
        // The first registration of an id wins (a writer never commits a second one).
        guard try Int.fetchOne(db, sql: "SELECT 1 FROM documents WHERE id = ?", arguments: [id]) == nil else { return }
        let content = body["content"]?.string ?? "binary"
        let stored = body["stored"]?.bool == true
        var sha256 = body["sha256"]?.string.flatMap(SHA256Digest.init(hex:))
        var textSHA256 = body["text_sha256"]?.string.flatMap(SHA256Digest.init(hex:))
        var unsearched: String? = nil
        var textObject: SHA256Digest? = nil
        // A blind copy is named by its commitment and checked against the SHA-256 the keeper's
        // secrets open.
        var expect: SHA256Digest? = nil
        var blind = 0
        if let committed = body["blind"]?.object {
            let opened = ledger.keeperOpening(of: body)
            sha256 = opened["sha256"].flatMap(SHA256Digest.init(hex:))
            textSHA256 = opened["text_sha256"].flatMap(SHA256Digest.init(hex:))
            blind = sha256 == nil ? 2 : 1
            expect = sha256
            if content == "text", stored {
                guard sha256 != nil else {
                    unsearched = Self.blindReason
                    try insertDocument(id, entry.seq, content, sha256, textSHA256, stored, unsearched, blind)
                    try applyDocumentNames(body, seq: entry.seq, adding: true)
                    return
                }
                textObject = committed["sha256"]?.string.flatMap(SHA256Digest.init(hex:))
            }
        }
        switch content {
        case "excerpts":
            break
        case "text" where stored && blind != 0:
            break
        case "text" where stored:
            textObject = body["text_object"]?.string.flatMap(SHA256Digest.init(hex:)) ?? sha256
        case "text":
            unsearched = "registered with --hash-only: no copy kept to search"
        default:
            // A mailbox is searched through its messages, each a document of its own.
            if body["contents"]?.string != "messages" {
                unsearched = body["unsearched"]?.string ?? (stored ? "binary content of a format this ledger does not read" : "registered with --hash-only: fingerprints only")
            }
        }
        if textObject != nil, body["text_bytes"]?.int.map({ $0 > ExcerptSearch.searchableLimit }) == true {
            unsearched = "its text is larger than \(ExcerptSearch.searchableLimit >> 20) MiB"
            textObject = nil
        }
        if let object = textObject {
            let read = texts[object] ?? TextBuckets(ledger.objects.readText(named: object.hex, digest: expect ?? object, limit: ExcerptSearch.searchableLimit))
            switch read {
            case .buckets(let buckets):
                try addSegment(document: id, seq: entry.seq, textSeq: nil, object: object, expect: expect, buckets: buckets)
            case .unsearched(let reason):
                unsearched = reason
            }
        }
        try insertDocument(id, entry.seq, content, sha256, textSHA256, stored, unsearched, blind)
        try applyDocumentNames(body, seq: entry.seq, adding: true)
    }

    /// Why a blind text is not searched by whoever lacks the keeper's secrets.
    static let blindReason = "registered blind: only its keeper, with the keeper's secrets, can search it"

    private func insertDocument(_ id: String, _ seq: Int, _ content: String, _ sha256: SHA256Digest?, _ textSHA256: SHA256Digest?,
                                _ stored: Bool, _ unsearched: String?, _ blind: Int) throws {
        try db.cachedStatement(sql: "INSERT INTO documents(id, seq, content, sha256, text_sha256, stored, unsearched, blind) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
            .execute(arguments: [id, seq, content, sha256.map { Data($0.bytes) }, textSHA256.map { Data($0.bytes) }, stored, unsearched, blind])
    }

    /// A `document.revealed` entry whose openings verify: the revealed fingerprints become the
    /// document's for everyone, and a stored blind text becomes searchable.
    private mutating func applyReveal(_ entry: Entry) throws {
        let body = entry.body
        guard let id = body["document"]?.string, let seq = body["registration"]?.int,
              let registration = try fetchBody(seq: seq),
              Ledger.revealProblem(body, registration: (seq, registration)) == nil,
              let row = try Row.fetchOne(db, sql: "SELECT blind, sha256 FROM documents WHERE id = ? AND seq = ?", arguments: [id, seq])
        else { return }
        let sha256 = body["sha256"]?.string.flatMap(SHA256Digest.init(hex:))
        let textSHA256 = body["text_sha256"]?.string.flatMap(SHA256Digest.init(hex:))
        try db.execute(sql: "UPDATE documents SET sha256 = coalesce(sha256, ?), text_sha256 = coalesce(text_sha256, ?) WHERE id = ? AND seq = ?",
                       arguments: [sha256.map { Data($0.bytes) }, textSHA256.map { Data($0.bytes) }, id, seq])
        let closed = (row[0] as Int) == 2 && (row[1] as Data?) == nil
        guard closed, let sha256, registration["content"]?.string == "text", registration["stored"]?.bool == true,
              let object = registration["blind"]?["sha256"]?.string.flatMap(SHA256Digest.init(hex:)) else { return }
        var unsearched: String? = nil
        switch TextBuckets(ledger.objects.readText(named: object.hex, digest: sha256, limit: ExcerptSearch.searchableLimit)) {
        case .buckets(let buckets): try addSegment(document: id, seq: seq, textSeq: nil, object: object, expect: sha256, buckets: buckets)
        case .unsearched(let reason): unsearched = reason
        }
        try db.execute(sql: "UPDATE documents SET blind = 1, unsearched = ? WHERE id = ? AND seq = ?", arguments: [unsearched, id, seq])
    }

    private mutating func addSegment(document: String, seq: Int, textSeq: Int?, object: SHA256Digest?, expect: SHA256Digest? = nil, buckets: [Int]) throws {
        try db.cachedStatement(sql: "INSERT INTO segments(document, seq, text_seq, object, expect) VALUES (?, ?, ?, ?, ?)")
            .execute(arguments: [document, seq, textSeq, object.map { Data($0.bytes) }, expect.map { Data($0.bytes) }])
        let segment = db.lastInsertedRowID
        for bucket in buckets { postings[bucket, default: []].append(segment) }
    }

    private func isExcerptsOnly(_ id: String) throws -> Bool {
        try String.fetchOne(db, sql: "SELECT content FROM documents WHERE id = ? AND withdrawn = 0", arguments: [id]) == "excerpts"
    }

    private func isDocument(_ id: String) throws -> Bool {
        try Int.fetchOne(db, sql: "SELECT 1 FROM documents WHERE id = ? AND withdrawn = 0", arguments: [id]) != nil
    }

    // MARK: Provenance

    private mutating func applyExcerpt(_ body: JSONValue, seq: Int, textSeq: Int, adding: Bool) throws {
        guard let record = ExcerptRecord(body: body) else { return }
        if adding {
            // Only documents known by excerpts alone are searched through their excerpts: where
            // the full text is registered, a printed excerpt may misquote it, and a match against
            // the misquote would claim more than the document supports.
            if try isExcerptsOnly(record.document) {
                try addSegment(document: record.document, seq: seq, textSeq: textSeq, object: nil, buckets: TextBuckets.buckets(of: record.text))
            }
            if let citedBy = record.citedBy {
                try addSubject(citedBy, seq, kind: 1)
                if try !isDocument(citedBy) { try addName(citedBy, role: .reporter, seq: seq) }
            }
        } else {
            try db.execute(sql: "UPDATE segments SET live = 0 WHERE seq = ?", arguments: [seq])
            if let citedBy = record.citedBy, try !isDocument(citedBy) { try removeName(citedBy) }
        }
    }

    private func applyStatus(_ body: JSONValue, seq: Int, adding: Bool) throws {
        guard let record = StatusRecord(body: body) else { return }
        try setFact(LedgerState.factKey(status: record), seq: seq, adding: adding)
        if adding {
            if let reporter = record.reportedBy { try addSubject(reporter, seq, kind: 1) }
            try addName(record.party, role: .party, seq: seq)
            if let reporter = record.reportedBy, try !isDocument(reporter) { try addName(reporter, role: .reporter, seq: seq) }
        } else {
            try removeName(record.party)
            if let reporter = record.reportedBy, try !isDocument(reporter) { try removeName(reporter) }
        }
    }

    private func applyLink(_ body: JSONValue, seq: Int, adding: Bool) throws {
        guard let record = LinkRecord(body: body) else { return }
        try setFact(LedgerState.factKey(link: record), seq: seq, adding: adding)
    }

    private func applyDocumentNames(_ body: JSONValue, seq: Int, adding: Bool) throws {
        guard let record = DocumentRecord(body: body) else { return }
        let uses: [(String, NameRole)] = [(record.id, .document)]
            + [record.source.map { ($0, NameRole.source) }, record.publisher.map { ($0, NameRole.publisher) }].compactMap { $0 }
        for (name, role) in uses {
            if adding { try addName(name, role: role, seq: seq) } else { try removeName(name) }
        }
    }

    /// A correction: the corrected entry's body in force before it is taken back, and the
    /// replacement (if any) put in its place.
    private mutating func applyCorrection(_ entry: Entry) throws {
        guard let target = entry.body["corrects"]?.int,
              let place = try Row.fetchOne(db, sql: "SELECT offset, length, type FROM entries WHERE seq = ?", arguments: [target])
        else { return }
        let type = EntryType(rawValue: place[2])
        let previous: JSONValue?
        if let last = try Int.fetchOne(db, sql: "SELECT max(seq) FROM corrections WHERE target = ?", arguments: [target]) {
            previous = try fetchBody(seq: last)?["replacement"]
        } else {
            previous = try Entry(line: ledger.store.line(at: place[0], length: place[1])).body
        }
        try db.execute(sql: "INSERT OR IGNORE INTO corrections(target, seq) VALUES (?, ?)", arguments: [target, entry.seq])
        let replacement = entry.body["replacement"]
        for value in [previous, replacement].compactMap({ $0 }) {
            for subject in Ledger.subjects(of: Entry(seq: target, time: entry.time, type: type, actor: entry.actor, body: value)) {
                try addSubject(subject, target)
            }
        }
        switch type {
        case .documentRegistered:
            if let previous { try applyDocumentNames(previous, seq: target, adding: false) }
            if let replacement {
                try db.execute(sql: "UPDATE documents SET withdrawn = 0 WHERE seq = ?", arguments: [target])
                try db.execute(sql: "UPDATE segments SET live = 1 WHERE seq = ? AND text_seq IS NULL", arguments: [target])
                try applyDocumentNames(replacement, seq: target, adding: true)
            } else {
                try db.execute(sql: "UPDATE documents SET withdrawn = 1 WHERE seq = ?", arguments: [target])
                try db.execute(sql: "UPDATE segments SET live = 0 WHERE seq = ?", arguments: [target])
            }
        case .excerptRecorded:
            if let previous { try applyExcerpt(previous, seq: target, textSeq: target, adding: false) }
            if let replacement { try applyExcerpt(replacement, seq: target, textSeq: entry.seq, adding: true) }
        case .partyStatus:
            if let previous { try applyStatus(previous, seq: target, adding: false) }
            if let replacement { try applyStatus(replacement, seq: target, adding: true) }
        case .linkAdded:
            if let previous { try applyLink(previous, seq: target, adding: false) }
            if let replacement { try applyLink(replacement, seq: target, adding: true) }
        default:
            break
        }
    }

    private func fetchBody(seq: Int) throws -> JSONValue? {
        guard let place = try Row.fetchOne(db, sql: "SELECT offset, length FROM entries WHERE seq = ?", arguments: [seq]) else { return nil }
        return try Entry(line: ledger.store.line(at: place[0], length: place[1])).body
    }

    private func addSubject(_ subject: String, _ seq: Int, kind: Int = 0) throws {
        try db.cachedStatement(sql: "INSERT OR IGNORE INTO subjects(subject, seq, kind) VALUES (?, ?, ?)")
            .execute(arguments: [subject, seq, kind])
    }

    private func setFact(_ key: [UInt8], seq: Int, adding: Bool) throws {
        if adding {
            try db.cachedStatement(sql: "INSERT OR IGNORE INTO facts(key, seq) VALUES (?, ?)").execute(arguments: [Data(key), seq])
        } else {
            try db.execute(sql: "DELETE FROM facts WHERE key = ? AND seq = ?", arguments: [Data(key), seq])
        }
    }

    private func addName(_ spelling: String, role: NameRole, seq: Int) throws {
        // A known name only counts one more use; the folded form (ICU, slow) is for new names.
        try db.cachedStatement(sql: "UPDATE names SET roles = roles | ?, uses = uses + 1 WHERE spelling = ?").execute(arguments: [role.bit, spelling])
        if db.changesCount > 0 { return }
        let folded = NameBook.fold(spelling)
        try db.cachedStatement(sql: """
            INSERT INTO names(spelling, folded, reversed, roles, first_seq, uses) VALUES (?, ?, ?, ?, ?, 1)
            ON CONFLICT(spelling) DO UPDATE SET roles = roles | excluded.roles, uses = uses + 1
            """).execute(arguments: [spelling, folded, String(folded.reversed()), role.bit, seq])
    }

    private func removeName(_ spelling: String) throws {
        try db.execute(sql: "UPDATE names SET uses = uses - 1 WHERE spelling = ? AND uses > 0", arguments: [spelling])
    }
}

extension NameRole {
    /// The role's bit in the state's `names.roles`.
    var bit: Int {
        switch self {
        case .party: 1
        case .source: 2
        case .publisher: 4
        case .reporter: 8
        case .document: 16
        }
    }
}


/// What indexing a stored text gives: its buckets, or why it cannot be searched.
enum TextBuckets: Sendable {
    case buckets([Int])
    case unsearched(String)

    /// The buckets of the keys of `text` (``IndexKeys``), each once.
    static func buckets(of text: String) -> [Int] {
        let keys = IndexKeys(TextLayers(text))
        var buckets = Set<Int>()
        buckets.reserveCapacity(keys.unigrams.count + keys.bigrams.count)
        for key in keys.unigrams { buckets.insert(Postings.bucket(key)) }
        for key in keys.bigrams { buckets.insert(Postings.bucket(key)) }
        return Array(buckets)
    }

    /// The buckets of a stored text as read, or the reason it is not searched.
    init(_ read: StoredText) {
        switch read {
        case .text(let text): self = .buckets(Self.buckets(of: text))
        case .missing: self = .unsearched("its stored copy is missing")
        case .damaged(let reason): self = .unsearched(reason)
        case .notText: self = .unsearched("its stored copy is not text")
        case .tooLarge: self = .unsearched("its text is larger than \(ExcerptSearch.searchableLimit >> 20) MiB")
        }
    }

    /// The buckets of many stored texts, read and indexed on every core.
    static func compute(_ objects: [SHA256Digest], store: any ObjectStorage) -> [SHA256Digest: TextBuckets] {
        guard !objects.isEmpty else { return [:] }
        let results = UnsafeMutableBufferPointer<TextBuckets?>.allocate(capacity: objects.count)
        results.initialize(repeating: nil)
        defer { results.deallocate() }
        let shared = UncheckedBuffer(results)
        DispatchQueue.concurrentPerform(iterations: objects.count) { index in
            shared.buffer[index] = TextBuckets(store.readText(objects[index], limit: ExcerptSearch.searchableLimit))
        }
        var out: [SHA256Digest: TextBuckets] = [:]
        for (index, object) in objects.enumerated() { out[object] = results[index] }
        return out
    }
}

/// A buffer written by `concurrentPerform`, each index by one iteration only.
struct UncheckedBuffer<T>: @unchecked Sendable {
    // @unchecked: every iteration writes its own index, and the buffer is read only after
    // concurrentPerform returns.
    let buffer: UnsafeMutableBufferPointer<T>
    init(_ buffer: UnsafeMutableBufferPointer<T>) { self.buffer = buffer }
}
