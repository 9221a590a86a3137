/*
 * cli.h: the shell interface.  One table of commands (cli.c); one file per
 * command group (client.c, mandate.c, hours.c, timer.c, risk.c, action.c,
 * note.c, admin.c, overview.c), the larger groups with their reading side
 * apart (client_list.c, risk_list.c, action_list.c).  usage.c holds what
 * every command does with its arguments.  Commands return 0 or a
 * sysexits.h code and print their own messages through cli_error().  The
 * CLI never touches ncurses.
 */
#ifndef CXO_CLI_H
#define CXO_CLI_H

#include <getopt.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>

#include "cxo/app.h"
#include "cxo/config.h"
#include "cxo/date.h"
#include "cxo/store.h"
#include "cxo/vocab.h"

enum output_format { FORMAT_TABLE, FORMAT_TSV, FORMAT_JSON };

struct cli_command {
	const char *name;
	int (*run)(struct cxo_app *app, int argc, char **argv); /* argv[0] = name */
	const char *usage;   /* lines after "usage: cxo ", '\n'-separated */
	const char *summary; /* one line for `cxo help` */
};

/* The table (cli.c), NULL-terminated.  Each group file defines its
 * entries, e.g. cmd_client_entry in client.c. */
extern const struct cli_command *const cli_commands[];

extern const struct cli_command cmd_init_entry, cmd_client_entry, cmd_use_entry, cmd_mandate_entry,
        cmd_log_entry, cmd_hours_entry, cmd_start_entry, cmd_stop_entry, cmd_cancel_entry,
        cmd_risk_entry, cmd_action_entry, cmd_note_entry, cmd_overview_entry, cmd_status_entry,
        cmd_backup_entry, cmd_doctor_entry;

/* Subcommands that live in a file of their own (action_list.c,
 * risk_list.c, client_list.c), run by their group's cli_dispatch table:
 * argv[0] is the subcommand's name. */
int cmd_action_list(struct cxo_app *app, int argc, char **argv);
int cmd_action_show(struct cxo_app *app, int argc, char **argv);
int cmd_risk_list(struct cxo_app *app, int argc, char **argv);
int cmd_client_list(struct cxo_app *app, int argc, char **argv);
int cmd_client_show(struct cxo_app *app, int argc, char **argv);

/* True for an action still to do: todo or waiting (action_list.c). */
bool cli_action_is_open(const struct action *a);

/* Entry from main(): argv[0] is the command name. */
int cli_run(struct cxo_app *app, int argc, char **argv);
/* The command with this name, or the one it is an unambiguous prefix of. */
const struct cli_command *cli_find(const char *name);
/* `cxo help`: every command with its summary, on fp. */
void cli_print_help(FILE *fp);

/* ---- usage and arguments (usage.c) ---- */

/* cmd's usage lines ("usage: cxo ...") on fp. */
void cli_print_usage(FILE *fp, const struct cli_command *cmd);

/* Usage error for cmd: message, then its usage; returns EX_USAGE. */
int cli_usage_error(const char *cmd_name, const char *fmt, ...)
        __attribute__((format(printf, 2, 3)));

/* Prints the usage lines of one subcommand of cmd ("client add" and its
 * continuation lines), or the whole usage when sub is NULL. */
void cli_sub_usage(FILE *fp, const struct cli_command *cmd, const char *sub);
/* Message, then the subcommand's usage, on stderr; returns EX_USAGE. */
int cli_sub_usage_error(const struct cli_command *cmd, const char *sub, const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));
/* getopt_long returned ':' or '?': names the option ("--due needs a
 * value", "--all takes no value", "unknown option \"--bogus\"", long
 * options by their --name from lo) and prints the usage of sub, or the
 * whole usage when sub is NULL; returns EX_USAGE. */
int cli_option_error(const struct cli_command *cmd, const char *sub, const struct option *lo, int c,
                     char **argv);

/* Prints the usage of cmd (of its subcommand sub, when not NULL) on
 * stdout for -h; returns 0, the exit code. */
int cli_show_usage(const struct cli_command *cmd, const char *sub);

/* True when an argument before "--" is an explicit --help / -h. */
bool cli_wants_help(int argc, char **argv);

/* Returned by the argument helpers below once -h has printed the usage:
 * the caller returns 0. */
#define CLI_HELP_SHOWN (-1)

/* Arguments of a command (of its subcommand sub, when not NULL) whose
 * only option is -h/--help: 0 with *first at the first operand,
 * CLI_HELP_SHOWN, or EX_USAGE after cli_option_error. */
int cli_plain_args(const struct cli_command *cmd, const char *sub, int argc, char **argv,
                   int *first);
/* The same with the whole usage.  With dash_operands, options end at the first operand so that
 * later ones may start with '-' (action defer ID -1d), and -h anywhere
 * before "--" is still help. */
int cli_plain_args_typed(const struct cli_command *cmd, bool dash_operands, int argc, char **argv,
                         int *first);

