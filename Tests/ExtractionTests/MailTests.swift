import Extraction
import Foundation
import Testing

/// E-mail through GMime, against Python's own MIME implementation (the email package) reading
/// the same files.
@Suite struct MailTests {
    /// What Python's email package reads in a message: the shown headers, the text/plain body,
    /// and the attachments (name, bytes as hex).
    static func python(_ path: String) throws -> [String: Any] {
        let script = """
            import email, json, sys
            from email import policy
            m = email.message_from_binary_file(open(sys.argv[1], 'rb'), policy=policy.default)
            body = m.get_body(('plain',))
            print(json.dumps({
              'headers': {k: str(m[k]) for k in ['From', 'To', 'Cc', 'Date', 'Subject'] if m[k] is not None},
              'body': body.get_content() if body is not None else '',
              'attachments': [[a.get_filename(), a.get_content().hex()] for a in m.iter_attachments()],
            }))
            """
        let run = try Program.run(["python3", "-c", script, path])
        try #require(run.status == 0, "python3 failed: \(run.stderr)")
        return try #require(JSONSerialization.jsonObject(with: Data(run.stdout)) as? [String: Any])
    }

    static func headerLines(_ text: String) -> [String] {
        Array(text.split(separator: "\n", omittingEmptySubsequences: false).prefix { !$0.isEmpty }.map(String.init))
    }

    static func body(_ text: String) -> String {
        guard let blank = text.range(of: "\n\n") else { return "" }
        return String(text[blank.upperBound...])
    }

    @Test(arguments: ["qp-message.eml", "base64-message.eml"])
    func headersAndBodyAsPythonReadsThem(name: String) throws {
        let extracted = try Fixture.worker(name, as: .email)
        let reference = try Self.python(Fixture.path(name))
        let headers = try #require(reference["headers"] as? [String: String])
        let expected = ["From", "To", "Cc", "Date", "Subject"].compactMap { key in headers[key].map { "\(key): \($0)" } }
        #expect(Self.headerLines(extracted.text) == expected)
        let body = try #require(reference["body"] as? String)
        #expect(Self.body(extracted.text) == body)
        #expect(extracted.extractor.hasPrefix("gmime "))
    }

    @Test func quotedPrintableSoftBreaksJoinWords() throws {
        let extracted = try Fixture.worker("qp-message.eml", as: .email)
        #expect(extracted.text.contains("El muelle norte permanecerá cerrado hasta septiembre, según el informe del capitán del puerto sobre los cimientos dañados."))
        #expect(extracted.text.contains("Subject: Reunión sobre el muelle norte\n"))
        #expect(extracted.text.contains("From: Tomás Vidal <tomas.vidal@norwick-harbour.example>\n"))
    }

    @Test func plainPreferredAndPDFAttachmentReturned() throws {
        let extracted = try Fixture.worker("base64-message.eml", as: .email)
        #expect(!extracted.text.contains("<b>") && !extracted.text.contains("<p>"))
        #expect(extracted.text.contains("Please find the quarterly dredging report attached."))
        #expect(extracted.attachments == 1)
        let attachment = try #require(extracted.embedded.first)
        #expect(attachment.name == "dredging-report.pdf")
        #expect(attachment.kind == .attachment)
        #expect(attachment.contentType == "application/pdf")
        #expect(attachment.bytes == (try Fixture.bytes("report.pdf")))
        let reference = try Self.python(Fixture.path("base64-message.eml"))
        let attachments = try #require(reference["attachments"] as? [[String]])
        #expect(attachments.map { $0[0] } == ["dredging-report.pdf"])
    }

    @Test func attachmentIsExtractedByItsOwnFormat() throws {
        let files = try Extractor().extractAll(fileAt: Fixture.path("base64-message.eml"), as: .email)
        #expect(files.map(\.path) == [[], ["dredging-report.pdf"]])
        #expect(files[1].format == .pdf)
        let pdf = try #require(try files[1].result?.get())
        #expect(pdf.pages == 2)
        #expect(flat(pdf.text).contains(PDFTests.page2Sentence))
    }

