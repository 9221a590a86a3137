/*
 * client.c: `cxo client add|list|show|edit|archive|restore` and `cxo use`.
 * A client is named by its key everywhere; its engagement (role, dates,
 * monthly budget, rate) lives on the client row.
 */
#include "cxo/cli.h"

#include <ctype.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "cxo/duration.h"
#include "cxo/money.h"
#include "cxo/pace.h"
#include "cxo/risk.h"
#include "cxo/text.h"
#include "cxo/vocab.h"

/* Long-only options get values above any character. */
enum {
	O_NAME = 256, O_ROLE, O_BUDGET, O_RATE, O_CURRENCY, O_START, O_END,
	O_INDUSTRY, O_EMPLOYEES, O_KEY, O_STATUS, O_ALL, O_FORMAT,
};

/* The most hours a monthly budget can hold: every hour of a long month. */
#define BUDGET_MAX_MINUTES (31L * 24 * 60)

extern const struct cli_command cmd_client_entry;

/* ---- usage and option errors ---- */

/* Returned after printing -h output: the caller exits 0. */
#define HELP_SHOWN (-1)

/* A subcommand taking only -h and one KEY: sets *key, or returns
 * HELP_SHOWN or EX_USAGE. */
static int key_operand(int argc, char **argv, const char *sub, const char **key)
{
	static const struct option lo[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int opt;

	optind = 0;
	while ((opt = getopt_long(argc, argv, ":h", lo, NULL)) != -1) {
		if (opt != 'h')
			return cli_option_error(&cmd_client_entry, sub, lo, opt, argv);
		cli_sub_usage(stdout, &cmd_client_entry, sub);
		return HELP_SHOWN;
	}
	if (optind >= argc)
		return cli_sub_usage_error(&cmd_client_entry, sub, "client %s: missing KEY", sub);
	if (argc - optind > 1)
		return cli_sub_usage_error(&cmd_client_entry, sub, "client %s: unexpected argument \"%s\"", sub, argv[optind + 1]);
	*key = argv[optind];
	return 0;
}

/* ---- parsing values ---- */

/* Hours a month: 20, 12.5, 20h, 12:30, or a duration such as 90m. */
static int parse_budget(const char *text, long *minutes)
{
	const char *p = text;
	long whole = 0, num = 0, den = 1;
	int ndigits = 0;

	while (isdigit((unsigned char)*p)) {
		whole = whole * 10 + (*p++ - '0');
		ndigits++;
		if (whole > BUDGET_MAX_MINUTES)
			goto bad;
	}
	if (*p == ':' && ndigits && isdigit((unsigned char)p[1]) && isdigit((unsigned char)p[2]) && !p[3]) {
		long mm = (p[1] - '0') * 10 + (p[2] - '0');
		if (mm > 59)
			goto bad;
		*minutes = whole * 60 + mm;
		goto range;
	}
	if (*p == '.') {
		p++;
		while (isdigit((unsigned char)*p)) {
			if (den < 100000) {
				num = num * 10 + (*p - '0');
				den *= 10;
			}
			p++;
			ndigits++;
		}
	}
	if (*p == 'h' || *p == 'H')
		p++;
	if (!*p && ndigits) {
		*minutes = whole * 60 + (num * 60 + den / 2) / den;
		goto range;
	}
	/* 90m, 1h30m ... */
	int m;
	char err[8];
	if (duration_parse(text, &m, err, sizeof err)) {
		*minutes = m;
		return 0;
	}
bad:
	return cli_error(EX_DATAERR, "--budget: bad hours \"%s\" (expected hours a month such as 20, 12.5, 20h or 12:30)",
	                 text);
range:
	if (*minutes > BUDGET_MAX_MINUTES)
		return cli_error(EX_DATAERR, "--budget: \"%s\" is more hours than a month has (at most 744)", text);
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
	const char *industry_v;  /* NULL = clear */
	int employees_v;
};

static bool clears(const char *text)
{
	return !*text || !strcmp(text, "none") || !strcmp(text, "-");
}

static int parse_change(struct cli *cli, int opt, char *arg, struct client_change *ch)
{
	char err[256];
	long n;
	int rc = 0;

	switch (opt) {
	case O_KEY:
		if (!client_key_valid(arg, err, sizeof err))
			return cli_error(EX_DATAERR, "--key: %s", err);
		snprintf(ch->key_v, sizeof ch->key_v, "%s", arg);
		ch->key = true;
		break;
	case O_NAME:
		ch->name_v = text_trim(arg);
		if (!*ch->name_v)
			return cli_error(EX_DATAERR, "--name: the name is empty");
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
			return cli_error(EX_DATAERR, "--rate: %s", err);
		ch->rate = true;
		break;
	case O_CURRENCY:
		for (size_t i = 0; i < 3 && arg[i]; i++)
			ch->currency_v[i] = (char)toupper((unsigned char)arg[i]);
		ch->currency_v[3] = '\0';
		if (strlen(arg) != 3 || !currency_valid(ch->currency_v))
			return cli_error(EX_DATAERR, "--currency: bad currency \"%s\" (expected three letters such as USD or EUR)",
			                 arg);
		ch->currency = true;
		break;
	case O_START:
		rc = cli_parse_day(cli, "--start", arg, ch->start_v);
		ch->start = true;
		break;
	case O_END:
		ch->end = true;
		if (clears(arg))
			ch->end_v[0] = '\0';
		else
			rc = cli_parse_day(cli, "--end", arg, ch->end_v);
		break;
	case O_INDUSTRY:
		ch->industry_v = clears(text_trim(arg)) ? NULL : arg;
		ch->industry = true;
		break;
	case O_EMPLOYEES:
		rc = cli_parse_int("--employees", arg, 0, 10000000, &n);
		ch->employees_v = (int)n;
		ch->employees = true;
		break;
	}
	return rc;
}

static int set_text(char **field, const char *v)
{
	char *copy = NULL;
	if (v && !(copy = strdup(v)))
		return cli_error(EX_OSERR, "out of memory");
	free(*field);
	*field = copy;
	return 0;
}

static int apply_change(const struct client_change *ch, struct client *c)
{
	if (ch->key)
		snprintf(c->key, sizeof c->key, "%s", ch->key_v);
	if (ch->name && set_text(&c->name, ch->name_v))
		return EX_OSERR;
	if (ch->industry && set_text(&c->industry, ch->industry_v))
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
		return cli_error(EX_DATAERR, "the end %s is before the start %s", c->end, c->start);
	return 0;
}

/* Loads a client by key; names the known keys when there is none. */
static int load_client(struct cli *cli, const char *key, struct client *c)
{
	int rc = store_client_get(cli->st, key, c);
	if (rc == EX_NOINPUT) {
		struct client_list l = {0};
		cli_error(rc, "no client \"%s\"", key);
		if (!store_client_list(cli->st, true, &l) && l.n) {
			fputs("cxo: clients:", stderr);
			for (size_t i = 0; i < l.n; i++)
				fprintf(stderr, " %s", l.items[i].key);
			fputc('\n', stderr);
		}
		client_list_free(&l);
		return rc;
	}
	return rc ? cli_store_error(cli, rc) : 0;
}

/* True when id is the stored current client. */
static int stored_current(struct cli *cli, const char *id, bool *is, bool *valid)
{
	char *cur = NULL;
	int rc = store_setting_get(cli->st, "current_client", &cur);
	*is = false;
	if (valid)
		*valid = false;
	if (rc)
		return cli_store_error(cli, rc);
	if (cur) {
		*is = id && !strcmp(cur, id);
		if (valid) {
			struct client c = {0};
			rc = store_client_get_by_id(cli->st, cur, &c);
			client_free(&c);
			if (rc && rc != EX_NOINPUT) {
				free(cur);
				return cli_store_error(cli, rc);
			}
			*valid = rc == 0;
		}
	}
	free(cur);
	return 0;
}

/* ---- client add ---- */

#define CLIENT_OPTIONS \
	{ "name", required_argument, NULL, O_NAME }, \
	{ "role", required_argument, NULL, O_ROLE }, \
	{ "budget", required_argument, NULL, O_BUDGET }, \
	{ "rate", required_argument, NULL, O_RATE }, \
	{ "currency", required_argument, NULL, O_CURRENCY }, \
	{ "start", required_argument, NULL, O_START }, \
	{ "end", required_argument, NULL, O_END }, \
	{ "industry", required_argument, NULL, O_INDUSTRY }, \
	{ "employees", required_argument, NULL, O_EMPLOYEES }, \
	{ "help", no_argument, NULL, 'h' }

static int client_add(struct cli *cli, int argc, char **argv)
{
	static const struct option lo[] = { CLIENT_OPTIONS, { NULL, 0, NULL, 0 } };
	struct client_change ch = {0};
	struct client c = {0};
	char err[256], hours[48];
	int opt, rc;

	optind = 0;
	while ((opt = getopt_long(argc, argv, ":h", lo, NULL)) != -1) {
		if (opt == 'h') {
			cli_sub_usage(stdout, &cmd_client_entry, "add");
			return 0;
		}
		if (opt == ':' || opt == '?')
			return cli_option_error(&cmd_client_entry, "add", lo, opt, argv);
		if ((rc = parse_change(cli, opt, optarg, &ch)))
			return rc;
	}
	if (optind >= argc)
		return cli_sub_usage_error(&cmd_client_entry, "add", "client add: missing KEY");
	if (argc - optind > 1)
		return cli_sub_usage_error(&cmd_client_entry, "add", "client add: unexpected argument \"%s\"", argv[optind + 1]);
	const char *key = argv[optind];
	if (!client_key_valid(key, err, sizeof err))
		return cli_error(EX_DATAERR, "%s", err);
	if (!ch.name)
		return cli_sub_usage_error(&cmd_client_entry, "add", "client add: --name is required");

	snprintf(c.key, sizeof c.key, "%s", key);
	snprintf(c.role, sizeof c.role, "cio");
	snprintf(c.status, sizeof c.status, "active");
	snprintf(c.currency, sizeof c.currency, "USD");
	date_format_iso(cli->today, c.start);
	if ((rc = apply_change(&ch, &c))) {
		client_free(&c);
		return rc;
	}

	if ((rc = cli_open(cli, STORE_WRITE))) {
		client_free(&c);
		return rc;
	}
	bool is_cur, have_cur;
	if ((rc = store_begin(cli->st))) {
		client_free(&c);
		return cli_store_error(cli, rc);
	}
	rc = store_client_add(cli->st, &c);
	if (rc) {
		cli_store_error(cli, rc);
		goto fail;
	}
	if ((rc = stored_current(cli, NULL, &is_cur, &have_cur)))
		goto fail;
	if (!have_cur && (rc = cli_set_current(cli, &c)))
		goto fail;
	if ((rc = store_commit(cli->st))) {
		cli_store_error(cli, rc);
		goto fail;
	}

	char *name = text_sanitize(c.name);
	if (c.budget_minutes) {
		char h[32];
		cli_format_hours(cli, c.budget_minutes, h, sizeof h);
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
	store_rollback(cli->st);
	client_free(&c);
	return rc;
}

/* ---- client list ---- */

static enum cell_color status_color(const char *status)
{
	if (!strcmp(status, "paused"))
		return CC_YELLOW;
	if (!strcmp(status, "ended"))
		return CC_DIM;
	return CC_NONE;
}

static int client_list(struct cli *cli, int argc, char **argv)
{
	static const struct option lo[] = {
		{ "all", no_argument, NULL, O_ALL },
		{ "format", required_argument, NULL, O_FORMAT },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	enum output_format fmt = FORMAT_TABLE;
	bool all = false;
	int opt, rc;

	optind = 0;
	while ((opt = getopt_long(argc, argv, ":h", lo, NULL)) != -1) {
		switch (opt) {
		case 'h':
			cli_sub_usage(stdout, &cmd_client_entry, "list");
			return 0;
		case O_ALL:
			all = true;
			break;
		case O_FORMAT:
			if ((rc = cli_parse_format(optarg, &fmt)))
				return rc;
			break;
		default:
			return cli_option_error(&cmd_client_entry, "list", lo, opt, argv);
		}
	}
	if (optind < argc)
		return cli_sub_usage_error(&cmd_client_entry, "list", "client list: unexpected argument \"%s\"", argv[optind]);
	if ((rc = cli_open(cli, STORE_READ)))
		return rc;

	struct client_list l = {0};
	if ((rc = store_client_list(cli->st, all, &l)))
		return cli_store_error(cli, rc);
	char *cur = NULL;
	if ((rc = store_setting_get(cli->st, "current_client", &cur))) {
		client_list_free(&l);
		return cli_store_error(cli, rc);
	}
	if (fmt == FORMAT_TABLE && !l.n) {
		printf("no %sclients: add one with 'cxo client add KEY --name NAME'\n", all ? "" : "active ");
		client_list_free(&l);
		free(cur);
		return 0;
	}

	bool json = fmt == FORMAT_JSON;
	struct table *t = table_new(fmt, cli->color);
	if (!t) {
		client_list_free(&l);
		free(cur);
		return cli_error(EX_OSERR, "out of memory");
	}
	if (json)
		table_column(t, "ID", "id", COL_TEXT);
	table_column(t, "KEY", "key", COL_TEXT);
	table_column(t, "NAME", "name", COL_TEXT);
	table_column(t, "ROLE", "role", COL_TEXT);
	table_column(t, "STATUS", "status", COL_TEXT);
	table_column(t, "BUDGET", json ? "budget_minutes" : "budget", json ? COL_INT : COL_NUM);
	table_column(t, "RATE", json ? "rate_cents" : "rate", json ? COL_INT : COL_NUM);
	if (json)
		table_column(t, "CURRENCY", "currency", COL_TEXT);
	table_column(t, "START", "start", COL_TEXT);
	table_column(t, "END", "end", COL_TEXT);
	if (json) {
		table_column(t, "INDUSTRY", "industry", COL_TEXT);
		table_column(t, "EMPLOYEES", "employees", COL_INT);
		table_column(t, "CURRENT", "current", COL_BOOL);
	}
	for (size_t i = 0; i < l.n; i++) {
		const struct client *c = &l.items[i];
		bool is_cur = cur && !strcmp(cur, c->id);
		char buf[64];
		table_row(t);
		if (json)
			table_cell(t, c->id);
		table_cell_color(t, c->key, is_cur ? CC_BOLD : CC_NONE);
		table_cell(t, c->name);
		table_cell(t, c->role);
		table_cell_color(t, c->status, status_color(c->status));
		if (json) {
			table_cell_long(t, c->budget_minutes);
			table_cellf(t, "%lld", (long long)c->rate_cents);
			table_cell(t, c->currency);
			table_cell(t, c->start);
			table_cell(t, c->end);
			table_cell(t, c->industry);
			if (c->employees)
				table_cell_long(t, c->employees);
			else
				table_cell(t, "");
			table_cell(t, is_cur ? "1" : "0");
			continue;
		}
		if (c->budget_minutes) {
			cli_format_hours(cli, c->budget_minutes, buf, sizeof buf);
			table_cell(t, buf);
		} else {
			table_cell(t, "");
		}
		if (c->rate_cents) {
			money_format(c->rate_cents, c->currency, buf, sizeof buf);
			table_cell(t, buf);
		} else {
			table_cell(t, "");
		}
		cli_format_day(cli, c->start, buf, sizeof buf);
		table_cell(t, buf);
		cli_format_day(cli, c->end, buf, sizeof buf);
		table_cell(t, buf);
	}
	rc = table_print(t, stdout);
	table_free(t);
	client_list_free(&l);
	free(cur);
	return rc;
}

/* ---- client show ---- */

static void field(const char *label, const char *value)
{
	printf("  %-11s %s\n", label, value);
}

static int client_show(struct cli *cli, int argc, char **argv)
{
	char buf[512], a[64], b[64], d[64];
	const char *key;
	int rc = key_operand(argc, argv, "show", &key);

	if (rc)
		return rc == HELP_SHOWN ? 0 : rc;
	if ((rc = cli_open(cli, STORE_READ)))
		return rc;

	struct client c = {0};
	if ((rc = load_client(cli, key, &c)))
		return rc;

	/* This month against the budget. */
	int y, m, dd;
	date_to_ymd(cli->today, &y, &m, &dd);
	char from[DAY_LEN], to[DAY_LEN];
	date_format_iso(date_from_ymd(y, m, 1), from);
	date_format_iso(date_next_month(y, m), to);
	struct hours_sum sum = {0};
	struct mandate_list ml = {0};
	struct risk_list rl = {0};
	struct action_list al = {0};
	/* Open items only: closed ones are history and must not slow this. */
	struct risk_filter rf = { .client_id = c.id };
	struct action_filter af = { .client_id = c.id };
	int overdue = 0;
	bool is_cur;
	if ((rc = store_entry_sum(cli->st, c.id, from, to, &sum)) ||
	    (rc = store_mandate_list(cli->st, c.id, false, &ml)) ||
	    (rc = store_risk_list(cli->st, &rf, &rl)) ||
	    (rc = store_action_list(cli->st, &af, &al))) {
		cli_store_error(cli, rc);
		goto out;
	}
	char today[DAY_LEN];
	date_format_iso(cli->today, today);
	if ((rc = store_action_count_overdue(cli->st, c.id, today, &overdue))) {
		cli_store_error(cli, rc);
		goto out;
	}
	if ((rc = stored_current(cli, c.id, &is_cur, NULL)))
		goto out;

	char *name = text_sanitize(c.name);
	char *industry = text_sanitize(c.industry);
	printf("%s  %s\n", c.key, name ? name : "");
	field("id", c.id);
	field("role", c.role);
	field("status", c.status);
	field("industry", industry && *industry ? industry : "-");
	if (c.employees)
		snprintf(buf, sizeof buf, "%d", c.employees);
	field("employees", c.employees ? buf : "-");
	cli_format_day(cli, c.start, a, sizeof a);
	cli_format_day(cli, c.end, b, sizeof b);
	snprintf(buf, sizeof buf, "%s to %s", a, c.end[0] ? b : "(open-ended)");
	field("engagement", buf);
	cli_format_hours(cli, c.budget_minutes, a, sizeof a);
	snprintf(buf, sizeof buf, "%s a month", a);
	field("budget", c.budget_minutes ? buf : "none");
	money_format(c.rate_cents, c.currency, a, sizeof a);
	snprintf(buf, sizeof buf, "%s an hour", a);
	field("rate", c.rate_cents ? buf : "none");
	free(name);
	free(industry);

	struct pace p;
	pace_compute(c.budget_minutes, sum.minutes, y, m, cli->today, cli->cfg.workdays,
	             cli->cfg.budget_warn_percent, &p);
	cli_format_hours(cli, sum.minutes, a, sizeof a);
	cli_format_hours(cli, sum.billable_minutes, d, sizeof d);
	if (c.budget_minutes) {
		char e[32], pr[32];
		cli_format_hours(cli, c.budget_minutes, b, sizeof b);
		cli_format_hours(cli, p.expected_minutes, e, sizeof e);
		cli_format_hours(cli, p.projected_minutes, pr, sizeof pr);
		snprintf(buf, sizeof buf, "%s of %s (%d%%), billable %s; expected by today %s, projected %s: %s",
		         a, b, p.percent_used, d, e, pr, pace_level_name(p.level));
	} else {
		snprintf(buf, sizeof buf, "%s, billable %s (no budget)", a, d);
	}
	field("this month", buf);

	size_t active = 0;
	for (size_t i = 0; i < ml.n; i++)
		active += !strcmp(ml.items[i].status, "active");
	snprintf(buf, sizeof buf, "%zu active", active);
	field("mandates", buf);

	int open = 0, top = 0, accepted = 0;
	for (size_t i = 0; i < rl.n; i++) {
		const struct risk *r = &rl.items[i];
		if (!strcmp(r->status, "accepted"))
			accepted++;
		if (strcmp(r->status, "open") && strcmp(r->status, "mitigating"))
			continue;
		open++;
		int s = risk_score(r->likelihood, r->impact);
		if (s > top)
			top = s;
	}
	if (open)
		snprintf(buf, sizeof buf, "%d open (top score %d), %d accepted", open, top, accepted);
	else
		snprintf(buf, sizeof buf, "none open, %d accepted", accepted);
	field("risks", buf);
	snprintf(buf, sizeof buf, "%zu open, %d overdue", al.n, overdue);
	field("actions", buf);
	field("current", is_cur ? "yes" : "no");
out:
	client_free(&c);
	mandate_list_free(&ml);
	risk_list_free(&rl);
	action_list_free(&al);
	return rc;
}

/* ---- client edit ---- */

static int client_edit(struct cli *cli, int argc, char **argv)
{
	static const struct option lo[] = {
		CLIENT_OPTIONS,
		{ "key", required_argument, NULL, O_KEY },
		{ "status", required_argument, NULL, O_STATUS },
		{ NULL, 0, NULL, 0 },
	};
	struct client_change ch = {0};
	int opt, rc;

	optind = 0;
	while ((opt = getopt_long(argc, argv, ":h", lo, NULL)) != -1) {
		if (opt == 'h') {
			cli_sub_usage(stdout, &cmd_client_entry, "edit");
			return 0;
		}
		if (opt == ':' || opt == '?')
			return cli_option_error(&cmd_client_entry, "edit", lo, opt, argv);
		if ((rc = parse_change(cli, opt, optarg, &ch)))
			return rc;
	}
	if (optind >= argc)
		return cli_sub_usage_error(&cmd_client_entry, "edit", "client edit: missing KEY");
	if (argc - optind > 1)
		return cli_sub_usage_error(&cmd_client_entry, "edit", "client edit: unexpected argument \"%s\"", argv[optind + 1]);
	if (!(ch.key || ch.name || ch.role || ch.status || ch.budget || ch.rate || ch.currency ||
	      ch.start || ch.end || ch.industry || ch.employees))
		return cli_sub_usage_error(&cmd_client_entry, "edit", "client edit: nothing to change");
	if ((rc = cli_open_existing(cli)))
		return rc;

	struct client c = {0};
	if ((rc = load_client(cli, argv[optind], &c)))
		return rc;
	char old[KEY_LEN];
	snprintf(old, sizeof old, "%s", c.key);
	if (!(rc = apply_change(&ch, &c)) && (rc = store_client_update(cli->st, &c)))
		cli_store_error(cli, rc);
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

static int set_status(struct cli *cli, int argc, char **argv, const char *sub, const char *status)
{
	const char *key;
	int rc = key_operand(argc, argv, sub, &key);

	if (rc)
		return rc == HELP_SHOWN ? 0 : rc;
	if ((rc = cli_open_existing(cli)))
		return rc;

	struct client c = {0};
	if ((rc = load_client(cli, key, &c)))
		return rc;
	if (!strcmp(c.status, status)) {
		printf("client %s is already %s\n", c.key, status);
		client_free(&c);
		return 0;
	}
	snprintf(c.status, sizeof c.status, "%s", status);
	bool is_cur = false;
	if ((rc = store_client_update(cli->st, &c)))
		cli_store_error(cli, rc);
	else if (!strcmp(status, "ended"))
		rc = stored_current(cli, c.id, &is_cur, NULL);
	if (!rc) {
		if (!strcmp(status, "ended"))
			printf("archived client %s (ended)%s\n", c.key,
			       is_cur ? "; it is still the current client: switch with 'cxo use KEY'" : "");
		else
			printf("restored client %s (active)\n", c.key);
	}
	client_free(&c);
	return rc;
}

static int client_archive(struct cli *cli, int argc, char **argv)
{
	return set_status(cli, argc, argv, "archive", "ended");
}

static int client_restore(struct cli *cli, int argc, char **argv)
{
	return set_status(cli, argc, argv, "restore", "active");
}

/* ---- dispatch ---- */

static const struct {
	const char *name;
	int (*run)(struct cli *cli, int argc, char **argv);
} client_subs[] = {
	{ "add", client_add },
	{ "list", client_list },
	{ "show", client_show },
	{ "edit", client_edit },
	{ "archive", client_archive },
	{ "restore", client_restore },
};

static int client_run(struct cli *cli, int argc, char **argv)
{
	/* `cxo client` alone, or with list options, lists. */
	if (argc < 2 || (argv[1][0] == '-' && strcmp(argv[1], "-h") && strcmp(argv[1], "--help")))
		return client_list(cli, argc, argv);
	if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")) {
		cli_print_usage(stdout, &cmd_client_entry);
		return 0;
	}
	for (size_t i = 0; i < sizeof client_subs / sizeof client_subs[0]; i++)
		if (!strcmp(argv[1], client_subs[i].name))
			return client_subs[i].run(cli, argc - 1, argv + 1);
	return cli_usage_error("client", "unknown subcommand \"%s\" (expected add, list, show, edit, archive or restore)",
	                       argv[1]);
}

const struct cli_command cmd_client_entry = {
	"client", client_run,
	"client add KEY --name NAME [--role cio|cto|ciso|interim] [--budget HOURS] [--rate AMOUNT]\n"
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

static int use_run(struct cli *cli, int argc, char **argv)
{
	static const struct option lo[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int opt, rc;

	optind = 0;
	while ((opt = getopt_long(argc, argv, ":h", lo, NULL)) != -1) {
		if (opt == 'h') {
			cli_print_usage(stdout, &cmd_use_entry);
			return 0;
		}
		if (optopt)
			return cli_usage_error("use", "unknown option -%c", optopt);
		return cli_usage_error("use", "unknown option %s", argv[optind - 1]);
	}
	if (argc - optind > 1)
		return cli_usage_error("use", "unexpected argument \"%s\"", argv[optind + 1]);

	struct client c = {0};
	if (optind == argc) {
		/* Which client, and who chose it. */
		if ((rc = cli_client(cli, &c)))
			return rc;
		char *name = text_sanitize(c.name);
		const char *src = cli->client_source;
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

	const char *key = argv[optind];
	char err[256];
	if (!client_key_valid(key, err, sizeof err))
		return cli_error(EX_DATAERR, "%s", err);
	if ((rc = cli_open_existing(cli)))
		return rc;
	if ((rc = load_client(cli, key, &c)))
		return rc;
	if ((rc = cli_set_current(cli, &c))) {
		client_free(&c);
		return rc;
	}
	char *name = text_sanitize(c.name);
	printf("now using %s (%s)\n", c.key, name ? name : "");
	free(name);
	if (!strcmp(c.status, "ended"))
		cli_warn("client %s has ended; 'cxo client restore %s' makes it active again", c.key, c.key);
	/* Say when CXO_CLIENT or a .cxo-client file still wins here. */
	if (!cli->client_flag && !cli->in_script) {
		struct client now = {0};
		bool found = false;
		if (!cli_client_optional(cli, &now, &found) && found && strcmp(now.key, c.key) &&
		    strcmp(cli->client_source, "cxo use")) {
			char *src = text_sanitize(cli->client_source);
			cli_warn("%s still chooses %s here", src ? src : "", now.key);
			free(src);
		}
		client_free(&now);
	}
	client_free(&c);
	return 0;
}

const struct cli_command cmd_use_entry = {
	"use", use_run,
	"use [KEY]",
	"set the current client, or show it and where it comes from",
};
