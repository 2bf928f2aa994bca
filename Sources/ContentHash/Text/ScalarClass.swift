/// Character classes of spec/excerpt-verification.md. Layer building asks several questions
/// of every scalar, and the standard library's property lookups are slow, so the answers for
/// the Basic Multilingual Plane are computed once into one table.
enum ScalarClass {
    static let word: UInt16 = 1, mark: UInt16 = 2, whitespace: UInt16 = 4, format: UInt16 = 8,
               dash: UInt16 = 16, doubleQuote: UInt16 = 32, singleQuote: UInt16 = 64,
               nfkcBoundary: UInt16 = 128, nfkcSelf: UInt16 = 256, ownWord: UInt16 = 512

    private struct Table: Sendable {
        let flags: [UInt16]
        /// Full case folding of each BMP scalar when it folds to one scalar, else 0.
        let fold: [UInt32]

        static let shared: Table = {
            var flags = [UInt16](repeating: 0, count: 0x10000)
            var fold = [UInt32](repeating: 0, count: 0x10000)
            for v in 0..<0x10000 {
                guard let s = Unicode.Scalar(UInt32(v)) else { continue }
                flags[v] = ScalarClass.computeFlags(s)
                if !ICU.changesWhenCaseFolded(s) {
                    fold[v] = s.value
                } else {
                    let f = Array(ICU.fold(String(s)).unicodeScalars)
                    fold[v] = f.count == 1 ? f[0].value : 0
                }
            }
            return Table(flags: flags, fold: fold)
        }()
    }

    static func computeFlags(_ s: Unicode.Scalar) -> UInt16 {
        let category = ICU.generalCategory(s)
        var f: UInt16 = 0
        if (1...11).contains(category) { f |= word }
        if (6...8).contains(category) { f |= mark }
        if ICU.isWhiteSpace(s) { f |= whitespace }
        if category == 16 { f |= format }
        if s.value == 0x2212 || category == 19 { f |= dash }
        if let q = computeQuoteReplacement(s, category: category) { f |= q == "\"" ? doubleQuote : singleQuote }
        if ICU.nfkcBoundaryBeforeUncached(s) { f |= nfkcBoundary }
        if ICU.nfkcSelfUncached(s) { f |= nfkcSelf }
        if f & word != 0 && f & mark == 0 && isUnspacedScript(s.value) { f |= ownWord }
        return f
    }

    /// Scripts written without spaces between words (Han, kana, Thai, Lao, Khmer, Myanmar).
    /// Reading of a corner the spec leaves open: there, every letter (with its marks) is a word
    /// of its own, so a quote from the middle of a line can still be found at every grade.
    static func isUnspacedScript(_ v: UInt32) -> Bool {
        switch v {
        case 0x0E00...0x0EFF, 0x1000...0x109F, 0x1780...0x17FF, 0x2E80...0x2FDF, 0x3005...0x3007,
             0x3021...0x3029, 0x3038...0x303B, 0x3040...0x30FF, 0x31F0...0x31FF, 0x3400...0x4DBF,
             0x4E00...0x9FFF, 0xF900...0xFAFF, 0xFF66...0xFF9D, 0x20000...0x323AF:
            return true
        default:
            return false
        }
    }

    /// A letter that is a word by itself (see ``isUnspacedScript(_:)``).
    @inline(__always) static func isOwnWord(_ s: Unicode.Scalar) -> Bool {
        s.value >= 0xE00 && flags(s) & ownWord != 0
    }

    /// Whether a word boundary lies between two adjacent scalars: not inside a run of letters,
    /// marks and numbers (a mark always belongs to the letter before it).
    @inline(__always) static func isBoundary(_ a: Unicode.Scalar, _ b: Unicode.Scalar) -> Bool {
        guard isWord(a) && isWord(b) else { return true }
        return !isMark(b) && (isOwnWord(a) || isOwnWord(b))
    }

