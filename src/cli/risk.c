/*
 * risk.c: `cxo risk`: each client's risk register.  Risks are scored on a
 * 5x5 likelihood-by-impact grid; the level of the score sets the default
 * review date, and lists show what is due for review.  Here: add, show,
 * edit, close, accept and the dispatch; list is in risk_list.c.
 */
#include "cxo/cli.h"

#include <getopt.h>
#include <string.h>
#include <sysexits.h>

#include "cxo/risk.h"
#include "cxo/text.h"

#define CMD "risk"

/* Option values above 255 cannot clash with short options. */
enum {
	OPT_LIKELIHOOD = 256,
	OPT_IMPACT,
	OPT_CATEGORY,
	OPT_OWNER,
	OPT_FRAMEWORK,
	OPT_MITIGATION,
	OPT_TREATMENT,
	OPT_RESIDUAL,
	OPT_REVIEW,
	OPT_STATUS,
	OPT_TITLE,
	OPT_UNTIL,
};

/* An id prefix of any client's risk, or a title within the current
 * client. */
static int resolve_risk(struct cxo_app *app, const char *text, char id[UUID_LEN])
{
	char prefix[UUID_LEN];
	int rc = store_resolve(app->st, KIND_RISK, text, NULL, id);
	/* Not an id (or no such id): try it as a title. */
	if (rc == EX_NOINPUT || (rc == EX_USAGE && !uuid_prefix_normalize(text, prefix))) {
		struct client c;
		bool found = false;
		if (app_client_optional(app, &c, &found) == 0 && found) {
			rc = store_resolve(app->st, KIND_RISK, text, c.id, id);
			client_free(&c);
		}
	}
	return rc ? app_store_error(app, rc) : 0;
}

/* ---- add and edit share their options ---- */

struct risk_args {
	const char *title, *owner, *framework, *mitigation;
	int likelihood, impact; /* 0 = not given */
	bool residual_given;
	int res_l, res_i;        /* 0, 0 = not assessed */
	char category[WORD_LEN]; /* "" = not given */
	char treatment[WORD_LEN];
	char status[WORD_LEN];
	char review[DAY_LEN];
	int npos;
	char **pos;
};

static int parse_factor(const char *opt, const char *text, int *out)
{
	char err[256];
	if (!risk_factor_parse(text, out, err, sizeof err))
		return app_error(EX_DATAERR, "%s: %s", opt, err);
	return 0;
}

/* Returns 0, an exit code, or CLI_HELP_SHOWN. */
static int parse_risk_args(struct cxo_app *app, int argc, char **argv, bool edit,
                           struct risk_args *a)
{
	static const struct option opts[] = {
		{ "likelihood", required_argument, NULL, OPT_LIKELIHOOD },
		{ "impact", required_argument, NULL, OPT_IMPACT },
		{ "category", required_argument, NULL, OPT_CATEGORY },
		{ "owner", required_argument, NULL, OPT_OWNER },
		{ "framework", required_argument, NULL, OPT_FRAMEWORK },
		{ "mitigation", required_argument, NULL, OPT_MITIGATION },
		{ "treatment", required_argument, NULL, OPT_TREATMENT },
		{ "residual", required_argument, NULL, OPT_RESIDUAL },
		{ "review", required_argument, NULL, OPT_REVIEW },
		{ "status", required_argument, NULL, OPT_STATUS },
		{ "title", required_argument, NULL, OPT_TITLE },
		{ "help", no_argument, NULL, 'h' },
		{ 0, 0, 0, 0 },
	};
	char err[256];
	int c, rc = 0;

