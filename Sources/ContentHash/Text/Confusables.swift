internal import CICU

/// UTS #39 confusable skeletons from ICU's spoof checker (Unicode's own confusables data).
public enum Confusables {
    /// The UTS #39 skeleton of `text`: two strings are confusable when their skeletons are equal.
    public static func skeleton(_ text: String) -> String {
        let source = Array(text.utf16)
        var status: Int32 = LL_U_ZERO_ERROR
        var capacity = max(16, source.count * 4)
        while true {
            var out = [UInt16](repeating: 0, count: capacity)
            status = LL_U_ZERO_ERROR
            let length = ll_uspoof_getSkeleton(SpoofChecker.shared.checker, source, Int32(source.count), &out, Int32(capacity), &status)
            if status == LL_U_BUFFER_OVERFLOW_ERROR { capacity = Int(length) + 1; continue }
            guard ll_u_failure(status) == 0 else { preconditionFailure("uspoof_getSkeleton failed: \(status)") }
            return String(decoding: out[0..<Int(length)], as: UTF16.self)
        }
    }
}

private struct SpoofChecker: @unchecked Sendable {
    // @unchecked: ICU documents a USpoofChecker as thread-safe for concurrent checks once
    // configured; it is only read after this initialiser.
    let checker: OpaquePointer

    static let shared: SpoofChecker = {
        var status: Int32 = LL_U_ZERO_ERROR
        guard let checker = ll_uspoof_open(&status), ll_u_failure(status) == 0 else {
            preconditionFailure("uspoof_open failed: \(status)")
        }
        return SpoofChecker(checker: checker)
    }()
}
