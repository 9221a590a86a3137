/*
 * decision.h: what decision.c and decision_supersede.c share: the
 * record read from a file or written in the editor, and the line that
 * says what was done.
 */
#ifndef CXO_CLI_DECISION_H
#define CXO_CLI_DECISION_H

#include "cxo/decision.h"
#include "cxo/editor.h"
#include "internal.h"

/* "added decision 3f2a9c1d "Title" for acme" with the title sanitised:
 * verb, then tail. */
void dec_said(const char *verb, const struct decision *d, const char *tail);
/* --file FILE (standard input for "-") read over d: its lines win.  0,
 * or a code after its message. */
int dec_from_file(const char *file, struct decision *d);
/* What was saved in the editor could not be stored (rc): the file stays
 * when it holds what was typed, its path said; returns rc. */
int dec_give_back(struct editor_run *r, int rc);
/* The editor on start, what was saved read into d.  0 with *cancel
 * NULL: d holds the new text, and the caller ends r (dec_give_back when
 * it cannot store it); 0 with *cancel saying how the file was left
 * ("unchanged", "empty"): d untouched, r ended; else a code after its
 * message. */
int dec_from_editor(const char *start, struct decision *d, struct editor_run *r,
                    const char **cancel);
/* 0 when standard input is a terminal the editor can run on; else the
 * usage error that says how to give the text instead. */
int dec_need_terminal(const struct cli_call *c);

#endif
