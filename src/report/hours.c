/*
 * hours.c: the hours statement that goes with an invoice or a retainer
 * review: the client's legal name and the engagement, the period, the
 * entries by date with their notes and mandates, subtotals by day, ISO
 * week or mandate, billable and non-billable totals, the budget and the
 * difference, the rollover in and out, the amount at the client's rate,
 * and the month's lock.  As a document (md, html, text), JSON or CSV.
 *
 * Only the period's entries are read (for a whole month, again by the
 * billing rules with those of the month before, for what rolls in), so
 * the cost follows the period and not the years of history.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "cxo/app.h"
#include "cxo/billing.h"
#include "cxo/clock.h"
#include "cxo/date.h"
#include "cxo/duration.h"
#include "cxo/money.h"
#include "cxo/text.h"
#include "internal.h"
#include "sheet_impl.h"

/* One entry of the period, its texts copied out of the query. */
struct hrow {
	char day[DAY_LEN];
	int minutes;
	bool billable;
	char *mandate; /* NULL = none */
	char *note;    /* NULL = none */
};

/* A subtotal: a day, an ISO week or a mandate. */
struct hgroup {
	char *label;
	int entries;
	long minutes, billable;
	long shown, shown_billable; /* the rows' hundredths of an hour as shown */
};

/* Everything the statement says, gathered before anything is written. */
struct statement {
	const struct client *c;
	struct client_terms terms;
	char from[DAY_LEN], last[DAY_LEN]; /* the period's first and last day */
	char month[MONTH_LEN];             /* "" unless the period is one month */
	struct hrow *rows;
	size_t n, cap;
	struct hgroup *groups;
	size_t ngroups;
	long recorded, billable, nonbillable, billed; /* minutes */
	long shown, shown_billable, shown_nonbillable;
	bool has_budget; /* a month of a client with a retainer */
	long budget, rolled_in, available, unused, rolled_out, overage;
	int64_t overage_rate, retainer_cents, overage_cents, amount_cents;
	bool locked;
	struct month_lock lock;
	char locked_day[DAY_LEN];
};

static void statement_free(struct statement *s)
{
	for (size_t i = 0; i < s->n; i++) {
		free(s->rows[i].mandate);
		free(s->rows[i].note);
	}
	free(s->rows);
	for (size_t i = 0; i < s->ngroups; i++)
		free(s->groups[i].label);
	free(s->groups);
	client_terms_free(&s->terms);
	month_lock_free(&s->lock);
	memset(s, 0, sizeof *s);
}

static int collect(const struct entry *e, void *ctx)
{
	struct statement *s = ctx;
	if (s->n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 64;
		struct hrow *r = realloc(s->rows, cap * sizeof *r);
		if (!r)
			return EX_OSERR;
		s->rows = r;
		s->cap = cap;
	}
	struct hrow *r = &s->rows[s->n];
	memset(r, 0, sizeof *r);
	snprintf(r->day, sizeof r->day, "%s", e->day);
	r->minutes = e->minutes;
	r->billable = e->billable;
	if ((e->mandate_title && !(r->mandate = strdup(e->mandate_title))) ||
	    (e->note && !(r->note = strdup(e->note)))) {
		free(r->mandate);
		return EX_OSERR;
	}
	s->n++;
	return 0;
}

/* The ISO 8601 week of day: "2026-W47". */
static void iso_week(cxo_day day, char *buf, size_t n)
{
	cxo_day monday = date_week_start(day, WD_MON);
	cxo_day thursday = monday + 3;
	int y, m, d;
	date_to_ymd(thursday, &y, &m, &d);
	int week = (int)((thursday - date_from_ymd(y, 1, 1)) / 7) + 1;
	char first[DAY_LEN];
	date_format_iso(monday, first);
	snprintf(buf, n, "%04d-W%02d (from %s)", y, week, first);
}

static void group_label(const struct report_request *r, const struct hrow *row, char *buf, size_t n)
{
	cxo_day d = 0;
	switch (r->group) {
	case REPORT_BY_WEEK:
		if (date_parse_iso(row->day, &d))
			iso_week(d, buf, n);
		else
			snprintf(buf, n, "%s", row->day);
		break;
	case REPORT_BY_MANDATE:
		snprintf(buf, n, "%s", row->mandate ? row->mandate : "(no mandate)");
		break;
	default:
		snprintf(buf, n, "%s", row->day);
		break;
	}
}

/* Subtotals in the order their first entry comes (days and weeks by
 * date; mandates as first worked on in the period). */
