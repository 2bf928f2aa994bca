import Foundation
import LeakLedger
import Testing

/// Terminal output is never raw: names, notes, actors and ids from a ledger reach standard
/// output and standard error only escaped (`⟨U+001B⟩`), and an actor a terminal would act on is
/// refused.
@Suite struct TerminalOutputTests {
    /// ESC [2J clears the screen; BEL rings; U+009B is the one-character CSI; U+202E reverses
    /// what follows. None may reach a terminal raw.
    static let hostile = "\u{1B}[2J\u{07}\u{9B}31m\u{202E}"

    /// True when `text` holds a character that `Terminal.isUnsafe` names, other than line ends.
    static func hasRawControl(_ text: String) -> Bool {
        text.unicodeScalars.contains { scalar in
            scalar != "\n" && (scalar.value < 0x20 || (0x7F..<0xA0).contains(scalar.value)
                               || (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value))
        }
    }

    /// A ledger whose entries carry the hostile string in a party name, a statement, a link's
    /// note, a title, and (appended through the library, as another tool could) an actor.
    static func hostileLedger() throws -> Sandbox {
        let s = try Sandbox()
        for arguments in [
            ["init", "L", "--origin", "test.example/terminal"],
            ["register", "--ledger", "L", "--excerpts-only", "--id", "memo", "--title", "Memo " + hostile,
             "--excerpt", "a fictional excerpt " + hostile],
            ["register", "--ledger", "L", "--excerpts-only", "--kind", "statement", "--id", "story", "--title", "A story"],
            ["status", "--ledger", "L", "Agency" + hostile, "memo", "denied", "--statement", "No" + hostile],
            ["link", "--ledger", "L", "story", "cites", "memo", "--note", "note" + hostile],
        ] {
            let run = try s.run(arguments)
            try #require(run.status == 0, "\(arguments): \(run)")
            #expect(!hasRawControl(run.stdout) && !hasRawControl(run.stderr), "\(arguments) printed raw controls: \(run)")
        }
        try appendAsAnotherTool(s, actor: "actor" + hostile,
                                EntryDraft(type: .excerptRecorded, body: ["document": "memo", "text": "another excerpt"]))
        return s
    }

    /// Appends an entry as another implementation of the format, or an older leakledger, could
    /// (the format lets an actor be any string; this tool refuses such actors): the line, its
    /// stored hashes, and a checkpoint over them signed with the ledger's own key.
    static func appendAsAnotherTool(_ s: Sandbox, actor: String, _ draft: EntryDraft) throws {
        let key = try LedgerKeys.read(at: s.path("config/leakledger/keys/test.example_terminal.key"))
        let entriesURL = URL(fileURLWithPath: s.path("L/log/entries.jsonl")), hashesURL = URL(fileURLWithPath: s.path("L/log/hashes"))
        var lines = try Data(contentsOf: entriesURL)
        let size = lines.filter { $0 == UInt8(ascii: "\n") }.count
        let bytes = Array(try Data(contentsOf: hashesURL))
        var hashes = stride(from: 0, to: bytes.count, by: 32).map { SHA256Digest(bytes: bytes[$0..<($0 + 32)])! }
        try #require(hashes.count == Merkle.storedHashCount(size))
        let time = ISO8601DateFormatter().string(from: Date())
        let entry = Entry(seq: size, time: time, type: draft.type, actor: actor, body: draft.body)
        let known = hashes
        hashes += Merkle.storedHashes(forLeaf: size, leafHash: Merkle.leafHash(entry.canonicalBytes)) { known[$0] }
        let root = Merkle.treeHash(size: size + 1) { hashes[$0] }
        lines.append(contentsOf: entry.canonicalBytes + [UInt8(ascii: "\n")])
        try lines.write(to: entriesURL)
        try Data(hashes.flatMap(\.bytes)).write(to: hashesURL)
        let checkpoint = Checkpoint(origin: "test.example/terminal", size: size + 1, root: root)
        try Data(key.sign(checkpoint.text).utf8).write(to: URL(fileURLWithPath: s.path("L/checkpoint")))
        let check = try s.run(["check", "--ledger", "L"])
        try #require(check.status == 0, "the hand-made entry does not verify: \(check)")
    }

    @Test func logEscapesNamesNotesAndActors() throws {
        let s = try Self.hostileLedger()
        let log = try s.run(["log", "--ledger", "L"])
        #expect(log.status == 0, "\(log)")
        #expect(!Self.hasRawControl(log.stdout), "\(log.stdout)")
        #expect(log.stdout.contains("Agency⟨U+001B⟩[2J⟨U+0007⟩⟨U+009B⟩31m⟨U+202E⟩ denied on memo"), "\(log.stdout)")
        #expect(log.stdout.contains("actor⟨U+001B⟩[2J"), "\(log.stdout)")
        // JSON keeps the values, with the controls as \u escapes.
        let json = try s.run(["log", "--ledger", "L", "--json"])
        #expect(!Self.hasRawControl(json.stdout), "\(json.stdout)")
        let last = try #require(json.jsonLines().last)
        #expect(last["actor"] as? String == "actor" + Self.hostile)
        #expect(json.stdout.contains(#"\u009b31m\u202e"#))
    }

