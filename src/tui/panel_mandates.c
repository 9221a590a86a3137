/*
 * panel_mandates.c: the client's mandates, active ones first by due date,
 * with their status and how many open actions hang on each.
 */
#include "internal.h"

#include <stdio.h>
#include <string.h>

void panel_mandates_draw(struct tui *ui, struct rect r, bool focused)
{
	struct panel_state *ps = &ui->ps[PANEL_MANDATES];
	const struct mandate_list *l = &ui->view.mandates;
	char title[256], right[64];
	int active = 0;

	for (size_t i = 0; i < l->n; i++)
		active += !strcmp(l->items[i].status, "active");
	panel_title_text(ui, PANEL_MANDATES, title, sizeof title);
	snprintf(right, sizeof right, "%d active", active);
	if (ui->lay.mode != LAYOUT_TABS)
		draw_panel_frame(ui, r, focused, title, right);

	struct rect in = rect_inner(r);
	if (in.h <= 0 || in.w <= 0)
		return;
	if (!list_start(ui, ps, l->n, in.y, in.x, in.w, in.h,
	                "No mandate matches the filter (Esc clears it)",
	                "No mandates yet: a adds one"))
		return;
	bool show_open = in.w >= 40;
	int when_w = 9, open_w = show_open ? 7 : 0;
	int title_w = in.w - when_w - 1 - (open_w ? open_w + 1 : 0);
	for (int row = 0; row < in.h; row++) {
		size_t i = (size_t)(ps->top + row);
		if (i >= l->n)
			break;
		const struct mandate *m = &l->items[i];
		struct mandate_row mr;
		mandate_row(m, ui->today, &mr);
		bool sel = focused && (int)i == ps->sel;
		int y = in.y + row;
		int base = ui->attr[sel ? EL_SELECTION : mr.el == EL_DONE ? EL_DONE : EL_NORMAL];
		int when_attr = sel ? ui->attr[EL_SELECTION] : ui->attr[mr.el];
		if (sel)
			put_pad(ui, y, in.x - 1, in.w + 2, base, "");
		put_words(ui, y, in.x, title_w, base, m->title);
		char when[32];
		snprintf(when, sizeof when, "%*s", when_w, mr.when);
		put_fit(ui, y, in.x + title_w + 1, when_w, when_attr, when);
		if (show_open) {
			char open[32];
			snprintf(open, sizeof open, "%*s", open_w, mr.open);
			put_fit(ui, y, in.x + in.w - open_w, open_w, base, open);
		}
	}
}
