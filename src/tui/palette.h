/*
 * palette.h: a theme's colours on the terminal at hand (palette.c).
 * Pure: the number of colours and whether the terminal has default
 * colours are arguments, so every theme can be checked on every kind of
 * terminal without one.
 */
#ifndef CXO_TUI_PALETTE_H
#define CXO_TUI_PALETTE_H

#include <stdbool.h>

#include "cxo/theme.h"

/* What a style becomes: colours the terminal has (-1 = its default) and
 * the ATTR_* attributes to add to the style's own. */
struct palette_pair {
	short fg, bg;
	unsigned attrs;
};

/*
 * The colours of style s on a terminal of `colors` colours (8, 16, 88,
 * 256 ...), with default colours or not (use_default_colors).  A colour
 * the terminal lacks becomes the nearest it has: a bright one on eight
 * colours the plain one (bold, for a foreground), one of the 256 the
 * nearest of the sixteen first.  Bright black, a grey, would become black
 * on eight colours, unreadable on a dark terminal: a foreground becomes
 * the default one (on a coloured background, the one that contrasts)
 * dimmed.  Last, a foreground that ends up the colour of its background
 * becomes the one that contrasts with it; the terminal's own default
 * pair (-1 on -1) is always readable and stays.
 */
void palette_map(const struct theme_style *s, int colors, bool have_default,
                 struct palette_pair *out);

#endif
