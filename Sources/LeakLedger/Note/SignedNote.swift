/// A C2SP signed note (c2sp.org/signed-note) whose signatures have been checked against a set
/// of known keys.
///
/// ```
/// <text, every line ending in a newline>
///
/// — <key name> <base64(key id ‖ signature)>
/// ...
/// ```
public struct SignedNote: Sendable, Hashable {
    /// One signature line.
    public struct Signature: Sendable, Hashable {
        /// The key name.
        public let name: String
        /// The key id, the first 4 signature bytes.
        public let keyID: UInt32
        /// The base64 after the name, as written.
        public let base64: String
        /// The cosignature's timestamp (seconds since the epoch), for verified cosignatures.
        public let time: UInt64?
        /// The known key that verified it; `nil` for a signature by an unknown key.
        public let verifier: NoteVerifier?

        /// The line, without its newline.
        public var line: String { "\u{2014} \(name) \(base64)" }
    }

    /// At most this many signature lines are read (as Go's `sumdb/note`).
    public static let maxSignatures = 100

    /// The signed text, ending with a newline.
    public let text: String
    /// Signatures that known keys verified, in order, one per key.
    public let signatures: [Signature]
    /// Signatures by keys not among the known ones: kept, not checked; repeats dropped.
    public let unverifiedSignatures: [Signature]
    /// Every signature line, in the order written.
    public let allSignatures: [Signature]

    /// The note as text: the text, a blank line, every signature line.
    public var noteText: String {
        text + "\n" + allSignatures.map { $0.line + "\n" }.joined()
    }

    /// True when a verified signature is by this key.
    public func isSigned(by verifier: NoteVerifier) -> Bool {
        signatures.contains { $0.verifier == verifier }
    }

    /// Parses a signed note and checks every signature by a known key.
    ///
    /// Signatures by unknown keys are kept, unchecked. A note with an invalid signature by a
    /// known key or no valid signature by a known key is
    /// rejected as `.tampered`; a note that does not parse, as `.malformed`.
    public static func open(_ noteText: String, verifiers: [NoteVerifier]) throws(LedgerError) -> SignedNote {
        if noteText.unicodeScalars.contains(where: { $0.value < 0x20 && $0 != "\n" }) {
            throw LedgerError.malformed("a signed note holds no control characters but newlines")
        }
        let utf8 = Array(noteText.utf8)
        // The text ends at the last blank line; the signature block follows it.
        guard let split = lastBlankLine(utf8) else {
            throw LedgerError.malformed("a signed note needs a blank line before its signatures")
        }
        let text = String(decoding: utf8[..<(split + 1)], as: UTF8.self)
        let block = utf8[(split + 2)...]
        guard !block.isEmpty, block.last == UInt8(ascii: "\n") else {
            throw LedgerError.malformed("a signed note ends with signature lines, each ending in a newline")
        }
        var all: [Signature] = []
        var verified: [Signature] = []
        var unknown: [Signature] = []
        var seenUnknown: Set<String> = []
        let prefix = Array("\u{2014} ".utf8)
        for lineBytes in block.dropLast().split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            guard lineBytes.starts(with: prefix) else {
                throw LedgerError.malformed("a signature line starts with an em dash and a space")
            }
            let line = String(decoding: lineBytes.dropFirst(prefix.count), as: UTF8.self)
            guard let space = line.firstIndex(of: " ") else {
                throw LedgerError.malformed("a signature line reads '— name base64'")
            }
            let name = String(line[..<space])
            let base64 = String(line[line.index(after: space)...])
            guard NoteVerifier.isValidName(name), let bytes = Base64.decode(base64), bytes.count >= 5 else {
                throw LedgerError.malformed("the signature line for \(name.debugDescription) is not '— name base64(keyid ‖ signature)'")
            }
            guard all.count < maxSignatures else {
                throw LedgerError.malformed("a signed note has at most \(maxSignatures) signatures")
            }
            let keyID = UInt32(bigEndianBytes: bytes[0..<4])
            guard let verifier = verifiers.first(where: { $0.name == name && $0.keyID == keyID }) else {
                let signature = Signature(name: name, keyID: keyID, base64: base64, time: nil, verifier: nil)
                all.append(signature)
                if seenUnknown.insert(signature.line).inserted { unknown.append(signature) }
                continue
            }
            // Every line by a known key is checked; a repeated one is kept once (as Go's note).
            let (valid, time) = verifier.verify(text: text, signature: Array(bytes[4...]))
            guard valid else {
                throw LedgerError.tampered("the signature by \(name) (key \(NoteVerifier.hex8(keyID))) does not match the note's text")
            }
            let signature = Signature(name: name, keyID: keyID, base64: base64, time: time, verifier: verifier)
            all.append(signature)
            if !verified.contains(where: { $0.verifier == verifier }) { verified.append(signature) }
        }
        guard !verified.isEmpty else {
            let names = verifiers.map(\.name).joined(separator: ", ")
            throw LedgerError.tampered("the note has no signature by a known key (\(names.isEmpty ? "none given" : names))")
        }
        return SignedNote(text: text, signatures: verified, unverifiedSignatures: unknown, allSignatures: all)
    }

    /// The text of a signed note, without checking any signature (to read, never to trust).
    public static func unverifiedText(_ noteText: String) throws(LedgerError) -> String {
        let utf8 = Array(noteText.utf8)
        guard let split = lastBlankLine(utf8) else {
            throw LedgerError.malformed("a signed note needs a blank line before its signatures")
        }
        return String(decoding: utf8[..<(split + 1)], as: UTF8.self)
    }

    /// The note with one more signature line; a line by the same key (name and key id)
    /// replaces the old one, so that re-cosigning updates the timestamp.
    public static func adding(_ line: String, to noteText: String) throws(LedgerError) -> String {
        let text = try unverifiedText(noteText)
        let block = noteText.utf8.dropFirst(text.utf8.count + 1)
        var lines = String(decoding: block, as: UTF8.self).split(separator: "\n").map(String.init)
        let key = { (line: String) -> String? in
            let parts = line.split(separator: " ")
            guard parts.count == 3, let bytes = Base64.decode(parts[2]), bytes.count >= 4 else { return nil }
            return "\(parts[1]) \(Hex.encode(bytes[0..<4]))"
        }
        if let newKey = key(line) { lines.removeAll { key($0) == newKey } }
        lines.append(line)
        return text + "\n" + lines.map { $0 + "\n" }.joined()
    }

    /// The index of the first newline of the last "\n\n".
    private static func lastBlankLine(_ utf8: [UInt8]) -> Int? {
        guard utf8.count >= 2 else { return nil }
        var i = utf8.count - 2
        while i >= 0 {
            if utf8[i] == UInt8(ascii: "\n") && utf8[i + 1] == UInt8(ascii: "\n") { return i }
            i -= 1
        }
        return nil
    }
}
