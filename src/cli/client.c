/*
 * client.c: `cxo client add|edit|archive|restore` and the dispatch of
 * `cxo client` (list and show are in client_list.c), and `cxo use`.  A
 * client is named by its key everywhere; its engagement (role, dates,
 * monthly budget, rate) lives on the client row.
 */
#include "cxo/cli.h"

#include <ctype.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "cxo/duration.h"
#include "cxo/money.h"
#include "cxo/text.h"
#include "cxo/vocab.h"

/* Long-only options get values above any character. */
enum {
	O_NAME = 256,
	O_ROLE,
	O_BUDGET,
	O_RATE,
	O_CURRENCY,
	O_START,
	O_END,
	O_INDUSTRY,
	O_EMPLOYEES,
	O_KEY,
	O_STATUS,
};

/* The most hours a monthly budget can hold: every hour of a long month. */

extern const struct cli_command cmd_client_entry;

/* ---- parsing values ---- */

static int parse_budget(const char *text, long *minutes)
{
	char err[256];
	if (!budget_parse(text, minutes, err, sizeof err))
		return app_error(EX_DATAERR, "--budget: %s", err);
	return 0;
}

/* Options of add and edit, validated before the store is opened. */
struct client_change {
	bool key, name, role, status, budget, rate, currency, start, end, industry, employees;
	char key_v[KEY_LEN];
	const char *name_v;
	char role_v[WORD_LEN];
	char status_v[WORD_LEN];
	long budget_v;
	int64_t rate_v;
	char currency_v[4];
	char start_v[DAY_LEN];
	char end_v[DAY_LEN];
	const char *industry_v; /* NULL = clear */
	int employees_v;
};

static bool clears(const char *text)
{
	return !*text || !strcmp(text, "none") || !strcmp(text, "-");
}

static int parse_change(struct cxo_app *app, int opt, char *arg, struct client_change *ch)
{
	char err[256];
	long n;
	int rc = 0;

	switch (opt) {
	case O_KEY:
		if (!client_key_valid(arg, err, sizeof err))
			return app_error(EX_DATAERR, "--key: %s", err);
		snprintf(ch->key_v, sizeof ch->key_v, "%s", arg);
		ch->key = true;
		break;
	case O_NAME:
		ch->name_v = text_trim(arg);
		if (!*ch->name_v)
			return app_error(EX_DATAERR, "--name: the name is empty");
		ch->name = true;
		break;
	case O_ROLE:
		rc = cli_parse_word(&VOCAB_ROLE, "--role", arg, ch->role_v);
		ch->role = true;
		break;
	case O_STATUS:
		rc = cli_parse_word(&VOCAB_CLIENT_STATUS, "--status", arg, ch->status_v);
		ch->status = true;
		break;
	case O_BUDGET:
		rc = parse_budget(arg, &ch->budget_v);
		ch->budget = true;
		break;
	case O_RATE:
		if (!money_parse(arg, &ch->rate_v, err, sizeof err))
			return app_error(EX_DATAERR, "--rate: %s", err);
		ch->rate = true;
		break;
	case O_CURRENCY:
		for (size_t i = 0; i < 3 && arg[i]; i++)
			ch->currency_v[i] = (char)toupper((unsigned char)arg[i]);
		ch->currency_v[3] = '\0';
		if (strlen(arg) != 3 || !currency_valid(ch->currency_v))
			return app_error(EX_DATAERR,
			                 "--currency: bad currency \"%s\" (expected three letters "
			                 "such as USD or EUR)",
			                 arg);
		ch->currency = true;
		break;
	case O_START:
		rc = cli_parse_day(app, "--start", arg, ch->start_v);
		ch->start = true;
		break;
	case O_END:
		ch->end = true;
		if (clears(arg))
			ch->end_v[0] = '\0';
		else
			rc = cli_parse_day(app, "--end", arg, ch->end_v);
		break;
	case O_INDUSTRY:
		ch->industry_v = clears(text_trim(arg)) ? NULL : arg;
		ch->industry = true;
		break;
	case O_EMPLOYEES:
		rc = cli_parse_int("--employees", arg, 0, EMPLOYEES_MAX, &n);
		ch->employees_v = (int)n;
		ch->employees = true;
		break;
	}
	return rc;
}

