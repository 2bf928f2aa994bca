import ArgumentParser
import Foundation
import LeakLedger

extension LeakLedgerCommand {
    /// `leakledger verify TEXT`, `verify --file F`, `verify --document FILE`.
    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify",
            abstract: "Find which registered documents hold an excerpt, where, and how faithfully.",
            discussion: """
                The excerpt is graded against every registered text (or those named with --doc), \
                strongest first: exact (verbatim), normalized (differs only in quote marks, dashes, \
                white space or compatibility forms), tokens (the same words; case or punctuation \
                differ), edited (faithful but for marked elisions or [editorial] insertions), \
                approximate (at least 80% of its words align; look-alike letters and dropped \
                accents are named and cap the grade here), not_found. A grade is never stronger \
                than the texts support (spec/excerpt-verification.md).

                Documents registered from excerpts alone are searched through those excerpts; a \
                document registered with its full text is searched through its text only, never \
                through excerpts printed elsewhere. Texts registered with --hash-only are not kept \
                and so cannot be searched; --document still matches their fingerprints.

                Readings of corners the spec leaves open (never the stronger grade): a match starts \
                and ends at word boundaries at every grade, and may end at punctuation such as ")" \
                before ","; in scripts written without spaces (Han, kana, Thai, Lao, Khmer, \
                Myanmar) each letter is a word; letters bracketed inside a word ([T]he) stand for \
                the same letters in any case, never others; [sic] stands for nothing; other \
                brackets stand for up to their own words + 3 document words; a word that differs \
                by a look-alike letter and an accent is named twice and is no edit; counts are of \
                places that do not overlap.

                With --document FILE, the file is checked as a candidate full text: does its \
                SHA-256 or its normalised-text hash match a registered document, and which excerpts \
                of documents known only from excerpts does it contain, at which grade.

                Exit status: 0 when something was found, 1 when nothing was.
                """
        )

        @Argument(help: ArgumentHelp("The excerpt as printed; - reads it from standard input.", valueName: "text"))
        var text: String?

        @Option(name: .long, help: ArgumentHelp("Read the excerpt from a file.", valueName: "file"))
        var file: String?

        @Option(name: .long, help: ArgumentHelp("Check a candidate full text against the registered fingerprints and excerpts.", valueName: "file"))
        var document: String?

        @Option(name: .customLong("doc"), help: ArgumentHelp("Search only this document (repeatable).", valueName: "id"))
        var documents: [String] = []

        @Flag(name: .long, help: "Record the result in the ledger as an excerpt.verified entry (needs the private key).")
        var record = false

        @Option(name: .long, help: ArgumentHelp("Show at most this many matching documents, the best first.", valueName: "n"))
        var maxMatches: Int = ExcerptSearch.defaultMaxMatches

        @OptionGroup var location: LedgerOptions
        @OptionGroup var writer: WriterOptions
        @OptionGroup var output: OutputOptions

        @Flag(inversion: .prefixedNo, help: "Colour the differences (default: when printing to a terminal and $NO_COLOR is unset).")
        var color: Bool = Output.prefersColor

        func validate() throws {
            let sources = [text != nil, file != nil, document != nil].filter { $0 }.count
            guard sources == 1 else {
                throw ValidationError("give exactly one of: the excerpt TEXT (or - for standard input), --file F, --document FILE")
            }
            guard maxMatches >= 1 else { throw ValidationError("--max-matches needs a count, 1 or more") }
            if document != nil, record || !documents.isEmpty {
                throw ValidationError("--document checks a whole candidate text; it takes neither --record nor --doc")
            }
        }

        func run() throws {
            if let document { return try checkCandidate(document) }
            let excerpt = try readExcerpt()
            guard !excerpt.allSatisfy(\.isWhitespace) else {
                throw LedgerError.usage("the excerpt is empty: pass its text as printed")
            }
            // Open for writing first when recording, so that a missing key fails before any work.
            let ledger = record ? try writer.openForWriting(location) : try location.openForReading()
            let search = ExcerptSearch(ledger: ledger)
            let found = try search.verify(excerpt, documents: documents.isEmpty ? nil : documents, maxMatches: maxMatches)
            let result = found.verification
            var recorded: Entry?
            if record, !found.damaged.isEmpty {
                if output.json { Output.json(VerifyJSON.object(found)) } else { print(VerifyReport(search: search, found: found, color: color).rendered, terminator: "") }
                throw LedgerError.tampered("a stored text met by the search is damaged (\(found.damaged[0].document): \(found.damaged[0].reason)); nothing was recorded: run leakledger check")
            }
            if record {
                recorded = try ledger.append(
                    [EntryDraft(type: .excerptVerified, body: VerifyJSON.body(result, excerpt: excerpt))],
                    actor: writer.resolvedActor
                ).first
            }
            if output.json {
                var json = VerifyJSON.object(found)
                if let recorded, case .object(var members) = json {
                    members["recorded_seq"] = .int(recorded.seq)
                    json = .object(members)
                }
                Output.json(json)
            } else {
                print(VerifyReport(search: search, found: found, color: color).rendered, terminator: "")
                if let recorded { Output.text("Recorded as seq \(recorded.seq).") }
            }
            if result.verdict == .notFound || !found.damaged.isEmpty { throw ExitCode(1) }
        }

        /// The excerpt from TEXT, --file F or standard input, refused past
        /// ``ExcerptVerifier/maxExcerptBytes`` before any work (a file or standard input is read
        /// no further than one byte past it; a FIFO or a device is refused unread).
        private func readExcerpt() throws(LedgerError) -> String {
            guard file != nil || text == "-" else {
                try Ledger.validate(excerpt: text ?? "")
                return text ?? ""
            }
            let source = file ?? "-"
            let limit = ExcerptVerifier.maxExcerptBytes
            do {
                return Self.decode(Data(try InputFile.contents(of: source, limit: limit)))
            } catch where error.isTooLarge {
                let name = source == "-" ? "standard input" : source
                throw LedgerError.malformed("the excerpt in \(name) has more than \(limit) bytes, the most an excerpt may have (about 10,000 words): give a shorter passage, or check a whole text with verify --document FILE")
            } catch {
                throw LedgerError(error)
            }
        }

        private static func decode(_ data: Data) -> String {
            if case .text(let text) = TextDocument.decode(bytes: Array(data)) { return text }
            return String(decoding: data, as: UTF8.self)
        }

        private func checkCandidate(_ path: String) throws {
            let ledger = try location.openForReading()
            let search = ExcerptSearch(ledger: ledger)
            let report = try search.checkCandidate(fileAt: path)
            if output.json {
                Output.json(VerifyJSON.object(report))
            } else {
                print(VerifyReport.rendered(report, color: color), terminator: "")
            }
            if !report.found { throw ExitCode(1) }
        }
    }

    /// `leakledger reindex`.
    struct Reindex: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reindex",
            abstract: "Rebuild the search index from the log and objects.",
            discussion: """
                The index (index.sqlite in the ledger folder, or under the user's cache folder for a \
                ledger that is not writable) is derived data: it is kept up to date on every append \
                and rebuilt on first use, so this is only needed after deleting or damaging it.
                """
        )

        @OptionGroup var location: LedgerOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let ledger = try location.openForReading()
            let search = ExcerptSearch(ledger: ledger)
            try search.rebuild()
            let size = try ledger.size()
            let path = try search.indexPath()
            let documents = try ledger.documentCount()
            if output.json {
                Output.json(["index": .string(path), "documents": .int(documents), "size": .int(size)])
            } else {
                Output.text("Indexed \(documents) documents (\(size) entries) in \(path).")
            }
        }
    }
}
