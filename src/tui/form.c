/*
 * form.c: modal forms and yes/no questions over the dashboard.
 *
 * A form is a centred window, one field per line ("Due:  [fri      ]")
 * with the field's error, or else its hint, on the line below.  Keys:
 * Tab and Shift-Tab move between fields (Tab first completes a partly
 * typed choice), Up and Down cycle a field's choices or else move between
 * fields, Enter anywhere submits, Esc cancels; the line editor has the
 * rest, and stops at what the field takes, with a counter ("480/500")
 * at the right of the line below from a tenth before the limit.
 * Submitting checks every field, then the rules between fields; when one
 * is invalid, its message shows (a rule's under every field it involves),
 * focus goes to the first invalid field and every value typed stays as
 * it was.  Changing a field's text clears its message (a rule's, on all
 * its fields) until the next Enter checks again.  A form taller than the
 * screen scrolls with the focus; below the dashboard's minimum size the
 * dashboard's "too small" message shows until the terminal grows (or Esc
 * cancels).
 *
 * The decisions (validation, rules, limits, choices, the footer,
 * geometry) are pure functions above the drawing, tested in
 * tests/unit/test_tui_form.c.
 */
#include "internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "cxo/text.h"

/* Wakes up this often to notice a signal or a closed stdin (a closed
 * stdin: tui_input_gone in tui.c). */
#define MODAL_POLL_MS 1000

#define FORM_MAX_W 96
#define FORM_MIN_W 60
#define CONFIRM_MAX_W 64
#define CONFIRM_LINES 8

/* ---- pure: validation, choices, geometry ---- */

/* value without surrounding ASCII spaces, into buf. */
static const char *trimmed(const char *value, char *buf, size_t n)
{
	snprintf(buf, n, "%s", value ? value : "");
	return text_trim(buf);
}

int form_validate(struct form *f)
{
	int first = -1;
	for (size_t i = 0; i < f->n; i++) {
		struct form_field *ff = &f->fields[i];
		char buf[sizeof ff->value];
		const char *v = trimmed(ff->value, buf, sizeof buf);
		ff->error[0] = '\0';
		ff->error_linked = false;
		if (!*v) {
			if (ff->required)
				snprintf(ff->error, sizeof ff->error, "%s is required",
				         ff->label ? ff->label : "this field");
		} else if (ff->validate && !ff->validate(v, f->ctx, ff->error, sizeof ff->error)) {
			if (!ff->error[0])
				snprintf(ff->error, sizeof ff->error, "\"%s\" is not a valid %s", v,
				         ff->label ? ff->label : "value");
		}
		if (ff->error[0] && first < 0)
			first = (int)i;
	}
	/* Then the rules between fields, each field right on its own. */
	for (size_t i = 0; first < 0 && i < f->n; i++)
		if (f->fields[i].rule)
			first = f->fields[i].rule(f);
	return first;
}

size_t form_field_max(const struct form_field *f)
{
	return f->max ? f->max : FORM_NAME_MAX;
}

int form_mark_linked(struct form *f, size_t i, const char *fmt, ...)
{
	va_list ap;
	struct form_field *ff = &f->fields[i];
	va_start(ap, fmt);
	vsnprintf(ff->error, sizeof ff->error, fmt, ap);
	va_end(ap);
	ff->error_linked = true;
	return (int)i;
}

bool form_counter(size_t chars, size_t max, char *buf, size_t n)
{
	size_t near = max / 10 > 10 ? max / 10 : 10;
	if (n)
		buf[0] = '\0';
	if (!max || chars + near < max)
		return false;
	snprintf(buf, n, "%zu/%zu", chars, max);
	return true;
}

static int choice_index(const char *const *choices, const char *value, int *count)
{
	char buf[LINEEDIT_MAX + 1];
	const char *v = trimmed(value, buf, sizeof buf);
	int found = -1, n = 0;
	for (; choices && choices[n]; n++)
		if (found < 0 && text_ieq(choices[n], v))
			found = n;
	*count = n;
	return found;
}

const char *form_choice_step(const char *const *choices, const char *value, int dir)
{
	int n;
	int i = choice_index(choices, value, &n);
	if (n == 0)
		return NULL;
	if (i < 0)
		return dir < 0 ? choices[n - 1] : choices[0];
	return choices[dir < 0 ? (i + n - 1) % n : (i + 1) % n];
}

const char *form_choice_complete(const char *const *choices, const char *value)
{
	char buf[LINEEDIT_MAX + 1];
	const char *v = trimmed(value, buf, sizeof buf);
	int n;
	if (!*v || choice_index(choices, v, &n) >= 0)
		return NULL;
	for (int i = 0; i < n; i++)
		if (text_iprefix(v, choices[i]))
			return choices[i];
	return NULL;
}

