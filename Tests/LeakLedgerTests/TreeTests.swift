import Testing
import LeakLedger

@Suite struct TreeTests {
    let vectors = TreeVectors.shared

    @Test func leafHashesMatchHashlib() {
        for (bytes, want) in zip(vectors.leafBytes, vectors.leaf_hashes) {
            #expect(Merkle.leafHash(bytes).hex == want)
        }
    }

    @Test func nodeHashIsPrefixedConcatenation() {
        let leaves = vectors.leafDigests
        // The published root of two CT leaves is node(leaf0, leaf1).
        #expect(Merkle.nodeHash(leaves[0], leaves[1]).hex == vectors.roots[2])
        #expect(Merkle.nodeHash(leaves[1], leaves[0]).hex != vectors.roots[2])
    }

    @Test func rootsOfEverySizeMatchHashlib() {
        let leaves = vectors.leafDigests
        #expect(Merkle.root(of: []).hex == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        for size in 0...leaves.count {
            #expect(Merkle.root(of: Array(leaves[..<size])).hex == vectors.roots[size], "size \(size)")
        }
    }

    @Test func storedHashIndexMatchesTheSimulatedLayout() {
        for row in vectors.stored_index {
            #expect(Merkle.storedHashIndex(level: row.level, n: row.n) == row.index, "level \(row.level) n \(row.n)")
            let split = Merkle.splitStoredHashIndex(row.index)
            #expect(split.level == row.level && split.n == row.n, "index \(row.index)")
        }
        for (size, count) in vectors.stored_count.enumerated() {
            #expect(Merkle.storedHashCount(size) == count, "size \(size)")
        }
    }

    @Test func storedHashesAndTreeHashAgreeWithTheRoots() {
        var store = MemoryHashStore()
        let leaves = vectors.leafDigests
        #expect(Merkle.treeHash(size: 0, reader: store.read).hex == vectors.roots[0])
        for (n, leaf) in leaves.enumerated() {
            store.append(leaf)
            #expect(store.hashes.count == Merkle.storedHashCount(n + 1))
            // Every size so far, not only the newest, is computable from storage.
            for size in 0...(n + 1) {
                #expect(Merkle.treeHash(size: size, reader: store.read).hex == vectors.roots[size], "size \(size) of \(n + 1)")
            }
        }
    }

    @Test func storedSubtreeHashesAreTheSubtreeRoots() {
        // Each stored (level, n) hash is the MTH of leaves n·2^level ..< (n+1)·2^level.
        var store = MemoryHashStore()
        let leaves = (0..<40).map { Merkle.leafHash(Array("fictional \($0)".utf8)) }
        for leaf in leaves { store.append(leaf) }
        for index in 0..<store.hashes.count {
            let (level, n) = Merkle.splitStoredHashIndex(index)
            let range = (n << level)..<((n + 1) << level)
            #expect(store.hashes[index] == Merkle.root(of: Array(leaves[range])), "index \(index)")
        }
    }

    @Test func readerErrorsPropagate() {
        struct Unreadable: Error {}
        #expect(throws: Unreadable.self) {
            _ = try Merkle.treeHash(size: 3) { _ in throw Unreadable() }
        }
        #expect(throws: Unreadable.self) {
            _ = try Merkle.storedHashes(forLeaf: 1, leafHash: Merkle.leafHash([1])) { _ in throw Unreadable() }
        }
    }
}
