import Commitments
import LeakLedger

extension QuoteProofFile {
    /// The proof file for a match, ready to write: what `prove-quote` assembles once it has the
    /// document's registration receipt, a prover built from its registered text and its kept
    /// secret, and the match of the quote in that text.
    ///
    /// Checks that the prover makes the entry's commitment (a wrong secret or text fails
    /// here, before any file is written) and that the file verifies against the receipt's own
    /// checkpoint.
    public static func make(receipt: Receipt, prover: QuoteProver, match: ExcerptMatch) throws(CommitmentError) -> QuoteProofFile {
        try make(receipt: receipt, prover: prover, wordRanges: prover.wordRanges(covering: match.parts))
    }

    /// The proof file revealing `wordRanges` (see ``make(receipt:prover:match:)``).
    public static func make(receipt: Receipt, prover: QuoteProver, wordRanges: [Range<Int>]) throws(CommitmentError) -> QuoteProofFile {
        guard let bytes = receipt.entryBytes else { throw .failed(.receipt, "the receipt carries no entry") }
        let entry: Entry
        do { entry = try Entry(line: bytes) } catch { throw .failed(.entry, error.message) }
        guard entry.type == .documentRegistered, let registered = try QuoteCommitment(body: entry.body) else {
            throw .failed(.entry, "entry \(entry.seq) is not a registration with a quote commitment: documents registered without text, or before commitments, cannot have quotes proven")
        }
        return QuoteProofFile(receipt: receipt.text, proof: try prover.prove(wordRanges: wordRanges, committedTo: registered))
    }
}

extension QuoteProofFile {
    /// What `prove-quote DOC TEXT` does once it holds the document's verified text, its kept
    /// secret and the receipt of its registration: finds the quote in the text with the
    /// verify grades and proves the stretch of each part of the best place. Nil when the quote
    /// is not in the text (the command then exits 1 and writes no file).
    public static func prove(quote: String, l1Text: String, receipt: Receipt, secret: DocumentSecret) throws(CommitmentError) -> (file: QuoteProofFile, match: ExcerptMatch)? {
        let layers = TextLayers(l1Text)
        let document = PreparedText(id: "", seq: receipt.index, segments: [(seq: receipt.index, layers: layers)])
        guard let match = ExcerptVerifier().verify(quote, in: [document]).matches.first else { return nil }
        return (try make(receipt: receipt, prover: QuoteProver(layers: layers, secret: secret), match: match), match)
    }
}
