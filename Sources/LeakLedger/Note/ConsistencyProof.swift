/// A proof that a newer signed checkpoint extends an older one, for readers who kept the
/// older one: the RFC 9162 consistency proof and the newer checkpoint, in the style of
/// c2sp.org/tlog-proof (C2SP defines no text format for consistency proofs).
///
/// ```
/// leakledger/consistency-proof@v1
/// old <size of the older tree>
/// <base64 proof hash>...
///
/// <newer signed checkpoint, verbatim>
/// ```
public struct ConsistencyProof: Sendable, Hashable {
    /// The first line.
    public static let header = "leakledger/consistency-proof@v1"

    /// The older tree's size.
    public var oldSize: Int
    /// The RFC 9162 §2.1.4 proof from `oldSize` to the newer checkpoint's size.
    public var proof: [SHA256Digest]
    /// The newer signed checkpoint.
    public var signedCheckpoint: String

    /// A proof with these parts.
    public init(oldSize: Int, proof: [SHA256Digest], signedCheckpoint: String) {
        self.oldSize = oldSize
        self.proof = proof
        self.signedCheckpoint = signedCheckpoint
    }

    /// The proof as text.
    public var text: String {
        ConsistencyProof.header + "\nold \(oldSize)\n" + proof.map { Base64.encode($0.bytes) + "\n" }.joined()
            + "\n" + signedCheckpoint
    }

    /// Parses the text form.
    public init(text: String) throws(LedgerError) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.count >= 4, lines[0] == ConsistencyProof.header else {
            throw LedgerError.malformed("a consistency proof starts with the line \(ConsistencyProof.header)")
        }
        guard lines[1].hasPrefix("old "), let oldSize = Checkpoint.parseSize(String(lines[1].dropFirst(4))) else {
            throw LedgerError.malformed("a consistency proof needs an 'old N' line (decimal, no leading zeros, at most \(Checkpoint.maxSize))")
        }
        var proof: [SHA256Digest] = []
        var index = 2
        while index < lines.count, !lines[index].isEmpty {
            guard let bytes = Base64.decode(lines[index]), let hash = SHA256Digest(bytes: bytes) else {
                throw LedgerError.malformed("line \(index + 1) of the consistency proof is not the base64 of a 32-byte hash")
            }
            proof.append(hash)
            index += 1
        }
        guard index < lines.count - 1 else { throw LedgerError.malformed("the consistency proof ends before its checkpoint") }
        self.init(oldSize: oldSize, proof: proof, signedCheckpoint: lines[(index + 1)...].joined(separator: "\n"))
    }

    /// Checks the newer checkpoint's signature and that it extends `old` (which the reader
    /// already trusts); returns the newer checkpoint. A fork or a rollback is `.tampered`.
    public func verify(old: Checkpoint, verifiers: [NoteVerifier]) throws(LedgerError) -> Checkpoint {
        try NoteVerifier.requireLogKeys(verifiers)
        let note = try SignedNote.open(signedCheckpoint, verifiers: verifiers)
        let new = try Checkpoint(text: note.text)
        guard oldSize == old.size else {
            throw LedgerError.usage("this proof starts at a tree of \(oldSize) entries, but the checkpoint you hold has \(old.size)")
        }
        let verdict = CheckpointVerdict(old: old, new: new, proof: proof)
        guard verdict.isAcceptable else { throw LedgerError.tampered(verdict.explanation(old: old, new: new)) }
        return new
    }
}
