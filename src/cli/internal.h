/*
 * internal.h: the shell's command table and what its files share.  One
 * declarative table of commands: each command and subcommand is a
 * struct cli_command (name, synopsis, summary, options, operands, what it
 * needs, handler), defined next to its handler in its group's file
 * (client.c, mandate.c, hours.c, timer.c, risk.c, action.c, note.c,
 * admin.c, overview.c, ui.c, help.c; the larger groups with their reading
 * side apart in client_list.c, risk_list.c, action_list.c); cli.c holds
 * the top of the table and finds the entry a command line names
 * (commands and subcommands by unique prefix, as tmux does), dispatch.c
 * parses the command line from the entry and runs the handler, usage.c
 * prints usage and help from the table, complete.c answers
 * `cxo __complete`.  Handlers return 0 or a sysexits.h code and print
 * their own messages (app_error, cli_usage).
 */
#ifndef CXO_CLI_INTERNAL_H
#define CXO_CLI_INTERNAL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>

#include "cxo/app.h"
#include "cxo/cli.h"
#include "cxo/config.h"
#include "cxo/date.h"
#include "cxo/store.h"
#include "cxo/vocab.h"

enum output_format { FORMAT_TABLE, FORMAT_TSV, FORMAT_JSON };

/* Command flags: what the dispatcher does before the handler runs. */
enum {
	CMD_READ = 1 << 0,          /* opens the database to read (never creates it) */
	CMD_WRITE = 1 << 1,         /* opens an existing database to write */
	CMD_CREATE = 1 << 2,        /* opens the database to write, creating it */
	CMD_CLIENT = 1 << 3,        /* resolves the client, unless --all-clients is given */
	CMD_DASH_OPERANDS = 1 << 4, /* options end at the first operand (defer ID -1d) */
	CMD_HIDDEN = 1 << 5,        /* not in help, completion or prefix matching */
	CMD_LIST_OPTIONS = 1 << 6,  /* an unknown option's message lists the options */
	CMD_ANY_CONFIG = 1 << 7,    /* runs when the settings file cannot be read
	                               (app->config_rc): reads no settings, or reports
	                               the file itself (status, doctor) */
	CMD_WHOLE_NAME = 1 << 8,    /* only its whole name runs it, never a prefix:
	                               it replaces the database (restore), or its
	                               prefixes belong to an older command (report:
	                               r is risk) */
};

struct cli_call;

/*
 * A command, or a subcommand of a command group.  The synopsis is what
 * follows "cxo NAME " (or "cxo GROUP NAME ") in the usage, one form a
 * line; a group has none of its own unless it also runs (hours).
 * Operands are named as the synopsis names them ("ID DAY", "[KEY]",
 * "DURATION [NOTE]"), optional ones in brackets; KEY, DAY, FILE, COMMAND
 * and SUBCOMMAND are completed.
 */
struct cli_command {
	const char *name;
	const char *synopsis;
	const char *summary;           /* one line for `cxo help` */
	const char *help;              /* more lines for --help, or NULL */
	const struct cli_option *opts; /* ended by a NULL name; NULL for none */
	const char *operands;          /* NULL for none */
	const char *quote;             /* "note": too many operands says "(quote a note of several
	                                  words)" */
	unsigned flags;                /* CMD_* */
	/* Checks that need no database, run before it is opened: a refused
	 * command creates and changes nothing.  NULL for none. */
	int (*check)(struct cli_call *c);
	int (*run)(struct cli_call *c);
	const struct cli_command *const *subs; /* NULL-terminated, or NULL */
	const char *default_sub;               /* run when none is named ("list") */
};

/* The most times an OPT_REPEAT option may be given. */
#define CLI_MAX_REPEAT 32

/* An option as given, read as its kind says. */
struct cli_value {
	const char *text;    /* as given (a flag: its argument); NULL when not given */
	long num;            /* VAL_DURATION, VAL_NUMBER, VAL_FORMAT */
	char day[DAY_LEN];   /* VAL_DAY: YYYY-MM-DD; "" when cleared */
	char word[WORD_LEN]; /* VAL_WORD: the canonical word */
	bool cleared;        /* OPT_CLEARS: none, - or "" */
	/* OPT_REPEAT: every value given, in order (text is the last). */
	const char *all[CLI_MAX_REPEAT];
	int count;
};

#define CLI_MAX_OPTIONS 24

