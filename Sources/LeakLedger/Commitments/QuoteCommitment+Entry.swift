import Commitments


extension QuoteCommitment {
    /// The commitment a registration body records; nil when it records none (registered
    /// before quote commitments, or without text). Members present but wrong are an `entry`
    /// failure.
    public init?(body: JSONValue) throws(CommitmentError) {
        let scheme = body[QuoteScheme.schemeField]
        let words = body[QuoteScheme.wordsField]
        let root = body[QuoteScheme.rootField]
        if scheme != nil, scheme?.string == nil { throw .failed(.entry, "the entry's quote_scheme is not a string") }
        if let words, case .int = words {} else if words != nil { throw .failed(.entry, "the entry's quote_words is not a whole number") }
        if root != nil, root?.string == nil { throw .failed(.entry, "the entry's quote_root is not a string") }
        try self.init(scheme: scheme?.string, words: words?.int, root: root?.string)
    }

    /// The three members a registration body gets: `quote_scheme`, `quote_words`, `quote_root`.
    public var bodyMembers: [String: JSONValue] {
        [QuoteScheme.schemeField: .string(scheme), QuoteScheme.wordsField: .int(wordCount), QuoteScheme.rootField: .string(rootBase64)]
    }
}
