/*
 * action.c: `cxo action`: next actions per client, with due dates, an
 * owner (me, or someone at the client being waited for) and an optional
 * link to a mandate or a risk.  Overdue ones must be impossible to miss.
 */
#include "cxo/cli.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "cxo/text.h"

#define CMD "action"
/* Columns a link title gets in a table. */
#define LINK_WIDTH 32

enum {
	OPT_DUE = 256, OPT_OWNER, OPT_MANDATE, OPT_RISK, OPT_WAITING, OPT_TITLE, OPT_STATUS,
	OPT_OVERDUE, OPT_ALL, OPT_ALL_CLIENTS, OPT_FORMAT, OPT_SINCE,
};

static int usage_help(void)
{
	cli_print_usage(stdout, &cmd_action_entry);
	return 0;
}

static int opt_error(int c, char **argv)
{
	if (c == ':')
		return cli_usage_error(CMD, "option %s needs a value", argv[optind - 1]);
	if (optopt > 0 && optopt < 256)
		return cli_usage_error(CMD, "unknown option \"-%c\"", optopt);
	return cli_usage_error(CMD, "unknown option \"%s\"", argv[optind - 1]);
}

static void put_text(const char *s)
{
	char *clean = text_sanitize(s);
	fputs(clean ? clean : "", stdout);
	free(clean);
}

/* "" means "not set": stored as NULL. */
static int set_text(char **dst, const char *src)
{
	char *copy = NULL;
	if (src && *src && !(copy = strdup(src)))
		return cli_error(EX_OSERR, "out of memory");
	free(*dst);
	*dst = copy;
	return 0;
}

static void today_iso(const struct cli *cli, char day[DAY_LEN])
{
	date_format_iso(cli->today, day);
}

static bool is_open(const struct action *a)
{
	return !strcmp(a->status, "todo") || !strcmp(a->status, "waiting");
}

/* Words that clear an optional value. */
static bool is_none(const char *s)
{
	return !*s || text_ieq(s, "none") || text_ieq(s, "-");
}

/* The owner is NULL when it is me. */
static bool is_me(const char *s)
{
	return !*s || text_ieq(s, "me");
}

/* Days between an ISO day and today; -1 when unset. */
static long days_since(const struct cli *cli, const char *iso)
{
	cxo_day d;
	if (!*iso || !date_parse_iso(iso, &d))
		return -1;
	return d > cli->today ? 0 : (long)(cli->today - d);
}

/* Writes need an existing database: a mistyped command must not create
 * one. */
static int open_for_write(struct cli *cli)
{
	if (!cli->st) {
		char *path = cli_db_path(cli);
		if (path && access(path, F_OK) != 0 && errno == ENOENT) {
			int rc = cli_error(EX_NOINPUT,
			                   "no database at %s yet: run 'cxo init' or add a client",
			                   path);
			free(path);
			return rc;
		}
		free(path);
	}
	return cli_open(cli, STORE_WRITE);
}

/* An id prefix of any client's action, or failing that (titles are not
 * unique enough for actions) nothing. */
static int resolve_action(struct cli *cli, const char *text, char id[UUID_LEN])
{
	int rc = store_resolve(cli->st, KIND_ACTION, text, NULL, id);
	return rc ? cli_store_error(cli, rc) : 0;
}

/* A mandate or risk of the action's client, by id prefix or title. */
static int resolve_link(struct cli *cli, enum store_kind kind, const char *text,
                        const char *client_id, char id[UUID_LEN])
{
	int rc = store_resolve(cli->st, kind, text, client_id, id);
	return rc ? cli_store_error(cli, rc) : 0;
}

static int open_action(struct cli *cli, enum store_mode mode, const char *text, struct action *a)
{
	char id[UUID_LEN];
	int rc = mode == STORE_WRITE ? open_for_write(cli) : cli_open(cli, STORE_READ);
	if (rc)
		return rc;
	if ((rc = resolve_action(cli, text, id)))
		return rc;
	if ((rc = store_action_get(cli->st, id, a)))
		return cli_store_error(cli, rc);
	return 0;
}

/* Subcommands that take no options: -h anywhere is help, and positional
 * values may start with '-' (defer ID -1d). */
static int plain_args(int argc, char **argv, int *first)
{
	static const struct option opts[] = {
		{"help", no_argument, NULL, 'h'},
		{0, 0, 0, 0},
	};
	int c;
	if (cli_wants_help(argc, argv))
		return -1;
	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+:h", opts, NULL)) != -1)
		return opt_error(c, argv);
	*first = optind;
	return 0;
}

