import ArgumentParser
import Foundation
import LeakLedger

extension LeakLedgerCommand {
    /// `leakledger append FILE`: many statuses, links, excerpts or corrections at once.
    struct Append: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Append statuses, links, excerpts or corrections from a file of JSON lines.",
            discussion: """
                Each line is one entry: {"type": "party.status", "body": {"party": …, "document": …, \
                "status": …}}, with the members the matching command records (party.status, \
                link.added, excerpt.recorded, entry.corrected). Every line is checked as its command \
                checks it (vocabularies, registered documents, names, duplicates) before anything \
                is appended; one bad line appends nothing and is named. The entries are then \
                committed in batches.
                """
        )

        @Argument(help: ArgumentHelp("The file of JSON lines; - reads standard input.", valueName: "file"))
        var file: String

        @Flag(name: .long, help: "Accept names spelled close to known ones as new, different names.")
        var asNew = false

        @OptionGroup var location: LedgerOptions
        @OptionGroup var writer: WriterOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let text = try InputFile.read(file, limit: Ledger.appendInputLimit, what: "the entries")
            let ledger = try writer.openForWriting(location)
            let summary = try ledger.appendLines(text, acceptNewSpellings: asNew, actor: writer.resolvedActor)
            for warning in summary.warnings { ProvenanceCommand.warn(warning) }
            if output.json {
                Output.json(["appended": .int(summary.appended), "batches": .int(summary.batches)])
            } else {
                print("Appended \(summary.appended) entr\(summary.appended == 1 ? "y" : "ies") in \(summary.batches) commit\(summary.batches == 1 ? "" : "s").")
            }
        }
    }
}

/// Reading a user's input file: a regular file (or `-`, standard input), never more than a limit.
enum InputFile {
    static func read(_ path: String, limit: Int, what: String) throws -> [UInt8] {
        let descriptor = path == "-" ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else {
            throw errno == ENOENT ? LedgerError.missing("no file at \(path): check the path") : LedgerError(.io, "cannot open \(path): \(String(cString: strerror(errno)))")
        }
        defer { if path != "-" { close(descriptor) } }
        if path != "-" {
            var info = stat()
            guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
                throw LedgerError.malformed("\(path) is not a regular file; give a file, or - to read standard input")
            }
            _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~O_NONBLOCK)
        }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw LedgerError(.io, "cannot read \(path): \(String(cString: strerror(errno)))")
            }
            if count == 0 { break }
            guard bytes.count + count <= limit else {
                throw LedgerError.malformed("\(what) in \(path == "-" ? "standard input" : path) are larger than \(limit >> 20) MiB; split them")
            }
            bytes += buffer[0..<count]
        }
        return bytes
    }
}
