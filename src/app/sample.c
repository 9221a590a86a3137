/*
 * sample.c: the sample portfolio (sample-data/portfolio.json, compiled
 * in), loaded through the store and the rules every command applies, and
 * the throwaway demo database built from it.
 *
 * The document's fields are those of the commands that add the same
 * items, with dates relative to the day it is loaded ("-3d", "+2w").  A
 * fault in it is a bug in cxo: it is reported with the item and field,
 * and nothing is written.
 */
#include "internal.h"

#include <dirent.h>
#include <jansson.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "cxo/clock.h"
#include "cxo/date.h"
#include "cxo/decision.h"
#include "cxo/duration.h"
#include "cxo/journal.h"
#include "cxo/money.h"
#include "cxo/renewal.h"
#include "cxo/risk.h"
#include "cxo/rules.h"
#include "cxo/vendor.h"
#include "cxo/vocab.h"

/* sample-data/portfolio.json, compiled in by the Makefile. */
extern const char cxo_sample_portfolio[];

struct loader {
	struct cxo_app *app;
	const char *where;  /* "acme: risk 3" for messages */
	int64_t next_stamp; /* the creation second of the next entry */
	char where_buf[128];
	char err[512];
};

static int bad(struct loader *l, const char *field, const char *msg)
{
	snprintf(l->err, sizeof l->err, "%s: %s: %s", l->where, field, msg);
	return EX_SOFTWARE;
}

/* The string field name of o, or NULL when absent. */
static const char *text_of(json_t *o, const char *name)
{
	json_t *v = json_object_get(o, name);
	return json_is_string(v) ? json_string_value(v) : NULL;
}

static int copy_text(struct loader *l, json_t *o, const char *name, char **out)
{
	const char *s = text_of(o, name);
	if (json_object_get(o, name) && !s)
		return bad(l, name, "not a string");
	if (s && !(*out = strdup(s)))
		return bad(l, name, "out of memory");
	return 0;
}

static int day_field(struct loader *l, json_t *o, const char *name, char out[DAY_LEN])
{
	const char *s = text_of(o, name);
	char err[256];
	cxo_day d;
	if (!s)
		return json_object_get(o, name) ? bad(l, name, "not a string") : 0;
	if (!date_parse(s, l->app->today, l->app->cfg.week_start, &d, err, sizeof err))
		return bad(l, name, err);
	date_format_iso(d, out);
	return 0;
}

static int word_field(struct loader *l, json_t *o, const char *name, const struct vocab *v,
                      char out[WORD_LEN])
{
	const char *s = text_of(o, name);
	char err[256];
	if (!s)
		return json_object_get(o, name) ? bad(l, name, "not a string") : 0;
	const char *w = vocab_match(v, s, err, sizeof err);
	if (!w)
		return bad(l, name, err);
	snprintf(out, WORD_LEN, "%s", w);
	return 0;
}

static int store_failed(struct loader *l, int rc)
{
	snprintf(l->err, sizeof l->err, "%s: %s", l->where, store_error(l->app->st));
	return rc;
}

/* A mandate or risk of client_id named by its title, into id. */
static int link_field(struct loader *l, json_t *o, const char *name, enum store_kind kind,
                      const char *client_id, char id[UUID_LEN])
{
	const char *s = text_of(o, name);
	if (!s)
		return json_object_get(o, name) ? bad(l, name, "not a string") : 0;
	int rc = store_resolve(l->app->st, kind, s, client_id, id);
	return rc ? store_failed(l, rc) : 0;
}

static void locate(struct loader *l, const char *key, const char *what, size_t i)
{
	snprintf(l->where_buf, sizeof l->where_buf, "%s: %s %zu", key, what, i + 1);
	l->where = l->where_buf;
}

/* ---- one item of each kind ---- */

