/// Unicode scalars stored in 1, 2 or 4 bytes each, the narrowest that holds them all: layers
/// are kept in memory for every registered text, and most texts need only 1 or 2 bytes.
struct ScalarStore: RandomAccessCollection, Sendable {
    private enum Storage: Sendable {
        case narrow([UInt8])
        case medium([UInt16])
        case wide([UInt32])
    }

    private let storage: Storage

    init(_ scalars: [Unicode.Scalar]) {
        let top = scalars.reduce(0) { Swift.max($0, $1.value) }
        if top < 0x100 {
            storage = .narrow(scalars.map { UInt8(truncatingIfNeeded: $0.value) })
        } else if top < 0x10000 {
            storage = .medium(scalars.map { UInt16(truncatingIfNeeded: $0.value) })
        } else {
            storage = .wide(scalars.map(\.value))
        }
    }

    var startIndex: Int { 0 }

    var endIndex: Int {
        switch storage {
        case .narrow(let a): a.count
        case .medium(let a): a.count
        case .wide(let a): a.count
        }
    }

    @inline(__always) subscript(position: Int) -> Unicode.Scalar {
        switch storage {
        case .narrow(let a): Unicode.Scalar(a[position])
        case .medium(let a): Unicode.Scalar(UInt32(a[position])).unsafelyUnwrapped
        case .wide(let a): Unicode.Scalar(a[position]).unsafelyUnwrapped
        }
    }
}
