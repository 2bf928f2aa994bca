import Foundation
import LeakLedger

/// `verify` for a person: the verdict in words, then each match in its context with the
/// differences marked the way a diff marks them (`-` the document's side, `+` the excerpt's).
struct VerifyReport {
    let search: ExcerptSearch
    let found: SearchResult
    let color: Bool
    var result: Verification { found.verification }

    var rendered: String {
        var style = Style(color: color)
        var out = style.bold(Self.headline(found)) + "\n"
        for match in result.matches {
            out += "\n" + style.bold(Terminal.escaped(match.document)) + style.dim("  seq \(match.seq)" + (match.page.map { " · page \($0)" } ?? "") + " · line \(match.line) · characters \(match.start)–\(match.end)")
            out += "  " + Self.grade(match) + "\n"
            out += "  " + context(of: match, style: &style) + "\n"
            if match.count > 1 { out += style.dim("  (\(match.count) places in this document reach this grade; the first is shown)") + "\n" }
            out += Self.differences(match.differences, style: style)
        }
        if found.matchCount > result.matches.count || !found.complete {
            let total = found.complete ? "\(found.matchCount)" : "at least \(found.matchCount)"
            out += "\n" + style.dim("Showing \(result.matches.count) of \(total) matching documents, best first (--max-matches N to see more).") + "\n"
        }
        if found.unsearchedCount > 0 {
            let names = found.unsearched.map { "\(Terminal.oneLine($0.document)) (\(Terminal.oneLine($0.reason)))" }.joined(separator: "; ")
            let more = found.unsearchedCount > found.unsearched.count ? "; and \(found.unsearchedCount - found.unsearched.count) more" : ""
            out += "\n" + style.dim("Not searched: \(found.unsearchedCount) registered document\(found.unsearchedCount == 1 ? "" : "s") whose text could not be read: \(names)\(more).") + "\n"
        }
        for (document, reason) in found.damaged {
            out += "\n" + style.red("Damaged: \(Terminal.oneLine(document)): \(Terminal.oneLine(reason)); it was not searched and no match is reported from it (run leakledger check).") + "\n"
        }
        return out
    }

    /// "found verbatim", "found with quote-mark and white-space differences", ...
    static func headline(_ found: SearchResult) -> String {
        let result = found.verification
        let documents = found.bestCount
        let noun = documents == 1 ? "document" : "documents"
        var where_ = found.complete ? "in \(documents) \(noun)" : "in at least \(documents) \(noun)"
        if found.matchCount > documents {
            where_ += " (and \(found.complete ? "" : "at least ")\(found.matchCount - documents) more at lower grades)"
        }
        switch result.verdict {
        case .notFound: return "Not found in any registered text."
        case .exact: return "Found verbatim (exact) \(where_)."
        case .edited: return "Found with marked edits (edited) \(where_): \(kinds(result.matches.first))."
        case .approximate:
            let score = result.matches.first.map { String(format: "%.2f", $0.score) } ?? "?"
            return "Found approximately (approximate, similarity \(score)) \(where_): \(kinds(result.matches.first))."
        case .normalized, .tokens:
            return "Found with \(kinds(result.matches.first)) (\(result.verdict.rawValue)) \(where_)."
        }
    }

    static func grade(_ match: ExcerptMatch) -> String {
        match.verdict == .approximate ? "\(match.verdict.rawValue) \(String(format: "%.2f", match.score))" : match.verdict.rawValue
    }

    /// The kinds of difference of a match in words: "punctuation and case differences".
    static func kinds(_ match: ExcerptMatch?) -> String {
        guard let match, !match.differences.isEmpty else { return "no differences" }
        var seen = [String]()
        for difference in match.differences {
            let word = words[difference.kind] ?? difference.kind.rawValue
            if !seen.contains(word) { seen.append(word) }
        }
        let list = seen.count <= 2 ? seen.joined(separator: " and ")
            : seen.dropLast().joined(separator: ", ") + " and " + seen.last!
        return list + " difference" + (match.differences.count == 1 ? "" : "s")
    }