static int make_groups(const struct report_request *r, struct statement *s)
{
	if (!s->n)
		return 0;
	s->groups = calloc(s->n, sizeof *s->groups);
	if (!s->groups)
		return EX_OSERR;
	char label[TEXT_MAX_NAME * 4 + 32];
	for (size_t i = 0; i < s->n; i++) {
		const struct hrow *row = &s->rows[i];
		group_label(r, row, label, sizeof label);
		struct hgroup *g = NULL;
		for (size_t j = s->ngroups; j-- > 0;)
			if (!strcmp(s->groups[j].label, label)) {
				g = &s->groups[j];
				break;
			}
		if (!g) {
			g = &s->groups[s->ngroups];
			if (!(g->label = strdup(label)))
				return EX_OSERR;
			s->ngroups++;
		}
		long h = duration_hundredths(row->minutes);
		g->entries++;
		g->minutes += row->minutes;
		g->shown += h;
		if (row->billable) {
			g->billable += row->minutes;
			g->shown_billable += h;
		}
	}
	return 0;
}

/*
 * The billing rules (cxo/billing.h) under the client's terms: the
 * billable minutes rounded (recorded minutes stay as they are); for a
 * whole month, through app_billing_month as `cxo hours` does: the
 * rollover in and out, the overage and the amount; for a period of
 * days, the billed minutes at the rate.
 */
static int figures(struct store *st, const struct report_request *r, struct statement *s)
{
	const struct client *c = s->c;
	struct billing_terms bt;
	struct billing_month bm;
	app_billing_terms(&s->terms, &bt);
	s->has_budget = r->whole_month && c->budget_minutes > 0;
	if (r->whole_month) {
		int y, m, d;
		date_to_ymd(r->from, &y, &m, &d);
		int rc = app_billing_month(st, c, &bt, y, m, &bm);
		if (rc)
			return rc;
	} else {
		struct billing_entry *v = s->n ? calloc(s->n, sizeof *v) : NULL;
		struct billing_sums sums;
		if (s->n && !v)
			return EX_OSERR;
		for (size_t i = 0; i < s->n; i++) {
			cxo_day d = 0;
			date_parse_iso(s->rows[i].day, &d);
			v[i] = (struct billing_entry){ d, s->rows[i].minutes, s->rows[i].billable };
		}
		billing_round_entries(v, s->n, &bt, &sums);
		free(v);
		billing_month_compute(&bt, 0, c->rate_cents, &sums, -1, &bm);
	}
	s->billed = bm.billed;
	s->budget = bm.budget;
	s->rolled_in = bm.rolled_in;
	s->available = bm.available;
	s->unused = bm.unused;
	s->rolled_out = bm.rolled_out;
	s->overage = bm.overage;
	s->overage_rate = bt.overage_rate_cents ? bt.overage_rate_cents : c->rate_cents;
	s->retainer_cents = bm.retainer_cents;
	s->overage_cents = bm.overage_cents;
	s->amount_cents = bm.amount_cents;
	return 0;
}

static int gather(struct store *st, const struct report_request *r, const struct client *c,
                  struct statement *s, char *err, size_t errsz)
{
	int rc;
	char from[DAY_LEN], to[DAY_LEN];
	memset(s, 0, sizeof *s);
	if (errsz)
		err[0] = '\0';
	s->c = c;
	date_format_iso(r->from, from);
	date_format_iso(r->to, to);
	date_format_iso(r->to - 1, s->last);
	snprintf(s->from, sizeof s->from, "%s", from);
	if (r->whole_month)
		snprintf(s->month, sizeof s->month, "%.7s", from);
	if ((rc = store_terms_get(st, c->id, &s->terms))) {
		snprintf(err, errsz, "cannot read the billing terms of %s", c->key);
		return rc;
	}
	if ((rc = store_entry_each(st, c->id, from, to, collect, s))) {
		snprintf(err, errsz, "cannot read the hours of %s", c->key);
		return rc;
	}
	for (size_t i = 0; i < s->n; i++) {
		long h = duration_hundredths(s->rows[i].minutes);
		s->recorded += s->rows[i].minutes;
		s->shown += h;
		if (s->rows[i].billable) {
			s->billable += s->rows[i].minutes;
			s->shown_billable += h;
		} else {
			s->nonbillable += s->rows[i].minutes;
			s->shown_nonbillable += h;
		}
	}
	if ((rc = make_groups(r, s))) {
		snprintf(err, errsz, "out of memory");
		return rc;
	}
	if ((rc = figures(st, r, s))) {
		snprintf(err, errsz, "cannot bill the hours of %s from %s", c->key, from);
		return rc;
	}
	if (r->whole_month) {
		rc = store_lock_get(st, c->id, s->month, &s->lock);
		if (rc == 0) {
			int64_t t = 0;
			cxo_day d = 0;
			int sec = 0;
			s->locked = true;
			if (clock_stamp_parse(s->lock.locked, &t) && clock_local(t, &d, &sec))
				date_format_iso(d, s->locked_day);
			else
				snprintf(s->locked_day, sizeof s->locked_day, "%.10s",
				         s->lock.locked);
		} else if (rc != EX_NOINPUT) {
			snprintf(err, errsz, "cannot read the lock of %s for %s", c->key, s->month);
			return rc;
		}
	}
	return 0;
}