static int apply_change(const struct client_change *ch, struct client *c)
{
	if (ch->key)
		snprintf(c->key, sizeof c->key, "%s", ch->key_v);
	if (ch->name && cli_set_text(&c->name, ch->name_v))
		return EX_OSERR;
	if (ch->industry && cli_set_text(&c->industry, ch->industry_v))
		return EX_OSERR;
	if (ch->role)
		snprintf(c->role, sizeof c->role, "%s", ch->role_v);
	if (ch->status)
		snprintf(c->status, sizeof c->status, "%s", ch->status_v);
	if (ch->budget)
		c->budget_minutes = ch->budget_v;
	if (ch->rate)
		c->rate_cents = ch->rate_v;
	if (ch->currency)
		snprintf(c->currency, sizeof c->currency, "%s", ch->currency_v);
	if (ch->start)
		snprintf(c->start, sizeof c->start, "%s", ch->start_v);
	if (ch->end)
		snprintf(c->end, sizeof c->end, "%s", ch->end_v);
	if (ch->employees)
		c->employees = ch->employees_v;
	if (c->end[0] && strcmp(c->end, c->start) < 0)
		return app_error(EX_DATAERR, "the end %s is before the start %s", c->end, c->start);
	return 0;
}

/* ---- client add ---- */

#define CLIENT_OPTIONS                                                                             \
	{ "name", required_argument, NULL, O_NAME }, { "role", required_argument, NULL, O_ROLE },  \
	        { "budget", required_argument, NULL, O_BUDGET },                                   \
	        { "rate", required_argument, NULL, O_RATE },                                       \
	        { "currency", required_argument, NULL, O_CURRENCY },                               \
	        { "start", required_argument, NULL, O_START },                                     \
	        { "end", required_argument, NULL, O_END },                                         \
	        { "industry", required_argument, NULL, O_INDUSTRY },                               \
	        { "employees", required_argument, NULL, O_EMPLOYEES },                             \
	{                                                                                          \
		"help", no_argument, NULL, 'h'                                                     \
	}

/* The options and the KEY of add and edit: 0 with *key set,
 * CLI_HELP_SHOWN, or an exit code. */
static int parse_client_args(struct cxo_app *app, const char *sub, const struct option *lo,
                             int argc, char **argv, struct client_change *ch, const char **key)
{
	int opt, rc;

	optind = 0;
	while ((opt = getopt_long(argc, argv, ":h", lo, NULL)) != -1) {
		if (opt == 'h') {
			cli_show_usage(&cmd_client_entry, sub);
			return CLI_HELP_SHOWN;
		}
		if (opt == ':' || opt == '?')
			return cli_option_error(&cmd_client_entry, sub, lo, opt, argv);
		if ((rc = parse_change(app, opt, optarg, ch)))
			return rc;
	}
	if ((rc = cli_operands(&cmd_client_entry, sub, "KEY", argc, argv, optind)))
		return rc;
	*key = argv[optind];
	return 0;
}

