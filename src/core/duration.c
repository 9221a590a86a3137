/*
 * duration.c: parsing and showing lengths of time.
 *
 * Numbers are read as integers in millionths, never as floating point, so
 * "0.1h" is exactly 6 minutes and rounding is the same everywhere.
 */
#include "cxo/duration.h"

#include "cxo/text.h"

#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define MICRO 1000000LL
/* Integer parts beyond this are far over the limit in any unit. */
#define HUGE_INT 1000000LL

#define DURATION_EXPECTED "expected e.g. 1.5h, 90m, 1h30m, 1:30 or 2 for hours"

static void set_err(char *err, size_t errsz, const char *text, const char *why)
{
	char q[128];
	if (!err || errsz == 0)
		return;
	text_fit(text ? text : "", 40, true, q, sizeof q);
	snprintf(err, errsz, "bad duration \"%s\" (%s)", q, why);
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static void skip_spaces(const char **p)
{
	while (**p == ' ')
		(*p)++;
}

/*
 * A decimal number (12, 1.5, .25) in millionths.  Digits past the sixth
 * decimal are ignored; *huge is set when the integer part is absurd.
 */
static bool parse_number(const char **pp, long long *micro, bool *huge)
{
	const char *p = *pp;
	long long ip = 0, frac = 0, scale = MICRO;
	bool any = false;

	while (is_digit(*p)) {
		if (ip < HUGE_INT)
			ip = ip * 10 + (*p - '0');
		else
			*huge = true;
		p++;
		any = true;
	}
	if (*p == '.') {
		p++;
		bool fd = false;
		while (is_digit(*p)) {
			if (scale > 1) {
				scale /= 10;
				frac += (*p - '0') * scale;
			}
			p++;
			fd = true;
		}
		if (!fd)
			return false; /* "2." is a typo, not 2 hours */
		any = true;
	}
	if (!any)
		return false;
	if (ip >= HUGE_INT)
		*huge = true;
	*micro = ip * MICRO + frac;
	*pp = p;
	return true;
}

enum unit { UNIT_NONE, UNIT_HOURS, UNIT_MINUTES, UNIT_BAD };

static enum unit parse_unit(const char **pp)
{
	static const char *const hours[] = { "h", "hr", "hrs", "hour", "hours", NULL };
	static const char *const mins[] = { "m", "min", "mins", "minute", "minutes", NULL };
	char word[16];
	size_t len = 0;
	const char *p = *pp;

	while ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')) {
		if (len + 1 >= sizeof word)
			return UNIT_BAD;
		word[len++] = *p++;
	}
	word[len] = '\0';
	*pp = p;
	if (len == 0)
		return UNIT_NONE;
	for (int i = 0; hours[i]; i++)
		if (text_ieq(word, hours[i]))
			return UNIT_HOURS;
	for (int i = 0; mins[i]; i++)
		if (text_ieq(word, mins[i]))
			return UNIT_MINUTES;
	return UNIT_BAD;
}

/* H:MM, with minutes 00-59. */
static bool parse_clock(const char *p, long long *micro_minutes, bool *huge)
{
	long long h = 0;
	if (!is_digit(*p))
		return false;
	while (is_digit(*p)) {
		if (h < HUGE_INT)
			h = h * 10 + (*p - '0');
		else
			*huge = true;
		p++;
	}
	if (*p != ':' || !is_digit(p[1]) || !is_digit(p[2]) || p[3] != '\0')
		return false;
	int m = (p[1] - '0') * 10 + (p[2] - '0');
	if (m > 59)
		return false;
	*micro_minutes = (h * 60 + m) * MICRO;
	return true;
}

/*
 * Forms: N (hours), N<hour unit>, N<minute unit>, N<hour unit>M[<minute
 * unit>], H:MM; N may have a fraction; spaces may separate the parts.
 */
