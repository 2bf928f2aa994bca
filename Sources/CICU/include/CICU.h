#ifndef LEAKLEDGER_CICU_H
#define LEAKLEDGER_CICU_H

// The few ICU calls ContentHash makes, behind plain C types.
//
// ICU's own headers are not exposed to Swift: Foundation on Linux carries a copy of ICU
// (_FoundationICU) whose types (UErrorCode, UProperty...) have other definitions, and a Swift
// module that sees both fails to build. This header uses only <stdint.h> types and opaque
// structs; CICU.c includes ICU. ICU also renames every entry point with its version
// (uspoof_open -> uspoof_open_72), which these wrappers hide.

#include <stdint.h>

/// U_ZERO_ERROR and U_BUFFER_OVERFLOW_ERROR (checked against ICU's values in CICU.c).
#define LL_U_ZERO_ERROR 0
#define LL_U_BUFFER_OVERFLOW_ERROR 15

typedef struct ll_spoof_checker ll_spoof_checker;
typedef struct ll_normalizer ll_normalizer;

ll_spoof_checker *ll_uspoof_open(int32_t *status);
void ll_uspoof_close(ll_spoof_checker *checker);
int32_t ll_uspoof_getSkeleton(const ll_spoof_checker *checker, const uint16_t *id, int32_t length,
                              uint16_t *dest, int32_t capacity, int32_t *status);

int32_t ll_u_strFoldCase(uint16_t *dest, int32_t capacity, const uint16_t *src, int32_t length,
                         int32_t *status);

const ll_normalizer *ll_unorm2_getNFCInstance(int32_t *status);
const ll_normalizer *ll_unorm2_getNFDInstance(int32_t *status);
const ll_normalizer *ll_unorm2_getNFKCInstance(int32_t *status);
int32_t ll_unorm2_normalize(const ll_normalizer *normalizer, const uint16_t *src, int32_t length,
                            uint16_t *dest, int32_t capacity, int32_t *status);
int8_t ll_unorm2_hasBoundaryBefore(const ll_normalizer *normalizer, int32_t c);
int8_t ll_unorm2_isInert(const ll_normalizer *normalizer, int32_t c);
int8_t ll_unorm2_isNormalized(const ll_normalizer *normalizer, const uint16_t *src, int32_t length,
                              int32_t *status);

int32_t ll_u_charType(int32_t c);
int8_t ll_u_isUWhiteSpace(int32_t c);
int8_t ll_u_changesWhenCaseFolded(int32_t c);

/// Nonzero when `status` is an ICU failure (U_FAILURE).
int ll_u_failure(int32_t status);

#endif
