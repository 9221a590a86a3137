/* Unit tests for src/core/duration.c. */
#include "cxo/duration.h"

#include <criterion/criterion.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cxo/text.h"

static void init_locale(void)
{
	setlocale(LC_CTYPE, "C.UTF-8");
}

TestSuite(core_duration, .init = init_locale);

#define FORMS "expected e.g. 1.5h, 90m, 1h30m, 1:30 or 2 for hours"

/* Minutes for text, or -1 with the error in last_err. */
static char last_err[256];

static int parse(const char *text)
{
	int m = -1;
	last_err[0] = '\0';
	if (!duration_parse(text, &m, last_err, sizeof last_err))
		return -1;
	return m;
}

static const char *fmt(long minutes, enum hours_style st)
{
	static char buf[64];
	duration_format(minutes, st, buf, sizeof buf);
	return buf;
}

Test(core_duration, hours_forms)
{
	cr_assert_eq(parse("2"), 120);
	cr_assert_eq(parse("1.5"), 90);
	cr_assert_eq(parse("1.5h"), 90);
	cr_assert_eq(parse("1.5H"), 90);
	cr_assert_eq(parse("0.25h"), 15);
	cr_assert_eq(parse(".25h"), 15);
	cr_assert_eq(parse(".5"), 30);
	cr_assert_eq(parse("2h"), 120);
	cr_assert_eq(parse("2hr"), 120);
	cr_assert_eq(parse("2hrs"), 120);
	cr_assert_eq(parse("1hour"), 60);
	cr_assert_eq(parse("3 hours"), 180);
	cr_assert_eq(parse("2 h"), 120);
	cr_assert_eq(parse("24"), 1440);
	cr_assert_eq(parse("24h"), 1440);
	cr_assert_eq(parse("0.1h"), 6);
	cr_assert_eq(parse("8.0"), 480);
}

Test(core_duration, minute_forms)
{
	cr_assert_eq(parse("90m"), 90);
	cr_assert_eq(parse("90M"), 90);
	cr_assert_eq(parse("45min"), 45);
	cr_assert_eq(parse("45mins"), 45);
	cr_assert_eq(parse("1minute"), 1);
	cr_assert_eq(parse("20 minutes"), 20);
	cr_assert_eq(parse("1m"), 1);
	cr_assert_eq(parse("1440m"), 1440);
	cr_assert_eq(parse("2.5m"), 3); /* half rounds up */
	cr_assert_eq(parse("2.49m"), 2);
}

Test(core_duration, compound_and_clock_forms)
{
	cr_assert_eq(parse("1h30m"), 90);
	cr_assert_eq(parse("1h30"), 90);
	cr_assert_eq(parse("1h 30m"), 90);
	cr_assert_eq(parse("1 h 30 min"), 90);
	cr_assert_eq(parse("1hr15mins"), 75);
	cr_assert_eq(parse("1hours30"), 90);
	cr_assert_eq(parse("2H5M"), 125);
	cr_assert_eq(parse("0h45m"), 45);
	cr_assert_eq(parse("23h60m"), 1440);
	cr_assert_eq(parse("1:30"), 90);
	cr_assert_eq(parse("01:30"), 90);
	cr_assert_eq(parse("0:01"), 1);
	cr_assert_eq(parse("0:45"), 45);
	cr_assert_eq(parse("24:00"), 1440);
	cr_assert_eq(parse("  1.5h\t"), 90);
	cr_assert_eq(parse("\n90m\r\n"), 90);
}

Test(core_duration, rounding_to_nearest_minute)
{
	cr_assert_eq(parse("0.01h"), 1);    /* 0.6 min */
	cr_assert_eq(parse("0.0083h"), -1); /* 0.498 min */
	cr_assert_eq(parse("0.0084h"), 1);  /* 0.504 min */
	cr_assert_eq(parse("1.999h"), 120); /* 119.94 */
	cr_assert_eq(parse("1.991h"), 119); /* 119.46 */
	cr_assert_eq(parse("0.3333333333h"), 20);
	cr_assert_eq(parse("0.5m"), 1);
	cr_assert_eq(parse("1.0000001h"), 60);
	cr_assert_eq(parse("23.99h"), 1439);
	cr_assert_eq(parse("24.008h"), 1440); /* 1440.48 */
	cr_assert_eq(parse("1440.4m"), 1440);
}

