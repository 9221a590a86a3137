/*
 * test_tui_lineedit.c: the form fields' line editor, without a terminal:
 * UTF-8 insertion and deletion by character, cursor moves, the Ctrl
 * keys, the byte limit, refused controls and horizontal scrolling with
 * wide characters.
 */
#include <criterion/criterion.h>
#include <curses.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "cxo/text.h"
#include "text_clean.h"
#include "tui/lineedit.h"

static void init_locale(void)
{
	setlocale(LC_CTYPE, "C.UTF-8");
}

TestSuite(tui_lineedit, .init = init_locale);

#define E_ACUTE "\xc3\xa9"      /* é, 2 bytes */
#define EURO "\xe2\x82\xac"     /* €, 3 bytes */
#define KAN "\xe6\xbc\xa2"      /* 漢, 3 bytes, 2 columns */
#define JI "\xe5\xad\x97"       /* 字, 3 bytes, 2 columns */
#define GRIN "\xf0\x9f\x98\x80" /* U+1F600, 4 bytes, 2 columns */
#define ACUTE "\xcc\x81"        /* U+0301 combining acute, 0 columns */

#define CTRL(c) ((c)&0x1f)

static struct lineedit le;

static void start(const char *text)
{
	lineedit_init(&le, text, LINEEDIT_MAX, true);
}

/* A field of 511 bytes: the byte limit's tests (the forms' buffer was
 * that size; it is larger now, and the limit works the same). */
#define SMALL_MAX 511

static void start_small(const char *text)
{
	lineedit_init(&le, text, SMALL_MAX, true);
}

/* The invariants every operation keeps. */
static void check_invariants(const struct lineedit *e)
{
	cr_assert_leq(e->len, e->max);
	cr_assert_leq(e->max, (size_t)LINEEDIT_MAX);
	cr_assert_eq(strlen(e->buf), e->len, "len %zu but strlen %zu", e->len, strlen(e->buf));
	cr_assert_leq(e->cur, e->len);
	cr_assert_leq(e->first, e->cur);
	cr_assert(is_clean(e->buf), "buffer not clean UTF-8: \"%s\"", e->buf);
	/* The cursor never sits inside a code point. */
	if (e->cur < e->len)
		cr_assert_neq((unsigned char)e->buf[e->cur] & 0xc0, 0x80,
		              "cursor at %zu inside a "
		              "code point of \"%s\"",
		              e->cur, e->buf);
	if (e->first < e->len)
		cr_assert_neq((unsigned char)e->buf[e->first] & 0xc0, 0x80);
	/* ... nor between a character and its combining marks: left then
	 * right comes back to the same place. */
	if (e->cur > 0) {
		struct lineedit copy = *e;
		lineedit_left(&copy);
		lineedit_right(&copy);
		cr_assert_eq(copy.cur, e->cur, "cursor %zu not on a boundary of \"%s\"", e->cur,
		             e->buf);
	}
}

static void expect(const char *text, size_t cur)
{
	check_invariants(&le);
	cr_assert_str_eq(le.buf, text);
	cr_assert_eq(le.cur, cur, "cursor %zu, expected %zu in \"%s\"", le.cur, cur, le.buf);
}

/* ---- starting ---- */

Test(tui_lineedit, init_puts_cursor_at_end)
{
	start("hello");
	expect("hello", 5);
	cr_assert_eq(le.first, 0);
	start("");
	expect("", 0);
	lineedit_init(&le, NULL, LINEEDIT_MAX, true);
	expect("", 0);
}

Test(tui_lineedit, init_sanitises_stored_text)
{
	start("a\tb\nc\x1b[31md");
	expect("abc[31md", 8);
	start("x\xff"
	      "y");
	expect("x\xef\xbf\xbdy", 5);
	start("left\xe2\x80\xaeright"); /* a bidi override */
	expect("leftright", 9);
}

