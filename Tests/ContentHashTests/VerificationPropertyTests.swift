import Testing
import ContentHash

/// SplitMix64: a small seeded generator, so a failing draw can be replayed.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Properties the grades must keep whatever the quote (issue: "rules that keep grades honest").
@Suite struct VerificationPropertyTests {
    static let documents = VerificationTests.documents

    func occursContiguously(_ words: [String]) -> Bool {
        for d in Self.documents {
            let w = d.segments[0].layers.words
            guard w.count >= words.count else { continue }
            for s in 0...(w.count - words.count) where Array(w[s..<(s + words.count)]) == words { return true }
        }
        return false
    }

    @Test(arguments: [UInt64(1), 2, 3])
    func wordAlignedSubstringsAreExact(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        for _ in 0..<60 {
            let d = Self.documents.randomElement(using: &rng)!
            let layers = d.segments[0].layers
            let ranges = layers.wordRanges
            let length = Int.random(in: 1...12, using: &rng)
            let first = Int.random(in: 0...(ranges.count - length), using: &rng)
            let excerpt = layers.substring(ranges[first].lowerBound, ranges[first + length - 1].upperBound)
            let v = ExcerptVerifier().verify(excerpt, in: Self.documents)
            #expect(v.verdict == .exact, "seed \(seed): \(excerpt.debugDescription)")
            #expect(v.matches.first { $0.document == d.id }?.verdict == .exact, "seed \(seed): \(excerpt.debugDescription)")
        }
    }

    @Test(arguments: [UInt64(7), 8, 9])
    func aChangedWordIsNeverAboveApproximate(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        var checked = 0
        for _ in 0..<90 {
            let d = Self.documents.randomElement(using: &rng)!
            let words = d.segments[0].layers.words
            let length = Int.random(in: 5...14, using: &rng)
            guard words.count > length else { continue }
            let first = Int.random(in: 0...(words.count - length), using: &rng)
            var quote = Array(words[first..<(first + length)])
            let k = Int.random(in: 0..<length, using: &rng)
            switch Int.random(in: 0..<3, using: &rng) {
            case 0: quote[k] = "zyxqvw"
            case 1: quote.remove(at: k)
            default: quote.insert("zyxqvw", at: k)
            }
            if occursContiguously(quote) { continue }  // the change happens to exist verbatim
            checked += 1
            let v = ExcerptVerifier().verify(quote.joined(separator: " "), in: Self.documents)
            #expect(v.verdict >= .approximate, "seed \(seed): \(quote)")
        }
        #expect(checked > 60)
    }

    @Test(arguments: [UInt64(11), 12, 13])
    func shuffledDocumentWordsAreNotFound(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let vocabulary = Array(Set(Self.documents.flatMap { $0.segments[0].layers.words })).sorted()
        for _ in 0..<30 {
            let quote = (0..<10).map { _ in vocabulary.randomElement(using: &rng)! }
            let v = ExcerptVerifier().verify(quote.joined(separator: " "), in: Self.documents)
            #expect(v.verdict == .notFound, "seed \(seed): \(quote)")
        }
    }
}

/// Random text made of the characters the rules care about: whatever comes in, grading must not
/// crash, and each grade's promise must hold for the stretch it reports.
@Suite struct VerificationFuzzTests {
    static let alphabet: [String] = ["a", "b", "c", "ab", "ba", "the", "Ab", " ", " ", " ", "\n", "\r\n", "-", "-\n", "—", "…", "...", ". . .", ".",
                                     ",", "[", "]", "(", ")", "[sic]", "[…]", "“", "”", "’", "'", "\"", "\u{00AD}", "\u{200B}", "\u{00A0}",
                                     "é", "e\u{301}", "а", "ё", "ß", "SS", "ﬁ", "港", "口", "ท่", "1", "l", "rn", "m", "> ", "\u{1F6A2}"]

    static func randomText(_ rng: inout SeededGenerator, _ length: Int) -> String {
        (0..<length).map { _ in alphabet.randomElement(using: &rng)! }.joined()
    }

    @Test(arguments: [UInt64(21), 22, 23, 24])
    func gradesKeepTheirPromises(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let documents = (0..<4).map { i in
            PreparedText(SearchableText(id: "d\(i)", seq: i, text: Self.randomText(&rng, 300).precomposedForTest))
        }
        for _ in 0..<80 {
            let excerpt: String
            if Bool.random(using: &rng) {
                // A stretch of a document, maybe altered.
                let text = Array(documents.randomElement(using: &rng)!.segments[0].layers.text.unicodeScalars)
                let a = Int.random(in: 0..<text.count, using: &rng)
                let b = min(text.count, a + Int.random(in: 1...40, using: &rng))
                var v = String.UnicodeScalarView(); v.append(contentsOf: text[a..<b])
                excerpt = Bool.random(using: &rng) ? String(v) : String(v) + Self.randomText(&rng, 2)
            } else {
                excerpt = Self.randomText(&rng, Int.random(in: 0...25, using: &rng))
            }
            let result = ExcerptVerifier().verify(excerpt, in: documents)
            #expect(result.verdict == (result.matches.first?.verdict ?? .notFound))
            for m in result.matches {
                #expect(m.start <= m.end && m.count >= 1)
                switch m.verdict {
                case .exact:
                    #expect(m.text == result.excerpt, "seed \(seed): \(excerpt.debugDescription)")
                case .normalized:
                    #expect(TextLayers(m.text).normalizedText == TextLayers(result.excerpt).normalizedText, "seed \(seed): \(excerpt.debugDescription)")
                case .approximate:
                    #expect(m.score >= 0.8)
                default:
                    #expect(m.score == 1.0)
                }
            }
        }
    }
}