Test(core_duration, out_of_range)
{
	cr_assert_eq(parse("0"), -1);
	cr_assert_str_eq(last_err, "bad duration \"0\" (must be at least one minute; " FORMS ")");
	cr_assert_eq(parse("0m"), -1);
	cr_assert_eq(parse("0:00"), -1);
	cr_assert_eq(parse("0h0m"), -1);
	cr_assert_eq(parse("0.001h"), -1);
	cr_assert_str_eq(last_err,
	                 "bad duration \"0.001h\" (must be at least one minute; " FORMS ")");
	cr_assert_eq(parse("0.4m"), -1);
	cr_assert_eq(parse("-1h"), -1);
	cr_assert_str_eq(last_err, "bad duration \"-1h\" (must be more than zero; " FORMS ")");
	cr_assert_eq(parse(" -30m"), -1);
	cr_assert_str_eq(last_err, "bad duration \" -30m\" (must be more than zero; " FORMS ")");
	cr_assert_eq(parse("25h"), -1);
	cr_assert_str_eq(last_err, "bad duration \"25h\" (at most 24h; " FORMS ")");
	cr_assert_eq(parse("24.01h"), -1);
	cr_assert_eq(parse("1441m"), -1);
	cr_assert_eq(parse("24:01"), -1);
	cr_assert_eq(parse("23h61m"), -1);
	cr_assert_eq(parse("1440.5m"), -1);
	cr_assert_eq(parse("99999999999999999999999h"), -1);
	cr_assert_str_eq(last_err,
	                 "bad duration \"99999999999999999999999h\" (at most 24h; " FORMS ")");
	cr_assert_eq(parse("99999999999999999:00"), -1);
	cr_assert(strstr(last_err, "at most 24h") != NULL);
	cr_assert_eq(parse("0.00000000000000000000001h"), -1);
	cr_assert(strstr(last_err, "at least one minute") != NULL);
}

Test(core_duration, syntax_errors_name_text_and_forms)
{
	const char *bad[] = {
		"",
		" ",
		"h",
		"m",
		"abc",
		"1.5x",
		"1,5h",
		"1.5.h",
		"2.",
		"2.h",
		"1:3",
		"1:300",
		"1:60",
		":30",
		"1:",
		"1h30h",
		"30m1h",
		"1m30m",
		"1h30m5",
		"1h30mx",
		"1d",
		"1 day",
		"1.5hh",
		"+1h",
		"1e2",
		"0x10",
		"1h:30",
		"1:30h",
		"1 30",
		"1h 30s",
		"\xe2\x80\x8b\x31h",
		"1h-30m",
		"1_000m",
		"1234567890abcdefghij",
		"1h30m ago",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char want[256];
		cr_assert_eq(parse(bad[i]), -1, "%s", bad[i]);
		/* as it is shown: a zero-width space is dropped */
		char *shown = text_sanitize(bad[i]);
		cr_assert_not_null(shown);
		snprintf(want, sizeof want, "bad duration \"%s\" (" FORMS ")", shown);
		free(shown);
		cr_assert_str_eq(last_err, want);
	}
}