/* Arguments of "CMD SUB -h | CMD SUB OPERAND" (client show KEY, hours rm
 * ID): 0 with *operand pointing into argv, CLI_HELP_SHOWN, or EX_USAGE
 * after "CMD SUB: missing WHAT" or an unexpected argument, with sub's
 * usage. */
int cli_one_operand(const struct cli_command *cmd, const char *sub, const char *what, int argc,
                    char **argv, const char **operand);

/* The operands named in names ("ID", "ID DAY"), from argv[first]: too
 * few is "CMD SUB: missing NAME" (the first one missing), too many "CMD
 * SUB: unexpected argument \"...\"", both EX_USAGE with sub's usage. */
int cli_operands(const struct cli_command *cmd, const char *sub, const char *names, int argc,
                 char **argv, int first);

/* The one free-text operand of "CMD SUB TEXT" (mandate add TITLE, note
 * add TEXT), argv[first], trimmed in place into *text.  None is "CMD SUB:
 * missing WHAT" and more than one "CMD SUB: unexpected argument ... (quote
 * a NOUN of several words)", both EX_USAGE with sub's usage; an empty one
 * is EX_DATAERR "the LABEL is empty". */
int cli_text_operand(const struct cli_command *cmd, const char *sub, const char *what,
                     const char *noun, const char *label, int argc, char **argv, int first,
                     char **text);

/* One subcommand of a command group; run gets argv[0] = its name. */
struct cli_subcommand {
	const char *name;
	int (*run)(struct cxo_app *app, int argc, char **argv);
};

/*
 * Runs the subcommand argv[1] of cmd from subs (n of them) with argv
 * shifted past cmd.  No argument, or an option where the subcommand
 * goes, runs default_run with argv as it is (cxo risk --all lists);
 * -h/--help prints cmd's usage.  Any other word is a usage error:
 * unknown subcommand "X" (expected add, list or show), from subs.
 */
int cli_dispatch(struct cxo_app *app, const struct cli_command *cmd,
                 const struct cli_subcommand *subs, size_t n,
                 int (*default_run)(struct cxo_app *app, int argc, char **argv), int argc,
                 char **argv);

/* ---- the store, the client, values and formatting (cli.c) ---- */

/* Parsers that print "cxo: bad --due: ..." with the parser's message and
 * return EX_DATAERR on failure. */
int cli_parse_day(struct cxo_app *app, const char *opt, const char *text, char day[DAY_LEN]);
int cli_parse_duration(const char *opt, const char *text, int *minutes);
int cli_parse_int(const char *opt, const char *text, long lo, long hi, long *out);
int cli_parse_format(const char *text, enum output_format *out);
/* Canonical vocabulary word into out (WORD_LEN). */
int cli_parse_word(const struct vocab *v, const char *opt, const char *text, char out[WORD_LEN]);

/* store_resolve into id (an id prefix; see there for titles and
 * client_id); when nothing or more than one row matches, prints the
 * store's message and returns its code. */
int cli_resolve(struct cxo_app *app, enum store_kind kind, const char *text, const char *client_id,
                char id[UUID_LEN]);

/* Replaces the string *field owns with a copy of value; NULL and ""
 * (not set) store NULL.  Prints "out of memory" and returns EX_OSERR
 * when the copy fails, leaving *field as it was. */
int cli_set_text(char **field, const char *value);

/* Prints free text on stdout through text_sanitize; NULL prints nothing. */
void cli_put_text(const char *text);

/* Day as the configured display format ("" stays ""). */
void cli_format_day(const struct cxo_app *app, const char *iso, char *buf, size_t n);
/* Minutes as configured (14.5h or 14:30). */
void cli_format_hours(const struct cxo_app *app, long minutes, char *buf, size_t n);
/* "PREFIXlogged 1.5h for acme on 2026-11-23 (entry 3f2a19c0); 3.5h of 25.0h
 * this month": the line after an entry is written.  The month's total
 * (against the budget, "in 2026-10" for another month) comes from c; it
 * is left out when c is NULL or the total cannot be read, since the entry
 * is stored either way. */
void cli_print_logged(struct cxo_app *app, const char *prefix, const struct entry *e,
                      const struct client *c);

/* ---- tables: one builder for table, tsv and json output ---- */

enum col_kind { COL_TEXT, COL_NUM, COL_INT, COL_BOOL };
/* COL_NUM: right-aligned text; COL_INT/COL_BOOL: JSON integers/booleans
 * (their text is a decimal integer, or "0"/"1"; "" is JSON null). */

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
/* Prints everything; tables get aligned columns (by display width), TSV a
 * header line, JSON an array of objects.  Returns 0 or EX_IOERR. */
int table_print(struct table *t, FILE *fp);
/* Frees the table and every cell (NULL is fine). */
void table_free(struct table *t);

/* The colour of a risk level (cli.c): critical and high red, medium
 * yellow, low green. */
enum cell_color cli_risk_level_color(enum risk_level level);

#endif