static void say(const char *verb, const struct action *a, const char *tail)
{
	char sid[SHORT_ID_LEN + 1];
	cli_short_id(a->id, sid);
	printf("%s%saction %s \"", verb, *verb ? " " : "", sid);
	put_text(a->title);
	printf("\"%s\n", tail);
}

/* ---- add ---- */

static int action_add(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{"due", required_argument, NULL, OPT_DUE},
		{"owner", required_argument, NULL, OPT_OWNER},
		{"mandate", required_argument, NULL, OPT_MANDATE},
		{"risk", required_argument, NULL, OPT_RISK},
		{"waiting", required_argument, NULL, OPT_WAITING},
		{"since", required_argument, NULL, OPT_SINCE},
		{"help", no_argument, NULL, 'h'},
		{0, 0, 0, 0},
	};
	const char *owner = NULL, *mandate = NULL, *risk = NULL, *waiting = NULL;
	char due[DAY_LEN] = "", since[DAY_LEN] = "";
	int c, rc = 0;

	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		switch (c) {
		case OPT_DUE:
			if (!is_none(optarg))
				rc = cli_parse_day(cli, "--due", optarg, due);
			break;
		case OPT_OWNER:
			owner = optarg;
			break;
		case OPT_MANDATE:
			mandate = optarg;
			break;
		case OPT_RISK:
			risk = optarg;
			break;
		case OPT_WAITING:
			waiting = optarg;
			break;
		case OPT_SINCE:
			rc = cli_parse_day(cli, "--since", optarg, since);
			break;
		case 'h':
			return usage_help();
		default:
			return opt_error(c, argv);
		}
		if (rc)
			return rc;
	}
	if (argc - optind != 1)
		return cli_usage_error(CMD, optind < argc ? "action add takes one TITLE (quote it)"
		                                          : "action add needs a TITLE");
	char today[DAY_LEN];
	today_iso(cli, today);
	if (*since && !waiting)
		return cli_usage_error(CMD, "--since DATE says since when you wait: it goes with "
		                            "--waiting PERSON");
	if (*since && strcmp(since, today) > 0)
		return cli_error(EX_DATAERR,
		                 "--since: %s is in the future (expected today or a past day, "
		                 "such as -3d)",
		                 since);
	char *title = text_trim(argv[optind]);
	if (!*title)
		return cli_error(EX_DATAERR, "an action needs a title (got an empty one)");
	if (waiting && owner)
		return cli_usage_error(CMD,
		                       "--waiting PERSON already sets the owner: drop --owner");
	if (waiting && !*text_trim((char *)waiting))
		return cli_error(EX_DATAERR,
		                 "--waiting: name the person waited for (got an empty name)");

	struct client cl;
	if ((rc = cli_client(cli, &cl)))
		return rc;
	struct action a = {0};
	memcpy(a.client_id, cl.id, UUID_LEN);
	memcpy(a.due, due, DAY_LEN);
	snprintf(a.status, WORD_LEN, "%s", waiting ? "waiting" : "todo");
	/* Asked for days ago: the action has existed since then. */
	if (waiting)
		memcpy(a.waiting_since, *since ? since : today, DAY_LEN);
	memcpy(a.created, *since ? since : today, DAY_LEN);
	if ((rc = set_text(&a.title, title)) ||
	    (rc = set_text(&a.owner, waiting ? waiting : owner && !is_me(owner) ? owner : NULL)))
		goto out;
	if ((rc = open_for_write(cli)))
		goto out;
	if ((rc = store_begin(cli->st))) {
		rc = cli_store_error(cli, rc);
		goto out;
	}
	if ((mandate && (rc = resolve_link(cli, KIND_MANDATE, mandate, cl.id, a.mandate_id))) ||
	    (risk && (rc = resolve_link(cli, KIND_RISK, risk, cl.id, a.risk_id)))) {
		store_rollback(cli->st);
		goto out;
	}
	if ((rc = store_action_add(cli->st, &a)) || (rc = store_commit(cli->st))) {
		rc = cli_store_error(cli, rc);
		store_rollback(cli->st);
		goto out;
	}
	char tail[128], day[64];
	cli_format_day(cli, a.due, day, sizeof day);
	snprintf(tail, sizeof tail, " for %s%s%s%s", cl.key, *day ? " (due " : "", day,
	         *day ? ")" : "");
	say("added", &a, tail);
