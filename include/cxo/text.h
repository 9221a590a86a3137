/*
 * text.h: UTF-8 text on its way to a terminal.
 *
 * Anything a user typed or a file supplied passes text_sanitize() before it
 * is printed: invalid UTF-8 becomes U+FFFD, C0 controls (TAB, CR, LF, ESC
 * included), DEL, C1 controls, bidi controls, zero-width characters
 * (U+200B-U+200F, U+FEFF) and the line and paragraph separators (U+2028,
 * U+2029) are dropped, so no stored string can move the cursor, inject an
 * escape sequence, hide text or split a line.  Widths are
 * display columns (wide characters count 2, combining marks 0).
 */
#ifndef CXO_TEXT_H
#define CXO_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Newly allocated sanitised copy (caller frees); NULL only when out of
 * memory.  s may be NULL, which gives "". */
char *text_sanitize(const char *s);

/* Sanitise into buf (always NUL-terminated, never splits a character). */
void text_sanitize_into(const char *s, char *buf, size_t n);

/* Display width of a string, as it would be after sanitising. */
int text_width(const char *s);

/*
 * Sanitise s and cut it to at most width columns into buf; when cut, the
 * last column is an ellipsis ("…" when utf8, "." otherwise... see below).
 * When !utf8 every non-ASCII character is shown as '?' and the ellipsis is
 * "~".  Returns the columns used.
 */
int text_fit(const char *s, int width, bool utf8, char *buf, size_t n);

/* Like text_fit, then pads with spaces to exactly width columns. */
int text_pad(const char *s, int width, bool utf8, char *buf, size_t n);

/* Sanitised copy with every '#' doubled, for tmux status lines (caller
 * frees). */
char *text_tmux_escape(const char *s);

/* True when s is only printable ASCII (0x20-0x7e), which sanitising leaves
 * as it is and which is one column a byte; len gets the length of that
 * leading run either way.  s may be NULL. */
bool text_plain(const char *s, size_t *len);

/* Replaces the string *field owns with a copy of value; NULL and "" (not
 * set) leave NULL.  False when out of memory, *field then unchanged. */
bool text_replace(char **field, const char *value);

/* The characters in s as SQLite's length() counts them: every byte but
 * UTF-8 continuation bytes. */
size_t text_utf8_chars(const char *s);
/* True when s (NUL-terminated; NULL is valid) is well-formed UTF-8. */
bool text_utf8_valid(const char *s);
/* A copy of s with each invalid UTF-8 sequence replaced by U+FFFD and
 * everything else, controls included, as it is (caller frees); NULL
 * when out of memory. */
char *text_utf8_repair(const char *s);

/* Trim ASCII whitespace at both ends, in place; returns s. */
char *text_trim(char *s);

/* Code points sanitising drops: those that could move the cursor, start
 * an escape sequence or reorder what follows them. */
bool text_cp_dropped(uint32_t cp);
/* json, text a JSON encoder wrote, with every code point from U+007F up
 * that sanitising drops (DEL, C1 and bidi controls, zero widths, U+2028
 * and U+2029) written as a \uXXXX escape, which only a string can hold:
 * the value is the same, the bytes are plain.  Other bytes, invalid UTF-8
 * included, are copied.  Newly allocated; NULL when out of memory. */
char *text_json_escape(const char *json);
/* cp (at most U+10FFFF) as UTF-8 into out: its length, 1 to 4. */
size_t text_utf8_encode(uint32_t cp, char out[4]);

/* s is exactly a decimal whole number (an optional '-', digits, nothing
 * else) from lo to hi: true with it in *out; false, *out untouched, for
 * anything else, overflow included. */
bool text_to_long(const char *s, long lo, long hi, long *out);

/* The simple case folding of a code point (Unicode's: every script with
 * case, Latin, Greek and Cyrillic among them; U+0130 and the others that
 * fold to two characters stay as they are): what matching without regard
 * to case compares.  "Z" and "z" give "z", "Ë" "ë", "Σ" and "ς" "σ". */
uint32_t text_fold_cp(uint32_t cp);
/* The len bytes at s (followed by a NUL; invalid UTF-8 as U+FFFD, as
 * sanitising reads it) with every code point folded, into out (cap
 * bytes, NUL-terminated, cut only between characters); returns the
 * length the whole of it takes, NUL excluded, which is at most 3 * len. */
size_t text_fold(const char *s, size_t len, char *out, size_t cap);

/* Case-insensitive ASCII prefix/equality helpers. */
bool text_ieq(const char *a, const char *b);
bool text_iprefix(const char *prefix, const char *s);

#endif
