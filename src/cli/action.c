/*
 * action.c: `cxo action`: next actions per client, with due dates, an
 * owner (me, or someone at the client being waited for) and an optional
 * link to a mandate or a risk.  Overdue ones must be impossible to miss.
 * Here: add, edit, done, drop, defer, wait and the dispatch; list and
 * show are in action_list.c.
 */
#include "cxo/cli.h"

#include <getopt.h>
#include <string.h>
#include <sysexits.h>

#include "cxo/text.h"

#define CMD "action"

enum {
	OPT_DUE = 256,
	OPT_OWNER,
	OPT_MANDATE,
	OPT_RISK,
	OPT_WAITING,
	OPT_TITLE,
	OPT_STATUS,
	OPT_SINCE,
};

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

/* Opens the database for writing and reads the action named by text:
 * any client's, by id prefix only (titles are not unique enough). */
static int open_action(struct cxo_app *app, const char *text, struct action *a)
{
	char id[UUID_LEN];
	int rc = app_open_existing(app);
	if (rc)
		return rc;
	if ((rc = cli_resolve(app, KIND_ACTION, text, NULL, id)))
		return rc;
	if ((rc = store_action_get(app->st, id, a)))
		return app_store_error(app, rc);
	return 0;
}

static void say(const char *verb, const struct action *a, const char *tail)
{
	char sid[SHORT_ID_LEN + 1];
	uuid_short(a->id, sid);
	printf("%s%saction %s \"", verb, *verb ? " " : "", sid);
	cli_put_text(a->title);
	printf("\"%s\n", tail);
}

/* ---- add ---- */

static int action_add(struct cxo_app *app, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "due", required_argument, NULL, OPT_DUE },
		{ "owner", required_argument, NULL, OPT_OWNER },
		{ "mandate", required_argument, NULL, OPT_MANDATE },
		{ "risk", required_argument, NULL, OPT_RISK },
		{ "waiting", required_argument, NULL, OPT_WAITING },
		{ "since", required_argument, NULL, OPT_SINCE },
		{ "help", no_argument, NULL, 'h' },
		{ 0, 0, 0, 0 },
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
				rc = cli_parse_day(app, "--due", optarg, due);
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
			rc = cli_parse_day(app, "--since", optarg, since);
			break;
		case 'h':
			return cli_show_usage(&cmd_action_entry, "add");
		default:
			return cli_option_error(&cmd_action_entry, "add", opts, c, argv);
		}
		if (rc)
			return rc;
	}
	char *title;
	if ((rc = cli_text_operand(&cmd_action_entry, "add", "TITLE", "title", "action title", argc,
	                           argv, optind, &title)))
		return rc;
	char today[DAY_LEN];
	app_today_iso(app, today);
	if (*since && !waiting)
		return cli_usage_error(CMD, "--since DATE says since when you wait: it goes with "
		                            "--waiting PERSON");
	if (*since && strcmp(since, today) > 0)
		return app_error(EX_DATAERR,
		                 "--since: %s is in the future (expected today or a past day, "
		                 "such as -3d)",
		                 since);
	if (waiting && owner)
		return cli_usage_error(CMD,
		                       "--waiting PERSON already sets the owner: drop --owner");
	if (waiting && !*text_trim((char *)waiting))
		return app_error(EX_DATAERR,
		                 "--waiting: name the person waited for (got an empty name)");

	struct client cl;
	if ((rc = app_client(app, &cl)))
		return rc;
	struct action a = { 0 };
	memcpy(a.client_id, cl.id, UUID_LEN);
	memcpy(a.due, due, DAY_LEN);
	snprintf(a.status, WORD_LEN, "%s", waiting ? "waiting" : "todo");
	/* Asked for days ago: the action has existed since then. */
	if (waiting)
		memcpy(a.waiting_since, *since ? since : today, DAY_LEN);
	memcpy(a.created, *since ? since : today, DAY_LEN);
	const char *who = waiting ? waiting : owner && !is_me(owner) ? owner : NULL;
	if ((rc = cli_set_text(&a.title, title)) || (rc = cli_set_text(&a.owner, who)))
		goto out;
	if ((rc = app_open_existing(app)))
		goto out;
	if ((rc = store_begin(app->st))) {
		rc = app_store_error(app, rc);
		goto out;
	}
	if ((mandate && (rc = cli_resolve(app, KIND_MANDATE, mandate, cl.id, a.mandate_id))) ||
	    (risk && (rc = cli_resolve(app, KIND_RISK, risk, cl.id, a.risk_id)))) {
		store_rollback(app->st);
		goto out;
	}
	if ((rc = store_action_add(app->st, &a)) || (rc = store_commit(app->st))) {
		rc = app_store_error(app, rc);
		store_rollback(app->st);
		goto out;
	}
	char tail[128], day[64];
	cli_format_day(app, a.due, day, sizeof day);
	snprintf(tail, sizeof tail, " for %s%s%s%s", cl.key, *day ? " (due " : "", day,
	         *day ? ")" : "");
	say("added", &a, tail);
