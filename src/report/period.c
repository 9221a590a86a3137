/*
 * period.c: the periods reports cover, from the words of the command
 * line: a month (--month) or a week (--week).
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sysexits.h>

#include "cxo/report.h"
#include "cxo/text.h"

/* The word as it may be quoted in a message. */
static void quoted(const char *word, char *buf, size_t n)
{
	text_sanitize_into(word ? word : "", buf, n);
}

int report_period_month(const char *word, cxo_day today, cxo_day *from, cxo_day *to, char *err,
                        size_t n)
{
	char q[64], s[32];
	int y, m;
	bool ok = word && strlen(word) < sizeof s;
	if (ok) {
		memcpy(s, word, strlen(word) + 1);
		text_trim(s);
		/* month_parse also takes "next", which no report covers. */
		ok = !text_ieq(s, "next") && month_parse(s, today, &y, &m, NULL, 0);
	}
	if (!ok) {
		quoted(word, q, sizeof q);
		snprintf(err, n,
		         "bad month \"%s\" (expected YYYY-MM with a month 01 to 12 and a year "
		         "1900 to 9999, this or last)",
		         q);
		return EX_USAGE;
	}
	*from = date_from_ymd(y, m, 1);
	*to = date_next_month(y, m);
	return 0;
}

int report_period_week(const char *word, cxo_day today, int week_start, cxo_day *from, cxo_day *to,
                       char *err, size_t n)
{
	char q[64];
	cxo_day day;
	if (week_start < WD_MON || week_start > WD_SUN) {
		snprintf(err, n, "bad week start %d (expected 0, Monday, to 6, Sunday)",
		         week_start);
		return EX_SOFTWARE;
	}
	if (word && text_ieq(word, "this")) {
		day = today;
	} else if (word && text_ieq(word, "last")) {
		day = today - 7;
	} else if (!word || !date_parse(word, today, week_start, &day, NULL, 0)) {
		quoted(word, q, sizeof q);
		snprintf(err, n,
		         "bad week \"%s\" (expected this, last or a day in it: YYYY-MM-DD, today, "
		         "monday, -1w ...)",
		         q);
		return EX_USAGE;
	}
	*from = date_week_start(day, week_start);
	*to = *from + 7;
	return 0;
}
