/*
 * internal.h: the dashboard's state and the functions its files share,
 * with the small headers of its pure parts.  Only the files of src/tui/
 * include it; with them, it is the only code that sees curses.
 */
#ifndef CXO_TUI_INTERNAL_H
#define CXO_TUI_INTERNAL_H

#include <curses.h>
#include <signal.h>
#include <stdbool.h>
#include <sys/types.h>
#include <time.h>

#include "cxo/app.h"
#include "cxo/decision.h"
#include "cxo/store.h"
#include "cxo/theme.h"
#include "cxo/tui.h"
#include "cxo/vendor.h"
#include "cxo/vocab.h"
#include "form.h"
#include "format.h"
#include "glyphs.h"
#include "keys.h"
#include "layout.h"
#include "lineedit.h"
#include "palette.h"
#include "panels.h"
#include "rows.h"
#include "state.h"
#include "view.h"

#define TUI_NOTES_LIMIT 20                      /* notes in a client's detail */
#define TUI_FILTER_MAX 60                       /* characters of a panel's filter */
#define TUI_FILTER_LEN (4 * TUI_FILTER_MAX + 1) /* its bytes, NUL included */

enum tui_screen { SCREEN_CLIENT, SCREEN_OVERVIEW };
enum tui_overlay { OVERLAY_NONE, OVERLAY_HELP, OVERLAY_DETAIL, OVERLAY_BRIEF };

/* What needs drawing on the next pass. */
enum {
	DIRTY_TABS = 1 << 0,
	DIRTY_BODY = 1 << 1,
	DIRTY_STATUS = 1 << 2,
	DIRTY_ALL = DIRTY_TABS | DIRTY_BODY | DIRTY_STATUS,
	DIRTY_CLEAR = 1 << 3, /* repaint the terminal from scratch */
};

/* What needs loading before the next draw. */
enum {
	RELOAD_CLIENTS = 1 << 0, /* the tab bar: clients, overdue counts, timer */
	RELOAD_VIEW = 1 << 1,    /* the current client's panels */
	RELOAD_OVERVIEW = 1 << 2,
	RELOAD_ALL = 7,
};

struct panel_state {
	int sel, top;
	char sel_id[UUID_LEN]; /* kept across reloads */
	char filter[TUI_FILTER_LEN];
	size_t limit;  /* rows loaded; 0 = TUI_LIST_PAGE */
	int item_rows; /* screen rows an item took when last drawn; 0 = 1 */
};

/*
 * The last change that closed an item (d, or a form that set a closing
 * status), offered on the status bar until another key changes or moves
 * anything (undo.c): d then puts the item back as it was.  Only the
 * status fields of the before copies are kept.
 */
struct tui_undo {
	bool offered;
	enum panel_id panel;
	char id[UUID_LEN];
	char verb[16];        /* "Done", "Closed", "Dropped" ... */
	char title[256];      /* the item's title, raw */
	char after[WORD_LEN]; /* the status the change left */
	struct action action; /* an action's status, waiting_for, waiting_since */
	struct risk risk;     /* a risk's status, closed, accepted_until, treatment, review */
	char mandate[WORD_LEN];
};

/* Where a tab was drawn, for mouse clicks. */
struct tab_hit {
	int x0, x1; /* [x0, x1) */
	int index;  /* client index; -1 = the portfolio */
};
#define TAB_HITS_MAX 32

/* detail.panel of a client's detail, which is no panel's item. */
#define DETAIL_CLIENT (-1)

struct detail_line {
	char *text;
	enum theme_element el;
	bool label; /* "Due" column */
};

struct detail {
	int panel; /* the panel whose item it shows, or DETAIL_CLIENT */
	char id[UUID_LEN];
	char title[128];
	struct detail_line *lines;
	size_t n, cap;
	int scroll;
	int width; /* the text width the lines were wrapped for */
};

/* What an overview card lists where it has the rows (overview.c): a
 * client's open actions, open risks, mandates and latest notes. */
