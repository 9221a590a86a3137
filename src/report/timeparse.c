/*
 * timeparse.c: the cells of Harvest and Toggl Track time reports (see
 * timeparse.h).
 */
#include "timeparse.h"

#include <string.h>
#include <strings.h>

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t';
}

/* text without surrounding spaces: [*b, *e). */
static void trim_span(const char *text, const char **b, const char **e)
{
	const char *s = text, *t = text + strlen(text);
	while (s < t && is_space(*s))
		s++;
	while (t > s && is_space(t[-1]))
		t--;
	*b = s;
	*e = t;
}

/* 1 to max digits at *p as a number, *p moved past them. */
static bool digits(const char **p, const char *end, int max, long *out)
{
	long v = 0;
	int n = 0;
	while (*p < end && is_digit(**p)) {
		if (++n > max)
			return false;
		v = v * 10 + (**p - '0');
		(*p)++;
	}
	*out = v;
	return n > 0;
}

static bool valid_ymd(long y, long m, long d, cxo_day *out)
{
	if (y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1 || d > 31)
		return false;
	cxo_day day = date_from_ymd((int)y, (int)m, (int)d);
	int yy, mm, dd;
	date_to_ymd(day, &yy, &mm, &dd);
	if (yy != y || mm != m || dd != d)
		return false;
	*out = day;
	return true;
}

bool timeparse_day(const char *text, cxo_day *out)
{
	const char *p, *e;
	trim_span(text, &p, &e);
	const char *start = p;
	long a, b, c;
	cxo_day day;
	if (!digits(&p, e, 4, &a))
		return false;
	if (p - start == 4 && p < e && *p == '-') {
		const char *q = ++p;
		if (!digits(&p, e, 2, &b) || p - q != 2 || p == e || *p != '-')
			return false;
		q = ++p;
		if (!digits(&p, e, 2, &c) || p - q != 2 || p != e)
			return false;
		if (!valid_ymd(a, b, c, &day))
			return false;
	} else if (p - start <= 2 && p < e && *p == '.') {
		p++;
		if (!digits(&p, e, 2, &b) || p == e || *p != '.')
			return false;
		const char *q = ++p;
		if (!digits(&p, e, 4, &c) || p - q != 4 || p != e)
			return false;
		if (!valid_ymd(c, b, a, &day))
			return false;
	} else {
		return false;
	}
	*out = day;
	return true;
}

bool timeparse_hours(const char *text, int max_minutes, int *minutes)
{
	const char *p, *e;
	trim_span(text, &p, &e);
	long whole = 0, frac = 0, scale = 1;
	bool any = false;
	if (p < e && is_digit(*p)) {
		if (!digits(&p, e, 6, &whole))
			return false;
		any = true;
	}
	if (p < e && (*p == '.' || *p == ',')) {
		p++;
		int n = 0;
		while (p < e && is_digit(*p)) {
			if (++n > 9)
				return false;
			frac = frac * 10 + (*p - '0');
			scale *= 10;
			p++;
		}
		if (n == 0 && !any)
			return false;
		any = true;
	}
	if (!any || p != e)
		return false;
	/* (whole + frac / scale) * 60, rounded half up, in integers. */
	long long num = ((long long)whole * scale + frac) * 60;
	long long m = (num * 2 + scale) / (2LL * scale);
	if (m > max_minutes)
		return false;
	*minutes = (int)m;
	return true;
}

/* H:MM or H:MM:SS from *p to e exactly, the hours of 1 to hdigits
 * digits, minutes and seconds 0 to 59; *s is -1 when not given. */
static bool hm_s(const char *p, const char *e, int hdigits, long *h, long *m, long *s)
{
	*s = -1;
	if (!digits(&p, e, hdigits, h) || p == e || *p != ':')
		return false;
	const char *q = ++p;
	if (!digits(&p, e, 2, m) || p - q != 2 || *m > 59)
		return false;
	if (p < e) {
		if (*p != ':')
			return false;
		q = ++p;
		if (!digits(&p, e, 2, s) || p - q != 2 || *s > 59)
			return false;
	}
	return p == e;
}

bool timeparse_hms(const char *text, long *seconds)
{
	const char *p, *e;
	trim_span(text, &p, &e);
	long h, m, s;
	if (!hm_s(p, e, 3, &h, &m, &s))
		return false;
	*seconds = h * 3600 + m * 60 + (s < 0 ? 0 : s);
	return true;
}

int timeparse_round_minutes(long seconds)
{
	return (int)((seconds + 30) / 60);
}

bool timeparse_clock(const char *text, char out[9])
{
	const char *p, *e;
	trim_span(text, &p, &e);
	int half = 0; /* 1 AM, 2 PM */
	if (e - p >= 2 && (e[-1] == 'M' || e[-1] == 'm')) {
		char c = e[-2];
		if (c == 'A' || c == 'a')
			half = 1;
		else if (c == 'P' || c == 'p')
			half = 2;
		else
			return false;
		e -= 2;
		while (e > p && is_space(e[-1]))
			e--;
	}
	long h, m, s;
	if (!hm_s(p, e, 2, &h, &m, &s))
		return false;
	if (half) {
		if (h < 1 || h > 12)
			return false;
		h = h % 12 + (half == 2 ? 12 : 0);
	} else if (h > 23) {
		return false;
	}
	/* Each is 0 to 59 (hours to 23) here. */
	long parts[3] = { h, m, s };
	int n = s >= 0 ? 3 : 2;
	for (int i = 0; i < n; i++) {
		out[i * 3] = (char)('0' + parts[i] / 10);
		out[i * 3 + 1] = (char)('0' + parts[i] % 10);
		out[i * 3 + 2] = i + 1 < n ? ':' : '\0';
	}
	return true;
}

bool timeparse_yes_no(const char *text, bool *yes)
{
	const char *p, *e;
	trim_span(text, &p, &e);
	size_t n = (size_t)(e - p);
	static const char *const YES[] = { "yes", "y", "true", "1", NULL };
	static const char *const NO[] = { "no", "n", "false", "0", NULL };
	for (int i = 0; YES[i]; i++)
		if (n == strlen(YES[i]) && !strncasecmp(p, YES[i], n)) {
			*yes = true;
			return true;
		}
	for (int i = 0; NO[i]; i++)
		if (n == strlen(NO[i]) && !strncasecmp(p, NO[i], n)) {
			*yes = false;
			return true;
		}
	return false;
}
