/*
 * risk.c: `cxo risk`: each client's risk register.  Risks are scored on a
 * 5x5 likelihood-by-impact grid; the level of the score sets the default
 * review date, and lists show what is due for review.
 */
#include "cxo/cli.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "cxo/risk.h"
#include "cxo/text.h"

#define CMD "risk"

/* Option values above 255 cannot clash with short options. */
enum {
	OPT_LIKELIHOOD = 256, OPT_IMPACT, OPT_CATEGORY, OPT_OWNER, OPT_FRAMEWORK,
	OPT_MITIGATION, OPT_TREATMENT, OPT_RESIDUAL, OPT_REVIEW, OPT_STATUS, OPT_TITLE,
	OPT_ALL, OPT_MIN_SCORE, OPT_DUE_REVIEW, OPT_ALL_CLIENTS, OPT_FORMAT, OPT_UNTIL,
};

static int usage_help(void)
{
	cli_print_usage(stdout, &cmd_risk_entry);
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

/* Subcommands whose only option is -h: 0 with optind at the first
 * argument, -1 for help, or EX_USAGE. */
static int plain_args(int argc, char **argv)
{
	static const struct option opts[] = {
		{"help", no_argument, NULL, 'h'},
		{0, 0, 0, 0},
	};
	int c;
	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1)
		return c == 'h' ? -1 : opt_error(c, argv);
	return 0;
}

/* Prints free text through the sanitiser. */
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

static enum cell_color level_color(enum risk_level level)
{
	switch (level) {
	case RISK_CRITICAL:
	case RISK_HIGH:
		return CC_RED;
	case RISK_MEDIUM:
		return CC_YELLOW;
	case RISK_LOW:
	case RISK_LEVEL_COUNT:
		break;
	}
	return CC_GREEN;
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

/* An id prefix of any client's risk, or a title within the current
 * client. */
static int resolve_risk(struct cli *cli, const char *text, char id[UUID_LEN])
{
	char prefix[UUID_LEN];
	int rc = store_resolve(cli->st, KIND_RISK, text, NULL, id);
	/* Not an id (or no such id): try it as a title. */
	if (rc == EX_NOINPUT || (rc == EX_USAGE && !uuid_prefix_normalize(text, prefix))) {
		struct client c;
		bool found = false;
		if (cli_client_optional(cli, &c, &found) == 0 && found) {
			rc = store_resolve(cli->st, KIND_RISK, text, c.id, id);
			client_free(&c);
		}
	}
	return rc ? cli_store_error(cli, rc) : 0;
}

/* ---- add and edit share their options ---- */

struct risk_args {
	const char *title, *owner, *framework, *mitigation;
	int likelihood, impact;   /* 0 = not given */
	bool residual_given;
	int res_l, res_i;         /* 0, 0 = not assessed */
	char category[WORD_LEN];  /* "" = not given */
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
		return cli_error(EX_DATAERR, "%s: %s", opt, err);
	return 0;
}

/* Returns 0, an exit code, or -1 after printing the help. */
static int parse_risk_args(struct cli *cli, int argc, char **argv, bool edit, struct risk_args *a)
{
	static const struct option opts[] = {
		{"likelihood", required_argument, NULL, OPT_LIKELIHOOD},
		{"impact", required_argument, NULL, OPT_IMPACT},
		{"category", required_argument, NULL, OPT_CATEGORY},
		{"owner", required_argument, NULL, OPT_OWNER},
		{"framework", required_argument, NULL, OPT_FRAMEWORK},
		{"mitigation", required_argument, NULL, OPT_MITIGATION},
		{"treatment", required_argument, NULL, OPT_TREATMENT},
		{"residual", required_argument, NULL, OPT_RESIDUAL},
		{"review", required_argument, NULL, OPT_REVIEW},
		{"status", required_argument, NULL, OPT_STATUS},
		{"title", required_argument, NULL, OPT_TITLE},
		{"help", no_argument, NULL, 'h'},
		{0, 0, 0, 0},
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
			rc =
			    cli_parse_word(&VOCAB_RISK_CATEGORY, "--category", optarg, a->category);
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
				rc = cli_error(EX_DATAERR, "--residual: %s", err);
			}
			break;
		case OPT_REVIEW:
			rc = cli_parse_day(cli, "--review", optarg, a->review);
			break;
		case OPT_TITLE:
			if (!edit)
				return cli_usage_error(
				    CMD, "risk add takes the title as its argument, not --title");
			a->title = optarg;
			break;
		case 'h':
			usage_help();
			return -1;
		default:
			return opt_error(c, argv);
		}
		if (rc)
			return rc;
	}
	a->npos = argc - optind;
	a->pos = argv + optind;
	if (a->title && !*text_trim((char *)a->title))
		return cli_error(EX_DATAERR, "--title: a risk needs a title (got an empty one)");
	return 0;
}

