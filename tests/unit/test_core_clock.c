/* Unit tests for src/core/clock.c.  Time zones are POSIX TZ strings, so
 * the tests need no time zone database. */
#include "cxo/clock.h"

#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void use_tz(const char *tz)
{
	cr_assert_eq(setenv("TZ", tz, 1), 0);
	tzset();
}

static void init_utc(void)
{
	use_tz("UTC0");
}

TestSuite(core_clock, .init = init_utc);

static cxo_day ymd(int y, int m, int d)
{
	return date_from_ymd(y, m, d);
}

/* Unix time of a UTC date and time, by arithmetic. */
static int64_t utc(int y, int m, int d, int hh, int mm, int ss)
{
	return (int64_t)ymd(y, m, d) * 86400 + hh * 3600 + mm * 60 + ss;
}

Test(core_clock, stamps_round_trip)
{
	static const char *const good[] = {
		"1970-01-01T00:00:00Z", "2026-11-23T14:28:30Z", "2024-02-29T23:59:59Z",
		"9999-12-31T23:59:59Z", "2000-03-01T00:00:00Z",
	};
	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
		int64_t t = -1;
		char back[CLOCK_STAMP_LEN];
		cr_assert(clock_stamp_parse(good[i], &t), "%s", good[i]);
		clock_stamp_format(t, back);
		cr_assert_str_eq(back, good[i]);
	}
	int64_t t = -1;
	cr_assert(clock_stamp_parse("1970-01-01T00:00:00Z", &t));
	cr_assert_eq(t, 0);
	cr_assert(clock_stamp_parse("2026-11-23T14:28:30Z", &t));
	cr_assert_eq(t, utc(2026, 11, 23, 14, 28, 30));
	cr_assert_eq(t, 1795444110); /* date -u -d 2026-11-23T14:28:30Z +%s */
}

Test(core_clock, bad_stamps_are_refused)
{
	static const char *const bad[] = {
		"",
		"2026-11-23",
		"2026-11-23T14:28:30",
		"2026-11-23 14:28:30Z",
		"2026-11-23T14:28:30Z ",
		"2026-11-23T14:28:30+01:00",
		"2023-02-29T10:00:00Z",
		"2026-13-01T10:00:00Z",
		"2026-11-31T10:00:00Z",
		"2026-11-23T24:00:00Z",
		"2026-11-23T23:60:00Z",
		"2026-11-23T23:59:60Z",
		"2026-1a-23T10:00:00Z",
		"+026-11-23T10:00:00Z",
		"0000-01-01T00:00:00Z",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		int64_t t = 42;
		cr_assert(!clock_stamp_parse(bad[i], &t), "\"%s\" accepted", bad[i]);
		cr_assert_eq(t, 42, "\"%s\" wrote a time", bad[i]);
	}
	int64_t t = 42;
	cr_assert(!clock_stamp_parse(NULL, &t));
}

Test(core_clock, stamps_out_of_range_format_as_the_epoch)
{
	char out[CLOCK_STAMP_LEN];
	clock_stamp_format(-1, out);
	cr_assert_str_eq(out, "1970-01-01T00:00:00Z");
	clock_stamp_format(utc(9999, 12, 31, 23, 59, 59) + 1, out);
	cr_assert_str_eq(out, "1970-01-01T00:00:00Z");
}

Test(core_clock, local_day_and_second_in_utc)
{
	cxo_day day = 0;
	int second = -1;
	cr_assert(clock_local(utc(2026, 11, 23, 14, 28, 30), &day, &second));
	cr_assert_eq(day, ymd(2026, 11, 23));
	cr_assert_eq(second, 14 * 3600 + 28 * 60 + 30);
	cr_assert(clock_local(utc(2026, 11, 23, 23, 59, 59), NULL, &second));
	cr_assert_eq(second, 86399);
	cr_assert(clock_local(utc(2026, 11, 24, 0, 0, 0), &day, NULL));
	cr_assert_eq(day, ymd(2026, 11, 24));
}

Test(core_clock, local_day_west_of_greenwich)
{
	use_tz("EST5EDT,M3.2.0,M11.1.0");
	cxo_day day = 0;
	int second = -1;
	/* 03:00 UTC is 22:00 the evening before in New York (EST, UTC-5). */
	int64_t t = utc(2026, 11, 23, 3, 0, 0);
	cr_assert(clock_local(t, &day, &second));
	cr_assert_eq(day, ymd(2026, 11, 22));
	cr_assert_eq(second, 22 * 3600);
	int64_t back = 0;
	cr_assert(clock_moment(day, second, &back));
	cr_assert_eq(back, t);
	/* Summer time: UTC-4. */
	cr_assert(clock_local(utc(2026, 7, 1, 3, 30, 0), &day, &second));
	cr_assert_eq(day, ymd(2026, 6, 30));
	cr_assert_eq(second, 23 * 3600 + 30 * 60);
	char text[CLOCK_TEXT_LEN];
	clock_local_text(t, text, sizeof text);
	cr_assert_str_eq(text, "2026-11-22 22:00");
}

Test(core_clock, moments_across_daylight_saving_changes)
{
	use_tz("CET-1CEST,M3.5.0,M10.5.0/3");
	int64_t t = 0;
	cxo_day day;
	int second;
	/* 2026-03-29 02:30 does not exist in Berlin: it is placed within the
	 * hour around it, on that day. */
	cr_assert(clock_moment(ymd(2026, 3, 29), 2 * 3600 + 30 * 60, &t));
	cr_assert(clock_local(t, &day, &second));
	cr_assert_eq(day, ymd(2026, 3, 29));
	cr_assert(second >= 3600 + 30 * 60 && second <= 3 * 3600 + 30 * 60, "%d", second);
	/* An ordinary winter and summer morning. */
	cr_assert(clock_moment(ymd(2026, 1, 15), 9 * 3600, &t));
	cr_assert_eq(t, utc(2026, 1, 15, 8, 0, 0));
	cr_assert(clock_moment(ymd(2026, 7, 15), 9 * 3600, &t));
	cr_assert_eq(t, utc(2026, 7, 15, 7, 0, 0));
}

Test(core_clock, moment_seconds_out_of_range)
{
	int64_t t = 42;
	cr_assert(!clock_moment(ymd(2026, 11, 23), -1, &t));
	cr_assert(!clock_moment(ymd(2026, 11, 23), 86400, &t));
	cr_assert_eq(t, 42);
	cr_assert(clock_moment(ymd(2026, 11, 23), 0, &t));
	cr_assert_eq(t, utc(2026, 11, 23, 0, 0, 0));
	cr_assert(clock_moment(ymd(2026, 11, 23), 86399, &t));
	cr_assert_eq(t, utc(2026, 11, 23, 23, 59, 59));
}

Test(core_clock, local_text_small_buffers)
{
	char small[5] = "xxxx";
	clock_local_text(utc(2026, 11, 23, 9, 5, 0), small, sizeof small);
	cr_assert_str_eq(small, "2026");
	char full[CLOCK_TEXT_LEN];
	clock_local_text(utc(2026, 11, 23, 9, 5, 0), full, sizeof full);
	cr_assert_str_eq(full, "2026-11-23 09:05");
	char keep = 'k';
	clock_local_text(0, &keep, 0);
	cr_assert_eq(keep, 'k');
}
