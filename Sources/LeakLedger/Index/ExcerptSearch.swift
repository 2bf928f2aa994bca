import Foundation
import GRDB
import Synchronization

/// What a search found: the graded matches (best first, at most the number asked for), how many
/// documents matched in all, and what could not be searched.
public struct SearchResult: Sendable {
    /// The verdict and the matches shown, best first.
    public var verification: Verification
    /// Documents that matched (at least this many when ``complete`` is false).
    public var matchCount: Int
    /// Documents that matched at the best grade (at least this many when ``complete`` is false).
    public var bestCount: Int
    /// False when the search stopped once it had enough matches at the best grade: more
    /// documents may hold the excerpt at that grade.
    public var complete: Bool
    /// Registered documents whose text could not be searched, with the reason (at most
    /// ``ExcerptSearch/listLimit`` of them).
    public var unsearched: [(document: String, reason: String)]
    /// How many documents could not be searched in all.
    public var unsearchedCount: Int
    /// Stored texts met on the way that do not match their fingerprint: they were not searched,
    /// and no match is reported from them.
    public var damaged: [(document: String, reason: String)]
}

/// Excerpt verification over a ledger: candidates from the derived state's postings, graded by
/// ContentHash's ``ExcerptVerifier`` on texts checked against their signed fingerprints.
///
/// A query reads the postings of the excerpt's word pairs and the texts of its candidates only,
/// never every registered text; it grades the likeliest candidates first and stops once it has
/// as many matches at the best grade as asked for, so its cost does not grow with the number of
/// documents that match. Opening a search has no side effects; the state is brought up to date
/// on the first query.
public final class ExcerptSearch: Sendable {
    /// The ledger searched.
    public let ledger: Ledger
    /// Prepared layers of the segments met so far, by segment id: a long-lived search (a server)
    /// prepares each text once.
    private let prepared = Mutex<[Int64: TextLayers]>([:])
    let verifier = ExcerptVerifier()

    /// Texts larger than this are fingerprinted but not searched: their layers would take about
    /// 16 bytes a character in memory.
    public static let searchableLimit = 64 << 20
    /// How many matches `verify` shows unless told otherwise.
    public static let defaultMaxMatches = 20
    /// How many unsearched documents a result names (it counts them all).
    public static let listLimit = 50
    /// Prepared texts kept between queries.
    static let cacheLimit = 4096

    /// A search over `ledger` (nothing is read until the first query).
    public init(ledger: Ledger) {
        self.ledger = ledger
    }

    /// Brings the derived state up to the ledger's head.
    public func update() throws(LedgerError) {
        _ = try ledger.state()
    }

    /// Rebuilds the derived state from the log and `objects/`.
    public func rebuild() throws(LedgerError) {
        let head = try ledger.head()
        try ledger.state().rebuild(ledger, to: head)
        prepared.withLock { $0.removeAll() }
    }

    /// Where the derived state lives.
    public func indexPath() throws(LedgerError) -> String {
        try ledger.state().path
    }

    // MARK: Queries

    /// Grades `excerpt` against every registered text, or only those of `documents`; shows at
    /// most `maxMatches` matches, the best first.
    public func verify(_ excerpt: String, documents: [String]? = nil, maxMatches: Int = ExcerptSearch.defaultMaxMatches) throws(LedgerError) -> SearchResult {
        try Ledger.validate(excerpt: excerpt)
        let state = try ledger.state()
        let query = ExcerptQuery(excerpt)
        let ranked: RankedSegments
        if let documents {
            ranked = try state.segments(ofDocuments: documents, ledger: ledger)
        } else if query.positions.isEmpty {
            ranked = RankedSegments(order: [], shared: [:])
        } else {
            ranked = try state.candidates(for: query)
        }
        var result = try grade(excerpt, ranked: ranked, state: state, positions: query.positions.count, maxMatches: max(1, maxMatches))
        (result.unsearched, result.unsearchedCount) = try state.unsearched(among: documents)
        return result
    }

