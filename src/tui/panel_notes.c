/*
 * panel_notes.c: the client's latest notes, on a wide screen: a line
 * each (its day, its first line, "+3" when more lines follow), then the
 * selected one in full and the older ones after it, as far as they fit.
 * Enter shows a note whole, e edits it in the editor, x deletes it; N
 * (and e) write in the editor through edit_note_in_editor, here with the
 * suspension of curses it needs.
 */
#include "internal.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "cxo/clock.h"

struct notes_part {
	struct note_list l; /* newest first, bounded */
	size_t limit;       /* rows asked for: when full, there may be more */
};

static int load(const struct panel_query *q, void **out)
{
	struct notes_part *p = calloc(1, sizeof *p);
	*out = NULL;
	if (!p)
		return EX_OSERR;
	struct note_filter f = { .client_id = q->client->id, .grep = q->filter, .limit = q->limit };
	int rc = store_note_find(q->st, &f, &p->l);
	if (rc) {
		free(p);
		return rc;
	}
	p->limit = q->limit;
	*out = p;
	return 0;
}

static void release(void *part)
{
	struct notes_part *p = part;
	note_list_free(&p->l);
	free(p);
}

static size_t count(const void *part)
{
	return ((const struct notes_part *)part)->l.n;
}

static const char *item_id(const void *part, size_t i)
{
	return ((const struct notes_part *)part)->l.items[i].id;
}

static void note(const struct tui *ui, char *buf, size_t n)
{
	const struct notes_part *p = panel_part(ui, PANEL_NOTES);
	size_t k = p ? p->l.n : 0;
	if (p && k >= p->limit)
		snprintf(buf, n, "latest %zu", k);
	else
		snprintf(buf, n, "%zu", k);
}

/* The first line of a note, a copy (NULL when out of memory). */
static char *first_line(const char *text, int *more)
{
	size_t len = note_first_line(text, more);
	return strndup(text ? text : "", len);
}

/* "today", "yesterday", "Mon 16", "Nov 2": the note's local day, as
 * the Hours panel names its entries' days. */
static void when_text(const struct tui *ui, const char *stamp, char *buf, size_t n)
{
	struct entry e = { 0 };
	struct entry_row er;
	int64_t t;
	cxo_day day;
	if (!clock_stamp_parse(stamp, &t) || !clock_local(t, &day, NULL)) {
		snprintf(buf, n, "%.10s", stamp);
		return;
	}
	date_format_iso(day, e.day);
	entry_row(&e, ui->today, ui->cfg->hours_style, &er);
	snprintf(buf, n, "%s", er.when);
}

static void list_area(const struct rect *in, struct rect *list)
{
	struct notes_layout nl;
	notes_layout(in->h, INT32_MAX, &nl);
	*list = *in;
	list->h = nl.list_rows;
}

struct text_ctx {
	struct tui *ui;
	int y, x, w, rows, shown, total;
	int attr;
};

/* One wrapped line of the selected note; the last row says when more
 * is left than fits. */
static void emit_line(const char *line, void *vctx)
{
	struct text_ctx *c = vctx;
	if (c->shown >= c->rows)
		return;
	bool last = c->shown == c->rows - 1 && c->total > c->rows;
	if (last)
		put_fit(c->ui, c->y + c->shown, c->x, c->w, c->ui->attr[EL_DIM],
		        "... Enter shows it all");
	else
		put_fit(c->ui, c->y + c->shown, c->x, c->w, c->attr, line);
	c->shown++;
}

/* Note n in full from row y of the panel, in at most rows rows: its
 * time, then its text; returns the rows used. */
static int draw_text(struct tui *ui, const struct note *n, struct rect in, int y, int rows)
{
	char when[CLOCK_TEXT_LEN + 8];
	if (rows <= 0)
		return 0;
	detail_stamp_local(n->created, when, sizeof when);
	put_fit(ui, y, in.x, in.w, ui->attr[EL_DIM], when);
	struct text_ctx c = { ui, y + 1, in.x, in.w, rows - 1, 0, 0, ui->attr[EL_NORMAL] };
	c.total = wrap_text(n->text, in.w, ui->utf8, NULL, NULL);
	wrap_text(n->text, in.w, ui->utf8, emit_line, &c);
	return 1 + c.shown;
}

