/*
 * risks.c: `cxo report risks`, the board-ready risk summary of a client
 * for a period: the 5x5 heat map of the open risks, the top risks, what
 * was opened, closed and accepted in the period, the open risks by
 * category and framework, and the acceptances with their expiry.  The
 * heat map and the top risks are shared with the board pack (board.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "cxo/date.h"
#include "cxo/risk.h"
#include "cxo/rules.h"
#include "cxo/store.h"
#include "internal.h"

#define RISKS_TOP 10
#define RISKS_PERIOD_MAX 200 /* risks opened, closed or accepted listed a period */
#define RISKS_ACCEPTED_MAX 50
#define RISKS_EXPIRY_DAYS 30

/* What the summary reads, for one client. */
struct risks_data {
	struct risks_summary sum;
	struct risk_list opened, closed;
	struct change_list accepted;
	struct name_count_list by_category, by_framework;
	struct risk_list acceptances;
};

static int store_fail(struct store *st, int rc, const char *what, char *err, size_t errsz)
{
	snprintf(err, errsz, "%s: %s", what, store_error(st));
	return rc ? rc : EX_SOFTWARE;
}

int risks_summary_read(struct store *st, const char *client_id, size_t top,
                       struct risks_summary *out, char *err, size_t errsz)
{
	memset(out, 0, sizeof *out);
	int rc = store_dash_heatmap(st, client_id, out->heat);
	if (rc)
		return store_fail(st, rc, "reading the heat map", err, errsz);
	for (int l = 0; l < 5; l++)
		for (int i = 0; i < 5; i++)
			out->open += out->heat[l][i];
	if ((rc = store_dash_open_risks(st, client_id, NULL, top ? top : 1, &out->top)) != 0)
		return store_fail(st, rc, "reading the top risks", err, errsz);
	return 0;
}

void risks_summary_free(struct risks_summary *s)
{
	risk_list_free(&s->top);
}

static void risks_data_free(struct risks_data *d)
{
	risks_summary_free(&d->sum);
	risk_list_free(&d->opened);
	risk_list_free(&d->closed);
	change_list_free(&d->accepted);
	name_count_list_free(&d->by_category);
	name_count_list_free(&d->by_framework);
	risk_list_free(&d->acceptances);
}

static int risks_read(struct store *st, const struct report_request *r, const struct client *c,
                      struct risks_data *d, char *err, size_t errsz)
{
	char from[DAY_LEN], to[DAY_LEN];
	memset(d, 0, sizeof *d);
	date_format_iso(r->from, from);
	date_format_iso(r->to, to);
	int rc = risks_summary_read(st, c->id, RISKS_TOP, &d->sum, err, errsz);
	if (rc)
		return rc;
	if ((rc = store_risks_opened_between(st, c->id, from, to, &d->opened)) != 0)
		return store_fail(st, rc, "reading the risks opened", err, errsz);
	if ((rc = store_risks_closed_between(st, c->id, from, to, &d->closed)) != 0)
		return store_fail(st, rc, "reading the risks closed", err, errsz);
	if ((rc = store_changes_of_kind(st, c->id, "risk", "accepted", from, to, RISKS_PERIOD_MAX,
	                                &d->accepted)) != 0)
		return store_fail(st, rc, "reading the risks accepted", err, errsz);
	if ((rc = store_risk_counts(st, c->id, &d->by_category, &d->by_framework)) != 0)
		return store_fail(st, rc, "counting the risks", err, errsz);
	if ((rc = store_risks_accepted(st, c->id, RISKS_ACCEPTED_MAX, &d->acceptances)) != 0)
		return store_fail(st, rc, "reading the acceptances", err, errsz);
	return 0;
}

/* ---- the words of a risk ---- */

