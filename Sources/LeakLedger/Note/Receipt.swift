/// A receipt for one entry: a C2SP transparency-log proof (c2sp.org/tlog-proof@v1) whose
/// `extra` line carries the entry's bytes, so that it verifies offline with nothing but the
/// ledger's public key (and, if wanted, witness keys).
///
/// ```
/// c2sp.org/tlog-proof@v1
/// extra <base64 entry bytes>
/// index <N>
/// <base64 proof hash, leaf's sibling first>...
///
/// <signed checkpoint, verbatim, with any cosignatures>
/// ```
///
/// The spec leaves `extra` unauthenticated; here it is authenticated by the proof itself:
/// the leaf hash is recomputed from these bytes, so a changed byte breaks the proof.
public struct Receipt: Sendable, Hashable {
    /// The first line of every receipt.
    public static let header = "c2sp.org/tlog-proof@v1"

    /// The entry's position in the log (its `seq`).
    public var index: Int
    /// The RFC 9162 inclusion proof, from the leaf's sibling up to the root's child.
    public var proof: [SHA256Digest]
    /// The entry's bytes (its line in the log), carried on the `extra` line.
    public var entryBytes: [UInt8]?
    /// The signed checkpoint, verbatim, cosignatures included.
    public var signedCheckpoint: String

    /// A receipt with these parts.
    public init(index: Int, proof: [SHA256Digest], entryBytes: [UInt8]?, signedCheckpoint: String) {
        self.index = index
        self.proof = proof
        self.entryBytes = entryBytes
        self.signedCheckpoint = signedCheckpoint
    }

    /// Makes the receipt for entry `index` against a signed checkpoint, with the proof computed
    /// from stored hashes; fails if the proof does not lead to the checkpoint's root (the
    /// storage and the checkpoint disagree) or the entry is not in the checkpointed tree.
    public static func make(
        index: Int, entryBytes: [UInt8], signedCheckpoint: String, reader: (Int) throws -> SHA256Digest
    ) throws(LedgerError) -> Receipt {
        let checkpoint = try Checkpoint(text: SignedNote.unverifiedText(signedCheckpoint))
        guard index >= 0, index < checkpoint.size else {
            throw LedgerError.usage("entry \(index) is not in the checkpoint, which covers entries 0 to \(checkpoint.size - 1)")
        }
        let proof = try LedgerError.wrappingReads { try Merkle.inclusionProof(index: index, size: checkpoint.size, reader: reader) }
        guard Merkle.verifyInclusion(leafHash: Merkle.leafHash(entryBytes), index: index, size: checkpoint.size,
                                     proof: proof, root: checkpoint.root) else {
            throw LedgerError.tampered("entry \(index) and the stored hashes do not lead to the checkpoint's root: run `leakledger check`")
        }
        return Receipt(index: index, proof: proof, entryBytes: entryBytes, signedCheckpoint: signedCheckpoint)
    }

    /// The receipt as text.
    public var text: String {
        var text = Receipt.header + "\n"
        if let entryBytes { text += "extra \(Base64.encode(entryBytes))\n" }
        text += "index \(index)\n"
        for hash in proof { text += Base64.encode(hash.bytes) + "\n" }
        return text + "\n" + signedCheckpoint
    }

    /// Parses a receipt; strict about every line, as the spec says.
    public init(text: String) throws(LedgerError) {
        var rest = Substring(text)
        func line() throws(LedgerError) -> Substring {
            guard let end = rest.firstIndex(of: "\n") else {
                throw LedgerError.malformed("the receipt ends before its checkpoint")
            }
            defer { rest = rest[rest.index(after: end)...] }
            return rest[..<end]
        }
        guard try line() == Receipt.header else {
            throw LedgerError.malformed("a receipt starts with the line \(Receipt.header)")
        }
        var next = try line()
        var entryBytes: [UInt8]?
        if next.hasPrefix("extra ") {
            guard let bytes = Base64.decode(next.dropFirst(6)) else {
                throw LedgerError.malformed("the receipt's extra line is not base64")
            }
            entryBytes = bytes
            next = try line()
        }
        guard next.hasPrefix("index "), let index = Checkpoint.parseSize(String(next.dropFirst(6))) else {
            throw LedgerError.malformed("the receipt needs an 'index N' line (decimal, no leading zeros, at most \(Checkpoint.maxSize))")
        }
        var proof: [SHA256Digest] = []
        while true {
            let hashLine = try line()
            if hashLine.isEmpty { break }
            guard let bytes = Base64.decode(hashLine), let hash = SHA256Digest(bytes: bytes) else {
                throw LedgerError.malformed("the receipt's proof line \(proof.count + 1) is not the base64 of a 32-byte hash")
            }
            proof.append(hash)
        }
        guard proof.count <= 63 else { throw LedgerError.malformed("the receipt's proof is longer than any tree needs") }
        self.init(index: index, proof: proof, entryBytes: entryBytes, signedCheckpoint: String(rest))
    }

