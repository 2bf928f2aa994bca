import Commitments
import Foundation

extension DocumentCard {
    /// The card for a person: the document's facts, each party's status in force with its
    /// history underneath, links both ways, excerpts and verifications. `color` adds ANSI styles.
    public func rendered(color: Bool) -> String {
        var out = CardWriter(color: color)
        let doc = document
        let title = doc.title ?? (withholds("title") ? blindValue("title") : nil)
        out.line(out.bold(Terminal.escaped(id)) + (title.map { "  " + Terminal.escaped($0) } ?? "")
                 + (registration.isWithdrawn ? "  " + out.red("WITHDRAWN") : ""))
        var kind = doc.kind
        if let content = doc.content { kind += content == "excerpts" ? ", known from excerpts only" : ", \(content)" }
        if withholds("sha256") { kind += ", registered blind" }
        var facts: [(String, String?)] = [("kind", kind), ("sha256", doc.sha256 ?? blindValue("sha256")),
                                          ("text sha256", doc.textSHA256 ?? blindValue("text_sha256")),
                                          ("bytes", doc.bytes.map(String.init) ?? blindValue("bytes")), ("quote", quoteLine),
                                          ("source", doc.source), ("publisher", doc.publisher), ("published", doc.published),
                                          ("marking", doc.marking)]
        // A derived text: which extractor made it, OCR, pages, and why a text is not searched.
        if let extractor = doc.body["extractor"]?.string {
            var text = extractor
            if doc.body["ocr"]?.bool == true {
                text += ", OCR" + (doc.body["ocr_confidence"]?.double.map { String(format: ", mean word confidence %.1f", $0) } ?? "")
            }
            facts.append(("text from", text))
        }
        if let pages = doc.body["pages"]?.int { facts.append(("pages", String(pages))) }
        if let deleted = doc.body["deleted_changes"]?.int { facts.append(("left out", "\(deleted) tracked deletion\(deleted == 1 ? "" : "s")")) }
        if let reason = doc.body["unsearched"]?.string { facts.append(("not searched", reason)) }
        for (name, value) in (doc.body["dates"]?.object ?? [:]).sorted(by: { $0.key < $1.key }) {
            facts.append(("date " + name, value.string ?? value.canonicalString))
        }
        facts.append(("registered", "seq \(registration.seq) · \(registration.time) · by \(registration.actor)"))
        for (name, value) in facts { if let value { out.line("  " + out.dim(pad(name, 12)) + Terminal.escaped(value)) } }
        out.corrections(registration.corrections, indent: "  ")

        if !authentications.isEmpty {
            out.section("DKIM", count: authentications.count, noun: "verification", plural: "verifications")
            for entry in authentications { out.authentication(entry) }
        }

        out.section("Statuses", count: parties.count, noun: "party", plural: "parties")
        for party in parties {
            let current = party.current.latest
            let since = current.at.map { " since " + Terminal.escaped($0) } ?? ""
            out.line("  " + out.bold(Terminal.escaped(party.party)) + ": " + out.status(current.status)
                     + out.dim("\(since) (seq \(party.current.seq))"))
            for record in party.history { out.status(record, isCurrent: record.seq == party.current.seq) }
        }
        let silent = statuses.filter { record in !parties.contains { $0.history.contains { $0.seq == record.seq } } }
        for record in silent { out.status(record, isCurrent: false, showParty: true) }

        out.section("Links", count: links.count, noun: "link", plural: "links")
        for link in links {
            let value = link.latest
            let outgoing = value.from == id
            let arrow = outgoing ? "→ \(id) \(value.relation) \(value.to)" : "← \(value.from) \(value.relation) \(id)"
            out.line("  " + (link.isWithdrawn ? out.dim(Terminal.escaped(arrow) + " (withdrawn)") : Terminal.escaped(arrow))
                     + out.dim("  seq \(link.seq)") + (value.note.map { "  " + Terminal.escaped($0) } ?? ""))
            out.corrections(link.corrections, indent: "    ")
        }

        out.section("Excerpts", count: excerpts.count, noun: "excerpt", plural: "excerpts")
        for excerpt in excerpts {
            let value = excerpt.latest
            out.line("  " + out.dim("seq \(excerpt.seq)") + (value.citedBy.map { "  cited by " + Terminal.escaped($0) } ?? "")
                     + (excerpt.isWithdrawn ? out.dim(" (withdrawn)") : ""))
            out.verbatim(value.text, indent: "    ")
            out.corrections(excerpt.corrections, indent: "    ")
        }
        if !verifications.isEmpty {
            out.section("Verifications", count: verifications.count, noun: "verification", plural: "verifications")
            for record in verifications {
                let match = (record.latest["matches"]?.array ?? []).first { $0["document"]?.string == id }
                let verdict = match?["verdict"]?.string ?? record.latest["verdict"]?.string ?? "?"
                let place = match?["line"]?.int.map { "  line \($0)" } ?? ""
                let score = match?["score"]?.double.map { "  score " + String(format: "%.2f", $0) } ?? ""
                out.line("  " + out.dim("seq \(record.seq)") + "  " + Terminal.escaped(verdict) + out.dim(place + score)
                         + (record.isWithdrawn ? out.dim(" (withdrawn)") : ""))
                if let excerpt = record.latest["excerpt"]?.string { out.verbatim(excerpt, indent: "    ") }
                out.corrections(record.corrections, indent: "    ")
            }
        }
        if !reports.isEmpty {
            out.section("Reports", count: reports.count, noun: "status reported here", plural: "statuses reported here")
            for record in reports {
                let value = record.latest
                out.line("  " + out.dim("seq \(record.seq)") + "  " + Terminal.escaped(value.party) + " on "
                         + Terminal.escaped(value.document) + ": " + out.status(value.status))
            }
        }
        if !printedExcerpts.isEmpty {
            out.section("Prints excerpts of", count: printedExcerpts.count, noun: "excerpt", plural: "excerpts")
            for record in printedExcerpts {
                out.line("  " + out.dim("seq \(record.seq)") + "  of " + Terminal.escaped(record.latest.document))
                out.verbatim(record.latest.text, indent: "    ")
            }
        }
        return out.text
    }
}

