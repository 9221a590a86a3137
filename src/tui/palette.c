/*
 * palette.c: a theme's colours on the terminal at hand.  Distances and
 * lightness use xterm's default palette, which the 256-colour numbers in
 * the themes are written for.
 */
#include "palette.h"

#include <limits.h>

#define BRIGHT_BLACK 8
#define BLACK 0
#define WHITE 7

/* xterm's sixteen: black, red, green, yellow, blue, magenta, cyan, white,
 * then the bright ones. */
static const unsigned char base16[16][3] = {
	{ 0, 0, 0 },       { 205, 0, 0 },   { 0, 205, 0 },   { 205, 205, 0 },
	{ 0, 0, 238 },     { 205, 0, 205 }, { 0, 205, 205 }, { 229, 229, 229 },
	{ 127, 127, 127 }, { 255, 0, 0 },   { 0, 255, 0 },   { 255, 255, 0 },
	{ 92, 92, 255 },   { 255, 0, 255 }, { 0, 255, 255 }, { 255, 255, 255 },
};

/* Colour c (0-255) as red, green and blue. */
static void rgb_of(int c, int rgb[3])
{
	static const int level[6] = { 0, 95, 135, 175, 215, 255 };
	if (c < 16) {
		for (int i = 0; i < 3; i++)
			rgb[i] = base16[c][i];
	} else if (c < 232) {
		c -= 16;
		rgb[0] = level[c / 36];
		rgb[1] = level[(c / 6) % 6];
		rgb[2] = level[c % 6];
	} else {
		rgb[0] = rgb[1] = rgb[2] = 8 + 10 * (c - 232);
	}
}

/* The nearest of the first n colours (at most 16). */
static short nearest(int c, int n)
{
	int rgb[3], best = 0;
	long best_d = LONG_MAX;
	rgb_of(c, rgb);
	for (int i = 0; i < n; i++) {
		long d = 0;
		for (int k = 0; k < 3; k++) {
			long e = rgb[k] - base16[i][k];
			d += e * e;
		}
		if (d < best_d) {
			best_d = d;
			best = i;
		}
	}
	return (short)best;
}

static bool is_light(int c)
{
	int rgb[3];
	rgb_of(c, rgb);
	return 299 * rgb[0] + 587 * rgb[1] + 114 * rgb[2] >= 128 * 1000;
}

/* Black on a light colour, white on a dark one. */
static short contrast(short bg)
{
	return bg >= 0 && is_light(bg) ? BLACK : WHITE;
}

/* A colour of the theme as one the terminal has (-1 stays -1). */
static short usable(short c, int colors, bool fg, unsigned *attrs)
{
	if (c < 0 || c < colors)
		return c;
	if (c >= 16)
		c = nearest(c, 16);
	if (c < colors)
		return c;
	/* Eight colours: a bright one is the plain one, bold in front. */
	if (c != BRIGHT_BLACK && fg)
		*attrs |= ATTR_BOLD;
	return (short)(c - 8);
}

void palette_map(const struct theme_style *s, int colors, bool have_default,
                 struct palette_pair *out)
{
	unsigned attrs = 0;
	short bg = usable(s->bg, colors, false, &attrs);
	short fg;
	if (s->fg >= 0 && colors < 16 &&
	    (s->fg == BRIGHT_BLACK || (s->fg >= 16 && nearest(s->fg, 16) == BRIGHT_BLACK))) {
		/* A grey, which eight colours do not have: dim, on the
		 * terminal's own foreground or on one that contrasts. */
		attrs |= ATTR_DIM;
		fg = bg < 0 && have_default ? -1 : contrast(bg < 0 ? BLACK : bg);
	} else {
		fg = usable(s->fg, colors, true, &attrs);
	}
	if (!have_default) {
		if (fg < 0)
			fg = WHITE;
		if (bg < 0)
			bg = BLACK;
	}
	if (fg == bg && fg >= 0)
		fg = contrast(bg);
	out->fg = fg;
	out->bg = bg;
	out->attrs = attrs;
}
