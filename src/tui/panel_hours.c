/*
 * panel_hours.c: this month against the budget (a bar with a mark where
 * the pace says we should be), the pace in words and colour, the last
 * weeks as a bar chart, and the latest entries.
 */
#include "internal.h"

#include <stdio.h>
#include <string.h>

#include "cxo/duration.h"
#include "cxo/text.h"

/* Lower blocks, 1/8 to 8/8 of a cell. */
static const char *const lower[9] = {
	" ",
	"\xe2\x96\x81",
	"\xe2\x96\x82",
	"\xe2\x96\x83",
	"\xe2\x96\x84",
	"\xe2\x96\x85",
	"\xe2\x96\x86",
	"\xe2\x96\x87",
	"\xe2\x96\x88",
};

static void draw_month(struct tui *ui, struct rect in)
{
	const struct tui_view *v = &ui->view;
	const struct pace *p = &v->pace;
	char month[64], used[32], budget[32], line[256], exp[32], proj[32];
	int pattr = ui->attr[pace_element(p->level)];

	if (!date_format(date_from_ymd(v->year, v->month, 1), "%B %Y", month, sizeof month))
		snprintf(month, sizeof month, "%04d-%02d", v->year, v->month);
	duration_format(v->month_minutes, ui->cfg->hours_style, used, sizeof used);
	if (v->client.budget_minutes > 0) {
		duration_format(v->client.budget_minutes, ui->cfg->hours_style, budget,
		                sizeof budget);
		snprintf(line, sizeof line, "%s: %s of %s", month, used, budget);
		int w = put_fit(ui, in.y, in.x, in.w, ui->attr[EL_HEADER], line);
		char pct[32];
		snprintf(pct, sizeof pct, "  %d%%", p->percent_used);
		if (w + 8 < in.w)
			put_fit(ui, in.y, in.x + w, in.w - w, pattr, pct);
		draw_bar(ui, in.y + 1, in.x, in.w, v->month_minutes, v->client.budget_minutes,
		         pattr == ui->attr[EL_BUDGET_OK] ? ui->attr[EL_BAR_FILL] : pattr,
		         p->expected_minutes);
		duration_format(p->expected_minutes, ui->cfg->hours_style, exp, sizeof exp);
		duration_format(p->projected_minutes, ui->cfg->hours_style, proj, sizeof proj);
		snprintf(line, sizeof line, "%s: expected %s by today, %s at month end",
		         pace_phrase(p->level), exp, proj);
		put_words(ui, in.y + 2, in.x, in.w, pattr, line);
	} else {
		snprintf(line, sizeof line, "%s: %s (no monthly budget)", month, used);
		put_fit(ui, in.y, in.x, in.w, ui->attr[EL_HEADER], line);
		draw_bar(ui, in.y + 1, in.x, in.w, 0, 1, ui->attr[EL_BAR_FILL], 0);
		put_fit(ui, in.y + 2, in.x, in.w, ui->attr[EL_DIM],
		        "e on the overview sets a budget");
	}
}

