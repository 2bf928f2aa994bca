import Foundation
import Testing
@testable import Commitments
import LeakLedger
import QuoteProof

/// A real ledger (LeakLedger's own code, in a scratch folder) holding a document registered
/// with its quote commitment, as `register` writes it once commitments are wired in.
struct QuoteLedger {
    let root: String
    let ledger: Ledger
    let signer: NoteSigner
    let text: String
    let secret: DocumentSecret
    /// The registration entry of the document (`memo`).
    let registration: Entry

    init(text: String = Fixtures.memo, secret: DocumentSecret = Fixtures.secret, commitment: Bool = true) throws {
        root = try Fixtures.scratch()
        signer = try NoteSigner.generate(name: "news.example/harbour-desk")
        ledger = try Ledger.create(at: root + "/ledger", origin: "news.example/harbour-desk", signer: signer, actor: "desk")
        self.text = text
        self.secret = secret
        let (digest, quote) = QuoteCommitment.make(l1Text: text, secret: secret)
        var body: [String: JSONValue] = [
            "id": "memo", "kind": "document", "title": "Harbour Commission memorandum", "content": "text",
            "sha256": .string(SHA256.hash(text).hex), "bytes": .int(text.utf8.count), "text_sha256": .string(digest.hex),
            "stored": false,
        ]
        if commitment, let quote { body.merge(quote.bodyMembers) { $1 } }
        registration = try ledger.append([EntryDraft(type: .documentRegistered, body: .object(body))], actor: "desk")[0]
        // An entry after it, so that the receipt's proof is not empty.
        _ = try ledger.append([EntryDraft(type: .documentRegistered, body: ["id": "later", "kind": "document", "content": "excerpts", "title": "Later"])], actor: "desk")
    }

    /// The ledger's verifier key, as a reader holds it.
    var keys: [TrustedKey] { [TrustedKey(verifier: signer.verifier)] }

    /// The receipt of the registration.
    func receipt() throws -> Receipt { try ledger.receipt(seq: registration.seq) }

    /// The proof file for `quote`, as prove-quote would write it.
    func proof(of quote: String) throws -> QuoteProofFile {
        let prover = QuoteProver(l1Text: text, secret: secret)
        let verification = ExcerptVerifier().verify(quote, in: [SearchableText(id: "memo", seq: registration.seq, text: text)])
        let match = try #require(verification.matches.first, "\(quote) is not in the text")
        return try QuoteProofFile.make(receipt: receipt(), prover: prover, match: match)
    }

    func remove() { try? FileManager.default.removeItem(atPath: root) }
}
