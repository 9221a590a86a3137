/*
 * panels.h: the client view's panels, each one unit (as tig's views are):
 * a file panel_NAME.c defining `const struct panel_ops panel_NAME` (what
 * the panel loads, draws, lists, details and does on a, e, d and x), and
 * one line of the panel table below.  The frame (frame.c), the loader
 * (load.c, data.c), the detail view (detail.c) and the editor (edit.c)
 * reach a panel only through its ops.
 *
 * No curses here: the pure parts (layout.c, state.c) and the unit tests
 * see the panel ids and words.
 */
#ifndef CXO_TUI_PANELS_H
#define CXO_TUI_PANELS_H

#include <stdbool.h>
#include <stddef.h>

#include "cxo/date.h"

/*
 * The panel table, in reading order: the grid fills it two a row, the
 * stack top to bottom; Left and Right step through it.  X(ID, name)
 * makes PANEL_ID and takes panel_name from panel_name.c.  The panels
 * from PANEL_NOTES on show only on a wide screen, in a column of their
 * own on the right (layout.c); those from PANEL_VIEW_FIRST on are views
 * of their own: reached by their key (v, c), each takes the whole body
 * while it has the focus, and no layout shows them otherwise.
 */
#define TUI_PANELS(X)                                                                              \
	X(MANDATES, mandates)                                                                      \
	X(HOURS, hours)                                                                            \
	X(RISKS, risks)                                                                            \
	X(ACTIONS, actions)                                                                        \
	X(NOTES, notes)                                                                            \
	X(VENDORS, vendors)                                                                        \
	X(DECISIONS, decisions)

#define TUI_PANEL_ID(ID, name) PANEL_##ID,
enum panel_id { TUI_PANELS(TUI_PANEL_ID) PANEL_COUNT };
#undef TUI_PANEL_ID

/* The panels every layout shows: the grid's, the stack's, the tabs'. */
#define PANEL_GRID_COUNT PANEL_NOTES
/* The first of the views (Vendors, Decisions), shown alone. */
#define PANEL_VIEW_FIRST PANEL_VENDORS

static inline bool panel_is_view(int p)
{
	return p >= PANEL_VIEW_FIRST && p < PANEL_COUNT;
}

struct client;
struct config;
struct rect;
struct store;
struct store_links;
struct tui;
struct tui_undo;

/* What a panel reads for its part of the client view. */
struct panel_query {
	struct store *st;
	const struct config *cfg;
	const struct client *client;
	cxo_day today;
	const char *filter; /* NULL: every row; else a part of a title */
	bool all;           /* done and closed items too (D) */
	size_t limit;       /* rows its list loads, at least 1 */
	bool closed;        /* a view not on screen: its part is left empty */
};

struct panel_ops {
	const char *title; /* on its border: "Next actions" */
	const char *word;  /* in the state file: "actions" */
	const char *noun;  /* its items, in messages: "action" */

	/* Its part of the view (ui->view.part[p]): load makes it through
	 * the store's bounded queries and returns 0 or the store's code
	 * (*part then NULL); release frees it. */
	int (*load)(const struct panel_query *q, void **part);
	void (*release)(void *part);
	/* The rows of its list, and the id of row i. */
	size_t (*count)(const void *part);
	const char *(*item_id)(const void *part, size_t i);

	/* The note on the right of its border ("3 active"). */
	void (*note)(const struct tui *ui, char *buf, size_t n);
	/* Draws inside its border: in is the inner rect, never empty. */
	void (*draw)(struct tui *ui, struct rect in, bool focused);
	/* Where its list lies in the inner rect; NULL: all of it. */
	void (*list_area)(const struct rect *in, struct rect *list);
	/* What its list says when empty: under a filter, and without. */
	const char *no_match, *empty;

	/* The lines of the detail of item id (detail.c's helpers); 0 or the
	 * store's code. */
	int (*detail)(struct tui *ui, const char *id);

	/* a: a new item for client c, through its form. */
	void (*add)(struct tui *ui, const struct client *c);
	/* e: its form on item id. */
	void (*edit)(struct tui *ui, const char *id);
	/* d: marks item id done (or closed), offering to reverse it
	 * (undo_offer_*); on an item closed already (listed with D), reopens
	 * it; 0, else non-zero with the message shown.  NULL when its items
	 * have nothing to close: no_done says so. */
	int (*done)(struct tui *ui, const char *id);
	/* Reopens closed item id: to what u kept of it before, or, with u
	 * NULL, to its first open status; selects it and says so.  0 or
	 * non-zero with the message shown. */
	int (*reopen)(struct tui *ui, const char *id, const struct tui_undo *u);
	const char *no_done;
	/* Its list leaves closed items out until D, though d closes none
	 * (a decision superseded or reversed); panels with done do too. */
	bool hides_closed;
	/* x: the item's name for the question ("Send the deck"), then its
	 * deletion; 0 or the store's code.  NULL: nothing to delete. */
	int (*name)(struct tui *ui, const char *id, char *buf, size_t n);
	int (*remove)(struct store *st, const char *id);
	/* x: what stays, unlinked from item id, once it is deleted (the
	 * question says so); NULL: nothing links to its items. */
	int (*links)(struct store *st, const char *id, struct store_links *out);
};

#define TUI_PANEL_OPS(ID, name) extern const struct panel_ops panel_##name;
TUI_PANELS(TUI_PANEL_OPS)
#undef TUI_PANEL_OPS

/* The table (panels.c): tui_panels[PANEL_ID] is panel_name. */
extern const struct panel_ops *const tui_panels[PANEL_COUNT];

/* Its title and state-file word; "" for no panel. */
const char *panel_title(enum panel_id p);
const char *panel_word(enum panel_id p);
bool panel_from_word(const char *word, enum panel_id *out);

#endif