static void draw_chart(struct tui *ui, struct rect in, const struct hours_layout *hl)
{
	const struct tui_view *v = &ui->view;
	int n = hl->weeks, eighths[TUI_WEEKS];
	const long *vals = v->week_minutes + (TUI_WEEKS - n);
	long max = 0;
	char label[32];

	chart_heights(vals, n, hl->chart_rows, eighths);
	for (int i = 0; i < n; i++)
		if (vals[i] > max)
			max = vals[i];
	int top = in.y + 3, bottom = top + hl->chart_rows - 1;
	/* Axis: the largest week at the top, 0 at the bottom. */
	snprintf(label, sizeof label, "%ldh", (max + 59) / 60);
	put_fit(ui, top, in.x, hl->axis_w - 1, ui->attr[EL_DIM], label);
	put_fit(ui, bottom, in.x, hl->axis_w - 1, ui->attr[EL_DIM], "0");

	int fill_attr = ui->attr[EL_BAR_FILL];
	bool reversed = (fill_attr & A_REVERSE) != 0;
	for (int i = 0; i < n; i++) {
		int x = in.x + hl->axis_w + i * (hl->week_w + 1);
		bool this_week = i == n - 1;
		int attr = this_week ? fill_attr | (int)A_BOLD : fill_attr;
		for (int r = 0; r < hl->chart_rows; r++) {
			int e = eighths[i] - r * 8;
			e = e < 0 ? 0 : e > 8 ? 8 : e;
			const char *cell;
			if (!ui->utf8)
				cell = e >= 4 ? "#" : " ";
			else if (reversed)
				cell = " ";
			else
				cell = lower[e];
			int a = reversed ? (e >= 4 ? attr : ui->attr[EL_NORMAL]) : attr;
			if (e == 0)
				a = ui->attr[EL_NORMAL];
			hline_of(ui, bottom - r, x, hl->week_w, e == 0 ? " " : cell, a);
		}
		if (hl->week_w >= 2) {
			int y, m, d;
			date_to_ymd(v->week_start[TUI_WEEKS - n + i], &y, &m, &d);
			snprintf(label, sizeof label, "%2d", d);
			put_raw(ui, bottom + 1, x + hl->week_w - 2,
			        ui->attr[this_week ? EL_HEADER : EL_DIM], label);
		}
	}
	if (hl->week_w < 2) {
		put_fit(ui, bottom + 1, in.x + hl->axis_w, in.w - hl->axis_w, ui->attr[EL_DIM],
		        "weeks, this one last");
	}
}

static void draw_entries(struct tui *ui, struct rect in, const struct hours_layout *hl,
                         bool focused)
{
	struct panel_state *ps = &ui->ps[PANEL_HOURS];
	const struct entry_list *l = &ui->view.entries;
	int rows = hl->entries_rows, y0 = in.y + hl->entries_y;

	if (rows <= 0)
		return;
	if (!list_start(ui, ps, l->n, y0, in.x, in.w, rows,
	                "No entry matches the filter (Esc clears it)",
	                "No hours logged yet: L logs some"))
		return;
	const int when_w = 10, hours_w = 6;
	for (int row = 0; row < rows; row++) {
		size_t i = (size_t)(ps->top + row);
		if (i >= l->n)
			break;
		const struct entry *e = &l->items[i];
		struct entry_row er;
		entry_row(e, ui->today, ui->cfg->hours_style, &er);
		bool sel = focused && (int)i == ps->sel;
		int y = y0 + row;
		int base = ui->attr[sel ? EL_SELECTION : EL_NORMAL];
		int dim = sel ? base : ui->attr[EL_DIM];
		if (sel)
			put_pad(ui, y, in.x - 1, in.w + 2, base, "");
		char col[32];
		snprintf(col, sizeof col, "%-*s", when_w, er.when);
		put_fit(ui, y, in.x, when_w, dim, col);
		snprintf(col, sizeof col, "%*s", hours_w, er.hours);
		put_fit(ui, y, in.x + when_w, hours_w, base, col);
		int tx = in.x + when_w + hours_w + 2;
		int tw = in.x + in.w - tx;
		const char *what = e->note && *e->note ? e->note
		                   : e->mandate_title  ? e->mandate_title
		                                       : "";
		if (!er.billable && tw > 20) {
			tw -= 15;
			put_raw(ui, y, in.x + in.w - 14, dim, "(non-billable)");
		}
		put_words(ui, y, tx, tw, base, what);
	}
}

void panel_hours_draw(struct tui *ui, struct rect r, bool focused)
{
	char title[256], right[64] = "";
	struct hours_layout hl;

	panel_title_text(ui, PANEL_HOURS, title, sizeof title);
	if (ui->view.client.budget_minutes > 0) {
		char b[32];
		duration_format(ui->view.client.budget_minutes, ui->cfg->hours_style, b, sizeof b);
		snprintf(right, sizeof right, "budget %s a month", b);
	}
	if (ui->lay.mode != LAYOUT_TABS)
		draw_panel_frame(ui, r, focused, title, right);
	struct rect in = rect_inner(r);
	if (in.h < 3 || in.w <= 0)
		return;
	hours_layout(in.h, in.w, &hl);
	draw_month(ui, in);
	if (hl.chart_rows > 0)
		draw_chart(ui, in, &hl);
	draw_entries(ui, in, &hl, focused);
}
