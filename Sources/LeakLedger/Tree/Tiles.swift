import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The log as C2SP tiles (c2sp.org/tlog-tiles): static files that any tlog-tiles client can
/// fetch and check against the signed checkpoint.
///
/// ```
/// checkpoint                    the signed checkpoint
/// tile/<L>/<N>[.p/<W>]          hashes at level 8·L: 256 per full tile, W in a partial one
/// tile/entries/<N>[.p/<W>]      the entries, each as a big-endian uint16 length and its bytes
/// ```
/// `<N>` is written in 3-digit groups, all but the last prefixed with `x`: `x001/x234/067`.
public enum Tiles {
    /// Hashes per full tile (tile height 8).
    public static let width = 256
    /// The largest entry an entry bundle can hold (uint16 length prefix).
    public static let maxEntryBytes = 65_535

    /// The path element for tile index `n`: `x001/x234/067` for 1234067.
    public static func indexPath(_ n: Int) -> String {
        precondition(n >= 0, "Tiles.indexPath: negative index")
        var groups: [String] = []
        var rest = n
        repeat {
            let group = String(rest % 1000)
            groups.insert(String(repeating: "0", count: 3 - group.count) + group, at: 0)
            rest /= 1000
        } while rest > 0
        return groups.dropLast().map { "x" + $0 + "/" }.joined() + groups.last!
    }

    /// The path of hash tile `n` at tile level `level`, partial when `width` is below 256.
    public static func tilePath(level: Int, index n: Int, width: Int) -> String {
        "tile/\(level)/\(indexPath(n))" + (width < Tiles.width ? ".p/\(width)" : "")
    }

    /// The path of entry bundle `n`, partial when `width` is below 256.
    public static func entriesPath(index n: Int, width: Int) -> String {
        "tile/entries/\(indexPath(n))" + (width < Tiles.width ? ".p/\(width)" : "")
    }

    /// The tiles a tree of `size` leaves has: (level, index, width) for every level, full tiles
    /// then the partial one (a tree of 256 has a full level-0 tile and a level-1 tile of 1).
    public static func layout(size: Int) -> [(level: Int, index: Int, width: Int)] {
        Array(tiles(size: size))
    }

    /// ``layout(size:)`` one tile at a time, so that reading a folder whose checkpoint claims
    /// a vast tree fails at its first missing tile instead of listing them all first.
    static func tiles(size: Int) -> some Sequence<(level: Int, index: Int, width: Int)> {
        // (level, next tile index, hashes at this level: size / 256^level)
        sequence(state: (level: 0, index: 0, count: max(0, size))) { state -> (level: Int, index: Int, width: Int)? in
            while state.count > 0 {
                let full = state.count / Tiles.width, rest = state.count % Tiles.width
                if state.index < full || (state.index == full && rest > 0) {
                    defer { state.index += 1 }
                    return (state.level, state.index, state.index < full ? Tiles.width : rest)
                }
                state = (state.level + 1, 0, full)
            }
            return nil
        }
    }

    /// Writes the tiles, entry bundles and checkpoint of the tree of the checkpoint's size into
    /// `directory`, from stored hashes and entries.
    ///
    /// Tile hash `i` of tile `n` at level L is the stored hash at level 8·L, position
    /// `n·256 + i`: the head of the perfect subtree of 256^L leaves it covers.
    ///
    /// `directory` is created when missing, as `mkdir` would: its parent must exist (a typo in
    /// a path must not leave a trail of new folders), and an existing file is never a folder.
    public static func write(
        to directory: String, signedCheckpoint: String,
        reader: (Int) throws -> SHA256Digest, entry: (Int) throws -> [UInt8]
    ) throws(LedgerError) {
        let checkpoint = try Checkpoint(text: SignedNote.unverifiedText(signedCheckpoint))
        try prepareFolder(directory)
        let root = URL(fileURLWithPath: directory)
        try LedgerError.wrappingReads {
            for tile in tiles(size: checkpoint.size) {
                var bytes: [UInt8] = []
                bytes.reserveCapacity(tile.width * 32)
                for i in 0..<tile.width {
                    let n = tile.index * Tiles.width + i
                    bytes += try reader(Merkle.storedHashIndex(level: 8 * tile.level, n: n)).bytes
                }
                try writeFile(bytes, at: root.appendingPathComponent(tilePath(level: tile.level, index: tile.index, width: tile.width)))
                guard tile.level == 0 else { continue }
                var bundle: [UInt8] = []
                for i in 0..<tile.width {
                    let seq = tile.index * Tiles.width + i
                    let data = try entry(seq)
                    guard data.count <= maxEntryBytes else {
                        throw LedgerError.usage("entry \(seq) has \(data.count) bytes; a tile entry bundle holds at most \(maxEntryBytes)")
                    }
                    bundle += [UInt8(data.count >> 8), UInt8(data.count & 0xff)] + data
                }
                try writeFile(bundle, at: root.appendingPathComponent(entriesPath(index: tile.index, width: tile.width)))
            }
            try writeFile(Array(signedCheckpoint.utf8), at: root.appendingPathComponent("checkpoint"))
        }
    }

