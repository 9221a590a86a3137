/*
 * decision_list.c: `cxo decision list` (the log as a table, TSV or JSON,
 * or the decisions whose review is due) and `cxo decision show` (one
 * record as Markdown or JSON).  The rest of `cxo decision` is in
 * decision.c.
 */
#include "internal.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "cxo/adr.h"
#include "cxo/decision.h"
#include "cxo/text.h"

/* ---- decision list ---- */

static bool is_open(const struct decision *d)
{
	return !strcmp(d->status, "proposed") || !strcmp(d->status, "decided");
}

static bool review_due(const struct decision *d, const char *today)
{
	return is_open(d) && d->review[0] && strcmp(d->review, today) < 0;
}

static int list_check(struct cli_call *c)
{
	const struct cli_value *from = cli_opt(c, "from"), *to = cli_opt(c, "to");
	if (from && to && strcmp(from->day, to->day) > 0)
		return app_error(EX_DATAERR, "--from %s is after --to %s: no day is in that range",
		                 from->day, to->day);
	return 0;
}

static int decision_list(struct cli_call *call)
{
	struct cxo_app *app = call->app;
	const struct cli_value *format = cli_opt(call, "format"), *status = cli_opt(call, "status"),
	                       *from = cli_opt(call, "from"), *to = cli_opt(call, "to");
	enum output_format fmt = format ? format->num : FORMAT_TABLE;
	bool all_clients = cli_flag(call, "all-clients"), review = cli_flag(call, "review");
	int rc;

	char today[DAY_LEN], after[DAY_LEN] = "";
	app_today_iso(app, today);
	if (to) {
		/* --to is the last day: the store's end is the day after. */
		cxo_day d;
		if (date_parse_iso(to->day, &d))
			date_format_iso(d + 1, after);
	}
	struct decision_filter f = {
		.client_id = all_clients ? NULL : call->client.id,
		.from = from ? from->day : NULL,
		.to = to ? after : NULL,
		.review_before = review ? today : NULL,
		.include_closed = cli_flag(call, "all") || status,
	};
	struct decision_list l = { 0 };
	struct table *t = NULL;
	if ((rc = store_decision_list(app->st, &f, &l))) {
		rc = app_store_error(app, rc);
		goto out;
	}
	size_t shown = 0;
	for (size_t i = 0; i < l.n; i++)
		shown += !status || !strcmp(l.items[i].status, status->word);
	if (fmt == FORMAT_TABLE && !shown) {
		char whose[KEY_LEN + 8] = "";
		if (!all_clients)
			snprintf(whose, sizeof whose, " for %s", call->client.key);
		printf("no %s%sdecisions%s%s\n", status ? status->word : "", status ? " " : "",
		       whose, review ? " with a review due" : "");
		goto out;
	}
	if (!(t = table_new(fmt, app->color))) {
		rc = app_error(EX_OSERR, "out of memory");
		goto out;
	}
	/* TSV carries JSON's fields: ISO days, true or false. */
	bool machine = fmt != FORMAT_TABLE;
	if (all_clients)
		table_column(t, "CLIENT", "client", COL_TEXT);
	table_column(t, "ID", "id", COL_TEXT);
	table_column(t, "DAY", "day", COL_TEXT);
	table_column(t, "STATUS", "status", COL_TEXT);
	table_column(t, "TITLE", "title", COL_TEXT);
	table_column(t, "DECIDED BY", "decided_by", COL_TEXT);
	table_column(t, "REVIEW", "review", COL_TEXT);
	if (machine) {
		table_column(t, "DUE", "review_due", COL_BOOL);
		table_column(t, "CONSULTED", "consulted", COL_TEXT);
		table_column(t, "SUPERSEDED BY", "superseded_by", COL_TEXT);
		table_column(t, "CREATED", "created", COL_TEXT);
	}
	for (size_t i = 0; i < l.n; i++) {
		const struct decision *d = &l.items[i];
		if (status && strcmp(d->status, status->word))
			continue;
		bool due = review_due(d, today);
		char buf[64];
		table_row(t);
		if (all_clients)
			table_cell(t, d->client_key);
		table_cell_id(t, d->id);
		if (machine) {
			table_cell(t, d->day);
		} else {
			cli_format_day(app, d->day, buf, sizeof buf);
			table_cell(t, buf);
		}
		table_cell_color(t, d->status, is_open(d) ? CC_NONE : CC_DIM);
		table_cell(t, d->title);
		table_cell(t, d->decided_by);
		if (machine) {
			table_cell(t, d->review);
			table_cell(t, due ? "1" : "0");
			table_cell(t, d->consulted);
			table_cell(t, d->superseded_by);
			table_cell(t, d->created);
		} else {
			cli_format_day(app, d->review, buf, sizeof buf);
			table_cell_color(t, buf, due ? CC_RED : CC_NONE);
		}
	}
	rc = table_print(t, stdout);
out:
	table_free(t);
	decision_list_free(&l);
	return rc;
}

