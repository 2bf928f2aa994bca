import Commitments
import LeakLedger

extension QuoteProofFile {
    /// Verifies the proof offline (quote-proof.md, section 4): the receipt against the ledger's
    /// keys (step 1), the entry it carries (step 2), the bounds (step 3) and the range walk to
    /// `quote_root` (step 4). Throws the failed check.
    public func verify(trusting keys: [TrustedKey]) throws(CommitmentError) -> VerifiedQuote {
        let verified: Receipt.Verified
        do {
            verified = try Receipt(text: receipt).verification(trusting: keys)
        } catch {
            throw .failed(.receipt, "the receipt does not verify: \(error.message)")
        }
        let entry: Entry
        do { entry = try Entry(line: verified.entryBytes) } catch {
            throw .failed(.entry, "the receipt's entry is not a ledger entry: \(error.message)")
        }
        guard entry.type == .documentRegistered else {
            throw .failed(.entry, "the receipt is for a \(entry.type) entry, not a document.registered one")
        }
        guard let commitment = try QuoteCommitment(body: entry.body) else {
            throw .failed(.entry, "the registration of \(entry.body["id"]?.string ?? "?") has no quote commitment (no quote_scheme): it was registered without text, or before commitments existed")
        }
        try proof.verify(against: commitment)
        return VerifiedQuote(entry: entry, checkpoint: verified.checkpoint, commitment: commitment, ranges: proof.ranges)
    }
}
