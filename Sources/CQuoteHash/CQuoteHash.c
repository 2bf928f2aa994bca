// OpenSSL 3 marks the SHA256_* functions deprecated in favour of EVP, whose per-call dispatch
// is what this file avoids (see CQuoteHash.h). They remain part of its API.
#define OPENSSL_SUPPRESS_DEPRECATED
#include "CQuoteHash.h"

#include <openssl/sha.h>
#include <string.h>

_Static_assert(sizeof(SHA256_CTX) <= sizeof(((ll_quote_key *)0)->inner), "SHA256_CTX fits ll_quote_key");
_Static_assert(SHA256_DIGEST_LENGTH == 32, "SHA-256 digests are 32 bytes");
_Static_assert(SHA256_CBLOCK == 64, "SHA-256 blocks are 64 bytes");

static const char salt_label[] = "leakledger/quote-salt/v1";

void ll_quote_key_init(ll_quote_key *key, const uint8_t secret[32]) {
    // RFC 2104: a key of at most one block is zero-padded to 64 bytes and XORed with the pads.
    uint8_t ipad[64], opad[64];
    for (int i = 0; i < 64; i++) {
        uint8_t k = i < 32 ? secret[i] : 0;
        ipad[i] = k ^ 0x36;
        opad[i] = k ^ 0x5c;
    }
    SHA256_CTX inner, outer;
    SHA256_Init(&inner);
    SHA256_Update(&inner, ipad, 64);
    SHA256_Init(&outer);
    SHA256_Update(&outer, opad, 64);
    memset(key, 0, sizeof *key);
    memcpy(key->inner, &inner, sizeof inner);
    memcpy(key->outer, &outer, sizeof outer);
    memset(ipad, 0, sizeof ipad);
    memset(opad, 0, sizeof opad);
}

void ll_quote_salt(const ll_quote_key *key, uint64_t index, uint8_t out[32]) {
    uint8_t message[32];
    memcpy(message, salt_label, 24);
    for (int k = 0; k < 8; k++) message[24 + k] = (uint8_t)(index >> (56 - 8 * k));
    SHA256_CTX ctx;
    memcpy(&ctx, key->inner, sizeof ctx);
    SHA256_Update(&ctx, message, 32);
    SHA256_Final(out, &ctx);
    memcpy(&ctx, key->outer, sizeof ctx);
    SHA256_Update(&ctx, out, 32);
    SHA256_Final(out, &ctx);
}

void ll_quote_leaves(const ll_quote_key *key, uint64_t first_index, const uint8_t *bytes,
                     const uint64_t *ends, uint64_t count, uint8_t *leaves) {
    uint8_t prefix[33];
    prefix[0] = 0x00;
    uint64_t start = 0;
    for (uint64_t k = 0; k < count; k++) {
        ll_quote_salt(key, first_index + k, prefix + 1);
        SHA256_CTX ctx;
        SHA256_Init(&ctx);
        SHA256_Update(&ctx, prefix, 33);
        SHA256_Update(&ctx, bytes + start, ends[k] - start);
        SHA256_Final(leaves + 32 * k, &ctx);
        start = ends[k];
    }
}

void ll_quote_node(const uint8_t left[32], const uint8_t right[32], uint8_t out[32]) {
    uint8_t node[65];
    node[0] = 0x01;
    memcpy(node + 1, left, 32);
    memcpy(node + 33, right, 32);
    SHA256_CTX ctx;
    SHA256_Init(&ctx);
    SHA256_Update(&ctx, node, 65);
    SHA256_Final(out, &ctx);
}

void ll_quote_reduce(uint8_t *hashes, uint64_t n) {
    while (n > 1) {
        uint64_t pairs = n / 2;
        for (uint64_t p = 0; p < pairs; p++) {
            ll_quote_node(hashes + 64 * p, hashes + 64 * p + 32, hashes + 32 * p);
        }
        if (n % 2 == 1) memmove(hashes + 32 * pairs, hashes + 32 * (n - 1), 32);
        n = (n + 1) / 2;
    }
}

void ll_quote_stack_push(ll_quote_stack *stack, const uint8_t *leaves, uint64_t count) {
    for (uint64_t k = 0; k < count; k++) {
        memcpy(stack->hashes + 32 * stack->depth, leaves + 32 * k, 32);
        stack->sizes[stack->depth] = 1;
        stack->depth++;
        while (stack->depth >= 2 && stack->sizes[stack->depth - 1] == stack->sizes[stack->depth - 2]) {
            uint8_t *left = stack->hashes + 32 * (stack->depth - 2);
            ll_quote_node(left, left + 32, left);
            stack->sizes[stack->depth - 2] *= 2;
            stack->depth--;
        }
    }
    stack->count += count;
}

void ll_quote_stack_root(const ll_quote_stack *stack, uint8_t out[32]) {
    uint64_t d = stack->depth;
    memcpy(out, stack->hashes + 32 * (d - 1), 32);
    while (d > 1) {
        d--;
        ll_quote_node(stack->hashes + 32 * (d - 1), out, out);
    }
}
