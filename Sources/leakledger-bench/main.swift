// Benchmark of excerpt verification over a generated corpus (issue 3), printed beside
// `rg -F -l` over the same files in the same run. Not a test: it prints figures.
//
//   swift run -c release leakledger-bench [--documents N] [--queries N] [--dir DIR] [--keep]
//   swift run -c release leakledger-bench --tree     (Merkle node hashes beside openssl speed)
//
// The corpus is made of pseudo-words (syllables drawn with a Zipf-like skew), so that it
// is text-shaped without being anyone's words.
import Foundation
import LeakLedger

struct Generator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    /// Skewed towards small values: common words are common.
    mutating func skewed(_ n: Int) -> Int { Int(Double(n) * pow(Double(next() % 1_000_000) / 1_000_000, 3)) }
}

let arguments = CommandLine.arguments
@MainActor func option(_ name: String, _ fallback: Int) -> Int {
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count, let value = Int(arguments[index + 1]) else { return fallback }
    return value
}
let documentCount = option("--documents", 10_000)
let queryCount = option("--queries", 200)
let directory = arguments.firstIndex(of: "--dir").map { arguments[$0 + 1] }
    ?? FileManager.default.temporaryDirectory.appendingPathComponent("leakledger-bench-\(getpid())").path

var random = Generator(state: 42)
let syllables = ["ka", "lo", "mer", "vin", "sa", "dru", "tel", "po", "ri", "an", "gor", "ne", "sul", "ba", "fi", "osk", "ta", "lu", "dem", "ar"]
let vocabulary: [String] = (0..<20_000).map { _ in
    (0..<(2 + random.below(3))).map { _ in syllables[random.below(syllables.count)] }.joined()
}
@MainActor func sentence(_ random: inout Generator) -> [String] {
    (0..<(8 + random.below(14))).map { _ in vocabulary[random.skewed(vocabulary.count)] }
}

// 0. Merkle node hashes (65-byte inputs) beside `openssl speed` on 64-byte blocks, same run.
if arguments.contains("--tree") {
    var hasher = Merkle.Hasher()
    var hash = Merkle.leafHash([])
    let count = 2_000_000
    let start = ContinuousClock.now
    for _ in 0..<count { hash = hasher.nodeHash(hash, hash) }
    let elapsed = ContinuousClock.now - start
    let nanoseconds = (Double(elapsed.components.seconds) * 1e9 + Double(elapsed.components.attoseconds) / 1e9) / Double(count)
    print(String(format: "Merkle node hash: %.0f ns each (%d hashes, last %@)", nanoseconds, count, String(hash.hex.prefix(8))))
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["openssl", "speed", "-seconds", "2", "-bytes", "64", "-evp", "sha256"]
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    try process.run()
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    // The last line reads "sha256  <kB/s>k"; 64-byte blocks per second = kB/s * 1000 / 64.
    if let line = output.split(separator: "\n").last(where: { $0.hasPrefix("sha256") }),
       let field = line.split(separator: " ").last, let kilobytes = Double(field.dropLast()) {
        let opensslNanoseconds = 1e9 / (kilobytes * 1000 / 64)
        print(String(format: "openssl speed sha256, 64-byte blocks: %.0f ns each; ratio %.2f", opensslNanoseconds, nanoseconds / opensslNanoseconds))
    }
    exit(0)
}

// 1. The corpus, as files.
let corpus = directory + "/corpus"
try FileManager.default.createDirectory(atPath: corpus, withIntermediateDirectories: true)
var texts = [String]()
for index in 0..<documentCount {
    var words = [String]()
    while words.count < 250 { words += sentence(&random) }
    var text = ""
    var column = 0
    for (position, word) in words.enumerated() {
        text += word
        column += word.count + 1
        if column > 72 { text += "\n"; column = 0 } else { text += position % 17 == 16 ? ". " : " " }
    }
    texts.append(text)
    try (text + "\n").write(toFile: corpus + String(format: "/doc-%05d.txt", index), atomically: false, encoding: .utf8)
}

