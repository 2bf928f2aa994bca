/// The keys of a text's words for the candidate index and the alignment filter
/// (``ExcerptQuery``): each word has its match key (of its folded form) and its look-alike key
/// (of its L2 spelling's skeleton, before case folding, as the spec computes look-alikes).
extension TextLayers {
    /// The words as aligned: every token, then every hyphen-joined word.
    var alignedWordIDs: [Int32] { tokens.map(\.word) + joins.map(\.word) }

    /// The L2 spelling of token `t`.
    func spelling(_ t: Int) -> String {
        Differences.text(l2[Int(tokens[t].l2Start)..<Int(tokens[t].l2End)])
    }

    /// Look-alike key ids of ``alignedWordIDs``, position for position: from the folded word
    /// where it is spelled so, else from its spelling (only capitalised words need that).
    func lookAlikeKeyIDs() -> [Int32] {
        var spellings: [Int: String] = [:]
        var cased = Set<Int32>()
        for t in casedTokens {
            cased.insert(t)
            spellings[Int(t)] = spelling(Int(t))
        }
        for (j, join) in joins.enumerated() where cased.contains(join.first) || cased.contains(join.first + 1) {
            spellings[tokens.count + j] = spelling(Int(join.first)) + spelling(Int(join.first) + 1)
        }
        return WordTable.shared.lookAlikeKeyIDs(of: alignedWordIDs, spellings: spellings)
    }
}
