import ArgumentParser
import Foundation
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

        @Flag(name: .long, help: "Skip re-hashing the stored copies in objects/ (the log, the tree and the signatures are still checked).")
        var quick = false

        @OptionGroup var location: LedgerOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            // A ledger whose ledger.json is damaged or gone is damage to report (exit 1), not an
            // unreadable input: without it no signature can be checked.
            if let problem = Self.identityProblem(location.path) {
                if output.json {
                    Output.json(.object(["intact": .bool(false), "size": .int(Self.claimedSize(location.path)),
                                         "first_bad_seq": .int(0), "problem": .string(problem), "file": "ledger.json"]))
                } else {
                    Output.text("Damaged: \(problem).")
                }
                throw ExitCode(1)
            }
            let ledger = try location.openForReading(checkingMemory: false)
            let report = ledger.check(quick: quick)
            let againstResult = try report.intact ? against.map { (file: String) throws(LedgerError) in try CheckAgainst.run(ledger, file: file) } : nil
            // The reader's memory last: damage is reported as such, and only an intact ledger is remembered.
            if report.intact && againstResult?.consistent != false {
                try ReaderMemory.check(ledger, reportJSON: output.json ? CheckAgainst.merge(report.json, againstResult) : nil)
            }
            if output.json {
                Output.json(CheckAgainst.merge(report.json, againstResult))
            } else if report.intact {
                let root = report.root.map { "\($0.hex) (base64 \(report.rootBase64!))" } ?? "-"
                Output.text("Intact: \(report.size) \(report.size == 1 ? "entry" : "entries"), root \(root), signed by \(ledger.identity.origin).")
                if report.objectsChecked > 0 { Output.text("Stored copies: \(report.objectsChecked) re-hashed, each matches its fingerprint.") }
                if report.uncommittedLines > 0 {
                    Output.text("Note: \(report.uncommittedLines) uncommitted line(s) past the checkpoint (an interrupted append; the next writer removes them when its marker vouches for them, else keeps them in log/quarantine/).")
                }
                if !report.leftovers.isEmpty {
                    Output.text("Note: \(report.leftovers.count) file(s) in objects/ that no registration claims (copies staged by an append that never committed; the next writer removes them): \(report.leftovers.prefix(5).joined(separator: ", ")).")
                }
            } else {
                Output.text("Damaged: first bad seq \(report.firstBadSeq ?? 0): \(report.problem ?? "unknown problem").")
            }
            if let againstResult, !output.json { Output.text(againstResult.text) }
            if !report.intact || againstResult?.consistent == false { throw ExitCode(1) }
        }

        /// What is wrong with the `ledger.json` of a folder that holds a log, or nil (all is well,
        /// or the folder is no ledger at all: opening it then says so).
        static func identityProblem(_ path: String) -> String? {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue,
                  FileManager.default.fileExists(atPath: path + "/checkpoint") || FileManager.default.fileExists(atPath: path + "/log")
            else { return nil }
            let advice = "no signature can be checked without it: restore ledger.json from a copy you trust (its origin and first key are also in the log's first entry, ledger.created)"
            let bytes: [UInt8]
            do { bytes = try InputFile(path: path + "/ledger.json").read(limit: ProofSupport.maxFileBytes) } catch {
                if error.isMissing { return "ledger.json is missing; " + advice }
                return "ledger.json cannot be read (\(error.description)); " + advice
            }
            do {
                let identity = try LedgerIdentity(json: JSONValue(parsing: bytes))
                for key in identity.verifierKeys { _ = try NoteVerifier(verifierKey: key) }
            } catch {
                return "ledger.json does not parse (\(error.message)); " + advice
            }
            return nil
        }

        /// The size the checkpoint claims, unverified (0 when it cannot be read): the `size` of a
        /// report on a ledger whose keys are unknown.
        static func claimedSize(_ path: String) -> Int {
            guard let bytes = try? InputFile(path: path + "/checkpoint").read(limit: ProofSupport.maxFileBytes),
                  let text = try? SignedNote.unverifiedText(String(decoding: bytes, as: UTF8.self)),
                  let checkpoint = try? Checkpoint(text: text) else { return 0 }
            return checkpoint.size
        }
    }
}
