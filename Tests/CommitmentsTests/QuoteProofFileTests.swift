import Foundation
import Testing
@testable import Commitments
import LeakLedger
import QuoteProof

/// The proof file: made from a real ledger's receipt, written, read back strictly, verified
/// offline; every change to it fails the check that guards that part.
@Suite struct QuoteProofFileTests {
    static let quote = "The Commission “reaffirms its commitment to the open quay policy”"
    static let edited = "The Commission “reaffirms its commitment” … and will not re-open the northern basin … [until] the inspection of the seawall"

    @Test func roundTrip() throws {
        let fixture = try QuoteLedger()
        defer { fixture.remove() }
        let file = try fixture.proof(of: Self.quote)
        #expect(file.json["format"]?.string == "leakledger-quote-proof/v1")
        let read = try QuoteProofFile(bytes: Array(file.text.utf8))
        #expect(read == file)
        let verified = try read.verify(trusting: fixture.keys)
        #expect(verified.document == "memo")
        #expect(verified.title == "Harbour Commission memorandum")
        #expect(verified.textSHA256 == TextFingerprint.textSHA256(ofL1: fixture.text).hex)
        #expect(verified.registered == fixture.registration.time)
        #expect(verified.stretches == ["The Commission \"reaffirms its commitment to the open quay policy\""])
        let words = TextLayers(fixture.text).normalizedWords
        let first = verified.ranges[0].first
        #expect(verified.ranges[0].words.map(\.text) == words[first..<(first + 10)].map(\.text))
        #expect(verified.commitment.wordCount == words.count)
        // The printed quote, graded against the revealed words (L2: curly marks are straight there).
        let grade = try #require(verified.grade(Self.quote))
        #expect(grade.verdict == .normalized)
        #expect(!grade.differences.isEmpty && grade.differences.allSatisfy { $0.kind == .quoteMark })
        #expect(verified.grade("The Commission reaffirms its commitment to the closed quay policy")?.verdict == .approximate)
        #expect(verified.grade("the northern basin") == nil)
    }

    /// An edited quote: one range per part, the extension's format, hidden words named.
    @Test func editedQuote() throws {
        let fixture = try QuoteLedger()
        defer { fixture.remove() }
        let file = try fixture.proof(of: Self.edited)
        #expect(file.json["format"]?.string == "leakledger-quote-proof/v1-ranges")
        let verified = try QuoteProofFile(bytes: Array(file.text.utf8)).verify(trusting: fixture.keys)
        #expect(verified.stretches == ["The Commission \"reaffirms its commitment", "and will not re-open the northern basin", "the inspection of the seawall"])
        #expect(verified.hiddenWords(after: 0) == 8)
        #expect(verified.hiddenWords(after: 1) == 1)
        let grade = try #require(verified.grade(Self.edited))
        #expect(grade.verdict == .edited)
        let elisions = grade.differences.filter { $0.kind == .elision }
        #expect(elisions.map(\.document) == ["⟨8 hidden words⟩", "⟨1 hidden word⟩"])
        // A bracketed insertion is held to the hidden words' count: 8 words are too many for "[and]".
        #expect(verified.grade("The Commission “reaffirms its commitment” [and] and will not re-open the northern basin")?.verdict != .edited)
    }