extension DocumentCard {
    /// A withheld member as the card shows it: its revealed value, else that it is withheld.
    private func blindValue(_ member: String) -> String? {
        guard withholds(member) else { return nil }
        guard let (value, seq) = revealed(member) else { return "withheld (blind registration)" }
        return value + "  (revealed at seq \(seq))"
    }

    /// Whether quotes from the document can be proven (quote-proof.md), in words.
    private var quoteLine: String? {
        if let words = document.body[QuoteScheme.wordsField]?.int {
            return "committed to its \(words) words (\(document.body[QuoteScheme.schemeField]?.string ?? "?")): quotes can be proven"
        }
        guard document.content == "text" || (document.content == "binary" && withholds("sha256")) else { return nil }
        if withholds("bytes") { return "no quote commitment (registered blind with its size withheld)" }
        return "no quote commitment (registered before quote commitments existed, or without the keeper's secrets)"
    }
}

private func pad(_ text: String, _ width: Int) -> String {
    text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
}

/// Builds the card's lines, with or without ANSI styles.
private struct CardWriter {
    let color: Bool
    var text = ""

    mutating func line(_ line: String) { text += line + "\n" }

    mutating func section(_ title: String, count: Int, noun: String, plural: String) {
        line("")
        line(bold(title) + dim(count == 0 ? "  none recorded" : "  \(count) \(count == 1 ? noun : plural)"))
    }

