/*
 * panel_mandates.c: the client's mandates, active ones first by due date,
 * with their status and how many open actions hang on each.
 */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "cxo/duration.h"
#include "cxo/rules.h"

struct mandates_part {
	/* active first, in the store's order, bounded; with D the done and
	 * dropped ones after them */
	struct mandate_list l;
};

static int load(const struct panel_query *q, void **out)
{
	struct mandates_part *p = calloc(1, sizeof *p);
	*out = NULL;
	if (!p)
		return EX_OSERR;
	int rc = q->all ? store_dash_mandates(q->st, q->client->id, q->filter, q->limit, &p->l)
	                : store_dash_active_mandates(q->st, q->client->id, q->filter, q->limit,
	                                             &p->l);
	if (rc) {
		free(p);
		return rc;
	}
	*out = p;
	return 0;
}

static void release(void *part)
{
	struct mandates_part *p = part;
	mandate_list_free(&p->l);
	free(p);
}

static size_t count(const void *part)
{
	return ((const struct mandates_part *)part)->l.n;
}

static const char *item_id(const void *part, size_t i)
{
	return ((const struct mandates_part *)part)->l.items[i].id;
}

static void note(const struct tui *ui, char *buf, size_t n)
{
	const struct mandates_part *p = panel_part(ui, PANEL_MANDATES);
	int active = 0;
	for (size_t i = 0; p && i < p->l.n; i++)
		active += !strcmp(p->l.items[i].status, "active");
	snprintf(buf, n, "%d active", active);
}

/* Where the list has the room: under a mandate its area and due day,
 * then its measure of success. */
static void draw_more(struct tui *ui, const struct mandate *m, int y, int x, int w, int rows,
                      int attr)
{
	char more[1024];
	if (rows >= 1) {
		mandate_more(m, glyph(GL_LIST_SEP, ui->utf8), ui->cfg->date_format, more,
		             sizeof more);
		put_words(ui, y, x, w, attr, more);
	}
	if (rows >= 2 && m->measure && *m->measure) {
		int lw = put_fit(ui, y + 1, x, w, attr, "success: ");
		put_wrapped(ui, y + 1, x + lw, w - lw, rows - 1, attr, m->measure);
	}
}

static void draw(struct tui *ui, struct rect in, bool focused)
{
	struct panel_state *ps = &ui->ps[PANEL_MANDATES];
	const struct mandates_part *p = panel_part(ui, PANEL_MANDATES);
	const struct mandate_list *l = &p->l;

	int k = list_start_rows(ui, PANEL_MANDATES, l->n, in.y, in.x, in.w, in.h, 5);
	if (!k)
		return;
	bool show_open = in.w >= 40;
	int when_w = 9, open_w = show_open ? 7 : 0;
	int title_w = in.w - when_w - 1 - (open_w ? open_w + 1 : 0);
	for (int row = 0; row + k <= in.h; row += k) {
		size_t i = (size_t)(ps->top + row / k);
		if (i >= l->n)
			break;
		const struct mandate *m = &l->items[i];
		struct mandate_row mr;
		mandate_row(m, ui->today, &mr);
		bool sel = focused && (int)i == ps->sel;
		int y = in.y + row;
		int base = ui->attr[sel ? EL_SELECTION : mr.el == EL_DONE ? EL_DONE : EL_NORMAL];
		int when_attr = sel ? ui->attr[EL_SELECTION] : ui->attr[mr.el];
		/* The lines under it, but not the blank one after them. */
		int more = k > 2 ? k - 2 : k - 1;
		for (int r = 0; sel && r <= more; r++)
			put_pad(ui, y + r, in.x - 1, in.w + 2, base, "");
		put_words(ui, y, in.x, title_w, base, m->title);
		char when[32];
		snprintf(when, sizeof when, "%*s", when_w, mr.when);
		put_fit(ui, y, in.x + title_w + 1, when_w, when_attr, when);
		if (show_open) {
			char open[32];
			snprintf(open, sizeof open, "%*s", open_w, mr.open);
			put_fit(ui, y, in.x + in.w - open_w, open_w, base, open);
		}
		draw_more(ui, m, y + 1, in.x + 2, in.w - 2, more,
		          sel ? base : ui->attr[mr.el == EL_DONE ? EL_DONE : EL_DIM]);
	}
}

