/* Unit tests for src/core/uuid.c. */
#include "cxo/uuid.h"

#include <criterion/criterion.h>
#include <string.h>

Test(core_uuid, format_sets_version_and_variant)
{
	uint8_t zero[16] = { 0 }, ones[16];
	char out[UUID_LEN];
	memset(ones, 0xff, sizeof ones);
	uuid_format_v4(zero, out);
	cr_assert_str_eq(out, "00000000-0000-4000-8000-000000000000");
	uuid_format_v4(ones, out);
	cr_assert_str_eq(out, "ffffffff-ffff-4fff-bfff-ffffffffffff");
	uint8_t seq[16];
	for (int i = 0; i < 16; i++)
		seq[i] = (uint8_t)(i * 17);
	uuid_format_v4(seq, out);
	cr_assert_str_eq(out, "00112233-4455-4677-8899-aabbccddeeff");
	cr_assert(uuid_valid(out));
	/* The caller's bytes are left alone */
	cr_assert_eq(seq[6], 0x66);
	cr_assert_eq(seq[8], 0x88);
}

Test(core_uuid, formatted_always_valid)
{
	uint8_t b[16];
	char out[UUID_LEN];
	uint32_t seed = 1;
	for (int round = 0; round < 5000; round++) {
		for (int i = 0; i < 16; i++) {
			seed = seed * 1103515245u + 12345u;
			b[i] = (uint8_t)(seed >> 16);
		}
		uuid_format_v4(b, out);
		cr_assert_eq(strlen(out), 36);
		cr_assert(uuid_valid(out), "%s", out);
		cr_assert_eq(out[14], '4');
		cr_assert(strchr("89ab", out[19]) != NULL);
	}
}

Test(core_uuid, valid)
{
	cr_assert(uuid_valid("00112233-4455-4677-8899-aabbccddeeff"));
	cr_assert(uuid_valid("00000000-0000-0000-0000-000000000000"));
	cr_assert_not(uuid_valid("00112233-4455-4677-8899-AABBCCDDEEFF"));
	cr_assert_not(uuid_valid("00112233-4455-4677-8899-aabbccddeef"));
	cr_assert_not(uuid_valid("00112233-4455-4677-8899-aabbccddeeff0"));
	cr_assert_not(uuid_valid("001122334-455-4677-8899-aabbccddeeff"));
	cr_assert_not(uuid_valid("00112233_4455_4677_8899_aabbccddeeff"));
	cr_assert_not(uuid_valid("00112233-4455-4677-8899-aabbccddeefg"));
	cr_assert_not(uuid_valid("0011223344554677889 9aabbccddeeff"));
	cr_assert_not(uuid_valid("{0112233-4455-4677-8899-aabbccddeeff"));
	cr_assert_not(uuid_valid(""));
	cr_assert_not(uuid_valid(NULL));
}

Test(core_uuid, prefix_normalize)
{
	char out[UUID_LEN];
	cr_assert(uuid_prefix_normalize("abcd", out));
	cr_assert_str_eq(out, "abcd");
	cr_assert(uuid_prefix_normalize("ABCD12", out));
	cr_assert_str_eq(out, "abcd12");
	cr_assert(uuid_prefix_normalize("00112233-", out));
	cr_assert_str_eq(out, "00112233-");
	cr_assert(uuid_prefix_normalize("00112233-44", out));
	cr_assert(uuid_prefix_normalize("00112233-4455-4677-8899-AABBCCDDEEFF", out));
	cr_assert_str_eq(out, "00112233-4455-4677-8899-aabbccddeeff");
	cr_assert(uuid_valid(out));
	cr_assert_not(uuid_prefix_normalize("abc", out));
	cr_assert_not(uuid_prefix_normalize("", out));
	cr_assert_not(uuid_prefix_normalize(NULL, out));
	cr_assert_not(uuid_prefix_normalize("abcg", out));
	cr_assert_not(uuid_prefix_normalize("ab-cd", out));     /* dash out of place */
	cr_assert_not(uuid_prefix_normalize("001122334", out)); /* digit where a dash goes */
	cr_assert_not(uuid_prefix_normalize("00112233-4455-4677-8899-aabbccddeeff0", out));
	cr_assert_not(uuid_prefix_normalize("ab cd", out));
	cr_assert_not(uuid_prefix_normalize("\xc3\xa9\xc3\xa9", out));
}
