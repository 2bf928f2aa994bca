#include "CXML.h"

#include <libxml/HTMLparser.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlversion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

_Static_assert(XML_READER_TYPE_ELEMENT == LL_XML_ELEMENT, "element");
_Static_assert(XML_READER_TYPE_TEXT == LL_XML_TEXT, "text");
_Static_assert(XML_READER_TYPE_CDATA == LL_XML_CDATA, "cdata");
_Static_assert(XML_READER_TYPE_ENTITY_REFERENCE == LL_XML_ENTITY_REFERENCE, "entity reference");
_Static_assert(XML_READER_TYPE_WHITESPACE == LL_XML_WHITESPACE, "white space");
_Static_assert(XML_READER_TYPE_SIGNIFICANT_WHITESPACE == LL_XML_SIGNIFICANT_WHITESPACE, "significant white space");
_Static_assert(XML_READER_TYPE_END_ELEMENT == LL_XML_END_ELEMENT, "end element");

struct ll_xml {
    xmlTextReaderPtr reader;
    xmlDocPtr document;  // the HTML tree the reader walks; NULL for XML
    char *buffer;        // the XML bytes the reader parses
};

const char *ll_libxml2_version(void) {
    static char version[16];
    static int done = 0;
    if (!done) {
        int v = atoi(xmlParserVersion);
        snprintf(version, sizeof(version), "%d.%d.%d", v / 10000, (v / 100) % 100, v % 100);
        done = 1;
    }
    return version;
}

/// Parse errors are answered by return values; libxml2's default handler would print them.
static void quiet(void *context, const char *message, ...) {
    (void)context;
    (void)message;
}

static void silence(void) {
    xmlSetGenericErrorFunc(NULL, quiet);
}

ll_xml *ll_xml_open(const uint8_t *data, uint64_t length) {
    silence();
    ll_xml *xml = calloc(1, sizeof(ll_xml));
    if (xml == NULL) return NULL;
    xml->buffer = malloc(length + 1);
    if (xml->buffer == NULL) {
        free(xml);
        return NULL;
    }
    memcpy(xml->buffer, data, length);
    // No XML_PARSE_NOENT (entities are not substituted), no DTD loading, no network.
    xml->reader = xmlReaderForMemory(xml->buffer, (int)length, NULL, NULL,
                                     XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_COMPACT);
    if (xml->reader == NULL) {
        free(xml->buffer);
        free(xml);
        return NULL;
    }
    return xml;
}

ll_xml *ll_html_open(const uint8_t *data, uint64_t length, const char *encoding) {
    silence();
    int options = HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_COMPACT;
    if (encoding != NULL) options |= HTML_PARSE_IGNORE_ENC;
    htmlDocPtr document = htmlReadMemory((const char *)data, (int)length, NULL, encoding, options);
    if (document == NULL) return NULL;
    ll_xml *xml = calloc(1, sizeof(ll_xml));
    if (xml == NULL) {
        xmlFreeDoc(document);
        return NULL;
    }
    xml->document = document;
    xml->reader = xmlReaderWalker(document);
    if (xml->reader == NULL) {
        xmlFreeDoc(document);
        free(xml);
        return NULL;
    }
    return xml;
}

void ll_xml_close(ll_xml *xml) {
    if (xml == NULL) return;
    xmlFreeTextReader(xml->reader);
    if (xml->document != NULL) xmlFreeDoc(xml->document);
    free(xml->buffer);
    free(xml);
}

int32_t ll_xml_read(ll_xml *xml) { return xmlTextReaderRead(xml->reader); }
int32_t ll_xml_skip(ll_xml *xml) { return xmlTextReaderNext(xml->reader); }
int32_t ll_xml_node_type(ll_xml *xml) { return xmlTextReaderNodeType(xml->reader); }
int32_t ll_xml_is_empty(ll_xml *xml) { return xmlTextReaderIsEmptyElement(xml->reader); }

const char *ll_xml_local_name(ll_xml *xml) {
    return (const char *)xmlTextReaderConstLocalName(xml->reader);
}

const char *ll_xml_namespace(ll_xml *xml) {
    return (const char *)xmlTextReaderConstNamespaceUri(xml->reader);
}

const char *ll_xml_value(ll_xml *xml) {
    return (const char *)xmlTextReaderConstValue(xml->reader);
}

char *ll_xml_attribute(ll_xml *xml, const char *name, const char *namespace_uri) {
    xmlChar *value = namespace_uri != NULL
                         ? xmlTextReaderGetAttributeNs(xml->reader, (const xmlChar *)name, (const xmlChar *)namespace_uri)
                         : xmlTextReaderGetAttribute(xml->reader, (const xmlChar *)name);
    return (char *)value;
}

void ll_xml_free(char *text) {
    xmlFree(text);
}