static const char *role_title(const char *role)
{
	if (!strcmp(role, "cio"))
		return "CIO";
	if (!strcmp(role, "cto"))
		return "CTO";
	if (!strcmp(role, "ciso"))
		return "CISO";
	if (!strcmp(role, "interim"))
		return "Interim executive";
	return role;
}

static const char *group_name(enum report_group g)
{
	return g == REPORT_BY_WEEK ? "week" : g == REPORT_BY_MANDATE ? "mandate" : "day";
}

/* ---- the document ---- */

struct writer {
	struct doc *d;
	enum hours_style hs;
	int rc;
};

static void fact(struct writer *w, const char *label, const char *value)
{
	if (!w->rc)
		w->rc = doc_fact(w->d, label, value);
}

static void hours_fact(struct writer *w, const char *label, long minutes)
{
	char buf[64];
	duration_format(minutes, w->hs, buf, sizeof buf);
	fact(w, label, buf);
}

static void total_fact(struct writer *w, const char *label, long minutes, long shown)
{
	char buf[64];
	duration_format_total(minutes, shown, w->hs, 0, buf, sizeof buf);
	fact(w, label, buf);
}

static void money_fact(struct writer *w, const char *label, int64_t cents, const char *currency)
{
	char buf[64];
	money_format(cents, currency, buf, sizeof buf);
	fact(w, label, buf);
}

static void engagement_facts(struct writer *w, const struct statement *s)
{
	const struct client *c = s->c;
	char buf[256], money[64];
	fact(w, "Client", s->terms.legal_name ? s->terms.legal_name : c->name);
	if (s->terms.legal_name && c->name && strcmp(s->terms.legal_name, c->name))
		fact(w, "Known as", c->name);
	if (*c->start && *c->end)
		snprintf(buf, sizeof buf, "%s, %s to %s", role_title(c->role), c->start, c->end);
	else if (*c->start)
		snprintf(buf, sizeof buf, "%s, since %s", role_title(c->role), c->start);
	else
		snprintf(buf, sizeof buf, "%s", role_title(c->role));
	fact(w, "Engagement", buf);
	if (c->budget_minutes) {
		char h[32];
		duration_format(c->budget_minutes, w->hs, h, sizeof h);
		snprintf(buf, sizeof buf, "%s a month", h);
		fact(w, "Retainer", buf);
	}
	if (c->rate_cents) {
		money_format(c->rate_cents, c->currency, money, sizeof money);
		snprintf(buf, sizeof buf, "%s an hour", money);
		fact(w, "Rate", buf);
	}
	if (s->terms.overage_rate_cents && c->budget_minutes) {
		money_format(s->terms.overage_rate_cents, c->currency, money, sizeof money);
		snprintf(buf, sizeof buf, "%s an hour", money);
		fact(w, "Overage rate", buf);
	}
	if (*s->month)
		snprintf(buf, sizeof buf, "%s (%s to %s)", s->month, s->from, s->last);
	else
		snprintf(buf, sizeof buf, "%s to %s", s->from, s->last);
	fact(w, "Period", buf);
}

