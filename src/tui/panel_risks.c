/*
 * panel_risks.c: open risks by score in their level's style, and a 5x5
 * likelihood-by-impact heat map of all open risks with counts.
 */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "cxo/rules.h"
#include "cxo/text.h"

struct risks_part {
	struct risk_list l; /* open and mitigating, by score, bounded */
	struct risk_list c; /* with D: accepted and closed, after them */
	int heat[5][5];     /* all open ones: [likelihood - 1][impact - 1] */
	int open;           /* all open ones, from the heat map */
};

/* Row i of the list: the open ones, then the closed ones. */
static const struct risk *row_at(const struct risks_part *p, size_t i)
{
	return i < p->l.n ? &p->l.items[i] : &p->c.items[i - p->l.n];
}

static int load(const struct panel_query *q, void **out)
{
	struct risks_part *p = calloc(1, sizeof *p);
	*out = NULL;
	if (!p)
		return EX_OSERR;
	int rc = store_dash_heatmap(q->st, q->client->id, p->heat);
	if (!rc)
		rc = store_dash_open_risks(q->st, q->client->id, q->filter, q->limit, &p->l);
	if (!rc && q->all && p->l.n < q->limit)
		rc = store_dash_closed_risks(q->st, q->client->id, q->filter, q->limit - p->l.n,
		                             &p->c);
	if (rc) {
		risk_list_free(&p->l);
		risk_list_free(&p->c);
		free(p);
		return rc;
	}
	for (int l = 0; l < 5; l++)
		for (int i = 0; i < 5; i++)
			p->open += p->heat[l][i];
	*out = p;
	return 0;
}

static void release(void *part)
{
	struct risks_part *p = part;
	risk_list_free(&p->l);
	risk_list_free(&p->c);
	free(p);
}

static size_t count(const void *part)
{
	const struct risks_part *p = part;
	return p->l.n + p->c.n;
}

static const char *item_id(const void *part, size_t i)
{
	return row_at(part, i)->id;
}

static void note(const struct tui *ui, char *buf, size_t n)
{
	const struct risks_part *p = panel_part(ui, PANEL_RISKS);
	snprintf(buf, n, "%d open", p ? p->open : 0);
}

static void list_area(const struct rect *in, struct rect *list)
{
	struct risks_layout rl;
	risks_layout(in->h, in->w, &rl);
	*list = (struct rect){ in->y + rl.list.y, in->x + rl.list.x, rl.list.h, rl.list.w };
}

