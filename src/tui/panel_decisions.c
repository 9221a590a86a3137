/*
 * panel_decisions.c: the Decisions view (c): the client's decision log,
 * newest first, a decision whose review is due marked on the right in
 * the overdue style; with D the superseded and reversed ones too.  Enter
 * shows the record (its fields, then the Markdown as the editor gets it,
 * scrolled with j and k); a asks for a title and opens the editor on the
 * template, e the editor on the record (edit_decision.c); x deletes
 * after asking.
 */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "cxo/text.h"
#include "vendor_rows.h"

struct decisions_part {
	struct decision_list l;
	size_t *keep; /* l's indexes matching the filter, up to the limit */
	size_t n;
	int review_due;
};

static const struct decision *row_at(const struct decisions_part *p, size_t i)
{
	return &p->l.items[p->keep[i]];
}

/* The filter, as the other panels' in SQL: a part of the title or of a
 * name, in any case. */
static bool matches(const struct decision *d, const char *filter)
{
	char f[TUI_FILTER_LEN * 3], t[1024];
	const char *fields[] = { d->title, d->decided_by, d->consulted };
	if (!filter || !*filter)
		return true;
	text_fold(filter, strlen(filter), f, sizeof f);
	for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
		if (!fields[i])
			continue;
		text_fold(fields[i], strlen(fields[i]), t, sizeof t);
		if (strstr(t, f))
			return true;
	}
	return false;
}

static void release(void *part)
{
	struct decisions_part *p = part;
	decision_list_free(&p->l);
	free(p->keep);
	free(p);
}

static int load(const struct panel_query *q, void **out)
{
	struct decisions_part *p = calloc(1, sizeof *p);
	*out = NULL;
	if (!p)
		return EX_OSERR;
	struct decision_filter f = { .client_id = q->client->id, .include_closed = q->all };
	int rc = q->closed ? 0 : store_decision_list(q->st, &f, &p->l);
	if (rc) {
		free(p);
		return rc;
	}
	p->keep = calloc(p->l.n ? p->l.n : 1, sizeof *p->keep);
	if (!p->keep) {
		release(p);
		return EX_OSERR;
	}
	for (size_t i = 0; i < p->l.n && p->n < q->limit; i++) {
		if (!matches(&p->l.items[i], q->filter))
			continue;
		struct decision_row dr;
		decision_row(&p->l.items[i], q->today, &dr);
		p->review_due += dr.review_due;
		p->keep[p->n++] = i;
	}
	*out = p;
	return 0;
}

static size_t count(const void *part)
{
	return ((const struct decisions_part *)part)->n;
}

static const char *item_id(const void *part, size_t i)
{
	return row_at(part, i)->id;
}

static void note(const struct tui *ui, char *buf, size_t n)
{
	const struct decisions_part *p = panel_part(ui, PANEL_DECISIONS);
	if (p && p->review_due)
		snprintf(buf, n, "%d to review", p->review_due);
	else
		snprintf(buf, n, "%zu listed", p ? p->n : 0);
}

#define DAY_W 11    /* "2026-11-18 " */
#define STATUS_W 11 /* "superseded " */