    private static let words: [DifferenceKind: String] = [
        .quoteMark: "quote-mark", .whitespace: "white-space", .dash: "dash", .case: "case",
        .punctuation: "punctuation", .hyphenation: "hyphenation", .elision: "elision", .editorial: "editorial",
        .insertion: "added-word", .deletion: "dropped-word", .substitution: "changed-word",
        .confusable: "look-alike-character", .diacritic: "accent",
    ]

    /// The most characters of document text shown in one piece on a terminal, about three
    /// lines; a longer piece keeps its first and last words and says how much lies between.
    static let shownCharacters = 240

    /// The matched stretch with a few words around it, the stretch in bold: each part of an
    /// edited or elided match in full up to a few lines, and each long span the excerpt elides
    /// collapsed to its length (its ends are in the elision's difference below).
    private func context(of match: ExcerptMatch, style: inout Style) -> String {
        guard let text = try? search.text(of: match)
        else { return "“" + Self.abbreviated(Terminal.oneLine(match.text), limit: 2 * Self.shownCharacters) + "”" }
        let scalars = Array(text.unicodeScalars)
        guard match.start >= 0, match.end <= scalars.count, match.start <= match.end else {
            return Self.abbreviated(Terminal.oneLine(match.text), limit: 2 * Self.shownCharacters)
        }
        let before = Self.words(scalars[max(0, match.start - 400)..<match.start], last: 8)
        let after = Self.words(scalars[match.end..<min(scalars.count, match.end + 400)], first: 8)
        let stretch = String(String.UnicodeScalarView(scalars[match.start..<match.end]))
        let pieces = Self.pieces(of: stretch, eliding: match.differences.filter { $0.kind == .elision || $0.kind == .editorial }.map(\.document))
        var marked = ""
        for piece in pieces {
            if let elided = piece.elided {
                marked += style.dim(" … [\(elided) characters elided] … ")
            } else {
                let text = Terminal.oneLine(String(piece.text)).trimmingCharacters(in: .whitespaces)
                let shown = Self.abbreviated(text, limit: 2 * Self.shownCharacters)
                marked += style.color ? style.bold(shown) : shown
            }
        }
        // Without colour the stretch is set off with ⟦ ⟧, which ordinary text does not use.
        if !style.color { marked = "⟦" + marked + "⟧" }
        return style.dim((before.isEmpty ? "" : "…" + before)) + marked + style.dim(after.isEmpty ? "" : after + "…")
    }

    /// The stretch cut into the parts the excerpt quotes and the long spans it elides (the
    /// document sides of its elisions, found in order), each span by its length.
    static func pieces(of stretch: String, eliding spans: [String]) -> [(text: Substring, elided: Int?)] {
        var out: [(text: Substring, elided: Int?)] = []
        var cursor = stretch.startIndex
        for span in spans where span.count > shownCharacters {
            guard let found = stretch.range(of: span, range: cursor..<stretch.endIndex) else { continue }
            out.append((stretch[cursor..<found.lowerBound], nil))
            out.append((stretch[found], span.count))
            cursor = found.upperBound
        }
        out.append((stretch[cursor...], nil))
        return out.filter { $0.elided != nil || !$0.text.isEmpty }
    }

    /// `text` if it has at most `limit` characters, else its first and last words with the
    /// number of characters left out between them.
    static func abbreviated(_ text: String, limit: Int = shownCharacters) -> String {
        guard text.count > limit else { return text }
        var head = text.prefix(limit / 2), tail = text.suffix(limit / 2)
        if let space = head.lastIndex(of: " "), head.distance(from: head.startIndex, to: space) > limit / 4 { head = head[..<space] }
        if let space = tail.firstIndex(of: " "), tail.distance(from: space, to: tail.endIndex) > limit / 4 { tail = tail[tail.index(after: space)...] }
        return head + " … [\(text.count - head.count - tail.count) characters] … " + tail
    }

