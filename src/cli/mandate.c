/*
 * mandate.c: `cxo mandate add|list|show|edit|done|drop`: the executive
 * decisions owned for a client, each with a status, a target date and a
 * measure of success.
 */
#include "internal.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "cxo/text.h"
#include "cxo/vocab.h"

static bool clears(const char *text)
{
	return !*text || !strcmp(text, "none") || !strcmp(text, "-");
}

/*
 * An id prefix names any client's mandate; failing that, a title (the
 * exact one, else its start or a part of it) one of the current
 * client's.
 */
static int resolve_mandate(struct cxo_app *app, const char *text, struct mandate *m)
{
	char id[UUID_LEN];
	int rc = cli_resolve_item(app, KIND_MANDATE, text, id);
	if (rc)
		return rc;
	if ((rc = store_mandate_get(app->st, id, m)))
		return app_store_error(app, rc);
	return 0;
}

/* "3f2a9c1d "Title"" with the title sanitised. */
static void print_mandate(const char *verb, const struct mandate *m, const char *tail)
{
	char sid[SHORT_ID_LEN + 1];
	char *title = text_sanitize(m->title);
	uuid_short(m->id, sid);
	printf("%s mandate %s \"%s\" for %s%s\n", verb, sid, title ? title : "", m->client_key,
	       tail);
	free(title);
}

/* ---- mandate add ---- */

static int mandate_add_check(struct cli_call *c)
{
	char *title;
	return cli_operand_text(c, 0, "mandate title", &title);
}

static int mandate_add(struct cli_call *call)
{
	struct cxo_app *app = call->app;
	struct mandate m = { 0 };
	const char *area = cli_text(call, "area"), *measure = cli_text(call, "measure");
	char *title;
	int rc;

	if ((rc = cli_operand_text(call, 0, "mandate title", &title)))
		return rc;
	if (cli_opt(call, "due"))
		snprintf(m.due, sizeof m.due, "%s", cli_opt(call, "due")->day);
	area = area ? text_trim((char *)area) : NULL;
	measure = measure ? text_trim((char *)measure) : NULL;
	snprintf(m.client_id, sizeof m.client_id, "%s", call->client.id);
	snprintf(m.client_key, sizeof m.client_key, "%s", call->client.key);
	snprintf(m.status, sizeof m.status, "active");
	if (cli_set_text(&m.title, title) || cli_set_text(&m.area, area && *area ? area : NULL) ||
	    cli_set_text(&m.measure, measure && *measure ? measure : NULL)) {
		mandate_free(&m);
		return EX_OSERR;
	}
	if ((rc = store_mandate_add(app->st, &m))) {
		mandate_free(&m);
		return app_store_error(app, rc);
	}
	char tail[64] = "";
	if (m.due[0]) {
		char day[32];
		cli_format_day(app, m.due, day, sizeof day);
		snprintf(tail, sizeof tail, " (due %s)", day);
	}
	print_mandate("added", &m, tail);
	mandate_free(&m);
	return 0;
}

/* ---- mandate list ---- */