static int detail(struct tui *ui, const char *id)
{
	struct mandate m = { 0 };
	int rc = store_mandate_get(ui->st, id, &m);
	if (rc)
		return rc;
	/* The hours spent on it, this month and since it began. */
	struct mandate_hours h;
	char from[DAY_LEN], to[DAY_LEN], month[32], total[32], hours[96];
	int y, mo;
	date_month_iso(ui->today, &y, &mo, from, to);
	if ((rc = store_mandate_hours(ui->st, m.id, from, to, &h))) {
		mandate_free(&m);
		return rc;
	}
	duration_format(h.month_minutes, ui->cfg->hours_style, month, sizeof month);
	duration_format(h.total_minutes, ui->cfg->hours_style, total, sizeof total);
	snprintf(hours, sizeof hours, "%s this month, %s in all", month, total);
	struct mandate_row mr;
	mandate_row(&m, ui->today, &mr);
	snprintf(ui->detail.title, sizeof ui->detail.title, "Mandate");
	detail_field(ui, "Title", m.title, EL_HEADER);
	detail_field(ui, "Status", m.status, mr.el == EL_DONE ? EL_DONE : EL_NORMAL);
	detail_field(ui, "Area", m.area, EL_NORMAL);
	detail_day_field(ui, "Due", m.due, true, mr.el == EL_DONE ? EL_NORMAL : mr.el);
	detail_field(ui, "Success", m.measure, EL_NORMAL);
	detail_field(ui, "Hours", hours, EL_NORMAL);
	detail_field(ui, "Id", m.id, EL_DIM);
	detail_linked_actions(ui, m.id, NULL);
	mandate_free(&m);
	return 0;
}

static void add(struct tui *ui, const struct client *c)
{
	struct mandate m = { 0 };
	snprintf(m.client_id, sizeof m.client_id, "%s", c->id);
	edit_mandate_form(ui, &m);
	mandate_free(&m);
}

static void edit(struct tui *ui, const char *id)
{
	struct mandate m = { 0 };
	int rc = store_mandate_get(ui->st, id, &m);
	if (rc)
		edit_get_failed(ui, rc);
	else
		edit_mandate_form(ui, &m);
	mandate_free(&m);
}

static int reopen(struct tui *ui, const char *id, const struct tui_undo *u)
{
	struct mandate m = { 0 };
	char err[256];
	int rc = store_mandate_get(ui->st, id, &m);
	if (rc) {
		edit_get_failed(ui, rc);
	} else if (u && strcmp(m.status, u->after) != 0) {
		/* Changed since, elsewhere: what it was is no longer known. */
		tui_message(ui, "not reopened: the mandate is %s now", m.status);
		ui->reload = RELOAD_ALL;
		rc = 1;
	} else if ((rc = mandate_reopen(&m, u ? u->mandate : NULL, err, sizeof err))) {
		tui_error(ui, "%s", err);
	} else if ((rc = store_mandate_update(ui->st, &m))) {
		tui_error(ui, "%s", store_error(ui->st));
	} else {
		char what[48];
		snprintf(what, sizeof what, "reopened (%s)", m.status);
		edit_saved(ui, PANEL_MANDATES, m.id, what, m.title);
	}
	mandate_free(&m);
	return rc;
}

/* d finishes an active mandate; on a done or dropped one (listed with
 * D), reopens it. */
static int done(struct tui *ui, const char *id)
{
	struct mandate m = { 0 };
	char before[WORD_LEN];
	int rc = store_mandate_get(ui->st, id, &m);
	if (rc) {
		edit_get_failed(ui, rc);
		mandate_free(&m);
		return rc;
	}
	if (mandate_is_closed(&m)) {
		mandate_free(&m);
		return reopen(ui, id, NULL);
	}
	snprintf(before, sizeof before, "%s", m.status);
	snprintf(m.status, sizeof m.status, "done");
	if ((rc = store_mandate_update(ui->st, &m))) {
		tui_error(ui, "%s", store_error(ui->st));
	} else {
		edit_saved(ui, PANEL_MANDATES, m.id, "mandate done", m.title);
		ui->msg[0] = '\0';
		undo_offer_mandate(ui, before, &m);
	}
	mandate_free(&m);
	return rc;
}

static int name(struct tui *ui, const char *id, char *buf, size_t n)
{
	struct mandate m = { 0 };
	int rc = store_mandate_get(ui->st, id, &m);
	if (!rc)
		snprintf(buf, n, "%s", m.title);
	mandate_free(&m);
	return rc;
}

const struct panel_ops panel_mandates = {
	.title = "Mandates",
	.word = "mandates",
	.noun = "mandate",
	.load = load,
	.release = release,
	.count = count,
	.item_id = item_id,
	.note = note,
	.draw = draw,
	.no_match = "No mandate matches the filter (Esc clears it)",
	.empty = "No mandates yet: a adds one",
	.detail = detail,
	.add = add,
	.edit = edit,
	.done = done,
	.reopen = reopen,
	.name = name,
	.remove = store_mandate_delete,
	.links = store_mandate_links,
};
