/* Unit tests for src/report/timeparse.c: the cells of Harvest and Toggl
 * Track time reports, at every edge. */
#include <criterion/criterion.h>
#include <string.h>

#include "report/timeparse.h"

static void day_is(const char *text, int y, int m, int d)
{
	cxo_day got = -1;
	cr_assert(timeparse_day(text, &got), "\"%s\" refused", text);
	cr_assert_eq(got, date_from_ymd(y, m, d), "\"%s\"", text);
}

static void day_refused(const char *text)
{
	cxo_day got = 12345;
	cr_assert_not(timeparse_day(text, &got), "\"%s\" accepted", text);
	cr_assert_eq(got, 12345, "\"%s\": nothing written", text);
}

Test(timeparse, days)
{
	day_is("2015-01-26", 2015, 1, 26);
	day_is("  2015-01-26 ", 2015, 1, 26);
	day_is("26.01.2015", 2015, 1, 26);
	day_is("6.1.2015", 2015, 1, 6);
	day_is("29.02.2016", 2016, 2, 29);
	day_is("2000-02-29", 2000, 2, 29);
	day_is("1000-01-01", 1000, 1, 1);
	day_is("9999-12-31", 9999, 12, 31);
	day_refused("");
	day_refused("01/26/2015");
	day_refused("26/01/2015");
	day_refused("2015-1-26");
	day_refused("2015-01-26T10:00");
	day_refused("2015-02-29");
	day_refused("29.02.2015");
	day_refused("1900-02-29");
	day_refused("2015-13-01");
	day_refused("2015-00-10");
	day_refused("2015-01-00");
	day_refused("2015-01-32");
	day_refused("32.01.2015");
	day_refused("26.01.15");
	day_refused("0999-12-31");
	day_refused("26.01.2015.");
	day_refused("123.01.2015");
	day_refused("-2015-01-26");
}

static void hours_is(const char *text, int want)
{
	int got = -1;
	cr_assert(timeparse_hours(text, 1440, &got), "\"%s\" refused", text);
	cr_assert_eq(got, want, "\"%s\": %d minutes, not %d", text, got, want);
}

static void hours_refused(const char *text)
{
	int got = 777;
	cr_assert_not(timeparse_hours(text, 1440, &got), "\"%s\" accepted", text);
	cr_assert_eq(got, 777, "\"%s\": nothing written", text);
}

Test(timeparse, decimal_hours)
{
	hours_is("7.5", 450);
	hours_is("7,5", 450);
	hours_is(" 7,50 ", 450);
	hours_is("8", 480);
	hours_is("8.", 480);
	hours_is(".5", 30);
	hours_is(",25", 15);
	hours_is("0", 0);
	hours_is("0.00", 0);
	hours_is("0.33", 20);       /* 19.8 */
	hours_is("0.0083", 0);      /* 0.498 */
	hours_is("0.00834", 1);     /* 0.5004 */
	hours_is("0.008333333", 0); /* 0.49999998 */
	hours_is("24", 1440);
	hours_is("23.999", 1440); /* 1439.94 */
	hours_is("000001.5", 90);
	hours_refused("");
	hours_refused(".");
	hours_refused(",");
	hours_refused("-1");
	hours_refused("+1");
	hours_refused("1e2");
	hours_refused("1.5h");
	hours_refused("1:30");
	hours_refused("1,000.5");
	hours_refused("1.2.3");
	hours_refused("24.01");   /* 1440.6 rounds to 1441 */
	hours_refused("1234567"); /* more than 6 whole digits */
}

Test(timeparse, decimal_hours_limits)
{
	int got = 0;
	/* Nine decimals at most. */
	cr_assert(timeparse_hours("0.123456789", 1440, &got));
	cr_assert_eq(got, 7); /* 7.407 */
	cr_assert_not(timeparse_hours("0.1234567891", 1440, &got));
	cr_assert(timeparse_hours("0.5", 30, &got));
	cr_assert_eq(got, 30);
	cr_assert_not(timeparse_hours("0.51", 30, &got));
}

