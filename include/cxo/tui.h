/*
 * tui.h: the full-screen dashboard.
 *
 * `cxo` (no command), `cxo ui` and `cxo --demo` open it.  Everything that
 * speaks ncurses lives in src/tui/; this header does not include curses,
 * so main() can call the entry points and the unit tests can reach the
 * pure parts (layout, key table, row formatting) without a terminal.
 * It reaches the database, the settings and the client choice through
 * the app layer (app.h), never through the shell's code.
 */
#ifndef CXO_TUI_H
#define CXO_TUI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "cxo/app.h"
#include "cxo/config.h"
#include "cxo/date.h"
#include "cxo/pace.h"
#include "cxo/risk.h"
#include "cxo/store.h"
#include "cxo/theme.h"

/* ---- entry points (main.c) ---- */

/*
 * Runs the dashboard as r asks (see struct ui_request in app.h): it needs
 * a terminal on stdin and stdout (EX_UNAVAILABLE otherwise), except to
 * list the keys.  Returns 0 or a sysexits.h code, having printed its own
 * message.  main() hands it to the shell as app->dashboard.
 */
int tui_run(struct cxo_app *app, const struct ui_request *r);

/* ---- forms (lineedit.c, form.c) ---- */

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

/* Repaints everything below a modal (no doupdate). */
void tui_redraw_all(struct tui *ui);
/* ncurses attributes for an element, COLOR_PAIR included. */
int tui_attr(const struct tui *ui, enum theme_element el);
/* True when the terminal takes UTF-8 (else ASCII borders and bars). */
bool tui_utf8(const struct tui *ui);

/* ======================================================================
 * Internal: shared by the files of src/tui/ and reached by the unit
 * tests.  Nothing outside src/tui/ and tests/unit/test_tui_*.c uses it.
 * ====================================================================== */

#define TUI_MIN_COLS 80
#define TUI_MIN_ROWS 24
#define TUI_WEEKS 12       /* weeks of history in the hours chart */
#define TUI_LIST_PAGE 40   /* rows a panel list loads at first ... */
#define TUI_LIST_MAX 2000  /* ... and at most, a page more each time the end is reached */
#define TUI_NOTES_LIMIT 20 /* notes in a client's detail */
#define TUI_FILTER_LEN 128

/* ---- panels and layout (layout.c, pure) ---- */

enum panel_id { PANEL_MANDATES, PANEL_HOURS, PANEL_RISKS, PANEL_ACTIONS, PANEL_COUNT };

/* "Mandates", "Hours", "Risks", "Next actions". */
const char *panel_title(enum panel_id p);
/* "mandates", "hours", "risks", "actions": the state file's words. */
const char *panel_word(enum panel_id p);
bool panel_from_word(const char *word, enum panel_id *out);

struct rect {
	int y, x, h, w;
};

enum layout_mode {
	LAYOUT_TOO_SMALL, /* below TUI_MIN_COLS x TUI_MIN_ROWS */
	LAYOUT_GRID,      /* 2x2: Mandates Hours / Risks Next actions */
	LAYOUT_STACK,     /* the four panels one above the other */
	LAYOUT_TABS,      /* one panel at a time, all four titles on its border */
};

struct layout {
	enum layout_mode mode;
	int rows, cols;
	struct rect tabs;               /* the client tab bar, row 0 */
	struct rect body;               /* between the tab bar and the status bar */
	struct rect status;             /* the last row */
	struct rect panel[PANEL_COUNT]; /* h == 0 when not shown */
};

/* focus matters in LAYOUT_TABS, where only that panel is shown. */
void layout_compute(int rows, int cols, enum panel_id focus, struct layout *out);
/* The panel beside p in direction (dy, dx), each -1, 0 or 1; p itself
 * when there is none.  In LAYOUT_TABS left and right cycle the panels. */
enum panel_id layout_neighbour(const struct layout *l, enum panel_id p, int dy, int dx);
/* Panel under a screen cell, or -1. */
int layout_panel_at(const struct layout *l, int y, int x);
/* Inside of a bordered rect (1 cell of border, 1 column of padding). */
struct rect rect_inner(struct rect r);

/* Hours panel, inside its border: the month line, the budget bar, the
 * pace line, a weekly chart and the latest entries. */
struct hours_layout {
	int chart_rows;   /* bar rows of the chart (0 = no chart) */
	int weeks;        /* weeks shown, 8..TUI_WEEKS */
	int week_w;       /* columns per week bar (gap excluded) */
	int axis_w;       /* columns of the value axis on the left */
	int entries_y;    /* first row of the entry list (relative) */
	int entries_rows; /* rows for entries (0 = none) */
};
void hours_layout(int h, int w, struct hours_layout *out);