/* ---- decision show ---- */

static const char *const link_label[] = {
	[DECISION_LINK_MANDATE] = "Mandates",
	[DECISION_LINK_RISK] = "Risks",
	[DECISION_LINK_VENDOR] = "Vendors",
};

/* "3f2a9c1d Title; 77aa0b12 Other": the links of one kind. */
static char *links_text(const struct decision_links *dl, enum decision_link kind)
{
	size_t n = 1;
	for (size_t i = 0; i < dl->n; i++)
		if (dl->items[i].kind == kind)
			n += SHORT_ID_LEN + 3 +
			     strlen(dl->items[i].title ? dl->items[i].title : "");
	char *s = malloc(n);
	if (!s)
		return NULL;
	s[0] = '\0';
	size_t used = 0;
	for (size_t i = 0; i < dl->n; i++) {
		const struct decision_linked *k = &dl->items[i];
		if (k->kind != kind)
			continue;
		char sid[SHORT_ID_LEN + 1];
		int w = snprintf(s + used, n - used, "%s%s %s", used ? "; " : "",
		                 uuid_short(k->id, sid), k->title ? k->title : "");
		used += w > 0 ? (size_t)w : 0;
	}
	return s;
}

/* Each line of text sanitised on its own (a TAB as a space), so the
 * Markdown keeps its lines and nothing moves the cursor. */
static void put_lines(const char *text)
{
	for (const char *s = text; *s;) {
		size_t len = strcspn(s, "\n");
		char *line = strndup(s, len);
		if (line) {
			for (char *p = line; *p; p++)
				if (*p == '\t')
					*p = ' ';
			char *clean = text_sanitize(line);
			if (clean)
				fputs(clean, stdout);
			free(clean);
			free(line);
		}
		putchar('\n');
		s += len;
		if (*s)
			s++;
	}
}

static int show_markdown(const struct decision *d, const struct decision_links *dl)
{
	char sid[SHORT_ID_LEN + 1], *sup = NULL;
	char *links[3] = { 0 };
	int rc = 0;
	if (d->superseded_by[0]) {
		const char *title = d->superseded_by_title ? d->superseded_by_title : "";
		size_t n = SHORT_ID_LEN + 2 + strlen(title);
		if ((sup = malloc(n)))
			snprintf(sup, n, "%s %s", uuid_short(d->superseded_by, sid), title);
	}
	for (int k = 0; k < 3; k++)
		links[k] = links_text(dl, (enum decision_link)k);
	struct adr_line extra[] = {
		{ "Id", d->id },
		{ "Client", d->client_key },
		{ "Superseded by", sup },
		{ link_label[0], links[0] },
		{ link_label[1], links[1] },
		{ link_label[2], links[2] },
	};
	char *md = NULL;
	if ((d->superseded_by[0] && !sup) || !links[0] || !links[1] || !links[2] ||
	    !(md = adr_format(d, extra, sizeof extra / sizeof extra[0])))
		rc = app_error(EX_OSERR, "out of memory");
	else
		put_lines(md);
	free(md);
	free(sup);
	for (int k = 0; k < 3; k++)
		free(links[k]);
	return rc;
}

/* Text as a JSON string, or null when empty. */
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

