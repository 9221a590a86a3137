/*
 * vendors.c: the vendor rules the shell, the dashboard and the reports
 * share (vendors_app.h): a contract's renewal state today, the renewals
 * to act on, and the annual spend by category with its overlaps.
 */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "cxo/vendors_app.h"
#include "cxo/vocab.h"

/* Still under contract: what the spend adds up. */
static bool vendor_is_contracted(const struct vendor *v)
{
	return !strcmp(v->status, "active") || !strcmp(v->status, "renewing") ||
	       !strcmp(v->status, "leaving");
}

/* In use and staying: two of these in one category are an overlap. */
static bool vendor_is_in_use(const struct vendor *v)
{
	return !strcmp(v->status, "active") || !strcmp(v->status, "renewing");
}

void vendor_begin(struct vendor *v, const struct client *c, cxo_day today)
{
	memcpy(v->client_id, c->id, UUID_LEN);
	memcpy(v->client_key, c->key, KEY_LEN);
	snprintf(v->currency, sizeof v->currency, "%s", c->currency[0] ? c->currency : "USD");
	snprintf(v->category, WORD_LEN, "other");
	snprintf(v->billing, WORD_LEN, "annual");
	snprintf(v->status, WORD_LEN, "active");
	snprintf(v->diligence, WORD_LEN, "none");
	snprintf(v->data, WORD_LEN, "none");
	date_format_iso(today, v->created);
	v->annual_cents = 0;
	v->units = 0;
	v->start[0] = v->term_end[0] = v->diligence_on[0] = v->ended[0] = v->notice_by[0] = '\0';
	v->auto_renew = false;
	v->notice_days = 0;
	v->risks = 0;
}

int vendor_set_status(struct vendor *v, const char *status, const char *on, cxo_day today,
                      char *err, size_t errsz)
{
	char day[DAY_LEN];
	date_format_iso(today, day);
	if (strcmp(status, "ended") != 0) {
		if (on && *on) {
			snprintf(err, errsz, "a day goes only with the status ended (not %s)",
			         status);
			return EX_DATAERR;
		}
		snprintf(v->status, WORD_LEN, "%s", status);
		v->ended[0] = '\0';
		return 0;
	}
	/* A copy: it may be v's own day, written over below. */
	char when[DAY_LEN];
	snprintf(when, sizeof when, "%s",
	         on && *on                                    ? on
	         : !strcmp(v->status, "ended") && v->ended[0] ? v->ended
	                                                      : day);
	if (strcmp(when, day) > 0) {
		snprintf(err, errsz,
		         "the end %s is in the future (today is %s): a vendor is ended "
		         "on the day it ends, 'leaving' until then",
		         when, day);
		return EX_DATAERR;
	}
	if (v->start[0] && strcmp(when, v->start) < 0) {
		snprintf(err, errsz, "the end %s is before the contract's start %s", when,
		         v->start);
		return EX_DATAERR;
	}
	snprintf(v->ended, DAY_LEN, "%s", when);
	snprintf(v->status, WORD_LEN, "ended");
	return 0;
}

int vendor_set_diligence(struct vendor *v, const char *state, const char *on, cxo_day today,
                         char *err, size_t errsz)
{
	char day[DAY_LEN];
	date_format_iso(today, day);
	char to[WORD_LEN]; /* a copy: it may be v's own state */
	snprintf(to, sizeof to, "%s", state ? state : v->diligence);
	if (!strcmp(to, "none")) {
		if (on && *on) {
			snprintf(err, errsz,
			         "no due diligence (none) has no day: give the state "
			         "it reached with --diligence");
			return EX_DATAERR;
		}
		snprintf(v->diligence, WORD_LEN, "none");
		v->diligence_on[0] = '\0';
		return 0;
	}
	if (on && *on && strcmp(on, day) > 0) {
		snprintf(err, errsz, "the due diligence day %s is in the future (today is %s)", on,
		         day);
		return EX_DATAERR;
	}
	if (on && *on)
		snprintf(v->diligence_on, DAY_LEN, "%s", on);
	else if (strcmp(to, v->diligence) != 0 || !v->diligence_on[0])
		snprintf(v->diligence_on, DAY_LEN, "%s", day);
	snprintf(v->diligence, WORD_LEN, "%s", to);
	return 0;
}

