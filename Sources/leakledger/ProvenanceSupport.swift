import Foundation
import LeakLedger

/// What the provenance commands share: drafting under the writer's lock, warnings, colour.
enum ProvenanceCommand {
    /// Checks a draft against the ledger as read (so a bad value is exit 64 even without the
    /// key), then appends it, drafted again under the writer's lock against the committed log.
    /// `ids` and `seqs` name what the draft concerns (the documents, the corrected entry), so
    /// that only that part of the ledger is read.
    static func append(location: LedgerOptions, writer: WriterOptions, about ids: [String], including seqs: [Int] = [],
                       _ makeDraft: (Provenance) throws(LedgerError) -> ProvenanceDraft) throws(LedgerError)
        -> (Entry, ProvenanceDraft)
    {
        let reader = try location.openForReading()
        let size = try reader.size()
        _ = try makeDraft(reader.provenance(about: ids, including: seqs.filter { $0 >= 0 && $0 < size }))
        let ledger = try writer.openForWriting(location)
        var draft: ProvenanceDraft?
        let entries = try ledger.append(actor: writer.resolvedActor) { (context: AppendContext) throws(LedgerError) -> [EntryDraft] in
            let made = try makeDraft(context.provenance(about: ids, including: seqs))
            draft = made
            return [EntryDraft(type: made.type, body: made.body)]
        }
        for warning in draft!.warnings { warn(warning) }
        return (entries[0], draft!)
    }

    /// Prints `warning: message` on standard error.
    static func warn(_ message: String) {
        FileHandle.standardError.write(Data(("warning: " + message + "\n").utf8))
    }

    /// A line naming the names used for the first time, or nil.
    static func newNamesLine(_ draft: ProvenanceDraft) -> String? {
        guard !draft.newNames.isEmpty else { return nil }
        return "New to this ledger: " + draft.newNames.map { "\($0.role) \"\($0.spelling)\"" }.joined(separator: ", ") + "."
    }

    /// The JSON of the names used for the first time.
    static func newNamesJSON(_ draft: ProvenanceDraft) -> JSONValue {
        .array(draft.newNames.map { ["name": .string($0.spelling), "role": .string($0.role.rawValue)] })
    }

    /// Whether to colour output: a terminal, and no `NO_COLOR` (no-color.org).
    static var useColor: Bool {
        Output.isTerminal && (ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty
    }
}