void risks_score_text(const struct config *cfg, int likelihood, int impact, char *buf, size_t n)
{
	int score = risk_score(likelihood, impact);
	if (!score)
		snprintf(buf, n, "not assessed");
	else
		snprintf(buf, n, "%d %s", score,
		         risk_level_name(risk_level_of(score, &cfg->thresholds)));
}

bool risks_review_overdue(const struct risk *k, cxo_day today)
{
	cxo_day review;
	return *k->review && date_parse_iso(k->review, &review) && review < today;
}

void risks_review_text(const struct risk *k, cxo_day today, char *buf, size_t n)
{
	if (!*k->review)
		snprintf(buf, n, "none set");
	else if (risks_review_overdue(k, today))
		snprintf(buf, n, "%s (overdue)", k->review);
	else
		snprintf(buf, n, "%s", k->review);
}

/* Days from today to the end of the acceptance (negative: ended); false
 * when it has no end. */
static bool acceptance_days(const struct risk *k, cxo_day today, long *days)
{
	cxo_day until;
	if (!*k->accepted_until || !date_parse_iso(k->accepted_until, &until))
		return false;
	*days = (long)until - today;
	return true;
}

static void acceptance_text(const struct risk *k, cxo_day today, char *buf, size_t n)
{
	long days;
	if (!acceptance_days(k, today, &days))
		snprintf(buf, n, "no end set");
	else if (days < 0)
		snprintf(buf, n, "%s (expired)", k->accepted_until);
	else if (days < RISKS_EXPIRY_DAYS)
		snprintf(buf, n, "%s (expiring in %ldd)", k->accepted_until, days);
	else
		snprintf(buf, n, "%s", k->accepted_until);
}

static const char *or_text(const char *s, const char *none)
{
	return s && *s ? s : none;
}

/* ---- the document ---- */

int risks_top_table(struct doc *d, const struct report_request *r, const struct risk_list *l,
                    bool full)
{
	static const char *const heads[] = { "Risk",     "Owner",     "Treatment",  "Inherent",
		                             "Residual", "Framework", "Next review" };
	static const char *const short_heads[] = { "Risk", "Owner", "Treatment", "Score",
		                                   "Next review" };
	int rc = full ? doc_table(d, 7, heads, NULL) : doc_table(d, 5, short_heads, NULL);
	for (size_t i = 0; !rc && i < l->n; i++) {
		const struct risk *k = &l->items[i];
		char inh[64], res[64], rev[48];
		risks_score_text(r->cfg, k->likelihood, k->impact, inh, sizeof inh);
		risks_score_text(r->cfg, k->residual_likelihood, k->residual_impact, res,
		                 sizeof res);
		risks_review_text(k, r->today, rev, sizeof rev);
		const char *owner = or_text(k->owner, "me");
		if (full) {
			const char *cells[] = {
				or_text(k->title, ""),         owner, k->treatment, inh, res,
				or_text(k->framework, "none"), rev
			};
			rc = doc_row(d, cells);
		} else {
			const char *cells[] = { or_text(k->title, ""), owner, k->treatment, inh,
				                rev };
			rc = doc_row(d, cells);
		}
	}
	return rc;
}

static int risk_list_table(struct doc *d, const struct report_request *r, const struct risk_list *l,
                           bool closed)
{
	static const char *const heads[] = { "Day", "Risk", "Score", "Status" };
	int rc = doc_table(d, 4, heads, NULL);
	for (size_t i = 0; !rc && i < l->n; i++) {
		const struct risk *k = &l->items[i];
		char score[64];
		risks_score_text(r->cfg, k->likelihood, k->impact, score, sizeof score);
		const char *cells[] = { closed ? k->closed : k->opened, or_text(k->title, ""),
			                score, k->status };
		rc = doc_row(d, cells);
	}
	return rc;
}