static int load_client(struct loader *l, json_t *o, struct client *c)
{
	const char *key = text_of(o, "key");
	char err[256];
	json_t *employees = json_object_get(o, "employees");
	int rc;

	if (!key || !client_key_valid(key, err, sizeof err))
		return bad(l, "key", key ? err : "missing");
	snprintf(c->key, KEY_LEN, "%s", key);
	snprintf(c->role, WORD_LEN, "cio");
	snprintf(c->status, WORD_LEN, "active");
	snprintf(c->currency, sizeof c->currency, "USD");
	app_today_iso(l->app, c->start);
	if ((rc = copy_text(l, o, "name", &c->name)) ||
	    (rc = copy_text(l, o, "industry", &c->industry)) ||
	    (rc = word_field(l, o, "role", &VOCAB_ROLE, c->role)) ||
	    (rc = day_field(l, o, "start", c->start)) || (rc = day_field(l, o, "end", c->end)))
		return rc;
	if (!c->name)
		return bad(l, "name", "missing");
	const char *budget = text_of(o, "budget");
	if (budget && !budget_parse(budget, &c->budget_minutes, err, sizeof err))
		return bad(l, "budget", err);
	const char *rate = text_of(o, "rate");
	if (rate && !money_parse(rate, &c->rate_cents, err, sizeof err))
		return bad(l, "rate", err);
	if (employees) {
		if (!json_is_integer(employees) || json_integer_value(employees) < 0 ||
		    json_integer_value(employees) > EMPLOYEES_MAX)
			return bad(l, "employees", "not a count of people");
		c->employees = (int)json_integer_value(employees);
	}
	rc = store_client_add(l->app->st, c);
	return rc ? store_failed(l, rc) : 0;
}

static int load_mandate(struct loader *l, json_t *o, const struct client *c)
{
	struct mandate m = { 0 };
	int rc;
	memcpy(m.client_id, c->id, UUID_LEN);
	snprintf(m.status, WORD_LEN, "active");
	if (!(rc = copy_text(l, o, "title", &m.title)) &&
	    !(rc = copy_text(l, o, "area", &m.area)) &&
	    !(rc = copy_text(l, o, "measure", &m.measure)) &&
	    !(rc = day_field(l, o, "due", m.due)) &&
	    !(rc = word_field(l, o, "status", &VOCAB_MANDATE_STATUS, m.status)) &&
	    (rc = store_mandate_add(l->app->st, &m)))
		rc = store_failed(l, rc);
	mandate_free(&m);
	return rc;
}

static int load_entry(struct loader *l, json_t *o, const struct client *c)
{
	struct entry e = { 0 };
	const char *hours = text_of(o, "hours");
	json_t *billable = json_object_get(o, "billable");
	char err[256];
	int rc;

	memcpy(e.client_id, c->id, UUID_LEN);
	app_today_iso(l->app, e.day);
	/* A second each, in the document's order, so that entries of one day
	 * list in that order rather than by their random ids. */
	clock_stamp_format(l->next_stamp++, e.created);
	e.billable = !billable || json_is_true(billable);
	if (!hours || !duration_parse(hours, &e.minutes, err, sizeof err))
		return bad(l, "hours", hours ? err : "missing");
	if (!(rc = copy_text(l, o, "note", &e.note)) && !(rc = day_field(l, o, "date", e.day)) &&
	    !(rc = link_field(l, o, "mandate", KIND_MANDATE, c->id, e.mandate_id)) &&
	    (rc = store_entry_add(l->app->st, &e)))
		rc = store_failed(l, rc);
	entry_free(&e);
	return rc;
}

static int risk_factors(struct loader *l, json_t *o, struct risk *r)
{
	const char *names[] = { "likelihood", "impact" };
	int *out[] = { &r->likelihood, &r->impact };
	char err[256];
	for (int i = 0; i < 2; i++) {
		json_t *v = json_object_get(o, names[i]);
		if (!json_is_integer(v) || json_integer_value(v) < 1 || json_integer_value(v) > 5)
			return bad(l, names[i], "expected a whole number from 1 to 5");
		*out[i] = (int)json_integer_value(v);
	}
	const char *residual = text_of(o, "residual");
	if (residual && !risk_pair_parse(residual, &r->residual_likelihood, &r->residual_impact,
	                                 err, sizeof err))
		return bad(l, "residual", err);
	return 0;
}

