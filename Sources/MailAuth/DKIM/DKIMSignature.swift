import Foundation

/// The signing algorithms of `a=` (RFC 6376 §3.3, RFC 8463).
enum SigningAlgorithm: String, Sendable {
    case rsaSHA256 = "rsa-sha256"
    case rsaSHA1 = "rsa-sha1"
    case ed25519SHA256 = "ed25519-sha256"

    var hash: HashAlgorithm { self == .rsaSHA1 ? .sha1 : .sha256 }
    var keyKind: VerificationKey.Kind { self == .ed25519SHA256 ? .ed25519 : .rsa }
}

/// One DKIM-Signature field, read (RFC 6376 §3.5). What the report names (domain, selector,
/// algorithm) is kept even when the rest is malformed, so a broken signature is still named.
struct DKIMSignature {
    /// The position of the field in the header.
    let fieldIndex: Int
    let domain: String
    let selector: String
    let algorithmName: String
    let canonicalizationName: String

    /// Filled when the field is well formed and supported.
    struct Checked {
        let algorithm: SigningAlgorithm
        let header: Canonicalization
        let body: Canonicalization
        /// `h=`: the signed field names, lower case, in order.
        let signedHeaders: [String]
        let bodyHash: [UInt8]
        let signature: [UInt8]
        /// `i=`, or its default `@d=`.
        let identity: String
        let bodyLength: Int?
        let timestamp: Int?
        let expiration: Int?
        /// The field with the value of b= blanked (RFC 6376 §3.7), and where its value starts.
        let blankedRaw: [UInt8]
        let valueStart: Int
    }

    /// The checked fields, or why the signature cannot be verified.
    let checked: Result<Checked, DKIMProblem>

    /// The key record's name: `selector._domainkey.domain` (RFC 6376 §3.6.2.1).
    var keyName: String { "\(selector)._domainkey.\(domain)" }

    init(field: MessageHeader.Field, index: Int) {
        fieldIndex = index
        let list = TagList.parse(field.rawValue)
        let tags = (try? list.get()) ?? TagList(tags: [])
        domain = tags["d"]?.compact.lowercased() ?? ""
        selector = tags["s"]?.compact.lowercased() ?? ""
        algorithmName = tags["a"]?.compact.lowercased() ?? ""
        canonicalizationName = tags["c"]?.compact.lowercased() ?? "simple/simple"
        switch list {
        case .failure(let error):
            checked = .failure(.permerror("the DKIM-Signature field does not parse: \(error)"))
        case .success(let tags):
            checked = Self.check(tags, field: field, domain: domain, selector: selector)
        }
    }

    private static func check(_ tags: TagList, field: MessageHeader.Field, domain: String, selector: String) -> Result<Checked, DKIMProblem> {
        for name in ["v", "a", "b", "bh", "d", "h", "s"] where tags[name] == nil {
            return .failure(.permerror("the DKIM-Signature field has no \(name)= tag, which RFC 6376 requires"))
        }
        guard tags["v"]!.compact == "1" else { return .failure(.permerror("v=\(tags["v"]!.compact.prefix(20)) is not version 1")) }
        let algorithmName = tags["a"]!.compact.lowercased()
        guard let algorithm = SigningAlgorithm(rawValue: algorithmName) else {
            return .failure(.unsupported("the algorithm a=\(algorithmName.prefix(40)) is not one this tool checks (rsa-sha256, ed25519-sha256; rsa-sha1 as weak)"))
        }
        guard let signature = decodeBase64(tags["b"]!), !signature.isEmpty else { return .failure(.permerror("b= is not base64")) }
        guard let bodyHash = decodeBase64(tags["bh"]!), !bodyHash.isEmpty else { return .failure(.permerror("bh= is not base64")) }
        let canonicalization = tags["c"]?.compact.lowercased()
        guard let pair = Canonicalization.pair(canonicalization) else {
            return .failure(.unsupported("the canonicalization c=\(canonicalization?.prefix(40) ?? "") is not simple or relaxed"))
        }
        guard isDomainName(domain) else { return .failure(.permerror("d=\(domain.prefix(60)) is not a domain name")) }
        guard isSelector(selector) else { return .failure(.permerror("s=\(selector.prefix(60)) is not a selector")) }
        let signedHeaders = tags["h"]!.compact.split(separator: ":", omittingEmptySubsequences: false).map { $0.lowercased() }
        guard !signedHeaders.contains(where: \.isEmpty) else { return .failure(.permerror("h= has an empty field name")) }
        guard signedHeaders.contains("from") else {
            return .failure(.permerror("h= does not list From, which RFC 6376 §5.4 requires every signature to cover"))
        }
        var identity = "@" + domain
        if let value = tags["i"]?.compact {
            guard let at = value.lastIndex(of: "@") else { return .failure(.permerror("i=\(value.prefix(60)) has no @")) }
            let identityDomain = value[value.index(after: at)...].lowercased()
            guard identityDomain == domain || identityDomain.hasSuffix("." + domain) else {
                return .failure(.permerror("i=\(value.prefix(60)) is not in d=\(domain) or a subdomain of it (RFC 6376 §3.5)"))
            }
            identity = value
        }
        var numbers = [String: Int]()
        for name in ["l", "t", "x"] {
            guard let value = tags[name]?.compact else { continue }
            guard !value.isEmpty, value.count <= 76, value.allSatisfy(\.isASCIIDigit) else {
                return .failure(.permerror("\(name)=\(value.prefix(40)) is not a decimal number"))
            }
            numbers[name] = Int(value) ?? Int.max
        }
        if let timestamp = numbers["t"], let expiration = numbers["x"], expiration < timestamp {
            return .failure(.permerror("x= (expiry) is earlier than t= (signing time), which RFC 6376 §3.5 forbids"))
        }
        if let methods = tags["q"]?.compact.lowercased(), !methods.split(separator: ":").contains("dns/txt") {
            return .failure(.unsupported("the key query method q=\(methods.prefix(40)) is not dns/txt"))
        }
        let blanked = blankingSignature(field, span: tags["b"]!.valueSpan)
        return .success(Checked(
            algorithm: algorithm, header: pair.header, body: pair.body, signedHeaders: signedHeaders,
            bodyHash: bodyHash, signature: signature, identity: identity, bodyLength: numbers["l"],
            timestamp: numbers["t"], expiration: numbers["x"], blankedRaw: blanked, valueStart: field.valueStart))
    }

    /// The field with the b= value and the white space around it removed (RFC 6376 §3.7).
    private static func blankingSignature(_ field: MessageHeader.Field, span: Range<Int>) -> [UInt8] {
        var raw = field.raw
        raw.removeSubrange(span)
        return raw
    }

    /// Base64 with folding white space removed; `nil` when it is not base64.
    static func decodeBase64(_ tag: TagList.Tag) -> [UInt8]? {
        Data(base64Encoded: tag.compact).map { [UInt8]($0) }
    }

    private static func isDomainName(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.allSatisfy { byte in
            (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte == 0x2D || byte == 0x2E || byte == 0x5F || byte >= 0x80
        }
    }

    private static func isSelector(_ name: String) -> Bool { isDomainName(name) }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}

/// Why a signature cannot be verified, before any cryptography: a verdict and its reason.
struct DKIMProblem: Error {
    let result: DKIMResult
    let reason: String

    static func permerror(_ reason: String) -> DKIMProblem { DKIMProblem(result: .permerror, reason: reason) }
    static func unsupported(_ reason: String) -> DKIMProblem { DKIMProblem(result: .unsupported, reason: reason) }
}
