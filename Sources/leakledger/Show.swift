import ArgumentParser
import LeakLedger

extension LeakLedgerCommand {
    /// `leakledger show DOC`.
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Show a document's fingerprints, statuses and links.",
            discussion: """
                Each party's current status comes first, its history underneath, oldest first \
                (ordered by when it was said, else when it was recorded); corrections are shown \
                beside what they correct. --json prints one object: id, sha256, source, publisher, \
                statuses[] (party, status, statement, reported_by, at, seq, current, corrections[]), \
                parties[], links[] (from, relation, to, note, seq, direction), excerpts[], verifications[].
                """
        )

        @Argument(help: ArgumentHelp("The id of a registered document or statement.", valueName: "doc"))
        var document: String

        @Flag(inversion: .prefixedNo, help: "Colour the card (default: when printing to a terminal and $NO_COLOR is unset).")
        var color: Bool?

        @OptionGroup var location: LedgerOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let ledger = try location.openForReading()
            guard try ledger.document(id: document) != nil else {
                let known = try ledger.documentIDs(limit: 12).joined(separator: ", ")
                throw LedgerError.missing("no document or statement \"\(document)\" in this ledger" + (known.isEmpty ? "" : "; known: \(known)"))
            }
            let card = try ledger.provenance(about: [document]).card(for: document)
            if output.json {
                Output.json(card.json)
            } else {
                print(card.rendered(color: color ?? ProvenanceCommand.useColor), terminator: "")
            }
        }
    }
}
