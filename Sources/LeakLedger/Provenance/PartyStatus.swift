/// What a party said about a document, in the vocabulary of `spec/cli.md`.
///
/// Authenticity is rarely confirmed outright: most answers are graded non-answers, and each is
/// recorded as said, with its words in the entry's `statement`.
public enum PartyStatus: String, LedgerVocabulary {
    /// Said the document is genuine.
    case confirmed
    /// Confirmed with qualifications ("appears to be").
    case hedgedConfirmation = "hedged_confirmation"
    /// Said the document is not genuine.
    case denied
    /// Denied being its author or source, not judging it.
    case deniedInvolvement = "denied_involvement"
    /// Explicitly would neither confirm nor deny.
    case neitherConfirmNorDeny = "neither_confirm_nor_deny"
    /// Declined to comment on this document.
    case declinedToComment = "declined_to_comment"
    /// Cited a policy of not commenting (alleged leaks).
    case noCommentPolicy = "no_comment_policy"
    /// Did not answer a request for comment.
    case noResponse = "no_response"
    /// Authenticated by technical analysis (metadata).
    case authenticatedTechnical = "authenticated_technical"
    /// Said it is altered, fabricated or out of context.
    case disputed

    /// "status".
    public static var fieldName: String { "status" }

    /// One line of help for this status.
    public var summary: String {
        switch self {
        case .confirmed: "said the document is genuine"
        case .hedgedConfirmation: "confirmed with qualifications (\"appears to be\")"
        case .denied: "said the document is not genuine"
        case .deniedInvolvement: "denied being its author or source, not judging it"
        case .neitherConfirmNorDeny: "explicitly would neither confirm nor deny"
        case .declinedToComment: "declined to comment on this document"
        case .noCommentPolicy: "cited a policy of not commenting (alleged leaks)"
        case .noResponse: "did not answer a request for comment"
        case .authenticatedTechnical: "authenticated by technical analysis (metadata)"
        case .disputed: "said it is altered, fabricated or out of context"
        }
    }
}
