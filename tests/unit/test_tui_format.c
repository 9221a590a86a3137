/*
 * test_tui_format.c: fitting text by words, tab labels, bars, charts and
 * wrapping: the pieces every panel draws with.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "cxo/text.h"
#include "tui/format.h"

Test(tui_format, fit_words_cuts_between_words)
{
	char buf[128];
	int w = fit_words("Send the board deck to Dana", 16, true, buf, sizeof buf);
	cr_expect_str_eq(buf, "Send the board\xe2\x80\xa6");
	cr_expect_eq(w, 15);
	cr_expect_leq(text_width(buf), 16);
	fit_words("Short", 16, true, buf, sizeof buf);
	cr_expect_str_eq(buf, "Short");
	/* A single long word is cut where it must be. */
	w = fit_words("Supercalifragilistic", 8, true, buf, sizeof buf);
	cr_expect_eq(w, 8);
	cr_expect_str_eq(buf, "Superca\xe2\x80\xa6");
	fit_words("Send the board deck", 10, false, buf, sizeof buf);
	cr_expect_str_eq(buf, "Send the~");
	/* Wide characters count two columns. */
	w = fit_words("\xe6\x97\xa5\xe6\x9c\xac \xe6\x97\xa5\xe6\x9c\xac\xe6\x97\xa5\xe6\x9c\xac",
	              8, true, buf, sizeof buf);
	cr_expect_leq(w, 8);
	cr_expect_leq(text_width(buf), 8);
	/* Escapes never pass. */
	fit_words("evil\x1b]0;title\x07 name", 30, true, buf, sizeof buf);
	cr_expect_null(strchr(buf, '\x1b'));
	cr_expect_null(strchr(buf, '\x07'));
}

static struct client cl(const char *key, const char *name, const char *role)
{
	struct client c;
	memset(&c, 0, sizeof c);
	snprintf(c.key, sizeof c.key, "%s", key);
	c.name = (char *)name;
	snprintf(c.role, sizeof c.role, "%s", role);
	return c;
}

Test(tui_format, tab_labels)
{
	struct client items[] = {
		cl("acme", "Acme Advisory Group", "cio"),
		cl("medix", "Medix Health", "interim"),
		cl("northwind", "Northwind Distribution", "cio"),
		cl("cloudly", "Cloudly", "cto"),
	};
	struct client_list l = { items, 4 };
	char buf[128];
	tab_label(&l, 0, true, buf, sizeof buf);
	cr_expect_str_eq(buf, "1 Acme \xc2\xb7 CIO");
	tab_label(&l, 1, true, buf, sizeof buf);
	cr_expect_str_eq(buf, "2 Medix \xc2\xb7 Interim");
	tab_label(&l, 3, false, buf, sizeof buf);
	cr_expect_str_eq(buf, "4 Cloudly - CTO");
	/* Two clients sharing a first word are told apart by key. */
	struct client same[] = { cl("acme-us", "Acme Corp", "cto"),
		                 cl("acme-eu", "Acme GmbH", "ciso") };
	struct client_list l2 = { same, 2 };
	tab_label(&l2, 1, true, buf, sizeof buf);
	cr_expect_str_eq(buf, "2 acme-eu \xc2\xb7 CISO");
	/* No name: the key; a hostile name is cleaned. */
	struct client odd[] = { cl("x", NULL, "cio"), cl("y", "\x1b[2JWipe it", "cto") };
	struct client_list l3 = { odd, 2 };
	tab_label(&l3, 0, true, buf, sizeof buf);
	cr_expect_str_eq(buf, "1 x \xc2\xb7 CIO");
	tab_label(&l3, 1, true, buf, sizeof buf);
	cr_expect_null(strchr(buf, '\x1b'));
	cr_expect_str_eq(role_label("ciso"), "CISO");
	cr_expect_str_eq(role_label("interim"), "Interim");
	cr_expect_str_eq(role_label(""), "");
}

Test(tui_format, bars)
{
	int full, frac;
	bar_cells(50, 100, 10, &full, &frac);
	cr_expect_eq(full, 5);
	cr_expect_eq(frac, 0);
	bar_cells(55, 100, 10, &full, &frac);
	cr_expect_eq(full, 5);
	cr_expect_eq(frac, 4);
	bar_cells(250, 100, 10, &full, &frac);
	cr_expect_eq(full, 10, "over budget fills the bar");
	cr_expect_eq(frac, 0);
	bar_cells(1, 100000, 10, &full, &frac);
	cr_expect_eq(full, 0);
	cr_expect_eq(frac, 1, "a little still shows");
	bar_cells(0, 100, 10, &full, &frac);
	cr_expect_eq(full + frac, 0);
	bar_cells(10, 0, 10, &full, &frac);
	cr_expect_eq(full + frac, 0, "no budget, no bar");
}

Test(tui_format, chart_heights)
{
	long v[] = { 0, 60, 600, 1200, 3 };
	int e[5];
	chart_heights(v, 5, 4, e);
	cr_expect_eq(e[0], 0);
	cr_expect_eq(e[3], 32, "the largest fills every row");
	cr_expect_eq(e[2], 16);
	cr_expect_eq(e[1], 2);
	cr_expect_eq(e[4], 1, "anything logged shows");
	long z[] = { 0, 0 };
	chart_heights(z, 2, 4, e);
	cr_expect_eq(e[0] + e[1], 0);
}

struct lines {
	char text[16][128];
	int n;
};

static void collect(const char *line, void *ctx)
{
	struct lines *l = ctx;
	if (l->n < 16)
		snprintf(l->text[l->n++], sizeof l->text[0], "%s", line);
}

Test(tui_format, wrap)
{
	struct lines l = { .n = 0 };
	int n = wrap_text("one two three four five six", 10, true, collect, &l);
	cr_expect_eq(n, 3);
	cr_expect_str_eq(l.text[0], "one two");
	cr_expect_str_eq(l.text[1], "three four");
	cr_expect_str_eq(l.text[2], "five six");
	memset(&l, 0, sizeof l);
	n = wrap_text("first\n\nthird line\n", 20, true, collect, &l);
	cr_expect_eq(n, 3);
	cr_expect_str_eq(l.text[1], "");
	cr_expect_str_eq(l.text[2], "third line");
	memset(&l, 0, sizeof l);
	n = wrap_text("https://example.com/a/very/long/path ok", 12, true, collect, &l);
	cr_expect_eq(n, 2);
	cr_expect_leq(text_width(l.text[0]), 12);
	cr_expect_eq(wrap_text("", 10, true, NULL, NULL), 1);
	cr_expect_eq(wrap_text("x", 0, true, NULL, NULL), 0);
	memset(&l, 0, sizeof l);
	wrap_text("tab\there\rand\x1b[1mbold", 40, true, collect, &l);
	cr_expect_null(strchr(l.text[0], '\x1b'));
	cr_expect_null(strchr(l.text[0], '\t'));
}

Test(tui_format, pace_phrases)
{
	struct pace p = { 0 };
	p.level = PACE_OK;
	p.judged = true;
	cr_expect_str_eq(pace_phrase(&p), "on pace");
	p.judged = false;
	cr_expect_str_eq(pace_phrase(&p), "too early");
	p.level = PACE_WARNING;
	cr_expect_str_eq(pace_phrase(&p), "warning");
	p.level = PACE_OVER;
	cr_expect_str_eq(pace_phrase(&p), "over budget");
	p.level = PACE_BEHIND;
	p.judged = true;
	cr_expect_str_eq(pace_phrase(&p), "behind");
}
