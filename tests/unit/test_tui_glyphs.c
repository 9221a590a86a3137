/*
 * test_tui_glyphs.c: the glyph table: every glyph in both forms, the
 * ASCII one plain ASCII, and the cut mark the one text_fit uses.
 */
#include <criterion/criterion.h>
#include <locale.h>
#include <string.h>

#include "cxo/text.h"
#include "tui/glyphs.h"

static void init_locale(void)
{
	setlocale(LC_CTYPE, "C.UTF-8");
}

TestSuite(tui_glyphs, .init = init_locale);

Test(tui_glyphs, every_glyph_has_both_forms)
{
	for (int g = 0; g < GL_COUNT; g++) {
		const char *u = glyph((enum glyph)g, true), *a = glyph((enum glyph)g, false);
		cr_expect(u[0], "glyph %d has no UTF-8 form", g);
		cr_expect(a[0], "glyph %d has no ASCII form", g);
		for (const char *p = a; *p; p++)
			cr_expect((unsigned char)*p < 0x80, "glyph %d: ASCII form \"%s\"", g, a);
	}
	cr_expect_str_eq(glyph(GL_COUNT, true), "");
}

Test(tui_glyphs, cells_are_one_column)
{
	for (int g = GL_HLINE; g <= GL_RIGHT; g++)
		cr_expect_eq(text_width(glyph((enum glyph)g, true)), 1, "glyph %d", g);
	cr_expect_eq(text_width(glyph(GL_PLAY, true)), 1);
	cr_expect_eq(text_width(glyph(GL_DOT, true)), 1);
}

Test(tui_glyphs, the_cut_mark_is_text_fits)
{
	char buf[64];
	for (int utf8 = 0; utf8 <= 1; utf8++) {
		text_fit("abcdefghij", 5, utf8, buf, sizeof buf);
		const char *ell = glyph(GL_ELLIPSIS, utf8);
		size_t n = strlen(buf), e = strlen(ell);
		cr_assert_geq(n, e);
		cr_expect_str_eq(buf + n - e, ell, "utf8 %d: \"%s\"", utf8, buf);
	}
}
