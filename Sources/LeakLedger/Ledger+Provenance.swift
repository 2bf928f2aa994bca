import GRDB

extension Ledger {
    /// The part of the ledger's provenance that concerns `ids` (and the entries `seqs`): every
    /// entry that names one of them, with the corrections of each, checked against the signed
    /// root; names are looked up in the derived state. Enough to show a document's card, to draft
    /// a status, a link or a correction, and to validate one, without reading the whole log.
    public func provenance(about ids: [String], including seqs: [Int] = []) throws(LedgerError) -> Provenance {
        var wanted = Set(seqs)
        for id in Set(ids) { wanted.formUnion(try subjectSeqs(id, kind: nil)) }
        for list in try corrections(of: Array(wanted)).values { wanted.formUnion(list) }
        var entries = try entries(at: wanted.sorted())
        // The registrations of every document those entries name (a status's document, a
        // correction's new ends), with their corrections, so that "registered and in force" holds.
        let state = try state()
        var named = Set<String>()
        for entry in entries {
            for body in [entry.body, entry.body["replacement"]].compactMap({ $0 }) {
                for key in ["document", "from", "to", "cited_by", "reported_by", "id"] { if let id = body[key]?.string { named.insert(id) } }
            }
        }
        let registrations = try state.read { db in
            try named.compactMap { try Int.fetchOne(db, sql: "SELECT seq FROM documents WHERE id = ?", arguments: [$0]) }
        }
        var more = Set(registrations).subtracting(wanted)
        for list in try corrections(of: Array(more)).values { more.formUnion(list) }
        if !more.isEmpty {
            entries = (entries + (try self.entries(at: more.subtracting(wanted).sorted()))).sorted { $0.seq < $1.seq }
        }
        var provenance = Provenance(entries: entries)
        provenance.nameSource = { spellings in (try? state.nameBook(for: spellings)) ?? NameBook(names: []) }
        return provenance
    }
}

extension LedgerState {
    /// The names in use that a review of `spellings` can meet: the same spelling, the same folded
    /// form, and every name one edit away (which shares the first or the last half of the folded
    /// form, ``NameBook/nearness(_:_:)``).
    func nameBook(for spellings: [String]) throws(LedgerError) -> NameBook {
        try read { db in
            var rows: [String: Row] = [:]
            for spelling in spellings {
                let folded = NameBook.fold(spelling)
                let scalars = Array(folded.unicodeScalars)
                var found = try Row.fetchAll(db, sql: "SELECT spelling, folded, roles, first_seq, uses FROM names WHERE (spelling = ? OR folded = ?) AND uses > 0",
                                             arguments: [spelling.precomposedStringWithCanonicalMapping, folded])
                if scalars.count >= 5 {
                    let half = (scalars.count - 1) / 2
                    let prefix = String(String.UnicodeScalarView(scalars[..<half]))
                    let suffix = String(String.UnicodeScalarView(scalars[(scalars.count - (scalars.count - half - 1))...].reversed()))
                    for (column, start) in [("folded", prefix), ("reversed", suffix)] where !start.isEmpty {
                        found += try Row.fetchAll(db, sql: """
                            SELECT spelling, folded, roles, first_seq, uses FROM names
                            WHERE \(column) >= ? AND \(column) < ? AND length(folded) BETWEEN ? AND ? AND uses > 0
                            """, arguments: [start, start + "\u{10FFFF}", scalars.count - 1, scalars.count + 1])
                    }
                }
                for row in found { rows[row[0]] = row }
            }
            let names = rows.values.sorted { ($0[3] as Int) < ($1[3] as Int) }.map { row -> NameBook.Name in
                let bits: Int = row[2]
                var name = NameBook.Name(spelling: row[0], roles: Set(NameRole.allCases.filter { bits & $0.bit != 0 }),
                                         firstSeq: row[3], folded: row[1])
                name.uses = row[4]
                return name
            }
            return NameBook(names: names)
        }
    }
}