/* One run of a command: what its handler starts with. */
struct cli_call {
	struct cxo_app *app;
	const struct cli_command *cmd;          /* the entry run */
	const struct cli_command *group;        /* its command when cmd is a subcommand */
	char path[48];                          /* "action add", "log": for messages */
	struct cli_value vals[CLI_MAX_OPTIONS]; /* one per cmd->opts entry */
	int argc;                               /* the operands */
	char **argv;
	struct client client; /* CMD_CLIENT: the client this run is for (id[0] == 0 when
	                         --all-clients) */
	bool demo;            /* `cxo --demo` (the ui entry) */
};

/* The commands in the order of `cxo help`, NULL-terminated; each group
 * file defines its entries (cli_client in client.c ...). */
extern const struct cli_command *const cli_commands[];
extern const struct cli_command cli_init, cli_client, cli_use, cli_overview, cli_status,
        cli_mandate, cli_log, cli_hours, cli_start, cli_stop, cli_cancel, cli_risk, cli_action,
        cli_note, cli_backup, cli_restore, cli_doctor, cli_ui, cli_help, cli_synopsis;
/* brief.c */
extern const struct cli_command cli_brief;
/* history.c: the journal of changes */
extern const struct cli_command cli_history, cli_undo, cli_redo;
/* report.c: the documents */
extern const struct cli_command cli_report;
/* exchange.c: the ways in and out */
extern const struct cli_command cli_export, cli_import;
/* sync.c: the same portfolio on several machines */
extern const struct cli_command cli_sync;
/* vendor.c, vendor_list.c: vendors and contracts */
extern const struct cli_command cli_vendor, cli_vendor_list, cli_vendor_spend;
/* After a write command that succeeded: a sync run when the settings
 * say sync_auto and the database is a device of a folder.  Its trouble
 * is a warning; always 0. */
int cli_sync_auto(struct cli_call *c);

enum exchange_format { EXCHANGE_JSON, EXCHANGE_CSV, EXCHANGE_ICS };

/* What `cxo export` was asked for, its options checked. */
struct exchange_out {
	enum exchange_format format;
	const struct client *client; /* NULL: every client */
	const char *path;            /* --output FILE, or NULL for stdout */
	bool force;                  /* --force: FILE may be replaced */
};

/* Each writes the export (the handler's other options read from c) and
 * returns 0 or a sysexits code, having said why.  archive.c: */
int cli_export_json(struct cli_call *c, const struct exchange_out *o);
/* FILE, a cxo archive, into the database (--dry-run, --prefer); the
 * check reads and checks it before the database is opened. */
int cli_import_json(struct cli_call *c, const char *file);
int cli_import_json_check(struct cli_call *c, const char *file);
/* sheet.c: --what, --from, --to, --bom, --raw. */
int cli_export_csv(struct cli_call *c, const struct exchange_out *o);
int cli_export_ics(struct cli_call *c, const struct exchange_out *o);
/* timeimport.c: FILE, a time report of service ("harvest", "toggl"):
 * --dry-run, --map, --create-clients, --skip-unknown, --person,
 * --rounded. */
int cli_import_time(struct cli_call *c, const char *file, const char *service);
/* archive.c: the archive of client (NULL: every client) into path (NULL:
 * stdout), each client's export recorded (client_offboard.c's too). */
int cli_archive_out(struct cli_call *c, const struct client *client, const char *path, bool force);
/* client_offboard.c: `cxo client export` */
extern const struct cli_command cli_client_export;
/* Reads and checks FILE before the database is opened (a refused import
 * creates no database): cli_import_time then imports what it read. */
int cli_import_time_check(struct cli_call *c, const char *file, const char *service);

/* Subcommands that live in a file of their own. */
extern const struct cli_command cli_action_list, cli_action_show, cli_risk_list, cli_client_list,
        cli_client_show, cli_client_purge;
/* "12 entries, 3 mandates and the running timer" ("nothing") into said
 * (client.c). */
void cli_holdings_text(const struct client_holdings *h, char *said, size_t n);

/* No command (group NULL) or subcommand of group named name: "unknown
 * command", "unknown subcommand \"x\" (expected add, list or show)" or
 * "ambiguous subcommand \"d\": use one of defer, done, drop", with the
 * group's usage; returns EX_USAGE. */
int cli_no_such(const struct cli_command *group, const char *name, bool ambiguous);

/* ---- the table, read (usage.c) ---- */

/* The entry in list (NULL-terminated) with this name, or the one it is
 * the only prefix of; hidden entries only by their whole name.  NULL
 * when none, *ambiguous when several. */
const struct cli_command *cli_find(const struct cli_command *const *list, const char *name,
                                   bool *ambiguous);
