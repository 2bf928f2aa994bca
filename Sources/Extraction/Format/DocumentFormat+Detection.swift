#if canImport(Glibc)
import Glibc
#endif

extension DocumentFormat {
    /// How many bytes at each end of a file detection reads: the magic numbers are at the
    /// start, a ZIP archive's directory (which names a DOCX's parts) at the end.
    public static let detectionWindow = 64 * 1024

    /// The format of a file by its content (magic bytes, a ZIP's part names, an e-mail's
    /// header block), the file name's extension deciding only between text formats (HTML,
    /// e-mail, mbox). Nil for plain text and for formats without an extractor: decode those
    /// with ContentHash's `TextDocument.decode`.
    public static func detect(bytes: [UInt8], name: String? = nil) -> DocumentFormat? {
        let window = detectionWindow
        let tail = bytes.count > window ? bytes[(bytes.count - window)...] : bytes[...]
        return detect(head: bytes.prefix(window), tail: tail, name: name)
    }

    /// The format of the file at `path` (see ``detect(bytes:name:)``), reading only its two
    /// ends; nil when it cannot be read.
    public static func detect(fileAt path: String) -> DocumentFormat? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return nil }
        let size = Int(info.st_size)
        let window = detectionWindow
        func read(at offset: Int, count: Int) -> [UInt8] {
            var buffer = [UInt8](repeating: 0, count: count)
            var done = 0
            while done < count {
                let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + done, count - done, off_t(offset + done)) }
                if n <= 0 { break }
                done += n
            }
            return Array(buffer.prefix(done))
        }
        let head = read(at: 0, count: min(size, window))
        let tail = size > window ? read(at: size - window, count: window) : head
        let name = path.split(separator: "/").last.map(String.init)
        return detect(head: head[...], tail: tail[...], name: name)
    }

    static func detect(head: ArraySlice<UInt8>, tail: ArraySlice<UInt8>, name: String?) -> DocumentFormat? {
        // A PDF header may follow up to 1 KiB of junk (readers accept it there).
        if head.prefix(1024).firstRange(of: Array("%PDF-".utf8)) != nil { return .pdf }
        if head.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if head.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
        if head.starts(with: [0x49, 0x49, 0x2A, 0x00]) || head.starts(with: [0x4D, 0x4D, 0x00, 0x2A]) { return .tiff }
        if head.starts(with: [0x50, 0x4B, 0x03, 0x04]) { return zipFormat(head: head, tail: tail) }
        let ext = name.flatMap(Self.fileExtension)
        if MailSniffer.isMbox(head) { return .mbox }
        if MailSniffer.isMessage(head) { return .email }
        if HTMLSniffer.isHTML(head) { return .html }
        guard MailSniffer.looksLikeText(head) else { return nil }
        switch ext {
        case "html", "htm", "xhtml": return .html
        case "eml": return .email
        case "mbox", "mbx": return .mbox
        default: return nil
        }
    }

    /// ODF puts an uncompressed `mimetype` part first (ODF 1.2 part 3, §3.3); Office Open XML
    /// names its main part `word/document.xml` in the central directory at the end.
    private static func zipFormat(head: ArraySlice<UInt8>, tail: ArraySlice<UInt8>) -> DocumentFormat? {
        if head.prefix(200).firstRange(of: Array("application/vnd.oasis.opendocument.text".utf8)) != nil,
           head.prefix(200).firstRange(of: Array("application/vnd.oasis.opendocument.text-".utf8)) == nil {
            return .odt
        }
        if tail.firstRange(of: Array("word/document.xml".utf8)) != nil { return .docx }
        if head.firstRange(of: Array("word/document.xml".utf8)) != nil { return .docx }
        return nil
    }

    private static func fileExtension(_ name: String) -> String? {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return nil }
        return name[name.index(after: dot)...].lowercased()
    }
}
