#include "CICU.h"

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/uspoof.h>
#include <unicode/ustring.h>

_Static_assert(U_ZERO_ERROR == LL_U_ZERO_ERROR, "U_ZERO_ERROR");
_Static_assert(U_BUFFER_OVERFLOW_ERROR == LL_U_BUFFER_OVERFLOW_ERROR, "U_BUFFER_OVERFLOW_ERROR");
_Static_assert(sizeof(UChar) == sizeof(uint16_t), "UChar is UTF-16");
_Static_assert(sizeof(UErrorCode) == sizeof(int32_t), "UErrorCode is 32 bits");

ll_spoof_checker *ll_uspoof_open(int32_t *status) {
    return (ll_spoof_checker *)uspoof_open((UErrorCode *)status);
}

void ll_uspoof_close(ll_spoof_checker *checker) {
    uspoof_close((USpoofChecker *)checker);
}

int32_t ll_uspoof_getSkeleton(const ll_spoof_checker *checker, const uint16_t *id, int32_t length,
                              uint16_t *dest, int32_t capacity, int32_t *status) {
    return uspoof_getSkeleton((const USpoofChecker *)checker, 0, (const UChar *)id, length,
                              (UChar *)dest, capacity, (UErrorCode *)status);
}

int32_t ll_u_strFoldCase(uint16_t *dest, int32_t capacity, const uint16_t *src, int32_t length,
                         int32_t *status) {
    return u_strFoldCase((UChar *)dest, capacity, (const UChar *)src, length, U_FOLD_CASE_DEFAULT,
                         (UErrorCode *)status);
}

const ll_normalizer *ll_unorm2_getNFCInstance(int32_t *status) {
    return (const ll_normalizer *)unorm2_getNFCInstance((UErrorCode *)status);
}

const ll_normalizer *ll_unorm2_getNFDInstance(int32_t *status) {
    return (const ll_normalizer *)unorm2_getNFDInstance((UErrorCode *)status);
}

const ll_normalizer *ll_unorm2_getNFKCInstance(int32_t *status) {
    return (const ll_normalizer *)unorm2_getNFKCInstance((UErrorCode *)status);
}

int32_t ll_unorm2_normalize(const ll_normalizer *normalizer, const uint16_t *src, int32_t length,
                            uint16_t *dest, int32_t capacity, int32_t *status) {
    return unorm2_normalize((const UNormalizer2 *)normalizer, (const UChar *)src, length,
                            (UChar *)dest, capacity, (UErrorCode *)status);
}

int8_t ll_unorm2_hasBoundaryBefore(const ll_normalizer *normalizer, int32_t c) {
    return unorm2_hasBoundaryBefore((const UNormalizer2 *)normalizer, c);
}

int8_t ll_unorm2_isInert(const ll_normalizer *normalizer, int32_t c) {
    return unorm2_isInert((const UNormalizer2 *)normalizer, c);
}

int8_t ll_unorm2_isNormalized(const ll_normalizer *normalizer, const uint16_t *src, int32_t length,
                              int32_t *status) {
    return unorm2_isNormalized((const UNormalizer2 *)normalizer, (const UChar *)src, length,
                               (UErrorCode *)status);
}

int32_t ll_u_charType(int32_t c) { return (int32_t)u_charType(c); }

int8_t ll_u_isUWhiteSpace(int32_t c) { return u_isUWhiteSpace(c); }

int8_t ll_u_changesWhenCaseFolded(int32_t c) {
    return u_hasBinaryProperty(c, UCHAR_CHANGES_WHEN_CASEFOLDED);
}

int ll_u_failure(int32_t status) { return U_FAILURE((UErrorCode)status); }
