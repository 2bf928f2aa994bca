/// What the ledger says about documents, parties and their links: a projection of the entries,
/// with corrections applied beside what they correct.
///
/// Built from `[Entry]` in one pass; nothing here reads or writes storage. The drafting methods
/// (`statusDraft`, `linkDraft`, `correctionDraft`) check a new entry against it before the
/// ledger appends it.
public struct Provenance: Sendable {
    /// The ledger's origin line, from `ledger.created`.
    public private(set) var origin: String?
    /// Registered documents and statements, in registration order.
    public private(set) var documents: [Corrected<DocumentRecord>] = []
    /// Recorded excerpts, in log order.
    public private(set) var excerpts: [Corrected<ExcerptRecord>] = []
    /// Party statuses, in log order.
    public private(set) var statuses: [Corrected<StatusRecord>] = []
    /// Cross-references, in log order.
    public private(set) var links: [Corrected<LinkRecord>] = []
    /// Recorded excerpt verifications (`excerpt.verified` bodies), in log order.
    public private(set) var verifications: [Corrected<JSONValue>] = []
    /// Corrections, by the seq they correct, oldest first.
    public private(set) var corrections: [Int: [Correction]] = [:]
    /// The entries projected, in log order (the whole log, or the part of it a query needs).
    public let entries: [Entry]
    /// Where to find the names in use (``NameBook``) for the spellings a draft reviews; nil to
    /// derive them from ``entries`` (a projection of the whole log).
    var nameSource: (@Sendable (_ spellings: [String]) -> NameBook)?

    private var entryIndex: [Int: Int] = [:]

    private var documentIndex: [String: Int] = [:]
    /// Indices into `statuses`, `links` and `excerpts` by every document id they name (as
    /// recorded or as corrected), so that a card or an export does not scan the whole log per document.
    private var statusesByDocument: [String: [Int]] = [:]
    private var linksByDocument: [String: [Int]] = [:]
    private var excerptsByDocument: [String: [Int]] = [:]

    /// Projects the entries, oldest first.
    public init(entries: [Entry]) {
        self.entries = entries
        for (index, entry) in entries.enumerated() { entryIndex[entry.seq] = index }
        for entry in entries where entry.type == .entryCorrected {
            guard let target = entry.body["corrects"]?.int, let reason = entry.body["reason"]?.string else { continue }
            corrections[target, default: []].append(Correction(
                seq: entry.seq, time: entry.time, actor: entry.actor, reason: reason,
                replacement: entry.body["replacement"]))
        }
        for entry in entries {
            switch entry.type {
            case .ledgerCreated:
                origin = entry.body["origin"]?.string
            case .documentRegistered:
                guard let record = project(entry, as: DocumentRecord.self) else { continue }
                if documentIndex[record.recorded.id] == nil { documentIndex[record.recorded.id] = documents.count }
                documents.append(record)
            case .excerptRecorded:
                guard let record = project(entry, as: ExcerptRecord.self) else { continue }
                for id in Set([record.recorded.document, record.current?.document].compactMap { $0 }) {
                    excerptsByDocument[id, default: []].append(excerpts.count)
                }
                excerpts.append(record)
            case .partyStatus:
                guard let record = project(entry, as: StatusRecord.self) else { continue }
                for id in Set([record.recorded.document, record.current?.document].compactMap { $0 }) {
                    statusesByDocument[id, default: []].append(statuses.count)
                }
                statuses.append(record)
            case .linkAdded:
                guard let record = project(entry, as: LinkRecord.self) else { continue }
                let ends = [record.recorded.from, record.recorded.to, record.current?.from, record.current?.to]
                for id in Set(ends.compactMap { $0 }) { linksByDocument[id, default: []].append(links.count) }
                links.append(record)
            case .excerptVerified:
                var record = Corrected(entry: entry, recorded: entry.body)
                for correction in corrections[entry.seq] ?? [] {
                    record.corrections.append(correction)
                    record.current = correction.replacement
                }
                verifications.append(record)
            default:
                continue
            }
        }
    }

    private func project<Body: EntryBody>(_ entry: Entry, as: Body.Type) -> Corrected<Body>? {
        guard let value = Body(body: entry.body) else { return nil }
        var record = Corrected(entry: entry, recorded: value)
        for correction in corrections[entry.seq] ?? [] {
            record.corrections.append(correction)
            // A replacement that does not read as this type would have been refused on append;
            // should one slip in, it withdraws rather than invents.
            record.current = correction.replacement.flatMap(Body.init(body:))
        }
        return record
    }

    /// The entry at `seq`, when the projection holds it.
    public func entry(seq: Int) -> Entry? {
        entryIndex[seq].map { entries[$0] }
    }

    /// The names in use, for reviewing `spellings` (the whole book, or the part of it that can
    /// hold those spellings and their near duplicates).
    func nameBook(for spellings: [String], excluding: Set<Int> = []) -> NameBook {
        guard let nameSource else { return NameBook(self, excluding: excluding) }
        var book = nameSource(spellings)
        book.removeUses(of: excluding.compactMap { entry(seq: $0) }, provenance: self)
        return book
    }

    /// The registered document or statement with this id (withdrawn ones included).
    public func document(_ id: String) -> Corrected<DocumentRecord>? {
        documentIndex[id].map { documents[$0] }
    }

    /// The ids of every registered document and statement still in force, in registration order.
    public var documentIDs: [String] {
        documents.filter { !$0.isWithdrawn }.map(\.recorded.id)
    }

    /// The statuses about a document, ordered by when they were said (`at`, else when recorded),
    /// then by seq. The last one in force for each party is its current status.
    public func statuses(about id: String) -> [Corrected<StatusRecord>] {
        (statusesByDocument[id] ?? []).map { statuses[$0] }
            .sorted { Self.saidOrder($0) < Self.saidOrder($1) }
    }

    /// Each party's current status about a document, in the order parties first spoke.
    public func currentStatuses(about id: String) -> [(party: String, status: Corrected<StatusRecord>)] {
        var order: [String] = []
        var latest: [String: Corrected<StatusRecord>] = [:]
        for record in statuses(about: id) {
            guard let current = record.current, current.document == id else { continue }
            if latest[current.party] == nil { order.append(current.party) }
            latest[current.party] = record
        }
        return order.map { ($0, latest[$0]!) }
    }

    /// The links that touch a document, in either direction, in log order.
    public func links(touching id: String) -> [Corrected<LinkRecord>] {
        (linksByDocument[id] ?? []).map { links[$0] }
    }

    /// The excerpts of a document, in log order.
    public func excerpts(of id: String) -> [Corrected<ExcerptRecord>] {
        (excerptsByDocument[id] ?? []).map { excerpts[$0] }
    }

    /// The recorded verifications whose matches name this document.
    public func verifications(of id: String) -> [Corrected<JSONValue>] {
        verifications.filter { record in
            (record.latest["matches"]?.array ?? []).contains { $0["document"]?.string == id }
        }
    }

    /// When a status was said, for ordering: its `at`, else the time it was recorded.
    static func saidOrder(_ record: Corrected<StatusRecord>) -> (Double, Int) {
        let said = record.latest.at.flatMap { try? ReportedTime($0) } ?? (try? ReportedTime(record.time))
        return (said?.instant ?? 0, record.seq)
    }
}
