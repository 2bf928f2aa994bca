extension Provenance {
    /// What `log` can print beside an entry so that corrections sit next to what they correct:
    /// "corrected by seq 9", "withdrawn by seq 9" (the last correction withdrew it), or for a
    /// correction itself "corrects seq 4" / "withdraws seq 4". Nil for an entry never corrected.
    public func logNote(for seq: Int) -> String? {
        guard let entry = entry(seq: seq) else { return nil }
        if entry.type == .entryCorrected, let target = entry.body["corrects"]?.int {
            return entry.body["replacement"] == nil ? "withdraws seq \(target)" : "corrects seq \(target)"
        }
        guard let corrections = corrections[seq], let last = corrections.last else { return nil }
        let seqs = corrections.map { String($0.seq) }.joined(separator: ", ")
        return last.replacement == nil ? "withdrawn by seq \(seqs)" : "corrected by seq \(seqs)"
    }

    /// The seqs of the corrections of entry `seq`, oldest first (for `log --json`).
    public func correctedBy(_ seq: Int) -> [Int] {
        (corrections[seq] ?? []).map(\.seq)
    }
}