    private static func words(_ scalars: ArraySlice<Unicode.Scalar>, last count: Int) -> String {
        let text = Terminal.oneLine(String(String.UnicodeScalarView(scalars)))
        let parts = text.split(separator: " ", omittingEmptySubsequences: false)
        return parts.suffix(count + 1).joined(separator: " ")
    }

    private static func words(_ scalars: ArraySlice<Unicode.Scalar>, first count: Int) -> String {
        let text = Terminal.oneLine(String(String.UnicodeScalarView(scalars)))
        let parts = text.split(separator: " ", omittingEmptySubsequences: false)
        return parts.prefix(count + 1).joined(separator: " ")
    }

    /// One pair of lines per difference, as a diff shows a change.
    static func differences(_ differences: [Difference], style: Style) -> String {
        var out = ""
        for difference in differences {
            let name = words[difference.kind] ?? difference.kind.rawValue
            out += style.dim("  \(name):") + "\n"
            // Each side between ‹ › so that a space or a lone period can be seen.
            // A long side (an elided span) keeps its first and last words.
            if !difference.document.isEmpty { out += "    " + style.red("- ‹" + Terminal.visible(abbreviated(difference.document)) + "›") + style.dim("  document") + "\n" }
            if !difference.excerpt.isEmpty { out += "    " + style.green("+ ‹" + Terminal.visible(abbreviated(difference.excerpt)) + "›") + style.dim("  excerpt") + "\n" }
        }
        return out
    }

    /// `verify --document FILE` for a person.
    static func rendered(_ check: CandidateCheck, color: Bool) -> String {
        let style = Style(color: color)
        var out = style.bold("Candidate " + Terminal.escaped(check.path)) + style.dim("  \(check.bytes) bytes") + "\n"
        out += "  sha256       \(check.sha256.hex)\n"
        if let text = check.textSHA256 { out += "  text sha256  \(text.hex)\n" }
        if let reason = check.unsearchedReason { out += "  (\(reason): fingerprinted, not searched as text)\n" }
        if check.sameBytes.isEmpty && check.sameText.isEmpty {
            out += "  No registered document has these bytes or this normalised text.\n"
        }
        for document in check.sameBytes { out += "  " + style.green("Same bytes as " + Terminal.escaped(document.id)) + style.dim(" (seq \(document.seq))") + "\n" }
        for document in check.sameText {
            out += "  " + style.green("Same normalised text as " + Terminal.escaped(document.id)) + style.dim(" (seq \(document.seq)); the bytes differ (encoding, line ends or typography)") + "\n"
        }
        if !check.excerpts.isEmpty {
            let found = check.excerpts.filter { $0.verification.verdict != .notFound }.count
            out += "\n" + style.bold("Excerpts of documents known only from excerpts: \(found) of \(check.excerpts.count) found in the candidate") + "\n"
            for item in check.excerpts {
                let verdict = item.verification.verdict
                let mark = verdict == .notFound ? style.red("✗ not found") : style.green("✓ \(verdict.rawValue)")
                out += "  \(mark)  " + Terminal.escaped(item.document) + style.dim(" seq \(item.seq)") + ": “" + abbreviated(Terminal.oneLine(item.excerpt)) + "”\n"
                if let best = item.verification.matches.first { out += differences(best.differences, style: style) }
            }
        }
        return out
    }
}

/// ANSI styles, or none.
struct Style {
    let color: Bool
    func bold(_ text: String) -> String { wrap(text, "1") }
    func dim(_ text: String) -> String { wrap(text, "2") }
    func red(_ text: String) -> String { wrap(text, "31") }
    func green(_ text: String) -> String { wrap(text, "32") }
    private func wrap(_ text: String, _ code: String) -> String {
        color && !text.isEmpty ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}