static bool parse_terms(const char *p, long long *micro_minutes, bool *huge)
{
	long long v;
	skip_spaces(&p);
	if (!parse_number(&p, &v, huge))
		return false;
	skip_spaces(&p);
	switch (parse_unit(&p)) {
	case UNIT_NONE:
		*micro_minutes = v * 60;
		return *p == '\0';
	case UNIT_MINUTES:
		*micro_minutes = v;
		skip_spaces(&p);
		return *p == '\0';
	case UNIT_HOURS:
		*micro_minutes = v * 60;
		skip_spaces(&p);
		if (*p == '\0')
			return true;
		break;
	default:
		return false;
	}
	/* The minutes after hours: "30m", "30 min" or a bare "30". */
	if (!parse_number(&p, &v, huge))
		return false;
	skip_spaces(&p);
	enum unit u = parse_unit(&p);
	if (u != UNIT_NONE && u != UNIT_MINUTES)
		return false;
	skip_spaces(&p);
	*micro_minutes += v;
	return *p == '\0';
}

bool duration_parse(const char *text, int *minutes, char *err, size_t errsz)
{
	char s[48];
	long long micro = 0;
	bool huge = false;

	if (!text || strlen(text) >= sizeof s) {
		set_err(err, errsz, text, DURATION_EXPECTED);
		return false;
	}
	memcpy(s, text, strlen(text) + 1);
	text_trim(s);
	if (s[0] == '-') {
		set_err(err, errsz, text, "must be more than zero; " DURATION_EXPECTED);
		return false;
	}
	bool ok = strchr(s, ':') ? parse_clock(s, &micro, &huge) : parse_terms(s, &micro, &huge);
	if (!ok) {
		set_err(err, errsz, text, DURATION_EXPECTED);
		return false;
	}
	long long m = (micro + MICRO / 2) / MICRO; /* nearest minute, half up */
	if (!huge && m < 1) {
		set_err(err, errsz, text, "must be at least one minute; " DURATION_EXPECTED);
		return false;
	}
	if (huge || m > DURATION_MAX_MINUTES) {
		set_err(err, errsz, text, "at most 24h; " DURATION_EXPECTED);
		return false;
	}
	if (minutes)
		*minutes = (int)m;
	return true;
}

