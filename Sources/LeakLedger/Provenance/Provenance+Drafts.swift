import Foundation

extension Provenance {
    /// Drafts a `party.status`: the status must be in the vocabulary, the document registered and
    /// in force, `at` a date, and the names (party, a reporter that is not a document id) known
    /// or new; a near-duplicate name is refused unless `acceptNewSpellings` (`--as-new`).
    public func statusDraft(party: String, document: String, status: String, statement: String? = nil,
                            reportedBy: String? = nil, at: String? = nil,
                            acceptNewSpellings: Bool = false) throws(LedgerError) -> ProvenanceDraft {
        let status = StatusRecord(party: party, document: document, status: status, statement: statement,
                                  reportedBy: reportedBy, at: at)
        var names = NameReview(book: nameBook(for: [party, reportedBy].compactMap { $0 }), acceptNewSpellings: acceptNewSpellings)
        let checked = try check(status, names: &names)
        if let duplicate = statuses.first(where: { $0.current == checked }) {
            throw LedgerError.usage(
                "this status is already recorded as seq \(duplicate.seq); nothing appended (to record it said again, give --at)")
        }
        return ProvenanceDraft(type: .partyStatus, body: checked.body, warnings: names.warnings, newNames: names.newNames)
    }

    /// Drafts a `link.added`: the relation must be in the vocabulary and both ends registered
    /// documents or statements in force, and distinct.
    public func linkDraft(from: String, relation: String, to: String,
                          note: String? = nil) throws(LedgerError) -> ProvenanceDraft {
        let checked = try check(LinkRecord(from: from, relation: relation, to: to, note: note))
        if let duplicate = links.first(where: {
            $0.current.map { ($0.from, $0.relation, $0.to) == (checked.from, checked.relation, checked.to) } ?? false
        }) {
            throw LedgerError.usage(
                "\(from) \(relation) \(to) is already recorded as seq \(duplicate.seq); to change its note, correct it")
        }
        return ProvenanceDraft(type: .linkAdded, body: checked.body, warnings: [], newNames: [])
    }

    /// The members `correct` may change in each type's body.
    public static let correctableMembers: [EntryType: [String]] = [
        .partyStatus: ["party", "document", "status", "statement", "reported_by", "at"],
        .linkAdded: ["from", "relation", "to", "note"],
        .excerptRecorded: ["document", "text", "cited_by"],
        .documentRegistered: ["title", "source", "publisher", "published", "marking"],
    ]

    /// Drafts an `entry.corrected` of entry `seq`. With no `changes` and no `removing`, the
    /// correction withdraws the entry; otherwise its replacement is the entry's body in force
    /// with those members set or removed, checked like a new entry of that type.
    public func correctionDraft(corrects seq: Int, reason: String, changes: [String: String] = [:],
                                removing: Set<String> = [], acceptNewSpellings: Bool = false) throws(LedgerError)
        -> ProvenanceDraft
    {
        let target = try correctable(seq)
        guard !changes.isEmpty || !removing.isEmpty else {
            return try correctionDraft(corrects: seq, reason: reason, replacement: nil)
        }
        let allowed = Self.correctableMembers[target.type] ?? []
        for member in Set(changes.keys).union(removing) where !allowed.contains(member) {
            throw LedgerError.usage(
                "a \(target.type) entry cannot change \"\(member)\"; it can change: \(allowed.joined(separator: ", "))")
        }
        let base = (corrections[seq]?.last).map { $0.replacement } ?? target.body
        guard var members = base?.object else {
            throw LedgerError.usage("entry \(seq) was withdrawn; record a new entry instead of correcting it")
        }
        for member in removing { members[member] = nil }
        for (member, value) in changes { members[member] = .string(value) }
        return try correctionDraft(corrects: seq, reason: reason, replacement: .object(members),
                                   acceptNewSpellings: acceptNewSpellings)
    }

    /// Drafts an `entry.corrected` with a whole replacement body (or none, to withdraw), checked
    /// like a new entry of the corrected type.
    public func correctionDraft(corrects seq: Int, reason: String, replacement: JSONValue?,
                                acceptNewSpellings: Bool = false) throws(LedgerError) -> ProvenanceDraft {
        let target = try correctable(seq)
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else { throw LedgerError.usage("a correction needs a reason (--reason)") }
        let spellings = (replacement?.object ?? [:]).values.compactMap(\.string)
        var names = NameReview(book: nameBook(for: spellings, excluding: [seq]), acceptNewSpellings: acceptNewSpellings)
        let standing = (corrections[seq]?.last).map { $0.replacement } ?? target.body
        names.unchanged = Set((standing?.object ?? [:]).values.compactMap(\.string))
        var body: [String: JSONValue] = ["corrects": .int(seq), "reason": .string(reason)]
        if let replacement {
            body["replacement"] = try checkReplacement(replacement, of: target, names: &names)
        }
        return ProvenanceDraft(type: .entryCorrected, body: .object(body), warnings: names.warnings,
                               newNames: names.newNames)
    }

