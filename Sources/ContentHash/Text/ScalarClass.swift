/// Character classes of spec/excerpt-verification.md, with ASCII fast paths.
enum ScalarClass {
    /// Letters, marks and numbers (categories L, M, N): the stuff words are made of.
    static func isWord(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if v < 0x80 {
            return (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A)
        }
        switch s.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .nonspacingMark, .spacingMark, .enclosingMark,
             .decimalNumber, .letterNumber, .otherNumber:
            return true
        default:
            return false
        }
    }

    /// Combining marks (category M).
    static func isMark(_ s: Unicode.Scalar) -> Bool {
        if s.value < 0x300 { return false }
        switch s.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }

    /// Unicode White_Space: spaces of every width, tab, line ends, NBSP.
    static func isWhitespace(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if v < 0x80 { return v == 0x20 || (v >= 0x09 && v <= 0x0D) }
        return s.properties.isWhitespace
    }

    /// Format characters (category Cf): soft hyphen, zero-width characters, BOM, bidi controls.
    static func isFormat(_ s: Unicode.Scalar) -> Bool {
        if s.value < 0xAD { return false }
        return s.properties.generalCategory == .format
    }

    /// Dashes (category Pd, and U+2212 minus sign), all `-` at L2.
    static func isDash(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if v < 0x80 { return v == 0x2D }
        return v == 0x2212 || s.properties.generalCategory == .dashPunctuation
    }

    /// Quotation-mark kind of `s` at L2: `"` for double marks, `'` for single, nil otherwise.
    /// Pi/Pf marks not listed in the spec count as double when their name says DOUBLE.
    static func quoteReplacement(_ s: Unicode.Scalar) -> Unicode.Scalar? {
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
        switch s.properties.generalCategory {
        case .initialPunctuation, .finalPunctuation:
            return (s.properties.name ?? "").contains("DOUBLE") ? "\"" : "'"
        default:
            return nil
        }
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