Test(tui_lineedit, init_cuts_to_max_without_splitting)
{
	char big[1200] = "";
	for (int i = 0; i < 300; i++)
		strcat(big, E_ACUTE); /* 600 bytes */
	start_small(big);
	check_invariants(&le);
	cr_assert_eq(le.len, 510);
	start(big);
	check_invariants(&le);
	cr_assert_eq(le.len, 600);
	lineedit_init(&le, big, 5, true);
	check_invariants(&le);
	cr_assert_str_eq(le.buf, E_ACUTE E_ACUTE);
	lineedit_init(&le, "abc", 100000, true);
	cr_assert_eq(le.max, (size_t)LINEEDIT_MAX);
}

Test(tui_lineedit, set_replaces_and_moves_to_end)
{
	start("something long");
	lineedit_home(&le);
	le.first = 0;
	lineedit_set(&le, "todo");
	expect("todo", 4);
	cr_assert_eq(le.first, 0);
}

/* ---- inserting ---- */

Test(tui_lineedit, insert_ascii_anywhere)
{
	start("");
	cr_assert(lineedit_insert(&le, 'b'));
	cr_assert(lineedit_insert(&le, 'd'));
	expect("bd", 2);
	lineedit_left(&le);
	cr_assert(lineedit_insert(&le, 'c'));
	expect("bcd", 2);
	lineedit_home(&le);
	cr_assert(lineedit_insert(&le, 'a'));
	expect("abcd", 1);
}

Test(tui_lineedit, insert_multibyte)
{
	start("");
	cr_assert(lineedit_insert(&le, 0xe9));    /* é */
	cr_assert(lineedit_insert(&le, 0x20ac));  /* € */
	cr_assert(lineedit_insert(&le, 0x6f22));  /* 漢 */
	cr_assert(lineedit_insert(&le, 0x1f600)); /* 😀 */
	expect(E_ACUTE EURO KAN GRIN, 12);
	lineedit_home(&le);
	lineedit_right(&le);
	cr_assert(lineedit_insert(&le, 'x'));
	expect(E_ACUTE "x" EURO KAN GRIN, 3);
}

Test(tui_lineedit, controls_and_non_characters_refused)
{
	static const unsigned long bad[] = {
		0x00,   0x01,   0x08,   0x09,   0x0a,   0x0d,     0x1b,       0x1f,         0x7f,
		0x80,   0x85,   0x9b,   0x9f,   0x061c, 0x200e,   0x200f,     0x202a,       0x202e,
		0x2066, 0x2069, 0xd800, 0xdbff, 0xdfff, 0x110000, 0x7fffffff, 0xffffffffUL,
	};
	start("ok");
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		cr_assert_not(lineedit_insert(&le, bad[i]), "U+%04lX accepted", bad[i]);
		expect("ok", 2);
	}
	/* The neighbours of the refused ranges are characters. */
	cr_assert(lineedit_insert(&le, 0x20));
	cr_assert(lineedit_insert(&le, 0x7e));
	cr_assert(lineedit_insert(&le, 0xa0));
	cr_assert(lineedit_insert(&le, 0x10ffff));
	check_invariants(&le);
}

Test(tui_lineedit, max_bytes_refuses_without_corrupting)
{
	start_small("");
	for (int i = 0; i < SMALL_MAX; i++)
		cr_assert(lineedit_insert(&le, 'a'));
	cr_assert_eq(le.len, 511);
	cr_assert_not(lineedit_insert(&le, 'a'));
	cr_assert_not(lineedit_insert(&le, 0xe9));
	check_invariants(&le);
	cr_assert_eq(le.len, 511);

	/* 170 euros are 510 bytes: one more does not fit, one ASCII does. */
	start_small("");
	for (int i = 0; i < 170; i++)
		cr_assert(lineedit_insert(&le, 0x20ac));
	cr_assert_eq(le.len, 510);
	cr_assert_not(lineedit_insert(&le, 0x20ac));
	cr_assert_not(lineedit_insert(&le, 0xe9));
	cr_assert_not(lineedit_insert(&le, 0x1f600));
	cr_assert_eq(le.len, 510);
	check_invariants(&le);
	/* Inserting in the middle at the limit is refused too. */
	lineedit_home(&le);
	cr_assert(lineedit_insert(&le, 'z'));
	cr_assert_eq(le.len, 511);
	cr_assert_not(lineedit_insert(&le, 'z'));
	check_invariants(&le);
	cr_assert_eq(le.buf[0], 'z');
	cr_assert_str_eq(le.buf + 508, EURO);
}

