/// How faithfully an excerpt occurs in a text (spec/excerpt-verification.md, "Grades").
///
/// Ordered strongest first: `exact < normalized < tokens < edited < approximate < notFound`,
/// so sorting ascending puts the best grade first and `min` picks the strongest.
public enum Verdict: String, Sendable, Comparable, CaseIterable {
    /// The trimmed excerpt occurs in L1 as is.
    case exact
    /// Occurs at L2 (quote marks, dashes, white space, compatibility forms differ).
    case normalized
    /// Its L3 words occur contiguously (case, punctuation differ; hyphenated words joined).
    case tokens
    /// Faithful but for marked edits: elisions and bracketed insertions.
    case edited
    /// A fitting word alignment reaches similarity 0.8, or look-alikes or diacritics differ.
    case approximate
    /// None of the above in any text.
    case notFound = "not_found"

    /// 0 for `exact` up to 5 for `notFound`: smaller is stronger.
    public var strength: Int {
        switch self {
        case .exact: 0
        case .normalized: 1
        case .tokens: 2
        case .edited: 3
        case .approximate: 4
        case .notFound: 5
        }
    }

    /// Stronger grades sort first.
    public static func < (lhs: Verdict, rhs: Verdict) -> Bool { lhs.strength < rhs.strength }
}

/// The kind of one difference between an excerpt and the document's stretch.
public enum DifferenceKind: String, Sendable, CaseIterable {
    /// A different quotation mark.
    case quoteMark = "quote_mark"
    /// Different white space (line break, no-break space, several spaces, zero-width characters).
    case whitespace
    /// A different dash.
    case dash
    /// Different letter case.
    case `case`
    /// Different punctuation between the same words.
    case punctuation
    /// A word broken by a hyphen at a line end in the document, joined in the excerpt (or a soft hyphen).
    case hyphenation
    /// An elision mark and the document text it leaves out.
    case elision
    /// A bracketed editorial insertion (`[the Board]`, `[T]he`, `[sic]`) and what it stands for.
    case editorial
    /// A word the excerpt adds.
    case insertion
    /// A document word the excerpt drops.
    case deletion
    /// A word the excerpt changes.
    case substitution
    /// Words that differ only by look-alike characters (equal UTS #39 skeletons).
    case confusable
    /// Words that differ only by diacritics.
    case diacritic
}

/// One difference: its kind, the excerpt's side and the document's side.
public struct Difference: Sendable, Equatable {
    /// What differs.
    public var kind: DifferenceKind
    /// The excerpt's side (empty for a deletion).
    public var excerpt: String
    /// The document's side (empty for an insertion).
    public var document: String

    /// A difference.
    public init(kind: DifferenceKind, excerpt: String, document: String) {
        self.kind = kind
        self.excerpt = excerpt
        self.document = document
    }
}

/// Where and how well an excerpt occurs in one document.
public struct ExcerptMatch: Sendable {
    /// Document id.
    public var document: String
    /// Ledger entry of the text that matched (the excerpt's entry for excerpt-only documents).
    public var seq: Int
    /// Grade of the best place.
    public var verdict: Verdict
    /// 1.0 for the four strongest grades, else the similarity 1 − edits ÷ excerpt words.
    public var score: Double
    /// L1 scalar offset where the best place starts (within its segment).
    public var start: Int
    /// L1 scalar offset where it ends (exclusive).
    public var end: Int
    /// 1-based line of `start`.
    public var line: Int
    /// The document's stretch `start..<end` as text.
    public var text: String
    /// How many places reach `verdict`.
    public var count: Int
    /// The differences at the best place.
    public var differences: [Difference]
    /// The L1 range of each part of the best place, in order: one range (`start..<end`) for
    /// every grade but `edited`, whose parts between marks each have their own.
    public var parts: [Range<Int>]
    /// The 1-based page of `start`, for a document whose format has pages (set by the ledger,
    /// which knows the format; pages of a derived text are separated by form feeds).
    public var page: Int? = nil
}

/// The answer for one excerpt.
public struct Verification: Sendable {
    /// The best grade over all documents (`notFound` when nothing matches).
    public var verdict: Verdict
    /// The excerpt as compared, after trimming.
    public var excerpt: String
    /// Every document matching above `notFound`, by grade, then score (descending), then id.
    public var matches: [ExcerptMatch]

    /// A verification with these members.
    public init(verdict: Verdict, excerpt: String, matches: [ExcerptMatch]) {
        self.verdict = verdict
        self.excerpt = excerpt
        self.matches = matches
    }
}