static int counts_table(struct doc *d, const char *head, const struct name_count_list *l)
{
	static const enum doc_align al[] = { DOC_LEFT, DOC_RIGHT };
	const char *heads[] = { head, "Open risks" };
	int rc = doc_table(d, 2, heads, al);
	for (size_t i = 0; !rc && i < l->n; i++) {
		char n[24];
		snprintf(n, sizeof n, "%d", l->items[i].count);
		const char *cells[] = { or_text(l->items[i].name, "none"), n };
		rc = doc_row(d, cells);
	}
	return rc;
}

int risks_heat_block(struct doc *d, const struct report_request *r, const struct risks_summary *s)
{
	char buf[128];
	if (!s->open)
		return doc_para(d, "No open risks.");
	int rc = doc_heatmap(d, s->heat, &r->cfg->thresholds);
	if (rc)
		return rc;
	snprintf(buf, sizeof buf,
	         "%d open risk%s (open or mitigating), by inherent likelihood and impact.", s->open,
	         s->open == 1 ? "" : "s");
	return doc_note(d, buf);
}

static int period_block(struct doc *d, const struct report_request *r, const struct risks_data *x)
{
	char a[24], b[24], c[24];
	snprintf(a, sizeof a, "%zu", x->opened.n);
	snprintf(b, sizeof b, "%zu", x->closed.n);
	snprintf(c, sizeof c, "%zu", x->accepted.n);
	int rc = doc_heading(d, 2, "In the period");
	if (!rc)
		rc = doc_fact(d, "Opened", a);
	if (!rc)
		rc = doc_fact(d, "Closed", b);
	if (!rc)
		rc = doc_fact(d, "Accepted", c);
	if (!rc && x->opened.n) {
		rc = doc_heading(d, 3, "Opened");
		if (!rc)
			rc = risk_list_table(d, r, &x->opened, false);
	}
	if (!rc && x->closed.n) {
		rc = doc_heading(d, 3, "Closed");
		if (!rc)
			rc = risk_list_table(d, r, &x->closed, true);
	}
	if (!rc && x->accepted.n) {
		static const char *const heads[] = { "Day", "Risk" };
		rc = doc_heading(d, 3, "Accepted");
		if (!rc)
			rc = doc_table(d, 2, heads, NULL);
		for (size_t i = 0; !rc && i < x->accepted.n; i++) {
			const char *cells[] = { x->accepted.items[i].at,
				                or_text(x->accepted.items[i].title, "") };
			rc = doc_row(d, cells);
		}
	}
	return rc;
}

static int acceptances_block(struct doc *d, const struct report_request *r,
                             const struct risk_list *l)
{
	static const char *const heads[] = { "Risk", "Owner", "Score", "Accepted until" };
	int rc = doc_heading(d, 2, "Acceptances");
	if (!rc && !l->n)
		return doc_para(d, "No accepted risks.");
	if (!rc)
		rc = doc_table(d, 4, heads, NULL);
	for (size_t i = 0; !rc && i < l->n; i++) {
		const struct risk *k = &l->items[i];
		char score[64], until[64];
		risks_score_text(r->cfg, k->likelihood, k->impact, score, sizeof score);
		acceptance_text(k, r->today, until, sizeof until);
		const char *cells[] = { or_text(k->title, ""), or_text(k->owner, "me"), score,
			                until };
		rc = doc_row(d, cells);
	}
	return rc;
}

static int risks_doc(struct store *st, const struct report_request *r, const struct client *c,
                     struct doc *d, char *err, size_t errsz)
{
	struct risks_data x;
	*err = '\0';
	int rc = risks_read(st, r, c, &x, err, errsz);
	if (!rc)
		rc = doc_heading(d, 2, "Heat map");
	if (!rc)
		rc = risks_heat_block(d, r, &x.sum);
	if (!rc)
		rc = doc_heading(d, 2, "Top risks");
	if (!rc)
		rc = x.sum.top.n ? risks_top_table(d, r, &x.sum.top, true)
		                 : doc_para(d, "No open risks.");
	if (!rc)
		rc = period_block(d, r, &x);
	if (!rc)
		rc = doc_heading(d, 2, "Open risks by category and framework");
	if (!rc && !x.by_category.n && !x.by_framework.n)
		rc = doc_para(d, "No open risks.");
	else if (!rc)
		rc = counts_table(d, "Category", &x.by_category);
	if (!rc && x.by_framework.n)
		rc = counts_table(d, "Framework", &x.by_framework);
	if (!rc)
		rc = acceptances_block(d, r, &x.acceptances);
	if (rc && !*err)
		snprintf(err, errsz, "building the risk summary: %s",
		         rc == EX_OSERR ? "out of memory" : "failed");
	risks_data_free(&x);
	return rc;
}

