import Foundation
import Testing
import LeakLedger

@Suite struct NoteTests {
    let vectors = NoteVectors.shared

    // MARK: Go's published example (golang.org/x/mod/sumdb/note)

    @Test func goExampleSignsByteForByte() throws {
        let go = vectors.go
        let signer = try NoteSigner(privateKeyText: go.private_key)
        #expect(signer.name == "PeterNeumann")
        #expect(signer.verifier.keyID == 0xc74f20a3)
        #expect(signer.verifier.verifierKey == go.verifier_key)
        #expect(signer.privateKeyText == go.private_key)
        #expect(signer.sign(go.text) == go.text + "\n" + go.signature_line + "\n")
    }

    @Test func goExampleVerifierKeyParsesAndManglingsFail() throws {
        let key = vectors.go.verifier_key
        let verifier = try NoteVerifier(verifierKey: key)
        #expect(verifier.name == "PeterNeumann" && verifier.keyID == 0xc74f20a3)
        #expect(verifier.verifierKey == key)
        // As Go's TestNewVerifier: every proper substring and every one-byte change fails.
        let bytes = Array(key.utf8)
        for i in 0...bytes.count {
            for j in (i + 1)..<(bytes.count + 1) where !(i == 0 && j == bytes.count) {
                let mangled = String(decoding: bytes[i..<j], as: UTF8.self)
                #expect(throws: LedgerError.self, "\(mangled)") { try NoteVerifier(verifierKey: mangled) }
            }
        }
        for i in bytes.indices {
            var changed = bytes
            changed[i] &+= 1
            let mangled = String(decoding: changed, as: UTF8.self)
            #expect(throws: LedgerError.self, "\(mangled)") { try NoteVerifier(verifierKey: mangled) }
        }
    }

    @Test func goExamplePrivateKeyManglingsFail() {
        let bytes = Array(vectors.go.private_key.utf8)
        for i in bytes.indices {
            var changed = bytes
            changed[i] &+= 1
            let mangled = String(decoding: changed, as: UTF8.self)
            #expect(throws: LedgerError.self, "\(mangled)") { try NoteSigner(privateKeyText: mangled) }
        }
        #expect(throws: LedgerError.self) { try NoteSigner(privateKeyText: String(decoding: bytes.dropLast(), as: UTF8.self)) }
    }

    @Test func goExampleOpenKeepsUnknownSignatures() throws {
        let go = vectors.go
        let peter = try NoteVerifier(verifierKey: go.verifier_key)
        let enoch = try NoteVerifier(verifierKey: go.enoch_verifier_key)
        let note = go.text + "\n" + go.signature_line + "\n" + go.enoch_signature_line + "\n"

        let one = try SignedNote.open(note, verifiers: [peter])
        #expect(one.text == go.text)
        #expect(one.signatures.map(\.name) == ["PeterNeumann"])
        #expect(one.unverifiedSignatures.map(\.keyID) == [0xaf0cfe78])
        #expect(one.noteText == note)

        let both = try SignedNote.open(note, verifiers: [peter, enoch])
        #expect(both.signatures.map(\.name) == ["PeterNeumann", "EnochRoot"])
        #expect(both.unverifiedSignatures.isEmpty)

        let none = #expect(throws: LedgerError.self) { try SignedNote.open(note, verifiers: []) }
        #expect(none?.kind == .tampered)
        let wrongKey = #expect(throws: LedgerError.self) { try SignedNote.open(go.text + "\n" + go.signature_line + "\n", verifiers: [enoch]) }
        #expect(wrongKey?.kind == .tampered)
    }

