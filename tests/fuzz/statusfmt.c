/* Fuzzing the `status --format` parser against a plain reference: a
 * format is valid exactly when every '%' is followed by a placeholder
 * (cCbhpePtT!oO) or another '%', and the bad character named is the one
 * after the first '%' that is not. */
#include "fuzz.h"

#include "cli/internal.h"

static bool reference(const char *fmt, char *bad)
{
	for (const char *p = fmt; *p; p++) {
		if (*p != '%')
			continue;
		p++;
		if (*p == '\0' || !strchr("cCbhpePtT!oO%", *p)) {
			*bad = *p;
			return false;
		}
	}
	return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *fmt = fuzz_text(data, size);
	if (!fmt)
		return 0;
	char bad = 'x', want = 'x';
	bool ok = cli_status_format_valid(fmt, &bad);
	FUZZ_CHECK(ok == reference(fmt, &want), "\"%s\"", fmt);
	if (!ok)
		FUZZ_CHECK(bad == want, "\"%s\": bad '%c', expected '%c'", fmt, bad, want);
	free(fmt);
	return 0;
}
