/// A canonicalization algorithm (RFC 6376 §3.4): `simple` tolerates no change at all,
/// `relaxed` tolerates changes of white space, folding and the case of field names.
public enum Canonicalization: String, Sendable {
    case simple, relaxed

    /// The header and body algorithms of a `c=` value ("relaxed/simple"; one name alone is the
    /// header's, the body then `simple`; absent is simple/simple); `nil` for an unknown name.
    static func pair(_ value: String?) -> (header: Canonicalization, body: Canonicalization)? {
        guard let value else { return (.simple, .simple) }
        let parts = value.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count <= 2, let header = Canonicalization(rawValue: String(parts[0])) else { return nil }
        guard parts.count == 2 else { return (header, .simple) }
        guard let body = Canonicalization(rawValue: String(parts[1])) else { return nil }
        return (header, body)
    }

    /// One header field, canonicalized, ending in CRLF (RFC 6376 §3.4.1, §3.4.2).
    func canonicalize(_ field: MessageHeader.Field) -> [UInt8] {
        canonicalize(raw: field.raw, valueStart: field.valueStart)
    }

    /// A field given as raw bytes (name, colon, value, CRLF) and where its value starts.
    func canonicalize(raw: [UInt8], valueStart: Int) -> [UInt8] {
        switch self {
        case .simple:
            return raw
        case .relaxed:
            // Name in lower case, white space before the colon gone; value unfolded, runs of
            // WSP made one SP, WSP at its start and end gone.
            var out = [UInt8]()
            out.reserveCapacity(raw.count)
            var nameEnd = valueStart - 1
            while nameEnd > 0, raw[nameEnd - 1] == 0x20 || raw[nameEnd - 1] == 0x09 { nameEnd -= 1 }
            for byte in raw[..<nameEnd] { out.append(byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte) }
            out.append(UInt8(ascii: ":"))
            var pendingSpace = false
            var started = false
            let valueEnd = raw.count - 2
            for index in valueStart..<valueEnd {
                let byte = raw[index]
                switch byte {
                case 0x0A:
                    continue
                case 0x0D where index + 1 < valueEnd && raw[index + 1] == 0x0A:
                    continue
                case 0x20, 0x09:
                    pendingSpace = started
                default:
                    if pendingSpace { out.append(0x20) }
                    pendingSpace = false
                    started = true
                    out.append(byte)
                }
            }
            out.append(contentsOf: [0x0D, 0x0A])
            return out
        }
    }
}
