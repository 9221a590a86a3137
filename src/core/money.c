/*
 * money.c: amounts in integer cents.
 */
#include "cxo/money.h"

#include "cxo/text.h"

#include <stdio.h>
#include <string.h>

/* Largest amount accepted: 999,999,999,999.99 (far beyond any rate or
 * invoice, and products with minutes still fit in 64 bits). */
#define MONEY_MAX_CENTS 99999999999999LL

#define MONEY_EXPECTED "expected e.g. 225, 225.50 or 1,225.50"

static void set_err(char *err, size_t errsz, const char *text, const char *why)
{
	char q[128];
	if (!err || errsz == 0)
		return;
	text_fit(text ? text : "", 40, true, q, sizeof q);
	snprintf(err, errsz, "bad amount \"%s\" (%s)", q, why);
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/*
 * Integer part: plain digits, or groups of three after a first group of
 * one to three, separated by commas ("1,225", not "12,25" or "1,2250").
 */
bool money_parse(const char *text, int64_t *cents, char *err, size_t errsz)
{
	char s[64];
	long long units = 0, frac = 0;
	bool huge = false;

	if (!text || strlen(text) >= sizeof s) {
		set_err(err, errsz, text, MONEY_EXPECTED);
		return false;
	}
	memcpy(s, text, strlen(text) + 1);
	text_trim(s);
	const char *p = s;
	if (*p == '-') {
		set_err(err, errsz, text, "must not be negative; " MONEY_EXPECTED);
		return false;
	}
	if (*p == '+')
		p++;

	int group = 0; /* digits in the current group */
	bool commas = false;
	if (!is_digit(*p)) {
		set_err(err, errsz, text, MONEY_EXPECTED);
		return false;
	}
	for (; is_digit(*p) || *p == ','; p++) {
		if (*p == ',') {
			/* The group before a comma: 1-3 digits first, then 3. */
			if (group == 0 || group > 3 || (commas && group != 3) || !is_digit(p[1])) {
				set_err(err, errsz, text, MONEY_EXPECTED);
				return false;
			}
			commas = true;
			group = 0;
			continue;
		}
		group++;
		if (units > MONEY_MAX_CENTS / 100)
			huge = true;
		else
			units = units * 10 + (*p - '0');
	}
	if (commas && group != 3) {
		set_err(err, errsz, text, MONEY_EXPECTED);
		return false;
	}
	if (*p == '.') {
		int nd = 0;
		for (p++; is_digit(*p); p++, nd++)
			if (nd < 2)
				frac = frac * 10 + (*p - '0');
		if (nd == 0 || *p != '\0') {
			set_err(err, errsz, text, MONEY_EXPECTED);
			return false;
		}
		if (nd > 2) {
			set_err(err, errsz, text, "at most two decimals; " MONEY_EXPECTED);
			return false;
		}
		if (nd == 1)
			frac *= 10;
	}
	if (*p != '\0') {
		set_err(err, errsz, text, MONEY_EXPECTED);
		return false;
	}
	long long total = units * 100 + frac;
	if (huge || total > MONEY_MAX_CENTS) {
		set_err(err, errsz, text, "at most 999,999,999,999.99");
		return false;
	}
	if (cents)
		*cents = total;
	return true;
}

void money_format(int64_t cents, const char *currency, char *buf, size_t n)
{
	uint64_t mag = cents < 0 ? 0ULL - (uint64_t)cents : (uint64_t)cents;
	uint64_t units = mag / 100;
	char digits[32], grouped[48];
	int nd = snprintf(digits, sizeof digits, "%llu", (unsigned long long)units);
	size_t g = 0;

	if (!buf || n == 0)
		return;
	for (int i = 0; i < nd; i++) {
		if (i > 0 && (nd - i) % 3 == 0)
			grouped[g++] = ',';
		grouped[g++] = digits[i];
	}
	grouped[g] = '\0';
	if (currency && *currency)
		snprintf(buf, n, "%s%s.%02u %s", cents < 0 ? "-" : "", grouped,
		         (unsigned)(mag % 100), currency);
	else
		snprintf(buf, n, "%s%s.%02u", cents < 0 ? "-" : "", grouped, (unsigned)(mag % 100));
}

/*
 * minutes * rate / 60, half away from zero (half up for the positive
 * amounts cxo bills); saturates instead of overflowing.
 */
int64_t money_for_minutes(long minutes, int64_t rate_cents)
{
	bool neg = (minutes < 0) != (rate_cents < 0);
	uint64_t m = minutes < 0 ? 0ULL - (uint64_t)minutes : (uint64_t)minutes;
	uint64_t r = rate_cents < 0 ? 0ULL - (uint64_t)rate_cents : (uint64_t)rate_cents;
	uint64_t q = r / 60, rem = r % 60, a, b;

	if (m == 0 || r == 0)
		return 0;
	/* m * r / 60 = m * q + m * rem / 60 */
	if (__builtin_mul_overflow(m, q, &a) || __builtin_mul_overflow(m, rem, &b) ||
	    __builtin_add_overflow(a, b / 60 + (b % 60 >= 30), &a) || a > (uint64_t)INT64_MAX)
		return neg ? INT64_MIN : INT64_MAX;
	return neg ? -(int64_t)a : (int64_t)a;
}

void money_format_plain(int64_t cents, char *buf, size_t n)
{
	uint64_t mag = cents < 0 ? 0ULL - (uint64_t)cents : (uint64_t)cents;
	if (!buf || n == 0)
		return;
	snprintf(buf, n, "%s%llu.%02u", cents < 0 ? "-" : "", (unsigned long long)(mag / 100),
	         (unsigned)(mag % 100));
}

/*
 * hundredths * rate / 100, half away from zero (half up for the positive
 * amounts cxo bills); saturates instead of overflowing.
 */
int64_t money_for_hundredths(long hundredths, int64_t rate_cents)
{
	bool neg = (hundredths < 0) != (rate_cents < 0);
	uint64_t h = hundredths < 0 ? 0ULL - (uint64_t)hundredths : (uint64_t)hundredths;
	uint64_t r = rate_cents < 0 ? 0ULL - (uint64_t)rate_cents : (uint64_t)rate_cents;
	uint64_t a;

	if (h == 0 || r == 0)
		return 0;
	if (__builtin_mul_overflow(h, r, &a) || a / 100 + (a % 100 >= 50) > (uint64_t)INT64_MAX)
		return neg ? INT64_MIN : INT64_MAX;
	a = a / 100 + (a % 100 >= 50);
	return neg ? -(int64_t)a : (int64_t)a;
}

bool currency_normalize(const char *text, char out[4])
{
	out[0] = '\0';
	if (!text)
		return false;
	for (int i = 0; i < 3; i++) {
		char c = text[i];
		if (c >= 'a' && c <= 'z')
			c = (char)(c - 'a' + 'A');
		if (c < 'A' || c > 'Z') {
			out[0] = '\0';
			return false;
		}
		out[i] = c;
	}
	out[3] = '\0';
	if (text[3] != '\0') {
		out[0] = '\0';
		return false;
	}
	return true;
}
