/*
 * cli.c: the command table's top (each group file defines its entries),
 * the global options, finding the command and subcommand a command line
 * names, and the helpers every command shares: parsing values and
 * formatting days and hours.  Errors, the store and the client choice
 * are the app layer's (app.h).  The parser is in dispatch.c, what is
 * printed from the table in usage.c.
 */
#include "internal.h"

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
	&cli_init,    &cli_client,  &cli_use,    &cli_overview, &cli_brief, /* brief.c */
	&cli_status,  &cli_mandate, &cli_log,    &cli_hours,    &cli_start,  &cli_stop,
	&cli_cancel,  &cli_risk,    &cli_action, &cli_note,     &cli_vendor, /* vendor.c */
	&cli_history,                                                        /* history.c */
	&cli_undo,    &cli_redo,    &cli_report,                             /* report.c */
	&cli_export,  &cli_import,                                           /* exchange.c */
	&cli_sync,                                                           /* sync.c */
	&cli_backup,  &cli_restore, &cli_doctor, &cli_ui,       &cli_help,   &cli_synopsis,
	NULL,
};

/* main() parses these (getopt_long, from this table); help, completion
 * and cxo(1)'s GLOBAL OPTIONS read them here. */
const struct cli_option cli_global_options[] = {
	{ .name = "db",
	  .letter = 'd',
	  .arg = "DB",
	  .kind = VAL_FILE,
	  .flags = OPT_ANYWHERE,
	  .help = "the database file (else CXO_DB, the settings, the default)" },
	{ .name = "config",
	  .letter = 'c',
	  .arg = "CONFIG",
	  .kind = VAL_FILE,
	  .flags = OPT_ANYWHERE,
	  .help = "the settings file (else CXO_CONFIG, ~/.config/cxo/config)" },
	{ .name = "client",
	  .letter = 'C',
	  .arg = "CLIENT",
	  .kind = VAL_CLIENT,
	  .flags = OPT_ANYWHERE,
	  .help = "the client of this command only" },
	{ .name = "color",
	  .arg = "auto|always|never",
	  .kind = VAL_CHOICE,
	  .words = "auto always never",
	  .flags = OPT_ANYWHERE,
	  .help = "colour in tables (auto: on a terminal, unless NO_COLOR)" },
	{ .name = "colour",
	  .arg = "auto|always|never",
	  .kind = VAL_CHOICE,
	  .words = "auto always never",
	  .flags = OPT_HIDDEN | OPT_ANYWHERE },
	{ .name = "demo", .help = "the dashboard on a throwaway copy of the sample portfolio" },
	{ .name = "help", .letter = 'h', .help = "list the commands" },
	{ .name = "version", .letter = 'V', .help = "print the version" },
	{ .name = NULL },
};

int cli_top_usage_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	app_vsay("cxo: ", fmt, ap, "\nTry 'cxo help'.\n");
	va_end(ap);
	return EX_USAGE;
}

/* "add, list or show" (expected), or "defer, done, drop" (the prefix's
 * matches), from the table so that it cannot go stale. */
static void names_of(const struct cli_command *const *list, const char *prefix, const char *last,
                     char *buf, size_t n)
{
	size_t len = strlen(prefix), used = 0, count = 0, k = 0;
	/* A prefix's matches leave out what only its whole name runs. */
	unsigned skip = len ? CMD_HIDDEN | CMD_WHOLE_NAME : CMD_HIDDEN;
	buf[0] = '\0';
	for (size_t i = 0; list[i]; i++)
		count += !(list[i]->flags & skip) && !strncmp(list[i]->name, prefix, len);
	for (size_t i = 0; list[i] && used < n; i++) {
		if ((list[i]->flags & skip) || strncmp(list[i]->name, prefix, len) != 0)
			continue;
		const char *sep = k == 0 ? "" : k + 1 == count ? last : ", ";
		int w = snprintf(buf + used, n - used, "%s%s", sep, list[i]->name);
		if (w < 0)
			break;
		used += (size_t)w;
		k++;
	}
}

int cli_no_such(const struct cli_command *group, const char *name, bool ambiguous)
{
	const struct cli_command *const *list = group ? group->subs : cli_commands;
	const char *what = group ? "subcommand" : "command";
	char shown[64], names[256];
	text_sanitize_into(name, shown, sizeof shown);
	if (ambiguous) {
		names_of(list, name, ", ", names, sizeof names);
		fprintf(stderr, "cxo: ambiguous %s \"%s\": use one of %s\n", what, shown, names);
	} else if (group) {
		names_of(list, "", " or ", names, sizeof names);
		fprintf(stderr, "cxo: unknown subcommand \"%s\" (expected %s)\n", shown, names);
	} else {
		fprintf(stderr, "cxo: unknown command \"%s\" (see 'cxo help')\n", shown);
	}
	if (group)
		cli_print_usage(stderr, NULL, group);
	return EX_USAGE;
}