/* Copies what was given into r; statuses keep their dates consistent. */
static int apply_risk_args(const struct cli *cli, const struct risk_args *a, struct risk *r)
{
	if ((a->title && set_text(&r->title, a->title)) ||
	    (a->owner && set_text(&r->owner, a->owner)) ||
	    (a->framework && set_text(&r->framework, a->framework)) ||
	    (a->mitigation && set_text(&r->mitigation, a->mitigation)))
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
				today_iso(cli, r->closed);
		} else {
			r->closed[0] = '\0';
		}
		if (strcmp(r->status, "accepted") != 0)
			r->accepted_until[0] = '\0';
	}
	return 0;
}

static void residual_text(const struct risk *r, char *buf, size_t n)
{
	int s = risk_score(r->residual_likelihood, r->residual_impact);
	if (s)
		snprintf(buf, n, "%dx%d=%d", r->residual_likelihood, r->residual_impact, s);
	else
		snprintf(buf, n, "-");
}

static int risk_add(struct cli *cli, int argc, char **argv)
{
	struct risk_args a;
	int rc = parse_risk_args(cli, argc, argv, false, &a);
	if (rc)
		return rc < 0 ? 0 : rc;
	if (a.npos != 1)
		return cli_usage_error(CMD, a.npos ? "risk add takes one TITLE (quote it)"
		                                   : "risk add needs a TITLE");
	if (!*text_trim(a.pos[0]))
		return cli_error(EX_DATAERR, "a risk needs a title (got an empty one)");
	if (!a.likelihood || !a.impact)
		return cli_usage_error(CMD, "risk add needs --likelihood and --impact (1-5)");

	struct client c;
	if ((rc = cli_client(cli, &c)))
		return rc;
	struct risk r = {0};
	memcpy(r.client_id, c.id, UUID_LEN);
	snprintf(r.category, WORD_LEN, "security");
	snprintf(r.treatment, WORD_LEN, "mitigate");
	snprintf(r.status, WORD_LEN, "open");
	today_iso(cli, r.opened);
	a.title = a.pos[0];
	if ((rc = apply_risk_args(cli, &a, &r)))
		goto out;
	int score = risk_score(r.likelihood, r.impact);
	enum risk_level level = risk_level_of(score, &cli->cfg.thresholds);
	if (!*r.review)
		date_format_iso(cli->today + cli->cfg.review_days.days[level], r.review);

	if ((rc = open_for_write(cli)))
		goto out;
	if ((rc = store_risk_add(cli->st, &r))) {
		rc = cli_store_error(cli, rc);
		goto out;
	}
	char sid[SHORT_ID_LEN + 1], review[64];
	cli_short_id(r.id, sid);
	cli_format_day(cli, r.review, review, sizeof review);
	printf("added risk %s \"", sid);
	put_text(r.title);
	printf("\" for %s (score %d %s, review %s)\n", c.key, score, risk_level_name(level),
	       review);
out:
	risk_free(&r);
	client_free(&c);
	return rc;
}

