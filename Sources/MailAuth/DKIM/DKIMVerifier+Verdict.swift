/// One signature's verdict: which fields it covers, the body hash, the key, the signature.
extension DKIMVerifier {
    func verdict(_ signature: DKIMSignature, number: Int, header: MessageHeader, message: MessageFacts,
                 digests: [BodyHashes.Request: BodyHashes.Digest]) -> DKIMVerdict {
        let checked: DKIMSignature.Checked
        switch signature.checked {
        case .failure(let problem): return .unverified(signature, number: number, result: problem.result, reason: problem.reason)
        case .success(let value): checked = value
        }
        var notes = [String]()
        let coverage = Coverage(checked.signedHeaders, in: header, signatureField: signature.fieldIndex)
        let headerData = coverage.hashInput(checked, header: header)

        // The body: its hash, and with l= what lies past the signed part.
        let request = BodyHashes.Request(canonicalization: checked.body, hash: checked.algorithm.hash, length: checked.bodyLength)
        let body = digests[request]!
        let bodyMatches = body.value == checked.bodyHash
        var unsignedBytes: Int?, unsignedText: String?
        if let length = checked.bodyLength {
            if length < body.canonicalLength {
                unsignedBytes = body.canonicalLength - length
                unsignedText = String(decoding: body.unsignedStart, as: UTF8.self)
                notes.append("the signature covers only the first \(length) bytes of the \(checked.body.rawValue)-canonical body (l=\(length)); the \(body.canonicalLength - length) bytes after them are not signed, and anyone could have added them")
            } else if length > body.canonicalLength {
                notes.append("l=\(length) is longer than the \(checked.body.rawValue)-canonical body (\(body.canonicalLength) bytes): the body is shorter than what was signed")
            }
        }

        // The key: every record published at the name is tried; the best verdict stands.
        let records = keys.records(named: signature.keyName)
        var best: Attempt?
        for record in records {
            let attempt = Attempt(record: record, checked: checked, headerData: headerData, bodyMatches: bodyMatches)
            if best == nil || attempt.rank < best!.rank { best = attempt }
            if attempt.result == .pass { break }
        }
        var result = DKIMResult.noKey
        var reason = "no key record for \(signature.keyName) in the key file: add the record published when the mail was sent"
        if let best {
            result = best.result
            reason = best.reason
            if best.published?.testing == true {
                notes.append("the key record has t=y: the domain was testing DKIM, and RFC 6376 lets verifiers treat such a message as unsigned")
            }
        } else if bodyMatches {
            notes.append("the body hashes to bh=, but without the key nothing says the signer wrote bh=")
        }
        // dkimpy's rule, and RFC 6376 §8.15's warning: a From field more than the signature
        // covers was added, and mail programs may show the added one.
        let signedFroms = checked.signedHeaders.filter { $0 == "from" }.count
        if message.fromCount > signedFroms, result == .pass || result == .weak {
            result = .fail
            reason = "the message has \(message.fromCount) From fields but the signature covers \(signedFroms): a From field was added after signing (RFC 6376 §8.15)"
        }

        // Times, against the message's own Date: never the clock (old mail is the point).
        var secondsAfterDate: Int?, expiredAtDate: Bool?
        if let date = message.dateSeconds {
            if let timestamp = checked.timestamp {
                let delta = timestamp.subtractingReportingOverflow(date)
                if !delta.overflow {
                    secondsAfterDate = delta.partialValue
                    if delta.partialValue < -900 {
                        notes.append("t= (\(MailDate.rfc3339(timestamp))) is \(Self.span(-delta.partialValue)) before the message's Date: the Date was set after signing, or a clock was wrong")
                    } else if delta.partialValue > 86_400 {
                        notes.append("t= (\(MailDate.rfc3339(timestamp))) is \(Self.span(delta.partialValue)) after the message's Date")
                    }
                }
            }
            if let expiration = checked.expiration {
                expiredAtDate = expiration < date
                if expiration < date {
                    notes.append("x= (\(MailDate.rfc3339(expiration))) is before the message's Date: the signature had expired by the time the message claims")
                }
            }
        } else if checked.timestamp != nil || checked.expiration != nil {
            notes.append("the message has no Date that parses, so t= and x= are not compared with it")
        }
        let fromAlignment = DKIMAlignment.of(signature.domain, from: message.fromDomain)
        if fromAlignment == DKIMAlignment.none, let fromDomain = message.fromDomain {
            notes.append("the signing domain \(signature.domain) is not the From domain \(fromDomain): the signature vouches for \(signature.domain), not for the author's domain")
        }
        let identityDomain = checked.identity.split(separator: "@", omittingEmptySubsequences: false).last.map { $0.lowercased() }
        return DKIMVerdict(
            index: number, domain: signature.domain, selector: signature.selector, algorithm: signature.algorithmName,
            canonicalization: "\(checked.header.rawValue)/\(checked.body.rawValue)", result: result, reason: reason,
            key: best?.record ?? records.first, keysTried: records.count,
            keyType: best?.published?.key.kind.rawValue, keyBits: best?.published?.key.bits,
            identity: checked.identity, fromAlignment: fromAlignment,
            identityAlignment: identityDomain.flatMap { DKIMAlignment.of($0, from: message.fromDomain) },
            signedHeaders: checked.signedHeaders, oversignedHeaders: coverage.oversigned, absentHeaders: coverage.absent,
            unsignedHeaders: coverage.unsigned, bodyHashMatches: bodyMatches, headerSignatureValid: best?.headerValid,
            bodyLength: checked.bodyLength, bodyBytes: body.canonicalLength, unsignedBodyBytes: unsignedBytes,
            unsignedBodyText: unsignedText, signedAt: checked.timestamp, expiresAt: checked.expiration,
            secondsAfterDate: secondsAfterDate, expiredAtDate: expiredAtDate, notes: notes)
    }

