import Foundation

/// Text from a ledger or a user, made safe for a terminal.
///
/// Anything a command prints may come from someone else: a party's name, a note, an actor, a
/// document's text, a file name, a receipt. A terminal obeys control characters in that text
/// (ESC starts a sequence that can clear the screen, move the cursor or restyle what follows;
/// BEL rings; CR overwrites a line; a C1 CSI acts as ESC [), and bidi overrides reorder what a
/// reader sees. So every command prints such text through ``escaped(_:)``, the one escaping
/// there is, and its JSON output escapes the same characters as `\u` sequences
/// (``jsonEscaped(_:)``).
package enum Terminal {
    /// True for the characters a terminal must never receive raw: C0 controls (line ends and
    /// tabs included), DEL, C1 controls, and the bidi embeddings, overrides and isolates
    /// (U+202A–U+202E, U+2066–U+2069, the "Trojan Source" characters).
    package static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00..<0x20, 0x7F..<0xA0, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    /// The text with every unsafe character (``isUnsafe(_:)``) shown by its code point,
    /// `⟨U+001B⟩`, so that a hostile string can neither act on the terminal nor hide.
    package static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isUnsafe) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if isUnsafe(scalar) { out.append(contentsOf: codePoint(scalar).unicodeScalars) } else { out.append(scalar) }
        }
        return String(out)
    }

    /// Several lines: each line ``escaped(_:)``, the line breaks (`\n`) kept.
    package static func escapedLines(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { escaped(String($0)) }.joined(separator: "\n")
    }

    /// One line for running text: line ends and tabs become spaces, then ``escaped(_:)``.
    package static func oneLine(_ text: String) -> String {
        escaped(String(String.UnicodeScalarView(text.unicodeScalars.map { scalar in
            scalar == "\n" || scalar == "\r" || scalar == "\t" ? " " : scalar
        })))
    }

    /// ``escaped(_:)``, and also the characters that print as nothing or as a plain space
    /// (format characters, other spaces, line and paragraph separators) named the same way, so
    /// that a difference of white space or a zero-width character can be seen: `⟨U+00A0⟩`.
    package static func visible(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.properties.generalCategory {
            case _ where isUnsafe(scalar), .spaceSeparator where scalar != " ", .format, .control, .lineSeparator, .paragraphSeparator:
                out.append(contentsOf: codePoint(scalar).unicodeScalars)
            default:
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// A line of JSON with the unsafe characters inside its strings written as `\u` escapes:
    /// the same JSON value, safe on a terminal. (JSON already escapes C0; this adds DEL, C1 and
    /// the bidi controls, which may only occur inside strings.)
    package static func jsonEscaped(_ json: String) -> String {
        guard json.unicodeScalars.contains(where: isUnsafe) else { return json }
        var out = String.UnicodeScalarView()
        for scalar in json.unicodeScalars {
            if isUnsafe(scalar) {
                out.append(contentsOf: String(format: "\\u%04x", scalar.value).unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    private static func codePoint(_ scalar: Unicode.Scalar) -> String {
        String(format: "⟨U+%04X⟩", scalar.value)
    }
}