/* The option of cmd named name ("due"), or NULL. */
const struct cli_option *cli_find_option(const struct cli_command *cmd, const char *name);
/* Usage lines ("usage: cxo action add TITLE ...") of cmd, a subcommand
 * of group when group is not NULL; a group's cover every subcommand. */
void cli_print_usage(FILE *fp, const struct cli_command *group, const struct cli_command *cmd);
/* The usage, the summary, the help text, the options and the
 * subcommands, for --help and `cxo help`. */
void cli_print_command_help(FILE *fp, const struct cli_command *group,
                            const struct cli_command *cmd);
/* "action add TITLE [--due DAY] ..." for each usage form of cmd, one a
 * line, unwrapped (`cxo __synopsis`). */
void cli_print_synopsis(FILE *fp, const struct cli_command *group, const struct cli_command *cmd);

/* The global option (marked OPT_ANYWHERE) that word names after the
 * command entry: "-C", "-Cacme" (not when only_whole), "--client" or
 * "--client=acme", the long name whole; NULL when entry has an option of
 * that name or letter, which wins, or when the word is none.  *value
 * gets a value written in the word itself, or NULL. */
const struct cli_option *cli_global_in(const struct cli_command *entry, const char *word,
                                       bool only_whole, const char **value);

/* Runs argv (argv[0] the command's name) against cmd, a subcommand of
 * group or a command: parses the options, checks the operands, reads the
 * values, opens the store and finds the client as the flags say, then
 * runs the handler (dispatch.c). */
int cli_dispatch(struct cxo_app *app, bool demo, const struct cli_command *group,
                 const struct cli_command *cmd, int argc, char **argv);

/* ---- what handlers use ---- */

/* The option named name ("due") when it was given, else NULL. */
const struct cli_value *cli_opt(const struct cli_call *c, const char *name);
/* Whether it was given. */
bool cli_flag(const struct cli_call *c, const char *name);
/* Its text as given, or NULL. */
const char *cli_text(const struct cli_call *c, const char *name);

/* "cxo: message", then the usage of the command run, on stderr;
 * returns EX_USAGE. */
