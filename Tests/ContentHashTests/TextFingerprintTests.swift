import Testing
@testable import ContentHash

/// `text_sha256` is SHA-256 of the L2 text; the streaming fingerprint must agree with the L2
/// that the layers build, and with a hand-derived L2 hashed by Python's hashlib.
@Suite struct TextFingerprintTests {
    /// “a”—b, two no-break spaces, the ﬁ ligature, a soft hyphen, a line break and an ellipsis:
    /// L2 is `"a"-b fix ... ok` (quote marks and dash unified, the soft hyphen removed, NFKC,
    /// white space runs to one space). Its SHA-256, from Python's hashlib:
    /// `hashlib.sha256('"a"-b fix ... ok'.encode()).hexdigest()`.
    @Test func handDerivedL2() {
        let text = "\u{201C}a\u{201D}\u{2014}b\u{00A0}\u{00A0}\u{FB01}\u{00AD}x\n\t\u{2026} ok"
        #expect(TextFingerprint.textSHA256(ofL1: text).hex == "24c3ceb5a0a621ebc94a4dfccc7bc2839b7e750b17df13dc9c7b8659df468a2b")
    }

    @Test(arguments: 0..<40)
    func streamingAgreesWithTheLayers(seed: Int) {
        let alphabet: [Unicode.Scalar] = [
            "a", "b", "Z", "é", "e", "\u{301}", " ", "\n", "\r", "\t", "\u{00A0}", "\u{2003}", "\u{201C}", "\u{201D}",
            "\u{2018}", "\u{00AB}", "-", "\u{2013}", "\u{2212}", "\u{00AD}", "\u{200B}", "\u{FEFF}", "\u{FB01}", "\u{2026}",
            "\u{FF21}", "\u{1100}", "\u{1161}", "\u{AC00}", "\u{0915}", "\u{094D}", "水", "ß", "\u{0130}", ".", ",",
        ]
        var state = UInt64(seed) &* 0x9E37_79B9_7F4A_7C15 &+ 1
        var scalars = String.UnicodeScalarView()
        for _ in 0..<(200 + seed * 50) {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            scalars.append(alphabet[Int(state >> 33) % alphabet.count])
        }
        let text = String(scalars).precomposedL1
        #expect(TextFingerprint.textSHA256(ofL1: text) == SHA256.hash(TextLayers(text).normalizedText))
    }

    @Test func ownTextsAgreeWithTheLayers() {
        for text in [OwnTexts.harbourMinutes, OwnTexts.pressNote, OwnTexts.avisoEs, OwnTexts.noticeRu] {
            #expect(TextFingerprint.textSHA256(ofL1: text) == SHA256.hash(TextLayers(text).normalizedText))
        }
    }
}

private extension String {
    /// L1 is NFC, as decoding makes it.
    var precomposedL1: String {
        guard case .text(let text) = TextDocument.decode(bytes: Array(utf8)) else { return self }
        return text
    }
}