/* The store counts a text's length in code points: a title takes 500,
 * however many bytes they are, and the field stops there. */
Test(tui_lineedit, max_chars_stops_at_the_stores_limit)
{
	start("");
	lineedit_limit(&le, 500);
	for (int i = 0; i < 500; i++)
		cr_assert(lineedit_insert(&le, 'a'), "refused character %d of 500", i + 1);
	cr_assert_eq(lineedit_chars(&le), 500);
	cr_assert_not(lineedit_insert(&le, 'a'));
	cr_assert_eq(lineedit_key(&le, 'b', false), LE_REFUSED);
	cr_assert_eq(le.len, 500);
	check_invariants(&le);
	/* Deleting one makes room for one. */
	cr_assert_eq(lineedit_key(&le, KEY_BACKSPACE, true), LE_CHANGED);
	cr_assert(lineedit_insert(&le, 0xe9));
	cr_assert_eq(lineedit_chars(&le), 500);
	cr_assert_not(lineedit_insert(&le, 'a'));

	/* 500 four-byte characters: 2000 bytes, all of them taken. */
	start("");
	lineedit_limit(&le, 500);
	for (int i = 0; i < 500; i++)
		cr_assert(lineedit_insert(&le, 0x1f600), "refused emoji %d", i + 1);
	cr_assert_eq(le.len, 2000);
	cr_assert_not(lineedit_insert(&le, 'a'));
	check_invariants(&le);

	/* A combining mark is a code point of its own, as SQLite counts. */
	start("e" ACUTE);
	cr_assert_eq(lineedit_chars(&le), 2);
	lineedit_limit(&le, 3);
	cr_assert(lineedit_insert(&le, 'x'));
	cr_assert_not(lineedit_insert(&le, 0x301));

	/* 0 lifts the limit; the byte limit stays. */
	lineedit_limit(&le, 0);
	cr_assert(lineedit_insert(&le, 'y'));
}

Test(tui_lineedit, max_chars_keeps_a_longer_text)
{
	start("abcdef");
	lineedit_limit(&le, 4);
	expect("abcdef", 6);
	cr_assert_not(lineedit_insert(&le, 'g'));
	cr_assert(lineedit_backspace(&le));
	cr_assert(lineedit_backspace(&le));
	cr_assert(lineedit_backspace(&le));
	cr_assert_eq(lineedit_chars(&le), 3);
	cr_assert(lineedit_insert(&le, 'z'));
	cr_assert_not(lineedit_insert(&le, 'z'));
	expect("abcz", 4);
	check_invariants(&le);
}

/* A long text scrolls into a narrow field at once, the cursor at its end
 * (the columns are counted once, not once a character). */
Test(tui_lineedit, long_text_scrolls_to_its_end)
{
	char big[LINEEDIT_MAX + 1];
	memset(big, 'a', LINEEDIT_MAX);
	big[LINEEDIT_MAX] = '\0';
	start(big);
	cr_assert_eq(le.len, (size_t)LINEEDIT_MAX);
	int col = lineedit_scroll(&le, 40);
	cr_assert_eq(col, 39);
	cr_assert_eq(le.first, (size_t)LINEEDIT_MAX - 39);
	check_invariants(&le);
}

Test(tui_lineedit, small_max)
{
	lineedit_init(&le, "", 4, true);
	cr_assert(lineedit_insert(&le, 0x20ac));
	cr_assert_not(lineedit_insert(&le, 0x20ac));
	cr_assert(lineedit_insert(&le, 'a'));
	cr_assert_not(lineedit_insert(&le, 'b'));
	check_invariants(&le);
	cr_assert_str_eq(le.buf, EURO "a");
}

/* ---- deleting ---- */

Test(tui_lineedit, backspace_by_character)
{
	start("a" E_ACUTE EURO GRIN);
	cr_assert(lineedit_backspace(&le));
	expect("a" E_ACUTE EURO, 6);
	cr_assert(lineedit_backspace(&le));
	expect("a" E_ACUTE, 3);
	cr_assert(lineedit_backspace(&le));
	expect("a", 1);
	cr_assert(lineedit_backspace(&le));
	expect("", 0);
	cr_assert_not(lineedit_backspace(&le));
	expect("", 0);
}

