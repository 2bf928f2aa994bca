import Testing
import ContentHash

/// Decoding rules of spec/excerpt-verification.md, on byte fixtures made here.
@Suite struct TextDecodingTests {
    private func text(_ bytes: [UInt8]) -> String? {
        if case .text(let t) = TextDocument.decode(bytes: bytes) { return t }
        return nil
    }

    @Test func utf8WithAndWithoutBOM() {
        #expect(text(Array("Velmora quay".utf8)) == "Velmora quay")
        #expect(text([0xEF, 0xBB, 0xBF] + Array("Velmora “quay”".utf8)) == "Velmora “quay”")
    }

    @Test func utf16LittleAndBigEndianWithBOM() {
        let sample = "Quay — “north” €"
        let units = Array(sample.utf16)
        let le: [UInt8] = [0xFF, 0xFE] + units.flatMap { u -> [UInt8] in [UInt8(u & 0xFF), UInt8(u >> 8)] }
        let be: [UInt8] = [0xFE, 0xFF] + units.flatMap { u -> [UInt8] in [UInt8(u >> 8), UInt8(u & 0xFF)] }
        #expect(text(le) == sample)
        #expect(text(be) == sample)
    }

    @Test func utf16SurrogatePairs() {
        let sample = "ship 🚢 ok"
        let le: [UInt8] = [0xFF, 0xFE] + Array(sample.utf16).flatMap { u -> [UInt8] in [UInt8(u & 0xFF), UInt8(u >> 8)] }
        #expect(text(le) == sample)
    }

    @Test func utf32LittleAndBigEndianWithBOM() {
        let sample = "Пристань 🚢"
        let values = sample.unicodeScalars.map(\.value)
        let le: [UInt8] = [0xFF, 0xFE, 0, 0] + values.flatMap { v in (0..<4).map { UInt8((v >> (8 * $0)) & 0xFF) } }
        let be: [UInt8] = [0, 0, 0xFE, 0xFF] + values.flatMap { v in (0..<4).reversed().map { UInt8((v >> (8 * $0)) & 0xFF) } }
        #expect(text(le) == sample)
        #expect(text(be) == sample)
    }

    @Test func windows1252WhenNotUTF8() {
        // 0x93 0x94 curly double quotes, 0x80 euro sign, 0x96 en dash, 0xE9 é.
        let bytes: [UInt8] = [0x93] + Array("tide".utf8) + [0x94, 0x20, 0x80, 0x35, 0x20, 0x96, 0x20, 0x63, 0x61, 0x66, 0xE9]
        #expect(text(bytes) == "“tide” €5 – café")
    }

    @Test func latin1ForTheFiveUndefinedBytes() {
        let bytes: [UInt8] = Array("north quay ".utf8) + [0x81, 0x8D, 0x8F, 0x90, 0x9D] + Array(" ok".utf8) + [0xFF]
        #expect(text(bytes) == "north quay \u{81}\u{8D}\u{8F}\u{90}\u{9D} ok\u{FF}")
    }

    @Test func nulInFirst8KiBIsBinary() {
        #expect(TextDocument.decode(bytes: Array("quay".utf8) + [0] + Array("side".utf8)) == .binary)
        // A NUL after the first 8 KiB does not make it binary.
        let late = [UInt8](repeating: 0x61, count: 8192) + [0]
        #expect(text(late) != nil)
        // UTF-16 text with a BOM is full of NUL bytes and still text.
        #expect(text([0xFF, 0xFE, 0x61, 0x00, 0x62, 0x00]) == "ab")
    }

    @Test func mostlyControlCharactersIsBinary() {
        #expect(TextDocument.decode(bytes: [0x01, 0x02, 0x03, 0x41, 0x04, 0x05]) == .binary)
        #expect(text([0x41, 0x42, 0x09, 0x0A, 0x43, 0x0D, 0x0A]) == "AB\t\nC\r\n")
    }

    @Test func textIsNFC() {
        #expect(text(Array("pedira\u{301}".utf8)) == "pedir\u{E1}")
    }

    @Test func fingerprintHashesTheL2Text() {
        let l1 = "“Quay”\u{00A0}north — 40\u{00AD}m…"
        let l2 = "\"Quay\" north - 40m..."
        #expect(TextLayers(l1).normalizedText == l2)
        #expect(TextFingerprint.textSHA256(ofL1: l1) == SHA256.hash(l2))
        #expect(TextFingerprint.textSHA256(of: Array(l1.utf8)) == SHA256.hash(l2))
        #expect(TextFingerprint.textSHA256(of: [0x41, 0x00]) == nil)
    }
}
