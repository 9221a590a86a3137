/* Fuzzing money_parse and currency_normalize.  Round trips: an amount
 * written plain parses back to the same cents; a currency code
 * normalised is its own normal form. */
#include "fuzz.h"

#include "cxo/money.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_text(data, size);
	if (!text)
		return 0;
	char err[256] = "", shown[64];
	int64_t cents, again;
	if (money_parse(text, &cents, err, sizeof err)) {
		FUZZ_CHECK(cents >= 0, "\"%s\": %lld", text, (long long)cents);
		money_format_plain(cents, shown, sizeof shown);
		FUZZ_CHECK(money_parse(shown, &again, err, sizeof err) && again == cents,
		           "%lld cents shown as %s", (long long)cents, shown);
		money_format(cents, "EUR", shown, sizeof shown);
		FUZZ_CHECK(memchr(shown, '\0', sizeof shown) && shown[0], "formatted");
	} else {
		FUZZ_CHECK_ERR(err);
	}
	char code[4], code2[4];
	if (currency_normalize(text, code)) {
		FUZZ_CHECK(strlen(code) == 3, "\"%s\" -> \"%s\"", text, code);
		FUZZ_CHECK(currency_normalize(code, code2) && !strcmp(code, code2), "%s", code);
	}
	free(text);
	return 0;
}
