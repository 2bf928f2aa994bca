import Foundation
import Testing

/// `status`, `link`, `correct`, `show` and `export` end to end: the built binary, real folders.
@Suite struct ProvenanceCommandTests {
    /// A sandbox with a fictional ledger `L`: memo-a (published by a fictional paper), memo-b,
    /// and report-r, a statement.
    static func ledger() throws -> Sandbox {
        let sandbox = try Sandbox()
        for arguments in [
            ["init", "L", "--origin", "test.example/prov"],
            ["register", "--ledger", "L", "--excerpts-only", "--id", "memo-a", "--title", "Fictional memo A",
             "--publisher", "Diario País", "--published", "2021-03-04", "--excerpt", "the widgets shall be counted twice"],
            ["register", "--ledger", "L", "--excerpts-only", "--id", "memo-b", "--title", "Fictional memo B"],
            ["register", "--ledger", "L", "--excerpts-only", "--kind", "statement", "--id", "report-r",
             "--title", "A fictional wire report"],
        ] {
            let run = try sandbox.run(arguments)
            try #require(run.status == 0, "\(arguments): \(run)")
        }
        return sandbox
    }

    /// Runs a command that must fail with `status` and leave the ledger folder byte for byte as it was.
    static func refuses(_ sandbox: Sandbox, _ arguments: [String], status: Int32) throws -> Run {
        let before = try sandbox.snapshot(sandbox.path("L"))
        let run = try sandbox.run(arguments)
        #expect(run.status == status, "\(arguments): \(run)")
        #expect(run.stderr.hasPrefix("error: "), "\(run)")
        #expect(try sandbox.snapshot(sandbox.path("L")) == before, "\(arguments) changed the ledger")
        return run
    }

    @Test func statusesAreRecordedAndShownWithTheirHistory() throws {
        let s = try Self.ledger()
        let first = try s.run(["status", "--ledger", "L", "Agency Foo", "memo-a", "no_response", "--reported-by", "report-r",
                               "--at", "2021-03-04", "--json"])
        #expect(first.status == 0, "\(first)")
        #expect(try first.json()["seq"] as? Int == 5)
        let second = try s.run(["status", "--ledger", "L", "Agency Foo", "memo-a", "confirmed", "--statement",
                                "Yes, \"that\" memo is ours.", "--reported-by", "Radio Fictive", "--at", "2021-03-06T09:00:00Z"])
        #expect(second.status == 0, "\(second)")
        #expect(second.stdout.contains("New to this ledger: reporter \"Radio Fictive\""))
        let show = try s.run(["show", "--ledger", "L", "memo-a", "--json"])
        #expect(show.status == 0, "\(show)")
        let card = try show.json()
        #expect(card["id"] as? String == "memo-a")
        #expect(card["publisher"] as? String == "Diario País")
        #expect(card["published"] as? String == "2021-03-04")
        let statuses = try #require(card["statuses"] as? [[String: Any]])
        #expect(statuses.map { $0["status"] as? String } == ["no_response", "confirmed"])
        #expect(statuses.map { $0["seq"] as? Int } == [5, 6])
        #expect(statuses[1]["party"] as? String == "Agency Foo")
        #expect(statuses[1]["statement"] as? String == "Yes, \"that\" memo is ours.")
        #expect(statuses[1]["reported_by"] as? String == "Radio Fictive")
        #expect(statuses[1]["at"] as? String == "2021-03-06T09:00:00Z")
        #expect(statuses[0]["reported_by"] as? String == "report-r")
        let excerpts = try #require(card["excerpts"] as? [[String: Any]])
        #expect(excerpts.first?["text"] as? String == "the widgets shall be counted twice")
        let text = try s.run(["show", "--ledger", "L", "memo-a"])
        #expect(text.stdout.contains("  Agency Foo: confirmed since 2021-03-06T09:00:00Z (seq 6)"), "\(text)")
        #expect(text.stdout.contains("    · 2021-03-04 no_response"), "\(text)")
        #expect(!text.stdout.contains("\u{1B}"), "colour only on a terminal")
    }

