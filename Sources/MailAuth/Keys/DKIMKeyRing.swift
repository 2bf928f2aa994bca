import ContentHash

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The key records to verify against, read from a text file instead of DNS: the key that
/// matters is the one published when the mail was sent, and no network is needed.
///
/// The file is zone-file style, one record a line:
/// ```
/// ; comments start with ";" (or "#" at the start of a line)
/// brisbane._domainkey.example.com "v=DKIM1; k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo="
/// sel2._domainkey.example.com. 3600 IN TXT "v=DKIM1; k=rsa; " "p=MIIBIjANBg..."
/// sel3._domainkey.example.com. IN TXT ( "v=DKIM1; k=rsa; "
///     "p=MIIBIjANBg..." )
/// ```
/// Quoted chunks are joined with nothing between them; `\"`, `\\` and `\DDD` escapes are undone;
/// parentheses continue a record over lines. A TTL, a class (IN) and the type TXT may stand
/// between the name and the text; records of other types (a whole zone's A or MX records) are
/// skipped. `$ORIGIN` makes later names without a final dot relative to it (and `@` the origin
/// itself); without it every name is taken as a full name. `$TTL` is ignored. A line that
/// starts with white space belongs to the owner above it, as in a zone file.
public struct DKIMKeyRing: Sendable {
    /// The records, in file order.
    public let records: [DKIMKeyRecord]
    private let byName: [String: [Int]]

    /// The largest key file read.
    public static let sizeLimit = 16 << 20

    /// A ring of these records.
    public init(records: [DKIMKeyRecord]) {
        self.records = records
        var byName = [String: [Int]]()
        for (index, record) in records.enumerated() { byName[record.name, default: []].append(index) }
        self.byName = byName
    }

    /// The records published at `name` (`selector._domainkey.domain`), in file order.
    public func records(named name: String) -> [DKIMKeyRecord] {
        (byName[DKIMKeyRecord.normalizedName(name)] ?? []).map { records[$0] }
    }

    /// Reads a key file.
    public static func load(path: String) throws(MailAuthError) -> DKIMKeyRing {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .file(FileError(path: path, operation: .open, errno: errno)) }
        defer { close(descriptor) }
        var bytes = [UInt8]()
        var source = DescriptorSource(descriptor: descriptor, path: path)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let count = try source.readSome(into: buffer)
            if count == 0 { break }
            bytes.append(contentsOf: buffer[0..<count])
            if bytes.count > sizeLimit { throw .keyFileTooLarge(path: path, limit: sizeLimit) }
        }
        return try DKIMKeyRing(text: bytes, source: path)
    }

    /// Parses the text of a key file; `source` names it in errors and in each record.
    public init(text: [UInt8], source: String) throws(MailAuthError) {
        var parser = ZoneParser(bytes: text, source: source)
        self.init(records: try parser.records())
    }
}

/// The part of RFC 1035 §5.1 master-file syntax that key records need.
private struct ZoneParser {
    let bytes: [UInt8]
    let source: String
    private var index = 0
    private var line = 1
    private var origin: String?
    private var lastOwner: String?

    init(bytes: [UInt8], source: String) {
        self.bytes = bytes
        self.source = source
    }

    private enum Token: Equatable {
        case word(String)
        case quoted([UInt8])
    }

