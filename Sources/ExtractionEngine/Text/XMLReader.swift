internal import CXML
import Extraction

/// libxml2's pull reader over an XML part or a parsed HTML page. C types stay in this file.
final class XMLReader {
    enum Node: Equatable {
        case element, endElement, text, other
    }

    private let reader: OpaquePointer

    /// A reader over an XML document; nil when it cannot be started.
    init?(xml bytes: [UInt8]) {
        guard let reader = bytes.withUnsafeBufferPointer({ ll_xml_open($0.baseAddress, UInt64($0.count)) }) else { return nil }
        self.reader = reader
    }

    /// A reader over an HTML page (libxml2's HTML parser, recovering from errors); `encoding`
    /// overrides the page's own declaration.
    init?(html bytes: [UInt8], encoding: String?) {
        let opened = bytes.withUnsafeBufferPointer { buffer in
            if let encoding { return ll_html_open(buffer.baseAddress, UInt64(buffer.count), encoding) }
            return ll_html_open(buffer.baseAddress, UInt64(buffer.count), nil)
        }
        guard let opened else { return nil }
        reader = opened
    }

    deinit { ll_xml_close(reader) }

    static var libraryVersion: String { String(cString: ll_libxml2_version()) }

    /// Moves to the next node; false at the end.
    func read() throws(ExtractionFailure) -> Bool { try check(ll_xml_read(reader)) }

    /// Moves past the current element and everything inside it; false at the end.
    func skip() throws(ExtractionFailure) -> Bool { try check(ll_xml_skip(reader)) }

    private func check(_ result: Int32) throws(ExtractionFailure) -> Bool {
        if result < 0 { throw ExtractionFailure(.damaged, "malformed XML") }
        return result == 1
    }

    var node: Node {
        switch ll_xml_node_type(reader) {
        case LL_XML_ELEMENT: .element
        case LL_XML_END_ELEMENT: .endElement
        case LL_XML_TEXT, LL_XML_CDATA, LL_XML_WHITESPACE, LL_XML_SIGNIFICANT_WHITESPACE: .text
        default: .other
        }
    }

    var isEmptyElement: Bool { ll_xml_is_empty(reader) != 0 }
    var localName: String { ll_xml_local_name(reader).map { String(cString: $0) } ?? "" }
    var namespace: String? { ll_xml_namespace(reader).map { String(cString: $0) } }
    var value: String { ll_xml_value(reader).map { String(cString: $0) } ?? "" }

    func attribute(_ name: String, namespace: String? = nil) -> String? {
        guard let value = ll_xml_attribute(reader, name, namespace) else { return nil }
        defer { ll_xml_free(value) }
        return String(cString: value)
    }
}
