#include "CPoppler.h"

#include <cairo.h>
#include <math.h>
#include <poppler.h>
#include <stdlib.h>
#include <string.h>

_Static_assert(POPPLER_ERROR_ENCRYPTED != POPPLER_ERROR_INVALID, "PopplerError");

struct ll_pdf {
    PopplerDocument *document;
};

const char *ll_poppler_version(void) {
    return poppler_get_version();
}

static ll_pdf *wrap(PopplerDocument *document, GError *failure, int32_t *error, char **message) {
    if (document == NULL) {
        *error = (failure != NULL && failure->domain == POPPLER_ERROR && failure->code == POPPLER_ERROR_ENCRYPTED)
                     ? LL_PDF_ENCRYPTED
                     : LL_PDF_DAMAGED;
        *message = g_strdup(failure != NULL ? failure->message : "cannot be read");
        if (failure != NULL) g_error_free(failure);
        return NULL;
    }
    ll_pdf *pdf = malloc(sizeof(ll_pdf));
    if (pdf == NULL) {
        g_object_unref(document);
        *error = LL_PDF_DAMAGED;
        *message = g_strdup("out of memory");
        return NULL;
    }
    pdf->document = document;
    *error = LL_PDF_OK;
    *message = NULL;
    return pdf;
}

ll_pdf *ll_pdf_open_bytes(const uint8_t *data, uint64_t length, int32_t *error, char **message) {
    GBytes *bytes = g_bytes_new(data, length);
    GError *failure = NULL;
    PopplerDocument *document = poppler_document_new_from_bytes(bytes, NULL, &failure);
    g_bytes_unref(bytes);
    return wrap(document, failure, error, message);
}

ll_pdf *ll_pdf_open_fd(int32_t fd, int32_t *error, char **message) {
    GError *failure = NULL;
    PopplerDocument *document = poppler_document_new_from_fd(fd, NULL, &failure);
    return wrap(document, failure, error, message);
}

void ll_pdf_close(ll_pdf *pdf) {
    if (pdf == NULL) return;
    g_object_unref(pdf->document);
    free(pdf);
}

int32_t ll_pdf_page_count(ll_pdf *pdf) {
    return poppler_document_get_n_pages(pdf->document);
}

char *ll_pdf_page_text(ll_pdf *pdf, int32_t index) {
    PopplerPage *page = poppler_document_get_page(pdf->document, index);
    if (page == NULL) return NULL;
    char *text = poppler_page_get_text(page);
    g_object_unref(page);
    return text;
}

double ll_pdf_page_image_coverage(ll_pdf *pdf, int32_t index) {
    PopplerPage *page = poppler_document_get_page(pdf->document, index);
    if (page == NULL) return 0;
    double width = 0, height = 0;
    poppler_page_get_size(page, &width, &height);
    double covered = 0;
    GList *mapping = poppler_page_get_image_mapping(page);
    for (GList *item = mapping; item != NULL; item = item->next) {
        PopplerImageMapping *image = item->data;
        double x1 = fmax(0, fmin(image->area.x1, image->area.x2)), x2 = fmin(width, fmax(image->area.x1, image->area.x2));
        double y1 = fmax(0, fmin(image->area.y1, image->area.y2)), y2 = fmin(height, fmax(image->area.y1, image->area.y2));
        if (x2 > x1 && y2 > y1) covered += (x2 - x1) * (y2 - y1);
    }
    poppler_page_free_image_mapping(mapping);
    g_object_unref(page);
    if (width <= 0 || height <= 0) return 0;
    return fmin(1.0, covered / (width * height));
}

uint8_t *ll_pdf_render_gray(ll_pdf *pdf, int32_t index, double dpi, int64_t max_pixels,
                            int32_t *width, int32_t *height, double *used_dpi) {
    PopplerPage *page = poppler_document_get_page(pdf->document, index);
    if (page == NULL) return NULL;
    double points_w = 0, points_h = 0;
    poppler_page_get_size(page, &points_w, &points_h);
    if (!(points_w > 0 && points_h > 0)) {
        g_object_unref(page);
        return NULL;
    }
    double scale = dpi / 72.0;
    double pixels = points_w * scale * points_h * scale;
    if (pixels > (double)max_pixels) scale *= sqrt((double)max_pixels / pixels);
    int w = (int)ceil(points_w * scale), h = (int)ceil(points_h * scale);
    if (w < 1 || h < 1) {
        g_object_unref(page);
        return NULL;
    }
    cairo_surface_t *surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
    if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(surface);
        g_object_unref(page);
        return NULL;
    }
    cairo_t *cr = cairo_create(surface);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_scale(cr, scale, scale);
    poppler_page_render(page, cr);
    cairo_destroy(cr);
    g_object_unref(page);
    cairo_surface_flush(surface);

    uint8_t *gray = g_try_malloc((size_t)w * (size_t)h);
    if (gray == NULL) {
        cairo_surface_destroy(surface);
        return NULL;
    }
    const uint8_t *rgb = cairo_image_surface_get_data(surface);
    int stride = cairo_image_surface_get_stride(surface);
    for (int y = 0; y < h; y++) {
        const uint32_t *row = (const uint32_t *)(rgb + (size_t)y * (size_t)stride);
        for (int x = 0; x < w; x++) {
            uint32_t p = row[x];  // 0x00RRGGBB in native byte order
            uint32_t r = (p >> 16) & 0xFF, g = (p >> 8) & 0xFF, b = p & 0xFF;
            gray[(size_t)y * (size_t)w + (size_t)x] = (uint8_t)((r * 77 + g * 150 + b * 29) >> 8);
        }
    }
    cairo_surface_destroy(surface);
    *width = w;
    *height = h;
    *used_dpi = scale * 72.0;
    return gray;
}

void ll_pdf_free(void *pointer) {
    g_free(pointer);
}
