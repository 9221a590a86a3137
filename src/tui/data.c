/*
 * data.c: the view model.  Loads what the client view shows, each panel
 * its own part through its load (panels.h), so drawing a client costs a
 * handful of indexed lookups whatever the size of its history.
 */
#include "view.h"

#include <string.h>

static const char *filter_of(const char *const filters[PANEL_COUNT], int p)
{
	if (!filters || !filters[p] || !filters[p][0])
		return NULL;
	return filters[p];
}

static size_t limit_of(const size_t limits[PANEL_COUNT], int p)
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
	for (int p = 0; p < PANEL_COUNT; p++)
		if (v->part[p])
			tui_panels[p]->release(v->part[p]);
	memset(v, 0, sizeof *v);
}

int tui_view_load(struct store *st, const struct config *cfg, const struct client *c, cxo_day today,
                  const char *const filters[PANEL_COUNT], const size_t limits[PANEL_COUNT],
                  const bool all[PANEL_COUNT], int shown_view, struct tui_view *out)
{
	struct tui_view v;
	int rc;

	memset(&v, 0, sizeof v);
	if ((rc = client_copy(&v.client, c))) /* the view keeps its own */
		return rc;
	for (int p = 0; p < PANEL_COUNT && !rc; p++) {
		struct panel_query q = { st,
			                 cfg,
			                 &v.client,
			                 today,
			                 filter_of(filters, p),
			                 all && all[p],
			                 limit_of(limits, p),
			                 panel_is_view(p) && p != shown_view };
		rc = tui_panels[p]->load(&q, &v.part[p]);
	}
	if (rc) {
		tui_view_free(&v);
		return rc;
	}
	v.loaded = true;
	tui_view_free(out);
	*out = v;
	return 0;
}
