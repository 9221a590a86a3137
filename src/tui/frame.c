/*
 * frame.c: one frame: the tab bar, the body (the client's panels or the
 * overview, then any overlay), and the status bar last.  Only what is
 * dirty is drawn; one doupdate sends the difference to the terminal.
 */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "cxo/text.h"

/* ---- drawing ---- */

static void draw_too_small(struct tui *ui)
{
	const char *msg = "terminal too small (need 80x24)";
	char size[64];
	int rows = ui->lay.rows, cols = ui->lay.cols;
	erase();
	int len = (int)strlen(msg);
	int y = rows / 2 - 1 > 0 ? rows / 2 - 1 : 0;
	int x = cols > len ? (cols - len) / 2 : 0;
	put_fit(ui, y, x, cols, ui->attr[EL_STATUS_ERROR], msg);
	snprintf(size, sizeof size, "now %dx%d; q quits", cols, rows);
	len = (int)strlen(size);
	if (y + 1 < rows)
		put_fit(ui, y + 1, cols > len ? (cols - len) / 2 : 0, cols, ui->attr[EL_DIM], size);
}

/* LAYOUT_TABS: one panel, the titles of the grid's on its top border. */
static void draw_tab_titles(struct tui *ui)
{
	struct rect r = ui->lay.body;
	draw_box(ui, r, ui->attr[EL_BORDER_FOCUS]);
	int x = r.x + 2, end = r.x + r.w - 2;
	for (int p = 0; p < PANEL_GRID_COUNT && x < end; p++) {
		char title[256], t[300];
		panel_title_text(ui, (enum panel_id)p, title, sizeof title);
		snprintf(t, sizeof t, " %s ", title);
		bool on = p == (int)ui->focus;
		x += put_fit(ui, r.y, x, end - x, ui->attr[on ? EL_TITLE_FOCUS : EL_DIM], t);
		if (p + 1 < PANEL_GRID_COUNT && x < end)
			x += put_fit(ui, r.y, x, end - x, ui->attr[EL_BORDER_FOCUS],
			             glyph(GL_HLINE, ui->utf8));
	}
}

static void draw_client_view(struct tui *ui)
{
	struct rect b = ui->lay.body;
	fill(ui, b, ui->attr[EL_NORMAL]);
	if (!tui_client(ui)) {
		/* Each line within 76 columns: whole at 80. */
		static const char *const lines[] = {
			"a adds one: a form asks for its key, name and role.",
			"",
			"Or quit and run 'cxo init --sample' for a sample portfolio,",
			"or 'cxo client add KEY --name NAME' from the shell.",
		};
		put_fit(ui, b.y + 1, 2, b.w - 4, ui->attr[EL_HEADER], "No clients yet.");
		for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++)
			put_fit(ui, b.y + 3 + (int)i, 2, b.w - 4, ui->attr[EL_NORMAL], lines[i]);
		return;
	}
	bool tabs = ui->lay.mode == LAYOUT_TABS && !ui->lay.view;
	if (tabs)
		draw_tab_titles(ui);
	for (int p = 0; p < PANEL_COUNT; p++) {
		const struct panel_ops *ops = tui_panels[p];
		struct rect r = ui->lay.panel[p];
		if (r.h <= 0)
			continue;
		bool focused = p == (int)ui->focus;
		if (!tabs) {
			char title[256], note[64];
			panel_title_text(ui, (enum panel_id)p, title, sizeof title);
			ops->note(ui, note, sizeof note);
			draw_panel_frame(ui, r, focused, title, note);
		}
		struct rect in = rect_inner(r);
		if (in.h > 0 && in.w > 0 && panel_part(ui, (enum panel_id)p))
			ops->draw(ui, in, focused);
	}
}

/* Lays out the screen and paints the parts named in ui->dirty into
 * stdscr (no doupdate). */
static void paint(struct tui *ui)
{
	int rows, cols;
	screen_size(ui, &rows, &cols);
	if (rows != ui->lay.rows || cols != ui->lay.cols)
		ui->dirty |= DIRTY_ALL;
	layout_compute(rows, cols, ui->focus, &ui->lay);
	/* A panel this size of screen does not show (the notes, narrower
	 * than wide) passes the focus on. */
	if (ui->lay.mode != LAYOUT_TOO_SMALL && ui->lay.focus != ui->focus) {
		ui->focus = ui->lay.focus;
		ui->dirty |= DIRTY_BODY;
	}
	if (ui->lay.mode == LAYOUT_TOO_SMALL) {
		draw_too_small(ui);
	} else {
		if ((ui->dirty & DIRTY_ALL) == DIRTY_ALL)
			erase();
		if (ui->dirty & DIRTY_BODY) {
			if (ui->screen == SCREEN_OVERVIEW)
				overview_draw(ui);
			else
				draw_client_view(ui);
			if (ui->overlay == OVERLAY_HELP)
				help_draw(ui);
			else if (ui->overlay == OVERLAY_DETAIL)
				detail_draw(ui);
			else if (ui->overlay == OVERLAY_BRIEF)
				brief_draw(ui);
		}
		if (ui->dirty & DIRTY_TABS)
			tabs_draw(ui);
		/* The status bar and its "? help  q quit" come last. */
		if (ui->dirty & DIRTY_STATUS)
			status_draw(ui);
	}
	attrset(ui->attr[EL_NORMAL]);
	wnoutrefresh(stdscr);
}

void tui_draw(struct tui *ui)
{
	if (ui->dirty & DIRTY_CLEAR)
		clearok(curscr, TRUE);
	paint(ui);
	doupdate();
	ui->dirty = 0;
}

void tui_redraw_all(struct tui *ui)
{
	ui->dirty = DIRTY_ALL;
	paint(ui);
	/* After the modal closes, everything is painted again. */
	ui->dirty = DIRTY_ALL;
}
