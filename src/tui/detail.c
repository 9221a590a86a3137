/*
 * detail.c: every field of one item, its linked items and, for a client,
 * the latest notes; drawn over the panels, scrolled with j and k.  A
 * panel's item is built by its detail op with the helpers here; the
 * client's here.  The lines are rebuilt from the store whenever the data
 * or the width changes, so the detail never shows a stale copy.
 */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "cxo/clock.h"
#include "cxo/duration.h"
#include "cxo/money.h"
#include "cxo/text.h"

#define LABEL_W 16

void detail_free(struct detail *d)
{
	for (size_t i = 0; i < d->n; i++)
		free(d->lines[i].text);
	free(d->lines);
	d->lines = NULL;
	d->n = d->cap = 0;
}

static void add_line(struct detail *d, const char *text, enum theme_element el, bool label)
{
	if (d->n == d->cap) {
		size_t cap = d->cap ? d->cap * 2 : 32;
		struct detail_line *l = realloc(d->lines, cap * sizeof *l);
		if (!l)
			return;
		d->lines = l;
		d->cap = cap;
	}
	char *copy = strdup(text ? text : "");
	if (!copy)
		return;
	d->lines[d->n].text = copy;
	d->lines[d->n].el = el;
	d->lines[d->n].label = label;
	d->n++;
}

struct wrap_ctx {
	struct detail *d;
	enum theme_element el;
	const char *label; /* first line only */
	bool first;
};

static void emit_field(const char *line, void *vctx)
{
	struct wrap_ctx *c = vctx;
	char buf[2048];
	snprintf(buf, sizeof buf, "%-*s%s", LABEL_W, c->first ? c->label : "", line);
	add_line(c->d, buf, c->el, c->first);
	c->first = false;
}

/* "Label         value", the value wrapped under itself. */
void detail_field(struct tui *ui, const char *label, const char *value, enum theme_element el)
{
	struct detail *d = &ui->detail;
	struct wrap_ctx c = { d, el, label, true };
	if (!value || !*value)
		return;
	wrap_text(value, d->width - LABEL_W, ui->utf8, emit_field, &c);
}

void detail_heading(struct tui *ui, const char *text)
{
	add_line(&ui->detail, "", EL_NORMAL, false);
	add_line(&ui->detail, text, EL_HEADER, false);
}

static void emit_plain(const char *line, void *vctx)
{
	struct wrap_ctx *c = vctx;
	char buf[2048];
	snprintf(buf, sizeof buf, "  %s", line);
	add_line(c->d, buf, c->el, false);
}

static void paragraph(struct tui *ui, const char *text, enum theme_element el)
{
	struct wrap_ctx c = { &ui->detail, el, "", false };
	wrap_text(text, ui->detail.width - 2, ui->utf8, emit_plain, &c);
}

/* Markdown as it is written, a line at a time: its headings ("# ...")
 * in the heading style, the rest wrapped under itself. */
void detail_markdown(struct tui *ui, const char *text)
{
	const char *s = text ? text : "";
	while (*s) {
		size_t len = strcspn(s, "\n");
		char *line = strndup(s, len);
		if (!line)
			return;
		struct wrap_ctx c = { &ui->detail, line[0] == '#' ? EL_HEADER : EL_NORMAL, "",
			              false };
		wrap_text(line, ui->detail.width - 2, ui->utf8, emit_plain, &c);
		free(line);
		s += len;
		if (*s == '\n')
			s++;
	}
}

/* A stored day shown in the configured format, with "in 2d". */
static void day_text(struct tui *ui, const char *iso, bool relative, char *buf, size_t n)
{
	cxo_day day;
	char shown[64], rel[32];
	buf[0] = '\0';
	if (!iso || !*iso || !date_parse_iso(iso, &day))
		return;
	if (!date_format(day, ui->cfg->date_format, shown, sizeof shown))
		date_format_iso(day, shown);
	if (relative) {
		/* "late" is for what is due; a start date is just past. */
		date_ago(day, ui->today, rel, sizeof rel);
		snprintf(buf, n, "%s (%s)", shown, rel);
	} else {
		snprintf(buf, n, "%s", shown);
	}
}

