import Foundation
import Testing

/// Several writers at once: the lock serialises them; nothing is lost or duplicated.
@Suite struct ConcurrencyTests {
    @Test func fourWritersAtOnce() throws {
        let sandbox = try Sandbox()
        try #require(try sandbox.run(["init", "L", "--origin", "test.example/busy"]).status == 0)
        let writers = 4, commandsEach = 6
        var expected = Set<String>()
        var shells = [Process]()
        for writer in 0..<writers {
            var script = "set -e\n"
            for command in 0..<commandsEach {
                let id = "w\(writer)-c\(command)"
                let file = try sandbox.write("\(id).txt", text: "fictional file \(id)\n")
                script += "'\(Tool.binary.path)' register '\(file)' --ledger L --wait 60\n"
                expected.insert(id)
            }
            let path = try sandbox.write("writer\(writer).sh", text: script)
            let shell = Process()
            shell.executableURL = URL(fileURLWithPath: "/bin/sh")
            shell.arguments = [path]
            shell.environment = sandbox.environment
            shell.currentDirectoryURL = sandbox.root
            shell.standardOutput = FileHandle.nullDevice
            shell.standardError = FileHandle.nullDevice
            try shell.run()
            shells.append(shell)
        }
        for shell in shells {
            shell.waitUntilExit()
            #expect(shell.terminationStatus == 0)
        }
        let log = try sandbox.run(["log", "--ledger", "L", "--json"]).jsonLines()
        #expect(log.map { $0["seq"] as? Int } == Array(0...(writers * commandsEach)).map { Optional($0) })
        let ids = log.compactMap { ($0["body"] as? [String: Any])?["id"] as? String }
        #expect(ids.count == expected.count)
        #expect(Set(ids) == expected)
        #expect(try sandbox.run(["check", "--ledger", "L"]).status == 0)
    }
}