static void draw_heat(struct tui *ui, const int heat[5][5], struct rect in,
                      const struct risks_layout *rl)
{
	const struct risk_thresholds *t = &ui->cfg->thresholds;
	int cw = rl->cell_w;
	int x0 = in.x + rl->heat.x, y0 = in.y + rl->heat.y;
	char buf[16];

	if (rl->heat.h >= 7) {
		snprintf(buf, sizeof buf, "impact %s", glyph(GL_UP, ui->utf8));
		put_raw(ui, y0, x0, ui->attr[EL_DIM], buf);
		y0++;
	}
	/* Impact 5 at the top, likelihood 1 at the left. */
	for (int im = 5; im >= 1; im--) {
		int y = y0 + (5 - im);
		snprintf(buf, sizeof buf, "%d", im);
		put_raw(ui, y, x0, ui->attr[EL_DIM], buf);
		for (int li = 1; li <= 5; li++) {
			int count = heat[li - 1][im - 1];
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
				         glyph(GL_DOT, ui->utf8));
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
	if (rl->heat.h < 8) {
		/* No room for its name: the arrow says which way it grows. */
		put_raw(ui, y, x0, ui->attr[EL_DIM], glyph(GL_RIGHT, ui->utf8));
		return;
	}
	/* Under the numbers, as the cells; from the axis column when the
	 * cells are too narrow for it. */
	snprintf(buf, sizeof buf, "likelihood %s", glyph(GL_RIGHT, ui->utf8));
	int lx = x0 + 2 + cw - 1;
	if (lx + text_width(buf) > x0 + rl->heat.w)
		lx = x0;
	put_fit(ui, y + 1, lx, rl->heat.w - (lx - x0), ui->attr[EL_DIM], buf);
}

/* Where the list has the room: under a risk its status, owner,
 * framework, category and review day, then its mitigation. */
static void draw_more(struct tui *ui, const struct risk *r, int y, int x, int w, int rows, int attr)
{
	char more[1024];
	if (rows >= 1) {
		risk_more(r, glyph(GL_LIST_SEP, ui->utf8), ui->cfg->date_format, more, sizeof more);
		put_words(ui, y, x, w, attr, more);
	}
	if (rows >= 2 && r->mitigation && *r->mitigation) {
		int lw = put_fit(ui, y + 1, x, w, attr, "mitigation: ");
		put_wrapped(ui, y + 1, x + lw, w - lw, rows - 1, attr, r->mitigation);
	}
}

static void draw(struct tui *ui, struct rect in, bool focused)
{
	struct panel_state *ps = &ui->ps[PANEL_RISKS];
	const struct risks_part *p = panel_part(ui, PANEL_RISKS);
	size_t n = p->l.n + p->c.n;
	struct risks_layout rl;

	risks_layout(in.h, in.w, &rl);
	if (rl.map)
		draw_heat(ui, p->heat, in, &rl);

	struct rect lr;
	list_area(&in, &lr);
	int k = list_start_rows(ui, PANEL_RISKS, n, lr.y, lr.x, lr.w, lr.h, 5);
	if (!k)
		return;
	int rows = lr.h / k;
	/* The rows shown share their columns; a due review among them
	 * takes its room from the level first. */
	int review_w = 0, review_short_w = 0;
	for (int row = 0; row < rows && (size_t)(ps->top + row) < n; row++) {
		struct risk_row rr;
		risk_row(row_at(p, (size_t)(ps->top + row)), &ui->cfg->thresholds, ui->today, &rr);
		if (!rr.review_due)
			continue;
		if (text_width(rr.review) > review_w)
			review_w = text_width(rr.review);
		if (text_width(rr.review_short) > review_short_w)
			review_short_w = text_width(rr.review_short);
	}
	struct risk_cols rc;
	risk_columns(lr.w, review_w, review_short_w, &rc);
	/* Below a map beside the list, the rows take the whole width. */
	int wide_y = rl.map && rl.heat.x > 0 ? in.y + rl.heat.y + rl.heat.h + 1 : in.y + in.h;
	for (int row = 0; row < rows; row++) {
		size_t i = (size_t)(ps->top + row);
		if (i >= n)
			break;
		const struct risk *r = row_at(p, i);
		struct risk_row rr;
		risk_row(r, &ui->cfg->thresholds, ui->today, &rr);
		bool sel = focused && (int)i == ps->sel;
		int y = lr.y + row * k;
		int sel_attr = ui->attr[EL_SELECTION];
		int base = sel ? sel_attr : ui->attr[rr.mark[0] ? EL_DONE : EL_NORMAL];
		/* The lines under it, but not the blank one after them. */
		int more = k > 2 ? k - 2 : k - 1;
		for (int m = 0; sel && m <= more; m++)
			put_pad(ui, y + m, lr.x - 1, (y + m >= wide_y ? in.w : lr.w) + 2, sel_attr,
			        "");
		int lw = y >= wide_y ? in.w : lr.w;
		char col[32];
		snprintf(col, sizeof col, "%2d ", rr.score);
		put_raw(ui, y, lr.x, sel ? sel_attr | (int)A_BOLD : ui->attr[rr.el], col);
		if (rc.level_w) {
			bool shorter = rc.level_w < RISK_LEVEL_W;
			snprintf(col, sizeof col, "%-*s", rc.level_w,
			         rr.mark[0] ? (shorter ? rr.mark_short : rr.mark)
			         : shorter  ? rr.level_short
			                    : rr.level_name);
			put_raw(ui, y, lr.x + RISK_SCORE_W, sel ? sel_attr : ui->attr[rr.el], col);
		}
		int tx = lr.x + RISK_SCORE_W + rc.level_w;
		int tw = lr.x + lw - tx;
		if (rc.review && rr.review_due) {
			const char *review = rc.review_short ? rr.review_short : rr.review;
			int rw = text_width(review);
			tw -= (rc.review_short ? review_short_w : review_w) + 2;
			put_raw(ui, y, lr.x + lw - rw, sel ? sel_attr : ui->attr[EL_OVERDUE],
			        review);
		}
		put_words(ui, y, tx, tw, base, r->title);
		lw = y + 1 >= wide_y ? in.w : lr.w;
		draw_more(ui, r, y + 1, tx, lr.x + lw - tx, more,
		          sel ? sel_attr : ui->attr[EL_DIM]);
	}
}

static int detail(struct tui *ui, const char *id)
{
	struct risk r = { 0 };
	char buf[256];
	int rc = store_risk_get(ui->st, id, &r);
	if (rc)
		return rc;
	struct risk_row rr;
	risk_row(&r, &ui->cfg->thresholds, ui->today, &rr);
	snprintf(ui->detail.title, sizeof ui->detail.title, "Risk");
	detail_field(ui, "Title", r.title, EL_HEADER);
	snprintf(buf, sizeof buf, "%d %s (likelihood %d, impact %d)", rr.score, rr.level_name,
	         r.likelihood, r.impact);
	detail_field(ui, "Score", buf, rr.el);
	if (r.residual_likelihood && r.residual_impact) {
		int s = risk_score(r.residual_likelihood, r.residual_impact);
		enum risk_level lv = risk_level_of(s, &ui->cfg->thresholds);
		snprintf(buf, sizeof buf, "%d %s (likelihood %d, impact %d)", s,
		         risk_level_name(lv), r.residual_likelihood, r.residual_impact);
		detail_field(ui, "Residual", buf, risk_level_element(lv));
	}
	detail_field(ui, "Category", r.category, EL_NORMAL);
	detail_field(ui, "Framework", r.framework, EL_NORMAL);
	detail_field(ui, "Status", r.status, EL_NORMAL);
	detail_field(ui, "Treatment", r.treatment, EL_NORMAL);
	detail_field(ui, "Owner", r.owner, EL_NORMAL);
	detail_field(ui, "Mitigation", r.mitigation, EL_NORMAL);
	detail_day_field(ui, "Review", r.review, true, rr.review_due ? EL_OVERDUE : EL_NORMAL);
	detail_day_field(ui, "Accepted until", r.accepted_until, true, EL_NORMAL);
	detail_day_field(ui, "Opened", r.opened, false, EL_DIM);
	detail_day_field(ui, "Closed", r.closed, false, EL_DIM);
	detail_field(ui, "Id", r.id, EL_DIM);
	detail_linked_actions(ui, NULL, r.id);
	risk_free(&r);
	return 0;
}

static void add(struct tui *ui, const struct client *c)
{
	struct risk r = { 0 };
	snprintf(r.client_id, sizeof r.client_id, "%s", c->id);
	risk_begin(&r, ui->today);
	edit_risk_form(ui, &r);
	risk_free(&r);
}

static void edit(struct tui *ui, const char *id)
{
	struct risk r = { 0 };
	int rc = store_risk_get(ui->st, id, &r);
	if (rc)
		edit_get_failed(ui, rc);
	else
		edit_risk_form(ui, &r);
	risk_free(&r);
}

static int reopen(struct tui *ui, const char *id, const struct tui_undo *u)
{
	struct risk r = { 0 };
	char err[256];
	int rc = store_risk_get(ui->st, id, &r);
	if (rc) {
		edit_get_failed(ui, rc);
	} else if (u && strcmp(r.status, u->after) != 0) {
		/* Changed since, elsewhere: what it was is no longer known. */
		tui_message(ui, "not reopened: the risk is %s now", r.status);
		ui->reload = RELOAD_ALL;
		rc = 1;
	} else if ((rc = risk_reopen(&r, u ? &u->risk : NULL, ui->today, err, sizeof err))) {
		tui_error(ui, "%s", err);
	} else if ((rc = store_risk_update(ui->st, &r))) {
		tui_error(ui, "%s", store_error(ui->st));
	} else {
		char what[48];
		snprintf(what, sizeof what, "reopened (%s)", r.status);
		edit_saved(ui, PANEL_RISKS, r.id, what, r.title);
	}
	risk_free(&r);
	return rc;
}

/* d closes the risk, by the rule `cxo risk close` follows; on a closed
 * or accepted one (listed with D), reopens it. */
static int done(struct tui *ui, const char *id)
{
	struct risk r = { 0 };
	char err[256];
	int rc = store_risk_get(ui->st, id, &r);
	if (rc) {
		edit_get_failed(ui, rc);
		risk_free(&r);
		return rc;
	}
	if (!strcmp(r.status, "closed")) {
		risk_free(&r);
		return reopen(ui, id, NULL);
	}
	struct risk before = r; /* its fixed fields only: undo_offer_risk reads no more */
	before.title = before.owner = before.mitigation = before.framework = NULL;
	if ((rc = risk_set_status(&r, "closed", NULL, ui->today, err, sizeof err))) {
		tui_error(ui, "%s", err);
	} else if ((rc = store_risk_update(ui->st, &r))) {
		tui_error(ui, "%s", store_error(ui->st));
	} else {
		edit_saved(ui, PANEL_RISKS, r.id, "risk closed", r.title);
		ui->msg[0] = '\0';
		undo_offer_risk(ui, &before, &r);
	}
	risk_free(&r);
	return rc;
}

static int name(struct tui *ui, const char *id, char *buf, size_t n)
{
	struct risk r = { 0 };
	int rc = store_risk_get(ui->st, id, &r);
	if (!rc)
		snprintf(buf, n, "%s", r.title);
	risk_free(&r);
	return rc;
}

const struct panel_ops panel_risks = {
	.title = "Risks",
	.word = "risks",
	.noun = "risk",
	.load = load,
	.release = release,
	.count = count,
	.item_id = item_id,
	.note = note,
	.draw = draw,
	.list_area = list_area,
	.no_match = "No risk matches the filter (Esc clears it)",
	.empty = "No open risks: a adds one",
	.detail = detail,
	.add = add,
	.edit = edit,
	.done = done,
	.reopen = reopen,
	.name = name,
	.remove = store_risk_delete,
	.links = store_risk_links,
};