static int show_json(const struct decision *d, const struct decision_links *dl)
{
	static const char *const kinds[] = { "mandate", "risk", "vendor" };
	json_t *o = json_object(), *links = json_array();
	int bad = !o || !links;
	if (!bad) {
		bad |= json_object_set_new(o, "id", json_string(d->id));
		bad |= json_object_set_new(o, "client", text_or_null(d->client_key));
		bad |= json_object_set_new(o, "title", text_or_null(d->title));
		bad |= json_object_set_new(o, "day", text_or_null(d->day));
		bad |= json_object_set_new(o, "status", text_or_null(d->status));
		bad |= json_object_set_new(o, "decided_by", text_or_null(d->decided_by));
		bad |= json_object_set_new(o, "consulted", text_or_null(d->consulted));
		bad |= json_object_set_new(o, "review", text_or_null(d->review));
		bad |= json_object_set_new(o, "context", text_or_null(d->context));
		bad |= json_object_set_new(o, "options", text_or_null(d->options));
		bad |= json_object_set_new(o, "decision", text_or_null(d->decision));
		bad |= json_object_set_new(o, "consequences", text_or_null(d->consequences));
		bad |= json_object_set_new(o, "superseded_by", text_or_null(d->superseded_by));
		bad |= json_object_set_new(o, "superseded_by_title",
		                           text_or_null(d->superseded_by_title));
		bad |= json_object_set_new(o, "created", text_or_null(d->created));
		for (size_t i = 0; i < dl->n && !bad; i++) {
			const struct decision_linked *k = &dl->items[i];
			json_t *l = json_object();
			bad |= !l;
			if (l) {
				bad |= json_object_set_new(l, "kind", json_string(kinds[k->kind]));
				bad |= json_object_set_new(l, "id", json_string(k->id));
				bad |= json_object_set_new(l, "title", text_or_null(k->title));
				bad |= json_array_append_new(links, l);
			}
		}
		bad |= json_object_set(o, "links", links);
	}
	int rc = bad ? app_error(EX_OSERR, "out of memory") : cli_json_dump(o, stdout);
	json_decref(links);
	json_decref(o);
	return rc;
}

static int show_check(struct cli_call *c)
{
	const char *f = cli_text(c, "format");
	if (f && strcmp(f, "markdown") && strcmp(f, "md") && strcmp(f, "json"))
		return app_error(EX_USAGE, "bad --format \"%s\" (expected markdown or json)", f);
	return 0;
}

static int decision_show(struct cli_call *call)
{
	struct cxo_app *app = call->app;
	const char *f = cli_text(call, "format");
	struct decision d = { 0 };
	struct decision_links dl = { 0 };
	int rc;
	if ((rc = cli_decision_load(app, call->argv[0], &d)))
		goto out;
	if ((rc = store_decision_links(app->st, d.id, &dl))) {
		rc = app_store_error(app, rc);
		goto out;
	}
	rc = f && !strcmp(f, "json") ? show_json(&d, &dl) : show_markdown(&d, &dl);
out:
	decision_links_free(&dl);
	decision_free(&d);
	return rc;
}

/* ---- the table ---- */

static const struct cli_option list_opts[] = {
	{ .name = "all-clients", .help = "every client's, with a CLIENT column" },
	{ .name = "review",
	  .help = "only the proposed and decided ones whose review date has passed, oldest "
	          "first" },
	{ .name = "status",
	  .arg = "proposed|decided|superseded|reversed",
	  .kind = VAL_WORD,
	  .vocab = &VOCAB_DECISION_STATUS,
	  .help = "only those of this status" },
	{ .name = "all", .help = "the superseded and reversed ones too" },
	{ .name = "from", .arg = "DAY", .kind = VAL_DAY, .help = "those decided from DAY ..." },
	{ .name = "to", .arg = "DAY", .kind = VAL_DAY, .help = "... to DAY (inclusive)" },
	{ .name = "format",
	  .arg = "table|tsv|json",
	  .kind = VAL_FORMAT,
	  .help = "the output format" },
	{ .name = NULL },
};

const struct cli_command cli_decision_list = {
	.name = "list",
	.synopsis = "[--all-clients] [--review] [--status WORD] [--all] [--from DAY] [--to DAY] "
	            "[--format table|tsv|json]",
	.summary = "the proposed and decided ones, newest first",
	.opts = list_opts,
	.flags = CMD_READ | CMD_CLIENT,
	.check = list_check,
	.run = decision_list,
};

static const struct cli_option show_opts[] = {
	{ .name = "format",
	  .arg = "markdown|json",
	  .kind = VAL_CHOICE,
	  .words = "markdown json",
	  .help = "the output format (default markdown)" },
	{ .name = NULL },
};

const struct cli_command cli_decision_show = {
	.name = "show",
	.synopsis = "ID [--format markdown|json]",
	.summary = "a decision as Markdown, with its links and what superseded it",
	.opts = show_opts,
	.operands = "ID",
	.flags = CMD_READ,
	.check = show_check,
	.run = decision_show,
};