    @Test func goExampleRejectsBadNotes() throws {
        let go = vectors.go
        let peter = try NoteVerifier(verifierKey: go.verifier_key)
        let sig = go.signature_line + "\n"
        // A changed text, an invalid signature by a known key: tampered.
        let changedText = go.text.replacingOccurrences(of: "cryptography", with: "cryptographY") + "\n" + sig
        #expect((#expect(throws: LedgerError.self) { try SignedNote.open(changedText, verifiers: [peter]) })?.kind == .tampered)
        let index = sig.index(sig.startIndex, offsetBy: 60)
        let badSig = go.text + "\n" + sig[..<index] + "ABCD" + sig[index...]
        #expect((#expect(throws: LedgerError.self) { try SignedNote.open(badSig, verifiers: [peter]) })?.kind == .tampered)
        // Syntax errors, as Go's TestOpen: malformed.
        let malformed = [
            go.text,
            go.text + "\n",
            go.text + "\n" + String(sig.dropLast()),
            "\u{1}" + go.text + "\n" + sig,
            go.text + "\n" + "\u{2014} Bad Name x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=",
            go.text + "\n" + sig + "Unexpected line.\n",
            go.text + "\n" + String(repeating: sig, count: 101),
        ]
        for note in malformed {
            let error = #expect(throws: LedgerError.self, "\(note.debugDescription)") { try SignedNote.open(note, verifiers: [peter]) }
            #expect(error?.kind == .malformed, "\(note.debugDescription)")
        }
        // Repeated signatures by a known key are kept once.
        let repeated = try SignedNote.open(go.text + "\n" + sig + sig, verifiers: [peter])
        #expect(repeated.signatures.count == 1)
    }

    // MARK: Python cryptography vectors

    @Test func logKeyMatchesPython() throws {
        let log = vectors.log
        let signer = try NoteSigner(privateKeyText: log.private_key)
        #expect(signer.name == log.name)
        #expect(signer.privateKey.seed == Hex.decode(log.seed)!)
        #expect(String(signer.verifier.keyID, radix: 16).leftPadded(8) == log.key_id)
        #expect(signer.verifier.verifierKey == log.verifier_key)
        let rebuilt = NoteSigner(name: log.name, privateKey: Ed25519.PrivateKey(seed: Hex.decode(log.seed)!)!)
        #expect(rebuilt.privateKeyText == log.private_key)
        #expect(try NoteVerifier(verifierKey: log.verifier_key) == signer.verifier)
    }

    @Test func signedCheckpointMatchesPython() throws {
        let signer = try NoteSigner(privateKeyText: vectors.log.private_key)
        let checkpoint = Checkpoint(origin: vectors.checkpoint.origin, size: vectors.checkpoint.size,
                                    root: SHA256Digest(hex: vectors.checkpoint.root)!)
        #expect(checkpoint.text == vectors.checkpoint.text)
        #expect(try Checkpoint(text: vectors.checkpoint.text) == checkpoint)
        #expect(signer.sign(checkpoint.text) == vectors.signed_checkpoint)
        let note = try SignedNote.open(vectors.signed_checkpoint, verifiers: [signer.verifier])
        #expect(note.text == checkpoint.text)
    }

    @Test func cosignatureMatchesPython() throws {
        let witness = try NoteSigner(privateKeyText: vectors.witness.private_key)
        #expect(witness.verifier.algorithm == .cosignatureV1)
        #expect(witness.verifier.verifierKey == vectors.witness.verifier_key)
        #expect(witness.cosignatureLine(for: vectors.checkpoint.text, time: vectors.cosignature.time) == vectors.cosignature.line)

        let log = try NoteVerifier(verifierKey: vectors.log.verifier_key)
        let witnessKey = try NoteVerifier(verifierKey: vectors.witness.verifier_key)
        // The log key alone still verifies a cosigned checkpoint; the cosignature is kept.
        let logOnly = try SignedNote.open(vectors.cosigned_checkpoint, verifiers: [log])
        #expect(logOnly.signatures.count == 1 && logOnly.unverifiedSignatures.count == 1)
        let both = try SignedNote.open(vectors.cosigned_checkpoint, verifiers: [log, witnessKey])
        #expect(both.isSigned(by: log) && both.isSigned(by: witnessKey))
        #expect(both.signatures.last?.time == vectors.cosignature.time)
        // A cosignature is not a note signature: the witness's key as type 0x01 does not verify it.
        let asPlain = NoteVerifier(name: witnessKey.name, publicKey: witnessKey.publicKey)
        #expect(asPlain.keyID != witnessKey.keyID)
    }

