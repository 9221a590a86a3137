/*
 * action_list.c: reading next actions: `cxo action list` (overdue ones in
 * red, who does each, who a waiting one waits for and for how long) and
 * `cxo action show`.  The rest
 * of `cxo action` is in action.c, which dispatches here.
 */
#include "internal.h"

#include <string.h>
#include <sysexits.h>

#include "cxo/rules.h"
#include "cxo/text.h"

/* Columns a link title gets in a table. */
#define LINK_WIDTH 32

static void link_text(const struct action *a, bool json, char *buf, size_t n)
{
	const char *t = a->mandate_title ? a->mandate_title : a->risk_title;
	if (json)
		snprintf(buf, n, "%s", t ? t : "");
	else
		text_fit(t ? t : "", LINK_WIDTH, true, buf, n);
}

static void due_cell(const struct cxo_app *app, struct table *t, const struct action *a,
                     bool machine)
{
	cxo_day d;
	char rel[32];
	if (machine || !*a->due || !date_parse_iso(a->due, &d)) {
		table_cell(t, a->due);
		return;
	}
	date_relative(d, app->today, rel, sizeof rel);
	enum cell_color color = CC_NONE;
	if (!action_is_open(a))
		color = CC_DIM;
	else if (action_is_overdue(a, app->today))
		color = CC_RED;
	else if (action_is_due_soon(a, app->today))
		color = CC_YELLOW;
	table_cell_color(t, rel, color);
}

struct list_ctx {
	const struct cxo_app *app;
	struct table *t;
	enum output_format fmt;
	bool machine, all_clients; /* machine: tsv or json, the same fields */
	size_t rows;
};

static void add_columns(struct list_ctx *lc)
{
	struct table *t = lc->t;
	if (lc->all_clients)
		table_column(t, "CLIENT", "client", COL_TEXT);
	table_column(t, "ID", "id", COL_TEXT);
	table_column(t, "DUE", "due", COL_TEXT);
	table_column(t, "TITLE", "title", COL_TEXT);
	table_column(t, "OWNER", "owner", COL_TEXT);
	/* The person waited for: a field of its own beside the owner in
	 * TSV and JSON; the table shows the name with the days waited in
	 * WAITING, and the owner apart. */
	if (lc->fmt != FORMAT_TABLE)
		table_column(t, "WAITING FOR", "waiting_for", COL_TEXT);
	table_column(t, "STATUS", "status", COL_TEXT);
	if (lc->machine) {
		table_column(t, "SINCE", "waiting_since", COL_TEXT);
		table_column(t, "DAYS", "waiting_days", COL_INT);
		table_column(t, "MANDATE_ID", "mandate_id", COL_TEXT);
		table_column(t, "MANDATE", "mandate", COL_TEXT);
		table_column(t, "RISK_ID", "risk_id", COL_TEXT);
		table_column(t, "RISK", "risk", COL_TEXT);
		table_column(t, "DONE", "done_on", COL_TEXT);
		table_column(t, "CREATED", "created", COL_TEXT);
	} else {
		table_column(t, "WAITING", "waiting", COL_TEXT);
		table_column(t, "LINK", "link", COL_TEXT);
	}
}

/* One action as a table row; its texts are borrowed, and the table
 * copies what it keeps. */
static int add_row(const struct action *a, void *ctx)
{
	struct list_ctx *lc = ctx;
	struct table *t = lc->t;
	bool machine = lc->machine;
	bool is_waiting = action_is_waiting(a);
	long days = is_waiting ? action_days_waited(a, lc->app->today) : -1;
	char buf[LINK_WIDTH * 4 + 8];
	lc->rows++;
	table_row(t);
	if (lc->all_clients)
		table_cell(t, a->client_key);
	table_cell_id(t, a->id);
	due_cell(lc->app, t, a, machine);
	table_cell(t, a->title);
	table_cell(t, machine ? a->owner : a->owner ? a->owner : "me");
	if (lc->fmt != FORMAT_TABLE)
		table_cell(t, a->waiting_for);
	table_cell_color(t, a->status, is_waiting ? CC_CYAN : action_is_open(a) ? CC_NONE : CC_DIM);
	if (machine) {
		table_cell(t, a->waiting_since);
		if (days >= 0)
			table_cell_long(t, days);
		else
			table_cell(t, "");
		table_cell(t, a->mandate_id);
		table_cell(t, a->mandate_title);
		table_cell(t, a->risk_id);
		table_cell(t, a->risk_title);
		table_cell(t, a->done_on);
		table_cell(t, a->created);
	} else {
		if (is_waiting) { /* "Dana Whitfield 5d" */
			char who[48];
			text_fit(a->waiting_for ? a->waiting_for : "?", 20, true, who, sizeof who);
			table_cellf(t, "%s %ldd", who, days);
		} else {
			table_cell(t, "");
		}
		link_text(a, false, buf, sizeof buf);
		table_cell(t, buf);
	}
	return 0;
}