/* Risks panel: list, and a 5x5 heat map beside it, below it, or none. */
struct risks_layout {
	bool map;         /* the map is drawn */
	struct rect list; /* relative to the panel inside */
	struct rect heat; /* relative to the panel inside */
	int cell_w;       /* columns per heat map cell */
};
void risks_layout(int h, int w, struct risks_layout *out);

/* Portfolio overview: client cards in a grid, then the capacity line. */
struct overview_layout {
	int per_row; /* cards side by side */
	int card_w, card_h;
	int rows_visible;     /* card rows that fit */
	struct rect cards;    /* the area holding the cards */
	struct rect capacity; /* the personal capacity line */
};
void overview_layout(struct rect body, int n_clients, struct overview_layout *out);

/* ---- keys (keys.c): the ONE key table ---- */

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
	ACT_FILTER,
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

/* ---- formatting helpers (format.c, pure) ---- */

/* Like text_fit, but when the text must be cut it is cut at a word
 * boundary (when one lies in the last third), so no word is cut. */
int fit_words(const char *s, int width, bool utf8, char *buf, size_t n);
/* "CIO", "CTO", "CISO", "Interim". */
const char *role_label(const char *role);
/* "on pace", "warning", "over budget": a pace level in a sentence. */
const char *pace_phrase(enum pace_level level);
/* Tab label "N Name · ROLE" (the short name is the first word of the
 * client's name when unique among clients, else its key). */
void client_short_name(const struct client_list *l, size_t i, char *buf, size_t n);
void tab_label(const struct client_list *l, size_t i, bool utf8, char *buf, size_t n);

/* A horizontal bar of width cells for value/max: full cells and eighths
 * of the next one (frac8 0..7); value beyond max fills the bar. */
void bar_cells(long value, long max, int width, int *full, int *frac8);
/* Chart heights in eighths of a row for each value, scaled so the
 * largest fills rows rows; a non-zero value shows at least one eighth. */
void chart_heights(const long *values, int n, int rows, int *eighths);

/* Wraps text into lines of at most width columns at spaces (words
 * longer than a line are cut); returns the number of lines, calling
 * emit(line, ctx) for each when emit is not NULL.  Newlines break. */
int wrap_text(const char *s, int width, bool utf8, void (*emit)(const char *line, void *ctx),
              void *ctx);

/* ---- panel rows (rows.c, pure) ---- */

struct action_row {
	char when[24];         /* "3d late", "today", "in 2d", "no date" */
	enum theme_element el; /* EL_OVERDUE, EL_DUE_SOON, EL_WAITING, EL_NORMAL */
	bool overdue;
	char who[160];       /* "waiting for Dana, 5d", "Priya", "" */
	char who_short[160]; /* "waiting 5d: Dana", "Priya": when who does not fit */
};
void action_row(const struct action *a, cxo_day today, struct action_row *out);

struct risk_row {
	int score;
	enum risk_level level;
	enum theme_element el;
	char level_name[16];
	char review[40]; /* "review 3d late" when due, else "" */
	bool review_due;
};
void risk_row(const struct risk *r, const struct risk_thresholds *t, cxo_day today,
              struct risk_row *out);
enum theme_element risk_level_element(enum risk_level level);

struct mandate_row {
	char when[24];         /* due relative, "" when none */
	enum theme_element el; /* EL_DONE for closed, EL_OVERDUE when late */
	char open[16];         /* "2 open", "" */
};
void mandate_row(const struct mandate *m, cxo_day today, struct mandate_row *out);

struct entry_row {
	char when[24];  /* "today", "yesterday", "Mon 17", ISO beyond a week */
	char hours[16]; /* "1.5h" or "1:30" */
	bool billable;
};
void entry_row(const struct entry *e, cxo_day today, enum hours_style style, struct entry_row *out);

enum theme_element pace_element(enum pace_level level);

/* ---- the view model (data.c) ---- */

struct tui_view {
	bool loaded;
	struct client client;
	struct mandate_list mandates; /* bounded, active first */
	struct entry_list entries;    /* latest first, bounded */
	struct risk_list risks;       /* open, by score, bounded */
	struct action_list actions;   /* open, by due, bounded */
	int open_risks;               /* all open, from the heat map */
	int open_actions, overdue;    /* all open */
	int heat[5][5];               /* [likelihood - 1][impact - 1] */
	int year, month;
	long month_minutes;
	struct pace pace;
	long week_minutes[TUI_WEEKS]; /* oldest first; the last is this week */
	cxo_day week_start[TUI_WEEKS];
};

/* Loads everything the client view shows for c (bounded, indexed
 * queries; no transaction is left open).  filters[p] may be "" or NULL;
 * limits[p] is how many rows panel p lists (0 = TUI_LIST_PAGE). */
int tui_view_load(struct store *st, const struct config *cfg, const struct client *c, cxo_day today,
                  const char *const filters[PANEL_COUNT], const size_t limits[PANEL_COUNT],
                  struct tui_view *out);