    // MARK: Checkpoints

    @Test func checkpointsRoundTripWithExtensions() throws {
        let root = Merkle.leafHash(Array("fictional".utf8))
        let checkpoint = Checkpoint(origin: "leakledger.example/x", size: 1234567, root: root, extensions: ["ext one", "ext two"])
        #expect(checkpoint.text.hasSuffix("\next one\next two\n"))
        #expect(try Checkpoint(text: checkpoint.text) == checkpoint)
    }

    @Test(arguments: [
        "",
        "origin\n1\n",
        "origin\n1\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=",
        "\n1\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n",
        "origin\n01\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n",
        "origin\n-1\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n",
        "origin\n+1\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n",
        "origin\n99999999999999999999\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n",
        "origin\n1\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFV=\n",
        "origin\n1\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuA==\n",
        "origin\n1\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n\n",
        "origin\n1\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\next\u{7}\n",
    ])
    func malformedCheckpointsAreRejected(text: String) {
        let error = #expect(throws: LedgerError.self) { try Checkpoint(text: text) }
        #expect(error?.kind == .malformed)
    }

    @Test func emptyTreeCheckpointParses() throws {
        let checkpoint = try Checkpoint(text: "origin\n0\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n")
        #expect(checkpoint.size == 0 && checkpoint.root == Merkle.emptyRoot)
    }

    @Test func keyNamesFollowSignedNote() {
        #expect(NoteVerifier.isValidName("leakledger.example/elpais-2022"))
        for bad in ["", "a b", "a+b", "a\tb", "a\u{2003}b", "a\nb"] {
            #expect(!NoteVerifier.isValidName(bad), "\(bad.debugDescription)")
        }
        #expect(throws: LedgerError.self) { try NoteSigner.generate(name: "has space") }
    }

    @Test func generatedKeysRoundTrip() throws {
        let signer = try NoteSigner.generate(name: "leakledger.example/fresh")
        let again = try NoteSigner(privateKeyText: signer.privateKeyText)
        #expect(again.privateKey.seed == signer.privateKey.seed)
        #expect(try NoteVerifier(verifierKey: signer.verifier.verifierKey) == signer.verifier)
        let note = signer.sign("hello\n")
        #expect(try SignedNote.open(note, verifiers: [signer.verifier]).text == "hello\n")
        let other = try NoteSigner.generate(name: "leakledger.example/fresh")
        #expect((#expect(throws: LedgerError.self) { try SignedNote.open(note, verifiers: [other.verifier]) })?.kind == .tampered)
    }

    // MARK: Interop: Python's cryptography verifies what we sign

    @Test(.enabled(if: NotePython.hasCryptography, "needs python3 with the cryptography package"))
    func pythonVerifiesOurSignedCheckpoint() throws {
        let signer = try NoteSigner.generate(name: "leakledger.example/interop")
        let checkpoint = Checkpoint(origin: signer.name, size: 42, root: Merkle.leafHash(Array("fictional".utf8)))
        let note = signer.sign(checkpoint.text)
        let script = NoteVectors.folder.appendingPathComponent("note_verify.py").path
        let good = try NotePython.run([script, signer.verifier.verifierKey], input: Data(note.utf8))
        #expect(good.status == 0 && good.output == "ok\n", "\(good.output)")
        // And rejects it once one byte of the text changes.
        let bad = try NotePython.run([script, signer.verifier.verifierKey], input: Data(note.replacingOccurrences(of: "\n42\n", with: "\n43\n").utf8))
        #expect(bad.status == 1, "\(bad.output)")
    }
}

extension String {
    func leftPadded(_ width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