    /// Grades candidates, likeliest first, in small groups of documents; stops once enough
    /// matches are found that no candidate left could rank above. Candidates are looked up in
    /// the state only as they are reached, so a quote that every document holds costs what a
    /// few documents cost.
    private func grade(_ excerpt: String, ranked: RankedSegments, state: LedgerState, positions: Int, maxMatches: Int) throws(LedgerError) -> SearchResult {
        var matches: [ExcerptMatch] = []
        var damaged: [(document: String, reason: String)] = []
        var done = Set<Int64>()
        var next = 0
        var complete = true
        while next < ranked.order.count {
            // The next documents, each with all its segments among the candidates.
            var group: [(document: String, candidates: [Candidate])] = []
            while group.count < 16, next < ranked.order.count {
                let batch = ranked.order[next..<min(next + 64, ranked.order.count)].filter { !done.contains($0) }
                next = min(next + 64, ranked.order.count)
                guard !batch.isEmpty else { continue }
                for (document, candidates) in try state.describe(batch, shared: ranked.shared, excluding: done) {
                    for candidate in candidates { done.insert(candidate.id) }
                    group.append((document, candidates))
                }
            }
            var texts: [PreparedText] = []
            var byDocument: [String: [Candidate]] = [:]
            for (document, candidates) in group {
                byDocument[document] = candidates
                let loaded = try load(candidates)
                damaged += loaded.damaged.map { (document, $0) }
                if !loaded.segments.isEmpty {
                    texts.append(PreparedText(id: document, seq: loaded.registration, segments: loaded.segments))
                }
            }
            for var match in verifier.verify(excerpt, in: texts).matches {
                if let problem = try confirm(&match, candidates: byDocument[match.document]!) {
                    damaged.append((match.document, problem))
                } else {
                    matches.append(match)
                }
            }
            // Enough at the best grade: nothing left can rank above them. Enough above
            // `approximate`, and no candidate left holds every place: the rest can only be
            // approximate (candidates are ranked by places held).
            let remainingFull = ranked.order[next...].first.map { (ranked.shared[$0] ?? 0) >= positions } ?? false
            if matches.filter({ $0.verdict == .exact }).count >= maxMatches
                || (matches.filter({ $0.verdict < .approximate }).count >= maxMatches && !remainingFull)
            {
                complete = next >= ranked.order.count
                break
            }
        }
        matches.sort { ($0.verdict, -$0.score, $0.document) < ($1.verdict, -$1.score, $1.document) }
        let count = matches.count
        let best = matches.filter { $0.verdict == matches.first?.verdict }.count
        if matches.count > maxMatches { matches.removeLast(matches.count - maxMatches) }
        let trimmed = ExcerptVerifier().verify(excerpt, in: [PreparedText]()).excerpt
        let verification = Verification(verdict: matches.first?.verdict ?? .notFound, excerpt: trimmed, matches: matches)
        return SearchResult(verification: verification, matchCount: count, bestCount: best, complete: complete, unsearched: [],
                            unsearchedCount: 0, damaged: damaged)
    }

    /// The texts of a document's candidate segments: stored copies checked against their
    /// fingerprint, excerpts fetched from the log and checked against the signed root.
    private func load(_ candidates: [Candidate]) throws(LedgerError) -> (registration: Int, segments: [(seq: Int, layers: TextLayers)], damaged: [String]) {
        var segments: [(seq: Int, layers: TextLayers)] = []
        var damaged: [String] = []
        var excerptSeqs: [Int] = []
        for candidate in candidates where candidate.object == nil { excerptSeqs.append(candidate.textSeq ?? candidate.seq) }
        var excerptTexts: [Int: String] = [:]
        if !excerptSeqs.isEmpty {
            for entry in try ledger.entries(at: excerptSeqs) {
                let body = entry.type == .entryCorrected ? entry.body["replacement"] : entry.body
                if let text = body?["text"]?.string { excerptTexts[entry.seq] = text }
            }
        }
        for candidate in candidates {
            if let layers = prepared.withLock({ $0[candidate.id] }) {
                segments.append((candidate.seq, layers))
                continue
            }
            let text: String
            if let object = candidate.object {
                switch ledger.objects.readText(named: object.hex, digest: candidate.expect ?? object, limit: Self.searchableLimit) {
                case .text(let read): text = read
                case .damaged(let reason): damaged.append(reason); continue
                case .missing: damaged.append("its stored copy objects/\(object.hex) is missing"); continue
                case .notText, .tooLarge: continue
                }
            } else {
                guard let read = excerptTexts[candidate.textSeq ?? candidate.seq] else { continue }
                text = read
            }
            let layers = TextLayers(text)
            prepared.withLock { cache in
                if cache.count >= Self.cacheLimit { cache.removeAll(keepingCapacity: true) }
                cache[candidate.id] = layers
            }
            segments.append((candidate.seq, layers))
        }
        return (candidates.first?.registration ?? 0, segments, damaged)
    }