static int risk_list(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{"all", no_argument, NULL, OPT_ALL},
		{"min-score", required_argument, NULL, OPT_MIN_SCORE},
		{"due-review", no_argument, NULL, OPT_DUE_REVIEW},
		{"all-clients", no_argument, NULL, OPT_ALL_CLIENTS},
		{"format", required_argument, NULL, OPT_FORMAT},
		{"help", no_argument, NULL, 'h'},
		{0, 0, 0, 0},
	};
	bool all = false, due_review = false, all_clients = false;
	long min_score = 0;
	enum output_format fmt = FORMAT_TABLE;
	int c, rc = 0;

	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		switch (c) {
		case OPT_ALL:
			all = true;
			break;
		case OPT_MIN_SCORE:
			rc = cli_parse_int("--min-score", optarg, 1, 25, &min_score);
			break;
		case OPT_DUE_REVIEW:
			due_review = true;
			break;
		case OPT_ALL_CLIENTS:
			all_clients = true;
			break;
		case OPT_FORMAT:
			rc = cli_parse_format(optarg, &fmt);
			break;
		case 'h':
			return usage_help();
		default:
			return opt_error(c, argv);
		}
		if (rc)
			return rc;
	}
	if (optind < argc)
		return cli_usage_error(CMD, "unexpected argument \"%s\"", argv[optind]);

	struct client cl = {0};
	if (all_clients)
		rc = cli_open(cli, STORE_READ);
	else
		rc = cli_client(cli, &cl);
	if (rc)
		return rc;
	char today[DAY_LEN];
	today_iso(cli, today);
	struct risk_filter f = {
		.client_id = all_clients ? NULL : cl.id,
		.include_closed = all,
		.min_score = (int)min_score,
		.review_by = due_review ? today : NULL,
	};
	struct risk_list l = {0};
	struct table *t = NULL;
	if ((rc = store_risk_list(cli->st, &f, &l))) {
		rc = cli_store_error(cli, rc);
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
	table_column(t, "SCORE", "score", COL_INT);
	table_column(t, "LEVEL", "level", COL_TEXT);
	table_column(t, "L", "likelihood", COL_INT);
	table_column(t, "I", "impact", COL_INT);
	if (json) {
		table_column(t, "RL", "residual_likelihood", COL_INT);
		table_column(t, "RI", "residual_impact", COL_INT);
		table_column(t, "RS", "residual_score", COL_INT);
	} else {
		table_column(t, "RESIDUAL", "residual", COL_TEXT);
	}
	table_column(t, "TITLE", "title", COL_TEXT);
	table_column(t, "CATEGORY", "category", COL_TEXT);
	table_column(t, "FRAMEWORK", "framework", COL_TEXT);
	table_column(t, "OWNER", "owner", COL_TEXT);
	table_column(t, "STATUS", "status", COL_TEXT);
	table_column(t, "REVIEW", "review", COL_TEXT);
	if (json) {
		table_column(t, "TREATMENT", "treatment", COL_TEXT);
		table_column(t, "DUE", "review_due", COL_BOOL);
		table_column(t, "ACCEPTED", "accepted_until", COL_TEXT);
		table_column(t, "OPENED", "opened", COL_TEXT);
		table_column(t, "CLOSED", "closed", COL_TEXT);
	}
	for (size_t i = 0; i < l.n; i++) {
		const struct risk *r = &l.items[i];
		int score = risk_score(r->likelihood, r->impact);
		enum risk_level level = risk_level_of(score, &cli->cfg.thresholds);
		bool due =
		    *r->review && strcmp(r->review, today) <= 0 && strcmp(r->status, "closed") != 0;
		char buf[80];
		table_row(t);
		if (all_clients)
			table_cell(t, r->client_key);
		if (json) {
			table_cell(t, r->id);
		} else {
			char sid[SHORT_ID_LEN + 1];
			cli_short_id(r->id, sid);
			table_cell(t, sid);
		}
		snprintf(buf, sizeof buf, "%d", score);
		table_cell_color(t, buf, level_color(level));
		table_cell_color(t, risk_level_name(level), level_color(level));
		table_cell_long(t, r->likelihood);
		table_cell_long(t, r->impact);
		if (json) {
			/* Not assessed is null. */
			int rs = risk_score(r->residual_likelihood, r->residual_impact);
			if (rs) {
				table_cell_long(t, r->residual_likelihood);
				table_cell_long(t, r->residual_impact);
				table_cell_long(t, rs);
			} else {
				table_cell(t, "");
				table_cell(t, "");
				table_cell(t, "");
			}
		} else {
			residual_text(r, buf, sizeof buf);
			table_cell(t, buf);
		}
		table_cell(t, r->title);
		table_cell(t, r->category);
		table_cell(t, r->framework);
		table_cell(t, r->owner);
		table_cell(t, r->status);
		if (json) {
			table_cell(t, r->review);
			table_cell(t, r->treatment);
			table_cell(t, due ? "1" : "0");
			table_cell(t, r->accepted_until);
			table_cell(t, r->opened);
			table_cell(t, r->closed);
		} else {
			char day[64];
			cli_format_day(cli, r->review, day, sizeof day);
			if (due) {
				snprintf(buf, sizeof buf, "%s !", day);
				table_cell_color(t, buf, CC_YELLOW);
			} else {
				table_cell(t, day);
			}
		}
	}
	if (fmt == FORMAT_TABLE && !l.n)
		printf("no %srisks%s\n", all ? "" : "open ",
		       due_review ? " due for review" : min_score ? " at that score" : "");
	else
		rc = table_print(t, stdout);
out:
	table_free(t);
	risk_list_free(&l);
	client_free(&cl);
	return rc;
}

