/// A file and the files inside it, each with its text or the reason it has none.
public struct ExtractedFile: Sendable {
    /// Names from the top file down: empty for the top file, `["report.pdf"]` for its
    /// attachment, `["fwd.eml", "plan.docx"]` for an attachment of an attached message. The
    /// ledger's id of a file is its container's id, "/", and the last name.
    public var path: [String]
    /// The file's bytes (empty for the top file, which the caller already has).
    public var bytes: [UInt8]
    /// The format found by content; nil for plain text and unknown formats, which the caller
    /// decodes as text (ContentHash's `TextDocument.decode`).
    public var format: DocumentFormat?
    /// The derived text or why there is none; nil when `format` is nil.
    public var result: Result<ExtractedText, ExtractionFailure>?
}

extension Extractor {
    /// The text of the file at `path` and of every file inside it (attachments, an mbox's
    /// messages, attachments of those), depth first, each in a worker of its own, down to
    /// `options.limits.embeddingDepth` levels; deeper files are listed with a failure.
    public func extractAll(
        fileAt path: String, as format: DocumentFormat, progress: (@Sendable (ExtractionProgress) -> Void)? = nil
    ) -> [ExtractedFile] {
        let top: Result<ExtractedText, ExtractionFailure>
        do { top = .success(try extract(fileAt: path, as: format, progress: progress)) } catch { top = .failure(error) }
        var files = [ExtractedFile(path: [], bytes: [], format: format, result: top)]
        if case .success(let text) = top { expand(text, path: [], into: &files) }
        return files
    }

    private func expand(_ container: ExtractedText, path: [String], into files: inout [ExtractedFile]) {
        for file in container.embedded {
            let filePath = path + [file.name]
            let format = DocumentFormat.detect(bytes: file.bytes, name: file.name)
            guard let format else {
                files.append(ExtractedFile(path: filePath, bytes: file.bytes, format: nil, result: nil))
                continue
            }
            guard filePath.count <= options.limits.embeddingDepth else {
                let failure = ExtractionFailure(
                    .notExtracted, "not extracted: nested deeper than \(options.limits.embeddingDepth) files inside files")
                files.append(ExtractedFile(path: filePath, bytes: file.bytes, format: format, result: .failure(failure)))
                continue
            }
            let result: Result<ExtractedText, ExtractionFailure>
            do { result = .success(try extract(bytes: file.bytes, as: format)) } catch { result = .failure(error) }
            files.append(ExtractedFile(path: filePath, bytes: file.bytes, format: format, result: result))
            if case .success(let text) = result { expand(text, path: filePath, into: &files) }
        }
    }
}
