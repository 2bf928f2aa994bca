/// What a registered file decodes to.
public enum DecodedContent: Sendable, Equatable {
    /// Searchable text, in L1 form (NFC).
    case text(String)
    /// Binary content: fingerprinted, never searched.
    case binary
}

/// Decoding of registered files, as spec/excerpt-verification.md "Decoding" says.
public enum TextDocument {
    /// How many leading bytes are searched for NUL when there is no byte-order mark.
    public static let binarySniffLength = 8192

    /// Decodes `bytes`: UTF-8 (BOM dropped); UTF-16/UTF-32 LE/BE after their BOM; otherwise
    /// Windows-1252 when not valid UTF-8; binary for NUL in the first 8 KiB without a BOM,
    /// or when more than half of the scalars are control characters. The text is NFC.
    public static func decode(bytes: [UInt8]) -> DecodedContent {
        let scalars: String.UnicodeScalarView
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            scalars = String(decoding: bytes[3...], as: UTF8.self).unicodeScalars
        } else if bytes.starts(with: [0xFF, 0xFE, 0x00, 0x00]) {
            scalars = decodeUTF32(bytes[4...], bigEndian: false)
        } else if bytes.starts(with: [0x00, 0x00, 0xFE, 0xFF]) {
            scalars = decodeUTF32(bytes[4...], bigEndian: true)
        } else if bytes.starts(with: [0xFF, 0xFE]) {
            scalars = decodeUTF16(bytes[2...], bigEndian: false)
        } else if bytes.starts(with: [0xFE, 0xFF]) {
            scalars = decodeUTF16(bytes[2...], bigEndian: true)
        } else {
            if bytes.prefix(binarySniffLength).contains(0) { return .binary }
            if let utf8 = String(validating: bytes, as: UTF8.self) {
                scalars = utf8.unicodeScalars
            } else {
                scalars = decodeWindows1252(bytes)
            }
        }
        if isMostlyControl(scalars) { return .binary }
        return .text(ICU.normalize(String(scalars), .nfc))
    }

    /// The L1 form (NFC) of text that was decoded elsewhere (by a format's extractor), as
    /// ``decode(bytes:)`` gives it for plain text.
    public static func canonical(_ text: String) -> String {
        ICU.normalize(text, .nfc)
    }

    /// Control characters other than tab, line feed, vertical tab, form feed and carriage return.
    private static func isMostlyControl(_ scalars: String.UnicodeScalarView) -> Bool {
        var control = 0
        var total = 0
        for s in scalars {
            total += 1
            let v = s.value
            if (v < 0x20 && !(v >= 0x09 && v <= 0x0D)) || (v >= 0x7F && v < 0xA0) { control += 1 }
        }
        return total > 0 && control * 2 > total
    }

    private static func decodeUTF16(_ bytes: ArraySlice<UInt8>, bigEndian: Bool) -> String.UnicodeScalarView {
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var i = bytes.startIndex
        while i + 1 < bytes.endIndex {
            let a = UInt16(bytes[i]), b = UInt16(bytes[i + 1])
            units.append(bigEndian ? (a << 8 | b) : (b << 8 | a))
            i += 2
        }
        var text = String(decoding: units, as: UTF16.self)
        if i < bytes.endIndex { text.unicodeScalars.append("\u{FFFD}") }  // a dangling odd byte
        return text.unicodeScalars
    }

    private static func decodeUTF32(_ bytes: ArraySlice<UInt8>, bigEndian: Bool) -> String.UnicodeScalarView {
        var out = String.UnicodeScalarView()
        var i = bytes.startIndex
        while i + 3 < bytes.endIndex {
            let b = (0..<4).map { UInt32(bytes[i + $0]) }
            let v = bigEndian ? (b[0] << 24 | b[1] << 16 | b[2] << 8 | b[3]) : (b[3] << 24 | b[2] << 16 | b[1] << 8 | b[0])
            out.append(Unicode.Scalar(v) ?? "\u{FFFD}")
            i += 4
        }
        if i < bytes.endIndex { out.append("\u{FFFD}") }
        return out
    }

    /// Windows-1252 bytes 0x80...0x9F; the five it leaves undefined (0x81 0x8D 0x8F 0x90 0x9D)
    /// stay Latin-1 (the C1 control of the same value).
    private static let windows1252High: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
        0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ]

    private static func decodeWindows1252(_ bytes: [UInt8]) -> String.UnicodeScalarView {
        var out = String.UnicodeScalarView()
        for b in bytes {
            let v = (b >= 0x80 && b < 0xA0) ? windows1252High[Int(b) - 0x80] : UInt32(b)
            out.append(Unicode.Scalar(v)!)
        }
        return out
    }
}

