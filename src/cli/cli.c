/*
 * cli.c: the command table, dispatch, and the helpers every command
 * shares: parsing values and formatting days and hours.  Errors, the
 * store and the client choice are the app layer's (app.h).
 * Usage text and argument parsing are in usage.c.
 */
#include "cxo/cli.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "cxo/duration.h"
#include "cxo/text.h"
#include "cxo/vocab.h"

/* The order is the order of `cxo help`. */
const struct cli_command *const cli_commands[] = {
	&cmd_init_entry,
	&cmd_client_entry,
	&cmd_use_entry,
	&cmd_overview_entry,
	&cmd_status_entry,
	&cmd_mandate_entry,
	&cmd_log_entry,
	&cmd_hours_entry,
	&cmd_start_entry,
	&cmd_stop_entry,
	&cmd_cancel_entry,
	&cmd_risk_entry,
	&cmd_action_entry,
	&cmd_note_entry,
	&cmd_backup_entry,
	&cmd_doctor_entry,
	NULL,
};

void cli_print_help(FILE *fp)
{
	fputs("usage: cxo [-d DB] [-c CONFIG] [-C CLIENT] [--color=auto|always|never] COMMAND "
	      "[ARGS]\n"
	      "       cxo -h | -V | help COMMAND\n\n"
	      "The cockpit of a fractional technology executive: clients, mandates,\n"
	      "hours, risks, next actions and notes.\n\nCommands:\n",
	      fp);
	for (size_t i = 0; cli_commands[i]; i++)
		fprintf(fp, "  %-10s %s\n", cli_commands[i]->name, cli_commands[i]->summary);
	fprintf(fp, "  %-10s %s\n", "ui",
	        "the full-screen dashboard (also plain 'cxo' on a terminal)");
	fputs("\n'cxo help COMMAND' or 'cxo COMMAND --help' shows a command's usage.\n"
	      "See cxo(1) for everything.\n",
	      fp);
}

/* Exact name, or an unambiguous prefix (as tmux does). */
const struct cli_command *cli_find(const char *name)
{
	const struct cli_command *found = NULL;
	size_t len = strlen(name);
	int matches = 0;
	if (!len)
		return NULL;
	for (size_t i = 0; cli_commands[i]; i++) {
		if (!strcmp(cli_commands[i]->name, name))
			return cli_commands[i];
		if (!strncmp(cli_commands[i]->name, name, len)) {
			found = cli_commands[i];
			matches++;
		}
	}
	return matches == 1 ? found : NULL;
}

static int cli_help_command(int argc, char **argv)
{
	if (argc < 2) {
		cli_print_help(stdout);
		return 0;
	}
	const struct cli_command *cmd = cli_find(argv[1]);
	if (!cmd)
		return app_error(EX_USAGE, "unknown command \"%s\" (see 'cxo help')", argv[1]);
	cli_print_usage(stdout, cmd);
	printf("\n%s\n", cmd->summary);
	return 0;
}

static void list_prefix_matches(const char *name)
{
	size_t len = strlen(name);
	fputs("cxo: did you mean:", stderr);
	for (size_t i = 0; cli_commands[i]; i++)
		if (!strncmp(cli_commands[i]->name, name, len))
			fprintf(stderr, " %s", cli_commands[i]->name);
	fputc('\n', stderr);
}

int cli_run(struct cxo_app *app, int argc, char **argv)
{
	if (!strcmp(argv[0], "help"))
		return cli_help_command(argc, argv);
	const struct cli_command *cmd = cli_find(argv[0]);
	if (!cmd) {
		size_t len = strlen(argv[0]);
		int matches = 0;
		for (size_t i = 0; cli_commands[i]; i++)
			matches += len && !strncmp(cli_commands[i]->name, argv[0], len);
		app_error(EX_USAGE, "%s command \"%s\" (see 'cxo help')",
		          matches > 1 ? "ambiguous" : "unknown", argv[0]);
		if (matches > 1)
			list_prefix_matches(argv[0]);
		return EX_USAGE;
	}
	argv[0] = (char *)cmd->name;
	int rc = cmd->run(app, argc, argv);
	if (app->st) {
		store_close(app->st);
		app->st = NULL;
	}
	return rc;
}

