/// Everything the ledger says about one document or statement: what `show DOC` prints.
///
/// A view over `Provenance`: the registration (corrections applied), its excerpts, each party's
/// statuses over time, links in both directions, and recorded verifications.
public struct DocumentCard: Sendable {
    /// The registration, with its corrections.
    public let registration: Corrected<DocumentRecord>
    /// Excerpts of this document, in log order.
    public let excerpts: [Corrected<ExcerptRecord>]
    /// Every status about it, oldest said first (`at`, else when recorded; then seq).
    public let statuses: [Corrected<StatusRecord>]
    /// Each party's current status, in the order parties first spoke, with its history.
    public let parties: [PartyHistory]
    /// Links from or to it, in log order.
    public let links: [Corrected<LinkRecord>]
    /// Recorded verifications that matched it.
    public let verifications: [Corrected<JSONValue>]
    /// Statuses that this document reports (`--reported-by` this id), in log order.
    public let reports: [Corrected<StatusRecord>]
    /// Excerpts of other documents printed by this one (`--cited-by` this id), in log order.
    public let printedExcerpts: [Corrected<ExcerptRecord>]
    /// The `document.revealed` entries that open this blind registration (each checked against
    /// its commitments), in log order.
    public let reveals: [Entry]
    /// The `email.authenticated` entries of this message (DKIM verdicts), in log order.
    public let authentications: [Entry]

    /// One party's statuses about the document.
    public struct PartyHistory: Sendable {
        /// The party.
        public let party: String
        /// The status in force: the last said one not withdrawn.
        public let current: Corrected<StatusRecord>
        /// All its statuses, oldest said first, withdrawn and corrected ones included.
        public let history: [Corrected<StatusRecord>]
    }

    /// The document's id.
    public var id: String { registration.latest.id }
    /// The registration in force (or as recorded, when withdrawn).
    public var document: DocumentRecord { registration.latest }

    /// The value of a member a blind registration withheld, as a reveal opened it, else nil.
    public func revealed(_ member: String) -> (value: String, seq: Int)? {
        for entry in reveals.reversed() {
            if let value = entry.body[member].flatMap(BlindOptions.committedText) { return (value, entry.seq) }
        }
        return nil
    }

    /// Whether the registration withheld `member` behind a blind commitment.
    public func withholds(_ member: String) -> Bool {
        document.body["blind"]?[member] != nil
    }
}

extension Provenance {
    /// The card of a registered document or statement; an unknown id is `missing` (exit 66).
    public func card(for id: String) throws(LedgerError) -> DocumentCard {
        guard let registration = document(id) else {
            let known = documentIDs.prefix(12).joined(separator: ", ")
            throw LedgerError.missing(
                "no document or statement \"\(id)\" in this ledger" + (known.isEmpty ? "" : "; known: \(known)"))
        }
        let statuses = statuses(about: id)
        let parties = currentStatuses(about: id).map { party, current in
            DocumentCard.PartyHistory(party: party, current: current, history: statuses.filter {
                $0.recorded.party == party || $0.current?.party == party
            })
        }
        return DocumentCard(
            registration: registration,
            excerpts: excerpts(of: id),
            statuses: statuses,
            parties: parties,
            links: links(touching: id),
            verifications: verifications(of: id),
            reports: self.statuses.filter { $0.latest.reportedBy == id },
            printedExcerpts: excerpts.filter { $0.latest.citedBy == id },
            reveals: entries.filter { entry in
                entry.type == .documentRevealed && entry.body["document"]?.string == id
                    && Ledger.revealProblem(entry.body, registration: (registration.seq, registration.recorded.body)) == nil
            },
            authentications: entries.filter { $0.type == .emailAuthenticated && $0.body["document"]?.string == id })
    }
}
