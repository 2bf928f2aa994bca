import MailAuth

// The JSON of DKIM verdicts: what `dkim verify --json` prints, and what a registration entry
// records for an e-mail (spec/cli.md "dkim verify"; README "DKIM"). One encoding for both, so a
// verdict read from the ledger and one printed by the command compare field by field.

extension DKIMReport {
    /// The whole report: `file`, `from`, `from_domain`, `date`, `message_date`, `passed`,
    /// `signatures[]`, `arc[]`.
    public var json: JSONValue {
        .object(dropping: [
            "file": .string(source),
            "from": from.map(JSONValue.string),
            "from_domain": fromDomain.map(JSONValue.string),
            "date": date.map(JSONValue.string),
            "message_date": messageDate.map { .string(MailDate.rfc3339($0)) },
            "passed": .bool(passed),
            "signatures": .array(signatures.map(\.json)),
            "arc": .array(arc.map(\.json)),
        ])
    }
}

extension DKIMVerdict {
    /// One signature: `index`, `domain`, `selector`, `algorithm`, `canonicalization`, `result`,
    /// `reason`, `key_sha256`, `key_record`, `key_source`, `key_line`, and the coverage, body and
    /// time fields when they were computed.
    public var json: JSONValue {
        .object(dropping: [
            "index": .int(index),
            "domain": .string(domain),
            "selector": .string(selector),
            "algorithm": .string(algorithm),
            "canonicalization": .string(canonicalization),
            "result": .string(result.rawValue),
            "reason": .string(reason),
            "key_sha256": key.map { .string($0.sha256.hex) },
            "key_record": key.map { .string($0.name) },
            "key_source": key.map { .string($0.source) },
            "key_line": key.map { .int($0.line) },
            "keys_tried": .int(keysTried),
            "key_type": keyType.map(JSONValue.string),
            "key_bits": keyBits.map(JSONValue.int),
            "identity": identity.map(JSONValue.string),
            "from_alignment": fromAlignment.map { .string($0.rawValue) },
            "identity_alignment": identityAlignment.map { .string($0.rawValue) },
            "signed_headers": signedHeaders.isEmpty ? nil : .array(signedHeaders.map(JSONValue.string)),
            "oversigned_headers": signedHeaders.isEmpty ? nil : .array(oversignedHeaders.map(JSONValue.string)),
            "absent_headers": signedHeaders.isEmpty ? nil : .array(absentHeaders.map(JSONValue.string)),
            "unsigned_headers": signedHeaders.isEmpty ? nil : .array(unsignedHeaders.map(JSONValue.string)),
            "body_hash_matches": bodyHashMatches.map(JSONValue.bool),
            "header_signature_valid": headerSignatureValid.map(JSONValue.bool),
            "body_length": bodyLength.map(JSONValue.int),
            "body_bytes": bodyBytes.map(JSONValue.int),
            "unsigned_body_bytes": unsignedBodyBytes.map(JSONValue.int),
            "unsigned_body_text": unsignedBodyText.map(JSONValue.string),
            "signed_at": signedAt.map { .string(MailDate.rfc3339($0)) },
            "expires_at": expiresAt.map { .string(MailDate.rfc3339($0)) },
            "seconds_after_date": secondsAfterDate.map(JSONValue.int),
            "expired_at_date": expiredAtDate.map(JSONValue.bool),
            "notes": notes.isEmpty ? nil : .array(notes.map(JSONValue.string)),
        ])
    }
}

extension ARCField {
    /// One ARC field: `name`, `instance`, `domain`, `selector`, `algorithm`, `cv`.
    public var json: JSONValue {
        .object(dropping: [
            "name": .string(name),
            "instance": instance.map(JSONValue.int),
            "domain": domain.map(JSONValue.string),
            "selector": selector.map(JSONValue.string),
            "algorithm": algorithm.map(JSONValue.string),
            "cv": chainValidation.map(JSONValue.string),
        ])
    }
}
