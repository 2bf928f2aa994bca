extension Provenance {
    /// The members each provenance body may hold.
    static let allowedMembers: [EntryType: Set<String>] = [
        .partyStatus: ["party", "document", "status", "statement", "reported_by", "at"],
        .linkAdded: ["from", "relation", "to", "note"],
        .entryCorrected: ["corrects", "reason", "replacement"],
    ]

    /// Checks a `party.status`, `link.added` or `entry.corrected` body before it is appended,
    /// whoever drafted it (for `Ledger.validate`): members and their types, the vocabularies,
    /// registered documents in force, dates, correction targets, and the normal form the
    /// drafting methods write (trimmed names, upper-case `T`/`Z`). Names are not judged here:
    /// refusing a near-duplicate spelling is the drafting step's policy (`--as-new`).
    /// Other entry types pass unchecked.
    public func validate(_ type: EntryType, body: JSONValue) throws(LedgerError) {
        guard let allowed = Self.allowedMembers[type] else { return }
        guard let members = body.object else { throw LedgerError.usage("a \(type) body must be a JSON object") }
        for key in members.keys where !allowed.contains(key) {
            throw LedgerError.usage("a \(type) body has no member \"\(key)\"; it holds \(allowed.sorted().joined(separator: ", "))")
        }
        for (key, value) in members where key != "corrects" && key != "replacement" && value.string == nil {
            throw LedgerError.usage("the \(type) member \"\(key)\" must be text")
        }
        let draft: ProvenanceDraft
        switch type {
        case .partyStatus:
            guard let status = StatusRecord(body: body) else {
                throw LedgerError.usage("a party.status body needs party, document and status")
            }
            // New spellings are accepted here (a near duplicate is the drafting step's policy),
            // so no name can make this check fail: an empty book will do.
            var names = NameReview(book: NameBook(names: []), acceptNewSpellings: true)
            draft = ProvenanceDraft(type: type, body: try check(status, names: &names).body, warnings: [], newNames: [])
        case .linkAdded:
            guard let link = LinkRecord(body: body) else { throw LedgerError.usage("a link.added body needs from, relation and to") }
            draft = ProvenanceDraft(type: type, body: try check(link).body, warnings: [], newNames: [])
        default:
            guard let seq = members["corrects"]?.int, let reason = members["reason"]?.string else {
                throw LedgerError.usage("an entry.corrected body needs corrects (a seq) and reason")
            }
            draft = try correctionDraft(corrects: seq, reason: reason, replacement: members["replacement"],
                                        acceptNewSpellings: true)
        }
        guard draft.body == body else {
            throw LedgerError.usage("the \(type) body is not in normal form; expected \(draft.body.canonicalString)")
        }
    }

    /// Reviews names about to be used elsewhere (e.g. `register --source/--publisher`): a
    /// near-duplicate of a known name is a usage error naming the known spelling unless
    /// `acceptNewSpellings`, when it is a warning. Returns the warnings and the new names.
    public func reviewNames(_ uses: [(spelling: String, role: NameRole, option: String)],
                            acceptNewSpellings: Bool = false) throws(LedgerError)
        -> (warnings: [String], newNames: [ProvenanceDraft.NewName])
    {
        var names = NameReview(book: nameBook(for: uses.map(\.spelling)), acceptNewSpellings: acceptNewSpellings)
        for use in uses { try names.review(use.spelling, role: use.role, option: use.option) }
        return (names.warnings, names.newNames)
    }
}
