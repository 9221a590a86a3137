/*
 * theme.h: colours and attributes for every element the dashboard draws.
 *
 * A theme is a libconfig file naming, for each element, a foreground, a
 * background and attributes.  It is looked up by name in
 * $XDG_CONFIG_HOME/cxo/themes, then the installed directory, then the
 * source tree's themes/.  Nothing here knows ncurses: colours are -1
 * (terminal default), 0-255 (0-7 the classic colours, 8-15 bright).
 */
#ifndef CXO_THEME_H
#define CXO_THEME_H

#include <stdbool.h>
#include <stddef.h>

enum theme_element {
	EL_NORMAL,
	EL_TAB,
	EL_TAB_ACTIVE,
	EL_BORDER,
	EL_BORDER_FOCUS,
	EL_TITLE,
	EL_TITLE_FOCUS,
	EL_SELECTION,
	EL_DIM,
	EL_HEADER,
	EL_RISK_LOW,
	EL_RISK_MEDIUM,
	EL_RISK_HIGH,
	EL_RISK_CRITICAL,
	EL_OVERDUE,
	EL_DUE_SOON,
	EL_WAITING,
	EL_DONE,
	EL_BUDGET_OK,
	EL_BUDGET_WARNING,
	EL_BUDGET_OVER,
	EL_BUDGET_BEHIND,
	EL_BAR_FILL,
	EL_BAR_EMPTY,
	EL_STATUS_BAR,
	EL_STATUS_ERROR,
	EL_TIMER,
	EL_INPUT,
	EL_INPUT_ERROR,
	EL_COUNT
};

enum {
	ATTR_BOLD = 1 << 0,
	ATTR_DIM = 1 << 1,
	ATTR_UNDERLINE = 1 << 2,
	ATTR_REVERSE = 1 << 3,
	ATTR_STANDOUT = 1 << 4,
	ATTR_ITALIC = 1 << 5,
};

struct theme_style {
	short fg, bg;   /* -1 = default */
	unsigned attrs; /* ATTR_* */
};

struct theme {
	char *name;
	char *path; /* file it was read from (caller frees via theme_free) */
	struct theme_style styles[EL_COUNT];
};

/*
 * Finds and loads the named theme.  Unknown elements, colours or
 * attributes are errors with file:line.  Elements the file leaves out
 * keep the built-in default style.  Returns 0 or EX_CONFIG.
 */
int theme_load(const char *name, struct theme *out, char *err, size_t errsz);
void theme_free(struct theme *t);

#endif