    @Test(arguments: [
        (["Agency Foo", "memo-a", "refused"], "unknown status \"refused\""),
        (["Agency Foo", "memo-a", "Confirmed"], "did you mean confirmed?"),
        (["Agency Foo", "memo-z", "denied"], "\"memo-z\" is not a registered document or statement"),
        (["Agency Foo", "memo-a", "denied", "--at", "March 4"], "expected YYYY-MM-DD"),
        (["Agency Foo", "memo-a", "denied", "--statement", " "], "--statement is empty"),
    ])
    func badStatusesExit64AndAppendNothing(arguments: [String], message: String) throws {
        let s = try Self.ledger()
        let run = try Self.refuses(s, ["status", "--ledger", "L"] + arguments, status: 64)
        #expect(run.stderr.contains(message), "\(run)")
        if message.hasPrefix("unknown status") {
            #expect(run.stderr.contains("confirmed, hedged_confirmation, denied, denied_involvement, neither_confirm_nor_deny, declined_to_comment, no_comment_policy, no_response, authenticated_technical, disputed"))
        }
    }

    @Test func aNearDuplicateNameIsRefusedUnlessAsNew() throws {
        let s = try Self.ledger()
        #expect(try s.run(["status", "--ledger", "L", "Diario País", "memo-b", "no_response"]).status == 0)
        let refused = try Self.refuses(s, ["status", "--ledger", "L", "Diario Pais", "memo-a", "denied"], status: 64)
        #expect(refused.stderr.contains("\"Diario Pais\" looks like the known party \"Diario País\""), "\(refused)")
        #expect(refused.stderr.contains("--as-new"))
        let reporter = try Self.refuses(s, ["status", "--ledger", "L", "Diario País", "memo-a", "denied",
                                            "--reported-by", "REPORT R"], status: 64)
        #expect(reporter.stderr.contains("known document \"report-r\""), "\(reporter)")
        let accepted = try s.run(["status", "--ledger", "L", "Diario Pais", "memo-a", "denied", "--as-new"])
        #expect(accepted.status == 0, "\(accepted)")
        #expect(accepted.stderr.hasPrefix("warning: party \"Diario Pais\" looks like the known party \"Diario País\""))
    }

    @Test func linksAreCheckedAndShownBothWays() throws {
        let s = try Self.ledger()
        let run = try s.run(["link", "--ledger", "L", "report-r", "quotes", "memo-a", "--note", "second paragraph", "--json"])
        #expect(run.status == 0, "\(run)")
        #expect(try run.json()["relation"] as? String == "quotes")
        #expect(try s.run(["link", "--ledger", "L", "memo-b", "mirrors", "memo-a"]).status == 0)
        let relation = try Self.refuses(s, ["link", "--ledger", "L", "report-r", "reaffirms", "memo-a"], status: 64)
        #expect(relation.stderr.contains("allowed: quotes, mirrors, cites, responds_to, derived_from, same_as, contradicts, supersedes, context"))
        let end = try Self.refuses(s, ["link", "--ledger", "L", "report-r", "cites", "Diario País"], status: 64)
        #expect(end.stderr.contains("is not a registered document or statement"))
        _ = try Self.refuses(s, ["link", "--ledger", "L", "report-r", "quotes", "memo-a"], status: 64)
        let links = try #require(try s.run(["show", "--ledger", "L", "memo-a", "--json"]).json()["links"] as? [[String: Any]])
        #expect(links.map { $0["from"] as? String } == ["report-r", "memo-b"])
        #expect(links.map { $0["direction"] as? String } == ["in", "in"])
        #expect(links.first?["note"] as? String == "second paragraph")
        let out = try #require(try s.run(["show", "--ledger", "L", "report-r", "--json"]).json()["links"] as? [[String: Any]])
        #expect(out.map { $0["direction"] as? String } == ["out"])
    }

