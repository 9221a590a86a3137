/*
 * timeparse.h: the cells of Harvest and Toggl Track time reports, read
 * into cxo's values.  Pure functions (no clock, no locale), each false
 * with nothing written on a value it does not accept; timeread.c names
 * the file, line and column.
 */
#ifndef CXO_REPORT_TIMEPARSE_H
#define CXO_REPORT_TIMEPARSE_H

#include <stdbool.h>
#include <stddef.h>

#include "cxo/date.h"

/* A day as YYYY-MM-DD (2015-01-26) or D.M.YYYY (26.01.2015, 6.1.2015),
 * surrounding spaces ignored, years 1000 to 9999.  Slashed days
 * (01/02/2015) are refused: the month may come first or second. */
bool timeparse_day(const char *text, cxo_day *out);

/* Decimal hours (7.5, "7,5", 0.25, 8, .5) to minutes rounded to the
 * nearest (half up): 0 to max_minutes.  At most 9 decimals; no sign,
 * no exponent, no thousands separator. */
bool timeparse_hours(const char *text, int max_minutes, int *minutes);

/* A duration H:MM:SS or HH:MM:SS (also H:MM) to seconds: at most 999
 * hours, minutes and seconds 00 to 59. */
bool timeparse_hms(const char *text, long *seconds);

/* Seconds to minutes, rounded to the nearest (30 s up). */
int timeparse_round_minutes(long seconds);

/* A clock time H:MM, HH:MM or HH:MM:SS, with an optional AM or PM (any
 * case, a space before it optional), into out as HH:MM or HH:MM:SS
 * (24-hour, 9 bytes). */
bool timeparse_clock(const char *text, char out[9]);

/* Yes/No (also true/false, 1/0, y/n), any case: *yes. */
bool timeparse_yes_no(const char *text, bool *yes);

#endif
