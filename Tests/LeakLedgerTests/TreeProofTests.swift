import Testing
import LeakLedger

@Suite struct TreeProofTests {
    let vectors = TreeVectors.shared

    var store: MemoryHashStore {
        var store = MemoryHashStore()
        for leaf in vectors.leafDigests { store.append(leaf) }
        return store
    }

    func digests(_ hex: [String]) -> [SHA256Digest] { hex.map { SHA256Digest(hex: $0)! } }

    @Test func inclusionProofsMatchHashlibForEveryIndexAndSize() {
        let store = self.store
        let leaves = vectors.leafDigests
        #expect(vectors.inclusion.count == 153)
        for vector in vectors.inclusion {
            let proof = Merkle.inclusionProof(index: vector.index, size: vector.size, reader: store.read)
            #expect(proof.map(\.hex) == vector.proof, "index \(vector.index) size \(vector.size)")
            let root = SHA256Digest(hex: vectors.roots[vector.size])!
            #expect(Merkle.verifyInclusion(leafHash: leaves[vector.index], index: vector.index, size: vector.size,
                                           proof: digests(vector.proof), root: root))
        }
    }

    @Test func inclusionVerificationRejectsEveryChange() {
        let leaves = vectors.leafDigests
        for vector in vectors.inclusion {
            let (index, size) = (vector.index, vector.size)
            let proof = digests(vector.proof)
            let root = SHA256Digest(hex: vectors.roots[size])!
            let leaf = leaves[index]
            func accepts(_ leaf: SHA256Digest, _ index: Int, _ size: Int, _ proof: [SHA256Digest], _ root: SHA256Digest) -> Bool {
                Merkle.verifyInclusion(leafHash: leaf, index: index, size: size, proof: proof, root: root)
            }
            #expect(!accepts(leaf, index - 1, size, proof, root))
            #expect(!accepts(leaf, index + 1, size, proof, root))
            #expect(!accepts(leaf, index ^ 2, size, proof, root))
            #expect(!accepts(leaf, index, size / 2, proof, root))
            #expect(!accepts(leaf, index, size * 2, proof, root))
            #expect(!accepts(leaves[(index + 1) % leaves.count], index, size, proof, root))
            #expect(!accepts(leaf, index, size, proof, SHA256Digest(hex: vectors.roots[size - 1])!))
            #expect(!accepts(leaf, index, size, proof + [leaf], root))
            #expect(!accepts(leaf, index, size, [leaf] + proof, root))
            for position in proof.indices {
                var changed = proof
                changed[position] = Merkle.nodeHash(changed[position], changed[position])
                #expect(!accepts(leaf, index, size, changed, root))
                var shorter = proof
                shorter.remove(at: position)
                #expect(!accepts(leaf, index, size, shorter, root))
            }
        }
    }

    @Test func consistencyProofsMatchHashlibForEveryPair() {
        let store = self.store
        #expect(vectors.consistency.count == 153)
        for vector in vectors.consistency {
            let proof = Merkle.consistencyProof(old: vector.old, new: vector.new, reader: store.read)
            #expect(proof.map(\.hex) == vector.proof, "old \(vector.old) new \(vector.new)")
            let oldRoot = SHA256Digest(hex: vectors.roots[vector.old])!
            let newRoot = SHA256Digest(hex: vectors.roots[vector.new])!
            #expect(Merkle.verifyConsistency(oldSize: vector.old, newSize: vector.new, oldRoot: oldRoot, newRoot: newRoot,
                                             proof: digests(vector.proof)), "old \(vector.old) new \(vector.new)")
        }
    }

    @Test func consistencyVerificationRejectsEveryChange() {
        let roots = vectors.roots.map { SHA256Digest(hex: $0)! }
        for vector in vectors.consistency where vector.old < vector.new {
            let (old, new) = (vector.old, vector.new)
            let proof = digests(vector.proof)
            func accepts(_ old: Int, _ new: Int, _ oldRoot: SHA256Digest, _ newRoot: SHA256Digest, _ proof: [SHA256Digest]) -> Bool {
                Merkle.verifyConsistency(oldSize: old, newSize: new, oldRoot: oldRoot, newRoot: newRoot, proof: proof)
            }
            #expect(!accepts(old, new, roots[old - 1], roots[new], proof))  // a forked old tree
            #expect(!accepts(old, new, roots[old], roots[new - 1], proof))  // a forked new tree
            #expect(!accepts(old - 1, new, roots[old], roots[new], proof))
            #expect(!accepts(new, old, roots[new], roots[old], proof))
            #expect(!accepts(old, new, roots[old], roots[new], proof + [roots[0]]))
            for position in proof.indices {
                var changed = proof
                changed[position] = Merkle.nodeHash(changed[position], changed[position])
                #expect(!accepts(old, new, roots[old], roots[new], changed), "old \(old) new \(new) at \(position)")
                var shorter = proof
                shorter.remove(at: position)
                #expect(!accepts(old, new, roots[old], roots[new], shorter))
            }
        }
    }

    @Test func edgeSizes() {
        let roots = vectors.roots.map { SHA256Digest(hex: $0)! }
        // The empty tree is a prefix of every tree; equal sizes need equal roots.
        #expect(Merkle.verifyConsistency(oldSize: 0, newSize: 5, oldRoot: Merkle.emptyRoot, newRoot: roots[5], proof: []))
        #expect(!Merkle.verifyConsistency(oldSize: 0, newSize: 5, oldRoot: roots[1], newRoot: roots[5], proof: []))
        #expect(Merkle.verifyConsistency(oldSize: 5, newSize: 5, oldRoot: roots[5], newRoot: roots[5], proof: []))
        #expect(!Merkle.verifyConsistency(oldSize: 5, newSize: 5, oldRoot: roots[4], newRoot: roots[5], proof: []))
        #expect(!Merkle.verifyConsistency(oldSize: 3, newSize: 5, oldRoot: roots[3], newRoot: roots[5], proof: []))
        #expect(!Merkle.verifyInclusion(leafHash: roots[1], index: 0, size: 0, proof: [], root: roots[0]))
        #expect(Merkle.verifyInclusion(leafHash: roots[1], index: 0, size: 1, proof: [], root: roots[1]))
        #expect(!Merkle.verifyInclusion(leafHash: roots[1], index: -1, size: 1, proof: [], root: roots[1]))
    }

    @Test func largerTreesProveAndVerify() {
        // Beyond the vectors: a 1000-leaf tree, a sample of positions, checked against
        // in-memory roots of prefixes.
        var store = MemoryHashStore()
        let leaves = (0..<1000).map { Merkle.leafHash(Array("fictional \($0)".utf8)) }
        for leaf in leaves { store.append(leaf) }
        for size in [1, 2, 255, 256, 257, 511, 512, 513, 999, 1000] {
            let root = Merkle.treeHash(size: size, reader: store.read)
            #expect(root == Merkle.root(of: Array(leaves[..<size])))
            for index in Set([0, size / 3, size / 2, size - 1]) {
                let proof = Merkle.inclusionProof(index: index, size: size, reader: store.read)
                #expect(Merkle.verifyInclusion(leafHash: leaves[index], index: index, size: size, proof: proof, root: root))
            }
            for old in Set([1, size / 2, size - 1, size]) where old > 0 {
                let proof = Merkle.consistencyProof(old: old, new: size, reader: store.read)
                #expect(Merkle.verifyConsistency(oldSize: old, newSize: size, oldRoot: Merkle.treeHash(size: old, reader: store.read),
                                                 newRoot: root, proof: proof), "old \(old) new \(size)")
            }
        }
    }
}
