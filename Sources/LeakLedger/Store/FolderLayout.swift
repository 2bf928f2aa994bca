/// The paths of a ledger folder (DESIGN.md, "The ledger on disk").
struct FolderLayout: Sendable {
    /// The folder itself.
    let root: String

    /// Identity: format, origin, verifier keys.
    var identity: String { root + "/ledger.json" }
    /// The log folder.
    var log: String { root + "/log" }
    /// One canonical JSON entry per line.
    var entries: String { root + "/log/entries.jsonl" }
    /// Stored Merkle hashes in Go's `sumdb/tlog` order, 32 bytes each.
    var hashes: String { root + "/log/hashes" }
    /// The latest signed checkpoint: the commit point.
    var checkpoint: String { root + "/checkpoint" }
    /// Content-addressed copies of registered files.
    var objects: String { root + "/objects" }
    /// The writers' lock file.
    var lock: String { root + "/lock" }

    /// The stored copy of content with this digest.
    func object(_ digest: SHA256Digest) -> String { objects + "/" + digest.hex }
}