int cli_resolve(struct cxo_app *app, enum store_kind kind, const char *text, const char *client_id,
                char id[UUID_LEN])
{
	int rc = store_resolve(app->st, kind, text, client_id, id);
	return rc ? app_store_error(app, rc) : 0;
}

/* ---- parsing arguments ---- */

int cli_parse_day(struct cxo_app *app, const char *opt, const char *text, char day[DAY_LEN])
{
	char err[256];
	cxo_day d;
	if (!date_parse(text, app->today, app->cfg.week_start, &d, err, sizeof err))
		return app_error(EX_DATAERR, "%s: %s", opt, err);
	date_format_iso(d, day);
	return 0;
}

int cli_parse_duration(const char *opt, const char *text, int *minutes)
{
	char err[256];
	if (!duration_parse(text, minutes, err, sizeof err))
		return app_error(EX_DATAERR, "%s: %s", opt, err);
	return 0;
}

int cli_parse_int(const char *opt, const char *text, long lo, long hi, long *out)
{
	if (!text_to_long(text, lo, hi, out))
		return app_error(EX_DATAERR,
		                 "%s: bad number \"%s\" (expected a whole number %ld to %ld)", opt,
		                 text, lo, hi);
	return 0;
}

int cli_parse_format(const char *text, enum output_format *out)
{
	if (!strcmp(text, "table"))
		*out = FORMAT_TABLE;
	else if (!strcmp(text, "tsv"))
		*out = FORMAT_TSV;
	else if (!strcmp(text, "json"))
		*out = FORMAT_JSON;
	else
		return app_error(EX_USAGE,
		                 "--format: unknown format \"%s\" (expected table, tsv or json)",
		                 text);
	return 0;
}

int cli_parse_word(const struct vocab *v, const char *opt, const char *text, char out[WORD_LEN])
{
	char err[256];
	const char *w = vocab_match(v, text, err, sizeof err);
	if (!w)
		return app_error(EX_DATAERR, "%s: %s", opt, err);
	snprintf(out, WORD_LEN, "%s", w);
	return 0;
}

/* ---- formatting ---- */

void cli_format_day(const struct cxo_app *app, const char *iso, char *buf, size_t n)
{
	cxo_day d;
	if (!iso || !*iso) {
		snprintf(buf, n, "%s", "");
		return;
	}
	const char *fmt = app->cfg.date_format ? app->cfg.date_format : "%Y-%m-%d";
	/* Stored days are already ISO: the default format is a copy. */
	if (!strcmp(fmt, "%Y-%m-%d") && strlen(iso) == 10 && n > 10) {
		memcpy(buf, iso, 11);
		return;
	}
	if (!date_parse_iso(iso, &d) || !date_format(d, fmt, buf, n))
		snprintf(buf, n, "%s", iso);
}

void cli_format_hours(const struct cxo_app *app, long minutes, char *buf, size_t n)
{
	duration_format(minutes, app->cfg.hours_style, buf, n);
}

int cli_set_text(char **field, const char *value)
{
	return text_replace(field, value) ? 0 : app_error(EX_OSERR, "out of memory");
}

void cli_put_text(const char *text)
{
	char *clean = text_sanitize(text);
	fputs(clean ? clean : "", stdout);
	free(clean);
}

enum cell_color cli_risk_level_color(enum risk_level level)
{
	switch (level) {
	case RISK_CRITICAL:
	case RISK_HIGH:
		return CC_RED;
	case RISK_MEDIUM:
		return CC_YELLOW;
	case RISK_LOW:
	case RISK_LEVEL_COUNT:
		break;
	}
	return CC_GREEN;
}
