/*
 * risk.c: `cxo risk`: each client's risk register.  Risks are scored on a
 * 5x5 likelihood-by-impact grid; the level of the score sets the default
 * review date, and lists show what is due for review.  Here: add, show,
 * edit, close, accept and the dispatch; list is in risk_list.c.
 */
#include "internal.h"

#include <string.h>
#include <sysexits.h>

#include "cxo/risk.h"
#include "cxo/rules.h"
#include "cxo/text.h"

/* An id prefix of any client's risk, or a title (exact, else its start
 * or a part of it) within the current client. */
static int resolve_risk(struct cxo_app *app, const char *text, char id[UUID_LEN])
{
	return cli_resolve_item(app, KIND_RISK, text, id);
}

/* ---- add and edit share their options ---- */

static int parse_factor(const char *opt, const char *text, int *out)
{
	char err[256];
	if (!risk_factor_parse(text, out, err, sizeof err))
		return app_error(EX_DATAERR, "%s: %s", opt, err);
	return 0;
}

/* What add and edit were given, read. */
struct risk_args {
	const char *title, *owner, *framework, *mitigation;
	int likelihood, impact; /* 0 = not given */
	bool residual_given;
	int res_l, res_i;                                           /* 0, 0 = not assessed */
	const char *category, *treatment, *status, *review, *until; /* NULL = not given */
};

static int read_risk_args(struct cli_call *c, bool edit, struct risk_args *a)
{
	const struct cli_value *v;
	char err[256];
	int rc;

	memset(a, 0, sizeof *a);
	if ((v = cli_opt(c, "likelihood")) &&
	    (rc = parse_factor("--likelihood", v->text, &a->likelihood)))
		return rc;
	if ((v = cli_opt(c, "impact")) && (rc = parse_factor("--impact", v->text, &a->impact)))
		return rc;
	if ((v = cli_opt(c, "residual"))) {
		a->residual_given = true;
		if (v->cleared)
			a->res_l = a->res_i = 0;
		else if (!risk_pair_parse(v->text, &a->res_l, &a->res_i, err, sizeof err))
			return app_error(EX_DATAERR, "--residual: %s", err);
	}
	a->category = (v = cli_opt(c, "category")) ? v->word : NULL;
	a->treatment = (v = cli_opt(c, "treatment")) ? v->word : NULL;
	a->status = (v = cli_opt(c, "status")) ? v->word : NULL;
	a->review = (v = cli_opt(c, "review")) ? v->day : NULL;
	a->until = (v = cli_opt(c, "until")) ? v->day : NULL;
	a->owner = cli_text(c, "owner");
	a->framework = cli_text(c, "framework");
	a->mitigation = cli_text(c, "mitigation");
	if (edit && (a->title = cli_text(c, "title")) && !*text_trim((char *)a->title))
		return app_error(EX_DATAERR, "--title: a risk needs a title (got an empty one)");
	/* An acceptance's end: with --status accepted, or alone (edit) to
	 * renew the current acceptance. */
	if (a->until && (a->status ? strcmp(a->status, "accepted") != 0 : !edit))
		return cli_usage(c, "--until DAY goes with --status accepted");
	return 0;
}

/* Copies what was given into r, then moves it to the status asked for by
 * the rule (risk_set_status), which keeps the dates consistent. */
