import Foundation
import Testing
@testable import MailAuth

/// Agreement with dkimpy, the reference: `Vectors/dkim_corpus.py` signs fictional messages with
/// RSA 1024/2048/4096 and Ed25519 keys under all four canonicalizations, tampers with each (body,
/// signed header, trailing white space in body and header, an added field, an added over-signed
/// field, a field signed as absent, a second From, refolding, blank lines at the end, inner white
/// space, field-name case, LF line ends), adds l=, rsa-sha1, two signatures, a PKCS#1 key record and
/// a 512-bit key, and records dkimpy's verdict on every signature. Ours must be the same pass or
/// not-pass on every one; rsa-sha1, which dkimpy passes, must be weak.
@Suite(.enabled(if: DKIMPython.available, "needs python3 with dkimpy, PyNaCl and cryptography (.ci/run installs them)"))
struct DkimpyInteropTests {
    struct Case: Decodable {
        let file: String
        let dkimpy: [Bool]
        let weak: Bool
    }

    static func corpus() throws -> (folder: URL, cases: [Case], keys: DKIMKeyRing) {
        let folder = try DKIMPython.corpus.get()
        let cases = try JSONDecoder().decode([Case].self, from: Data(contentsOf: folder.appendingPathComponent("manifest.json")))
        return (folder, cases, try DKIMKeyRing.load(path: folder.appendingPathComponent("keys.txt").path))
    }

    @Test func sameVerdictAsDkimpyOnEveryMessage() throws {
        let (folder, cases, keys) = try Self.corpus()
        #expect(cases.count > 700)
        let verifier = DKIMVerifier(keys: keys)
        var disagreements = [String]()
        var passes = 0, failures = 0
        for entry in cases {
            let report = try verifier.verify(fileAt: folder.appendingPathComponent(entry.file).path)
            let ours = report.signatures.map(\.result)
            guard ours.count == entry.dkimpy.count else {
                disagreements.append("\(entry.file): \(ours.count) signatures, dkimpy \(entry.dkimpy.count)")
                continue
            }
            for (verdict, theirs) in zip(report.signatures, entry.dkimpy) {
                let agrees = entry.weak ? (verdict.result == .weak) == theirs : (verdict.result == .pass) == theirs
                if !agrees { disagreements.append("\(entry.file) [\(verdict.index)]: ours \(verdict.result.rawValue) (\(verdict.reason)), dkimpy \(theirs)") }
                if theirs { passes += 1 } else { failures += 1 }
            }
        }
        #expect(disagreements.isEmpty, "\(disagreements.count) disagreements:\n\(disagreements.prefix(20).joined(separator: "\n"))")
        // Both answers occur often: the corpus is not one-sided.
        #expect(passes > 300 && failures > 300)
    }

    @Test func everyKeyTypeAndCanonicalizationPasses() throws {
        let (folder, _, keys) = try Self.corpus()
        for selector in ["rsa1024", "rsa2048", "rsa4096", "ed"] {
            for header in ["simple", "relaxed"] {
                for body in ["simple", "relaxed"] {
                    let file = folder.appendingPathComponent("memo-\(selector)-\(header)-\(body)-ok.eml").path
                    let verdict = try #require(try DKIMVerifier(keys: keys).verify(fileAt: file).signatures.first)
                    #expect(verdict.result == .pass, "\(file): \(verdict.reason)")
                    #expect(verdict.canonicalization == "\(header)/\(body)")
                    #expect(verdict.keyBits == (selector == "ed" ? 256 : Int(selector.dropFirst(3))))
                    // Signed but absent (Reply-To), over-signed (From, Subject), not signed (Received).
                    #expect(verdict.absentHeaders == ["reply-to"])
                    #expect(verdict.oversignedHeaders == ["from", "subject"])
                    #expect(verdict.unsignedHeaders.contains("received"))
                }
            }
        }
    }

    /// With l=, text added after the signed part leaves the signature passing: the report names
    /// the added bytes and shows them.
    @Test func lengthLimitedSignaturesNameTheAddedText() throws {
        let (folder, _, keys) = try Self.corpus()
        for selector in ["rsa2048", "ed"] {
            let file = folder.appendingPathComponent("length-\(selector)-relaxed-relaxed-appended.eml").path
            let verdict = try #require(try DKIMVerifier(keys: keys).verify(fileAt: file).signatures.first)
            #expect(verdict.result == .pass)
            // The signed body ended in two blank lines, which canonicalization set aside; with text
            // after them they count again. Relaxed drops the space at the end of "-- ".
            let added = "\r\n\r\n--\r\nUnsubscribe: reply STOP. Claim your prize now.\r\n"
            #expect(verdict.unsignedBodyBytes == added.utf8.count)
            #expect(verdict.unsignedBodyText == added)
            #expect(verdict.bodyLength.map { $0 + added.utf8.count } == verdict.bodyBytes)
            #expect(verdict.notes.contains { $0.contains("not signed") })
            let untouched = folder.appendingPathComponent("length-\(selector)-relaxed-relaxed-ok.eml").path
            let whole = try #require(try DKIMVerifier(keys: keys).verify(fileAt: untouched).signatures.first)
            #expect(whole.result == .pass && whole.unsignedBodyBytes == nil)
        }
    }

    @Test func weakSignaturesAreNamedSo() throws {
        let (folder, _, keys) = try Self.corpus()
        let sha1 = try #require(try DKIMVerifier(keys: keys).verify(fileAt: folder.appendingPathComponent("sha1-relaxed-relaxed-ok.eml").path).signatures.first)
        #expect(sha1.result == .weak && sha1.headerSignatureValid == true && sha1.reason.contains("SHA-1"))
        let small = try #require(try DKIMVerifier(keys: keys).verify(fileAt: folder.appendingPathComponent("rsa512-ok.eml").path).signatures.first)
        #expect(small.result == .weak && small.keyBits == 512 && small.reason.contains("1024"))
    }

    @Test func secondFromIsNamed() throws {
        let (folder, _, keys) = try Self.corpus()
        let verdict = try #require(try DKIMVerifier(keys: keys).verify(fileAt: folder.appendingPathComponent("memo-ed-relaxed-relaxed-from2.eml").path).signatures.first)
        // From is over-signed here, so the second From breaks the signature itself.
        #expect(verdict.result == .fail && verdict.headerSignatureValid == false)
    }
}
