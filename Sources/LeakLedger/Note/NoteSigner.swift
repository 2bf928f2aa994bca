/// A named Ed25519 key that signs C2SP signed notes, with Go's `sumdb/note` private-key
/// format `PRIVATE+KEY+name+hex(key id)+base64(type ‖ seed)`.
///
/// A signer of type ``NoteVerifier/Algorithm/cosignatureV1`` is a witness: it makes
/// c2sp.org/tlog-cosignature lines with ``cosignatureLine(for:time:)``.
public struct NoteSigner: Sendable {
    /// The key name.
    public let name: String
    /// The private key.
    public let privateKey: Ed25519.PrivateKey
    /// The matching verifier (name, key id, public key).
    public let verifier: NoteVerifier

    /// A signer for this name and key. The name must pass ``NoteVerifier/isValidName(_:)``;
    /// check it first when it comes from a user.
    public init(name: String, privateKey: Ed25519.PrivateKey, algorithm: NoteVerifier.Algorithm = .ed25519) {
        self.name = name
        self.privateKey = privateKey
        self.verifier = NoteVerifier(name: name, publicKey: privateKey.publicKey, algorithm: algorithm)
    }

    /// A signer with a new random key.
    public static func generate(name: String, algorithm: NoteVerifier.Algorithm = .ed25519) throws(LedgerError) -> NoteSigner {
        guard NoteVerifier.isValidName(name) else {
            throw LedgerError.usage("the key name \(name.debugDescription) must be non-empty, without spaces or '+'")
        }
        return NoteSigner(name: name, privateKey: Ed25519.PrivateKey(), algorithm: algorithm)
    }

    /// Parses `PRIVATE+KEY+name+hex8+base64(type ‖ seed)` and checks the key id.
    public init(privateKeyText: String) throws(LedgerError) {
        let text = privateKeyText.hasSuffix("\n") ? String(privateKeyText.dropLast()) : privateKeyText
        guard text.hasPrefix("PRIVATE+KEY+") else {
            throw LedgerError.malformed("a private key reads PRIVATE+KEY+name+keyid+base64key")
        }
        let key = try NoteKeyText(text.dropFirst("PRIVATE+KEY+".count), what: "private key")
        guard let seed = Ed25519.PrivateKey(seed: key.bytes) else {
            throw LedgerError.malformed("the private key is not an Ed25519 seed (type 0x01 or 0x04, 32 bytes)")
        }
        self.init(name: key.name, privateKey: seed, algorithm: key.algorithm)
        try key.check(keyID: verifier.keyID)
    }

    /// The key in private-key format. Secret: store it with mode 0600, outside the ledger.
    public var privateKeyText: String {
        "PRIVATE+KEY+\(name)+\(NoteVerifier.hex8(verifier.keyID))+\(Base64.encode([verifier.algorithm.rawValue] + privateKey.seed))"
    }

    /// The signed note: `text`, a blank line, and this key's signature line.
    ///
    /// `text` must end with a newline (every note line does); a cosignature signer must use
    /// ``cosignatureLine(for:time:)`` instead.
    public func sign(_ text: String) -> String {
        text + "\n" + signatureLine(for: text) + "\n"
    }

    /// The line `— name base64(key id ‖ signature)` for `text`, without its newline.
    public func signatureLine(for text: String) -> String {
        precondition(text.hasSuffix("\n"), "NoteSigner.sign: a note's text ends with a newline")
        precondition(verifier.algorithm == .ed25519, "NoteSigner.sign: a witness key makes cosignatures")
        let signature = privateKey.signature(for: Array(text.utf8))
        return line(verifier.keyID.bigEndianBytes + signature)
    }

    /// The c2sp.org/tlog-cosignature line for a checkpoint's text at `time` (seconds since
    /// the Unix epoch): `— name base64(key id ‖ time ‖ signature)`, without its newline.
    public func cosignatureLine(for checkpointText: String, time: UInt64) -> String {
        precondition(verifier.algorithm == .cosignatureV1, "NoteSigner.cosignatureLine: not a witness key")
        let signature = privateKey.signature(for: NoteVerifier.cosignedMessage(text: checkpointText, time: time))
        return line(verifier.keyID.bigEndianBytes + time.bigEndianBytes + signature)
    }

    private func line(_ bytes: [UInt8]) -> String {
        "\u{2014} \(name) \(Base64.encode(bytes))"
    }
}