/* ---- JSON ---- */

/* o[key] = v, counting a failure (v NULL or refused) into *bad. */
void risks_jset(json_t *o, const char *key, json_t *v, int *bad)
{
	if (!v || json_object_set_new(o, key, v))
		*bad = 1;
}

json_t *risks_risk_json(const struct report_request *r, const struct risk *k, int *bad)
{
	json_t *o = json_object();
	if (!o) {
		*bad = 1;
		return NULL;
	}
	int score = risk_score(k->likelihood, k->impact);
	int res = risk_score(k->residual_likelihood, k->residual_impact);
	risks_jset(o, "id", json_string(k->id), bad);
	risks_jset(o, "title", report_json_text(k->title), bad);
	risks_jset(o, "category", report_json_text(k->category), bad);
	risks_jset(o, "status", report_json_text(k->status), bad);
	risks_jset(o, "owner", report_json_text(k->owner), bad);
	risks_jset(o, "treatment", report_json_text(k->treatment), bad);
	risks_jset(o, "framework", report_json_text(k->framework), bad);
	risks_jset(o, "likelihood", json_integer(k->likelihood), bad);
	risks_jset(o, "impact", json_integer(k->impact), bad);
	risks_jset(o, "score", json_integer(score), bad);
	risks_jset(o, "level",
	           json_string(risk_level_name(risk_level_of(score, &r->cfg->thresholds))), bad);
	risks_jset(o, "residual_likelihood",
	           res ? json_integer(k->residual_likelihood) : json_null(), bad);
	risks_jset(o, "residual_impact", res ? json_integer(k->residual_impact) : json_null(), bad);
	risks_jset(o, "residual_score", res ? json_integer(res) : json_null(), bad);
	risks_jset(o, "review", report_json_text(k->review), bad);
	risks_jset(o, "review_overdue", json_boolean(risks_review_overdue(k, r->today)), bad);
	risks_jset(o, "opened", report_json_text(k->opened), bad);
	risks_jset(o, "closed", report_json_text(k->closed), bad);
	risks_jset(o, "accepted_until", report_json_text(k->accepted_until), bad);
	return o;
}

json_t *risks_list_json(const struct report_request *r, const struct risk_list *l, int *bad)
{
	json_t *a = json_array();
	if (!a) {
		*bad = 1;
		return NULL;
	}
	for (size_t i = 0; i < l->n; i++) {
		json_t *o = risks_risk_json(r, &l->items[i], bad);
		if (!o || json_array_append_new(a, o))
			*bad = 1;
	}
	return a;
}

json_t *risks_heat_json(const struct risks_summary *s, int *bad)
{
	json_t *a = json_array();
	if (!a) {
		*bad = 1;
		return NULL;
	}
	for (int l = 0; l < 5; l++) {
		json_t *row = json_array();
		for (int i = 0; row && i < 5; i++)
			if (json_array_append_new(row, json_integer(s->heat[l][i])))
				*bad = 1;
		if (!row || json_array_append_new(a, row))
			*bad = 1;
	}
	return a;
}

