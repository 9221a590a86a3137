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

/* The most octets of an iCalendar content line, CRLF not counted. */
#define ICS_LINE_MAX 75

/* text (NULL = empty) escaped as an iCalendar TEXT value: backslash,
 * semicolon and comma behind a backslash, a line break (LF, CR LF or CR)
 * as \n; the controls RFC 5545 forbids in TEXT (C0 but TAB and line
 * breaks, DEL, C1) left out; newly allocated (caller frees), NULL when
 * out of memory. */
char *ics_escape(const char *text);
/* Writes one content line, folded: a CRLF and a space before any octet
 * that would take the line past ICS_LINE_MAX, never inside a UTF-8
 * sequence; CRLF at the end.  0 or EX_IOERR. */
int ics_put_folded(FILE *out, const char *line);

#endif
