#ifndef LEAKLEDGER_CICU_SHIM_H
#define LEAKLEDGER_CICU_SHIM_H

// ICU renames every entry point with its version (uspoof_open -> uspoof_open_72) through
// macros that Swift cannot import; these inline wrappers give Swift stable names.
#include <unicode/uspoof.h>
#include <unicode/ustring.h>
#include <unicode/unorm2.h>
#include <unicode/uchar.h>

static inline USpoofChecker *ll_uspoof_open(UErrorCode *status) {
    return uspoof_open(status);
}

static inline void ll_uspoof_close(USpoofChecker *checker) {
    uspoof_close(checker);
}

static inline int32_t ll_uspoof_getSkeleton(const USpoofChecker *checker, const UChar *id,
                                            int32_t length, UChar *dest, int32_t capacity,
                                            UErrorCode *status) {
    return uspoof_getSkeleton(checker, 0, id, length, dest, capacity, status);
}

static inline int32_t ll_u_strFoldCase(UChar *dest, int32_t capacity, const UChar *src,
                                       int32_t length, UErrorCode *status) {
    return u_strFoldCase(dest, capacity, src, length, U_FOLD_CASE_DEFAULT, status);
}

static inline const UNormalizer2 *ll_unorm2_getNFKCInstance(UErrorCode *status) {
    return unorm2_getNFKCInstance(status);
}

static inline const UNormalizer2 *ll_unorm2_getNFCInstance(UErrorCode *status) {
    return unorm2_getNFCInstance(status);
}

static inline int32_t ll_unorm2_normalize(const UNormalizer2 *norm, const UChar *src,
                                          int32_t length, UChar *dest, int32_t capacity,
                                          UErrorCode *status) {
    return unorm2_normalize(norm, src, length, dest, capacity, status);
}

static inline const UNormalizer2 *ll_unorm2_getNFDInstance(UErrorCode *status) {
    return unorm2_getNFDInstance(status);
}

static inline UBool ll_unorm2_hasBoundaryBefore(const UNormalizer2 *norm, UChar32 c) {
    return unorm2_hasBoundaryBefore(norm, c);
}

static inline UBool ll_unorm2_isInert(const UNormalizer2 *norm, UChar32 c) {
    return unorm2_isInert(norm, c);
}

static inline UBool ll_unorm2_isNormalized(const UNormalizer2 *norm, const UChar *src,
                                           int32_t length, UErrorCode *status) {
    return unorm2_isNormalized(norm, src, length, status);
}

static inline int32_t ll_u_charType(UChar32 c) { return (int32_t)u_charType(c); }

static inline UBool ll_u_isUWhiteSpace(UChar32 c) { return u_isUWhiteSpace(c); }

static inline UBool ll_u_changesWhenCaseFolded(UChar32 c) {
    return u_hasBinaryProperty(c, UCHAR_CHANGES_WHEN_CASEFOLDED);
}

static inline int ll_u_failure(UErrorCode code) { return U_FAILURE(code); }

#endif