static int action_list(struct cli_call *call)
{
	struct cxo_app *app = call->app;
	const struct cli_value *format = cli_opt(call, "format");
	enum output_format fmt = format ? format->num : FORMAT_TABLE;
	bool overdue = cli_flag(call, "overdue"), waiting = cli_flag(call, "waiting"),
	     all = cli_flag(call, "all"), all_clients = cli_flag(call, "all-clients");
	const struct client cl = call->client;
	int rc;

	char today[DAY_LEN];
	app_today_iso(app, today);
	/* Open ones only unless --all: the store never reads the history. */
	struct action_filter f = {
		.client_id = all_clients ? NULL : cl.id,
		.include_closed = all && !overdue, /* closed ones are never overdue */
		.due_before = overdue ? today : NULL,
		.waiting_only = waiting,
	};
	struct list_ctx lc = { app, NULL, fmt, fmt != FORMAT_TABLE, all_clients, 0 };
	if (!(lc.t = table_new(fmt, app->color))) {
		rc = app_error(EX_OSERR, "out of memory");
		goto out;
	}
	add_columns(&lc);
	if ((rc = store_action_each(app->st, &f, add_row, &lc))) {
		rc = app_store_error(app, rc);
		goto out;
	}
	if (fmt == FORMAT_TABLE && !lc.rows) {
		printf("%s\n", overdue   ? "nothing overdue"
		               : waiting ? "not waiting for anyone"
		               : all     ? "no actions"
		                         : "no open actions");
		goto out;
	}
	rc = table_print(lc.t, stdout);
out:
	table_free(lc.t);
	return rc;
}

static const struct cli_option list_opts[] = {
	{ .name = "overdue", .help = "those due before today" },
	{ .name = "waiting", .help = "those waiting for someone, with whom and for how long" },
	{ .name = "all", .help = "the done and dropped ones too" },
	{ .name = "all-clients", .help = "every client's, with a CLIENT column" },
	{ .name = "format",
	  .arg = "table|tsv|json",
	  .kind = VAL_FORMAT,
	  .help = "the output format" },
	{ .name = NULL },
};

const struct cli_command cli_action_list = {
	.name = "list",
	.synopsis = "[--overdue] [--waiting] [--all] [--all-clients] [--format table|tsv|json]",
	.summary = "the open actions, overdue first, then by due day",
	.opts = list_opts,
	.flags = CMD_READ | CMD_CLIENT,
	.run = action_list,
};

/* ---- show ---- */

void cli_print_open_actions(const struct cxo_app *app, const struct action_list *al, int width)
{
	printf("%-*s%zu open\n", width, "actions", al->n);
	for (size_t i = 0; i < al->n; i++) {
		const struct action *a = &al->items[i];
		char sid[SHORT_ID_LEN + 1], rel[32];
		cxo_day d;
		uuid_short(a->id, sid);
		if (*a->due && date_parse_iso(a->due, &d))
			date_relative(d, app->today, rel, sizeof rel);
		else
			snprintf(rel, sizeof rel, "no date");
		printf("  %s  %-10s  ", sid, rel);
		cli_put_text(a->title);
		/* " (Priya)", " (waiting for Dana)", " (Priya, waiting for Dana)" */
		if (a->owner || a->waiting_for) {
			fputs(" (", stdout);
			cli_put_text(a->owner);
			if (a->waiting_for) {
				fputs(a->owner ? ", waiting for " : "waiting for ", stdout);
				cli_put_text(a->waiting_for);
			}
			putchar(')');
		}
		putchar('\n');
	}
}

static void show_line(const char *label, const char *value)
{
	printf("%-10s", label);
	cli_put_text(value && *value ? value : "-");
	putchar('\n');
}

/* A day and how far it is from today: a deadline's past is "3d late",
 * anything else's "3d ago". */
static void show_day(const struct cxo_app *app, const char *label, const char *iso, bool deadline)
{
	char day[64], rel[32], buf[128];
	cxo_day d;
	if (!*iso || !date_parse_iso(iso, &d)) {
		show_line(label, "");
		return;
	}
	cli_format_day(app, iso, day, sizeof day);
	if (deadline)
		date_relative(d, app->today, rel, sizeof rel);
	else
		date_ago(d, app->today, rel, sizeof rel);
	snprintf(buf, sizeof buf, "%s (%s)", day, rel);
	show_line(label, buf);
}

static void show_link(const char *label, const char *id, const char *title)
{
	char sid[SHORT_ID_LEN + 1];
	if (!*id)
		return;
	uuid_short(id, sid);
	printf("%-10s%s  ", label, sid);
	cli_put_text(title);
	putchar('\n');
}

static int action_show(struct cli_call *call)
{
	struct cxo_app *app = call->app;
	int rc;
	struct action a = { 0 };
	char id[UUID_LEN];
	if ((rc = cli_resolve_item(app, KIND_ACTION, call->argv[0], id)))
		goto out;
	if ((rc = store_action_get(app->st, id, &a))) {
		rc = app_store_error(app, rc);
		goto out;
	}
	show_line("id", a.id);
	show_line("client", a.client_key);
	show_line("title", a.title);
	show_line("status", a.status);
	show_line("owner", a.owner ? a.owner : "me");
	if (*a.due)
		show_day(app, "due", a.due, true);
	else
		show_line("due", "no date");
	if (action_is_waiting(&a)) { /* "waiting   for Dana since 2026-11-16 (2 days)" */
		char day[64];
		cli_format_day(app, a.waiting_since, day, sizeof day);
		printf("%-10sfor ", "waiting");
		cli_put_text(a.waiting_for ? a.waiting_for : "someone");
		printf(" since %s (%d days)\n", day, action_days_waited(&a, app->today));
	}
	show_link("mandate", a.mandate_id, a.mandate_title);
	show_link("risk", a.risk_id, a.risk_title);
	show_day(app, "created", a.created, false);
	if (*a.done_on)
		show_day(app, "done", a.done_on, false);
out:
	action_free(&a);
	return rc;
}

const struct cli_command cli_action_show = {
	.name = "show",
	.synopsis = "ID",
	.summary = "an action in full",
	.operands = "ID",
	.flags = CMD_READ | CMD_DASH_OPERANDS,
	.run = action_show,
};
