/* Unit tests for src/core/date.c. */
#include "core/calendar.h"
#include "cxo/date.h"

#include <criterion/criterion.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

static void init_locale(void)
{
	setlocale(LC_CTYPE, "C.UTF-8");
}

TestSuite(core_date, .init = init_locale);

/* Day number of an ISO date that must be valid. */
static cxo_day D(const char *iso)
{
	cxo_day d = 0;
	cr_assert(date_parse_iso(iso, &d), "test date %s", iso);
	return d;
}

/* ISO text of a day, in one of a few rotating buffers. */
static const char *iso(cxo_day day)
{
	static char bufs[4][DATE_ISO_LEN];
	static int next;
	char *b = bufs[next++ % 4];
	date_format_iso(day, b);
	return b;
}

/* Parses text relative to today (given as ISO) and returns the ISO result,
 * or the error message. */
static const char *parse_ws(const char *text, const char *today, int week_start)
{
	static char out[300];
	char err[256] = "";
	cxo_day d;
	if (!date_parse(text, D(today), week_start, &d, err, sizeof err)) {
		snprintf(out, sizeof out, "ERR %s", err);
		return out;
	}
	snprintf(out, sizeof out, "%s", iso(d));
	return out;
}

static const char *parse(const char *text, const char *today)
{
	return parse_ws(text, today, WD_MON);
}

#define EXPECTED_ALL                                                                               \
	"(expected YYYY-MM-DD, today, yesterday, tomorrow, a weekday, +3d, -2w, +1m, eow or eom)"

/* ---- calendar basics ---- */