/* Opens, resolves and reads the risk named by text. */
static int load_risk(struct cli *cli, enum store_mode mode, const char *text, struct risk *r)
{
	char id[UUID_LEN];
	int rc = mode == STORE_WRITE ? open_for_write(cli) : cli_open(cli, STORE_READ);
	if (rc)
		return rc;
	if ((rc = resolve_risk(cli, text, id)))
		return rc;
	if ((rc = store_risk_get(cli->st, id, r)))
		return cli_store_error(cli, rc);
	return 0;
}

static void show_line(const char *label, const char *value)
{
	printf("%-12s", label);
	put_text(value && *value ? value : "-");
	putchar('\n');
}

static int risk_show(struct cli *cli, int argc, char **argv)
{
	int rc = plain_args(argc, argv);
	if (rc)
		return rc < 0 ? usage_help() : rc;
	if (argc - optind != 1)
		return cli_usage_error(CMD, "risk show needs one ID");

	struct risk r = {0};
	struct action_list al = {0};
	if ((rc = load_risk(cli, STORE_READ, argv[optind], &r)))
		goto out;
	struct action_filter f = { .client_id = r.client_id, .risk_id = r.id };
	if ((rc = store_action_list(cli->st, &f, &al))) {
		rc = cli_store_error(cli, rc);
		goto out;
	}
	char today[DAY_LEN], buf[160], day[64], rel[32];
	cxo_day d;
	today_iso(cli, today);
	int score = risk_score(r.likelihood, r.impact);
	enum risk_level level = risk_level_of(score, &cli->cfg.thresholds);

	show_line("id", r.id);
	show_line("client", r.client_key);
	show_line("title", r.title);
	snprintf(buf, sizeof buf, "%d %s (likelihood %d x impact %d)", score,
	         risk_level_name(level), r.likelihood, r.impact);
	show_line("score", buf);
	int rs = risk_score(r.residual_likelihood, r.residual_impact);
	if (rs)
		snprintf(buf, sizeof buf, "%d %s (likelihood %d x impact %d)", rs,
		         risk_level_name(risk_level_of(rs, &cli->cfg.thresholds)),
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
		cli_format_day(cli, r.review, day, sizeof day);
		date_relative(d, cli->today, rel, sizeof rel);
		bool due = strcmp(r.review, today) <= 0 && strcmp(r.status, "closed") != 0;
		snprintf(buf, sizeof buf, "%s (%s%s)", day, rel, due ? ", due for review" : "");
		show_line("review", buf);
	} else {
		show_line("review", "");
	}
	if (*r.accepted_until) {
		cli_format_day(cli, r.accepted_until, day, sizeof day);
		snprintf(buf, sizeof buf, "%s%s", day,
		         strcmp(r.accepted_until, today) < 0 ? " (expired)" : "");
		show_line("accepted", buf);
	}
	cli_format_day(cli, r.opened, day, sizeof day);
	show_line("opened", day);
	if (*r.closed) {
		cli_format_day(cli, r.closed, day, sizeof day);
		show_line("closed", day);
	}
	printf("%-12s%zu open\n", "actions", al.n);
	for (size_t i = 0; i < al.n; i++) {
		const struct action *a = &al.items[i];
		char sid[SHORT_ID_LEN + 1];
		cli_short_id(a->id, sid);
		if (*a->due && date_parse_iso(a->due, &d))
			date_relative(d, cli->today, rel, sizeof rel);
		else
			snprintf(rel, sizeof rel, "no date");
		printf("  %s  %-10s  ", sid, rel);
		put_text(a->title);
		if (a->owner) {
			fputs(strcmp(a->status, "waiting") ? " (" : " (waiting for ", stdout);
			put_text(a->owner);
			putchar(')');
		}
		putchar('\n');
	}
out:
	action_list_free(&al);
	risk_free(&r);
	return rc;
}