static int load_risk(struct loader *l, json_t *o, const struct client *c)
{
	struct risk r = { 0 };
	char status[WORD_LEN] = "", until[DAY_LEN] = "", err[256];
	int rc;

	memcpy(r.client_id, c->id, UUID_LEN);
	risk_begin(&r, l->app->today);
	if ((rc = copy_text(l, o, "title", &r.title)) ||
	    (rc = copy_text(l, o, "owner", &r.owner)) ||
	    (rc = copy_text(l, o, "framework", &r.framework)) ||
	    (rc = copy_text(l, o, "mitigation", &r.mitigation)) || (rc = risk_factors(l, o, &r)) ||
	    (rc = word_field(l, o, "category", &VOCAB_RISK_CATEGORY, r.category)) ||
	    (rc = word_field(l, o, "treatment", &VOCAB_RISK_TREATMENT, r.treatment)) ||
	    (rc = word_field(l, o, "status", &VOCAB_RISK_STATUS, status)) ||
	    (rc = day_field(l, o, "review", r.review)) || (rc = day_field(l, o, "until", until)))
		goto out;
	risk_default_review(&r, &l->app->cfg, l->app->today);
	if (*status &&
	    (rc = risk_set_status(&r, status, until, l->app->today, err, sizeof err)) != 0) {
		rc = bad(l, "status", err);
		goto out;
	}
	if ((rc = store_risk_add(l->app->st, &r)))
		rc = store_failed(l, rc);
out:
	risk_free(&r);
	return rc;
}

static int load_action(struct loader *l, json_t *o, const struct client *c)
{
	struct action a = { 0 };
	char since[DAY_LEN] = "", err[256];
	int rc;

	memcpy(a.client_id, c->id, UUID_LEN);
	if ((rc = copy_text(l, o, "title", &a.title)) || (rc = day_field(l, o, "due", a.due)) ||
	    (rc = day_field(l, o, "since", since)) ||
	    (rc = link_field(l, o, "mandate", KIND_MANDATE, c->id, a.mandate_id)) ||
	    (rc = link_field(l, o, "risk", KIND_RISK, c->id, a.risk_id)))
		goto out;
	if ((rc = action_begin(&a, text_of(o, "owner"), text_of(o, "waiting"), since, l->app->today,
	                       err, sizeof err))) {
		rc = bad(l, "owner", err);
		goto out;
	}
	if ((rc = store_action_add(l->app->st, &a)))
		rc = store_failed(l, rc);
out:
	action_free(&a);
	return rc;
}

static int load_note(struct loader *l, json_t *o, const struct client *c)
{
	struct note n = { 0 };
	char day[DAY_LEN] = "", err[256];
	int rc;

	memcpy(n.client_id, c->id, UUID_LEN);
	if ((rc = copy_text(l, o, "text", &n.text)) || (rc = day_field(l, o, "date", day)))
		goto out;
	if ((rc = note_stamp(day, l->app->now, l->app->today, n.created, err, sizeof err))) {
		rc = bad(l, "date", err);
		goto out;
	}
	if ((rc = store_note_add(l->app->st, &n)))
		rc = store_failed(l, rc);
out:
	note_free(&n);
	return rc;
}

/* Each title of the list name links to an item of kind of client_id:
 * link(l, ctx, id) for each.  Absent is no link. */
static int link_each(struct loader *l, json_t *o, const char *name, enum store_kind kind,
                     const char *client_id, int (*link)(struct loader *, const char *, void *),
                     void *ctx)
{
	json_t *titles = json_object_get(o, name);
	json_t *t;
	size_t i;
	if (!titles)
		return 0;
	if (!json_is_array(titles))
		return bad(l, name, "not a list of titles");
	json_array_foreach(titles, i, t)
	{
		char id[UUID_LEN];
		int rc;
		if (!json_is_string(t))
			return bad(l, name, "not a list of titles");
		if ((rc = store_resolve(l->app->st, kind, json_string_value(t), client_id, id)))
			return store_failed(l, rc);
		if ((rc = link(l, id, ctx)))
			return rc;
	}
	return 0;
}

static int link_vendor_risk(struct loader *l, const char *risk_id, void *ctx)
{
	int rc = store_vendor_link_risk(l->app->st, ctx, risk_id, true);
	return rc ? store_failed(l, rc) : 0;
}

/* "true" or "false" into *out; absent leaves it. */
static int flag_field(struct loader *l, json_t *o, const char *name, bool *out)
{
	json_t *v = json_object_get(o, name);
	if (v && !json_is_boolean(v))
		return bad(l, name, "not true or false");
	if (v)
		*out = json_is_true(v);
	return 0;
}

