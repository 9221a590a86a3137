/*
 * billing.c: a client's month under its billing terms, read from the
 * store (the month and the one before it, nothing else) and computed by
 * the rules of cxo/billing.h.
 */
#include "cxo/app.h"

#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

void app_billing_terms(const struct client_terms *ct, struct billing_terms *out)
{
	memset(out, 0, sizeof *out);
	if (!ct)
		return;
	out->round_minutes = ct->round_minutes;
	if (!billing_mode_parse(ct->round_mode, &out->mode))
		out->mode = BILLING_UP;
	if (!billing_scope_parse(ct->round_scope, &out->scope))
		out->scope = BILLING_PER_ENTRY;
	out->rollover_cap_minutes = ct->rollover_cap_minutes;
	out->overage_rate_cents = ct->overage_rate_cents;
}

bool app_billing_shapes_hours(const struct billing_terms *t)
{
	return t && (t->round_minutes > 0 || t->rollover_cap_minutes > 0);
}

/* The entries of a period, as the billing rules see them. */
struct gathered {
	struct billing_entry *items;
	size_t n, cap;
};

static int gather(const struct entry *e, void *ctx)
{
	struct gathered *g = ctx;
	cxo_day day = 0;
	if (g->n == g->cap) {
		size_t cap = g->cap ? g->cap * 2 : 64;
		struct billing_entry *items = realloc(g->items, cap * sizeof *items);
		if (!items)
			return EX_OSERR;
		g->items = items;
		g->cap = cap;
	}
	date_parse_iso(e->day, &day);
	g->items[g->n++] = (struct billing_entry){ day, e->minutes, e->billable };
	return 0;
}

/* The sums of the client's entries from <= day < to under t. */
static int month_sums(struct store *st, const char *client_id, const struct billing_terms *t,
                      const char *from, const char *to, struct billing_sums *out)
{
	struct gathered g = { 0 };
	int rc = store_entry_each(st, client_id, from, to, gather, &g);
	if (!rc)
		billing_round_entries(g.items, g.n, t, out);
	free(g.items);
	return rc;
}

int app_billing_month(struct store *st, const struct client *c, const struct billing_terms *t,
                      int year, int month, struct billing_month *out)
{
	char from[DAY_LEN], to[DAY_LEN], before[DAY_LEN];
	struct billing_sums sums, prev;
	long billed_before = -1;
	int rc;

	memset(out, 0, sizeof *out);
	date_format_iso(date_from_ymd(year, month, 1), from);
	date_format_iso(date_next_month(year, month), to);
	if ((rc = month_sums(st, c->id, t, from, to, &sums)))
		return rc;
	/* Only a retainer with a rollover needs the month before, and only
	 * when the engagement had begun by then. */
	if (c->budget_minutes > 0 && t && t->rollover_cap_minutes > 0 &&
	    (!c->start[0] || strcmp(c->start, from) < 0)) {
		date_format_iso(
		        date_from_ymd(month == 1 ? year - 1 : year, month == 1 ? 12 : month - 1, 1),
		        before);
		if ((rc = month_sums(st, c->id, t, before, from, &prev)))
			return rc;
		billed_before = prev.billed;
	}
	billing_month_compute(t, c->budget_minutes, c->rate_cents, &sums, billed_before, out);
	return 0;
}
