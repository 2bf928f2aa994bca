import Foundation
import Testing
import ContentHash

/// SHA-256 against published vectors and against the `openssl` command run by the test.
@Suite struct SHA256Tests {
    /// FIPS 180-4 examples (NIST CSRC "Example Algorithms", SHA256.pdf and SHA2_Additional.pdf).
    static let vectors: [(message: String, digest: String)] = [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        ("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
         "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"),
    ]

    @Test(arguments: vectors.indices)
    func fipsVector(_ index: Int) {
        let (message, digest) = Self.vectors[index]
        #expect(SHA256.hash(message).hex == digest)
        #expect(SHA256.hash(Array(message.utf8)).hex == digest)
        var hasher = SHA256()
        for byte in message.utf8 { hasher.update([byte]) }
        #expect(hasher.finalize().hex == digest)
    }

    /// FIPS 180-4: one million repetitions of "a", fed in uneven pieces.
    @Test func millionA() {
        let expected = "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"
        let million = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        #expect(SHA256.hash(million).hex == expected)
        var hasher = SHA256()
        var offset = 0, step = 1
        while offset < million.count {
            let end = min(million.count, offset + step)
            hasher.update(million[offset..<end])
            offset = end
            step = step * 3 % 65_537 + 1
        }
        #expect(hasher.finalize().hex == expected)
    }

    /// Any split of the input gives the one-shot digest; `finalizeAndReset` starts over.
    @Test func chunkedEqualsOneShot() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<50 {
            let count = Int.random(in: 0...5_000, using: &generator)
            let bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let expected = SHA256.hash(bytes)
            var hasher = SHA256()
            var offset = 0
            while offset < count {
                let end = min(count, offset + Int.random(in: 0...300, using: &generator))
                bytes[offset..<end].withUnsafeBytes { hasher.update($0) }
                offset = end
            }
            #expect(hasher.finalizeAndReset() == expected)
            hasher.update(bytes)
            #expect(hasher.finalize() == expected)
        }
    }

    /// Files around the 1 MiB read size, hashed in constant memory, against `openssl dgst -sha256`.
    @Test(arguments: [0, 1, (1 << 20) - 1, 1 << 20, (1 << 20) + 1, 5 * (1 << 20) + 12_345])
    func fileMatchesOpenSSL(_ size: Int) throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sha256-\(UUID().uuidString).bin")
        defer { try? FileManager.default.removeItem(at: url) }
        var generator = SystemRandomNumberGenerator()
        var bytes = [UInt8](repeating: 0, count: size)
        bytes.withUnsafeMutableBytes { buffer in
            var index = 0
            while index < size {
                var word = generator.next()
                let take = min(8, size - index)
                withUnsafeBytes(of: &word) { buffer[index..<index + take].copyBytes(from: $0.prefix(take)) }
                index += take
            }
        }
        try Data(bytes).write(to: url)

        var seen = 0
        let digest = try SHA256.hash(fileAt: url.path) { chunk in
            #expect(chunk.count <= SHA256.fileChunkSize)
            seen += chunk.count
        }
        #expect(digest.byteCount == size)
        #expect(seen == size)
        #expect(digest.sha256 == SHA256.hash(bytes))
        #expect(digest.sha256.hex == (try Self.openssl(url.path)))
    }

    @Test func missingFileIsAFileError() {
        #expect(throws: FileError.self) { try SHA256.hash(fileAt: "/nonexistent/\(UUID().uuidString)") }
        do {
            _ = try SHA256.hash(fileAt: "/nonexistent/file")
        } catch {
            #expect(error.isMissing)
            #expect(error.description.hasPrefix("cannot open /nonexistent/file"))
        }
    }

    @Test func digestHexRoundTrip() throws {
        let digest = SHA256.hash("abc")
        #expect(SHA256Digest(hex: digest.hex) == digest)
        #expect(SHA256Digest(hex: digest.hex.uppercased()) == digest)
        #expect(SHA256Digest(hex: "abc") == nil)
        #expect(SHA256Digest(bytes: [1, 2, 3]) == nil)
    }

    /// `openssl dgst -sha256 -r FILE`, the first field.
    static func openssl(_ path: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["openssl", "dgst", "-sha256", "-r", path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0)
        return String(String(decoding: output, as: UTF8.self).prefix(64))
    }
}