static void hms_is(const char *text, long want)
{
	long got = -1;
	cr_assert(timeparse_hms(text, &got), "\"%s\" refused", text);
	cr_assert_eq(got, want, "\"%s\": %ld s, not %ld", text, got, want);
}

static void hms_refused(const char *text)
{
	long got = 777;
	cr_assert_not(timeparse_hms(text, &got), "\"%s\" accepted", text);
	cr_assert_eq(got, 777, "\"%s\": nothing written", text);
}

Test(timeparse, hms)
{
	hms_is("01:29:31", 5371);
	hms_is("1:29:31", 5371);
	hms_is("00:00:00", 0);
	hms_is("24:00:00", 86400);
	hms_is("100:00:00", 360000);
	hms_is("999:59:59", 3599999);
	hms_is("1:30", 5400);
	hms_is(" 0:00:29 ", 29);
	hms_refused("");
	hms_refused("1h30");
	hms_refused("1000:00:00");
	hms_refused("1:60:00");
	hms_refused("1:00:60");
	hms_refused("1:5:00");
	hms_refused("1:05:0");
	hms_refused(":05:00");
	hms_refused("1:05:00:00");
	hms_refused("-1:00:00");
	hms_refused("1.5");
}

Test(timeparse, round_minutes)
{
	cr_assert_eq(timeparse_round_minutes(0), 0);
	cr_assert_eq(timeparse_round_minutes(29), 0);
	cr_assert_eq(timeparse_round_minutes(30), 1);
	cr_assert_eq(timeparse_round_minutes(89), 1);
	cr_assert_eq(timeparse_round_minutes(90), 2);
	cr_assert_eq(timeparse_round_minutes(5371), 90);
	cr_assert_eq(timeparse_round_minutes(86429), 1440);
	cr_assert_eq(timeparse_round_minutes(86430), 1441);
}

static void clock_is(const char *text, const char *want)
{
	char got[9] = "unset";
	cr_assert(timeparse_clock(text, got), "\"%s\" refused", text);
	cr_assert_str_eq(got, want, "\"%s\"", text);
}

static void clock_refused(const char *text)
{
	char got[9] = "unset";
	cr_assert_not(timeparse_clock(text, got), "\"%s\" accepted", text);
	cr_assert_str_eq(got, "unset", "\"%s\": nothing written", text);
}

Test(timeparse, clock)
{
	clock_is("09:30", "09:30");
	clock_is("9:30", "09:30");
	clock_is("09:30:15", "09:30:15");
	clock_is("00:00:00", "00:00:00");
	clock_is("23:59:59", "23:59:59");
	clock_is("12:00 AM", "00:00");
	clock_is("12:30:01 am", "00:30:01");
	clock_is("12:00PM", "12:00");
	clock_is("1:05 pm", "13:05");
	clock_is("11:59:59 PM", "23:59:59");
	clock_refused("");
	clock_refused("24:00");
	clock_refused("13:00 PM");
	clock_refused("0:30 AM");
	clock_refused("09:60");
	clock_refused("09:30:60");
	clock_refused("9.30");
	clock_refused("09:3");
	clock_refused("09:30 XM");
	clock_refused("09:30:00:00");
	clock_refused("AM");
}

Test(timeparse, yes_no)
{
	bool b = false;
	cr_assert(timeparse_yes_no("Yes", &b) && b);
	cr_assert(timeparse_yes_no(" TRUE ", &b) && b);
	cr_assert(timeparse_yes_no("1", &b) && b);
	cr_assert(timeparse_yes_no("No", &b) && !b);
	b = true;
	cr_assert(timeparse_yes_no("false", &b) && !b);
	b = true;
	cr_assert(timeparse_yes_no("n", &b) && !b);
	b = true;
	cr_assert_not(timeparse_yes_no("", &b));
	cr_assert_not(timeparse_yes_no("maybe", &b));
	cr_assert_not(timeparse_yes_no("yess", &b));
	cr_assert(b, "nothing written");
}
