/*
 * report.h: the documents cxo writes: the brief before a call, the hours
 * statement, the risk summary, the board pack and the weekly update, as
 * text, Markdown, HTML, JSON or (for tables) CSV.
 *
 * Every function returns 0 or a sysexits.h code with err (errsz bytes,
 * NUL-terminated) naming the value concerned.
 */
#ifndef CXO_REPORT_H
#define CXO_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "cxo/config.h"
#include "cxo/date.h"
#include "cxo/records.h"
#include "cxo/store.h"

enum report_kind { REPORT_BRIEF, REPORT_HOURS, REPORT_RISKS, REPORT_BOARD, REPORT_WEEK };
#define REPORT_KIND_COUNT (REPORT_WEEK + 1)
enum report_format { REPORT_TEXT, REPORT_MD, REPORT_HTML, REPORT_JSON, REPORT_CSV };
enum report_group { REPORT_BY_DAY, REPORT_BY_WEEK, REPORT_BY_MANDATE };

struct report_request {
	enum report_kind kind;
	enum report_format format;
	const struct client *client; /* the client; NULL when all_clients */
	bool all_clients;            /* a section per active client, in tab order */
	cxo_day from, to;            /* the period: from <= day < to (brief: unused) */
	bool whole_month;            /* the period is one calendar month (locks, budget) */
	enum report_group group;     /* report hours */
	cxo_day since;               /* brief: changes since this day */
	bool since_given;            /* brief: --since (else the store's last-worked day) */
	bool shared_notes;           /* week: include notes marked shared */
	cxo_day today;
	int64_t now;
	const struct config *cfg; /* hours style, week start, pace rules, thresholds */
	int width;                /* REPORT_TEXT: columns to wrap to (0 = 80) */
};

/* Writes the document to out.  0 or a sysexits code with err filled. */
int report_write(struct store *st, const struct report_request *r, FILE *out, char *err,
                 size_t errsz);
/* The same into path, whole or absent: written to a temporary file (0600)
 * in path's directory, flushed and fsynced, then linked to path (never
 * replacing an existing file: EX_CANTCREAT naming it, unless force, then
 * renamed over it).  Nothing is left behind on failure. */
int report_write_file(struct store *st, const struct report_request *r, const char *path,
                      bool force, char *err, size_t errsz);
/* What report_file_whole writes: into out, 0 or a sysexits code with err
 * filled (EX_IOERR for a failed write, which the caller names). */
typedef int report_writer_fn(FILE *out, void *arg, char *err, size_t errsz);
/* Whatever write(out, arg) writes, into path whole or absent, as
 * report_write_file does: a 0600 temporary file beside path, flushed and
 * fsynced, then linked to path (an existing path is EX_CANTCREAT unless
 * force, then it is replaced by rename).  Nothing is left on failure. */
int report_file_whole(const char *path, bool force, report_writer_fn *write, void *arg, char *err,
                      size_t errsz);
/* REPORT_TEXT rendered into lines for the dashboard's overlay: *lines is
 * an array of *n malloc'd strings (caller frees each and the array),
 * already sanitised, each at most width columns. */
int report_lines(struct store *st, const struct report_request *r, char ***lines, size_t *n,
                 char *err, size_t errsz);
/* "md" "html" "json" "csv" "text" <-> enum; false on an unknown word. */
bool report_format_parse(const char *word, enum report_format *out);
const char *report_format_ext(enum report_format f); /* "md" "html" "json" "csv" "txt" */

/*
 * Periods, as [*from, *to): "YYYY-MM", "this" or "last" (the month
 * before today's) give that calendar month; anything else is EX_USAGE
 * naming the word and what is expected.
 */
int report_period_month(const char *word, cxo_day today, cxo_day *from, cxo_day *to, char *err,
                        size_t n);
/* "this", "last" or a day date_parse accepts (YYYY-MM-DD, today, monday,
 * -1w, ...): the seven days of the week holding it, starting on
 * week_start (WD_MON .. WD_SUN).  EX_USAGE otherwise. */
int report_period_week(const char *word, cxo_day today, int week_start, cxo_day *from, cxo_day *to,
                       char *err, size_t n);

#endif