    /// The class flags of a scalar.
    @inline(__always) static func flags(_ s: Unicode.Scalar) -> UInt16 {
        s.value < 0x10000 ? Table.shared.flags[Int(s.value)] : computeFlags(s)
    }

    /// Appends the full case folding of `s` to `out`; false when it needs ICU (folds to several scalars).
    @inline(__always) static func appendFold(_ s: Unicode.Scalar, to out: inout [UInt32]) -> Bool {
        guard s.value < 0x10000 else { return false }
        let f = Table.shared.fold[Int(s.value)]
        if f == 0 { return false }
        out.append(f)
        return true
    }

    /// Letters, marks and numbers (categories L, M, N): the stuff words are made of.
    @inline(__always) static func isWord(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if v < 0x80 {
            return (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A)
        }
        return flags(s) & word != 0
    }

    /// Combining marks (category M).
    @inline(__always) static func isMark(_ s: Unicode.Scalar) -> Bool {
        if s.value < 0x300 { return false }
        return flags(s) & mark != 0
    }

    /// Unicode White_Space: spaces of every width, tab, line ends, NBSP.
    static func isWhitespace(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if v < 0x80 { return v == 0x20 || (v >= 0x09 && v <= 0x0D) }
        return flags(s) & whitespace != 0
    }

    /// Format characters (category Cf): soft hyphen, zero-width characters, BOM, bidi controls.
    static func isFormat(_ s: Unicode.Scalar) -> Bool {
        if s.value < 0xAD { return false }
        return flags(s) & format != 0
    }

    /// Dashes (category Pd, and U+2212 minus sign), all `-` at L2.
    static func isDash(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if v < 0x80 { return v == 0x2D }
        return flags(s) & dash != 0
    }

    /// Quotation-mark kind of `s` at L2: `"` for double marks, `'` for single, nil otherwise.
    /// Pi/Pf marks not listed in the spec count as double when their name says DOUBLE.
    static func quoteReplacement(_ s: Unicode.Scalar) -> Unicode.Scalar? {
        let v = s.value
        if v < 0x80 { return v == 0x22 ? "\"" : v == 0x27 ? "'" : nil }
        let f = flags(s)
        return f & doubleQuote != 0 ? "\"" : f & singleQuote != 0 ? "'" : nil
    }

    static func computeQuoteReplacement(_ s: Unicode.Scalar, category: Int32) -> Unicode.Scalar? {
        let v = s.value
        if v < 0x80 { return v == 0x22 ? "\"" : v == 0x27 ? "'" : nil }
        switch v {
        case 0x201C, 0x201D, 0x201E, 0x201F, 0x00AB, 0x00BB, 0x2033, 0x2034, 0x275D, 0x275E,
             0x301D, 0x301E, 0x301F, 0xFF02:
            return "\""
        case 0x2018, 0x2019, 0x201A, 0x201B, 0x2039, 0x203A, 0x2032, 0x275B, 0x275C, 0xFF07:
            return "'"
        default:
            break
        }
        guard category == 28 || category == 29 else { return nil }
        return (s.properties.name ?? "").contains("DOUBLE") ? "\"" : "'"
    }

    /// A quotation mark of any kind.
    static func isQuote(_ s: Unicode.Scalar) -> Bool { quoteReplacement(s) != nil }

    /// The hyphens that, at a line end, break a word: `-`, U+2010 and the soft hyphen.
    static func isBreakHyphen(_ s: Unicode.Scalar) -> Bool {
        s.value == 0x2D || s.value == 0x2010 || s.value == 0xAD
    }

    /// Simple case-insensitive equality of two scalars (for letters bracketed inside a word).
    static func equalIgnoringCase(_ a: Unicode.Scalar, _ b: Unicode.Scalar) -> Bool {
        if a == b { return true }
        return a.properties.lowercaseMapping == b.properties.lowercaseMapping
    }
}