/* Appends the decimal digits of v at *p. */
static char *put_digits(char *p, unsigned long v)
{
	char rev[24];
	int k = 0;
	do {
		rev[k++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (k)
		*p++ = rev[--k];
	return p;
}

/*
 * Hundredths of an hour in mag minutes, rounded half up: mag * 100 / 60
 * is mag * 5 / 3, whose fraction is 0, 1/3 or 2/3 (never a half), so
 * this is the nearest hundredth.  Split so it cannot overflow.
 */
static unsigned long hundredths_of(unsigned long mag)
{
	return mag / 3 * 5 + (mag % 3 * 5 + 1) / 3;
}

long duration_hundredths(long minutes)
{
	unsigned long mag = minutes < 0 ? 0UL - (unsigned long)minutes : (unsigned long)minutes;
	unsigned long h = hundredths_of(mag);
	/* Only LONG_MIN's and LONG_MAX's hundredths are past a long. */
	if (h > (unsigned long)LONG_MAX)
		h = (unsigned long)LONG_MAX;
	return minutes < 0 ? -(long)h : (long)h;
}

/* Copies the len bytes of tmp into buf, cut to n - 1. */
static void put_out(const char *tmp, size_t len, char *buf, size_t n)
{
	if (len >= n)
		len = n - 1;
	memcpy(buf, tmp, len);
	buf[len] = '\0';
}

/* Appends H:MM for mag minutes. */
static char *put_clock(char *p, unsigned long mag)
{
	p = put_digits(p, mag / 60);
	*p++ = ':';
	*p++ = (char)('0' + mag % 60 / 10);
	*p++ = (char)('0' + mag % 10);
	return p;
}

void duration_format_as(long minutes, enum hours_style style, unsigned flags, char *buf, size_t n)
{
	unsigned long mag = minutes < 0 ? 0UL - (unsigned long)minutes : (unsigned long)minutes;
	bool negative = minutes < 0;
	char tmp[48], *p = tmp;

	if (!buf || n == 0)
		return;
	if (style == HOURS_CLOCK) {
		if (negative)
			*p++ = '-';
		p = put_clock(p, mag);
		put_out(tmp, (size_t)(p - tmp), buf, n);
		return;
	}
	unsigned long h = hundredths_of(mag);
	if (negative && h)
		*p++ = '-'; /* not for a value that shows as zero */
	p = put_digits(p, h / 100);
	if (h % 100 || (flags & DURATION_TWO_PLACES)) {
		*p++ = '.';
		*p++ = (char)('0' + h % 100 / 10);
		if (h % 10 || (flags & DURATION_TWO_PLACES))
			*p++ = (char)('0' + h % 10);
	}
	if (!(flags & DURATION_NO_UNIT))
		*p++ = 'h';
	put_out(tmp, (size_t)(p - tmp), buf, n);
}

void duration_format(long minutes, enum hours_style style, char *buf, size_t n)
{
	duration_format_as(minutes, style, 0, buf, n);
}

void duration_format_total(long minutes, long shown, enum hours_style style, unsigned flags,
                           char *buf, size_t n)
{
	char tmp[96], exact[48];
	if (!buf || n == 0)
		return;
	duration_format_as(minutes, style, flags, tmp, sizeof tmp);
	if (style == HOURS_DECIMAL && duration_hundredths(minutes) != shown) {
		unsigned long mag =
		        minutes < 0 ? 0UL - (unsigned long)minutes : (unsigned long)minutes;
		char *p = exact;
		if (minutes < 0)
			*p++ = '-';
		p = put_clock(p, mag);
		*p = '\0';
		size_t len = strlen(tmp);
		snprintf(tmp + len, sizeof tmp - len, " (%s exactly)", exact);
	}
	put_out(tmp, strlen(tmp), buf, n);
}

/* Hours a month: 20, 12.5, 20h, 12:30, or a duration such as 90m. */
bool budget_parse(const char *text, long *minutes, char *err, size_t errsz)
{
	const char *p = text ? text : "";
	long whole = 0, num = 0, den = 1;
	int ndigits = 0, m;
	char q[128], ignored[8];

	while (is_digit(*p)) {
		whole = whole * 10 + (*p++ - '0');
		ndigits++;
		if (whole > BUDGET_MAX_MINUTES)
			goto bad;
	}
	if (*p == ':' && ndigits && is_digit(p[1]) && is_digit(p[2]) && !p[3]) {
		long mm = (p[1] - '0') * 10 + (p[2] - '0');
		if (mm > 59)
			goto bad;
		*minutes = whole * 60 + mm;
		goto range;
	}
	if (*p == '.') {
		p++;
		while (is_digit(*p)) {
			if (den < 100000) {
				num = num * 10 + (*p - '0');
				den *= 10;
			}
			p++;
			ndigits++;
		}
	}
	if (*p == 'h' || *p == 'H')
		p++;
	if (!*p && ndigits) {
		*minutes = whole * 60 + (num * 60 + den / 2) / den;
		goto range;
	}
	/* 90m, 1h30m ... */
	if (duration_parse(text ? text : "", &m, ignored, sizeof ignored)) {
		*minutes = m;
		return true;
	}
bad:
	if (!err || !errsz)
		return false;
	text_fit(text, 40, true, q, sizeof q);
	snprintf(err, errsz,
	         "bad hours \"%s\" (expected hours a month such as 20, 12.5, 20h or 12:30)", q);
	return false;
range:
	if (*minutes > BUDGET_MAX_MINUTES) {
		if (err && errsz) {
			text_fit(text, 40, true, q, sizeof q);
			snprintf(err, errsz, "\"%s\" is more hours than a month has (at most 744)",
			         q);
		}
		return false;
	}
	return true;
}

bool hours_style_parse(const char *text, enum hours_style *out)
{
	enum hours_style st;
	if (text_ieq(text, "decimal"))
		st = HOURS_DECIMAL;
	else if (text_ieq(text, "clock"))
		st = HOURS_CLOCK;
	else
		return false;
	if (out)
		*out = st;
	return true;
}