static int client_add(struct cxo_app *app, int argc, char **argv)
{
	static const struct option lo[] = { CLIENT_OPTIONS, { NULL, 0, NULL, 0 } };
	struct client_change ch = { 0 };
	struct client c = { 0 };
	char err[256], hours[48];
	const char *key;
	int rc = parse_client_args(app, "add", lo, argc, argv, &ch, &key);

	if (rc)
		return rc == CLI_HELP_SHOWN ? 0 : rc;
	if (!client_key_valid(key, err, sizeof err))
		return app_error(EX_DATAERR, "%s", err);
	if (!ch.name)
		return cli_sub_usage_error(&cmd_client_entry, "add",
		                           "client add: --name is required");

	snprintf(c.key, sizeof c.key, "%s", key);
	snprintf(c.role, sizeof c.role, "cio");
	snprintf(c.status, sizeof c.status, "active");
	snprintf(c.currency, sizeof c.currency, "USD");
	app_today_iso(app, c.start);
	if ((rc = apply_change(&ch, &c))) {
		client_free(&c);
		return rc;
	}

	if ((rc = app_open(app, STORE_WRITE))) {
		client_free(&c);
		return rc;
	}
	bool is_cur, have_cur;
	if ((rc = store_begin(app->st))) {
		client_free(&c);
		return app_store_error(app, rc);
	}
	rc = store_client_add(app->st, &c);
	if (rc) {
		app_store_error(app, rc);
		goto fail;
	}
	if ((rc = app_stored_current(app, NULL, &is_cur, &have_cur)))
		goto fail;
	if (!have_cur && (rc = app_set_current(app, &c)))
		goto fail;
	if ((rc = store_commit(app->st))) {
		app_store_error(app, rc);
		goto fail;
	}

	char *name = text_sanitize(c.name);
	if (c.budget_minutes) {
		char h[32];
		cli_format_hours(app, c.budget_minutes, h, sizeof h);
		snprintf(hours, sizeof hours, "%s a month", h);
	} else {
		snprintf(hours, sizeof hours, "no budget");
	}
	printf("added client %s \"%s\" (%s, %s)%s\n", c.key, name ? name : "", c.role, hours,
	       have_cur ? "" : "; it is now the current client");
	free(name);
	client_free(&c);
	return 0;
fail:
	store_rollback(app->st);
	client_free(&c);
	return rc;
}

/* ---- client edit ---- */

static int client_edit(struct cxo_app *app, int argc, char **argv)
{
	static const struct option lo[] = {
		CLIENT_OPTIONS,
		{ "key", required_argument, NULL, O_KEY },
		{ "status", required_argument, NULL, O_STATUS },
		{ NULL, 0, NULL, 0 },
	};
	struct client_change ch = { 0 };
	const char *key;
	int rc = parse_client_args(app, "edit", lo, argc, argv, &ch, &key);

	if (rc)
		return rc == CLI_HELP_SHOWN ? 0 : rc;
	if (!(ch.key || ch.name || ch.role || ch.status || ch.budget || ch.rate || ch.currency ||
	      ch.start || ch.end || ch.industry || ch.employees))
		return cli_sub_usage_error(&cmd_client_entry, "edit",
		                           "client edit: nothing to change");
	if ((rc = app_open_existing(app)))
		return rc;

	struct client c = { 0 };
	if ((rc = app_load_client(app, key, &c)))
		return rc;
	char old[KEY_LEN];
	snprintf(old, sizeof old, "%s", c.key);
	if (!(rc = apply_change(&ch, &c)) && (rc = store_client_update(app->st, &c)))
		app_store_error(app, rc);
	if (!rc) {
		if (strcmp(old, c.key))
			printf("updated client %s (now %s)\n", old, c.key);
		else
			printf("updated client %s\n", c.key);
	}
	client_free(&c);
	return rc;
}

/* ---- client archive / restore ---- */

static int set_status(struct cxo_app *app, int argc, char **argv, const char *sub,
                      const char *status)
{
	const char *key;
	int rc = cli_one_operand(&cmd_client_entry, sub, "KEY", argc, argv, &key);

	if (rc)
		return rc == CLI_HELP_SHOWN ? 0 : rc;
	if ((rc = app_open_existing(app)))
		return rc;

	struct client c = { 0 };
	if ((rc = app_load_client(app, key, &c)))
		return rc;
	if (!strcmp(c.status, status)) {
		printf("client %s is already %s\n", c.key, status);
		client_free(&c);
		return 0;
	}
	snprintf(c.status, sizeof c.status, "%s", status);
	bool is_cur = false;
	if ((rc = store_client_update(app->st, &c)))
		app_store_error(app, rc);
	else if (!strcmp(status, "ended"))
		rc = app_stored_current(app, c.id, &is_cur, NULL);
	if (!rc) {
		if (!strcmp(status, "ended"))
			printf("archived client %s (ended)%s\n", c.key,
			       is_cur ? "; it is still the current client: switch with 'cxo use "
			                "KEY'"
			              : "");
		else
			printf("restored client %s (active)\n", c.key);
	}
	client_free(&c);
	return rc;
}

static int client_archive(struct cxo_app *app, int argc, char **argv)
{
	return set_status(app, argc, argv, "archive", "ended");
}

