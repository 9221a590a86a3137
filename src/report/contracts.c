/*
 * contracts.c: the vendor and decision parts of the brief, the board
 * pack and the weekly update: the renewals to act on (notice deadlines
 * within 60 days, and the contracts renewed by default whose term still
 * runs), the vendors holding regulated data without approved due
 * diligence, and the decisions due for review, of the period or of the
 * week.  Where a contract stands is renewal.h's rule, never re-derived.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "cxo/date.h"
#include "cxo/money.h"
#include "cxo/renewal.h"
#include "cxo/store.h"
#include "cxo/text.h"
#include "internal.h"

#define CONTRACTS_SHOWN 10    /* renewals and vendors listed; one more is read */
#define CONTRACTS_EXCERPT 160 /* columns of a vendor's notes quoted in the brief */
#define CONTRACTS_CELL 60     /* ... in a table of the board pack */

void contracts_free(struct contracts *c)
{
	vendor_list_free(&c->renewals);
	vendor_list_free(&c->unvetted);
	decision_list_free(&c->decisions);
	memset(c, 0, sizeof *c);
}

static int failed(struct store *st, int rc, const char *what, char *err, size_t errsz)
{
	snprintf(err, errsz, "cannot read the %s: %s", what, store_error(st));
	return rc;
}

int contracts_read_vendors(struct store *st, const struct report_request *r, const char *client_id,
                           struct contracts *c, char *err, size_t errsz)
{
	char today[DAY_LEN], until[DAY_LEN];
	date_format_iso(r->today, today);
	date_format_iso(r->today + CONTRACTS_RENEWAL_DAYS, until);
	int rc = store_report_renewals(st, client_id, today, until, CONTRACTS_SHOWN + 1,
	                               &c->renewals);
	if (rc)
		return failed(st, rc, "renewals", err, errsz);
	if ((rc = store_report_unvetted(st, client_id, CONTRACTS_SHOWN + 1, &c->unvetted)))
		return failed(st, rc, "vendors", err, errsz);
	return 0;
}

int contracts_read_reviews(struct store *st, const struct report_request *r, const char *client_id,
                           struct contracts *c, char *err, size_t errsz)
{
	char tomorrow[DAY_LEN];
	date_format_iso(r->today + 1, tomorrow);
	struct decision_filter f = { .client_id = client_id, .review_before = tomorrow };
	int rc = store_decision_list(st, &f, &c->decisions);
	return rc ? failed(st, rc, "decisions", err, errsz) : 0;
}

int contracts_read_period(struct store *st, const struct report_request *r, const char *client_id,
                          struct contracts *c, char *err, size_t errsz)
{
	char from[DAY_LEN], to[DAY_LEN];
	date_format_iso(r->from, from);
	date_format_iso(r->to, to);
	struct decision_filter f = {
		.client_id = client_id, .from = from, .to = to, .include_closed = true
	};
	int rc = store_decision_list(st, &f, &c->decisions);
	return rc ? failed(st, rc, "decisions", err, errsz) : 0;
}

/* ---- words ---- */

static const char *or_text(const char *s, const char *none)
{
	return s && *s ? s : none;
}

static cxo_day iso_day(const char *iso)
{
	cxo_day d = 0;
	return date_parse_iso(iso, &d) ? d : 0;
}

enum renewal_state contracts_renewal(const struct vendor *v, cxo_day today)
{
	cxo_day end = 0;
	bool has_term = v->term_end[0] && date_parse_iso(v->term_end, &end);
	return renewal_state_of(has_term, end, v->notice_days, v->auto_renew,
	                        !strcmp(v->status, "ended"), today, CONTRACTS_RENEWAL_DAYS);
}

/* "2026-12-18 (in 30d)", "2026-11-09 (9d late)". */
static void notice_words(const struct vendor *v, cxo_day today, char *buf, size_t n)
{
	char rel[32];
	date_relative(iso_day(v->notice_by), today, rel, sizeof rel);
	snprintf(buf, n, "%s (%s)", v->notice_by, rel);
}

/* "renews automatically", "renewed by default", "ends unless renewed". */
static const char *renews_words(const struct vendor *v, cxo_day today)
{
	if (contracts_renewal(v, today) == RENEWAL_DEFAULTED)
		return "renewed by default";
	return v->auto_renew ? "renews automatically" : "ends unless renewed";
}

static void cost_words(const struct vendor *v, char *buf, size_t n)
{
	money_format(v->annual_cents, v->currency, buf, n);
}