    /// What a successful verification established.
    public struct Verified: Sendable, Hashable {
        /// The entry's bytes, now proven to be leaf ``Receipt/index`` of the checkpointed tree.
        public let entryBytes: [UInt8]
        /// The verified checkpoint.
        public let checkpoint: Checkpoint
        /// The signatures that verified: the log's, then witnesses'.
        public let note: SignedNote
        /// The witnesses (of those given) that cosigned the checkpoint.
        public let witnesses: [NoteVerifier]
    }

    /// Verifies the receipt and returns the entry's bytes.
    ///
    /// Checks that a key in `verifiers` (the log's) signed the checkpoint, that at least
    /// `quorum` of `witnesses` cosigned it, that the origin is `origin` when given, and that
    /// the proof leads from the entry's leaf hash at `index` to the checkpoint's root.
    public func verify(
        verifiers: [NoteVerifier], witnesses: [NoteVerifier] = [], quorum: Int = 0, origin: String? = nil
    ) throws(LedgerError) -> [UInt8] {
        try verification(verifiers: verifiers, witnesses: witnesses, quorum: quorum, origin: origin).entryBytes
    }

    /// Verifies the receipt (as ``verify(verifiers:witnesses:quorum:origin:)``) and returns
    /// everything established.
    public func verification(
        verifiers: [NoteVerifier], witnesses: [NoteVerifier] = [], quorum: Int = 0, origin: String? = nil
    ) throws(LedgerError) -> Verified {
        try NoteVerifier.requireLogKeys(verifiers)
        guard quorum >= 0, quorum <= witnesses.count else {
            throw LedgerError.usage("a quorum of \(quorum) needs at least that many witness keys, \(witnesses.count) given")
        }
        let note: SignedNote
        do {
            note = try SignedNote.open(signedCheckpoint, verifiers: verifiers + witnesses)
        } catch {
            throw LedgerError(error.kind, "the receipt's checkpoint: \(error.message)")
        }
        guard verifiers.contains(where: note.isSigned(by:)) else {
            let names = verifiers.map(\.name).joined(separator: ", ")
            throw LedgerError.tampered("the receipt's checkpoint is not signed by the ledger's key (\(names)); was the key right?")
        }
        let checkpoint = try Checkpoint(text: note.text)
        if let origin, checkpoint.origin != origin {
            throw LedgerError.tampered("the receipt's checkpoint is for the log \(checkpoint.origin.debugDescription), not \(origin.debugDescription)")
        }
        guard let entryBytes else {
            throw LedgerError.malformed("the receipt carries no entry (no extra line), so there is nothing to prove")
        }
        guard index < checkpoint.size else {
            throw LedgerError.tampered("the receipt's index \(index) is outside the checkpoint's tree of \(checkpoint.size) entries")
        }
        guard let root = Merkle.rootFromInclusionProof(leafHash: Merkle.leafHash(entryBytes), index: index,
                                                       size: checkpoint.size, proof: proof) else {
            throw LedgerError.tampered("the receipt's proof has \(proof.count) hashes, the wrong number for entry \(index) of \(checkpoint.size): the index or the proof was changed")
        }
        guard root == checkpoint.root else {
            throw LedgerError.tampered("the receipt's entry, index and proof do not lead to the checkpoint's root: one of them was changed")
        }
        let cosigners = witnesses.filter(note.isSigned(by:))
        guard cosigners.count >= quorum else {
            throw LedgerError.tampered("only \(cosigners.count) of the \(quorum) required witnesses cosigned the receipt's checkpoint")
        }
        return Verified(entryBytes: entryBytes, checkpoint: checkpoint, note: note, witnesses: cosigners)
    }
}

extension LedgerError {
    /// Runs `body`, passing a `LedgerError` through and classifying any other error as `.io`
    /// (a hash reader's failure is a failure to read storage).
    static func wrappingReads<T>(_ body: () throws -> T) throws(LedgerError) -> T {
        do {
            return try body()
        } catch let error as LedgerError {
            throw error
        } catch let error as FileError {
            throw LedgerError(error)
        } catch {
            throw LedgerError(.io, "reading stored hashes failed: \(error)")
        }
    }
}