Test(core_date, days_in_month)
{
	static const int normal[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	for (int m = 1; m <= 12; m++) {
		cr_assert_eq(date_days_in_month(2026, m), normal[m - 1], "month %d", m);
		cr_assert_eq(date_days_in_month(2024, m), m == 2 ? 29 : normal[m - 1]);
	}
	cr_assert_eq(date_days_in_month(1900, 2), 28); /* century, not leap */
	cr_assert_eq(date_days_in_month(2000, 2), 29); /* 400 years, leap */
	cr_assert_eq(date_days_in_month(2100, 2), 28);
	cr_assert_eq(date_days_in_month(2400, 2), 29);
	cr_assert_eq(date_days_in_month(2023, 2), 28);
	cr_assert_eq(date_days_in_month(2026, 0), 0);
	cr_assert_eq(date_days_in_month(2026, 13), 0);
	cr_assert_eq(date_days_in_month(2026, -1), 0);
}

Test(core_date, valid_ymd)
{
	cr_assert(date_valid_ymd(2026, 11, 23));
	cr_assert(date_valid_ymd(2024, 2, 29));
	cr_assert(date_valid_ymd(2000, 2, 29));
	cr_assert_not(date_valid_ymd(1900, 2, 29));
	cr_assert_not(date_valid_ymd(2026, 2, 29));
	cr_assert_not(date_valid_ymd(2026, 4, 31));
	cr_assert(date_valid_ymd(2026, 12, 31));
	cr_assert_not(date_valid_ymd(2026, 12, 32));
	cr_assert_not(date_valid_ymd(2026, 0, 1));
	cr_assert_not(date_valid_ymd(2026, 13, 1));
	cr_assert_not(date_valid_ymd(2026, 1, 0));
	cr_assert_not(date_valid_ymd(2026, 1, -1));
	cr_assert(date_valid_ymd(1900, 1, 1));
	cr_assert(date_valid_ymd(9999, 12, 31));
	cr_assert_not(date_valid_ymd(1899, 12, 31));
	cr_assert_not(date_valid_ymd(10000, 1, 1));
}

Test(core_date, known_day_numbers)
{
	cr_assert_eq(date_from_ymd(1970, 1, 1), 0);
	cr_assert_eq(date_from_ymd(1969, 12, 31), -1);
	cr_assert_eq(date_from_ymd(2026, 11, 23), 20780);
	cr_assert_eq(date_from_ymd(2000, 2, 29), 11016);
	cr_assert_eq(date_from_ymd(1900, 1, 1), -25567);
	cr_assert_eq(date_from_ymd(9999, 12, 31), 2932896);
	cr_assert_eq(date_from_ymd(2024, 2, 29), 19782);
}

Test(core_date, round_trip_every_day)
{
	cxo_day first = date_from_ymd(1900, 1, 1), last = date_from_ymd(9999, 12, 31);
	int py = 1899, pm = 12, pd = 31, pwd = WD_SUN; /* 1899-12-31 was a Sunday */
	for (cxo_day day = first; day <= last; day++) {
		int y, m, d;
		date_to_ymd(day, &y, &m, &d);
		/* Each day follows the previous one in the calendar. */
		if (d == 1) {
			cr_assert_eq(pd, date_days_in_month(py, pm), "%d-%d-%d", y, m, d);
			if (m == 1)
				cr_assert(y == py + 1 && pm == 12);
			else
				cr_assert(y == py && m == pm + 1);
		} else {
			cr_assert(y == py && m == pm && d == pd + 1);
		}
		cr_assert(date_valid_ymd(y, m, d));
		if (date_from_ymd(y, m, d) != day)
			cr_assert_fail("round trip of %d", day);
		int wd = date_weekday(day);
		if (wd != (pwd + 1) % 7)
			cr_assert_fail("weekday of %d", day);
		py = y;
		pm = m;
		pd = d;
		pwd = wd;
	}
}

Test(core_date, to_ymd_accepts_null)
{
	int y = 0;
	date_to_ymd(20780, &y, NULL, NULL);
	cr_assert_eq(y, 2026);
	date_to_ymd(20780, NULL, NULL, NULL);
}

Test(core_date, weekday)
{
	cr_assert_eq(date_weekday(0), WD_THU);
	cr_assert_eq(date_weekday(-1), WD_WED);
	cr_assert_eq(date_weekday(-7), WD_THU);
	cr_assert_eq(date_weekday(D("2026-11-23")), WD_MON);
	cr_assert_eq(date_weekday(D("2026-11-20")), WD_FRI);
	cr_assert_eq(date_weekday(D("1900-01-01")), WD_MON);
	cr_assert_eq(date_weekday(D("9999-12-31")), WD_FRI);
	cr_assert_eq(date_weekday(D("2024-02-29")), WD_THU);
	cr_assert_eq(date_weekday(D("2026-05-31")), WD_SUN);
}

Test(core_date, next_month)
{
	cr_assert_str_eq(iso(date_next_month(2026, 11)), "2026-12-01");
	cr_assert_str_eq(iso(date_next_month(2026, 12)), "2027-01-01");
	cr_assert_str_eq(iso(date_next_month(2024, 2)), "2024-03-01");
	cr_assert_str_eq(iso(date_next_month(2026, 1)), "2026-02-01");
}

Test(core_date, week_start)
{
	cxo_day mon = D("2026-11-23"), sun = D("2026-11-29");
	/* Monday weeks */
	for (cxo_day d = mon; d <= sun; d++)
		cr_assert_eq(date_week_start(d, WD_MON), mon);
	cr_assert_eq(date_week_start(sun + 1, WD_MON), sun + 1);
	/* Sunday weeks: Sunday 22nd to Saturday 28th */
	cr_assert_str_eq(iso(date_week_start(mon, WD_SUN)), "2026-11-22");
	cr_assert_str_eq(iso(date_week_start(D("2026-11-28"), WD_SUN)), "2026-11-22");
	cr_assert_str_eq(iso(date_week_start(sun, WD_SUN)), "2026-11-29");
	/* Saturday weeks */
	cr_assert_str_eq(iso(date_week_start(D("2026-11-27"), WD_SAT)), "2026-11-21");
	cr_assert_str_eq(iso(date_week_start(D("2026-11-28"), WD_SAT)), "2026-11-28");
	/* Across a year end */
	cr_assert_str_eq(iso(date_week_start(D("2027-01-01"), WD_MON)), "2026-12-28");
	/* Out-of-range week starts are taken modulo 7 */
	cr_assert_eq(date_week_start(D("2026-11-25"), 7), mon);
	cr_assert_eq(date_week_start(D("2026-11-25"), -1),
	             date_week_start(D("2026-11-25"), WD_SUN));
}

Test(core_date, is_workday)
{
	cxo_day mon = D("2026-11-23");
	for (int i = 0; i < 7; i++)
		cr_assert_eq(date_is_workday(mon + i, WORKDAYS_MON_FRI), i < 5);
	unsigned sun_thu = 0x0fu | 0x40u;
	cr_assert(date_is_workday(mon + 6, sun_thu));
	cr_assert_not(date_is_workday(mon + 4, sun_thu));
	for (int i = 0; i < 7; i++)
		cr_assert_not(date_is_workday(mon + i, 0));
}

Test(core_date, count_workdays)
{
	cr_assert_eq(date_count_workdays(D("2026-11-01"), D("2026-11-30"), WORKDAYS_MON_FRI), 21);
	cr_assert_eq(date_count_workdays(D("2026-02-01"), D("2026-02-28"), WORKDAYS_MON_FRI), 20);
	cr_assert_eq(date_count_workdays(D("2024-02-01"), D("2024-02-29"), WORKDAYS_MON_FRI), 21);
	cr_assert_eq(date_count_workdays(D("2026-11-23"), D("2026-11-23"), WORKDAYS_MON_FRI), 1);
	cr_assert_eq(date_count_workdays(D("2026-11-28"), D("2026-11-29"), WORKDAYS_MON_FRI), 0);
	cr_assert_eq(date_count_workdays(D("2026-11-30"), D("2026-11-01"), WORKDAYS_MON_FRI), 0);
	cr_assert_eq(date_count_workdays(D("2026-11-01"), D("2026-11-30"), 0), 0);
	cr_assert_eq(date_count_workdays(D("2026-11-01"), D("2026-11-30"), 0x7fu), 30);
	cr_assert_eq(date_count_workdays(D("2026-01-01"), D("2026-12-31"), WORKDAYS_MON_FRI), 261);
}

Test(core_date, count_workdays_matches_brute_force)
{
	unsigned masks[] = { WORKDAYS_MON_FRI, 0x4fu, 0x01u, 0x7fu, 0x60u, 0x2au };
	cxo_day base = D("2026-11-01");
	for (size_t k = 0; k < sizeof masks / sizeof masks[0]; k++)
		for (int from = 0; from < 14; from++)
			for (int len = 0; len < 60; len++) {
				int want = 0;
				for (int i = 0; i < len; i++)
					want += date_is_workday(base + from + i, masks[k]);
				cr_assert_eq(date_count_workdays(base + from, base + from + len - 1,
				                                 masks[k]),
				             want);
			}
}

/* ---- ISO ---- */

Test(core_date, parse_iso)
{
	cxo_day d = 123;
	cr_assert(date_parse_iso("2026-11-23", &d));
	cr_assert_eq(d, 20780);
	cr_assert(date_parse_iso("2024-02-29", NULL));
	cr_assert(date_parse_iso("1900-01-01", NULL));
	cr_assert(date_parse_iso("9999-12-31", NULL));
	const char *bad[] = {
		"",
		"2026-1-01",
		"2026-01-1",
		"26-01-01",
		" 2026-01-01",
		"2026-01-01 ",
		"2026/01/01",
		"2026-02-29",
		"2026-04-31",
		"2026-13-01",
		"2026-00-10",
		"2026-01-00",
		"1899-12-31",
		"10000-01-01",
		"2026-01-01x",
		"today",
		"+3d",
		"2026-1a-01",
		"\xef\xbc\x92\xef\xbc\x90\xef\xbc\x92\xef\xbc\x96-01-01",
	};
	d = 7;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		cr_assert_not(date_parse_iso(bad[i], &d), "%s", bad[i]);
	cr_assert_eq(d, 7);
	cr_assert_not(date_parse_iso(NULL, &d));
}

Test(core_date, format_iso)
{
	char buf[DATE_ISO_LEN];
	date_format_iso(D("2026-11-23"), buf);
	cr_assert_str_eq(buf, "2026-11-23");
	date_format_iso(D("1900-01-01"), buf);
	cr_assert_str_eq(buf, "1900-01-01");
	date_format_iso(D("9999-12-31"), buf);
	cr_assert_str_eq(buf, "9999-12-31");
	date_format_iso(date_from_ymd(805, 3, 4), buf);
	cr_assert_str_eq(buf, "0805-03-04");
	/* Beyond four-digit years: clamped, never overflowing the buffer */
	date_format_iso(INT32_MAX, buf);
	cr_assert_str_eq(buf, "9999-12-31");
	date_format_iso(INT32_MIN, buf);
	cr_assert_str_eq(buf, "0000-01-01");
}

/* ---- date_parse: words ---- */

Test(core_date, parse_words)
{
	cr_assert_str_eq(parse("today", "2026-11-23"), "2026-11-23");
	cr_assert_str_eq(parse("TODAY", "2026-11-23"), "2026-11-23");
	cr_assert_str_eq(parse("  Today\t", "2026-11-23"), "2026-11-23");
	cr_assert_str_eq(parse("yesterday", "2026-11-23"), "2026-11-22");
	cr_assert_str_eq(parse("tomorrow", "2026-11-23"), "2026-11-24");
	/* month, year and leap-day boundaries */
	cr_assert_str_eq(parse("tomorrow", "2026-12-31"), "2027-01-01");
	cr_assert_str_eq(parse("yesterday", "2027-01-01"), "2026-12-31");
	cr_assert_str_eq(parse("tomorrow", "2024-02-28"), "2024-02-29");
	cr_assert_str_eq(parse("tomorrow", "2026-02-28"), "2026-03-01");
	cr_assert_str_eq(parse("yesterday", "2024-03-01"), "2024-02-29");
}

Test(core_date, parse_weekdays_strictly_after_today)
{
	static const char *const full[7] = { "monday", "tuesday",  "wednesday", "thursday",
		                             "friday", "saturday", "sunday" };
	cxo_day mon = D("2026-11-23");
	for (int t = 0; t < 7; t++) {         /* today's weekday */
		for (int w = 0; w < 7; w++) { /* the named weekday */
			char abbr[4] = { full[w][0], full[w][1], full[w][2], '\0' };
			int ahead = (w - t + 7) % 7;
			cxo_day want = mon + t + (ahead ? ahead : 7);
			cxo_day got = 0;
			char err[200];
			cr_assert(date_parse(full[w], mon + t, WD_MON, &got, err, sizeof err));
			cr_assert_eq(got, want, "%s from weekday %d", full[w], t);
			cr_assert(date_parse(abbr, mon + t, WD_MON, &got, err, sizeof err));
			cr_assert_eq(got, want, "%s from weekday %d", abbr, t);
			cr_assert(got > mon + t && got <= mon + t + 7);
		}
	}
	cr_assert_str_eq(parse("fri", "2026-11-20"), "2026-11-27"); /* a Friday */
	cr_assert_str_eq(parse("FRIDAY", "2026-11-23"), "2026-11-27");
	cr_assert_str_eq(parse("Fri", "2026-11-23"), "2026-11-27");
	cr_assert_str_eq(parse("mon", "2026-12-29"), "2027-01-04");
	cr_assert_str_eq(parse("thu", "2024-02-28"), "2024-02-29");
}

Test(core_date, parse_weekday_misspellings)
{
	const char *bad[] = { "fr", "frid", "tues", "thur", "thurs", "mondays", "fri day", "f" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		cr_assert(strncmp(parse(bad[i], "2026-11-23"), "ERR", 3) == 0, "%s", bad[i]);
}

Test(core_date, parse_eow_eom)
{
	/* Monday weeks end on Sunday */
	cr_assert_str_eq(parse("eow", "2026-11-23"), "2026-11-29");
	cr_assert_str_eq(parse("EOW", "2026-11-27"), "2026-11-29");
	cr_assert_str_eq(parse("eow", "2026-11-29"), "2026-11-29");
	/* Sunday weeks end on Saturday */
	cr_assert_str_eq(parse_ws("eow", "2026-11-23", WD_SUN), "2026-11-28");
	cr_assert_str_eq(parse_ws("eow", "2026-11-28", WD_SUN), "2026-11-28");
	cr_assert_str_eq(parse_ws("eow", "2026-11-29", WD_SUN), "2026-12-05");
	/* Saturday weeks end on Friday */
	cr_assert_str_eq(parse_ws("eow", "2026-11-27", WD_SAT), "2026-11-27");
	cr_assert_str_eq(parse_ws("eow", "2026-11-28", WD_SAT), "2026-12-04");
	/* Across the year end */
	cr_assert_str_eq(parse("eow", "2026-12-30"), "2027-01-03");
	cr_assert_str_eq(parse("eom", "2026-11-01"), "2026-11-30");
	cr_assert_str_eq(parse("eom", "2026-11-30"), "2026-11-30");
	cr_assert_str_eq(parse("eom", "2026-02-10"), "2026-02-28");
	cr_assert_str_eq(parse("eom", "2024-02-10"), "2024-02-29");
	cr_assert_str_eq(parse("eom", "2026-12-01"), "2026-12-31");
	cr_assert_str_eq(parse("Eom", "2026-01-31"), "2026-01-31");
}

Test(core_date, parse_offsets)
{
	cr_assert_str_eq(parse("+3d", "2026-11-23"), "2026-11-26");
	cr_assert_str_eq(parse("-2d", "2026-11-23"), "2026-11-21");
	cr_assert_str_eq(parse("+0d", "2026-11-23"), "2026-11-23");
	cr_assert_str_eq(parse("-0w", "2026-11-23"), "2026-11-23");
	cr_assert_str_eq(parse("+10d", "2026-12-25"), "2027-01-04");
	cr_assert_str_eq(parse("+2w", "2026-11-23"), "2026-12-07");
	cr_assert_str_eq(parse("-2w", "2026-11-23"), "2026-11-09");
	cr_assert_str_eq(parse("+1W", "2026-12-28"), "2027-01-04");
	cr_assert_str_eq(parse("+1D", "2024-02-28"), "2024-02-29");
	cr_assert_str_eq(parse("+365d", "2024-01-01"), "2024-12-31");
	cr_assert_str_eq(parse("+100w", "2026-11-23"), "2028-10-23");
}

Test(core_date, parse_month_offsets_clamp)
{
	cr_assert_str_eq(parse("+1m", "2026-01-31"), "2026-02-28");
	cr_assert_str_eq(parse("+1m", "2024-01-31"), "2024-02-29");
	cr_assert_str_eq(parse("+1m", "2026-01-15"), "2026-02-15");
	cr_assert_str_eq(parse("-1m", "2026-03-31"), "2026-02-28");
	cr_assert_str_eq(parse("-1m", "2024-03-30"), "2024-02-29");
	cr_assert_str_eq(parse("+1m", "2026-03-31"), "2026-04-30");
	cr_assert_str_eq(parse("+1m", "2026-12-15"), "2027-01-15");
	cr_assert_str_eq(parse("-1m", "2027-01-15"), "2026-12-15");
	cr_assert_str_eq(parse("+12m", "2024-02-29"), "2025-02-28");
	cr_assert_str_eq(parse("+48m", "2024-02-29"), "2028-02-29");
	cr_assert_str_eq(parse("-13m", "2026-11-23"), "2025-10-23");
	cr_assert_str_eq(parse("+0m", "2026-11-23"), "2026-11-23");
	cr_assert_str_eq(parse("+25M", "2026-11-30"), "2028-12-30");
}

Test(core_date, parse_range_limits)
{
	cr_assert_str_eq(parse("today", "1900-01-01"), "1900-01-01");
	cr_assert_str_eq(
	        parse("yesterday", "1900-01-01"),
	        "ERR bad date \"yesterday\" (must fall between 1900-01-01 and 9999-12-31)");
	cr_assert_str_eq(parse("tomorrow", "9999-12-31"),
	                 "ERR bad date \"tomorrow\" (must fall between 1900-01-01 and 9999-12-31)");
	cr_assert(strstr(parse("-999999d", "2026-11-23"), "must fall between") != NULL);
	cr_assert(strstr(parse("-999999w", "2026-11-23"), "must fall between") != NULL);
	cr_assert_str_eq(parse("+999999d", "2026-11-23"), "4764-10-19");
	cr_assert(strstr(parse("+999999m", "2026-11-23"), "must fall between") != NULL);
	cr_assert(strstr(parse("-999999m", "2026-11-23"), "must fall between") != NULL);
	cr_assert(strstr(parse("+1m", "9999-12-01"), "must fall between") != NULL);
	cr_assert(strstr(parse("-1m", "1900-01-31"), "must fall between") != NULL);
	cr_assert(strstr(parse("eow", "9999-12-31"), "must fall between") != NULL);
	cr_assert(strstr(parse("fri", "9999-12-31"), "must fall between") != NULL);
	cr_assert_str_eq(parse("eom", "9999-12-01"), "9999-12-31");
	/* More than six digits is not an offset at all */
	cr_assert_str_eq(parse("+1000000d", "2026-11-23"),
	                 "ERR bad date \"+1000000d\" " EXPECTED_ALL);
	cr_assert_str_eq(parse("+99999999999999999999d", "2026-11-23"),
	                 "ERR bad date \"+99999999999999999999d\" " EXPECTED_ALL);
}

Test(core_date, parse_iso_through_date_parse)
{
	cr_assert_str_eq(parse("2026-11-23", "2000-01-01"), "2026-11-23");
	cr_assert_str_eq(parse(" 2024-02-29 ", "2000-01-01"), "2024-02-29");
	cr_assert_str_eq(parse("2026-02-29", "2026-01-01"),
	                 "ERR bad date \"2026-02-29\" (2026-02 has 28 days)");
	cr_assert_str_eq(parse("2026-04-31", "2026-01-01"),
	                 "ERR bad date \"2026-04-31\" (2026-04 has 30 days)");
	cr_assert_str_eq(parse("2026-01-00", "2026-01-01"),
	                 "ERR bad date \"2026-01-00\" (2026-01 has 31 days)");
	cr_assert_str_eq(parse("2026-13-01", "2026-01-01"),
	                 "ERR bad date \"2026-13-01\" (month 01 to 12; expected YYYY-MM-DD, today, "
	                 "yesterday, tomorrow, a weekday, +3d, -2w, +1m, eow or eom)");
	cr_assert_str_eq(parse("2026-00-01", "2026-01-01"),
	                 "ERR bad date \"2026-00-01\" (month 01 to 12; expected YYYY-MM-DD, today, "
	                 "yesterday, tomorrow, a weekday, +3d, -2w, +1m, eow or eom)");
	cr_assert_str_eq(parse("1899-12-31", "2026-01-01"),
	                 "ERR bad date \"1899-12-31\" (years 1900 to 9999)");
	cr_assert_str_eq(parse("0000-01-01", "2026-01-01"),
	                 "ERR bad date \"0000-01-01\" (years 1900 to 9999)");
	cr_assert_str_eq(parse("1900-02-29", "2026-01-01"),
	                 "ERR bad date \"1900-02-29\" (1900-02 has 28 days)");
	cr_assert_str_eq(parse("2000-02-29", "2026-01-01"), "2000-02-29");
}

Test(core_date, parse_errors_name_text_and_forms)
{
	const char *bad[] = {
		"xyz",        "",           "   ",
		"3d",         "+d",         "+3",
		"+3x",        "+3dd",       "++3d",
		"+-3d",       "+ 3d",       "+3 d",
		"2026-1-1",   "2026/11/23", "23.11.2026",
		"11/23/2026", "next week",  "eod",
		"eoy",        "to day",     "tod",
		"+3.5d",      "+1y",        "-",
		"+",          "d",          "2026-11-23T10:00",
		"20261123",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char want[256];
		snprintf(want, sizeof want, "ERR bad date \"%s\" " EXPECTED_ALL, bad[i]);
		cr_assert_str_eq(parse(bad[i], "2026-11-23"), want);
	}
}

Test(core_date, parse_null_and_failure_leave_output)
{
	cxo_day d = 42;
	char err[200] = "";
	cr_assert_not(date_parse(NULL, 0, WD_MON, &d, err, sizeof err));
	cr_assert_str_eq(err, "bad date \"\" " EXPECTED_ALL);
	cr_assert_not(date_parse("nope", 0, WD_MON, &d, err, sizeof err));
	cr_assert_eq(d, 42);
	/* err may be NULL or tiny */
	cr_assert_not(date_parse("nope", 0, WD_MON, &d, NULL, 0));
	char tiny[8];
	cr_assert_not(date_parse("nope", 0, WD_MON, &d, tiny, sizeof tiny));
	cr_assert_str_eq(tiny, "bad dat");
	/* out may be NULL */
	cr_assert(date_parse("today", 0, WD_MON, NULL, err, sizeof err));
}

Test(core_date, parse_hostile_text)
{
	char err[256];
	cxo_day d;
	cr_assert_not(date_parse("\x1b[2J\x1b[31mtoday", 20780, WD_MON, &d, err, sizeof err));
	cr_assert_null(strchr(err, '\x1b'));
	cr_assert_str_eq(err, "bad date \"[2J[31mtoday\" " EXPECTED_ALL);
	cr_assert_not(date_parse("to\nday", 20780, WD_MON, &d, err, sizeof err));
	cr_assert_str_eq(err, "bad date \"today\" " EXPECTED_ALL);
	cr_assert_not(date_parse("\xff\xfe", 20780, WD_MON, &d, err, sizeof err));
	cr_assert_str_eq(err, "bad date \"\xef\xbf\xbd\xef\xbf\xbd\" " EXPECTED_ALL);
	/* A 200-character value is cut with an ellipsis in the message */
	char big[201];
	memset(big, 'a', 200);
	big[200] = '\0';
	cr_assert_not(date_parse(big, 20780, WD_MON, &d, err, sizeof err));
	char want[256];
	snprintf(want, sizeof want, "bad date \"%.39s\xe2\x80\xa6\" " EXPECTED_ALL, big);
	cr_assert_str_eq(err, want);
	/* Wide characters are never split in the quoted value */
	char cjk[3 * 60 + 1] = "";
	for (int i = 0; i < 60; i++)
		strcat(cjk, "\xe6\xbc\xa2"); /* 漢, two columns */
	cr_assert_not(date_parse(cjk, 20780, WD_MON, &d, err, sizeof err));
	cr_assert(strstr(err, "\xe6\xbc\xa2\xe2\x80\xa6\"") != NULL);
}

/* ---- months and clock times ---- */

Test(core_date, month_parse_forms)
{
	int y = 0, m = 0;
	char err[200];
	cxo_day today = D("2026-11-23");
	cr_assert(month_parse("2026-11", today, &y, &m, err, sizeof err));
	cr_assert(y == 2026 && m == 11);
	cr_assert(month_parse("1900-01", today, &y, &m, err, sizeof err));
	cr_assert(y == 1900 && m == 1);
	cr_assert(month_parse("9999-12", today, &y, &m, err, sizeof err));
	cr_assert(month_parse(" 2025-02 ", today, &y, &m, err, sizeof err));
	cr_assert(y == 2025 && m == 2);
	cr_assert(month_parse("this", today, &y, &m, err, sizeof err));
	cr_assert(y == 2026 && m == 11);
	cr_assert(month_parse("LAST", today, &y, &m, err, sizeof err));
	cr_assert(y == 2026 && m == 10);
	cr_assert(month_parse("Next", today, &y, &m, err, sizeof err));
	cr_assert(y == 2026 && m == 12);
	/* Year boundaries */
	cr_assert(month_parse("last", D("2027-01-15"), &y, &m, err, sizeof err));
	cr_assert(y == 2026 && m == 12);
	cr_assert(month_parse("next", D("2026-12-31"), &y, &m, err, sizeof err));
	cr_assert(y == 2027 && m == 1);
	cr_assert(month_parse("this", D("2026-12-31"), NULL, NULL, err, sizeof err));
}

Test(core_date, month_parse_errors)
{
	int y = 7, m = 7;
	char err[200];
	cxo_day today = D("2026-11-23");
	const char *bad[] = { "",    "2026-1", "26-11",   "2026/11", "2026-11-01", "november",
		              "nov", "thi",    "2026-1a", "x",       "2026-11x" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char want[200];
		cr_assert_not(month_parse(bad[i], today, &y, &m, err, sizeof err), "%s", bad[i]);
		snprintf(want, sizeof want,
		         "bad month \"%s\" (expected YYYY-MM, this, last or next)", bad[i]);
		cr_assert_str_eq(err, want);
	}
	cr_assert(y == 7 && m == 7);
	cr_assert_not(month_parse("2026-13", today, &y, &m, err, sizeof err));
	cr_assert_str_eq(err, "bad month \"2026-13\" (month 01 to 12; expected YYYY-MM, this, "
	                      "last or next)");
	cr_assert_not(month_parse("2026-00", today, &y, &m, err, sizeof err));
	cr_assert_not(month_parse("1899-12", today, &y, &m, err, sizeof err));
	cr_assert_str_eq(err, "bad month \"1899-12\" (years 1900 to 9999)");
	cr_assert_not(month_parse("last", D("1900-01-10"), &y, &m, err, sizeof err));
	cr_assert_str_eq(err, "bad month \"last\" (years 1900 to 9999)");
	cr_assert_not(month_parse("next", D("9999-12-10"), &y, &m, err, sizeof err));
	cr_assert_not(month_parse(NULL, today, &y, &m, err, sizeof err));
	cr_assert_str_eq(err, "bad month \"\" (expected YYYY-MM, this, last or next)");
	cr_assert_not(month_parse("a very long month name indeed", today, &y, &m, NULL, 0));
	cr_assert(y == 7 && m == 7);
}

Test(core_date, clock_parse_forms)
{
	int min = -1;
	char err[200];
	cr_assert(clock_parse("00:00", &min, err, sizeof err));
	cr_assert_eq(min, 0);
	cr_assert(clock_parse("23:59", &min, err, sizeof err));
	cr_assert_eq(min, 23 * 60 + 59);
	cr_assert(clock_parse("9:05", &min, err, sizeof err));
	cr_assert_eq(min, 545);
	cr_assert(clock_parse("09:05", &min, err, sizeof err));
	cr_assert_eq(min, 545);
	cr_assert(clock_parse(" 12:30\n", &min, err, sizeof err));
	cr_assert_eq(min, 750);
	cr_assert(clock_parse("0:00", NULL, err, sizeof err));
}

Test(core_date, clock_parse_errors)
{
	const char *bad[] = { "24:00", "12:60", "12:5",  "123:00", "12:00:00", "",
		              "ab:cd", "12",    "12:",   ":30",    "1230",     "12.30",
		              "-1:00", "12:3a", "+1:00", "12 :30", "noon" };
	int min = 99;
	char err[200];
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char want[200];
		cr_assert_not(clock_parse(bad[i], &min, err, sizeof err), "%s", bad[i]);
		snprintf(want, sizeof want, "bad time \"%s\" (expected HH:MM, 00:00 to 23:59)",
		         bad[i]);
		cr_assert_str_eq(err, want);
	}
	cr_assert_eq(min, 99);
	cr_assert_not(clock_parse(NULL, &min, NULL, 0));
}

/* ---- display ---- */

Test(core_date, format_conversions)
{
	char buf[128];
	cxo_day d = D("2026-11-05"); /* a Thursday */
	cr_assert(date_format(d, "%Y-%m-%d", buf, sizeof buf));
	cr_assert_str_eq(buf, "2026-11-05");
	cr_assert(date_format(d, "%a %e %b %Y", buf, sizeof buf));
	cr_assert_str_eq(buf, "Thu  5 Nov 2026");
	cr_assert(date_format(d, "%A, %B %d", buf, sizeof buf));
	cr_assert_str_eq(buf, "Thursday, November 05");
	cr_assert(date_format(d, "100%% sure", buf, sizeof buf));
	cr_assert_str_eq(buf, "100% sure");
	cr_assert(date_format(d, "", buf, sizeof buf));
	cr_assert_str_eq(buf, "");
	cr_assert(date_format(D("2026-11-23"), "%e", buf, sizeof buf));
	cr_assert_str_eq(buf, "23");
	cr_assert(date_format(D("1907-01-09"), "%Y/%m/%d|%e", buf, sizeof buf));
	cr_assert_str_eq(buf, "1907/01/09| 9");
	cr_assert(date_format(D("9999-12-31"), "%Y%m%d", buf, sizeof buf));
	cr_assert_str_eq(buf, "99991231");
	static const char *const months[] = { "January",   "February", "March",    "April",
		                              "May",       "June",     "July",     "August",
		                              "September", "October",  "November", "December" };
	for (int m = 1; m <= 12; m++) {
		cr_assert(date_format(date_from_ymd(2026, m, 1), "%B|%b", buf, sizeof buf));
		char want[32];
		snprintf(want, sizeof want, "%s|%.3s", months[m - 1], months[m - 1]);
		cr_assert_str_eq(buf, want);
	}
	static const char *const days[] = { "Monday", "Tuesday",  "Wednesday", "Thursday",
		                            "Friday", "Saturday", "Sunday" };
	for (int i = 0; i < 7; i++) {
		cr_assert(date_format(D("2026-11-23") + i, "%A|%a", buf, sizeof buf));
		char want[32];
		snprintf(want, sizeof want, "%s|%.3s", days[i], days[i]);
		cr_assert_str_eq(buf, want);
	}
}

Test(core_date, format_errors)
{
	char buf[16];
	cxo_day d = D("2026-11-05");
	cr_assert_not(date_format(d, "%H:%M", buf, sizeof buf));
	cr_assert_not(date_format(d, "%Y%", buf, sizeof buf));
	cr_assert_not(date_format(d, "%j", buf, sizeof buf));
	cr_assert_not(date_format(d, NULL, buf, sizeof buf));
	cr_assert_str_eq(buf, "");
	cr_assert_not(date_format(d, "%Y", buf, 0));
	/* Too small: cut, terminated, false */
	char small[6];
	cr_assert_not(date_format(d, "%Y-%m-%d", small, sizeof small));
	cr_assert_str_eq(small, "2026-");
	cr_assert_not(date_format(d, "%B", small, sizeof small));
	cr_assert_str_eq(small, "Novem");
	cr_assert(date_format(d, "%Y-", small, sizeof small));
}

Test(core_date, ago)
{
	char buf[32];
	cxo_day t = D("2026-11-23");
	struct {
		int diff;
		const char *want;
	} cases[] = {
		{ 0, "today" },
		{ -1, "yesterday" },
		{ -2, "2d ago" },
		{ -13, "13d ago" },
		{ -14, "2w ago" },
		{ -20, "2w ago" },
		{ -21, "3w ago" },
		{ -364, "52w ago" },
		{ -365, "1y ago" },
		{ -3000, "8y ago" },
		/* A day still to come reads as date_relative has it. */
		{ 1, "tomorrow" },
		{ 3, "in 3d" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		date_ago(t + cases[i].diff, t, buf, sizeof buf);
		cr_assert_str_eq(buf, cases[i].want, "diff %d", cases[i].diff);
	}
	char small[4];
	date_ago(t - 5, t, small, sizeof small);
	cr_assert_str_eq(small, "5d ");
	date_ago(t, t, small, 0);
}

Test(core_date, relative)
{
	char buf[32];
	cxo_day t = D("2026-11-23");
	struct {
		int diff;
		const char *want;
	} cases[] = {
		{ 0, "today" },       { 1, "tomorrow" },  { -1, "yesterday" }, { 2, "in 2d" },
		{ -2, "2d late" },    { 3, "in 3d" },     { -3, "3d late" },   { 13, "in 13d" },
		{ -13, "13d late" },  { 14, "in 2w" },    { -14, "2w late" },  { 20, "in 2w" },
		{ 21, "in 3w" },      { -20, "2w late" }, { -21, "3w late" },  { 364, "in 52w" },
		{ -364, "52w late" }, { 365, "in 1y" },   { -365, "1y late" }, { 800, "in 2y" },
		{ -3000, "8y late" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		date_relative(t + cases[i].diff, t, buf, sizeof buf);
		cr_assert_str_eq(buf, cases[i].want, "diff %d", cases[i].diff);
	}
	/* Short in every case, for narrow panels */
	for (int diff = -4000; diff <= 4000; diff++) {
		date_relative(t + diff, t, buf, sizeof buf);
		cr_assert(strlen(buf) <= 9, "%d: %s", diff, buf);
	}
	/* Across the whole range, and into small buffers */
	date_relative(D("9999-12-31"), D("1900-01-01"), buf, sizeof buf);
	cr_assert_str_eq(buf, "in 8105y");
	char small[4];
	date_relative(t - 5, t, small, sizeof small);
	cr_assert_str_eq(small, "5d ");
	date_relative(t, t, small, sizeof small);
	cr_assert_str_eq(small, "tod");
	date_relative(t + 400, t, small, sizeof small);
	cr_assert_str_eq(small, "in ");
	char one[1] = { 'x' };
	date_relative(t + 3, t, one, sizeof one);
	cr_assert_str_eq(one, "");
	date_relative(t, t, small, 0);
}

Test(core_date, weekday_parse)
{
	cr_assert_eq(date_weekday_parse("monday"), 0);
	cr_assert_eq(date_weekday_parse("Mon"), 0);
	cr_assert_eq(date_weekday_parse("SUNDAY"), 6);
	cr_assert_eq(date_weekday_parse("fri"), 4);
	cr_assert_eq(date_weekday_parse("fr"), -1);
	cr_assert_eq(date_weekday_parse("fridays"), -1);
	cr_assert_eq(date_weekday_parse(""), -1);
}

Test(core_date, month_iso)
{
	char from[11], to[11];
	int y = 0, m = 0;
	date_month_iso(D("2026-11-23"), &y, &m, from, to);
	cr_assert_eq(y, 2026);
	cr_assert_eq(m, 11);
	cr_assert_str_eq(from, "2026-11-01");
	cr_assert_str_eq(to, "2026-12-01");
	date_month_iso(D("2026-12-31"), NULL, NULL, from, to);
	cr_assert_str_eq(from, "2026-12-01");
	cr_assert_str_eq(to, "2027-01-01", "December runs into the next year");
	date_month_iso(D("2028-02-29"), NULL, &m, from, to);
	cr_assert_eq(m, 2);
	cr_assert_str_eq(to, "2028-03-01");
}
