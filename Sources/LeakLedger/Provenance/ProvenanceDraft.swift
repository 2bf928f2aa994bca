/// An entry checked against the ledger and ready to append, with what the caller should say.
public struct ProvenanceDraft: Sendable, Hashable {
    /// The entry type.
    public let type: EntryType
    /// The entry body.
    public let body: JSONValue
    /// Warnings for standard error (a near-duplicate name accepted with `--as-new`).
    public let warnings: [String]
    /// Names this entry uses for the first time, with their roles: appending records them.
    public let newNames: [NewName]

    /// A name used for the first time.
    public struct NewName: Sendable, Hashable {
        /// The spelling.
        public let spelling: String
        /// The role it is used in.
        public let role: NameRole
    }
}

/// Collects the outcome of name checks while a draft is validated.
struct NameReview {
    let book: NameBook
    let acceptNewSpellings: Bool
    /// Names the entry being corrected already used: kept as they are, they are not reviewed again.
    var unchanged: Set<String> = []
    var warnings: [String] = []
    var newNames: [ProvenanceDraft.NewName] = []

    /// Checks one name: a near-duplicate is refused unless `acceptNewSpellings`, when it is a warning.
    mutating func review(_ spelling: String, role: NameRole, option: String) throws(LedgerError) {
        if unchanged.contains(spelling) { return }
        switch book.check(spelling, role: role) {
        case .known:
            return
        case .new:
            newNames.append(.init(spelling: spelling, role: role))
        case .nearDuplicate(let known, let knownRole):
            let what = "\(option) \"\(spelling)\" looks like the known \(knownRole) \"\(known)\""
            guard acceptNewSpellings else {
                throw LedgerError.usage(
                    "\(what); use the known spelling, or pass --as-new to record \"\(spelling)\" as a different name")
            }
            warnings.append("\(what); recorded as a new name (--as-new)")
            newNames.append(.init(spelling: spelling, role: role))
        }
    }
}