static int apply_risk_args(const struct cxo_app *app, const struct risk_args *a, struct risk *r)
{
	char err[256];
	if ((a->title && cli_set_text(&r->title, a->title)) ||
	    (a->owner && cli_set_text(&r->owner, a->owner)) ||
	    (a->framework && cli_set_text(&r->framework, a->framework)) ||
	    (a->mitigation && cli_set_text(&r->mitigation, a->mitigation)))
		return EX_OSERR;
	if (a->likelihood)
		r->likelihood = a->likelihood;
	if (a->impact)
		r->impact = a->impact;
	if (a->residual_given) {
		r->residual_likelihood = a->res_l;
		r->residual_impact = a->res_i;
	}
	if (a->category)
		snprintf(r->category, WORD_LEN, "%s", a->category);
	if (a->treatment)
		snprintf(r->treatment, WORD_LEN, "%s", a->treatment);
	if (a->review)
		snprintf(r->review, DAY_LEN, "%s", a->review);
	/* --until alone renews a current acceptance. */
	const char *status = a->status ? a->status : a->until ? "accepted" : NULL;
	if (!a->status && a->until && strcmp(r->status, "accepted") != 0)
		return app_error(EX_DATAERR,
		                 "--until: the risk is %s, not accepted: add --status accepted",
		                 r->status);
	int rc;
	if (status && (rc = risk_set_status(r, status, a->until ? a->until : "", app->today, err,
	                                    sizeof err)))
		return app_error(rc, "%s", err);
	return 0;
}

static int risk_add_check(struct cli_call *c)
{
	struct risk_args a;
	char *title;
	int rc;
	if ((rc = cli_operand_text(c, 0, "risk title", &title)) ||
	    (rc = read_risk_args(c, false, &a)))
		return rc;
	if (!a.likelihood || !a.impact)
		return cli_usage(c, "risk add needs --likelihood and --impact (1-5)");
	return 0;
}

static int risk_add(struct cli_call *call)
{
	struct cxo_app *app = call->app;
	const struct client *c = &call->client;
	struct risk_args a;
	struct risk r = { 0 };
	char *title;
	int rc;
	if ((rc = read_risk_args(call, false, &a)) ||
	    (rc = cli_operand_text(call, 0, "risk title", &title)))
		return rc;

	memcpy(r.client_id, c->id, UUID_LEN);
	risk_begin(&r, app->today);
	a.title = title;
	/* The review day the level implies first: accepting may bring it
	 * forward to the acceptance's end. */
	if (a.review)
		snprintf(r.review, DAY_LEN, "%s", a.review);
	r.likelihood = a.likelihood;
	r.impact = a.impact;
	risk_default_review(&r, &app->cfg, app->today);
	if ((rc = apply_risk_args(app, &a, &r)))
		goto out;

	if ((rc = store_risk_add(app->st, &r))) {
		rc = app_store_error(app, rc);
		goto out;
	}
	int score = risk_score(r.likelihood, r.impact);
	enum risk_level level = risk_level_of(score, &app->cfg.thresholds);
	char sid[SHORT_ID_LEN + 1], review[64];
	uuid_short(r.id, sid);
	cli_format_day(app, r.review, review, sizeof review);
	printf("added risk %s \"", sid);
	cli_put_text(r.title);
	printf("\" for %s (score %d %s, review %s)\n", c->key, score, risk_level_name(level),
	       review);
out:
	risk_free(&r);
	return rc;
}

/* Resolves and reads the risk named by text. */
static int load_risk(struct cxo_app *app, const char *text, struct risk *r)
{
	char id[UUID_LEN];
	int rc = resolve_risk(app, text, id);
	if (rc)
		return rc;
	if ((rc = store_risk_get(app->st, id, r)))
		return app_store_error(app, rc);
	return 0;
}

static void show_line(const char *label, const char *value)
{
	printf("%-12s", label);
	cli_put_text(value && *value ? value : "-");
	putchar('\n');
}