Test(tui_lineedit, backspace_in_the_middle)
{
	start("ab" KAN "cd");
	lineedit_left(&le);
	lineedit_left(&le);
	cr_assert(lineedit_backspace(&le));
	expect("abcd", 2);
}

Test(tui_lineedit, delete_forward_by_character)
{
	start(KAN "x" E_ACUTE);
	lineedit_home(&le);
	cr_assert(lineedit_delete(&le));
	expect("x" E_ACUTE, 0);
	lineedit_right(&le);
	cr_assert(lineedit_delete(&le));
	expect("x", 1);
	cr_assert_not(lineedit_delete(&le));
	expect("x", 1);
}

Test(tui_lineedit, combining_mark_goes_with_its_character)
{
	/* "cafe" + combining acute, then "s": the mark belongs to the e. */
	start("cafe" ACUTE "s");
	cr_assert(lineedit_left(&le));
	expect("cafe" ACUTE "s", 6);
	cr_assert(lineedit_left(&le));
	expect("cafe" ACUTE "s", 3);
	cr_assert(lineedit_delete(&le));
	expect("cafs", 3);
	start("cafe" ACUTE);
	cr_assert(lineedit_backspace(&le));
	expect("caf", 3);
	/* Right steps over the character and its mark at once. */
	start("e" ACUTE ACUTE "x");
	lineedit_home(&le);
	cr_assert(lineedit_right(&le));
	expect("e" ACUTE ACUTE "x", 5);
}

Test(tui_lineedit, typed_before_a_leading_mark_takes_it)
{
	start(ACUTE "bc");
	lineedit_home(&le);
	cr_assert(lineedit_insert(&le, 'a'));
	expect("a" ACUTE "bc", 3);
	cr_assert(lineedit_backspace(&le));
	expect("bc", 0);
}

Test(tui_lineedit, typed_combining_mark_joins)
{
	start("e");
	cr_assert(lineedit_insert(&le, 0x301));
	expect("e" ACUTE, 3);
	cr_assert(lineedit_left(&le));
	expect("e" ACUTE, 0);
	cr_assert_eq(lineedit_cols(&le, 0, le.len), 1);
}

/* ---- moving ---- */

Test(tui_lineedit, left_right_home_end)
{
	start("a" E_ACUTE KAN GRIN);
	size_t stops[] = { 0, 1, 3, 6, 10 };
	for (int i = 4; i > 0; i--) {
		cr_assert(lineedit_left(&le));
		expect("a" E_ACUTE KAN GRIN, stops[i - 1]);
	}
	cr_assert_not(lineedit_left(&le));
	for (int i = 1; i <= 4; i++) {
		cr_assert(lineedit_right(&le));
		expect("a" E_ACUTE KAN GRIN, stops[i]);
	}
	cr_assert_not(lineedit_right(&le));
	cr_assert(lineedit_home(&le));
	cr_assert_eq(le.cur, 0);
	cr_assert_not(lineedit_home(&le));
	cr_assert(lineedit_end(&le));
	cr_assert_eq(le.cur, 10);
	cr_assert_not(lineedit_end(&le));
}

/* ---- kills ---- */

Test(tui_lineedit, kill_to_start_and_end)
{
	start("hello world");
	for (int i = 0; i < 5; i++)
		lineedit_left(&le);
	cr_assert(lineedit_kill_end(&le));
	expect("hello ", 6);
	cr_assert_not(lineedit_kill_end(&le));
	lineedit_left(&le);
	cr_assert(lineedit_kill_start(&le));
	expect(" ", 0);
	cr_assert_not(lineedit_kill_start(&le));
	expect(" ", 0);
}

