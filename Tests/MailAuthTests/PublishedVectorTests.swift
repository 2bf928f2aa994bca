import Foundation
import Testing
@testable import MailAuth

/// The published examples (Vectors/README.md): RFC 6376 Appendix A, RFC 8463 Appendix A and a
/// message from Exim's Ed25519 prototype, as printed, then changed.
@Suite struct PublishedVectorTests {
    static let files = ["rfc6376-appendix-a.eml", "rfc8463-appendix-a.eml", "exim-ed25519.eml"]

    @Test(arguments: files)
    func publishedExamplesPass(file: String) throws {
        let report = try DKIMVerifier(keys: Fixtures.publishedKeys()).verify(fileAt: Fixtures.path(file))
        #expect(!report.signatures.isEmpty)
        for verdict in report.signatures {
            #expect(verdict.result == .pass, "\(file) [\(verdict.index)]: \(verdict.reason)")
            #expect(verdict.bodyHashMatches == true && verdict.headerSignatureValid == true)
        }
        #expect(report.passed)
    }

    @Test func rfc6376ExampleIsReadAsPrinted() throws {
        let report = try DKIMVerifier(keys: Fixtures.publishedKeys()).verify(fileAt: Fixtures.path("rfc6376-appendix-a.eml"))
        let verdict = try #require(report.signatures.first)
        #expect(verdict.domain == "example.com" && verdict.selector == "brisbane")
        #expect(verdict.canonicalization == "simple/simple")
        #expect(verdict.signedHeaders == ["received", "from", "to", "subject", "date", "message-id"])
        #expect(verdict.identity == "joe@football.example.com")
        #expect(verdict.keyType == "rsa" && verdict.keyBits == 1024)
        // From is joe@football.example.com, d= is example.com: the From domain is under d=.
        #expect(report.fromDomain == "football.example.com")
        #expect(verdict.fromAlignment == .subdomain && verdict.identityAlignment == .exact)
        #expect(report.messageDate.map(MailDate.rfc3339) == "2003-07-12T04:00:37Z")
        #expect(verdict.signedAt == nil)
    }

    @Test func rfc8463ExampleHasBothAlgorithms() throws {
        let report = try DKIMVerifier(keys: Fixtures.publishedKeys()).verify(fileAt: Fixtures.path("rfc8463-appendix-a.eml"))
        #expect(report.signatures.map(\.algorithm) == ["ed25519-sha256", "rsa-sha256"])
        #expect(report.signatures.map(\.selector) == ["brisbane", "test"])
        #expect(report.signatures.map(\.keyType) == ["ed25519", "rsa"])
        for verdict in report.signatures {
            // h= lists from, subject and date twice: over-signed, so a second one would break it.
            #expect(verdict.oversignedHeaders == ["date", "from", "subject"])
            #expect(verdict.signedAt == 1_528_637_909)
            #expect(verdict.unsignedHeaders == ["dkim-signature"])
        }
    }

    /// The key record's SHA-256 is of its text, chunks joined: checked with `openssl dgst`.
    @Test func keyHashIsTheJoinedRecordText() throws {
        let keys = try Fixtures.publishedKeys()
        let record = try #require(keys.records(named: "brisbane._domainkey.example.com").first)
        let joined = "v=DKIM1; p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDwIRP/UC3SBsEmGqZ9ZJW3/DkMoGeLnQg1fWn7/zYtIxN2SnFCjxOCKG9v3b4jYfcTNh5ijSsq631uBItLa7od+v/RtdC2UzJ1lWT947qR+Rcac2gbto/NMqJ0fzfVjH4OuKhitdY9tf6mcwGjaNBcWToIMmPSPDdQPNUYckcQ2QIDAQAB"
        #expect(record.text == Array(joined.utf8))
        #expect(record.sha256.hex == (try OpenSSL.sha256(Array(joined.utf8))))
        #expect(record.line == 4 && record.selector == "brisbane" && record.domain == "example.com")
        let report = try DKIMVerifier(keys: keys).verify(fileAt: Fixtures.path("rfc6376-appendix-a.eml"))
        #expect(report.signatures.first?.key == record)
        #expect(report.keyRecords == [record])
    }

    /// The same messages with line ends made LF, as a mail folder on Unix saves them.
    @Test(arguments: files)
    func bareLineFeedsStillPass(file: String) throws {
        let lf = try Fixtures.bytes(file).filter { $0 != 0x0D }
        let report = try Fixtures.verify(lf, keys: Fixtures.publishedKeys())
        #expect(report.signatures.allSatisfy { $0.result == .pass })
    }

    /// A changed body, a changed signed field, an added From: each fails, with the reason, and
    /// dkimpy says the same when it is installed.
    @Test(arguments: files)
    func changesFail(file: String) throws {
        let keys = try Fixtures.publishedKeys()
        let original = try Fixtures.bytes(file)
        let text = String(decoding: original, as: UTF8.self)
        let bodyChanged = Array(text.replacingOccurrences(of: "\r\n\r\nHi.\r\n", with: "\r\n\r\nHi!\r\n")
            .replacingOccurrences(of: "\r\n\r\ncontent", with: "\r\n\r\ncontents").utf8)
        let fromChanged = Array(text.replacingOccurrences(of: "From: Joe SixPack", with: "From: Jo SixPack")
            .replacingOccurrences(of: "From: nobody@", with: "From: somebody@").utf8)
        let fromAdded = Array(("From: Mallory <mallory@example.net>\r\n" + text).utf8)
        for (name, message) in [("body", bodyChanged), ("from", fromChanged), ("second From", fromAdded)] {
            let changed = message != original
            #expect(changed, "\(file): the \(name) change did not apply")
            let report = try Fixtures.verify(message, keys: keys)
            for verdict in report.signatures {
                #expect(verdict.result == .fail, "\(file), \(name): \(verdict.reason)")
            }
            if name == "body" {
                #expect(report.signatures.allSatisfy { $0.bodyHashMatches == false && $0.headerSignatureValid == true })
            }
            if DKIMPython.available {
                #expect(try DKIMPython.verdicts(message, keys: keys).allSatisfy { !$0 }, "dkimpy passes \(file) with its \(name) changed")
            }
        }
        if DKIMPython.available {
            #expect(try DKIMPython.verdicts(original, keys: keys).allSatisfy { $0 }, "dkimpy fails \(file)")
        }
    }
}

/// The `openssl` command, as an independent implementation of SHA-256.
enum OpenSSL {
    static func sha256(_ bytes: [UInt8]) throws -> String {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("mailauth-\(UUID().uuidString)")
        try Data(bytes).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["openssl", "dgst", "-sha256", "-r", file.path]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(String(decoding: data, as: UTF8.self).prefix(64))
    }
}
