import Foundation

/// The role in which the ledger met a name.
public enum NameRole: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// Someone who said something about a document (`status PARTY`).
    case party
    /// Where a document came from (`register --source`).
    case source
    /// Who published a document (`register --publisher`).
    case publisher
    /// Who reported a status or printed an excerpt (`--reported-by`, `--cited-by`), when not a document id.
    case reporter
    /// A registered document or statement id.
    case document

    /// The role's name, as messages print it.
    public var description: String { rawValue }
}

/// What the ledger knows of a name about to be used.
public enum NameCheck: Sendable, Hashable {
    /// Already used with exactly this spelling.
    case known
    /// Never used, and not close to any name in use: using it records it.
    case new
    /// Never used, but close to a name in use (case, accents, spacing, punctuation, one letter).
    case nearDuplicate(of: String, role: NameRole)
}

/// The names the ledger knows (parties, sources, publishers, reporters, document ids), derived
/// from the entries in force: the first use of a name records it, and a correction that
/// respells it retires the old spelling.
public struct NameBook: Sendable {
    /// A name in use.
    public struct Name: Sendable, Hashable {
        /// The spelling, as used.
        public let spelling: String
        /// Every role it was used in.
        public internal(set) var roles: Set<NameRole>
        /// The seq of its first use.
        public let firstSeq: Int
        /// Its folded form (see `NameBook.fold`).
        public let folded: String
        /// How many entries in force use it (from the derived state; 1 when derived from entries).
        var uses: Int = 1
    }

    /// The names, in order of first use.
    public private(set) var names: [Name] = []
    private var bySpelling: [String: Int] = [:]

    /// A book of the given names (the part of the ledger's names a review needs).
    init(names: [Name]) {
        for name in names where bySpelling[name.spelling] == nil {
            bySpelling[name.spelling] = self.names.count
            self.names.append(name)
        }
    }

    /// Takes back the uses of names by `entries` (in force in `provenance`): a correction is
    /// reviewed as if the entry it corrects had never spoken. A name no longer used is dropped.
    mutating func removeUses(of entries: [Entry], provenance: Provenance) {
        guard !entries.isEmpty else { return }
        for entry in entries {
            let body = (provenance.corrections[entry.seq]?.last).map { $0.replacement } ?? entry.body
            guard let body else { continue }
            var spellings: [String] = []
            switch entry.type {
            case .documentRegistered: spellings = ["id", "source", "publisher"].compactMap { body[$0]?.string }
            case .partyStatus: spellings = ["party", "reported_by"].compactMap { body[$0]?.string }
            case .excerptRecorded: spellings = ["cited_by"].compactMap { body[$0]?.string }
            default: continue
            }
            for spelling in spellings {
                guard let index = bySpelling[spelling.precomposedStringWithCanonicalMapping] else { continue }
                names[index].uses -= 1
            }
        }
        let kept = names.filter { $0.uses > 0 }
        self = NameBook(names: kept)
    }

    /// The names used by these entries (corrections applied).
    public init(entries: [Entry]) {
        self.init(Provenance(entries: entries))
    }

    /// The names used in a projection (corrections applied), leaving out the entries `excluding`
    /// (a correction checks its replacement as if the entry it corrects had never spoken, so
    /// that respelling "El Pais" as "El País" is not a near-duplicate of itself).
    public init(_ provenance: Provenance, excluding: Set<Int> = []) {
        let ids = Set(provenance.documentIDs)
        var uses: [(String, NameRole, Int)] = []
        for document in provenance.documents where !excluding.contains(document.seq) {
            guard let current = document.current else { continue }
            uses.append((current.id, .document, document.seq))
            if let source = current.source { uses.append((source, .source, document.seq)) }
            if let publisher = current.publisher { uses.append((publisher, .publisher, document.seq)) }
        }
        for status in provenance.statuses where !excluding.contains(status.seq) {
            guard let current = status.current else { continue }
            uses.append((current.party, .party, status.seq))
            if let reporter = current.reportedBy, !ids.contains(reporter) { uses.append((reporter, .reporter, status.seq)) }
        }
        for excerpt in provenance.excerpts where !excluding.contains(excerpt.seq) {
            if let citedBy = excerpt.current?.citedBy, !ids.contains(citedBy) {
                uses.append((citedBy, .reporter, excerpt.seq))
            }
        }
        for (spelling, role, seq) in uses.sorted(by: { $0.2 < $1.2 }) { record(spelling, role: role, seq: seq) }
    }

