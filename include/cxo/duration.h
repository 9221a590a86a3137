/*
 * duration.h: lengths of time as whole minutes, parsed from what people
 * type (1.5h, 90m, 1h30m, 1:30, 2) and shown as 14.5h, 0.75h or 14:30.
 */
#ifndef CXO_DURATION_H
#define CXO_DURATION_H

#include <stdbool.h>
#include <stddef.h>

enum hours_style { HOURS_DECIMAL, HOURS_CLOCK };

/* Longest single duration accepted: one day. */
#define DURATION_MAX_MINUTES (24 * 60)

/*
 * A bare number is hours.  Fractions round to the nearest minute.  The
 * result is 1..DURATION_MAX_MINUTES; zero, negative and larger values are
 * errors that name the text and the accepted forms.
 */
bool duration_parse(const char *text, int *minutes, char *err, size_t errsz);

/* Most hours a month can hold (31 days), in minutes. */
#define BUDGET_MAX_MINUTES (31L * 24 * 60)

/*
 * A monthly budget of hours: 20, 12.5, 20h, 12:30, or a duration such as
 * 90m; 0 to BUDGET_MAX_MINUTES.  Whole numbers only (no exponent, no
 * hex), so the shell and the dashboard accept exactly the same text.
 */
bool budget_parse(const char *text, long *minutes, char *err, size_t errsz);

/*
 * The one way cxo shows a number of minutes.
 *
 * Decimal (the default): the hours rounded half up to the hundredth, with
 * no trailing zero and no trailing point: 120 -> "2h", 90 -> "1.5h", 45 ->
 * "0.75h", 305 -> "5.08h", 20 -> "0.33h", 1 -> "0.02h" (any minute shows as
 * more than zero), 0 -> "0h".  Clock: H:MM, exact: "2:00", "0:45", "5:05".
 * A negative value shows its sign.  Cut to n - 1 bytes.
 */
void duration_format(long minutes, enum hours_style style, char *buf, size_t n);

enum {
	DURATION_NO_UNIT = 1 << 0,    /* decimal without the "h": "0.75", "2" */
	DURATION_TWO_PLACES = 1 << 1, /* decimal always with two places: "2.00h" */
};
/* The same with DURATION_* flags: "0.75" (NO_UNIT), "2.00" (both, the
 * TSV's hours).  The clock style ignores them. */
void duration_format_as(long minutes, enum hours_style style, unsigned flags, char *buf, size_t n);

/* The hundredths of an hour decimal shows for minutes: 45 -> 75, 20 -> 33,
 * 1 -> 2 (rounded half up, the sign kept). */
long duration_hundredths(long minutes);

/*
 * A total shown under (or beside) the parts it adds up: as
 * duration_format_as, and, when the style is decimal and the parts as
 * shown do not add up to it (shown: the sum of duration_hundredths of
 * each part shown), followed by its exact clock value: "1h (1:00
 * exactly)" under three rows of "0.33h".  Totals are always the exact
 * minutes rounded once; only the rounding of the rows can make them
 * disagree, and then the total says it is the exact one.
 */
void duration_format_total(long minutes, long shown, enum hours_style style, unsigned flags,
                           char *buf, size_t n);

/* "decimal" or "clock". */
bool hours_style_parse(const char *text, enum hours_style *out);

#endif