static int vendor_numbers(struct loader *l, json_t *o, const struct client *c, struct vendor *v)
{
	const char *cost = text_of(o, "cost"), *notice = text_of(o, "notice");
	json_t *units = json_object_get(o, "units");
	char err[256];
	if (cost && !money_parse(cost, &v->annual_cents, err, sizeof err))
		return bad(l, "cost", err);
	snprintf(v->currency, sizeof v->currency, "%s", c->currency);
	if (units) {
		if (!json_is_integer(units) || json_integer_value(units) < 0 ||
		    json_integer_value(units) > LONG_MAX)
			return bad(l, "units", "not a count");
		v->units = (long)json_integer_value(units);
	}
	cxo_day end = 0;
	bool has_term = v->term_end[0] && date_parse_iso(v->term_end, &end);
	if (notice &&
	    !renewal_notice_parse(notice, has_term, end, &v->notice_days, err, sizeof err))
		return bad(l, "notice", err);
	return 0;
}

static int load_vendor(struct loader *l, json_t *o, const struct client *c)
{
	struct vendor v = { 0 };
	int rc;

	memcpy(v.client_id, c->id, UUID_LEN);
	snprintf(v.category, WORD_LEN, "other");
	snprintf(v.billing, WORD_LEN, "annual");
	snprintf(v.status, WORD_LEN, "active");
	snprintf(v.diligence, WORD_LEN, "none");
	snprintf(v.data, WORD_LEN, "none");
	if ((rc = copy_text(l, o, "name", &v.name)) || (rc = copy_text(l, o, "owner", &v.owner)) ||
	    (rc = copy_text(l, o, "notes", &v.notes)) ||
	    (rc = word_field(l, o, "category", &VOCAB_VENDOR_CATEGORY, v.category)) ||
	    (rc = word_field(l, o, "billing", &VOCAB_VENDOR_BILLING, v.billing)) ||
	    (rc = word_field(l, o, "status", &VOCAB_VENDOR_STATUS, v.status)) ||
	    (rc = word_field(l, o, "diligence", &VOCAB_VENDOR_DILIGENCE, v.diligence)) ||
	    (rc = word_field(l, o, "data", &VOCAB_VENDOR_DATA, v.data)) ||
	    (rc = day_field(l, o, "start", v.start)) ||
	    (rc = day_field(l, o, "term_end", v.term_end)) ||
	    (rc = day_field(l, o, "diligence_on", v.diligence_on)) ||
	    (rc = flag_field(l, o, "auto_renew", &v.auto_renew)) ||
	    (rc = vendor_numbers(l, o, c, &v)))
		goto out;
	if (!v.name) {
		rc = bad(l, "name", "missing");
		goto out;
	}
	if ((rc = store_vendor_add(l->app->st, &v))) {
		rc = store_failed(l, rc);
		goto out;
	}
	rc = link_each(l, o, "risks", KIND_RISK, c->id, link_vendor_risk, v.id);
out:
	vendor_free(&v);
	return rc;
}

struct decision_link_ctx {
	const char *decision_id;
	enum decision_link kind;
};

static int link_decision(struct loader *l, const char *item_id, void *ctx)
{
	const struct decision_link_ctx *k = ctx;
	int rc = store_decision_link(l->app->st, k->decision_id, k->kind, item_id, true);
	return rc ? store_failed(l, rc) : 0;
}

static int link_vendor_by_name(struct loader *l, json_t *o, const char *client_id,
                               const char *decision_id)
{
	json_t *names = json_object_get(o, "vendors");
	json_t *t;
	size_t i;
	if (!names)
		return 0;
	if (!json_is_array(names))
		return bad(l, "vendors", "not a list of names");
	json_array_foreach(names, i, t)
	{
		char id[UUID_LEN];
		int rc;
		if (!json_is_string(t))
			return bad(l, "vendors", "not a list of names");
		if ((rc = store_vendor_resolve(l->app->st, json_string_value(t), client_id, id)) ||
		    (rc = store_decision_link(l->app->st, decision_id, DECISION_LINK_VENDOR, id,
		                              true)))
			return store_failed(l, rc);
	}
	return 0;
}