static int client_restore(struct cxo_app *app, int argc, char **argv)
{
	return set_status(app, argc, argv, "restore", "active");
}

/* ---- dispatch ---- */

static const struct cli_subcommand client_subs[] = {
	{ "add", client_add },   { "list", cmd_client_list },   { "show", cmd_client_show },
	{ "edit", client_edit }, { "archive", client_archive }, { "restore", client_restore },
};

/* `cxo client` alone, or with list options, lists. */
static int client_run(struct cxo_app *app, int argc, char **argv)
{
	return cli_dispatch(app, &cmd_client_entry, client_subs,
	                    sizeof client_subs / sizeof client_subs[0], cmd_client_list, argc,
	                    argv);
}

const struct cli_command cmd_client_entry = {
	"client",
	client_run,
	"client add KEY --name NAME [--role cio|cto|ciso|interim] [--budget HOURS] [--rate "
	"AMOUNT]\n"
	"       [--currency CODE] [--start DAY] [--end DAY] [--industry TEXT] [--employees N]\n"
	"client list [--all] [--format table|tsv|json]\n"
	"client show KEY\n"
	"client edit KEY [--key NEWKEY] [--name NAME] [--role cio|cto|ciso|interim]\n"
	"       [--status active|paused|ended] [--budget HOURS] [--rate AMOUNT] [--currency CODE]\n"
	"       [--start DAY] [--end DAY] [--industry TEXT] [--employees N]\n"
	"client archive KEY\n"
	"client restore KEY",
	"add, list, show and edit clients and their engagements",
};

/* ---- cxo use ---- */

static int use_run(struct cxo_app *app, int argc, char **argv)
{
	int first, rc = cli_plain_args(&cmd_use_entry, NULL, argc, argv, &first);

	if (rc)
		return rc == CLI_HELP_SHOWN ? 0 : rc;
	if (argc - first > 1)
		return cli_usage_error("use", "unexpected argument \"%s\"", argv[first + 1]);

	struct client c = { 0 };
	if (first == argc) {
		/* Which client, and who chose it. */
		if ((rc = app_client(app, &c)))
			return rc;
		char *name = text_sanitize(c.name);
		const char *src = app->client_where;
		char from[600];
		if (!strcmp(src, "-C"))
			snprintf(from, sizeof from, "from -C");
		else if (!strcmp(src, "CXO_CLIENT"))
			snprintf(from, sizeof from, "from CXO_CLIENT");
		else if (!strcmp(src, "cxo use") || !*src)
			snprintf(from, sizeof from, "stored with 'cxo use'");
		else
			snprintf(from, sizeof from, "from %s", src);
		char *clean_from = text_sanitize(from);
		printf("%s  %s  (%s)\n", c.key, name ? name : "", clean_from ? clean_from : "");
		free(clean_from);
		free(name);
		client_free(&c);
		return 0;
	}

	const char *key = argv[first];
	char err[256];
	if (!client_key_valid(key, err, sizeof err))
		return app_error(EX_DATAERR, "%s", err);
	if ((rc = app_open_existing(app)))
		return rc;
	if ((rc = app_load_client(app, key, &c)))
		return rc;
	if ((rc = app_set_current(app, &c))) {
		client_free(&c);
		return rc;
	}
	char *name = text_sanitize(c.name);
	printf("now using %s (%s)\n", c.key, name ? name : "");
	free(name);
	if (!strcmp(c.status, "ended"))
		app_warn("client %s has ended; 'cxo client restore %s' makes it active again",
		         c.key, c.key);
	/* Say when CXO_CLIENT or a .cxo-client file still wins here. */
	if (app->client_key_source != CLIENT_FROM_FLAG) {
		struct client now = { 0 };
		bool found = false;
		if (!app_client_optional(app, &now, &found) && found && strcmp(now.key, c.key) &&
		    strcmp(app->client_where, "cxo use")) {
			char *src = text_sanitize(app->client_where);
			app_warn("%s still chooses %s here", src ? src : "", now.key);
			free(src);
		}
		client_free(&now);
	}
	client_free(&c);
	return 0;
}

const struct cli_command cmd_use_entry = {
	"use",
	use_run,
	"use [KEY]",
	"set the current client, or show it and where it comes from",
};
