/*
 * app.h: what the shell and the dashboard share.
 *
 * main() fills one struct cxo_app from the global options, the
 * environment and the settings, with today and now from one clock read;
 * both front ends then open the store, choose the client and report
 * errors through it, so neither knows the other.  The business rules
 * they apply are in rules.h; the sample portfolio in app_load_sample.
 *
 * Functions returning int return 0 or a sysexits.h code, having printed
 * their own message ("cxo: ..." on stderr) unless they say otherwise.
 */
#ifndef CXO_APP_H
#define CXO_APP_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>

#include "cxo/billing.h"
#include "cxo/config.h"
#include "cxo/date.h"
#include "cxo/pace.h"
#include "cxo/records.h"
#include "cxo/store.h"
#include "cxo/theme.h"

enum color_mode { COLOR_AUTO, COLOR_ALWAYS, COLOR_NEVER };

/* Where the database path came from, in the order they are tried. */
enum db_source { DB_FROM_FLAG, DB_FROM_ENV, DB_FROM_CONFIG, DB_FROM_XDG, DB_FROM_HOME };

/* Where the client choice came from, in the order they are tried. */
enum client_source {
	CLIENT_NONE,
	CLIENT_FROM_FLAG,   /* -C KEY */
	CLIENT_FROM_ENV,    /* CXO_CLIENT */
	CLIENT_FROM_FILE,   /* .cxo-client in the working directory or above */
	CLIENT_FROM_STORED, /* `cxo use` */
};

/* What `cxo ui`, plain `cxo` on a terminal and `cxo --demo` ask of the
 * dashboard. */
struct ui_request {
	bool demo;          /* on a throwaway copy of the sample portfolio */
	bool list_keys;     /* print the key table ("KEY<TAB>HELP") and return */
	int bench_switch;   /* > 0: time this many client switches ... */
	const char *report; /* ... appending the result to this file */
};

struct cxo_app;
/* The dashboard's entry point, which main() puts in app->dashboard: the
 * shell's `ui` command runs it from there, so the shell never includes
 * the dashboard's code (nor the reverse). */
typedef int app_dashboard_fn(struct cxo_app *app, const struct ui_request *r);

/* The global options, as main() parsed them (NULL = not given). */
struct app_options {
	const char *db;     /* -d, --db */
	const char *config; /* -c, --config */
	const char *client; /* -C, --client */
	enum color_mode color_mode;
};

/* The longest origin recorded with a write, in bytes (NUL included). */
#define APP_ORIGIN_LEN 208

struct cxo_app {
	char *db_path; /* NULL when no location is known (no HOME) */
	enum db_source db_source;
	/* The client named by -C or CXO_CLIENT (NULL when neither): an
	 * explicit choice, stronger than anything remembered. */
	const char *client_key;
	enum client_source client_key_source;
	/* Where the last app_client* found its client: "-C", "CXO_CLIENT",
	 * the .cxo-client path or "cxo use". */
	char client_where[512];
	bool ignore_client_choice; /* only the stored current client counts */
	enum color_mode color_mode;
	bool color; /* colour on stdout: app_color_for(stdout a colour terminal) */
	struct config cfg;
	/* The settings file could not be read (EX_CONFIG): cfg holds the
	 * defaults and config_error the message, "FILE:LINE: ...".  Only the
	 * commands that say so run like that (app_require_config). */
	int config_rc;
	char config_error[1024];
	cxo_day today;    /* local date, from the same read as now */
	int64_t now;      /* unix seconds */
	struct store *st; /* opened by app_open, closed by app_free */
	/* What the writes of this run are recorded as made by ("cxo risk
	 * close 3f2a", "dashboard"): app_set_origin; "" when not said. */
	char origin[APP_ORIGIN_LEN];
	enum store_mode st_mode;
	app_dashboard_fn *dashboard; /* set by main() */
};

/* prefix, the formatted message, then suffix, on stderr: the one place
 * cxo's messages are written.  Each line of the message is sanitised
 * (text_sanitize), so an argument, a path or a file's text named in it
 * can carry no escape sequence or control to the terminal; prefix and
 * suffix are cxo's own and written as they are. */
void app_vsay(const char *prefix, const char *fmt, va_list ap, const char *suffix)
        __attribute__((format(printf, 2, 0)));
/* "cxo: message" on stderr; returns code so that `return app_error(...)`
 * reads naturally. */