out:
	action_free(&a);
	client_free(&cl);
	return rc;
}

/* ---- list ---- */

static void link_text(const struct action *a, bool json, char *buf, size_t n)
{
	const char *t = a->mandate_title ? a->mandate_title : a->risk_title;
	if (json)
		snprintf(buf, n, "%s", t ? t : "");
	else
		text_fit(t ? t : "", LINK_WIDTH, true, buf, n);
}

static void due_cell(const struct cli *cli, struct table *t, const struct action *a, bool json)
{
	cxo_day d;
	char rel[32];
	if (json || !*a->due || !date_parse_iso(a->due, &d)) {
		table_cell(t, a->due);
		return;
	}
	date_relative(d, cli->today, rel, sizeof rel);
	enum cell_color color = CC_NONE;
	if (!is_open(a))
		color = CC_DIM;
	else if (d < cli->today)
		color = CC_RED;
	else if (d == cli->today)
		color = CC_YELLOW;
	table_cell_color(t, rel, color);
}

static int action_list(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{"overdue", no_argument, NULL, OPT_OVERDUE},
		{"waiting", no_argument, NULL, OPT_WAITING},
		{"all", no_argument, NULL, OPT_ALL},
		{"all-clients", no_argument, NULL, OPT_ALL_CLIENTS},
		{"format", required_argument, NULL, OPT_FORMAT},
		{"help", no_argument, NULL, 'h'},
		{0, 0, 0, 0},
	};
	bool overdue = false, waiting = false, all = false, all_clients = false;
	enum output_format fmt = FORMAT_TABLE;
	int c, rc = 0;

	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		switch (c) {
		case OPT_OVERDUE:
			overdue = true;
			break;
		case OPT_WAITING:
			waiting = true;
			break;
		case OPT_ALL:
			all = true;
			break;
		case OPT_ALL_CLIENTS:
			all_clients = true;
			break;
		case OPT_FORMAT:
			if ((rc = cli_parse_format(optarg, &fmt)))
				return rc;
			break;
		case 'h':
			return usage_help();
		default:
			return opt_error(c, argv);
		}
	}
	if (optind < argc)
		return cli_usage_error(CMD, "unexpected argument \"%s\"", argv[optind]);

	struct client cl = {0};
	rc = all_clients ? cli_open(cli, STORE_READ) : cli_client(cli, &cl);
	if (rc)
		return rc;
	char today[DAY_LEN];
	today_iso(cli, today);
	/* Open ones only unless --all: the store never reads the history. */
	struct action_filter f = {
		.client_id = all_clients ? NULL : cl.id,
		.include_closed = all && !overdue, /* closed ones are never overdue */
		.due_before = overdue ? today : NULL,
		.waiting_only = waiting,
	};
	struct action_list l = {0};
	struct table *t = NULL;
	if ((rc = store_action_list(cli->st, &f, &l))) {
		rc = cli_store_error(cli, rc);
		goto out;
	}
	if (fmt == FORMAT_TABLE && !l.n) {
		printf("%s\n", overdue ? "nothing overdue"
		               : waiting ? "not waiting for anyone"
		               : all ? "no actions" : "no open actions");
		goto out;
	}
	if (!(t = table_new(fmt, cli->color))) {
		rc = cli_error(EX_OSERR, "out of memory");
		goto out;
	}
	bool json = fmt == FORMAT_JSON;
	if (all_clients)
		table_column(t, "CLIENT", "client", COL_TEXT);
	table_column(t, "ID", "id", COL_TEXT);
	table_column(t, "DUE", "due", COL_TEXT);
	table_column(t, "TITLE", "title", COL_TEXT);
	table_column(t, "OWNER", "owner", COL_TEXT);
	table_column(t, "STATUS", "status", COL_TEXT);
	if (json) {
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
	for (size_t i = 0; i < l.n; i++) {
		const struct action *a = &l.items[i];
		bool is_waiting = !strcmp(a->status, "waiting");
		long days = is_waiting ? days_since(cli, a->waiting_since) : -1;
		char buf[LINK_WIDTH * 4 + 8];
		table_row(t);
		if (all_clients)
			table_cell(t, a->client_key);
		if (json) {
			table_cell(t, a->id);
		} else {
			char sid[SHORT_ID_LEN + 1];
			cli_short_id(a->id, sid);
			table_cell(t, sid);
		}
		due_cell(cli, t, a, json);
		table_cell(t, a->title);
		table_cell(t, json ? a->owner : a->owner ? a->owner : "me");
		table_cell_color(t, a->status,
		                 is_waiting   ? CC_CYAN
		                 : is_open(a) ? CC_NONE
		                              : CC_DIM);
		if (json) {
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
			if (is_waiting) {
				char who[48];
				text_fit(a->owner ? a->owner : "?", 20, true, who, sizeof who);
				if (days >= 0)
					table_cellf(t, "%s %ldd", who, days);
				else
					table_cell(t, who);
			} else {
				table_cell(t, "");
			}
			link_text(a, false, buf, sizeof buf);
			table_cell(t, buf);
		}
	}
	rc = table_print(t, stdout);
out:
	table_free(t);
	action_list_free(&l);
	client_free(&cl);
	return rc;
}

