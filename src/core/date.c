/*
 * date.c: calendar arithmetic on day numbers and the date words users type.
 *
 * Day numbers convert to and from the proleptic Gregorian calendar with
 * Howard Hinnant's days_from_civil / civil_from_days algorithms, which are
 * exact for every year and need no tables or time zone.
 */
#include "cxo/date.h"
#include "calendar.h"

#include "cxo/text.h"

#include <stdio.h>
#include <string.h>

#define YEAR_MIN 1900
#define YEAR_MAX 9999

#define DATE_EXPECTED                                                                              \
	"expected YYYY-MM-DD, today, yesterday, tomorrow, a weekday, +3d, -2w, +1m, eow or eom"

static const char *const wd_names[7] = { "monday", "tuesday",  "wednesday", "thursday",
	                                 "friday", "saturday", "sunday" };
static const char *const wd_short[7] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };
static const char *const wd_long[7] = { "Monday", "Tuesday",  "Wednesday", "Thursday",
	                                "Friday", "Saturday", "Sunday" };
static const char *const mon_short[12] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
	                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
static const char *const mon_long[12] = { "January",   "February", "March",    "April",
	                                  "May",       "June",     "July",     "August",
	                                  "September", "October",  "November", "December" };

/* The user's text, sanitised and shortened, for an error message. */
static void quote(const char *text, char *q, size_t n)
{
	text_fit(text ? text : "", 40, true, q, n);
}

static void set_err(char *err, size_t errsz, const char *what, const char *text, const char *why)
{
	char q[128];
	if (!err || errsz == 0)
		return;
	quote(text, q, sizeof q);
	snprintf(err, errsz, "bad %s \"%s\" (%s)", what, q, why);
}