static int risk_show(struct cli_call *call)
{
	struct cxo_app *app = call->app;
	struct risk r = { 0 };
	struct action_list al = { 0 };
	int rc;
	if ((rc = load_risk(app, call->argv[0], &r)))
		goto out;
	struct action_filter f = { .client_id = r.client_id, .risk_id = r.id };
	if ((rc = store_action_list(app->st, &f, &al))) {
		rc = app_store_error(app, rc);
		goto out;
	}
	char today[DAY_LEN], buf[160], day[64], rel[32];
	cxo_day d;
	app_today_iso(app, today);
	int score = risk_score(r.likelihood, r.impact);
	enum risk_level level = risk_level_of(score, &app->cfg.thresholds);

	show_line("id", r.id);
	show_line("client", r.client_key);
	show_line("title", r.title);
	snprintf(buf, sizeof buf, "%d %s (likelihood %d x impact %d)", score,
	         risk_level_name(level), r.likelihood, r.impact);
	show_line("score", buf);
	int rs = risk_score(r.residual_likelihood, r.residual_impact);
	if (rs)
		snprintf(buf, sizeof buf, "%d %s (likelihood %d x impact %d)", rs,
		         risk_level_name(risk_level_of(rs, &app->cfg.thresholds)),
		         r.residual_likelihood, r.residual_impact);
	else
		snprintf(buf, sizeof buf, "not assessed");
	show_line("residual", buf);
	show_line("category", r.category);
	show_line("framework", r.framework);
	show_line("owner", r.owner);
	show_line("treatment", r.treatment);
	show_line("status", r.status);
	show_line("mitigation", r.mitigation);
	if (*r.review && date_parse_iso(r.review, &d)) {
		cli_format_day(app, r.review, day, sizeof day);
		date_relative(d, app->today, rel, sizeof rel);
		bool due = risk_review_due(&r, app->today);
		snprintf(buf, sizeof buf, "%s (%s%s)", day, rel, due ? ", due for review" : "");
		show_line("review", buf);
	} else {
		show_line("review", "");
	}
	if (*r.accepted_until) {
		cli_format_day(app, r.accepted_until, day, sizeof day);
		snprintf(buf, sizeof buf, "%s%s", day,
		         strcmp(r.accepted_until, today) < 0 ? " (expired)" : "");
		show_line("accepted", buf);
	}
	cli_format_day(app, r.opened, day, sizeof day);
	show_line("opened", day);
	if (*r.closed) {
		cli_format_day(app, r.closed, day, sizeof day);
		show_line("closed", day);
	}
	cli_print_open_actions(app, &al, 12);
out:
	action_list_free(&al);
	risk_free(&r);
	return rc;
}

static int risk_edit_check(struct cli_call *c)
{
	struct risk_args a;
	return read_risk_args(c, true, &a);
}

static int risk_edit(struct cli_call *call)
{
	struct cxo_app *app = call->app;
	struct risk_args a;
	struct risk r = { 0 };
	int rc;
	if ((rc = read_risk_args(call, true, &a)))
		return rc;
	if ((rc = store_begin(app->st)))
		return app_store_error(app, rc);
	if ((rc = load_risk(app, call->argv[0], &r)))
		goto fail;
	if ((rc = apply_risk_args(app, &a, &r)))
		goto fail;
	if ((rc = store_risk_update(app->st, &r)) || (rc = store_commit(app->st))) {
		rc = app_store_error(app, rc);
		goto fail;
	}
	char sid[SHORT_ID_LEN + 1];
	uuid_short(r.id, sid);
	int score = risk_score(r.likelihood, r.impact);
	printf("updated risk %s \"", sid);
	cli_put_text(r.title);
	printf("\" (score %d %s, %s)\n", score,
	       risk_level_name(risk_level_of(score, &app->cfg.thresholds)), r.status);
	risk_free(&r);
	return 0;
fail:
	store_rollback(app->st);
	risk_free(&r);
	return rc;
}

/* close and accept: read, change by the rule, write, in one
 * transaction. */