Test(tui_lineedit, delete_word_back)
{
	start("hello world");
	cr_assert(lineedit_delete_word(&le));
	expect("hello ", 6);
	cr_assert(lineedit_delete_word(&le));
	expect("", 0);
	cr_assert_not(lineedit_delete_word(&le));

	start("call Dana   ");
	cr_assert(lineedit_delete_word(&le));
	expect("call ", 5);

	start("   ");
	cr_assert(lineedit_delete_word(&le));
	expect("", 0);

	/* In the middle of a word: the part before the cursor goes. */
	start("vendor contract");
	for (int i = 0; i < 4; i++)
		lineedit_left(&le);
	cr_assert(lineedit_delete_word(&le));
	expect("vendor ract", 7);

	start("caf" E_ACUTE " cr" E_ACUTE "me " KAN JI);
	cr_assert(lineedit_delete_word(&le));
	expect("caf" E_ACUTE " cr" E_ACUTE "me ", 13);
	cr_assert(lineedit_delete_word(&le));
	expect("caf" E_ACUTE " ", 6);
}

/* ---- keys as wget_wch gives them ---- */

Test(tui_lineedit, key_codes)
{
	start("abc");
	cr_assert_eq(lineedit_key(&le, KEY_LEFT, true), LE_MOVED);
	cr_assert_eq(le.cur, 2);
	cr_assert_eq(lineedit_key(&le, KEY_HOME, true), LE_MOVED);
	cr_assert_eq(le.cur, 0);
	cr_assert_eq(lineedit_key(&le, KEY_RIGHT, true), LE_MOVED);
	cr_assert_eq(le.cur, 1);
	cr_assert_eq(lineedit_key(&le, KEY_DC, true), LE_CHANGED);
	expect("ac", 1);
	cr_assert_eq(lineedit_key(&le, KEY_BACKSPACE, true), LE_CHANGED);
	expect("c", 0);
	cr_assert_eq(lineedit_key(&le, KEY_BACKSPACE, true), LE_MOVED); /* nothing before */
	cr_assert_eq(lineedit_key(&le, KEY_END, true), LE_MOVED);
	cr_assert_eq(le.cur, 1);
	cr_assert_eq(lineedit_key(&le, KEY_DC, true), LE_MOVED); /* nothing after */
	expect("c", 1);
	/* Not the editor's: left to the form. */
	cr_assert_eq(lineedit_key(&le, KEY_UP, true), LE_IGNORED);
	cr_assert_eq(lineedit_key(&le, KEY_DOWN, true), LE_IGNORED);
	cr_assert_eq(lineedit_key(&le, KEY_BTAB, true), LE_IGNORED);
	cr_assert_eq(lineedit_key(&le, KEY_ENTER, true), LE_IGNORED);
	cr_assert_eq(lineedit_key(&le, KEY_RESIZE, true), LE_IGNORED);
	cr_assert_eq(lineedit_key(&le, KEY_F(1), true), LE_IGNORED);
	/* A key code is never inserted even when it looks printable. */
	cr_assert_eq(lineedit_key(&le, 'a', true), LE_IGNORED);
	expect("c", 1);
}

Test(tui_lineedit, control_keys)
{
	start("one two");
	cr_assert_eq(lineedit_key(&le, CTRL('A'), false), LE_MOVED);
	cr_assert_eq(le.cur, 0);
	cr_assert_eq(lineedit_key(&le, CTRL('E'), false), LE_MOVED);
	cr_assert_eq(le.cur, 7);
	cr_assert_eq(lineedit_key(&le, CTRL('B'), false), LE_MOVED);
	cr_assert_eq(le.cur, 6);
	cr_assert_eq(lineedit_key(&le, CTRL('F'), false), LE_MOVED);
	cr_assert_eq(le.cur, 7);
	cr_assert_eq(lineedit_key(&le, CTRL('W'), false), LE_CHANGED);
	expect("one ", 4);
	cr_assert_eq(lineedit_key(&le, 0x7f, false), LE_CHANGED);
	expect("one", 3);
	cr_assert_eq(lineedit_key(&le, CTRL('H'), false), LE_CHANGED);
	expect("on", 2);
	cr_assert_eq(lineedit_key(&le, CTRL('A'), false), LE_MOVED);
	cr_assert_eq(lineedit_key(&le, CTRL('D'), false), LE_CHANGED);
	expect("n", 0);
	cr_assert_eq(lineedit_key(&le, CTRL('K'), false), LE_CHANGED);
	expect("", 0);
	cr_assert_eq(lineedit_key(&le, CTRL('K'), false), LE_MOVED);
	start("abc");
	lineedit_left(&le);
	cr_assert_eq(lineedit_key(&le, CTRL('U'), false), LE_CHANGED);
	expect("c", 0);
}

