/*
 * sha256.h: SHA-256 (FIPS 180-4), for fingerprints that a crafted input
 * must not be able to match.
 */
#ifndef CXO_SHA256_H
#define CXO_SHA256_H

#include <stddef.h>
#include <stdint.h>

#define SHA256_LEN 32
#define SHA256_HEX_LEN 65 /* 64 hex digits and NUL */

struct sha256 {
	uint32_t h[8];
	uint64_t bytes; /* fed so far */
	uint8_t block[64];
	size_t used; /* bytes waiting in block */
};

void sha256_init(struct sha256 *c);
void sha256_update(struct sha256 *c, const void *data, size_t n);
/* The digest; c must be initialised again before another use. */
void sha256_final(struct sha256 *c, uint8_t out[SHA256_LEN]);
/* The digest in lower-case hex. */
void sha256_hex(const uint8_t digest[SHA256_LEN], char out[SHA256_HEX_LEN]);

#endif
