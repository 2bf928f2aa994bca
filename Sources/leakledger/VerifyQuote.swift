import ArgumentParser
import Commitments
import Foundation
import LeakLedger
import QuoteProof

extension LeakLedgerCommand {
    /// `leakledger verify-quote FILE --key VKEY [--quote TEXT | --quote-file F] [--json]`.
    struct VerifyQuote: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify-quote",
            abstract: "Verify a quote proof offline, with the ledger's public key.",
            discussion: """
                Needs no ledger folder. Checks the receipt of the document's registration, the \
                entry's quote commitment, the positions and the range walk of the revealed words \
                (spec/quote-proof.md), then prints the document and the revealed words with their \
                positions. With --quote, grades the printed quote against the revealed words. \
                Exits 0 when the proof verifies (and the quote is found), 1 when a check fails \
                (the check is named) or the quote is not in the revealed words.
                """
        )

        @Argument(help: ArgumentHelp("The proof file (- for standard input).", valueName: "file"))
        var file: String

        @Option(name: .long, help: ArgumentHelp("The ledger's verifier key (name+keyid+key), or a file holding it (ledger.json works); repeat for several.", valueName: "vkey"))
        var key: [String] = []

        @Option(name: .long, help: ArgumentHelp("The quote as printed, to grade against the revealed words.", valueName: "text"))
        var quote: String?

        @Option(name: .long, help: ArgumentHelp("Read the printed quote from a file.", valueName: "file"))
        var quoteFile: String?

        @OptionGroup var output: OutputOptions

        func validate() throws {
            guard !key.isEmpty else { throw ValidationError("verify-quote needs --key VKEY: the ledger's verifier key, or its ledger.json") }
            guard quote == nil || quoteFile == nil else { throw ValidationError("give the quote with --quote or --quote-file, not both") }
        }

        func run() throws {
            var keys: [TrustedKey] = []
            for value in key { keys += try ProofSupport.trustedKeys(value, option: "--key") }
            let printed = try quoteFile.map { try ProofSupport.readText($0) } ?? quote
            let bytes = try Self.readProof(file)
            let verified: VerifiedQuote
            do {
                verified = try QuoteProofFile(bytes: bytes).verify(trusting: keys)
            } catch {
                throw LedgerError.tampered("the quote proof fails its \(error.failedCheck?.rawValue ?? "format") check: \(error.message)")
            }
            if let fork = try ClientMemory.standard().contradiction(with: verified.checkpoint) {
                throw LedgerError.tampered(fork)
            }
            let grade = printed.map { verified.grade($0) }
            if output.json {
                Output.json(QuoteReport.json(verified, quote: printed, grade: grade))
            } else {
                print(QuoteReport.text(verified, quote: printed, grade: grade, color: Output.prefersColor), terminator: "")
            }
            if printed != nil, grade ?? nil == nil { throw ExitCode(1) }
        }

        /// The proof's bytes (at most ``QuoteProofFile/maximumSize``), from a file or standard input.
        static func readProof(_ path: String) throws(LedgerError) -> [UInt8] {
            let data: Data?
            if path == "-" {
                data = try? FileHandle.standardInput.read(upToCount: QuoteProofFile.maximumSize + 1)
            } else {
                guard FileManager.default.fileExists(atPath: path) else { throw LedgerError.missing("\(path) does not exist") }
                let handle = FileHandle(forReadingAtPath: path)
                data = try? handle?.read(upToCount: QuoteProofFile.maximumSize + 1)
                try? handle?.close()
            }
            guard let data else { throw LedgerError(.io, "cannot read \(path)") }
            return Array(data)
        }
    }
}

