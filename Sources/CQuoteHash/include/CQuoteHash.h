#ifndef LEAKLEDGER_CQUOTEHASH_H
#define LEAKLEDGER_CQUOTEHASH_H

// The hot loop of quote commitments (spec/quote-proof.md, section 1) behind plain C types:
// for every word, its salt (HMAC-SHA256 under the document's secret), its leaf hash, and the
// RFC 9162 tree over the leaves. Hundreds of thousands of words per text, three to five
// SHA-256 blocks each: through EVP every hash pays a provider dispatch that costs more than
// the hashing, so this file uses OpenSSL's SHA-256 directly, on stack contexts, with the HMAC
// pads of the secret computed once (RFC 2104). Checked in the tests against EVP_MAC's HMAC,
// EVP's SHA-256 and an independent Python implementation.

#include <stdint.h>

/// The keyed state of one document's salts: the SHA-256 states after the inner and outer
/// HMAC pads (opaque bytes, large enough for OpenSSL's SHA256_CTX; checked in CQuoteHash.c).
typedef struct ll_quote_key {
    uint8_t inner[128];
    uint8_t outer[128];
} ll_quote_key;

/// Prepares the salt key of a 32-byte secret.
void ll_quote_key_init(ll_quote_key *key, const uint8_t secret[32]);

/// salt_i = HMAC-SHA256(secret, "leakledger/quote-salt/v1" || uint64_be(i)).
void ll_quote_salt(const ll_quote_key *key, uint64_t index, uint8_t out[32]);

/// The leaf hashes of `count` words numbered from `first_index`: word k is
/// bytes[ends[k-1] ..< ends[k]] (ends[-1] = 0); leaf k goes to leaves[32k ..< 32k+32].
void ll_quote_leaves(const ll_quote_key *key, uint64_t first_index, const uint8_t *bytes,
                     const uint64_t *ends, uint64_t count, uint8_t *leaves);

/// SHA-256(0x01 || left || right) into out (which may be left).
void ll_quote_node(const uint8_t left[32], const uint8_t right[32], uint8_t out[32]);

/// MTH over n >= 1 hashes, reduced in place level by level (neighbours paired, an odd last
/// one carried up): the root ends in hashes[0 ..< 32].
void ll_quote_reduce(uint8_t *hashes, uint64_t n);

/// The open perfect subtrees of a tree built leaf by leaf (at most 64; sizes decreasing).
typedef struct ll_quote_stack {
    uint8_t hashes[64 * 32];
    uint64_t sizes[64];
    uint64_t depth;
    uint64_t count;
} ll_quote_stack;

/// Appends leaf hashes to the stack, merging equal sizes.
void ll_quote_stack_push(ll_quote_stack *stack, const uint8_t *leaves, uint64_t count);

/// Folds the stack from the right into the root (count >= 1).
void ll_quote_stack_root(const ll_quote_stack *stack, uint8_t out[32]);

#endif