/* ---- show ---- */

static void show_line(const char *label, const char *value)
{
	printf("%-10s", label);
	put_text(value && *value ? value : "-");
	putchar('\n');
}

static void show_day(const struct cli *cli, const char *label, const char *iso)
{
	char day[64], rel[32], buf[128];
	cxo_day d;
	if (!*iso || !date_parse_iso(iso, &d)) {
		show_line(label, "");
		return;
	}
	cli_format_day(cli, iso, day, sizeof day);
	date_relative(d, cli->today, rel, sizeof rel);
	snprintf(buf, sizeof buf, "%s (%s)", day, rel);
	show_line(label, buf);
}

static void show_link(const char *label, const char *id, const char *title)
{
	char sid[SHORT_ID_LEN + 1];
	if (!*id)
		return;
	cli_short_id(id, sid);
	printf("%-10s%s  ", label, sid);
	put_text(title);
	putchar('\n');
}

static int action_show(struct cli *cli, int argc, char **argv)
{
	int first, rc = plain_args(argc, argv, &first);
	if (rc)
		return rc < 0 ? usage_help() : rc;
	if (argc - first != 1)
		return cli_usage_error(CMD, "action show needs one ID");
	struct action a = {0};
	if ((rc = open_action(cli, STORE_READ, argv[first], &a)))
		goto out;
	show_line("id", a.id);
	show_line("client", a.client_key);
	show_line("title", a.title);
	show_line("status", a.status);
	show_line("owner", a.owner ? a.owner : "me");
	if (*a.due)
		show_day(cli, "due", a.due);
	else
		show_line("due", "no date");
	if (!strcmp(a.status, "waiting")) {
		char buf[96];
		char day[64];
		cli_format_day(cli, a.waiting_since, day, sizeof day);
		snprintf(buf, sizeof buf, "%s (%ld days)", day, days_since(cli, a.waiting_since));
		show_line("waiting", buf);
	}
	show_link("mandate", a.mandate_id, a.mandate_title);
	show_link("risk", a.risk_id, a.risk_title);
	show_day(cli, "created", a.created);
	if (*a.done_on)
		show_day(cli, "done", a.done_on);
out:
	action_free(&a);
	return rc;
}

/* ---- edit ---- */

