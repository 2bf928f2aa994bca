import Foundation
import GRDB

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

    /// A registered document whose fingerprint the candidate shares.
    public struct Registered: Sendable, Hashable {
        /// Its id.
        public var id: String
        /// Its registration entry.
        public var seq: Int
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
    public var sameBytes: [Registered]
    /// Registered documents with the same normalised text but other bytes (another encoding,
    /// other line ends, other quote marks).
    public var sameText: [Registered]
    /// Every excerpt of a document known only from excerpts that the candidate may hold, graded.
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
    /// The largest candidate file `verify --document` reads (its hash streams; its text is kept
    /// up to ``searchableLimit``).
    public static let candidateLimit = ObjectStore.textLimit

    /// Checks the file at `path` as a candidate full text: its fingerprints against every
    /// registered document, and every recorded excerpt of documents known only from excerpts
    /// against its text ("is this file going round the document that was quoted?").
    public func checkCandidate(fileAt path: String) throws(LedgerError) -> CandidateCheck {
        let state = try ledger.state()
        // A regular file only (a FIFO or a device is refused unread); hashed whole in constant
        // memory, its text kept only up to the limit of what is searched.
        let digest: FileDigest, bytes: [UInt8]?
        do { (digest, bytes) = try InputFile(path: path).hash(keepingAtMost: Self.candidateLimit) } catch {
            throw LedgerError(error)
        }
        var textDigest: SHA256Digest?
        var candidate: PreparedText?
        var keys: IndexKeys?
        var unsearched: String? = bytes == nil ? "larger than \(Self.candidateLimit) bytes" : "binary"
        if let bytes, case .text(let text) = TextDocument.decode(bytes: bytes) {
            let layers = TextLayers(text)
            textDigest = TextFingerprint.textSHA256(ofL1: text)
            keys = IndexKeys(layers)
            candidate = PreparedText(id: FileSystem.baseName(path), seq: -1, segments: [(-1, layers)])
            unsearched = nil
        }
        let matching = try state.documents(sha256: digest.sha256, textSHA256: textDigest)
        var sameBytes: [CandidateCheck.Registered] = [], sameText: [CandidateCheck.Registered] = []
        for entry in try ledger.entries(at: matching) where entry.type == .documentRegistered {
            guard let id = entry.body["id"]?.string else { continue }
            // A blind registration matches only through fingerprints opened here (by the keeper's
            // secrets or a reveal), each checked against its commitment in the signed entry.
            let fingerprints = try ledger.openFingerprints(of: entry)
            if fingerprints.sha256 == digest.sha256.hex {
                sameBytes.append(.init(id: id, seq: entry.seq))
            } else if let textDigest, fingerprints.textSHA256 == textDigest.hex {
                sameText.append(.init(id: id, seq: entry.seq))
            }
        }
        var excerpts = [CandidateCheck.ExcerptCheck]()
        for (seq, textSeq, document) in try state.excerptSegments() {
            // Read the excerpt (cheaply), keep it only if the candidate holds enough of its
            // places, and only then fetch it checked against the root and grade it.
            guard let place = try state.places(of: [textSeq])[textSeq],
                  let line = try? ledger.store.line(at: place.offset, length: place.length),
                  let body = try? Entry(line: line).body,
                  let text = (textSeq == seq ? body : body["replacement"])?["text"]?.string
            else { continue }
            let query = ExcerptQuery(text)
            var verification = Verification(verdict: .notFound, excerpt: text, matches: [])
            if let keys, let candidate, Self.holds(keys, query) {
                let entry = try ledger.entry(at: textSeq)
                let confirmed = (textSeq == seq ? entry.body : entry.body["replacement"])?["text"]?.string ?? ""
                verification = verifier.verify(confirmed, in: [candidate])
            }
            excerpts.append(.init(document: document, seq: seq, excerpt: text, verification: verification))
        }
        return CandidateCheck(path: path, sha256: digest.sha256, bytes: digest.byteCount, textSHA256: textDigest,
                              sameBytes: sameBytes, sameText: sameText, excerpts: excerpts, unsearchedReason: unsearched)
    }

    /// Whether a text with these keys holds enough of the excerpt's places to be graded.
    static func holds(_ keys: IndexKeys, _ query: ExcerptQuery) -> Bool {
        guard !query.positions.isEmpty else { return false }
        let held = query.positions.filter { position in
            position.contains { keys.bigrams.contains($0) || keys.unigrams.contains($0) }
        }.count
        return held >= query.minimumPositions
    }
}

extension LedgerState {
    /// The registrations whose raw or normalised-text fingerprint is one of these.
    func documents(sha256: SHA256Digest, textSHA256: SHA256Digest?) throws(LedgerError) -> [Int] {
        try read { db in
            try Int.fetchAll(db, sql: "SELECT seq FROM documents WHERE sha256 = ? OR text_sha256 = ? ORDER BY id",
                             arguments: [Data(sha256.bytes), textSHA256.map { Data($0.bytes) }])
        }
    }

    /// The live excerpt segments (documents known by excerpts alone): the excerpt's seq, the
    /// entry with its text in force, its document.
    func excerptSegments() throws(LedgerError) -> [(seq: Int, textSeq: Int, document: String)] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT s.seq, s.text_seq, s.document FROM segments s JOIN documents d ON d.id = s.document
                WHERE s.object IS NULL AND s.live = 1 AND d.withdrawn = 0 ORDER BY s.document, s.id
                """).map { ($0[0], $0[1], $0[2]) }
        }
    }
}
