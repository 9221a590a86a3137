/*
 * panels.c: the panel table (see panels.h) and the words that name the
 * panels in the state file.
 */
#include "panels.h"

#include <string.h>

#define TUI_PANEL_ENTRY(ID, name) [PANEL_##ID] = &panel_##name,
const struct panel_ops *const tui_panels[PANEL_COUNT] = { TUI_PANELS(TUI_PANEL_ENTRY) };
#undef TUI_PANEL_ENTRY

const char *panel_title(enum panel_id p)
{
	return (unsigned)p < PANEL_COUNT ? tui_panels[p]->title : "";
}

const char *panel_word(enum panel_id p)
{
	return (unsigned)p < PANEL_COUNT ? tui_panels[p]->word : "";
}

bool panel_from_word(const char *word, enum panel_id *out)
{
	for (int p = 0; p < PANEL_COUNT; p++) {
		if (word && !strcmp(word, tui_panels[p]->word)) {
			*out = (enum panel_id)p;
			return true;
		}
	}
	return false;
}
