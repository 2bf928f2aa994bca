import Commitments
import LeakLedger

/// What a verified quote proof establishes: that these words stood at these positions of the
/// L2 text of a document whose registration entry is in the signed log.
public struct VerifiedQuote: Sendable {
    /// The registration entry, proven by the receipt.
    public let entry: Entry
    /// The checkpoint the receipt verified against.
    public let checkpoint: Checkpoint
    /// The commitment in the entry.
    public let commitment: QuoteCommitment
    /// The revealed ranges, checked against the commitment.
    public let ranges: [RevealedRange]

    /// The document id.
    public var document: String { entry.body["id"]?.string ?? "" }
    /// The document's title, when registered with one (and not withheld).
    public var title: String? { entry.body["title"]?.string }
    /// SHA-256 of the document's bytes, hex (absent in a blind entry).
    public var sha256: String? { entry.body["sha256"]?.string }
    /// SHA-256 of its L2 text, hex (absent in a blind entry).
    public var textSHA256: String? { entry.body["text_sha256"]?.string }
    /// When the keeper registered it (the entry's `time`: the keeper's claim).
    public var registered: String { entry.time }

    /// Each revealed stretch, as text: its words joined by single spaces.
    public var stretches: [String] { ranges.map(\.text) }

    /// The number of hidden words between range `k` and range `k + 1`.
    public func hiddenWords(after k: Int) -> Int {
        ranges[k + 1].first - (ranges[k].first + ranges[k].words.count)
    }
}

extension VerifiedQuote {
    /// Grades a printed quote against the revealed words with the excerpt-verification grades.
    ///
    /// The revealed words are the document's L2 text, so `exact` means equal to that form (a
    /// printed curly apostrophe against the document's own curly apostrophe is `normalized`
    /// here). Between two ranges the hidden words stand as that many words that match nothing,
    /// so an elision may cover them and a bracketed insertion is held to their count (in L2
    /// words); the differences name them `⟨N hidden words⟩`.
    public func grade(_ quote: String) -> ExcerptMatch? {
        let placeholder = "x" + Hex.encode(SecureRandom.bytes(8))
        var text = ranges[0].text
        var labels: [(String, String)] = []
        for k in 0..<(ranges.count - 1) {
            let n = hiddenWords(after: k)
            let run = Array(repeating: placeholder, count: n).joined(separator: " ")
            labels.append((run, "⟨\(n) hidden word\(n == 1 ? "" : "s")⟩"))
            text += " " + run + " " + ranges[k + 1].text
        }
        let verification = ExcerptVerifier().verify(quote, in: [SearchableText(id: document, seq: entry.seq, text: text)])
        guard var match = verification.matches.first else { return nil }
        // Longest runs first, so a run of 3 is not read as a run of 1 followed by more.
        labels.sort { $0.0.count > $1.0.count }
        func label(_ side: String) -> String {
            var out = side
            for (run, name) in labels { out = out.replacingOccurrences(of: run, with: name) }
            return out.replacingOccurrences(of: placeholder, with: "⟨hidden word⟩")
        }
        match.text = label(match.text)
        match.differences = match.differences.map { Difference(kind: $0.kind, excerpt: $0.excerpt, document: label($0.document)) }
        return match
    }
}
