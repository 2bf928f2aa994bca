import Foundation
import Testing
import ContentHash

/// HMAC-SHA256 against RFC 4231's published vectors (`Vectors/hmac_sha256_rfc4231.json`) and
/// against `openssl mac`, run by the test.
@Suite struct HMACTests {
    struct Case: Decodable, CustomTestStringConvertible {
        var `case`: Int
        var key: String
        var data: String
        var mac: String
        var testDescription: String { "RFC 4231 case \(self.case)" }
    }

    static let cases: [Case] = {
        struct File: Decodable { var cases: [Case] }
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Vectors/hmac_sha256_rfc4231.json")
        guard let data = try? Data(contentsOf: url), let file = try? JSONDecoder().decode(File.self, from: data) else { return [] }
        return file.cases
    }()

    @Test func vectorsLoaded() {
        #expect(Self.cases.map(\.case) == Array(1...7))
    }

    @Test(arguments: cases)
    func rfc4231(_ vector: Case) throws {
        let key = try #require(Hex.decode(vector.key)), data = try #require(Hex.decode(vector.data))
        // Case 5 publishes only the first 128 bits.
        let code = HMACSHA256.authenticationCode(for: data, key: key)
        #expect(Hex.encode(code).hasPrefix(vector.mac))
        #expect(code.count == 32)
        // Streamed in pieces, and again after a reset under the same key.
        var mac = HMACSHA256(key: key)
        for _ in 0..<2 {
            var offset = 0
            while offset < data.count {
                let end = min(data.count, offset + 7)
                mac.update(data[offset..<end])
                offset = end
            }
            #expect(Hex.encode(mac.finalizeAndReset()).hasPrefix(vector.mac))
        }
    }

    /// Random keys and messages (empty key and message included) against `openssl mac`.
    @Test func againstOpenSSLCommand() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/openssl") else { return }
        for (keyLength, messageLength) in [(0, 0), (32, 0), (32, 32), (64, 100), (65, 1000)] {
            let key = SecureRandom.bytes(keyLength), message = SecureRandom.bytes(messageLength)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
            process.arguments = ["mac", "-digest", "SHA256", "-macopt", "hexkey:\(Hex.encode(key))", "HMAC"]
            let input = Pipe(), output = Pipe()
            process.standardInput = input
            process.standardOutput = output
            try process.run()
            input.fileHandleForWriting.write(Data(message))
            try input.fileHandleForWriting.close()
            let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            let expected = printed.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
            if keyLength == 0 && expected.isEmpty { continue }  // some openssl builds refuse an empty hex key
            #expect(Hex.encode(HMACSHA256.authenticationCode(for: message, key: key)) == expected, "key \(keyLength) bytes, message \(messageLength)")
        }
    }
}