enum renewal_state vendor_renewal(const struct vendor *v, cxo_day today, int window_days)
{
	cxo_day end = 0;
	bool has_term = v->term_end[0] && date_parse_iso(v->term_end, &end);
	return renewal_state_of(has_term, end, v->notice_days, v->auto_renew,
	                        !strcmp(v->status, "ended"), today, window_days);
}

bool vendor_notice_days_left(const struct vendor *v, cxo_day today, int *days)
{
	cxo_day end;
	*days = 0;
	if (!v->term_end[0] || !date_parse_iso(v->term_end, &end))
		return false;
	*days = (int)(renewal_notice_deadline(end, v->notice_days) - today);
	return true;
}

/* Day as the settings' display format. */
static void display_day(const struct cxo_app *app, cxo_day d, char *buf, size_t n)
{
	char iso[DAY_LEN];
	date_format_iso(d, iso);
	const char *fmt = app->cfg.date_format ? app->cfg.date_format : "%Y-%m-%d";
	if (!date_format(d, fmt, buf, n))
		snprintf(buf, n, "%s", iso);
}

/* "today", "tomorrow", "in 12 days", "yesterday", "12 days late". */
static void days_words(int days, char *buf, size_t n)
{
	if (days == 0)
		snprintf(buf, n, "today");
	else if (days == 1)
		snprintf(buf, n, "tomorrow");
	else if (days == -1)
		snprintf(buf, n, "1 day late");
	else if (days > 0)
		snprintf(buf, n, "in %d days", days);
	else
		snprintf(buf, n, "%d days late", -days);
}

void app_vendor_renewal_text(const struct cxo_app *app, const struct vendor *v, char *buf, size_t n)
{
	char day[64], end_day[64], rel[32];
	cxo_day end, ended;
	if (!n)
		return;
	if (!strcmp(v->status, "ended")) {
		if (v->ended[0] && date_parse_iso(v->ended, &ended)) {
			display_day(app, ended, day, sizeof day);
			snprintf(buf, n, "ended %s", day);
		} else {
			snprintf(buf, n, "ended");
		}
		return;
	}
	if (!v->term_end[0] || !date_parse_iso(v->term_end, &end)) {
		snprintf(buf, n, "no term end");
		return;
	}
	cxo_day deadline = renewal_notice_deadline(end, v->notice_days);
	display_day(app, deadline, day, sizeof day);
	display_day(app, end, end_day, sizeof end_day);
	days_words((int)(deadline - app->today), rel, sizeof rel);
	bool passed = deadline < app->today;
	const char *tail;
	switch (vendor_renewal(v, app->today, VENDOR_NOTICE_SOON_DAYS)) {
	case RENEWAL_DEFAULTED:
		tail = "renewed by default";
		break;
	case RENEWAL_LAPSING:
		tail = "ends then (no auto-renewal)";
		break;
	case RENEWAL_EXPIRED:
		tail = "the term is over (no auto-renewal)";
		break;
	default:
		tail = v->auto_renew ? "renews automatically" : "does not renew automatically";
		break;
	}
	snprintf(buf, n, "notice %s by %s (%s), term %s %s, %s", passed ? "was due" : "due", day,
	         rel, end < app->today ? "ended" : "ends", end_day, tail);
}

/* ---- renewals ---- */

static int by_deadline(const void *a, const void *b)
{
	const struct vendor *x = a, *y = b;
	int c = strcmp(x->notice_by, y->notice_by);
	if (c)
		return c;
	if ((c = strcmp(x->client_key, y->client_key)))
		return c;
	return strcmp(x->name ? x->name : "", y->name ? y->name : "");
}

