import Foundation
import LeakLedger

/// A small in-memory log for proof tests: fictional entries, stored hashes, a deterministic key.
struct TestLog {
    let signer: NoteSigner
    var entries: [[UInt8]] = []
    var store = MemoryHashStore()

    init(origin: String = "leakledger.example/proof-test") {
        let seed = SHA256.hash("fictional key for \(origin)").bytes
        signer = NoteSigner(name: origin, privateKey: Ed25519.PrivateKey(seed: seed)!)
    }

    /// Appends a fictional document.registered entry.
    mutating func append(_ title: String) {
        let entry = Entry(seq: entries.count, time: "2026-11-29T00:00:\(String(format: "%02d", entries.count % 60))Z",
                          type: .documentRegistered, actor: "desk@example.org",
                          body: ["id": .string("doc-\(entries.count)"), "title": .string(title)])
        let bytes = entry.canonicalBytes
        entries.append(bytes)
        store.append(Merkle.leafHash(bytes))
    }

    /// A log with `count` entries.
    static func with(_ count: Int, origin: String = "leakledger.example/proof-test") -> TestLog {
        var log = TestLog(origin: origin)
        for i in 0..<count { log.append("Fictional memo \(i)") }
        return log
    }

    var checkpoint: Checkpoint {
        Checkpoint(origin: signer.name, size: entries.count, root: Merkle.treeHash(size: entries.count, reader: store.read))
    }

    var signedCheckpoint: String { signer.sign(checkpoint.text) }

    func receipt(_ index: Int, signedCheckpoint: String? = nil) throws -> Receipt {
        try Receipt.make(index: index, entryBytes: entries[index], signedCheckpoint: signedCheckpoint ?? self.signedCheckpoint,
                         reader: { store.read($0) })
    }

    func consistency(from old: Int) -> [SHA256Digest] {
        Merkle.consistencyProof(old: old, new: entries.count, reader: store.read)
    }
}

/// A fresh empty temporary folder, removed by `cleanup()`.
struct TemporaryFolder {
    let path: String

    init() {
        path = NSTemporaryDirectory() + "leakledger-proof-\(UUID().uuidString)"
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func cleanup() { try? FileManager.default.removeItem(atPath: path) }
}