int cli_usage(const struct cli_call *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Operand i, trimmed in place; an empty one is EX_DATAERR "the LABEL is
 * empty". */
int cli_operand_text(struct cli_call *c, int i, const char *label, char **out);

/* ---- the store, the client, values and formatting (cli.c) ---- */

/* What follows the last '.' of path's file name ("html"), or "". */
const char *cli_path_extension(const char *path);

/* Parsers that print "cxo: bad --due: ..." with the parser's message and
 * return EX_DATAERR on failure. */
int cli_parse_day(struct cxo_app *app, const char *opt, const char *text, char day[DAY_LEN]);
int cli_parse_duration(const char *opt, const char *text, int *minutes);
int cli_parse_int(const char *opt, const char *text, long lo, long hi, long *out);
int cli_parse_format(const char *text, enum output_format *out);
/* Canonical vocabulary word into out (WORD_LEN). */
int cli_parse_word(const struct vocab *v, const char *opt, const char *text, char out[WORD_LEN]);

/* store_resolve_loose into id (an id prefix, else a title of client_id:
 * exact, else the start or a part of a mandate's or risk's); says on
 * stderr which title a start or a part found ("cxo: mandate: Vendor
 * selection").  When nothing or more than one row matches, prints the
 * store's message and returns its code. */
int cli_resolve(struct cxo_app *app, enum store_kind kind, const char *text, const char *client_id,
                char id[UUID_LEN]);
/* The item an operand names (mandate edit ID, risk show ID, action done
 * ID ...): an id prefix of any client's, else, as cli_resolve, a title
 * of the client chosen here (none chosen: ids only). */
int cli_resolve_item(struct cxo_app *app, enum store_kind kind, const char *text,
                     char id[UUID_LEN]);

/* Replaces the string *field owns with a copy of value; NULL and ""
 * (not set) store NULL.  Prints "out of memory" and returns EX_OSERR
 * when the copy fails, leaving *field as it was. */
int cli_set_text(char **field, const char *value);

/* Prints free text on stdout through text_sanitize; NULL prints nothing. */
void cli_put_text(const char *text);

/* ---- billing.c ---- */
extern const struct cli_command cli_hours_lock, cli_hours_unlock, cli_hours_locks;
/* "19.5h of 20h (18h + 2h rolled over), 1.5h over": a month's billed
 * hours against what its budget makes available. */
void cli_billed_text(struct cxo_app *app, const struct billing_month *bm, char *buf, size_t n);
/* A client's month as a statement sees it. */
struct cli_month_billing {
	bool shapes;             /* its terms change the hours billed (rounding, rollover) */
	struct billing_month bm; /* the month, when shapes */
	bool locked;             /* locked as invoiced */
	struct month_lock lock;  /* the lock, when locked (month_lock_free) */
};
/* Fills out for the client's month (c: id, key, start, budget, rate);
 * 0, or a code after its message. */
int cli_month_billing(struct cxo_app *app, const struct client *c, int year, int month,
                      struct cli_month_billing *out);
/* Adds "billing" (when shapes) and "lock" (when locked) to a summary
 * object; non-zero when out of memory. */
struct json_t;
int cli_billing_json(struct cxo_app *app, const struct cli_month_billing *mb, int year, int month,
                     struct json_t *o);
/* "locked on 2026-12-01, invoice INV-7": a month's lock. */
void cli_lock_text(const struct month_lock *l, char *buf, size_t n);

/* Day as the configured display format ("" stays ""). */
void cli_format_day(const struct cxo_app *app, const char *iso, char *buf, size_t n);
/* Minutes as configured (14.5h or 14:30). */
void cli_format_hours(const struct cxo_app *app, long minutes, char *buf, size_t n);
/* "PREFIXlogged 1.5h for acme on 2026-11-23 (entry 3f2a19c0); 3.5h of 25h
 * this month": the line after an entry is written.  The month's total
 * (against the budget, "in 2026-10" for another month) comes from c; it
 * is left out when c is NULL or the total cannot be read, since the entry
 * is stored either way. */
void cli_print_logged(struct cxo_app *app, const char *prefix, const struct entry *e,
                      const struct client *c);

/* True when fmt is a valid `status --format`: every '%' followed by a
 * placeholder or another '%'.  Otherwise *bad is the character after the
 * first bad '%' ('\0' for a lone one at the end). */
bool cli_status_format_valid(const char *fmt, char *bad);

/* ---- tables: one builder for table, tsv and json output ---- */

enum col_kind { COL_TEXT, COL_NUM, COL_INT, COL_BOOL };
/* COL_NUM: right-aligned text; COL_INT/COL_BOOL: JSON integers/booleans
 * (their text is a decimal integer, or "0"/"1"; "" is JSON null).  TSV
 * prints a COL_BOOL cell as true or false ("" stays empty). */

enum cell_color { CC_NONE, CC_RED, CC_YELLOW, CC_GREEN, CC_DIM, CC_BOLD, CC_CYAN, CC_MAGENTA };

struct table;

/* NULL only when out of memory. */
struct table *table_new(enum output_format fmt, bool color);
/* header is shown in tables, json_key names JSON fields and TSV headers. */
void table_column(struct table *t, const char *header, const char *json_key, enum col_kind kind);
/* Starts a row; cells then fill it left to right. */
void table_row(struct table *t);
/* Adds a cell to the current row; text is copied and sanitised; NULL = "". */
void table_cell(struct table *t, const char *text);
/* The same, in a colour (shown only when the table has colour on). */
void table_cell_color(struct table *t, const char *text, enum cell_color color);
/* A cell from a printf format (up to 511 bytes). */
void table_cellf(struct table *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* A cell holding a decimal integer. */
void table_cell_long(struct table *t, long v);
/* An id cell: whole in JSON, its short form in tables and TSV. */
void table_cell_id(struct table *t, const char *id);
/* v as indented JSON on fp, every code point sanitising drops (C1 and
 * bidi controls, zero widths, U+2028, U+2029) escaped as \uXXXX so that
 * no terminal or line-splitting reader sees it raw.  0, EX_IOERR or
 * EX_OSERR (said). */
struct json_t;
int cli_json_dump(const struct json_t *v, FILE *fp);
/* Prints everything; tables get aligned columns (by display width), TSV a
 * header line, JSON an array of objects.  Returns 0 or EX_IOERR. */
int table_print(struct table *t, FILE *fp);
/* Frees the table and every cell (NULL is fine). */
void table_free(struct table *t);

/* "actions   2 open" (the label in width columns), then a line for each
 * open action: its short id, its due day relative to today, its title,
 * its owner and the person it waits for (action_list.c: risk show and
 * mandate show). */
void cli_print_open_actions(const struct cxo_app *app, const struct action_list *al, int width);

/* A pace in a sentence: its level's name, "ok (too early to tell)"
 * before the month's projection is judged (cli.c). */
const char *cli_pace_words(const struct pace *p);

/* The colour of a risk level (cli.c): critical and high red, medium
 * yellow, low green. */
enum cell_color cli_risk_level_color(enum risk_level level);

#endif
