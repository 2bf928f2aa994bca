import Testing
import ContentHash

@Suite struct SHA256Tests {
    /// FIPS 180-4 example "abc" (NIST CSRC example values, SHA256.pdf).
    @Test func abc() {
        #expect(SHA256.hash("abc").hex == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }
}