    /// Every part of the file, changed, fails the check that guards it; so does another key.
    @Test func tampering() throws {
        let fixture = try QuoteLedger()
        defer { fixture.remove() }
        let file = try fixture.proof(of: Self.quote)
        let n = file.proof.ranges[0].words.count
        func check(_ change: (inout QuoteProofFile) -> Void, _ expected: Set<CommitmentError.Check>, _ label: String,
                   keys: [TrustedKey]? = nil) {
            var changed = file
            change(&changed)
            do {
                // Through the file's text, as a verifier reads it.
                let read = try QuoteProofFile(bytes: Array(changed.text.utf8))
                _ = try read.verify(trusting: keys ?? fixture.keys)
                Issue.record("\(label): verified")
            } catch {
                #expect(error.failedCheck.map(expected.contains) == true, "\(label): \(error.message)")
            }
        }
        check({ $0.proof.ranges[0].words[2].text = "reaffirmed" }, [.root], "a word")
        check({ $0.proof.ranges[0].words[0].text += "s" }, [.root], "a letter added")
        check({ $0.proof.ranges[0].words[1].salt[0] ^= 1 }, [.root], "a salt")
        check({ $0.proof.ranges[0].words.swapAt(0, 1) }, [.root], "two words swapped")
        check({ $0.proof.ranges[0].first += 1 }, [.root, .hashes], "the position")
        check({ $0.proof.ranges[0].first = 10_000 }, [.bounds], "a position past N")
        check({ $0.proof.ranges[0].words.removeLast() }, [.root, .hashes], "a word dropped")
        check({ $0.proof.ranges[0].words[n - 1].text = "" }, [.format], "an empty word")
        check({ $0.proof.ranges[0].words[0].text = "two words" }, [.format], "a word with a space")
        check({ $0.proof.hashes[0] = SHA256.hash("forged") }, [.root], "a hash")
        check({ $0.proof.hashes.removeLast() }, [.hashes], "a hash dropped")
        check({ $0.proof.hashes.append(SHA256.hash("extra")) }, [.hashes], "a hash added")
        check({ $0.proof.hashes.swapAt(0, $0.proof.hashes.count - 1) }, [.root], "hashes reordered")
        check({ $0.receipt = $0.receipt.replacingOccurrences(of: "index 1", with: "index 2") }, [.receipt], "the receipt's index")
        check({ $0.receipt = String($0.receipt.dropLast(30)) + String(repeating: "A", count: 29) + "\n" }, [.receipt], "the checkpoint's signature")
        check({ $0.receipt = try! Self.otherEntry(fixture) }, [.entry], "a receipt for another entry")
        check({ _ in }, [.receipt], "another ledger's key", keys: [TrustedKey(verifier: try! NoteSigner.generate(name: "news.example/harbour-desk").verifier)])
        // The entry itself, changed inside the receipt: its leaf no longer leads to the root.
        check({ file in
            let receipt = try! Receipt(text: file.receipt)
            let changed = String(decoding: receipt.entryBytes!, as: UTF8.self).replacingOccurrences(of: "\"quote_words\":", with: "\"quote_words\":1")
            file.receipt = Receipt(index: receipt.index, proof: receipt.proof, entryBytes: Array(changed.utf8), signedCheckpoint: receipt.signedCheckpoint).text
        }, [.receipt], "quote_words inside the receipt")
    }

    /// A registration without a commitment (before this change, or without text) says so.
    @Test func registrationWithoutCommitment() throws {
        let fixture = try QuoteLedger(commitment: false)
        defer { fixture.remove() }
        do {
            _ = try fixture.proof(of: Self.quote)
            Issue.record("a proof was made for a registration without commitment")
        } catch let error as CommitmentError {
            #expect(error.failedCheck == .entry)
            #expect(error.message.contains("without text, or before commitments"))
        }
    }

    /// The prover refuses a secret or a text that does not make the registered commitment.
    @Test func wrongSecretOrText() throws {
        let fixture = try QuoteLedger()
        defer { fixture.remove() }
        let match = try #require(ExcerptVerifier().verify(Self.quote, in: [SearchableText(id: "memo", seq: 1, text: fixture.text)]).matches.first)
        for prover in [QuoteProver(l1Text: fixture.text, secret: DocumentSecret()),
                       QuoteProver(l1Text: fixture.text + " Postscript.", secret: fixture.secret)] {
            do {
                _ = try QuoteProofFile.make(receipt: fixture.receipt(), prover: prover, match: match)
                Issue.record("a proof was made with the wrong secret or text")
            } catch let error as CommitmentError {
                #expect(error.failedCheck == .root)
                #expect(error.message.contains("not this document's, or the text is not the one registered"))
            }
        }
    }

