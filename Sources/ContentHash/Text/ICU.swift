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
        var status = U_ZERO_ERROR
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
            var status = U_ZERO_ERROR
            let length = ll_unorm2_normalize(norm, source, Int32(source.count), &out, Int32(capacity), &status)
            if status == U_BUFFER_OVERFLOW_ERROR { capacity = Int(length) + 1; continue }
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
            var status = U_ZERO_ERROR
            let length = ll_u_strFoldCase(&out, Int32(capacity), source, Int32(source.count), &status)
            if status == U_BUFFER_OVERFLOW_ERROR { capacity = Int(length) + 1; continue }
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
    static func nfkcBoundaryBefore(_ s: Unicode.Scalar) -> Bool {
        if s.value < 0x80 { return true }
        if s.value < 0x10000 { return NFKCTables.shared.boundaryBefore(Int(s.value)) }
        return ll_unorm2_hasBoundaryBefore(normalizers.nfkc, Int32(bitPattern: s.value)) != 0
    }

    /// Whether NFKC leaves `s` alone whatever surrounds it.
    static func nfkcInert(_ s: Unicode.Scalar) -> Bool {
        if s.value < 0x80 { return true }
        if s.value < 0x10000 { return NFKCTables.shared.inert(Int(s.value)) }
        return ll_unorm2_isInert(normalizers.nfkc, Int32(bitPattern: s.value)) != 0
    }

    /// Bit tables for the BMP, filled once: an ICU call per scalar would dominate layer building.
    private struct NFKCTables: Sendable {
        let bits: [UInt8]  // bit 0: boundary before, bit 1: inert

        static let shared: NFKCTables = {
            let norm = ICU.normalizers.nfkc
            var bits = [UInt8](repeating: 0, count: 0x10000)
            for c in 0..<0x10000 {
                var b: UInt8 = 0
                if ll_unorm2_hasBoundaryBefore(norm, Int32(c)) != 0 { b |= 1 }
                if ll_unorm2_isInert(norm, Int32(c)) != 0 { b |= 2 }
                bits[c] = b
            }
            return NFKCTables(bits: bits)
        }()

        func boundaryBefore(_ c: Int) -> Bool { bits[c] & 1 != 0 }
        func inert(_ c: Int) -> Bool { bits[c] & 2 != 0 }
    }
}
