import Foundation
import LeakLedger
import Testing

/// Sizes and indexes come from files anyone can write: a number no tree can have is refused
/// where it is parsed, and the tree functions that check numbers from outside answer "no" to
/// any `Int` instead of trapping.
@Suite struct HostileNumberTests {
    static let root = Data(count: 32).base64EncodedString()

    @Test func checkpointSizesAreBoundedAtTheDocumentedMaximum() throws {
        #expect(Checkpoint.maxSize == 9_007_199_254_740_991)  // 2^53 − 1, as documented
        let largest = try Checkpoint(text: "o\n9007199254740991\n\(Self.root)\n")
        #expect(largest.size == Checkpoint.maxSize)
        for size in ["9007199254740992", "9223372036854775807", "9223372036854775808", "99999999999999999999", "-1", "+1", "01"] {
            #expect(throws: LedgerError.self, "\(size)") { try Checkpoint(text: "o\n\(size)\n\(Self.root)\n") }
            do { _ = try Checkpoint(text: "o\n\(size)\n\(Self.root)\n") } catch {
                #expect(error.kind == .malformed)
                #expect(error.message.contains("9007199254740991"), "the maximum is named: \(error.message)")
            }
        }
    }

    @Test func receiptIndexesAndProofSizesAreBoundedToo() throws {
        let log = TestLog.with(3)
        let text = try log.receipt(1).text
        let hostile = text.replacingOccurrences(of: "\nindex 1\n", with: "\nindex 9223372036854775807\n")
        do { _ = try Receipt(text: hostile); Issue.record("an index past 2^53 − 1 parsed") } catch {
            #expect(error.kind == .malformed)
        }
        let proof = ConsistencyProof(oldSize: 1, proof: log.consistency(from: 1), signedCheckpoint: log.signedCheckpoint)
        let huge = proof.text.replacingOccurrences(of: "\nold 1\n", with: "\nold 9223372036854775807\n")
        do { _ = try ConsistencyProof(text: huge); Issue.record("an old size past 2^53 − 1 parsed") } catch {
            #expect(error.kind == .malformed)
        }
    }

    @Test func proofCheckersAnswerNoForAnyInt() {
        let leaf = Merkle.leafHash([1, 2, 3])
        let hash = Merkle.leafHash([4])
        for (index, size) in [(0, Int.max), (Int.max - 1, Int.max), (-1, 3), (Int.min, Int.max), (5, Checkpoint.maxSize + 1)] {
            #expect(Merkle.rootFromInclusionProof(leafHash: leaf, index: index, size: size, proof: [hash]) == nil, "\(index) of \(size)")
            #expect(!Merkle.verifyInclusion(leafHash: leaf, index: index, size: size, proof: [hash], root: hash))
        }
        for (old, new) in [(1, Int.max), (Int.max - 1, Int.max), (Int.min, 3), (3, Int.min), (Int.max, Int.max)] {
            #expect(!Merkle.verifyConsistency(oldSize: old, newSize: new, oldRoot: leaf, newRoot: hash, proof: [hash]), "\(old) to \(new)")
        }
        // The largest tree a proof can be checked in: its last leaf stands alone beside 52
        // perfect subtrees (2^53 − 1 = 2^52 + ... + 2^0), so its proof has 52 hashes.
        let last = Checkpoint.maxSize - 1
        let path = [SHA256Digest](repeating: hash, count: 52)
        #expect(Merkle.rootFromInclusionProof(leafHash: leaf, index: last, size: Checkpoint.maxSize, proof: path) != nil)
        #expect(Merkle.rootFromInclusionProof(leafHash: leaf, index: last, size: Checkpoint.maxSize, proof: path + [hash]) == nil)
    }

    @Test func storedHashArithmeticHoldsUpToTheMaximum() {
        // Go's tlog: a tree of n leaves stores 2n − popcount(n) hashes.
        for n in [1, 2, 3, 255, 256, 1 << 40, Checkpoint.maxSize] {
            #expect(Merkle.storedHashCount(n) == 2 * n - n.nonzeroBitCount, "\(n)")
        }
        let lastLeaf = Merkle.storedHashIndex(level: 0, n: Checkpoint.maxSize - 1)
        #expect(lastLeaf < Merkle.storedHashCount(Checkpoint.maxSize))
        #expect(Merkle.splitStoredHashIndex(lastLeaf) == (0, Checkpoint.maxSize - 1))
        #expect(lastLeaf.multipliedReportingOverflow(by: 32).overflow == false, "a byte offset in log/hashes fits")
    }

    @Test func aTileFolderClaimingAVastTreeFailsAtItsFirstMissingTile() throws {
        let log = TestLog.with(3)
        let folder = TemporaryFolder()
        defer { folder.cleanup() }
        let note = log.signer.sign("\(log.signer.name)\n\(Checkpoint.maxSize)\n\(Self.root)\n")
        try Data(note.utf8).write(to: URL(fileURLWithPath: folder.path + "/checkpoint"))
        let started = Date()
        do {
            _ = try Tiles.read(from: folder.path, verifiers: [log.signer.verifier])
            Issue.record("an empty tile folder was read")
        } catch {
            #expect(error.kind == .missing, "\(error)")
        }
        #expect(Date().timeIntervalSince(started) < 1, "no tile list is built before reading")
    }
}