	memset(a, 0, sizeof *a);
	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		switch (c) {
		case OPT_LIKELIHOOD:
			rc = parse_factor("--likelihood", optarg, &a->likelihood);
			break;
		case OPT_IMPACT:
			rc = parse_factor("--impact", optarg, &a->impact);
			break;
		case OPT_CATEGORY:
			rc = cli_parse_word(&VOCAB_RISK_CATEGORY, "--category", optarg,
			                    a->category);
			break;
		case OPT_TREATMENT:
			rc = cli_parse_word(&VOCAB_RISK_TREATMENT, "--treatment", optarg,
			                    a->treatment);
			break;
		case OPT_STATUS:
			rc = cli_parse_word(&VOCAB_RISK_STATUS, "--status", optarg, a->status);
			break;
		case OPT_OWNER:
			a->owner = optarg;
			break;
		case OPT_FRAMEWORK:
			a->framework = optarg;
			break;
		case OPT_MITIGATION:
			a->mitigation = optarg;
			break;
		case OPT_RESIDUAL:
			a->residual_given = true;
			if (edit && (!strcmp(optarg, "none") || !*optarg)) {
				a->res_l = a->res_i = 0;
			} else if (!risk_pair_parse(optarg, &a->res_l, &a->res_i, err,
			                            sizeof err)) {
				rc = app_error(EX_DATAERR, "--residual: %s", err);
			}
			break;
		case OPT_REVIEW:
			rc = cli_parse_day(app, "--review", optarg, a->review);
			break;
		case OPT_TITLE:
			if (!edit)
				return cli_usage_error(
				        CMD,
				        "risk add takes the title as its argument, not --title");
			a->title = optarg;
			break;
		case 'h':
			cli_show_usage(&cmd_risk_entry, edit ? "edit" : "add");
			return CLI_HELP_SHOWN;
		default:
			return cli_option_error(&cmd_risk_entry, edit ? "edit" : "add", opts, c,
			                        argv);
		}
		if (rc)
			return rc;
	}
	a->npos = argc - optind;
	a->pos = argv + optind;
	if (a->title && !*text_trim((char *)a->title))
		return app_error(EX_DATAERR, "--title: a risk needs a title (got an empty one)");
	return 0;
}

/* Copies what was given into r; statuses keep their dates consistent. */
static int apply_risk_args(const struct cxo_app *app, const struct risk_args *a, struct risk *r)
{
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
	if (*a->category)
		memcpy(r->category, a->category, WORD_LEN);
	if (*a->treatment)
		memcpy(r->treatment, a->treatment, WORD_LEN);
	if (*a->review)
		memcpy(r->review, a->review, DAY_LEN);
	if (*a->status) {
		memcpy(r->status, a->status, WORD_LEN);
		if (!strcmp(r->status, "closed")) {
			if (!*r->closed)
				app_today_iso(app, r->closed);
		} else {
			r->closed[0] = '\0';
		}
		if (strcmp(r->status, "accepted") != 0)
			r->accepted_until[0] = '\0';
	}
	return 0;
}

static int risk_add(struct cxo_app *app, int argc, char **argv)
{
	struct risk_args a;
	int rc = parse_risk_args(app, argc, argv, false, &a);
	if (rc)
		return rc == CLI_HELP_SHOWN ? 0 : rc;
	char *title;
	if ((rc = cli_text_operand(&cmd_risk_entry, "add", "TITLE", "title", "risk title", a.npos,
	                           a.pos, 0, &title)))
		return rc;
	if (!a.likelihood || !a.impact)
		return cli_usage_error(CMD, "risk add needs --likelihood and --impact (1-5)");

	struct client c;
	if ((rc = app_client(app, &c)))
		return rc;
	struct risk r = { 0 };
	memcpy(r.client_id, c.id, UUID_LEN);
	snprintf(r.category, WORD_LEN, "security");
	snprintf(r.treatment, WORD_LEN, "mitigate");
	snprintf(r.status, WORD_LEN, "open");
	app_today_iso(app, r.opened);
	a.title = title;
	if ((rc = apply_risk_args(app, &a, &r)))
		goto out;
	int score = risk_score(r.likelihood, r.impact);
	enum risk_level level = risk_level_of(score, &app->cfg.thresholds);
	if (!*r.review)
		date_format_iso(app->today + app->cfg.review_days.days[level], r.review);

	if ((rc = app_open_existing(app)))
		goto out;
	if ((rc = store_risk_add(app->st, &r))) {
		rc = app_store_error(app, rc);
		goto out;
	}
	char sid[SHORT_ID_LEN + 1], review[64];
	uuid_short(r.id, sid);
	cli_format_day(app, r.review, review, sizeof review);
	printf("added risk %s \"", sid);
	cli_put_text(r.title);
	printf("\" for %s (score %d %s, review %s)\n", c.key, score, risk_level_name(level),
	       review);
out:
	risk_free(&r);
	client_free(&c);
	return rc;
}

