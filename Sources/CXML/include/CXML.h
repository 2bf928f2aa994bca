#ifndef LEAKLEDGER_CXML_H
#define LEAKLEDGER_CXML_H

// libxml2's pull reader over an XML document (DOCX, ODT parts) or over the tree its HTML parser
// builds, behind plain C types. No network, no external entities, no DTD loading.

#include <stdint.h>

/// Node types, as libxml2's xmlReaderTypes (checked in CXML.c).
#define LL_XML_ELEMENT 1
#define LL_XML_TEXT 3
#define LL_XML_CDATA 4
#define LL_XML_ENTITY_REFERENCE 5
#define LL_XML_WHITESPACE 13
#define LL_XML_SIGNIFICANT_WHITESPACE 14
#define LL_XML_END_ELEMENT 15

typedef struct ll_xml ll_xml;

/// The libxml2 version this process runs with, e.g. "2.9.14"; static storage.
const char *ll_libxml2_version(void);

/// A reader over an XML document in memory (copied). NULL when it cannot be started.
ll_xml *ll_xml_open(const uint8_t *data, uint64_t length);

/// A reader over an HTML document parsed by libxml2's HTML parser (recovering from errors).
/// `encoding` ("UTF-8"...) overrides what the document declares; NULL lets the parser decide.
ll_xml *ll_html_open(const uint8_t *data, uint64_t length, const char *encoding);

void ll_xml_close(ll_xml *reader);

/// Moves to the next node: 1, 0 at the end, -1 on a parse error.
int32_t ll_xml_read(ll_xml *reader);
/// Moves past the current element's subtree: 1, 0 at the end, -1 on error.
int32_t ll_xml_skip(ll_xml *reader);

int32_t ll_xml_node_type(ll_xml *reader);
/// Nonzero for an element written as <empty/> (no end-element node follows).
int32_t ll_xml_is_empty(ll_xml *reader);
/// Local name, lower case for HTML; owned by the reader until the next move.
const char *ll_xml_local_name(ll_xml *reader);
/// Namespace URI, or NULL; owned by the reader until the next move.
const char *ll_xml_namespace(ll_xml *reader);
/// Text of a text, CDATA or white-space node; owned by the reader until the next move.
const char *ll_xml_value(ll_xml *reader);
/// An attribute by local name and namespace (NULL for none); release with `ll_xml_free`.
char *ll_xml_attribute(ll_xml *reader, const char *name, const char *namespace_uri);

void ll_xml_free(char *text);

#endif