    @Test func correctionsAppendAndShowBeside() throws {
        let s = try Self.ledger()
        #expect(try s.run(["status", "--ledger", "L", "Agency Foo", "memo-a", "confirmed"]).status == 0)
        #expect(try s.run(["link", "--ledger", "L", "report-r", "quotes", "memo-b"]).status == 0)
        let log = try Data(contentsOf: URL(fileURLWithPath: s.path("L/log/entries.jsonl")))
        let replace = try s.run(["correct", "--ledger", "L", "5", "--reason", "it was hedged", "--status",
                                 "hedged_confirmation", "--at", "2021-03-05", "--json"])
        #expect(replace.status == 0, "\(replace)")
        let json = try replace.json()
        #expect(json["corrects"] as? Int == 5)
        #expect((json["replacement"] as? [String: Any])?["status"] as? String == "hedged_confirmation")
        let withdraw = try s.run(["correct", "--ledger", "L", "6", "--reason", "the report paraphrases"])
        #expect(withdraw.status == 0 && withdraw.stdout.contains("entry 6 withdrawn"), "\(withdraw)")
        // Nothing was edited: the old log is a prefix of the new one.
        let after = try Data(contentsOf: URL(fileURLWithPath: s.path("L/log/entries.jsonl")))
        #expect(after.prefix(log.count) == log)
        let card = try s.run(["show", "--ledger", "L", "memo-a", "--json"]).json()
        let statuses = try #require(card["statuses"] as? [[String: Any]])
        #expect(statuses[0]["status"] as? String == "confirmed")
        let corrections = try #require(statuses[0]["corrections"] as? [[String: Any]])
        #expect(corrections.first?["seq"] as? Int == 7 && corrections.first?["reason"] as? String == "it was hedged")
        #expect((card["parties"] as? [[String: Any]])?.first?["status"] as? String == "hedged_confirmation")
        let text = try s.run(["show", "--ledger", "L", "memo-b"]).stdout
        #expect(text.contains("✎ corrected by seq 8"), "\(text)")
        #expect(text.contains("the report paraphrases → withdrawn"), "\(text)")
        _ = try Self.refuses(s, ["correct", "--ledger", "L", "0", "--reason", "r"], status: 64)
        _ = try Self.refuses(s, ["correct", "--ledger", "L", "5", "--reason", "r", "--status", "maybe"], status: 64)
        _ = try Self.refuses(s, ["correct", "--ledger", "L", "5", "--reason", "r", "--relation", "cites"], status: 64)
        _ = try Self.refuses(s, ["correct", "--ledger", "L", "99", "--reason", "r"], status: 64)
    }

    @Test func recordedVerificationsAppearOnTheCard() throws {
        let s = try Self.ledger()
        let file = try s.write("memo-t.txt", text: "The fictional widgets shall be counted twice, said the memo.\n")
        #expect(try s.run(["register", "--ledger", "L", file, "--id", "memo-t"]).status == 0)
        let verify = try s.run(["verify", "--ledger", "L", "widgets shall be counted twice", "--record"])
        #expect(verify.status == 0, "\(verify)")
        let card = try s.run(["show", "--ledger", "L", "memo-t", "--json"]).json()
        let verifications = try #require(card["verifications"] as? [[String: Any]])
        #expect(verifications.count == 1)
        #expect(verifications.first?["excerpt"] as? String == "widgets shall be counted twice")
        #expect((verifications.first?["match"] as? [String: Any])?["verdict"] as? String == "exact")
        let text = try s.run(["show", "--ledger", "L", "memo-t"]).stdout
        #expect(text.contains("  seq 6  exact  line 1  score 1.00"), "\(text)")
    }

    @Test func appendingNeedsTheKeyButCheckingDoesNot() throws {
        let s = try Self.ledger()
        try FileManager.default.removeItem(atPath: s.path("config/leakledger/keys/test.example_prov.key"))
        _ = try Self.refuses(s, ["status", "--ledger", "L", "Agency Foo", "memo-a", "maybe"], status: 64)
        let run = try Self.refuses(s, ["status", "--ledger", "L", "Agency Foo", "memo-a", "denied"], status: 77)
        #expect(run.stderr.contains("--key"))
        #expect(try s.run(["show", "--ledger", "L", "memo-a"]).status == 0)
    }

    @Test func showOfAnUnknownDocumentIsMissing() throws {
        let s = try Self.ledger()
        let run = try s.run(["show", "--ledger", "L", "memo-q"])
        #expect(run.status == 66)
        #expect(run.stderr.contains("known: memo-a, memo-b, report-r"))
    }