Test(core_duration, errors_are_safe)
{
	int m = 77;
	char err[256];
	cr_assert_not(duration_parse(NULL, &m, err, sizeof err));
	cr_assert_str_eq(err, "bad duration \"\" (" FORMS ")");
	cr_assert_not(duration_parse("x", &m, NULL, 0));
	cr_assert_eq(m, 77);
	char tiny[6];
	cr_assert_not(duration_parse("x", &m, tiny, sizeof tiny));
	cr_assert_str_eq(tiny, "bad d");
	cr_assert(duration_parse("1h", NULL, NULL, 0));
	/* Hostile text is sanitised and cut in the message */
	cr_assert_not(duration_parse("1h\x1b[31m", &m, err, sizeof err));
	cr_assert_str_eq(err, "bad duration \"1h[31m\" (" FORMS ")");
	cr_assert_not(duration_parse("1\n30", &m, err, sizeof err));
	cr_assert_null(strchr(err, '\n'));
	cr_assert_not(duration_parse("\xc0\xaf", &m, err, sizeof err));
	cr_assert(strstr(err, "\"\xef\xbf\xbd\xef\xbf\xbd\"") != NULL);
	char big[201];
	memset(big, '9', 200);
	big[200] = '\0';
	cr_assert_not(duration_parse(big, &m, err, sizeof err));
	cr_assert(strstr(err, "\xe2\x80\xa6\"") != NULL);
	cr_assert(strlen(err) < 200);
	cr_assert_eq(m, 77);
}

Test(core_duration, every_minute_round_trips)
{
	char text[32];
	for (int m = 1; m <= DURATION_MAX_MINUTES; m++) {
		snprintf(text, sizeof text, "%dm", m);
		cr_assert_eq(parse(text), m);
		snprintf(text, sizeof text, "%d:%02d", m / 60, m % 60);
		cr_assert_eq(parse(text), m);
		snprintf(text, sizeof text, "%dh%dm", m / 60, m % 60);
		cr_assert_eq(parse(text), m);
		duration_format(m, HOURS_CLOCK, text, sizeof text);
		cr_assert_eq(parse(text), m, "%s", text);
	}
}

Test(core_duration, format_decimal)
{
	/* Whole hours show bare, halves with one place, the rest with two. */
	cr_assert_str_eq(fmt(870, HOURS_DECIMAL), "14.5h");
	cr_assert_str_eq(fmt(45, HOURS_DECIMAL), "0.75h");
	cr_assert_str_eq(fmt(0, HOURS_DECIMAL), "0h");
	cr_assert_str_eq(fmt(60, HOURS_DECIMAL), "1h");
	cr_assert_str_eq(fmt(90, HOURS_DECIMAL), "1.5h");
	cr_assert_str_eq(fmt(120, HOURS_DECIMAL), "2h");
	cr_assert_str_eq(fmt(305, HOURS_DECIMAL), "5.08h"); /* 5.0833 */
	cr_assert_str_eq(fmt(20, HOURS_DECIMAL), "0.33h");  /* 0.3333 */
	cr_assert_str_eq(fmt(40, HOURS_DECIMAL), "0.67h");  /* 0.6667 */
	cr_assert_str_eq(fmt(6, HOURS_DECIMAL), "0.1h");
	cr_assert_str_eq(fmt(3, HOURS_DECIMAL), "0.05h");
	cr_assert_str_eq(fmt(15, HOURS_DECIMAL), "0.25h");
	/* The smallest entry is never shown as nothing. */
	cr_assert_str_eq(fmt(1, HOURS_DECIMAL), "0.02h"); /* 0.0167 */
	cr_assert_str_eq(fmt(2, HOURS_DECIMAL), "0.03h"); /* 0.0333 */
	cr_assert_str_eq(fmt(4, HOURS_DECIMAL), "0.07h"); /* 0.0667 */
	/* Around an hour: 59 minutes is 0.9833, so 0.98, not 1. */
	cr_assert_str_eq(fmt(59, HOURS_DECIMAL), "0.98h");
	cr_assert_str_eq(fmt(61, HOURS_DECIMAL), "1.02h");
	cr_assert_str_eq(fmt(1439, HOURS_DECIMAL), "23.98h");
	cr_assert_str_eq(fmt(1440, HOURS_DECIMAL), "24h");
	cr_assert_str_eq(fmt(750, HOURS_DECIMAL), "12.5h");
	cr_assert_str_eq(fmt(740, HOURS_DECIMAL), "12.33h");
	cr_assert_str_eq(fmt(60000, HOURS_DECIMAL), "1000h");
	cr_assert_str_eq(fmt(60001, HOURS_DECIMAL), "1000.02h");
	cr_assert_str_eq(fmt(44640, HOURS_DECIMAL), "744h");
	cr_assert_str_eq(fmt(-45, HOURS_DECIMAL), "-0.75h");
	cr_assert_str_eq(fmt(-870, HOURS_DECIMAL), "-14.5h");
	cr_assert_str_eq(fmt(-1, HOURS_DECIMAL), "-0.02h");
	cr_assert_str_eq(fmt(LONG_MAX, HOURS_DECIMAL), "153722867280912930.12h");
	cr_assert_str_eq(fmt(LONG_MIN, HOURS_DECIMAL), "-153722867280912930.13h");
}