struct card_lists {
	struct action_list actions;
	struct risk_list risks;
	struct mandate_list mandates;
	struct note_list notes;
};

struct tui {
	struct cxo_app *app;
	struct store *st;
	const struct config *cfg;
	struct theme theme;
	SCREEN *scr;
	bool color, utf8;
	int attr[EL_COUNT];

	struct layout lay;
	enum tui_screen screen;
	enum tui_overlay overlay;
	enum panel_id focus;
	enum panel_id grid_focus; /* the panel a view (v, c) goes back to */
	struct panel_state ps[PANEL_COUNT];
	bool show_all[PANEL_COUNT]; /* D: done and closed items listed too */
	struct tui_undo undo;

	struct client_list clients; /* active and paused, tab order */
	int *overdue; /* per client, for the tabs: overdue actions and notice deadlines soon */
	int cur;      /* index in clients; -1 = none */
	char cur_id[UUID_LEN]; /* kept across reloads */
	struct tui_view view;
	struct portfolio ov;
	struct card_lists *cards; /* n_cards of them (those of ov), or NULL */
	size_t n_cards;
	int ov_sel, ov_top;
	struct timer timer;
	bool timer_running;
	struct detail detail;
	int help_scroll;
	char form_client[UUID_LEN]; /* the client of the item an open form edits */

	char msg[512];
	bool msg_error;
	unsigned dirty, reload;

	long data_version;
	bool read_only; /* the database's place is read-only: nothing is written */
	cxo_day today;
	time_t last_poll;
	long shown_minute; /* the timer shows minutes */
	int quick_errs;    /* ERRs well before the timeout: EOF */
	bool quit;

	struct tab_hit hits[TAB_HITS_MAX];
	int n_hits;

	/* brief.c: the brief overlay (b) */
	char brief_id[UUID_LEN]; /* its client */
	char **brief_lines;
	size_t brief_n;
	int brief_scroll, brief_width;
	/* docs.c: the child writing a document (R) */
	pid_t doc_pid; /* 0 = none */
	int doc_fd;    /* the pipe it answers on */
	char doc_what[192];
};

/* ---- screen.c: terminal, colours, signals ---- */
extern volatile sig_atomic_t tui_signalled;
/* 0 when stdin and stdout are a terminal ncurses can draw on; else
 * says why and returns EX_UNAVAILABLE. */
int screen_usable(void);
/* The handlers of the quit signals (SIGINT, SIGQUIT, SIGTERM, SIGHUP:
 * they set tui_signalled) and of the fatal ones (they put the terminal
 * back), from before the dashboard's files exist until they are removed;
 * restore gives the signals their default actions back. */
void screen_signals_install(void);
void screen_signals_restore(void);
/* Opens the terminal; on a terminal without an alternate screen,
 * screen_close clears it. */
int screen_open(struct tui *ui);
void screen_close(struct tui *ui);
/* Re-reads the size after KEY_RESIZE. */
void screen_size(struct tui *ui, int *rows, int *cols);

/* ncurses attributes for an element, COLOR_PAIR included. */
int tui_attr(const struct tui *ui, enum theme_element el);
/* True when the terminal takes UTF-8 (else ASCII borders and bars). */
bool tui_utf8(const struct tui *ui);

/* ---- draw.c: primitives ---- */
/* Writes s fitted to w columns (sanitised); returns the columns used. */
int put_fit(struct tui *ui, int y, int x, int w, int attr, const char *s);
/* The same, cut at a word boundary when it must be cut. */
int put_words(struct tui *ui, int y, int x, int w, int attr, const char *s);
/* s wrapped at spaces in at most rows rows, the last cut at a word when
 * more is left; returns the rows used. */
