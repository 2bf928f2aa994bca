import ArgumentParser
import Extraction
import Foundation
import LeakLedger
import MailAuth

extension LeakLedgerCommand {
    /// `leakledger register FILE...` and `leakledger register --excerpts-only`.
    struct Register: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "register",
            abstract: "Fingerprint files and register them in the ledger.",
            discussion: """
                All files are registered in one commit, or none is. Each file is hashed (SHA-256) \
                and copied to objects/ in one read; --hash-only keeps no copy. The id defaults to \
                the file name without its last extension. With --excerpts-only, registers a \
                document known only from excerpts printed elsewhere (no file).
                """
        )

        @Argument(help: ArgumentHelp("The files to register; - reads standard input (with --recursive: folders).", valueName: "file"))
        var files: [String] = []

        @Flag(name: .long, help: "Register every file under the named folders (ids from the path; hidden files and links skipped); commits in batches, and a rerun skips what is registered.")
        var recursive = false

        @Option(name: .long, help: ArgumentHelp("With --recursive: files read at once (default: the number of cores).", valueName: "n"))
        var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

        @Option(name: .long, help: ArgumentHelp("The document id (only with one file).", valueName: "id"))
        var id: String?

        @Option(name: .long, help: ArgumentHelp("A title for the document.", valueName: "title"))
        var title: String?

        @Option(name: .long, help: ArgumentHelp("The channel it came through, e.g. \"published on elpais.com\" (never a confidential source's identity).", valueName: "source"))
        var source: String?

        @Option(name: .long, help: ArgumentHelp("Who published it, e.g. \"El País\".", valueName: "publisher"))
        var publisher: String?

        @Option(name: .long, help: ArgumentHelp("When it was published: YYYY-MM-DD or an RFC 3339 time.", valueName: "date"))
        var published: String?

        @Option(name: .long, help: ArgumentHelp("Its classification or handling marking as shown on it.", valueName: "marking"))
        var marking: String?

        @Option(name: .long, help: ArgumentHelp("What it is: document, or statement (a briefing, report or story about documents).", valueName: "kind"))
        var kind: String = DocumentKind.document.rawValue

        @Flag(name: .long, help: "Record the fingerprints only; keep no copy in objects/.")
        var hashOnly = false

        @Option(name: .long, help: ArgumentHelp("OCR of scans and images: auto (pages without a text layer), always, never.", valueName: "mode"))
        var ocr: String = "auto"

        @Option(name: .long, help: ArgumentHelp("OCR languages as Tesseract names them, joined with +, e.g. eng+spa.", valueName: "languages"))
        var lang: String = "eng"

        @Flag(name: .long, help: "Record commitments in place of the fingerprints, so that the published log does not show which documents are held (reveal them later with leakledger reveal).")
        var blind = false

        @Flag(name: .long, help: "With --blind: withhold the title too.")
        var withholdTitle = false

        @Flag(name: .long, help: "With --blind: withhold the size too (and so the quote commitment).")
        var withholdSize = false

        @Option(name: .long, help: ArgumentHelp("Verify the e-mail's DKIM signatures against these key records and record the verdicts, and the key records as documents, in the same commit.", valueName: "keys"))
        var dkimKeys: String?

        @Option(name: .long, help: ArgumentHelp("With --dkim-keys: where the key records came from, e.g. \"archive of DNS records, 2016-10-07\" (default: the key file and line).", valueName: "source"))
        var keysSource: String?

        @Flag(name: .long, help: "Register a document known only from printed excerpts (needs --id and --title, no files).")
        var excerptsOnly = false

        @Option(name: .customLong("excerpt"), help: ArgumentHelp("An excerpt as printed, recorded in the same commit (with --excerpts-only; repeatable).", valueName: "text"))
        var excerpts: [String] = []

        @Option(name: .long, help: ArgumentHelp("The registered document or statement that printed the excerpts.", valueName: "id"))
        var citedBy: String?

        @OptionGroup var location: LedgerOptions
        @OptionGroup var writer: WriterOptions
        @OptionGroup var output: OutputOptions

        /// How texts are derived from PDFs, scans, Office files, web pages and e-mail.
        var extraction: ExtractionOptions {
            ExtractionOptions(ocr: ExtractionOptions.OCRMode(rawValue: ocr) ?? .auto, languages: lang)
        }

        func validate() throws {
            guard ExtractionOptions.OCRMode(rawValue: ocr) != nil else {
                throw ValidationError("--ocr must be one of: \(ExtractionOptions.OCRMode.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            if let problem = ExtractionOptions.problem(inLanguages: lang) { throw ValidationError("--lang: \(problem)") }
            guard jobs >= 1 else { throw ValidationError("--jobs needs a count, 1 or more") }
            if recursive {
                guard !files.isEmpty else { throw ValidationError("--recursive needs at least one folder") }
                guard id == nil, !excerptsOnly, !files.contains("-") else { throw ValidationError("--recursive takes folders; it takes neither --id, --excerpts-only nor -") }
            }
            guard DocumentKind(rawValue: kind) != nil else {
                throw ValidationError("--kind must be one of: \(DocumentKind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            if let published {
                do { _ = try LedgerDate.validate(published, option: "--published") } catch { throw ValidationError(error.message) }
            }
            if excerptsOnly {
                guard files.isEmpty else { throw ValidationError("--excerpts-only registers no file: drop the file names") }
                guard id != nil else { throw ValidationError("--excerpts-only needs --id ID") }
                guard title?.isEmpty == false else { throw ValidationError("--excerpts-only needs --title TITLE") }
                guard !hashOnly else { throw ValidationError("--hash-only applies to files, not to --excerpts-only") }
                if excerpts.contains(where: \.isEmpty) { throw ValidationError("--excerpt needs the excerpt's text") }
            } else {
                guard !files.isEmpty else { throw ValidationError("name the files to register (- for standard input), or use --excerpts-only") }
                guard id == nil || files.count == 1 else { throw ValidationError("--id applies to one file; register the files one by one to give each an id") }
                guard excerpts.isEmpty, citedBy == nil else { throw ValidationError("--excerpt and --cited-by go with --excerpts-only; use leakledger excerpt add for documents with files") }
            }
            if let id {
                do { try Ledger.validate(documentID: id) } catch { throw ValidationError(error.message) }
            }
            if (withholdTitle || withholdSize) && !blind { throw ValidationError("--withhold-title and --withhold-size go with --blind") }
            if blind && excerptsOnly { throw ValidationError("--blind registers files; a document known from excerpts has no fingerprint to hide") }
            if dkimKeys != nil {
                guard !excerptsOnly, !recursive else { throw ValidationError("--dkim-keys goes with the e-mail files to register, not with --excerpts-only or --recursive") }
                guard !blind else { throw ValidationError("--dkim-keys records the signing domains and key records in the open; it cannot go with --blind") }
            }
            if keysSource != nil && dkimKeys == nil { throw ValidationError("--keys-source goes with --dkim-keys") }
        }

        /// What --blind withholds, or nil.
        var blindOptions: BlindOptions? {
            blind ? BlindOptions(withholdTitle: withholdTitle, withholdSize: withholdSize) : nil
        }

        func run() throws {
            let ledger = try writer.openForWriting(location)
            let metadata = DocumentMetadata(id: id, kind: DocumentKind(rawValue: kind)!, title: title, source: source,
                                            publisher: publisher, published: published, marking: marking)
            if excerptsOnly {
                let entries = try ledger.registerExcerptsOnly(metadata, excerpts: excerpts, citedBy: citedBy, actor: writer.resolvedActor)
                let excerptSeqs = entries.dropFirst().map(\.seq)
                if output.json {
                    Output.json(.object(["id": .string(id!), "seq": .int(entries[0].seq), "excerpts": .array(excerptSeqs.map(JSONValue.int))]))
                } else {
                    // The excerpts of one commit are consecutive: print the range.
                    let list = excerptSeqs.count == 1 ? "\(excerptSeqs[0])" : "\(excerptSeqs.first ?? 0)–\(excerptSeqs.last ?? 0)"
                    let plural = excerptSeqs.count == 1 ? "" : "s"
                    let tail = excerptSeqs.isEmpty ? "." : ", with \(excerptSeqs.count) excerpt\(plural) (seq \(list))."
                    Output.text("Registered \(id!) (seq \(entries[0].seq)) from excerpts only" + tail)
                }
                return
            }
            if recursive { return try importTrees(ledger, metadata: metadata) }
            var mail: MailAuthentication?
            if let dkimKeys {
                do { mail = MailAuthentication(keys: try DKIMKeyRing.load(path: dkimKeys), keysSource: keysSource) } catch { throw LedgerError(error) }
            }
            let registrations = try ledger.register(files: files.map { ($0, metadata) }, hashOnly: hashOnly, blind: blindOptions,
                                                    mail: mail, extraction: extraction, actor: writer.resolvedActor)
            for registration in registrations {
                if output.json {
                    Output.json(registration.json)
                } else if !registration.withheld.isEmpty {
                    Output.text("Registered \(registration.id) (seq \(registration.seq)) blind: \(registration.withheld.joined(separator: ", ")) withheld behind commitments.")
                } else {
                    var line = "Registered \(registration.id) (seq \(registration.seq)): sha256 \(registration.sha256 ?? "-"), \(registration.bytes ?? 0) bytes"
                    if let text = registration.textSHA256 { line += ", text_sha256 \(text)" }
                    if let words = registration.quoteWords { line += ", quote commitment over \(words) words" }
                    Output.text(line + ".")
                    let body = registration.entry.body
                    if let extractor = body["extractor"]?.string {
                        var detail = "  text from \(extractor)"
                        if let pages = body["pages"]?.int { detail += ", \(pages) page\(pages == 1 ? "" : "s")" }
                        if body["ocr"]?.bool == true {
                            detail += ", OCR" + (body["ocr_confidence"]?.double.map { String(format: " (mean word confidence %.0f)", $0) } ?? "")
                        }
                        if let deleted = body["deleted_changes"]?.int { detail += ", \(deleted) tracked deletion\(deleted == 1 ? "" : "s") left out" }
                        Output.text(detail + ".")
                    }
                    if let reason = registration.unsearched {
                        Output.text("  Not searchable: \(reason). It is registered by its fingerprint; verify lists it as not searched.")
                    }
                }
            }
            if mail != nil, !output.json {
                Output.text("DKIM verdicts recorded (email.authenticated); see leakledger show \(registrations.first?.id ?? "DOC").")
            }
        }
    }
}

extension LeakLedgerCommand.Register {
    /// `register --recursive`: the import, with a progress bar on a terminal and a summary.
    private func importTrees(_ ledger: Ledger, metadata: DocumentMetadata) throws {
        var bar: ProgressBar?
        if ProgressBar.isWanted {
            let totals = Ledger.importTotals(files)
            bar = ProgressBar(totalFiles: totals.files, totalBytes: totals.bytes)
        }
        let options = ImportOptions(metadata: metadata, hashOnly: hashOnly, blind: blindOptions, jobs: jobs, extraction: extraction)
        let summary = try ledger.importTrees(files, options: options, actor: writer.resolvedActor) { bar?.update($0) }
        bar?.finish(summary.progress)
        if output.json {
            Output.json(summary.json)
            return
        }
        let p = summary.progress
        Output.text("Registered \(p.registered) file\(p.registered == 1 ? "" : "s") (\(ProgressBar.bytes(p.bytes)) read) in \(p.batches) commit\(p.batches == 1 ? "" : "s").")
        let skipped = [(p.alreadyRegistered, "already registered"), (summary.hidden, "hidden"), (summary.links, "symbolic links"),
                       (summary.special, "special files")].filter { $0.0 > 0 }
        if !skipped.isEmpty { Output.text("Skipped: " + skipped.map { "\($0.0) \($0.1)" }.joined(separator: ", ") + ".") }
        if summary.failedCount > 0 {
            Output.text("Could not read \(summary.failedCount) file\(summary.failedCount == 1 ? "" : "s"):")
            for (path, reason) in summary.failed.prefix(20) { Output.text("  \(Terminal.oneLine(path)): \(Terminal.oneLine(reason))") }
        }
    }
}
