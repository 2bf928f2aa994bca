import ArgumentParser
import LeakLedger

extension LeakLedgerCommand {
    /// `leakledger link FROM RELATION TO [--note N]`.
    struct Link: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "link",
            abstract: "Record a cross-reference between documents.",
            discussion: """
                Reads as a sentence: FROM RELATION TO ("wire-story quotes us-response"). Both ends \
                must be registered documents or statements (register --kind statement for a \
                briefing, report or story); a publisher or a person is not an end: say it in --note.

                RELATION is one of:
                \(Relation.helpText)
                """
        )

        @Argument(help: ArgumentHelp("The referring document or statement id.", valueName: "from"))
        var from: String

        @Argument(help: ArgumentHelp("How it refers, from the relation vocabulary below.", valueName: "relation"))
        var relation: String

        @Argument(help: ArgumentHelp("The document or statement id referred to.", valueName: "to"))
        var to: String

        @Option(name: .long, help: ArgumentHelp("A note on the link.", valueName: "text"))
        var note: String?

        @OptionGroup var location: LedgerOptions
        @OptionGroup var writer: WriterOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            _ = try Relation.parse(relation)
            let (entry, draft) = try ProvenanceCommand.append(location: location, writer: writer, about: [from, to]) { provenance throws(LedgerError) in
                try provenance.linkDraft(from: from, relation: relation, to: to, note: note)
            }
            if output.json {
                var members = draft.body.object ?? [:]
                members["seq"] = .int(entry.seq)
                Output.json(.object(members))
            } else {
                Output.text("Recorded: \(from) \(relation) \(to) (seq \(entry.seq)).")
            }
        }
    }
}