static void draw(struct tui *ui, struct rect in, bool focused)
{
	struct panel_state *ps = &ui->ps[PANEL_DECISIONS];
	const struct decisions_part *p = panel_part(ui, PANEL_DECISIONS);
	int k = list_start_rows(ui, PANEL_DECISIONS, p->n, in.y, in.x, in.w, in.h, 3);
	if (!k)
		return;
	int rows = in.h / k, sel_attr = ui->attr[EL_SELECTION];
	for (int row = 0; row < rows; row++) {
		size_t i = (size_t)(ps->top + row);
		if (i >= p->n)
			break;
		const struct decision *d = row_at(p, i);
		struct decision_row dr;
		decision_row(d, ui->today, &dr);
		bool sel = focused && (int)i == ps->sel;
		int y = in.y + row * k;
		int more = k > 2 ? k - 2 : k - 1;
		for (int m = 0; sel && m <= more; m++)
			put_pad(ui, y + m, in.x - 1, in.w + 2, sel_attr, "");
		int base = sel ? sel_attr : ui->attr[dr.el];
		int x = in.x, tw = in.w - DAY_W;
		put_raw(ui, y, x, sel ? sel_attr : ui->attr[EL_DIM], d->day);
		x += DAY_W;
		if (dr.status[0]) {
			put_fit(ui, y, x, STATUS_W - 1, sel ? sel_attr : ui->attr[EL_DIM],
			        dr.status);
			x += STATUS_W;
			tw -= STATUS_W;
		}
		if (dr.review_due) {
			/* The review on the right; a "!" where the title would
			 * be left too little. */
			int rw = text_width(dr.review);
			int rattr = sel ? sel_attr : ui->attr[EL_OVERDUE];
			if (tw - rw - 2 >= 12) {
				put_raw(ui, y, in.x + in.w - rw, rattr, dr.review);
				tw -= rw + 2;
			} else {
				put_raw(ui, y, in.x + in.w - 1, rattr, "!");
				tw -= 2;
			}
		}
		put_words(ui, y, x, tw, base, d->title);
		if (more >= 1) {
			char line[1024];
			decision_more(d, glyph(GL_LIST_SEP, ui->utf8), line, sizeof line);
			put_words(ui, y + 1, in.x + DAY_W, in.w - DAY_W,
			          sel ? sel_attr : ui->attr[EL_DIM], line);
		}
	}
}

static int detail(struct tui *ui, const char *id)
{
	struct decision d = { 0 };
	struct decision_links links = { 0 };
	char buf[256];
	int rc = store_decision_get(ui->st, id, &d);
	if (rc)
		return rc;
	struct decision_row dr;
	decision_row(&d, ui->today, &dr);
	snprintf(ui->detail.title, sizeof ui->detail.title, "Decision");
	if (dr.review_due) /* "review 3d late": "Review due  3d late" */
		detail_field(ui, "Review due", dr.review + strlen("review "), EL_OVERDUE);
	char *md = decision_markdown(&d);
	if (md) {
		detail_markdown(ui, md);
		free(md);
	}
	if (store_decision_links(ui->st, d.id, &links) == 0) {
		static const char *const kinds[] = { "mandate", "risk", "vendor" };
		snprintf(buf, sizeof buf, "Linked (%zu)", links.n);
		detail_heading(ui, buf);
		if (links.n == 0)
			detail_line(ui, "  none", EL_DIM);
		for (size_t i = 0; i < links.n && i < 50; i++) {
			char line[1200];
			unsigned kind = (unsigned)links.items[i].kind;
			snprintf(line, sizeof line, "  %-8s %s", kind < 3 ? kinds[kind] : "",
			         links.items[i].title ? links.items[i].title : "");
			detail_line(ui, line, EL_NORMAL);
		}
		decision_links_free(&links);
	}
	detail_line(ui, "", EL_NORMAL);
	detail_field(ui, "Id", d.id, EL_DIM);
	decision_free(&d);
	return 0;
}

static void edit(struct tui *ui, const char *id)
{
	edit_decision_edit(ui, id);
}

static int name(struct tui *ui, const char *id, char *buf, size_t n)
{
	struct decision d = { 0 };
	int rc = store_decision_get(ui->st, id, &d);
	if (!rc)
		snprintf(buf, n, "%s", d.title);
	decision_free(&d);
	return rc;
}

const struct panel_ops panel_decisions = {
	.title = "Decisions",
	.word = "decisions",
	.noun = "decision",
	.load = load,
	.release = release,
	.count = count,
	.item_id = item_id,
	.note = note,
	.draw = draw,
	.no_match = "No decision matches the filter (Esc clears it)",
	.empty = "No decisions recorded: a writes one in your editor (c goes back)",
	.detail = detail,
	.add = edit_decision_add,
	.edit = edit,
	.hides_closed = true,
	.no_done = "a decision is superseded or reversed through its Status (e edits it)",
	.name = name,
	.remove = store_decision_delete,
};
