/*
 * Tests of the colour mapping (src/tui/palette.c): every shipped theme's
 * every element stays readable on 8-colour terminals (TERM=linux) and on
 * 16- and 256-colour ones, with and without default colours.
 */
#include <criterion/criterion.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config/elements.h"
#include "cxo/theme.h"
#include "tui/palette.h"

static const char *themes_dir(void)
{
	static char dir[1024];
	const char *src = getenv("CXO_SOURCE_DIR");
	struct stat st;

	snprintf(dir, sizeof dir, "%s/themes", src && src[0] ? src : ".");
	cr_assert(stat(dir, &st) == 0 && S_ISDIR(st.st_mode),
	          "no themes directory at %s: set CXO_SOURCE_DIR to the source tree", dir);
	return dir;
}

/* Readable: a foreground that differs from its background, unless both
 * are the terminal's own pair; colours the terminal has. */
static void check_pair(const char *theme, int el, int colors, bool have_default,
                       const struct palette_pair *p)
{
	const char *name = theme_element_name((enum theme_element)el);
	cr_assert(p->fg >= -1 && p->fg < colors && p->bg >= -1 && p->bg < colors,
	          "%s: %s on %d colours: %d on %d is out of range", theme, name, colors, p->fg,
	          p->bg);
	cr_assert(p->fg != p->bg || p->fg == -1,
	          "%s: %s on %d colours%s: foreground %d on background %d", theme, name, colors,
	          have_default ? "" : " without default colours", p->fg, p->bg);
	if (!have_default)
		cr_assert(p->fg >= 0 && p->bg >= 0, "%s: %s: no default colours, yet -1", theme,
		          name);
}

Test(tui_palette, every_theme_readable_on_every_terminal)
{
	static const int colors[] = { 8, 16, 88, 256 };
	const char *dir = themes_dir();
	DIR *d = opendir(dir);
	struct dirent *e;
	int themes = 0;

	cr_assert_not_null(d);
	while ((e = readdir(d))) {
		size_t len = strlen(e->d_name);
		char path[2048], err[512];
		struct theme t;

		if (len < 7 || strcmp(e->d_name + len - 6, ".theme") != 0)
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		cr_assert_eq(theme_load_file(path, &t, err, sizeof err), 0, "%s", err);
		themes++;
		for (size_t c = 0; c < sizeof colors / sizeof colors[0]; c++)
			for (int def = 0; def < 2; def++)
				for (int el = 0; el < EL_COUNT; el++) {
					struct palette_pair p;
					palette_map(&t.styles[el], colors[c], def, &p);
					check_pair(e->d_name, el, colors[c], def, &p);
				}
		theme_free(&t);
	}
	closedir(d);
	cr_assert_geq(themes, 4, "only %d themes found in %s", themes, dir);
}

Test(tui_palette, grey_on_eight_colours_is_dim)
{
	/* The default theme's borders and empty bar cells: bright black. */
	struct theme_style grey = { 8, -1, 0 };
	struct palette_pair p;

	palette_map(&grey, 8, true, &p);
	cr_assert_eq(p.fg, -1, "bright black became %d, not the default foreground", p.fg);
	cr_assert_eq(p.bg, -1);
	cr_assert(p.attrs & ATTR_DIM);
	/* Without default colours: white, dim, on black. */
	palette_map(&grey, 8, false, &p);
	cr_assert_eq(p.fg, 7);
	cr_assert_eq(p.bg, 0);
	cr_assert(p.attrs & ATTR_DIM);
	/* On a coloured background: the colour that contrasts, dim. */
	grey.bg = 6; /* cyan, light */
	palette_map(&grey, 8, true, &p);
	cr_assert_eq(p.fg, 0);
	cr_assert_eq(p.bg, 6);
	/* With sixteen colours, grey is there. */
	grey.bg = -1;
	palette_map(&grey, 16, true, &p);
	cr_assert_eq(p.fg, 8);
	cr_assert_eq(p.attrs, 0);
	/* A 256-colour grey (solarized's borders) too. */
	struct theme_style grey240 = { 240, 234, 0 };
	palette_map(&grey240, 8, true, &p);
	cr_assert_eq(p.bg, 0, "colour 234 is near black, got %d", p.bg);
	cr_assert_eq(p.fg, 7);
	cr_assert(p.attrs & ATTR_DIM);
}

Test(tui_palette, bright_colours_on_eight)
{
	struct theme_style s = { 9, -1, 0 }; /* bright red */
	struct palette_pair p;

	palette_map(&s, 8, true, &p);
	cr_assert_eq(p.fg, 1);
	cr_assert(p.attrs & ATTR_BOLD);
	s = (struct theme_style){ 15, 1, 0 }; /* bright white on red */
	palette_map(&s, 8, true, &p);
	cr_assert_eq(p.fg, 7);
	cr_assert_eq(p.bg, 1);
	s = (struct theme_style){ 9, 12, 0 }; /* a bright background: plain, not bold */
	palette_map(&s, 256, true, &p);
	cr_assert_eq(p.fg, 9);
	cr_assert_eq(p.bg, 12);
	cr_assert_eq(p.attrs, 0);
	s = (struct theme_style){ 0, 12, 0 };
	palette_map(&s, 8, true, &p);
	cr_assert_eq(p.bg, 4);
	cr_assert_eq(p.attrs, 0);
}

Test(tui_palette, nearest_of_256)
{
	struct palette_pair p;
	struct theme_style s = { 160, 234, 0 }; /* solarized red on its base03 */

	palette_map(&s, 8, true, &p);
	cr_assert_eq(p.fg, 1);
	cr_assert_eq(p.bg, 0);
	s = (struct theme_style){ 136, -1, 0 }; /* yellow */
	palette_map(&s, 8, true, &p);
	cr_assert_eq(p.fg, 3);
	s = (struct theme_style){ 37, -1, 0 }; /* cyan */
	palette_map(&s, 16, true, &p);
	cr_assert_eq(p.fg, 6);
	/* What the terminal has is kept. */
	palette_map(&s, 256, true, &p);
	cr_assert_eq(p.fg, 37);
}

Test(tui_palette, same_colour_front_and_back_contrasts)
{
	struct palette_pair p;
	struct theme_style s = { 4, 4, 0 };

	palette_map(&s, 256, true, &p);
	cr_assert_eq(p.fg, 7, "white on blue, got %d", p.fg);
	s = (struct theme_style){ 3, 3, 0 };
	palette_map(&s, 8, true, &p);
	cr_assert_eq(p.fg, 0, "black on yellow, got %d", p.fg);
	/* Black on the default background, without default colours: the
	 * background is black too. */
	s = (struct theme_style){ 0, -1, 0 };
	palette_map(&s, 8, false, &p);
	cr_assert_eq(p.bg, 0);
	cr_assert_eq(p.fg, 7);
	/* The terminal's own pair stays as it is. */
	s = (struct theme_style){ -1, -1, ATTR_BOLD };
	palette_map(&s, 8, true, &p);
	cr_assert_eq(p.fg, -1);
	cr_assert_eq(p.bg, -1);
	cr_assert_eq(p.attrs, 0);
}