void tui_view_free(struct tui_view *v);

/* Week boundaries for the chart: bounds[0] .. bounds[TUI_WEEKS], the
 * last week being the one containing today. */
void tui_week_bounds(cxo_day today, int week_start, cxo_day bounds[TUI_WEEKS + 1]);

/* ---- remembered state (state.c) ---- */

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

/* ---- arguments and the benchmark (args.c, bench.c) ---- */

/* Parses `ui` options (argv[0] is "ui") into r; -h/--help sets *help.
 * 0 or EX_USAGE with err set. */
int tui_parse_args(int argc, char **argv, struct ui_request *r, bool *help, char *err,
                   size_t errsz);
/* The usage of `cxo ui` on fp. */
void tui_usage(FILE *fp);
/* Median and 95th percentile (nearest rank) of ms[0..n); sorts ms. */
void bench_stats(double *ms, size_t n, double *median, double *p95);

/* ======================================================================
 * line editor (lineedit.c): one line of UTF-8 text being typed.  The
 * editing is pure (no curses) and unit-tested; only lineedit_draw paints.
 * A "character" is a code point with the zero-width ones after it
 * (combining marks), so the cursor never sits inside what shows as one
 * character and no edit ever splits a code point.
 * ====================================================================== */

#define LINEEDIT_MAX 511 /* bytes of text, NUL excluded (form_field.value) */

struct lineedit {
	char buf[LINEEDIT_MAX + 1];
	size_t len;   /* bytes */
	size_t cur;   /* the cursor: byte offset on a character boundary */
	size_t first; /* first byte shown when the text is wider than the field */
	size_t max;   /* input beyond this many bytes is refused */
	bool utf8;    /* false: widths as drawn in ASCII (non-ASCII is one '?') */
};

enum lineedit_result {
	LE_IGNORED, /* not an editing key: the caller's (Tab, Enter, Esc ...) */
	LE_CHANGED, /* the text changed */
	LE_MOVED,   /* only the cursor moved (or nothing to do at an end) */
	LE_REFUSED, /* refused: too long, or a control character */
};

/* Starts on text (sanitised, cut to max bytes, max capped to
 * LINEEDIT_MAX), the cursor at its end. */
void lineedit_init(struct lineedit *le, const char *text, size_t max, bool utf8);
/* Replaces the text, the cursor at its end. */
void lineedit_set(struct lineedit *le, const char *text);
/* Inserts one code point at the cursor; false (nothing changed) for a
 * control, bidi control, surrogate or non-character value, or when it
 * would make the text longer than max bytes. */
bool lineedit_insert(struct lineedit *le, unsigned long cp);
/* Each returns true when the text or the cursor changed. */
bool lineedit_backspace(struct lineedit *le); /* the character before the cursor */
bool lineedit_delete(struct lineedit *le);    /* the character under the cursor */
bool lineedit_left(struct lineedit *le);
bool lineedit_right(struct lineedit *le);
bool lineedit_home(struct lineedit *le);
bool lineedit_end(struct lineedit *le);
bool lineedit_kill_start(struct lineedit *le);  /* Ctrl-U */
bool lineedit_kill_end(struct lineedit *le);    /* Ctrl-K */
bool lineedit_delete_word(struct lineedit *le); /* Ctrl-W: spaces, then a word */
/*
 * One key as wget_wch gives it: is_code when it returned KEY_CODE_YES
 * (key is then KEY_LEFT, KEY_DC ...), else key is the character.  Keys:
 * Left/Right, Ctrl-B/Ctrl-F, Home/End, Ctrl-A/Ctrl-E, Backspace (also
 * Ctrl-H, DEL), Delete, Ctrl-D, Ctrl-U, Ctrl-K, Ctrl-W; printable
 * characters insert.
 */
enum lineedit_result lineedit_key(struct lineedit *le, int key, bool is_code);
/* Display columns of the whole text, and of buf[from..to). */
int lineedit_width(const struct lineedit *le);
int lineedit_cols(const struct lineedit *le, size_t from, size_t to);
/* Scrolls (moves first) so the cursor shows in a field width columns
 * wide; returns the cursor's column in the field. */
int lineedit_scroll(struct lineedit *le, int width);
/* The byte just past the last whole character that fits in width
 * columns from first. */
size_t lineedit_visible_end(const struct lineedit *le, int width);

#ifdef NCURSES_VERSION
/* Paints the visible part at (y, x), padded to width with attr; call
 * lineedit_scroll first.  Files that include curses.h see it. */
void lineedit_draw(const struct lineedit *le, WINDOW *win, int y, int x, int width, int attr);
#endif

/* ======================================================================
 * form helpers (form.c, pure): what form_run decides, testable.
 * ====================================================================== */

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
