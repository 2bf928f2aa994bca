import Foundation
import Synchronization

/// What `leakledger append` did.
public struct BulkAppendSummary: Sendable {
    /// Entries appended.
    public var appended = 0
    /// Commits made.
    public var batches = 0
    /// Warnings of the drafting steps (names recorded as new with `--as-new`), the first 100.
    public var warnings: [String] = []
}

extension Ledger {
    /// The most lines `append` reads from standard input (a file is read twice instead).
    public static let appendInputLimit = 256 << 20

    /// Appends entries given as JSON lines, `{"type": T, "body": {...}}`, each drafted as its
    /// command drafts it (`party.status` as `status`, `link.added` as `link`, `excerpt.recorded`
    /// as `excerpt add`, `entry.corrected` as `correct`): vocabularies, registered documents,
    /// names, duplicates. Every line is checked first, under the writer's lock; one bad line
    /// (named by its number) appends nothing. Then the lines are committed in batches.
    public func appendLines(_ text: [UInt8], acceptNewSpellings: Bool, actor: String,
                            batchSize: Int = 100_000) throws(LedgerError) -> BulkAppendSummary {
        var lines: [ArraySlice<UInt8>] = []
        var start = 0
        for (index, byte) in text.enumerated() where byte == UInt8(ascii: "\n") {
            lines.append(text[start..<index])
            start = index + 1
        }
        if start < text.count { lines.append(text[start...]) }
        let numbered = lines.enumerated().filter { !$0.element.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D } }
        guard !numbered.isEmpty else { throw LedgerError.usage("no entries to append: give one JSON object a line") }
        var summary = BulkAppendSummary()
        try withWriterSession(actor: actor) { (session: WriterSession) throws(LedgerError) in
            // First every line, against the committed log and the lines before it (one batch is
            // checked as it is drafted for its commit).
            if numbered.count > batchSize {
                let head = try head()
                var drafter = try BulkDrafter(context: AppendContext(ledger: self, head: head), lines: numbered, acceptNewSpellings: acceptNewSpellings)
                _ = try drafter.draft()
            }
            // Then in batches, each drafted again against what is committed by then.
            for batchStart in stride(from: 0, to: numbered.count, by: batchSize) {
                let batch = Array(numbered[batchStart..<min(batchStart + batchSize, numbered.count)])
                let entries = try session.commitChecked { (context: AppendContext) throws(LedgerError) -> [EntryDraft] in
                    var drafter = try BulkDrafter(context: context, lines: batch, acceptNewSpellings: acceptNewSpellings)
                    let drafts = try drafter.draft()
                    summary.warnings += drafter.warnings.prefix(max(0, 100 - summary.warnings.count))
                    return drafts
                }
                summary.appended += entries.count
                summary.batches += 1
            }
        }
        return summary
    }
}

/// Drafts many lines as their commands would, with what the commands look up per entry
/// (registrations, names, duplicates) looked up once for the lot.
private struct BulkDrafter {
    let context: AppendContext
    let acceptNewSpellings: Bool
    private var provenance: Provenance
    private let names: NameCache
    private var facts = Set<[UInt8]>()
    private(set) var warnings: [String] = []

    static let allowed: Set<EntryType> = [.partyStatus, .linkAdded, .excerptRecorded, .entryCorrected]

    /// The lines, parsed once: their number and their JSON (or the error).
    private let parsed: [(line: Int, value: Result<JSONValue, LedgerError>)]

    init(context: AppendContext, lines: [(offset: Int, element: ArraySlice<UInt8>)], acceptNewSpellings: Bool) throws(LedgerError) {
        self.context = context
        self.acceptNewSpellings = acceptNewSpellings
        parsed = lines.map { line in (line.offset, Result { () throws(LedgerError) -> JSONValue in try JSONValue(parsing: line.element) }) }
        var ids = Set<String>(), targets: [Int] = [], spellings = Set<String>()
        for (_, result) in parsed {
            guard case .success(let value) = result, let body = value["body"] else { continue }
            for part in [body, body["replacement"]].compactMap({ $0 }) {
                for key in ["document", "from", "to", "reported_by", "cited_by"] { if let id = part[key]?.string { ids.insert(id) } }
                for key in ["party", "reported_by", "cited_by"] { if let name = part[key]?.string { spellings.insert(name) } }
            }
            if let target = body["corrects"]?.int { targets.append(target) }
        }
        provenance = try context.registrations(of: Array(ids), including: targets)
        let state = try context.ledger.state()
        names = NameCache(try state.nameBook(for: Array(spellings)))
        let cache = names
        provenance.nameSource = { _ in cache.book }
    }

