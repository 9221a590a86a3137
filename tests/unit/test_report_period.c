/* Unit tests for src/report/period.c: the months and weeks reports cover. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>
#include <sysexits.h>

#include "cxo/report.h"

static cxo_day D(int y, int m, int d)
{
	return date_from_ymd(y, m, d);
}

static void month_is(const char *word, cxo_day today, cxo_day from, cxo_day to)
{
	cxo_day f = 0, t = 0;
	char err[256] = "";
	cr_assert_eq(report_period_month(word, today, &f, &t, err, sizeof err), 0, "%s: %s", word,
	             err);
	cr_assert_eq(f, from, "%s: from", word);
	cr_assert_eq(t, to, "%s: to", word);
}

static void month_bad(const char *word)
{
	cxo_day f = -1, t = -1;
	char err[256] = "";
	cr_assert_eq(report_period_month(word, D(2026, 11, 18), &f, &t, err, sizeof err), EX_USAGE,
	             "%s accepted", word ? word : "NULL");
	cr_assert_not_null(strstr(err, "expected YYYY-MM"), "%s", err);
	char start[24] = ""; /* a long word is cut in the message */
	if (word)
		snprintf(start, sizeof start, "\"%s", word);
	cr_assert_not_null(strstr(err, start), "the message names \"%s\": %s", start, err);
	cr_assert_eq(f, -1, "nothing written");
	cr_assert_eq(t, -1);
}

Test(report_period, months)
{
	month_is("2026-11", D(2026, 11, 18), D(2026, 11, 1), D(2026, 12, 1));
	month_is("2026-12", D(2026, 11, 18), D(2026, 12, 1), D(2027, 1, 1));
	month_is("2027-01", D(2026, 11, 18), D(2027, 1, 1), D(2027, 2, 1));
	month_is("2028-02", D(2026, 11, 18), D(2028, 2, 1), D(2028, 3, 1)); /* 29 days */
	month_is("2100-02", D(2026, 11, 18), D(2100, 2, 1), D(2100, 3, 1)); /* 28 days */
	month_is("this", D(2026, 11, 30), D(2026, 11, 1), D(2026, 12, 1));
	month_is("THIS", D(2026, 12, 31), D(2026, 12, 1), D(2027, 1, 1));
	month_is("last", D(2027, 1, 1), D(2026, 12, 1), D(2027, 1, 1));
	month_is("last", D(2028, 3, 31), D(2028, 2, 1), D(2028, 3, 1));
	month_is("last", D(2026, 3, 1), D(2026, 2, 1), D(2026, 3, 1));
	month_is(" 2026-11 ", D(2026, 1, 1), D(2026, 11, 1), D(2026, 12, 1));
}

Test(report_period, bad_months)
{
	month_bad("next");
	month_bad(" next");
	month_bad("2026-13");
	month_bad("2026-00");
	month_bad("2026-1");
	month_bad("2026-11-01");
	month_bad("nov");
	month_bad("");
	month_bad("1899-12");
	month_bad(NULL);
	month_bad("a very long word that goes on past any buffer of the parser at all");
}

static void week_is(const char *word, cxo_day today, int week_start, cxo_day from)
{
	cxo_day f = 0, t = 0;
	char err[256] = "";
	cr_assert_eq(report_period_week(word, today, week_start, &f, &t, err, sizeof err), 0,
	             "%s: %s", word, err);
	cr_assert_eq(f, from, "%s (week start %d): from %d, want %d", word, week_start, f, from);
	cr_assert_eq(t, from + 7, "%s: to", word);
}

Test(report_period, weeks)
{
	cxo_day wed = D(2026, 11, 18);
	week_is("this", wed, WD_MON, D(2026, 11, 16));
	week_is("last", wed, WD_MON, D(2026, 11, 9));
	week_is("this", wed, WD_SUN, D(2026, 11, 15));
	week_is("last", wed, WD_SUN, D(2026, 11, 8));
	/* A Sunday with weeks starting on Sunday starts its own week. */
	week_is("this", D(2026, 11, 22), WD_SUN, D(2026, 11, 22));
	week_is("this", D(2026, 11, 22), WD_MON, D(2026, 11, 16));
	/* Across the year and February 29. */
	week_is("2026-12-31", wed, WD_MON, D(2026, 12, 28));
	week_is("2027-01-01", wed, WD_SUN, D(2026, 12, 27));
	week_is("last", D(2027, 1, 2), WD_MON, D(2026, 12, 21));
	week_is("2028-02-29", wed, WD_MON, D(2028, 2, 28));
	week_is("2028-03-01", wed, WD_SAT, D(2028, 2, 26));
	week_is("today", wed, WD_MON, D(2026, 11, 16));
	week_is("-1w", wed, WD_MON, D(2026, 11, 9));
}

Test(report_period, bad_weeks)
{
	const char *bad[] = { "someday", "2026-02-30", "", "next" };
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		cxo_day f = -1, t = -1;
		char err[256] = "";
		cr_assert_eq(report_period_week(bad[i], D(2026, 11, 18), WD_MON, &f, &t, err,
		                                sizeof err),
		             EX_USAGE, "%s accepted", bad[i]);
		cr_assert_not_null(strstr(err, "expected this, last or a day"), "%s", err);
		cr_assert_not_null(strstr(err, bad[i]), "%s", err);
		cr_assert_eq(f, -1);
		cr_assert_eq(t, -1);
	}
	cxo_day f, t;
	char err[256] = "";
	cr_assert_eq(report_period_week("this", D(2026, 11, 18), 7, &f, &t, err, sizeof err),
	             EX_SOFTWARE);
}