void form_footer(const struct form *f, const char *enter, bool utf8, char *buf, size_t n)
{
	const char *sep = glyph(GL_KEY_SEP, utf8);
	if (f->n > 1)
		snprintf(buf, n, "Enter %s%sTab next field%sShift-Tab back%sEsc cancel", enter, sep,
		         sep, sep);
	else
		snprintf(buf, n, "Enter %s%sEsc cancel", enter, sep);
}

bool form_geometry(const struct form *f, int rows, int cols, int focus, int top,
                   struct form_geom *out)
{
	memset(out, 0, sizeof *out);
	if (rows < FORM_MIN_ROWS || cols < FORM_MIN_COLS || f->n == 0)
		return false;
	int n = f->n > 10000 ? 10000 : (int)f->n;

	int w = cols - 8;
	if (w > FORM_MAX_W)
		w = FORM_MAX_W;
	if (w < FORM_MIN_W)
		w = cols < FORM_MIN_W ? cols : FORM_MIN_W;

	/* "Label:" padded; the value box keeps at least half. */
	int label_w = 0;
	for (int i = 0; i < n; i++) {
		int lw = text_width(f->fields[i].label) + 1;
		if (lw > label_w)
			label_w = lw;
	}
	if (label_w > (w - 7) / 2)
		label_w = (w - 7) / 2;
	out->label_w = label_w;
	/* border, space, label, space, '[' */
	out->value_x = 2 + label_w + 2;
	/* ']', space, border */
	out->value_w = w - out->value_x - 3;

	/* Two rows a field, a footer and the borders. */
	int shown = (rows - 3) / 2;
	if (shown > n)
		shown = n;
	if (shown < 1)
		return false;
	out->shown = shown;
	out->h = 2 * shown + 3;
	out->w = w;
	out->y = (rows - out->h) / 2;
	out->x = (cols - w) / 2;

	if (focus < 0)
		focus = 0;
	if (focus >= n)
		focus = n - 1;
	if (focus < top)
		top = focus;
	if (focus >= top + shown)
		top = focus - shown + 1;
	if (top > n - shown)
		top = n - shown;
	if (top < 0)
		top = 0;
	out->top = top;
	return true;
}

/* ---- terminal helpers ---- */

enum modal_key { MK_CHAR, MK_CODE, MK_NONE, MK_GONE };

/* The next key for a modal: a character, a key code, nothing yet (a
 * timeout), or gone (a quit signal or stdin closed). */
static enum modal_key modal_read(WINDOW *win, int *key, int *quick)
{
	wint_t wc = 0;
	double t0 = tui_now_ms();
	int r = wget_wch(win, &wc);
	if (tui_signalled)
		return MK_GONE;
	if (r == ERR)
		return tui_input_gone(t0, quick) ? MK_GONE : MK_NONE;
	*quick = 0;
	*key = (int)wc;
	if (r == KEY_CODE_YES) {
		if (wc == KEY_MOUSE) {
			MEVENT ev;
			getmouse(&ev); /* consumed: forms are keyboard-only */
			return MK_NONE;
		}
		return MK_CODE;
	}
	return MK_CHAR;
}

static bool screen_fits(void)
{
	return LINES >= TUI_MIN_ROWS && COLS >= TUI_MIN_COLS;
}

/* Text fitted to w columns at (y, x) of win. */
static int wput(struct tui *ui, WINDOW *win, int y, int x, int w, int attr, const char *s)
{
	char buf[4 * 1024];
	if (w <= 0)
		return 0;
	if (w > 1024)
		w = 1024;
	int cols = text_fit(s, w, tui_utf8(ui), buf, sizeof buf);
	wattrset(win, attr);
	mvwaddstr(win, y, x, buf);
	return cols;
}

