import LeakLedger

/// The JSON of `verify` (spec/cli.md, "JSON fields relied on").
enum VerifyJSON {
    /// `verdict`, `excerpt`, `matches[]`, `match_count` (documents that matched; a lower bound
    /// when `complete` is false), `complete`, `unsearched[]` of `document`, `reason`,
    /// `unsearched_count`, and `damaged[]` of `document`, `reason` when any.
    static func object(_ found: SearchResult) -> JSONValue {
        let result = found.verification
        return .object(dropping: [
            "verdict": .string(result.verdict.rawValue), "excerpt": .string(result.excerpt),
            "matches": .array(result.matches.map(match)), "match_count": .int(found.matchCount), "best_count": .int(found.bestCount), "complete": .bool(found.complete),
            "unsearched": .array(found.unsearched.map { ["document": .string($0.document), "reason": .string($0.reason)] }),
            "unsearched_count": .int(found.unsearchedCount),
            "damaged": found.damaged.isEmpty ? nil : .array(found.damaged.map { ["document": .string($0.document), "reason": .string($0.reason)] }),
        ])
    }

    /// The body of an `excerpt.verified` entry: the excerpt as given, and the result.
    static func body(_ result: Verification, excerpt: String) -> JSONValue {
        ["excerpt": .string(excerpt), "verdict": .string(result.verdict.rawValue),
         "matches": .array(result.matches.map(match))]
    }

    /// One match: `document`, `seq`, `verdict`, `score`, `start`, `end`, `line`, `text`, `count`,
    /// `differences[]` of `kind`, `excerpt`, `document`.
    static func match(_ match: ExcerptMatch) -> JSONValue {
        .object(dropping: [
            "document": .string(match.document), "seq": .int(match.seq), "verdict": .string(match.verdict.rawValue),
            "score": .double(match.score), "start": .int(match.start), "end": .int(match.end), "line": .int(match.line),
            "text": .string(match.text), "count": .int(match.count), "page": match.page.map(JSONValue.int),
            "differences": .array(match.differences.map {
                ["kind": .string($0.kind.rawValue), "excerpt": .string($0.excerpt), "document": .string($0.document)]
            }),
        ])
    }

    /// The result of `verify --document FILE`.
    static func object(_ check: CandidateCheck) -> JSONValue {
        .object(dropping: [
            "file": .string(check.path), "sha256": .string(check.sha256.hex), "bytes": .int(check.bytes),
            "text_sha256": check.textSHA256.map { .string($0.hex) },
            "unsearched_reason": check.unsearchedReason.map(JSONValue.string),
            "same_bytes": .array(check.sameBytes.map { .string($0.id) }),
            "same_text": .array(check.sameText.map { .string($0.id) }),
            "found": .bool(check.found),
            "excerpts": .array(check.excerpts.map { item in
                var members: [String: JSONValue] = [
                    "document": .string(item.document), "seq": .int(item.seq), "excerpt": .string(item.excerpt),
                    "verdict": .string(item.verification.verdict.rawValue),
                ]
                if let best = item.verification.matches.first, case .object(let found) = match(best) {
                    for key in ["score", "start", "end", "line", "text", "count", "differences"] { members[key] = found[key] }
                }
                return .object(members)
            }),
        ])
    }
}
