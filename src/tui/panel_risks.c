/*
 * panel_risks.c: open risks by score in their level's style, and a 5x5
 * likelihood-by-impact heat map of all open risks with counts.
 */
#include "internal.h"

#include <stdio.h>
#include <string.h>

#include "cxo/text.h"

static void draw_heat(struct tui *ui, struct rect in, const struct risks_layout *rl)
{
	const struct risk_thresholds *t = &ui->cfg->thresholds;
	int cw = rl->cell_w;
	int x0 = in.x + rl->heat.x, y0 = in.y + rl->heat.y;
	char buf[16];

	if (rl->heat.h >= 7) {
		put_raw(ui, y0, x0, ui->attr[EL_DIM],
		        ui->utf8 ? "impact \xe2\x86\x91" : "impact ^");
		y0++;
	}
	/* Impact 5 at the top, likelihood 1 at the left. */
	for (int im = 5; im >= 1; im--) {
		int y = y0 + (5 - im);
		snprintf(buf, sizeof buf, "%d", im);
		put_raw(ui, y, x0, ui->attr[EL_DIM], buf);
		for (int li = 1; li <= 5; li++) {
			int count = ui->view.heat[li - 1][im - 1];
			enum risk_level level = risk_level_of(li * im, t);
			enum theme_element el = risk_level_element(level);
			int attr = ui->attr[el];
			/* Empty cells stay quiet; the others are filled with
			 * their level's colour (reversed, unless the theme
			 * already gives the level a background). */
			if (count == 0)
				attr = ui->attr[EL_DIM];
			else if (!ui->color || ui->theme.styles[el].bg < 0)
				attr |= (int)A_REVERSE;
			if (count == 0)
				/* "·" is one column but two bytes: pad by hand. */
				snprintf(buf, sizeof buf, "%*s%s", cw - 1, "",
				         ui->utf8 ? "\xc2\xb7" : ".");
			else if (count > 99)
				snprintf(buf, sizeof buf, "%*s", cw, cw >= 3 ? "99+" : "++");
			else
				snprintf(buf, sizeof buf, "%*d", cw, count);
			put_raw(ui, y, x0 + 2 + (li - 1) * cw, attr, buf);
		}
	}
	int y = y0 + 5;
	for (int li = 1; li <= 5; li++) {
		snprintf(buf, sizeof buf, "%*d", cw, li);
		put_raw(ui, y, x0 + 2 + (li - 1) * cw, ui->attr[EL_DIM], buf);
	}
	put_raw(ui, y, x0, ui->attr[EL_DIM], ui->utf8 ? "\xe2\x86\x92" : ">");
}

void panel_risks_draw(struct tui *ui, struct rect r, bool focused)
{
	struct panel_state *ps = &ui->ps[PANEL_RISKS];
	const struct risk_list *l = &ui->view.risks;
	char title[256], right[64];
	struct risks_layout rl;

	panel_title_text(ui, PANEL_RISKS, title, sizeof title);
	snprintf(right, sizeof right, "%d open", ui->view.open_risks);
	if (ui->lay.mode != LAYOUT_TABS)
		draw_panel_frame(ui, r, focused, title, right);
	struct rect in = rect_inner(r);
	if (in.h <= 0 || in.w <= 0)
		return;
	risks_layout(in.h, in.w, &rl);
	if (rl.map)
		draw_heat(ui, in, &rl);

	struct rect lr = { in.y + rl.list.y, in.x + rl.list.x, rl.list.h, rl.list.w };
	if (!list_start(ui, ps, l->n, lr.y, lr.x, lr.w, lr.h,
	                "No risk matches the filter (Esc clears it)", "No open risks: a adds one"))
		return;
	const int score_w = 3, level_w = 9;
	for (int row = 0; row < lr.h; row++) {
		size_t i = (size_t)(ps->top + row);
		if (i >= l->n)
			break;
		const struct risk *k = &l->items[i];
		struct risk_row rr;
		risk_row(k, &ui->cfg->thresholds, ui->today, &rr);
		bool sel = focused && (int)i == ps->sel;
		int y = lr.y + row;
		int sel_attr = ui->attr[EL_SELECTION];
		int base = sel ? sel_attr : ui->attr[EL_NORMAL];
		if (sel)
			put_pad(ui, y, lr.x - 1, lr.w + 2, sel_attr, "");
		char col[32];
		snprintf(col, sizeof col, "%2d ", rr.score);
		put_raw(ui, y, lr.x, sel ? sel_attr | (int)A_BOLD : ui->attr[rr.el], col);
		snprintf(col, sizeof col, "%-*s", level_w, rr.level_name);
		put_raw(ui, y, lr.x + score_w, sel ? sel_attr : ui->attr[rr.el], col);
		int tx = lr.x + score_w + level_w;
		int tw = lr.x + lr.w - tx;
		int rw = rr.review_due ? text_width(rr.review) : 0;
		if (rw && tw - rw - 2 >= 12) {
			tw -= rw + 2;
			put_raw(ui, y, lr.x + lr.w - rw, sel ? sel_attr : ui->attr[EL_OVERDUE],
			        rr.review);
		}
		put_words(ui, y, tx, tw, base, k->title);
	}
}
