/// Which header fields a signature's `h=` selects (RFC 6376 §5.4.2): each name takes the
/// bottom-most field of that name not yet taken, so a name listed twice takes two fields, and a
/// name listed more often than the message has such fields selects nothing, which still counts:
/// adding such a field later breaks the signature.
struct Coverage {
    /// For each name of `h=`, the field it selects, or `nil`.
    let selected: [Int?]
    let oversigned: [String]
    let absent: [String]
    let unsigned: [String]

    init(_ names: [String], in header: MessageHeader, signatureField: Int) {
        var taken = [String: Int]()
        var selected = [Int?]()
        selected.reserveCapacity(names.count)
        for name in names {
            let fields = header.indices(of: name)
            let count = taken[name, default: 0]
            selected.append(count < fields.count ? fields[fields.count - 1 - count] : nil)
            taken[name] = count + 1
        }
        self.selected = selected
        var oversigned = [String](), absent = [String]()
        for (name, count) in taken.sorted(by: { $0.key < $1.key }) where count > header.count(of: name) {
            if header.count(of: name) == 0 { absent.append(name) } else { oversigned.append(name) }
        }
        self.oversigned = oversigned
        self.absent = absent
        let covered = Set(selected.compactMap { $0 })
        var seen = Set<String>(), unsigned = [String]()
        for (index, field) in header.fields.enumerated() where index != signatureField && !covered.contains(index) {
            if seen.insert(field.key).inserted { unsigned.append(field.key) }
        }
        self.unsigned = unsigned
    }

    /// The bytes the header signature covers (RFC 6376 §3.7): the selected fields canonicalized,
    /// in `h=` order, then the signature's own field with b= blanked and no final CRLF.
    func hashInput(_ checked: DKIMSignature.Checked, header: MessageHeader) -> [UInt8] {
        var data = [UInt8]()
        for case let index? in selected { data += checked.header.canonicalize(header.fields[index]) }
        data += checked.header.canonicalize(raw: checked.blankedRaw, valueStart: checked.valueStart).dropLast(2)
        return data
    }
}
