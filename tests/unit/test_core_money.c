/* Unit tests for src/core/money.c. */
#include "cxo/money.h"

#include <criterion/criterion.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

static void init_locale(void)
{
	setlocale(LC_CTYPE, "C.UTF-8");
}

TestSuite(core_money, .init = init_locale);

#define FORMS "expected e.g. 225, 225.50 or 1,225.50"

static char last_err[256];

/* Cents for text, or -1 with the message in last_err. */
static int64_t parse(const char *text)
{
	int64_t c = -1;
	last_err[0] = '\0';
	if (!money_parse(text, &c, last_err, sizeof last_err))
		return -1;
	return c;
}

static const char *fmt(int64_t cents, const char *currency)
{
	static char buf[64];
	money_format(cents, currency, buf, sizeof buf);
	return buf;
}

Test(core_money, parse_forms)
{
	cr_assert_eq(parse("225"), 22500);
	cr_assert_eq(parse("225.5"), 22550);
	cr_assert_eq(parse("225.50"), 22550);
	cr_assert_eq(parse("225.05"), 22505);
	cr_assert_eq(parse("1,225.50"), 122550);
	cr_assert_eq(parse("1225.50"), 122550);
	cr_assert_eq(parse("0"), 0);
	cr_assert_eq(parse("0.00"), 0);
	cr_assert_eq(parse("0.01"), 1);
	cr_assert_eq(parse("007"), 700);
	cr_assert_eq(parse("+12"), 1200);
	cr_assert_eq(parse(" 150.00 \n"), 15000);
	cr_assert_eq(parse("1,000"), 100000);
	cr_assert_eq(parse("12,345,678.90"), 1234567890);
	cr_assert_eq(parse("999,999,999,999.99"), 99999999999999LL);
	cr_assert_eq(parse("999999999999.99"), 99999999999999LL);
}

Test(core_money, parse_errors)
{
	const char *bad[] = {
		"",        " ",     "abc",      "$225",         "225$",     "225 USD", "225.",
		".50",     "1,22",  "12,25.00", "1,2250",       "1234,567", ",225",    "1,,225",
		"1,",      "1.2.3", "1.5e3",    "0x10",         "225,50",   "1 225",   "1_225",
		"1,225,5", "++1",   "1.,00",    "\xef\xbc\x91", "1;2",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char want[256];
		cr_assert_eq(parse(bad[i]), -1, "%s", bad[i]);
		snprintf(want, sizeof want, "bad amount \"%s\" (" FORMS ")", bad[i]);
		cr_assert_str_eq(last_err, want);
	}
}

Test(core_money, parse_negative_decimals_and_size)
{
	cr_assert_eq(parse("-5"), -1);
	cr_assert_str_eq(last_err, "bad amount \"-5\" (must not be negative; " FORMS ")");
	cr_assert_eq(parse(" -0.01"), -1);
	cr_assert(strstr(last_err, "must not be negative") != NULL);
	cr_assert_eq(parse("1.234"), -1);
	cr_assert_str_eq(last_err, "bad amount \"1.234\" (at most two decimals; " FORMS ")");
	cr_assert_eq(parse("1.000"), -1);
	cr_assert(strstr(last_err, "at most two decimals") != NULL);
	cr_assert_eq(parse("1,000,000,000,000"), -1);
	cr_assert_str_eq(last_err, "bad amount \"1,000,000,000,000\" (at most 999,999,999,999.99)");
	cr_assert_eq(parse("99999999999999999999999999"), -1);
	cr_assert(strstr(last_err, "at most 999,999,999,999.99") != NULL);
}

Test(core_money, parse_is_safe)
{
	int64_t c = 5;
	char err[256];
	cr_assert_not(money_parse(NULL, &c, err, sizeof err));
	cr_assert_str_eq(err, "bad amount \"\" (" FORMS ")");
	cr_assert_not(money_parse("x", &c, NULL, 0));
	cr_assert_eq(c, 5);
	cr_assert(money_parse("1", NULL, NULL, 0));
	cr_assert_not(money_parse("1\x1b[0m", &c, err, sizeof err));
	cr_assert_str_eq(err, "bad amount \"1[0m\" (" FORMS ")");
	char big[201];
	memset(big, '1', 200);
	big[200] = '\0';
	cr_assert_not(money_parse(big, &c, err, sizeof err));
	cr_assert(strstr(err, "\xe2\x80\xa6\"") != NULL);
	char tiny[4];
	cr_assert_not(money_parse("x", &c, tiny, sizeof tiny));
	cr_assert_str_eq(tiny, "bad");
	cr_assert_eq(c, 5);
}