int app_error(int code, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* "cxo: warning: message" on stderr. */
void app_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * Fills app: reads the settings (-c, then CXO_CONFIG, then the default
 * location), resolves colour (--color, NO_COLOR, a terminal), the
 * database path and the explicit client, and reads the clock once.
 * A settings file that cannot be read is not a failure here: app gets
 * the default settings, config_rc and config_error, and says nothing
 * (see app_require_config).  On failure app is still safe to app_free.
 */
int app_init(struct cxo_app *app, const struct app_options *o);
/* 0 when the settings were read; otherwise prints the settings file's
 * error ("cxo: FILE:LINE: ...") and returns its code, EX_CONFIG.  Every
 * command but those that report a bad file themselves (status, doctor)
 * asks this before it runs. */
int app_require_config(const struct cxo_app *app);
/* Closes the store and frees everything app_init made. */
void app_free(struct cxo_app *app);

/* The one colour rule: --color=always or never decide; otherwise colour
 * when the output can show it (capable) and NO_COLOR is unset or empty. */
bool app_color_for(const struct cxo_app *app, bool capable);

/* Reads the clock again (the dashboard, once a second); true when the
 * day changed. */
bool app_clock_tick(struct cxo_app *app);
/* today as YYYY-MM-DD. */
void app_today_iso(const struct cxo_app *app, char day[DAY_LEN]);

/* True when no file exists at the database path (ENOENT only). */
bool app_db_missing(const struct cxo_app *app);

/*
 * Opens the database.  STORE_WRITE creates it with a one-line notice on
 * stderr; STORE_READ never writes, and a missing file is "no database at
 * PATH yet: run 'cxo init' or add a client".  Idempotent; a read handle
 * is reopened for writing when a write is asked for.
 */
int app_open(struct cxo_app *app, enum store_mode mode);
/* app_open, saying "created database PATH" on stderr only when announce
 * is true: a throwaway demo database is not news, and `cxo init` says it
 * on stdout itself. */
int app_open_store(struct cxo_app *app, enum store_mode mode, bool announce);
/* True when the database cannot be written where it is (a read-only
 * mount, a file or a directory the user may not write): the dashboard
 * then opens it read only. */
bool app_db_read_only(const struct cxo_app *app);
/* Opens an existing database for writing; never creates one. */
int app_open_existing(struct cxo_app *app);
/* What the following writes are recorded as made by in the history:
 * origin sanitised and cut to APP_ORIGIN_LEN; handed to the store now
 * when it is open, else when it is opened (with journal_days). */
int app_set_origin(struct cxo_app *app, const char *origin);
/* The origin of a shell command: prefix ("cxo risk") and the words of
 * argv, each word sanitised, one longer than 40 bytes cut with "...",
 * quoted when it holds a space; then app_set_origin. */
int app_set_origin_argv(struct cxo_app *app, const char *prefix, int argc, char *const *argv);
/* Prints the store's last message (or "database error"); returns rc. */
int app_store_error(struct cxo_app *app, int rc);

/*
 * The client this run is for: -C, then CXO_CLIENT, then .cxo-client in
 * the working directory or a parent, then the stored current client.
 * app_client: none chosen, or an unknown key, prints a message listing
 * the keys and returns non-zero.  app_client_optional: none chosen is
 * 0 with *found false.  out is released with client_free.
 */
int app_client(struct cxo_app *app, struct client *out);
int app_client_optional(struct cxo_app *app, struct client *out, bool *found);
/* The client with this key; when there is none, says so and lists every
 * key, archived ones too. */
int app_load_client(struct cxo_app *app, const char *key, struct client *out);
/* Calls fn with the path of each .cxo-client in the working directory
 * and its parents, nearest first, that names key. */
void app_client_files_naming(const char *key, void (*fn)(const char *path, void *ctx), void *ctx);
/* Makes c the stored current client. */
int app_set_current(struct cxo_app *app, const struct client *c);
/* Deletes c, a client created by mistake, when it holds nothing, and
 * forgets it as the stored current client if it was (*was_current), in
 * one transaction.  A client that holds anything is EX_DATAERR with no
 * message, *held saying what it holds, for the caller to say. */
int app_client_remove(struct cxo_app *app, const struct client *c, struct client_holdings *held,
                      bool *was_current);
/* What app_client_purge removed. */
struct client_purged {
	struct client_holdings held;
	long locks;       /* locked months */
	bool was_current; /* it was the stored current client, now forgotten */
	bool removed;     /* the rows are gone (committed) */
	bool scrubbed;    /* the file was rebuilt and its -wal emptied */
};
/* Removes c and everything it holds for good, in one transaction, with
 * the database taken for this process alone (EX_TEMPFAIL while another
 * cxo has it open), then rebuilds the file so no page keeps its text.
 * A failure of the rebuild, after the rows went, leaves removed true and
 * scrubbed false. */
int app_client_purge(struct cxo_app *app, const struct client *c, struct client_purged *out);
/* Reads the stored current client: *is when it is id (id may be NULL);
 * *valid, when valid is not NULL, when it names a client that exists. */
int app_stored_current(struct cxo_app *app, const char *id, bool *is, bool *valid);

/* The theme the settings name, loaded into out (theme_free releases it). */
int app_load_theme(const struct cxo_app *app, struct theme *out);

/* ---- the portfolio (portfolio.c) ---- */

/* What `cxo overview` and the dashboard's portfolio show, one row per
 * active client in tab order. */
struct portfolio {
	bool loaded;
	struct summary_list sums; /* the client, hours this month, open counts */
	struct pace *paces;       /* sums.n: this month's pace against the budget */
	struct action *next;      /* sums.n, or NULL: the open action due first
	                             (next[i].id[0] == 0 when none has a date) */
	long budgets_total;       /* monthly budgets of the rows */
	long used_total;          /* minutes logged this month over the rows */
	long unlisted_minutes;    /* ... and for clients not in the rows (paused,
	                             ended): the month's work is theirs too */
	int year, month;
};

/* Reads the portfolio as of app->today; with_next also finds each
 * client's next action.  Prints nothing: on failure returns the store's
 * code (its message in store_error) or EX_OSERR, out untouched. */
int app_portfolio_load(struct cxo_app *app, bool with_next, struct portfolio *out);
/* Releases p and leaves it empty (not loaded). */
void portfolio_free(struct portfolio *p);

/* ---- a note's text, and the editor it is written in (notes.c) ---- */

/* The most a note's text may be read from a file, a pipe or the
 * editor, in bytes (the store then counts its characters). */
#define NOTE_READ_MAX (1024 * 1024)

/* The length in bytes of a note's first line; *more (may be NULL) gets
 * how many of the lines after it are not blank, the "+3 lines" a list
 * shows beside it. */
size_t note_first_line(const char *text, int *more);

/* All of fd (standard input: 0) in *out, the caller's to free, tidied
 * as the editor's text is; what names it in messages ("standard input").
 * EX_DATAERR for more than NOTE_READ_MAX bytes or a NUL byte, EX_IOERR
 * when reading fails; the message in err, nothing printed. */
int app_read_text(int fd, const char *what, char **out, char *err, size_t errsz);

/*
 * Writes initial (NULL or "": nothing) to a private temporary file
 * (mkstemp in $TMPDIR, else /tmp; mode 0600), runs the editor ($VISUAL,
 * else $EDITOR, else vi) on it through /bin/sh -c, so the variable may
 * hold arguments ("code -w"), with the terminal cxo has, and reads the
 * file back into *out, the caller's to free: line ends made "\n", blank
 * lines and spaces at both ends dropped ("" when nothing is left).  The
 * file is removed afterwards whatever happens.  While the editor runs,
 * SIGINT and SIGQUIT are left to it, SIGTSTP stops cxo as by default
 * (not through curses), and a SIGHUP or SIGTERM is held
 * until the file is gone, then delivered (nothing is read back then).
 * A dashboard suspends curses around the call.  Prints nothing: on
 * failure returns EX_CANTCREAT, EX_IOERR, EX_UNAVAILABLE (the editor
 * could not run or exited non-zero), EX_DATAERR, EX_TEMPFAIL (a signal)
 * or EX_OSERR, with the message in err and *out NULL.
 */
int app_edit_text(const char *initial, char **out, char *err, size_t errsz);

/* ---- the sample portfolio (sample.c) ---- */

/*
 * Loads the sample portfolio (four clients, dates around today) into the
 * open, writable store in one transaction: all of it or nothing.  *added
 * gets the number of clients added.
 */
int app_load_sample(struct cxo_app *app, int *added);

/*
 * A throwaway database holding the sample portfolio, for `cxo --demo`:
 * made in a new private directory under $TMPDIR (or /tmp), whose path
 * goes into dir; app then points at it, open for writing, with the
 * client choice ignored.  app_remove_demo deletes the directory.
 */
#define APP_DEMO_DIR_LEN 4096
int app_make_demo(struct cxo_app *app, char dir[APP_DEMO_DIR_LEN]);
void app_remove_demo(struct cxo_app *app, const char *dir);

/* ---- billing (billing.c): the rules of cxo/billing.h over the store ---- */

/* The stored terms as the billing rules take them (unknown words read
 * as the defaults: up, per entry). */
void app_billing_terms(const struct client_terms *ct, struct billing_terms *out);
/* Whether the terms change the hours a month bills (a rounding
 * increment or a rollover): without, a statement bills the billable
 * hours as recorded against the plain budget. */
bool app_billing_shapes_hours(const struct billing_terms *t);
/*
 * The client's month (year, month) under terms t: its entries and those
 * of the month before (for what rolls in; nothing rolls in when the
 * engagement began this month), rounded, against the client's budget
 * and rate.  Reads those two months only.  0 or the store's code.
 */
int app_billing_month(struct store *st, const struct client *c, const struct billing_terms *t,
                      int year, int month, struct billing_month *out);

#endif
