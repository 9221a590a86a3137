/*
 * keys.c: the one key table.  The input loop looks keys up here, the
 * help overlay lists it, and `cxo ui --list-keys` prints it for the test
 * that holds the man page to it, so the three cannot drift apart.
 */
#include "keys.h"

#include <curses.h>
#include <stdio.h>
#include <sysexits.h>

#define CTRL(c) ((c)&0x1f)
#define ESC 27

const struct key_binding tui_keys[] = {
	{ { '1' }, '9', "1-9", ACT_CLIENT, "show client 1 to 9 (in tab order)" },
	{ { '\t' }, 0, "Tab", ACT_NEXT_CLIENT, "next client" },
	{ { KEY_BTAB }, 0, "Shift-Tab", ACT_PREV_CLIENT, "previous client" },
	{ { '0', 'o' }, 0, "0, o", ACT_OVERVIEW, "portfolio overview: every client side by side" },
	{ { 'h', KEY_LEFT },
	  0,
	  "h, Left",
	  ACT_LEFT,
	  "previous panel (the overview: card to the left)" },
	{ { 'l', KEY_RIGHT },
	  0,
	  "l, Right",
	  ACT_RIGHT,
	  "next panel (the overview: card to the right)" },
	{ { 'k', KEY_UP }, 0, "k, Up", ACT_UP, "previous item; from the first, the panel above" },
	{ { 'j', KEY_DOWN }, 0, "j, Down", ACT_DOWN, "next item; from the last, the panel below" },
	{ { KEY_PPAGE, CTRL('b') }, 0, "PgUp, Ctrl-B", ACT_PAGE_UP, "a page up" },
	{ { KEY_NPAGE, CTRL('f') }, 0, "PgDn, Ctrl-F", ACT_PAGE_DOWN, "a page down" },
	{ { 'g', KEY_HOME }, 0, "g, Home", ACT_FIRST, "first item" },
	{ { 'G', KEY_END }, 0, "G, End", ACT_LAST, "last item" },
	{ { '\r', '\n', KEY_ENTER },
	  0,
	  "Enter",
	  ACT_DETAIL,
	  "details of the selected item (on the overview: open the client)" },
	{ { 'i' }, 0, "i", ACT_CLIENT_INFO, "the client's details and latest notes" },
	{ { 'a' },
	  0,
	  "a",
	  ACT_ADD,
	  "add to the focused panel (on the overview or with no client yet: a client)" },
	{ { 'e' }, 0, "e", ACT_EDIT, "edit the selected item (on the overview: the client)" },
	{ { 'd' },
	  0,
	  "d",
	  ACT_DONE,
	  "done: an action or a mandate; close a risk; end a vendor's contract; on a done "
	  "one, reopen it; right after, d again puts it back" },
	{ { 'D' },
	  0,
	  "D",
	  ACT_SHOW_ALL,
	  "show the done, dropped, closed and ended items of the focused list too, or hide "
	  "them" },
	{ { 'x', KEY_DC },
	  0,
	  "x, Delete",
	  ACT_DELETE,
	  "delete the selected item, after asking (a client is archived)" },
	{ { 'L' }, 0, "L", ACT_LOG, "log hours for the client" },
	{ { 't' },
	  0,
	  "t",
	  ACT_TIMER,
	  "start the timer (asking what it is for), or stop it and log the time" },
	{ { 'T' }, 0, "T", ACT_TIMER_CANCEL, "cancel the running timer, after asking" },
	{ { 'n' }, 0, "n", ACT_NOTE, "add a note to the client" },
	{ { 'N' }, 0, "N", ACT_NOTE_EDITOR, "write a note of several lines in your editor" },
	{ { '/' }, 0, "/", ACT_FILTER, "filter the focused panel (empty clears)" },
	{ { 'b' },
	  0,
	  "b",
	  ACT_BRIEF,
	  "the brief before a call with the client: what changed, what is due, the month" },
	{ { 'v' },
	  0,
	  "v",
	  ACT_VENDORS,
	  "the client's vendors and contracts, notice deadlines first; v again goes back" },
	{ { 'c' },
	  0,
	  "c",
	  ACT_DECISIONS,
	  "the client's decision log, newest first; c again goes back" },
	{ { 's' },
	  0,
	  "s",
	  ACT_SUPERSEDE,
	  "in the decisions: write the decision that supersedes the selected one" },
	{ { 'R' },
	  0,
	  "R",
	  ACT_REPORT,
	  "write a document of the client's month (hours, risks, board, week) to a file" },
	{ { 'u' },
	  0,
	  "u",
	  ACT_UNDO,
	  "undo the latest change, made here or in the shell (cxo history lists them)" },
	{ { CTRL('r') }, 0, "Ctrl-R", ACT_REDO, "redo the change the latest u took back" },
	{ { 'r', CTRL('l') },
	  0,
	  "r, Ctrl-L",
	  ACT_REFRESH,
	  "reload the data and repaint the screen (with sync_auto: sync first)" },
	{ { '?', KEY_F(1) }, 0, "?, F1", ACT_HELP, "list the keys" },
	{ { ESC },
	  0,
	  "Esc",
	  ACT_BACK,
	  "close the help or a detail; clear the panel's filter; leave the vendors or "
	  "decisions view" },
	{ { 'q' }, 0, "q", ACT_QUIT, "quit (closes the help or a detail first)" },
};

const size_t tui_key_count = sizeof tui_keys / sizeof tui_keys[0];

const struct key_binding *keys_lookup(int key, int *arg)
{
	if (key == 0)
		return NULL;
	for (size_t i = 0; i < tui_key_count; i++) {
		const struct key_binding *b = &tui_keys[i];
		if (b->range_last) {
			if (key >= b->keys[0] && key <= b->range_last) {
				if (arg)
					*arg = key - b->keys[0];
				return b;
			}
			continue;
		}
		for (int k = 0; k < KEY_BINDING_KEYS; k++) {
			if (b->keys[k] && b->keys[k] == key) {
				if (arg)
					*arg = 0;
				return b;
			}
		}
	}
	return NULL;
}

int keys_print(FILE *fp)
{
	for (size_t i = 0; i < tui_key_count; i++)
		fprintf(fp, "%s\t%s\n", tui_keys[i].label, tui_keys[i].help);
	if (fflush(fp) != 0 || ferror(fp))
		return EX_IOERR;
	return 0;
}