static void total_facts(struct writer *w, const struct statement *s)
{
	const struct client *c = s->c;
	char buf[160], a[64], b[64];
	total_fact(w, "Hours recorded", s->recorded, s->shown);
	total_fact(w, "Billable", s->billable, s->shown_billable);
	total_fact(w, "Non-billable", s->nonbillable, s->shown_nonbillable);
	if (s->terms.round_minutes > 0) {
		duration_format(s->billed, w->hs, a, sizeof a);
		snprintf(buf, sizeof buf, "%s (billable hours rounded %s to %d minutes, per %s)", a,
		         s->terms.round_mode, s->terms.round_minutes, s->terms.round_scope);
		fact(w, "Billed", buf);
	}
	if (s->has_budget) {
		hours_fact(w, "Budget", s->budget);
		if (s->terms.rollover_cap_minutes > 0) {
			hours_fact(w, "Rolled in", s->rolled_in);
			hours_fact(w, "Available", s->available);
		}
		long diff = s->available - s->billed;
		duration_format(diff < 0 ? -diff : diff, w->hs, a, sizeof a);
		snprintf(buf, sizeof buf, "%s %s budget", a, diff < 0 ? "over" : "under");
		fact(w, "Difference", diff ? buf : "on budget");
		if (s->terms.rollover_cap_minutes > 0)
			hours_fact(w, "Rolls out", s->rolled_out);
		else
			fact(w, "Rolls out", "nothing (unused hours expire)");
	}
	if (!c->rate_cents) {
		fact(w, "Amount", "no rate set");
		return;
	}
	if (s->has_budget) {
		duration_format(s->budget, w->hs, a, sizeof a);
		money_format(s->retainer_cents, c->currency, b, sizeof b);
		snprintf(buf, sizeof buf, "%s (%s)", b, a);
		fact(w, "Retainer", buf);
		if (s->overage) {
			duration_format(s->overage, w->hs, a, sizeof a);
			money_format(s->overage_cents, c->currency, b, sizeof b);
			snprintf(buf, sizeof buf, "%s (%s)", b, a);
			fact(w, "Overage", buf);
		}
	}
	money_fact(w, "Amount", s->amount_cents, c->currency);
}

static int entries_table(struct doc *d, const struct statement *s, enum hours_style hs)
{
	static const char *const heads[] = { "Date", "Hours", "Billable", "Mandate", "Note" };
	static const enum doc_align al[] = { DOC_LEFT, DOC_RIGHT, DOC_LEFT, DOC_LEFT, DOC_LEFT };
	char h[64];
	int rc = doc_table(d, 5, heads, al);
	for (size_t i = 0; !rc && i < s->n; i++) {
		const struct hrow *row = &s->rows[i];
		duration_format(row->minutes, hs, h, sizeof h);
		const char *cells[] = { row->day, h, row->billable ? "yes" : "no",
			                row->mandate ? row->mandate : "",
			                row->note ? row->note : "" };
		rc = doc_row(d, cells);
	}
	if (!rc) {
		duration_format_total(s->recorded, s->shown, hs, 0, h, sizeof h);
		const char *cells[] = { "Total", h, "", "", "" };
		rc = doc_total(d, cells);
	}
	return rc;
}

static int groups_table(struct doc *d, const struct report_request *r, const struct statement *s,
                        enum hours_style hs)
{
	const char *first = r->group == REPORT_BY_WEEK      ? "Week"
	                    : r->group == REPORT_BY_MANDATE ? "Mandate"
	                                                    : "Day";
	const char *heads[] = { first, "Entries", "Hours", "Billable", "Non-billable" };
	static const enum doc_align al[] = { DOC_LEFT, DOC_RIGHT, DOC_RIGHT, DOC_RIGHT, DOC_RIGHT };
	char n[32], h[64], b[64], nb[64];
	int rc = doc_table(d, 5, heads, al);
	long sh = 0, sb = 0, snb = 0;
	for (size_t i = 0; !rc && i < s->ngroups; i++) {
		const struct hgroup *g = &s->groups[i];
		snprintf(n, sizeof n, "%d", g->entries);
		duration_format_total(g->minutes, g->shown, hs, 0, h, sizeof h);
		duration_format_total(g->billable, g->shown_billable, hs, 0, b, sizeof b);
		duration_format_total(g->minutes - g->billable, g->shown - g->shown_billable, hs, 0,
		                      nb, sizeof nb);
		const char *cells[] = { g->label, n, h, b, nb };
		rc = doc_row(d, cells);
		sh += duration_hundredths(g->minutes);
		sb += duration_hundredths(g->billable);
		snb += duration_hundredths(g->minutes - g->billable);
	}
	if (!rc) {
		snprintf(n, sizeof n, "%zu", s->n);
		duration_format_total(s->recorded, sh, hs, 0, h, sizeof h);
		duration_format_total(s->billable, sb, hs, 0, b, sizeof b);
		duration_format_total(s->nonbillable, snb, hs, 0, nb, sizeof nb);
		const char *cells[] = { "Total", n, h, b, nb };
		rc = doc_total(d, cells);
	}
	return rc;
}

