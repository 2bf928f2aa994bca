#if canImport(Glibc)
import Glibc
#endif
internal import CProcess

/// Derives text from files in a worker process (`leakledger-extract`), so that a crash, a
/// hang or a memory blow-up inside a format library ends that process and is reported as an
/// ``ExtractionFailure``, never taking the caller down.
///
/// ```swift
/// let extractor = try Extractor()
/// if let format = DocumentFormat.detect(fileAt: path) {
///     let extracted = try extractor.extract(fileAt: path, as: format)
/// }
/// ```
public struct Extractor: Sendable {
    /// The worker program's file name, looked for beside the running executable.
    public static let workerName = "leakledger-extract"
    /// The environment variable that names the worker program, ahead of the search.
    public static let workerVariable = "LEAKLEDGER_EXTRACT_WORKER"

    /// OCR, languages and limits for every extraction.
    public var options: ExtractionOptions
    /// The worker program this extractor runs.
    public let workerPath: String

    /// An extractor that runs the worker at `workerPath`, else the one ``locateWorker()``
    /// finds; fails when there is none.
    public init(options: ExtractionOptions = ExtractionOptions(), workerPath: String? = nil) throws(ExtractionFailure) {
        if let problem = ExtractionOptions.problem(inLanguages: options.languages) {
            throw ExtractionFailure(.unavailable, problem)
        }
        if workerPath == nil, let named = getenv(Self.workerVariable).map({ String(cString: $0) }), !named.isEmpty,
           access(named, X_OK) != 0 {
            throw ExtractionFailure(.unavailable, "$\(Self.workerVariable) names \(named), which is not an executable program")
        }
        guard let path = workerPath ?? Self.locateWorker() else {
            throw ExtractionFailure(
                .unavailable,
                "the program \(Self.workerName) was not found beside \(Self.executablePath() ?? "this program"); install it there or name it in $\(Self.workerVariable)")
        }
        self.options = options
        self.workerPath = path
    }

    /// `$LEAKLEDGER_EXTRACT_WORKER`, else `leakledger-extract` in the running executable's
    /// folder or one of its three parents (a test bundle's products folder); nil if none.
    public static func locateWorker() -> String? {
        if let named = getenv(workerVariable).map({ String(cString: $0) }), !named.isEmpty {
            return access(named, X_OK) == 0 ? named : nil
        }
        guard let executable = executablePath() else { return nil }
        var folder = executable
        for _ in 0..<4 {
            guard let slash = folder.lastIndex(of: "/") else { return nil }
            folder = String(folder[..<slash])
            let candidate = folder + "/" + workerName
            if access(candidate, X_OK) == 0 { return candidate }
        }
        return nil
    }

    private static func executablePath() -> String? {
        guard let resolved = realpath("/proc/self/exe", nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// The text of the file at `path`, read as `format`.
    public func extract(
        fileAt path: String, as format: DocumentFormat, progress: (@Sendable (ExtractionProgress) -> Void)? = nil
    ) throws(ExtractionFailure) -> ExtractedText {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw ExtractionFailure(.unavailable, "cannot open \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var info = stat()
        let size = fstat(fd, &info) == 0 ? Int(info.st_size) : 0
        return try run(input: fd, inputSize: size, format: format, progress: progress)
    }

    /// The text of `bytes` (an attachment, a message of an mbox), read as `format`.
    public func extract(
        bytes: [UInt8], as format: DocumentFormat, progress: (@Sendable (ExtractionProgress) -> Void)? = nil
    ) throws(ExtractionFailure) -> ExtractedText {
        let fd = try Self.memoryFile(bytes)
        defer { close(fd) }
        return try run(input: fd, inputSize: bytes.count, format: format, progress: progress)
    }

    /// The versions of the libraries the worker runs with, by name (`poppler`, `tesseract`,
    /// `gmime`, `libxml2`), and the OCR languages installed (`tesseract-languages`).
    public func libraryVersions() throws(ExtractionFailure) -> [String: String] {
        let fd = try Self.memoryFile([])
        defer { close(fd) }
        let process = WorkerProcess(
            path: workerPath, request: WorkerRequest(format: nil, options: options), outputCap: 1 << 20, progress: nil)
        let frames = try process.run(input: fd)
        guard let frame = frames.first(where: { $0.tag == WorkerFrame.versions }),
              let versions = try? WorkerFrame.decode([String: String].self, frame.payload)
        else { throw ExtractionFailure(.crashed, "the worker did not report its libraries") }
        return versions
    }

    private func run(
        input: Int32, inputSize: Int, format: DocumentFormat, progress: (@Sendable (ExtractionProgress) -> Void)?
    ) throws(ExtractionFailure) -> ExtractedText {
        // Attachments and an mbox's messages come back at most at their encoded size.
        let cap = options.limits.textBytes + 2 * inputSize + (16 << 20)
        let process = WorkerProcess(
            path: workerPath, request: WorkerRequest(format: format, options: options), outputCap: cap, progress: progress)
        let frames = try process.run(input: input)
        guard let headerFrame = frames.first(where: { $0.tag == WorkerFrame.header }),
              let header = try? WorkerFrame.decode(WorkerHeader.self, headerFrame.payload),
              let textFrame = frames.first(where: { $0.tag == WorkerFrame.text })
        else { throw ExtractionFailure(.crashed, "the worker's answer is incomplete") }
        let files = frames.filter { $0.tag == WorkerFrame.embedded }.map(\.payload)
        guard files.count == header.files.count, zip(files, header.files).allSatisfy({ $0.count == $1.count }),
              let text = String(validating: textFrame.payload, as: UTF8.self)
        else { throw ExtractionFailure(.crashed, "the worker's answer is inconsistent") }
        return header.result(text: text, files: files)
    }

    /// An in-memory file holding `bytes`, positioned at its start, for the worker's input.
    private static func memoryFile(_ bytes: [UInt8]) throws(ExtractionFailure) -> Int32 {
        let fd = ll_memfd("leakledger-extract-input")
        guard fd >= 0 else { throw ExtractionFailure(.unavailable, "cannot create an in-memory file: \(String(cString: strerror(errno)))") }
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + written, bytes.count - written) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else {
                let message = String(cString: strerror(errno))
                close(fd)
                throw ExtractionFailure(.unavailable, "cannot write an in-memory file: \(message)")
            }
            written += n
        }
        lseek(fd, 0, SEEK_SET)
        return fd
    }
}