int app_vendor_renewals(struct cxo_app *app, const char *client_id, int window_days,
                        struct vendor_list *out)
{
	char today[DAY_LEN], from[DAY_LEN], to[DAY_LEN];
	struct vendor_list l = { 0 };
	if (window_days < 0)
		window_days = 0;
	app_today_iso(app, today);
	date_format_iso(app->today + window_days, to);
	/* Earlier deadlines too, for the renewed-by-default ones: a term
	 * still running has its deadline at most RENEWAL_NOTICE_MAX days
	 * back, so older ones need not be read. */
	date_format_iso(app->today - RENEWAL_NOTICE_MAX, from);
	struct vendor_filter f = { .client_id = client_id, .notice_from = from, .notice_to = to };
	int rc = store_vendor_list(app->st, &f, &l);
	if (rc)
		return rc;
	/* Keep the defaulted and the soon ones.  A defaulted deadline has
	 * passed and a soon one has not, so the deadline's order puts the
	 * defaulted first. */
	size_t kept = 0;
	for (size_t i = 0; i < l.n; i++) {
		enum renewal_state s = vendor_renewal(&l.items[i], app->today, window_days);
		/* Renewed by default while the term runs: the term of a
		 * contract stale since (no new term end written) is over. */
		if ((s == RENEWAL_DEFAULTED && strcmp(l.items[i].term_end, today) >= 0) ||
		    s == RENEWAL_SOON)
			l.items[kept++] = l.items[i];
		else
			vendor_free(&l.items[i]);
	}
	l.n = kept;
	qsort(l.items, l.n, sizeof *l.items, by_deadline);
	*out = l;
	return 0;
}

/* ---- spend ---- */

static int category_rank(const char *category)
{
	const char *const *w = VOCAB_VENDOR_CATEGORY.words;
	for (int i = 0; w[i]; i++)
		if (!strcmp(w[i], category))
			return i;
	return 1000;
}

static int by_client_category(const struct vendor *x, const struct vendor *y)
{
	int c = strcmp(x->client_key, y->client_key);
	if (c)
		return c;
	if ((c = strcmp(x->client_id, y->client_id)))
		return c;
	return category_rank(x->category) - category_rank(y->category);
}

static int by_line(const void *a, const void *b)
{
	const struct vendor *const *x = a, *const *y = b;
	int c = by_client_category(*x, *y);
	if (c)
		return c;
	if ((c = strcmp((*x)->currency, (*y)->currency)))
		return c;
	return strcmp((*x)->name ? (*x)->name : "", (*y)->name ? (*y)->name : "");
}

static int by_total(const void *a, const void *b)
{
	const struct vendor_spend_line *x = a, *y = b;
	int c = strcmp(x->client_key, y->client_key);
	if (c)
		return c;
	if ((c = strcmp(x->client_id, y->client_id)))
		return c;
	return strcmp(x->currency, y->currency);
}

/* Adds v to the line of (client, category, currency) at the end of
 * lines, or starts one; category NULL leaves it "" (a total), client
 * false leaves the client "" (a grand total).  Lines grow at most once
 * per vendor, so the caller sizes them by the vendors. */
static void add_to(struct vendor_spend_line *lines, size_t *n, const struct vendor *v, bool client,
                   bool category)
{
	for (size_t i = 0; i < *n; i++) {
		struct vendor_spend_line *s = &lines[i];
		if ((!client || !strcmp(s->client_id, v->client_id)) &&
		    (!category || !strcmp(s->category, v->category)) &&
		    !strcmp(s->currency, v->currency)) {
			s->annual_cents += v->annual_cents;
			s->vendors++;
			return;
		}
	}
	struct vendor_spend_line *s = &lines[(*n)++];
	memset(s, 0, sizeof *s);
	if (client) {
		memcpy(s->client_id, v->client_id, UUID_LEN);
		memcpy(s->client_key, v->client_key, KEY_LEN);
	}
	if (category)
		memcpy(s->category, v->category, WORD_LEN);
	memcpy(s->currency, v->currency, sizeof s->currency);
	s->annual_cents = v->annual_cents;
	s->vendors = 1;
}

/* The overlap of the vendors in use among sorted[from, to), one client's
 * category; 0 or EX_OSERR. */
