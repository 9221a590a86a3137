/*
 * clock.h: moments in time, as the local calendar and the store see them.
 *
 * date.h knows no time zone.  This is the one module that asks the C
 * library about the local one (TZ): which local day and second a unix time
 * falls on, and which unix time a local day and second is.  The store's
 * stamps ("YYYY-MM-DDTHH:MM:SSZ", UTC) are read and written here by plain
 * arithmetic.  Nothing here reads the clock: times are passed in.
 */
#ifndef CXO_CLOCK_H
#define CXO_CLOCK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cxo/date.h"

#define CLOCK_STAMP_LEN 21 /* YYYY-MM-DDTHH:MM:SSZ and NUL */
#define CLOCK_TEXT_LEN 17  /* YYYY-MM-DD HH:MM and NUL */

/* The local day of unix time t and the second of that day (0 to 86399);
 * either out may be NULL.  False when the C library cannot place t. */
bool clock_local(int64_t t, cxo_day *day, int *second);

/* The unix time of second (0 to 86399) of the local day.  A time that a
 * daylight saving change skips or repeats is placed as mktime(3) places
 * it.  False when it cannot be placed. */
bool clock_moment(cxo_day day, int second, int64_t *t);

/* t as local "YYYY-MM-DD HH:MM" into buf (at least CLOCK_TEXT_LEN
 * bytes); "?" when it cannot be placed. */
void clock_local_text(int64_t t, char *buf, size_t n);

/* A stamp as the store keeps it, exactly "YYYY-MM-DDTHH:MM:SSZ" with a
 * real date and time, to unix time; false otherwise. */
bool clock_stamp_parse(const char *stamp, int64_t *t);
/* Unix time t (from 1970 to 9999) as a stamp. */
void clock_stamp_format(int64_t t, char out[CLOCK_STAMP_LEN]);

#endif
