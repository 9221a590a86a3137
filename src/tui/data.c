/*
 * data.c: the view model.  Loads what the client view and the portfolio
 * overview show, through the store's bounded queries only: a handful of
 * indexed lookups per client, whatever the size of its history.
 */
#include "view.h"

#include "cxo/rules.h"

#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

static const char *filter_of(const char *const filters[PANEL_COUNT], enum panel_id p)
{
	if (!filters || !filters[p] || !filters[p][0])
		return NULL;
	return filters[p];
}

static size_t limit_of(const size_t limits[PANEL_COUNT], enum panel_id p)
{
	size_t n = limits ? limits[p] : 0;
	return n == 0 ? TUI_LIST_PAGE : n > TUI_LIST_MAX ? TUI_LIST_MAX : n;
}

void tui_week_bounds(cxo_day today, int week_start, cxo_day bounds[TUI_WEEKS + 1])
{
	cxo_day this_week = date_week_start(today, week_start);
	for (int i = 0; i <= TUI_WEEKS; i++)
		bounds[i] = this_week - 7 * (TUI_WEEKS - 1 - i);
}

void tui_view_free(struct tui_view *v)
{
	client_free(&v->client);
	mandate_list_free(&v->mandates);
	entry_list_free(&v->entries);
	risk_list_free(&v->risks);
	action_list_free(&v->actions);
	memset(v, 0, sizeof *v);
}

int tui_view_load(struct store *st, const struct config *cfg, const struct client *c, cxo_day today,
                  const char *const filters[PANEL_COUNT], const size_t limits[PANEL_COUNT],
                  struct tui_view *out)
{
	struct tui_view v;
	char from[DAY_LEN], to[DAY_LEN], today_iso[DAY_LEN];
	char bounds[TUI_WEEKS + 1][DAY_LEN];
	cxo_day b[TUI_WEEKS + 1];
	struct hours_sum sum = { 0 };
	int rc;

	memset(&v, 0, sizeof v);
	if ((rc = client_copy(&v.client, c))) /* the view keeps its own */
		return rc;
	date_format_iso(today, today_iso);
	date_month_iso(today, &v.year, &v.month, from, to);

	rc = store_entry_sum(st, c->id, from, to, &sum);
	if (!rc) {
		v.month_minutes = sum.minutes;
		tui_week_bounds(today, cfg->week_start, b);
		for (int i = 0; i <= TUI_WEEKS; i++)
			date_format_iso(b[i], bounds[i]);
		for (int i = 0; i < TUI_WEEKS; i++)
			v.week_start[i] = b[i];
		rc = store_dash_range_sums(st, c->id, (const char(*)[DAY_LEN])bounds, TUI_WEEKS,
		                           v.week_minutes);
	}
	if (!rc)
		rc = store_dash_latest_entries(st, c->id, filter_of(filters, PANEL_HOURS),
		                               limit_of(limits, PANEL_HOURS), &v.entries);
	if (!rc)
		rc = store_dash_mandates(st, c->id, filter_of(filters, PANEL_MANDATES),
		                         limit_of(limits, PANEL_MANDATES), &v.mandates);
	if (!rc)
		rc = store_dash_heatmap(st, c->id, v.heat);
	if (!rc)
		rc = store_dash_open_risks(st, c->id, filter_of(filters, PANEL_RISKS),
		                           limit_of(limits, PANEL_RISKS), &v.risks);
	if (!rc)
		rc = store_dash_open_actions(st, c->id, filter_of(filters, PANEL_ACTIONS),
		                             limit_of(limits, PANEL_ACTIONS), &v.actions);
	if (!rc)
		rc = store_dash_action_counts(st, c->id, today_iso, &v.open_actions, &v.overdue);
	if (rc) {
		tui_view_free(&v);
		return rc;
	}
	for (int l = 0; l < 5; l++)
		for (int i = 0; i < 5; i++)
			v.open_risks += v.heat[l][i];
	/* The rows stay in the store's order. */
	hours_pace(cfg, c->budget_minutes, v.month_minutes, today, &v.pace);
	v.loaded = true;
	tui_view_free(out);
	*out = v;
	return 0;
}
