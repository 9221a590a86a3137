/*
 * draw.c: drawing primitives on stdscr.  Every string from the user goes
 * through text_fit (sanitised and cut by display width) before it
 * reaches the terminal; borders and bars fall back to ASCII outside a
 * UTF-8 locale.
 */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cxo/text.h"

#define LINE_MAX_COLS 1024

/* Fits s to w columns with fit (text_fit, fit_words or text_pad) and
 * draws it at (y, x): the columns drawn. */
static int put_with(struct tui *ui, int y, int x, int w, int attr, const char *s,
                    int (*fit)(const char *s, int width, bool utf8, char *buf, size_t n))
{
	char buf[4 * LINE_MAX_COLS];
	if (w <= 0)
		return 0;
	if (w > LINE_MAX_COLS)
		w = LINE_MAX_COLS;
	int cols = fit(s, w, ui->utf8, buf, sizeof buf);
	attrset(attr);
	mvaddstr(y, x, buf);
	return cols;
}

int put_fit(struct tui *ui, int y, int x, int w, int attr, const char *s)
{
	return put_with(ui, y, x, w, attr, s, text_fit);
}

int put_words(struct tui *ui, int y, int x, int w, int attr, const char *s)
{
	return put_with(ui, y, x, w, attr, s, fit_words);
}

struct wrapped {
	struct tui *ui;
	int y, x, w, rows, attr, line;
	char last[1024]; /* the last row's line and the next: cut when drawn */
};

static void put_wrapped_line(const char *line, void *vctx)
{
	struct wrapped *c = vctx;
	int i = c->line++;
	if (i < c->rows - 1) {
		put_fit(c->ui, c->y + i, c->x, c->w, c->attr, line);
	} else if (i == c->rows - 1) {
		snprintf(c->last, sizeof c->last, "%s", line);
	} else if (i == c->rows) {
		size_t len = strlen(c->last);
		snprintf(c->last + len, sizeof c->last - len, " %s", line);
	}
}

int put_wrapped(struct tui *ui, int y, int x, int w, int rows, int attr, const char *s)
{
	struct wrapped c = { ui, y, x, w, rows, attr, 0, "" };
	if (rows <= 0 || w <= 0 || !s)
		return 0;
	wrap_text(s, w, ui->utf8, put_wrapped_line, &c);
	if (c.line >= rows)
		put_words(ui, y + rows - 1, x, w, attr, c.last);
	return c.line < rows ? c.line : rows;
}

void put_pad(struct tui *ui, int y, int x, int w, int attr, const char *s)
{
	put_with(ui, y, x, w, attr, s, text_pad);
}

void put_raw(struct tui *ui, int y, int x, int attr, const char *s)
{
	(void)ui;
	attrset(attr);
	mvaddstr(y, x, s);
}

void fill(struct tui *ui, struct rect r, int attr)
{
	(void)ui;
	if (r.w <= 0 || r.h <= 0)
		return;
	attrset(attr);
	for (int y = r.y; y < r.y + r.h; y++)
		mvhline(y, r.x, ' ', r.w);
}

/* One character (UTF-8) repeated n times across or down, decoded once
 * rather than per cell. */
static void line_of(struct tui *ui, int y, int x, int n, bool down, const char *ch, int attr)
{
	if (n <= 0)
		return;
	if ((unsigned char)ch[0] < 0x80) {
		chtype c = (chtype)(unsigned char)ch[0] | (chtype)attr;
		if (down)
			mvvline(y, x, c, n);
		else
			mvhline(y, x, c, n);
		return;
	}
	wchar_t wc[2] = { 0, 0 };
	cchar_t cc;
	if (mbtowc(&wc[0], ch, strlen(ch)) <= 0 ||
	    setcchar(&cc, wc, (attr_t)(attr & ~A_COLOR), (short)PAIR_NUMBER(attr), NULL) != OK) {
		(void)ui;
		return;
	}
	if (down)
		mvvline_set(y, x, &cc, n);
	else
		mvhline_set(y, x, &cc, n);
}

void hline_of(struct tui *ui, int y, int x, int n, const char *ch, int attr)
{
	line_of(ui, y, x, n, false, ch, attr);
}

