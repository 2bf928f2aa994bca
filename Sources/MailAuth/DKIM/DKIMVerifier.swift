import ContentHash

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Verifies the DKIM signatures of a message (RFC 6376; Ed25519 by RFC 8463) against recorded
/// key records, never DNS and never the clock.
///
/// The header block is read whole (at most ``headerLimit`` bytes); the body streams through
/// every canonicalization the signatures ask for in one pass, in constant memory, so a message
/// of any size can be checked. At most ``signatureLimit`` signatures are verified.
public struct DKIMVerifier: Sendable {
    /// The key records to verify against.
    public let keys: DKIMKeyRing

    /// The largest header block read, in bytes (32 MiB).
    public static var headerLimit: Int { MessageReader<MemorySource>.headerLimit }
    /// How many DKIM-Signature fields are verified; later ones are reported, not verified.
    public static let signatureLimit = 64

    /// A verifier that looks keys up in `keys`.
    public init(keys: DKIMKeyRing) { self.keys = keys }

    /// Verifies the message in the file at `path` (`-` for standard input).
    public func verify(fileAt path: String) throws(MailAuthError) -> DKIMReport {
        if path == "-" { return try verify(DescriptorSource(descriptor: STDIN_FILENO, path: "standard input"), name: "-") }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .file(FileError(path: path, operation: .open, errno: errno)) }
        defer { close(descriptor) }
        return try verify(DescriptorSource(descriptor: descriptor, path: path), name: path)
    }

    /// Verifies a message held in memory; `name` stands for it in the report and in errors.
    public func verify(message: [UInt8], name: String = "message") throws(MailAuthError) -> DKIMReport {
        try verify(MemorySource(message), name: name)
    }

    func verify<Source: ByteSource>(_ source: Source, name: String, headerLimit: Int = DKIMVerifier.headerLimit) throws(MailAuthError) -> DKIMReport {
        var reader = MessageReader(source: source, path: name, headerLimit: headerLimit)
        let header = try reader.readHeader()
        let signatures = header.indices(of: "dkim-signature").prefix(Self.signatureLimit).map {
            DKIMSignature(field: header.fields[$0], index: $0)
        }
        var requests = Set<BodyHashes.Request>()
        for signature in signatures {
            guard case .success(let checked) = signature.checked else { continue }
            requests.insert(.init(canonicalization: checked.body, hash: checked.algorithm.hash, length: checked.bodyLength))
        }
        let hashes = BodyHashes(requests)
        var bodyBytes = 0
        try reader.readBody { chunk in
            bodyBytes += chunk.count
            hashes.feed(chunk)
        }
        if header.fields.isEmpty, bodyBytes == 0 { throw .empty(path: name) }
        let message = MessageFacts(header: header)
        let digests = hashes.finish()
        var verdicts = signatures.enumerated().map { number, signature in
            verdict(signature, number: number + 1, header: header, message: message, digests: digests)
        }
        let total = header.count(of: "dkim-signature")
        if total > Self.signatureLimit {
            for (offset, index) in header.indices(of: "dkim-signature").dropFirst(Self.signatureLimit).enumerated() {
                let signature = DKIMSignature(field: header.fields[index], index: index)
                verdicts.append(.unverified(signature, number: Self.signatureLimit + offset + 1,
                                            reason: "not verified: only the first \(Self.signatureLimit) DKIM-Signature fields of a message are checked"))
            }
        }
        return DKIMReport(source: name, from: message.from, fromDomain: message.fromDomain, date: message.date,
                          messageDate: message.dateSeconds, signatures: verdicts, arc: ARCField.list(in: header))
    }
}

/// What the verdicts compare against: the From domain and the Date.
struct MessageFacts {
    let from: String?
    let fromDomain: String?
    let fromCount: Int
    let date: String?
    let dateSeconds: Int?

    init(header: MessageHeader) {
        from = header.last("from")?.value
        fromDomain = from.flatMap(MailAddress.domain(of:))
        fromCount = header.count(of: "from")
        date = header.last("date")?.value
        dateSeconds = date.flatMap(MailDate.parse)
    }
}