    @Test func mboxMessagesAreDocumentsOfTheirOwn() throws {
        let extracted = try Fixture.worker("mailbox.mbox", as: .mbox)
        #expect(extracted.messages == 3)
        #expect(extracted.embedded.map(\.name) == ["message-1.eml", "message-2.eml", "message-3.eml"])
        #expect(extracted.text.isEmpty)
        // Python's mailbox module splits the same file into the same messages.
        let script = """
            import mailbox, json, sys
            print(json.dumps([[str(m['Subject']), m.get_payload(decode=True).decode()] for m in mailbox.mbox(sys.argv[1])]))
            """
        let run = try Program.run(["python3", "-c", script, Fixture.path("mailbox.mbox")])
        try #require(run.status == 0, "python3 failed: \(run.stderr)")
        let reference = try #require(JSONSerialization.jsonObject(with: Data(run.stdout)) as? [[String]])
        let files = try Extractor().extractAll(fileAt: Fixture.path("mailbox.mbox"), as: .mbox)
        try #require(files.count == 4)
        for (file, expected) in zip(files.dropFirst(), reference) {
            #expect(file.format == .email)
            let message = try #require(try file.result?.get())
            #expect(message.text.contains("Subject: \(expected[0])\n"))
            #expect(Self.body(message.text) == expected[1])
        }
    }

    /// A message whose body is a multipart nested `levels` deep around one sentence.
    static func nestedMultipart(levels: Int) -> [UInt8] {
        var text = "From: Harbour Office <office@norwick-harbour.example>\nTo: board@norwick-harbour.example\nSubject: Nested\nDate: Mon, 20 May 2024 08:00:00 +0200\nMIME-Version: 1.0\n"
        for level in 0..<levels { text += "Content-Type: multipart/mixed; boundary=\"b\(level)\"\n\n--b\(level)\n" }
        text += "Content-Type: text/plain\n\nThe innermost sentence.\n"
        for level in (0..<levels).reversed() { text += "--b\(level)--\n" }
        return Array(text.utf8)
    }

    /// A message forwarded inline `levels` times (message/rfc822 inside message/rfc822).
    static func nestedForwards(levels: Int, disposition: String = "inline") -> [UInt8] {
        var text = ""
        for level in 0..<levels {
            text += "From: Sender \(level) <s\(level)@norwick-harbour.example>\nTo: board@norwick-harbour.example\nSubject: Fwd \(level)\nDate: Mon, 20 May 2024 08:00:00 +0200\nMIME-Version: 1.0\n"
            text += "Content-Type: message/rfc822\nContent-Disposition: \(disposition)\n\n"
        }
        text += "From: First <first@norwick-harbour.example>\nTo: board@norwick-harbour.example\nSubject: Original\nDate: Mon, 20 May 2024 08:00:00 +0200\n\nThe original sentence.\n"
        return Array(text.utf8)
    }

    @Test func fiftyLevelsOfMultipartStopAtTheDepthLimit() throws {
        let shallow = try Extractor().extract(bytes: Self.nestedMultipart(levels: 5), as: .email)
        #expect(shallow.text.contains("The innermost sentence."))
        #expect(shallow.notes.isEmpty)
        let deep = try Extractor().extract(bytes: Self.nestedMultipart(levels: 50), as: .email)
        #expect(!deep.text.contains("The innermost sentence."))
        #expect(deep.text.contains("Subject: Nested"))
        #expect(deep.notes == ["1 MIME parts nested deeper than 32 levels were left out"])
    }

    @Test func fiftyInlineForwardsStopAtTheDepthLimit() throws {
        let shallow = try Extractor().extract(bytes: Self.nestedForwards(levels: 3), as: .email)
        #expect(shallow.text.contains("The original sentence."))
        #expect(shallow.text.contains("Subject: Fwd 2"))
        let deep = try Extractor().extract(bytes: Self.nestedForwards(levels: 50), as: .email)
        #expect(!deep.text.contains("The original sentence."))
        #expect(deep.text.contains("Subject: Fwd 30"))
        #expect(deep.notes.count == 1)
    }

    @Test func fiftyAttachedForwardsStopAtTheEmbeddingLimit() throws {
        let bytes = Self.nestedForwards(levels: 50, disposition: "attachment")
        let sandbox = FileManager.default.temporaryDirectory.appendingPathComponent("nested-\(UUID().uuidString).eml")
        try Data(bytes).write(to: sandbox)
        defer { try? FileManager.default.removeItem(at: sandbox) }
        let files = try Extractor().extractAll(fileAt: sandbox.path, as: .email)
        // The top message, then one attached message per level down to the limit (8), and the
        // ninth listed with why it was not read.
        #expect(files.count == 10)
        #expect(files.last?.path.count == 9)
        if case .failure(let failure)? = files.last?.result {
            #expect(failure.reason == "not extracted: nested deeper than 8 files inside files")
        } else {
            Issue.record("the ninth level was extracted")
        }
        #expect(files.dropLast().allSatisfy { (try? $0.result?.get()) != nil })
    }
}
