#ifndef LEAKLEDGER_CPOPPLER_H
#define LEAKLEDGER_CPOPPLER_H

// The few poppler-glib and cairo calls that PDF extraction makes, behind plain C types, so
// that neither GLib's nor poppler's headers meet Foundation's in a Swift module.

#include <stdint.h>

/// How opening a document failed (checked against poppler's PopplerError in CPoppler.c).
#define LL_PDF_OK 0
#define LL_PDF_ENCRYPTED 1
#define LL_PDF_DAMAGED 2

typedef struct ll_pdf ll_pdf;

/// The poppler version this process runs with, e.g. "22.12.0" (static storage).
const char *ll_poppler_version(void);

/// Opens a PDF from memory (the bytes are copied). NULL on failure, with `error` set and
/// `message` a string to release with `ll_pdf_free`.
ll_pdf *ll_pdf_open_bytes(const uint8_t *data, uint64_t length, int32_t *error, char **message);

/// Opens a PDF from a readable, seekable descriptor, which poppler then owns and closes.
ll_pdf *ll_pdf_open_fd(int32_t fd, int32_t *error, char **message);

void ll_pdf_close(ll_pdf *pdf);

int32_t ll_pdf_page_count(ll_pdf *pdf);

/// The text of a page (0-based) in reading order, UTF-8; release with `ll_pdf_free`.
/// NULL when the page cannot be read.
char *ll_pdf_page_text(ll_pdf *pdf, int32_t index);

/// The share of the page's area (0...1) covered by images.
double ll_pdf_page_image_coverage(ll_pdf *pdf, int32_t index);

/// Renders a page in 8-bit gray at `dpi`, scaled down so that width × height stays within
/// `max_pixels`; rows are `width` bytes. Release with `ll_pdf_free`. NULL on failure.
uint8_t *ll_pdf_render_gray(ll_pdf *pdf, int32_t index, double dpi, int64_t max_pixels,
                            int32_t *width, int32_t *height, double *used_dpi);

void ll_pdf_free(void *pointer);

#endif