static int hours_doc(struct store *st, const struct report_request *r, const struct client *c,
                     struct doc *d, char *err, size_t errsz)
{
	struct statement s;
	int rc = gather(st, r, c, &s, err, errsz);
	if (rc) {
		statement_free(&s);
		return rc;
	}
	struct writer w = { .d = d, .hs = r->cfg ? r->cfg->hours_style : HOURS_DECIMAL };
	char buf[256];
	w.rc = doc_heading(d, 2, "Engagement");
	engagement_facts(&w, &s);
	if (!w.rc && s.locked) {
		if (s.lock.invoice)
			snprintf(buf, sizeof buf, "Locked as invoiced on %s, invoice %s.",
			         s.locked_day, s.lock.invoice);
		else
			snprintf(buf, sizeof buf, "Locked as invoiced on %s.", s.locked_day);
		w.rc = doc_para(d, buf);
	}
	if (!w.rc)
		w.rc = doc_heading(d, 2, "Totals");
	total_facts(&w, &s);
	if (!w.rc && s.n) {
		snprintf(buf, sizeof buf, "Hours by %s", group_name(r->group));
		if (!(w.rc = doc_heading(d, 2, buf)))
			w.rc = groups_table(d, r, &s, w.hs);
	}
	if (!w.rc && !(w.rc = doc_heading(d, 2, "Entries"))) {
		if (s.n)
			w.rc = entries_table(d, &s, w.hs);
		else
			w.rc = doc_para(d, "No hours were recorded in the period.");
	}
	if (w.rc)
		snprintf(err, errsz, "cannot build the statement of %s", c->key);
	statement_free(&s);
	return w.rc;
}

/* ---- JSON ---- */

static json_t *entries_json(const struct statement *s)
{
	json_t *a = json_array();
	for (size_t i = 0; a && i < s->n; i++) {
		const struct hrow *row = &s->rows[i];
		json_t *o = json_pack("{s:s, s:I, s:b, s:o, s:o}", "date", row->day, "minutes",
		                      (json_int_t)row->minutes, "billable", row->billable,
		                      "mandate", report_json_text(row->mandate), "note",
		                      report_json_text(row->note));
		if (!o || json_array_append_new(a, o)) {
			json_decref(a);
			return NULL;
		}
	}
	return a;
}

static json_t *groups_json(const struct statement *s)
{
	json_t *a = json_array();
	for (size_t i = 0; a && i < s->ngroups; i++) {
		const struct hgroup *g = &s->groups[i];
		json_t *o =
		        json_pack("{s:s, s:i, s:I, s:I, s:I}", "label", g->label, "entries",
		                  g->entries, "minutes", (json_int_t)g->minutes, "billable_minutes",
		                  (json_int_t)g->billable, "nonbillable_minutes",
		                  (json_int_t)(g->minutes - g->billable));
		if (!o || json_array_append_new(a, o)) {
			json_decref(a);
			return NULL;
		}
	}
	return a;
}

static json_t *budget_json(const struct statement *s, long v)
{
	return s->has_budget ? json_integer(v) : json_null();
}

static json_t *totals_json(const struct statement *s)
{
	return json_pack(
	        "{s:I, s:I, s:I, s:I, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:I, s:s}",
	        "minutes", (json_int_t)s->recorded, "billable_minutes", (json_int_t)s->billable,
	        "nonbillable_minutes", (json_int_t)s->nonbillable, "billed_minutes",
	        (json_int_t)s->billed, "budget_minutes", budget_json(s, s->budget),
	        "rolled_in_minutes", budget_json(s, s->rolled_in), "available_minutes",
	        budget_json(s, s->available), "difference_minutes",
	        budget_json(s, s->available - s->billed), "rolled_out_minutes",
	        budget_json(s, s->rolled_out), "overage_minutes", budget_json(s, s->overage),
	        "retainer_cents", s->has_budget ? json_integer(s->retainer_cents) : json_null(),
	        "overage_cents", s->has_budget ? json_integer(s->overage_cents) : json_null(),
	        "overage_rate_cents", s->has_budget ? json_integer(s->overage_rate) : json_null(),
	        "amount_cents", (json_int_t)s->amount_cents, "currency", s->c->currency);
}