int cli_run(struct cxo_app *app, bool demo, int argc, char **argv)
{
	static char ui_name[] = "ui";
	char *ui_argv[] = { ui_name, NULL };
	const struct cli_command *cmd, *group = NULL;
	bool ambiguous;
	if (argc < 1) {
		argc = 1;
		argv = ui_argv;
	}
	if (!(cmd = cli_find(cli_commands, argv[0], &ambiguous)))
		return cli_no_such(NULL, argv[0], ambiguous);
	argv[0] = (char *)cmd->name;
	if (cmd->subs) {
		const struct cli_command *sub = NULL;
		if (argc >= 2 && argv[1][0] != '-') {
			if (!(sub = cli_find(cmd->subs, argv[1], &ambiguous)))
				return cli_no_such(cmd, argv[1], ambiguous);
			argc--;
			argv++;
			argv[0] = (char *)sub->name;
		} else if (argc >= 2 && (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help"))) {
			cli_print_command_help(stdout, NULL, cmd);
			return 0;
		} else if (!cmd->run && cmd->default_sub) {
			sub = cli_find(cmd->subs, cmd->default_sub, &ambiguous);
		} else if (!cmd->run) { /* a group that runs nothing alone (report) */
			char names[256];
			names_of(cmd->subs, "", ", ", names, sizeof names);
			fprintf(stderr, "cxo: %s: missing SUBCOMMAND (expected one of %s)\n",
			        cmd->name, names);
			cli_print_usage(stderr, NULL, cmd);
			return EX_USAGE;
		}
		if (sub) {
			group = cmd;
			cmd = sub;
		}
	}
	/* The history says which command made a write. */
	char prefix[64];
	snprintf(prefix, sizeof prefix, "cxo%s%s", group ? " " : "", group ? group->name : "");
	int rc = app_set_origin_argv(app, prefix, argc, argv);
	if (!rc)
		rc = cli_dispatch(app, demo, group, cmd, argc, argv);
	if (app->st) {
		store_close(app->st);
		app->st = NULL;
	}
	return rc;
}

static const char *kind_name(enum store_kind kind)
{
	switch (kind) {
	case KIND_MANDATE:
		return "mandate";
	case KIND_RISK:
		return "risk";
	case KIND_ACTION:
		return "action";
	case KIND_ENTRY:
		return "entry";
	case KIND_NOTE:
		break;
	}
	return "note";
}

/* ---- global options after the command ---- */

const struct cli_option *cli_global_in(const struct cli_command *entry, const char *word,
                                       bool only_whole, const char **value)
{
	*value = NULL;
	if (word[0] != '-' || !word[1])
		return NULL;
	for (const struct cli_option *g = cli_global_options; g->name; g++) {
		if (!(g->flags & OPT_ANYWHERE))
			continue;
		if (word[1] == '-') { /* --client, --client=acme: the whole name */
			size_t len = strlen(g->name);
			if (strncmp(word + 2, g->name, len) != 0 ||
			    (word[2 + len] && word[2 + len] != '='))
				continue;
			/* The command's own option of that name wins. */
			if (cli_find_option(entry, g->name))
				return NULL;
			*value = word[2 + len] ? word + 3 + len : NULL;
			return g;
		}
		if (!g->letter || word[1] != g->letter || (only_whole && word[2]))
			continue;
		for (const struct cli_option *o = entry->opts; o && o->name; o++)
			if (o->letter == g->letter)
				return NULL;
		*value = word[2] ? word + 2 : NULL; /* -C acme, -Cacme */
		return g;
	}
	return NULL;
}

/* How many words the command's own option in argv[i] takes: 2 when its
 * value is the next word, else 1 (an unknown one: the parser says so). */
static int own_option_words(const struct cli_command *entry, int argc, char **argv, int i)
{
	const char *a = argv[i];
	if (a[1] == '-') {
		const char *name = a + 2, *eq = strchr(name, '=');
		size_t len = eq ? (size_t)(eq - name) : strlen(name);
		const struct cli_option *found = NULL;
		int matches = 0;
		for (const struct cli_option *o = entry->opts; len && o && o->name; o++) {
			if (strncmp(o->name, name, len) != 0)
				continue;
			found = o;
			matches++;
			if (!o->name[len]) {
				matches = 1;
				break;
			}
		}
		return matches == 1 && found->arg && !eq && i + 1 < argc ? 2 : 1;
	}
	for (const char *p = a + 1; *p; p++) {
		const struct cli_option *o = NULL;
		for (const struct cli_option *x = entry->opts; x && x->name; x++)
			if (x->letter == *p)
				o = x;
		if (!o)
			return 1;
		if (o->arg)
			return !p[1] && i + 1 < argc ? 2 : 1;
	}
	return 1;
}

/* The global option at argv[i], if it is one: the words it takes (1 or
 * 2), 0 when it is not one, -1 after the message when its value is
 * missing. */
static int take_global(const struct cli_command *entry, int argc, char **argv, int i,
                       bool only_whole, struct cli_global_use *u)
{
	const char *value;
	const struct cli_option *g = cli_global_in(entry, argv[i], only_whole, &value);
	if (!g)
		return 0;
	u->opt = g;
	u->value = value;
	if (value)
		return 1;
	if (i + 1 >= argc) {
		cli_top_usage_error("option %s needs a value", argv[i]);
		return -1;
	}
	u->value = argv[i + 1];
	return 2;
}

int cli_take_globals(int *argc, char **argv, struct cli_global_use *uses, int max, int *n)
{
	int in = 1, out = 1, words;
	bool ambiguous, only_operands = false;
	*n = 0;
	if (*argc < 1)
		return 0;
	const struct cli_command *cmd = cli_find(cli_commands, argv[0], &ambiguous), *entry = cmd;
	if (!cmd || (cmd->flags & CMD_HIDDEN)) /* the parser's to refuse; __complete's words */
		return 0;
	/* A group: any right after its name, then the subcommand. */
	if (cmd->subs) {
		while (in < *argc && *n < max &&
		       (words = take_global(cmd, *argc, argv, in, false, &uses[*n])) != 0) {
			if (words < 0)
				return EX_USAGE;
			(*n)++;
			in += words;
		}
		if (in < *argc && argv[in][0] != '-') {
			if (!(entry = cli_find(cmd->subs, argv[in], &ambiguous)))
				entry = cmd; /* the parser says it is no subcommand */
			argv[out++] = argv[in++];
		} else if (!cmd->run && cmd->default_sub) {
			entry = cli_find(cmd->subs, cmd->default_sub, &ambiguous);
		}
		if (!entry)
			entry = cmd;
	}
	while (in < *argc) {
		char *a = argv[in];
		if (!strcmp(a, "--")) { /* the rest is the command's */
			while (in < *argc)
				argv[out++] = argv[in++];
			break;
		}
		if (*n < max &&
		    (words = take_global(entry, *argc, argv, in, only_operands, &uses[*n])) != 0) {
			if (words < 0)
				return EX_USAGE;
			(*n)++;
			in += words;
			continue;
		}
		if (only_operands || a[0] != '-' || !a[1]) {
			/* defer ID -1d: options end at the first operand */
			only_operands = only_operands || (entry->flags & CMD_DASH_OPERANDS);
			argv[out++] = argv[in++];
			continue;
		}
		words = own_option_words(entry, *argc, argv, in);
		while (words-- > 0)
			argv[out++] = argv[in++];
	}
	argv[out] = NULL;
	*argc = out;
	return 0;
}

int cli_resolve(struct cxo_app *app, enum store_kind kind, const char *text, const char *client_id,
                char id[UUID_LEN])
{
	enum store_match how;
	char title[4096];
	int rc = store_resolve_loose(app->st, kind, text, client_id, id, &how, title, sizeof title);
	if (rc)
		return app_store_error(app, rc);
	/* Not the exact title: say which one the name found. */
	if (how == STORE_MATCH_START || how == STORE_MATCH_PART) {
		char *clean = text_sanitize(title);
		fprintf(stderr, "cxo: %s: %s\n", kind_name(kind), clean ? clean : title);
		free(clean);
	}
	return 0;
}

int cli_resolve_item(struct cxo_app *app, enum store_kind kind, const char *text, char id[UUID_LEN])
{
	char low[UUID_LEN];
	int rc = EX_NOINPUT;
	/* Something that cannot be an id is only looked up as a title. */
	if (uuid_prefix_normalize(text, low)) {
		rc = store_resolve(app->st, kind, text, NULL, id);
		if (rc != EX_NOINPUT)
			return rc ? app_store_error(app, rc) : 0;
	}
	struct client c = { 0 };
	bool found = false;
	if ((rc = app_client_optional(app, &c, &found))) {
		client_free(&c);
		return rc;
	}
	if (found)
		rc = cli_resolve(app, kind, text, c.id, id);
	else if ((rc = store_resolve(app->st, kind, text, NULL, id))) /* only ids: it says so */
		rc = app_store_error(app, rc);
	client_free(&c);
	return rc;
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

const char *cli_pace_words(const struct pace *p)
{
	if (p->level == PACE_OK && !p->judged && p->budget_minutes > 0)
		return "ok (too early to tell)";
	return pace_level_name(p->level);
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

const char *cli_path_extension(const char *path)
{
	const char *slash = strrchr(path, '/');
	const char *dot = strrchr(slash ? slash : path, '.');
	return dot ? dot + 1 : "";
}