    /// The L1 text a match was found in (for showing its context), checked as when it was graded.
    public func text(of match: ExcerptMatch) throws(LedgerError) -> String? {
        let state = try ledger.state()
        let ranked = try state.segments(ofDocuments: [match.document], ledger: ledger)
        let rows = try state.describe(ranked.order, shared: ranked.shared, excluding: []).flatMap(\.candidates)
        guard let candidate = rows.first(where: { $0.seq == match.seq }) else { return nil }
        if let layers = prepared.withLock({ $0[candidate.id] }) { return layers.text }
        if let object = candidate.object {
            if case .text(let text) = ledger.objects.readText(named: object.hex, digest: candidate.expect ?? object, limit: Self.searchableLimit) { return text }
            return nil
        }
        let entry = try ledger.entry(at: candidate.textSeq ?? candidate.seq)
        return (entry.type == .entryCorrected ? entry.body["replacement"] : entry.body)?["text"]?.string
    }

    /// A match is reported only from text whose fingerprint is in its signed registration: the
    /// registration entry is fetched and checked against the root, and must name the copy that
    /// was read. Returns the problem, or nil when the match stands.
    private func confirm(_ match: inout ExcerptMatch, candidates: [Candidate]) throws(LedgerError) -> String? {
        guard let candidate = candidates.first(where: { $0.seq == match.seq }) else { return nil }
        guard let object = candidate.object else { return nil }  // an excerpt: its entry was checked on load
        let registration = try ledger.entry(at: candidate.registration)
        let named = [registration.body["text_object"]?.string, registration.body["sha256"]?.string,
                     registration.body["blind"]?["sha256"]?.string].compactMap { $0 }
        guard registration.type == .documentRegistered, registration.body["id"]?.string == match.document,
              named.first == object.hex else {
            return "the index points document \(match.document) at objects/\(object.hex), which its signed registration (seq \(candidate.registration)) does not name; run leakledger reindex"
        }
        // A format with pages: the page is 1 + the form feeds before the match.
        if registration.body["pages"]?.int != nil, let layers = prepared.withLock({ $0[candidate.id] }) {
            match.page = 1 + layers.substring(0, match.start).unicodeScalars.filter { $0 == "\u{0C}" }.count
        }
        return nil
    }
}

/// Segments to grade, likeliest first, with the places of the excerpt each holds.
struct RankedSegments {
    var order: [Int64]
    var shared: [Int64: Int]
}

/// A segment worth grading: a registered text or an excerpt, and how many of the excerpt's
/// places its postings hold.
struct Candidate {
    var id: Int64
    var document: String
    /// The entry the text is reported from (the registration, or the excerpt).
    var seq: Int
    /// For an excerpt: the entry holding its text in force (itself, or its last correction).
    var textSeq: Int?
    /// For a registered text: the stored copy.
    var object: SHA256Digest?
    /// The SHA-256 the copy must have when its name is not its SHA-256 (a blind document's).
    var expect: SHA256Digest?
    /// The document's registration entry.
    var registration: Int
    /// Places of the excerpt the postings hold.
    var shared: Int
}

extension LedgerState {
    /// The segments that hold at least ``ExcerptQuery/minimumPositions`` of the excerpt's
    /// places, likeliest first (most places, then oldest).
    func candidates(for query: ExcerptQuery) throws(LedgerError) -> RankedSegments {
        let positions = query.positions.map { Array(Set($0.map(Postings.bucket))) }
        let need = query.minimumPositions
        return try read { db in
            let reader = PostingsReader(db: db)
            let frequencies = try positions.map { try $0.reduce(0) { $0 + (try reader.frequency($1)) } }
            let ranked = positions.indices.sorted { frequencies[$0] < frequencies[$1] }
            // Pigeonhole: a text that holds `need` places holds one of any `count - need + 1`.
            let rare = Array(ranked.prefix(positions.count - need + 1))
            // The candidates, ascending: the union of the rare places' lists.
            var candidates: [Int64] = []
            for position in rare { candidates = Self.union(candidates, try reader.ids(positions[position])) }
            guard !candidates.isEmpty else { return RankedSegments(order: [], shared: [:]) }
            // How many places each holds: a walk along each place's list beside the candidates
            // (the long lists of common words are read only where they meet a candidate).
            var shared = [Int](repeating: 0, count: candidates.count)
            for position in ranked {
                let ids = try reader.ids(positions[position], near: candidates)
                var k = 0
                for (index, candidate) in candidates.enumerated() {
                    while k < ids.count, ids[k] < candidate { k += 1 }
                    if k < ids.count, ids[k] == candidate { shared[index] += 1 }
                }
            }
            // Most places first, then oldest: a counting sort keeps the ids ascending.
            var byShared = [[Int64]](repeating: [], count: positions.count + 1)
            var kept: [Int64: Int] = [:]
            for (index, candidate) in candidates.enumerated() where shared[index] >= need {
                byShared[min(shared[index], positions.count)].append(candidate)
                kept[candidate] = shared[index]
            }
            return RankedSegments(order: byShared.reversed().flatMap { $0 }, shared: kept)
        }
    }