static int add_overlap(struct vendor_spend *out, const struct vendor *const *sorted, size_t from,
                       size_t to)
{
	size_t n = 0;
	for (size_t i = from; i < to; i++)
		n += vendor_is_in_use(sorted[i]);
	/* other is no kind of tool: two of them need not overlap. */
	if (n < 2 || !strcmp(sorted[from]->category, "other"))
		return 0;
	struct vendor_overlap *o = &out->overlaps[out->n_overlaps];
	memset(o, 0, sizeof *o);
	memcpy(o->client_id, sorted[from]->client_id, UUID_LEN);
	memcpy(o->client_key, sorted[from]->client_key, KEY_LEN);
	memcpy(o->category, sorted[from]->category, WORD_LEN);
	o->ids = calloc(n, sizeof *o->ids);
	o->names = calloc(n, sizeof *o->names);
	out->n_overlaps++; /* freed with the rest from here on */
	if (!o->ids || !o->names)
		return EX_OSERR;
	for (size_t i = from; i < to; i++) {
		if (!vendor_is_in_use(sorted[i]))
			continue;
		memcpy(o->ids[o->n], sorted[i]->id, UUID_LEN);
		if (!(o->names[o->n] = strdup(sorted[i]->name ? sorted[i]->name : "")))
			return EX_OSERR;
		o->n++;
	}
	/* By name, whatever their currencies. */
	for (size_t i = 1; i < o->n; i++) {
		for (size_t k = i; k > 0 && strcmp(o->names[k - 1], o->names[k]) > 0; k--) {
			char *name = o->names[k], id[UUID_LEN];
			o->names[k] = o->names[k - 1];
			o->names[k - 1] = name;
			memcpy(id, o->ids[k], UUID_LEN);
			memcpy(o->ids[k], o->ids[k - 1], UUID_LEN);
			memcpy(o->ids[k - 1], id, UUID_LEN);
		}
	}
	return 0;
}

/* The spend of the contracted vendors in l, in any order.  0 or EX_OSERR
 * (out then empty). */
static int vendor_spend_of(const struct vendor_list *l, struct vendor_spend *out)
{
	memset(out, 0, sizeof *out);
	const struct vendor **sorted = NULL;
	size_t m = 0;
	int rc = EX_OSERR;
	if (!l->n)
		return 0;
	if (!(sorted = calloc(l->n, sizeof *sorted)))
		goto fail;
	for (size_t i = 0; i < l->n; i++)
		if (vendor_is_contracted(&l->items[i]))
			sorted[m++] = &l->items[i];
	if (!m) {
		free(sorted);
		return 0;
	}
	qsort(sorted, m, sizeof *sorted, by_line);
	if (!(out->lines = calloc(m, sizeof *out->lines)) ||
	    !(out->totals = calloc(m, sizeof *out->totals)) ||
	    !(out->grand = calloc(m, sizeof *out->grand)) ||
	    !(out->overlaps = calloc(m, sizeof *out->overlaps)))
		goto fail;
	bool clients = false;
	for (size_t i = 0; i < m; i++) {
		/* Sorted: a new line starts where the category or currency
		 * changes, so only the last line can take v. */
		const struct vendor *v = sorted[i];
		size_t last = out->n_lines ? out->n_lines - 1 : 0;
		size_t one = out->n_lines ? 1 : 0;
		add_to(out->lines + last, &one, v, true, true);
		out->n_lines = last + one;
		add_to(out->totals, &out->n_totals, v, true, false);
		add_to(out->grand, &out->n_grand, v, false, false);
		clients = clients || strcmp(v->client_id, sorted[0]->client_id) != 0;
	}
	qsort(out->totals, out->n_totals, sizeof *out->totals, by_total);
	qsort(out->grand, out->n_grand, sizeof *out->grand, by_total);
	if (!clients)
		out->n_grand = 0;
	for (size_t from = 0; from < m;) {
		size_t to = from + 1;
		while (to < m && !by_client_category(sorted[from], sorted[to]))
			to++;
		if ((rc = add_overlap(out, sorted, from, to)))
			goto fail;
		from = to;
	}
	free(sorted);
	return 0;
fail:
	free(sorted);
	vendor_spend_free(out);
	return EX_OSERR;
}

int app_vendor_spend(struct cxo_app *app, const char *client_id, struct vendor_spend *out)
{
	struct vendor_list l = { 0 };
	struct vendor_filter f = { .client_id = client_id };
	memset(out, 0, sizeof *out);
	int rc = store_vendor_list(app->st, &f, &l);
	if (rc)
		return rc;
	rc = vendor_spend_of(&l, out);
	vendor_list_free(&l);
	return rc;
}

void vendor_spend_free(struct vendor_spend *s)
{
	for (size_t i = 0; i < s->n_overlaps; i++) {
		for (size_t k = 0; s->overlaps[i].names && k < s->overlaps[i].n; k++)
			free(s->overlaps[i].names[k]);
		free(s->overlaps[i].names);
		free(s->overlaps[i].ids);
	}
	free(s->overlaps);
	free(s->lines);
	free(s->totals);
	free(s->grand);
	memset(s, 0, sizeof *s);
}
