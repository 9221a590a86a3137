/*
 * client.c: `cxo client add|edit|archive|restore|rm` and the dispatch of
 * `cxo client` (list and show are in client_list.c), and `cxo use`.  A
 * client is named by its key everywhere; its engagement (role, dates,
 * monthly budget, rate) lives on the client row.
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "cxo/billing.h"
#include "cxo/duration.h"
#include "cxo/money.h"
#include "cxo/text.h"
#include "cxo/vocab.h"

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
	/* the billing terms */
	bool legal, round, mode, scope, cap, overage;
	const char *legal_v; /* NULL = clear */
	int round_v;
	char mode_v[WORD_LEN];
	char scope_v[WORD_LEN];
	long cap_v;
	int64_t overage_v;
};

static bool clears(const char *text)
{
	return !*text || !strcmp(text, "none") || !strcmp(text, "-");
}

/* --round: billing_round_parse's forms. */
static int parse_round(const char *text, int *minutes)
{
	char err[256];
	if (!billing_round_parse(text, minutes, err, sizeof err))
		return app_error(EX_DATAERR, "--round: %s", err);
	return 0;
}

/* --rollover-cap: hours as --budget takes them, or none (0). */
static int parse_cap(const char *text, long *minutes)
{
	char err[256];
	if (clears(text)) {
		*minutes = 0;
		return 0;
	}
	if (!budget_parse(text, minutes, err, sizeof err))
		return app_error(EX_DATAERR, "--rollover-cap: %s", err);
	return 0;
}

/* The billing terms among the options of add and edit. */
static int read_terms(struct cli_call *c, struct client_change *ch)
{
	const struct cli_value *v;
	char err[256], shown[64];
	int rc;
	if ((v = cli_opt(c, "legal-name"))) {
		ch->legal_v = clears(text_trim((char *)v->text)) ? NULL : v->text;
		ch->legal = true;
	}
	if ((v = cli_opt(c, "round"))) {
		if ((rc = parse_round(v->text, &ch->round_v)))
			return rc;
		ch->round = true;
	}
	if ((v = cli_opt(c, "round-mode"))) {
		enum billing_mode mode;
		if (!billing_mode_parse(v->text, &mode)) {
			text_sanitize_into(v->text, shown, sizeof shown);
			return app_error(
			        EX_DATAERR,
			        "--round-mode: bad mode \"%s\" (expected up, down or nearest)",
			        shown);
		}
		snprintf(ch->mode_v, sizeof ch->mode_v, "%s", billing_mode_name(mode));
		ch->mode = true;
	}
	if ((v = cli_opt(c, "round-per"))) {
		enum billing_scope scope;
		if (!billing_scope_parse(v->text, &scope)) {
			text_sanitize_into(v->text, shown, sizeof shown);
			return app_error(EX_DATAERR,
			                 "--round-per: bad value \"%s\" (expected entry or day)",
			                 shown);
		}
		snprintf(ch->scope_v, sizeof ch->scope_v, "%s", billing_scope_name(scope));
		ch->scope = true;
	}
	if ((v = cli_opt(c, "rollover-cap"))) {
		if ((rc = parse_cap(v->text, &ch->cap_v)))
			return rc;
		ch->cap = true;
	}
	if ((v = cli_opt(c, "overage-rate"))) {
		if (clears(v->text))
			ch->overage_v = 0;
		else if (!money_parse(v->text, &ch->overage_v, err, sizeof err))
			return app_error(EX_DATAERR, "--overage-rate: %s", err);
		ch->overage = true;
	}
	return 0;
}

static bool terms_given(const struct client_change *ch)
{
	return ch->legal || ch->round || ch->mode || ch->scope || ch->cap || ch->overage;
}

static int apply_terms(const struct client_change *ch, struct client_terms *t)
{
	if (ch->legal && cli_set_text(&t->legal_name, ch->legal_v))
		return EX_OSERR;
	if (ch->round)
		t->round_minutes = ch->round_v;
	if (ch->mode)
		snprintf(t->round_mode, sizeof t->round_mode, "%s", ch->mode_v);
	if (ch->scope)
		snprintf(t->round_scope, sizeof t->round_scope, "%s", ch->scope_v);
	if (ch->cap)
		t->rollover_cap_minutes = ch->cap_v;
	if (ch->overage)
		t->overage_rate_cents = ch->overage_v;
	return 0;
}

