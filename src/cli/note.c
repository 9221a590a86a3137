/*
 * note.c: `cxo note add|list`: what was said in the last meeting, what
 * you were in the middle of when you switched away.
 */
#include "cxo/cli.h"

#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "cxo/clock.h"
#include "cxo/text.h"

enum { O_ALL_CLIENTS = 256, O_LIMIT, O_FORMAT };

extern const struct cli_command cmd_note_entry;

/* ---- note add ---- */

/* The stamp of a note written up on a past day: that day at the present
 * local time of day, in UTC like every stamp. */
static int past_stamp(const struct cxo_app *app, const char day[DAY_LEN], char stamp[STAMP_LEN])
{
	cxo_day parsed;
	int second;
	int64_t then;
	if (!date_parse_iso(day, &parsed))
		return app_error(EX_SOFTWARE, "bad day \"%s\"", day);
	if (!clock_local(app->now, NULL, &second) || !clock_moment(parsed, second, &then))
		return app_error(EX_DATAERR, "--date: cannot place a note on %s", day);
	clock_stamp_format(then, stamp);
	return 0;
}

static int note_add(struct cxo_app *app, int argc, char **argv)
{
	enum { O_DATE = 256 };
	static const struct option lo[] = {
		{ "date", required_argument, NULL, O_DATE },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	char day[DAY_LEN] = "", today[DAY_LEN];
	int opt, rc;

	optind = 0;
	while ((opt = getopt_long(argc, argv, ":h", lo, NULL)) != -1) {
		if (opt == 'h')
			return cli_show_usage(&cmd_note_entry, "add");
		if (opt != O_DATE)
			return cli_option_error(&cmd_note_entry, "add", lo, opt, argv);
		if ((rc = cli_parse_day(app, "--date", optarg, day)))
			return rc;
	}
	app_today_iso(app, today);
	if (strcmp(day, today) > 0)
		return app_error(EX_DATAERR,
		                 "--date: %s is in the future (expected today or a past day, "
		                 "such as -2d)",
		                 day);
	char *text;
	if ((rc = cli_text_operand(&cmd_note_entry, "add", "TEXT", "note", "note", argc, argv,
	                           optind, &text)))
		return rc;

	if ((rc = app_open_existing(app)))
		return rc;
	struct client c = { 0 };
	struct note n = { 0 };
	if ((rc = app_client(app, &c)))
		return rc;
	snprintf(n.client_id, sizeof n.client_id, "%s", c.id);
	snprintf(n.client_key, sizeof n.client_key, "%s", c.key);
	if (*day && strcmp(day, today) < 0 && (rc = past_stamp(app, day, n.created))) {
		client_free(&c);
		return rc;
	}
	if (!(n.text = strdup(text))) {
		rc = app_error(EX_OSERR, "out of memory");
	} else if ((rc = store_note_add(app->st, &n))) {
		app_store_error(app, rc);
	} else {
		char sid[SHORT_ID_LEN + 1];
		uuid_short(n.id, sid);
		printf("added note %s for %s\n", sid, c.key);
	}
	note_free(&n);
	client_free(&c);
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

static int note_list(struct cxo_app *app, int argc, char **argv)
{
	static const struct option lo[] = {
		{ "all-clients", no_argument, NULL, O_ALL_CLIENTS },
		{ "limit", required_argument, NULL, O_LIMIT },
		{ "format", required_argument, NULL, O_FORMAT },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	enum output_format fmt = FORMAT_TABLE;
	bool all = false;
	long limit = 0;
	int opt, rc;

	optind = 0;
	while ((opt = getopt_long(argc, argv, ":h", lo, NULL)) != -1) {
		switch (opt) {
		case 'h':
			return cli_show_usage(&cmd_note_entry, "list");
		case O_ALL_CLIENTS:
			all = true;
			break;
		case O_LIMIT:
			if ((rc = cli_parse_int("--limit", optarg, 0, 1000000000L, &limit)))
				return rc;
			break;
		case O_FORMAT:
			if ((rc = cli_parse_format(optarg, &fmt)))
				return rc;
			break;
		default:
			return cli_option_error(&cmd_note_entry, "list", lo, opt, argv);
		}
	}
	if (optind < argc)
		return cli_sub_usage_error(&cmd_note_entry, "list",
		                           "note list: unexpected argument \"%s\"", argv[optind]);
	if ((rc = app_open(app, STORE_READ)))
		return rc;

	struct client c = { 0 };
	struct note_list l = { 0 };
	if (!all && (rc = app_client(app, &c)))
		return rc;
	if ((rc = store_note_list(app->st, all ? NULL : c.id, (size_t)limit, &l))) {
		client_free(&c);
		return app_store_error(app, rc);
	}
	if (fmt == FORMAT_TABLE && !l.n) {
		if (all)
			printf("no notes\n");
		else
			printf("no notes for %s\n", c.key);
		client_free(&c);
		note_list_free(&l);
		return 0;
	}
	client_free(&c);

	bool json = fmt == FORMAT_JSON;
	struct table *t = table_new(fmt, app->color);
	if (!t) {
		note_list_free(&l);
		return app_error(EX_OSERR, "out of memory");
	}
	table_column(t, "DATE", "date", COL_TEXT);
	if (json)
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
		if (json) {
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

/* ---- dispatch ---- */

static const struct cli_subcommand note_subs[] = {
	{ "add", note_add },
	{ "list", note_list },
};

/* `cxo note` alone, or with list options, lists. */
static int note_run(struct cxo_app *app, int argc, char **argv)
{
	return cli_dispatch(app, &cmd_note_entry, note_subs, sizeof note_subs / sizeof note_subs[0],
	                    note_list, argc, argv);
}

const struct cli_command cmd_note_entry = {
	"note",
	note_run,
	"note add TEXT [--date DAY]\n"
	"note list [--all-clients] [--limit N] [--format table|tsv|json]",
	"notes on the client: meetings, where you left off",
};
