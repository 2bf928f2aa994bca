import Foundation
import Testing
import LeakLedger

@Suite struct ProofWitnessTests {
    func witness(_ name: String) -> Witness {
        let seed = SHA256.hash("fictional witness \(name)").bytes
        return Witness(signer: NoteSigner(name: name, privateKey: Ed25519.PrivateKey(seed: seed)!, algorithm: .cosignatureV1))!
    }

    @Test func cosignedCheckpointsVerifyWithOrWithoutWitnesses() throws {
        var log = TestLog.with(5)
        let w1 = witness("witness-one.example")
        let w2 = witness("witness-two.example")
        var note = try w1.cosign(log.signedCheckpoint, logVerifiers: [log.signer.verifier], previous: nil, proof: [], time: 1_764_374_400)
        note = try w2.cosign(note, logVerifiers: [log.signer.verifier], previous: nil, proof: [], time: 1_764_374_401)
        #expect(note.hasPrefix(log.signedCheckpoint))
        #expect(note.split(separator: "\n").filter { $0.hasPrefix("\u{2014} ") }.count == 3)

        // The log key alone still verifies it.
        let logOnly = try SignedNote.open(note, verifiers: [log.signer.verifier])
        #expect(logOnly.unverifiedSignatures.count == 2)
        // A receipt with the cosigned checkpoint: quorum counting.
        let receipt = try log.receipt(3, signedCheckpoint: note)
        let keys = [log.signer.verifier]
        #expect(try receipt.verify(verifiers: keys) == log.entries[3])
        #expect(try receipt.verification(verifiers: keys, witnesses: [w1.verifier, w2.verifier], quorum: 2).witnesses.count == 2)
        let w3 = witness("witness-three.example")
        #expect(try receipt.verification(verifiers: keys, witnesses: [w1.verifier, w3.verifier], quorum: 1).witnesses == [w1.verifier])
        let short = #expect(throws: LedgerError.self) {
            try receipt.verify(verifiers: keys, witnesses: [w1.verifier, w3.verifier], quorum: 2)
        }
        #expect(short?.kind == .tampered)
        #expect(short?.message.contains("only 1 of the 2") == true)
        #expect((#expect(throws: LedgerError.self) { try receipt.verify(verifiers: keys, witnesses: [w1.verifier], quorum: 2) })?.kind == .usage)
        // Witness signatures alone are not the log's: a witness key is refused as the log key, and
        // the witness's key turned into a note-signature key does not verify its cosignature.
        #expect((#expect(throws: LedgerError.self) { try receipt.verify(verifiers: [w1.verifier]) })?.kind == .usage)
        let asLogKey = NoteVerifier(name: w1.verifier.name, publicKey: w1.verifier.publicKey)
        #expect((#expect(throws: LedgerError.self) { try receipt.verify(verifiers: [asLogKey]) })?.kind == .tampered)