    /// The sorted union of two ascending lists.
    private static func union(_ a: [Int64], _ b: [Int64]) -> [Int64] {
        if a.isEmpty { return b }
        if b.isEmpty { return a }
        var out: [Int64] = []
        out.reserveCapacity(a.count + b.count)
        var i = 0, j = 0
        while i < a.count || j < b.count {
            if j >= b.count || (i < a.count && a[i] < b[j]) { out.append(a[i]); i += 1 }
            else if i >= a.count || b[j] < a[i] { out.append(b[j]); j += 1 }
            else { out.append(a[i]); i += 1; j += 1 }
        }
        return out
    }

    /// Every live segment of the named documents (`verify --doc`); an unknown id is `missing`.
    func segments(ofDocuments ids: [String], ledger: Ledger) throws(LedgerError) -> RankedSegments {
        try read { db in
            var order: [Int64] = []
            for id in ids {
                guard try Int.fetchOne(db, sql: "SELECT 1 FROM documents WHERE id = ?", arguments: [id]) != nil else {
                    throw LedgerError.missing("no document with id \(id) in \(ledger.path); list them with leakledger log --type document.registered")
                }
                order += try Int64.fetchAll(db, sql: "SELECT id FROM segments WHERE document = ? AND live = 1 ORDER BY id", arguments: [id])
            }
            return RankedSegments(order: order, shared: Dictionary(order.map { ($0, 0) }, uniquingKeysWith: { first, _ in first }))
        }
    }

    /// The candidates among `ids`, by document in order of first appearance, each document with
    /// every one of its segments that is a candidate (in `shared`) and not yet `excluding`: a
    /// document is graded once, on all its candidate segments.
    func describe(_ ids: [Int64], shared: [Int64: Int], excluding: Set<Int64>) throws(LedgerError) -> [(document: String, candidates: [Candidate])] {
        try read { db in
            let statement = try db.cachedStatement(sql: """
                SELECT s.document, s.seq, s.text_seq, s.object, d.seq, d.content, s.expect FROM segments s JOIN documents d ON d.id = s.document
                WHERE s.id = ? AND s.live = 1 AND d.withdrawn = 0
                """)
            let others = try db.cachedStatement(sql: "SELECT id FROM segments WHERE document = ? AND live = 1 ORDER BY id")
            var order: [String] = []
            var groups: [String: [Candidate]] = [:]
            var taken = excluding
            func add(_ id: Int64) throws {
                guard !taken.contains(id), let row = try Row.fetchOne(statement, arguments: [id]) else { return }
                taken.insert(id)
                let document: String = row[0]
                let object: Data? = row[3], expect: Data? = row[6]
                let candidate = Candidate(id: id, document: document, seq: row[1], textSeq: row[2],
                                          object: object.flatMap { SHA256Digest(bytes: Array($0)) },
                                          expect: expect.flatMap { SHA256Digest(bytes: Array($0)) }, registration: row[4], shared: shared[id] ?? 0)
                if groups[document] == nil {
                    order.append(document)
                    groups[document] = [candidate]
                    // A document known by its excerpts has many segments: take all its candidates now.
                    if (row[5] as String) == "excerpts" {
                        for other in try Int64.fetchAll(others, arguments: [document]) where other != id && shared[other] != nil {
                            try add(other)
                        }
                    }
                } else {
                    groups[document]!.append(candidate)
                }
            }
            for id in ids { try add(id) }
            return order.map { ($0, groups[$0]!) }
        }
    }