static json_t *counts_json(const struct name_count_list *l, int *bad)
{
	json_t *a = json_array();
	if (!a) {
		*bad = 1;
		return NULL;
	}
	for (size_t i = 0; i < l->n; i++) {
		json_t *o = json_object();
		if (!o || json_array_append_new(a, o)) {
			*bad = 1;
			continue;
		}
		risks_jset(o, "name", report_json_text(l->items[i].name), bad);
		risks_jset(o, "count", json_integer(l->items[i].count), bad);
	}
	return a;
}

static json_t *accepted_json(const struct change_list *l, int *bad)
{
	json_t *a = json_array();
	if (!a) {
		*bad = 1;
		return NULL;
	}
	for (size_t i = 0; i < l->n; i++) {
		json_t *o = json_object();
		if (!o || json_array_append_new(a, o)) {
			*bad = 1;
			continue;
		}
		risks_jset(o, "id", json_string(l->items[i].item_id), bad);
		risks_jset(o, "title", report_json_text(l->items[i].title), bad);
		risks_jset(o, "day", json_string(l->items[i].at), bad);
	}
	return a;
}

static json_t *acceptances_json(const struct report_request *r, const struct risk_list *l, int *bad)
{
	json_t *a = risks_list_json(r, l, bad);
	for (size_t i = 0; a && i < l->n && i < json_array_size(a); i++) {
		long days;
		json_t *o = json_array_get(a, i);
		bool has = acceptance_days(&l->items[i], r->today, &days);
		risks_jset(o, "days_left", has ? json_integer(days) : json_null(), bad);
		risks_jset(o, "expiring", json_boolean(has && days < RISKS_EXPIRY_DAYS), bad);
	}
	return a;
}

json_t *risks_client_json(const struct report_request *r, const struct client *c, int *bad)
{
	char from[DAY_LEN], last[DAY_LEN];
	json_t *o = json_object();
	if (!o) {
		*bad = 1;
		return NULL;
	}
	date_format_iso(r->from, from);
	date_format_iso(r->to - 1, last);
	json_t *p = json_object();
	risks_jset(o, "client", json_string(c->key), bad);
	risks_jset(o, "name", json_string(c->name ? c->name : ""), bad);
	if (p) {
		risks_jset(p, "from", json_string(from), bad);
		risks_jset(p, "to", json_string(last), bad);
	}
	risks_jset(o, "period", p, bad);
	return o;
}

static int risks_json(struct store *st, const struct report_request *r, const struct client *c,
                      json_t **out, char *err, size_t errsz)
{
	struct risks_data x;
	int bad = 0;
	*out = NULL;
	int rc = risks_read(st, r, c, &x, err, errsz);
	if (rc) {
		risks_data_free(&x);
		return rc;
	}
	json_t *o = risks_client_json(r, c, &bad);
	if (o) {
		risks_jset(o, "open", json_integer(x.sum.open), &bad);
		risks_jset(o, "heatmap", risks_heat_json(&x.sum, &bad), &bad);
		risks_jset(o, "top", risks_list_json(r, &x.sum.top, &bad), &bad);
		risks_jset(o, "opened", risks_list_json(r, &x.opened, &bad), &bad);
		risks_jset(o, "closed", risks_list_json(r, &x.closed, &bad), &bad);
		risks_jset(o, "accepted", accepted_json(&x.accepted, &bad), &bad);
		risks_jset(o, "by_category", counts_json(&x.by_category, &bad), &bad);
		risks_jset(o, "by_framework", counts_json(&x.by_framework, &bad), &bad);
		risks_jset(o, "acceptances", acceptances_json(r, &x.acceptances, &bad), &bad);
	}
	risks_data_free(&x);
	if (!o || bad) {
		json_decref(o);
		snprintf(err, errsz, "building the risk summary: out of memory");
		return EX_OSERR;
	}
	*out = o;
	return 0;
}

const struct report_ops report_risks_ops = {
	.title = "Risk summary",
	.doc = risks_doc,
	.json = risks_json,
	.csv = NULL,
};
