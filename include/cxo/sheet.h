/*
 * sheet.h: tables for spreadsheets (CSV, RFC 4180) and due dates for
 * calendars (iCalendar, RFC 5545), read from the store a row at a time.
 *
 * Each writer returns 0 or a sysexits code with err filled: EX_IOERR for
 * a write that failed (the caller names the file), the store's code for
 * a reading that failed.
 */
#ifndef CXO_SHEET_H
#define CXO_SHEET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "cxo/date.h"
#include "cxo/store.h"

enum sheet_table { SHEET_HOURS, SHEET_ACTIONS, SHEET_RISKS, SHEET_MANDATES };

/* "hours" "actions" "risks" "mandates" -> the table; false otherwise. */
bool sheet_table_parse(const char *word, enum sheet_table *out);

struct sheet_csv_request {
	enum sheet_table table;
	const char *client_id; /* NULL = every client */
	const char *from, *to; /* ISO days, inclusive, of the row's day; NULL = open-ended */
	bool bom;              /* begin with a UTF-8 byte order mark (EF BB BF) */
	bool raw;              /* leave cells that begin with = + - @ TAB CR as they are */
};

/* The table as CSV: a header row, then a row per item, CRLF line ends,
 * cells holding a comma, a quote, a CR or a LF quoted, quotes doubled,
 * text as stored (UTF-8).  Unless raw, a cell that begins with = + - @,
 * a TAB or a CR gets a ' in front, so that no cell is a formula. */
int sheet_csv_write(struct store *st, const struct sheet_csv_request *r, FILE *out, char *err,
                    size_t errsz);

struct sheet_ics_request {
	const char *client_id; /* NULL = every client */
	cxo_day today;         /* for the priorities (overdue, due soon) */
	int64_t now;           /* DTSTAMP, in UTC */
};

/* An iCalendar of the open actions with a due day (VTODO), the active
 * mandates' due days and the open risks' review days (all-day VEVENT),
 * each with a UID made from the item's id, stable across exports. */
int sheet_ics_write(struct store *st, const struct sheet_ics_request *r, FILE *out, char *err,
                    size_t errsz);

#endif