/* The client's terms changed as ch says, in the caller's transaction. */
static int store_terms_change(struct cxo_app *app, const struct client_change *ch,
                              const char *client_id)
{
	struct client_terms t;
	int rc;
	if (!terms_given(ch))
		return 0;
	if ((rc = store_terms_get(app->st, client_id, &t))) {
		client_terms_free(&t);
		return app_store_error(app, rc);
	}
	if (!(rc = apply_terms(ch, &t)) && (rc = store_terms_set(app->st, client_id, &t)))
		app_store_error(app, rc);
	client_terms_free(&t);
	return rc;
}

/* What add and edit were given, read and checked. */
static int read_change(struct cli_call *c, struct client_change *ch)
{
	const struct cli_value *v;
	char err[256];
	int rc = 0;

	memset(ch, 0, sizeof *ch);
	if (cli_find_option(c->cmd, "key") && (v = cli_opt(c, "key"))) {
		if (!client_key_valid(v->text, err, sizeof err))
			return app_error(EX_DATAERR, "--key: %s", err);
		snprintf(ch->key_v, sizeof ch->key_v, "%s", v->text);
		ch->key = true;
	}
	if ((v = cli_opt(c, "name"))) {
		ch->name_v = text_trim((char *)v->text);
		if (!*ch->name_v)
			return app_error(EX_DATAERR, "--name: the name is empty");
		ch->name = true;
	}
	if ((v = cli_opt(c, "role"))) {
		snprintf(ch->role_v, sizeof ch->role_v, "%s", v->word);
		ch->role = true;
	}
	if (cli_find_option(c->cmd, "status") && (v = cli_opt(c, "status"))) {
		snprintf(ch->status_v, sizeof ch->status_v, "%s", v->word);
		ch->status = true;
	}
	if ((v = cli_opt(c, "budget"))) {
		if ((rc = parse_budget(v->text, &ch->budget_v)))
			return rc;
		ch->budget = true;
	}
	if ((v = cli_opt(c, "rate"))) {
		if (!money_parse(v->text, &ch->rate_v, err, sizeof err))
			return app_error(EX_DATAERR, "--rate: %s", err);
		ch->rate = true;
	}
	if ((v = cli_opt(c, "currency"))) {
		/* Any case: kept upper case. */
		if (!currency_normalize(v->text, ch->currency_v)) {
			char shown[64];
			text_sanitize_into(v->text, shown, sizeof shown);
			return app_error(EX_DATAERR,
			                 "--currency: bad currency \"%s\" (expected three letters "
			                 "such as USD or EUR)",
			                 shown);
		}
		ch->currency = true;
	}
	if ((v = cli_opt(c, "start"))) {
		snprintf(ch->start_v, sizeof ch->start_v, "%s", v->day);
		ch->start = true;
	}
	if ((v = cli_opt(c, "end"))) {
		snprintf(ch->end_v, sizeof ch->end_v, "%s", v->day); /* "" when cleared */
		ch->end = true;
	}
	if ((v = cli_opt(c, "industry"))) {
		ch->industry_v = clears(text_trim((char *)v->text)) ? NULL : v->text;
		ch->industry = true;
	}
	if ((v = cli_opt(c, "employees"))) {
		ch->employees_v = (int)v->num;
		ch->employees = true;
	}
	return read_terms(c, ch);
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

static int client_add_check(struct cli_call *c)
{
	struct client_change ch;
	char err[256];
	int rc = read_change(c, &ch);
	if (rc)
		return rc;
	if (!client_key_valid(c->argv[0], err, sizeof err))
		return app_error(EX_DATAERR, "%s", err);
	if (!ch.name)
		return cli_usage(c, "client add: --name is required");
	return 0;
}

static int client_add(struct cli_call *call)
{
	struct cxo_app *app = call->app;
	struct client_change ch;
	struct client c = { 0 };
	char hours[48];
	int rc = read_change(call, &ch);
	if (rc)
		return rc;

	snprintf(c.key, sizeof c.key, "%s", call->argv[0]);
	snprintf(c.role, sizeof c.role, "cio");
	snprintf(c.status, sizeof c.status, "active");
	snprintf(c.currency, sizeof c.currency, "USD");
	app_today_iso(app, c.start);
	if ((rc = apply_change(&ch, &c))) {
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
	if ((rc = store_terms_change(app, &ch, c.id)))
		goto fail;
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

static void warn_file(const char *path, void *ctx)
{
	(void)ctx;
	char *clean = text_sanitize(path);
	app_warn("%s names it", clean ? clean : path);
	free(clean);
}

/* A key is how .cxo-client files and CXO_CLIENT choose a client: a
 * renamed one is no longer chosen by them.  Those found from here are
 * named. */
static void warn_renamed(const struct cxo_app *app, const char *old, const char *now)
{
	app_warn(".cxo-client files naming %s no longer choose it: write %s in them", old, now);
	app_client_files_naming(old, warn_file, NULL);
	if (app->client_key_source == CLIENT_FROM_ENV && !strcmp(app->client_key, old))
		app_warn("CXO_CLIENT=%s no longer chooses it", old);
}

static int client_edit_check(struct cli_call *c)
{
	struct client_change ch;
	int rc = read_change(c, &ch);
	if (rc)
		return rc;
	if (!(ch.key || ch.name || ch.role || ch.status || ch.budget || ch.rate || ch.currency ||
	      ch.start || ch.end || ch.industry || ch.employees || terms_given(&ch)))
		return cli_usage(c, "client edit: nothing to change");
	return 0;
}

static int client_edit(struct cli_call *call)
{
	struct cxo_app *app = call->app;
	struct client_change ch;
	int rc = read_change(call, &ch);
	if (rc)
		return rc;

	struct client c = { 0 };
	if ((rc = app_load_client(app, call->argv[0], &c)))
		return rc;
	char old[KEY_LEN];
	snprintf(old, sizeof old, "%s", c.key);
	if ((rc = apply_change(&ch, &c)))
		goto out;
	if ((rc = store_begin(app->st))) {
		app_store_error(app, rc);
		goto out;
	}
	if ((rc = store_client_update(app->st, &c)))
		app_store_error(app, rc);
	else
		rc = store_terms_change(app, &ch, c.id);
	if (rc)
		store_rollback(app->st);
	else if ((rc = store_commit(app->st)))
		app_store_error(app, rc);
	if (!rc) {
		if (strcmp(old, c.key)) {
			printf("updated client %s (now %s)\n", old, c.key);
			warn_renamed(app, old, c.key);
		} else {
			printf("updated client %s\n", c.key);
		}
	}
out:
	client_free(&c);
	return rc;
}

/* ---- client archive / restore ---- */

static int set_status(struct cli_call *call, const char *status)
{
	struct cxo_app *app = call->app;
	struct client c = { 0 };
	int rc;
	if ((rc = app_load_client(app, call->argv[0], &c)))
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

static int client_archive(struct cli_call *c)
{
	return set_status(c, "ended");
}

static int client_restore(struct cli_call *c)
{
	return set_status(c, "active");
}

/* ---- client rm ---- */

/* "12 entries", "1 mandate"; nothing for none. */
static void count_words(char *buf, size_t n, size_t *used, int *items, long count, const char *one,
                        const char *many)
{
	if (!count || *used >= n)
		return;
	int w = snprintf(buf + *used, n - *used, "%s%ld %s", *items ? ", " : "", count,
	                 count == 1 ? one : many);
	*used += w > 0 ? (size_t)w : 0;
	(*items)++;
}

void cli_holdings_text(const struct client_holdings *h, char *said, size_t n)
{
	char what[256] = "";
	size_t used = 0;
	int items = 0;
	count_words(what, sizeof what, &used, &items, h->entries, "entry", "entries");
	count_words(what, sizeof what, &used, &items, h->mandates, "mandate", "mandates");
	count_words(what, sizeof what, &used, &items, h->risks, "risk", "risks");
	count_words(what, sizeof what, &used, &items, h->actions, "action", "actions");
	count_words(what, sizeof what, &used, &items, h->notes, "note", "notes");
	count_words(what, sizeof what, &used, &items, h->vendors, "vendor", "vendors");
	count_words(what, sizeof what, &used, &items, h->decisions, "decision", "decisions");
	if (h->timer && used < sizeof what)
		snprintf(what + used, sizeof what - used, "%sthe running timer", items ? ", " : "");
	/* The last ", " reads " and ". */
	char *last = NULL;
	for (char *p = strstr(what, ", "); p; p = strstr(p + 1, ", "))
		last = p;
	if (last)
		snprintf(said, n, "%.*s and %s", (int)(last - what), what, last + 2);
	else
		snprintf(said, n, "%s", *what ? what : "nothing");
}

static int client_rm(struct cli_call *call)
{
	struct cxo_app *app = call->app;
	struct client c = { 0 };
	struct client_holdings h;
	bool was_current = false;
	int rc;
	if ((rc = app_load_client(app, call->argv[0], &c)))
		return rc;
	rc = app_client_remove(app, &c, &h, &was_current);
	if (rc == EX_DATAERR && client_holdings_any(&h)) {
		/* "acme has 12 entries, 3 mandates and a running timer" */
		char said[300];
		cli_holdings_text(&h, said, sizeof said);
		app_error(rc, "%s has %s: archive it with 'cxo client archive %s'", c.key, said,
		          c.key);
	} else if (!rc) {
		char *name = text_sanitize(c.name);
		printf("removed client %s \"%s\"%s\n", c.key, name ? name : "",
		       was_current ? "; it was the current client: choose one with 'cxo use KEY'"
		                   : "");
		free(name);
	}
	client_free(&c);
	return rc;
}

/* ---- the table ---- */

#define CLIENT_OPTIONS                                                                             \
	{ .name = "name", .arg = "NAME", .kind = VAL_TEXT, .help = "the company's name" },         \
	        { .name = "role",                                                                  \
		  .arg = "cio|cto|ciso|interim",                                                   \
		  .kind = VAL_WORD,                                                                \
		  .vocab = &VOCAB_ROLE,                                                            \
		  .help = "your role" },                                                           \
	        { .name = "budget",                                                                \
		  .arg = "HOURS",                                                                  \
		  .kind = VAL_DURATION,                                                            \
		  .flags = OPT_RAW,                                                                \
		  .help = "the monthly hours budget (18, 18h, 17h30m)" },                          \
	        { .name = "rate", .arg = "AMOUNT", .kind = VAL_TEXT, .help = "the hourly rate" },  \
	        { .name = "currency",                                                              \
		  .arg = "CODE",                                                                   \
		  .kind = VAL_TEXT,                                                                \
		  .words = "USD EUR GBP CHF CAD AUD",                                              \
		  .help = "the rate's currency (default USD)" },                                   \
	        { .name = "start",                                                                 \
		  .arg = "DAY",                                                                    \
		  .kind = VAL_DAY,                                                                 \
		  .help = "the engagement's start (default today)" },                              \
	        { .name = "end",                                                                   \
		  .arg = "DAY",                                                                    \
		  .kind = VAL_DAY,                                                                 \
		  .flags = OPT_CLEARS,                                                             \
		  .words = "none",                                                                 \
		  .help = "its planned end (none: open-ended)" },                                  \
	        { .name = "industry", .arg = "TEXT", .kind = VAL_TEXT, .help = "the industry" },   \
	        { .name = "employees",                                                             \
		  .arg = "N",                                                                      \
		  .kind = VAL_NUMBER,                                                              \
		  .lo = 0,                                                                         \
		  .hi = EMPLOYEES_MAX,                                                             \
		  .help = "the number of employees" },                                             \
	        { .name = "legal-name",                                                            \
		  .arg = "TEXT",                                                                   \
		  .kind = VAL_TEXT,                                                                \
		  .words = "none",                                                                 \
		  .help = "the name invoices carry (none: the name)" },                            \
	        { .name = "round",                                                                 \
		  .arg = "DURATION|0",                                                             \
		  .kind = VAL_CHOICE,                                                              \
		  .words = "0 6m 10m 15m 30m",                                                     \
		  .help = "statements round hours to this increment (0: not)" },                   \
	        { .name = "round-mode",                                                            \
		  .arg = "up|down|nearest",                                                        \
		  .kind = VAL_CHOICE,                                                              \
		  .words = "up down nearest",                                                      \
		  .help = "how they round (default up)" },                                         \
	        { .name = "round-per",                                                             \
		  .arg = "entry|day",                                                              \
		  .kind = VAL_CHOICE,                                                              \
		  .words = "entry day",                                                            \
		  .help = "what is rounded: each entry, or each day's total (default entry)" },    \
	        { .name = "rollover-cap",                                                          \
		  .arg = "DURATION|none",                                                          \
		  .kind = VAL_DURATION,                                                            \
		  .flags = OPT_RAW,                                                                \
		  .words = "none",                                                                 \
		  .help = "unused budget rolls into the next month up to this (none: expires)" },  \
	{                                                                                          \
		.name = "overage-rate", .arg = "AMOUNT|none", .kind = VAL_TEXT, .words = "none",   \
		.help = "the hourly rate past the budget (none: the rate)"                         \
	}

static const struct cli_option add_opts[] = { CLIENT_OPTIONS, { .name = NULL } };

static const struct cli_command client_add_entry = {
	.name = "add",
	.synopsis =
	        "KEY --name NAME [--role cio|cto|ciso|interim] [--budget HOURS] [--rate AMOUNT] "
	        "[--currency CODE] [--start DAY] [--end DAY] [--industry TEXT] [--employees N] "
	        "[--legal-name TEXT] [--round DURATION|0] [--round-mode up|down|nearest] "
	        "[--round-per entry|day] [--rollover-cap DURATION|none] [--overage-rate "
	        "AMOUNT|none]",
	.summary = "add a client; the first one becomes the current client",
	.help = "  KEY: 1 to 32 of a-z, 0-9, _ and -, starting with a letter.",
	.opts = add_opts,
	.operands = "KEY",
	.flags = CMD_CREATE,
	.check = client_add_check,
	.run = client_add,
};

static const struct cli_option edit_opts[] = {
	{ .name = "key", .arg = "NEWKEY", .kind = VAL_TEXT, .help = "a new key" },
	CLIENT_OPTIONS,
	{ .name = "status",
	  .arg = "active|paused|ended",
	  .kind = VAL_WORD,
	  .vocab = &VOCAB_CLIENT_STATUS,
	  .help = "the engagement's status" },
	{ .name = NULL },
};

static const struct cli_command client_edit_entry = {
	.name = "edit",
	.synopsis = "KEY [--key NEWKEY] [--name NAME] [--role cio|cto|ciso|interim] "
	            "[--status active|paused|ended] [--budget HOURS] [--rate AMOUNT] "
	            "[--currency CODE] [--start DAY] [--end DAY] [--industry TEXT] [--employees N] "
	            "[--legal-name TEXT] [--round DURATION|0] [--round-mode up|down|nearest] "
	            "[--round-per entry|day] [--rollover-cap DURATION|none] "
	            "[--overage-rate AMOUNT|none]",
	.summary = "change a client",
	.opts = edit_opts,
	.operands = "KEY",
	.flags = CMD_WRITE,
	.check = client_edit_check,
	.run = client_edit,
};

static const struct cli_command client_archive_entry = {
	.name = "archive",
	.synopsis = "KEY",
	.summary = "end an engagement: the client leaves the lists (nothing is deleted)",
	.operands = "KEY",
	.flags = CMD_WRITE,
	.run = client_archive,
};

static const struct cli_command client_restore_entry = {
	.name = "restore",
	.synopsis = "KEY",
	.summary = "make an ended client active again",
	.operands = "KEY",
	.flags = CMD_WRITE,
	.run = client_restore,
};

static const struct cli_command client_rm_entry = {
	.name = "rm",
	.synopsis = "KEY",
	.summary = "delete a client added by mistake, one with no history",
	.help = "  Only a client with no entries, mandates, risks, actions, notes or\n"
	        "  running timer: any other is refused with what it holds (archive it\n"
	        "  instead).  A client removed stops being the current one.",
	.operands = "KEY",
	.flags = CMD_WRITE,
	.run = client_rm,
};

static const struct cli_command *const client_subs[] = {
	&client_add_entry,     &cli_client_list,
	&cli_client_show,      &client_edit_entry,
	&client_archive_entry, &client_restore_entry,
	&client_rm_entry,      &cli_client_export,
	&cli_client_purge,     NULL,
};

const struct cli_command cli_client = {
	.name = "client",
	.summary = "add, list, show and edit clients and their engagements",
	.subs = client_subs,
	.default_sub = "list",
};

/* ---- cxo use ---- */

static int use_check(struct cli_call *c)
{
	char err[256];
	if (c->argc && !client_key_valid(c->argv[0], err, sizeof err))
		return app_error(EX_DATAERR, "%s", err);
	return 0;
}

/* Which client, and who chose it. */
static int use_show(struct cxo_app *app)
{
	struct client c = { 0 };
	int rc = app_client(app, &c);
	if (rc)
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

static int use_run(struct cli_call *call)
{
	struct cxo_app *app = call->app;
	struct client c = { 0 };
	int rc;
	if (!call->argc)
		return use_show(app);

	const char *key = call->argv[0];
	if ((rc = app_open_existing(app)))
		return rc;
	if ((rc = app_load_client(app, key, &c)))
		return rc;
	if ((rc = app_set_current(app, &c))) {
		client_free(&c);
		return rc;
	}
	/* Choosing the client is working on it: the brief counts from here. */
	char today[DAY_LEN];
	date_format_iso(app->today, today);
	if ((rc = store_seen_mark(app->st, c.id, today))) {
		client_free(&c);
		return app_store_error(app, rc);
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

const struct cli_command cli_use = {
	.name = "use",
	.synopsis = "[KEY]",
	.summary = "set the current client, or show it and where it comes from",
	.operands = "[KEY]",
	.check = use_check,
	.run = use_run, /* reads to show, writes to set: it opens the database itself */
};
