import ArgumentParser
import LeakLedger

extension LeakLedgerCommand {
    /// `leakledger status PARTY DOC STATUS [--statement S] [--reported-by R] [--at DATE] [--as-new]`.
    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "status",
            abstract: "Record what a party said about a document.",
            discussion: """
                Statuses are never overwritten: a later status is a new entry, and `show DOC` lists \
                the whole history. Parties and reporters are names the ledger knows: the first use \
                records a name, and a spelling close to a known one ("El Pais" after "El País", \
                other case, spacing or one letter) is refused with the known spelling named, unless \
                --as-new says it is a different name.

                STATUS is one of:
                \(PartyStatus.helpText)
                """
        )

        @Argument(help: ArgumentHelp("Who said it, e.g. \"NATO\".", valueName: "party"))
        var party: String

        @Argument(help: ArgumentHelp("The id of the registered document or statement it is about.", valueName: "doc"))
        var document: String

        @Argument(help: ArgumentHelp("What they said, from the status vocabulary below.", valueName: "status"))
        var status: String

        @Option(name: .long, help: ArgumentHelp("Their words, verbatim.", valueName: "text"))
        var statement: String?

        @Option(name: .long, help: ArgumentHelp("Who reported it: a source name, or the id of a registered document or statement.", valueName: "source"))
        var reportedBy: String?

        @Option(name: .long, help: ArgumentHelp("When it was said (not when it is recorded): YYYY-MM-DD or an RFC 3339 time.", valueName: "date"))
        var at: String?

        @Flag(name: .long, help: "Accept a party or reporter spelled close to a known name as a new, different name.")
        var asNew = false

        @OptionGroup var location: LedgerOptions
        @OptionGroup var writer: WriterOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            _ = try PartyStatus.parse(status)
            if let at { _ = try ReportedTime(at) }
            let (entry, draft) = try ProvenanceCommand.append(location: location, writer: writer, about: [document, reportedBy].compactMap { $0 }) { provenance throws(LedgerError) in
                try provenance.statusDraft(party: party, document: document, status: status, statement: statement,
                                           reportedBy: reportedBy, at: at, acceptNewSpellings: asNew)
            }
            if output.json {
                var members = draft.body.object ?? [:]
                members["seq"] = .int(entry.seq)
                members["new_names"] = ProvenanceCommand.newNamesJSON(draft)
                members["warnings"] = .array(draft.warnings.map(JSONValue.string))
                Output.json(.object(members))
            } else {
                let body = draft.body
                Output.text("Recorded: \(body["party"]?.string ?? party) \(status) on \(document) (seq \(entry.seq)).")
                if let line = ProvenanceCommand.newNamesLine(draft) { Output.text(line) }
            }
        }
    }
}
