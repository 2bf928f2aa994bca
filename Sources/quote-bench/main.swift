// Whole-process steps of quote proofs, for scripts/bench-quote.sh to time beside their
// baselines (issue 12: prove and verify in a 1 MB text under 50 ms each; the commitment under
// 10% of registering a text). Not a test: it prints nothing but what a step makes.
//
//   quote-bench fingerprint FILE          decode and text_sha256 (what register does today)
//   quote-bench commit FILE               the same pass with the quote commitment
//   quote-bench setup FILE LEDGER SECRETS a ledger holding FILE registered with a commitment
//   quote-bench prove LEDGER SECRETS FILE QUOTE OUT   what prove-quote will do, end to end
import Commitments
import Foundation
import LeakLedger
import QuoteProof

func text(_ path: String) -> String {
    guard let data = FileManager.default.contents(atPath: path), case .text(let text) = TextDocument.decode(bytes: Array(data)) else {
        fatalError("quote-bench: \(path) is not a readable text")
    }
    return text
}

let arguments = CommandLine.arguments
switch arguments.dropFirst().first {
case "fingerprint":
    print(TextFingerprint.textSHA256(ofL1: text(arguments[2])).hex)
case "commit":
    let (digest, commitment) = QuoteCommitment.make(l1Text: text(arguments[2]), secret: DocumentSecret())
    print(digest.hex, commitment?.wordCount ?? 0, commitment?.rootBase64 ?? "-")
case "setup":
    let l1 = text(arguments[2])
    let signer = try NoteSigner.generate(name: "bench.example/quotes")
    let ledger = try Ledger.create(at: arguments[3], origin: "bench.example/quotes", signer: signer, actor: "bench")
    let secrets = DocumentSecrets.new(document: "doc", text: true, blind: false)
    try QuoteSecrets(folder: arguments[4]).save([secrets])
    let (digest, commitment) = QuoteCommitment.make(l1Text: l1, secret: secrets.quote!)
    var body: [String: JSONValue] = ["id": "doc", "kind": "document", "content": "text", "title": "Benchmark text",
                                     "text_sha256": .string(digest.hex), "stored": false]
    body.merge(commitment!.bodyMembers) { $1 }
    _ = try ledger.append([EntryDraft(type: .documentRegistered, body: .object(body))], actor: "bench")
    print(signer.verifier.verifierKey)
case "prove":
    // QUOTE_BENCH_STAGES=1 prints each stage's time on standard error.
    let clock = ContinuousClock()
    var last = clock.now
    func stage(_ name: String) {
        guard ProcessInfo.processInfo.environment["QUOTE_BENCH_STAGES"] != nil else { return }
        let now = clock.now
        FileHandle.standardError.write(Data("\(name): \(now - last)\n".utf8))
        last = now
    }
    let ledger = try Ledger.open(at: arguments[2], key: nil)
    let secret = try QuoteSecrets(folder: arguments[3]).requireSecrets(for: "doc").quote!
    let l1 = text(arguments[4])
    stage("open, secret, decode")
    let layers = TextLayers(l1)
    stage("layers")
    guard let match = ExcerptVerifier().verify(arguments[5], in: [PreparedText(id: "doc", seq: 1, segments: [(seq: 1, layers: layers)])]).matches.first else {
        FileHandle.standardError.write(Data("quote-bench: the quote is not in the text\n".utf8))
        exit(1)
    }
    stage("match")
    let prover = QuoteProver(layers: layers, secret: secret)
    stage("words and tree")
    let file = try QuoteProofFile.make(receipt: ledger.receipt(seq: 1), prover: prover, match: match)
    try Data(file.text.utf8).write(to: URL(fileURLWithPath: arguments[6]))
    stage("receipt, proof, file")
default:
    FileHandle.standardError.write(Data("usage: quote-bench fingerprint|commit|setup|prove ...\n".utf8))
    exit(64)
}
