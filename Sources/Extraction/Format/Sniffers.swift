/// Recognises a web page by its first bytes, as the WHATWG MIME Sniffing standard's rules for
/// an unknown type do (§7.1, "identifying a resource with an unknown MIME type").
enum HTMLSniffer {
    private static let patterns = [
        "<!DOCTYPE HTML", "<HTML", "<HEAD", "<SCRIPT", "<IFRAME", "<H1", "<DIV", "<FONT", "<TABLE",
        "<A", "<STYLE", "<TITLE", "<B", "<BODY", "<BR", "<P",
    ].map { Array($0.utf8) }

    static func isHTML(_ head: ArraySlice<UInt8>) -> Bool {
        var start = head.startIndex
        if head.starts(with: [0xEF, 0xBB, 0xBF]) { start += 3 }
        while start < head.endIndex, [0x09, 0x0A, 0x0C, 0x0D, 0x20].contains(head[start]) { start += 1 }
        let rest = head[start...]
        if rest.starts(with: Array("<!--".utf8)) { return true }
        for pattern in patterns where rest.count > pattern.count {
            let prefix = rest.prefix(pattern.count)
            guard zip(prefix, pattern).allSatisfy({ upper($0) == $1 }) else { continue }
            let next = rest[rest.startIndex + pattern.count]
            if next == 0x20 || next == 0x3E { return true }
        }
        // XHTML: an XML declaration, then an html element.
        if rest.starts(with: Array("<?xml".utf8)) {
            let lower = rest.prefix(1024).map(lowerByte)
            return lower.firstRange(of: Array("<html".utf8)) != nil
        }
        return false
    }

    private static func upper(_ byte: UInt8) -> UInt8 { (0x61...0x7A).contains(byte) ? byte - 0x20 : byte }
    static func lowerByte(_ byte: UInt8) -> UInt8 { (0x41...0x5A).contains(byte) ? byte + 0x20 : byte }
}

/// Recognises an e-mail message (an RFC 5322 header block) and an mbox (a "From " line, then a
/// message).
enum MailSniffer {
    /// Header fields that mark a header block as an e-mail's.
    private static let known: Set<String> = [
        "from", "to", "cc", "bcc", "subject", "date", "message-id", "received", "return-path",
        "mime-version", "content-type", "content-transfer-encoding", "delivered-to", "reply-to",
        "sender", "in-reply-to", "references", "x-mailer", "user-agent", "dkim-signature",
    ]
    /// At least one of these must be present: fields that only mail carries.
    private static let distinctive: Set<String> = ["from", "received", "return-path", "message-id", "mime-version", "date"]

    static func looksLikeText(_ head: ArraySlice<UInt8>) -> Bool { !head.contains(0) }

    static func isMbox(_ head: ArraySlice<UInt8>) -> Bool {
        guard head.starts(with: Array("From ".utf8)), let newline = head.firstIndex(of: 0x0A) else { return false }
        return isMessage(head[(newline + 1)...])
    }

    static func isMessage(_ head: ArraySlice<UInt8>) -> Bool {
        guard looksLikeText(head) else { return false }
        var names: Set<String> = []
        var lineStart = head.startIndex
        while lineStart < head.endIndex {
            guard let newline = head[lineStart...].firstIndex(of: 0x0A) else { return false }
            var line = head[lineStart..<newline]
            if line.last == 0x0D { line = line.dropLast() }
            lineStart = newline + 1
            if line.isEmpty { break }  // end of the header block
            if line.first == 0x20 || line.first == 0x09 {
                if names.isEmpty { return false }
                continue
            }
            guard let colon = line.firstIndex(of: 0x3A), colon > line.startIndex else { return false }
            let name = line[..<colon]
            // RFC 5322 §3.6.8: printable US-ASCII except the colon.
            guard name.allSatisfy({ $0 >= 0x21 && $0 <= 0x7E }) else { return false }
            names.insert(String(decoding: name.map(HTMLSniffer.lowerByte), as: UTF8.self))
        }
        let matched = names.intersection(known)
        return matched.count >= 2 && !matched.isDisjoint(with: distinctive)
    }
}
