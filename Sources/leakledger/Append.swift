import ArgumentParser
import Foundation
import LeakLedger

extension LeakLedgerCommand {
    /// `leakledger append FILE`: many statuses, links, excerpts or corrections at once.
    struct Append: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "append",
            abstract: "Append statuses, links, excerpts or corrections from a file of JSON lines.",
            discussion: """
                Each line is one entry: {"type": "party.status", "body": {"party": …, "document": …, \
                "status": …}}, with the members the matching command records (party.status, \
                link.added, excerpt.recorded, entry.corrected). Every line is checked as its command \
                checks it (vocabularies, registered documents, names, duplicates) before anything \
                is appended; one bad line appends nothing and is named. The entries are then \
                committed in batches.
                """
        )

        @Argument(help: ArgumentHelp("The file of JSON lines; - reads standard input.", valueName: "file"))
        var file: String

        @Flag(name: .long, help: "Accept names spelled close to known ones as new, different names.")
        var asNew = false

        @OptionGroup var location: LedgerOptions
        @OptionGroup var writer: WriterOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let text: [UInt8]
            do { text = try InputFile(path: file).read(limit: Ledger.appendInputLimit) } catch {
                throw LedgerError(error.isMissing ? .missing : .malformed, error.description)
            }
            let ledger = try writer.openForWriting(location)
            let summary = try ledger.appendLines(text, acceptNewSpellings: asNew, actor: writer.resolvedActor)
            for warning in summary.warnings { ProvenanceCommand.warn(warning) }
            if output.json {
                Output.json(["appended": .int(summary.appended), "batches": .int(summary.batches)])
            } else {
                print("Appended \(summary.appended) entr\(summary.appended == 1 ? "y" : "ies") in \(summary.batches) commit\(summary.batches == 1 ? "" : "s").")
            }
        }
    }
}
