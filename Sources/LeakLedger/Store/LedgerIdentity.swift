/// What `ledger.json` says about a ledger: its format, its origin line and the public keys that
/// sign its checkpoints.
public struct LedgerIdentity: Sendable, Hashable {
    /// The folder format this code reads and writes.
    public static let currentFormat = 1

    /// Folder format version.
    public var format: Int
    /// The checkpoint origin line, e.g. `leakledger.example/elpais-2022`.
    public var origin: String
    /// Signed-note verifier keys (`name+hex(key id)+base64(0x01 ‖ public key)`).
    public var verifierKeys: [String]

    /// An identity with these members.
    public init(format: Int = LedgerIdentity.currentFormat, origin: String, verifierKeys: [String]) {
        self.format = format
        self.origin = origin
        self.verifierKeys = verifierKeys
    }

    /// The identity as `ledger.json` holds it (and as the `ledger.created` body repeats it).
    public var json: JSONValue {
        .object(["format": .int(format), "origin": .string(origin), "verifier_keys": .array(verifierKeys.map { .string($0) })])
    }

    /// Reads `ledger.json`'s content.
    public init(json: JSONValue) throws(LedgerError) {
        guard let format = json["format"]?.int, let origin = json["origin"]?.string,
              let keys = json["verifier_keys"]?.array
        else { throw LedgerError.malformed("ledger.json needs format, origin and verifier_keys") }
        let verifierKeys = keys.compactMap(\.string)
        guard verifierKeys.count == keys.count, !verifierKeys.isEmpty else {
            throw LedgerError.malformed("ledger.json needs at least one verifier key, each a string")
        }
        guard format == LedgerIdentity.currentFormat else {
            throw LedgerError.malformed("ledger.json has format \(format); this leakledger reads format \(LedgerIdentity.currentFormat): update leakledger")
        }
        self.init(format: format, origin: origin, verifierKeys: verifierKeys)
    }

    /// Checks that `origin` can name a ledger and its signing key: non-empty, printable, with
    /// no white space and no `+` (the signed-note name rules).
    public static func validate(origin: String) throws(LedgerError) {
        guard !origin.isEmpty else { throw LedgerError.usage("the origin is empty: pass --origin NAME, e.g. --origin newsroom.example/ledger") }
        guard origin.unicodeScalars.allSatisfy({ !$0.properties.isWhitespace && $0.value >= 0x21 && $0 != "+" && $0.value != 0x7F }) else {
            throw LedgerError.usage("the origin \"\(origin)\" has white space, a control character or '+'; use a name like newsroom.example/ledger")
        }
    }
}
