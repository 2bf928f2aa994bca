import ArgumentParser
import LeakLedger

extension LeakLedgerCommand {
    /// `leakledger check`.
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Verify every entry, the tree and the checkpoint's signature.",
            discussion: "Recomputes every leaf hash from log/entries.jsonl, compares it with log/hashes, recomputes the root and verifies the checkpoint's signature with the keys in ledger.json. Exits 0 when intact, 1 on damage, naming the first bad seq."
                + " An intact ledger is then compared with the checkpoint this user saw last for its origin: a fork or a rollback exits 1 too."
        )

        @Option(name: .long, help: ArgumentHelp("Also check that the ledger still extends this older signed checkpoint file.", valueName: "old-checkpoint"))
        var against: String?

        @OptionGroup var location: LedgerOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let ledger = try location.openForReading(checkingMemory: false)
            let report = ledger.check()
            let againstResult = try report.intact ? against.map { (file: String) throws(LedgerError) in try CheckAgainst.run(ledger, file: file) } : nil
            // The reader's memory last: damage is reported as such, and only an intact ledger is remembered.
            if report.intact && againstResult?.consistent != false {
                try ReaderMemory.check(ledger, reportJSON: output.json ? CheckAgainst.merge(report.json, againstResult) : nil)
            }
            if output.json {
                Output.json(CheckAgainst.merge(report.json, againstResult))
            } else if report.intact {
                Output.text("Intact: \(report.size) \(report.size == 1 ? "entry" : "entries"), root \(report.root?.hex ?? "-"), signed by \(ledger.identity.origin).")
                if report.uncommittedLines > 0 {
                    Output.text("Note: \(report.uncommittedLines) uncommitted line(s) past the checkpoint (an interrupted append; the next append removes them).")
                }
            } else {
                Output.text("Damaged: first bad seq \(report.firstBadSeq ?? 0): \(report.problem ?? "unknown problem").")
            }
            if let againstResult, !output.json { Output.text(againstResult.text) }
            if !report.intact || againstResult?.consistent == false { throw ExitCode(1) }
        }
    }
}
