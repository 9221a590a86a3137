/* Unit tests for src/core/sha256.c: the FIPS 180-4 examples. */
#include "cxo/sha256.h"

#include <criterion/criterion.h>
#include <string.h>

static void digest_of(const char *text, size_t n, size_t chunk, char hex[SHA256_HEX_LEN])
{
	struct sha256 c;
	uint8_t d[SHA256_LEN];
	sha256_init(&c);
	for (size_t i = 0; i < n; i += chunk)
		sha256_update(&c, text + i, n - i < chunk ? n - i : chunk);
	sha256_final(&c, d);
	sha256_hex(d, hex);
}

Test(sha256, empty)
{
	char hex[SHA256_HEX_LEN];
	digest_of("", 0, 1, hex);
	cr_assert_str_eq(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

Test(sha256, abc)
{
	char hex[SHA256_HEX_LEN];
	digest_of("abc", 3, 3, hex);
	cr_assert_str_eq(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

/* 56 bytes: the padding needs a second block. */
Test(sha256, two_blocks_in_any_chunks)
{
	const char *m = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	for (size_t chunk = 1; chunk <= 64; chunk++) {
		char hex[SHA256_HEX_LEN];
		digest_of(m, strlen(m), chunk, hex);
		cr_assert_str_eq(hex,
		                 "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
		                 "fed %zu bytes at a time", chunk);
	}
}

Test(sha256, a_million_a)
{
	static char m[1000000];
	memset(m, 'a', sizeof m);
	char hex[SHA256_HEX_LEN];
	digest_of(m, sizeof m, 4096, hex);
	cr_assert_str_eq(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}
