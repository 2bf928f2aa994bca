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
