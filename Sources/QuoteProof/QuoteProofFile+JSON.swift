import Commitments
import LeakLedger

extension QuoteProofFile {
    /// The file as JSON: `format`, `receipt`, then `first` and `words` (one range) or `ranges`
    /// (several), and `hashes`.
    public var json: JSONValue {
        func words(_ range: RevealedRange) -> JSONValue {
            .array(range.words.map { .object(["salt": .string(Base64.encode($0.salt)), "text": .string($0.text)]) })
        }
        var members: [String: JSONValue] = [
            "receipt": .string(receipt),
            "hashes": .array(proof.hashes.map { .string(Base64.encode($0.bytes)) }),
        ]
        if proof.ranges.count == 1 {
            members["format"] = .string(Self.format)
            members["first"] = .int(proof.ranges[0].first)
            members["words"] = words(proof.ranges[0])
        } else {
            members["format"] = .string(Self.rangesFormat)
            members["ranges"] = .array(proof.ranges.map { .object(["first": .int($0.first), "words": words($0)]) })
        }
        return .object(members)
    }

    /// The file's text: the JSON on one line, and a newline.
    public var text: String { json.canonicalString + "\n" }

    /// Reads a proof file strictly: one JSON object with exactly the members of its format,
    /// every salt and hash the base64 of 32 bytes, positions whole numbers, counts within the
    /// limits. Anything else is a `format` failure that names the member.
    public init(bytes: some Collection<UInt8>) throws(CommitmentError) {
        guard bytes.count <= Self.maximumSize else {
            throw .failed(.format, "the proof file has \(bytes.count) bytes; a quote proof is never larger than \(Self.maximumSize)")
        }
        let value: JSONValue
        do { value = try JSONValue(parsing: bytes) } catch {
            throw .failed(.format, "the proof file is not JSON: \(error.message)")
        }
        guard let members = value.object else { throw .failed(.format, "the proof file is not a JSON object") }
        guard let format = members["format"]?.string else { throw .failed(.format, "the proof file has no format member") }
        let expected: Set<String>
        switch format {
        case Self.format: expected = ["format", "receipt", "first", "words", "hashes"]
        case Self.rangesFormat: expected = ["format", "receipt", "ranges", "hashes"]
        default:
            throw .failed(.format, "the format is \(format.debugDescription), not \(Self.format) or \(Self.rangesFormat)")
        }
        if let unknown = Set(members.keys).subtracting(expected).sorted().first {
            throw .failed(.format, "the proof file has a member \(unknown.debugDescription) that its format does not have")
        }
        if let absent = expected.subtracting(members.keys).sorted().first {
            throw .failed(.format, "the proof file lacks its \(absent) member")
        }
        guard let receipt = members["receipt"]?.string else { throw .failed(.format, "receipt must be a string (the tlog-proof text)") }

        let ranges: [RevealedRange]
        if format == Self.format {
            ranges = [try Self.range(first: members["first"]!, words: members["words"]!, name: "")]
        } else {
            guard let list = members["ranges"]?.array, !list.isEmpty else { throw .failed(.format, "ranges must be a non-empty array") }
            guard list.count <= Self.maximumRanges else {
                throw .failed(.format, "the proof has \(list.count) ranges; a reader accepts at most \(Self.maximumRanges)")
            }
            var parsed: [RevealedRange] = []
            for (k, item) in list.enumerated() {
                guard let object = item.object, Set(object.keys) == ["first", "words"] else {
                    throw .failed(.format, "ranges[\(k)] must be an object with exactly first and words")
                }
                parsed.append(try Self.range(first: object["first"]!, words: object["words"]!, name: "ranges[\(k)]."))
            }
            ranges = parsed
        }
        let total = ranges.reduce(0) { $0 + $1.words.count }
        guard total <= Self.maximumWords else {
            throw .failed(.format, "the proof reveals \(total) words; a reader accepts at most \(Self.maximumWords)")
        }

        guard let hashList = members["hashes"]?.array else { throw .failed(.format, "hashes must be an array") }
        // RANGE emits at most two hashes per level of a 64-level tree for each range.
        guard hashList.count <= 128 * ranges.count else {
            throw .failed(.hashes, "the proof has \(hashList.count) hashes, more than any proof of \(ranges.count) range(s) needs")
        }
        var hashes: [SHA256Digest] = []
        for (k, item) in hashList.enumerated() {
            guard let text = item.string, let bytes = Base64.decode(text), let hash = SHA256Digest(bytes: bytes) else {
                throw .failed(.format, "hashes[\(k)] is not the base64 of 32 bytes")
            }
            hashes.append(hash)
        }
        self.init(receipt: receipt, proof: RangeProof(ranges: ranges, hashes: hashes))
    }

    private static func range(first: JSONValue, words: JSONValue, name: String) throws(CommitmentError) -> RevealedRange {
        guard case .int(let a) = first, a >= 0 else { throw .failed(.format, "\(name)first must be a whole number, 0 or more") }
        guard let list = words.array, !list.isEmpty else { throw .failed(.format, "\(name)words must be a non-empty array") }
        guard list.count <= maximumWords else {
            throw .failed(.format, "\(name)words has \(list.count) words; a reader accepts at most \(maximumWords)")
        }
        var out: [RevealedWord] = []
        out.reserveCapacity(list.count)
        for (k, item) in list.enumerated() {
            guard let object = item.object, object.count == 2, let saltText = object["salt"]?.string, let text = object["text"]?.string else {
                throw .failed(.format, "\(name)words[\(k)] must be an object with exactly salt and text, both strings")
            }
            guard let salt = Base64.decode(saltText), salt.count == 32 else {
                throw .failed(.format, "\(name)words[\(k)].salt is not the base64 of 32 bytes")
            }
            out.append(RevealedWord(salt: salt, text: text))
        }
        return RevealedRange(first: a, words: out)
    }
}
