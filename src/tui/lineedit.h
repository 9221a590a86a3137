/*
 * lineedit.h: one line of UTF-8 text being typed (lineedit.c).  The
 * editing is pure (no curses) and unit-tested; only lineedit_draw paints.
 * A "character" is a code point with the zero-width ones after it
 * (combining marks), so the cursor never sits inside what shows as one
 * character and no edit ever splits a code point.
 */
#ifndef CXO_TUI_LINEEDIT_H
#define CXO_TUI_LINEEDIT_H

#include <stdbool.h>
#include <stddef.h>

/* Bytes of text, NUL excluded (form_field.value): room for a thousand
 * characters of four bytes each, the most a form field takes. */
#define LINEEDIT_MAX 4095

struct lineedit {
	char buf[LINEEDIT_MAX + 1];
	size_t len;       /* bytes */
	size_t cur;       /* the cursor: byte offset on a character boundary */
	size_t first;     /* first byte shown when the text is wider than the field */
	size_t max;       /* input beyond this many bytes is refused */
	size_t max_chars; /* ... or beyond this many code points; 0: no such limit */
	bool utf8;        /* false: widths as drawn in ASCII (non-ASCII is one '?') */
};

enum lineedit_result {
	LE_IGNORED, /* not an editing key: the caller's (Tab, Enter, Esc ...) */
	LE_CHANGED, /* the text changed */
	LE_MOVED,   /* only the cursor moved (or nothing to do at an end) */
	LE_REFUSED, /* refused: too long, or a control character */
};

/* Starts on text (sanitised, cut to max bytes, max capped to
 * LINEEDIT_MAX), the cursor at its end. */
void lineedit_init(struct lineedit *le, const char *text, size_t max, bool utf8);
/* Replaces the text, the cursor at its end. */
void lineedit_set(struct lineedit *le, const char *text);
/* Also refuses input that would make the text longer than max_chars code
 * points, which is how the store counts a text's length; 0 lifts the
 * limit.  Text already longer is kept: only growing it is refused. */
void lineedit_limit(struct lineedit *le, size_t max_chars);
/* Code points in the text. */
size_t lineedit_chars(const struct lineedit *le);
/* Inserts one code point at the cursor; false (nothing changed) for a
 * control, bidi control, surrogate or non-character value, or when it
 * would make the text longer than max bytes or max_chars code points. */
bool lineedit_insert(struct lineedit *le, unsigned long cp);
/* Each returns true when the text or the cursor changed. */
bool lineedit_backspace(struct lineedit *le); /* the character before the cursor */
bool lineedit_delete(struct lineedit *le);    /* the character under the cursor */
bool lineedit_left(struct lineedit *le);
bool lineedit_right(struct lineedit *le);
bool lineedit_home(struct lineedit *le);
bool lineedit_end(struct lineedit *le);
bool lineedit_kill_start(struct lineedit *le);  /* Ctrl-U */
bool lineedit_kill_end(struct lineedit *le);    /* Ctrl-K */
bool lineedit_delete_word(struct lineedit *le); /* Ctrl-W: spaces, then a word */
/*
 * One key as wget_wch gives it: is_code when it returned KEY_CODE_YES
 * (key is then KEY_LEFT, KEY_DC ...), else key is the character.  Keys:
 * Left/Right, Ctrl-B/Ctrl-F, Home/End, Ctrl-A/Ctrl-E, Backspace (also
 * Ctrl-H, DEL), Delete, Ctrl-D, Ctrl-U, Ctrl-K, Ctrl-W; printable
 * characters insert.
 */
enum lineedit_result lineedit_key(struct lineedit *le, int key, bool is_code);
/* Display columns of buf[from..to). */
int lineedit_cols(const struct lineedit *le, size_t from, size_t to);
/* Scrolls (moves first) so the cursor shows in a field width columns
 * wide; returns the cursor's column in the field. */
int lineedit_scroll(struct lineedit *le, int width);
/* The byte just past the last whole character that fits in width
 * columns from first. */
size_t lineedit_visible_end(const struct lineedit *le, int width);

#ifdef NCURSES_VERSION
/* Paints the visible part at (y, x), padded to width with attr; call
 * lineedit_scroll first.  Files that include curses.h see it. */
void lineedit_draw(const struct lineedit *le, WINDOW *win, int y, int x, int width, int attr);
#endif

#endif
