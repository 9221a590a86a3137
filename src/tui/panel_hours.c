/*
 * panel_hours.c: this month against the budget (a bar with a mark where
 * the pace says we should be), the pace in words and colour, the last
 * weeks as a bar chart, and the latest entries.
 */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "cxo/duration.h"
#include "cxo/rules.h"
#include "cxo/text.h"

struct hours_part {
	struct entry_list entries; /* latest first, bounded */
	int year, month;
	long month_minutes;           /* recorded, or billed under terms that shape hours */
	long budget;                  /* the budget, or the hours available under such terms */
	bool billed;                  /* month_minutes are billed hours (rounding, rollover) */
	bool locked;                  /* this month is locked as invoiced */
	struct pace pace;             /* this month against the budget */
	long week_minutes[TUI_WEEKS]; /* oldest first; the last is this week */
	cxo_day week_start[TUI_WEEKS];
};

/* Under terms that round or roll hours over, the month's billed hours
 * against the hours available; and whether the month is locked. */
static int load_billing(const struct panel_query *q, struct hours_part *p)
{
	struct client_terms ct;
	struct billing_terms bt;
	struct billing_month bm;
	char month[MONTH_LEN];
	struct month_lock lock = { 0 };
	int rc = store_terms_get(q->st, q->client->id, &ct);
	app_billing_terms(&ct, &bt);
	client_terms_free(&ct);
	if (rc)
		return rc;
	if (app_billing_shapes_hours(&bt)) {
		if ((rc = app_billing_month(q->st, q->client, &bt, p->year, p->month, &bm)))
			return rc;
		p->billed = true;
		p->month_minutes = bm.billed;
		p->budget = bm.available;
	}
	snprintf(month, sizeof month, "%04u-%02u", (unsigned)p->year % 10000u,
	         (unsigned)p->month % 100u);
	rc = store_lock_get(q->st, q->client->id, month, &lock);
	month_lock_free(&lock);
	if (rc == EX_NOINPUT)
		return 0;
	p->locked = !rc;
	return rc;
}

static int load(const struct panel_query *q, void **out)
{
	struct hours_part *p = calloc(1, sizeof *p);
	char from[DAY_LEN], to[DAY_LEN], bounds[TUI_WEEKS + 1][DAY_LEN];
	cxo_day b[TUI_WEEKS + 1];
	struct hours_sum sum = { 0 };
	const char *cid = q->client->id;

	*out = NULL;
	if (!p)
		return EX_OSERR;
	date_month_iso(q->today, &p->year, &p->month, from, to);
	int rc = store_entry_sum(q->st, cid, from, to, &sum);
	if (!rc) {
		p->month_minutes = sum.minutes;
		tui_week_bounds(q->today, q->cfg->week_start, b);
		for (int i = 0; i <= TUI_WEEKS; i++)
			date_format_iso(b[i], bounds[i]);
		for (int i = 0; i < TUI_WEEKS; i++)
			p->week_start[i] = b[i];
		rc = store_dash_range_sums(q->st, cid, (const char(*)[DAY_LEN])bounds, TUI_WEEKS,
		                           p->week_minutes);
	}
	if (!rc)
		rc = store_dash_latest_entries(q->st, cid, q->filter, q->limit, &p->entries);
	p->budget = q->client->budget_minutes;
	if (!rc)
		rc = load_billing(q, p);
	if (rc) {
		entry_list_free(&p->entries);
		free(p);
		return rc;
	}
	hours_pace(q->cfg, p->budget, p->month_minutes, q->today, &p->pace);
	*out = p;
	return 0;
}

static void release(void *part)
{
	struct hours_part *p = part;
	entry_list_free(&p->entries);
	free(p);
}

static size_t count(const void *part)
{
	return ((const struct hours_part *)part)->entries.n;
}

static const char *item_id(const void *part, size_t i)
{
	return ((const struct hours_part *)part)->entries.items[i].id;
}

static void note(const struct tui *ui, char *buf, size_t n)
{
	buf[0] = '\0';
	if (ui->view.client.budget_minutes > 0) {
		char b[32];
		duration_format(ui->view.client.budget_minutes, ui->cfg->hours_style, b, sizeof b);
		snprintf(buf, n, "budget %s a month", b);
	}
}

static void list_area(const struct rect *in, struct rect *list)
{
	struct hours_layout hl;
	hours_layout(in->h, in->w, &hl);
	*list = (struct rect){ in->y + hl.entries_y, in->x, hl.entries_rows, in->w };
}

