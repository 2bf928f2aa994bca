import Foundation
import LeakLedger

/// The known answers of `Vectors/tree_vectors.json`, made by `Vectors/tree_vectors.py` from
/// RFC 9162 with Python's hashlib (first eight leaves checked there against the published
/// RFC 6962 reference roots and proofs).
struct TreeVectors: Decodable {
    struct Inclusion: Decodable { let index: Int; let size: Int; let proof: [String] }
    struct Consistency: Decodable { let old: Int; let new: Int; let proof: [String] }
    struct Stored: Decodable { let level: Int; let n: Int; let index: Int }

    let leaves: [String]
    let leaf_hashes: [String]
    let roots: [String]
    let inclusion: [Inclusion]
    let consistency: [Consistency]
    let stored_index: [Stored]
    let stored_count: [Int]

    static let shared: TreeVectors = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Vectors/tree_vectors.json")
        do {
            return try JSONDecoder().decode(TreeVectors.self, from: Data(contentsOf: url))
        } catch {
            fatalError("cannot read \(url.path): \(error)")
        }
    }()

    var leafBytes: [[UInt8]] { leaves.map { Hex.decode($0)! } }
    var leafDigests: [SHA256Digest] { leaf_hashes.map { SHA256Digest(hex: $0)! } }
}

/// An in-memory hash storage, as a ledger keeps it on disk, for tests.
struct MemoryHashStore {
    var hashes: [SHA256Digest] = []
    var size = 0

    mutating func append(_ leafHash: SHA256Digest) {
        let stored = hashes
        hashes += Merkle.storedHashes(forLeaf: size, leafHash: leafHash) { stored[$0] }
        size += 1
    }

    func read(_ index: Int) -> SHA256Digest { hashes[index] }
}
