#ifndef LEAKLEDGER_CTESSERACT_H
#define LEAKLEDGER_CTESSERACT_H

// The few Tesseract (C API) and Leptonica calls that OCR makes, behind plain C types.

#include <stdint.h>

typedef struct ll_ocr ll_ocr;

/// The Tesseract version this process runs with, e.g. "5.3.0" (static storage).
const char *ll_tesseract_version(void);

/// An OCR engine for `languages` ("eng", "eng+spa") from the installed language data;
/// NULL when a language's data is not installed.
ll_ocr *ll_ocr_open(const char *languages);

void ll_ocr_close(ll_ocr *ocr);

/// Recognises an 8-bit gray image (rows of `width` bytes) scanned at `ppi`. Returns the text
/// (UTF-8; release with `ll_ocr_free`) and adds each word's confidence (0...100) to
/// `confidence_sum` and the number of words to `words`. NULL on failure.
char *ll_ocr_gray(ll_ocr *ocr, const uint8_t *pixels, int32_t width, int32_t height, int32_t ppi,
                  int64_t *confidence_sum, int32_t *words);

/// Reads the header of an image file (PNG, JPEG, TIFF...): 0 and its size, or -1.
int32_t ll_image_size(const uint8_t *data, uint64_t length, int32_t *width, int32_t *height);

/// Recognises image `page` (0-based; TIFF files have several) of an image file, as the
/// `tesseract` command does. Sets `status` to 0, to 1 past the last page, or to -1 when the
/// image cannot be read.
char *ll_ocr_image(ll_ocr *ocr, const uint8_t *data, uint64_t length, int32_t page, int32_t is_tiff,
                   int64_t *confidence_sum, int32_t *words, int32_t *status);

void ll_ocr_free(char *text);

#endif
