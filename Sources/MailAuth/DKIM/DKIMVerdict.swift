/// What one DKIM signature comes to.
public enum DKIMResult: String, Sendable, CaseIterable {
    /// The signature verifies with the recorded key: the signing domain's key signed these
    /// header fields and this body (or its first `l=` bytes).
    case pass
    /// The body or a signed header field differs from what was signed, or another key signed.
    case fail
    /// The signature verifies, but with a method no longer trusted (rsa-sha1, RSA under 1024
    /// bits: RFC 8301): never a pass.
    case weak
    /// No key record for the signature's `selector._domainkey.domain` in the key file.
    case noKey = "no_key"
    /// The key record's `p=` is empty: the domain revoked the key.
    case revoked
    /// Well formed, but uses an algorithm, canonicalization, query method or key type this
    /// tool does not check.
    case unsupported
    /// The signature field or its key record is malformed, or breaks a rule of RFC 6376.
    case permerror
}

/// How a domain relates to the From address's domain.
public enum DKIMAlignment: String, Sendable {
    /// The same domain.
    case exact
    /// The From domain is a subdomain of it (DMARC's relaxed alignment holds, unless it is a
    /// public suffix: no public suffix list is consulted).
    case subdomain
    /// It is a subdomain of the From domain (relaxed alignment holds, as above).
    case parent
    /// Unrelated domains: the signature vouches for another domain than the author's.
    case none

    static func of(_ domain: String, from: String?) -> DKIMAlignment? {
        guard let from else { return nil }
        if domain == from { return .exact }
        if from.hasSuffix("." + domain) { return .subdomain }
        if domain.hasSuffix("." + from) { return .parent }
        return DKIMAlignment.none
    }
}

/// The verdict on one DKIM-Signature field, with what it covers and what it rests on.
public struct DKIMVerdict: Sendable {
    /// The field's position among the message's DKIM-Signature fields, 1 for the topmost.
    public let index: Int
    /// `d=`, the signing domain (lower case).
    public let domain: String
    /// `s=`, the selector (lower case).
    public let selector: String
    /// `a=` as written (lower case).
    public let algorithm: String
    /// `c=`, written out as header/body ("relaxed/simple").
    public let canonicalization: String
    /// The verdict.
    public let result: DKIMResult
    /// Why, in one sentence.
    public let reason: String
    /// The key record the verdict rests on (the one that verified, else the first tried).
    public let key: DKIMKeyRecord?
    /// How many records the key file has for this selector and domain.
    public let keysTried: Int
    /// The key's type ("rsa", "ed25519") and size in bits, when the record held a key.
    public let keyType: String?
    /// The key's size in bits.
    public let keyBits: Int?
    /// `i=`, the agent or user identity (default `@domain`).
    public let identity: String?
    /// How `d=` relates to the From domain.
    public let fromAlignment: DKIMAlignment?
    /// How the domain of `i=` relates to the From domain.
    public let identityAlignment: DKIMAlignment?
    /// `h=`: the field names signed, lower case, in order.
    public let signedHeaders: [String]
    /// Names listed in `h=` more often than the message has such fields (and at least once
    /// present): one more such field would break the signature.
    public let oversignedHeaders: [String]
    /// Names listed in `h=` that the message does not have at all: adding one breaks the signature.
    public let absentHeaders: [String]
    /// Names of fields the message has that the signature does not cover (distinct, in order).
    public let unsignedHeaders: [String]
    /// Whether the body (or its first `l=` bytes) hashes to `bh=`; `nil` when not computed.
    public let bodyHashMatches: Bool?
    /// Whether the header signature `b=` verifies with the key; `nil` when no key was usable.
    public let headerSignatureValid: Bool?
    /// `l=`: how many canonical body bytes the signature covers; `nil` for all of them.
    public let bodyLength: Int?
    /// The length of the canonical body.
    public let bodyBytes: Int?
    /// With `l=`: how many canonical body bytes follow the signed part.
    public let unsignedBodyBytes: Int?
    /// With `l=`: the start of the unsigned text after the signed part (at most 1 KiB, as UTF-8).
    public let unsignedBodyText: String?
    /// `t=`, seconds since the epoch.
    public let signedAt: Int?
    /// `x=`, seconds since the epoch.
    public let expiresAt: Int?
    /// `t=` minus the message's Date, in seconds (positive: signed after the Date).
    public let secondsAfterDate: Int?
    /// Whether `x=` is before the message's Date; `nil` without both.
    public let expiredAtDate: Bool?
    /// Further facts a reader should weigh, one sentence each.
    public let notes: [String]
}

/// One ARC field (RFC 8617), listed but not verified.
public struct ARCField: Sendable {
    /// ARC-Seal, ARC-Message-Signature or ARC-Authentication-Results, as written.
    public let name: String
    /// `i=`: the instance (hop) number.
    public let instance: Int?
    /// `d=`, `s=`, `a=` and, for ARC-Seal, `cv=` (the chain validation the hop recorded).
    public let domain: String?
    /// `s=`.
    public let selector: String?
    /// `a=`.
    public let algorithm: String?
    /// `cv=` of an ARC-Seal: none, pass or fail.
    public let chainValidation: String?
}

/// Everything `dkim verify` finds in one message.
public struct DKIMReport: Sendable {
    /// The file, as named to the verifier.
    public let source: String
    /// The From field's value (the bottom-most From).
    public let from: String?
    /// The From address's domain, lower case.
    public let fromDomain: String?
    /// The Date field's value.
    public let date: String?
    /// The Date as seconds since the epoch, when it parses.
    public let messageDate: Int?
    /// Every DKIM-Signature field, top first.
    public let signatures: [DKIMVerdict]
    /// The ARC fields, top first (listed, not verified).
    public let arc: [ARCField]

    /// True when at least one signature passes.
    public var passed: Bool { signatures.contains { $0.result == .pass } }

    /// The key records the verdicts rest on, each once, in signature order: what a ledger
    /// registers beside the message.
    public var keyRecords: [DKIMKeyRecord] {
        var seen = Set<DKIMKeyRecord>()
        return signatures.compactMap(\.key).filter { seen.insert($0).inserted }
    }
}
