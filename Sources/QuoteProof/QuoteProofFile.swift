import Commitments
import LeakLedger

/// A quote proof file (quote-proof.md, section 3): the receipt of a document's registration
/// entry and a range proof of some of its words, checkable offline with the ledger's public key.
///
/// One revealed range is written in the spec's format, `leakledger-quote-proof/v1`; several
/// (the parts of an `edited` quote) in this project's extension,
/// `leakledger-quote-proof/v1-ranges` (docs/quote-proof.md), which a v1-only verifier refuses
/// by its format instead of misreading.
public struct QuoteProofFile: Sendable, Hashable {
    /// The `format` of a proof of one range (the spec's).
    public static let format = "leakledger-quote-proof/v1"
    /// The `format` of a proof of several ranges (this project's extension).
    public static let rangesFormat = "leakledger-quote-proof/v1-ranges"
    /// The customary file name ending.
    public static let fileExtension = "quote-proof.json"

    /// The largest proof file a reader accepts, in bytes.
    public static let maximumSize = 64 << 20
    /// The most revealed words a reader accepts in one file.
    public static let maximumWords = 1_000_000
    /// The most ranges a reader accepts in one file.
    public static let maximumRanges = 10_000

    /// The C2SP tlog-proof receipt of the registration entry, as `leakledger prove` prints it.
    public var receipt: String
    /// The revealed words and the hashes.
    public var proof: RangeProof

    /// A proof file with these parts.
    public init(receipt: String, proof: RangeProof) {
        self.receipt = receipt
        self.proof = proof
    }
}
