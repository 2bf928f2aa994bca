import Foundation

/// What a key record says (RFC 6376 §3.6.1), read for one signature.
struct PublishedKey {
    let key: VerificationKey
    /// `t=y`: the domain is testing DKIM (RFC 6376 §3.6.1); verifiers may treat it as unsigned.
    let testing: Bool
    /// `t=s`: i= must be in d= itself, not a subdomain.
    let strict: Bool
}

extension DKIMKeyRecord {
    /// The key for a signature made with `algorithm`, or why this record cannot verify it.
    func key(for algorithm: SigningAlgorithm) -> Result<PublishedKey, DKIMProblem> {
        let tags: TagList
        switch TagList.parse(text[...]) {
        case .success(let parsed): tags = parsed
        case .failure(let error): return .failure(.permerror("the key record does not parse: \(error)"))
        }
        if let version = tags["v"]?.compact, version != "DKIM1" {
            return .failure(.permerror("the key record has v=\(version.prefix(20)), not DKIM1"))
        }
        if let hashes = tags["h"]?.compact.lowercased(), !hashes.split(separator: ":").contains(Substring(algorithm.hash.rawValue)) {
            return .failure(.permerror("the key record allows only h=\(hashes.prefix(40)), not \(algorithm.hash.rawValue)"))
        }
        if let services = tags["s"]?.compact.lowercased(), !services.split(separator: ":").contains(where: { $0 == "*" || $0 == "email" }) {
            return .failure(.permerror("the key record is for the service s=\(services.prefix(40)), not e-mail"))
        }
        let kindName = tags["k"]?.compact.lowercased() ?? "rsa"
        guard let kind = VerificationKey.Kind(rawValue: kindName) else {
            return .failure(.unsupported("the key type k=\(kindName.prefix(40)) is not one this tool checks (rsa, ed25519)"))
        }
        guard kind == algorithm.keyKind else {
            return .failure(.permerror("the key record is an \(kind.rawValue) key, but the signature is \(algorithm.rawValue)"))
        }
        guard let published = tags["p"] else { return .failure(.permerror("the key record has no p= (public key)")) }
        let encoded = published.compact
        guard !encoded.isEmpty else { return .failure(DKIMProblem(result: .revoked, reason: "the key record's p= is empty: the key was revoked")) }
        guard let der = Data(base64Encoded: encoded).map({ [UInt8]($0) }) else {
            return .failure(.permerror("the key record's p= is not base64"))
        }
        let key: VerificationKey?
        switch kind {
        case .rsa: key = VerificationKey.rsa(der: der)
        case .ed25519: key = VerificationKey.ed25519(raw: der)
        }
        guard let key else {
            let what = kind == .rsa ? "an RSA public key (DER)" : "a 32-byte Ed25519 public key"
            return .failure(.permerror("the key record's p= is not \(what)"))
        }
        let flags = tags["t"]?.compact.lowercased().split(separator: ":") ?? []
        return .success(PublishedKey(key: key, testing: flags.contains("y"), strict: flags.contains("s")))
    }
}