/* The brief's case: 2.5h, three 45-minute entries and one of 20 minutes. */
Test(core_duration, rows_add_up_to_the_total)
{
	static const long rows[] = { 150, 45, 45, 45, 20 };
	long minutes = 0, shown = 0;
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		minutes += rows[i];
		shown += duration_hundredths(rows[i]);
	}
	cr_assert_eq(minutes, 305);
	cr_assert_eq(shown, 250 + 75 + 75 + 75 + 33);
	cr_assert_eq(shown, duration_hundredths(minutes));
	char buf[64];
	duration_format_total(minutes, shown, HOURS_DECIMAL, 0, buf, sizeof buf);
	cr_assert_str_eq(buf, "5.08h");
}

Test(core_duration, hundredths)
{
	cr_assert_eq(duration_hundredths(0), 0);
	cr_assert_eq(duration_hundredths(1), 2);
	cr_assert_eq(duration_hundredths(2), 3);
	cr_assert_eq(duration_hundredths(3), 5);
	cr_assert_eq(duration_hundredths(20), 33);
	cr_assert_eq(duration_hundredths(40), 67);
	cr_assert_eq(duration_hundredths(45), 75);
	cr_assert_eq(duration_hundredths(60), 100);
	cr_assert_eq(duration_hundredths(-20), -33);
	cr_assert_eq(duration_hundredths(LONG_MAX), LONG_MAX); /* saturates */
	cr_assert_eq(duration_hundredths(LONG_MIN), -LONG_MAX);
	/* The nearest hundredth, for every minute of several days. */
	for (long m = 0; m <= 10000; m++) {
		long h = duration_hundredths(m);
		/* |h / 100 - m / 60| <= 1/200, i.e. |60h - 100m| * 2 <= 60. */
		long diff = 60 * h - 100 * m;
		cr_assert(diff * 2 <= 60 && diff * 2 >= -60, "%ld minutes: %ld", m, h);
		cr_assert(diff * 2 != 60 && diff * 2 != -60, "%ld: a tie", m);
		cr_assert_eq(duration_hundredths(-m), -h);
	}
}

Test(core_duration, format_flags)
{
	char buf[64];
	duration_format_as(45, HOURS_DECIMAL, DURATION_NO_UNIT, buf, sizeof buf);
	cr_assert_str_eq(buf, "0.75");
	duration_format_as(120, HOURS_DECIMAL, DURATION_NO_UNIT, buf, sizeof buf);
	cr_assert_str_eq(buf, "2");
	duration_format_as(120, HOURS_DECIMAL, DURATION_TWO_PLACES, buf, sizeof buf);
	cr_assert_str_eq(buf, "2.00h");
	duration_format_as(90, HOURS_DECIMAL, DURATION_TWO_PLACES | DURATION_NO_UNIT, buf,
	                   sizeof buf);
	cr_assert_str_eq(buf, "1.50");
	duration_format_as(3, HOURS_DECIMAL, DURATION_TWO_PLACES | DURATION_NO_UNIT, buf,
	                   sizeof buf);
	cr_assert_str_eq(buf, "0.05");
	duration_format_as(0, HOURS_DECIMAL, DURATION_TWO_PLACES | DURATION_NO_UNIT, buf,
	                   sizeof buf);
	cr_assert_str_eq(buf, "0.00");
	duration_format_as(-1, HOURS_DECIMAL, DURATION_TWO_PLACES | DURATION_NO_UNIT, buf,
	                   sizeof buf);
	cr_assert_str_eq(buf, "-0.02");
	/* The clock is exact already: no flag changes it. */
	duration_format_as(45, HOURS_CLOCK, DURATION_TWO_PLACES | DURATION_NO_UNIT, buf,
	                   sizeof buf);
	cr_assert_str_eq(buf, "0:45");
}