static int change_status(struct cli_call *call, const char *until)
{
	struct cxo_app *app = call->app;
	struct risk r = { 0 };
	char sid[SHORT_ID_LEN + 1], day[64], err[256];
	int rc;
	if ((rc = store_begin(app->st)))
		return app_store_error(app, rc);
	if ((rc = load_risk(app, call->argv[0], &r)))
		goto fail;
	uuid_short(r.id, sid);
	if (!until && !strcmp(r.status, "closed")) {
		store_rollback(app->st);
		cli_format_day(app, r.closed, day, sizeof day);
		printf("risk %s \"", sid);
		cli_put_text(r.title);
		printf("\" is already closed%s%s\n", *day ? " since " : "", day);
		risk_free(&r);
		return 0;
	}
	if ((rc = risk_set_status(&r, until ? "accepted" : "closed", until, app->today, err,
	                          sizeof err))) {
		rc = app_error(rc, "%s", err);
		goto fail;
	}
	if ((rc = store_risk_update(app->st, &r)) || (rc = store_commit(app->st))) {
		rc = app_store_error(app, rc);
		goto fail;
	}
	printf("%s risk %s \"", until ? "accepted" : "closed", sid);
	cli_put_text(r.title);
	if (until) {
		cli_format_day(app, until, day, sizeof day);
		printf("\" until %s\n", day);
	} else {
		printf("\"\n");
	}
	risk_free(&r);
	return 0;
fail:
	store_rollback(app->st);
	risk_free(&r);
	return rc;
}

static int risk_close(struct cli_call *c)
{
	return change_status(c, NULL);
}

static int risk_accept_check(struct cli_call *c)
{
	if (!cli_opt(c, "until"))
		return cli_usage(c, "risk accept needs --until DAY (when the acceptance ends)");
	return 0;
}

static int risk_accept(struct cli_call *c)
{
	return change_status(c, cli_opt(c, "until")->day);
}

/* ---- the table ---- */

#define RISK_OPTIONS                                                                               \
	{ .name = "likelihood",                                                                    \
	  .arg = "N",                                                                              \
	  .kind = VAL_NUMBER,                                                                      \
	  .lo = 1,                                                                                 \
	  .hi = 5,                                                                                 \
	  .flags = OPT_RAW,                                                                        \
	  .help = "how likely, 1 to 5" },                                                          \
	        { .name = "impact",                                                                \
		  .arg = "N",                                                                      \
		  .kind = VAL_NUMBER,                                                              \
		  .lo = 1,                                                                         \
		  .hi = 5,                                                                         \
		  .flags = OPT_RAW,                                                                \
		  .help = "how bad, 1 to 5" },                                                     \
	        { .name = "category",                                                              \
		  .arg = "CATEGORY",                                                               \
		  .kind = VAL_WORD,                                                                \
		  .vocab = &VOCAB_RISK_CATEGORY,                                                   \
		  .help = "the category" },                                                        \
	        { .name = "owner", .arg = "NAME", .kind = VAL_TEXT, .help = "who owns it" },       \
	        { .name = "framework",                                                             \
		  .arg = "TEXT",                                                                   \
		  .kind = VAL_TEXT,                                                                \
		  .help = "the compliance framework (SOC 2, HIPAA ...)" },                         \
	        { .name = "mitigation",                                                            \
		  .arg = "TEXT",                                                                   \
		  .kind = VAL_TEXT,                                                                \
		  .help = "the mitigation" },                                                      \
	        { .name = "treatment",                                                             \
		  .arg = "TREATMENT",                                                              \
		  .kind = VAL_WORD,                                                                \
		  .vocab = &VOCAB_RISK_TREATMENT,                                                  \
		  .help = "the treatment" },                                                       \
	        { .name = "review", .arg = "DAY", .kind = VAL_DAY, .help = "the review day" },     \
	        { .name = "status",                                                                \
		  .arg = "STATUS",                                                                 \
		  .kind = VAL_WORD,                                                                \
		  .vocab = &VOCAB_RISK_STATUS,                                                     \
		  .help = "the status" },                                                          \
	{                                                                                          \
		.name = "until", .arg = "DAY", .kind = VAL_DAY,                                    \
		.help = "with --status accepted: when the acceptance ends"                         \
	}

static const struct cli_option add_opts[] = {
	RISK_OPTIONS,
	{ .name = "residual",
	  .arg = "L,I",
	  .kind = VAL_TEXT,
	  .help = "the likelihood and impact once treated (2,3)" },
	{ .name = NULL },
};