static int load_decision(struct loader *l, json_t *o, const struct client *c)
{
	struct decision d = { 0 };
	int rc;

	memcpy(d.client_id, c->id, UUID_LEN);
	snprintf(d.status, WORD_LEN, "decided");
	if ((rc = copy_text(l, o, "title", &d.title)) ||
	    (rc = copy_text(l, o, "decided_by", &d.decided_by)) ||
	    (rc = copy_text(l, o, "consulted", &d.consulted)) ||
	    (rc = copy_text(l, o, "context", &d.context)) ||
	    (rc = copy_text(l, o, "options", &d.options)) ||
	    (rc = copy_text(l, o, "decision", &d.decision)) ||
	    (rc = copy_text(l, o, "consequences", &d.consequences)) ||
	    (rc = word_field(l, o, "status", &VOCAB_DECISION_STATUS, d.status)) ||
	    (rc = day_field(l, o, "date", d.day)) || (rc = day_field(l, o, "review", d.review)))
		goto out;
	if (!d.title) {
		rc = bad(l, "title", "missing");
		goto out;
	}
	/* Created on its day, in the document's order within it. */
	if (d.day[0]) {
		cxo_day day = 0;
		int64_t t = 0;
		if (date_parse_iso(d.day, &day) && clock_moment(day, 9 * 3600, &t))
			clock_stamp_format(t < l->app->now ? t : l->app->now, d.created);
	}
	if ((rc = store_decision_add(l->app->st, &d))) {
		rc = store_failed(l, rc);
		goto out;
	}
	struct decision_link_ctx m = { d.id, DECISION_LINK_MANDATE },
	                         k = { d.id, DECISION_LINK_RISK };
	if (!(rc = link_each(l, o, "mandates", KIND_MANDATE, c->id, link_decision, &m)) &&
	    !(rc = link_each(l, o, "risks", KIND_RISK, c->id, link_decision, &k)))
		rc = link_vendor_by_name(l, o, c->id, d.id);
out:
	decision_free(&d);
	return rc;
}

/* ---- the document ---- */

typedef int (*item_loader)(struct loader *l, json_t *o, const struct client *c);

static int load_items(struct loader *l, json_t *client_doc, const struct client *c,
                      const char *list, const char *what, item_loader fn)
{
	json_t *items = json_object_get(client_doc, list);
	size_t i;
	json_t *o;
	if (!items)
		return 0;
	if (!json_is_array(items)) {
		locate(l, c->key, what, 0);
		return bad(l, list, "not a list");
	}
	json_array_foreach(items, i, o)
	{
		locate(l, c->key, what, i);
		if (!json_is_object(o))
			return bad(l, what, "not an object");
		int rc = fn(l, o, c);
		if (rc)
			return rc;
	}
	return 0;
}

/* "worked": [LAST, PREVIOUS], days as the other fields take them. */
static int load_worked(struct loader *l, json_t *o, const struct client *c)
{
	json_t *w = json_object_get(o, "worked");
	char days[2][DAY_LEN] = { "", "" };
	if (!w)
		return 0;
	l->where = c->key;
	if (!json_is_array(w) || json_array_size(w) < 1 || json_array_size(w) > 2)
		return bad(l, "worked", "not a list of one or two days");
	for (size_t k = 0; k < json_array_size(w); k++) {
		const char *s = json_string_value(json_array_get(w, k));
		char err[256];
		cxo_day d;
		if (!s)
			return bad(l, "worked", "not a string");
		if (!date_parse(s, l->app->today, l->app->cfg.week_start, &d, err, sizeof err))
			return bad(l, "worked", err);
		date_format_iso(d, days[k]);
	}
	int rc = store_seen_set(l->app->st, c->id, days[0], days[1]);
	return rc ? store_failed(l, rc) : 0;
}

