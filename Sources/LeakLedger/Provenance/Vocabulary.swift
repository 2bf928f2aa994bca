import Foundation

/// A closed list of words the ledger accepts for one field, each with a line of help.
///
/// `status` and `link` refuse any other word: the reader of a ledger must be able to rely on
/// the vocabulary of `spec/cli.md`, so a typo is an error (exit 64), never a new category.
public protocol LedgerVocabulary: RawRepresentable<String>, CaseIterable, Sendable, Hashable {
    /// What the field is called in messages ("status", "relation").
    static var fieldName: String { get }
    /// One line of help for this value.
    var summary: String { get }
}

extension LedgerVocabulary {
    /// Every allowed value, in the order of the specification.
    public static var allowedValues: [String] { allCases.map(\.rawValue) }

    /// Parses a value; anything outside the vocabulary is a usage error listing the allowed values.
    public static func parse(_ text: String) throws(LedgerError) -> Self {
        if let value = Self(rawValue: text) { return value }
        // Strict: a respelling is refused too, so the stored word is always the spec's, but the
        // message names the word that was meant.
        let respelled = text.lowercased().replacingOccurrences(of: "-", with: "_")
            .replacingOccurrences(of: " ", with: "_")
        let hint = Self(rawValue: respelled).map { " (did you mean \($0.rawValue)?)" } ?? ""
        throw LedgerError.usage(
            "unknown \(fieldName) \"\(text)\"\(hint); allowed: \(allowedValues.joined(separator: ", "))")
    }

    /// The values with their help, one per line, indented by two spaces, for `--help` (each line
    /// fits in 80 columns, so the help's wrapping leaves the table intact).
    public static var helpText: String {
        let width = allowedValues.map(\.count).max() ?? 0
        return allCases.map { value in
            "  " + value.rawValue.padding(toLength: width + 2, withPad: " ", startingAt: 0) + value.summary
        }.joined(separator: "\n")
    }
}
