/// The header of a message: its fields, top to bottom, each kept as raw bytes with its line
/// ends made CRLF (RFC 5322 §2.2), so that both canonicalizations can be computed from it.
public struct MessageHeader: Sendable {
    /// One header field.
    public struct Field: Sendable {
        /// The field name as written (white space before the colon removed).
        public let name: String
        /// The name in lower case: field names match case-insensitively (RFC 5322 §1.2.2).
        public let key: String
        /// The 1-based line of the file where the field starts.
        public let line: Int
        /// The whole field: name, colon, value with its folding, ending in CRLF.
        let raw: [UInt8]
        /// Where the value starts in `raw`: just after the colon.
        let valueStart: Int

        /// The value's bytes as written (folding included, final CRLF excluded).
        var rawValue: ArraySlice<UInt8> { raw[valueStart..<(raw.count - 2)] }

        /// The value unfolded (CRLF removed) and trimmed, decoded as UTF-8 (invalid bytes replaced).
        public var value: String {
            var bytes = [UInt8]()
            bytes.reserveCapacity(raw.count - valueStart)
            for byte in rawValue where byte != 0x0D && byte != 0x0A { bytes.append(byte) }
            return String(decoding: bytes, as: UTF8.self).trimmingWhiteSpace()
        }
    }

    /// The fields, top to bottom.
    public let fields: [Field]
    private let positions: [String: [Int]]

    init(fields: [Field]) {
        self.fields = fields
        var positions = [String: [Int]]()
        for (index, field) in fields.enumerated() { positions[field.key, default: []].append(index) }
        self.positions = positions
    }

    /// The indices of the fields named `key` (lower case), top to bottom.
    func indices(of key: String) -> [Int] { positions[key] ?? [] }

    /// The bottom-most field named `key` (lower case): the one a signer that lists the name
    /// once covers (RFC 6376 §5.4.2).
    public func last(_ key: String) -> Field? { indices(of: key).last.map { fields[$0] } }

    /// How many fields are named `key` (lower case).
    public func count(of key: String) -> Int { positions[key]?.count ?? 0 }
}

extension String {
    /// Without leading and trailing spaces, tabs and line ends.
    func trimmingWhiteSpace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0.isNewline }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[first...last])
    }
}
