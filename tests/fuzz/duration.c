/* Fuzzing duration_parse.  Round trip: minutes written as hours and
 * minutes (1:30) and as decimal hours parse back to the same minutes. */
#include "fuzz.h"

#include "cxo/duration.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_text(data, size);
	if (!text)
		return 0;
	char err[256] = "", shown[64];
	int min, again;
	if (duration_parse(text, &min, err, sizeof err)) {
		FUZZ_CHECK(min >= 1 && min <= DURATION_MAX_MINUTES, "\"%s\": %d", text, min);
		duration_format(min, HOURS_CLOCK, shown, sizeof shown);
		FUZZ_CHECK(duration_parse(shown, &again, err, sizeof err) && again == min,
		           "%d minutes shown as %s", min, shown);
		duration_format(min, HOURS_DECIMAL, shown, sizeof shown);
		FUZZ_CHECK(duration_parse(shown, &again, err, sizeof err) && again == min,
		           "%d minutes shown as %s", min, shown);
	} else {
		FUZZ_CHECK_ERR(err);
	}
	free(text);
	return 0;
}
