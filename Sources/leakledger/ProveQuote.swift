import ArgumentParser
import Commitments
import LeakLedger
import QuoteProof

extension LeakLedgerCommand {
    /// `leakledger prove-quote DOC TEXT [--out F] [--file F]`.
    struct ProveQuote: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "prove-quote",
            abstract: "Prove that a quote stands in a registered document, revealing only its words.",
            discussion: """
                Finds the quote in the document's registered text (the verify grades) and writes a \
                quote proof (spec/quote-proof.md): the words of the matched stretch, their salts, the \
                hashes of the rest of the text and the receipt of the registration. Anyone checks it \
                offline with leakledger verify-quote. An edited quote reveals each part's stretch and \
                nothing between them. Needs the keeper's secrets (beside the private key). Exits 1, \
                writing nothing, when the quote is not in the document.
                """
        )

        @Argument(help: ArgumentHelp("The id of the document the quote is from.", valueName: "doc"))
        var document: String

        @Argument(help: ArgumentHelp("The quote as printed.", valueName: "text"))
        var quote: String

        @Option(name: .long, help: ArgumentHelp("Write the proof to this file instead of standard output.", valueName: "file"))
        var out: String?

        @Option(name: .long, help: ArgumentHelp("The document's own file, for one registered with --hash-only (checked against its fingerprint).", valueName: "file"))
        var file: String?

        @OptionGroup var location: LedgerOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            try Ledger.validate(excerpt: quote)
            let ledger = try location.openForReading()
            let registration = try ledger.requireDocument(id: document)
            let commitment: QuoteCommitment?
            do { commitment = try QuoteCommitment(body: registration.body) } catch { throw LedgerError.malformed(error.message) }
            guard commitment != nil else {
                throw LedgerError.missing("\(document) has no quote commitment: it was registered before quote commitments existed, without text, or blind with its size withheld; no quote from it can be proven")
            }
            guard let secret = try ledger.requireSecrets(for: document).quote else {
                throw LedgerError(.noKey, "the keeper's secrets hold no quote secret for \(document); restore them from the backup of the keys folder (leakledger key import)")
            }
            let text = try ledger.registeredText(of: registration, file: file)
            let receipt = try ledger.receipt(seq: registration.seq)
            let proved: (file: QuoteProofFile, match: ExcerptMatch)?
            do { proved = try QuoteProofFile.prove(quote: quote, l1Text: text, receipt: receipt, secret: secret) } catch {
                throw LedgerError.tampered("the proof does not match \(document)'s commitment (\(error.message)): its text or the kept secret is not the one registered")
            }
            guard let (proof, match) = proved else {
                if output.json {
                    Output.json(.object(["document": .string(document), "verdict": .string(Verdict.notFound.rawValue)]))
                } else {
                    Output.standardError("The quote is not in \(document) (not_found); no proof written.")
                }
                throw ExitCode(1)
            }
            let ranges = proof.proof.ranges.map { (first: $0.first, end: $0.first + $0.words.count) }
            if let out { try ProofSupport.writeFile(proof.text, to: out) }
            if output.json {
                Output.json(.object(dropping: [
                    "document": .string(document), "seq": .int(registration.seq), "verdict": .string(match.verdict.rawValue),
                    "ranges": .array(ranges.map { .object(["first": .int($0.first), "end": .int($0.end)]) }),
                    "file": out.map(JSONValue.string), "proof": out == nil ? proof.json : nil,
                ]))
                return
            }
            let words = ranges.map { "\($0.first)–\($0.end - 1)" }.joined(separator: ", ")
            let summary = "Proved the quote (\(match.verdict.rawValue)) in \(document): words \(words) revealed, nothing else of its text."
            if let out {
                Output.text(summary + " Proof: \(out); check it with leakledger verify-quote \(out) --key VKEY.")
            } else {
                Output.document(proof.text)
                Output.standardError(summary)
            }
        }
    }

    /// `leakledger reveal DOC [--member M]...`.
    struct Reveal: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Reveal what a blind registration withheld.",
            discussion: """
                Appends a document.revealed entry with the withheld values (every one still \
                withheld, or those named with --member) and the keys that open their commitments, \
                from the keeper's secrets. Other members stay blind. leakledger check verifies \
                every opening.
                """
        )

        @Argument(help: ArgumentHelp("The id of a document registered with --blind.", valueName: "doc"))
        var document: String

        @Option(name: .customLong("member"), help: ArgumentHelp("A withheld member to reveal: sha256, text_sha256, bytes or title (repeatable; default: all).", valueName: "member"))
        var members: [String] = []

        @OptionGroup var location: LedgerOptions
        @OptionGroup var writer: WriterOptions
        @OptionGroup var output: OutputOptions

        func validate() throws {
            for member in members where !BlindOptions.withholdable.contains(member) {
                throw ValidationError("--member must be one of: \(BlindOptions.withholdable.joined(separator: ", "))")
            }
        }

        func run() throws {
            let ledger = try writer.openForWriting(location)
            let entry = try ledger.reveal(document: document, members: members.isEmpty ? nil : members, actor: writer.resolvedActor)
            let opened = (entry.body["blind_keys"]?.object ?? [:]).keys.sorted()
            if output.json {
                var members = entry.body.object ?? [:]
                members["seq"] = .int(entry.seq)
                Output.json(.object(members))
                return
            }
            Output.text("Revealed \(document) (seq \(entry.seq)):")
            for name in opened {
                Output.text("  \(name)  " + (entry.body[name].flatMap { $0.string ?? $0.int.map(String.init) } ?? "?"))
            }
        }
    }
}
