#include "CGMime.h"

#include <gmime/gmime.h>
#include <string.h>

struct ll_mime_message;
struct ll_mime_object;

struct ll_mbox {
    GMimeStream *stream;
    GMimeParser *parser;
    uint64_t length;
    gint64 pending_start;  // headers of the message parsed ahead, or -1
    gint64 pending_marker;
    int done;
};

static void initialize(void) {
    static gsize once = 0;
    if (g_once_init_enter(&once)) {
        g_mime_init();
        g_once_init_leave(&once, 1);
    }
}

char *ll_gmime_version(void) {
    return g_strdup_printf("%u.%u.%u", gmime_major_version, gmime_minor_version, gmime_micro_version);
}

static GMimeParser *parser_for(const uint8_t *data, uint64_t length, GMimeStream **stream) {
    initialize();
    // The bytes are borrowed for the parse only; GMime copies what the message keeps.
    GByteArray *array = g_byte_array_sized_new((guint)length);
    g_byte_array_append(array, data, (guint)length);
    *stream = g_mime_stream_mem_new_with_byte_array(array);
    return g_mime_parser_new_with_stream(*stream);
}

ll_mime_message *ll_mime_parse(const uint8_t *data, uint64_t length) {
    GMimeStream *stream = NULL;
    GMimeParser *parser = parser_for(data, length, &stream);
    GMimeMessage *message = g_mime_parser_construct_message(parser, NULL);
    g_object_unref(parser);
    g_object_unref(stream);
    return (ll_mime_message *)message;
}

void ll_mime_message_free(ll_mime_message *message) {
    if (message != NULL) g_object_unref((GMimeMessage *)message);
}

static int address_type(const char *name, GMimeAddressType *type) {
    static const struct { const char *name; GMimeAddressType type; } types[] = {
        {"from", GMIME_ADDRESS_TYPE_FROM}, {"to", GMIME_ADDRESS_TYPE_TO},
        {"cc", GMIME_ADDRESS_TYPE_CC}, {"bcc", GMIME_ADDRESS_TYPE_BCC},
        {"reply-to", GMIME_ADDRESS_TYPE_REPLY_TO}, {"sender", GMIME_ADDRESS_TYPE_SENDER},
    };
    for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
        if (g_ascii_strcasecmp(name, types[i].name) == 0) {
            *type = types[i].type;
            return 1;
        }
    }
    return 0;
}

char *ll_mime_header(ll_mime_message *opaque, const char *name) {
    GMimeMessage *message = (GMimeMessage *)opaque;
    GMimeAddressType type;
    if (address_type(name, &type)) {
        InternetAddressList *list = g_mime_message_get_addresses(message, type);
        if (list == NULL || internet_address_list_length(list) == 0) return NULL;
        return internet_address_list_to_string(list, NULL, FALSE);
    }
    if (g_ascii_strcasecmp(name, "subject") == 0) {
        const char *subject = g_mime_message_get_subject(message);
        return subject != NULL ? g_strdup(subject) : NULL;
    }
    const char *value = g_mime_object_get_header((GMimeObject *)message, name);
    return value != NULL ? g_strdup(value) : NULL;
}

ll_mime_object *ll_mime_body(ll_mime_message *message) {
    return (ll_mime_object *)g_mime_message_get_mime_part((GMimeMessage *)message);
}

int32_t ll_mime_kind(ll_mime_object *opaque) {
    GMimeObject *object = (GMimeObject *)opaque;
    if (GMIME_IS_MULTIPART(object)) return LL_MIME_MULTIPART;
    if (GMIME_IS_MESSAGE_PART(object)) return LL_MIME_MESSAGE;
    return LL_MIME_LEAF;
}

char *ll_mime_content_type(ll_mime_object *opaque) {
    GMimeContentType *type = g_mime_object_get_content_type((GMimeObject *)opaque);
    if (type == NULL) return g_strdup("text/plain");
    char *mime = g_mime_content_type_get_mime_type(type);
    char *lower = g_ascii_strdown(mime, -1);
    g_free(mime);
    return lower;
}

char *ll_mime_disposition(ll_mime_object *opaque) {
    const char *disposition = g_mime_object_get_disposition((GMimeObject *)opaque);
    return disposition != NULL ? g_ascii_strdown(disposition, -1) : NULL;
}

char *ll_mime_filename(ll_mime_object *opaque) {
    GMimeObject *object = (GMimeObject *)opaque;
    if (!GMIME_IS_PART(object)) {
        const char *name = g_mime_object_get_content_disposition_parameter(object, "filename");
        if (name == NULL) name = g_mime_object_get_content_type_parameter(object, "name");
        return name != NULL ? g_strdup(name) : NULL;
    }
    const char *name = g_mime_part_get_filename((GMimePart *)object);
    return name != NULL ? g_strdup(name) : NULL;
}

char *ll_mime_charset(ll_mime_object *opaque) {
    const char *charset = g_mime_object_get_content_type_parameter((GMimeObject *)opaque, "charset");
    return charset != NULL ? g_strdup(charset) : NULL;
}

