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
#include "cxo/pace.h"
#include "cxo/records.h"
#include "cxo/store.h"
#include "layout.h"

#define TUI_LIST_PAGE 40  /* rows a panel list loads at first ... */
#define TUI_LIST_MAX 2000 /* ... and at most, a page more each time the end is reached */

struct tui_view {
	bool loaded;
	struct client client;
	struct mandate_list mandates; /* bounded, active first */
	struct entry_list entries;    /* latest first, bounded */
	struct risk_list risks;       /* open, by score, bounded */
	struct action_list actions;   /* open, by due, bounded */
	int open_risks;               /* all open, from the heat map */
	int open_actions, overdue;    /* all open */
	int heat[5][5];               /* [likelihood - 1][impact - 1] */
	int year, month;
	long month_minutes;
	struct pace pace;
	long week_minutes[TUI_WEEKS]; /* oldest first; the last is this week */
	cxo_day week_start[TUI_WEEKS];
};

/* Loads everything the client view shows for c (bounded, indexed
 * queries; no transaction is left open).  filters[p] may be "" or NULL;
 * limits[p] is how many rows panel p lists (0 = TUI_LIST_PAGE). */
int tui_view_load(struct store *st, const struct config *cfg, const struct client *c, cxo_day today,
                  const char *const filters[PANEL_COUNT], const size_t limits[PANEL_COUNT],
                  struct tui_view *out);
void tui_view_free(struct tui_view *v);

/* Week boundaries for the chart: bounds[0] .. bounds[TUI_WEEKS], the
 * last week being the one containing today. */
void tui_week_bounds(cxo_day today, int week_start, cxo_day bounds[TUI_WEEKS + 1]);

#endif