    private mutating func record(_ spelling: String, role: NameRole, seq: Int) {
        let key = spelling.precomposedStringWithCanonicalMapping
        if let index = bySpelling[key] {
            names[index].roles.insert(role)
        } else {
            bySpelling[key] = names.count
            names.append(Name(spelling: key, roles: [role], firstSeq: seq, folded: Self.fold(key)))
        }
    }

    /// The known name with exactly this spelling (Unicode-normalized).
    public func name(_ spelling: String) -> Name? {
        bySpelling[spelling.precomposedStringWithCanonicalMapping].map { names[$0] }
    }

    /// Whether a name is known, new, or a near-duplicate of a known one. Among several near
    /// duplicates the answer prefers one known in the same role, then the closest, then the oldest.
    public func check(_ spelling: String, role: NameRole) -> NameCheck {
        if name(spelling) != nil { return .known }
        let folded = Self.fold(spelling)
        var best: (rank: (Int, Int, Int), name: Name)?
        for known in names {
            guard let distance = Self.nearness(folded, known.folded) else { continue }
            let rank = (known.roles.contains(role) ? 0 : 1, distance, known.firstSeq)
            if best == nil || rank < best!.rank { best = (rank, known) }
        }
        guard let best else { return .new }
        let knownRole = best.name.roles.contains(role) ? role : NameRole.allCases.first { best.name.roles.contains($0) }!
        return .nearDuplicate(of: best.name.spelling, role: knownRole)
    }

    /// The form two spellings are compared in: compatibility-decomposed, case-folded, UTS #39
    /// confusable skeleton (so a Cyrillic "а" meets a Latin "a"), accents dropped, and only
    /// letters and digits kept ("El País", "el pais", "EL-PAIS" all fold to "elpais").
    public static func fold(_ spelling: String) -> String {
        let lowered = spelling.decomposedStringWithCompatibilityMapping.lowercased()
        let skeleton = Confusables.skeleton(lowered).decomposedStringWithCompatibilityMapping.lowercased()
        var out = String.UnicodeScalarView()
        for scalar in skeleton.unicodeScalars {
            let properties = scalar.properties
            if properties.isAlphabetic && !properties.generalCategory.isMark || properties.numericType != nil {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// 0 when two folded forms are equal; 1 when one edit apart and both are long enough (5 or
    /// more letters) for one letter to be a slip rather than a different name; otherwise nil.
    static func nearness(_ a: String, _ b: String) -> Int? {
        if a == b { return a.isEmpty ? nil : 0 }
        let x = Array(a.unicodeScalars), y = Array(b.unicodeScalars)
        guard min(x.count, y.count) >= 5, abs(x.count - y.count) <= 1 else { return nil }
        return withinOneEdit(x, y) ? 1 : nil
    }

    /// Whether one insertion, deletion or substitution turns `x` into `y`.
    private static func withinOneEdit(_ x: [Unicode.Scalar], _ y: [Unicode.Scalar]) -> Bool {
        var i = 0
        while i < x.count, i < y.count, x[i] == y[i] { i += 1 }
        if x.count == y.count { return x[(i + 1)...] == y[(i + 1)...] }
        if x.count < y.count { return x[i...] == y[(i + 1)...] }
        return x[(i + 1)...] == y[i...]
    }
}

extension Unicode.GeneralCategory {
    fileprivate var isMark: Bool {
        self == .nonspacingMark || self == .spacingMark || self == .enclosingMark
    }
}