int put_wrapped(struct tui *ui, int y, int x, int w, int rows, int attr, const char *s);
/* Fitted and padded with spaces to exactly w columns. */
void put_pad(struct tui *ui, int y, int x, int w, int attr, const char *s);
/* Text known to be clean and to fit (labels, numbers). */
void put_raw(struct tui *ui, int y, int x, int attr, const char *s);
void fill(struct tui *ui, struct rect r, int attr);
/* One character (UTF-8), n cells across from (y, x). */
void hline_of(struct tui *ui, int y, int x, int n, const char *ch, int attr);
void draw_box(struct tui *ui, struct rect r, int attr);
/* A box with a title on its top border; right is an optional note at
 * the right of the top border. */
void draw_panel_frame(struct tui *ui, struct rect r, bool focused, const char *title,
                      const char *right);
/* A bar of w cells: value out of max, in the fill and empty styles. */
void draw_bar(struct tui *ui, int y, int x, int w, long value, long max, int fill_attr, long mark);
/* Keeps sel visible in a list of n rows shown rows at a time. */
void scroll_to(int *top, int sel, int n, int rows);
/* The start every panel's list shares, at (y, x), w wide and rows high:
 * with no rows, says why (its no_match under a filter, else its empty)
 * and returns false; else keeps the selection in view and returns true. */
bool list_start(struct tui *ui, enum panel_id p, size_t n, int y, int x, int w, int rows);
/* The rows each item of panel p's list takes (list_item_rows, up to
 * most), remembered for the mouse; then list_start on the items that fit. */
int list_start_rows(struct tui *ui, enum panel_id p, size_t n, int y, int x, int w, int rows,
                    int most);
/* The item under row `row` of panel p's list (0 = its first row), or -1. */
int list_item_at(const struct tui *ui, enum panel_id p, int row);

