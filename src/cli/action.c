/*
 * action.c: `cxo action`: next actions per client, with due dates, an
 * owner (me, or someone at the client), the person a waiting one waits
 * for (who need not be the owner) and an optional link to a mandate or a
 * risk.  Overdue ones must be impossible to miss.
 * Here: add, edit, done, drop, defer, wait and the dispatch; list and
 * show are in action_list.c.
 */
#include "internal.h"

#include <string.h>
#include <sysexits.h>

#include "cxo/rules.h"
#include "cxo/text.h"

/* Words that clear an optional link. */
static bool is_none(const char *s)
{
	return !*s || text_ieq(s, "none") || text_ieq(s, "-");
}

/* Reads the action named by text: any client's by id prefix, or the
 * current client's by its exact title. */
static int open_action(struct cxo_app *app, const char *text, struct action *a)
{
	char id[UUID_LEN];
	int rc;
	if ((rc = cli_resolve_item(app, KIND_ACTION, text, id)))
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

/* Option combinations, before the rule sees the values. */
static int action_add_check(struct cli_call *c)
{
	char *title;
	int rc = cli_operand_text(c, 0, "action title", &title);
	if (rc)
		return rc;
	if (cli_opt(c, "since") && !cli_opt(c, "waiting"))
		return cli_usage(c, "--since DATE says since when you wait: it goes with --waiting "
		                    "PERSON");
	return 0;
}

static int action_add(struct cli_call *call)
{
	struct cxo_app *app = call->app;
	const struct client *cl = &call->client;
	const struct cli_value *due = cli_opt(call, "due"), *since = cli_opt(call, "since");
	const char *mandate = cli_text(call, "mandate"), *risk = cli_text(call, "risk");
	char err[256], *title;
	int rc;

	if ((rc = cli_operand_text(call, 0, "action title", &title)))
		return rc;
	struct action a = { 0 };
	const char *waiting = cli_text(call, "waiting");
	if ((rc = action_begin(&a, cli_text(call, "owner"),
	                       waiting ? text_trim((char *)waiting) : NULL, since ? since->day : "",
	                       app->today, err, sizeof err))) {
		app_error(rc, "%s", err);
		goto out;
	}
	memcpy(a.client_id, cl->id, UUID_LEN);
	if (due)
		memcpy(a.due, due->day, DAY_LEN);
	if ((rc = cli_set_text(&a.title, title)))
		goto out;
	if ((rc = store_begin(app->st))) {
		rc = app_store_error(app, rc);
		goto out;
	}
	if ((mandate && (rc = cli_resolve(app, KIND_MANDATE, mandate, cl->id, a.mandate_id))) ||
	    (risk && (rc = cli_resolve(app, KIND_RISK, risk, cl->id, a.risk_id)))) {
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
	snprintf(tail, sizeof tail, " for %s%s%s%s", cl->key, *day ? " (due " : "", day,
	         *day ? ")" : "");
	say("added", &a, tail);
out:
	action_free(&a);
	return rc;
}

/* ---- edit ---- */

static int action_edit_check(struct cli_call *c)
{
	const char *title = cli_text(c, "title"), *person = cli_text(c, "waiting-for");
	const struct cli_value *status = cli_opt(c, "status");
	if (title && !*text_trim((char *)title))
		return app_error(EX_DATAERR, "--title: an action needs a title (got an empty one)");
	if (person && status && strcmp(status->word, "waiting") != 0)
		return cli_usage(c,
		                 "--waiting-for NAME goes with a waiting action: drop --status %s",
		                 status->word);
	if (person && !*text_trim((char *)person))
		return app_error(EX_DATAERR,
		                 "--waiting-for: name the person waited for (got an empty name)");
	return 0;
}

static int action_edit(struct cli_call *call)
{
	struct cxo_app *app = call->app;
	const struct cli_value *due = cli_opt(call, "due"), *status = cli_opt(call, "status");
	const char *title = cli_text(call, "title"), *owner = cli_text(call, "owner"),
	           *mandate = cli_text(call, "mandate"), *risk = cli_text(call, "risk"),
	           *person = cli_text(call, "waiting-for");
	char err[256];
	int rc;
	if (title)
		title = text_trim((char *)title);
	if (person)
		person = text_trim((char *)person);
	/* --waiting-for alone: the action waits for that person. */
	const char *to = status ? status->word : person ? "waiting" : NULL;

	struct action a = { 0 };
	if ((rc = store_begin(app->st)))
		return app_store_error(app, rc);
	if ((rc = open_action(app, call->argv[0], &a)))
		goto fail;
	if ((title && (rc = cli_set_text(&a.title, title))) ||
	    (owner && (rc = cli_set_text(&a.owner, owner_is_me(owner) ? NULL : owner))))
		goto fail;
	if (due)
		memcpy(a.due, due->day, DAY_LEN);
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
	/* Waiting needs a person: the one named here, else the one it waits
	 * for already, else the owner when that is someone else. */
	if (to && (rc = action_set_status(&a, to, person, app->today, err, sizeof err))) {
		app_error(rc, "%s", err);
		goto fail;
	}
	if ((rc = store_action_update(app->st, &a)) || (rc = store_commit(app->st))) {
		rc = app_store_error(app, rc);
		goto fail;
	}
	char sid[SHORT_ID_LEN + 1];
	uuid_short(a.id, sid);
	printf("updated action %s \"", sid);
	cli_put_text(a.title);
	printf("\" (%s", a.status);
	if (a.waiting_for) { /* "(waiting for Dana)" */
		printf(" for ");
		cli_put_text(a.waiting_for);
	}
	printf(")\n");
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
	char tail[160] = "", day[64], err[256];
	int rc;
	if ((rc = store_begin(app->st)))
		return app_store_error(app, rc);
	if ((rc = open_action(app, text, &a)))
		goto fail;
	if (!action_is_open(&a)) {
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
	switch (ch) {
	case CH_DONE:
		rc = action_set_status(&a, "done", NULL, app->today, err, sizeof err);
		break;
	case CH_DROP:
		rc = action_set_status(&a, "dropped", NULL, app->today, err, sizeof err);
		break;
	case CH_DEFER:
		snprintf(a.due, DAY_LEN, "%s", value);
		cli_format_day(app, a.due, day, sizeof day);
		snprintf(tail, sizeof tail, " to %s", day);
		break;
	case CH_WAIT: /* the person waited for; the owner stays */
		rc = action_set_status(&a, "waiting", value, app->today, err, sizeof err);
		break;
	}
	if (rc) {
		app_error(rc, "%s", err);
		goto fail;
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
		cli_put_text(a.waiting_for);
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

static int action_done(struct cli_call *c)
{
	return change_action(c->app, CH_DONE, c->argv[0], NULL);
}

static int action_drop(struct cli_call *c)
{
	return change_action(c->app, CH_DROP, c->argv[0], NULL);
}

static int action_defer_check(struct cli_call *c)
{
	char due[DAY_LEN];
	return cli_parse_day(c->app, "DAY", c->argv[1], due);
}

static int action_defer(struct cli_call *c)
{
	char due[DAY_LEN];
	int rc = cli_parse_day(c->app, "DAY", c->argv[1], due);
	return rc ? rc : change_action(c->app, CH_DEFER, c->argv[0], due);
}

static int action_wait_check(struct cli_call *c)
{
	char *person = text_trim(c->argv[1]);
	if (owner_is_me(person))
		return app_error(EX_DATAERR, "PERSON: name who you are waiting for (got \"%s\")",
		                 person);
	return 0;
}

static int action_wait(struct cli_call *c)
{
	return change_action(c->app, CH_WAIT, c->argv[0], text_trim(c->argv[1]));
}

/* ---- the table ---- */

static const struct cli_option add_opts[] = {
	{ .name = "due",
	  .arg = "DAY",
	  .kind = VAL_DAY,
	  .flags = OPT_CLEARS,
	  .help = "the due day (none: no date)" },
	{ .name = "owner", .arg = "NAME", .kind = VAL_TEXT, .help = "who does it (default me)" },
	{ .name = "mandate", .arg = "ID|TITLE", .kind = VAL_ID, .help = "the mandate it serves" },
	{ .name = "risk", .arg = "ID|TITLE", .kind = VAL_ID, .help = "the risk it treats" },
	{ .name = "waiting",
	  .arg = "PERSON",
	  .kind = VAL_TEXT,
	  .help = "who it waits for (the owner stays who does it)" },
	{ .name = "since",
	  .arg = "DAY",
	  .kind = VAL_DAY,
	  .help = "with --waiting: the past day the wait began" },
	{ .name = NULL },
};

static const struct cli_command action_add_entry = {
	.name = "add",
	.synopsis = "TITLE [--due DAY] [--owner NAME] [--mandate ID|TITLE] [--risk ID|TITLE] "
	            "[--waiting PERSON [--since DAY]]",
	.summary = "add a next action, optionally linked to a mandate or a risk",
	.help = "  The owner, who does it, is me unless named; --waiting PERSON records\n"
	        "  who it waits for, the owner or someone else, and since when (today,\n"
	        "  or the past DAY given with --since).",
	.opts = add_opts,
	.operands = "TITLE",
	.quote = "title",
	.flags = CMD_WRITE | CMD_CLIENT,
	.check = action_add_check,
	.run = action_add,
};

static const struct cli_option edit_opts[] = {
	{ .name = "title", .arg = "TITLE", .kind = VAL_TEXT, .help = "a new title" },
	{ .name = "due",
	  .arg = "DAY|none",
	  .kind = VAL_DAY,
	  .flags = OPT_CLEARS,
	  .words = "none",
	  .help = "the due day (none: no date)" },
	{ .name = "owner",
	  .arg = "NAME|me",
	  .kind = VAL_TEXT,
	  .words = "me",
	  .help = "who does it (me: yourself)" },
	{ .name = "mandate",
	  .arg = "ID|TITLE|none",
	  .kind = VAL_ID,
	  .words = "none",
	  .help = "the mandate it serves (none: no link)" },
	{ .name = "risk",
	  .arg = "ID|TITLE|none",
	  .kind = VAL_ID,
	  .words = "none",
	  .help = "the risk it treats (none: no link)" },
	{ .name = "status",
	  .arg = "STATUS",
	  .kind = VAL_WORD,
	  .vocab = &VOCAB_ACTION_STATUS,
	  .help = "the status (waiting needs a person)" },
	{ .name = "waiting-for",
	  .arg = "NAME",
	  .kind = VAL_TEXT,
	  .help = "who it waits for (sets status waiting)" },
	{ .name = NULL },
};

static const struct cli_command action_edit_entry = {
	.name = "edit",
	.synopsis =
	        "ID [--title TITLE] [--due DAY|none] [--owner NAME|me] [--mandate ID|TITLE|none] "
	        "[--risk ID|TITLE|none] [--status STATUS] [--waiting-for NAME]",
	.summary = "change an action",
	.help = "  --owner changes who does it, and only that.  Waiting needs a person:\n"
	        "  --waiting-for NAME, else the one it waits for already, else the owner\n"
	        "  when that is someone else.  Any other status forgets the person.",
	.opts = edit_opts,
	.operands = "ID",
	.flags = CMD_WRITE,
	.check = action_edit_check,
	.run = action_edit,
};

static const struct cli_command action_done_entry = {
	.name = "done",
	.synopsis = "ID",
	.summary = "mark an action done today",
	.operands = "ID",
	.flags = CMD_WRITE | CMD_DASH_OPERANDS,
	.run = action_done,
};

static const struct cli_command action_drop_entry = {
	.name = "drop",
	.synopsis = "ID",
	.summary = "drop an action",
	.operands = "ID",
	.flags = CMD_WRITE | CMD_DASH_OPERANDS,
	.run = action_drop,
};

static const struct cli_command action_defer_entry = {
	.name = "defer",
	.synopsis = "ID DAY",
	.summary = "move an action's due day",
	.operands = "ID DAY",
	.flags = CMD_WRITE | CMD_DASH_OPERANDS,
	.check = action_defer_check,
	.run = action_defer,
};

static const struct cli_command action_wait_entry = {
	.name = "wait",
	.synopsis = "ID PERSON",
	.summary = "record that an action waits for someone, from today",
	.help = "  The owner stays who does it; todo, done or drop later forgets the person.",
	.operands = "ID PERSON",
	.flags = CMD_WRITE | CMD_DASH_OPERANDS,
	.check = action_wait_check,
	.run = action_wait,
};

static const struct cli_command *const action_subs[] = {
	&action_add_entry,   &cli_action_list,   &cli_action_show,
	&action_edit_entry,  &action_done_entry, &action_drop_entry,
	&action_defer_entry, &action_wait_entry, NULL,
};

const struct cli_command cli_action = {
	.name = "action",
	.summary = "next actions: due dates, owners, waiting-for",
	.help = "  STATUS: todo, waiting, done, dropped.  ID: an id prefix (4+ characters)\n"
	        "  or the exact title, in any case, of one of the client's actions.  A\n"
	        "  --mandate or --risk TITLE may be its start or a part of it, as for\n"
	        "  'cxo mandate'.  list shows open actions (todo and waiting) unless --all.",
	.subs = action_subs,
	.default_sub = "list",
};
