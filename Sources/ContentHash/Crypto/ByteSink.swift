/// A hash or MAC that is fed bytes: it takes raw buffers, and gets the sequence and string
/// forms from that one.
public protocol ByteSink: ~Copyable {
    /// Feeds raw bytes.
    mutating func update(_ buffer: UnsafeRawBufferPointer)
}

extension ByteSink where Self: ~Copyable {
    /// Feeds bytes from any contiguous or non-contiguous collection.
    public mutating func update(_ bytes: some Sequence<UInt8>) {
        let handled: Void? = bytes.withContiguousStorageIfAvailable { update(UnsafeRawBufferPointer($0)) }
        if handled == nil {
            let copy = Array(bytes)
            copy.withUnsafeBytes { update($0) }
        }
    }

    /// Feeds the UTF-8 bytes of a string.
    public mutating func update(_ string: String) {
        var string = string
        string.withUTF8 { update(UnsafeRawBufferPointer($0)) }
    }
}
