internal import CGMime

#if canImport(Glibc)
import Glibc
#endif
import Extraction

/// A message parsed by GMime. C types stay in this file.
final class MIMEMessage {
    fileprivate let message: OpaquePointer
    private let owned: Bool
    /// Keeps the message that owns an embedded one alive.
    private let parent: MIMEMessage?

    /// Parses one message; nil when GMime finds none.
    init?(bytes: [UInt8]) {
        guard let parsed = bytes.withUnsafeBufferPointer({ ll_mime_parse($0.baseAddress, UInt64($0.count)) }) else { return nil }
        message = parsed
        owned = true
        parent = nil
    }

    fileprivate init(borrowed: OpaquePointer, parent: MIMEMessage?) {
        message = borrowed
        owned = false
        self.parent = parent
    }

    deinit { if owned { ll_mime_message_free(message) } }

    static var libraryVersion: String { Self.take(ll_gmime_version()) ?? "" }

    /// A header as a reader sees it (addresses and subject decoded), nil when absent.
    func header(_ name: String) -> String? { Self.take(ll_mime_header(message, name)) }

    /// The root of the MIME tree.
    var body: MIMEPart? { ll_mime_body(message).map { MIMEPart(object: $0, owner: self) } }

    /// The message written out again, for a message attached to another.
    var bytes: [UInt8] {
        var length: UInt64 = 0
        guard let pointer = ll_mime_message_bytes(message, &length) else { return [] }
        defer { ll_mime_free(pointer) }
        return Array(UnsafeBufferPointer(start: pointer, count: Int(length)))
    }

    fileprivate static func take(_ pointer: UnsafeMutablePointer<CChar>?) -> String? {
        guard let pointer else { return nil }
        defer { ll_mime_free(pointer) }
        return String(decoding: UnsafeRawBufferPointer(start: pointer, count: strlen(pointer)), as: UTF8.self)
    }
}

/// A node of a message's MIME tree, kept valid by its message.
struct MIMEPart {
    enum Kind { case leaf, multipart, message }

    fileprivate let object: OpaquePointer
    let owner: MIMEMessage

    var kind: Kind {
        switch ll_mime_kind(object) {
        case LL_MIME_MULTIPART: .multipart
        case LL_MIME_MESSAGE: .message
        default: .leaf
        }
    }

    /// `text/plain`, lower case.
    var contentType: String { MIMEMessage.take(ll_mime_content_type(object)) ?? "text/plain" }
    /// `attachment`, `inline`, or nil.
    var disposition: String? { MIMEMessage.take(ll_mime_disposition(object)) }
    /// The decoded file name, if any.
    var filename: String? { MIMEMessage.take(ll_mime_filename(object)) }

    var children: [MIMEPart] {
        (0..<ll_mime_child_count(object)).compactMap { i in ll_mime_child(object, i).map { MIMEPart(object: $0, owner: owner) } }
    }

    /// The message inside a message/rfc822 part.
    var embeddedMessage: MIMEMessage? {
        ll_mime_embedded(object).map { MIMEMessage(borrowed: $0, parent: owner) }
    }

    /// The content with its transfer encoding undone.
    var content: [UInt8] { Self.take { ll_mime_content(object, &$0) } }

    /// A text part's content in UTF-8 (converted from its charset when iconv knows it).
    var text: [UInt8] { Self.take { ll_mime_text(object, &$0) } }

    private static func take(_ call: (inout UInt64) -> UnsafeMutablePointer<UInt8>?) -> [UInt8] {
        var length: UInt64 = 0
        guard let pointer = call(&length) else { return [] }
        defer { ll_mime_free(pointer) }
        return Array(UnsafeBufferPointer(start: pointer, count: Int(length)))
    }
}

/// The messages of an mbox, as byte ranges of the file (GMime's mbox parser finds the "From "
/// lines that separate them).
enum Mailbox {
    static func ranges(of bytes: [UInt8], each: (Range<Int>) throws(ExtractionFailure) -> Void) throws(ExtractionFailure) {
        guard let mbox = bytes.withUnsafeBufferPointer({ ll_mbox_open($0.baseAddress, UInt64($0.count)) }) else { return }
        defer { ll_mbox_close(mbox) }
        var start: UInt64 = 0, end: UInt64 = 0
        while ll_mbox_next(mbox, &start, &end) == 1 {
            let lower = Int(min(start, UInt64(bytes.count)))
            var upper = Int(min(end, UInt64(bytes.count)))
            // The blank line before the next "From " line separates messages; it is not theirs.
            if upper - lower >= 2, bytes[upper - 1] == 0x0A, bytes[upper - 2] == 0x0A {
                upper -= 1
            } else if upper - lower >= 4, bytes[(upper - 4)..<upper].elementsEqual([0x0D, 0x0A, 0x0D, 0x0A]) {
                upper -= 2
            }
            guard lower < upper else { continue }
            try each(lower..<upper)
        }
    }
}