static int action_edit(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{"title", required_argument, NULL, OPT_TITLE},
		{"due", required_argument, NULL, OPT_DUE},
		{"owner", required_argument, NULL, OPT_OWNER},
		{"mandate", required_argument, NULL, OPT_MANDATE},
		{"risk", required_argument, NULL, OPT_RISK},
		{"status", required_argument, NULL, OPT_STATUS},
		{"help", no_argument, NULL, 'h'},
		{0, 0, 0, 0},
	};
	const char *title = NULL, *owner = NULL, *mandate = NULL, *risk = NULL;
	char due[DAY_LEN] = "", status[WORD_LEN] = "";
	bool due_given = false;
	int c, rc = 0;

	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		switch (c) {
		case OPT_TITLE:
			title = text_trim(optarg);
			if (!*title)
				return cli_error(
				    EX_DATAERR,
				    "--title: an action needs a title (got an empty one)");
			break;
		case OPT_DUE:
			due_given = true;
			due[0] = '\0';
			if (!is_none(optarg))
				rc = cli_parse_day(cli, "--due", optarg, due);
			break;
		case OPT_OWNER:
			owner = optarg;
			break;
		case OPT_MANDATE:
			mandate = optarg;
			break;
		case OPT_RISK:
			risk = optarg;
			break;
		case OPT_STATUS:
			rc = cli_parse_word(&VOCAB_ACTION_STATUS, "--status", optarg, status);
			break;
		case 'h':
			return usage_help();
		default:
			return opt_error(c, argv);
		}
		if (rc)
			return rc;
	}
	if (argc - optind != 1)
		return cli_usage_error(CMD, optind < argc ? "action edit takes one ID"
		                                          : "action edit needs an ID");

	struct action a = {0};
	if ((rc = open_for_write(cli)))
		return rc;
	if ((rc = store_begin(cli->st)))
		return cli_store_error(cli, rc);
	if ((rc = open_action(cli, STORE_WRITE, argv[optind], &a)))
		goto fail;
	if ((title && (rc = set_text(&a.title, title))) ||
	    (owner && (rc = set_text(&a.owner, is_me(owner) ? NULL : owner))))
		goto fail;
	if (due_given)
		memcpy(a.due, due, DAY_LEN);
	if (mandate) {
		a.mandate_id[0] = '\0';
		if (!is_none(mandate) &&
		    (rc = resolve_link(cli, KIND_MANDATE, mandate, a.client_id, a.mandate_id)))
			goto fail;
	}
	if (risk) {
		a.risk_id[0] = '\0';
		if (!is_none(risk) &&
		    (rc = resolve_link(cli, KIND_RISK, risk, a.client_id, a.risk_id)))
			goto fail;
	}
	if (*status && strcmp(status, a.status) != 0) {
		memcpy(a.status, status, WORD_LEN);
		if (!strcmp(status, "waiting"))
			today_iso(cli, a.waiting_since);
		else
			a.waiting_since[0] = '\0';
		if (!strcmp(status, "done"))
			today_iso(cli, a.done_on);
		else
			a.done_on[0] = '\0';
	}
	if ((rc = store_action_update(cli->st, &a)) || (rc = store_commit(cli->st))) {
		rc = cli_store_error(cli, rc);
		goto fail;
	}
	char tail[64];
	snprintf(tail, sizeof tail, " (%s)", a.status);
	say("updated", &a, tail);
	action_free(&a);
	return 0;
fail:
	store_rollback(cli->st);
	action_free(&a);
	return rc;
}

/* ---- done, drop, defer, wait ---- */

enum change { CH_DONE, CH_DROP, CH_DEFER, CH_WAIT };

static int change_action(struct cli *cli, enum change ch, const char *text, const char *value)
{
	struct action a = {0};
	char tail[160] = "", day[64];
	int rc;
	if ((rc = open_for_write(cli)))
		return rc;
	if ((rc = store_begin(cli->st)))
		return cli_store_error(cli, rc);
	if ((rc = open_action(cli, STORE_WRITE, text, &a)))
		goto fail;
	if (!is_open(&a)) {
		if ((ch == CH_DONE && !strcmp(a.status, "done")) ||
		    (ch == CH_DROP && !strcmp(a.status, "dropped"))) {
			store_rollback(cli->st);
			snprintf(tail, sizeof tail, " is already %s", a.status);
			say("", &a, tail);
			action_free(&a);
			return 0;
		}
		char sid[SHORT_ID_LEN + 1];
		cli_short_id(a.id, sid);
		rc = cli_error(
		    EX_DATAERR,
		    "action %s is %s: reopen it first with 'cxo action edit %s --status todo'", sid,
		    a.status, sid);
		goto fail;
	}
	switch (ch) {
	case CH_DONE:
		snprintf(a.status, WORD_LEN, "done");
		today_iso(cli, a.done_on);
		a.waiting_since[0] = '\0';
		break;
	case CH_DROP:
		snprintf(a.status, WORD_LEN, "dropped");
		a.waiting_since[0] = '\0';
		break;
	case CH_DEFER:
		snprintf(a.due, DAY_LEN, "%s", value);
		cli_format_day(cli, a.due, day, sizeof day);
		snprintf(tail, sizeof tail, " to %s", day);
		break;
	case CH_WAIT:
		snprintf(a.status, WORD_LEN, "waiting");
		today_iso(cli, a.waiting_since);
		if ((rc = set_text(&a.owner, value)))
			goto fail;
		break;
	}
	if ((rc = store_action_update(cli->st, &a)) || (rc = store_commit(cli->st))) {
		rc = cli_store_error(cli, rc);
		goto fail;
	}
	static const char *const verbs[] = {"completed", "dropped", "deferred", "waiting on"};
	if (ch == CH_WAIT) {
		char sid[SHORT_ID_LEN + 1];
		cli_short_id(a.id, sid);
		printf("waiting for ");
		put_text(a.owner);
		printf(" on action %s \"", sid);
		put_text(a.title);
		printf("\"\n");
	} else {
		say(verbs[ch], &a, tail);
	}
	action_free(&a);
	return 0;
fail:
	store_rollback(cli->st);
	action_free(&a);
	return rc;
}

