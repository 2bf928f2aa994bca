/// A tag=value list (RFC 6376 §3.2), as DKIM-Signature fields and key records are written:
/// `tag-spec *( ";" tag-spec ) [ ";" ]`, each `[FWS] name [FWS] "=" [FWS] value [FWS]`.
struct TagList {
    struct Tag {
        /// The tag name; names are case-sensitive.
        let name: String
        /// The value with the white space around it removed (folding inside it kept).
        let value: [UInt8]
        /// Where the value's part of the input runs: from just after "=" to the ";" or the end,
        /// white space included (what RFC 6376 §3.7 blanks for b=).
        let valueSpan: Range<Int>

        /// The value as text, with any folding white space inside it removed.
        var compact: String { String(decoding: value.filter { !TagList.isFoldingSpace($0) }, as: UTF8.self) }
        /// The value as text, as written.
        var text: String { String(decoding: value, as: UTF8.self) }
    }

    let tags: [Tag]

    /// The tag named `name`, if present.
    subscript(name: String) -> Tag? { tags.first { $0.name == name } }

    static func isFoldingSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A }

    /// Parses `input`; the error says what is wrong, in words.
    static func parse(_ input: ArraySlice<UInt8>) -> Result<TagList, TagListError> {
        var tags = [Tag]()
        var names = Set<String>()
        var start = input.startIndex
        while start <= input.endIndex {
            let end = input[start...].firstIndex(of: UInt8(ascii: ";")) ?? input.endIndex
            let spec = input[start..<end]
            let isLast = end == input.endIndex
            if spec.allSatisfy(isFoldingSpace) {
                // Only the last tag-spec may be empty: a trailing ";" is allowed.
                guard isLast else { return .failure(.emptySpec) }
                break
            }
            guard let equals = spec.firstIndex(of: UInt8(ascii: "=")) else {
                return .failure(.noEquals(String(decoding: trimmed(spec), as: UTF8.self)))
            }
            let nameBytes = trimmed(spec[spec.startIndex..<equals])
            guard let first = nameBytes.first, isAlpha(first),
                  nameBytes.allSatisfy({ isAlpha($0) || ($0 >= 0x30 && $0 <= 0x39) || $0 == UInt8(ascii: "_") })
            else { return .failure(.badName(String(decoding: nameBytes, as: UTF8.self))) }
            let name = String(decoding: nameBytes, as: UTF8.self)
            guard names.insert(name).inserted else { return .failure(.duplicate(name)) }
            tags.append(Tag(name: name, value: Array(trimmed(spec[(equals + 1)...])), valueSpan: (equals + 1)..<end))
            if isLast { break }
            start = end + 1
        }
        return .success(TagList(tags: tags))
    }

    private static func isAlpha(_ byte: UInt8) -> Bool {
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
    }

    private static func trimmed(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        guard let first = bytes.firstIndex(where: { !isFoldingSpace($0) }),
              let last = bytes.lastIndex(where: { !isFoldingSpace($0) }) else { return bytes[bytes.startIndex..<bytes.startIndex] }
        return bytes[first...last]
    }
}

/// Why a tag=value list does not parse.
enum TagListError: Error, Equatable, CustomStringConvertible {
    case emptySpec, noEquals(String), badName(String), duplicate(String)

    var description: String {
        switch self {
        case .emptySpec: "an empty tag between two \";\""
        case .noEquals(let spec): "\"\(spec.prefix(40))\" is not tag=value"
        case .badName(let name): "\"\(name.prefix(40))\" is not a tag name"
        case .duplicate(let name): "the tag \(name)= appears twice"
        }
    }
}
