/*
 * state.h: the last client, panel and screen, remembered across runs in
 * a small text file (state.c), never in the database.
 */
#ifndef CXO_TUI_STATE_H
#define CXO_TUI_STATE_H

#include <stdbool.h>
#include <stddef.h>

#include "cxo/records.h"
#include "layout.h"

struct tui_state {
	char client[KEY_LEN]; /* "" = none */
	enum panel_id panel;
	bool overview;
};
/* Parses "client KEY\npanel WORD\nscreen overview|client\n"; unknown
 * lines are ignored.  Never fails: missing values keep their default. */
void tui_state_parse(const char *text, struct tui_state *out);
void tui_state_format(const struct tui_state *s, char *buf, size_t n);
/* $XDG_STATE_HOME/cxo/state, else ~/.local/state/cxo/state; false when
 * neither is known. */
bool tui_state_path(char *buf, size_t n);
void tui_state_load(struct tui_state *out);
/* Written atomically (mkstemp + rename, 0600); 0 or -1. */
int tui_state_save(const struct tui_state *s);

#endif
