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

/* "brief" "hours" "risks" "board" "week" (JSON's "kind", messages). */
const char *report_kind_name(enum report_kind k);
/* s as a JSON string, or null when s is NULL or empty (caller owns). */
json_t *report_json_text(const char *s);

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

/* ---- risks.c: the risk summary's parts, shared with board.c ---- */

/* A client's open (and mitigating) risks: the heat map and the top ones. */
struct risks_summary {
	int heat[5][5]; /* [likelihood - 1][impact - 1] */
	int open;       /* the sum of heat */
	struct risk_list top;
};
int risks_summary_read(struct store *st, const char *client_id, size_t top,
                       struct risks_summary *out, char *err, size_t errsz);
void risks_summary_free(struct risks_summary *s);
/* "16 critical", or "not assessed". */
void risks_score_text(const struct config *cfg, int likelihood, int impact, char *buf, size_t n);
/* The review day is before today. */
bool risks_review_overdue(const struct risk *k, cxo_day today);
/* "2026-11-01 (overdue)", "2026-12-01", "none set". */
void risks_review_text(const struct risk *k, cxo_day today, char *buf, size_t n);
/* The heat map with its note, or "No open risks." */
int risks_heat_block(struct doc *d, const struct report_request *r, const struct risks_summary *s);
/* The top risks as a table: full adds the residual score and framework. */
int risks_top_table(struct doc *d, const struct report_request *r, const struct risk_list *l,
                    bool full);
/* JSON: o[key] = v, any failure counted into *bad; a string or null. */
void risks_jset(json_t *o, const char *key, json_t *v, int *bad);
json_t *risks_risk_json(const struct report_request *r, const struct risk *k, int *bad);
json_t *risks_list_json(const struct report_request *r, const struct risk_list *l, int *bad);
json_t *risks_heat_json(const struct risks_summary *s, int *bad);
/* {"client": key, "name", "period": {"from", "to" (the last day)}}: the
 * start of a report's object. */
json_t *risks_client_json(const struct report_request *r, const struct client *c, int *bad);

/* ---- contracts.c: vendors and decisions, in the brief, board and week ---- */

#include "cxo/decision.h"
#include "cxo/renewal.h"
#include "cxo/vendor.h"

/* Notice deadlines this close (days) are renewals to act on. */
#define CONTRACTS_RENEWAL_DAYS 60

struct contracts {
	struct vendor_list renewals;    /* to act on: one more than shown is read */
	struct vendor_list unvetted;    /* regulated data, diligence not approved */
	struct decision_list decisions; /* due for review, or of the period */
};
void contracts_free(struct contracts *c);
/* The renewals (notice deadline from today to today + 60 days, and the
 * ones renewed by default whose term still runs) and the vendors
 * holding regulated data without approved due diligence. */
int contracts_read_vendors(struct store *st, const struct report_request *r, const char *client_id,
                           struct contracts *c, char *err, size_t errsz);
/* The decisions proposed or decided whose review day is today or past. */
int contracts_read_reviews(struct store *st, const struct report_request *r, const char *client_id,
                           struct contracts *c, char *err, size_t errsz);
/* Every decision dated in the period [r->from, r->to). */
int contracts_read_period(struct store *st, const struct report_request *r, const char *client_id,
                          struct contracts *c, char *err, size_t errsz);
/* Where v stands on today (renewal.h), with the 60 days' window. */
enum renewal_state contracts_renewal(const struct vendor *v, cxo_day today);
/* A decision taken: not merely proposed. */
bool contracts_taken(const struct decision *x);

/* The brief: "Vendors" with the renewals and the regulated data, as
 * lists; "Decisions due for review". */
int contracts_doc_brief(struct doc *d, const struct report_request *r, const struct contracts *c);
int contracts_doc_reviews(struct doc *d, const struct report_request *r, const struct contracts *c);
/* The board pack: the renewals and the regulated data as tables; the
 * decisions of the period, the earliest first. */
int contracts_doc_board(struct doc *d, const struct report_request *r, const struct contracts *c);
int contracts_doc_decisions(struct doc *d, const struct contracts *c);
/* The weekly update: the decisions taken, the earliest first. */
int contracts_doc_week(struct doc *d, const struct contracts *c);

/* JSON: o gains "renewals", "renewals_more", "regulated_without_diligence"
 * and "regulated_without_diligence_more". */
void contracts_json_vendors(json_t *o, const struct report_request *r, const struct contracts *c,
                            int *bad);
/* o[key]: the decisions due for review in review order (and
 * "decisions_review_more"), those of the period or those taken, the
 * earliest first. */
enum contracts_kind { CONTRACTS_REVIEW, CONTRACTS_PERIOD, CONTRACTS_TAKEN };
void contracts_json_decisions(json_t *o, const char *key, const struct contracts *c,
                              enum contracts_kind kind, int *bad);

#endif
