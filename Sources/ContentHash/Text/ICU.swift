internal import CICU

/// The few ICU services the text layers need: normalization, full case folding, and the
/// NFKC boundary data that lets L2 keep an offset map. C types stay inside this file.
enum ICU {
    enum Form { case nfc, nfd, nfkc }

    private struct Normalizers: @unchecked Sendable {
        // @unchecked: ICU's UNormalizer2 singletons are immutable, owned by ICU and
        // documented as thread-safe; they are never released.
        let nfc: OpaquePointer
        let nfd: OpaquePointer
        let nfkc: OpaquePointer
    }

    private static let normalizers: Normalizers = {
        var status: Int32 = LL_U_ZERO_ERROR
        let nfc = ll_unorm2_getNFCInstance(&status)
        guard let nfc, ll_u_failure(status) == 0 else { preconditionFailure("unorm2_getNFCInstance failed: \(status)") }
        let nfd = ll_unorm2_getNFDInstance(&status)
        guard let nfd, ll_u_failure(status) == 0 else { preconditionFailure("unorm2_getNFDInstance failed: \(status)") }
        let nfkc = ll_unorm2_getNFKCInstance(&status)
        guard let nfkc, ll_u_failure(status) == 0 else { preconditionFailure("unorm2_getNFKCInstance failed: \(status)") }
        return Normalizers(nfc: nfc, nfd: nfd, nfkc: nfkc)
    }()

    private static func normalizer(_ form: Form) -> OpaquePointer {
        switch form {
        case .nfc: normalizers.nfc
        case .nfd: normalizers.nfd
        case .nfkc: normalizers.nfkc
        }
    }

    /// Normalizes UTF-16 code units.
    static func normalize(_ source: [UInt16], _ form: Form) -> [UInt16] {
        if source.isEmpty { return [] }
        let norm = normalizer(form)
        var capacity = source.count * 2 + 8
        while true {
            var out = [UInt16](repeating: 0, count: capacity)
            var status: Int32 = LL_U_ZERO_ERROR
            let length = ll_unorm2_normalize(norm, source, Int32(source.count), &out, Int32(capacity), &status)
            if status == LL_U_BUFFER_OVERFLOW_ERROR { capacity = Int(length) + 1; continue }
            guard ll_u_failure(status) == 0 else { preconditionFailure("unorm2_normalize failed: \(status)") }
            out.removeSubrange(Int(length)...)
            return out
        }
    }

    /// `text` in the given normalization form; ASCII is returned as is.
    static func normalize(_ text: String, _ form: Form) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return text }
        return String(decoding: normalize(Array(text.utf16), form), as: UTF16.self)
    }

    /// NFKC of a run of scalars.
    static func nfkc(_ scalars: ArraySlice<Unicode.Scalar>) -> [Unicode.Scalar] {
        var units: [UInt16] = []
        units.reserveCapacity(scalars.count * 2)
        for s in scalars { units.append(contentsOf: UTF16.encode(s)!) }
        let out = normalize(units, .nfkc)
        return Array(String(decoding: out, as: UTF16.self).unicodeScalars)
    }

    /// Full Unicode case folding (`u_strFoldCase`, default mappings), so `ß` becomes `ss`.
    static func fold(_ text: String) -> String {
        let source = Array(text.utf16)
        if source.isEmpty { return text }
        var capacity = source.count * 3 + 4
        while true {
            var out = [UInt16](repeating: 0, count: capacity)
            var status: Int32 = LL_U_ZERO_ERROR
            let length = ll_u_strFoldCase(&out, Int32(capacity), source, Int32(source.count), &status)
            if status == LL_U_BUFFER_OVERFLOW_ERROR { capacity = Int(length) + 1; continue }
            guard ll_u_failure(status) == 0 else { preconditionFailure("u_strFoldCase failed: \(status)") }
            return String(decoding: out[0..<Int(length)], as: UTF16.self)
        }
    }

    /// `text` in NFD with every combining mark (category M) removed: the diacritic-blind form.
    static func stripMarks(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return text }
        let nfd = normalize(text, .nfd)
        var out = String.UnicodeScalarView()
        for s in nfd.unicodeScalars where !ScalarClass.isMark(s) { out.append(s) }
        return String(out)
    }

    /// Whether NFKC has a boundary before `s` (text can be normalized in pieces cut there).
    @inline(__always) static func nfkcBoundaryBefore(_ s: Unicode.Scalar) -> Bool {
        s.value < 0x80 || ScalarClass.flags(s) & ScalarClass.nfkcBoundary != 0
    }

    /// Whether NFKC leaves `s` alone when nothing combines with it (it is its own NFKC).
    @inline(__always) static func nfkcSelf(_ s: Unicode.Scalar) -> Bool {
        s.value < 0x80 || ScalarClass.flags(s) & ScalarClass.nfkcSelf != 0
    }

    static func nfkcBoundaryBeforeUncached(_ s: Unicode.Scalar) -> Bool {
        ll_unorm2_hasBoundaryBefore(normalizers.nfkc, Int32(bitPattern: s.value)) != 0
    }

    static func nfkcSelfUncached(_ s: Unicode.Scalar) -> Bool {
        var status: Int32 = LL_U_ZERO_ERROR
        var units: (UInt16, UInt16) = (0, 0)
        var count: Int32 = 0
        for u in UTF16.encode(s)! {
            if count == 0 { units.0 = u } else { units.1 = u }
            count += 1
        }
        let yes = withUnsafePointer(to: &units) {
            $0.withMemoryRebound(to: UInt16.self, capacity: 2) { ll_unorm2_isNormalized(normalizers.nfkc, $0, count, &status) }
        }
        return yes != 0 && ll_u_failure(status) == 0
    }

    /// ICU's general category number (`UCharCategory`: 1...5 letters, 6...8 marks, 9...11
    /// numbers, 16 format, 19 dash punctuation, 28/29 initial/final punctuation).
    static func generalCategory(_ s: Unicode.Scalar) -> Int32 { ll_u_charType(Int32(bitPattern: s.value)) }

    /// Unicode White_Space.
    static func isWhiteSpace(_ s: Unicode.Scalar) -> Bool { ll_u_isUWhiteSpace(Int32(bitPattern: s.value)) != 0 }

    /// Unicode Changes_When_Casefolded.
    static func changesWhenCaseFolded(_ s: Unicode.Scalar) -> Bool { ll_u_changesWhenCaseFolded(Int32(bitPattern: s.value)) != 0 }
}