static int action_done_drop(struct cli *cli, int argc, char **argv, enum change ch)
{
	int first, rc = plain_args(argc, argv, &first);
	if (rc)
		return rc < 0 ? usage_help() : rc;
	if (argc - first != 1)
		return cli_usage_error(CMD, "action %s needs one ID", argv[0]);
	return change_action(cli, ch, argv[first], NULL);
}

static int action_done(struct cli *cli, int argc, char **argv)
{
	return action_done_drop(cli, argc, argv, CH_DONE);
}

static int action_drop(struct cli *cli, int argc, char **argv)
{
	return action_done_drop(cli, argc, argv, CH_DROP);
}

static int action_defer(struct cli *cli, int argc, char **argv)
{
	int first, rc = plain_args(argc, argv, &first);
	if (rc)
		return rc < 0 ? usage_help() : rc;
	if (argc - first != 2)
		return cli_usage_error(CMD, "action defer needs an ID and a DAY");
	char due[DAY_LEN];
	if ((rc = cli_parse_day(cli, "DAY", argv[first + 1], due)))
		return rc;
	return change_action(cli, CH_DEFER, argv[first], due);
}

static int action_wait(struct cli *cli, int argc, char **argv)
{
	int first, rc = plain_args(argc, argv, &first);
	if (rc)
		return rc < 0 ? usage_help() : rc;
	if (argc - first != 2)
		return cli_usage_error(CMD, "action wait needs an ID and a PERSON");
	char *person = text_trim(argv[first + 1]);
	if (is_me(person))
		return cli_error(EX_DATAERR, "PERSON: name who you are waiting for (got \"%s\")",
		                 person);
	return change_action(cli, CH_WAIT, argv[first], person);
}

static const struct {
	const char *name;
	int (*run)(struct cli *cli, int argc, char **argv);
} subcommands[] = {
	{"add", action_add},
	{"list", action_list},
	{"show", action_show},
	{"edit", action_edit},
	{"done", action_done},
	{"drop", action_drop},
	{"defer", action_defer},
	{"wait", action_wait},
};

static int run(struct cli *cli, int argc, char **argv)
{
	if (argc < 2)
		return action_list(cli, argc, argv);
	if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help"))
		return usage_help();
	for (size_t i = 0; i < sizeof subcommands / sizeof *subcommands; i++)
		if (!strcmp(argv[1], subcommands[i].name))
			return subcommands[i].run(cli, argc - 1, argv + 1);
	if (argv[1][0] == '-')
		return action_list(cli, argc, argv);
	return cli_usage_error(CMD,
	                       "unknown subcommand \"%s\" (expected add, list, show, edit, done, "
	                       "drop, defer or wait)",
	                       argv[1]);
}

const struct cli_command cmd_action_entry = {
	"action",
	run,
	"action add TITLE [--due DAY] [--owner NAME] [--mandate ID|TITLE] [--risk ID|TITLE]\n"
	"             [--waiting PERSON [--since DAY]]\n"
	"action list [--overdue] [--waiting] [--all] [--all-clients] [--format table|tsv|json]\n"
	"action show ID\n"
	"action edit ID [--title TITLE] [--due DAY|none] [--owner NAME|me]\n"
	"             [--mandate ID|TITLE|none] [--risk ID|TITLE|none] [--status STATUS]\n"
	"action done ID\n"
	"action drop ID\n"
	"action defer ID DAY\n"
	"action wait ID PERSON\n"
	"  STATUS: todo, waiting, done, dropped.  The owner is me unless named;\n"
	"  --waiting PERSON and 'wait' record who is awaited and since when (today,\n"
	"  or the past DAY given with --since).\n"
	"  list shows open actions (todo and waiting) unless --all.",
	"next actions: due dates, owners, waiting-for",
};