Test(tui_lineedit, form_keys_are_ignored)
{
	start("x");
	int keys[] = { '\t',      '\r',      '\n', 27,   CTRL('N'), CTRL('P'),
		       CTRL('L'), CTRL('G'), 0,    0x80, 0x9b };
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		cr_assert_eq(lineedit_key(&le, keys[i], false), LE_IGNORED, "key %d", keys[i]);
		expect("x", 1);
	}
}

Test(tui_lineedit, printable_keys_insert)
{
	start_small("");
	cr_assert_eq(lineedit_key(&le, 'h', false), LE_CHANGED);
	cr_assert_eq(lineedit_key(&le, ' ', false), LE_CHANGED);
	cr_assert_eq(lineedit_key(&le, 0xe9, false), LE_CHANGED);
	cr_assert_eq(lineedit_key(&le, 0x6f22, false), LE_CHANGED);
	cr_assert_eq(lineedit_key(&le, 0x200e, false), LE_REFUSED); /* bidi mark */
	expect("h " E_ACUTE KAN, 7);
	for (int i = 7; i < SMALL_MAX; i++)
		lineedit_key(&le, 'z', false);
	cr_assert_eq(lineedit_key(&le, 'z', false), LE_REFUSED);
	check_invariants(&le);
	cr_assert_eq(le.len, 511);
}

/* ---- widths and scrolling ---- */

Test(tui_lineedit, widths)
{
	start("abc");
	cr_assert_eq(lineedit_cols(&le, 0, le.len), 3);
	start(KAN JI);
	cr_assert_eq(lineedit_cols(&le, 0, le.len), 4);
	cr_assert_eq(lineedit_cols(&le, 0, 3), 2);
	cr_assert_eq(lineedit_cols(&le, 3, 100), 2);
	start("e" ACUTE GRIN);
	cr_assert_eq(lineedit_cols(&le, 0, le.len), 3);
	/* ASCII drawing: every non-ASCII character is one '?'. */
	lineedit_init(&le, KAN JI E_ACUTE "a", LINEEDIT_MAX, false);
	cr_assert_eq(lineedit_cols(&le, 0, le.len), 4);
}

Test(tui_lineedit, scroll_keeps_cursor_visible)
{
	char text[31];
	for (int i = 0; i < 30; i++)
		text[i] = (char)('a' + i % 26);
	text[30] = '\0';
	start(text);
	/* At the end: the last 9 characters and the cursor's cell. */
	cr_assert_eq(lineedit_scroll(&le, 10), 9);
	cr_assert_eq(le.first, 21);
	cr_assert_eq(lineedit_visible_end(&le, 10), 30);
	lineedit_home(&le);
	cr_assert_eq(lineedit_scroll(&le, 10), 0);
	cr_assert_eq(le.first, 0);
	cr_assert_eq(lineedit_visible_end(&le, 10), 10);
	/* Moving right inside the field does not scroll ... */
	for (int i = 0; i < 9; i++)
		lineedit_right(&le);
	cr_assert_eq(lineedit_scroll(&le, 10), 9);
	cr_assert_eq(le.first, 0);
	/* ... one more does, by one character. */
	lineedit_right(&le);
	cr_assert_eq(lineedit_scroll(&le, 10), 9);
	cr_assert_eq(le.first, 1);
	/* Moving back left keeps the view until the cursor leaves it. */
	for (int i = 0; i < 5; i++)
		lineedit_left(&le);
	cr_assert_eq(lineedit_scroll(&le, 10), 4);
	cr_assert_eq(le.first, 1);
}

Test(tui_lineedit, scroll_comes_back_when_text_shrinks)
{
	start("abcdefghijklmnopqrstuvwxyz");
	lineedit_scroll(&le, 10);
	cr_assert_eq(le.first, 17);
	for (int i = 0; i < 20; i++)
		lineedit_backspace(&le);
	cr_assert_eq(lineedit_scroll(&le, 10), 6);
	cr_assert_eq(le.first, 0);
	check_invariants(&le);
}

