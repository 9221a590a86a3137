/*
 * note.c: `cxo note add|list`: what was said in the last meeting, what
 * you were in the middle of when you switched away.
 */
#include "internal.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "cxo/clock.h"
#include "cxo/rules.h"
#include "cxo/text.h"

/* ---- note add ---- */

static int note_add_check(struct cli_call *c)
{
	char *text;
	return cli_operand_text(c, 0, "note", &text);
}

static int note_add(struct cli_call *call)
{
	struct cxo_app *app = call->app;
	const struct cli_value *date = cli_opt(call, "date");
	struct note n = { 0 };
	char err[256], *text;
	int rc;

	if ((rc = cli_operand_text(call, 0, "note", &text)))
		return rc;
	/* A meeting written up later: filed under its day. */
	if ((rc = note_stamp(date ? date->day : "", app->now, app->today, n.created, err,
	                     sizeof err)))
		return app_error(rc, "%s", err);
	snprintf(n.client_id, sizeof n.client_id, "%s", call->client.id);
	snprintf(n.client_key, sizeof n.client_key, "%s", call->client.key);
	if (!(n.text = strdup(text))) {
		rc = app_error(EX_OSERR, "out of memory");
	} else if ((rc = store_note_add(app->st, &n))) {
		app_store_error(app, rc);
	} else {
		char sid[SHORT_ID_LEN + 1];
		uuid_short(n.id, sid);
		printf("added note %s for %s\n", sid, call->client.key);
	}
	note_free(&n);
	return rc;
}

/* ---- note list ---- */

/* Local date of a UTC stamp (YYYY-MM-DDTHH:MM:SSZ) as ISO; the stamp's
 * own date when it cannot be read. */
static void local_date(const char *stamp, char out[DAY_LEN])
{
	int64_t t;
	cxo_day day;
	if (clock_stamp_parse(stamp, &t) && clock_local(t, &day, NULL))
		date_format_iso(day, out);
	else
		snprintf(out, DAY_LEN, "%.10s", stamp);
}

/* Line breaks and tabs become spaces, so a note stays on one line
 * (the table builder drops the controls themselves). */
static char *one_line(const char *s)
{
	char *copy = strdup(s ? s : "");
	if (copy)
		for (char *p = copy; *p; p++)
			if (*p == '\n' || *p == '\r' || *p == '\t')
				*p = ' ';
	return copy;
}

static int note_list(struct cli_call *call)
{
	struct cxo_app *app = call->app;
	const struct cli_value *format = cli_opt(call, "format"), *limit = cli_opt(call, "limit");
	enum output_format fmt = format ? format->num : FORMAT_TABLE;
	bool all = cli_flag(call, "all-clients");
	const struct client c = call->client;
	int rc;

	struct note_list l = { 0 };
	if ((rc = store_note_list(app->st, all ? NULL : c.id, limit ? (size_t)limit->num : 0, &l)))
		return app_store_error(app, rc);
	if (fmt == FORMAT_TABLE && !l.n) {
		if (all)
			printf("no notes\n");
		else
			printf("no notes for %s\n", c.key);
		note_list_free(&l);
		return 0;
	}

	/* TSV carries JSON's fields (ISO days, the time made), each note on
	 * one line. */
	bool json = fmt == FORMAT_JSON, machine = fmt != FORMAT_TABLE;
	struct table *t = table_new(fmt, app->color);
	if (!t) {
		note_list_free(&l);
		return app_error(EX_OSERR, "out of memory");
	}
	table_column(t, "DATE", "date", COL_TEXT);
	if (machine)
		table_column(t, "CREATED", "created", COL_TEXT);
	if (all)
		table_column(t, "CLIENT", "client", COL_TEXT);
	table_column(t, "ID", "id", COL_TEXT);
	table_column(t, "TEXT", "text", COL_TEXT);
	for (size_t i = 0; i < l.n; i++) {
		const struct note *n = &l.items[i];
		char day[DAY_LEN], shown[32];
		local_date(n->created, day);
		table_row(t);
		if (machine) {
			table_cell(t, day);
			table_cell(t, n->created);
		} else {
			cli_format_day(app, day, shown, sizeof shown);
			table_cell(t, shown);
		}
		if (all)
			table_cell(t, n->client_key);
		table_cell_id(t, n->id);
		if (json) {
			table_cell(t, n->text);
			continue;
		}
		char *line = one_line(n->text);
		if (!line) {
			table_free(t);
			note_list_free(&l);
			return app_error(EX_OSERR, "out of memory");
		}
		table_cell(t, line);
		free(line);
	}
	rc = table_print(t, stdout);
	table_free(t);
	note_list_free(&l);
	return rc;
}

/* ---- the table ---- */

static const struct cli_option add_opts[] = {
	{ .name = "date",
	  .arg = "DAY",
	  .kind = VAL_DAY,
	  .help = "a past day to file it under (a meeting written up later)" },
	{ .name = NULL },
};

static const struct cli_command note_add_entry = {
	.name = "add",
	.synopsis = "TEXT [--date DAY]",
	.summary = "add a note: a meeting, where you left off",
	.opts = add_opts,
	.operands = "TEXT",
	.quote = "note",
	.flags = CMD_WRITE | CMD_CLIENT,
	.check = note_add_check,
	.run = note_add,
};

static const struct cli_option list_opts[] = {
	{ .name = "all-clients", .help = "every client's, with a CLIENT column" },
	{ .name = "limit",
	  .arg = "N",
	  .kind = VAL_NUMBER,
	  .lo = 0,
	  .hi = 1000000000L,
	  .help = "the newest N only (0, the default: all)" },
	{ .name = "format",
	  .arg = "table|tsv|json",
	  .kind = VAL_FORMAT,
	  .help = "the output format" },
	{ .name = NULL },
};

static const struct cli_command note_list_entry = {
	.name = "list",
	.synopsis = "[--all-clients] [--limit N] [--format table|tsv|json]",
	.summary = "the notes, newest first",
	.opts = list_opts,
	.flags = CMD_READ | CMD_CLIENT,
	.run = note_list,
};

static const struct cli_command *const note_subs[] = { &note_add_entry, &note_list_entry, NULL };

const struct cli_command cli_note = {
	.name = "note",
	.summary = "notes on the client: meetings, where you left off",
	.subs = note_subs,
	.default_sub = "list",
};
