/*
 * keys.h: the one key table (keys.c).  The input loop looks keys up in
 * it, the help overlay lists it and `cxo ui --list-keys` prints it.
 */
#ifndef CXO_TUI_KEYS_H
#define CXO_TUI_KEYS_H

#include <stddef.h>
#include <stdio.h>

enum tui_action {
	ACT_NONE,
	ACT_CLIENT, /* arg: 0-based tab index */
	ACT_NEXT_CLIENT,
	ACT_PREV_CLIENT,
	ACT_OVERVIEW,
	ACT_LEFT,
	ACT_RIGHT,
	ACT_UP,
	ACT_DOWN,
	ACT_PAGE_UP,
	ACT_PAGE_DOWN,
	ACT_FIRST,
	ACT_LAST,
	ACT_DETAIL,
	ACT_CLIENT_INFO,
	ACT_ADD,
	ACT_EDIT,
	ACT_DONE,
	ACT_DELETE,
	ACT_LOG,
	ACT_TIMER,
	ACT_TIMER_CANCEL,
	ACT_NOTE,
	ACT_NOTE_EDITOR,
	ACT_FILTER,
	ACT_BRIEF,
	ACT_VENDORS,
	ACT_DECISIONS,
	ACT_SUPERSEDE,
	ACT_REPORT,
	ACT_SHOW_ALL,
	ACT_UNDO,
	ACT_REDO,
	ACT_REFRESH,
	ACT_HELP,
	ACT_BACK,
	ACT_QUIT,
	ACT_COUNT
};

#define KEY_BINDING_KEYS 3

struct key_binding {
	int keys[KEY_BINDING_KEYS]; /* key codes (characters or ncurses KEY_*), 0 = unused */
	int range_last;             /* keys[0]..range_last all bind (1-9); 0 = no range */
	const char *label;          /* as help and the man page show it: "j, Down" */
	enum tui_action action;
	const char *help; /* one line */
};

extern const struct key_binding tui_keys[];
extern const size_t tui_key_count;

/* Binding of a key code, or NULL; *arg gets the offset in a range. */
const struct key_binding *keys_lookup(int key, int *arg);
/* "LABEL<TAB>HELP" per binding: `cxo ui --list-keys`. */
int keys_print(FILE *fp);

#endif
