/*
 * glyphs.c: the glyph table (see glyphs.h).
 */
#include "glyphs.h"

static const char *const glyphs[GL_COUNT][2] = {
	/* [g] = { UTF-8, ASCII } */
	[GL_HLINE] = { "\xe2\x94\x80", "-" },
	[GL_VLINE] = { "\xe2\x94\x82", "|" },
	[GL_TOP_LEFT] = { "\xe2\x94\x8c", "+" },
	[GL_TOP_RIGHT] = { "\xe2\x94\x90", "+" },
	[GL_BOTTOM_LEFT] = { "\xe2\x94\x94", "+" },
	[GL_BOTTOM_RIGHT] = { "\xe2\x94\x98", "+" },
	[GL_BAR_FULL] = { "\xe2\x96\x88", "#" },
	[GL_BAR_EMPTY] = { "\xe2\x96\x91", "." },
	[GL_BAR_MARK] = { "\xe2\x94\x82", "|" },
	[GL_LEFT_1 + 0] = { "\xe2\x96\x8f", "#" },
	[GL_LEFT_1 + 1] = { "\xe2\x96\x8e", "#" },
	[GL_LEFT_1 + 2] = { "\xe2\x96\x8d", "#" },
	[GL_LEFT_1 + 3] = { "\xe2\x96\x8c", "#" },
	[GL_LEFT_1 + 4] = { "\xe2\x96\x8b", "#" },
	[GL_LEFT_1 + 5] = { "\xe2\x96\x8a", "#" },
	[GL_LEFT_1 + 6] = { "\xe2\x96\x89", "#" },
	[GL_LOWER_1 + 0] = { "\xe2\x96\x81", " " },
	[GL_LOWER_1 + 1] = { "\xe2\x96\x82", " " },
	[GL_LOWER_1 + 2] = { "\xe2\x96\x83", " " },
	[GL_LOWER_1 + 3] = { "\xe2\x96\x84", "#" },
	[GL_LOWER_1 + 4] = { "\xe2\x96\x85", "#" },
	[GL_LOWER_1 + 5] = { "\xe2\x96\x86", "#" },
	[GL_LOWER_1 + 6] = { "\xe2\x96\x87", "#" },
	[GL_LOWER_1 + 7] = { "\xe2\x96\x88", "#" },
	[GL_UP] = { "\xe2\x86\x91", "^" },
	[GL_DOWN] = { "\xe2\x86\x93", "v" },
	[GL_RIGHT] = { "\xe2\x86\x92", ">" },
	[GL_PLAY] = { "\xe2\x96\xb6", ">" },
	[GL_UP_DOWN] = { "\xe2\x86\x91\xe2\x86\x93", "Up/Down:" },
	[GL_DOT] = { "\xc2\xb7", "." },
	[GL_SEP] = { " \xc2\xb7 ", " - " },
	[GL_LIST_SEP] = { " \xc2\xb7 ", ", " },
	[GL_KEY_SEP] = { " \xc2\xb7 ", " | " },
	[GL_ELLIPSIS] = { "\xe2\x80\xa6", "~" },
};

const char *glyph(enum glyph g, bool utf8)
{
	if ((unsigned)g >= GL_COUNT || !glyphs[g][0])
		return "";
	return glyphs[g][utf8 ? 0 : 1];
}
