import ContentHash
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// ``InputFile``: only regular files are opened, and no read goes past its limit.
@Suite struct InputFileTests {
    private func folder() throws -> String {
        let path = NSTemporaryDirectory() + "inputfile-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func specialFilesAreRefusedWithoutBlocking() throws {
        let base = try folder()
        defer { try? FileManager.default.removeItem(atPath: base) }
        try #require(mkfifo(base + "/fifo", 0o600) == 0)
        for (path, kind) in [(base + "/fifo", "FIFO"), ("/dev/zero", "device"), (base, "folder")] {
            do {
                _ = try InputFile(path: path)
                Issue.record("\(path) was opened")
            } catch {
                #expect(error.isNotRegularFile && !error.isTooLarge, "\(error)")
                #expect(error.description.contains(kind), "\(error)")
            }
        }
        do { _ = try InputFile(path: base + "/missing"); Issue.record("a missing file opened") } catch { #expect(error.isMissing) }
    }

    @Test func readsStopAtTheLimit() throws {
        let base = try folder()
        defer { try? FileManager.default.removeItem(atPath: base) }
        let bytes = [UInt8]((0..<1000).map { UInt8($0 % 251) })
        try Data(bytes).write(to: URL(fileURLWithPath: base + "/f"))
        #expect(try InputFile(path: base + "/f").read(limit: 1000) == bytes)
        do { _ = try InputFile(path: base + "/f").read(limit: 999); Issue.record("read past the limit") } catch {
            #expect(error.isTooLarge && error.description.contains("999"), "\(error)")
        }
        let (digest, kept) = try InputFile(path: base + "/f").hash(keepingAtMost: 999)
        #expect(digest.sha256 == SHA256.hash(bytes) && digest.byteCount == 1000 && kept == nil)
        #expect(try InputFile(path: base + "/f").hash(keepingAtMost: 1000).content == bytes)
    }
}
