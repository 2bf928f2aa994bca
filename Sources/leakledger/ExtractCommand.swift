import ArgumentParser
import ContentHash
import Extraction
import Foundation
import LeakLedger

extension ExtractionOptions.OCRMode: ExpressibleByArgument {}

extension LeakLedgerCommand {
    /// `leakledger extract FILE`: the text that registering FILE would search.
    struct Extract: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the text derived from a file.",
            discussion: """
                PDFs are read with poppler, scans and images with Tesseract, DOCX and ODT as their \
                XML, web pages with libxml2, e-mail with GMime; plain text is decoded as it is. Pages \
                are separated by a form feed. A summary (format, extractor, pages, OCR confidence, \
                attachments) goes to standard error; --json prints one object instead.
                """
        )

        @Argument(help: ArgumentHelp("The file to read.", valueName: "file"))
        var file: String

        @Option(help: "When to read pages by OCR: auto (pages without text, and images), always, never.")
        var ocr: ExtractionOptions.OCRMode = .auto

        @Option(help: ArgumentHelp("Tesseract languages for OCR, joined by '+'.", valueName: "languages"))
        var lang = "eng"

        @OptionGroup var output: OutputOptions

        func validate() throws {
            if let problem = ExtractionOptions.problem(inLanguages: lang) { throw ValidationError("--lang: \(problem)") }
        }

        func run() throws {
            guard FileManager.default.fileExists(atPath: file) else {
                throw LedgerError(.missing, "\(file) does not exist")
            }
            guard let format = DocumentFormat.detect(fileAt: file) else {
                try printPlainText()
                return
            }
            let extracted: ExtractedText
            do {
                let extractor = try Extractor(options: ExtractionOptions(ocr: ocr, languages: lang))
                extracted = try extractor.extract(fileAt: file, as: format)
            } catch {
                throw LedgerError(error.code == .unavailable ? .missing : .malformed, "\(file): \(error.reason)")
            }
            if output.json {
                Output.json(Self.json(extracted, file: file))
            } else {
                print(extracted.text, terminator: "")
                Output.note(Self.summary(extracted, file: file))
            }
        }

        private func printPlainText() throws {
            guard let data = FileManager.default.contents(atPath: file) else { throw LedgerError(.io, "cannot read \(file)") }
            guard case .text(let text) = TextDocument.decode(bytes: Array(data)) else {
                throw LedgerError(.malformed, "\(file) is binary content of no format whose text can be derived")
            }
            if output.json {
                Output.json([
                    "file": .string(file), "format": "text", "extractor": "text",
                    "text": .string(text), "text_sha256": .string(TextFingerprint.textSHA256(ofL1: text).hex),
                ])
            } else {
                print(text, terminator: "")
                Output.note("\(file): plain text")
            }
        }

        static func summary(_ extracted: ExtractedText, file: String) -> String {
            var parts = ["\(file): \(extracted.format.rawValue)", extracted.extractor]
            if let pages = extracted.pages { parts.append(pages == 1 ? "1 page" : "\(pages) pages") }
            if let confidence = extracted.ocrConfidence {
                parts.append("OCR of \(extracted.ocrPages.count) page\(extracted.ocrPages.count == 1 ? "" : "s"), mean word confidence \(confidence)")
            }
            if extracted.deletedChanges > 0 { parts.append("\(extracted.deletedChanges) tracked deletions left out") }
            if let messages = extracted.messages { parts.append("\(messages) messages") }
            if extracted.attachments > 0 {
                parts.append("attachments: " + extracted.embedded.map(\.name).joined(separator: ", "))
            }
            return (parts + extracted.notes).joined(separator: "; ")
        }

        static func json(_ extracted: ExtractedText, file: String) -> JSONValue {
            var object: [String: JSONValue] = [
                "file": .string(file),
                "format": .string(extracted.format.rawValue),
                "extractor": .string(extracted.extractor),
                "text": .string(extracted.text),
                "text_sha256": .string(TextFingerprint.textSHA256(ofL1: extracted.text).hex),
                "ocr": .bool(extracted.ocr),
                "deleted_changes": .int(extracted.deletedChanges),
                "inserted_changes": .int(extracted.insertedChanges),
                "notes": .array(extracted.notes.map { .string($0) }),
                "embedded": .array(extracted.embedded.map { file in
                    [
                        "name": .string(file.name), "kind": .string(file.kind.rawValue),
                        "content_type": file.contentType.map { .string($0) } ?? .null,
                        "bytes": .int(file.bytes.count), "sha256": .string(SHA256.hash(file.bytes).hex),
                    ]
                }),
            ]
            if let pages = extracted.pages {
                object["pages"] = .int(pages)
                object["page_starts"] = .array(extracted.pageStarts.map { .int($0) })
            }
            if extracted.ocr {
                object["ocr_pages"] = .array(extracted.ocrPages.map { .int($0) })
                object["ocr_confidence"] = extracted.ocrConfidence.map { .double($0) } ?? .null
                object["ocr_words"] = .int(extracted.ocrWords)
            }
            return .object(object)
        }
    }
}