Test(core_money, format)
{
	cr_assert_str_eq(fmt(122550, NULL), "1,225.50");
	cr_assert_str_eq(fmt(122550, "USD"), "1,225.50 USD");
	cr_assert_str_eq(fmt(122550, ""), "1,225.50");
	cr_assert_str_eq(fmt(0, NULL), "0.00");
	cr_assert_str_eq(fmt(1, NULL), "0.01");
	cr_assert_str_eq(fmt(99, NULL), "0.99");
	cr_assert_str_eq(fmt(100, "EUR"), "1.00 EUR");
	cr_assert_str_eq(fmt(99999, NULL), "999.99");
	cr_assert_str_eq(fmt(100000, NULL), "1,000.00");
	cr_assert_str_eq(fmt(12345678901, NULL), "123,456,789.01");
	cr_assert_str_eq(fmt(100000000, NULL), "1,000,000.00");
	cr_assert_str_eq(fmt(-122550, "USD"), "-1,225.50 USD");
	cr_assert_str_eq(fmt(-1, NULL), "-0.01");
	cr_assert_str_eq(fmt(INT64_MAX, NULL), "92,233,720,368,547,758.07");
	cr_assert_str_eq(fmt(INT64_MIN, NULL), "-92,233,720,368,547,758.08");
	char small[6];
	money_format(122550, "USD", small, sizeof small);
	cr_assert_str_eq(small, "1,225");
	char keep = 'k';
	money_format(1, NULL, &keep, 0);
	cr_assert_eq(keep, 'k');
}

Test(core_money, format_parse_round_trip)
{
	char buf[64];
	int64_t samples[] = {
		0,     1,      10,     99,      100,      999,       1000,
		99999, 100000, 123456, 9999999, 10000000, 123456789, 99999999999999LL
	};
	for (size_t i = 0; i < sizeof samples / sizeof samples[0]; i++) {
		money_format(samples[i], NULL, buf, sizeof buf);
		cr_assert_eq(parse(buf), samples[i], "%s", buf);
	}
	for (int64_t c = 0; c < 200000; c += 7) {
		money_format(c, NULL, buf, sizeof buf);
		if (parse(buf) != c)
			cr_assert_fail("%s", buf);
	}
}

Test(core_money, for_minutes)
{
	cr_assert_eq(money_for_minutes(60, 22500), 22500);
	cr_assert_eq(money_for_minutes(90, 22500), 33750);
	cr_assert_eq(money_for_minutes(45, 20000), 15000);
	cr_assert_eq(money_for_minutes(0, 22500), 0);
	cr_assert_eq(money_for_minutes(60, 0), 0);
	/* 1 minute at 1.00/h = 1.666 cents -> 2; at 0.29/h = 0.483 -> 0 */
	cr_assert_eq(money_for_minutes(1, 100), 2);
	cr_assert_eq(money_for_minutes(1, 29), 0);
	/* exactly half a cent rounds up: 1 minute at 0.30/h = 0.5 cents */
	cr_assert_eq(money_for_minutes(1, 30), 1);
	cr_assert_eq(money_for_minutes(1, 90), 2);        /* 1.5 */
	cr_assert_eq(money_for_minutes(7, 22550), 2631);  /* 2630.83 */
	cr_assert_eq(money_for_minutes(20, 12345), 4115); /* 4115.0 */
	cr_assert_eq(money_for_minutes(10, 12345), 2058); /* 2057.5 */
	/* negatives (corrections) are symmetric */
	cr_assert_eq(money_for_minutes(-90, 22500), -33750);
	cr_assert_eq(money_for_minutes(-1, 30), -1);
	cr_assert_eq(money_for_minutes(90, -22500), -33750);
	cr_assert_eq(money_for_minutes(-90, -22500), 33750);
	/* a month of 24-hour days at the largest rate still fits */
	cr_assert_eq(money_for_minutes(44640, 99999999999999LL), 74399999999999256LL);
	/* saturates rather than overflowing */
	cr_assert_eq(money_for_minutes(LONG_MAX, INT64_MAX), INT64_MAX);
	cr_assert_eq(money_for_minutes(LONG_MIN, INT64_MAX), INT64_MIN);
	cr_assert_eq(money_for_minutes(LONG_MAX, 60), LONG_MAX);
}

