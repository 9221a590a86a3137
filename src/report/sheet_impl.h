/*
 * sheet_impl.h: the pure parts of the CSV and iCalendar writers (csv_out.c,
 * ics.c), for their unit tests.
 */
#ifndef CXO_REPORT_SHEET_IMPL_H
#define CXO_REPORT_SHEET_IMPL_H

#include <stdbool.h>
#include <stdio.h>

/* A cell would start a spreadsheet formula: it begins with = + - @, a
 * TAB or a CR. */
bool csv_is_formula(const char *text);
/* Writes text (NULL = empty) as one CSV cell, without separator: quoted
 * when it holds a comma, a quote, a CR or a LF, quotes doubled, and,
 * unless raw, a ' in front of a formula.  0 or EX_IOERR. */
int csv_put_cell(FILE *out, const char *text, bool raw);

#endif