Test(tui_lineedit, scroll_with_wide_characters)
{
	/* Seven wide characters: 14 columns in a field of 5. */
	start(KAN JI KAN JI KAN JI KAN);
	cr_assert_eq(lineedit_scroll(&le, 5), 4);
	cr_assert_eq(le.first, 15); /* the last two characters */
	cr_assert_eq(lineedit_visible_end(&le, 5), le.len);
	/* On a wide character the cursor's cell is two columns wide. */
	lineedit_home(&le);
	lineedit_scroll(&le, 5);
	for (int i = 0; i < 3; i++)
		lineedit_right(&le);
	cr_assert_eq(lineedit_scroll(&le, 5), 2);
	cr_assert_eq(le.first, 6);
	/* A wide character that would be cut in half is not shown. */
	lineedit_home(&le);
	lineedit_scroll(&le, 5);
	cr_assert_eq(lineedit_visible_end(&le, 5), 6);
}

Test(tui_lineedit, scroll_in_tiny_fields)
{
	start("abc");
	cr_assert_eq(lineedit_scroll(&le, 1), 0);
	cr_assert_eq(le.first, 3);
	cr_assert_eq(lineedit_scroll(&le, 0), 0);
	start(KAN);
	/* Width 1 cannot show a wide character: the cursor still shows. */
	cr_assert_eq(lineedit_scroll(&le, 1), 0);
	lineedit_home(&le);
	cr_assert_eq(lineedit_scroll(&le, 1), 0);
	cr_assert_eq(lineedit_visible_end(&le, 1), 0);
	check_invariants(&le);
}

/* ---- everything at once: random edits keep every invariant ---- */

static unsigned long next_rand(unsigned long *s)
{
	*s = *s * 6364136223846793005ULL + 1442695040888963407ULL;
	return *s >> 33;
}

Test(tui_lineedit, random_edits_keep_invariants)
{
	static const unsigned long cps[] = {
		'a',    'Z',  ' ',  '-',  0xe9, 0x20ac, 0x6f22, 0x1f600,  0x301,
		0x200d, 0x0a, 0x1b, 0x7f, 0x85, 0x202e, 0xd800, 0x110000, 0xff21,
	};
	static const int codes[] = { KEY_LEFT,      KEY_RIGHT, KEY_HOME, KEY_END,
		                     KEY_BACKSPACE, KEY_DC,    KEY_UP };
	static const int ctrls[] = { CTRL('A'), CTRL('E'), CTRL('U'), CTRL('K'),
		                     CTRL('W'), CTRL('B'), CTRL('F'), CTRL('D'),
		                     CTRL('H'), 0x7f,      '\t' };
	unsigned long seed = 42;
	for (int round = 0; round < 200; round++) {
		size_t max = round % 3 ? LINEEDIT_MAX : 1 + next_rand(&seed) % 40;
		lineedit_init(&le, round % 2 ? "start " KAN : "", max, round % 5 != 0);
		for (int step = 0; step < 400; step++) {
			unsigned long r = next_rand(&seed) % 10;
			if (r < 5)
				lineedit_key(
				        &le,
				        (int)cps[next_rand(&seed) % (sizeof cps / sizeof cps[0])],
				        false);
			else if (r < 8)
				lineedit_key(
				        &le,
				        codes[next_rand(&seed) % (sizeof codes / sizeof codes[0])],
				        true);
			else
				lineedit_key(
				        &le,
				        ctrls[next_rand(&seed) % (sizeof ctrls / sizeof ctrls[0])],
				        false);
			check_invariants(&le);
			int width = 1 + (int)(next_rand(&seed) % 30);
			int col = lineedit_scroll(&le, width);
			check_invariants(&le);
			cr_assert_geq(col, 0);
			cr_assert_eq(col, lineedit_cols(&le, le.first, le.cur));
			/* The cursor's cell is inside the field (unless the field
			 * cannot even hold the character under it). */
			cr_assert_leq(col, width - 1, "col %d width %d \"%s\"", col, width, le.buf);
			size_t end = lineedit_visible_end(&le, width);
			cr_assert_geq(end, le.first);
			cr_assert_leq(lineedit_cols(&le, le.first, end), width);
		}
	}
}