    static func span(_ seconds: Int) -> String {
        switch seconds {
        case ..<3600: "\(seconds / 60) minutes"
        case ..<172_800: "\(seconds / 3600) hours"
        default: "\(seconds / 86_400) days"
        }
    }
}

/// One key record tried against one signature.
private struct Attempt {
    let record: DKIMKeyRecord
    let published: PublishedKey?
    let headerValid: Bool?
    let result: DKIMResult
    let reason: String

    init(record: DKIMKeyRecord, checked: DKIMSignature.Checked, headerData: [UInt8], bodyMatches: Bool) {
        self.record = record
        let published: PublishedKey
        switch record.key(for: checked.algorithm) {
        case .failure(let problem):
            (self.published, headerValid, result, reason) = (nil, nil, problem.result, problem.reason)
            return
        case .success(let key):
            published = key
        }
        self.published = published
        let identityDomain = checked.identity.split(separator: "@").last.map { $0.lowercased() } ?? ""
        if published.strict, identityDomain != record.domain {
            (headerValid, result, reason) = (nil, .permerror, "the key record has t=s (strict), but i=\(checked.identity) is a subdomain of d=")
            return
        }
        // RFC 8463 §3: Ed25519 signs the SHA-256 of the header data; RSA signs the data itself.
        let signed = checked.algorithm == .ed25519SHA256 ? MessageDigest.hash(headerData, .sha256) : headerData
        let valid = published.key.isValidSignature(checked.signature, of: signed, hash: checked.algorithm.hash)
        headerValid = valid
        switch (bodyMatches, valid) {
        case (true, true):
            if checked.algorithm == .rsaSHA1 {
                (result, reason) = (.weak, "the rsa-sha1 signature verifies, but SHA-1 is no longer accepted for DKIM (RFC 8301): not a pass")
            } else if published.key.kind == .rsa, published.key.bits < 1024 {
                (result, reason) = (.weak, "the signature verifies, but with a \(published.key.bits)-bit RSA key: RFC 8301 forbids accepting keys under 1024 bits, which can be factored")
            } else if let length = checked.bodyLength {
                (result, reason) = (.pass, "the signature verifies with the recorded key; it covers the signed header fields and the first \(length) bytes of the canonical body")
            } else {
                (result, reason) = (.pass, "the signature verifies with the recorded key: the signed header fields and the body are as signed")
            }
        case (false, true):
            (result, reason) = (.fail, "the body does not hash to bh=: the body was changed after signing (the header signature verifies, so bh= is the signer's)")
        case (false, false):
            (result, reason) = (.fail, "the body does not hash to bh=, and the header signature does not verify either: the message was changed after signing, or another key signed it")
        case (true, false):
            (result, reason) = (.fail, "the body is as signed, but the header signature does not verify: a signed header field or the signature field was changed, or another key signed it")
        }
    }

    /// Lower is better: the verdict reported when several records share a name.
    var rank: Int {
        switch result {
        case .pass: 0
        case .weak: 1
        case .fail: 2
        case .revoked: 3
        case .unsupported: 4
        case .permerror: 5
        case .noKey: 6
        }
    }
}

extension DKIMVerdict {
    /// A verdict reached before any hashing: the field is malformed, unsupported or past the limit.
    static func unverified(_ signature: DKIMSignature, number: Int, result: DKIMResult = .unsupported, reason: String) -> DKIMVerdict {
        DKIMVerdict(
            index: number, domain: signature.domain, selector: signature.selector, algorithm: signature.algorithmName,
            canonicalization: signature.canonicalizationName, result: result, reason: reason, key: nil, keysTried: 0,
            keyType: nil, keyBits: nil, identity: nil, fromAlignment: nil, identityAlignment: nil, signedHeaders: [],
            oversignedHeaders: [], absentHeaders: [], unsignedHeaders: [], bodyHashMatches: nil, headerSignatureValid: nil,
            bodyLength: nil, bodyBytes: nil, unsignedBodyBytes: nil, unsignedBodyText: nil, signedAt: nil, expiresAt: nil,
            secondsAfterDate: nil, expiredAtDate: nil, notes: [])
    }
}
