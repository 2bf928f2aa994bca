import Foundation
import Testing

/// Issue 10 end to end: files made by real tools (LibreOffice, pdftoppm, img2pdf, qpdf, Python's
/// email package: `scripts/make-format-fixtures.sh`) registered with `leakledger register`, and
/// quotes taken from what a reader sees found in the right document, on the right page, at the
/// right grade; what cannot be read is named, never silently "not found".
@Suite struct FormatsTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("ExtractionTests/Fixtures")

    /// One ledger holding every fixture, registered by one `register --recursive`.
    private func ledger() throws -> Sandbox {
        let sandbox = try Sandbox()
        try #require(try sandbox.run(["init", "L", "--origin", "test.example/formats"]).status == 0)
        let run = try sandbox.run(["register", "--recursive", Self.fixtures.path, "--ledger", "L", "--json"])
        try #require(run.status == 0, "\(run)")
        return sandbox
    }

    private func verify(_ sandbox: Sandbox, _ quote: String) throws -> [String: Any] {
        let run = try sandbox.run(["verify", "--json", "--max-matches", "50", quote, "--ledger", "L"])
        return try run.json()
    }

    private func match(_ json: [String: Any], _ document: String) -> [String: Any]? {
        (json["matches"] as? [[String: Any]])?.first { $0["document"] as? String == document }
    }

    /// (quote as a reader sees it, document, page or nil, the weakest grade accepted)
    static let quotes: [(String, String, Int?, [String])] = [
        ("Residents of the quay reported no damage to their moorings", "report", 2, ["normalized"]),
        ("Residents of the quay reported no damage to their moorings", "report-scan", 2, ["exact", "normalized", "tokens", "approximate"]),
        ("The harbour master proposes to close the north pier to visitors while its foundations are repaired.", "memo", nil, ["exact"]),
        ("The harbour master told the board that the north pier would not reopen before September", "page", nil, ["exact"]),
        ("We won’t take risks with the foundations", "page", nil, ["exact"]),
        ("El muelle norte permanecerá cerrado hasta septiembre", "qp-message", nil, ["exact"]),
        ("The eastern channel is now deeper than it has been in a decade.", "base64-message", nil, ["exact"]),
        ("The south quay berths are allocated to the ferry company from 1 June.", "mailbox/message-1.eml", nil, ["exact"]),
    ]

    @Test func quotesAreFoundInTheRightDocumentPageAndGrade() throws {
        let sandbox = try ledger()
        for (quote, document, page, grades) in Self.quotes {
            let json = try verify(sandbox, quote)
            let found = try #require(match(json, document), "\(quote) not found in \(document): \(json)")
            #expect(grades.contains(found["verdict"] as? String ?? ""), "\(quote): \(found)")
            #expect(found["page"] as? Int == page, "\(quote): \(found)")
        }
        // Deleted tracked changes are left out: the draft's struck words are not found.
        let human = try sandbox.run(["verify", "Residents of the quay reported no damage", "--ledger", "L"])
        #expect(human.stdout.contains("page 2"))
    }

    /// An e-mail's attachment and an mbox's messages are documents of their own, linked
    /// `derived_from` what they came out of, each read by its own format.
    @Test func attachmentsAndMessagesAreDocumentsOfTheirOwn() throws {
        let sandbox = try ledger()
        let links = try sandbox.run(["log", "--ledger", "L", "--json", "--type", "link.added"]).jsonLines()
            .compactMap { $0["body"] as? [String: Any] }
        #expect(links.contains { $0["from"] as? String == "base64-message/dredging-report.pdf" && $0["to"] as? String == "base64-message" && $0["relation"] as? String == "derived_from" })
        #expect(links.filter { $0["to"] as? String == "mailbox" }.count == 3)
        let attachment = try verify(sandbox, "Residents of the quay reported no damage to their moorings")
        #expect(match(attachment, "base64-message/dredging-report.pdf")?["page"] as? Int == 2)
        // The attachment is the same PDF as report.pdf: the same bytes, the same text.
        let show = try sandbox.run(["show", "base64-message/dredging-report.pdf", "--ledger", "L", "--json"]).json()
        let report = try sandbox.run(["show", "report", "--ledger", "L", "--json"]).json()
        #expect(show["sha256"] as? String == report["sha256"] as? String)
        #expect(show["text_sha256"] as? String == report["text_sha256"] as? String)
        #expect(show["extractor"] as? String == report["extractor"] as? String)
    }

    /// Item 4: a file whose text cannot be read is named in `unsearched[]` with its reason; a
    /// quote "not found" never silently means "not looked at".
    @Test func unreadableFilesAreNamed() throws {
        let sandbox = try ledger()
        let json = try verify(sandbox, "a sentence that no document holds anywhere at all")
        #expect(json["verdict"] as? String == "not_found")
        let unsearched = json["unsearched"] as? [[String: Any]] ?? []
        let locked = unsearched.first { $0["document"] as? String == "report-locked" }
        #expect((locked?["reason"] as? String)?.contains("encrypted") == true, "\(unsearched)")
        let human = try sandbox.run(["verify", "a sentence that no document holds anywhere at all", "--ledger", "L"])
        #expect(human.status == 1)
        #expect(human.stdout.contains("report-locked"))
        // Registering it says so at once.
        let again = try Sandbox()
        try #require(try again.run(["init", "L", "--origin", "test.example/locked"]).status == 0)
        let register = try again.run(["register", Self.fixtures.appendingPathComponent("report-locked.pdf").path, "--ledger", "L"])
        #expect(register.status == 0)
        #expect(register.stdout.contains("Not searchable: extraction failed: encrypted PDF"), "\(register)")
    }

    /// Item 2: the fingerprint is of the original bytes (`openssl dgst`), the derived text is
    /// recorded with its extractor, and extracting again gives the same `text_sha256`.
    @Test func derivedTextIsRecordedAndReproducible() throws {
        let pdf = Self.fixtures.appendingPathComponent("report.pdf").path
        var texts: [String] = []
        for _ in 0..<2 {
            let sandbox = try Sandbox()
            try #require(try sandbox.run(["init", "L", "--origin", "test.example/again"]).status == 0)
            let json = try sandbox.run(["register", pdf, "--ledger", "L", "--json"]).json()
            #expect(json["sha256"] as? String == (try Tool.opensslSHA256(pdf)))
            #expect((json["extractor"] as? String)?.hasPrefix("poppler ") == true)
            #expect(json["pages"] as? Int == 2)
            #expect(json["ocr"] as? Bool == false)
            texts.append(try #require(json["text_sha256"] as? String))
            let extract = try sandbox.run(["extract", pdf, "--json"]).json()
            #expect(extract["text_sha256"] as? String == texts.last)
            let card = try sandbox.run(["show", "report", "--ledger", "L"])
            #expect(card.stdout.contains("text from") && card.stdout.contains("poppler"))
        }
        #expect(texts[0] == texts[1])
        // A scan: OCR, with its confidence recorded.
        let sandbox = try Sandbox()
        try #require(try sandbox.run(["init", "L", "--origin", "test.example/scan"]).status == 0)
        let scan = try sandbox.run(["register", Self.fixtures.appendingPathComponent("report-scan.pdf").path, "--ledger", "L", "--json"]).json()
        #expect(scan["ocr"] as? Bool == true)
        #expect((scan["ocr_confidence"] as? Double ?? 0) > 50)
        #expect((scan["extractor"] as? String)?.contains("tesseract") == true)
        // --ocr never: the scan has no text layer, so it is named as not searched.
        let never = try sandbox.run(["register", Self.fixtures.appendingPathComponent("report-scan.pdf").path, "--id", "scan-no-ocr",
                                     "--ocr", "never", "--ledger", "L", "--json"]).json()
        #expect(never["unsearched"] != nil, "\(never)")
    }
}
