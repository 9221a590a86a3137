/* Fuzzing budget_parse.  Round trip: a budget written as hours and
 * minutes (12:30) parses back to the same minutes. */
#include "fuzz.h"

#include "cxo/duration.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_text(data, size);
	if (!text)
		return 0;
	char err[256] = "", shown[64];
	long min, again;
	if (budget_parse(text, &min, err, sizeof err)) {
		FUZZ_CHECK(min >= 0 && min <= BUDGET_MAX_MINUTES, "\"%s\": %ld", text, min);
		duration_format(min, HOURS_CLOCK, shown, sizeof shown);
		FUZZ_CHECK(budget_parse(shown, &again, err, sizeof err) && again == min,
		           "%ld minutes shown as %s", min, shown);
	} else {
		FUZZ_CHECK_ERR(err);
	}
	free(text);
	return 0;
}
