/*
 * internal.h: what the files of src/report share and no other layer sees:
 * the operations of each kind of report, which report.c dispatches to.
 */
#ifndef CXO_REPORT_INTERNAL_H
#define CXO_REPORT_INTERNAL_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "cxo/report.h"
#include "doc.h"

/*
 * What one kind of report can do, for one client c.  Each returns 0 or a
 * sysexits code with err filled.  The dispatcher has made the document
 * with its title (doc_new) and, for all_clients, a level-1 heading
 * naming the client: doc adds its headings (level 2 and 3) and blocks
 * below.  json makes the client's object (*out, a new reference); the
 * dispatcher adds "format" and "kind" in front of it, or puts it in
 * "clients" for all_clients.  csv writes c's rows to out, preceded by
 * the header line when header is true (the first client).  A NULL
 * operation is a format the report does not have.
 */
struct report_ops {
	const char *title; /* "Hours statement": the start of the document's title */
	int (*doc)(struct store *st, const struct report_request *r, const struct client *c,
	           struct doc *d, char *err, size_t errsz);
	int (*json)(struct store *st, const struct report_request *r, const struct client *c,
	            json_t **out, char *err, size_t errsz);
	int (*csv)(struct store *st, const struct report_request *r, const struct client *c,
	           bool header, FILE *out, char *err, size_t errsz);
};

/* Each kind's file (hours.c ...) defines its operations. */
extern const struct report_ops report_brief_ops;
extern const struct report_ops report_hours_ops;
extern const struct report_ops report_risks_ops;
extern const struct report_ops report_board_ops;
extern const struct report_ops report_week_ops;

/* kinds.c: the operations of kind, or NULL when this cxo has not got it. */
const struct report_ops *report_ops_of(enum report_kind kind);

/* report.c: report_write, report_write_file and report_lines with the
 * operations given (report_ops_of(r->kind) for the public ones; a test
 * drives the dispatcher with operations of its own). */
int report_write_ops(struct store *st, const struct report_request *r, const struct report_ops *ops,
                     FILE *out, char *err, size_t errsz);
int report_write_file_ops(struct store *st, const struct report_request *r,
                          const struct report_ops *ops, const char *path, bool force, char *err,
                          size_t errsz);
int report_lines_ops(struct store *st, const struct report_request *r, const struct report_ops *ops,
                     char ***lines, size_t *n, char *err, size_t errsz);

#endif