    /// Reads a tile folder and checks all of it: the checkpoint's signature, every entry
    /// against its level-0 tile hash, every higher tile hash against the tiles below, and the
    /// tree head against the checkpoint. Returns the checkpoint and the entries in order.
    public static func read(
        from directory: String, verifiers: [NoteVerifier]
    ) throws(LedgerError) -> (checkpoint: Checkpoint, entries: [[UInt8]]) {
        let root = URL(fileURLWithPath: directory)
        let noteText = String(decoding: try readFile(root.appendingPathComponent("checkpoint"), limit: maxCheckpointBytes), as: UTF8.self)
        let note = try SignedNote.open(noteText, verifiers: verifiers)
        let checkpoint = try Checkpoint(text: note.text)
        var entries: [[UInt8]] = []
        var hasher = Merkle.Hasher()
        var leaves: [SHA256Digest] = []
        var below: [SHA256Digest] = []    // every hash of the tile level under the current one
        var current: [SHA256Digest] = []  // every hash of the current tile level so far
        var currentLevel = 0
        for tile in tiles(size: checkpoint.size) {
            if tile.level != currentLevel {
                if currentLevel == 0 { leaves = current }
                below = current
                current = []
                currentLevel = tile.level
            }
            let path = tilePath(level: tile.level, index: tile.index, width: tile.width)
            let hashes = try readHashes(root.appendingPathComponent(path), count: tile.width, path: path)
            if tile.level == 0 {
                let bundlePath = entriesPath(index: tile.index, width: tile.width)
                let bundle = try readBundle(root.appendingPathComponent(bundlePath), count: tile.width, path: bundlePath)
                for (i, data) in bundle.enumerated() where hasher.leafHash(data) != hashes[i] {
                    throw LedgerError.tampered("entry \(tile.index * Tiles.width + i) in \(bundlePath) does not match its hash in \(path)")
                }
                entries += bundle
            } else {
                // Each hash is the head of a full tile one level down.
                for i in 0..<tile.width {
                    let start = (tile.index * Tiles.width + i) * Tiles.width
                    guard hasher.root(of: below[start..<(start + Tiles.width)]) == hashes[i] else {
                        throw LedgerError.tampered("hash \(i) of \(path) is not the head of the tile below it")
                    }
                }
            }
            current += hashes
        }
        if currentLevel == 0 { leaves = current }
        let head = leaves.isEmpty ? Merkle.emptyRoot : hasher.root(of: leaves[...])
        guard head == checkpoint.root else {
            throw LedgerError.tampered("the tiles' tree head is not the checkpoint's root")
        }
        return (checkpoint, entries)
    }

    private static func readHashes(_ url: URL, count: Int, path: String) throws(LedgerError) -> [SHA256Digest] {
        let bytes = try readFile(url, limit: Tiles.width * 32)
        guard bytes.count == count * 32 else {
            throw LedgerError.tampered("\(path) has \(bytes.count) bytes, not \(count) hashes of 32")
        }
        return (0..<count).map { SHA256Digest(bytes: bytes[($0 * 32)..<($0 * 32 + 32)])! }
    }

    private static func readBundle(_ url: URL, count: Int, path: String) throws(LedgerError) -> [[UInt8]] {
        let bytes = try readFile(url, limit: Tiles.width * (2 + maxEntryBytes))
        var entries: [[UInt8]] = []
        var offset = 0
        while offset < bytes.count {
            guard offset + 2 <= bytes.count else { break }
            let length = Int(bytes[offset]) << 8 | Int(bytes[offset + 1])
            guard offset + 2 + length <= bytes.count else { break }
            entries.append(Array(bytes[(offset + 2)..<(offset + 2 + length)]))
            offset += 2 + length
        }
        guard offset == bytes.count, entries.count == count else {
            throw LedgerError.tampered("\(path) does not hold \(count) length-prefixed entries")
        }
        return entries
    }

    /// The most read of a tile folder's checkpoint: a note with a hundred signatures is a few
    /// kilobytes.
    static let maxCheckpointBytes = 1 << 16

    /// A file of the tile folder: a regular file of at most `limit` bytes (a tile or a bundle
    /// never holds more), so a planted FIFO or device cannot hang the check.
    private static func readFile(_ url: URL, limit: Int) throws(LedgerError) -> [UInt8] {
        do { return try InputFile(path: url.path).read(limit: limit) } catch {
            if error.isMissing { throw LedgerError.missing("cannot read \(url.path): the tile folder is incomplete") }
            if error.isTooLarge { throw LedgerError.tampered("\(url.path) holds more than a tile can (\(limit) bytes)") }
            throw LedgerError(error)
        }
    }

    /// Makes sure `directory` is a folder to write into: an existing folder, or a new one in an
    /// existing parent folder.
    private static func prepareFolder(_ directory: String) throws(LedgerError) {
        if FileSystem.isDirectory(directory) { return }
        if FileSystem.exists(directory) {
            throw LedgerError(.cannotCreate, "\(directory) exists and is not a folder; give --tiles a folder (it is created if its parent exists)")
        }
        let parent = FileSystem.directoryName(directory)
        guard FileSystem.isDirectory(parent) else {
            throw LedgerError(.cannotCreate, "cannot create \(directory): its parent folder \(parent) does not exist; create it first, or give --tiles another folder")
        }
        do { try FileSystem.makeDirectory(directory) } catch {
            throw LedgerError(.cannotCreate, "\(error.description); give --tiles a folder you can write")
        }
    }

    /// Writes one file of the tile folder (and the tile folders above it) under a temporary
    /// name, then renames it: a reader never sees half a tile. Not synced: the folder is an
    /// export, made again at will.
    private static func writeFile(_ bytes: [UInt8], at url: URL) throws(LedgerError) {
        do throws(FileError) {
            try FileSystem.makeDirectories(url.deletingLastPathComponent().path)
            let temporary = url.path + ".tmp"
            do {
                let file = try RawFile(path: temporary, flags: O_WRONLY | O_CREAT | O_TRUNC)
                try file.write(bytes, at: 0)
            }
            try FileSystem.rename(temporary, to: url.path)
        } catch {
            throw LedgerError(.cannotCreate, "\(error.description); give --tiles a folder you can write")
        }
    }
}
