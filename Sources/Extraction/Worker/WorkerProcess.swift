#if canImport(Glibc)
import Glibc
#endif
internal import CProcess

/// One run of the worker program: spawned with its own process group, read within the time
/// and output limits, killed when it overruns them, reaped, and its exit read as a result or
/// as a failure.
struct WorkerProcess {
    let path: String
    let request: WorkerRequest
    let outputCap: Int
    let progress: (@Sendable (ExtractionProgress) -> Void)?

    private var limits: ExtractionLimits { request.options.limits }

    /// The frames the worker wrote, when it exited normally; a failure otherwise.
    func run(input: Int32) throws(ExtractionFailure) -> [(tag: UInt8, payload: [UInt8])] {
        let arguments = [path, "--request", request.encoded()]
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        var envp: [UnsafeMutablePointer<CChar>?] = Self.environment().map { strdup($0) } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: Int32 = 0, out: Int32 = -1, err: Int32 = -1
        let spawned = ll_spawn(path, &argv, &envp, input, &pid, &out, &err)
        guard spawned == 0 else {
            throw ExtractionFailure(.unavailable, "cannot start \(path): \(String(cString: strerror(spawned)))")
        }
        defer {
            close(out)
            close(err)
        }
        var reader = FrameReader(cap: outputCap)
        var stderrTail: [UInt8] = []
        let overrun = pump(out: out, err: err, reader: &reader, stderrTail: &stderrTail)
        if overrun != nil {
            kill(-pid, SIGKILL)
            kill(pid, SIGKILL)
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        if let overrun { throw overrun }
        return try interpret(status: status, frames: reader.frames, stderrTail: stderrTail)
    }

    /// Reads both pipes until they close or a limit is overrun (returned).
    private func pump(out: Int32, err: Int32, reader: inout FrameReader, stderrTail: inout [UInt8]) -> ExtractionFailure? {
        let clock = ContinuousClock()
        let start = clock.now
        var lastProgress = start
        var outOpen = true, errOpen = true
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while outOpen || errOpen {
            let now = clock.now
            let totalLeft = limits.totalSeconds - (now - start).seconds
            let idleLeft = limits.idleSeconds - (now - lastProgress).seconds
            if totalLeft <= 0 { return ExtractionFailure(.timedOut, "timed out after \(Self.format(limits.totalSeconds)) s") }
            if idleLeft <= 0 {
                return ExtractionFailure(.timedOut, "timed out after \(Self.format(limits.idleSeconds)) s without progress")
            }
            var fds = [
                pollfd(fd: outOpen ? out : -1, events: Int16(POLLIN), revents: 0),
                pollfd(fd: errOpen ? err : -1, events: Int16(POLLIN), revents: 0),
            ]
            let wait = Int32(min(min(idleLeft, totalLeft) * 1000 + 1, 60_000))
            let ready = poll(&fds, 2, wait)
            if ready < 0 {
                if errno == EINTR { continue }
                return ExtractionFailure(.crashed, "poll failed: \(String(cString: strerror(errno)))")
            }
            if fds[0].revents != 0 {
                if let bytes = Self.readSome(out, into: &chunk) {
                    switch reader.add(bytes) {
                    case .overrun:
                        return ExtractionFailure(.limitExceeded, "output larger than \(Self.bytes(outputCap))")
                    case .progress(let frames):
                        if frames > 0 { lastProgress = clock.now }
                        reportProgress(&reader)
                    }
                } else {
                    outOpen = false
                }
            }
            if fds[1].revents != 0 {
                if let bytes = Self.readSome(err, into: &chunk) {
                    stderrTail.append(contentsOf: bytes)
                    if stderrTail.count > 8192 { stderrTail.removeFirst(stderrTail.count - 4096) }
                } else {
                    errOpen = false
                }
            }
        }
        return nil
    }

    /// The bytes one read(2) returns, nil at the end of the pipe (or on an error).
    private static func readSome(_ fd: Int32, into chunk: inout [UInt8]) -> ArraySlice<UInt8>? {
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            return n > 0 ? chunk[..<n] : nil
        }
    }

    private func reportProgress(_ reader: inout FrameReader) {
        let updates = reader.takeProgress()
        guard let progress, let last = updates.last else { return }
        progress(last)
    }