        // Re-cosigning replaces the witness's own line.
        log.append("Fictional memo 5")
        let grown = try w1.cosign(log.signedCheckpoint, logVerifiers: [log.signer.verifier], previous: nil, proof: [], time: 5)
        let again = try w1.cosign(grown, logVerifiers: [log.signer.verifier], previous: nil, proof: [], time: 6)
        let opened = try SignedNote.open(again, verifiers: [log.signer.verifier, w1.verifier])
        #expect(opened.allSignatures.count == 2 && opened.signatures.last?.time == 6)
    }

    @Test func aTamperedCosignatureIsCaughtOnlyWhenTheWitnessIsKnown() throws {
        let log = TestLog.with(3)
        let w1 = witness("witness-one.example")
        let note = try w1.cosign(log.signedCheckpoint, logVerifiers: [log.signer.verifier], previous: nil, proof: [], time: 100)
        let line = String(note.split(separator: "\n").last!)
        let base64 = String(line.split(separator: " ").last!)
        var bytes = Array(Data(base64Encoded: base64)!)
        bytes[11] ^= 1  // the timestamp's last byte: the signed message changes
        let changed = note.replacingOccurrences(of: base64, with: Data(bytes).base64EncodedString())
        #expect(try SignedNote.open(changed, verifiers: [log.signer.verifier]).signatures.count == 1)
        let error = #expect(throws: LedgerError.self) { try SignedNote.open(changed, verifiers: [log.signer.verifier, w1.verifier]) }
        #expect(error?.kind == .tampered)
    }

    @Test func witnessesRefuseForksAndRollbacks() throws {
        var log = TestLog.with(6)
        let w = witness("witness-one.example")
        let keys = [log.signer.verifier]
        let first = log.checkpoint
        _ = try w.cosign(log.signedCheckpoint, logVerifiers: keys, previous: nil, proof: [], time: 1)
        // Grows consistently: cosigned.
        log.append("Fictional memo 6")
        log.append("Fictional memo 7")
        _ = try w.cosign(log.signedCheckpoint, logVerifiers: keys, previous: first, proof: log.consistency(from: 6), time: 2)
        // A fork: same key, entry 2 rewritten, then grown.
        var fork = TestLog.with(2)
        fork.append("A different memo 2")
        for i in 3..<8 { fork.append("Fictional memo \(i)") }
        let forkProof = fork.consistency(from: 6)
        let refused = #expect(throws: LedgerError.self) {
            try w.cosign(fork.signedCheckpoint, logVerifiers: keys, previous: first, proof: forkProof, time: 3)
        }
        #expect(refused?.kind == .tampered)
        #expect(refused?.message.contains("forked") == true)
        // A rollback to 4 entries.
        let rollback = TestLog.with(4)
        let rolled = #expect(throws: LedgerError.self) {
            try w.cosign(rollback.signedCheckpoint, logVerifiers: keys, previous: log.checkpoint, proof: [], time: 4)
        }
        #expect(rolled?.message.contains("rolled back") == true)
        // A checkpoint the log did not sign.
        let other = TestLog.with(8, origin: "leakledger.example/other")
        #expect(throws: LedgerError.self) {
            try w.cosign(other.signedCheckpoint, logVerifiers: keys, previous: nil, proof: [], time: 5)
        }
        #expect(Witness(signer: log.signer) == nil)
    }

    @Test func verdictsForEveryPairOfSizes() {
        // Against the hashlib vectors: every consistent pair extends, every other root forks.
        let vectors = TreeVectors.shared
        let roots = vectors.roots.map { SHA256Digest(hex: $0)! }
        let origin = "leakledger.example/v"
        for vector in vectors.consistency {
            let old = Checkpoint(origin: origin, size: vector.old, root: roots[vector.old])
            let new = Checkpoint(origin: origin, size: vector.new, root: roots[vector.new])
            let proof = vector.proof.map { SHA256Digest(hex: $0)! }
            let expected: CheckpointVerdict = vector.old == vector.new ? .same : .extended
            #expect(CheckpointVerdict(old: old, new: new, proof: proof) == expected)
            let forged = Checkpoint(origin: origin, size: vector.new, root: roots[vector.new - 1])
            #expect(CheckpointVerdict(old: old, new: forged, proof: proof) == .forked)
            if vector.old < vector.new {
                #expect(CheckpointVerdict(old: new, new: old, proof: []) == .rolledBack)
            }
            let elsewhere = Checkpoint(origin: origin + "2", size: vector.new, root: roots[vector.new])
            #expect(CheckpointVerdict(old: old, new: elsewhere, proof: proof) == .otherLog)
        }
    }

    @Test func clientMemoryRemembersAndRefusesForksAndRollbacks() throws {
        let folder = TemporaryFolder()
        defer { folder.cleanup() }
        let memory = ClientMemory(directory: folder.path + "/checkpoints")
        var log = TestLog.with(3)
        let keys = [log.signer.verifier]
        let proof = { (old: Int) in log.consistency(from: old) }

        #expect(try memory.observe(signedCheckpoint: log.signedCheckpoint, verifiers: keys, proof: proof) == nil)
        #expect(try memory.remembered(origin: log.signer.name) == log.signedCheckpoint)
        #expect(try memory.observe(signedCheckpoint: log.signedCheckpoint, verifiers: keys, proof: proof) == .same)
        log.append("Fictional memo 3")
        let grown = log
        #expect(try memory.observe(signedCheckpoint: grown.signedCheckpoint, verifiers: keys, proof: { grown.consistency(from: $0) }) == .extended)
        #expect(try memory.remembered(origin: log.signer.name) == grown.signedCheckpoint)

        // The folder restored from an older copy: a valid signature, but a rollback.
        let old = TestLog.with(3)
        let rolledBack = #expect(throws: LedgerError.self) {
            try memory.observe(signedCheckpoint: old.signedCheckpoint, verifiers: keys, proof: { old.consistency(from: $0) })
        }
        #expect(rolledBack?.kind == .tampered && rolledBack?.message.contains("rolled back") == true)
        // Entry 1 rewritten and the log re-signed: a fork, at the same size and when grown.
        var fork = TestLog.with(1)
        fork.append("Rewritten memo 1")
        fork.append("Fictional memo 2")
        fork.append("Fictional memo 3")
        let sameSize = fork
        let forked = #expect(throws: LedgerError.self) {
            try memory.observe(signedCheckpoint: sameSize.signedCheckpoint, verifiers: keys, proof: { sameSize.consistency(from: $0) })
        }
        #expect(forked?.message.contains("forked") == true)
        fork.append("Fictional memo 4")
        let grownFork = fork
        #expect(throws: LedgerError.self) {
            try memory.observe(signedCheckpoint: grownFork.signedCheckpoint, verifiers: keys, proof: { grownFork.consistency(from: $0) })
        }
        // Nothing bad was remembered.
        #expect(try memory.remembered(origin: log.signer.name) == grown.signedCheckpoint)
        // A bad signature is refused before anything else.
        let other = TestLog.with(9)
        let impostor = NoteSigner(name: log.signer.name, privateKey: Ed25519.PrivateKey(seed: SHA256.hash("x").bytes)!)
        #expect(throws: LedgerError.self) {
            try memory.observe(signedCheckpoint: impostor.sign(other.checkpoint.text), verifiers: keys, proof: { other.consistency(from: $0) })
        }
    }

    @Test func clientMemorySpotsAForkedCheckpointWithoutAProof() throws {
        let folder = TemporaryFolder()
        defer { folder.cleanup() }
        let memory = ClientMemory(directory: folder.path)
        let log = TestLog.with(4)
        #expect(try memory.contradiction(with: log.checkpoint) == nil)  // nothing remembered
        try memory.observe(signedCheckpoint: log.signedCheckpoint, verifiers: [log.signer.verifier], proof: { _ in [] })
        #expect(try memory.contradiction(with: log.checkpoint) == nil)
        var fork = TestLog.with(3)
        fork.append("Rewritten memo 3")
        #expect(try memory.contradiction(with: fork.checkpoint)?.contains("forked") == true)
        #expect(try memory.contradiction(with: TestLog.with(2).checkpoint) == nil)  // older: not judged
    }

    @Test func clientMemoryLocation() {
        #expect(ClientMemory.standard(environment: ["XDG_STATE_HOME": "/s", "HOME": "/h"]).directory == "/s/leakledger/checkpoints")
        #expect(ClientMemory.standard(environment: ["HOME": "/h"]).directory == "/h/.local/state/leakledger/checkpoints")
        // A relative XDG_STATE_HOME is ignored, as the XDG spec says.
        #expect(ClientMemory.standard(environment: ["XDG_STATE_HOME": "rel", "HOME": "/h"]).directory == "/h/.local/state/leakledger/checkpoints")
    }
}
