import Foundation

/// What checking a candidate full text against the ledger found.
public struct CandidateCheck: Sendable {
    /// One excerpt of a document known only from excerpts, graded against the candidate.
    public struct ExcerptCheck: Sendable {
        /// The document the excerpt belongs to.
        public var document: String
        /// The entry that recorded the excerpt.
        public var seq: Int
        /// The excerpt as printed.
        public var excerpt: String
        /// How the candidate holds it (`notFound` when it does not).
        public var verification: Verification
    }

    /// The file checked.
    public var path: String
    /// SHA-256 of its bytes.
    public var sha256: SHA256Digest
    /// Its length in bytes.
    public var bytes: Int
    /// SHA-256 of its normalised (L2) text; nil for binary content.
    public var textSHA256: SHA256Digest?
    /// Registered documents with the same bytes.
    public var sameBytes: [IndexedDocument]
    /// Registered documents with the same normalised text but other bytes (another encoding,
    /// other line ends, other quote marks).
    public var sameText: [IndexedDocument]
    /// Every excerpt of every document known only from excerpts, graded against the candidate.
    public var excerpts: [ExcerptCheck]
    /// Why the candidate's text was not searched (`binary`, or `larger than N bytes`); nil
    /// when it was.
    public var unsearchedReason: String?

    /// True when a fingerprint matched or at least one excerpt was found in the candidate.
    public var found: Bool {
        !sameBytes.isEmpty || !sameText.isEmpty || excerpts.contains { $0.verification.verdict != .notFound }
    }
}

extension ExcerptSearch {
    /// Checks the file at `path` as a candidate full text: its fingerprints against every
    /// registered document, and every recorded excerpt of documents known only from excerpts
    /// against its text ("is this file going round the document that was quoted?").
    public func checkCandidate(fileAt path: String) throws(LedgerError) -> CandidateCheck {
        try update()
        // A regular file only (a FIFO or a device is refused unread); hashed whole in constant
        // memory, its text kept only up to the limit of what is searched.
        let digest: FileDigest, bytes: [UInt8]?
        do { (digest, bytes) = try InputFile(path: path).hash(keepingAtMost: Self.searchableLimit) } catch {
            throw LedgerError(error)
        }
        var textDigest: SHA256Digest?
        var candidate: PreparedText?
        var unsearched: String? = bytes == nil ? "larger than \(Self.searchableLimit) bytes" : "binary"
        if let bytes, case .text(let text) = TextDocument.decode(bytes: bytes) {
            let layers = TextLayers(text)
            textDigest = TextFingerprint.textSHA256(ofL1: text)
            candidate = PreparedText(id: FileManager.default.displayName(atPath: path), seq: -1, segments: [(-1, layers)])
            unsearched = nil
        }
        let matching = try index.documents(sha256: digest.sha256.hex, textSHA256: textDigest?.hex)
        let sameBytes = matching.filter { $0.sha256 == digest.sha256.hex }
        let sameText = matching.filter { $0.sha256 != digest.sha256.hex }
        var excerpts = [CandidateCheck.ExcerptCheck]()
        let excerptDocuments = try index.allDocuments().filter { $0.content == "excerpts" }.map(\.id)
        for segment in try index.segments(ofDocuments: excerptDocuments) {
            let verification = verifier.verify(segment.text, in: candidate.map { [$0] } ?? [])
            excerpts.append(.init(document: segment.document, seq: segment.seq, excerpt: segment.text, verification: verification))
        }
        return CandidateCheck(path: path, sha256: digest.sha256, bytes: digest.byteCount, textSHA256: textDigest,
                              sameBytes: sameBytes, sameText: sameText, excerpts: excerpts, unsearchedReason: unsearched)
    }
}