/* The modal's frame: a box in the border style, the title on it. */
static void frame(struct tui *ui, WINDOW *win, int h, int w, const char *title)
{
	bool u = tui_utf8(ui);
	const char *hz = glyph(GL_HLINE, u), *vt = glyph(GL_VLINE, u);
	int attr = tui_attr(ui, EL_BORDER_FOCUS);

	wbkgdset(win, (chtype)' ' | (chtype)tui_attr(ui, EL_NORMAL));
	werase(win);
	wattrset(win, attr);
	for (int x = 1; x < w - 1; x++) {
		mvwaddstr(win, 0, x, hz);
		mvwaddstr(win, h - 1, x, hz);
	}
	for (int y = 1; y < h - 1; y++) {
		mvwaddstr(win, y, 0, vt);
		mvwaddstr(win, y, w - 1, vt);
	}
	mvwaddstr(win, 0, 0, glyph(GL_TOP_LEFT, u));
	mvwaddstr(win, 0, w - 1, glyph(GL_TOP_RIGHT, u));
	mvwaddstr(win, h - 1, 0, glyph(GL_BOTTOM_LEFT, u));
	/* The bottom-right cell last: writing it may not move the cursor on. */
	mvwaddstr(win, h - 1, w - 1, glyph(GL_BOTTOM_RIGHT, u));
	if (title && *title) {
		char t[512];
		snprintf(t, sizeof t, " %s ", title);
		wput(ui, win, 0, 2, w - 4, tui_attr(ui, EL_TITLE_FOCUS), t);
	}
}

/* ---- the form ---- */

struct form_run {
	struct tui *ui;
	struct form *f;
	struct form_geom g;
	WINDOW *win;
	int focus;
	bool soft_cursor;  /* the terminal cannot show its cursor: draw one */
	const char *enter; /* what Enter does, for the footer */
	struct lineedit le;
};

/* Keeps the focused field's value in step with its editor. */
static void sync_value(struct form_run *r)
{
	memcpy(r->f->fields[r->focus].value, r->le.buf, r->le.len + 1);
}

/* The editor on the focused field's text, stopping at what it takes. */
static void edit_field(struct form_run *r)
{
	const struct form_field *ff = &r->f->fields[r->focus];
	lineedit_init(&r->le, ff->value, LINEEDIT_MAX, tui_utf8(r->ui));
	lineedit_limit(&r->le, form_field_max(ff));
}

static void focus_field(struct form_run *r, int i)
{
	int n = (int)r->f->n;
	sync_value(r);
	r->focus = (i % n + n) % n;
	edit_field(r);
}

/* The focused field's text changed: its message was about the text
 * before (and a rule's, about every field it links); the next Enter
 * checks again. */
static void field_changed(struct form_run *r)
{
	struct form_field *ff = &r->f->fields[r->focus];
	if (ff->error_linked) {
		for (size_t i = 0; i < r->f->n; i++) {
			if (r->f->fields[i].error_linked) {
				r->f->fields[i].error[0] = '\0';
				r->f->fields[i].error_linked = false;
			}
		}
	}
	ff->error[0] = '\0';
}

/* The hint row: "hint  ↑↓ a · b · c". */
static void hint_text(struct tui *ui, const struct form_field *ff, char *buf, size_t n)
{
	bool u = tui_utf8(ui);
	size_t used = 0;
	buf[0] = '\0';
	if (ff->hint && *ff->hint)
		used = (size_t)snprintf(buf, n, "%s", ff->hint);
	if (!ff->choices || !ff->choices[0] || used >= n)
		return;
	used += (size_t)snprintf(buf + used, n - used, "%s%s ", used ? "   " : "",
	                         glyph(GL_UP_DOWN, u));
	for (size_t i = 0; ff->choices[i] && used < n; i++)
		used += (size_t)snprintf(buf + used, n - used, "%s%s",
		                         i ? glyph(GL_LIST_SEP, u) : "", ff->choices[i]);
}

