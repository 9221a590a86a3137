/*
 * lineedit.c: one line of UTF-8 text being typed in a form field.
 *
 * The buffer only ever holds what lineedit_insert accepted or what
 * text_sanitize let through, so it is valid UTF-8 without controls and
 * decoding it needs no error handling beyond staying inside it.  Widths
 * are the ones the text is drawn with (text_fit), so the cursor lands on
 * the character it belongs to, wide characters included.
 */
#include "internal.h"

#include <string.h>

#include "cxo/text.h"

/* Bytes of the UTF-8 sequence led by b (the buffer is valid UTF-8). */
static size_t seq_len(unsigned char b)
{
	if (b < 0x80)
		return 1;
	if (b >= 0xf0)
		return 4;
	if (b >= 0xe0)
		return 3;
	return 2;
}

/* Width of the code point at p as drawn: 0 for combining marks. */
static int cp_cols(const struct lineedit *le, size_t p)
{
	char one[5], shown[16];
	size_t n = seq_len((unsigned char)le->buf[p]);
	if (p + n > le->len)
		n = le->len - p;
	memcpy(one, le->buf + p, n);
	one[n] = '\0';
	return text_fit(one, 4, le->utf8, shown, sizeof shown);
}

/* The start of the character after the one at p (p < len): its code
 * point and every zero-width one that follows. */
static size_t next_boundary(const struct lineedit *le, size_t p)
{
	p += seq_len((unsigned char)le->buf[p]);
	while (p < le->len && cp_cols(le, p) == 0)
		p += seq_len((unsigned char)le->buf[p]);
	return p > le->len ? le->len : p;
}

/* The start of the character before p (p > 0). */
static size_t prev_boundary(const struct lineedit *le, size_t p)
{
	do {
		/* Back over continuation bytes to the lead byte. */
		do
			p--;
		while (p > 0 && ((unsigned char)le->buf[p] & 0xc0) == 0x80);
	} while (p > 0 && cp_cols(le, p) == 0);
	return p;
}

/* Moves the cursor; the view never starts after it. */
static void move_to(struct lineedit *le, size_t p)
{
	le->cur = p;
	if (le->first > p)
		le->first = p;
}

/* Removes buf[from..to) and puts the cursor at from. */
static void cut(struct lineedit *le, size_t from, size_t to)
{
	memmove(le->buf + from, le->buf + to, le->len - to + 1);
	le->len -= to - from;
	move_to(le, from);
}

void lineedit_init(struct lineedit *le, const char *text, size_t max, bool utf8)
{
	memset(le, 0, sizeof *le);
	le->max = max > LINEEDIT_MAX ? LINEEDIT_MAX : max;
	le->utf8 = utf8;
	lineedit_set(le, text);
}

void lineedit_set(struct lineedit *le, const char *text)
{
	/* Stored text may hold a TAB or invalid bytes; the field never does. */
	text_sanitize_into(text ? text : "", le->buf, le->max + 1);
	le->len = strlen(le->buf);
	le->cur = le->len;
	le->first = 0;
}

void lineedit_limit(struct lineedit *le, size_t max_chars)
{
	le->max_chars = max_chars;
}

size_t lineedit_chars(const struct lineedit *le)
{
	size_t n = 0;
	for (size_t p = 0; p < le->len; p++)
		n += ((unsigned char)le->buf[p] & 0xc0) != 0x80;
	return n;
}

/* Code points a field refuses: what text_sanitize would drop, and what
 * is not a character at all. */
static bool refused(unsigned long cp)
{
	return cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) || text_cp_dropped((uint32_t)cp);
}

bool lineedit_insert(struct lineedit *le, unsigned long cp)
{
	char seq[4];
	if (refused(cp))
		return false;
	size_t n = text_utf8_encode((uint32_t)cp, seq);
	if (le->len + n > le->max || (le->max_chars && lineedit_chars(le) >= le->max_chars))
		return false;
	memmove(le->buf + le->cur + n, le->buf + le->cur, le->len - le->cur + 1);
	memcpy(le->buf + le->cur, seq, n);
	le->len += n;
	le->cur += n;
	/* Typed before a leading combining mark, the character takes the
	 * mark: the cursor stays on a character boundary. */
	while (le->cur < le->len && cp_cols(le, le->cur) == 0)
		le->cur += seq_len((unsigned char)le->buf[le->cur]);
	return true;
}

bool lineedit_backspace(struct lineedit *le)
{
	if (le->cur == 0)
		return false;
	cut(le, prev_boundary(le, le->cur), le->cur);
	return true;
}

bool lineedit_delete(struct lineedit *le)
{
	if (le->cur >= le->len)
		return false;
	size_t at = le->cur;
	cut(le, at, next_boundary(le, at));
	return true;
}

bool lineedit_left(struct lineedit *le)
{
	if (le->cur == 0)
		return false;
	move_to(le, prev_boundary(le, le->cur));
	return true;
}

bool lineedit_right(struct lineedit *le)
{
	if (le->cur >= le->len)
		return false;
	le->cur = next_boundary(le, le->cur);
	return true;
}

bool lineedit_home(struct lineedit *le)
{
	if (le->cur == 0)
		return false;
	move_to(le, 0);
	return true;
}

bool lineedit_end(struct lineedit *le)
{
	if (le->cur == le->len)
		return false;
	le->cur = le->len;
	return true;
}