/// What `verify-quote` prints.
enum QuoteReport {
    /// The JSON: `verified`, `origin`, `size`, `root`, `document` (`id`, `seq`, `title`,
    /// `sha256`, `text_sha256`, `registered`), `quote_words`, `ranges[]` of `first`, `end`,
    /// `text`, `words[]` of `position`, `text`; with a quote, `quote` (`text`, `verdict`, and
    /// the match's `score`, `text`, `differences[]`).
    static func json(_ verified: VerifiedQuote, quote: String?, grade: ExcerptMatch??) -> JSONValue {
        var members: [String: JSONValue?] = [
            "verified": .bool(true), "origin": .string(verified.checkpoint.origin), "size": .int(verified.checkpoint.size),
            "root": .string(verified.checkpoint.root.hex), "quote_words": .int(verified.commitment.wordCount),
            "document": .object(dropping: [
                "id": .string(verified.document), "seq": .int(verified.entry.seq), "title": verified.title.map(JSONValue.string),
                "sha256": verified.sha256.map(JSONValue.string), "text_sha256": verified.textSHA256.map(JSONValue.string),
                "registered": .string(verified.registered),
            ]),
            "ranges": .array(verified.ranges.map { range in
                .object(["first": .int(range.first), "end": .int(range.first + range.words.count), "text": .string(range.text),
                         "words": .array(range.words.enumerated().map { .object(["position": .int(range.first + $0.offset), "text": .string($0.element.text)]) })])
            }),
        ]
        if let quote, let grade {
            var found: [String: JSONValue] = ["text": .string(quote), "verdict": .string(grade?.verdict.rawValue ?? Verdict.notFound.rawValue)]
            if let grade, case .object(let match) = VerifyJSON.match(grade) {
                for key in ["score", "text", "differences"] { found[key] = match[key] }
            }
            members["quote"] = .object(found)
        }
        return .object(dropping: members)
    }

    /// The report for a person: the proof, the document, the revealed words, the grade.
    static func text(_ verified: VerifiedQuote, quote: String?, grade: ExcerptMatch??, color: Bool) -> String {
        let style = Style(color: color)
        let count = verified.ranges.reduce(0) { $0 + $1.words.count }
        var out = style.bold("Verified: \(count) word\(count == 1 ? "" : "s") of \(verified.document) stand at the positions shown in its registered text.") + "\n"
        out += style.dim("Entry \(verified.entry.seq) is in \(verified.checkpoint.origin) at tree size \(verified.checkpoint.size), root \(verified.checkpoint.root.hex).") + "\n\n"
        out += "Document     \(verified.document)" + (verified.title.map { "  “\(Terminal.oneLine($0))”" } ?? "") + "\n"
        out += "Registered   \(verified.registered)" + style.dim("  (the keeper's clock; the log proves order, not time)") + "\n"
        out += "sha256       \(verified.sha256 ?? "withheld (blind registration)")\n"
        out += "text sha256  \(verified.textSHA256 ?? "withheld (blind registration)")\n"
        out += "Words        \(verified.commitment.wordCount) in its text (L2 form: quote marks straight, dashes -, white space single)\n"
        for (k, range) in verified.ranges.enumerated() {
            if k > 0 {
                let hidden = verified.hiddenWords(after: k - 1)
                out += style.dim("  ⟨\(hidden) hidden word\(hidden == 1 ? "" : "s")⟩") + "\n"
            }
            out += "\n" + style.bold("Words \(range.first)–\(range.first + range.words.count - 1):") + " “" + Terminal.oneLine(range.text) + "”\n"
            for (j, word) in range.words.enumerated() {
                out += style.dim(String(format: "%8d  ", range.first + j)) + Terminal.visible(word.text) + "\n"
            }
        }
        if let quote, let grade {
            out += "\n"
            guard let match = grade else {
                return out + style.bold("The quote is not in the revealed words (not_found):") + " “" + Terminal.oneLine(quote) + "”\n"
            }
            out += style.bold("The quote, against the revealed words: \(VerifyReport.grade(match)) (\(VerifyReport.kinds(match))).") + "\n"
            out += VerifyReport.differences(match.differences, style: style)
        }
        return out
    }
}