static int load_document(struct loader *l, json_t *doc, int *added)
{
	json_t *clients = json_object_get(doc, "clients");
	size_t n = json_array_size(clients);
	struct client *made = calloc(n ? n : 1, sizeof *made);
	int rc = 0;

	l->where = "sample";
	size_t entries = 0;
	for (size_t i = 0; i < n; i++)
		entries += json_array_size(json_object_get(json_array_get(clients, i), "entries"));
	l->next_stamp = l->app->now - (int64_t)entries;
	if (!json_is_array(clients))
		rc = bad(l, "clients", "not a list");
	else if (!made)
		rc = bad(l, "clients", "out of memory");
	/* Every client first, so the tabs keep the document's order. */
	for (size_t i = 0; !rc && i < n; i++) {
		json_t *o = json_array_get(clients, i);
		l->where = "sample client";
		rc = json_is_object(o) ? load_client(l, o, &made[i])
		                       : bad(l, "clients", "not an object");
	}
	static const struct {
		const char *list, *what;
		item_loader fn;
	} kinds[] = {
		{ "mandates", "mandate", load_mandate },
		{ "entries", "entry", load_entry },
		{ "risks", "risk", load_risk },
		{ "actions", "action", load_action },
		{ "notes", "note", load_note },
		{ "vendors", "vendor", load_vendor },
		{ "decisions", "decision", load_decision },
	};
	for (size_t i = 0; !rc && i < n; i++)
		for (size_t k = 0; !rc && k < sizeof kinds / sizeof *kinds; k++)
			rc = load_items(l, json_array_get(clients, i), &made[i], kinds[k].list,
			                kinds[k].what, kinds[k].fn);
	/* The days each client was last worked on, kept after its items (whose
	 * writes count as work today), so a brief has something to tell. */
	for (size_t i = 0; !rc && i < n; i++)
		rc = load_worked(l, json_array_get(clients, i), &made[i]);
	const char *current = text_of(doc, "current");
	for (size_t i = 0; !rc && current && i < n; i++)
		if (!strcmp(made[i].key, current) &&
		    (rc = store_setting_set(l->app->st, "current_client", made[i].id)))
			rc = store_failed(l, rc);
	for (size_t i = 0; made && i < n; i++)
		client_free(&made[i]);
	free(made);
	if (!rc)
		*added = (int)n;
	return rc;
}

int app_load_sample(struct cxo_app *app, int *added)
{
	struct loader l = { .app = app, .where = "sample" };
	json_error_t jerr;
	int rc;

	*added = 0;
	json_t *doc = json_loads(cxo_sample_portfolio, JSON_REJECT_DUPLICATES, &jerr);
	if (!doc)
		return app_error(EX_SOFTWARE, "the sample portfolio is not valid JSON: line %d: %s",
		                 jerr.line, jerr.text);
	if ((rc = store_begin(app->st))) {
		json_decref(doc);
		return app_store_error(app, rc);
	}
	/* The history's line for it: not "added client acme (+209 more)". */
	if ((rc = store_journal_describe(app->st, "created the sample portfolio"))) {
		store_rollback(app->st);
		json_decref(doc);
		return app_store_error(app, rc);
	}
	rc = load_document(&l, doc, added);
	if (!rc && (rc = store_commit(app->st)))
		store_failed(&l, rc);
	json_decref(doc);
	if (rc) {
		store_rollback(app->st);
		*added = 0;
		return app_error(rc, "the sample portfolio failed at %s: nothing was loaded",
		                 l.err);
	}
	return 0;
}

/* ---- the demo ---- */

void app_remove_demo(struct cxo_app *app, const char *dir)
{
	if (app->st) {
		store_close(app->st);
		app->st = NULL;
	}
	/* The files SQLite made in it, then the directory. */
	DIR *d = opendir(dir);
	struct dirent *e;
	char path[PATH_MAX];
	if (d) {
		while ((e = readdir(d))) {
			if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
				continue;
			if (snprintf(path, sizeof path, "%s/%s", dir, e->d_name) < (int)sizeof path)
				unlink(path);
		}
		closedir(d);
	}
	rmdir(dir);
}

int app_make_demo(struct cxo_app *app, char dir[APP_DEMO_DIR_LEN])
{
	const char *tmp = getenv("TMPDIR");
	const char *base = tmp && tmp[0] == '/' ? tmp : "/tmp";
	char db[APP_DEMO_DIR_LEN + 16];
	int added, rc;

	if (snprintf(dir, APP_DEMO_DIR_LEN, "%s/cxo-demo.XXXXXX", base) >= APP_DEMO_DIR_LEN ||
	    !mkdtemp(dir))
		return app_error(EX_CANTCREAT, "cannot make a directory for the demo in %s", base);
	snprintf(db, sizeof db, "%s/cxo.db", dir);
	/* The demo's client comes from the sample, never from the shell. */
	app->client_key = NULL;
	app->client_key_source = CLIENT_NONE;
	app->ignore_client_choice = true;
	if ((rc = app_set_db_path(app, db, DB_FROM_FLAG)) ||
	    (rc = app_open_store(app, STORE_WRITE, false)) || (rc = app_load_sample(app, &added))) {
		app_remove_demo(app, dir);
		return rc;
	}
	return 0;
}
