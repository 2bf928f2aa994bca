/// The marker a writer leaves in `log/pending` for the length of one append: which head it
/// extends, how far, and which object copies it staged. Signed by the writer's keys, so that a
/// writer of the folder who holds no key cannot forge one to make the next writer cut committed
/// entries (issue 8, item 5).
///
/// A tail of `log/entries.jsonl` past the checkpoint is cut only when a marker vouches for it:
/// the marker extends exactly the head now in force, so the tail is that append's, never
/// acknowledged. Any other tail is kept aside.
struct PendingAppend: Sendable, Hashable {
    /// The head the append extends.
    var base: AppendBase
    /// The tree size after the append.
    var newSize: Int
    /// Hex SHA-256 of each object copy staged for the append (`objects/.pending-<hex>`).
    var objects: [String]

    static let header = "leakledger pending-append v1"

    /// The note text (every line ends with a newline).
    var text: String {
        var text = "\(Self.header)\n\(base.checkpoint.origin)\n\(base.checkpoint.size)\n"
        text += "\(Base64.encode(base.checkpoint.root.bytes))\n\(base.byteCount)\n\(newSize)\n"
        for object in objects { text += object + "\n" }
        return text
    }

    /// The marker in `noteText`, when it is signed by a key of `keys` and well formed; nil
    /// otherwise (an unsigned or foreign marker vouches for nothing).
    init?(noteText: String, keys: KeyHistory) {
        guard let opened = try? SignedNote.open(noteText, verifiers: keys.keys.map(\.verifier)),
              !opened.signatures.isEmpty
        else { return nil }
        let lines = opened.text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
        guard lines.count >= 6, lines[0] == Self.header,
              let size = Int(lines[2]), size >= 0, let rootBytes = Base64.decode(lines[3]),
              let root = SHA256Digest(bytes: rootBytes), let bytes = Int(lines[4]), bytes >= 0,
              let newSize = Int(lines[5]), newSize > size
        else { return nil }
        let objects = Array(lines[6...])
        guard objects.allSatisfy({ $0.count == 64 && SHA256Digest(hex: $0) != nil }) else { return nil }
        self.init(base: AppendBase(checkpoint: Checkpoint(origin: lines[1], size: size, root: root), byteCount: bytes),
                  newSize: newSize, objects: objects)
    }

    /// A marker for an append.
    init(base: AppendBase, newSize: Int, objects: [String]) {
        self.base = base
        self.newSize = newSize
        self.objects = objects
    }
}