void detail_day_field(struct tui *ui, const char *label, const char *iso, bool relative,
                      enum theme_element el)
{
	char buf[128];
	day_text(ui, iso, relative, buf, sizeof buf);
	detail_field(ui, label, buf, el);
}

void detail_line(struct tui *ui, const char *text, enum theme_element el)
{
	add_line(&ui->detail, text, el, false);
}

/* A stored UTC stamp (YYYY-MM-DDTHH:MM:SSZ) as local "YYYY-MM-DD HH:MM";
 * the stamp itself when it cannot be read. */
void detail_stamp_local(const char *stamp, char *buf, size_t n)
{
	int64_t t;
	if (clock_stamp_parse(stamp, &t))
		clock_local_text(t, buf, n);
	else
		snprintf(buf, n, "%s", stamp);
}

void detail_linked_actions(struct tui *ui, const char *mandate_id, const char *risk_id)
{
	struct action_filter f = { 0 };
	struct action_list l = { 0 };
	f.mandate_id = mandate_id;
	f.risk_id = risk_id;
	if (store_action_list(ui->st, &f, &l))
		return;
	char head[64];
	snprintf(head, sizeof head, "Open actions (%zu)", l.n);
	detail_heading(ui, head);
	if (l.n == 0)
		add_line(&ui->detail, "  none", EL_DIM, false);
	for (size_t i = 0; i < l.n && i < 50; i++) {
		struct action_row ar;
		char line[1200];
		action_row(&l.items[i], ui->today, &ar);
		snprintf(line, sizeof line, "  %-9s %s%s%s", ar.when, l.items[i].title,
		         ar.who[0] ? ", " : "", ar.who);
		add_line(&ui->detail, line, ar.el, false);
	}
	action_list_free(&l);
}

static int build_client(struct tui *ui)
{
	struct client c = { 0 };
	struct note_list notes = { 0 };
	char buf[256];
	int rc = store_client_get_by_id(ui->st, ui->detail.id, &c);
	if (rc)
		return rc;
	snprintf(ui->detail.title, sizeof ui->detail.title, "Client %s", c.key);
	detail_field(ui, "Name", c.name, EL_HEADER);
	detail_field(ui, "Key", c.key, EL_NORMAL);
	detail_field(ui, "Role", role_label(c.role), EL_NORMAL);
	detail_field(ui, "Status", c.status, EL_NORMAL);
	detail_field(ui, "Industry", c.industry, EL_NORMAL);
	if (c.employees > 0) {
		snprintf(buf, sizeof buf, "%d", c.employees);
		detail_field(ui, "Employees", buf, EL_NORMAL);
	}
	detail_day_field(ui, "Start", c.start, true, EL_NORMAL);
	detail_day_field(ui, "Planned end", c.end, true, EL_NORMAL);
	duration_format(c.budget_minutes, ui->cfg->hours_style, buf, sizeof buf);
	detail_field(ui, "Budget", c.budget_minutes ? buf : "none", EL_NORMAL);
	if (c.rate_cents) {
		money_format(c.rate_cents, c.currency, buf, sizeof buf);
		strncat(buf, " an hour", sizeof buf - strlen(buf) - 1);
		detail_field(ui, "Rate", buf, EL_NORMAL);
	}
	rc = store_note_list(ui->st, c.id, TUI_NOTES_LIMIT, &notes);
	if (!rc) {
		snprintf(buf, sizeof buf, "Latest notes (%zu)", notes.n);
		detail_heading(ui, buf);
		if (notes.n == 0)
			add_line(&ui->detail, "  none yet: n adds one", EL_DIM, false);
		for (size_t i = 0; i < notes.n; i++) {
			char when[64];
			detail_stamp_local(notes.items[i].created, when, sizeof when);
			if (i)
				add_line(&ui->detail, "", EL_NORMAL, false);
			snprintf(buf, sizeof buf, "  %s", when);
			add_line(&ui->detail, buf, EL_DIM, false);
			paragraph(ui, notes.items[i].text, EL_NORMAL);
		}
		note_list_free(&notes);
	}
	client_free(&c);
	return 0;
}

