/*
 * help.c: every key, drawn from the key table the input loop uses, so
 * the help cannot drift from what the keys do.  A description too long
 * for the overlay wraps under itself; when the keys do not all fit (80x24)
 * the overlay scrolls, and its bottom border says there is more.
 */
#include "internal.h"

#include <stdio.h>
#include <string.h>

#include "cxo/text.h"

#define KEY_COL 15
#define HELP_LINES_MAX 160

/* What the line editor and the form do with keys; the table above is the
 * dashboard's. */
static const char FORM_KEYS[] =
        "In forms: Tab and Shift-Tab move between fields (Tab first completes a "
        "partly typed choice); Up and Down cycle a field's choices, or else move "
        "between fields; Left, Right, Home and End move in the text; Backspace, "
        "Delete, Ctrl-U, Ctrl-K and Ctrl-W delete; Enter saves; Esc cancels. "
        "See cxo(1), THE DASHBOARD.";

struct help_line {
	const char *key; /* on a key's first line */
	char text[256];
	enum theme_element el;
};

struct help_lines {
	struct help_line line[HELP_LINES_MAX];
	int n;
	const char *key; /* for the next line */
	enum theme_element el;
};

static void add_line(const char *text, void *ctx)
{
	struct help_lines *h = ctx;
	if (h->n >= HELP_LINES_MAX)
		return;
	struct help_line *l = &h->line[h->n++];
	l->key = h->key;
	h->key = NULL;
	l->el = h->el;
	snprintf(l->text, sizeof l->text, "%s", text);
}

/* Every line of the help for a text w columns wide. */
static void help_lines(struct tui *ui, int w, struct help_lines *h)
{
	h->n = 0;
	h->el = EL_NORMAL;
	for (size_t i = 0; i < tui_key_count; i++) {
		h->key = tui_keys[i].label;
		wrap_text(tui_keys[i].help, w - KEY_COL, ui->utf8, add_line, h);
	}
	h->key = NULL;
	add_line("", h);
	h->el = EL_DIM;
	wrap_text(FORM_KEYS, w, ui->utf8, add_line, h);
}

void help_draw(struct tui *ui)
{
	static struct help_lines h;
	struct rect r = overlay_rect(ui);
	struct rect in = rect_inner(r);

	help_lines(ui, in.w, &h);
	if (h.n + 2 < r.h) {
		r.h = h.n + 2;
		in = rect_inner(r);
	}
	fill(ui, r, ui->attr[EL_NORMAL]);
	draw_panel_frame(ui, r, true, "Keys", "Esc closes");
	if (ui->help_scroll > h.n - in.h)
		ui->help_scroll = h.n - in.h;
	if (ui->help_scroll < 0)
		ui->help_scroll = 0;
	for (int row = 0; row < in.h; row++) {
		int i = ui->help_scroll + row;
		if (i >= h.n)
			break;
		const struct help_line *l = &h.line[i];
		int y = in.y + row;
		if (l->key)
			put_fit(ui, y, in.x, KEY_COL - 1, ui->attr[EL_HEADER], l->key);
		if (l->el == EL_NORMAL) /* a key's description, in its column */
			put_fit(ui, y, in.x + KEY_COL, in.w - KEY_COL, ui->attr[l->el], l->text);
		else
			put_fit(ui, y, in.x, in.w, ui->attr[l->el], l->text);
	}
	/* More above or below: said on the bottom border. */
	bool above = ui->help_scroll > 0, below = ui->help_scroll + in.h < h.n;
	if (above || below) {
		char more[32];
		snprintf(more, sizeof more, " %s%s more ", above ? glyph(GL_UP, ui->utf8) : "",
		         below ? glyph(GL_DOWN, ui->utf8) : "");
		int w = text_width(more);
		put_fit(ui, r.y + r.h - 1, r.x + r.w - 2 - w, w, ui->attr[EL_TITLE_FOCUS], more);
	}
}
