/// The body hashes a message's signatures ask for, all computed in one pass over the body: one
/// canonicalizer per canonicalization, one digest per (canonicalization, hash, `l=`).
final class BodyHashes {
    /// What one signature needs hashed.
    struct Request: Hashable {
        let canonicalization: Canonicalization
        let hash: HashAlgorithm
        /// `l=`: how many canonical bytes are signed; `nil` for the whole body.
        let length: Int?
    }

    /// What the pass found for one request.
    struct Digest {
        let value: [UInt8]
        /// The length of the whole canonical body.
        let canonicalLength: Int
        /// The first bytes after `l=` (at most ``tailLimit``): text the signature does not cover.
        let unsignedStart: [UInt8]
    }

    /// How much of the unsigned text after `l=` is kept to show.
    static let tailLimit = 1024

    private final class Target {
        let request: Request
        let digest: MessageDigest
        var tail: [UInt8] = []
        init(_ request: Request) {
            self.request = request
            self.digest = MessageDigest(request.hash)
        }
    }

    private final class Stream {
        var position = 0
        var targets: [Target] = []

        func consume(_ chunk: UnsafeRawBufferPointer) {
            let start = position
            position += chunk.count
            for target in targets {
                guard let length = target.request.length else {
                    target.digest.update(chunk)
                    continue
                }
                let signedEnd = max(0, min(chunk.count, length - start))
                if signedEnd > 0 { target.digest.update(UnsafeRawBufferPointer(rebasing: chunk[0..<signedEnd])) }
                let room = BodyHashes.tailLimit - target.tail.count
                if signedEnd < chunk.count, room > 0 {
                    target.tail.append(contentsOf: chunk[signedEnd..<min(chunk.count, signedEnd + room)])
                }
            }
        }
    }

    private var canonicalizers: [BodyCanonicalizer] = []
    private var streams: [Stream] = []

    init(_ requests: Set<Request>) {
        for algorithm in [Canonicalization.simple, .relaxed] {
            let wanted = requests.filter { $0.canonicalization == algorithm }
            guard !wanted.isEmpty else { continue }
            let stream = Stream()
            stream.targets = wanted.map(Target.init)
            streams.append(stream)
            canonicalizers.append(BodyCanonicalizer(algorithm) { stream.consume($0) })
        }
    }

    /// Feeds the next raw bytes of the body.
    func feed(_ chunk: UnsafeRawBufferPointer) {
        for canonicalizer in canonicalizers { canonicalizer.feed(chunk) }
    }

    /// Ends the body and returns every request's digest.
    func finish() -> [Request: Digest] {
        var results = [Request: Digest]()
        for (canonicalizer, stream) in zip(canonicalizers, streams) {
            canonicalizer.finish()
            for target in stream.targets {
                results[target.request] = Digest(value: target.digest.finalize(), canonicalLength: stream.position,
                                                 unsignedStart: target.tail)
            }
        }
        return results
    }
}
