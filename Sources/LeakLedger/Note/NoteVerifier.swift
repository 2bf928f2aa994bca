/// A public key that checks signatures on C2SP signed notes (c2sp.org/signed-note), in the
/// verifier-key format of Go's `golang.org/x/mod/sumdb/note`: `name+hex(key id)+base64(type ‖ key)`.
///
/// Two signature types: plain Ed25519 note signatures (0x01), and the Ed25519 timestamped
/// cosignatures witnesses put on checkpoints (0x04, c2sp.org/tlog-cosignature).
public struct NoteVerifier: Sendable, Hashable {
    /// The signature type, the first byte of the encoded key.
    public enum Algorithm: UInt8, Sendable {
        /// Ed25519 over the note text (signed-note).
        case ed25519 = 0x01
        /// Ed25519 over "cosignature/v1\ntime T\n" ‖ checkpoint, signature = 8-byte T ‖ sig.
        case cosignatureV1 = 0x04
    }

    /// The key name: non-empty, no spaces, no `+`.
    public let name: String
    /// The key id: the first 4 bytes of SHA-256(name ‖ 0x0A ‖ type ‖ public key), big-endian.
    public let keyID: UInt32
    /// The signature type.
    public let algorithm: Algorithm
    /// The Ed25519 public key.
    public let publicKey: Ed25519.PublicKey

    /// The verifier for a key with this name and type.
    public init(name: String, publicKey: Ed25519.PublicKey, algorithm: Algorithm = .ed25519) {
        precondition(NoteVerifier.isValidName(name), "NoteVerifier: invalid key name \(name.debugDescription)")
        self.name = name
        self.publicKey = publicKey
        self.algorithm = algorithm
        self.keyID = NoteVerifier.keyID(name: name, keyBytes: [algorithm.rawValue] + publicKey.bytes)
    }

    /// Parses `name+hex8+base64(type ‖ public key)`, and checks that the key id matches.
    public init(verifierKey: String) throws(LedgerError) {
        let key = try NoteKeyText(verifierKey, what: "verifier key")
        guard let publicKey = Ed25519.PublicKey(bytes: key.bytes) else {
            throw LedgerError.malformed("the verifier key is not an Ed25519 key (type 0x01 or 0x04, 32 bytes)")
        }
        self.init(name: key.name, publicKey: publicKey, algorithm: key.algorithm)
        try key.check(keyID: keyID)
    }

    /// The key in verifier-key format.
    public var verifierKey: String {
        "\(name)+\(NoteVerifier.hex8(keyID))+\(Base64.encode([algorithm.rawValue] + publicKey.bytes))"
    }

    /// True when `signature` (the bytes after the key id) is valid for `text`; for a
    /// cosignature, also returns its timestamp through `time`.
    func verify(text: String, signature: [UInt8]) -> (valid: Bool, time: UInt64?) {
        switch algorithm {
        case .ed25519:
            return (publicKey.isValidSignature(signature, for: Array(text.utf8)), nil)
        case .cosignatureV1:
            guard signature.count == 72 else { return (false, nil) }
            let time = UInt64(bigEndianBytes: signature[0..<8])
            let message = NoteVerifier.cosignedMessage(text: text, time: time)
            return (publicKey.isValidSignature(Array(signature[8...]), for: message), time)
        }
    }

    /// What a cosignature signs: "cosignature/v1\ntime T\n" ‖ checkpoint text.
    static func cosignedMessage(text: String, time: UInt64) -> [UInt8] {
        Array("cosignature/v1\ntime \(time)\n".utf8) + Array(text.utf8)
    }

    /// Refuses witness (cosignature) keys where a log's own signing key is required.
    static func requireLogKeys(_ verifiers: [NoteVerifier]) throws(LedgerError) {
        guard !verifiers.isEmpty else { throw LedgerError.usage("checking a checkpoint needs the ledger's verifier key") }
        if let witnessKey = verifiers.first(where: { $0.algorithm != .ed25519 }) {
            throw LedgerError.usage("\(witnessKey.name) is a witness key (cosignature type); give the ledger's own key")
        }
    }

    /// A key name is non-empty and holds neither Unicode white space nor `+` (signed-note).
    public static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && !name.contains("+")
            && !name.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.value < 0x20 })
    }

    /// SHA-256(name ‖ 0x0A ‖ type ‖ key)[:4], big-endian.
    static func keyID(name: String, keyBytes: [UInt8]) -> UInt32 {
        var hasher = SHA256()
        hasher.update(name)
        hasher.update([0x0a] + keyBytes)
        return UInt32(bigEndianBytes: hasher.finalize().bytes[0..<4])
    }

    static func hex8(_ id: UInt32) -> String {
        Hex.encode([UInt8(id >> 24 & 0xff), UInt8(id >> 16 & 0xff), UInt8(id >> 8 & 0xff), UInt8(id & 0xff)])
    }
}

extension FixedWidthInteger where Self: UnsignedInteger {
    /// The value of big-endian bytes (as many as the type holds).
    init(bigEndianBytes bytes: some Collection<UInt8>) {
        self = bytes.reduce(0) { $0 << 8 | Self($1) }
    }

    /// The value as big-endian bytes.
    var bigEndianBytes: [UInt8] {
        (0..<(Self.bitWidth / 8)).reversed().map { UInt8(truncatingIfNeeded: self >> ($0 * 8)) }
    }
}

/// The common shape of signed-note key texts, `name+hex8(key id)+base64(type ‖ 32 key bytes)`:
/// a verifier key as is, a private key after its `PRIVATE+KEY+` prefix.
struct NoteKeyText {
    let name: String
    let keyID: UInt32
    let algorithm: NoteVerifier.Algorithm
    let bytes: [UInt8]
    /// "verifier key" or "private key", for messages.
    let what: String

    init(_ text: some StringProtocol, what: String) throws(LedgerError) {
        self.what = what
        let parts = text.split(separator: "+", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3 else {
            // A private key's text is a secret: never echo it.
            let shown = what == "verifier key" ? ", got \(String(text).debugDescription)" : ""
            throw LedgerError.malformed("a \(what) reads name+keyid+base64key\(shown)")
        }
        name = String(parts[0])
        guard NoteVerifier.isValidName(name) else {
            throw LedgerError.malformed("the \(what)'s name \(name.debugDescription) is empty or holds a space")
        }
        guard parts[1].utf8.count == 8, let idBytes = Hex.decode(parts[1]) else {
            throw LedgerError.malformed("the \(what)'s id must be 8 hexadecimal digits")
        }
        guard let keyBytes = Base64.decode(parts[2]), keyBytes.count == 33,
              let algorithm = NoteVerifier.Algorithm(rawValue: keyBytes[0]) else {
            throw LedgerError.malformed("the \(what) is not an Ed25519 key (type 0x01 or 0x04, 32 bytes)")
        }
        keyID = UInt32(bigEndianBytes: idBytes)
        self.algorithm = algorithm
        bytes = Array(keyBytes[1...])
    }

    /// Requires the id written in the text to be the one the name and key give.
    func check(keyID derived: UInt32) throws(LedgerError) {
        guard keyID == derived else {
            throw LedgerError.malformed("the \(what)'s id does not match its name and key")
        }
    }
}