    private func interpret(status: Int32, frames: [(tag: UInt8, payload: [UInt8])], stderrTail: [UInt8]) throws(ExtractionFailure) -> [(tag: UInt8, payload: [UInt8])] {
        if let failure = frames.first(where: { $0.tag == WorkerFrame.failure }) {
            guard let decoded = try? WorkerFrame.decode(WorkerFailure.self, failure.payload) else {
                throw ExtractionFailure(.crashed, "the worker's answer cannot be read")
            }
            throw decoded.failure
        }
        let lastLine = Self.lastLine(stderrTail)
        if ll_signaled(status) != 0 {
            let signal = ll_term_signal(status)
            if signal == SIGXCPU {
                throw ExtractionFailure(.timedOut, "timed out after \(Self.format(limits.totalSeconds)) s of CPU time")
            }
            if Self.looksLikeMemory(lastLine) || signal == SIGKILL {
                throw ExtractionFailure(.limitExceeded, "memory limit reached (\(Self.bytes(Int(clamping: limits.memoryBytes))))")
            }
            let name = String(cString: strsignal(signal))
            throw ExtractionFailure(.crashed, "the extractor crashed (signal \(signal), \(name))" + (lastLine.map { ": \($0)" } ?? ""))
        }
        let code = ll_exit_code(status)
        guard code == 0 else {
            if Self.looksLikeMemory(lastLine) {
                throw ExtractionFailure(.limitExceeded, "memory limit reached (\(Self.bytes(Int(clamping: limits.memoryBytes))))")
            }
            throw ExtractionFailure(.crashed, "the extractor exited with status \(code)" + (lastLine.map { ": \($0)" } ?? ""))
        }
        return frames
    }

    /// The parent's environment, with OpenMP held to one thread: Tesseract's parallel
    /// sections slow it down on a machine that extracts several files at once.
    private static func environment() -> [String] {
        var variables: [String] = []
        var pointer = environ
        while let entry = pointer.pointee {
            variables.append(String(cString: entry))
            pointer += 1
        }
        if !variables.contains(where: { $0.hasPrefix("OMP_THREAD_LIMIT=") }) { variables.append("OMP_THREAD_LIMIT=1") }
        return variables
    }

    private static func lastLine(_ bytes: [UInt8]) -> String? {
        let text = String(decoding: bytes, as: UTF8.self)
        return text.split(whereSeparator: \.isNewline).last.map { String($0.prefix(300)) }
    }

    private static func looksLikeMemory(_ line: String?) -> Bool {
        guard let line = line?.lowercased() else { return false }
        return ["out of memory", "bad_alloc", "failed to allocate", "allocate memory", "bogus memory allocation"]
            .contains { line.contains($0) }
    }

    static func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
    }

    static func bytes(_ count: Int) -> String {
        if count >= 1 << 30, count % (1 << 30) == 0 { return "\(count >> 30) GiB" }
        if count >= 1 << 20 { return "\(count >> 20) MiB" }
        if count >= 1 << 10 { return "\(count >> 10) KiB" }
        return "\(count) bytes"
    }
}

extension Duration {
    var seconds: Double {
        let (s, attoseconds) = components
        return Double(s) + Double(attoseconds) / 1e18
    }
}

/// Splits the worker's output into frames as it arrives, within a cap on the bytes kept.
struct FrameReader {
    enum Step {
        case progress(frames: Int)
        case overrun
    }

    let cap: Int
    private(set) var frames: [(tag: UInt8, payload: [UInt8])] = []
    private var pendingProgress: [ExtractionProgress] = []
    private var buffer: [UInt8] = []
    private var consumed = 0
    private var total = 0

    init(cap: Int) { self.cap = cap }

    mutating func add(_ bytes: ArraySlice<UInt8>) -> Step {
        total += bytes.count
        if total > cap { return .overrun }
        buffer.append(contentsOf: bytes)
        var complete = 0
        while let (tag, length) = WorkerFrame.parsePrefix(buffer[consumed...]) {
            guard length <= UInt64(cap) else { return .overrun }
            let start = consumed + WorkerFrame.prefixLength
            guard buffer.count - start >= Int(length) else { break }
            let payload = Array(buffer[start..<(start + Int(length))])
            consumed = start + Int(length)
            complete += 1
            if tag == WorkerFrame.progress {
                if let update = try? WorkerFrame.decode(ExtractionProgress.self, payload) { pendingProgress.append(update) }
            } else {
                frames.append((tag, payload))
            }
        }
        if consumed > 1 << 20 || consumed == buffer.count {
            buffer.removeFirst(consumed)
            consumed = 0
        }
        return .progress(frames: complete)
    }

    mutating func takeProgress() -> [ExtractionProgress] {
        defer { pendingProgress.removeAll() }
        return pendingProgress
    }
}
