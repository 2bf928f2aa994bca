import Foundation
import Testing
import LeakLedger

@Suite struct ProofTilesTests {
    @Test func indexPathsFollowTheSpec() {
        #expect(Tiles.indexPath(0) == "000")
        #expect(Tiles.indexPath(7) == "007")
        #expect(Tiles.indexPath(999) == "999")
        #expect(Tiles.indexPath(1000) == "x001/000")
        #expect(Tiles.indexPath(1234067) == "x001/x234/067")
        #expect(Tiles.tilePath(level: 0, index: 1234067, width: 256) == "tile/0/x001/x234/067")
        #expect(Tiles.tilePath(level: 1, index: 5, width: 17) == "tile/1/005.p/17")
        #expect(Tiles.entriesPath(index: 0, width: 3) == "tile/entries/000.p/3")
    }

    @Test func layoutMatchesTheSpecExamples() {
        // "a tree of size 70,000 will be represented by 273 full level 0 tiles, one partial level 0
        // tile of width 112, one full level 1 tile, one partial level 1 tile of width 17, and one
        // partial level 2 tile of width 1."
        let tiles = Tiles.layout(size: 70_000)
        #expect(tiles.filter { $0.level == 0 && $0.width == 256 }.count == 273)
        #expect(tiles.filter { $0.level == 0 && $0.width < 256 }.map(\.width) == [112])
        #expect(tiles.filter { $0.level == 1 && $0.width == 256 }.count == 1)
        #expect(tiles.filter { $0.level == 1 && $0.width < 256 }.map(\.width) == [17])
        #expect(tiles.filter { $0.level == 2 }.map(\.width) == [1])
        #expect(tiles.count == 273 + 1 + 1 + 1 + 1)
        // "a tree of size 256 will be represented by a full level 0 tile and a partial level 1 tile of width 1."
        let two = Tiles.layout(size: 256)
        #expect(two.count == 2 && two[0] == (0, 0, 256) && two[1] == (1, 0, 1))
        #expect(Tiles.layout(size: 0).isEmpty)
    }

    func export(_ log: TestLog, to folder: TemporaryFolder) throws {
        try Tiles.write(to: folder.path, signedCheckpoint: log.signedCheckpoint,
                        reader: { log.store.read($0) }, entry: { log.entries[$0] })
    }

    @Test(arguments: [1, 5, 256, 600])
    func exportedTilesReadBackAndVerify(size: Int) throws {
        let log = TestLog.with(size)
        let folder = TemporaryFolder()
        defer { folder.cleanup() }
        try export(log, to: folder)
        let (checkpoint, entries) = try Tiles.read(from: folder.path, verifiers: [log.signer.verifier])
        #expect(checkpoint == log.checkpoint)
        #expect(entries == log.entries)
        if NotePython.hasCryptography || (try? NotePython.run(["-c", "pass"], input: Data()).status) == 0 {
            let script = NoteVectors.folder.appendingPathComponent("tree_tiles_verify.py").path
            let result = try NotePython.run([script, folder.path], input: Data())
            #expect(result.status == 0 && result.output == "ok \(size)\n", "\(result.output)")
        }
    }

    @Test func tamperedTilesAreCaught() throws {
        let log = TestLog.with(300)
        let folder = TemporaryFolder()
        defer { folder.cleanup() }
        try export(log, to: folder)
        let keys = [log.signer.verifier]
        let fm = FileManager.default
        func mutate(_ path: String, _ change: (inout [UInt8]) -> Void, expect kind: LedgerError.Kind = .tampered,
                    sourceLocation: SourceLocation = #_sourceLocation) {
            let full = folder.path + "/" + path
            let original = fm.contents(atPath: full)!
            var bytes = Array(original)
            change(&bytes)
            _ = fm.createFile(atPath: full, contents: Data(bytes))
            defer { _ = fm.createFile(atPath: full, contents: original) }
            let error = #expect(throws: LedgerError.self, "\(path)", sourceLocation: sourceLocation) {
                try Tiles.read(from: folder.path, verifiers: keys)
            }
            #expect(error?.kind == kind, "\(path): \(error?.message ?? "")", sourceLocation: sourceLocation)
        }
        mutate("tile/entries/000", { $0[10] ^= 1 })
        mutate("tile/entries/001.p/44", { $0[$0.count - 1] ^= 1 })
        mutate("tile/0/000", { $0[40] ^= 1 })
        mutate("tile/0/001.p/44", { $0[0] ^= 1 })
        mutate("tile/1/000.p/1", { $0[0] ^= 1 })
        mutate("tile/0/000", { $0.removeLast() })
        mutate("checkpoint", { $0[$0.count - 10] ^= 1 })
        // Everything restored reads again; a missing bundle is missing.
        #expect(try Tiles.read(from: folder.path, verifiers: keys).entries.count == 300)
        try fm.removeItem(atPath: folder.path + "/tile/entries/001.p/44")
        #expect((#expect(throws: LedgerError.self) { try Tiles.read(from: folder.path, verifiers: keys) })?.kind == .missing)
    }

    @Test func oversizedEntriesCannotBeBundled() {
        var log = TestLog.with(1)
        log.entries[0] = [UInt8](repeating: 0x41, count: 70_000)
        let folder = TemporaryFolder()
        defer { folder.cleanup() }
        let error = #expect(throws: LedgerError.self) {
            try Tiles.write(to: folder.path, signedCheckpoint: log.signedCheckpoint, reader: { _ in Merkle.emptyRoot },
                            entry: { log.entries[$0] })
        }
        #expect(error?.kind == .usage)
    }
}