    /// The documents whose text could not be searched (among `ids`, or all), at most
    /// ``ExcerptSearch/listLimit``, and how many in all.
    func unsearched(among ids: [String]?) throws(LedgerError) -> ([(document: String, reason: String)], Int) {
        try read { db in
            if let ids {
                guard !ids.isEmpty else { return ([], 0) }
                let rows = try Row.fetchAll(db, sql: "SELECT id, unsearched FROM documents WHERE unsearched IS NOT NULL AND withdrawn = 0 AND id IN \(Self.placeholders(ids.count)) ORDER BY id",
                                            arguments: StatementArguments(ids))
                return (rows.map { ($0[0], $0[1]) }, rows.count)
            }
            let count = try Int.fetchOne(db, sql: "SELECT count(*) FROM documents WHERE unsearched IS NOT NULL AND withdrawn = 0") ?? 0
            let rows = try Row.fetchAll(db, sql: "SELECT id, unsearched FROM documents WHERE unsearched IS NOT NULL AND withdrawn = 0 ORDER BY id LIMIT ?",
                                        arguments: [ExcerptSearch.listLimit])
            return (rows.map { ($0[0], $0[1]) }, count)
        }
    }
}

/// Reads posting lists, chunk by chunk.
private struct PostingsReader {
    let db: Database

    /// How many segments the bucket lists (an upper bound of any one key's).
    func frequency(_ bucket: Int) throws -> Int {
        try Int.fetchOne(db.cachedStatement(sql: "SELECT coalesce(sum(count), 0) FROM postings WHERE bucket = ?"), arguments: [bucket]) ?? 0
    }

    /// The segments of the buckets (a place's alternatives), ascending, each once.
    func ids(_ buckets: [Int]) throws -> [Int64] {
        var out: [Int64] = []
        for bucket in buckets {
            var ids: [Int64] = []
            let rows = try Row.fetchCursor(db.cachedStatement(sql: "SELECT first, data FROM postings WHERE bucket = ? ORDER BY first"), arguments: [bucket])
            while let row = try rows.next() {
                let first: Int64 = row[0]
                let data: Data = row[1]
                data.withUnsafeBytes { Postings.decode($0, after: first - 1) { ids.append($0) } }
            }
            out = out.isEmpty ? ids : Self.merge(out, ids)
        }
        return out
    }

    /// The segments of the buckets that may be among `candidates` (ascending): a list much
    /// longer than the candidates is read only in the chunks whose range holds one of them.
    func ids(_ buckets: [Int], near candidates: [Int64]) throws -> [Int64] {
        var out: [Int64] = []
        for bucket in buckets {
            let ranges = try Row.fetchAll(db.cachedStatement(sql: "SELECT first, last, count FROM postings WHERE bucket = ? ORDER BY first"), arguments: [bucket])
            let total = ranges.reduce(0) { $0 + ($1[2] as Int) }
            var ids: [Int64] = []
            if total <= candidates.count * 8 {
                ids = try self.ids([bucket])
            } else {
                let data = try db.cachedStatement(sql: "SELECT data FROM postings WHERE bucket = ? AND first = ?")
                for range in ranges {
                    let first: Int64 = range[0], last: Int64 = range[1]
                    // Any candidate within [first, last]?
                    var low = 0, high = candidates.count
                    while low < high {
                        let middle = (low + high) / 2
                        if candidates[middle] < first { low = middle + 1 } else { high = middle }
                    }
                    guard low < candidates.count, candidates[low] <= last else { continue }
                    guard let bytes = try Data.fetchOne(data, arguments: [bucket, first]) else { continue }
                    bytes.withUnsafeBytes { Postings.decode($0, after: first - 1) { ids.append($0) } }
                }
            }
            out = out.isEmpty ? ids : Self.merge(out, ids)
        }
        return out
    }

    /// The sorted union of two ascending lists.
    private static func merge(_ a: [Int64], _ b: [Int64]) -> [Int64] {
        var out: [Int64] = []
        out.reserveCapacity(a.count + b.count)
        var i = 0, j = 0
        while i < a.count || j < b.count {
            if j >= b.count || (i < a.count && a[i] < b[j]) { out.append(a[i]); i += 1 }
            else if i >= a.count || b[j] < a[i] { out.append(b[j]); j += 1 }
            else { out.append(a[i]); i += 1; j += 1 }
        }
        return out
    }
}