static void draw(struct tui *ui, struct rect in, bool focused)
{
	struct panel_state *ps = &ui->ps[PANEL_NOTES];
	const struct notes_part *p = panel_part(ui, PANEL_NOTES);
	const struct note_list *l = &p->l;
	struct notes_layout nl;

	notes_layout(in.h, (int)(l->n < INT32_MAX ? l->n : INT32_MAX), &nl);
	if (!list_start(ui, PANEL_NOTES, l->n, in.y, in.x, in.w, nl.list_rows))
		return;
	const int when_w = 10, more_w = 4;
	for (int row = 0; row < nl.list_rows; row++) {
		size_t i = (size_t)(ps->top + row);
		if (i >= l->n)
			break;
		const struct note *n = &l->items[i];
		bool sel = focused && (int)i == ps->sel;
		int y = in.y + row;
		int base = ui->attr[sel ? EL_SELECTION : EL_NORMAL];
		int dim = sel ? base : ui->attr[EL_DIM];
		char col[48];
		int more;
		if (sel)
			put_pad(ui, y, in.x - 1, in.w + 2, base, "");
		when_text(ui, n->created, col, sizeof col);
		put_fit(ui, y, in.x, when_w - 1, dim, col);
		char *line = first_line(n->text, &more);
		int tw = in.w - when_w - (more ? more_w + 1 : 0);
		put_words(ui, y, in.x + when_w, tw, base, line ? line : "");
		free(line);
		if (more) {
			snprintf(col, sizeof col, "%+*d", more_w, more);
			put_fit(ui, y, in.x + in.w - more_w, more_w, dim, col);
		}
	}
	/* The selected note, or the latest when the panel has not been
	 * visited. */
	if (nl.text_rows <= 0 || ps->sel < 0 || (size_t)ps->sel >= l->n)
		return;
	/* The selected note, then the older ones, a blank row between, as
	 * far as they fit (a cut one says so and ends the column). */
	int y = in.y + nl.text_y, end = y + nl.text_rows;
	for (size_t i = (size_t)ps->sel; i < l->n && y < end; i++) {
		if (i > (size_t)ps->sel) {
			if (end - y < 3)
				break;
			y++;
		}
		y += draw_text(ui, &l->items[i], in, y, end - y);
	}
}

static int detail(struct tui *ui, const char *id)
{
	struct note n = { 0 };
	char when[CLOCK_TEXT_LEN + 8];
	int rc = store_note_get(ui->st, id, &n);
	if (rc)
		return rc;
	snprintf(ui->detail.title, sizeof ui->detail.title, "Note");
	detail_stamp_local(n.created, when, sizeof when);
	detail_field(ui, "Written", when, EL_HEADER);
	detail_field(ui, "Client", n.client_key, EL_NORMAL);
	detail_field(ui, "Text", n.text, EL_NORMAL);
	detail_field(ui, "Id", n.id, EL_DIM);
	note_free(&n);
	return 0;
}

static void add(struct tui *ui, const struct client *c)
{
	(void)c; /* the current client's, as n adds */
	edit_note(ui);
}

static void edit(struct tui *ui, const char *id)
{
	edit_note_in_editor(ui, id);
}

static int name(struct tui *ui, const char *id, char *buf, size_t n)
{
	struct note got = { 0 };
	int rc = store_note_get(ui->st, id, &got);
	if (!rc) {
		char *line = first_line(got.text, NULL);
		snprintf(buf, n, "%s", line ? line : "");
		free(line);
	}
	note_free(&got);
	return rc;
}

/* ---- the editor ---- */

/* The editor on the terminal: curses steps aside while it runs and
 * takes the screen back, whole, afterwards. */
static int edit_suspended(struct tui *ui, const char *initial, char **out, char *err, size_t n)
{
	def_prog_mode();
	endwin();
	int rc = app_edit_text(initial, out, err, n);
	reset_prog_mode();
	refresh();
	tui_mark(ui, DIRTY_ALL | DIRTY_CLEAR);
	return rc;
}

void edit_note_in_editor(struct tui *ui, const char *id)
{
	struct note n = { 0 };
	char err[512], *text = NULL;
	const char *undone = id ? "nothing changed" : "nothing added";
	int rc;
	if (id) {
		if ((rc = store_note_get(ui->st, id, &n))) {
			edit_get_failed(ui, rc);
			return;
		}
	} else {
		if (!edit_have_client(ui))
			return;
		snprintf(n.client_id, sizeof n.client_id, "%s", tui_client(ui)->id);
	}
	if ((rc = edit_suspended(ui, n.text, &text, err, sizeof err))) {
		tui_error(ui, "%s: %s", err, undone);
	} else if (!*text) {
		tui_message(ui, "the note is empty: %s%s", undone, id ? " (x deletes a note)" : "");
	} else if (id && !strcmp(text, n.text)) {
		tui_message(ui, "note unchanged");
	} else {
		free(n.text);
		n.text = text;
		text = NULL;
		rc = id ? store_note_update(ui->st, &n) : store_note_add(ui->st, &n);
		if (rc) {
			tui_error(ui, "%s", store_error(ui->st));
		} else {
			char *line = first_line(n.text, NULL);
			edit_saved(ui, PANEL_NOTES, n.id,
			           id ? "note saved" : "note added (i shows the notes)",
			           line ? line : "");
			free(line);
		}
	}
	free(text);
	note_free(&n);
}

const struct panel_ops panel_notes = {
	.title = "Notes",
	.word = "notes",
	.noun = "note",
	.load = load,
	.release = release,
	.count = count,
	.item_id = item_id,
	.note = note,
	.draw = draw,
	.list_area = list_area,
	.no_match = "No note matches the filter (Esc clears it)",
	.empty = "No notes yet: n adds one, N in your editor",
	.detail = detail,
	.add = add,
	.edit = edit,
	.no_done = "a note has nothing to mark done (e edits it, x deletes it)",
	.name = name,
	.remove = store_note_delete,
};