/// The `text_sha256` fingerprint: SHA-256 of the UTF-8 of the L2 (normalized) text.
public enum TextFingerprint {
    /// SHA-256 of the UTF-8 bytes of the L2 form of an L1 text.
    ///
    /// Computed in one streaming pass that applies the same three L2 steps as ``TextLayers``
    /// (quote marks, dashes and format characters; NFKC piece by piece between normalization
    /// boundaries; white space runs to one space) without building the layers, so memory does
    /// not grow with the text beyond the text itself.
    public static func textSHA256(ofL1 text: String) -> SHA256Digest {
        var stream = NormalizedStream(words: NoWords())
        for scalar in text.unicodeScalars { stream.add(scalar) }
        return stream.finalize()
    }

    /// SHA-256 of the L2 text, as ``textSHA256(ofL1:)``, and in the same pass every word of
    /// the L2 text (the pieces between U+0020 spaces, empty pieces dropped) as UTF-8, in order.
    ///
    /// The buffer handed to `word` is valid only during the call.
    public static func textSHA256(ofL1 text: String, words word: (UnsafeRawBufferPointer) -> Void) -> SHA256Digest {
        withoutActuallyEscaping(word) { word in
            var stream = NormalizedStream(words: WordCallback(call: word))
            for scalar in text.unicodeScalars { stream.add(scalar) }
            return stream.finalize()
        }
    }

    /// Decodes `bytes` and fingerprints the text; nil for binary content.
    public static func textSHA256(of bytes: [UInt8]) -> SHA256Digest? {
        guard case .text(let text) = TextDocument.decode(bytes: bytes) else { return nil }
        return textSHA256(ofL1: text)
    }
}

/// Where ``NormalizedStream`` puts the words of the L2 text (generic, so that the plain
/// fingerprint pays nothing for them).
private protocol WordSink {
    /// Whether words are wanted at all.
    static var wantsWords: Bool { get }
    /// One word's UTF-8 bytes.
    func word(_ bytes: UnsafeRawBufferPointer)
}

private struct NoWords: WordSink {
    static var wantsWords: Bool { false }
    func word(_ bytes: UnsafeRawBufferPointer) {}
}

private struct WordCallback: WordSink {
    let call: (UnsafeRawBufferPointer) -> Void
    static var wantsWords: Bool { true }
    func word(_ bytes: UnsafeRawBufferPointer) { call(bytes) }
}

/// The L2 form of a text, produced one L1 scalar at a time and hashed as it goes.
private struct NormalizedStream<Words: WordSink>: ~Copyable {
    private var hasher = SHA256()
    private var buffer = [UInt8]()
    private var inSpace = false
    /// The scalars since the last NFKC boundary, normalised together when the next one comes.
    private var piece = [Unicode.Scalar]()
    private let words: Words
    /// The UTF-8 of the word being emitted (only when `Words.wantsWords`).
    private var word = [UInt8]()

    init(words: Words) {
        self.words = words
        buffer.reserveCapacity(1 << 16)
    }

    /// L2 step 1 (quote marks, dashes, format characters), then into the current NFKC piece.
    mutating func add(_ scalar: Unicode.Scalar) {
        let mapped: Unicode.Scalar
        if scalar.value < 0x80 {
            mapped = scalar
        } else if let quote = ScalarClass.quoteReplacement(scalar) {
            mapped = quote
        } else if ScalarClass.isDash(scalar) {
            mapped = "-"
        } else if ScalarClass.isFormat(scalar) {
            return
        } else {
            mapped = scalar
        }
        if ICU.nfkcBoundaryBefore(mapped) { flushPiece() }
        piece.append(mapped)
    }

    /// L2 step 2: NFKC of the piece (a lone scalar that is its own NFKC needs no ICU call).
    private mutating func flushPiece() {
        guard !piece.isEmpty else { return }
        if piece.count == 1 && ICU.nfkcSelf(piece[0]) {
            emit(piece[0])
        } else {
            for scalar in ICU.nfkc(piece[...]) { emit(scalar) }
        }
        piece.removeAll(keepingCapacity: true)
    }

    /// L2 step 3: a run of white space becomes one space.
    private mutating func emit(_ scalar: Unicode.Scalar) {
        if ScalarClass.isWhitespace(scalar) {
            if Words.wantsWords { endWord() }
            if inSpace { return }
            inSpace = true
            buffer.append(0x20)
        } else {
            inSpace = false
            if Words.wantsWords {
                UTF8.encode(scalar) { buffer.append($0); word.append($0) }
            } else {
                UTF8.encode(scalar) { buffer.append($0) }
            }
        }
        if buffer.count >= 1 << 16 {
            hasher.update(buffer)
            buffer.removeAll(keepingCapacity: true)
        }
    }

    private mutating func endWord() {
        guard !word.isEmpty else { return }
        word.withUnsafeBytes { words.word($0) }
        word.removeAll(keepingCapacity: true)
    }

    consuming func finalize() -> SHA256Digest {
        flushPiece()
        if Words.wantsWords { endWord() }
        hasher.update(buffer)
        return hasher.finalizeAndReset()
    }
}
