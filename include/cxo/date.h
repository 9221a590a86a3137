/*
 * date.h: calendar days, clock times and the date words users type.
 *
 * A day is a count of days since 1970-01-01 in the proleptic Gregorian
 * calendar; no time zone is involved.  Nothing here reads the clock:
 * "today" is always passed in, so every function is pure and testable.
 * Parse errors are written to err (at most errsz bytes, NUL-terminated),
 * naming the text given and what was expected.
 */
#ifndef CXO_DATE_H
#define CXO_DATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef int32_t cxo_day;

#define DATE_ISO_LEN 11 /* "YYYY-MM-DD" plus NUL */

/* Weekdays are ISO: 0 = Monday ... 6 = Sunday. */
enum { WD_MON, WD_TUE, WD_WED, WD_THU, WD_FRI, WD_SAT, WD_SUN };

/* Bitmask of working days: bit 0 Monday ... bit 6 Sunday. */
#define WORKDAYS_MON_FRI 0x1fu

cxo_day date_from_ymd(int y, int m, int d);
void date_to_ymd(cxo_day day, int *y, int *m, int *d);
/* "monday" or "mon", any case -> 0 (Monday) .. 6 (Sunday); -1 otherwise. */
int date_weekday_parse(const char *s);

/* First day of the month after (y, m). */
cxo_day date_next_month(int y, int m);
/* The month containing day: its year and month into y and m (either may
 * be NULL), its first day and the next month's first day as ISO text
 * into from and to (11 bytes each), the [from, to) of a month's sums. */
void date_month_iso(cxo_day day, int *y, int *m, char *from, char *to);

/*
 * Accepts: YYYY-MM-DD, today, yesterday, tomorrow, a weekday name or its
 * three-letter abbreviation (the next such day strictly after today),
 * +Nd/-Nd, +Nw/-Nw, +Nm/-Nm (months, clamped to the month's length),
 * eow (last day of the week that starts on week_start), eom (last day of
 * this month).  Case-insensitive.
 */
bool date_parse(const char *text, cxo_day today, int week_start, cxo_day *out, char *err,
                size_t errsz);

/* "YYYY-MM" or "this"/"last"/"next" (relative to today's month). */
bool month_parse(const char *text, cxo_day today, int *y, int *m, char *err, size_t errsz);

/* "HH:MM" (00:00-23:59) to minutes since midnight. */
bool clock_parse(const char *text, int *minutes, char *err, size_t errsz);

/* Writes YYYY-MM-DD into buf (at least DATE_ISO_LEN bytes). */
void date_format_iso(cxo_day day, char *buf);

/* Parses exactly YYYY-MM-DD (what the store keeps). */
bool date_parse_iso(const char *text, cxo_day *out);

/*
 * strftime-like formatting with %Y %m %d %e %b %a %A %B %% only, so the
 * display format is configurable without touching locale state.
 * Returns false when the format has an unknown conversion.
 */
bool date_format(cxo_day day, const char *fmt, char *buf, size_t n);

/* "3d late", "yesterday", "today", "tomorrow", "in 2d", "in 3w". */
void date_relative(cxo_day day, cxo_day today, char *buf, size_t n);
/* The same for what happened rather than what is due: "3d ago",
 * "yesterday", "today", "2w ago"; a future day as date_relative. */
void date_ago(cxo_day day, cxo_day today, char *buf, size_t n);

/* First day of the week containing day. */
cxo_day date_week_start(cxo_day day, int week_start);

#endif