static int mandate_list(struct cli_call *call)
{
	struct cxo_app *app = call->app;
	const struct client c = call->client;
	enum output_format fmt =
	        cli_opt(call, "format") ? cli_opt(call, "format")->num : FORMAT_TABLE;
	bool all = cli_flag(call, "all"), all_clients = cli_flag(call, "all-clients");
	int rc;

	struct mandate_list l = { 0 };
	rc = store_mandate_list(app->st, all_clients ? NULL : c.id, all, &l);
	if (rc)
		return app_store_error(app, rc);
	if (fmt == FORMAT_TABLE && !l.n) {
		if (all_clients)
			printf("no %smandates\n", all ? "" : "active ");
		else
			printf("no %smandates for %s\n", all ? "" : "active ", c.key);
		mandate_list_free(&l);
		return 0;
	}

	/* TSV carries JSON's fields: ISO days. */
	bool machine = fmt != FORMAT_TABLE;
	struct table *t = table_new(fmt, app->color);
	if (!t) {
		mandate_list_free(&l);
		return app_error(EX_OSERR, "out of memory");
	}
	if (all_clients)
		table_column(t, "CLIENT", "client", COL_TEXT);
	table_column(t, "ID", "id", COL_TEXT);
	table_column(t, "TITLE", "title", COL_TEXT);
	table_column(t, "AREA", "area", COL_TEXT);
	table_column(t, "STATUS", "status", COL_TEXT);
	table_column(t, "DUE", "due", COL_TEXT);
	table_column(t, "ACTIONS", "open_actions", machine ? COL_INT : COL_NUM);
	/* The hours spent on each: this month and since it began. */
	table_column(t, "MONTH", "month_minutes", machine ? COL_INT : COL_NUM);
	table_column(t, "TOTAL", "total_minutes", machine ? COL_INT : COL_NUM);
	table_column(t, "MEASURE", "measure", COL_TEXT);

	char today[DAY_LEN], from[DAY_LEN], to[DAY_LEN];
	int y, mo;
	app_today_iso(app, today);
	date_month_iso(app->today, &y, &mo, from, to);
	for (size_t i = 0; i < l.n; i++) {
		const struct mandate *m = &l.items[i];
		bool active = !strcmp(m->status, "active");
		char buf[64];
		struct mandate_hours h;
		if ((rc = store_mandate_hours(app->st, m->id, from, to, &h))) {
			app_store_error(app, rc);
			goto out;
		}
		table_row(t);
		if (all_clients)
			table_cell(t, m->client_key);
		table_cell_id(t, m->id);
		table_cell(t, m->title);
		table_cell(t, m->area);
		table_cell_color(t, m->status, active ? CC_NONE : CC_DIM);
		if (machine) {
			table_cell(t, m->due);
		} else {
			cli_format_day(app, m->due, buf, sizeof buf);
			table_cell_color(t, buf,
			                 active && m->due[0] && strcmp(m->due, today) < 0
			                         ? CC_RED
			                         : CC_NONE);
		}
		table_cell_long(t, m->open_actions);
		if (machine) {
			table_cell_long(t, h.month_minutes);
			table_cell_long(t, h.total_minutes);
		} else {
			cli_format_hours(app, h.month_minutes, buf, sizeof buf);
			table_cell_color(t, buf, h.month_minutes ? CC_NONE : CC_DIM);
			cli_format_hours(app, h.total_minutes, buf, sizeof buf);
			table_cell_color(t, buf, h.total_minutes ? CC_NONE : CC_DIM);
		}
		table_cell(t, m->measure);
	}
	rc = table_print(t, stdout);
out:
	table_free(t);
	mandate_list_free(&l);
	return rc;
}

/* ---- mandate show ---- */

static void show_line(const char *label, const char *value)
{
	printf("%-12s", label);
	cli_put_text(value && *value ? value : "-");
	putchar('\n');
}

static int mandate_show(struct cli_call *call)
{
	struct cxo_app *app = call->app;
	struct mandate m = { 0 };
	struct action_list al = { 0 };
	int rc;
	if ((rc = resolve_mandate(app, call->argv[0], &m)))
		goto out;
	struct action_filter f = { .client_id = m.client_id, .mandate_id = m.id };
	if ((rc = store_action_list(app->st, &f, &al))) {
		rc = app_store_error(app, rc);
		goto out;
	}
	show_line("id", m.id);
	show_line("client", m.client_key);
	show_line("title", m.title);
	show_line("area", m.area);
	show_line("status", m.status);
	cxo_day d;
	if (*m.due && date_parse_iso(m.due, &d)) {
		/* An active mandate's date is a deadline ("3d late"); a
		 * closed one's is past news ("3d ago"). */
		char day[64], rel[32], buf[128];
		cli_format_day(app, m.due, day, sizeof day);
		if (!strcmp(m.status, "active"))
			date_relative(d, app->today, rel, sizeof rel);
		else
			date_ago(d, app->today, rel, sizeof rel);
		snprintf(buf, sizeof buf, "%s (%s)", day, rel);
		show_line("due", buf);
	} else {
		show_line("due", "no date");
	}
	show_line("measure", m.measure);
	/* The hours spent on it, as the dashboard's detail says them. */
	struct mandate_hours h;
	char from[DAY_LEN], to[DAY_LEN], month[32], total[32];
	int y, mo;
	date_month_iso(app->today, &y, &mo, from, to);
	if ((rc = store_mandate_hours(app->st, m.id, from, to, &h))) {
		rc = app_store_error(app, rc);
		goto out;
	}
	cli_format_hours(app, h.month_minutes, month, sizeof month);
	cli_format_hours(app, h.total_minutes, total, sizeof total);
	printf("%-12s%s this month, %s in all\n", "hours", month, total);
	cli_print_open_actions(app, &al, 12);
out:
	action_list_free(&al);
	mandate_free(&m);
	return rc;
}

