import Foundation
import Testing
import ContentHash

/// The project's shared quote fixtures (../shared/fixtures/quotes next to the package root):
/// every case's verdict, its documents in order, and its counts.
enum SharedQuoteFixtures {
    /// Package root: three levels up from this file (root/Tests/ContentHashTests/this.swift).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let directory = root.deletingLastPathComponent().appendingPathComponent("shared/fixtures/quotes")
    static let available = FileManager.default.fileExists(atPath: directory.appendingPathComponent("cases.json").path)

    struct Case: Sendable, CustomTestStringConvertible {
        var id: String
        var excerpt: String
        var verdict: String
        var documents: [String]
        var counts: [String: Int]
        var testDescription: String { id }
    }

    static let cases: [Case] = {
        guard available, let data = try? Data(contentsOf: directory.appendingPathComponent("cases.json")),
              let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let list = json["cases"] as? [[String: Any]] else { return [] }
        return list.map { c in
            let expect = c["expect"] as? [String: Any] ?? [:]
            return Case(id: c["id"] as? String ?? "", excerpt: c["excerpt"] as? String ?? "",
                        verdict: expect["verdict"] as? String ?? "", documents: expect["documents"] as? [String] ?? [],
                        counts: expect["counts"] as? [String: Int] ?? [:])
        }
    }()

    /// Every file in docs/, registered with id = file name minus ".txt", decoded as the ledger does.
    static let documents: [PreparedText] = {
        let docs = directory.appendingPathComponent("docs")
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: docs.path) else { return [] }
        return names.sorted().enumerated().compactMap { seq, name in
            guard name.hasSuffix(".txt"), let data = FileManager.default.contents(atPath: docs.appendingPathComponent(name).path),
                  case .text(let text) = TextDocument.decode(bytes: [UInt8](data)) else { return nil }
            return PreparedText(SearchableText(id: String(name.dropLast(4)), seq: seq + 1, text: text))
        }
    }()
}

@Suite(.enabled(if: SharedQuoteFixtures.available, "../shared/fixtures/quotes is not next to the package root: the shared fixture cases are skipped"))
struct SharedQuoteFixtureTests {
    @Test func allSixDocumentsDecode() {
        #expect(SharedQuoteFixtures.documents.count == 6)
        #expect(SharedQuoteFixtures.cases.count >= 60)
    }

    @Test(arguments: SharedQuoteFixtures.cases)
    func fixtureCase(_ c: SharedQuoteFixtures.Case) {
        let result = ExcerptVerifier().verify(c.excerpt, in: SharedQuoteFixtures.documents)
        #expect(result.verdict.rawValue == c.verdict, "\(c.id): \(result.matches.map { "\($0.document) \($0.verdict) \($0.score) \($0.differences)" })")
        #expect(result.matches.map(\.document) == c.documents, "\(c.id)")
        for (doc, count) in c.counts {
            #expect(result.matches.first { $0.document == doc }?.count == count, "\(c.id) count in \(doc)")
        }
        for m in result.matches {
            #expect(m.verdict.rawValue == c.verdict || m.verdict > result.verdict, "\(c.id) \(m.document)")
        }
    }
}
