/*
 * form.h: modal forms and yes/no questions over the dashboard (form.c).
 * What a form decides (validation, choices, geometry) is pure and
 * unit-tested; form_run and tui_confirm draw.
 */
#ifndef CXO_TUI_FORM_H
#define CXO_TUI_FORM_H

#include <stdbool.h>
#include <stddef.h>

struct form_field {
	const char *label; /* "Due" */
	char value[512];   /* UTF-8; initial value in, edited value out */
	const char *hint;  /* "fri, +3d, 2026-12-01" shown dim */
	bool required;
	/* NULL or: true when valid, else an error message for the user (e.g. the core parser's). */
	bool (*validate)(const char *text, void *ctx, char *err, size_t errsz);
	const char *const *choices; /* NULL or NULL-terminated words; Tab/Up/Down cycle them */
	char error[256];            /* set by form_run when validation fails */
};

struct form {
	const char *title; /* "New action for acme" */
	struct form_field *fields;
	size_t n;
	void *ctx; /* passed to validators (e.g. the struct tui for `today`) */
};

struct tui;

/* Modal: draws centred over the screen, handles UTF-8 editing, Tab/Shift-Tab/Up/Down between
   fields, Enter submits (validating every field; an invalid field is marked with its message,
   focus moves to it, nothing typed is lost), Esc cancels. Handles KEY_RESIZE by asking the caller
   to redraw (tui_redraw_all(ui)) and redrawing itself. Returns true when submitted and valid. */
bool form_run(struct tui *ui, struct form *f);
/* "Delete action 'X'? (y/n)": true only on y/Y. */
bool tui_confirm(struct tui *ui, const char *question);

/* ---- pure: what form_run decides ---- */

/*
 * Checks every field, setting or clearing its error: a required field
 * must not be blank; a non-blank one must satisfy its validator, which is
 * given the text trimmed of surrounding spaces (as the caller will save
 * it).  A blank optional field is valid without asking the validator.
 * The values are never changed.  Returns the index of the first invalid
 * field, or -1 when every field is valid.
 */
int form_validate(struct form *f);
/* The choice after (dir > 0) or before (dir < 0) value, wrapping; the
 * first (or last) when value is none of them (ASCII case-insensitive,
 * spaces trimmed).  NULL when choices is NULL or empty. */
const char *form_choice_step(const char *const *choices, const char *value, int dir);
/* Tab on a field with choices: the first choice that value starts with
 * (ASCII case-insensitive) when value is not blank and not already a
 * choice; else NULL (Tab then moves to the next field). */
const char *form_choice_complete(const char *const *choices, const char *value);

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