/* ---- mandate edit ---- */

static int mandate_edit_check(struct cli_call *c)
{
	const char *title = cli_text(c, "title");
	if (title && !*text_trim((char *)title))
		return app_error(EX_DATAERR, "--title: the title is empty");
	if (!title && !cli_flag(c, "due") && !cli_flag(c, "area") && !cli_flag(c, "measure") &&
	    !cli_flag(c, "status"))
		return cli_usage(c, "mandate edit: nothing to change");
	return 0;
}

static int mandate_edit(struct cli_call *call)
{
	struct cxo_app *app = call->app;
	const char *title = cli_text(call, "title"), *area = cli_text(call, "area"),
	           *measure = cli_text(call, "measure");
	const struct cli_value *due = cli_opt(call, "due"), *status = cli_opt(call, "status");
	bool has_area = area != NULL, has_measure = measure != NULL;
	int rc;
	if (title)
		title = text_trim((char *)title);
	if (area)
		area = text_trim((char *)area);
	if (measure)
		measure = text_trim((char *)measure);

	struct mandate m = { 0 };
	if ((rc = resolve_mandate(app, call->argv[0], &m)))
		return rc;
	if ((title && cli_set_text(&m.title, title)) ||
	    (has_area && cli_set_text(&m.area, *area && !clears(area) ? area : NULL)) ||
	    (has_measure &&
	     cli_set_text(&m.measure, *measure && !clears(measure) ? measure : NULL))) {
		mandate_free(&m);
		return EX_OSERR;
	}
	if (due)
		snprintf(m.due, sizeof m.due, "%s", due->day);
	if (status)
		snprintf(m.status, sizeof m.status, "%s", status->word);
	if ((rc = store_mandate_update(app->st, &m)))
		app_store_error(app, rc);
	else
		print_mandate("updated", &m, "");
	mandate_free(&m);
	return rc;
}

/* ---- mandate done / drop ---- */

static int set_status(struct cli_call *call, const char *status)
{
	struct cxo_app *app = call->app;
	const char *text = call->argv[0];
	int rc;
	struct mandate m = { 0 };
	if ((rc = resolve_mandate(app, text, &m)))
		return rc;
	if (!strcmp(m.status, status)) {
		char tail[32];
		snprintf(tail, sizeof tail, " is already %s", status);
		print_mandate("the", &m, tail);
		mandate_free(&m);
		return 0;
	}
	snprintf(m.status, sizeof m.status, "%s", status);
	if ((rc = store_mandate_update(app->st, &m)))
		app_store_error(app, rc);
	else
		print_mandate(!strcmp(status, "done") ? "completed" : "dropped", &m,
		              m.open_actions > 0 ? " (its open actions stay open)" : "");
	mandate_free(&m);
	return rc;
}

static int mandate_done(struct cli_call *c)
{
	return set_status(c, "done");
}

static int mandate_drop(struct cli_call *c)
{
	return set_status(c, "dropped");
}

/* ---- the table ---- */

