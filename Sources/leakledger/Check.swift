import ArgumentParser
import LeakLedger

extension LeakLedgerCommand {
    /// `leakledger check`.
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Verify every entry, the tree and the checkpoint's signature.",
            discussion: "Recomputes every leaf hash from log/entries.jsonl, compares it with log/hashes, recomputes the root and verifies the checkpoint's signature with the keys in ledger.json. Exits 0 when intact, 1 on damage, naming the first bad seq."
        )

        @OptionGroup var location: LedgerOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let ledger = try location.openForReading()
            let report = ledger.check()
            if output.json {
                Output.json(report.json)
            } else if report.intact {
                print("Intact: \(report.size) \(report.size == 1 ? "entry" : "entries"), root \(report.root?.hex ?? "-"), signed by \(ledger.identity.origin).")
                if report.uncommittedLines > 0 {
                    print("Note: \(report.uncommittedLines) uncommitted line(s) past the checkpoint (an interrupted append; the next append removes them).")
                }
            } else {
                print("Damaged: first bad seq \(report.firstBadSeq ?? 0): \(report.problem ?? "unknown problem").")
            }
            if !report.intact { throw ExitCode(1) }
        }
    }
}
