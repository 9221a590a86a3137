/*
 * clock.c: local days and times of unix times, and the store's UTC
 * stamps.  localtime_r(3) and mktime(3) are the only time zone code in
 * cxo; everything else goes through here.
 */
#include "cxo/clock.h"
#include "calendar.h"

#include <string.h>
#include <time.h>

#define DAY_SECONDS 86400

bool clock_local(int64_t t, cxo_day *day, int *second)
{
	time_t tt = (time_t)t;
	struct tm tm;
	if ((int64_t)tt != t || !localtime_r(&tt, &tm))
		return false;
	if (day)
		*day = date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
	if (second)
		*second = tm.tm_hour * 3600 + tm.tm_min * 60 + (tm.tm_sec > 59 ? 59 : tm.tm_sec);
	return true;
}

bool clock_moment(cxo_day day, int second, int64_t *t)
{
	if (second < 0 || second >= DAY_SECONDS)
		return false;
	int y, m, d;
	date_to_ymd(day, &y, &m, &d);
	struct tm tm;
	memset(&tm, 0, sizeof tm);
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	tm.tm_hour = second / 3600;
	tm.tm_min = second / 60 % 60;
	tm.tm_sec = second % 60;
	tm.tm_isdst = -1;
	time_t tt = mktime(&tm);
	if (tt == (time_t)-1)
		return false;
	*t = (int64_t)tt;
	return true;
}

/* Writes v as exactly width digits. */
static char *digits(char *p, int v, int width)
{
	for (int i = width - 1; i >= 0; i--) {
		p[i] = (char)('0' + v % 10);
		v /= 10;
	}
	return p + width;
}

void clock_local_text(int64_t t, char *buf, size_t n)
{
	cxo_day day;
	int second;
	char text[CLOCK_TEXT_LEN];
	if (n == 0)
		return;
	if (!clock_local(t, &day, &second)) {
		memcpy(text, "?", 2);
	} else {
		date_format_iso(day, text);
		char *p = text + 10;
		*p++ = ' ';
		p = digits(p, second / 3600, 2);
		*p++ = ':';
		p = digits(p, second / 60 % 60, 2);
		*p = '\0';
	}
	size_t len = strlen(text);
	if (len >= n)
		len = n - 1;
	memcpy(buf, text, len);
	buf[len] = '\0';
}

/* The number in s[0..width), or -1 when any of it is not a digit. */
static int number(const char *s, int width)
{
	int v = 0;
	for (int i = 0; i < width; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

bool clock_stamp_parse(const char *stamp, int64_t *t)
{
	if (!stamp || strlen(stamp) != CLOCK_STAMP_LEN - 1 || stamp[4] != '-' || stamp[7] != '-' ||
	    stamp[10] != 'T' || stamp[13] != ':' || stamp[16] != ':' || stamp[19] != 'Z')
		return false;
	int y = number(stamp, 4), m = number(stamp + 5, 2), d = number(stamp + 8, 2);
	int hh = number(stamp + 11, 2), mm = number(stamp + 14, 2), ss = number(stamp + 17, 2);
	if (y < 0 || m < 0 || d < 0 || hh < 0 || hh > 23 || mm < 0 || mm > 59 || ss < 0 ||
	    ss > 59 || !date_valid_ymd(y, m, d))
		return false;
	*t = (int64_t)date_from_ymd(y, m, d) * DAY_SECONDS + hh * 3600 + mm * 60 + ss;
	return true;
}

void clock_stamp_format(int64_t t, char out[CLOCK_STAMP_LEN])
{
	/* Whole days since 1970 (rounded down), then the second of the day. */
	int64_t days = t / DAY_SECONDS, second = t % DAY_SECONDS;
	if (second < 0) {
		second += DAY_SECONDS;
		days--;
	}
	if (days < 0 || days > date_from_ymd(9999, 12, 31)) {
		memcpy(out, "1970-01-01T00:00:00Z", CLOCK_STAMP_LEN);
		return;
	}
	date_format_iso((cxo_day)days, out);
	char *p = out + 10;
	*p++ = 'T';
	p = digits(p, (int)(second / 3600), 2);
	*p++ = ':';
	p = digits(p, (int)(second / 60 % 60), 2);
	*p++ = ':';
	p = digits(p, (int)(second % 60), 2);
	*p++ = 'Z';
	*p = '\0';
}
