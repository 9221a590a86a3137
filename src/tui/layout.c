/*
 * layout.c: where everything goes on a terminal of a given size.  Pure
 * arithmetic, no curses, so every size can be unit-tested.
 *
 *   row 0            the client tab bar
 *   rows 1..h-2      the body: the panels (grid, stack or tabs; a wide
 *                    grid has the notes in a column on its right) or
 *                    the portfolio overview
 *   row h-1          the status bar
 */
#include "layout.h"

#include <string.h>

/* Below this width two panels side by side would cut their rows short. */
#define GRID_MIN_COLS 100
/* Each stacked panel needs this many rows to show a useful list. */
#define STACK_MIN_PANEL_ROWS 12

/* The hours chart's bars: this wide where twelve weeks fit, wider
 * only once every week loaded shows. */
#define CHART_BAR_W 4
#define CHART_BAR_MAX_W 8

#define CARD_MIN_W 36
#define CARD_H 10

/* The column on the right of a wide screen: a quarter of it, within
 * these bounds. */
#define SIDE_MIN_W 40
#define SIDE_MAX_W 64

static struct rect mk(int y, int x, int h, int w)
{
	struct rect r = { y, x, h, w };
	return r;
}

static int clamp(int v, int lo, int hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

/* The panels after the grid's, one above the other in the column at
 * x, w wide; the lower ones get the spare rows. */
static void layout_side(struct layout *out, struct rect b, int x, int w)
{
	int n = PANEL_VIEW_FIRST - PANEL_GRID_COUNT, y = b.y;
	for (int i = 0; i < n; i++) {
		int h = b.h / n + (i >= n - b.h % n);
		out->panel[PANEL_GRID_COUNT + i] = mk(y, x, h, w);
		y += h;
	}
}

void layout_compute(int rows, int cols, enum panel_id focus, struct layout *out)
{
	memset(out, 0, sizeof *out);
	out->rows = rows;
	out->cols = cols;
	if (rows < TUI_MIN_ROWS || cols < TUI_MIN_COLS) {
		out->mode = LAYOUT_TOO_SMALL;
		return;
	}
	if ((unsigned)focus >= PANEL_COUNT)
		focus = (enum panel_id)0;
	out->tabs = mk(0, 0, 1, cols);
	out->status = mk(rows - 1, 0, 1, cols);
	out->body = mk(1, 0, rows - 2, cols);

	struct rect b = out->body;
	int gw = cols; /* the grid's width */
	bool view = panel_is_view(focus);
	if (cols >= TUI_WIDE_COLS) {
		int side = clamp(cols / 4, SIDE_MIN_W, SIDE_MAX_W);
		gw = cols - side;
		out->wide = true;
		layout_side(out, b, gw, side);
	}
	if (cols >= GRID_MIN_COLS) {
		/* Two a row in table order; an odd last one takes the row.
		 * The lower rows get the spare lines. */
		int lw = gw / 2, rw = gw - lw;
		int n_rows = (PANEL_GRID_COUNT + 1) / 2, y = b.y;
		out->mode = LAYOUT_GRID;
		for (int row = 0; row < n_rows; row++) {
			int h = b.h / n_rows + (row >= n_rows - b.h % n_rows);
			int p = 2 * row;
			if (p + 1 < PANEL_GRID_COUNT) {
				out->panel[p] = mk(y, 0, h, lw);
				out->panel[p + 1] = mk(y, lw, h, rw);
			} else {
				out->panel[p] = mk(y, 0, h, gw);
			}
			y += h;
		}
	} else if (b.h >= PANEL_GRID_COUNT * STACK_MIN_PANEL_ROWS) {
		int y = b.y;
		out->mode = LAYOUT_STACK;
		for (int p = 0; p < PANEL_GRID_COUNT; p++) {
			int h = b.h / PANEL_GRID_COUNT + (p < b.h % PANEL_GRID_COUNT);
			out->panel[p] = mk(y, 0, h, cols);
			y += h;
		}
	} else {
		out->mode = LAYOUT_TABS;
	}
	/* Focus on a panel this screen has no room for: the last of the
	 * grid's, beside it in reading order. */
	if (!out->wide && focus >= PANEL_GRID_COUNT && !view)
		focus = (enum panel_id)(PANEL_GRID_COUNT - 1);
	out->focus = focus;
	if (view) {
		/* A view alone: the others are not shown. */
		memset(out->panel, 0, sizeof out->panel);
		out->view = true;
	}
	if (out->mode == LAYOUT_TABS || view)
		out->panel[focus] = b;
}

enum panel_id layout_neighbour(const struct layout *l, enum panel_id p, int dy, int dx)
{
	int shown = l->wide ? PANEL_VIEW_FIRST : PANEL_GRID_COUNT;
	if (l->mode == LAYOUT_TOO_SMALL || l->view || (unsigned)p >= (unsigned)shown)
		return p;
	if (dx)
		/* Reading order, wrapping: in the grid this is left and
		 * right, continuing on the next row, then the column. */
		return (enum panel_id)((p + shown + (dx > 0 ? 1 : -1)) % shown);
	if (!dy)
		return p;
	if (p >= PANEL_GRID_COUNT) {
		/* Up and down the column on the right. */
		int q = (int)p + (dy > 0 ? 1 : -1);
		return q >= PANEL_GRID_COUNT && q < PANEL_VIEW_FIRST ? (enum panel_id)q : p;
	}
	int step = l->mode == LAYOUT_GRID ? 2 : l->mode == LAYOUT_STACK ? 1 : 0;
	if (!step)
		return p;
	int q = (int)p + (dy > 0 ? step : -step);
	/* Down onto an odd last panel, which takes its whole row. */
	if (step == 2 && q >= PANEL_GRID_COUNT && q / 2 == (PANEL_GRID_COUNT - 1) / 2)
		q = PANEL_GRID_COUNT - 1;
	if (q < 0 || q >= PANEL_GRID_COUNT)
		return p;
	return (enum panel_id)q;
}

static bool in_rect(struct rect r, int y, int x)
{
	return r.h > 0 && y >= r.y && y < r.y + r.h && x >= r.x && x < r.x + r.w;
}

int layout_panel_at(const struct layout *l, int y, int x)
{
	if (l->mode == LAYOUT_TOO_SMALL)
		return -1;
	for (int p = 0; p < PANEL_COUNT; p++)
		if (in_rect(l->panel[p], y, x))
			return p;
	return -1;
}

struct rect rect_inner(struct rect r)
{
	struct rect i = { r.y + 1, r.x + 2, r.h - 2, r.w - 4 };
	if (i.h < 0)
		i.h = 0;
	if (i.w < 0)
		i.w = 0;
	return i;
}

int list_item_rows(int rows, int n, int most)
{
	if (n <= 0 || rows <= 0)
		return 1;
	return clamp(rows / n, 1, most < 1 ? 1 : most);
}

void hours_layout(int h, int w, struct hours_layout *out)
{
	memset(out, 0, sizeof *out);
	/* Rows 0-2: the month, its bar, the pace. */
	int rest = h - 3;
	if (rest <= 0) {
		out->entries_y = h;
		return;
	}
	out->axis_w = 5;
	int avail = w - out->axis_w;
	if (rest >= 4 && avail >= 16) {
		int entries = rest / 3 > 2 ? rest / 3 : 2;
		if (rest - entries - 1 < 2)
			entries = rest - 3;
		out->chart_rows = clamp(rest - entries - 1, 2, 8);
		/* The widest bars, up to CHART_BAR_W, that keep TUI_WEEKS_MIN
		 * weeks; then as many weeks as the width holds, and, when
		 * they are all there, wider bars.  The chart ends at the
		 * right edge, as the budget bar does: the axis takes what is
		 * left. */
		int bw = CHART_BAR_W;
		while (bw > 1 && (avail + 1) / (bw + 1) < TUI_WEEKS_MIN)
			bw--;
		out->weeks = clamp((avail + 1) / (bw + 1), 1, TUI_WEEKS);
		if (out->weeks == TUI_WEEKS)
			bw = clamp((avail + 1) / TUI_WEEKS - 1, bw, CHART_BAR_MAX_W);
		out->week_w = bw;
		out->axis_w = w - (out->weeks * (bw + 1) - 1);
		out->entries_y = 3 + out->chart_rows + 1;
	} else {
		out->entries_y = 3;
	}
	out->entries_rows = h - out->entries_y;
	if (out->entries_rows < 0)
		out->entries_rows = 0;
}

/* Heat map: an axis column, five cells a row, five rows, the likelihood
 * numbers below; from HEAT_LABELLED_H rows the axes' names ("impact"
 * above, "likelihood" below the numbers), from 7 "impact" alone. */
#define HEAT_LABELLED_H 8
static int heat_w(int cell_w)
{
	return 2 + 5 * cell_w;
}

static int heat_h(int h)
{
	return h >= HEAT_LABELLED_H ? HEAT_LABELLED_H : h >= 7 ? 7 : 6;
}

void risks_layout(int h, int w, struct risks_layout *out)
{
	memset(out, 0, sizeof *out);
	out->list = mk(0, 0, h, w);
	if (h < 6)
		return;
	int map_h = heat_h(h);
	for (int cw = 3; cw >= 2; cw--) {
		int mw = heat_w(cw);
		if (w - mw - 2 >= 30) {
			out->map = true;
			out->cell_w = cw;
			out->heat = mk(0, w - mw, map_h, mw);
			out->list = mk(0, 0, h, w - mw - 2);
			return;
		}
	}
	/* Narrow: under the list, when the list keeps a few rows. */
	map_h = heat_h(h - 4);
	if (h - map_h - 1 >= 3 && w >= heat_w(3)) {
		out->map = true;
		out->cell_w = 3;
		out->heat = mk(h - map_h, 0, map_h, heat_w(3));
		out->list = mk(0, 0, h - map_h - 1, w);
	}
}

void notes_layout(int h, int n, struct notes_layout *out)
{
	memset(out, 0, sizeof *out);
	if (h <= 0)
		return;
	/* Short: the list alone; else a third for it, as much as it needs. */
	if (h < 8) {
		out->list_rows = h;
		return;
	}
	out->list_rows = clamp(h / 3, 3, 12);
	int used = clamp(n, 1, out->list_rows);
	if (n > 0 && h - used - 1 >= 2) {
		out->text_y = used + 1;
		out->text_rows = h - out->text_y;
	}
}

void overview_layout(struct rect body, int n_clients, struct overview_layout *out)
{
	memset(out, 0, sizeof *out);
	/* Row 0 of the body: the heading; last row: the capacity line. */
	out->capacity = mk(body.y + body.h - 1, body.x + 1, 1, body.w - 2);
	out->cards = mk(body.y + 1, body.x, body.h - 2, body.w);
	if (n_clients <= 0 || out->cards.h <= 0)
		return;
	int per_row = body.w / CARD_MIN_W;
	out->per_row = clamp(per_row, 1, n_clients);
	out->card_w = body.w / out->per_row;
	/* Taller when every row of cards fits so: they list more. */
	int card_rows = (n_clients + out->per_row - 1) / out->per_row;
	out->card_h = out->cards.h < CARD_H ? out->cards.h : CARD_H;
	if (out->cards.h / card_rows > CARD_H)
		out->card_h = out->cards.h / card_rows;
	out->rows_visible = out->cards.h / out->card_h;
	if (out->rows_visible < 1)
		out->rows_visible = 1;
}
