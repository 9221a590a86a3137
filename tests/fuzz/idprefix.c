/* Fuzzing the id prefix parser, uuid_prefix_normalize: what it accepts
 * is 4 to 36 characters of [0-9a-f-] and is its own normal form; every
 * whole id uuid_valid accepts is a prefix; uuid_short never overruns. */
#include "fuzz.h"

#include "cxo/uuid.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_text(data, size);
	if (!text)
		return 0;
	char out[UUID_LEN], again[UUID_LEN], shortid[SHORT_ID_LEN + 1];
	if (uuid_prefix_normalize(text, out)) {
		size_t len = strlen(out);
		FUZZ_CHECK(len >= 4 && len <= 36, "\"%s\" -> \"%s\"", text, out);
		FUZZ_CHECK(strspn(out, "0123456789abcdef-") == len, "\"%s\"", out);
		FUZZ_CHECK(strlen(text) == len, "\"%s\" -> \"%s\"", text, out);
		FUZZ_CHECK(uuid_prefix_normalize(out, again) && !strcmp(out, again), "%s", out);
	}
	if (uuid_valid(text))
		FUZZ_CHECK(uuid_prefix_normalize(text, out), "valid id \"%s\" is no prefix", text);
	uuid_short(text, shortid);
	FUZZ_CHECK(strlen(shortid) <= SHORT_ID_LEN, "%s", shortid);
	free(text);
	return 0;
}