/* "questionnaire sent on 2026-11-14", "no due diligence". */
static void diligence_words(const struct vendor *v, char *buf, size_t n)
{
	const char *what = !strcmp(v->diligence, "sent")       ? "questionnaire sent"
	                   : !strcmp(v->diligence, "reviewed") ? "reviewed, not approved"
	                                                       : "no due diligence";
	if (v->diligence_on[0] && strcmp(v->diligence, "none"))
		snprintf(buf, n, "%s on %s", what, v->diligence_on);
	else
		snprintf(buf, n, "%s", what);
}

/* The first width columns of text on one line. */
static void excerpt(const char *text, int width, char *buf, size_t n)
{
	char *flat = strdup(text ? text : "");
	if (!flat) {
		snprintf(buf, n, "%s", "");
		return;
	}
	for (char *p = flat; *p; p++)
		if (*p == '\n' || *p == '\r' || *p == '\t')
			*p = ' ';
	text_fit(flat, width, true, buf, n);
	free(flat);
}

static size_t shown(size_t n)
{
	return n > CONTRACTS_SHOWN ? CONTRACTS_SHOWN : n;
}

static int more(struct doc *d, size_t n)
{
	return n > CONTRACTS_SHOWN ? doc_note(d, "and more") : 0;
}

/* ---- the brief: lists ---- */

int contracts_doc_brief(struct doc *d, const struct report_request *r, const struct contracts *c)
{
	char buf[2048], when[64], cost[64], text[4 * CONTRACTS_EXCERPT + 8];
	int rc = doc_heading(d, 2, "Vendors");
	if (!rc)
		rc = doc_heading(d, 3, "Renewals: notice deadlines within 60 days");
	for (size_t i = 0; !rc && i < shown(c->renewals.n); i++) {
		const struct vendor *v = &c->renewals.items[i];
		char rel[32];
		date_relative(iso_day(v->notice_by), r->today, rel, sizeof rel);
		cost_words(v, cost, sizeof cost);
		if (contracts_renewal(v, r->today) == RENEWAL_DEFAULTED)
			snprintf(buf, sizeof buf,
			         "renewed by default: %s, notice was due by %s (%s), term ends %s,"
			         " %s a year",
			         or_text(v->name, ""), v->notice_by, rel, v->term_end, cost);
		else
			snprintf(buf, sizeof buf,
			         "%s: %s, notice by %s, term ends %s, %s, %s a year", rel,
			         or_text(v->name, ""), v->notice_by, v->term_end,
			         renews_words(v, r->today), cost);
		if (v->owner && *v->owner) {
			size_t at = strlen(buf);
			snprintf(buf + at, sizeof buf - at, " (%s)", v->owner);
		}
		rc = doc_item(d, buf);
	}
	if (!rc && !c->renewals.n)
		rc = doc_para(d,
		              "No notice deadline within 60 days, and nothing renewed by default.");
	if (!rc)
		rc = more(d, c->renewals.n);
	if (!rc)
		rc = doc_heading(d, 3, "Regulated data without approved due diligence");
	for (size_t i = 0; !rc && i < shown(c->unvetted.n); i++) {
		const struct vendor *v = &c->unvetted.items[i];
		diligence_words(v, when, sizeof when);
		bool owned = v->owner && *v->owner;
		snprintf(buf, sizeof buf, "%s%s%s%s: %s", or_text(v->name, ""), owned ? " (" : "",
		         owned ? v->owner : "", owned ? ")" : "", when);
		if (v->notes && *v->notes) {
			size_t at = strlen(buf);
			excerpt(v->notes, CONTRACTS_EXCERPT, text, sizeof text);
			snprintf(buf + at, sizeof buf - at, "; %s", text);
		}
		rc = doc_item(d, buf);
	}
	if (!rc && !c->unvetted.n)
		rc = doc_para(d, "Every vendor holding regulated data has approved due diligence.");
	if (!rc)
		rc = more(d, c->unvetted.n);
	return rc;
}