static int hours_json(struct store *st, const struct report_request *r, const struct client *c,
                      json_t **out, char *err, size_t errsz)
{
	struct statement s;
	int rc = gather(st, r, c, &s, err, errsz);
	*out = NULL;
	if (rc) {
		statement_free(&s);
		return rc;
	}
	json_t *lock = json_null();
	if (s.locked)
		lock = json_pack("{s:s, s:s, s:o}", "month", s.lock.month, "locked_on",
		                 s.locked_day, "invoice", report_json_text(s.lock.invoice));
	json_t *o = json_pack("{s:s, s:s, s:o, s:{s:s, s:o, s:o, s:I, s:I, s:s}, s:{s:s, s:s, s:o},"
	                      " s:s, s:o, s:o, s:o, s:o}",
	                      "client", c->key, "name", c->name ? c->name : "", "legal_name",
	                      report_json_text(s.terms.legal_name), "engagement", "role", c->role,
	                      "start", report_json_text(c->start), "end", report_json_text(c->end),
	                      "budget_minutes", (json_int_t)c->budget_minutes, "rate_cents",
	                      (json_int_t)c->rate_cents, "currency", c->currency, "period", "from",
	                      s.from, "to", s.last, "month", report_json_text(s.month), "group",
	                      group_name(r->group), "entries", entries_json(&s), "groups",
	                      groups_json(&s), "totals", totals_json(&s), "lock", lock);
	statement_free(&s);
	if (!o) {
		snprintf(err, errsz, "out of memory");
		return EX_OSERR;
	}
	*out = o;
	return 0;
}

/* ---- CSV (RFC 4180) ---- */

/* A cell: quoted when it holds a comma, a quote or a space at either end;
 * quotes doubled; controls dropped (line breaks and tabs as spaces); a
 * cell a spreadsheet would read as a formula (= + - @, a tab or a CR
 * first) is prefixed with '. */
static int csv_cell(FILE *out, const char *text, bool last)
{
	const char *raw = text ? text : "";
	char *flat = strdup(raw);
	if (!flat)
		return EX_OSERR;
	for (char *p = flat; *p; p++)
		if (*p == '\n' || *p == '\r' || *p == '\t')
			*p = ' ';
	char *clean = text_sanitize(flat);
	free(flat);
	if (!clean)
		return EX_OSERR;
	bool formula = csv_is_formula(raw);
	bool quote = formula || strpbrk(clean, ",\"") || clean[0] == ' ' ||
	             (*clean && clean[strlen(clean) - 1] == ' ');
	int bad = 0;
	if (quote)
		bad |= fputc('"', out) == EOF;
	if (formula)
		bad |= fputc('\'', out) == EOF;
	for (const char *p = clean; *p && !bad; p++) {
		if (*p == '"')
			bad |= fputc('"', out) == EOF;
		bad |= fputc(*p, out) == EOF;
	}
	if (quote)
		bad |= fputc('"', out) == EOF;
	bad |= fputs(last ? "\r\n" : ",", out) == EOF;
	free(clean);
	return bad ? EX_IOERR : 0;
}

static int hours_csv(struct store *st, const struct report_request *r, const struct client *c,
                     bool header, FILE *out, char *err, size_t errsz)
{
	struct statement s;
	int rc = gather(st, r, c, &s, err, errsz);
	bool all = r->all_clients;
	if (!rc && header) {
		if (fputs(all ? "client,date,hours,minutes,billable,mandate,note\r\n"
		              : "date,hours,minutes,billable,mandate,note\r\n",
		          out) == EOF)
			rc = EX_IOERR;
	}
	for (size_t i = 0; !rc && i < s.n; i++) {
		const struct hrow *row = &s.rows[i];
		char h[32], m[32];
		duration_format_as(row->minutes, HOURS_DECIMAL,
		                   DURATION_NO_UNIT | DURATION_TWO_PLACES, h, sizeof h);
		snprintf(m, sizeof m, "%d", row->minutes);
		if ((all && (rc = csv_cell(out, c->key, false))) ||
		    (rc = csv_cell(out, row->day, false)) || (rc = csv_cell(out, h, false)) ||
		    (rc = csv_cell(out, m, false)) ||
		    (rc = csv_cell(out, row->billable ? "yes" : "no", false)) ||
		    (rc = csv_cell(out, row->mandate, false)) ||
		    (rc = csv_cell(out, row->note, true)))
			break;
	}
	if (rc && !*err)
		snprintf(err, errsz, "%s",
		         rc == EX_OSERR ? "out of memory" : "cannot write the CSV");
	statement_free(&s);
	return rc;
}

const struct report_ops report_hours_ops = {
	.title = "Hours statement",
	.doc = hours_doc,
	.json = hours_json,
	.csv = hours_csv,
};
