/// The posting lists of the candidate index: for each bucket of index keys (``IndexKeys``,
/// hashed), the ids of the segments that hold a key of the bucket, ascending, stored in chunks
/// of delta-coded varints.
///
/// Keys are hashed into a fixed number of buckets, so the index needs no vocabulary: two keys in
/// one bucket only make a text a candidate for nothing (the grader decides), never miss one.
enum Postings {
    /// log2 of the number of buckets. 65,536 buckets keep the index smaller than the texts at
    /// every size (a small ledger does not pay a row per bucket per commit), and a random
    /// text shares a bucket with a key of the excerpt seldom enough (a text holds about 600
    /// keys: 1%) that the filter's other places weed it out.
    static let bucketBits = 16
    /// A chunk is closed at about this many bytes; small appends fill the last open chunk.
    static let chunkBytes = 4096

    /// The bucket of a key (``IndexKeys/hash(_:)``): its top bits.
    static func bucket(_ hash: UInt64) -> Int {
        Int(truncatingIfNeeded: hash >> UInt64(64 - bucketBits))
    }

    /// Appends the varint of `value` (≥ 0).
    static func appendVarint(_ value: Int64, to bytes: inout [UInt8]) {
        var value = UInt64(value)
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    /// Encodes ascending ids as deltas from `previous`.
    static func encode(_ ids: some Sequence<Int64>, after previous: Int64) -> [UInt8] {
        var bytes: [UInt8] = []
        var last = previous
        for id in ids {
            appendVarint(id - last, to: &bytes)
            last = id
        }
        return bytes
    }

    /// Decodes a chunk whose ids are deltas from `previous`; calls `each` with every id. A chunk
    /// that does not decode (a damaged index) stops with `false`.
    @discardableResult
    static func decode(_ data: [UInt8], after previous: Int64, _ each: (Int64) -> Void) -> Bool {
        data.withUnsafeBytes { decode($0, after: previous, each) }
    }

    /// ``decode(_:after:_:)`` of bytes in place.
    @discardableResult
    static func decode(_ data: UnsafeRawBufferPointer, after previous: Int64, _ each: (Int64) -> Void) -> Bool {
        var last = previous
        var value: UInt64 = 0
        var shift: UInt64 = 0
        return data.withMemoryRebound(to: UInt8.self) { buffer -> Bool in
            for byte in buffer {
                value |= UInt64(byte & 0x7F) << shift
                if byte & 0x80 != 0 {
                    shift += 7
                    if shift > 56 { return false }
                    continue
                }
                last &+= Int64(bitPattern: value)
                each(last)
                value = 0
                shift = 0
            }
            return shift == 0
        }
    }
}