    mutating func records() throws(MailAuthError) -> [DKIMKeyRecord] {
        var records = [DKIMKeyRecord]()
        while index < bytes.count {
            let startLine = line
            let indented = bytes[index] == 0x20 || bytes[index] == 0x09
            let tokens = try recordTokens()
            guard let first = tokens.first else { continue }
            if case .word(let word) = first, word.hasPrefix("$") {
                try directive(word, tokens.dropFirst(), line: startLine)
                continue
            }
            var rest = tokens[...]
            let owner: String
            if indented {
                guard let lastOwner else { throw .keyLine(path: source, line: startLine, "a record starts with white space but no name comes before it") }
                owner = lastOwner
            } else {
                guard case .word(let word) = first else { throw .keyLine(path: source, line: startLine, "the line starts with quoted text, not a name") }
                owner = try absolute(word, line: startLine)
                rest = rest.dropFirst()
            }
            lastOwner = owner
            // [TTL] [class] [type], in either order of TTL and class (RFC 1035 §5.1).
            var type = "TXT"
            while case .word(let word)? = rest.first {
                rest = rest.dropFirst()
                let upper = word.uppercased()
                if upper.first?.isNumber == true || ["IN", "CH", "HS", "CS"].contains(upper) { continue }
                guard upper.first?.isLetter == true, upper.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
                    throw .keyLine(path: source, line: startLine, "the record's text must be in double quotes")
                }
                type = upper
                break
            }
            guard type == "TXT" else { continue }
            var text = [UInt8]()
            var chunks = 0
            for token in rest {
                guard case .quoted(let chunk) = token else {
                    throw .keyLine(path: source, line: startLine, "the record's text must be in double quotes")
                }
                text += chunk
                chunks += 1
            }
            guard chunks > 0 else { throw .keyLine(path: source, line: startLine, "no quoted text after the name \(owner)") }
            records.append(DKIMKeyRecord(name: owner, text: text, source: source, line: startLine))
        }
        return records
    }

    private mutating func directive(_ word: String, _ arguments: ArraySlice<Token>, line: Int) throws(MailAuthError) {
        switch word.uppercased() {
        case "$ORIGIN":
            guard arguments.count == 1, case .word(let name)? = arguments.first else {
                throw .keyLine(path: source, line: line, "$ORIGIN needs one domain name")
            }
            origin = DKIMKeyRecord.normalizedName(name)
        case "$TTL":
            break
        default:
            throw .keyLine(path: source, line: line, "\(word.prefix(20)) is not a directive this file may use ($ORIGIN, $TTL)")
        }
    }

    /// A name made full: relative names take the origin when there is one.
    private func absolute(_ name: String, line: Int) throws(MailAuthError) -> String {
        if name == "@" {
            guard let origin else { throw .keyLine(path: source, line: line, "@ needs an $ORIGIN above it") }
            return origin
        }
        if name.hasSuffix(".") || origin == nil { return DKIMKeyRecord.normalizedName(name) }
        return DKIMKeyRecord.normalizedName(name) + "." + origin!
    }

    /// The tokens of one record: to the end of the line, or past it inside parentheses.
    private mutating func recordTokens() throws(MailAuthError) -> [Token] {
        var tokens = [Token]()
        var depth = 0
        let startLine = line
        // "#" first on a line is a comment too (not zone syntax, but what people write).
        if let first = bytes[index...].first(where: { $0 != 0x20 && $0 != 0x09 }), first == UInt8(ascii: "#") {
            skipComment()
        }
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case 0x0A:
                index += 1
                line += 1
                if depth == 0 { return tokens }
            case 0x20, 0x09, 0x0D:
                index += 1
            case UInt8(ascii: ";"):
                skipComment()
            case UInt8(ascii: "("):
                depth += 1
                index += 1
            case UInt8(ascii: ")"):
                guard depth > 0 else { throw .keyLine(path: source, line: line, "a \")\" without its \"(\"") }
                depth -= 1
                index += 1
            case UInt8(ascii: "\""):
                tokens.append(.quoted(try quoted()))
            default:
                tokens.append(.word(word()))
            }
        }
        if depth > 0 { throw .keyLine(path: source, line: startLine, "a \"(\" is never closed") }
        return tokens
    }

    private mutating func skipComment() {
        while index < bytes.count, bytes[index] != 0x0A { index += 1 }
    }

    private mutating func word() -> String {
        let start = index
        while index < bytes.count, ![0x20, 0x09, 0x0D, 0x0A, UInt8(ascii: ";"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "\"")].contains(bytes[index]) {
            index += 1
        }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    /// A quoted character-string, escapes undone (`\X` is X; `\DDD` is the byte DDD).
    private mutating func quoted() throws(MailAuthError) -> [UInt8] {
        let startLine = line
        index += 1
        var out = [UInt8]()
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "\""):
                return out
            case UInt8(ascii: "\\"):
                guard index < bytes.count else { break }
                let digits = bytes[index..<min(bytes.count, index + 3)]
                if digits.count == 3, digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
                    let value = digits.reduce(0) { $0 * 10 + Int($1 - 0x30) }
                    guard value <= 255 else { throw .keyLine(path: source, line: line, "\\\(String(decoding: digits, as: UTF8.self)) is not a byte") }
                    out.append(UInt8(value))
                    index += 3
                } else {
                    out.append(bytes[index])
                    index += 1
                }
            case 0x0A:
                throw .keyLine(path: source, line: startLine, "a quoted string is not closed on its line")
            default:
                out.append(byte)
            }
        }
        throw .keyLine(path: source, line: startLine, "a quoted string is not closed on its line")
    }
}