int contracts_doc_reviews(struct doc *d, const struct report_request *r, const struct contracts *c)
{
	char buf[1200], rel[32];
	int rc = doc_heading(d, 2, "Decisions due for review");
	for (size_t i = 0; !rc && i < shown(c->decisions.n); i++) {
		const struct decision *x = &c->decisions.items[i];
		date_relative(iso_day(x->review), r->today, rel, sizeof rel);
		snprintf(buf, sizeof buf, "review %s: %s (%s %s%s%s)", rel, or_text(x->title, ""),
		         x->status, x->day, x->decided_by ? " by " : "",
		         or_text(x->decided_by, ""));
		rc = doc_item(d, buf);
	}
	if (!rc && !c->decisions.n)
		rc = doc_para(d, "No decision is due for review.");
	if (!rc && c->decisions.n > CONTRACTS_SHOWN) {
		snprintf(buf, sizeof buf, "and %zu more", c->decisions.n - CONTRACTS_SHOWN);
		rc = doc_note(d, buf);
	}
	return rc;
}

/* ---- the board pack: tables ---- */

int contracts_doc_board(struct doc *d, const struct report_request *r, const struct contracts *c)
{
	static const char *const rh[] = { "Notice by", "Vendor", "Term ends", "Renewal",
		                          "Annual cost" };
	static const enum doc_align ra[] = { DOC_LEFT, DOC_LEFT, DOC_LEFT, DOC_LEFT, DOC_RIGHT };
	static const char *const vh[] = { "Holds regulated data", "Owner", "Due diligence",
		                          "Notes" };
	char notice[64], cost[64], dil[64], text[4 * CONTRACTS_CELL + 8];
	/* One page: each table says what it lists in its head, and an empty
	 * one is a line of small print. */
	int rc = doc_heading(d, 2, "Vendors");
	if (!rc && !c->renewals.n)
		rc = doc_note(d,
		              "No notice deadline within 60 days, and nothing renewed by default.");
	else if (!rc)
		rc = doc_table(d, 5, rh, ra);
	for (size_t i = 0; !rc && i < shown(c->renewals.n); i++) {
		const struct vendor *v = &c->renewals.items[i];
		notice_words(v, r->today, notice, sizeof notice);
		cost_words(v, cost, sizeof cost);
		const char *cells[] = { notice, or_text(v->name, ""), v->term_end,
			                renews_words(v, r->today), cost };
		rc = doc_row(d, cells);
	}
	if (!rc)
		rc = more(d, c->renewals.n);
	if (!rc && !c->unvetted.n)
		rc = doc_note(d, "Every vendor holding regulated data has approved due diligence.");
	else if (!rc)
		rc = doc_table(d, 4, vh, NULL);
	for (size_t i = 0; !rc && i < shown(c->unvetted.n); i++) {
		const struct vendor *v = &c->unvetted.items[i];
		diligence_words(v, dil, sizeof dil);
		excerpt(v->notes, CONTRACTS_CELL, text, sizeof text);
		const char *cells[] = { or_text(v->name, ""), or_text(v->owner, "nobody named"),
			                dil, text };
		rc = doc_row(d, cells);
	}
	if (!rc)
		rc = more(d, c->unvetted.n);
	return rc;
}

int contracts_doc_decisions(struct doc *d, const struct contracts *c)
{
	static const char *const heads[] = { "Date", "Decision", "Decided by", "Status" };
	int rc = doc_heading(d, 2, "Decisions");
	if (!rc && !c->decisions.n)
		return doc_note(d, "No decision recorded in the period.");
	if (!rc)
		rc = doc_table(d, 4, heads, NULL);
	/* The earliest first: the list comes newest first. */
	for (size_t i = c->decisions.n; !rc && i-- > 0;) {
		const struct decision *x = &c->decisions.items[i];
		const char *cells[] = { x->day, or_text(x->title, ""),
			                or_text(x->decided_by, "not recorded"), x->status };
		rc = doc_row(d, cells);
	}
	return rc;
}

bool contracts_taken(const struct decision *x)
{
	return strcmp(x->status, "proposed") != 0;
}

int contracts_doc_week(struct doc *d, const struct contracts *c)
{
	char buf[1200];
	size_t n = 0;
	int rc = doc_heading(d, 2, "Decisions");
	for (size_t i = c->decisions.n; !rc && i-- > 0;) {
		const struct decision *x = &c->decisions.items[i];
		if (!contracts_taken(x))
			continue;
		snprintf(buf, sizeof buf, "%s (%s%s%s%s%s)", or_text(x->title, ""),
		         x->decided_by ? "decided by " : "", or_text(x->decided_by, ""),
		         x->decided_by ? ", " : "", x->day,
		         strcmp(x->status, "decided") ? strcmp(x->status, "reversed")
		                                                ? ", since superseded"
		                                                : ", since reversed"
		                                      : "");
		rc = doc_item(d, buf);
		n++;
	}
	if (!rc && !n)
		rc = doc_para(d, "No decision was taken this week.");
	return rc;
}