static const struct cli_option add_opts[] = {
	{ .name = "due", .arg = "DAY", .kind = VAL_DAY, .help = "the target date" },
	{ .name = "area",
	  .arg = "TEXT",
	  .kind = VAL_TEXT,
	  .help = "the area (vendors, security ...)" },
	{ .name = "measure", .arg = "TEXT", .kind = VAL_TEXT, .help = "the measure of success" },
	{ .name = NULL },
};

static const struct cli_command mandate_add_entry = {
	.name = "add",
	.synopsis = "TITLE [--due DAY] [--area TEXT] [--measure TEXT]",
	.summary = "add a mandate: an executive decision owned for the client",
	.opts = add_opts,
	.operands = "TITLE",
	.quote = "title",
	.flags = CMD_WRITE | CMD_CLIENT,
	.check = mandate_add_check,
	.run = mandate_add,
};

static const struct cli_option list_opts[] = {
	{ .name = "all", .help = "the done and dropped ones too" },
	{ .name = "all-clients", .help = "every client's, with a CLIENT column" },
	{ .name = "format",
	  .arg = "table|tsv|json",
	  .kind = VAL_FORMAT,
	  .help = "the output format" },
	{ .name = NULL },
};

static const struct cli_command mandate_list_entry = {
	.name = "list",
	.synopsis = "[--all] [--all-clients] [--format table|tsv|json]",
	.summary = "the active mandates by due date, with their open actions and hours",
	.opts = list_opts,
	.flags = CMD_READ | CMD_CLIENT,
	.run = mandate_list,
};

static const struct cli_command mandate_show_entry = {
	.name = "show",
	.synopsis = "ID",
	.summary = "a mandate in full, with its hours and open actions",
	.operands = "ID",
	.flags = CMD_READ,
	.run = mandate_show,
};

static const struct cli_option edit_opts[] = {
	{ .name = "title", .arg = "TEXT", .kind = VAL_TEXT, .help = "a new title" },
	{ .name = "due",
	  .arg = "DAY",
	  .kind = VAL_DAY,
	  .flags = OPT_CLEARS,
	  .words = "none",
	  .help = "the target date (none: no date)" },
	{ .name = "area", .arg = "TEXT", .kind = VAL_TEXT, .help = "the area (none: no area)" },
	{ .name = "measure", .arg = "TEXT", .kind = VAL_TEXT, .help = "the measure of success" },
	{ .name = "status",
	  .arg = "active|done|dropped",
	  .kind = VAL_WORD,
	  .vocab = &VOCAB_MANDATE_STATUS,
	  .help = "the status" },
	{ .name = NULL },
};

static const struct cli_command mandate_edit_entry = {
	.name = "edit",
	.synopsis = "ID [--title TEXT] [--due DAY] [--area TEXT] [--measure TEXT] "
	            "[--status active|done|dropped]",
	.summary = "change a mandate",
	.opts = edit_opts,
	.operands = "ID",
	.flags = CMD_WRITE,
	.check = mandate_edit_check,
	.run = mandate_edit,
};

static const struct cli_command mandate_done_entry = {
	.name = "done",
	.synopsis = "ID",
	.summary = "mark a mandate done",
	.operands = "ID",
	.flags = CMD_WRITE,
	.run = mandate_done,
};

static const struct cli_command mandate_drop_entry = {
	.name = "drop",
	.synopsis = "ID",
	.summary = "mark a mandate dropped",
	.operands = "ID",
	.flags = CMD_WRITE,
	.run = mandate_drop,
};

static const struct cli_command *const mandate_subs[] = {
	&mandate_add_entry,
	&mandate_list_entry,
	&mandate_show_entry,
	&mandate_edit_entry,
	&mandate_done_entry,
	&mandate_drop_entry,
	NULL,
};

const struct cli_command cli_mandate = {
	.name = "mandate",
	.summary = "the decisions you own for the client, with due dates and measures",
	.help = "  ID: an id prefix (4+ characters) or a title of the client's mandates:\n"
	        "  the exact one, in any case, else the only one it starts, else the only\n"
	        "  one holding it (which is named on stderr).",
	.subs = mandate_subs,
	.default_sub = "list",
};
