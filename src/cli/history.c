/*
 * history.c: `cxo history`, `cxo undo` and `cxo redo`: the journal of
 * writes (journal.h), read and taken back.  The store does the work and
 * says why it refuses; these print what happened.
 */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "cxo/clock.h"
#include "cxo/journal.h"
#include "cxo/text.h"

/* ---- history ---- */

/* The mark of an entry: a change taken back, an undo (redone: taken
 * back in its turn), a redo (undone again). */
static const char *mark_of(const struct journal_entry *e)
{
	if (!strcmp(e->kind, "undo"))
		return e->undone ? "undo, redone" : "undo";
	if (!strcmp(e->kind, "redo"))
		return e->undone ? "redo, undone" : "redo";
	return e->undone ? "undone" : "";
}

/* Who made it: the command, or the device a sync brought it from. */
static void by_of(const struct journal_entry *e, char *buf, size_t n)
{
	if (e->device)
		snprintf(buf, n, "from %s", e->device);
	else
		snprintf(buf, n, "%s", e->command ? e->command : "");
}

static int history_run(struct cli_call *c)
{
	struct cxo_app *app = c->app;
	const struct cli_value *format = cli_opt(c, "format");
	const struct cli_value *limit = cli_opt(c, "limit");
	enum output_format fmt = format ? (enum output_format)format->num : FORMAT_TABLE;
	struct client cl = { 0 };
	const char *client_id = NULL;
	int rc;
	/* -C KEY (--client KEY), before the command or after it: that
	 * client's only.  Not CXO_CLIENT nor the current client: the history
	 * is the whole database's unless asked. */
	const char *key = app->client_key_source == CLIENT_FROM_FLAG ? app->client_key : NULL;
	if (key) {
		if ((rc = store_client_get(app->st, key, &cl)))
			return app_store_error(app, rc);
		client_id = cl.id;
	}
	struct journal_list l;
	rc = store_history(app->st, client_id, limit ? (int)limit->num : 20, &l);
	client_free(&cl);
	if (rc)
		return app_store_error(app, rc);
	struct table *t = table_new(fmt, app->color);
	if (!t) {
		journal_list_free(&l);
		return app_error(EX_OSERR, "out of memory");
	}
	bool machine = fmt != FORMAT_TABLE;
	table_column(t, "ID", "id", COL_INT);
	table_column(t, "WHEN", "when", COL_TEXT);
	if (machine)
		table_column(t, "AT", "at", COL_TEXT);
	table_column(t, "CLIENT", "client", COL_TEXT);
	table_column(t, "WHAT", "what", COL_TEXT);
	table_column(t, "BY", "by", COL_TEXT);
	if (machine) {
		table_column(t, "KIND", "kind", COL_TEXT);
		table_column(t, "TARGET", "target", COL_INT);
		table_column(t, "UNDONE", "undone", COL_BOOL);
	} else {
		table_column(t, "MARK", "mark", COL_TEXT);
	}
	for (size_t i = 0; i < l.count; i++) {
		const struct journal_entry *e = &l.items[i];
		char when[CLOCK_TEXT_LEN] = "", by[256];
		int64_t at;
		if (clock_stamp_parse(e->at, &at))
			clock_local_text(at, when, sizeof when);
		by_of(e, by, sizeof by);
		table_row(t);
		table_cellf(t, "%lld", e->seq);
		table_cell(t, when);
		if (machine)
			table_cell(t, e->at);
		table_cell(t, e->client_key);
		table_cell(t, e->summary);
		table_cell(t, by);
		if (machine) {
			table_cell(t, e->kind);
			if (e->target)
				table_cellf(t, "%lld", e->target);
			else
				table_cell(t, "");
			table_cell(t, e->undone ? "1" : "0");
		} else {
			table_cell_color(t, mark_of(e), e->undone ? CC_DIM : CC_CYAN);
		}
	}
	if (!machine && l.count == 0)
		printf("no changes recorded%s\n",
		       app->cfg.journal_days == 0 ? " (journal_days = 0: the journal is off)" : "");
	rc = machine || l.count ? table_print(t, stdout) : 0;
	table_free(t);
	journal_list_free(&l);
	return rc;
}

/* ---- undo and redo ---- */

/* "undid #12: closed risk ...", then done is freed. */
static int print_done(const char *verb, struct journal_entry *done)
{
	char *line = text_sanitize(done->summary);
	if (!line) {
		journal_entry_free(done);
		return app_error(EX_OSERR, "out of memory");
	}
	printf("%s #%lld: %s\n", verb, done->seq, line);
	free(line);
	journal_entry_free(done);
	return 0;
}

static int undo_run(struct cli_call *c)
{
	struct cxo_app *app = c->app;
	long long seq = 0;
	if (c->argc > 0) {
		const char *text = c->argv[0] + (c->argv[0][0] == '#');
		long v;
		if (!text_to_long(text, 1, 2000000000L, &v))
			return app_error(EX_DATAERR,
			                 "bad ID \"%s\" (expected the number of a change, as cxo "
			                 "history lists it)",
			                 c->argv[0]);
		seq = v;
	}
	struct journal_entry done;
	int rc = store_undo(app->st, seq, &done);
	if (rc)
		return app_store_error(app, rc);
	return print_done("undid", &done);
}

static int redo_run(struct cli_call *c)
{
	struct cxo_app *app = c->app;
	struct journal_entry done;
	int rc = store_redo(app->st, &done);
	if (rc)
		return app_store_error(app, rc);
	return print_done("redid", &done);
}

/* ---- the table ---- */

static const struct cli_option history_opts[] = {
	{ .name = "limit",
	  .letter = 'n',
	  .arg = "N",
	  .kind = VAL_NUMBER,
	  .lo = 1,
	  .hi = 1000000L,
	  .help = "the newest N changes (default 20)" },
	{ .name = "format",
	  .arg = "table|tsv|json",
	  .kind = VAL_FORMAT,
	  .help = "the output format" },
	{ .name = NULL },
};

const struct cli_command cli_history = {
	.name = "history",
	.synopsis = "[--limit N] [--format table|tsv|json]",
	.summary = "the changes recorded, newest first: what, when and by which command",
	.help = "  Every write is recorded with the command that made it (the dashboard's\n"
	        "  as \"dashboard\", a synced one as \"from DEVICE\").  ID is what cxo undo\n"
	        "  takes; the last column marks a change undone, and the undos and redos\n"
	        "  themselves.  -C KEY (--client KEY) shows that client's changes only;\n"
	        "  -n N is --limit N.\n"
	        "  Changes older than journal_days (cxo.conf(5), default 90) are dropped.",
	.opts = history_opts,
	.flags = CMD_READ,
	.run = history_run,
};

const struct cli_command cli_undo = {
	.name = "undo",
	.synopsis = "[ID]",
	.summary = "take back the latest change, or change ID of cxo history",
	.help = "  Puts every row the change touched back as it was, in one transaction,\n"
	        "  and records that as a change of its own.  Refused, naming it, when a\n"
	        "  later change still in effect touched the same items (undo that one\n"
	        "  first), or when the hours it touched are in a locked month.",
	.operands = "[ID]",
	.flags = CMD_WRITE | CMD_WHOLE_NAME,
	.run = undo_run,
};

const struct cli_command cli_redo = {
	.name = "redo",
	.synopsis = "",
	.summary = "make again the change the latest undo took back",
	.help = "  Only while no other change was made since that undo.",
	.flags = CMD_WRITE | CMD_WHOLE_NAME,
	.run = redo_run,
};
