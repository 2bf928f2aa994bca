#ifndef LEAKLEDGER_CGMIME_H
#define LEAKLEDGER_CGMIME_H

// The few GMime calls that e-mail extraction makes, behind plain C types: parse a message or
// split an mbox, read headers as a reader sees them, walk the MIME tree, decode a part.

#include <stdint.h>

/// What a node of the MIME tree is.
#define LL_MIME_LEAF 0
#define LL_MIME_MULTIPART 1
#define LL_MIME_MESSAGE 2

typedef struct ll_mime_message ll_mime_message;
typedef struct ll_mime_object ll_mime_object;
typedef struct ll_mbox ll_mbox;

/// "3.2.13": the GMime version this process runs with; release with `ll_mime_free`.
char *ll_gmime_version(void);

/// Parses one message (RFC 5322 / MIME); NULL when no message can be read.
ll_mime_message *ll_mime_parse(const uint8_t *data, uint64_t length);
void ll_mime_message_free(ll_mime_message *message);

/// A header as a reader sees it: address headers (From, To, Cc, Bcc, Reply-To, Sender) as
/// decoded lists, Subject decoded, others as written. NULL when absent. Release with `ll_mime_free`.
char *ll_mime_header(ll_mime_message *message, const char *name);

/// The message's body: the root of its MIME tree (borrowed from the message), or NULL.
ll_mime_object *ll_mime_body(ll_mime_message *message);

/// LL_MIME_LEAF, LL_MIME_MULTIPART or LL_MIME_MESSAGE.
int32_t ll_mime_kind(ll_mime_object *object);
/// "text/plain", lower case; release with `ll_mime_free`.
char *ll_mime_content_type(ll_mime_object *object);
/// "attachment", "inline", or NULL when absent; release with `ll_mime_free`.
char *ll_mime_disposition(ll_mime_object *object);
/// The decoded file name (Content-Disposition filename, else Content-Type name), or NULL.
char *ll_mime_filename(ll_mime_object *object);
/// The charset parameter, or NULL; release with `ll_mime_free`.
char *ll_mime_charset(ll_mime_object *object);

int32_t ll_mime_child_count(ll_mime_object *object);
/// A child of a multipart (borrowed).
ll_mime_object *ll_mime_child(ll_mime_object *object, int32_t index);
/// The message inside a message/rfc822 part (borrowed), or NULL.
ll_mime_message *ll_mime_embedded(ll_mime_object *object);

/// A leaf's content with its transfer encoding (base64, quoted-printable, uuencode) undone;
/// release with `ll_mime_free`. NULL when it has none.
uint8_t *ll_mime_content(ll_mime_object *object, uint64_t *length);

/// A text leaf's content decoded and converted from its charset to UTF-8 (when the charset is
/// known to iconv; otherwise the decoded bytes). Release with `ll_mime_free`.
uint8_t *ll_mime_text(ll_mime_object *object, uint64_t *length);

/// A message written out again in MIME form (for a message attached to another).
uint8_t *ll_mime_message_bytes(ll_mime_message *message, uint64_t *length);

/// Splits an mbox: each call gives the next message's byte range [start, end) (its headers to
/// just before the next "From " line). Returns 1 for a message, 0 at the end.
ll_mbox *ll_mbox_open(const uint8_t *data, uint64_t length);
int32_t ll_mbox_next(ll_mbox *mbox, uint64_t *start, uint64_t *end);
void ll_mbox_close(ll_mbox *mbox);

void ll_mime_free(void *pointer);

#endif