Test(core_duration, format_total)
{
	char buf[64];
	/* Three rows of 20 minutes show 0.33h each, 0.99h together. */
	duration_format_total(60, 3 * duration_hundredths(20), HOURS_DECIMAL, 0, buf, sizeof buf);
	cr_assert_str_eq(buf, "1h (1:00 exactly)");
	duration_format_total(60, 100, HOURS_DECIMAL, 0, buf, sizeof buf);
	cr_assert_str_eq(buf, "1h");
	/* Two rows of one minute show 0.02h each; the total is 0.03h. */
	duration_format_total(2, 4, HOURS_DECIMAL, 0, buf, sizeof buf);
	cr_assert_str_eq(buf, "0.03h (0:02 exactly)");
	duration_format_total(305, 507, HOURS_DECIMAL, DURATION_NO_UNIT, buf, sizeof buf);
	cr_assert_str_eq(buf, "5.08 (5:05 exactly)");
	duration_format_total(-60, -99, HOURS_DECIMAL, 0, buf, sizeof buf);
	cr_assert_str_eq(buf, "-1h (-1:00 exactly)");
	/* The clock style is exact: never a note. */
	duration_format_total(60, 99, HOURS_CLOCK, 0, buf, sizeof buf);
	cr_assert_str_eq(buf, "1:00");
	char small[8];
	duration_format_total(60, 99, HOURS_DECIMAL, 0, small, sizeof small);
	cr_assert_str_eq(small, "1h (1:0");
	char keep = 'k';
	duration_format_total(60, 99, HOURS_DECIMAL, 0, &keep, 0);
	cr_assert_eq(keep, 'k');
	duration_format_total(60, 99, HOURS_DECIMAL, 0, NULL, 8);
}

Test(core_duration, format_clock)
{
	cr_assert_str_eq(fmt(870, HOURS_CLOCK), "14:30");
	cr_assert_str_eq(fmt(0, HOURS_CLOCK), "0:00");
	cr_assert_str_eq(fmt(5, HOURS_CLOCK), "0:05");
	cr_assert_str_eq(fmt(45, HOURS_CLOCK), "0:45");
	cr_assert_str_eq(fmt(60, HOURS_CLOCK), "1:00");
	cr_assert_str_eq(fmt(1440, HOURS_CLOCK), "24:00");
	cr_assert_str_eq(fmt(6005, HOURS_CLOCK), "100:05");
	cr_assert_str_eq(fmt(-45, HOURS_CLOCK), "-0:45");
	cr_assert_str_eq(fmt(-870, HOURS_CLOCK), "-14:30");
	cr_assert_str_eq(fmt(LONG_MIN, HOURS_CLOCK), "-153722867280912930:08");
}

Test(core_duration, format_small_buffers)
{
	char buf[4];
	duration_format(870, HOURS_DECIMAL, buf, sizeof buf);
	cr_assert_str_eq(buf, "14.");
	duration_format(870, HOURS_CLOCK, buf, sizeof buf);
	cr_assert_str_eq(buf, "14:");
	char keep = 'k';
	duration_format(870, HOURS_CLOCK, &keep, 0);
	cr_assert_eq(keep, 'k');
}