    @Test func showAndVerifyEscapeWhatTheLedgerHolds() throws {
        let s = try Self.hostileLedger()
        let show = try s.run(["show", "--ledger", "L", "memo"])
        #expect(show.status == 0, "\(show)")
        #expect(!Self.hasRawControl(show.stdout), "\(show.stdout)")
        #expect(show.stdout.contains("Memo ⟨U+001B⟩[2J"))
        #expect(show.stdout.contains("note⟨U+001B⟩[2J"))
        let verify = try s.run(["verify", "--ledger", "L", "--no-color", "a fictional excerpt"])
        #expect(verify.status == 0, "\(verify)")
        #expect(!Self.hasRawControl(verify.stdout), "\(verify.stdout)")
        #expect(verify.stdout.contains("⟨U+001B⟩[2J"), "\(verify.stdout)")
    }

    @Test func errorsThatEchoInputAreEscaped() throws {
        let s = try Self.hostileLedger()
        let show = try s.run(["show", "--ledger", "L", "missing" + Self.hostile])
        #expect(show.status == 66, "\(show)")
        #expect(show.stderr.hasPrefix("error: ") && show.stderr.hasSuffix("\n"))
        #expect(show.stderr.split(separator: "\n").count == 1, "\(show.stderr)")
        #expect(!Self.hasRawControl(show.stderr), "\(show.stderr)")
        #expect(show.stderr.contains("missing⟨U+001B⟩[2J"), "\(show.stderr)")
        let flag = try s.run(["log", "--ledger", "L", "--type" + Self.hostile])
        #expect(flag.status == 64, "\(flag)")
        #expect(!Self.hasRawControl(flag.stderr), "\(flag.stderr)")
    }

    @Test(arguments: ["a\u{1B}[2Jb", "a\u{07}", "a\u{7F}", "a\u{9B}31m", "a\u{202E}b", "a\u{2066}b", "two\nlines", ""])
    func actorsATerminalWouldObeyAreRefused(_ actor: String) throws {
        let s = try Sandbox()
        try #require(try s.run(["init", "L", "--origin", "test.example/actor"]).status == 0)
        let refused = try ProvenanceCommandTests.refuses(s, ["register", "--ledger", "L", "--excerpts-only", "--id", "d",
                                                              "--title", "T", "--actor", actor], status: 64)
        #expect(refused.stderr.contains("--actor"), "\(refused)")
        #expect(!Self.hasRawControl(refused.stderr), "\(refused.stderr)")
        s.environment["LEAKLEDGER_ACTOR"] = actor
        let fromEnvironment = try s.run(["register", "--ledger", "L", "--excerpts-only", "--id", "d", "--title", "T"])
        if actor.isEmpty {
            #expect(fromEnvironment.status == 0, "an empty $LEAKLEDGER_ACTOR falls back to the login name: \(fromEnvironment)")
        } else {
            #expect(fromEnvironment.status == 64, "\(fromEnvironment)")
            #expect(fromEnvironment.stderr.contains("$LEAKLEDGER_ACTOR"), "\(fromEnvironment)")
        }
    }

    @Test func anActorInAnotherScriptIsAccepted() throws {
        let s = try Sandbox()
        try #require(try s.run(["init", "L", "--origin", "test.example/actor"]).status == 0)
        let run = try s.run(["register", "--ledger", "L", "--excerpts-only", "--id", "d", "--title", "T", "--actor", "Zoë Ørsted-أحمد"])
        #expect(run.status == 0, "\(run)")
        let log = try s.run(["log", "--ledger", "L", "--json"])
        #expect(try log.jsonLines().last?["actor"] as? String == "Zoë Ørsted-أحمد")
    }

    @Test(arguments: ["a\u{9B}b", "a\u{202E}b", "a\u{85}b"])
    func documentIdsATerminalWouldObeyAreRefused(_ id: String) throws {
        let s = try Sandbox()
        try #require(try s.run(["init", "L", "--origin", "test.example/ids"]).status == 0)
        let run = try ProvenanceCommandTests.refuses(s, ["register", "--ledger", "L", "--excerpts-only", "--id", id, "--title", "T"], status: 64)
        #expect(!Self.hasRawControl(run.stderr), "\(run.stderr)")
    }
}
