import Foundation
import Testing
@testable import Commitments
import LeakLedger

/// The commitment of section 1, made three ways in Swift and once in Python.
@Suite struct QuoteCommitmentTests {
    static let texts = [
        Fixtures.memo,
        "one",
        "  spaced\u{3000}out\u{2028}text\u{A0}with\u{2009}odd\u{0085}spaces  ",
        "“Quoted” ‘single’ «guillemets» ‹single› „low“ ‚low‘ ″prime″ ＂fullwidth＂ − minus – en — em",
        "zero\u{200B}width, soft\u{AD}hyphen, bidi\u{200E}mark, ﬁ ﬂ ligatures, ½ ㎒ ① compatibility",
        "Ελληνικά κείμενα και русский текст, עברית, العربية, 日本語の文章",
        "e\u{301}te\u{301} combining accents, x\u{A8}y spacing diaeresis",
    ]

    /// Streaming (register), from words, and from the tree all give one commitment, and
    /// the streaming pass returns the text's own `text_sha256`.
    @Test(arguments: texts)
    func threeWaysAgree(_ text: String) throws {
        let (digest, streamed) = QuoteCommitment.make(l1Text: text, secret: Fixtures.secret)
        #expect(digest == TextFingerprint.textSHA256(ofL1: text))
        let words = TextLayers(text).normalizedWords.map(\.text)
        let fromWords = try #require(QuoteCommitment.make(words: words, secret: Fixtures.secret))
        let prover = QuoteProver(l1Text: text, secret: Fixtures.secret)
        #expect(streamed == fromWords)
        #expect(prover.commitment == fromWords)
        #expect(fromWords.wordCount == words.count)
        #expect(fromWords.scheme == "l2-words-v1")
    }

    /// No words, no commitment (the members are left out).
    @Test(arguments: ["", " \n\t ", "\u{200B}\u{AD}"])
    func noWords(_ text: String) {
        #expect(QuoteCommitment.make(l1Text: text, secret: Fixtures.secret).commitment == nil)
        #expect(QuoteProver(l1Text: text, secret: Fixtures.secret).commitment == nil)
    }

    /// The salt of section 1, by hand from its definition.
    @Test func saltDefinition() {
        let message = Array("leakledger/quote-salt/v1".utf8) + [0, 0, 0, 0, 0, 0, 0x01, 0x02]
        #expect(QuoteScheme.salt(at: 258, secret: Fixtures.secret) == HMACSHA256.authenticationCode(for: message, key: Array(0..<32)))
        let prover = QuoteProver(l1Text: "alpha beta", secret: Fixtures.secret)
        let salt = QuoteScheme.salt(at: 1, secret: Fixtures.secret)
        #expect(prover.tree.leafHash(1) == SHA256.hash([0] + salt + Array("beta".utf8)))
    }

    /// A different secret makes a different root over the same words.
    @Test func secretMatters() throws {
        let a = try #require(QuoteCommitment.make(l1Text: Fixtures.memo, secret: Fixtures.secret).commitment)
        let b = try #require(QuoteCommitment.make(l1Text: Fixtures.memo, secret: DocumentSecret()).commitment)
        #expect(a.wordCount == b.wordCount)
        #expect(a.root != b.root)
    }

    /// The Python implementation, written from the spec alone, finds the same words and the
    /// same commitment.
    @Test(.enabled(if: QuotePython.available), arguments: texts)
    func pythonAgrees(_ text: String) throws {
        let words = try #require(try QuotePython.json(["words"], input: text) as? [String])
        #expect(words == TextLayers(text).normalizedWords.map(\.text))
        let secret = DocumentSecret()
        let python = try #require(try QuotePython.json(["commit", Hex.encode(secret.bytes)], input: text) as? [String: Any])
        let swift = try #require(QuoteCommitment.make(l1Text: text, secret: secret).commitment)
        #expect(python["quote_words"] as? Int == swift.wordCount)
        #expect(python["quote_root"] as? String == swift.rootBase64)
    }

    /// Body members read back; wrong members are `entry` failures; absent ones mean none.
    @Test func bodyMembers() throws {
        let c = try #require(QuoteCommitment.make(l1Text: Fixtures.memo, secret: Fixtures.secret).commitment)
        let read = try QuoteCommitment(scheme: c.scheme, words: c.wordCount, root: c.rootBase64)
        #expect(read == c)
        #expect(try QuoteCommitment(scheme: nil, words: nil, root: nil) == nil)
        for (scheme, words, root) in [("l2-words-v2", 3, c.rootBase64), (c.scheme, 0, c.rootBase64), (c.scheme, 3, "AAAA"),
                                      (c.scheme, 3, "not base64"), (nil, 3, c.rootBase64)] as [(String?, Int?, String?)] {
            #expect(throws: CommitmentError.self) { try QuoteCommitment(scheme: scheme, words: words, root: root) }
        }
    }
}

/// The C kernel (OpenSSL's SHA-256 without EVP, HMAC pads by hand) against EVP_MAC's HMAC and
/// EVP's SHA-256, over many secrets, indices and words; and a text of many batches.
@Suite struct QuoteKernelTests {
    @Test func saltsAndLeavesAgreeWithEVP() {
        for _ in 0..<20 {
            let secret = DocumentSecret()
            for index in [0, 1, 255, 256, 65_535, 1 << 32, Int.max] {
                var message = Array("leakledger/quote-salt/v1".utf8)
                for k in 0..<8 { message.append(UInt8(truncatingIfNeeded: UInt64(index) >> UInt64(56 - 8 * k))) }
                #expect(QuoteScheme.salt(at: index, secret: secret) == HMACSHA256.authenticationCode(for: message, key: secret.bytes))
            }
            let words = ["a", "policy.", String(repeating: "long", count: 40), "“curly”", "日本語"]
            let tree = QuoteTree(words: words, secret: secret)
            for (i, word) in words.enumerated() {
                #expect(tree.leafHash(i) == SHA256.hash([0] + QuoteScheme.salt(at: i, secret: secret) + Array(word.utf8)))
            }
        }
    }

    /// Over many batches (and threads), the streaming commitment, the tree and LeakLedger's
    /// Merkle root over the same leaves agree.
    @Test func manyBatches() throws {
        let words = (0..<50_000).map { "w\($0 % 977)" }
        let secret = DocumentSecret()
        let tree = QuoteTree(words: words, secret: secret)
        let streamed = try #require(QuoteCommitment.make(words: words, secret: secret))
        #expect(streamed.wordCount == 50_000)
        #expect(streamed.root == tree.root)
        #expect(tree.root == Merkle.root(of: (0..<words.count).map(tree.leafHash)))
        let text = words.joined(separator: "\n")
        #expect(QuoteCommitment.make(l1Text: text, secret: secret).commitment == streamed)
    }
}