    @Test func exportsParse() throws {
        let s = try Self.ledger()
        #expect(try s.run(["status", "--ledger", "L", "Agency, \"Foo\"", "memo-a", "denied"]).status == 0)
        #expect(try s.run(["link", "--ledger", "L", "report-r", "quotes", "memo-a"]).status == 0)
        // jsonl is the log, byte for byte.
        let jsonl = try s.run(["export", "--ledger", "L", "--format", "jsonl", "--out", "out.jsonl"])
        #expect(jsonl.status == 0 && jsonl.stdout.isEmpty, "\(jsonl)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: s.path("out.jsonl")))
            == Data(contentsOf: URL(fileURLWithPath: s.path("L/log/entries.jsonl"))))
        // csv, read by Python's csv module.
        let csv = try s.run(["export", "--ledger", "L", "--format", "csv", "--out", "out.csv"])
        #expect(csv.status == 0)
        let rows = try Sandbox.runProgram("/usr/bin/env", ["python3", "-c",
            "import csv, json, sys; print(json.dumps(list(csv.reader(open(sys.argv[1], newline='', encoding='utf-8')))))",
            s.path("out.csv")])
        #expect(rows.stdout == #"[["party", "memo-a"], ["Agency, \"Foo\"", "denied"]]"# + "\n", "\(rows)")
        let bad = try Self.refuses(s, ["export", "--ledger", "L", "--format", "xml"], status: 64)
        #expect(bad.stderr.contains("allowed: prov, prov-jsonld, dot, svg, csv, jsonl"))
    }

    @Test(.enabled(if: ProvenanceTools.hasRDFLib, "rdflib is not installed (pip install rdflib)"))
    func provExportParsesWithRDFLib() throws {
        let s = try Self.ledger()
        #expect(try s.run(["status", "--ledger", "L", "Agency Foo", "memo-a", "denied"]).status == 0)
        #expect(try s.run(["export", "--ledger", "L", "--format", "prov", "--out", "out.ttl"]).status == 0)
        let check = try Sandbox.runProgram("/usr/bin/env", ["python3", "-c", """
            import sys, rdflib
            from rdflib.namespace import RDF, PROV
            g = rdflib.Graph().parse(sys.argv[1], format="turtle")
            base = "https://test.example/prov/"
            doc = rdflib.URIRef(base + "document/memo-a")
            assert (doc, RDF.type, PROV.Entity) in g
            assert (doc, PROV.wasAttributedTo, rdflib.URIRef(base + "agent/Diario%20Pa%C3%ADs")) in g
            assert (rdflib.URIRef(base + "document/report-r"), RDF.type, PROV.Entity) in g
            assert (rdflib.URIRef(base + "agent/Agency%20Foo"), RDF.type, PROV.Agent) in g
            print(len(g))
            """, s.path("out.ttl")])
        #expect(check.status == 0, "\(check)")
    }

    @Test func svgRendersWithGraphvizOrSaysHowToInstallIt() throws {
        let s = try Self.ledger()
        if ProvenanceTools.hasGraphviz {
            let run = try s.run(["export", "--ledger", "L", "--format", "svg"])
            #expect(run.status == 0 && run.stdout.contains("<svg"), "\(run)")
        }
        // Without dot on the PATH the command fails, and says how to install it.
        s.environment["PATH"] = s.path("empty-bin")
        let run = try s.run(["export", "--ledger", "L", "--format", "svg"])
        #expect(run.status == 66)
        #expect(run.stderr.contains("apt-get install graphviz"), "\(run)")
    }

    @Test(arguments: [["status"], ["link"], ["correct"], ["show"], ["export"]])
    func everyOptionHasHelp(_ command: [String]) throws {
        let run = try Sandbox().run(command + ["--help"])
        #expect(run.status == 0)
        let optionLines = run.stdout.split(separator: "\n").filter { $0.hasPrefix("  --") }
        #expect(!optionLines.isEmpty)
        for line in optionLines {
            #expect(line.split(separator: " ").count >= 2, "no help for \(line) in \(command)")
        }
    }
}

enum ProvenanceTools {
    static let hasRDFLib = (try? Sandbox.runProgram("/usr/bin/env", ["python3", "-c", "import rdflib"]).status) == 0
    static let hasGraphviz = (try? Sandbox.runProgram("/usr/bin/env", ["dot", "-V"]).status) == 0
}

