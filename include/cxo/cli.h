/*
 * cli.h: the shell, as main() sees it: the global options, the entry
 * point, completion and the top-level help.  The command table and
 * everything the commands share are in src/cli/internal.h.  The shell
 * never touches ncurses nor the dashboard's code.
 */
#ifndef CXO_CLI_H
#define CXO_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "cxo/app.h"
#include "cxo/vocab.h"

/* ---- options, as the command table and main() declare them ---- */

/* What an option's value (or an operand) is: how the dispatcher reads it
 * and what `cxo __complete` offers for it. */
enum cli_value_kind {
	VAL_FLAG,     /* no value */
	VAL_TEXT,     /* free text, as given */
	VAL_DAY,      /* a day (see DATES): read into value.day as YYYY-MM-DD */
	VAL_DURATION, /* read into value.num as minutes */
	VAL_NUMBER,   /* a whole number from lo to hi, into value.num */
	VAL_WORD,     /* a word of the option's vocabulary, canonical into value.word */
	VAL_FORMAT,   /* table, tsv or json, into value.num (enum output_format) */
	VAL_MONTH,    /* YYYY-MM, this, last or next, as given */
	VAL_TIME,     /* HH:MM, as given */
	VAL_ID,       /* an id prefix or an exact title, as given */
	VAL_CLIENT,   /* a client key, as given (completed from the database) */
	VAL_FILE,     /* a file name, as given (completed from the directory) */
	VAL_CHOICE,   /* one of the option's words, as given */
};

/* Option flags. */
enum {
	OPT_CLEARS = 1 << 0,   /* "none", "-" or "" clear it: value.cleared, value.day "" */
	OPT_RAW = 1 << 1,      /* the handler reads the value (its kind is for completion) */
	OPT_HIDDEN = 1 << 2,   /* accepted, never shown (--colour) */
	OPT_ANYWHERE = 1 << 3, /* a global option also taken after the command */
	OPT_REPEAT = 1 << 4,   /* may be given several times: every value kept, in order */
};

struct cli_option {
	const char *name;          /* long name, without "--" */
	char letter;               /* short option, 0 for none */
	const char *arg;           /* the value as the usage names it ("DAY"); NULL for a flag */
	enum cli_value_kind kind;  /* VAL_FLAG when arg is NULL */
	const char *help;          /* one line for --help */
	const struct vocab *vocab; /* VAL_WORD */
	const char *words;         /* words completion offers besides the kind's ("none") */
	long lo, hi;               /* VAL_NUMBER */
	unsigned flags;            /* OPT_* */
	const char *missing;       /* the message when the value is missing, if not
	                              "--NAME needs a value" */
};

/* The global options (main.c parses them), ended by a NULL name. */
extern const struct cli_option cli_global_options[];

/* A global option given after the command. */
struct cli_global_use {
	const struct cli_option *opt; /* in cli_global_options */
	const char *value;
};

/*
 * Takes the global options marked OPT_ANYWHERE (-d, -c, -C, --color)
 * out of a command line (argv[0] the command's name, argv[*argc] NULL)
 * wherever they come before "--", unless the command has an option of
 * the same name or letter, which wins: main() applies them as if given
 * before the command, in their order, after those given there.  Fills
 * uses (at most max) and *n, and closes the gaps in argv.  0, or
 * EX_USAGE after the message when one lacks its value.
 */
int cli_take_globals(int *argc, char **argv, struct cli_global_use *uses, int max, int *n);

/* Entry from main(): argv[0] is the command name (none: the dashboard);
 * demo is `cxo --demo`. */
int cli_run(struct cxo_app *app, bool demo, int argc, char **argv);
/* `cxo __complete WORDS...` (complete.c): the candidates for the last
 * word, one a line, on stdout; quiet, and never creates a database.
 * Always returns 0. */
int cli_complete(const struct app_options *globals, int argc, char **argv);
/* `cxo help`: the commands with their summaries and the global options. */
void cli_print_help(FILE *fp);
/* "cxo: message" and "Try 'cxo help'." on stderr; returns EX_USAGE. */
int cli_top_usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