static const struct cli_command risk_add_entry = {
	.name = "add",
	.synopsis =
	        "TITLE --likelihood N --impact N [--category CATEGORY] [--owner NAME] "
	        "[--framework TEXT] [--mitigation TEXT] [--treatment TREATMENT] [--residual L,I] "
	        "[--review DAY] [--status STATUS [--until DAY]]",
	.summary = "add a risk to the client's register",
	.help = "  The review day defaults from the level of the score: critical and high\n"
	        "  90 days, medium 180, low 360 (see cxo.conf(5)).",
	.opts = add_opts,
	.operands = "TITLE",
	.quote = "title",
	.flags = CMD_WRITE | CMD_CLIENT,
	.check = risk_add_check,
	.run = risk_add,
};

static const struct cli_command risk_show_entry = {
	.name = "show",
	.synopsis = "ID",
	.summary = "a risk in full, with its open actions",
	.operands = "ID",
	.flags = CMD_READ,
	.run = risk_show,
};

static const struct cli_option edit_opts[] = {
	{ .name = "title", .arg = "TITLE", .kind = VAL_TEXT, .help = "a new title" },
	RISK_OPTIONS,
	{ .name = "residual",
	  .arg = "L,I|none",
	  .kind = VAL_TEXT,
	  .flags = OPT_CLEARS,
	  .words = "none",
	  .help = "the likelihood and impact once treated (none: not assessed)" },
	{ .name = NULL },
};

static const struct cli_command risk_edit_entry = {
	.name = "edit",
	.synopsis = "ID [--title TITLE] [--likelihood N] [--impact N] [--category CATEGORY] "
	            "[--owner NAME] [--framework TEXT] [--mitigation TEXT] [--treatment TREATMENT] "
	            "[--residual L,I|none] [--review DAY] [--status STATUS] [--until DAY]",
	.summary = "change a risk",
	.help = "  --status accepted needs --until DAY unless the risk is accepted already;\n"
	        "  --until alone moves a current acceptance's end.  closed records today;\n"
	        "  open and mitigating reopen it, ending any acceptance.",
	.opts = edit_opts,
	.operands = "ID",
	.flags = CMD_WRITE,
	.check = risk_edit_check,
	.run = risk_edit,
};

static const struct cli_command risk_close_entry = {
	.name = "close",
	.synopsis = "ID",
	.summary = "close a risk as of today",
	.operands = "ID",
	.flags = CMD_WRITE,
	.run = risk_close,
};

static const struct cli_option accept_opts[] = {
	{ .name = "until", .arg = "DAY", .kind = VAL_DAY, .help = "when the acceptance ends" },
	{ .name = NULL },
};

static const struct cli_command risk_accept_entry = {
	.name = "accept",
	.synopsis = "ID --until DAY",
	.summary = "accept a risk until a day, when it is to be reconsidered",
	.opts = accept_opts,
	.operands = "ID",
	.flags = CMD_WRITE,
	.check = risk_accept_check,
	.run = risk_accept,
};

static const struct cli_command *const risk_subs[] = {
	&risk_add_entry,    &cli_risk_list, &risk_show_entry, &risk_edit_entry, &risk_close_entry,
	&risk_accept_entry, NULL,
};

const struct cli_command cli_risk = {
	.name = "risk",
	.summary = "the risk register: score, review, accept, close",
	.help = "  N: 1 to 5.  CATEGORY: security (default), compliance, vendor, operations,\n"
	        "  people, financial.  TREATMENT: mitigate (default), accept, transfer, avoid.\n"
	        "  STATUS: open (default), mitigating, accepted, closed.  ID: an id prefix\n"
	        "  (4+ characters) or a title of the client's risks: the exact one, else the\n"
	        "  only one it starts, else the only one holding it (named on stderr).  The\n"
	        "  review date defaults from the level: critical and high 90 days, medium\n"
	        "  180, low 360.",
	.subs = risk_subs,
	.default_sub = "list",
};
