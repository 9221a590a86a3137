/*
 * calendar.h: the calendar arithmetic under date.h, shared by the core's
 * files (date.c, clock.c, pace.c) and its tests, used by no other layer.
 */
#ifndef CXO_CORE_CALENDAR_H
#define CXO_CORE_CALENDAR_H

#include <stdbool.h>

#include "cxo/date.h"

bool date_valid_ymd(int y, int m, int d);
int date_days_in_month(int y, int m);
/* 0 (Monday) .. 6 (Sunday). */
int date_weekday(cxo_day day);
/* day is a working day of the workdays mask (bit 0 Monday). */
bool date_is_workday(cxo_day day, unsigned workdays);
/* Working days in [from, to] inclusive. */
int date_count_workdays(cxo_day from, cxo_day to, unsigned workdays);

#endif