static int risk_edit(struct cli *cli, int argc, char **argv)
{
	struct risk_args a;
	int rc = parse_risk_args(cli, argc, argv, true, &a);
	if (rc)
		return rc < 0 ? 0 : rc;
	if (a.npos != 1)
		return cli_usage_error(CMD,
		                       a.npos ? "risk edit takes one ID" : "risk edit needs an ID");

	struct risk r = {0};
	if ((rc = open_for_write(cli)))
		return rc;
	if ((rc = store_begin(cli->st)))
		return cli_store_error(cli, rc);
	if ((rc = load_risk(cli, STORE_WRITE, a.pos[0], &r)))
		goto fail;
	if ((rc = apply_risk_args(cli, &a, &r)))
		goto fail;
	if ((rc = store_risk_update(cli->st, &r)) || (rc = store_commit(cli->st))) {
		rc = cli_store_error(cli, rc);
		goto fail;
	}
	char sid[SHORT_ID_LEN + 1];
	cli_short_id(r.id, sid);
	int score = risk_score(r.likelihood, r.impact);
	printf("updated risk %s \"", sid);
	put_text(r.title);
	printf("\" (score %d %s, %s)\n", score,
	       risk_level_name(risk_level_of(score, &cli->cfg.thresholds)), r.status);
	risk_free(&r);
	return 0;
fail:
	store_rollback(cli->st);
	risk_free(&r);
	return rc;
}

/* close and accept: read, change, write in one transaction. */
static int risk_set_status(struct cli *cli, const char *text, const char *until)
{
	struct risk r = {0};
	char sid[SHORT_ID_LEN + 1], day[64];
	int rc;
	if ((rc = open_for_write(cli)))
		return rc;
	if ((rc = store_begin(cli->st)))
		return cli_store_error(cli, rc);
	if ((rc = load_risk(cli, STORE_WRITE, text, &r)))
		goto fail;
	cli_short_id(r.id, sid);
	if (!until && !strcmp(r.status, "closed")) {
		store_rollback(cli->st);
		cli_format_day(cli, r.closed, day, sizeof day);
		printf("risk %s \"", sid);
		put_text(r.title);
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
		today_iso(cli, r.closed);
	}
	if ((rc = store_risk_update(cli->st, &r)) || (rc = store_commit(cli->st))) {
		rc = cli_store_error(cli, rc);
		goto fail;
	}
	printf("%s risk %s \"", until ? "accepted" : "closed", sid);
	put_text(r.title);
	if (until) {
		cli_format_day(cli, until, day, sizeof day);
		printf("\" until %s\n", day);
	} else {
		printf("\"\n");
	}
	risk_free(&r);
	return 0;
fail:
	store_rollback(cli->st);
	risk_free(&r);
	return rc;
}

static int risk_close(struct cli *cli, int argc, char **argv)
{
	int rc = plain_args(argc, argv);
	if (rc)
		return rc < 0 ? usage_help() : rc;
	if (argc - optind != 1)
		return cli_usage_error(CMD, "risk close needs one ID");
	return risk_set_status(cli, argv[optind], NULL);
}

static int risk_accept(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{"until", required_argument, NULL, OPT_UNTIL},
		{"help", no_argument, NULL, 'h'},
		{0, 0, 0, 0},
	};
	char until[DAY_LEN] = "";
	int c, rc;
	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		switch (c) {
		case OPT_UNTIL:
			if ((rc = cli_parse_day(cli, "--until", optarg, until)))
				return rc;
			break;
		case 'h':
			return usage_help();
		default:
			return opt_error(c, argv);
		}
	}
	if (argc - optind != 1)
		return cli_usage_error(CMD, "risk accept needs one ID");
	if (!*until)
		return cli_usage_error(CMD,
		                       "risk accept needs --until DAY (when the acceptance ends)");
	char today[DAY_LEN];
	today_iso(cli, today);
	if (strcmp(until, today) <= 0)
		return cli_error(
		    EX_DATAERR,
		    "--until: %s is not in the future (an acceptance must end after today)", until);
	return risk_set_status(cli, argv[optind], until);
}

static const struct {
	const char *name;
	int (*run)(struct cli *cli, int argc, char **argv);
} subcommands[] = {
	{"add", risk_add},
	{"list", risk_list},
	{"show", risk_show},
	{"edit", risk_edit},
	{"close", risk_close},
	{"accept", risk_accept},
};

static int run(struct cli *cli, int argc, char **argv)
{
	if (argc < 2)
		return risk_list(cli, argc, argv);
	if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help"))
		return usage_help();
	for (size_t i = 0; i < sizeof subcommands / sizeof *subcommands; i++)
		if (!strcmp(argv[1], subcommands[i].name))
			return subcommands[i].run(cli, argc - 1, argv + 1);
	if (argv[1][0] == '-')
		return risk_list(cli, argc, argv);
	return cli_usage_error(
	    CMD, "unknown subcommand \"%s\" (expected add, list, show, edit, close or accept)",
	    argv[1]);
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