static void draw_month(struct tui *ui, const struct hours_part *v, struct rect in)
{
	const struct pace *p = &v->pace;
	long budget = v->budget;
	char month[64], used[32], budget_text[32], line[256], exp[32], proj[32];
	int pattr = ui->attr[pace_element(p->level)];

	if (!date_format(date_from_ymd(v->year, v->month, 1), "%B %Y", month, sizeof month))
		snprintf(month, sizeof month, "%04d-%02d", v->year, v->month);
	if (v->locked) {
		size_t len = strlen(month);
		snprintf(month + len, sizeof month - len, " (locked)");
	}
	duration_format(v->month_minutes, ui->cfg->hours_style, used, sizeof used);
	if (budget > 0) {
		duration_format(budget, ui->cfg->hours_style, budget_text, sizeof budget_text);
		snprintf(line, sizeof line, "%s: %s%s of %s", month, v->billed ? "billed " : "",
		         used, budget_text);
		int w = put_fit(ui, in.y, in.x, in.w, ui->attr[EL_HEADER], line);
		char pct[32];
		snprintf(pct, sizeof pct, "  %d%%", p->percent_used);
		if (w + 8 < in.w)
			put_fit(ui, in.y, in.x + w, in.w - w, pattr, pct);
		draw_bar(ui, in.y + 1, in.x, in.w, v->month_minutes, budget,
		         pattr == ui->attr[EL_BUDGET_OK] ? ui->attr[EL_BAR_FILL] : pattr,
		         p->expected_minutes);
		duration_format(p->expected_minutes, ui->cfg->hours_style, exp, sizeof exp);
		duration_format(p->projected_minutes, ui->cfg->hours_style, proj, sizeof proj);
		/* Two places make the figures longer: a narrow panel gets a
		 * shorter sentence rather than a cut one. */
		snprintf(line, sizeof line, "%s: expected %s by today, %s at month end",
		         pace_phrase(p), exp, proj);
		if (text_width(line) > in.w)
			snprintf(line, sizeof line, "%s: expected %s now, %s at month end",
			         pace_phrase(p), exp, proj);
		if (text_width(line) > in.w)
			snprintf(line, sizeof line, "%s, %s at month end", pace_phrase(p), proj);
		put_words(ui, in.y + 2, in.x, in.w, pattr, line);
	} else {
		snprintf(line, sizeof line, "%s: %s%s (no monthly budget)", month,
		         v->billed ? "billed " : "", used);
		put_fit(ui, in.y, in.x, in.w, ui->attr[EL_HEADER], line);
		draw_bar(ui, in.y + 1, in.x, in.w, 0, 1, ui->attr[EL_BAR_FILL], 0);
		put_fit(ui, in.y + 2, in.x, in.w, ui->attr[EL_DIM],
		        "e on the overview sets a budget");
	}
}

static void draw_chart(struct tui *ui, const struct hours_part *v, struct rect in,
                       const struct hours_layout *hl)
{
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
			/* A reversed style makes a space solid. */
			const char *cell = e == 0 || (ui->utf8 && reversed)
			                           ? " "
			                           : glyph(GL_LOWER_1 + e - 1, ui->utf8);
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

static void draw_entries(struct tui *ui, const struct hours_part *v, struct rect in,
                         const struct hours_layout *hl, bool focused)
{
	struct panel_state *ps = &ui->ps[PANEL_HOURS];
	const struct entry_list *l = &v->entries;
	int rows = hl->entries_rows, y0 = in.y + hl->entries_y;

	if (rows <= 0)
		return;
	if (!list_start(ui, PANEL_HOURS, l->n, y0, in.x, in.w, rows))
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

static void draw(struct tui *ui, struct rect in, bool focused)
{
	const struct hours_part *v = panel_part(ui, PANEL_HOURS);
	struct hours_layout hl;

	if (in.h < 3)
		return;
	hours_layout(in.h, in.w, &hl);
	draw_month(ui, v, in);
	if (hl.chart_rows > 0)
		draw_chart(ui, v, in, &hl);
	draw_entries(ui, v, in, &hl, focused);
}

static int detail(struct tui *ui, const char *id)
{
	struct entry e = { 0 };
	char buf[64], logged[64];
	int rc = store_entry_get(ui->st, id, &e);
	if (rc)
		return rc;
	snprintf(ui->detail.title, sizeof ui->detail.title, "Hours entry");
	detail_day_field(ui, "Date", e.day, true, EL_NORMAL);
	duration_format(e.minutes, ui->cfg->hours_style, buf, sizeof buf);
	detail_field(ui, "Duration", buf, EL_HEADER);
	detail_field(ui, "Billable", e.billable ? "yes" : "no", EL_NORMAL);
	detail_field(ui, "Mandate", e.mandate_title, EL_NORMAL);
	detail_field(ui, "Note", e.note, EL_NORMAL);
	detail_stamp_local(e.created, logged, sizeof logged);
	detail_field(ui, "Logged", logged, EL_DIM);
	detail_field(ui, "Id", e.id, EL_DIM);
	entry_free(&e);
	return 0;
}

static void add(struct tui *ui, const struct client *c)
{
	(void)c; /* the current client's, as L logs */
	edit_log(ui);
}

static void edit(struct tui *ui, const char *id)
{
	struct entry e = { 0 };
	int rc = store_entry_get(ui->st, id, &e);
	if (rc)
		edit_get_failed(ui, rc);
	else
		edit_entry_form(ui, &e, false, "Edit hours entry");
	entry_free(&e);
}

/* "1.5h on 2026-11-20". */
static int name(struct tui *ui, const char *id, char *buf, size_t n)
{
	struct entry e = { 0 };
	char hours[32];
	int rc = store_entry_get(ui->st, id, &e);
	if (!rc) {
		duration_format(e.minutes, ui->cfg->hours_style, hours, sizeof hours);
		snprintf(buf, n, "%s on %s", hours, e.day);
	}
	entry_free(&e);
	return rc;
}

const struct panel_ops panel_hours = {
	.title = "Hours",
	.word = "hours",
	.noun = "hours entry",
	.load = load,
	.release = release,
	.count = count,
	.item_id = item_id,
	.note = note,
	.draw = draw,
	.list_area = list_area,
	.no_match = "No entry matches the filter (Esc clears it)",
	.empty = "No hours logged yet: L logs some",
	.detail = detail,
	.add = add,
	.edit = edit,
	.no_done = "an hours entry has nothing to close (x deletes it)",
	.name = name,
	.remove = store_entry_delete,
};
