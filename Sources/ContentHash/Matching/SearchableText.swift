/// A registered document as the verifier sees it: a full text is one segment; a document
/// known only from printed excerpts has one segment per recorded excerpt.
public struct SearchableText: Sendable {
    /// One searchable text: its ledger entry and its L1 text. Matches never cross segments.
    public struct Segment: Sendable {
        /// The ledger entry that recorded this text.
        public var seq: Int
        /// The L1 text.
        public var text: String

        /// A segment.
        public init(seq: Int, text: String) {
            self.seq = seq
            self.text = text
        }
    }

    /// Document id.
    public var id: String
    /// The ledger entry that registered the document.
    public var seq: Int
    /// The searchable texts.
    public var segments: [Segment]

    /// A document.
    public init(id: String, seq: Int, segments: [Segment]) {
        self.id = id
        self.seq = seq
        self.segments = segments
    }

    /// A document with one full text, recorded by entry `seq`.
    public init(id: String, seq: Int, text: String) {
        self.init(id: id, seq: seq, segments: [Segment(seq: seq, text: text)])
    }
}

/// A ``SearchableText`` with the layers of every segment built: build once, keep in memory,
/// and pass to ``ExcerptVerifier/verify(_:in:)-(_,[PreparedText])`` for every query.
public struct PreparedText: Sendable {
    /// A segment and its layers.
    public struct Segment: Sendable {
        /// The ledger entry that recorded this text.
        public let seq: Int
        /// Its layers.
        public let layers: TextLayers
    }

    /// Document id.
    public let id: String
    /// The ledger entry that registered the document.
    public let seq: Int
    /// The segments with their layers.
    public let segments: [Segment]

    /// Builds the layers of every segment (the text is brought to NFC first).
    public init(_ document: SearchableText) {
        id = document.id
        seq = document.seq
        segments = document.segments.map {
            Segment(seq: $0.seq, layers: TextLayers(ICU.normalize($0.text, .nfc)))
        }
    }

    /// A prepared document from layers already built.
    public init(id: String, seq: Int, segments: [(seq: Int, layers: TextLayers)]) {
        self.id = id
        self.seq = seq
        self.segments = segments.map { Segment(seq: $0.seq, layers: $0.layers) }
    }
}
