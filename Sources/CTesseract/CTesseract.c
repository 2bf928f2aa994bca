#include "CTesseract.h"

#include <allheaders.h>
#include <stdlib.h>
#include <tesseract/capi.h>

struct ll_ocr {
    TessBaseAPI *api;
};

const char *ll_tesseract_version(void) {
    return TessVersion();
}

ll_ocr *ll_ocr_open(const char *languages) {
    setMsgSeverity(L_SEVERITY_NONE);
    TessBaseAPI *api = TessBaseAPICreate();
    if (api == NULL) return NULL;
    if (TessBaseAPIInit3(api, NULL, languages) != 0) {
        TessBaseAPIDelete(api);
        return NULL;
    }
    // The `tesseract` command's default; the library's own is PSM_SINGLE_BLOCK.
    TessBaseAPISetPageSegMode(api, PSM_AUTO);
    ll_ocr *ocr = malloc(sizeof(ll_ocr));
    if (ocr == NULL) {
        TessBaseAPIEnd(api);
        TessBaseAPIDelete(api);
        return NULL;
    }
    ocr->api = api;
    return ocr;
}

void ll_ocr_close(ll_ocr *ocr) {
    if (ocr == NULL) return;
    TessBaseAPIEnd(ocr->api);
    TessBaseAPIDelete(ocr->api);
    free(ocr);
}

/// Text and word confidences of the image set on the engine.
static char *recognize(ll_ocr *ocr, int64_t *confidence_sum, int32_t *words) {
    char *text = TessBaseAPIGetUTF8Text(ocr->api);
    if (text == NULL) return NULL;
    int *confidences = TessBaseAPIAllWordConfidences(ocr->api);
    if (confidences != NULL) {
        for (int *c = confidences; *c >= 0; c++) {
            *confidence_sum += *c;
            *words += 1;
        }
        TessDeleteIntArray(confidences);
    }
    TessBaseAPIClear(ocr->api);
    return text;
}

char *ll_ocr_gray(ll_ocr *ocr, const uint8_t *pixels, int32_t width, int32_t height, int32_t ppi,
                  int64_t *confidence_sum, int32_t *words) {
    TessBaseAPISetImage(ocr->api, pixels, width, height, 1, width);
    TessBaseAPISetSourceResolution(ocr->api, ppi);
    return recognize(ocr, confidence_sum, words);
}

int32_t ll_image_size(const uint8_t *data, uint64_t length, int32_t *width, int32_t *height) {
    l_int32 format = 0, w = 0, h = 0, bps = 0, spp = 0, colormap = 0;
    if (pixReadHeaderMem(data, (size_t)length, &format, &w, &h, &bps, &spp, &colormap) != 0) return -1;
    *width = w;
    *height = h;
    return 0;
}

char *ll_ocr_image(ll_ocr *ocr, const uint8_t *data, uint64_t length, int32_t page, int32_t is_tiff,
                   int64_t *confidence_sum, int32_t *words, int32_t *status) {
    PIX *pix = NULL;
    if (is_tiff) {
        pix = pixReadMemTiff(data, (size_t)length, page);
        if (pix == NULL) {
            *status = page > 0 ? 1 : -1;
            return NULL;
        }
    } else if (page > 0) {
        *status = 1;
        return NULL;
    } else {
        pix = pixReadMem(data, (size_t)length);
        if (pix == NULL) {
            *status = -1;
            return NULL;
        }
    }
    TessBaseAPISetImage2(ocr->api, pix);
    char *text = recognize(ocr, confidence_sum, words);
    pixDestroy(&pix);
    *status = text != NULL ? 0 : -1;
    return text;
}

void ll_ocr_free(char *text) {
    TessDeleteText(text);
}
