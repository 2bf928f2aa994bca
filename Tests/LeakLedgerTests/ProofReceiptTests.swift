import Foundation
import Testing
import LeakLedger

@Suite struct ProofReceiptTests {
    let log = TestLog.with(11)

    @Test func receiptsRoundTripAndVerifyForEveryEntry() throws {
        for index in 0..<log.entries.count {
            let receipt = try log.receipt(index)
            let text = receipt.text
            #expect(text.hasPrefix("c2sp.org/tlog-proof@v1\nextra "))
            #expect(text.contains("\nindex \(index)\n"))
            #expect(text.hasSuffix(log.signedCheckpoint))
            let parsed = try Receipt(text: text)
            #expect(parsed == receipt)
            #expect(try parsed.verify(verifiers: [log.signer.verifier]) == log.entries[index])
        }
    }

    @Test func formatFollowsTheSpec() throws {
        let receipt = try log.receipt(5)
        let lines = receipt.text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0] == "c2sp.org/tlog-proof@v1")
        #expect(lines[1] == "extra " + Data(log.entries[5]).base64EncodedString())
        #expect(lines[2] == "index 5")
        let proof = Merkle.inclusionProof(index: 5, size: 11, reader: log.store.read)
        #expect(lines[3..<(3 + proof.count)].map(String.init) == proof.map { Data($0.bytes).base64EncodedString() })
        #expect(lines[3 + proof.count] == "")
        #expect(lines[(4 + proof.count)...].joined(separator: "\n") == log.signedCheckpoint)
        // A receipt without the extra line parses (the spec makes it optional), but proves nothing here.
        let bare = Receipt(index: 5, proof: proof, entryBytes: nil, signedCheckpoint: log.signedCheckpoint)
        #expect(!bare.text.contains("extra"))
        let parsed = try Receipt(text: bare.text)
        #expect(parsed.entryBytes == nil)
        let error = #expect(throws: LedgerError.self) { try parsed.verify(verifiers: [log.signer.verifier]) }
        #expect(error?.kind == .malformed)
    }

    /// Changes one part of a receipt's text and expects verification to fail with `.tampered`.
    func expectTampered(_ text: String, _ reason: String, verifiers: [NoteVerifier]? = nil,
                        sourceLocation: SourceLocation = #_sourceLocation) {
        let error = #expect(throws: LedgerError.self, "\(reason)", sourceLocation: sourceLocation) {
            try Receipt(text: text).verify(verifiers: verifiers ?? [log.signer.verifier])
        }
        #expect(error?.kind == .tampered, "\(reason): \(error?.message ?? "")", sourceLocation: sourceLocation)
    }

    @Test func everyChangedFieldIsCaught() throws {
        let receipt = try log.receipt(6)
        let text = receipt.text

        // The index.
        for other in [0, 5, 7, 10, 11, 12] {
            expectTampered(text.replacingOccurrences(of: "\nindex 6\n", with: "\nindex \(other)\n"), "index \(other)")
        }
        // Each proof hash, replaced by another valid hash; one dropped, one added.
        for position in receipt.proof.indices {
            var changed = receipt
            changed.proof[position] = Merkle.leafHash(Array("other".utf8))
            expectTampered(changed.text, "proof hash \(position)")
            var shorter = receipt
            shorter.proof.remove(at: position)
            expectTampered(shorter.text, "proof without hash \(position)")
        }
        var longer = receipt
        longer.proof.append(Merkle.emptyRoot)
        expectTampered(longer.text, "proof with an extra hash")
        // Each entry byte (flipping one bit keeps it a byte string; base64 stays valid).
        for position in receipt.entryBytes!.indices {
            var changed = receipt
            changed.entryBytes![position] ^= 0x01
            expectTampered(changed.text, "entry byte \(position)")
        }
        var shortened = receipt
        shortened.entryBytes!.removeLast()
        expectTampered(shortened.text, "entry truncated")
        // Each checkpoint line: origin, size, root, and the signature itself.
        let checkpoint = log.checkpoint
        let body = checkpoint.text
        let forged = [
            Checkpoint(origin: checkpoint.origin + "x", size: checkpoint.size, root: checkpoint.root).text,
            Checkpoint(origin: checkpoint.origin, size: checkpoint.size + 1, root: checkpoint.root).text,
            Checkpoint(origin: checkpoint.origin, size: checkpoint.size, root: Merkle.emptyRoot).text,
            body + "extension\n",
        ]
        for forgedBody in forged {
            expectTampered(text.replacingOccurrences(of: body, with: forgedBody), "checkpoint \(forgedBody.debugDescription)")
        }
        let signatureLine = String(log.signedCheckpoint.split(separator: "\n").last!)
        let base64 = signatureLine.split(separator: " ").last!
        var signature = Array(Data(base64Encoded: String(base64))!)
        signature[20] ^= 0x80
        expectTampered(text.replacingOccurrences(of: base64, with: Data(signature).base64EncodedString()), "signature byte")
        // A wrong key: another log's key, and the right name with another key.
        let other = TestLog(origin: "leakledger.example/other")
        expectTampered(text, "another log's key", verifiers: [other.signer.verifier])
        let impostor = NoteSigner(name: log.signer.name, privateKey: other.signer.privateKey)
        expectTampered(text, "same name, other key", verifiers: [impostor.verifier])
        // A receipt re-signed by the impostor over a forged root does not verify with the real key.
        let forgedRoot = Checkpoint(origin: checkpoint.origin, size: checkpoint.size, root: Merkle.emptyRoot)
        var resigned = receipt
        resigned.signedCheckpoint = impostor.sign(forgedRoot.text)
        expectTampered(resigned.text, "checkpoint signed by an impostor")
    }

    @Test(arguments: [
        "c2sp.org/tlog-proof@v2\nindex 0\n\nx\n",
        "c2sp.org/tlog-proof@v1\nindex 01\n\n",
        "c2sp.org/tlog-proof@v1\nindex -1\n\n",
        "c2sp.org/tlog-proof@v1\nextra !!!!\nindex 0\n\n",
        "c2sp.org/tlog-proof@v1\nindex 0\nnot base64\n\n",
        "c2sp.org/tlog-proof@v1\nindex 0\nAAAA\n\n",
        "c2sp.org/tlog-proof@v1\nindex 0\n",
        "c2sp.org/tlog-proof@v1\n",
    ])
    func malformedReceiptsAreRejected(text: String) {
        let error = #expect(throws: LedgerError.self) { try Receipt(text: text) }
        #expect(error?.kind == .malformed)
    }

    @Test func originIsCheckedWhenGiven() throws {
        let receipt = try log.receipt(0)
        #expect(try receipt.verify(verifiers: [log.signer.verifier], origin: log.signer.name) == log.entries[0])
        let error = #expect(throws: LedgerError.self) {
            try receipt.verify(verifiers: [log.signer.verifier], origin: "leakledger.example/elsewhere")
        }
        #expect(error?.kind == .tampered)
    }

    @Test func makeRefusesEntriesOutsideTheCheckpointOrNotMatchingIt() throws {
        let older = TestLog.with(4).signedCheckpoint  // same key and origin, 4 entries
        #expect((#expect(throws: LedgerError.self) { try log.receipt(4, signedCheckpoint: older) })?.kind == .usage)
        let mismatch = #expect(throws: LedgerError.self) {
            try Receipt.make(index: 2, entryBytes: Array("not the entry".utf8), signedCheckpoint: log.signedCheckpoint,
                             reader: { log.store.read($0) })
        }
        #expect(mismatch?.kind == .tampered)
        // A receipt against an older checkpoint still verifies: the entry was there then.
        let receipt = try log.receipt(2, signedCheckpoint: older)
        #expect(try receipt.verify(verifiers: [log.signer.verifier]) == log.entries[2])
    }

    @Test(.enabled(if: NotePython.hasCryptography, "needs python3 with the cryptography package"))
    func pythonVerifiesOurReceipts() throws {
        let script = NoteVectors.folder.appendingPathComponent("note_receipt_verify.py").path
        for index in [0, 5, 10] {
            let receipt = try log.receipt(index)
            let result = try NotePython.run([script, log.signer.verifier.verifierKey], input: Data(receipt.text.utf8))
            #expect(result.status == 0, "\(result.output)")
            #expect(result.output == String(decoding: log.entries[index], as: UTF8.self))
            var changed = receipt
            changed.entryBytes![3] ^= 1
            let bad = try NotePython.run([script, log.signer.verifier.verifierKey], input: Data(changed.text.utf8))
            #expect(bad.status == 1, "\(bad.output)")
        }
    }
}