/* ---- JSON ---- */

static json_t *renewal_json(const struct report_request *r, const struct vendor *v, int *bad)
{
	json_t *o = json_object();
	cxo_day by = iso_day(v->notice_by);
	if (!o) {
		*bad = 1;
		return NULL;
	}
	risks_jset(o, "id", json_string(v->id), bad);
	risks_jset(o, "name", report_json_text(v->name), bad);
	risks_jset(o, "owner", report_json_text(v->owner), bad);
	risks_jset(o, "category", json_string(v->category), bad);
	risks_jset(o, "notice_by", report_json_text(v->notice_by), bad);
	risks_jset(o, "days_left", json_integer((json_int_t)(by - r->today)), bad);
	risks_jset(o, "term_end", report_json_text(v->term_end), bad);
	risks_jset(o, "auto_renew", json_boolean(v->auto_renew), bad);
	risks_jset(o, "renewal", json_string(renewal_state_name(contracts_renewal(v, r->today))),
	           bad);
	risks_jset(o, "annual_cents", json_integer(v->annual_cents), bad);
	risks_jset(o, "currency", json_string(v->currency), bad);
	return o;
}

static json_t *unvetted_json(const struct vendor *v, int *bad)
{
	json_t *o = json_object();
	if (!o) {
		*bad = 1;
		return NULL;
	}
	risks_jset(o, "id", json_string(v->id), bad);
	risks_jset(o, "name", report_json_text(v->name), bad);
	risks_jset(o, "owner", report_json_text(v->owner), bad);
	risks_jset(o, "data", json_string(v->data), bad);
	risks_jset(o, "diligence", json_string(v->diligence), bad);
	risks_jset(o, "diligence_on", report_json_text(v->diligence_on), bad);
	risks_jset(o, "notes", report_json_text(v->notes), bad);
	return o;
}

static json_t *decision_json(const struct decision *x, int *bad)
{
	json_t *o = json_object();
	if (!o) {
		*bad = 1;
		return NULL;
	}
	risks_jset(o, "id", json_string(x->id), bad);
	risks_jset(o, "title", report_json_text(x->title), bad);
	risks_jset(o, "day", json_string(x->day), bad);
	risks_jset(o, "status", json_string(x->status), bad);
	risks_jset(o, "decided_by", report_json_text(x->decided_by), bad);
	risks_jset(o, "review", report_json_text(x->review), bad);
	return o;
}

static void append(json_t *a, json_t *v, int *bad)
{
	if (!a || !v || json_array_append_new(a, v))
		*bad = 1;
}

void contracts_json_vendors(json_t *o, const struct report_request *r, const struct contracts *c,
                            int *bad)
{
	json_t *ren = json_array(), *unv = json_array();
	for (size_t i = 0; ren && i < shown(c->renewals.n); i++)
		append(ren, renewal_json(r, &c->renewals.items[i], bad), bad);
	for (size_t i = 0; unv && i < shown(c->unvetted.n); i++)
		append(unv, unvetted_json(&c->unvetted.items[i], bad), bad);
	risks_jset(o, "renewals", ren, bad);
	risks_jset(o, "renewals_more", json_boolean(c->renewals.n > CONTRACTS_SHOWN), bad);
	risks_jset(o, "regulated_without_diligence", unv, bad);
	risks_jset(o, "regulated_without_diligence_more",
	           json_boolean(c->unvetted.n > CONTRACTS_SHOWN), bad);
}

void contracts_json_decisions(json_t *o, const char *key, const struct contracts *c,
                              enum contracts_kind kind, int *bad)
{
	json_t *a = json_array();
	if (kind == CONTRACTS_REVIEW) {
		for (size_t i = 0; a && i < shown(c->decisions.n); i++)
			append(a, decision_json(&c->decisions.items[i], bad), bad);
	} else {
		for (size_t i = c->decisions.n; a && i-- > 0;)
			if (kind == CONTRACTS_PERIOD || contracts_taken(&c->decisions.items[i]))
				append(a, decision_json(&c->decisions.items[i], bad), bad);
	}
	risks_jset(o, key, a, bad);
	if (kind == CONTRACTS_REVIEW)
		risks_jset(o, "decisions_review_more",
		           json_boolean(c->decisions.n > CONTRACTS_SHOWN), bad);
}