out:
	action_free(&a);
	client_free(&cl);
	return rc;
}

/* ---- edit ---- */

static int action_edit(struct cxo_app *app, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "title", required_argument, NULL, OPT_TITLE },
		{ "due", required_argument, NULL, OPT_DUE },
		{ "owner", required_argument, NULL, OPT_OWNER },
		{ "mandate", required_argument, NULL, OPT_MANDATE },
		{ "risk", required_argument, NULL, OPT_RISK },
		{ "status", required_argument, NULL, OPT_STATUS },
		{ "help", no_argument, NULL, 'h' },
		{ 0, 0, 0, 0 },
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
				return app_error(
				        EX_DATAERR,
				        "--title: an action needs a title (got an empty one)");
			break;
		case OPT_DUE:
			due_given = true;
			due[0] = '\0';
			if (!is_none(optarg))
				rc = cli_parse_day(app, "--due", optarg, due);
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
			return cli_show_usage(&cmd_action_entry, "edit");
		default:
			return cli_option_error(&cmd_action_entry, "edit", opts, c, argv);
		}
		if (rc)
			return rc;
	}
	if ((rc = cli_operands(&cmd_action_entry, "edit", "ID", argc, argv, optind)))
		return rc;

	struct action a = { 0 };
	if ((rc = app_open_existing(app)))
		return rc;
	if ((rc = store_begin(app->st)))
		return app_store_error(app, rc);
	if ((rc = open_action(app, argv[optind], &a)))
		goto fail;
	if ((title && (rc = cli_set_text(&a.title, title))) ||
	    (owner && (rc = cli_set_text(&a.owner, is_me(owner) ? NULL : owner))))
		goto fail;
	if (due_given)
		memcpy(a.due, due, DAY_LEN);
	if (mandate) {
		a.mandate_id[0] = '\0';
		if (!is_none(mandate) &&
		    (rc = cli_resolve(app, KIND_MANDATE, mandate, a.client_id, a.mandate_id)))
			goto fail;
	}
	if (risk) {
		a.risk_id[0] = '\0';
		if (!is_none(risk) &&
		    (rc = cli_resolve(app, KIND_RISK, risk, a.client_id, a.risk_id)))
			goto fail;
	}
	if (*status && strcmp(status, a.status) != 0) {
		char today[DAY_LEN];
		app_today_iso(app, today);
		store_action_set_status(&a, status, today);
	}
	if ((rc = store_action_update(app->st, &a)) || (rc = store_commit(app->st))) {
		rc = app_store_error(app, rc);
		goto fail;
	}
	char tail[64];
	snprintf(tail, sizeof tail, " (%s)", a.status);
	say("updated", &a, tail);
	action_free(&a);
	return 0;
fail:
	store_rollback(app->st);
	action_free(&a);
	return rc;
}

/* ---- done, drop, defer, wait ---- */

enum change { CH_DONE, CH_DROP, CH_DEFER, CH_WAIT };

