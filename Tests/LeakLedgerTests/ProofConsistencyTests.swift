import Testing
import LeakLedger

@Suite struct ProofConsistencyTests {
    @Test func consistencyProofsRoundTripAndVerifyForEveryOldSize() throws {
        let log = TestLog.with(9)
        let key = log.signer.verifier
        for old in 0...9 {
            var prefix = log
            prefix.entries.removeLast(9 - old)
            let oldCheckpoint = Checkpoint(origin: log.signer.name, size: old, root: Merkle.root(of: prefix.entries.map { Merkle.leafHash($0) }))
            let proof = ConsistencyProof(oldSize: old, proof: log.consistency(from: old), signedCheckpoint: log.signedCheckpoint)
            let parsed = try ConsistencyProof(text: proof.text)
            #expect(parsed == proof)
            #expect(try parsed.verify(old: oldCheckpoint, verifiers: [key]) == log.checkpoint)
        }
    }

    @Test func forgedConsistencyProofsAreRefused() throws {
        let log = TestLog.with(9)
        let key = log.signer.verifier
        let old = TestLog.with(5).checkpoint
        var proof = ConsistencyProof(oldSize: 5, proof: log.consistency(from: 5), signedCheckpoint: log.signedCheckpoint)
        // A fork: the old tree has another entry 2.
        var fork = TestLog.with(2)
        for i in 2..<5 { fork.append(i == 2 ? "Rewritten memo" : "Fictional memo \(i)") }
        #expect((#expect(throws: LedgerError.self) { try proof.verify(old: fork.checkpoint, verifiers: [key]) })?.kind == .tampered)
        // A changed proof hash.
        proof.proof[0] = Merkle.emptyRoot
        #expect((#expect(throws: LedgerError.self) { try proof.verify(old: old, verifiers: [key]) })?.kind == .tampered)
        // A rollback: the "new" checkpoint is smaller than the one held.
        let rollback = ConsistencyProof(oldSize: 9, proof: [], signedCheckpoint: TestLog.with(5).signedCheckpoint)
        let error = #expect(throws: LedgerError.self) { try rollback.verify(old: log.checkpoint, verifiers: [key]) }
        #expect(error?.message.contains("rolled back") == true)
        // The wrong starting size, an unsigned checkpoint.
        let wrongStart = ConsistencyProof(oldSize: 4, proof: log.consistency(from: 4), signedCheckpoint: log.signedCheckpoint)
        #expect((#expect(throws: LedgerError.self) { try wrongStart.verify(old: old, verifiers: [key]) })?.kind == .usage)
        let other = TestLog(origin: "leakledger.example/other")
        #expect((#expect(throws: LedgerError.self) { try wrongStart.verify(old: old, verifiers: [other.signer.verifier]) })?.kind == .tampered)
    }

    @Test(arguments: [
        "leakledger/consistency-proof@v2\nold 1\n\nx\n",
        "leakledger/consistency-proof@v1\nold 01\n\nx\n",
        "leakledger/consistency-proof@v1\nold 1\nnot-base64\n\nx\n",
        "leakledger/consistency-proof@v1\nold 1\n",
    ])
    func malformedConsistencyProofs(text: String) {
        #expect((#expect(throws: LedgerError.self) { try ConsistencyProof(text: text) })?.kind == .malformed)
    }
}