Test(core_duration, decimal_matches_arithmetic)
{
	char buf[32], want[32];
	for (long m = 0; m <= 6000; m++) {
		/* The nearest hundredth, in floating point for once. */
		long h = (long)(m * 100.0 / 60.0 + 0.5);
		if (h % 100 == 0)
			snprintf(want, sizeof want, "%ldh", h / 100);
		else if (h % 10 == 0)
			snprintf(want, sizeof want, "%ld.%ldh", h / 100, h % 100 / 10);
		else
			snprintf(want, sizeof want, "%ld.%02ldh", h / 100, h % 100);
		duration_format(m, HOURS_DECIMAL, buf, sizeof buf);
		cr_assert_str_eq(buf, want);
		duration_format_as(m, HOURS_DECIMAL, DURATION_TWO_PLACES | DURATION_NO_UNIT, buf,
		                   sizeof buf);
		snprintf(want, sizeof want, "%ld.%02ld", h / 100, h % 100);
		cr_assert_str_eq(buf, want);
	}
}

/* What a form pre-fills is read back as the same minutes, in either
 * style: two places of an hour (36 seconds) are closer than half a
 * minute. */
Test(core_duration, shown_text_reads_back)
{
	char text[32];
	for (int m = 1; m <= DURATION_MAX_MINUTES; m++) {
		duration_format(m, HOURS_DECIMAL, text, sizeof text);
		cr_assert_eq(parse(text), m, "%s", text);
		duration_format(m, HOURS_CLOCK, text, sizeof text);
		cr_assert_eq(parse(text), m, "%s", text);
	}
	for (long m = 0; m <= BUDGET_MAX_MINUTES; m++) {
		long back = -1;
		char err[128];
		duration_format(m, HOURS_DECIMAL, text, sizeof text);
		cr_assert(budget_parse(text, &back, err, sizeof err), "%s: %s", text, err);
		cr_assert_eq(back, m, "%s", text);
		duration_format(m, HOURS_CLOCK, text, sizeof text);
		cr_assert(budget_parse(text, &back, err, sizeof err), "%s: %s", text, err);
		cr_assert_eq(back, m, "%s", text);
	}
}

Test(core_duration, hours_style_parse)
{
	enum hours_style st = HOURS_CLOCK;
	cr_assert(hours_style_parse("decimal", &st));
	cr_assert_eq(st, HOURS_DECIMAL);
	cr_assert(hours_style_parse("Clock", &st));
	cr_assert_eq(st, HOURS_CLOCK);
	cr_assert(hours_style_parse("DECIMAL", NULL));
	cr_assert_not(hours_style_parse("", &st));
	cr_assert_not(hours_style_parse("dec", &st));
	cr_assert_not(hours_style_parse("clocks", &st));
	cr_assert_not(hours_style_parse(NULL, &st));
	cr_assert_eq(st, HOURS_CLOCK);
}

/* The monthly budget, as the shell and the dashboard both take it. */
Test(core_duration, budget)
{
	static const struct {
		const char *text;
		long minutes;
	} ok[] = {
		{ "20", 1200 },   { "12.5", 750 }, { "20h", 1200 },     { "20H", 1200 },
		{ "12:30", 750 }, { "0", 0 },      { "744", 744 * 60 }, { "90m", 90 },
		{ "1h30m", 90 },  { "0.25", 15 },
	};
	char err[256];
	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		long m = -1;
		cr_assert(budget_parse(ok[i].text, &m, err, sizeof err), "%s: %s", ok[i].text, err);
		cr_assert_eq(m, ok[i].minutes, "%s: %ld", ok[i].text, m);
	}
	/* No exponent, no hex, nothing past a month. */
	static const char *const bad[] = { "1e2",  "0x10", "",    "-5",         "12:75",
		                           "12:3", "abc",  "745", "99999999999" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		long m;
		err[0] = '\0';
		cr_assert_not(budget_parse(bad[i], &m, err, sizeof err), "%s accepted", bad[i]);
		cr_assert(strstr(err, "hours"), "%s: %s", bad[i], err);
	}
	long m;
	cr_assert_not(budget_parse("745", &m, err, sizeof err));
	cr_assert_not_null(strstr(err, "at most 744"), "%s", err);
	cr_assert_not(budget_parse("\x1b[2J", &m, err, sizeof err));
	cr_assert_null(strchr(err, '\x1b'), "the message is sanitised");
}