int32_t ll_mime_child_count(ll_mime_object *opaque) {
    GMimeObject *object = (GMimeObject *)opaque;
    return GMIME_IS_MULTIPART(object) ? g_mime_multipart_get_count((GMimeMultipart *)object) : 0;
}

ll_mime_object *ll_mime_child(ll_mime_object *opaque, int32_t index) {
    return (ll_mime_object *)g_mime_multipart_get_part((GMimeMultipart *)opaque, index);
}

ll_mime_message *ll_mime_embedded(ll_mime_object *opaque) {
    GMimeObject *object = (GMimeObject *)opaque;
    if (!GMIME_IS_MESSAGE_PART(object)) return NULL;
    return (ll_mime_message *)g_mime_message_part_get_message((GMimeMessagePart *)object);
}

/// Moves the bytes of a memory stream out as a NUL-terminated buffer.
static uint8_t *take_bytes(GMimeStream *stream, uint64_t *length) {
    GByteArray *array = g_mime_stream_mem_get_byte_array((GMimeStreamMem *)stream);
    *length = array->len;
    uint8_t *bytes = g_malloc(array->len + 1);
    memcpy(bytes, array->data, array->len);
    bytes[array->len] = 0;
    g_object_unref(stream);
    return bytes;
}

uint8_t *ll_mime_content(ll_mime_object *opaque, uint64_t *length) {
    GMimeObject *object = (GMimeObject *)opaque;
    if (!GMIME_IS_PART(object)) return NULL;
    GMimeDataWrapper *content = g_mime_part_get_content((GMimePart *)object);
    if (content == NULL) return NULL;
    GMimeStream *stream = g_mime_stream_mem_new();
    g_mime_data_wrapper_write_to_stream(content, stream);
    return take_bytes(stream, length);
}

uint8_t *ll_mime_text(ll_mime_object *opaque, uint64_t *length) {
    GMimeObject *object = (GMimeObject *)opaque;
    if (!GMIME_IS_PART(object)) return NULL;
    GMimeDataWrapper *content = g_mime_part_get_content((GMimePart *)object);
    if (content == NULL) return NULL;
    GMimeStream *stream = g_mime_stream_mem_new();
    GMimeStream *filtered = g_mime_stream_filter_new(stream);
    const char *charset = g_mime_object_get_content_type_parameter(object, "charset");
    if (charset != NULL) {
        GMimeFilter *filter = g_mime_filter_charset_new(charset, "utf-8");
        if (filter != NULL) {  // NULL when iconv does not know the charset
            g_mime_stream_filter_add((GMimeStreamFilter *)filtered, filter);
            g_object_unref(filter);
        }
    }
    g_mime_data_wrapper_write_to_stream(content, filtered);
    g_mime_stream_flush(filtered);
    g_object_unref(filtered);
    return take_bytes(stream, length);
}

uint8_t *ll_mime_message_bytes(ll_mime_message *message, uint64_t *length) {
    GMimeStream *stream = g_mime_stream_mem_new();
    g_mime_object_write_to_stream((GMimeObject *)message, NULL, stream);
    return take_bytes(stream, length);
}

ll_mbox *ll_mbox_open(const uint8_t *data, uint64_t length) {
    ll_mbox *mbox = g_new0(ll_mbox, 1);
    mbox->parser = parser_for(data, length, &mbox->stream);
    g_mime_parser_set_format(mbox->parser, GMIME_FORMAT_MBOX);
    mbox->length = length;
    mbox->pending_start = -1;
    return mbox;
}

/// Parses the next message; its headers' offset and its "From " line's offset, or 0 at the end.
static int parse_next(ll_mbox *mbox, gint64 *start, gint64 *marker) {
    if (g_mime_parser_eos(mbox->parser)) return 0;
    GMimeMessage *message = g_mime_parser_construct_message(mbox->parser, NULL);
    if (message == NULL) return 0;
    *start = g_mime_parser_get_headers_begin(mbox->parser);
    *marker = g_mime_parser_get_mbox_marker_offset(mbox->parser);
    g_object_unref(message);
    return 1;
}

int32_t ll_mbox_next(ll_mbox *mbox, uint64_t *start, uint64_t *end) {
    if (mbox->done) return 0;
    gint64 first_start, first_marker;
    if (mbox->pending_start >= 0) {
        first_start = mbox->pending_start;
        first_marker = mbox->pending_marker;
    } else if (!parse_next(mbox, &first_start, &first_marker)) {
        mbox->done = 1;
        return 0;
    }
    (void)first_marker;
    gint64 next_start, next_marker;
    if (parse_next(mbox, &next_start, &next_marker)) {
        mbox->pending_start = next_start;
        mbox->pending_marker = next_marker;
        *end = (uint64_t)next_marker;
    } else {
        mbox->pending_start = -1;
        mbox->done = 1;
        *end = mbox->length;
    }
    *start = (uint64_t)first_start;
    return 1;
}

void ll_mbox_close(ll_mbox *mbox) {
    if (mbox == NULL) return;
    g_object_unref(mbox->parser);
    g_object_unref(mbox->stream);
    g_free(mbox);
}

void ll_mime_free(void *pointer) {
    g_free(pointer);
}
