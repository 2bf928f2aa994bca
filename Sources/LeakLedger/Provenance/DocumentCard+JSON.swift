extension DocumentCard {
    /// The card as `show --json` prints it (the `spec/cli.md` fields, and more).
    ///
    /// Each item is shown as recorded, with `corrections[]` beside it (`seq`, `time`, `reason`,
    /// `replacement` when one was given) and `withdrawn` when the last correction withdrew it;
    /// `parties[]` gives each party's status in force, corrections applied.
    public var json: JSONValue {
        var members = document.body.object ?? [:]
        members["seq"] = .int(registration.seq)
        members["recorded_at"] = .string(registration.time)
        members["actor"] = .string(registration.actor)
        members["withdrawn"] = .bool(registration.isWithdrawn)
        members["corrections"] = Self.json(registration.corrections)
        members["excerpts"] = .array(excerpts.map { Self.item($0) })
        let currentSeqs = Set(parties.map(\.current.seq))
        members["statuses"] = .array(statuses.map { record in
            Self.item(record, extra: ["current": .bool(currentSeqs.contains(record.seq))])
        })
        members["parties"] = .array(parties.map { party in
            var current = party.current.current?.body.object ?? [:]
            current["document"] = nil
            current["seq"] = .int(party.current.seq)
            current["history"] = .array(party.history.map { .int($0.seq) })
            return .object(current)
        })
        members["links"] = .array(links.map { link in
            Self.item(link, extra: ["direction": .string(link.latest.from == id ? "out" : "in")])
        })
        members["verifications"] = .array(verifications.map { record in
            let match = (record.latest["matches"]?.array ?? []).first { $0["document"]?.string == id }
            return Self.item(record, extra: ["match": match])
        })
        members["reports"] = .array(reports.map { Self.item($0) })
        members["printed_excerpts"] = .array(printedExcerpts.map { Self.item($0) })
        members["reveals"] = .array(reveals.map(Self.entryItem))
        members["authentications"] = .array(authentications.map(Self.entryItem))
        return .object(members)
    }

    private static func item<Value: EntryBody>(_ record: Corrected<Value>, extra: [String: JSONValue?] = [:]) -> JSONValue {
        item(record.map(\.body), extra: extra)
    }

    private static func item(_ record: Corrected<JSONValue>, extra: [String: JSONValue?] = [:]) -> JSONValue {
        var members = record.recorded.object ?? [:]
        members["seq"] = .int(record.seq)
        members["recorded_at"] = .string(record.time)
        members["withdrawn"] = .bool(record.isWithdrawn)
        members["corrections"] = json(record.corrections)
        for (key, value) in extra { members[key] = value }
        return .object(members)
    }

    /// An entry shown as its body with `seq` and `recorded_at`.
    private static func entryItem(_ entry: Entry) -> JSONValue {
        var members = entry.body.object ?? [:]
        members["seq"] = .int(entry.seq)
        members["recorded_at"] = .string(entry.time)
        return .object(members)
    }

    static func json(_ corrections: [Correction]) -> JSONValue {
        .array(corrections.map { correction in
            .object(dropping: ["seq": .int(correction.seq), "time": .string(correction.time),
                               "actor": .string(correction.actor), "reason": .string(correction.reason),
                               "replacement": correction.replacement])
        })
    }
}

extension Corrected {
    /// The same record with its values transformed.
    func map<Other>(_ transform: (Value) -> Other) -> Corrected<Other> {
        var other = Corrected<Other>(seq: seq, time: time, actor: actor, recorded: transform(recorded))
        other.corrections = corrections
        other.current = current.map(transform)
        return other
    }
}