// 2. A ledger that registers them, and its index.
let ledgerPath = directory + "/ledger"
try? FileManager.default.removeItem(atPath: ledgerPath)
let signer = try NoteSigner.generate(name: "bench.example/verify")
let ledger = try Ledger.create(at: ledgerPath, origin: "bench.example/verify", signer: signer, actor: "bench")
var clock = ContinuousClock.now
let files = try FileManager.default.contentsOfDirectory(atPath: corpus).sorted().map { corpus + "/" + $0 }
for start in stride(from: 0, to: files.count, by: 1000) {
    let batch = files[start..<min(start + 1000, files.count)].map { (path: $0, metadata: DocumentMetadata()) }
    _ = try ledger.register(files: Array(batch), hashOnly: false, actor: "bench")
}
let registered = ContinuousClock.now - clock
clock = ContinuousClock.now
let search = try ExcerptSearch(ledger: ledger)
let indexed = ContinuousClock.now - clock
print("corpus: \(documentCount) documents, 250+ words each, in \(corpus)")
print("register: \(registered) (10 commits of 1000); index build: \(indexed)")

// 3. Queries: exact word-aligned windows, and the same with one word changed.
/// A stretch of 8 to 19 words of a document, cut from its text as is (line breaks and
/// periods included), and the same stretch's words.
@MainActor func window(_ random: inout Generator) -> (text: String, words: [String]) {
    let text = texts[random.below(texts.count)]
    let words = text.split(whereSeparator: { $0 == " " || $0 == "\n" })
    let length = 8 + random.below(12)
    let start = random.below(words.count - length)
    let stretch = text[words[start].startIndex..<words[start + length - 1].endIndex]
    return (String(stretch), words[start..<start + length].map { $0.trimmingCharacters(in: .punctuationCharacters) })
}
var exact = [String](), approximate = [String]()
for _ in 0..<queryCount {
    let (text, words) = window(&random)
    exact.append(text)
    var changed = words
    changed[random.below(changed.count)] = vocabulary[random.below(vocabulary.count)]
    approximate.append(changed.joined(separator: " "))
}

func percentile(_ values: [Double], _ p: Double) -> Double {
    let sorted = values.sorted()
    return sorted[min(sorted.count - 1, Int(Double(sorted.count - 1) * p + 0.5))]
}
func milliseconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
}
@MainActor func measure(_ queries: [String], expect: (Verdict) -> Bool) throws -> [Double] {
    var times = [Double]()
    var wrong = 0
    for query in queries {
        let start = ContinuousClock.now
        let result = try search.verify(query)
        times.append(milliseconds(ContinuousClock.now - start))
        if !expect(result.verdict) { wrong += 1 }
    }
    if wrong > 0 { print("  note: \(wrong) of \(queries.count) queries got an unexpected verdict") }
    return times
}
let exactTimes = try measure(exact) { $0 == .exact }
let approximateTimes = try measure(approximate) { $0 == .approximate }

// 4. The baseline: rg -F -l (-U where the stretch crosses a line) for the same exact excerpts over the same files (a process each,
// as a person would run it), in this run.
@MainActor func rg(_ query: String) -> Double? {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    // A stretch that crosses a line break needs multiline mode (-U) for rg to accept the newline.
    process.arguments = ["rg", "-F", "-l"] + (query.contains("\n") ? ["-U"] : []) + ["--", query, corpus]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    let start = ContinuousClock.now
    guard (try? process.run()) != nil else { return nil }
    process.waitUntilExit()
    guard process.terminationStatus <= 1 else { return nil }
    return milliseconds(ContinuousClock.now - start)
}
let rgTimes = exact.prefix(50).compactMap(rg)

print(String(format: "verify exact:       p50 %7.2f ms   p99 %7.2f ms   (%d queries, in-process)", percentile(exactTimes, 0.5), percentile(exactTimes, 0.99), exactTimes.count))
print(String(format: "verify approximate: p50 %7.2f ms   p99 %7.2f ms   (%d queries, in-process)", percentile(approximateTimes, 0.5), percentile(approximateTimes, 0.99), approximateTimes.count))
if rgTimes.isEmpty {
    print("rg: not found (apt-get install ripgrep) — no baseline")
} else {
    let rgP50 = percentile(rgTimes, 0.5)
    print(String(format: "rg -F -l (exact):   p50 %7.2f ms   p99 %7.2f ms   (%d queries)", rgP50, percentile(rgTimes, 0.99), rgTimes.count))
    print(String(format: "ratio rg p50 / verify exact p50: %.1fx; / verify approximate p50: %.1fx",
                 rgP50 / percentile(exactTimes, 0.5), rgP50 / percentile(approximateTimes, 0.5)))
}
if arguments.contains("--keep") { print("kept \(directory)") } else { try? FileManager.default.removeItem(atPath: directory) }