bool lineedit_kill_start(struct lineedit *le)
{
	if (le->cur == 0)
		return false;
	cut(le, 0, le->cur);
	return true;
}

bool lineedit_kill_end(struct lineedit *le)
{
	if (le->cur == le->len)
		return false;
	le->buf[le->cur] = '\0';
	le->len = le->cur;
	return true;
}

bool lineedit_delete_word(struct lineedit *le)
{
	size_t p = le->cur;
	if (p == 0)
		return false;
	/* As a shell's Ctrl-W: the spaces before the cursor, then the word. */
	while (p > 0 && le->buf[p - 1] == ' ')
		p--;
	while (p > 0 && le->buf[p - 1] != ' ')
		p--;
	/* A space is one byte, so p never splits a code point. */
	cut(le, p, le->cur);
	return true;
}

/* A key that edits but finds nothing to delete counts as a move. */
static enum lineedit_result changed(bool did)
{
	return did ? LE_CHANGED : LE_MOVED;
}

enum lineedit_result lineedit_key(struct lineedit *le, int key, bool is_code)
{
	if (is_code) {
		switch (key) {
		case KEY_LEFT:
			lineedit_left(le);
			return LE_MOVED;
		case KEY_RIGHT:
			lineedit_right(le);
			return LE_MOVED;
		case KEY_HOME:
			lineedit_home(le);
			return LE_MOVED;
		case KEY_END:
			lineedit_end(le);
			return LE_MOVED;
		case KEY_BACKSPACE:
			return changed(lineedit_backspace(le));
		case KEY_DC:
			return changed(lineedit_delete(le));
		default:
			return LE_IGNORED;
		}
	}
	switch (key) {
	case 'A' & 0x1f:
		lineedit_home(le);
		return LE_MOVED;
	case 'E' & 0x1f:
		lineedit_end(le);
		return LE_MOVED;
	case 'B' & 0x1f:
		lineedit_left(le);
		return LE_MOVED;
	case 'F' & 0x1f:
		lineedit_right(le);
		return LE_MOVED;
	case 'H' & 0x1f:
	case 0x7f:
		return changed(lineedit_backspace(le));
	case 'D' & 0x1f:
		return changed(lineedit_delete(le));
	case 'U' & 0x1f:
		return changed(lineedit_kill_start(le));
	case 'K' & 0x1f:
		return changed(lineedit_kill_end(le));
	case 'W' & 0x1f:
		return changed(lineedit_delete_word(le));
	default:
		break;
	}
	if (key < 0x20 || (key >= 0x80 && key <= 0x9f))
		return LE_IGNORED; /* Tab, Enter, Esc ...: the form's */
	return lineedit_insert(le, (unsigned long)key) ? LE_CHANGED : LE_REFUSED;
}

int lineedit_cols(const struct lineedit *le, size_t from, size_t to)
{
	int cols = 0;
	if (to > le->len)
		to = le->len;
	for (size_t p = from; p < to; p += seq_len((unsigned char)le->buf[p]))
		cols += cp_cols(le, p);
	return cols;
}

/* Columns of the character at p, at least 1 (the cursor's cell). */
static int cell_cols(const struct lineedit *le, size_t p)
{
	if (p >= le->len)
		return 1;
	int w = lineedit_cols(le, p, next_boundary(le, p));
	return w > 0 ? w : 1;
}

int lineedit_scroll(struct lineedit *le, int width)
{
	if (width < 1)
		width = 1;
	if (le->first > le->cur)
		le->first = le->cur;
	/* Forward until the cursor's cell fits (the columns counted once,
	 * then less each character dropped: a long text costs no more than
	 * its length) ... */
	int need = cell_cols(le, le->cur);
	int cols = lineedit_cols(le, le->first, le->cur);
	while (le->first < le->cur && cols + need > width) {
		size_t next = next_boundary(le, le->first);
		if (next > le->cur)
			next = le->cur;
		cols -= lineedit_cols(le, le->first, next);
		le->first = next;
	}
	/* ... and back while everything from there to the end fits, so a
	 * shortened text does not stay scrolled away. */
	while (le->first > 0) {
		size_t p = prev_boundary(le, le->first);
		if (lineedit_cols(le, p, le->len) + (le->cur == le->len ? 1 : 0) > width)
			break;
		le->first = p;
	}
	return lineedit_cols(le, le->first, le->cur);
}

size_t lineedit_visible_end(const struct lineedit *le, int width)
{
	size_t p = le->first;
	int cols = 0;
	while (p < le->len) {
		size_t q = next_boundary(le, p);
		int w = lineedit_cols(le, p, q);
		if (cols + w > width)
			break;
		cols += w;
		p = q;
	}
	return p;
}

void lineedit_draw(const struct lineedit *le, WINDOW *win, int y, int x, int width, int attr)
{
	char part[LINEEDIT_MAX + 1], shown[4 * (LINEEDIT_MAX + 1)];
	if (width <= 0)
		return;
	size_t end = lineedit_visible_end(le, width);
	size_t n = end - le->first;
	memcpy(part, le->buf + le->first, n);
	part[n] = '\0';
	int cols = text_fit(part, width, le->utf8, shown, sizeof shown);
	wattrset(win, attr);
	mvwaddstr(win, y, x, shown);
	if (cols < width)
		mvwhline(win, y, x + cols, ' ', width - cols);
}