Test(core_money, for_minutes_matches_exact_arithmetic)
{
	for (long m = 0; m <= 600; m += 1)
		for (int64_t r = 0; r <= 50000; r += 997) {
			int64_t want = (m * r * 2 + 60) / 120;
			if (money_for_minutes(m, r) != want)
				cr_assert_fail("%ld min at %lld", m, (long long)r);
		}
}

Test(core_money, for_hundredths)
{
	/* The hours as shown times the rate: 0.33h at 225.00 is 74.25. */
	cr_assert_eq(money_for_hundredths(33, 22500), 7425);
	cr_assert_eq(money_for_hundredths(75, 22500), 16875);
	cr_assert_eq(money_for_hundredths(100, 22500), 22500);
	cr_assert_eq(money_for_hundredths(0, 22500), 0);
	cr_assert_eq(money_for_hundredths(250, 0), 0);
	/* Half a cent rounds up: 0.33h at 225.50 = 74.415. */
	cr_assert_eq(money_for_hundredths(33, 22550), 7442);
	cr_assert_eq(money_for_hundredths(1, 49), 0); /* 0.49 cent */
	cr_assert_eq(money_for_hundredths(1, 50), 1); /* 0.5 cent */
	cr_assert_eq(money_for_hundredths(-33, 22550), -7442);
	cr_assert_eq(money_for_hundredths(33, -22550), -7442);
	/* 744 hours at the largest rate still fits; past that it saturates. */
	cr_assert_eq(money_for_hundredths(74400, 99999999999999LL), 74399999999999256LL);
	cr_assert_eq(money_for_hundredths(LONG_MAX, INT64_MAX), INT64_MAX);
	cr_assert_eq(money_for_hundredths(LONG_MIN, INT64_MAX), INT64_MIN);
	for (long h = 0; h <= 3000; h += 7)
		for (int64_t r = 0; r <= 50000; r += 997)
			if (money_for_hundredths(h, r) != (h * r + 50) / 100)
				cr_assert_fail("%ld hundredths at %lld", h, (long long)r);
}

Test(core_money, format_plain)
{
	char buf[32];
	money_format_plain(122550, buf, sizeof buf);
	cr_assert_str_eq(buf, "1225.50");
	money_format_plain(0, buf, sizeof buf);
	cr_assert_str_eq(buf, "0.00");
	money_format_plain(5, buf, sizeof buf);
	cr_assert_str_eq(buf, "0.05");
	money_format_plain(-7425, buf, sizeof buf);
	cr_assert_str_eq(buf, "-74.25");
	money_format_plain(INT64_MIN, buf, sizeof buf);
	cr_assert_str_eq(buf, "-92233720368547758.08");
	money_format_plain(99999999999999LL, buf, sizeof buf);
	cr_assert_str_eq(buf, "999999999999.99");
	char small[4];
	money_format_plain(122550, small, sizeof small);
	cr_assert_str_eq(small, "122");
}

Test(core_money, currency_normalize)
{
	char code[4];
	cr_assert(currency_normalize("usd", code));
	cr_assert_str_eq(code, "USD");
	cr_assert(currency_normalize("Eur", code));
	cr_assert_str_eq(code, "EUR");
	cr_assert(currency_normalize("CHF", code));
	cr_assert_str_eq(code, "CHF");
	const char *bad[] = { "us", "usdx", "",    "u1d", "us ",        "\xc3\xa9ur", "e-u",
		              "US", "USDX", "U1D", "US ", "\xc3\x89UR", "Euro - EUR" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		cr_assert_not(currency_normalize(bad[i], code), "%s", bad[i]);
		cr_assert_str_eq(code, "", "%s", bad[i]);
	}
	cr_assert_not(currency_normalize(NULL, code));
}
