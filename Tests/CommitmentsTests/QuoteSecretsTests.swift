import Foundation
import Testing
@testable import Commitments
import ContentHash

#if canImport(Glibc)
import Glibc
#endif

/// The keeper's secret store: private files, append-only, newest record in force, backups.
@Suite struct QuoteSecretsTests {
    func mode(_ path: String) -> Int {
        var info = stat()
        return stat(path, &info) == 0 ? Int(info.st_mode & 0o777) : -1
    }

    @Test func saveAndRead() throws {
        let root = try Fixtures.scratch()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let store = QuoteSecrets(besideKeyFile: root + "/keys/news.example_desk.key")
        #expect(store.folder == root + "/keys/news.example_desk.secrets")
        #expect(try store.secrets(for: "memo") == nil)
        let records = (0..<300).map { DocumentSecrets.new(document: "doc-\($0)", text: true, blind: $0 % 3 == 0) }
        try store.save(records)
        for record in records { #expect(try store.secrets(for: record.document) == record) }
        #expect(try store.allRecords().count == 300)
        // Private: the folder 0700, every file 0600.
        #expect(mode(store.folder) == 0o700)
        let files = try FileManager.default.contentsOfDirectory(atPath: store.folder)
        #expect(!files.isEmpty && files.count <= 256)
        for file in files { #expect(mode(store.folder + "/" + file) == 0o600, "\(file)") }
        // Ids that are not file names are fine.
        let odd = DocumentSecrets(document: "../../etc/passwd ünïcode/ü", quote: DocumentSecret(), blind: DocumentSecret(),
                                  withheld: ["title": "A \"quoted\"\ntitle", "bytes": "12"])
        try store.save([odd])
        #expect(try store.secrets(for: odd.document) == odd)
        #expect(throws: CommitmentError.self) { try store.requireSecrets(for: "never-registered") }
    }

    /// A record saved again for the same id (a registration tried again) is the one in force;
    /// the older stays in the file.
    @Test func newestInForce() throws {
        let root = try Fixtures.scratch()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let store = QuoteSecrets(folder: root + "/s")
        let first = DocumentSecrets.new(document: "memo", text: true, blind: false)
        let second = DocumentSecrets.new(document: "memo", text: true, blind: false)
        try store.save([first])
        try store.save([second])
        #expect(try store.secrets(for: "memo") == second)
        #expect(try store.allRecords().filter { $0.document == "memo" } == [first, second])
    }

    /// A save that crashed mid-line leaves a torn last line: readers skip it, the next save
    /// cuts it first. A damaged complete line is an error that says to restore the backup.
    @Test func tornAndDamagedLines() throws {
        let root = try Fixtures.scratch()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let store = QuoteSecrets(folder: root + "/s")
        let kept = DocumentSecrets.new(document: "memo", text: true, blind: false)
        try store.save([kept])
        let file = store.folder + "/" + (try FileManager.default.contentsOfDirectory(atPath: store.folder)[0])
        let handle = try #require(FileHandle(forWritingAtPath: file))
        handle.seekToEndOfFile()
        handle.write(Data("{\"v\":1,\"document\":\"memo\",\"quote_sec".utf8))
        try handle.close()
        #expect(try store.secrets(for: "memo") == kept)
        let next = DocumentSecrets(document: "memo", quote: DocumentSecret())
        try store.save([next])
        #expect(try store.allRecords() == [kept, next])

        try Data("not json\n".utf8).write(to: URL(fileURLWithPath: file))
        do {
            _ = try store.secrets(for: "memo")
            Issue.record("a damaged line was read")
        } catch {
            #expect(error.isStoreFailure)
            #expect(error.message.contains("restore"))
        }
    }

    /// Export, then import into an empty store and into one that already differs.
    @Test func exportImport() throws {
        let root = try Fixtures.scratch()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let store = QuoteSecrets(folder: root + "/a")
        let records = (0..<20).map { DocumentSecrets.new(document: "d\($0)", text: true, blind: $0 == 3) }
        try store.save(records)
        let bundle = try store.exportBundle()
        #expect(String(decoding: bundle.prefix(21), as: UTF8.self) == "leakledger-secrets/v1")

        let fresh = QuoteSecrets(folder: root + "/b")
        let summary = try fresh.importBundle(bundle)
        #expect(summary.added == 20 && summary.known == 0 && summary.conflicting.isEmpty)
        for record in records { #expect(try fresh.secrets(for: record.document) == record) }
        // Again: nothing added, nothing changed.
        #expect(try fresh.importBundle(bundle) == QuoteSecrets.ImportSummary(added: 0, known: 20, conflicting: []))

        // A store with its own, newer secret for d5 keeps it.
        let other = QuoteSecrets(folder: root + "/c")
        let newer = DocumentSecrets.new(document: "d5", text: true, blind: false)
        try other.save([newer])
        let merged = try other.importBundle(bundle)
        #expect(merged.added == 19 && merged.conflicting == ["d5"])
        #expect(try other.secrets(for: "d5") == newer)

        #expect(throws: CommitmentError.self) { try fresh.importBundle(Array("something else\n".utf8)) }
    }

    /// The folder synced after the store's folder is made, for every form of path.
    @Test func parentFolder() {
        #expect(QuoteSecrets.parent(of: "secrets") == ".")
        #expect(QuoteSecrets.parent(of: "/secrets") == "/")
        #expect(QuoteSecrets.parent(of: "keys/o.secrets") == "keys")
        #expect(QuoteSecrets.parent(of: "/home/k/.config/leakledger/keys/o.secrets") == "/home/k/.config/leakledger/keys")
    }

    /// A secret never shows in a description (logs, errors).
    @Test func redacted() {
        let secret = DocumentSecret()
        #expect(!"\(secret)".contains(Base64.encode(secret.bytes)))
        #expect("\(secret)" == "DocumentSecret(redacted)")
    }
}

