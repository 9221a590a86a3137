/*
 * duration.h: lengths of time as whole minutes, parsed from what people
 * type (1.5h, 90m, 1h30m, 1:30, 2) and shown as 14.5h or 14:30.
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

/* 870 -> "14.5h" (decimal, one place, trailing ".0" kept) or "14:30". */
void duration_format(long minutes, enum hours_style style, char *buf, size_t n);

/* "decimal" or "clock". */
bool hours_style_parse(const char *text, enum hours_style *out);

#endif