struct rect overlay_rect(const struct tui *ui)
{
	struct rect b = ui->lay.body;
	int margin = b.w >= 100 ? 8 : 2;
	struct rect r = { b.y + 1, b.x + margin, b.h - 2, b.w - 2 * margin };
	if (r.w > 110) {
		r.x += (r.w - 110) / 2;
		r.w = 110;
	}
	return r;
}

void detail_rebuild(struct tui *ui)
{
	struct detail *d = &ui->detail;
	int rc;

	detail_free(d);
	d->width = rect_inner(overlay_rect(ui)).w;
	if (d->width < 20)
		d->width = 20;
	if (d->panel == DETAIL_CLIENT)
		rc = build_client(ui);
	else
		rc = tui_panels[d->panel]->detail(ui, d->id);
	if (rc) {
		detail_free(d);
		ui->overlay = OVERLAY_NONE;
		if (rc == EX_NOINPUT)
			tui_message(ui, "that item no longer exists");
		else
			tui_error(ui, "%s", store_error(ui->st));
	}
	tui_mark(ui, DIRTY_BODY);
}

int detail_open(struct tui *ui, int panel, const char *id)
{
	ui->detail.panel = panel;
	snprintf(ui->detail.id, sizeof ui->detail.id, "%s", id);
	ui->detail.scroll = 0;
	ui->overlay = OVERLAY_DETAIL;
	detail_rebuild(ui);
	return ui->overlay == OVERLAY_DETAIL ? 0 : -1;
}

void detail_draw(struct tui *ui)
{
	struct detail *d = &ui->detail;
	struct rect r = overlay_rect(ui);
	struct rect in = rect_inner(r);

	if (in.w != d->width && in.w >= 20)
		detail_rebuild(ui);
	if (ui->overlay != OVERLAY_DETAIL)
		return;
	/* No taller than what it shows. */
	if ((int)d->n + 2 < r.h) {
		r.h = (int)d->n + 2 < 5 ? 5 : (int)d->n + 2;
		in = rect_inner(r);
	}
	fill(ui, r, ui->attr[EL_NORMAL]);
	draw_panel_frame(ui, r, true, d->title, "Esc closes, e edits");
	int rows = in.h;
	int max_scroll = (int)d->n - rows;
	if (d->scroll > max_scroll)
		d->scroll = max_scroll;
	if (d->scroll < 0)
		d->scroll = 0;
	for (int row = 0; row < rows; row++) {
		size_t i = (size_t)(d->scroll + row);
		if (i >= d->n)
			break;
		const struct detail_line *l = &d->lines[i];
		if (l->label) {
			/* The label dim, the value in its own style. */
			char lab[LABEL_W + 1];
			snprintf(lab, sizeof lab, "%.*s", LABEL_W, l->text);
			put_fit(ui, in.y + row, in.x, LABEL_W, ui->attr[EL_DIM], lab);
			put_fit(ui, in.y + row, in.x + LABEL_W, in.w - LABEL_W, ui->attr[l->el],
			        strlen(l->text) > LABEL_W ? l->text + LABEL_W : "");
		} else {
			put_fit(ui, in.y + row, in.x, in.w, ui->attr[l->el], l->text);
		}
	}
	if ((int)d->n > rows) {
		char more[32];
		snprintf(more, sizeof more, " %d/%zu ",
		         d->scroll + rows < (int)d->n ? d->scroll + rows : (int)d->n, d->n);
		put_raw(ui, r.y + r.h - 1, r.x + r.w - 2 - (int)strlen(more), ui->attr[EL_DIM],
		        more);
	}
}
