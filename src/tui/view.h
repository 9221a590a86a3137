/*
 * view.h: the view model (data.c): what the client view shows, loaded
 * through the store's bounded queries.
 */
#ifndef CXO_TUI_VIEW_H
#define CXO_TUI_VIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "cxo/config.h"
#include "cxo/date.h"
#include "cxo/records.h"
#include "cxo/store.h"
#include "layout.h"

#define TUI_LIST_PAGE 40  /* rows a panel list loads at first ... */
#define TUI_LIST_MAX 2000 /* ... and at most, a page more each time the end is reached */

/* The client view: the client and each panel's part, made by its load
 * (panels.h) and read only by its own file. */
struct tui_view {
	bool loaded;
	struct client client;
	void *part[PANEL_COUNT];
};

/* Loads everything the client view shows for c, each panel its part
 * (bounded, indexed queries; no transaction is left open); all of it or,
 * on failure, out untouched.  filters[p] may be "" or NULL; limits[p] is
 * how many rows panel p lists (0 = TUI_LIST_PAGE); all[p] (may be NULL)
 * lists its done and closed items too.  A view (panel_is_view) other than
 * shown_view (-1: none) loads nothing: a client switch reads no vendors or
 * decisions while their views are closed; opening one reloads. */
int tui_view_load(struct store *st, const struct config *cfg, const struct client *c, cxo_day today,
                  const char *const filters[PANEL_COUNT], const size_t limits[PANEL_COUNT],
                  const bool all[PANEL_COUNT], int shown_view, struct tui_view *out);
void tui_view_free(struct tui_view *v);

/* Week boundaries for the chart: bounds[0] .. bounds[TUI_WEEKS], the
 * last week being the one containing today. */
void tui_week_bounds(cxo_day today, int week_start, cxo_day bounds[TUI_WEEKS + 1]);

#endif