/// The sample ledger (Ledger/) carries the reference case's statuses and cross-references, and
/// `show` prints them on a fresh clone: no key, no objects/, no index.
@Suite struct ProvenanceSampleTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    private func freshCopy() throws -> Sandbox {
        let sandbox = try Sandbox()
        for file in ["ledger.json", "checkpoint", "log/entries.jsonl", "log/hashes"] {
            try sandbox.write("Ledger/" + file, Array(try Data(contentsOf: Self.repository.appendingPathComponent("Ledger/" + file))))
        }
        return sandbox
    }

    @Test func showUSResponsePrintsItsCard() throws {
        let s = try freshCopy()
        let text = try s.run(["show", "us-response"])
        #expect(text.status == 0, "\(text)")
        for line in ["us-response  Written response of the United States to Russia's security proposals",
                     "  publisher   El País", "  marking     confidential; non-paper",
                     "  US State Department: declined_to_comment (seq 11)",
                     "  Kremlin: declined_to_comment (seq 13)",
                     "        > we haven't released anything",
                     "  Russian Foreign Ministry: neither_confirm_nor_deny (seq 15)",
                     "        reported by RIA Novosti",
                     "  ← wire-story quotes us-response  seq 18  excerpts 1-3; the story cites El País as the publisher"] {
            #expect(text.stdout.split(separator: "\n").contains(Substring(line)), "\(line)\n\(text.stdout)")
        }
    }

    @Test func theCasesStatusesAndLinks() throws {
        let s = try freshCopy()
        func card(_ id: String) throws -> [String: Any] { try s.run(["show", id, "--json"]).json() }
        func statuses(_ id: String) throws -> [[String]] {
            try (card(id)["statuses"] as? [[String: Any]] ?? []).map {
                [$0["party"] as? String ?? "", $0["status"] as? String ?? "", $0["reported_by"] as? String ?? ""]
            }
        }
        #expect(try statuses("us-response") == [
            ["US State Department", "declined_to_comment", "wire-story"],
            ["Kremlin", "declined_to_comment", "wire-story"],
            ["Russian Foreign Ministry", "neither_confirm_nor_deny", "RIA Novosti"]])
        #expect(try statuses("nato-response") == [
            ["NATO", "no_comment_policy", "wire-story"],
            ["Kremlin", "declined_to_comment", "wire-story"],
            ["Russian Foreign Ministry", "neither_confirm_nor_deny", "RIA Novosti"]])
        let nato = try card("nato-response")
        #expect((nato["statuses"] as? [[String: Any]])?.first?["statement"] as? String == "alleged leaks")
        let links = (nato["links"] as? [[String: Any]] ?? []).map {
            [$0["from"] as? String ?? "", $0["relation"] as? String ?? "", $0["to"] as? String ?? ""]
        }
        #expect(links == [["nato-response", "mirrors", "stoltenberg-briefing"], ["wire-story", "quotes", "nato-response"],
                          ["nato-response", "context", "bucharest-2008"]])
        let csv = try s.run(["export", "--format", "csv"])
        #expect(csv.stdout == "party,us-response,nato-response\r\n"
            + "US State Department,declined_to_comment,\r\nNATO,,no_comment_policy\r\n"
            + "Kremlin,declined_to_comment,declined_to_comment\r\n"
            + "Russian Foreign Ministry,neither_confirm_nor_deny,neither_confirm_nor_deny\r\n")
    }

    /// "El Pais" after "El País": refused while reading, before any key is needed.
    @Test func theIssuesExampleOfANearDuplicate() throws {
        let s = try freshCopy()
        let run = try s.run(["status", "El Pais", "us-response", "confirmed"])
        #expect(run.status == 64, "\(run)")
        #expect(run.stderr == "error: party \"El Pais\" looks like the known publisher \"El País\"; use the known spelling, or pass --as-new to record \"El Pais\" as a different name\n")
        let spaced = try s.run(["status", "US  State Department", "us-response", "confirmed"])
        #expect(spaced.stderr.contains("looks like the known party \"US State Department\""), "\(spaced)")
        // Accepted as new, it then needs the key, which a clone does not have.
        #expect(try s.run(["status", "El Pais", "us-response", "confirmed", "--as-new"]).status == 77)
    }
}
