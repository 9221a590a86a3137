/*
 * glyphs.h: every character the dashboard draws beyond plain ASCII text
 * (box lines, bars, arrows, separators), each with the ASCII it falls
 * back to outside a UTF-8 locale: the one table (glyphs.c).  Pure.
 */
#ifndef CXO_TUI_GLYPHS_H
#define CXO_TUI_GLYPHS_H

#include <stdbool.h>

enum glyph {
	/* boxes: ─ │ ┌ ┐ └ ┘ (- | + + + +) */
	GL_HLINE,
	GL_VLINE,
	GL_TOP_LEFT,
	GL_TOP_RIGHT,
	GL_BOTTOM_LEFT,
	GL_BOTTOM_RIGHT,
	/* bars: a full cell, an empty one, the pace mark (# . |) */
	GL_BAR_FULL,
	GL_BAR_EMPTY,
	GL_BAR_MARK,
	/* a bar's last cell, 1/8 to 7/8 full from the left: ▏ to ▉ (#) */
	GL_LEFT_1,
	GL_LEFT_7 = GL_LEFT_1 + 6,
	/* a chart's cell, 1/8 to 8/8 full from the bottom: ▁ to █ (blank
	 * below half a cell, # from half up) */
	GL_LOWER_1,
	GL_LOWER_8 = GL_LOWER_1 + 7,
	/* arrows: ↑ ↓ → ▶ (^ v > >), and ↑↓ before a field's choices */
	GL_UP,
	GL_DOWN,
	GL_RIGHT,
	GL_PLAY,
	GL_UP_DOWN,
	/* · (.): an empty heat-map cell */
	GL_DOT,
	/* " · " between parts of a line: " - " in the bars, ", " between
	 * choices, " | " between keys */
	GL_SEP,
	GL_LIST_SEP,
	GL_KEY_SEP,
	/* … (~): where text was cut, as text_fit marks it */
	GL_ELLIPSIS,
	GL_COUNT
};

/* The glyph as UTF-8 text, or its ASCII fallback when utf8 is false. */
const char *glyph(enum glyph g, bool utf8);

#endif
