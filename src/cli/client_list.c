/*
 * client_list.c: reading clients: `cxo client list` (the current one in
 * bold) and `cxo client show`, one client's engagement with this month's
 * hours against the budget and its open mandates, risks and actions.
 * The rest of `cxo client` is in client.c, which dispatches here.
 */
#include "internal.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "cxo/money.h"
#include "cxo/pace.h"
#include "cxo/risk.h"
#include "cxo/rules.h"
#include "cxo/text.h"

static enum cell_color status_color(const char *status)
{
	if (!strcmp(status, "paused"))
		return CC_YELLOW;
	if (!strcmp(status, "ended"))
		return CC_DIM;
	return CC_NONE;
}

static int client_list(struct cli_call *call)
{
	struct cxo_app *app = call->app;
	const struct cli_value *format = cli_opt(call, "format");
	enum output_format fmt = format ? format->num : FORMAT_TABLE;
	bool all = cli_flag(call, "all");
	int rc;

	struct client_list l = { 0 };
	if ((rc = store_client_list(app->st, all, &l)))
		return app_store_error(app, rc);
	char *cur = NULL;
	if ((rc = store_setting_get(app->st, "current_client", &cur))) {
		client_list_free(&l);
		return app_store_error(app, rc);
	}
	if (fmt == FORMAT_TABLE && !l.n) {
		printf("no %sclients: add one with 'cxo client add KEY --name NAME'\n",
		       all ? "" : "active ");
		client_list_free(&l);
		free(cur);
		return 0;
	}

	/* TSV and JSON carry the same fields, machine-ready: minutes, ISO
	 * days, the rate in cents (JSON) or as 225.00 (TSV). */
	bool json = fmt == FORMAT_JSON, machine = fmt != FORMAT_TABLE;
	struct table *t = table_new(fmt, app->color);
	if (!t) {
		client_list_free(&l);
		free(cur);
		return app_error(EX_OSERR, "out of memory");
	}
	if (machine)
		table_column(t, "ID", "id", COL_TEXT);
	table_column(t, "KEY", "key", COL_TEXT);
	table_column(t, "NAME", "name", COL_TEXT);
	table_column(t, "ROLE", "role", COL_TEXT);
	table_column(t, "STATUS", "status", COL_TEXT);
	table_column(t, "BUDGET", machine ? "budget_minutes" : "budget",
	             machine ? COL_INT : COL_NUM);
	table_column(t, "RATE", json ? "rate_cents" : "rate", json ? COL_INT : COL_NUM);
	if (machine)
		table_column(t, "CURRENCY", "currency", COL_TEXT);
	table_column(t, "START", "start", COL_TEXT);
	table_column(t, "END", "end", COL_TEXT);
	if (machine) {
		table_column(t, "INDUSTRY", "industry", COL_TEXT);
		table_column(t, "EMPLOYEES", "employees", COL_INT);
		table_column(t, "CURRENT", "current", COL_BOOL);
	}
	for (size_t i = 0; i < l.n; i++) {
		const struct client *c = &l.items[i];
		bool is_cur = cur && !strcmp(cur, c->id);
		char buf[64];
		table_row(t);
		if (machine)
			table_cell_id(t, c->id);
		table_cell_color(t, c->key, is_cur ? CC_BOLD : CC_NONE);
		table_cell(t, c->name);
		table_cell(t, c->role);
		table_cell_color(t, c->status, status_color(c->status));
		if (machine) {
			table_cell_long(t, c->budget_minutes);
			if (json) {
				table_cellf(t, "%lld", (long long)c->rate_cents);
			} else {
				buf[0] = '\0';
				if (c->rate_cents)
					money_format_plain(c->rate_cents, buf, sizeof buf);
				table_cell(t, buf);
			}
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
			cli_format_hours(app, c->budget_minutes, buf, sizeof buf);
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
		cli_format_day(app, c->start, buf, sizeof buf);
		table_cell(t, buf);
		cli_format_day(app, c->end, buf, sizeof buf);
		table_cell(t, buf);
	}
	rc = table_print(t, stdout);
	table_free(t);
	client_list_free(&l);
	free(cur);
	return rc;
}

static const struct cli_option list_opts[] = {
	{ .name = "all", .help = "the ended clients too" },
	{ .name = "format",
	  .arg = "table|tsv|json",
	  .kind = VAL_FORMAT,
	  .help = "the output format" },
	{ .name = NULL },
};

const struct cli_command cli_client_list = {
	.name = "list",
	.synopsis = "[--all] [--format table|tsv|json]",
	.summary = "the active and paused clients in tab order (the current one in bold)",
	.opts = list_opts,
	.flags = CMD_READ,
	.run = client_list,
};

/* ---- client show ---- */

static void field(const char *label, const char *value)
{
	printf("  %-11s %s\n", label, value);
}

/* The billing terms that differ from the defaults, a line each. */
static void show_terms(struct cxo_app *app, const struct client *c, const struct client_terms *t,
                       const struct billing_terms *bt)
{
	char buf[256], a[64];
	if (t->legal_name) {
		char *legal = text_sanitize(t->legal_name);
		field("legal name", legal ? legal : "");
		free(legal);
	}
	if (bt->round_minutes > 0) {
		snprintf(buf, sizeof buf, "%s %dm, per %s",
		         bt->mode == BILLING_NEAREST ? "to the nearest"
		         : bt->mode == BILLING_DOWN  ? "down to"
		                                     : "up to",
		         bt->round_minutes, billing_scope_name(bt->scope));
		field("rounding", buf);
	}
	if (bt->rollover_cap_minutes > 0) {
		cli_format_hours(app, bt->rollover_cap_minutes, a, sizeof a);
		snprintf(buf, sizeof buf, "unused budget rolls over, up to %s", a);
		field("rollover", buf);
	}
	if (bt->overage_rate_cents > 0) {
		money_format(bt->overage_rate_cents, c->currency, a, sizeof a);
		snprintf(buf, sizeof buf, "%s an hour past the budget", a);
		field("overage", buf);
	}
}

/* The figures of client show besides the client and its terms. */
struct show_counts {
	long minutes, billable;
	size_t mandates;
	int open_risks, top_score, accepted_risks;
	size_t open_actions;
	int overdue_actions;
	bool current;
	const char *exported, *export_path; /* "" when never exported whole */
};

/* Text as a JSON string (sanitised when it is not valid UTF-8), or null
 * when empty. */
static json_t *text_or_null(const char *s)
{
	if (!s || !*s)
		return json_null();
	json_t *v = json_string(s);
	if (!v) {
		char *clean = text_sanitize(s);
		v = clean ? json_string(clean) : NULL;
		free(clean);
	}
	return v;
}

/* client show --format json: one object. */
static int show_json(struct cxo_app *app, const struct client *c, const struct client_terms *t,
                     const struct cli_month_billing *mb, int y, int m, const struct show_counts *n)
{
	json_t *o = json_object(), *terms = json_object(), *month = json_object();
	char ym[MONTH_LEN];
	int bad = !o || !terms || !month;
	snprintf(ym, sizeof ym, "%04u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u);
	if (!bad) {
		bad |= json_object_set_new(o, "id", json_string(c->id));
		bad |= json_object_set_new(o, "key", text_or_null(c->key));
		bad |= json_object_set_new(o, "name", text_or_null(c->name));
		bad |= json_object_set_new(o, "role", json_string(c->role));
		bad |= json_object_set_new(o, "status", json_string(c->status));
		bad |= json_object_set_new(o, "industry", text_or_null(c->industry));
		bad |= json_object_set_new(o, "employees",
		                           c->employees ? json_integer(c->employees) : json_null());
		bad |= json_object_set_new(o, "start", text_or_null(c->start));
		bad |= json_object_set_new(o, "end", text_or_null(c->end));
		bad |= json_object_set_new(o, "budget_minutes", json_integer(c->budget_minutes));
		bad |= json_object_set_new(o, "rate_cents", json_integer(c->rate_cents));
		bad |= json_object_set_new(o, "currency", json_string(c->currency));
		bad |= json_object_set_new(terms, "legal_name", text_or_null(t->legal_name));
		bad |= json_object_set_new(terms, "round_minutes", json_integer(t->round_minutes));
		bad |= json_object_set_new(terms, "round_mode", json_string(t->round_mode));
		bad |= json_object_set_new(terms, "round_per", json_string(t->round_scope));
		bad |= json_object_set_new(terms, "rollover_cap_minutes",
		                           json_integer(t->rollover_cap_minutes));
		bad |= json_object_set_new(terms, "overage_rate_cents",
		                           json_integer(t->overage_rate_cents));
		bad |= json_object_set_new(month, "month", json_string(ym));
		bad |= json_object_set_new(month, "minutes", json_integer(n->minutes));
		bad |= json_object_set_new(month, "billable_minutes", json_integer(n->billable));
		bad |= cli_billing_json(app, mb, y, m, month);
		bad |= json_object_set_new(o, "mandates_active",
		                           json_integer((json_int_t)n->mandates));
		bad |= json_object_set_new(o, "risks_open", json_integer(n->open_risks));
		bad |= json_object_set_new(o, "risks_top_score", json_integer(n->top_score));
		bad |= json_object_set_new(o, "risks_accepted", json_integer(n->accepted_risks));
		bad |= json_object_set_new(o, "actions_open",
		                           json_integer((json_int_t)n->open_actions));
		bad |= json_object_set_new(o, "actions_overdue", json_integer(n->overdue_actions));
		bad |= json_object_set_new(o, "current", json_boolean(n->current));
		bad |= json_object_set_new(o, "exported", text_or_null(n->exported));
		bad |= json_object_set_new(o, "export_path", text_or_null(n->export_path));
	}
	if (!bad) {
		bad |= json_object_set(o, "terms", terms);
		bad |= json_object_set(o, "this_month", month);
	}
	int rc = bad ? app_error(EX_OSERR, "out of memory") : cli_json_dump(o, stdout);
	if (!rc && putchar('\n') == EOF)
		rc = EX_IOERR;
	json_decref(o);
	json_decref(terms);
	json_decref(month);
	return rc;
}

static int client_show(struct cli_call *call)
{
	struct cxo_app *app = call->app;
	char buf[512], a[64], b[64], d[64];
	const char *key = call->argv[0];
	int rc;

	struct client c = { 0 };
	struct client_terms terms = { 0 };
	struct billing_terms bt = { 0 };
	struct cli_month_billing mb = { 0 };
	const struct cli_value *format = cli_opt(call, "format");
	bool json = format && format->num == FORMAT_JSON;
	if ((rc = app_load_client(app, key, &c)))
		return rc;

	/* This month against the budget. */
	int y, m;
	char from[DAY_LEN], to[DAY_LEN];
	date_month_iso(app->today, &y, &m, from, to);
	struct hours_sum sum = { 0 };
	struct mandate_list ml = { 0 };
	struct risk_list rl = { 0 };
	struct action_list al = { 0 };
	/* Open items only: closed ones are history and must not slow this. */
	struct risk_filter rf = { .client_id = c.id };
	struct action_filter af = { .client_id = c.id };
	int overdue = 0;
	bool is_cur;
	if ((rc = store_entry_sum(app->st, c.id, from, to, &sum)) ||
	    (rc = store_mandate_list(app->st, c.id, false, &ml)) ||
	    (rc = store_risk_list(app->st, &rf, &rl)) ||
	    (rc = store_action_list(app->st, &af, &al))) {
		app_store_error(app, rc);
		goto out;
	}
	char today[DAY_LEN];
	app_today_iso(app, today);
	if ((rc = store_action_count_overdue(app->st, c.id, today, &overdue))) {
		app_store_error(app, rc);
		goto out;
	}
	if ((rc = app_stored_current(app, c.id, &is_cur, NULL)))
		goto out;
	if ((rc = store_terms_get(app->st, c.id, &terms))) {
		app_store_error(app, rc);
		goto out;
	}
	app_billing_terms(&terms, &bt);
	if ((rc = cli_month_billing(app, &c, y, m, &mb)))
		goto out;
	char exported[STAMP_LEN], export_path[1024];
	if ((rc = store_export_get(app->st, c.id, exported, export_path, sizeof export_path))) {
		app_store_error(app, rc);
		goto out;
	}

	size_t active = 0;
	for (size_t i = 0; i < ml.n; i++)
		active += !strcmp(ml.items[i].status, "active");
	int open = 0, top = 0, accepted = 0;
	for (size_t i = 0; i < rl.n; i++) {
		const struct risk *r = &rl.items[i];
		if (!strcmp(r->status, "accepted"))
			accepted++;
		if (!risk_is_open(r))
			continue;
		open++;
		int s = risk_score(r->likelihood, r->impact);
		if (s > top)
			top = s;
	}
	if (json) {
		struct show_counts n = { sum.minutes, sum.billable_minutes,
			                 active,      open,
			                 top,         accepted,
			                 al.n,        overdue,
			                 is_cur,      exported,
			                 export_path };
		rc = show_json(app, &c, &terms, &mb, y, m, &n);
		goto out;
	}

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
	cli_format_day(app, c.start, a, sizeof a);
	cli_format_day(app, c.end, b, sizeof b);
	snprintf(buf, sizeof buf, "%s to %s", a, c.end[0] ? b : "(open-ended)");
	field("engagement", buf);
	cli_format_hours(app, c.budget_minutes, a, sizeof a);
	snprintf(buf, sizeof buf, "%s a month", a);
	field("budget", c.budget_minutes ? buf : "none");
	money_format(c.rate_cents, c.currency, a, sizeof a);
	snprintf(buf, sizeof buf, "%s an hour", a);
	field("rate", c.rate_cents ? buf : "none");
	free(name);
	free(industry);
	show_terms(app, &c, &terms, &bt);

	struct pace p;
	hours_pace(&app->cfg, c.budget_minutes, sum.minutes, app->today, &p);
	cli_format_hours(app, sum.minutes, a, sizeof a);
	cli_format_hours(app, sum.billable_minutes, d, sizeof d);
	if (c.budget_minutes) {
		char e[32], pr[32];
		cli_format_hours(app, c.budget_minutes, b, sizeof b);
		cli_format_hours(app, p.expected_minutes, e, sizeof e);
		cli_format_hours(app, p.projected_minutes, pr, sizeof pr);
		snprintf(buf, sizeof buf,
		         "%s of %s (%d%%), billable %s; expected by today %s, projected %s: %s", a,
		         b, p.percent_used, d, e, pr, cli_pace_words(&p));
	} else {
		snprintf(buf, sizeof buf, "%s, billable %s (no budget)", a, d);
	}
	field("this month", buf);
	if (mb.shapes) {
		cli_billed_text(app, &mb.bm, buf, sizeof buf);
		field("billed", buf);
	}
	if (mb.locked) {
		cli_lock_text(&mb.lock, buf, sizeof buf);
		field("locked", buf);
	}
	snprintf(buf, sizeof buf, "%zu active", active);
	field("mandates", buf);
	if (open)
		snprintf(buf, sizeof buf, "%d open (top score %d), %d accepted", open, top,
		         accepted);
	else
		snprintf(buf, sizeof buf, "none open, %d accepted", accepted);
	field("risks", buf);
	snprintf(buf, sizeof buf, "%zu open, %d overdue", al.n, overdue);
	field("actions", buf);
	field("current", is_cur ? "yes" : "no");
	if (*exported) {
		char *where = text_sanitize(export_path);
		snprintf(buf, sizeof buf, "%.10s, to %s", exported, where ? where : "");
		free(where);
		field("exported", buf);
	}
out:
	client_free(&c);
	client_terms_free(&terms);
	month_lock_free(&mb.lock);
	mandate_list_free(&ml);
	risk_list_free(&rl);
	action_list_free(&al);
	return rc;
}

static const struct cli_option show_opts[] = {
	{ .name = "format",
	  .arg = "table|json",
	  .kind = VAL_FORMAT,
	  .help = "the output format (table: the text above)" },
	{ .name = NULL },
};

static int client_show_check(struct cli_call *c)
{
	const struct cli_value *format = cli_opt(c, "format");
	if (format && format->num == FORMAT_TSV)
		return cli_usage(c, "client show: --format is table or json");
	return 0;
}

const struct cli_command cli_client_show = {
	.name = "show",
	.synopsis = "KEY [--format table|json]",
	.summary = "a client's engagement, this month's hours and open items",
	.opts = show_opts,
	.check = client_show_check,
	.operands = "KEY",
	.flags = CMD_READ,
	.run = client_show,
};
