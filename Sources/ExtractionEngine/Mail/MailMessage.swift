import ContentHash
import Extraction

/// Text of an e-mail as a mail reader shows it: the From, To, Cc, Bcc, Date and Subject
/// headers decoded, then the body, with transfer encodings and charsets undone, text/plain
/// preferred over text/html in a multipart/alternative, inline messages shown in place, and
/// every attachment returned as a file of its own.
struct MailMessage {
    /// Bumped whenever the same message would give other text.
    static let layoutVersion = 1
    static let shownHeaders = ["From", "To", "Cc", "Bcc", "Date", "Subject"]

    private let limits: ExtractionLimits
    private let progress: (ExtractionProgress) -> Void
    private(set) var attachments: [EmbeddedFile] = []
    private(set) var usedHTML = false
    private var names = AttachmentNames()
    private var tooDeep = 0
    private var parts = 0

    init(limits: ExtractionLimits, progress: @escaping (ExtractionProgress) -> Void) {
        self.limits = limits
        self.progress = progress
    }

    /// The text of the message in `bytes`.
    static func extract(
        _ bytes: [UInt8], options: ExtractionOptions, progress: @escaping (ExtractionProgress) -> Void
    ) throws(ExtractionFailure) -> ExtractedText {
        guard bytes.count < Int(UInt32.max), let message = MIMEMessage(bytes: bytes) else {
            throw ExtractionFailure(.damaged, "not a readable e-mail message")
        }
        var reader = MailMessage(limits: options.limits, progress: progress)
        var builder = TextBuilder(limit: options.limits.textBytes, paged: false)
        try builder.add(try reader.render(message, depth: 1))
        var extractor = "gmime \(MIMEMessage.libraryVersion)"
        if reader.usedHTML { extractor += " + libxml2 \(XMLReader.libraryVersion)" }
        var notes: [String] = []
        if reader.tooDeep > 0 {
            notes.append("\(reader.tooDeep) MIME parts nested deeper than \(options.limits.mimeDepth) levels were left out")
        }
        return ExtractedText(format: .email, text: builder.text, extractor: extractor, embedded: reader.attachments, notes: notes)
    }

    /// The headers a reader sees, a blank line, and the body.
    private mutating func render(_ message: MIMEMessage, depth: Int) throws(ExtractionFailure) -> String {
        var out = ""
        for name in Self.shownHeaders {
            guard let value = message.header(name), !value.isEmpty else { continue }
            out += "\(name): \(Self.unfold(value))\n"
        }
        out += "\n"
        if let body = message.body { out += try render(body, depth: depth) }
        return out
    }

    private mutating func render(_ part: MIMEPart, depth: Int) throws(ExtractionFailure) -> String {
        guard depth <= limits.mimeDepth else {
            tooDeep += 1
            return ""
        }
        parts += 1
        progress(ExtractionProgress(done: parts, total: nil))
        let type = part.contentType
        switch part.kind {
        case .multipart:
            let children = part.children
            if type == "multipart/alternative" {
                guard let chosen = Self.preferred(children) else { return "" }
                return try render(chosen, depth: depth + 1)
            }
            var out = ""
            for (i, child) in children.enumerated() {
                // multipart/related: the first part is shown, the rest are its inline resources.
                if type == "multipart/related" && i > 0 && child.disposition != "attachment" { continue }
                // multipart/signed: the signature is not part of what a reader sees.
                if ["application/pgp-signature", "application/pkcs7-signature", "application/x-pkcs7-signature"].contains(child.contentType) { continue }
                out += try render(child, depth: depth + 1)
            }
            return out
        case .message:
            guard let embedded = part.embeddedMessage else { return "" }
            if part.disposition == "attachment" {
                attach(name: part.filename ?? embedded.header("Subject").map { $0 + ".eml" }, type: type, bytes: embedded.bytes)
                return ""
            }
            return "\n" + (try render(embedded, depth: depth + 1))
        case .leaf:
            // A text part is shown in place unless it is marked as an attachment, or named
            // without being marked inline.
            let isText = type == "text/plain" || type == "text/html"
            if isText && (part.disposition == "inline" || (part.disposition == nil && part.filename == nil)) {
                let text = Self.decode(part.text)
                if type == "text/html" {
                    usedHTML = true
                    return try WebPage.text(of: Array(text.utf8), encoding: "UTF-8") + "\n"
                }
                return text.hasSuffix("\n") ? text : text + "\n"
            }
            attach(name: part.filename, type: type, bytes: part.content)
            return ""
        }
    }

    private mutating func attach(name: String?, type: String, bytes: [UInt8]) {
        attachments.append(EmbeddedFile(name: names.unique(name, type: type), kind: .attachment, contentType: type, bytes: bytes))
    }

    /// In a multipart/alternative: text/plain, else text/html, else the last part (the richest).
    private static func preferred(_ parts: [MIMEPart]) -> MIMEPart? {
        parts.first { $0.kind == .leaf && $0.contentType == "text/plain" }
            ?? parts.first { $0.kind == .leaf && $0.contentType == "text/html" }
            ?? parts.last
    }

    /// UTF-8, or Windows-1252 for a part whose charset was missing or unknown and whose bytes
    /// are not UTF-8.
    private static func decode(_ bytes: [UInt8]) -> String {
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        if case .text(let text) = TextDocument.decode(bytes: bytes) { return text }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func unfold(_ value: String) -> String {
        value.split(whereSeparator: { $0 == "\r" || $0 == "\n" }).map { $0.trimmingPrefix(while: { $0 == " " || $0 == "\t" }) }
            .joined(separator: " ")
    }
}

/// Names for attachments that are unique within their message and safe as one segment of a
/// document id.
struct AttachmentNames {
    private var used: Set<String> = []
    private var counter = 0

    mutating func unique(_ proposed: String?, type: String) -> String {
        counter += 1
        var name = Self.sanitize(proposed ?? "")
        if name.isEmpty { name = "attachment-\(counter)" + Self.suffix(for: type) }
        var candidate = name
        var n = 2
        while used.contains(candidate) {
            if let dot = name.lastIndex(of: "."), dot != name.startIndex {
                candidate = "\(name[..<dot]) (\(n))\(name[dot...])"
            } else {
                candidate = "\(name) (\(n))"
            }
            n += 1
        }
        used.insert(candidate)
        return candidate
    }

    /// The last path component, without control characters, not "." or "..", at most 200 characters.
    static func sanitize(_ name: String) -> String {
        let last = name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let clean = String(String.UnicodeScalarView(last.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }))
            .trimming(" .")
        return clean.isEmpty ? "" : String(clean.prefix(200))
    }

    private static func suffix(for type: String) -> String {
        switch type {
        case "application/pdf": ".pdf"
        case "text/plain": ".txt"
        case "text/html": ".html"
        case "message/rfc822": ".eml"
        case "image/png": ".png"
        case "image/jpeg": ".jpg"
        case "image/tiff": ".tif"
        case "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx"
        case "application/vnd.oasis.opendocument.text": ".odt"
        default: ""
        }
    }
}

extension String {
    /// The string without leading and trailing scalars of `set`.
    fileprivate func trimming(_ set: String) -> String {
        let scalars = Set(set.unicodeScalars)
        var view = Substring(self).unicodeScalars
        while let first = view.first, scalars.contains(first) { view = view.dropFirst() }
        while let last = view.last, scalars.contains(last) { view = view.dropLast() }
        return String(view)
    }
}