/* ---- tabs.c, statusbar.c ---- */
void tabs_draw(struct tui *ui);
int tabs_hit(const struct tui *ui, int x); /* client index, -1 portfolio, -2 none */
void status_draw(struct tui *ui);
void tui_message(struct tui *ui, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void tui_error(struct tui *ui, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* "3:07": how long the timer has run. */
void timer_text(const struct tui *ui, char *buf, size_t n);
/* A timer runs and looks forgotten (timer_is_forgotten: past the
 * configured limit, or started before today). */
bool tui_timer_forgotten(const struct tui *ui);

/* ---- sync.c ---- */
/* With sync_auto and a database that is a device of a sync folder: a sync
 * run, said in the status bar, the data reloaded. */
void tui_sync_auto(struct tui *ui);

/* ---- panels (load.c): what the frame, input and the editor ask of them ---- */
/* Panel p's part of the view, or NULL when none is loaded. */
static inline const void *panel_part(const struct tui *ui, enum panel_id p)
{
	return ui->view.part[p];
}
/* Selectable rows of a panel, and the id of row i. */
size_t panel_count(const struct tui *ui, enum panel_id p);
const char *panel_item_id(const struct tui *ui, enum panel_id p, size_t i);
/* Rows a panel's list shows at once (for paging and mouse clicks), and
 * the screen row of its first list row. */
int panel_list_rows(const struct tui *ui, enum panel_id p, int *first_y);
/* Title on the panel's border: "Next actions /filter". */
void panel_title_text(const struct tui *ui, enum panel_id p, char *buf, size_t n);

/* ---- overview.c, help.c ---- */
void overview_draw(struct tui *ui);
/* The cards' lists for the loaded portfolio (ui->cards), within the
 * frame's read; 0 or the store's code (then none). */
int overview_load_cards(struct tui *ui);
void overview_free_cards(struct tui *ui);
int overview_card_at(const struct tui *ui, int y, int x);
void overview_move(struct tui *ui, int dy, int dx);
void help_draw(struct tui *ui);

/* ---- detail.c ---- */
/* Opens the detail of item id of a panel, or of client id with
 * DETAIL_CLIENT; -1 when it cannot be shown (the message says why). */
int detail_open(struct tui *ui, int panel, const char *id);
void detail_rebuild(struct tui *ui);
void detail_draw(struct tui *ui);
void detail_free(struct detail *d);
struct rect overlay_rect(const struct tui *ui);
/* What a panel's detail op builds its lines with: "Label  value" (the
 * value wrapped; nothing when it is empty), a day in the configured
 * format (relative: with "in 2d"), a heading, a plain line, and the open
 * actions linked to a mandate or a risk. */
void detail_field(struct tui *ui, const char *label, const char *value, enum theme_element el);
void detail_day_field(struct tui *ui, const char *label, const char *iso, bool relative,
                      enum theme_element el);
void detail_heading(struct tui *ui, const char *text);
void detail_line(struct tui *ui, const char *text, enum theme_element el);
void detail_linked_actions(struct tui *ui, const char *mandate_id, const char *risk_id);
/* Markdown text line by line, its headings in the heading style. */
void detail_markdown(struct tui *ui, const char *text);
/* A stored UTC stamp as local "YYYY-MM-DD HH:MM". */
void detail_stamp_local(const char *stamp, char *buf, size_t n);

/* ---- load.c, frame.c (tui_draw, tui_redraw_all), input.c (tui_handle_key,
 * tui_select_client) ---- */
void tui_mark(struct tui *ui, unsigned dirty);
void tui_load_clients(struct tui *ui);
/* Selects row sel of panel p (clamped) and remembers its id. */
void tui_set_sel(struct tui *ui, enum panel_id p, int sel);
void tui_handle_key(struct tui *ui, int ch);
/* Loads what ui->reload asks for, keeping selections by id. */
void tui_load(struct tui *ui);
void tui_draw(struct tui *ui);
/* Repaints everything below a modal (no doupdate). */
void tui_redraw_all(struct tui *ui);
const struct client *tui_client(const struct tui *ui);
/* Where the client with this id stands in a list of clients or of
 * overview cards; -1 when it is not there. */
int tui_client_index(const struct client_list *l, const char *id);
int tui_summary_index(const struct summary_list *l, const char *id);
void tui_select_client(struct tui *ui, int index);
/* The selected item id of the focused panel, or NULL. */
const char *tui_selected_id(const struct tui *ui, enum panel_id p);

/* ---- edit.c: forms and writes ---- */
void edit_add(struct tui *ui);
void edit_edit(struct tui *ui);
void edit_done(struct tui *ui);
void edit_delete(struct tui *ui);
void edit_log(struct tui *ui);
void edit_timer(struct tui *ui);
void edit_timer_cancel(struct tui *ui);
void edit_note(struct tui *ui);
/* panel_notes.c: N, and e on a note: the editor on a new note for the
 * current client (id NULL) or on note id, curses suspended meanwhile. */
void edit_note_in_editor(struct tui *ui, const char *id);
void edit_filter(struct tui *ui);
/* edit_forms.c: a zeroed item (client_id set) adds one; else edits it. */
void edit_action_form(struct tui *ui, struct action *a);
void edit_mandate_form(struct tui *ui, struct mandate *m);
void edit_entry_form(struct tui *ui, struct entry *e, bool from_timer, const char *title);
void edit_risk_form(struct tui *ui, struct risk *r);
/* edit_vendor.c: a zeroed vendor (client_id set) adds one; else edits it. */
void edit_vendor_form(struct tui *ui, struct vendor *v);
/* edit_decision.c: a and e in the Decisions view: a asks for the title,
 * then both run the editor on the record (curses suspended meanwhile,
 * the screen taken back whole); decision_markdown is the record as the
 * detail shows it and the editor gets it (NULL when out of memory). */
void edit_decision_add(struct tui *ui, const struct client *c);
void edit_decision_edit(struct tui *ui, const char *id);
/* s: a new decision, as a adds one, superseding the selected one. */
void edit_decision_supersede(struct tui *ui);
char *decision_markdown(const struct decision *d);
/* edit_client.c: NULL adds a client. */
void edit_client_form(struct tui *ui, const struct client *c);
void edit_client_archive(struct tui *ui, const char *id);
/* Shared by the edit files and the panels' ops. */
bool edit_have_client(struct tui *ui);
/* After a failed read of the item to act on: says why, reloads. */
void edit_get_failed(struct tui *ui, int rc);
void edit_today_iso(const struct tui *ui, char out[DAY_LEN]);
void edit_field_set(struct form_field *f, const char *s);
/* The trimmed value, or NULL when empty (trimmed in place). */
const char *edit_field_value(struct form_field *f);
/* The trimmed value, "" when empty. */
const char *edit_field_text(struct form_field *f);
int edit_replace_text(char **dst, const char *src);
/* The field's date as an ISO day, "" when empty. */
void edit_day(struct tui *ui, struct form_field *f, char out[DAY_LEN]);
bool edit_v_date(const char *text, void *ctx, char *err, size_t errsz);
bool edit_v_word(const struct vocab *v, const char *text, char *err, size_t errsz);
/* Runs the form until save() returns 0 or the user cancels. */
bool edit_run_form(struct tui *ui, struct form *f, int (*save)(struct tui *, struct form *, void *),
                   void *arg);
/* After a save: reload, select id in panel p, say what happened. */
void edit_saved(struct tui *ui, enum panel_id p, const char *id, const char *what,
                const char *title);

/* ---- undo.c: reversing the last closing change ---- */
/* Offers to reverse the change that moved an item from before to after
 * (the panel's item id, titled title); nothing when after is not a
 * closing status that before did not already have.  Replaces any offer. */
void undo_offer_action(struct tui *ui, const struct action *before, const struct action *after);
void undo_offer_risk(struct tui *ui, const struct risk *before, const struct risk *after);
void undo_offer_mandate(struct tui *ui, const char *before, const struct mandate *after);
/* Ends the offer. */
void undo_drop(struct tui *ui);
/* d while an offer stands: reverses it through the panel's reopen. */
void undo_apply(struct tui *ui);
/* u and Ctrl-R: undoes the latest change in the journal (made here or in
 * the shell), or redoes the one the latest undo took back; the status bar
 * says which ("Undone: closed risk ...") or why not, and everything is
 * reloaded.  Any offer to reopen an item is dropped first. */
void undo_journal(struct tui *ui, bool redo);
/* The offer as the status bar shows it, w columns at most:
 * Done: "Ask for the SLA" — d again to reopen.  "" when none. */
void undo_text(const struct tui *ui, int w, char *buf, size_t n);
/* D: shows or hides the focused panel's done and closed items. */
void edit_show_all(struct tui *ui);

/* ---- brief.c: the brief overlay (b) and what a switch records ---- */
void brief_key(struct tui *ui);
void brief_open(struct tui *ui, const char *client_id);
void brief_draw(struct tui *ui);
void brief_free(struct tui *ui);
/* After switching to the current client: records the day worked on it
 * (not on a read-only database) and, with brief_on_switch, opens its
 * brief when it had not been seen today. */
void brief_switched(struct tui *ui);

/* ---- docs.c: R, a document written by a child process ---- */
void docs_key(struct tui *ui);
/* Reaps the writer when it has ended (wait: waits for it) and says on
 * the status bar what it wrote or why not. */
void docs_poll(struct tui *ui, bool wait);

/* ---- tui.c: the loop's clock, shared with the modals and bench.c ---- */
/* A monotonic clock in milliseconds. */
double tui_now_ms(void);
/* After a read that returned ERR and had started at t0: true when ERRs
 * have come back too fast too often, that is stdin is gone (quick counts
 * them; a normal timeout resets it). */
bool tui_input_gone(double t0, int *quick);

/* ---- bench.c ---- */
/* t0: when the dashboard started (tui_now_ms clock), for the first frame. */
int bench_run(struct tui *ui, const struct ui_request *o, double t0);

#endif