static int change_action(struct cxo_app *app, enum change ch, const char *text, const char *value)
{
	struct action a = { 0 };
	char tail[160] = "", day[64];
	int rc;
	if ((rc = app_open_existing(app)))
		return rc;
	if ((rc = store_begin(app->st)))
		return app_store_error(app, rc);
	if ((rc = open_action(app, text, &a)))
		goto fail;
	if (!cli_action_is_open(&a)) {
		if ((ch == CH_DONE && !strcmp(a.status, "done")) ||
		    (ch == CH_DROP && !strcmp(a.status, "dropped"))) {
			store_rollback(app->st);
			snprintf(tail, sizeof tail, " is already %s", a.status);
			say("", &a, tail);
			action_free(&a);
			return 0;
		}
		char sid[SHORT_ID_LEN + 1];
		uuid_short(a.id, sid);
		rc = app_error(
		        EX_DATAERR,
		        "action %s is %s: reopen it first with 'cxo action edit %s --status todo'",
		        sid, a.status, sid);
		goto fail;
	}
	char today[DAY_LEN];
	app_today_iso(app, today);
	switch (ch) {
	case CH_DONE:
		store_action_set_status(&a, "done", today);
		break;
	case CH_DROP:
		store_action_set_status(&a, "dropped", today);
		break;
	case CH_DEFER:
		snprintf(a.due, DAY_LEN, "%s", value);
		cli_format_day(app, a.due, day, sizeof day);
		snprintf(tail, sizeof tail, " to %s", day);
		break;
	case CH_WAIT:
		store_action_set_status(&a, "waiting", today);
		if ((rc = cli_set_text(&a.owner, value)))
			goto fail;
		break;
	}
	if ((rc = store_action_update(app->st, &a)) || (rc = store_commit(app->st))) {
		rc = app_store_error(app, rc);
		goto fail;
	}
	static const char *const verbs[] = { "completed", "dropped", "deferred", "waiting on" };
	if (ch == CH_WAIT) {
		char sid[SHORT_ID_LEN + 1];
		uuid_short(a.id, sid);
		printf("waiting for ");
		cli_put_text(a.owner);
		printf(" on action %s \"", sid);
		cli_put_text(a.title);
		printf("\"\n");
	} else {
		say(verbs[ch], &a, tail);
	}
	action_free(&a);
	return 0;
fail:
	store_rollback(app->st);
	action_free(&a);
	return rc;
}

static int action_done_drop(struct cxo_app *app, int argc, char **argv, enum change ch)
{
	int first, rc = cli_plain_args_typed(&cmd_action_entry, true, argc, argv, &first);
	if (rc)
		return rc == CLI_HELP_SHOWN ? 0 : rc;
	if ((rc = cli_operands(&cmd_action_entry, argv[0], "ID", argc, argv, first)))
		return rc;
	return change_action(app, ch, argv[first], NULL);
}

static int action_done(struct cxo_app *app, int argc, char **argv)
{
	return action_done_drop(app, argc, argv, CH_DONE);
}

static int action_drop(struct cxo_app *app, int argc, char **argv)
{
	return action_done_drop(app, argc, argv, CH_DROP);
}

static int action_defer(struct cxo_app *app, int argc, char **argv)
{
	int first, rc = cli_plain_args_typed(&cmd_action_entry, true, argc, argv, &first);
	if (rc)
		return rc == CLI_HELP_SHOWN ? 0 : rc;
	if ((rc = cli_operands(&cmd_action_entry, "defer", "ID DAY", argc, argv, first)))
		return rc;
	char due[DAY_LEN];
	if ((rc = cli_parse_day(app, "DAY", argv[first + 1], due)))
		return rc;
	return change_action(app, CH_DEFER, argv[first], due);
}

static int action_wait(struct cxo_app *app, int argc, char **argv)
{
	int first, rc = cli_plain_args_typed(&cmd_action_entry, true, argc, argv, &first);
	if (rc)
		return rc == CLI_HELP_SHOWN ? 0 : rc;
	if ((rc = cli_operands(&cmd_action_entry, "wait", "ID PERSON", argc, argv, first)))
		return rc;
	char *person = text_trim(argv[first + 1]);
	if (is_me(person))
		return app_error(EX_DATAERR, "PERSON: name who you are waiting for (got \"%s\")",
		                 person);
	return change_action(app, CH_WAIT, argv[first], person);
}

static const struct cli_subcommand subcommands[] = {
	{ "add", action_add },     { "list", cmd_action_list }, { "show", cmd_action_show },
	{ "edit", action_edit },   { "done", action_done },     { "drop", action_drop },
	{ "defer", action_defer }, { "wait", action_wait },
};

static int run(struct cxo_app *app, int argc, char **argv)
{
	return cli_dispatch(app, &cmd_action_entry, subcommands,
	                    sizeof subcommands / sizeof *subcommands, cmd_action_list, argc, argv);
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