    /// Hostile files: each is refused with a `format` (or `hashes`) failure, never a crash.
    @Test(arguments: [
        "", "null", "[]", "\"text\"", "{}", "{\"format\":1}", "{\"format\":\"leakledger-quote-proof/v9\"}",
        "{\"format\":\"leakledger-quote-proof/v1\",\"receipt\":\"r\",\"first\":0,\"words\":[],\"hashes\":[]}",
        "{\"format\":\"leakledger-quote-proof/v1\",\"receipt\":\"r\",\"first\":-1,\"words\":[{\"salt\":\"\",\"text\":\"a\"}],\"hashes\":[]}",
        "{\"format\":\"leakledger-quote-proof/v1\",\"receipt\":\"r\",\"first\":1.5,\"words\":[{\"salt\":\"\",\"text\":\"a\"}],\"hashes\":[]}",
        "{\"format\":\"leakledger-quote-proof/v1\",\"receipt\":\"r\",\"first\":99999999999999999999999,\"words\":[],\"hashes\":[]}",
        "{\"format\":\"leakledger-quote-proof/v1\",\"receipt\":\"r\",\"first\":0,\"words\":[{\"salt\":\"AAAA\",\"text\":\"a\"}],\"hashes\":[]}",
        "{\"format\":\"leakledger-quote-proof/v1\",\"receipt\":\"r\",\"first\":0,\"words\":[{\"salt\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\",\"text\":\"a\",\"x\":1}],\"hashes\":[]}",
        "{\"format\":\"leakledger-quote-proof/v1\",\"receipt\":\"r\",\"first\":0,\"words\":[{\"salt\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\",\"text\":\"a\"}],\"hashes\":[\"AA==\"]}",
        "{\"format\":\"leakledger-quote-proof/v1\",\"receipt\":\"r\",\"first\":0,\"words\":[{\"salt\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\",\"text\":\"a\"}],\"hashes\":[],\"extra\":0}",
        "{\"format\":\"leakledger-quote-proof/v1\",\"format\":\"leakledger-quote-proof/v1\"}",
        "{\"format\":\"leakledger-quote-proof/v1-ranges\",\"receipt\":\"r\",\"ranges\":[],\"hashes\":[]}",
        "{\"format\":\"leakledger-quote-proof/v1-ranges\",\"receipt\":\"r\",\"ranges\":[{\"first\":0}],\"hashes\":[]}",
        String(repeating: "[", count: 100_000),
    ])
    func hostileFile(_ text: String) {
        do {
            let file = try QuoteProofFile(bytes: Array(text.utf8))
            _ = try file.verify(trusting: [])
            Issue.record("a hostile file verified")
        } catch {
            #expect(error.failedCheck != nil)
        }
    }

    /// Thousands of random byte changes to a valid file: each is refused or (when it only
    /// touches JSON syntax that reads the same) verifies to the same words; none crashes.
    @Test func randomMutations() throws {
        let fixture = try QuoteLedger()
        defer { fixture.remove() }
        let file = try fixture.proof(of: Self.quote)
        let bytes = Array(file.text.utf8)
        let words = try file.verify(trusting: fixture.keys).stretches
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            var changed = bytes
            for _ in 0..<Int.random(in: 1...3, using: &generator) {
                let i = Int.random(in: 0..<changed.count, using: &generator)
                switch Int.random(in: 0..<3, using: &generator) {
                case 0: changed[i] = UInt8.random(in: 0...255, using: &generator)
                case 1: changed.remove(at: i)
                default: changed.insert(UInt8.random(in: 32...126, using: &generator), at: i)
                }
            }
            do {
                let verified = try QuoteProofFile(bytes: changed).verify(trusting: fixture.keys)
                #expect(verified.stretches == words)
            } catch {
                #expect(error.failedCheck != nil)
            }
        }
    }

    /// A receipt for the ledger's first entry (not a registration).
    static func otherEntry(_ fixture: QuoteLedger) throws -> String {
        try fixture.ledger.receipt(seq: 0).text
    }
}

/// prove-quote's core, from the text, the secret and the receipt.
@Suite struct ProveQuoteTests {
    @Test func provesOrSaysNotFound() throws {
        let fixture = try QuoteLedger()
        defer { fixture.remove() }
        let made = try #require(try QuoteProofFile.prove(quote: "will not re-open the northern basin", l1Text: fixture.text,
                                                        receipt: fixture.receipt(), secret: fixture.secret))
        #expect(made.match.verdict == .exact)
        #expect(try made.file.verify(trusting: fixture.keys).stretches == ["will not re-open the northern basin"])
        #expect(try QuoteProofFile.prove(quote: "the southern basin was sold", l1Text: fixture.text, receipt: fixture.receipt(), secret: fixture.secret) == nil)
        // Without the document's own secret: refused before any file exists.
        #expect(throws: CommitmentError.self) {
            try QuoteProofFile.prove(quote: "will not re-open the northern basin", l1Text: fixture.text, receipt: fixture.receipt(), secret: DocumentSecret())
        }
    }
}
