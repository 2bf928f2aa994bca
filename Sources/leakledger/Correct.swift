import ArgumentParser
import Foundation
import LeakLedger

extension LeakLedgerCommand {
    /// `leakledger correct SEQ --reason R [replacement options]`.
    struct Correct: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "correct",
            abstract: "Correct an earlier entry by appending a correction.",
            discussion: """
                Nothing is ever edited: an entry.corrected entry names SEQ, gives the reason and, \
                when a member option is given, a replacement body: the entry as it stands with \
                those members changed (--unset removes one), checked like a new entry. Without \
                member options the correction withdraws the entry. The last correction of an \
                entry holds; `show` and `log` show corrections beside what they correct.
                Statuses can change party, document, status, statement, reported-by, at; links \
                from, relation, to, note; excerpts document, text, cited-by; documents title, \
                source, publisher, published, marking.
                """
        )

        @Argument(help: ArgumentHelp("The seq of the entry to correct.", valueName: "seq"))
        var seq: Int

        @Option(name: .long, help: ArgumentHelp("Why the entry is corrected.", valueName: "text"))
        var reason: String

        @Option(name: .long, help: ArgumentHelp("Replacement party (status).", valueName: "name"))
        var party: String?
        @Option(name: .long, help: ArgumentHelp("Replacement document id (status, excerpt).", valueName: "id"))
        var document: String?
        @Option(name: .long, help: ArgumentHelp("Replacement status (status).", valueName: "status"))
        var status: String?
        @Option(name: .long, help: ArgumentHelp("Replacement statement, verbatim (status).", valueName: "text"))
        var statement: String?
        @Option(name: .long, help: ArgumentHelp("Replacement reporter (status).", valueName: "source"))
        var reportedBy: String?
        @Option(name: .long, help: ArgumentHelp("Replacement date said (status).", valueName: "date"))
        var at: String?
        @Option(name: .long, help: ArgumentHelp("Replacement FROM (link).", valueName: "id"))
        var from: String?
        @Option(name: .long, help: ArgumentHelp("Replacement relation (link).", valueName: "relation"))
        var relation: String?
        @Option(name: .long, help: ArgumentHelp("Replacement TO (link).", valueName: "id"))
        var to: String?
        @Option(name: .long, help: ArgumentHelp("Replacement note (link).", valueName: "text"))
        var note: String?
        @Option(name: .long, help: ArgumentHelp("Replacement text as printed (excerpt).", valueName: "text"))
        var text: String?
        @Option(name: .long, help: ArgumentHelp("Replacement printer (excerpt).", valueName: "id"))
        var citedBy: String?
        @Option(name: .long, help: ArgumentHelp("Replacement title (document).", valueName: "title"))
        var title: String?
        @Option(name: .long, help: ArgumentHelp("Replacement source (document).", valueName: "source"))
        var source: String?
        @Option(name: .long, help: ArgumentHelp("Replacement publisher (document).", valueName: "publisher"))
        var publisher: String?
        @Option(name: .long, help: ArgumentHelp("Replacement publication date (document).", valueName: "date"))
        var published: String?
        @Option(name: .long, help: ArgumentHelp("Replacement marking (document).", valueName: "marking"))
        var marking: String?

        @Option(name: .long, help: ArgumentHelp("Remove this member from the replacement, e.g. statement or at (repeatable).", valueName: "member"))
        var unset: [String] = []

        @Flag(name: .long, help: "Accept a name spelled close to a known name as a new, different name.")
        var asNew = false

        @OptionGroup var location: LedgerOptions
        @OptionGroup var writer: WriterOptions
        @OptionGroup var output: OutputOptions

        /// The member options given, by body member name.
        var changes: [String: String] {
            let all: [String: String?] = [
                "party": party, "document": document, "status": status, "statement": statement,
                "reported_by": reportedBy, "at": at, "from": from, "relation": relation, "to": to, "note": note,
                "text": text, "cited_by": citedBy, "title": title, "source": source, "publisher": publisher,
                "published": published, "marking": marking,
            ]
            return all.compactMapValues { $0 }
        }

        func run() throws {
            let removing = Set(unset.map { $0.replacingOccurrences(of: "-", with: "_") })
            let (entry, draft) = try ProvenanceCommand.append(location: location, writer: writer, about: Array(changes.values), including: [seq]) { provenance throws(LedgerError) in
                try provenance.correctionDraft(corrects: seq, reason: reason, changes: changes, removing: removing,
                                               acceptNewSpellings: asNew)
            }
            if output.json {
                var members = draft.body.object ?? [:]
                members["seq"] = .int(entry.seq)
                Output.json(.object(members))
            } else if draft.body["replacement"] == nil {
                Output.text("Recorded: entry \(seq) withdrawn (correction seq \(entry.seq)).")
            } else {
                Output.text("Recorded: entry \(seq) corrected (correction seq \(entry.seq)).")
            }
        }
    }
}
