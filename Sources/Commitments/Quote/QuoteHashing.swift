import CQuoteHash
import ContentHash
import Dispatch

/// The salts and leaf hashes of one document, computed by the C kernel (CQuoteHash) from the
/// secret's HMAC pads, prepared once.
struct QuoteHashing: Sendable {
    let key: ll_quote_key

    init(secret: DocumentSecret) {
        var key = ll_quote_key()
        secret.bytes.withUnsafeBufferPointer { ll_quote_key_init(&key, $0.baseAddress) }
        self.key = key
    }

    /// `salt_index`.
    func salt(at index: Int) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 32)
        withUnsafePointer(to: key) { key in out.withUnsafeMutableBufferPointer { ll_quote_salt(key, UInt64(index), $0.baseAddress) } }
        return out
    }

    /// The leaf hashes of a batch of words numbered from `first` (word k is
    /// `bytes[ends[k-1] ..< ends[k]]`), 32 bytes each, on up to `parallel` threads.
    func leaves(first: Int, bytes: [UInt8], ends: [UInt64], parallel: Int = 1) -> [UInt8] {
        let count = ends.count
        // The C kernel reads bytes[ends[k-1] ..< ends[k]]: the ends must stay inside `bytes`.
        precondition(zip([0] + ends, ends).allSatisfy { $0 <= $1 } && (ends.last ?? 0) <= UInt64(bytes.count),
                     "QuoteHashing.leaves: word ends out of order or past the bytes")
        var out = [UInt8](repeating: 0, count: count * 32)
        guard count > 0 else { return out }
        let chunks = max(1, min(parallel, count / 4096))
        out.withUnsafeMutableBufferPointer { out in
            bytes.withUnsafeBufferPointer { bytes in
                ends.withUnsafeBufferPointer { ends in
                    let shared = SharedBuffers(out: out.baseAddress!, bytes: bytes.baseAddress, ends: ends.baseAddress!)
                    let key = self.key
                    DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                        let lo = count * chunk / chunks, hi = count * (chunk + 1) / chunks
                        let start = lo == 0 ? 0 : Int(shared.ends[lo - 1])
                        // Ends relative to this chunk's first byte.
                        var local = (lo..<hi).map { shared.ends[$0] - UInt64(start) }
                        withUnsafePointer(to: key) { key in
                            ll_quote_leaves(key, UInt64(first + lo), shared.bytes.map { $0 + start }, &local, UInt64(hi - lo), shared.out + lo * 32)
                        }
                    }
                }
            }
        }
        return out
    }

    /// The words' pointers for the threads of one `leaves` call, which write disjoint parts of
    /// `out` and only read the rest.
    private struct SharedBuffers: @unchecked Sendable {
        // @unchecked: the buffers outlive concurrentPerform (which returns only when every
        // iteration is done), inputs are read-only and each iteration writes its own slice.
        let out: UnsafeMutablePointer<UInt8>
        let bytes: UnsafePointer<UInt8>?
        let ends: UnsafePointer<UInt64>
    }
}

/// Words collected into batches: contiguous UTF-8 and end offsets.
struct WordBatch {
    var bytes: [UInt8] = []
    var ends: [UInt64] = []

    mutating func add(_ word: UnsafeRawBufferPointer) {
        bytes.append(contentsOf: word)
        ends.append(UInt64(bytes.count))
    }

    mutating func add(_ word: String) {
        bytes.append(contentsOf: word.utf8)
        ends.append(UInt64(bytes.count))
    }
}

/// The root over words as they come: batches of words are hashed on a background queue, in
/// order, while the caller produces the next batch (the L2 pass of a text), so on two cores
/// the commitment costs little more than the pass itself. Only the open perfect subtrees are
/// kept (the stack form of RFC 9162's tree), so memory does not grow with the text.
final class PipelinedRoot: @unchecked Sendable {
    // @unchecked: `stack` is touched only by blocks on `queue` (a serial queue), and read by
    // `finish` through `queue.sync`, after every submitted block.
    private let queue = DispatchQueue(label: "leakledger.quote-commitment")
    private let hashing: QuoteHashing
    private var stack = ll_quote_stack()
    private var submitted = 0
    private var batch = WordBatch()
    /// Words per batch: large enough to amortise a queue hop, small enough to overlap.
    static let batchSize = 8192

    init(secret: DocumentSecret) {
        hashing = QuoteHashing(secret: secret)
    }

    /// Adds one word (UTF-8); called in word order from one thread.
    func add(_ word: UnsafeRawBufferPointer) {
        batch.add(word)
        if batch.ends.count >= Self.batchSize { submit() }
    }

    /// Adds one word.
    func add(_ word: String) {
        batch.add(word)
        if batch.ends.count >= Self.batchSize { submit() }
    }

    private func submit() {
        let words = batch
        let first = submitted
        submitted += words.ends.count
        batch = WordBatch()
        queue.async {
            let leaves = self.hashing.leaves(first: first, bytes: words.bytes, ends: words.ends)
            leaves.withUnsafeBufferPointer { ll_quote_stack_push(&self.stack, $0.baseAddress, UInt64(words.ends.count)) }
        }
    }

    /// The commitment over every word added; nil for none.
    func finish() -> QuoteCommitment? {
        if !batch.ends.isEmpty { submit() }
        return queue.sync {
            guard stack.count > 0 else { return nil }
            var root = [UInt8](repeating: 0, count: 32)
            root.withUnsafeMutableBufferPointer { ll_quote_stack_root(&stack, $0.baseAddress) }
            return QuoteCommitment(wordCount: Int(stack.count), root: SHA256Digest(bytes: root)!)
        }
    }
}