static void form_draw(struct form_run *r)
{
	struct tui *ui = r->ui;
	struct form_geom *g = &r->g;
	WINDOW *win = r->win;
	bool u = tui_utf8(ui);
	int n = (int)r->f->n, cy = 1, cx = g->value_x;

	frame(ui, win, g->h, g->w, r->f->title);
	for (int i = g->top; i < g->top + g->shown && i < n; i++) {
		const struct form_field *ff = &r->f->fields[i];
		int y = 1 + 2 * (i - g->top);
		bool focused = i == r->focus;
		char label[256], hint[1024];

		snprintf(label, sizeof label, "%s:", ff->label ? ff->label : "");
		wattrset(win, tui_attr(ui, EL_NORMAL));
		mvwhline(win, y, 2, ' ', g->label_w);
		wput(ui, win, y, 2, g->label_w, tui_attr(ui, focused ? EL_TITLE_FOCUS : EL_NORMAL),
		     label);
		wput(ui, win, y, g->value_x - 1, 1, tui_attr(ui, EL_BORDER), "[");
		wput(ui, win, y, g->value_x + g->value_w, 1, tui_attr(ui, EL_BORDER), "]");
		if (focused) {
			int col = lineedit_scroll(&r->le, g->value_w);
			lineedit_draw(&r->le, win, y, g->value_x, g->value_w,
			              tui_attr(ui, EL_INPUT));
			cy = y;
			cx = g->value_x + col;
		} else {
			char shown[4 * (LINEEDIT_MAX + 1)];
			text_pad(ff->value, g->value_w, u, shown, sizeof shown);
			wattrset(win, tui_attr(ui, EL_INPUT));
			mvwaddstr(win, y, g->value_x, shown);
		}
		/* Typing near the field's limit: "480/500" at the right of its
		 * message row, in the error style once there. */
		int msg_w = g->w - g->value_x - 2;
		char count[48];
		size_t max = form_field_max(ff);
		if (focused) {
			size_t chars = lineedit_chars(&r->le);
			if (form_counter(chars, max, count, sizeof count)) {
				int cw = (int)strlen(count);
				msg_w -= cw + 1;
				wput(ui, win, y + 1, g->w - 2 - cw, cw,
				     tui_attr(ui, chars >= max ? EL_INPUT_ERROR : EL_DIM), count);
			}
		}
		if (ff->error[0]) {
			wput(ui, win, y + 1, g->value_x, msg_w, tui_attr(ui, EL_INPUT_ERROR),
			     ff->error);
		} else {
			hint_text(ui, ff, hint, sizeof hint);
			wput(ui, win, y + 1, g->value_x, msg_w, tui_attr(ui, EL_DIM), hint);
		}
	}
	/* More fields above or below. */
	char more[16], keys[128];
	if (g->top > 0) {
		snprintf(more, sizeof more, " %s ", glyph(GL_UP, u));
		wput(ui, win, 0, g->w - 5, 3, tui_attr(ui, EL_DIM), more);
	}
	if (g->top + g->shown < n) {
		snprintf(more, sizeof more, " %s ", glyph(GL_DOWN, u));
		wput(ui, win, g->h - 1, g->w - 5, 3, tui_attr(ui, EL_DIM), more);
	}
	form_footer(r->f, r->enter, u, keys, sizeof keys);
	wput(ui, win, g->h - 2, 2, g->w - 4, tui_attr(ui, EL_DIM), keys);
	if (r->soft_cursor)
		mvwchgat(win, cy, cx, 1, A_REVERSE, 0, NULL);
	wmove(win, cy, cx);
	wnoutrefresh(win);
	doupdate();
}

/* Repaints the dashboard, then places the window for the screen's size
 * (none when the screen is too small). */
static bool form_layout(struct form_run *r)
{
	tui_redraw_all(r->ui);
	if (r->win) {
		delwin(r->win);
		r->win = NULL;
	}
	if (!screen_fits() || !form_geometry(r->f, LINES, COLS, r->focus, r->g.top, &r->g)) {
		doupdate();
		return true;
	}
	r->win = newwin(r->g.h, r->g.w, r->g.y, r->g.x);
	if (!r->win) {
		tui_error(r->ui, "cannot open a window for the form (out of memory?)");
		return false;
	}
	keypad(r->win, TRUE);
	leaveok(r->win, FALSE);
	wtimeout(r->win, MODAL_POLL_MS);
	return true;
}

/* Up and Down: the field's choices, or the neighbouring field. */
static void step(struct form_run *r, int dir)
{
	const struct form_field *ff = &r->f->fields[r->focus];
	const char *c = form_choice_step(ff->choices, r->le.buf, dir);
	if (c) {
		lineedit_set(&r->le, c);
		sync_value(r);
		field_changed(r);
	} else {
		focus_field(r, r->focus + dir);
	}
}

/* true when the key ends the form; *submitted tells how. */
static bool form_key(struct form_run *r, enum modal_key kind, int key, bool *submitted)
{
	if (kind == MK_CHAR && key == 27) {
		*submitted = false;
		return true;
	}
	if ((kind == MK_CHAR && (key == '\r' || key == '\n')) ||
	    (kind == MK_CODE && key == KEY_ENTER)) {
		sync_value(r);
		int bad = form_validate(r->f);
		if (bad < 0) {
			*submitted = true;
			return true;
		}
		if (bad != r->focus)
			focus_field(r, bad);
		return false;
	}
	if (kind == MK_CHAR && key == '\t') {
		const char *c = form_choice_complete(r->f->fields[r->focus].choices, r->le.buf);
		if (c) {
			lineedit_set(&r->le, c);
			sync_value(r);
			field_changed(r);
		} else {
			focus_field(r, r->focus + 1);
		}
		return false;
	}
	if (kind == MK_CODE && key == KEY_BTAB) {
		focus_field(r, r->focus - 1);
		return false;
	}
	if ((kind == MK_CODE && key == KEY_DOWN) || (kind == MK_CHAR && key == ('N' & 0x1f))) {
		step(r, 1);
		return false;
	}
	if ((kind == MK_CODE && key == KEY_UP) || (kind == MK_CHAR && key == ('P' & 0x1f))) {
		step(r, -1);
		return false;
	}
	enum lineedit_result res = lineedit_key(&r->le, key, kind == MK_CODE);
	if (res == LE_REFUSED) {
		beep();
	} else if (res == LE_CHANGED) {
		sync_value(r);
		field_changed(r);
	}
	return false;
}