    /// The drafts of `lines`; the first bad line is a `usage` error naming its number.
    mutating func draft() throws(LedgerError) -> [EntryDraft] {
        let state = try context.ledger.state()
        var drafts: [EntryDraft] = []
        var keys: [(line: Int, key: [UInt8], what: String)] = []
        drafts.reserveCapacity(parsed.count)
        for (offset, result) in parsed {
            do throws(LedgerError) {
                let (draft, fact) = try draft(result.get())
                drafts.append(draft)
                if let fact {
                    guard facts.insert(fact.key).inserted else { throw LedgerError.usage("\(fact.what) appears twice in the input") }
                    keys.append((offset, fact.key, fact.what))
                }
            } catch {
                throw LedgerError(error.kind, "line \(offset + 1): \(error.message)")
            }
        }
        // Statuses and links already in the log, looked up together.
        let recorded = try state.facts(keys.map(\.key))
        if let duplicate = keys.first(where: { recorded[$0.key] != nil }) {
            throw LedgerError.usage("line \(duplicate.line + 1): \(duplicate.what) is already recorded as seq \(recorded[duplicate.key]!)")
        }
        return drafts
    }

    /// One line's draft, and for a status or a link the key under which it would be a duplicate.
    private mutating func draft(_ value: JSONValue) throws(LedgerError) -> (EntryDraft, (key: [UInt8], what: String)?) {
        guard let typeName = value["type"]?.string, let body = value["body"], body.object != nil,
              value.object?.count == 2 else {
            throw LedgerError.usage("each line is {\"type\": TYPE, \"body\": {...}}")
        }
        let type = EntryType(rawValue: typeName)
        guard Self.allowed.contains(type) else {
            throw LedgerError.usage("append takes \(Self.allowed.map(\.rawValue).sorted().joined(separator: ", ")), not \(typeName)")
        }
        func text(_ key: String) -> String? { body[key]?.string }
        let made: ProvenanceDraft
        var fact: (key: [UInt8], what: String)?
        switch type {
        case .partyStatus:
            guard let party = text("party"), let document = text("document"), let status = text("status") else {
                throw LedgerError.usage("a party.status needs party, document and status")
            }
            made = try provenance.statusDraft(party: party, document: document, status: status, statement: text("statement"),
                                              reportedBy: text("reported_by"), at: text("at"), acceptNewSpellings: acceptNewSpellings)
            guard let record = StatusRecord(body: made.body) else { throw LedgerError.usage("a party.status needs party, document and status") }
            fact = (LedgerState.factKey(status: record), "this status")
        case .linkAdded:
            guard let from = text("from"), let relation = text("relation"), let to = text("to") else {
                throw LedgerError.usage("a link.added needs from, relation and to")
            }
            made = try provenance.linkDraft(from: from, relation: relation, to: to, note: text("note"))
            guard let record = LinkRecord(body: made.body) else { throw LedgerError.usage("a link.added needs from, relation and to") }
            fact = (LedgerState.factKey(link: record), "\(from) \(relation) \(to)")
        case .excerptRecorded:
            guard let document = text("document"), let excerpt = text("text"), !excerpt.isEmpty else {
                throw LedgerError.usage("an excerpt.recorded needs document and text")
            }
            _ = try provenance.documentInForce(document, role: "the excerpt's document")
            return (Ledger.excerptDraft(document: document, text: excerpt, citedBy: text("cited_by")), nil)
        default:
            guard let seq = body["corrects"]?.int, let reason = text("reason") else {
                throw LedgerError.usage("an entry.corrected needs corrects (a seq) and reason")
            }
            made = try provenance.correctionDraft(corrects: seq, reason: reason, replacement: body["replacement"],
                                                  acceptNewSpellings: acceptNewSpellings)
        }
        warnings += made.warnings
        for name in made.newNames { names.add(name.spelling, role: name.role) }
        return (EntryDraft(type: made.type, body: made.body), fact)
    }
}

/// The names a bulk draft meets, with those it records as it goes.
private final class NameCache: Sendable {
    private let state: Mutex<NameBook>

    init(_ book: NameBook) {
        state = Mutex(book)
    }

    var book: NameBook { state.withLock { $0 } }

    func add(_ spelling: String, role: NameRole) {
        state.withLock { $0.record(spelling, role: role, seq: Int.max) }
    }
}

extension LedgerState {
    /// The seqs of the statuses and links recorded under `keys`, by key (one read for all).
    func facts(_ keys: [[UInt8]]) throws(LedgerError) -> [[UInt8]: Int] {
        guard !keys.isEmpty else { return [:] }
        return try read { db in
            var found: [[UInt8]: Int] = [:]
            let statement = try db.cachedStatement(sql: "SELECT seq FROM facts WHERE key = ?")
            for key in keys {
                if let seq = try Int.fetchOne(statement, arguments: [Data(key)]) { found[key] = seq }
            }
            return found
        }
    }
}
