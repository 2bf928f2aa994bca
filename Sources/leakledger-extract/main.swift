// The extraction worker: runs one extraction in a process of its own, so that a crash, a hang
// or a memory blow-up in a format library cannot take its caller down. Not meant to be run by
// hand: `Extractor` (module Extraction) spawns it, passes the file on standard input and a
// JSON request as `--request JSON`, and reads frames (WorkerFrame) from standard output.

internal import CProcess
import Extraction
import ExtractionEngine

#if canImport(Glibc)
import Glibc
#endif

func send(_ tag: UInt8, _ payload: [UInt8]) {
    writeAll(WorkerFrame.prefix(tag: tag, length: payload.count))
    writeAll(payload)
}

func writeAll(_ bytes: [UInt8]) {
    var done = 0
    while done < bytes.count {
        let n = bytes.withUnsafeBytes { write(1, $0.baseAddress! + done, bytes.count - done) }
        if n < 0 && errno == EINTR { continue }
        if n <= 0 { exit(74) }  // the parent is gone or stopped reading
        done += n
    }
}

func fail(_ failure: ExtractionFailure) -> Never {
    send(WorkerFrame.failure, WorkerFrame.json(WorkerFailure(failure)))
    exit(0)
}

let arguments = CommandLine.arguments
guard arguments.count == 3, arguments[1] == "--request", let request = WorkerRequest.decode(arguments[2]) else {
    let message = "usage: \(Extractor.workerName) --request JSON (run by leakledger, not by hand)\n"
    _ = message.withCString { write(2, $0, strlen($0)) }
    exit(64)
}

ll_report_memory_crashes()
let limits = request.options.limits
let limited = ll_limit_self(limits.memoryBytes, UInt64(max(1, limits.totalSeconds.rounded(.up))))
guard limited == 0 else { fail(ExtractionFailure(.unavailable, "cannot limit the worker: \(String(cString: strerror(limited)))")) }

guard let format = request.format else {
    send(WorkerFrame.versions, WorkerFrame.json(Engine.versions()))
    exit(0)
}

let engine = Engine(options: request.options) { progress in
    send(WorkerFrame.progress, WorkerFrame.json(progress))
}
do {
    let result = try engine.extract(.descriptor(0), as: format)
    send(WorkerFrame.header, WorkerFrame.json(WorkerHeader(result)))
    send(WorkerFrame.text, Array(result.text.utf8))
    for file in result.embedded { send(WorkerFrame.embedded, file.bytes) }
} catch {
    fail(error)
}
exit(0)