bool form_run(struct tui *ui, struct form *f)
{
	return form_run_to(ui, f, "save");
}

bool form_run_to(struct tui *ui, struct form *f, const char *enter)
{
	struct form_run r;
	bool submitted = false;
	int quick = 0;

	if (!f || !f->n)
		return false;
	memset(&r, 0, sizeof r);
	r.ui = ui;
	r.f = f;
	r.enter = enter && *enter ? enter : "save";
	/* Reopened after a failed save: start on the field that failed. */
	for (size_t i = 0; i < f->n; i++) {
		if (f->fields[i].error[0]) {
			r.focus = (int)i;
			break;
		}
	}
	edit_field(&r);
	set_escdelay(25);
	int old_cursor = curs_set(1);
	r.soft_cursor = old_cursor == ERR;
	bool ok = form_layout(&r), dirty = true;
	while (ok) {
		int key = 0;
		if (r.win && dirty)
			form_draw(&r);
		dirty = false;
		enum modal_key kind = modal_read(r.win ? r.win : stdscr, &key, &quick);
		if (kind == MK_GONE)
			break;
		if (kind == MK_NONE)
			continue;
		dirty = true;
		if (kind == MK_CODE && key == KEY_RESIZE) {
			ok = form_layout(&r);
			continue;
		}
		if (!r.win) {
			/* Too small to show the form: only Esc does anything. */
			if (kind == MK_CHAR && key == 27)
				break;
			continue;
		}
		if (form_key(&r, kind, key, &submitted))
			break;
		/* Focus may have moved out of the rows shown. */
		form_geometry(f, LINES, COLS, r.focus, r.g.top, &r.g);
	}
	sync_value(&r);
	if (r.win)
		delwin(r.win);
	if (old_cursor != ERR)
		curs_set(old_cursor);
	return submitted;
}

/* ---- yes or no ---- */

struct lines {
	char text[CONFIRM_LINES][512];
	int n;
};

static void keep_line(const char *line, void *ctx)
{
	struct lines *l = ctx;
	if (l->n < CONFIRM_LINES)
		snprintf(l->text[l->n++], sizeof l->text[0], "%s", line);
}

/* Draws the question centred; NULL when the screen is too small. */
static WINDOW *confirm_open(struct tui *ui, const char *question)
{
	struct lines l;
	int w = COLS - 8 < CONFIRM_MAX_W ? COLS - 8 : CONFIRM_MAX_W;

	tui_redraw_all(ui);
	if (!screen_fits() || w < FORM_MIN_COLS) {
		doupdate();
		return NULL;
	}
	memset(&l, 0, sizeof l);
	wrap_text(question, w - 4, tui_utf8(ui), keep_line, &l);
	if (l.n == 0)
		l.n = 1;
	int h = l.n + 4;
	WINDOW *win = newwin(h, w, (LINES - h) / 2, (COLS - w) / 2);
	if (!win) {
		doupdate();
		return NULL;
	}
	keypad(win, TRUE);
	wtimeout(win, MODAL_POLL_MS);
	frame(ui, win, h, w, "Confirm");
	for (int i = 0; i < l.n; i++)
		wput(ui, win, 2 + i, 2, w - 4, tui_attr(ui, EL_NORMAL), l.text[i]);
	wnoutrefresh(win);
	doupdate();
	return win;
}

bool tui_confirm(struct tui *ui, const char *question)
{
	int quick = 0, key = 0;
	bool yes = false;

	set_escdelay(25);
	WINDOW *win = confirm_open(ui, question ? question : "");
	for (;;) {
		enum modal_key kind = modal_read(win ? win : stdscr, &key, &quick);
		if (kind == MK_GONE)
			break;
		if (kind == MK_NONE)
			continue;
		if (kind == MK_CODE && key == KEY_RESIZE) {
			if (win)
				delwin(win);
			win = confirm_open(ui, question ? question : "");
			continue;
		}
		/* Only y says yes; any other key is a no, never a yes. */
		yes = kind == MK_CHAR && (key == 'y' || key == 'Y');
		break;
	}
	if (win)
		delwin(win);
	return yes;
}
