/*
 * portfolio.c: the portfolio's rows, read once for both front ends:
 * each active client's month, pace, open counts and next action.
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "cxo/rules.h"

void portfolio_free(struct portfolio *p)
{
	if (p->next) {
		for (size_t i = 0; i < p->sums.n; i++)
			action_free(&p->next[i]);
		free(p->next);
	}
	free(p->paces);
	summary_list_free(&p->sums);
	memset(p, 0, sizeof *p);
}

int app_portfolio_load(struct cxo_app *app, bool with_next, struct portfolio *out)
{
	struct portfolio p;
	char from[DAY_LEN], to[DAY_LEN], today[DAY_LEN], soon_end[DAY_LEN];
	int rc;

	memset(&p, 0, sizeof p);
	date_month_iso(app->today, &p.year, &p.month, from, to);
	app_today_iso(app, today);
	due_soon_end_iso(app->today, soon_end);
	if ((rc = store_overview(app->st, today, from, to, soon_end, &p.sums)))
		return rc;
	size_t n = p.sums.n ? p.sums.n : 1;
	p.paces = calloc(n, sizeof *p.paces);
	p.next = with_next ? calloc(n, sizeof *p.next) : NULL;
	if (!p.paces || (with_next && !p.next)) {
		portfolio_free(&p);
		return EX_OSERR;
	}
	for (size_t i = 0; i < p.sums.n; i++) {
		const struct client_summary *s = &p.sums.items[i];
		hours_pace(&app->cfg, s->client.budget_minutes, s->month_minutes, app->today,
		           &p.paces[i]);
		p.budgets_total += s->client.budget_minutes;
		p.used_total += s->month_minutes;
		if (!with_next)
			continue;
		rc = store_dash_next_due(app->st, s->client.id, &p.next[i]);
		if (rc == EX_NOINPUT) {
			action_free(&p.next[i]);
			memset(&p.next[i], 0, sizeof p.next[i]);
			rc = 0;
		}
		if (rc) {
			portfolio_free(&p);
			return rc;
		}
	}
	/* A paused or ended client's hours this month were worked all the
	 * same: the month's total says so rather than losing them. */
	struct hours_sum all = { 0 };
	if ((rc = store_entry_sum(app->st, NULL, from, to, &all))) {
		portfolio_free(&p);
		return rc;
	}
	p.unlisted_minutes = all.minutes > p.used_total ? all.minutes - p.used_total : 0;
	p.loaded = true;
	portfolio_free(out);
	*out = p;
	return 0;
}
