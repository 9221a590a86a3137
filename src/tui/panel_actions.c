/*
 * panel_actions.c: next actions.  Overdue ones first and unmistakable (a
 * mark, the overdue style on the whole row), then by due date with
 * relative dates; waiting-for ones name the person and how long.
 */
#include "internal.h"

#include <stdio.h>
#include <string.h>

#include "cxo/text.h"

void panel_actions_draw(struct tui *ui, struct rect r, bool focused)
{
	struct panel_state *ps = &ui->ps[PANEL_ACTIONS];
	const struct action_list *l = &ui->view.actions;
	char title[256], right[64];

	panel_title_text(ui, PANEL_ACTIONS, title, sizeof title);
	if (ui->view.overdue)
		snprintf(right, sizeof right, "%d overdue, %d open", ui->view.overdue,
		         ui->view.open_actions);
	else
		snprintf(right, sizeof right, "%d open", ui->view.open_actions);
	if (ui->lay.mode != LAYOUT_TABS)
		draw_panel_frame(ui, r, focused, title, right);

	struct rect in = rect_inner(r);
	if (in.h <= 0 || in.w <= 0)
		return;
	if (!list_start(ui, ps, l->n, in.y, in.x, in.w, in.h,
	                "No action matches the filter (Esc clears it)",
	                "Nothing to do: a adds an action"))
		return;
	const int mark_w = 2, when_w = 9;
	int who_max = in.w / 3 > 28 ? 28 : in.w / 3;
	for (int row = 0; row < in.h; row++) {
		size_t i = (size_t)(ps->top + row);
		if (i >= l->n)
			break;
		const struct action *a = &l->items[i];
		struct action_row ar;
		action_row(a, ui->today, &ar);
		bool sel = focused && (int)i == ps->sel;
		int y = in.y + row;
		int sel_attr = ui->attr[EL_SELECTION];
		int row_attr = sel          ? sel_attr
		               : ar.overdue ? ui->attr[EL_OVERDUE]
		                            : ui->attr[EL_NORMAL];
		if (sel)
			put_pad(ui, y, in.x - 1, in.w + 2, sel_attr, "");
		put_raw(ui, y, in.x,
		        sel ? sel_attr | (ar.overdue ? (int)A_BOLD : 0) : ui->attr[ar.el],
		        ar.overdue ? "!" : " ");
		char when[32];
		snprintf(when, sizeof when, "%-*s", when_w, ar.when);
		put_fit(ui, y, in.x + mark_w, when_w, sel ? sel_attr : ui->attr[ar.el], when);
		const char *who_text = ar.who;
		int who_w = ar.who[0] ? text_width(ar.who) : 0;
		if (who_w > who_max) {
			who_text = ar.who_short;
			who_w = text_width(who_text);
		}
		if (who_w > who_max)
			who_w = who_max;
		int tx = in.x + mark_w + when_w + 1;
		int title_w = in.x + in.w - tx - (who_w ? who_w + 2 : 0);
		put_words(ui, y, tx, title_w, row_attr, a->title);
		if (who_w) {
			bool waiting = !strcmp(a->status, "waiting");
			int attr = sel ? sel_attr : ui->attr[waiting ? EL_WAITING : EL_DIM];
			char who[200];
			fit_words(who_text, who_w, ui->utf8, who, sizeof who);
			int w = text_width(who);
			put_raw(ui, y, in.x + in.w - w, attr, who);
		}
	}
}
