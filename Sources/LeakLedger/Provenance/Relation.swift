/// How one document or statement refers to another, in the vocabulary of `spec/cli.md`.
///
/// A link reads as a sentence: FROM RELATION TO ("wire-story quotes us-response").
public enum Relation: String, LedgerVocabulary {
    /// FROM prints words of TO verbatim.
    case quotes
    /// FROM closely resembles TO (corroborating similarity, not proof).
    case mirrors
    /// FROM names TO as its source or reference.
    case cites
    /// FROM is an answer to TO.
    case respondsTo = "responds_to"
    /// FROM was made from TO (a translation, an extract, a scan).
    case derivedFrom = "derived_from"
    /// FROM and TO are the same document.
    case sameAs = "same_as"
    /// FROM says the opposite of TO.
    case contradicts
    /// FROM replaces TO (a later version).
    case supersedes
    /// TO is background for reading FROM.
    case context

    /// "relation".
    public static var fieldName: String { "relation" }

    /// One line of help for this relation.
    public var summary: String {
        switch self {
        case .quotes: "FROM prints words of TO verbatim"
        case .mirrors: "FROM closely resembles TO (corroborating similarity, not proof)"
        case .cites: "FROM names TO as its source or reference"
        case .respondsTo: "FROM is an answer to TO"
        case .derivedFrom: "FROM was made from TO (a translation, an extract, a scan)"
        case .sameAs: "FROM and TO are the same document"
        case .contradicts: "FROM says the opposite of TO"
        case .supersedes: "FROM replaces TO (a later version)"
        case .context: "TO is background for reading FROM"
        }
    }
}
