/*
 * mandate.c: `cxo mandate add|list|edit|done|drop`: the executive
 * decisions owned for a client, each with a status, a target date and a
 * measure of success.
 */
#include "cxo/cli.h"

#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "cxo/text.h"
#include "cxo/vocab.h"

enum {
	O_DUE = 256,
	O_AREA,
	O_MEASURE,
	O_TITLE,
	O_STATUS,
	O_ALL,
	O_ALL_CLIENTS,
	O_FORMAT,
};

extern const struct cli_command cmd_mandate_entry;

/* ---- usage and option errors ---- */

static bool clears(const char *text)
{
	return !*text || !strcmp(text, "none") || !strcmp(text, "-");
}

/*
 * An id prefix names any client's mandate; failing that, an exact title
 * names one of the current client's.
 */
static int resolve_mandate(struct cxo_app *app, const char *text, struct mandate *m)
{
	char id[UUID_LEN], low[UUID_LEN];
	int rc = EX_NOINPUT;
	/* Something that cannot be an id is only looked up as a title. */
	if (uuid_prefix_normalize(text, low))
		rc = store_resolve(app->st, KIND_MANDATE, text, NULL, id);
	if (rc == EX_NOINPUT) {
		struct client c = { 0 };
		bool found = false;
		int crc = app_client_optional(app, &c, &found);
		if (crc) {
			client_free(&c);
			return crc;
		}
		/* Without a client only ids work: let the store say so. */
		rc = store_resolve(app->st, KIND_MANDATE, text, found ? c.id : NULL, id);
		client_free(&c);
	}
	if (!rc)
		rc = store_mandate_get(app->st, id, m);
	return rc ? app_store_error(app, rc) : 0;
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

static int mandate_add(struct cxo_app *app, int argc, char **argv)
{
	static const struct option lo[] = {
		{ "due", required_argument, NULL, O_DUE },
		{ "area", required_argument, NULL, O_AREA },
		{ "measure", required_argument, NULL, O_MEASURE },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct mandate m = { 0 };
	const char *area = NULL, *measure = NULL;
	int opt, rc;

	optind = 0;
	while ((opt = getopt_long(argc, argv, ":h", lo, NULL)) != -1) {
		switch (opt) {
		case 'h':
			return cli_show_usage(&cmd_mandate_entry, "add");
		case O_DUE:
			if ((rc = cli_parse_day(app, "--due", optarg, m.due)))
				return rc;
			break;
		case O_AREA:
			area = text_trim(optarg);
			break;
		case O_MEASURE:
			measure = text_trim(optarg);
			break;
		default:
			return cli_option_error(&cmd_mandate_entry, "add", lo, opt, argv);
		}
	}
	char *title;
	if ((rc = cli_text_operand(&cmd_mandate_entry, "add", "TITLE", "title", "mandate title",
	                           argc, argv, optind, &title)))
		return rc;

	if ((rc = app_open_existing(app)))
		return rc;
	struct client c = { 0 };
	if ((rc = app_client(app, &c)))
		return rc;
	snprintf(m.client_id, sizeof m.client_id, "%s", c.id);
	snprintf(m.client_key, sizeof m.client_key, "%s", c.key);
	snprintf(m.status, sizeof m.status, "active");
	client_free(&c);
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

static int mandate_list(struct cxo_app *app, int argc, char **argv)
{
	static const struct option lo[] = {
		{ "all", no_argument, NULL, O_ALL },
		{ "all-clients", no_argument, NULL, O_ALL_CLIENTS },
		{ "format", required_argument, NULL, O_FORMAT },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	enum output_format fmt = FORMAT_TABLE;
	bool all = false, all_clients = false;
	int opt, rc;

	optind = 0;
	while ((opt = getopt_long(argc, argv, ":h", lo, NULL)) != -1) {
		switch (opt) {
		case 'h':
			return cli_show_usage(&cmd_mandate_entry, "list");
		case O_ALL:
			all = true;
			break;
		case O_ALL_CLIENTS:
			all_clients = true;
			break;
		case O_FORMAT:
			if ((rc = cli_parse_format(optarg, &fmt)))
				return rc;
			break;
		default:
			return cli_option_error(&cmd_mandate_entry, "list", lo, opt, argv);
		}
	}
	if (optind < argc)
		return cli_sub_usage_error(&cmd_mandate_entry, "list",
		                           "mandate list: unexpected argument \"%s\"",
		                           argv[optind]);
	if ((rc = app_open(app, STORE_READ)))
		return rc;

	struct client c = { 0 };
	if (!all_clients && (rc = app_client(app, &c)))
		return rc;
	struct mandate_list l = { 0 };
	rc = store_mandate_list(app->st, all_clients ? NULL : c.id, all, &l);
	if (rc) {
		client_free(&c);
		return app_store_error(app, rc);
	}
	if (fmt == FORMAT_TABLE && !l.n) {
		if (all_clients)
			printf("no %smandates\n", all ? "" : "active ");
		else
			printf("no %smandates for %s\n", all ? "" : "active ", c.key);
		client_free(&c);
		mandate_list_free(&l);
		return 0;
	}
	client_free(&c);

	bool json = fmt == FORMAT_JSON;
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
	table_column(t, "ACTIONS", "open_actions", json ? COL_INT : COL_NUM);
	table_column(t, "MEASURE", "measure", COL_TEXT);

	char today[DAY_LEN];
	app_today_iso(app, today);
	for (size_t i = 0; i < l.n; i++) {
		const struct mandate *m = &l.items[i];
		bool active = !strcmp(m->status, "active");
		char buf[64];
		table_row(t);
		if (all_clients)
			table_cell(t, m->client_key);
		table_cell_id(t, m->id);
		table_cell(t, m->title);
		table_cell(t, m->area);
		table_cell_color(t, m->status, active ? CC_NONE : CC_DIM);
		if (json) {
			table_cell(t, m->due);
		} else {
			cli_format_day(app, m->due, buf, sizeof buf);
			table_cell_color(t, buf,
			                 active && m->due[0] && strcmp(m->due, today) < 0
			                         ? CC_RED
			                         : CC_NONE);
		}
		table_cell_long(t, m->open_actions);
		table_cell(t, m->measure);
	}
	rc = table_print(t, stdout);
	table_free(t);
	mandate_list_free(&l);
	return rc;
}

/* ---- mandate edit ---- */

static int mandate_edit(struct cxo_app *app, int argc, char **argv)
{
	static const struct option lo[] = {
		{ "title", required_argument, NULL, O_TITLE },
		{ "due", required_argument, NULL, O_DUE },
		{ "area", required_argument, NULL, O_AREA },
		{ "measure", required_argument, NULL, O_MEASURE },
		{ "status", required_argument, NULL, O_STATUS },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *title = NULL, *area = NULL, *measure = NULL;
	bool has_due = false, has_area = false, has_measure = false, has_status = false;
	char due[DAY_LEN] = "", status[WORD_LEN] = "";
	int opt, rc;

	optind = 0;
	while ((opt = getopt_long(argc, argv, ":h", lo, NULL)) != -1) {
		switch (opt) {
		case 'h':
			return cli_show_usage(&cmd_mandate_entry, "edit");
		case O_TITLE:
			title = text_trim(optarg);
			if (!*title)
				return app_error(EX_DATAERR, "--title: the title is empty");
			break;
		case O_DUE:
			has_due = true;
			if (clears(optarg))
				due[0] = '\0';
			else if ((rc = cli_parse_day(app, "--due", optarg, due)))
				return rc;
			break;
		case O_AREA:
			has_area = true;
			area = text_trim(optarg);
			break;
		case O_MEASURE:
			has_measure = true;
			measure = text_trim(optarg);
			break;
		case O_STATUS:
			has_status = true;
			if ((rc = cli_parse_word(&VOCAB_MANDATE_STATUS, "--status", optarg,
			                         status)))
				return rc;
			break;
		default:
			return cli_option_error(&cmd_mandate_entry, "edit", lo, opt, argv);
		}
	}
	if ((rc = cli_operands(&cmd_mandate_entry, "edit", "ID", argc, argv, optind)))
		return rc;
	if (!title && !has_due && !has_area && !has_measure && !has_status)
		return cli_sub_usage_error(&cmd_mandate_entry, "edit",
		                           "mandate edit: nothing to change");

	if ((rc = app_open_existing(app)))
		return rc;
	struct mandate m = { 0 };
	if ((rc = resolve_mandate(app, argv[optind], &m)))
		return rc;
	if ((title && cli_set_text(&m.title, title)) ||
	    (has_area && cli_set_text(&m.area, *area && !clears(area) ? area : NULL)) ||
	    (has_measure &&
	     cli_set_text(&m.measure, *measure && !clears(measure) ? measure : NULL))) {
		mandate_free(&m);
		return EX_OSERR;
	}
	if (has_due)
		snprintf(m.due, sizeof m.due, "%s", due);
	if (has_status)
		snprintf(m.status, sizeof m.status, "%s", status);
	if ((rc = store_mandate_update(app->st, &m)))
		app_store_error(app, rc);
	else
		print_mandate("updated", &m, "");
	mandate_free(&m);
	return rc;
}

/* ---- mandate done / drop ---- */

static int set_status(struct cxo_app *app, int argc, char **argv, const char *sub,
                      const char *status)
{
	const char *text;
	int rc = cli_one_operand(&cmd_mandate_entry, sub, "ID", argc, argv, &text);

	if (rc)
		return rc == CLI_HELP_SHOWN ? 0 : rc;
	if ((rc = app_open_existing(app)))
		return rc;
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

static int mandate_done(struct cxo_app *app, int argc, char **argv)
{
	return set_status(app, argc, argv, "done", "done");
}

static int mandate_drop(struct cxo_app *app, int argc, char **argv)
{
	return set_status(app, argc, argv, "drop", "dropped");
}

/* ---- dispatch ---- */

static const struct cli_subcommand mandate_subs[] = {
	{ "add", mandate_add },   { "list", mandate_list }, { "edit", mandate_edit },
	{ "done", mandate_done }, { "drop", mandate_drop },
};

/* `cxo mandate` alone, or with list options, lists. */
static int mandate_run(struct cxo_app *app, int argc, char **argv)
{
	return cli_dispatch(app, &cmd_mandate_entry, mandate_subs,
	                    sizeof mandate_subs / sizeof mandate_subs[0], mandate_list, argc, argv);
}

const struct cli_command cmd_mandate_entry = {
	"mandate",
	mandate_run,
	"mandate add TITLE [--due DAY] [--area TEXT] [--measure TEXT]\n"
	"mandate list [--all] [--all-clients] [--format table|tsv|json]\n"
	"mandate edit ID [--title TEXT] [--due DAY] [--area TEXT] [--measure TEXT]\n"
	"       [--status active|done|dropped]\n"
	"mandate done ID\n"
	"mandate drop ID",
	"the decisions you own for the client, with due dates and measures",
};
