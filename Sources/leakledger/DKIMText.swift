import MailAuth

/// The human-readable `dkim verify` report.
enum DKIMText {
    static func render(_ report: DKIMReport) -> String {
        var out = ""
        let passes = report.signatures.filter { $0.result == .pass }.count
        let count = report.signatures.count
        out += "\(report.source): "
        out += count == 0 ? "no DKIM-Signature field: nothing to verify.\n"
            : "\(count) DKIM signature\(count == 1 ? "" : "s"), \(passes) pass\(passes == 1 ? "es" : "").\n"
        if let from = report.from { out += "From: \(from)\n" }
        if let date = report.date {
            out += "Date: \(date)\(report.messageDate.map { " (\(MailDate.rfc3339($0)))" } ?? " (does not parse)")\n"
        }
        for verdict in report.signatures {
            out += "\n[\(verdict.index)] \(verdict.result.rawValue): d=\(verdict.domain) s=\(verdict.selector) \(verdict.algorithm) \(verdict.canonicalization)\n"
            out += "    \(verdict.reason)\n"
            if let key = verdict.key {
                let size = verdict.keyBits.map { ", \(verdict.keyType ?? "") \($0)-bit" } ?? ""
                out += "    key: \(key.name) (\(key.source) line \(key.line)\(size)), sha256 \(key.sha256.hex)\n"
                if verdict.keysTried > 1 { out += "         \(verdict.keysTried) records at that name were tried\n" }
            }
            if !verdict.signedHeaders.isEmpty {
                out += "    signed: \(verdict.signedHeaders.joined(separator: ", "))\n"
                let guarded = verdict.oversignedHeaders + verdict.absentHeaders
                if !guarded.isEmpty { out += "    one more of these breaks it: \(guarded.joined(separator: ", "))\n" }
                if !verdict.unsignedHeaders.isEmpty { out += "    not signed: \(verdict.unsignedHeaders.joined(separator: ", "))\n" }
            }
            if let from = report.fromDomain, let alignment = verdict.fromAlignment {
                out += "    From domain \(from): \(alignmentText(alignment, verdict.domain))\n"
            }
            if let length = verdict.bodyLength, let unsigned = verdict.unsignedBodyBytes {
                out += "    body: signed up to byte \(length); \(unsigned) unsigned bytes follow:\n"
                for line in (verdict.unsignedBodyText ?? "").split(separator: "\n", omittingEmptySubsequences: false).prefix(12) {
                    out += "      | \(line.replacingOccurrences(of: "\r", with: ""))\n"
                }
            }
            if let signedAt = verdict.signedAt {
                let relation = verdict.secondsAfterDate.map { ", \(relative($0)) the message's Date" } ?? ""
                out += "    signed at \(MailDate.rfc3339(signedAt))\(relation)\n"
            }
            if let expiresAt = verdict.expiresAt {
                out += "    expires at \(MailDate.rfc3339(expiresAt))\(verdict.expiredAtDate == true ? ", before the message's Date" : "")\n"
            }
            for note in verdict.notes where !note.hasPrefix("the signature covers only") && !note.hasPrefix("the signing domain") {
                out += "    note: \(note)\n"
            }
        }
        if !report.arc.isEmpty {
            out += "\nARC (listed, not verified):\n"
            for field in report.arc {
                let parts = [field.instance.map { "i=\($0)" }, field.domain.map { "d=\($0)" }, field.selector.map { "s=\($0)" },
                             field.chainValidation.map { "cv=\($0)" }].compactMap { $0 }
                out += "    \(field.name) \(parts.joined(separator: " "))\n"
            }
        }
        return out
    }

    private static func alignmentText(_ alignment: DKIMAlignment, _ domain: String) -> String {
        switch alignment {
        case .exact: "the same as d="
        case .subdomain: "a subdomain of d=\(domain)"
        case .parent: "d=\(domain) is a subdomain of it"
        case .none: "unrelated to d=\(domain): the signature vouches for \(domain), not for the author's domain"
        }
    }

    private static func relative(_ seconds: Int) -> String {
        let magnitude = seconds.magnitude
        let span = magnitude < 120 ? "\(magnitude) s" : magnitude < 7200 ? "\(magnitude / 60) min" : magnitude < 172_800 ? "\(magnitude / 3600) h" : "\(magnitude / 86_400) days"
        return seconds >= 0 ? "\(span) after" : "\(span) before"
    }
}
