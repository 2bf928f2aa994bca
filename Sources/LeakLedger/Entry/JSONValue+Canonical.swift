import Foundation

extension JSONValue {
    /// The canonical bytes (RFC 8785 style): object keys sorted by UTF-16 code units, no
    /// insignificant white space, strings in NFC with only the escapes JSON requires,
    /// integral numbers without a fraction.
    public var canonicalBytes: [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(256)
        writeCanonical(into: &out)
        return out
    }

    /// The canonical form as a string.
    public var canonicalString: String { String(decoding: canonicalBytes, as: UTF8.self) }

    private func writeCanonical(into out: inout [UInt8]) {
        switch self {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let value): out.append(contentsOf: (value ? "true" : "false").utf8)
        case .int(let value): out.append(contentsOf: String(value).utf8)
        case .double(let value): out.append(contentsOf: Self.canonicalNumber(value).utf8)
        case .string(let value): Self.writeString(value, into: &out)
        case .array(let elements):
            out.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                element.writeCanonical(into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            // UTF-16 order, as RFC 8785 sorts; for ASCII keys (every key the ledger writes) that
            // is byte order, which is much cheaper to compare.
            let keys = members.keys.allSatisfy({ $0.utf8.allSatisfy { $0 < 0x80 } })
                ? members.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
                : members.keys.sorted { $0.utf16.lexicographicallyPrecedes($1.utf16) }
            for (index, key) in keys.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                Self.writeString(key, into: &out)
                out.append(UInt8(ascii: ":"))
                members[key]!.writeCanonical(into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// ECMAScript-style shortest form for the doubles entries hold (scores, ratios).
    static func canonicalNumber(_ value: Double) -> String {
        precondition(value.isFinite, "JSON has no representation for \(value)")
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        return "\(value)"
    }

    private static func writeString(_ value: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        // ASCII is already in NFC: most strings skip Foundation's normalization, which is slow.
        let normalized = value.utf8.allSatisfy { $0 < 0x80 } ? value : value.precomposedStringWithCanonicalMapping
        for byte in normalized.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: "\\\"".utf8)
            case UInt8(ascii: "\\"): out.append(contentsOf: "\\\\".utf8)
            case 0x08: out.append(contentsOf: "\\b".utf8)
            case 0x09: out.append(contentsOf: "\\t".utf8)
            case 0x0A: out.append(contentsOf: "\\n".utf8)
            case 0x0C: out.append(contentsOf: "\\f".utf8)
            case 0x0D: out.append(contentsOf: "\\r".utf8)
            case 0x00..<0x20:
                out.append(contentsOf: "\\u00".utf8)
                out.append(contentsOf: Hex.encode([byte]).utf8)
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}