    private func correctable(_ seq: Int) throws(LedgerError) -> Entry {
        guard let target = entry(seq: seq) else {
            throw LedgerError.usage("there is no entry \(seq) to correct; see leakledger log")
        }
        switch target.type {
        case .ledgerCreated:
            throw LedgerError.usage("entry \(seq) creates the ledger and cannot be corrected")
        case .entryCorrected:
            let original = target.body["corrects"]?.int.map(String.init) ?? "?"
            throw LedgerError.usage(
                "entry \(seq) is itself a correction; correct entry \(original) again instead (the last correction holds)")
        default:
            return target
        }
    }

    private func checkReplacement(_ replacement: JSONValue, of target: Entry,
                                  names: inout NameReview) throws(LedgerError) -> JSONValue {
        func read<Body: EntryBody>(_ type: Body.Type) throws(LedgerError) -> Body {
            guard let body = Body(body: replacement) else {
                throw LedgerError.usage("the replacement is not a valid \(target.type) body")
            }
            return body
        }
        switch target.type {
        case .partyStatus:
            return try check(read(StatusRecord.self), names: &names).body
        case .linkAdded:
            return try check(read(LinkRecord.self)).body
        case .excerptRecorded:
            let excerpt = try read(ExcerptRecord.self)
            _ = try documentInForce(excerpt.document, role: "the excerpt's document")
            guard !excerpt.text.isEmpty else { throw LedgerError.usage("an excerpt needs its text") }
            if let citedBy = excerpt.citedBy, document(citedBy)?.current == nil {
                try names.review(citedBy, role: .reporter, option: "cited_by")
            }
            return excerpt.body
        case .documentRegistered:
            return try checkDocument(read(DocumentRecord.self), replacing: target, names: &names).body
        default:
            throw LedgerError.usage(
                "a \(target.type) entry takes no replacement; correct it without one to withdraw it")
        }
    }

    private func checkDocument(_ document: DocumentRecord, replacing target: Entry,
                               names: inout NameReview) throws(LedgerError) -> DocumentRecord {
        let editable = Set(Self.correctableMembers[.documentRegistered] ?? [])
        let before = target.body.object ?? [:], after = document.body.object ?? [:]
        for key in Set(before.keys).union(after.keys) where !editable.contains(key) && before[key] != after[key] {
            throw LedgerError.usage(
                "a correction cannot change a document's \"\(key)\"; register the document again instead")
        }
        for key in editable where after[key] != nil && after[key]?.string == nil {
            throw LedgerError.usage("a document's \"\(key)\" must be text")
        }
        if let published = document.published { _ = try ReportedTime(published) }
        if let source = document.source, source != target.body["source"]?.string {
            try names.review(source, role: .source, option: "source")
        }
        if let publisher = document.publisher, publisher != target.body["publisher"]?.string {
            try names.review(publisher, role: .publisher, option: "publisher")
        }
        return document
    }

    /// Checks a status body; returns it with its text trimmed and its date normalized.
    func check(_ status: StatusRecord, names: inout NameReview) throws(LedgerError) -> StatusRecord {
        var status = status
        status.party = try Self.name(status.party, what: "party")
        _ = try PartyStatus.parse(status.status)
        _ = try documentInForce(status.document, role: "the status's document")
        if let statement = status.statement, statement.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw LedgerError.usage("--statement is empty; leave it out when nothing was said verbatim")
        }
        if let at = status.at { status.at = try ReportedTime(at).text }
        try names.review(status.party, role: .party, option: "party")
        if let reporter = status.reportedBy {
            let reporter = try Self.name(reporter, what: "--reported-by")
            status.reportedBy = reporter
            if document(reporter)?.current == nil {
                try names.review(reporter, role: .reporter, option: "--reported-by")
            }
        }
        return status
    }

    /// Checks a link body: relation in the vocabulary, both ends registered and in force, distinct.
    func check(_ link: LinkRecord) throws(LedgerError) -> LinkRecord {
        _ = try Relation.parse(link.relation)
        _ = try documentInForce(link.from, role: "the link's FROM")
        _ = try documentInForce(link.to, role: "the link's TO")
        guard link.from != link.to else { throw LedgerError.usage("a link needs two different ends") }
        if let note = link.note, note.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw LedgerError.usage("--note is empty; leave it out")
        }
        return link
    }

    /// The registered, unwithdrawn document or statement `id`, else a usage error saying how to register it.
    func documentInForce(_ id: String, role: String) throws(LedgerError) -> DocumentRecord {
        guard let record = document(id) else {
            let hint = nameBook(for: [id]).names.first { $0.roles.contains(.document) && NameBook.nearness(
                NameBook.fold(id), $0.folded) != nil }.map { " (did you mean \($0.spelling)?)" } ?? ""
            throw LedgerError.usage(
                "\(role) \"\(id)\" is not a registered document or statement\(hint); register it first "
                    + "(register FILE --id \(id), or register --excerpts-only --id \(id) --title T)")
        }
        guard let current = record.current else {
            throw LedgerError.usage("\(role) \"\(id)\" was withdrawn by a correction (seq \(record.corrections.last!.seq))")
        }
        return current
    }

    /// A name with surrounding white space removed; empty is a usage error.
    static func name(_ text: String, what: String) throws(LedgerError) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw LedgerError.usage("\(what) is empty") }
        return trimmed
    }
}