/* Opens, resolves and reads the risk named by text. */
static int load_risk(struct cxo_app *app, enum store_mode mode, const char *text, struct risk *r)
{
	char id[UUID_LEN];
	int rc = mode == STORE_WRITE ? app_open_existing(app) : app_open(app, STORE_READ);
	if (rc)
		return rc;
	if ((rc = resolve_risk(app, text, id)))
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

static int risk_show(struct cxo_app *app, int argc, char **argv)
{
	int first, rc = cli_plain_args_typed(&cmd_risk_entry, false, argc, argv, &first);
	if (rc)
		return rc == CLI_HELP_SHOWN ? 0 : rc;
	if ((rc = cli_operands(&cmd_risk_entry, "show", "ID", argc, argv, first)))
		return rc;

	struct risk r = { 0 };
	struct action_list al = { 0 };
	if ((rc = load_risk(app, STORE_READ, argv[first], &r)))
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
		bool due = strcmp(r.review, today) <= 0 && strcmp(r.status, "closed") != 0;
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
	printf("%-12s%zu open\n", "actions", al.n);
	for (size_t i = 0; i < al.n; i++) {
		const struct action *a = &al.items[i];
		char sid[SHORT_ID_LEN + 1];
		uuid_short(a->id, sid);
		if (*a->due && date_parse_iso(a->due, &d))
			date_relative(d, app->today, rel, sizeof rel);
		else
			snprintf(rel, sizeof rel, "no date");
		printf("  %s  %-10s  ", sid, rel);
		cli_put_text(a->title);
		if (a->owner) {
			fputs(strcmp(a->status, "waiting") ? " (" : " (waiting for ", stdout);
			cli_put_text(a->owner);
			putchar(')');
		}
		putchar('\n');
	}
out:
	action_list_free(&al);
	risk_free(&r);
	return rc;
}

static int risk_edit(struct cxo_app *app, int argc, char **argv)
{
	struct risk_args a;
	int rc = parse_risk_args(app, argc, argv, true, &a);
	if (rc)
		return rc == CLI_HELP_SHOWN ? 0 : rc;
	if ((rc = cli_operands(&cmd_risk_entry, "edit", "ID", a.npos, a.pos, 0)))
		return rc;

	struct risk r = { 0 };
	if ((rc = app_open_existing(app)))
		return rc;
	if ((rc = store_begin(app->st)))
		return app_store_error(app, rc);
	if ((rc = load_risk(app, STORE_WRITE, a.pos[0], &r)))
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

/* close and accept: read, change, write in one transaction. */
static int risk_set_status(struct cxo_app *app, const char *text, const char *until)
{
	struct risk r = { 0 };
	char sid[SHORT_ID_LEN + 1], day[64];
	int rc;
	if ((rc = app_open_existing(app)))
		return rc;
	if ((rc = store_begin(app->st)))
		return app_store_error(app, rc);
	if ((rc = load_risk(app, STORE_WRITE, text, &r)))
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
	if (until) {
		snprintf(r.status, WORD_LEN, "accepted");
		snprintf(r.treatment, WORD_LEN, "accept");
		snprintf(r.accepted_until, DAY_LEN, "%s", until);
		r.closed[0] = '\0';
		/* The acceptance ends: that is when it must be looked at again. */
		if (!*r.review || strcmp(r.review, until) > 0)
			snprintf(r.review, DAY_LEN, "%s", until);
	} else {
		snprintf(r.status, WORD_LEN, "closed");
		app_today_iso(app, r.closed);
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

static int risk_close(struct cxo_app *app, int argc, char **argv)
{
	int first, rc = cli_plain_args_typed(&cmd_risk_entry, false, argc, argv, &first);
	if (rc)
		return rc == CLI_HELP_SHOWN ? 0 : rc;
	if ((rc = cli_operands(&cmd_risk_entry, "close", "ID", argc, argv, first)))
		return rc;
	return risk_set_status(app, argv[first], NULL);
}

static int risk_accept(struct cxo_app *app, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "until", required_argument, NULL, OPT_UNTIL },
		{ "help", no_argument, NULL, 'h' },
		{ 0, 0, 0, 0 },
	};
	char until[DAY_LEN] = "";
	int c, rc;
	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		switch (c) {
		case OPT_UNTIL:
			if ((rc = cli_parse_day(app, "--until", optarg, until)))
				return rc;
			break;
		case 'h':
			return cli_show_usage(&cmd_risk_entry, "accept");
		default:
			return cli_option_error(&cmd_risk_entry, "accept", opts, c, argv);
		}
	}
	if ((rc = cli_operands(&cmd_risk_entry, "accept", "ID", argc, argv, optind)))
		return rc;
	if (!*until)
		return cli_usage_error(CMD,
		                       "risk accept needs --until DAY (when the acceptance ends)");
	char today[DAY_LEN];
	app_today_iso(app, today);
	if (strcmp(until, today) <= 0)
		return app_error(
		        EX_DATAERR,
		        "--until: %s is not in the future (an acceptance must end after today)",
		        until);
	return risk_set_status(app, argv[optind], until);
}

static const struct cli_subcommand subcommands[] = {
	{ "add", risk_add },   { "list", cmd_risk_list }, { "show", risk_show },
	{ "edit", risk_edit }, { "close", risk_close },   { "accept", risk_accept },
};

static int run(struct cxo_app *app, int argc, char **argv)
{
	return cli_dispatch(app, &cmd_risk_entry, subcommands,
	                    sizeof subcommands / sizeof *subcommands, cmd_risk_list, argc, argv);
}

const struct cli_command cmd_risk_entry = {
	"risk",
	run,
	"risk add TITLE --likelihood N --impact N [--category CATEGORY] [--owner NAME]\n"
	"             [--framework TEXT] [--mitigation TEXT] [--treatment TREATMENT]\n"
	"             [--residual L,I] [--review DAY] [--status STATUS]\n"
	"risk list [--all] [--min-score N] [--due-review] [--all-clients]\n"
	"             [--format table|tsv|json]\n"
	"risk show ID\n"
	"risk edit ID [--title TITLE] [--likelihood N] [--impact N] [--category CATEGORY]\n"
	"             [--owner NAME] [--framework TEXT] [--mitigation TEXT]\n"
	"             [--treatment TREATMENT] [--residual L,I|none] [--review DAY]\n"
	"             [--status STATUS]\n"
	"risk close ID\n"
	"risk accept ID --until DAY\n"
	"  N: 1 to 5.  CATEGORY: security (default), compliance, vendor, operations,\n"
	"  people, financial.  TREATMENT: mitigate (default), accept, transfer, avoid.\n"
	"  STATUS: open (default), mitigating, accepted, closed.  ID: an id prefix\n"
	"  (4+ characters) or the exact title.  The review date defaults from the level:\n"
	"  critical and high 90 days, medium 180, low 360.",
	"the risk register: score, review, accept, close",
};
