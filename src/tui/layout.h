/*
 * layout.h: where everything goes on a terminal of a given size
 * (layout.c).  Pure arithmetic, no curses: unit-tested at every size.
 */
#ifndef CXO_TUI_LAYOUT_H
#define CXO_TUI_LAYOUT_H

#include <stdbool.h>

#include "panels.h"

#define TUI_MIN_COLS 80
#define TUI_MIN_ROWS 24
#define TUI_WEEKS 26     /* weeks of history the hours chart loads, at most shown */
#define TUI_WEEKS_MIN 12 /* ... and shows at least where the width allows */

struct rect {
	int y, x, h, w;
};

/* From this width the grid has a column on its right for the panels
 * after its own (the notes), the whole height of the body. */
#define TUI_WIDE_COLS 160

enum layout_mode {
	LAYOUT_TOO_SMALL, /* below TUI_MIN_COLS x TUI_MIN_ROWS */
	LAYOUT_GRID,      /* two a row, in table order: Mandates Hours / Risks Next actions;
	                     wide: then Notes in a column on the right */
	LAYOUT_STACK,     /* the grid's panels one above the other */
	LAYOUT_TABS,      /* one of the grid's panels at a time, their titles on its border */
};

struct layout {
	enum layout_mode mode;
	bool wide; /* LAYOUT_GRID with the column on the right: every panel shows */
	bool view; /* the focus is a view (panel_is_view): it alone takes the body */
	int rows, cols;
	struct rect tabs;               /* the client tab bar, row 0 */
	struct rect body;               /* between the tab bar and the status bar */
	struct rect status;             /* the last row */
	struct rect panel[PANEL_COUNT]; /* h == 0 when not shown */
	enum panel_id focus;            /* the focus asked for, or, when this layout does not
	                                   show that panel, the last of the grid's */
};

/* focus matters in LAYOUT_TABS, where only that panel is shown; a panel
 * the layout does not show cannot have it (out->focus says which does).
 * A view (panel_is_view) as focus takes the whole body, alone; mode
 * still says how the panels would lie. */
void layout_compute(int rows, int cols, enum panel_id focus, struct layout *out);
/* The panel beside p in direction (dy, dx), each -1, 0 or 1; p itself
 * when there is none.  Left and right step through the panels shown, in
 * table order, wrapping; in LAYOUT_TABS they cycle the grid's panels.
 * A view has no neighbour. */
enum panel_id layout_neighbour(const struct layout *l, enum panel_id p, int dy, int dx);
/* Panel under a screen cell, or -1. */
int layout_panel_at(const struct layout *l, int y, int x);
/* Inside of a bordered rect (1 cell of border, 1 column of padding). */
struct rect rect_inner(struct rect r);

/* Rows each of the n items of a list rows rows high takes: as many as
 * fit, up to most (a row, then the lines under it, a blank row between
 * items once they have two), when every item fits so; else 1. */
int list_item_rows(int rows, int n, int most);

/* Hours panel, inside its border: the month line, the budget bar, the
 * pace line, a weekly chart and the latest entries. */
struct hours_layout {
	int chart_rows;   /* bar rows of the chart (0 = no chart) */
	int weeks;        /* weeks shown, TUI_WEEKS_MIN..TUI_WEEKS where w allows */
	int week_w;       /* columns per week bar (gap excluded) */
	int axis_w;       /* columns of the value axis on the left: the chart
	                     (weeks bars, a gap between two) ends at w */
	int entries_y;    /* first row of the entry list (relative) */
	int entries_rows; /* rows for entries (0 = none) */
};
void hours_layout(int h, int w, struct hours_layout *out);

/* Risks panel: list, and a 5x5 heat map beside it, below it, or none. */
struct risks_layout {
	bool map;         /* the map is drawn */
	struct rect list; /* relative to the panel inside */
	struct rect heat; /* relative to the panel inside */
	int cell_w;       /* columns per heat map cell */
};
void risks_layout(int h, int w, struct risks_layout *out);

/* Notes panel: the list of notes on top, then, after a blank row, the
 * selected note in full as far as it fits. */
struct notes_layout {
	int list_rows; /* rows the list may take */
	int text_y;    /* first row of the selected note (0 = no room) */
	int text_rows; /* rows for it */
};
/* h rows inside the panel, n notes listed. */
void notes_layout(int h, int n, struct notes_layout *out);

/* Portfolio overview: client cards in a grid, then the capacity line.
 * The cards share the height when every row of them fits taller than
 * the least they need. */
struct overview_layout {
	int per_row; /* cards side by side */
	int card_w, card_h;
	int rows_visible;     /* card rows that fit */
	struct rect cards;    /* the area holding the cards */
	struct rect capacity; /* the personal capacity line */
};
void overview_layout(struct rect body, int n_clients, struct overview_layout *out);

#endif
