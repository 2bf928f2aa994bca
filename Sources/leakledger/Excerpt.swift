import ArgumentParser
import LeakLedger

extension LeakLedgerCommand {
    /// `leakledger excerpt ...`.
    struct Excerpt: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "excerpt",
            abstract: "Record excerpts of registered documents.",
            subcommands: [Add.self]
        )

        /// `leakledger excerpt add DOC TEXT [--cited-by ID]`.
        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "add",
                abstract: "Record an excerpt of a document as printed somewhere.",
                discussion: "The text is kept exactly as printed, flaws included (stray periods, curly quotes), so that it can be verified later."
            )

            @Argument(help: ArgumentHelp("The id of the registered document the excerpt is from.", valueName: "doc"))
            var document: String

            @Argument(help: ArgumentHelp("The excerpt, exactly as printed.", valueName: "text"))
            var text: String

            @Option(name: .long, help: ArgumentHelp("The registered document or statement that printed the excerpt.", valueName: "id"))
            var citedBy: String?

            @OptionGroup var location: LedgerOptions
            @OptionGroup var writer: WriterOptions
            @OptionGroup var output: OutputOptions

            func validate() throws {
                guard !text.isEmpty else { throw ValidationError("the excerpt is empty: pass its text as printed") }
            }

            func run() throws {
                let ledger = try writer.openForWriting(location)
                let entry = try ledger.addExcerpt(document: document, text: text, citedBy: citedBy, actor: writer.resolvedActor)
                if output.json {
                    Output.json(.object(dropping: ["seq": .int(entry.seq), "document": .string(document),
                                                   "cited_by": citedBy.map(JSONValue.string)]))
                } else {
                    Output.text("Recorded an excerpt of \(document) (seq \(entry.seq)).")
                }
            }
        }
    }
}
