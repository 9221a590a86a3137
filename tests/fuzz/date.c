/* Fuzzing the date parsers: date_parse (every form), date_parse_iso,
 * month_parse and clock_parse.  Round trips: a day parsed, written as
 * YYYY-MM-DD and parsed again is the same day; an ISO date that parses
 * is written back exactly; a month and a clock time likewise. */
#include "fuzz.h"

#include "cxo/date.h"
#include "cxo/records.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_text(data, size);
	if (!text)
		return 0;
	char err[256], iso[DAY_LEN];
	const cxo_day today = date_from_ymd(2026, 11, 18);
	cxo_day day, again;

	for (int ws = 0; ws < 7; ws += 6) {
		err[0] = '\0';
		if (date_parse(text, today, ws, &day, err, sizeof err)) {
			date_format_iso(day, iso);
			FUZZ_CHECK(date_parse_iso(iso, &again) && again == day, "\"%s\" -> %s",
			           text, iso);
			FUZZ_CHECK(date_parse(iso, today, ws, &again, err, sizeof err) &&
			                   again == day,
			           "%s", iso);
		} else {
			FUZZ_CHECK_ERR(err);
		}
	}
	if (date_parse_iso(text, &day)) {
		date_format_iso(day, iso);
		FUZZ_CHECK(strcmp(iso, text) == 0, "\"%s\" written back as %s", text, iso);
	}
	int y, m;
	err[0] = '\0';
	if (month_parse(text, today, &y, &m, err, sizeof err)) {
		char ym[32];
		FUZZ_CHECK(m >= 1 && m <= 12, "month %d", m);
		snprintf(ym, sizeof ym, "%04d-%02d", y, m);
		int y2, m2;
		FUZZ_CHECK(month_parse(ym, today, &y2, &m2, err, sizeof err) && y2 == y && m2 == m,
		           "%s", ym);
	} else {
		FUZZ_CHECK_ERR(err);
	}
	int min;
	err[0] = '\0';
	if (clock_parse(text, &min, err, sizeof err)) {
		char hm[16];
		FUZZ_CHECK(min >= 0 && min < 24 * 60, "%d minutes", min);
		snprintf(hm, sizeof hm, "%02d:%02d", min / 60, min % 60);
		int min2;
		FUZZ_CHECK(clock_parse(hm, &min2, err, sizeof err) && min2 == min, "%s", hm);
	} else {
		FUZZ_CHECK_ERR(err);
	}
	free(text);
	return 0;
}
