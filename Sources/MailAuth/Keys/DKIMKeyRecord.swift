import ContentHash

/// One DKIM key record as recorded: the TXT record published at
/// `selector._domainkey.domain`, with where it was read from.
///
/// Its identity is ``sha256``: the SHA-256 of ``text``, the record's character-strings joined
/// with nothing between them (as RFC 6376 §3.6.2.2 has a verifier join them), after zone-file
/// escapes are undone. It does not depend on how the file spelled the record (name case, TTL,
/// how the text was cut into quoted chunks, comments), so the same record read from DNS, from
/// another archive or from this file has the same hash.
public struct DKIMKeyRecord: Sendable, Hashable {
    /// The owner name, lower case, without a trailing dot: `selector._domainkey.domain`.
    public let name: String
    /// The record's text: the quoted chunks joined, escapes undone.
    public let text: [UInt8]
    /// SHA-256 of ``text``.
    public let sha256: SHA256Digest
    /// The file it was read from.
    public let source: String
    /// The 1-based line where the record starts in that file.
    public let line: Int

    /// A record with this owner name and text.
    public init(name: String, text: [UInt8], source: String, line: Int) {
        self.name = DKIMKeyRecord.normalizedName(name)
        self.text = text
        self.sha256 = SHA256.hash(text)
        self.source = source
        self.line = line
    }

    /// The selector: the labels before `._domainkey.`; `nil` when the name has no `_domainkey`.
    public var selector: String? { parts?.selector }
    /// The signing domain: the labels after `._domainkey.`.
    public var domain: String? { parts?.domain }

    private var parts: (selector: String, domain: String)? {
        guard let range = name.range(of: "._domainkey.") else { return nil }
        return (String(name[..<range.lowerBound]), String(name[range.upperBound...]))
    }

    /// Lower case, no trailing dot: names compare the way DNS compares them.
    static func normalizedName(_ name: String) -> String {
        var name = name.lowercased()
        while name.hasSuffix(".") { name.removeLast() }
        return name
    }
}
