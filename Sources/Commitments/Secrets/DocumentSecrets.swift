import ContentHash
import Foundation

/// What the keeper keeps, privately, for one registered document: the secret of its quote
/// salts, the secret of its blind commitments, and the values a blind entry withholds (so that
/// `reveal` can open them and the keeper's own commands can still match the document).
public struct DocumentSecrets: Sendable, Hashable {
    /// The document id.
    public var document: String
    /// The key of its quote salts (absent for a document registered without text).
    public var quote: DocumentSecret?
    /// The key of its blind commitments (present for a blind registration).
    public var blind: DocumentSecret?
    /// The withheld members of a blind entry and their values as committed (hex digests,
    /// decimal numbers, strings), keyed by member name.
    public var withheld: [String: String]

    /// A record with these parts.
    public init(document: String, quote: DocumentSecret?, blind: DocumentSecret? = nil, withheld: [String: String] = [:]) {
        self.document = document
        self.quote = quote
        self.blind = blind
        self.withheld = withheld
    }

    /// Fresh secrets for a document about to be registered: a quote secret when it has text,
    /// a blind secret when it is registered blind (nothing is written).
    public static func new(document: String, text: Bool, blind: Bool) -> DocumentSecrets {
        DocumentSecrets(document: document, quote: text ? DocumentSecret() : nil, blind: blind ? DocumentSecret() : nil)
    }

    /// The record as one line of JSON (no newline).
    var line: [UInt8] {
        var object: [String: Any] = ["v": 1, "document": document]
        if let quote { object["quote_secret"] = Base64.encode(quote.bytes) }
        if let blind { object["blind_secret"] = Base64.encode(blind.bytes) }
        if !withheld.isEmpty { object["withheld"] = withheld }
        // Sorted keys, so that the same record is the same line (imports compare lines).
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
        return Array(data)
    }

    /// Parses one line of a secrets file; nil when it is not a record.
    init?(line: some Collection<UInt8>) {
        guard let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any],
              object["v"] as? Int == 1, let document = object["document"] as? String else { return nil }
        func secret(_ key: String) -> DocumentSecret?? {
            guard let value = object[key] else { return .some(nil) }
            guard let text = value as? String, let bytes = Base64.decode(text), let secret = DocumentSecret(bytes: bytes) else { return nil }
            return .some(secret)
        }
        guard let quote = secret("quote_secret"), let blind = secret("blind_secret") else { return nil }
        var withheld: [String: String] = [:]
        if let value = object["withheld"] {
            guard let map = value as? [String: String] else { return nil }
            withheld = map
        }
        self.init(document: document, quote: quote, blind: blind, withheld: withheld)
    }
}
