/*
 * form.h: modal forms and yes/no questions over the dashboard (form.c).
 * What a form decides (validation, choices, geometry) is pure and
 * unit-tested; form_run and tui_confirm draw.
 */
#ifndef CXO_TUI_FORM_H
#define CXO_TUI_FORM_H

#include <stdbool.h>
#include <stddef.h>

#include "cxo/records.h"
#include "lineedit.h"

/* What a field takes, in characters (code points, as the store counts
 * them): a name or a title by default, as much as the store takes; a
 * long text (a note, a mitigation) a thousand, what a one-line field
 * shows usefully and its buffer holds (the shell takes up to the store's
 * TEXT_MAX_LONG). */
#define FORM_NAME_MAX TEXT_MAX_NAME
#define FORM_TEXT_MAX 1000

struct form;

struct form_field {
	const char *label;            /* "Due" */
	char value[LINEEDIT_MAX + 1]; /* UTF-8; initial value in, edited value out */
	const char *hint;             /* "fri, +3d, 2026-12-01" shown dim */
	bool required;
	size_t max; /* characters the field takes; 0 = FORM_NAME_MAX */
	/* NULL or: true when valid, else an error message for the user (e.g. the core parser's). */
	bool (*validate)(const char *text, void *ctx, char *err, size_t errsz);
	const char *const
	        *choices; /* NULL or NULL-terminated words; Tab completes, Up/Down cycle */
	char error[256];  /* set by form_run when validation fails */
	/* NULL or a rule between this field and others, checked once every
	 * field is valid on its own: it marks every field it involves
	 * (form_mark_linked) and returns the first, or -1 when it holds. */
	int (*rule)(struct form *f);
	/* The error is a rule's (or a save's that marks every field a rule
	 * involves): a change to any of them clears it on all of them. */
	bool error_linked;
};

struct form {
	const char *title; /* "New action for acme" */
	struct form_field *fields;
	size_t n;
	void *ctx; /* passed to validators (e.g. the struct tui for `today`) */
};

struct tui;

/* Modal: draws centred over the screen, handles UTF-8 editing (each field stops at what it
   takes, with a counter near the limit), Tab/Shift-Tab/Up/Down between fields, Enter submits
   (validating every field, then the rules between them; an invalid field is marked with its
   message, focus moves to it, nothing typed is lost), Esc cancels. Handles KEY_RESIZE by asking
   the caller to redraw (tui_redraw_all(ui)) and redrawing itself. Returns true when submitted and
   valid. */
bool form_run(struct tui *ui, struct form *f);
/* The same, its footer saying what Enter does ("filter" where form_run
 * says "save"). */
bool form_run_to(struct tui *ui, struct form *f, const char *enter);
/* "Delete action "X"? (y/N)": true only on y/Y. */
bool tui_confirm(struct tui *ui, const char *question);

/* ---- pure: what form_run decides ---- */

/*
 * Checks every field, setting or clearing its error: a required field
 * must not be blank; a non-blank one must satisfy its validator, which is
 * given the text trimmed of surrounding spaces (as the caller will save
 * it).  A blank optional field is valid without asking the validator.
 * When every field is valid on its own, the fields' rules between them
 * are checked, in field order, until one fails.  The values are never
 * changed.  Returns the index of the first invalid field, or -1 when
 * every field is valid.
 */
int form_validate(struct form *f);
/* The characters field f takes (FORM_NAME_MAX unless it says). */
size_t form_field_max(const struct form_field *f);
/* Marks field i with a rule's message (printf-style), linked: a change to
 * any linked field clears them all.  Returns i. */
int form_mark_linked(struct form *f, size_t i, const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));
/* The counter shown under a field being typed near its limit: "480/500"
 * once chars is within a tenth of max (and at least ten characters) of
 * it, and true; else "" and false. */
bool form_counter(size_t chars, size_t max, char *buf, size_t n);
/* The choice after (dir > 0) or before (dir < 0) value, wrapping; the
 * first (or last) when value is none of them (ASCII case-insensitive,
 * spaces trimmed).  NULL when choices is NULL or empty. */
const char *form_choice_step(const char *const *choices, const char *value, int dir);
/* Tab on a field with choices: the first choice that value starts with
 * (ASCII case-insensitive) when value is not blank and not already a
 * choice; else NULL (Tab then moves to the next field). */
const char *form_choice_complete(const char *const *choices, const char *value);

/* The form's footer: "Enter save · Tab next field · Shift-Tab back · Esc
 * cancel", with enter for "save"; a form of one field has no other field
 * to go to: "Enter filter · Esc cancel". */
void form_footer(const struct form *f, const char *enter, bool utf8, char *buf, size_t n);

/* Where a form goes on a rows x cols screen. */
struct form_geom {
	int y, x, h, w;       /* the window, centred */
	int label_w;          /* columns of the label column ("Due:" padded) */
	int value_x, value_w; /* the input inside its brackets, window-relative */
	int top;              /* first field shown (the form scrolls) */
	int shown;            /* fields shown at once */
};
#define FORM_MIN_ROWS 5 /* one field, its message row, footer, borders */
#define FORM_MIN_COLS 30
/* False when the screen cannot hold a form.  top is the previous first
 * field shown: it moves only as far as needed to show focus. */
bool form_geometry(const struct form *f, int rows, int cols, int focus, int top,
                   struct form_geom *out);

#endif