    /// An `email.authenticated` entry: each signature's result, domain, selector, algorithm,
    /// the key record it rests on, and the reason.
    mutating func authentication(_ entry: Entry) {
        let signatures = entry.body["signatures"]?.array ?? []
        let passed = signatures.filter { $0["result"]?.string == "pass" }.count
        let facts = [entry.body["from_domain"]?.string.map { "From domain " + $0 }, entry.body["message_date"]?.string.map { "dated " + $0 }]
        line("  " + dim("seq \(entry.seq)") + "  \(signatures.count) signature\(signatures.count == 1 ? "" : "s"), \(passed) pass"
             + dim(Terminal.escaped(facts.compactMap { $0 }.map { "  " + $0 }.joined())))
        for signature in signatures {
            let result = signature["result"]?.string ?? "?"
            let shown = result == "pass" ? green(result) : red(Terminal.escaped(result))
            let what = ["d=" + (signature["domain"]?.string ?? "?"), "s=" + (signature["selector"]?.string ?? "?"),
                        signature["algorithm"]?.string ?? "?", signature["canonicalization"]?.string ?? "?"].joined(separator: " ")
            line("    " + shown + "  " + Terminal.escaped(what))
            if let key = signature["key_document"]?.string {
                line("        " + dim("key record ") + Terminal.escaped(key) + dim("  sha256 " + Terminal.escaped(signature["key_sha256"]?.string ?? "?")))
            }
            if let reason = signature["reason"]?.string { line("        " + dim(Terminal.escaped(reason))) }
        }
    }

    mutating func status(_ record: Corrected<StatusRecord>, isCurrent: Bool, showParty: Bool = false) {
        let value = record.recorded
        let when = Terminal.escaped(value.at ?? "undated")
        let mark = isCurrent ? "▸" : record.isWithdrawn ? "×" : "·"
        let party = showParty ? Terminal.escaped(value.party) + ": " : ""
        line("    \(mark) " + pad(when, 11) + party + status(value.status)
             + dim("  seq \(record.seq), recorded " + Terminal.escaped(record.time)) + (record.isWithdrawn ? dim(" (withdrawn)") : ""))
        if let statement = value.statement { verbatim(statement, indent: "        ") }
        if let reporter = value.reportedBy { line("        " + dim("reported by ") + Terminal.escaped(reporter)) }
        corrections(record.corrections, indent: "        ")
    }

    /// Words as printed or said, on their own line after "> ", with no quotation marks added:
    /// printed quotes carry their own stray marks, and the reader must see exactly those.
    mutating func verbatim(_ text: String, indent: String) {
        line(indent + dim("> ") + Terminal.escaped(text))
    }

    mutating func corrections(_ corrections: [Correction], indent: String) {
        for correction in corrections {
            let change = correction.replacement.map { " → now " + Self.summary($0) } ?? " → withdrawn"
            line(indent + yellow("✎ corrected by seq \(correction.seq)") + dim(" (" + Terminal.escaped(correction.time) + ")") + ": "
                 + Terminal.escaped(correction.reason) + Terminal.escaped(change))
        }
    }

    /// A replacement body in one line: its members, sorted.
    static func summary(_ body: JSONValue) -> String {
        (body.object ?? [:]).sorted { $0.key < $1.key }.map { key, value in
            "\(key): " + (value.string ?? value.canonicalString)
        }.joined(separator: ", ")
    }

    func status(_ word: String) -> String {
        switch PartyStatus(rawValue: word) {
        case .confirmed, .authenticatedTechnical: green(word)
        case .denied, .deniedInvolvement, .disputed: red(word)
        case nil: Terminal.escaped(word)
        default: yellow(word)
        }
    }

    func bold(_ text: String) -> String { style(text, "1") }
    func dim(_ text: String) -> String { style(text, "2") }
    func red(_ text: String) -> String { style(text, "31") }
    func green(_ text: String) -> String { style(text, "32") }
    func yellow(_ text: String) -> String { style(text, "33") }
    private func style(_ text: String, _ code: String) -> String {
        color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}