static bool is_leap(long y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int date_days_in_month(int y, int m)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (m < 1 || m > 12)
		return 0;
	return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

/* Calendar-valid and within the years cxo handles (1900..9999). */
bool date_valid_ymd(int y, int m, int d)
{
	return y >= YEAR_MIN && y <= YEAR_MAX && m >= 1 && m <= 12 && d >= 1 &&
	       d <= date_days_in_month(y, m);
}

cxo_day date_from_ymd(int y, int m, int d)
{
	long long yy = (long long)y - (m <= 2);
	long long era = (yy >= 0 ? yy : yy - 399) / 400;
	long long yoe = yy - era * 400;
	long long doy = (153LL * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (cxo_day)(era * 146097 + doe - 719468);
}

void date_to_ymd(cxo_day day, int *y, int *m, int *d)
{
	long long z = (long long)day + 719468;
	long long era = (z >= 0 ? z : z - 146096) / 146097;
	long long doe = z - era * 146097;
	long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long long mp = (5 * doy + 2) / 153;
	int dd = (int)(doy - (153 * mp + 2) / 5 + 1);
	int mm = (int)(mp < 10 ? mp + 3 : mp - 9);
	long long yy = yoe + era * 400 + (mm <= 2);
	if (y)
		*y = (int)yy;
	if (m)
		*m = mm;
	if (d)
		*d = dd;
}

int date_weekday(cxo_day day)
{
	/* 1970-01-01 was a Thursday (ISO 3). */
	long long r = ((long long)day + 3) % 7;
	return (int)(r < 0 ? r + 7 : r);
}

cxo_day date_next_month(int y, int m)
{
	return m >= 12 ? date_from_ymd(y + 1, 1, 1) : date_from_ymd(y, m + 1, 1);
}

void date_month_iso(cxo_day day, int *y, int *m, char *from, char *to)
{
	int yy, mm, dd;
	date_to_ymd(day, &yy, &mm, &dd);
	date_format_iso(date_from_ymd(yy, mm, 1), from);
	date_format_iso(date_next_month(yy, mm), to);
	if (y)
		*y = yy;
	if (m)
		*m = mm;
}

static int norm_week_start(int week_start)
{
	int w = week_start % 7;
	return w < 0 ? w + 7 : w;
}

cxo_day date_week_start(cxo_day day, int week_start)
{
	int back = (date_weekday(day) - norm_week_start(week_start) + 7) % 7;
	return day - back;
}

bool date_is_workday(cxo_day day, unsigned workdays)
{
	return (workdays >> date_weekday(day)) & 1u;
}

int date_count_workdays(cxo_day from, cxo_day to, unsigned workdays)
{
	if (to < from)
		return 0;
	int per_week = 0;
	for (int i = 0; i < 7; i++)
		per_week += (workdays >> i) & 1u;
	long long span = (long long)to - from + 1;
	long long count = span / 7 * per_week;
	/* The remaining days start on from's weekday. */
	for (long long i = 0; i < span % 7; i++)
		count += date_is_workday(from + (cxo_day)i, workdays);
	return (int)count;
}

/* Exactly count ASCII digits. */
static bool digits(const char *s, int count, int *out)
{
	int v = 0;
	for (int i = 0; i < count; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return true;
}

static bool iso_shape(const char *s, int *y, int *m, int *d)
{
	return strlen(s) == 10 && digits(s, 4, y) && s[4] == '-' && digits(s + 5, 2, m) &&
	       s[7] == '-' && digits(s + 8, 2, d);
}

bool date_parse_iso(const char *text, cxo_day *out)
{
	int y, m, d;
	if (!text || !iso_shape(text, &y, &m, &d) || !date_valid_ymd(y, m, d))
		return false;
	if (out)
		*out = date_from_ymd(y, m, d);
	return true;
}

static bool in_range(long long day)
{
	return day >= date_from_ymd(YEAR_MIN, 1, 1) && day <= date_from_ymd(YEAR_MAX, 12, 31);
}

/* Copies text without surrounding ASCII space; false when too long. */
static bool trimmed_copy(const char *text, char *buf, size_t n)
{
	size_t len = strlen(text);
	if (len >= n)
		return false;
	memcpy(buf, text, len + 1);
	text_trim(buf);
	return true;
}

/* "+Nd", "-2w", "+1m": sign, 1-6 digits, unit. */
static bool parse_offset(const char *s, cxo_day today, long long *out)
{
	int sign = s[0] == '+' ? 1 : s[0] == '-' ? -1 : 0;
	if (!sign)
		return false;
	s++;
	long long n = 0;
	int nd = 0;
	while (*s >= '0' && *s <= '9') {
		if (++nd > 6)
			return false;
		n = n * 10 + (*s++ - '0');
	}
	if (nd == 0 || s[0] == '\0' || s[1] != '\0')
		return false;
	n *= sign;
	switch (*s) {
	case 'd':
	case 'D':
		*out = today + n;
		return true;
	case 'w':
	case 'W':
		*out = today + 7 * n;
		return true;
	case 'm':
	case 'M': {
		int y, m, d;
		date_to_ymd(today, &y, &m, &d);
		long long months = (long long)y * 12 + (m - 1) + n;
		long long ny = months / 12;
		int nm = (int)(months % 12) + 1;
		if (ny < YEAR_MIN || ny > YEAR_MAX) {
			*out = ny < YEAR_MIN ? -(1LL << 40) : (1LL << 40);
			return true;
		}
		int dim = date_days_in_month((int)ny, nm);
		*out = date_from_ymd((int)ny, nm, d > dim ? dim : d);
		return true;
	}
	default:
		return false;
	}
}

int date_weekday_parse(const char *s)
{
	for (int i = 0; i < 7; i++) {
		char abbr[4];
		memcpy(abbr, wd_names[i], 3);
		abbr[3] = '\0';
		if (text_ieq(s, wd_names[i]) || text_ieq(s, abbr))
			return i;
	}
	return -1;
}

bool date_parse(const char *text, cxo_day today, int week_start, cxo_day *out, char *err,
                size_t errsz)
{
	char s[32];
	long long day;
	int y, m, d, wd;

	if (!text || !trimmed_copy(text, s, sizeof s) || s[0] == '\0') {
		set_err(err, errsz, "date", text, DATE_EXPECTED);
		return false;
	}
	if (iso_shape(s, &y, &m, &d)) {
		if (y < YEAR_MIN || y > YEAR_MAX) {
			set_err(err, errsz, "date", text, "years 1900 to 9999");
			return false;
		}
		if (m < 1 || m > 12) {
			set_err(err, errsz, "date", text, "month 01 to 12; " DATE_EXPECTED);
			return false;
		}
		if (d < 1 || d > date_days_in_month(y, m)) {
			char why[64];
			snprintf(why, sizeof why, "%04d-%02d has %d days", y, m,
			         date_days_in_month(y, m));
			set_err(err, errsz, "date", text, why);
			return false;
		}
		day = date_from_ymd(y, m, d);
	} else if (text_ieq(s, "today")) {
		day = today;
	} else if (text_ieq(s, "yesterday")) {
		day = (long long)today - 1;
	} else if (text_ieq(s, "tomorrow")) {
		day = (long long)today + 1;
	} else if (text_ieq(s, "eom")) {
		date_to_ymd(today, &y, &m, &d);
		day = (long long)date_next_month(y, m) - 1;
	} else if (text_ieq(s, "eow")) {
		day = (long long)date_week_start(today, week_start) + 6;
	} else if ((wd = date_weekday_parse(s)) >= 0) {
		int ahead = (wd - date_weekday(today) + 7) % 7;
		day = (long long)today + (ahead ? ahead : 7);
	} else if (!parse_offset(s, today, &day)) {
		set_err(err, errsz, "date", text, DATE_EXPECTED);
		return false;
	}
	if (!in_range(day)) {
		set_err(err, errsz, "date", text, "must fall between 1900-01-01 and 9999-12-31");
		return false;
	}
	if (out)
		*out = (cxo_day)day;
	return true;
}

bool month_parse(const char *text, cxo_day today, int *y, int *m, char *err, size_t errsz)
{
	static const char expected[] = "expected YYYY-MM, this, last or next";
	char s[16];
	int yy, mm, dd;

	if (!text || !trimmed_copy(text, s, sizeof s)) {
		set_err(err, errsz, "month", text, expected);
		return false;
	}
	date_to_ymd(today, &yy, &mm, &dd);
	if (text_ieq(s, "this")) {
		/* today's month */
	} else if (text_ieq(s, "last")) {
		if (--mm == 0) {
			mm = 12;
			yy--;
		}
	} else if (text_ieq(s, "next")) {
		if (++mm == 13) {
			mm = 1;
			yy++;
		}
	} else if (strlen(s) == 7 && digits(s, 4, &yy) && s[4] == '-' && digits(s + 5, 2, &mm)) {
		if (mm < 1 || mm > 12) {
			set_err(err, errsz, "month", text,
			        "month 01 to 12; expected YYYY-MM, this, last or next");
			return false;
		}
	} else {
		set_err(err, errsz, "month", text, expected);
		return false;
	}
	if (yy < YEAR_MIN || yy > YEAR_MAX) {
		set_err(err, errsz, "month", text, "years 1900 to 9999");
		return false;
	}
	if (y)
		*y = yy;
	if (m)
		*m = mm;
	return true;
}

/* Accepts H:MM or HH:MM. */
bool clock_parse(const char *text, int *minutes, char *err, size_t errsz)
{
	static const char expected[] = "expected HH:MM, 00:00 to 23:59";
	char s[16];
	int h, mi;

	if (!text || !trimmed_copy(text, s, sizeof s)) {
		set_err(err, errsz, "time", text, expected);
		return false;
	}
	size_t len = strlen(s);
	const char *colon = strchr(s, ':');
	int hd = colon ? (int)(colon - s) : 0;
	if (!colon || hd < 1 || hd > 2 || len != (size_t)hd + 3 || !digits(s, hd, &h) ||
	    !digits(colon + 1, 2, &mi) || h > 23 || mi > 59) {
		set_err(err, errsz, "time", text, expected);
		return false;
	}
	if (minutes)
		*minutes = h * 60 + mi;
	return true;
}

/* Writes v as exactly width digits (v is known to fit). */
static void put_digits(char *p, int v, int width)
{
	for (int i = width - 1; i >= 0; i--) {
		p[i] = (char)('0' + v % 10);
		v /= 10;
	}
}

void date_format_iso(cxo_day day, char *buf)
{
	int y, m, d;
	date_to_ymd(day, &y, &m, &d);
	/* Day numbers outside years 0000..9999 would need more room: clamp. */
	if (y < 0) {
		y = 0;
		m = d = 1;
	} else if (y > 9999) {
		y = 9999;
		m = 12;
		d = 31;
	}
	put_digits(buf, y, 4);
	buf[4] = '-';
	put_digits(buf + 5, m, 2);
	buf[7] = '-';
	put_digits(buf + 8, d, 2);
	buf[10] = '\0';
}

/* Appends src; false (with the output cut) when it does not fit. */
static bool put(char *buf, size_t n, size_t *used, const char *src)
{
	size_t len = strlen(src);
	if (*used + len >= n) {
		size_t room = n - 1 - *used;
		memcpy(buf + *used, src, room);
		*used += room;
		buf[*used] = '\0';
		return false;
	}
	memcpy(buf + *used, src, len + 1);
	*used += len;
	return true;
}

/*
 * Returns false for an unknown conversion, a trailing '%', or output that
 * does not fit in n bytes (buf then holds what fitted).
 */
/* v in decimal, padded to width with pad as printf's %0Nd and %Nd do
 * (a minus sign counts in the width and zeros follow it). */
static void put_number(char tmp[16], int v, int width, char pad)
{
	char rev[12];
	int k = 0, i = 0;
	unsigned u = v < 0 ? 0u - (unsigned)v : (unsigned)v;
	do {
		rev[k++] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (v < 0 && pad == '0')
		tmp[i++] = '-';
	for (int p = k + (v < 0); p < width; p++)
		tmp[i++] = pad;
	if (v < 0 && pad != '0')
		tmp[i++] = '-';
	while (k)
		tmp[i++] = rev[--k];
	tmp[i] = '\0';
}

bool date_format(cxo_day day, const char *fmt, char *buf, size_t n)
{
	int y, m, d;
	size_t used = 0;
	char tmp[16];

	if (!buf || n == 0)
		return false;
	buf[0] = '\0';
	if (!fmt)
		return false;
	date_to_ymd(day, &y, &m, &d);
	int wd = date_weekday(day);
	for (const char *p = fmt; *p; p++) {
		const char *src = tmp;
		if (*p != '%') {
			tmp[0] = *p;
			tmp[1] = '\0';
		} else {
			switch (*++p) {
			case 'Y':
				put_number(tmp, y, 4, '0');
				break;
			case 'm':
				put_number(tmp, m, 2, '0');
				break;
			case 'd':
				put_number(tmp, d, 2, '0');
				break;
			case 'e':
				put_number(tmp, d, 2, ' ');
				break;
			case 'b':
				src = mon_short[m - 1];
				break;
			case 'B':
				src = mon_long[m - 1];
				break;
			case 'a':
				src = wd_short[wd];
				break;
			case 'A':
				src = wd_long[wd];
				break;
			case '%':
				src = "%";
				break;
			default:
				return false; /* unknown conversion or trailing '%' */
			}
		}
		if (!put(buf, n, &used, src))
			return false;
	}
	return true;
}

/*
 * Writes pre, then (when unit is not 0) the number and its unit, then post
 * into buf, cut to n - 1 bytes.  Lists call these once a row, so no
 * printf.
 */
static void compose(char *buf, size_t n, const char *pre, long long v, char unit, const char *post)
{
	char tmp[64], digits[24];
	size_t len = 0;
	while (*pre && len < 16)
		tmp[len++] = *pre++;
	if (unit) {
		unsigned long long u = v < 0 ? 0 : (unsigned long long)v;
		int k = 0;
		do
			digits[k++] = (char)('0' + u % 10);
		while ((u /= 10) != 0);
		while (k)
			tmp[len++] = digits[--k];
		tmp[len++] = unit;
	}
	while (*post && len < sizeof tmp - 1)
		tmp[len++] = *post++;
	if (len >= n)
		len = n - 1;
	memcpy(buf, tmp, len);
	buf[len] = '\0';
}

/* "5d", "3w", "2y" between pre and post: a distance in days short enough
 * for a narrow panel: days up to 13, then whole weeks (rounded down, so it
 * never overstates), then whole years from 365 days. */
static void amount_text(long long days, const char *pre, const char *post, char *buf, size_t n)
{
	if (days <= 13)
		compose(buf, n, pre, days, 'd', post);
	else if (days < 365)
		compose(buf, n, pre, days / 7, 'w', post);
	else
		compose(buf, n, pre, days / 365, 'y', post);
}

void date_relative(cxo_day day, cxo_day today, char *buf, size_t n)
{
	long long diff = (long long)day - today;

	if (!buf || n == 0)
		return;
	if (diff == 0)
		compose(buf, n, "today", 0, 0, "");
	else if (diff == 1)
		compose(buf, n, "tomorrow", 0, 0, "");
	else if (diff == -1)
		compose(buf, n, "yesterday", 0, 0, "");
	else if (diff > 0)
		amount_text(diff, "in ", "", buf, n);
	else
		amount_text(-diff, "", " late", buf, n);
}

void date_ago(cxo_day day, cxo_day today, char *buf, size_t n)
{
	long long diff = (long long)today - day;

	if (!buf || n == 0)
		return;
	if (diff < 0)
		date_relative(day, today, buf, n);
	else if (diff <= 1)
		compose(buf, n, diff ? "yesterday" : "today", 0, 0, "");
	else
		amount_text(diff, "", " ago", buf, n);
}