void draw_box(struct tui *ui, struct rect r, int attr)
{
	if (r.w < 2 || r.h < 2)
		return;
	const char *h = glyph(GL_HLINE, ui->utf8), *v = glyph(GL_VLINE, ui->utf8);
	const char *tl = glyph(GL_TOP_LEFT, ui->utf8), *tr = glyph(GL_TOP_RIGHT, ui->utf8);
	const char *bl = glyph(GL_BOTTOM_LEFT, ui->utf8), *br = glyph(GL_BOTTOM_RIGHT, ui->utf8);

	line_of(ui, r.y, r.x + 1, r.w - 2, false, h, attr);
	line_of(ui, r.y + r.h - 1, r.x + 1, r.w - 2, false, h, attr);
	line_of(ui, r.y + 1, r.x, r.h - 2, true, v, attr);
	line_of(ui, r.y + 1, r.x + r.w - 1, r.h - 2, true, v, attr);
	line_of(ui, r.y, r.x, 1, false, tl, attr);
	line_of(ui, r.y, r.x + r.w - 1, 1, false, tr, attr);
	line_of(ui, r.y + r.h - 1, r.x, 1, false, bl, attr);
	line_of(ui, r.y + r.h - 1, r.x + r.w - 1, 1, false, br, attr);
}

void draw_panel_frame(struct tui *ui, struct rect r, bool focused, const char *title,
                      const char *right)
{
	char buf[4 * LINE_MAX_COLS];
	int border = ui->attr[focused ? EL_BORDER_FOCUS : EL_BORDER];
	int tattr = ui->attr[focused ? EL_TITLE_FOCUS : EL_TITLE];

	draw_box(ui, r, border);
	if (r.w < 8)
		return;
	int used = 0;
	if (title && *title) {
		snprintf(buf, sizeof buf, " %s ", title);
		used = put_fit(ui, r.y, r.x + 2, r.w - 4, tattr, buf);
	}
	if (right && *right) {
		char note[512];
		snprintf(note, sizeof note, " %s ", right);
		int room = r.w - 4 - used - 2;
		int nw = text_width(note);
		if (room >= nw)
			put_fit(ui, r.y, r.x + r.w - 2 - nw, nw, ui->attr[EL_TITLE], note);
	}
}

void draw_bar(struct tui *ui, int y, int x, int w, long value, long max, int fill_attr, long mark)
{
	int full, frac;
	if (w <= 0)
		return;
	bar_cells(value, max, w, &full, &frac);
	/* A reversed style makes a space solid; a block would vanish. */
	bool reversed = (fill_attr & A_REVERSE) != 0;
	const char *cell = ui->utf8 && reversed ? " " : glyph(GL_BAR_FULL, ui->utf8);
	if (!ui->utf8 || reversed) {
		if (frac >= 4 && full < w)
			full++;
		frac = 0;
	}
	hline_of(ui, y, x, full, cell, fill_attr);
	int pos = full;
	if (frac && pos < w) {
		hline_of(ui, y, x + pos, 1, glyph(GL_LEFT_1 + frac - 1, ui->utf8), fill_attr);
		pos++;
	}
	if (pos < w)
		hline_of(ui, y, x + pos, w - pos, glyph(GL_BAR_EMPTY, ui->utf8),
		         ui->attr[EL_BAR_EMPTY]);
	if (max > 0 && mark > 0 && mark < max) {
		int mx = (int)((long long)mark * w / max);
		if (mx >= 0 && mx < w)
			hline_of(ui, y, x + mx, 1, glyph(GL_BAR_MARK, ui->utf8),
			         ui->attr[EL_NORMAL] | (int)A_BOLD);
	}
}

bool list_start(struct tui *ui, enum panel_id p, size_t n, int y, int x, int w, int rows)
{
	struct panel_state *ps = &ui->ps[p];
	if (n == 0) {
		put_fit(ui, y, x, w, ui->attr[EL_DIM],
		        ps->filter[0] ? tui_panels[p]->no_match : tui_panels[p]->empty);
		return false;
	}
	scroll_to(&ps->top, ps->sel, (int)n, rows);
	return true;
}

int list_start_rows(struct tui *ui, enum panel_id p, size_t n, int y, int x, int w, int rows,
                    int most)
{
	int k = list_item_rows(rows, n > (size_t)rows ? rows + 1 : (int)n, most);
	ui->ps[p].item_rows = k;
	return list_start(ui, p, n, y, x, w, rows / k) ? k : 0;
}

int list_item_at(const struct tui *ui, enum panel_id p, int row)
{
	const struct panel_state *ps = &ui->ps[p];
	int k = ps->item_rows > 1 ? ps->item_rows : 1;
	if (row < 0)
		return -1;
	int i = ps->top + row / k;
	return i < (int)panel_count(ui, p) ? i : -1;
}

void scroll_to(int *top, int sel, int n, int rows)
{
	if (rows <= 0) {
		*top = 0;
		return;
	}
	if (sel < *top)
		*top = sel;
	if (sel >= *top + rows)
		*top = sel - rows + 1;
	if (*top > n - rows)
		*top = n - rows;
	if (*top < 0)
		*top = 0;
}
