/// A tree head as a C2SP `tlog-checkpoint` (c2sp.org/tlog-checkpoint): the body of the note
/// the log signs.
///
/// ```
/// <origin>
/// <tree size, decimal>
/// <base64 root hash>
/// [<extension line>]...
/// ```
public struct Checkpoint: Sendable, Hashable {
    /// The largest tree size a checkpoint may claim: ``Merkle/maxSize`` (2^53 − 1). A larger
    /// number is refused when parsed, before anything is sized from it.
    public static let maxSize = Merkle.maxSize

    /// The log's identity, e.g. `leakledger.example/elpais-2022`.
    public var origin: String
    /// The number of leaves.
    public var size: Int
    /// The tree head (RFC 9162 MTH) at that size.
    public var root: SHA256Digest
    /// Optional extension lines, opaque and non-empty.
    public var extensions: [String]

    /// A checkpoint with these fields.
    public init(origin: String, size: Int, root: SHA256Digest, extensions: [String] = []) {
        self.origin = origin
        self.size = size
        self.root = root
        self.extensions = extensions
    }

    /// The note body: every line ends with a newline.
    public var text: String {
        var text = "\(origin)\n\(size)\n\(Base64.encode(root.bytes))\n"
        for line in extensions { text += line + "\n" }
        return text
    }

    /// Parses a checkpoint body (the note text, without signatures); strict, as the spec says.
    public init(text: String) throws(LedgerError) {
        guard text.hasSuffix("\n") else {
            throw LedgerError.malformed("a checkpoint must end with a newline")
        }
        let lines = text.utf8.dropLast().split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
            .map { String(decoding: $0, as: UTF8.self) }
        guard lines.count >= 3 else {
            throw LedgerError.malformed("a checkpoint needs an origin, a tree size and a root hash line")
        }
        guard !lines[0].isEmpty else { throw LedgerError.malformed("the checkpoint's origin line is empty") }
        guard let size = Checkpoint.parseSize(lines[1]) else {
            throw LedgerError.malformed("the checkpoint's tree size '\(Terminal.escaped(lines[1]))' is not a decimal number from 0 to \(Checkpoint.maxSize) without leading zeros")
        }
        guard let rootBytes = Base64.decode(lines[2]), let root = SHA256Digest(bytes: rootBytes) else {
            throw LedgerError.malformed("the checkpoint's root hash is not the base64 of 32 bytes")
        }
        let extensions = Array(lines[3...])
        guard extensions.allSatisfy({ !$0.isEmpty }) else {
            throw LedgerError.malformed("a checkpoint has no empty lines")
        }
        for line in lines where line.unicodeScalars.contains(where: { $0.value < 0x20 }) {
            throw LedgerError.malformed("the checkpoint line '\(line.debugDescription)' holds a control character")
        }
        self.init(origin: lines[0], size: size, root: root, extensions: extensions)
    }

    /// ASCII decimal, no sign, no leading zeros, at most ``maxSize`` (tree sizes, indexes and
    /// old sizes of proofs are all read here, so none exceeds it).
    static func parseSize(_ text: String) -> Int? {
        let utf8 = Array(text.utf8)
        guard !utf8.isEmpty, utf8.count <= 19, utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
              utf8.count == 1 || utf8[0] != UInt8(ascii: "0"), let value = Int(text), value <= maxSize else { return nil }
        return value
    }
}
