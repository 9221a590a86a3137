/*
 * report.c: `cxo report hours|risks|board|week`: the documents, for the
 * client (or every client), a period, in Markdown, HTML, JSON or (hours)
 * CSV, on stdout or into a file that is never overwritten without
 * --force.  The options are read and checked before the database is
 * opened; the documents themselves are src/report's.
 */
#include "internal.h"

#include <string.h>
#include <strings.h>
#include <sysexits.h>

#include "cxo/report.h"

/* The format --output's name implies: md unless it ends in a known one. */
static enum report_format format_of_path(const char *path)
{
	const char *dot = cli_path_extension(path);
	if (!strcasecmp(dot, "html") || !strcasecmp(dot, "htm"))
		return REPORT_HTML;
	if (!strcasecmp(dot, "json"))
		return REPORT_JSON;
	if (!strcasecmp(dot, "csv"))
		return REPORT_CSV;
	return REPORT_MD;
}

static int read_format(struct cli_call *c, enum report_kind kind, enum report_format *out)
{
	const char *word = cli_text(c, "format");
	const char *path = cli_text(c, "output");
	const char *accepted = kind == REPORT_HOURS ? "md, html, json or csv" : "md, html or json";
	enum report_format f = REPORT_MD;
	if (word) {
		if (!report_format_parse(word, &f) || f == REPORT_TEXT)
			return cli_usage(c, "--format: unknown format \"%s\" (expected %s)", word,
			                 accepted);
	} else if (path) {
		f = format_of_path(path);
	}
	if (f == REPORT_CSV && kind != REPORT_HOURS)
		return cli_usage(c, "--format: %s has no csv form (expected %s)", c->path,
		                 accepted);
	*out = f;
	return 0;
}

/* The period: --month, or --from [--to] (inclusive), or this month. */
static int read_period(struct cli_call *c, struct report_request *r)
{
	struct cxo_app *app = c->app;
	const char *month = cli_text(c, "month");
	const struct cli_value *from = cli_opt(c, "from"), *to = cli_opt(c, "to");
	char err[256];
	int rc;
	if (month && (from || to))
		return cli_usage(c, "choose --month %s or --from/--to, not both", month);
	if (to && !from)
		return cli_usage(c, "--to %s needs --from", to->day);
	if (from) {
		cxo_day a = 0, b = app->today;
		date_parse_iso(from->day, &a);
		if (to)
			date_parse_iso(to->day, &b);
		if (b < a) {
			char last[DAY_LEN];
			date_format_iso(b, last);
			return cli_usage(c, "--to %s is before --from %s", last, from->day);
		}
		r->from = a;
		r->to = b + 1;
		r->whole_month = false;
		return 0;
	}
	if ((rc = report_period_month(month ? month : "this", app->today, &r->from, &r->to, err,
	                              sizeof err)))
		return rc == EX_USAGE ? cli_usage(c, "--month: %s", err) : app_error(rc, "%s", err);
	r->whole_month = true;
	return 0;
}

static int read_group(struct cli_call *c, enum report_group *out)
{
	const char *word = cli_text(c, "group");
	*out = REPORT_BY_DAY;
	if (!word || !strcmp(word, "day"))
		return 0;
	if (!strcmp(word, "week"))
		*out = REPORT_BY_WEEK;
	else if (!strcmp(word, "mandate"))
		*out = REPORT_BY_MANDATE;
	else
		return cli_usage(c,
		                 "--group: unknown grouping \"%s\" (expected mandate, week or day)",
		                 word);
	return 0;
}

/* The request the options make; the client is the call's (run only). */
static int build(struct cli_call *c, enum report_kind kind, struct report_request *r)
{
	struct cxo_app *app = c->app;
	int rc;
	memset(r, 0, sizeof *r);
	r->kind = kind;
	r->today = app->today;
	r->now = app->now;
	r->cfg = &app->cfg;
	r->all_clients = cli_flag(c, "all-clients");
	r->shared_notes = true;
	if (cli_flag(c, "force") && !cli_text(c, "output"))
		return cli_usage(c, "--force only applies to --output FILE");
	if ((rc = read_format(c, kind, &r->format)))
		return rc;
	if (kind == REPORT_WEEK) {
		const char *week = cli_text(c, "week");
		char err[256];
		rc = report_period_week(week ? week : "this", app->today, app->cfg.week_start,
		                        &r->from, &r->to, err, sizeof err);
		if (rc)
			return rc == EX_USAGE ? cli_usage(c, "--week: %s", err)
			                      : app_error(rc, "%s", err);
		return 0;
	}
	if ((rc = read_period(c, r)))
		return rc;
	if (kind == REPORT_HOURS)
		rc = read_group(c, &r->group);
	return rc;
}

static int report_check(struct cli_call *c, enum report_kind kind)
{
	struct report_request r;
	return build(c, kind, &r);
}

static int report_run(struct cli_call *c, enum report_kind kind)
{
	struct report_request r;
	char err[512] = "";
	int rc = build(c, kind, &r);
	if (rc)
		return rc;
	if (!r.all_clients)
		r.client = &c->client;
	const char *path = cli_text(c, "output");
	if (path)
		rc = report_write_file(c->app->st, &r, path, cli_flag(c, "force"), err, sizeof err);
	else
		rc = report_write(c->app->st, &r, stdout, err, sizeof err);
	if (rc)
		return app_error(rc, "%s: %s", c->path, *err ? err : "cannot write the document");
	if (path)
		fprintf(stderr, "cxo: wrote %s\n", path);
	return 0;
}

static int hours_check(struct cli_call *c)
{
	return report_check(c, REPORT_HOURS);
}
static int hours_run(struct cli_call *c)
{
	return report_run(c, REPORT_HOURS);
}
static int risks_check(struct cli_call *c)
{
	return report_check(c, REPORT_RISKS);
}
static int risks_run(struct cli_call *c)
{
	return report_run(c, REPORT_RISKS);
}
static int board_check(struct cli_call *c)
{
	return report_check(c, REPORT_BOARD);
}
static int board_run(struct cli_call *c)
{
	return report_run(c, REPORT_BOARD);
}
static int week_check(struct cli_call *c)
{
	return report_check(c, REPORT_WEEK);
}
static int week_run(struct cli_call *c)
{
	return report_run(c, REPORT_WEEK);
}

/* ---- the table ---- */

#define OPT_ALL_CLIENTS                                                                            \
	{                                                                                          \
		.name = "all-clients", .help = "every active or paused client, a section each"     \
	}
#define OPT_MONTH                                                                                  \
	{                                                                                          \
		.name = "month", .arg = "YYYY-MM|this|last", .kind = VAL_TEXT,                     \
		.words = "this last", .help = "the calendar month (default this month)"            \
	}
#define OPT_FROM                                                                                   \
	{                                                                                          \
		.name = "from", .arg = "DAY", .kind = VAL_DAY, .help = "the days from DAY ..."     \
	}
#define OPT_TO                                                                                     \
	{                                                                                          \
		.name = "to", .arg = "DAY", .kind = VAL_DAY, .help = "... to DAY (default today)"  \
	}
#define OPT_OUTPUT                                                                                 \
	{                                                                                          \
		.name = "output", .letter = 'o', .arg = "FILE", .kind = VAL_FILE,                  \
		.help = "write into FILE (never over an existing one) instead of stdout"           \
	}
#define OPT_FORCE                                                                                  \
	{                                                                                          \
		.name = "force", .help = "with --output: replace an existing FILE"                 \
	}
#define OPT_FORMAT(words_)                                                                         \
	{                                                                                          \
		.name = "format", .arg = words_, .kind = VAL_TEXT, .words = "md html json",        \
		.help = "the format (default: from FILE's extension, else md)"                     \
	}

static const struct cli_option hours_opts[] = {
	OPT_ALL_CLIENTS,
	OPT_MONTH,
	OPT_FROM,
	OPT_TO,
	OPT_OUTPUT,
	OPT_FORCE,
	{ .name = "format",
	  .arg = "md|html|json|csv",
	  .kind = VAL_TEXT,
	  .words = "md html json csv",
	  .help = "the format (default: from FILE's extension, else md)" },
	{ .name = "group",
	  .arg = "mandate|week|day",
	  .kind = VAL_TEXT,
	  .words = "mandate week day",
	  .help = "subtotals by mandate, ISO week or day (default day)" },
	{ .name = NULL },
};

static const struct cli_option period_opts[] = {
	OPT_ALL_CLIENTS,
	OPT_MONTH,
	OPT_FROM,
	OPT_TO,
	OPT_OUTPUT,
	OPT_FORCE,
	OPT_FORMAT("md|html|json"),
	{ .name = NULL },
};

static const struct cli_option week_opts[] = {
	OPT_ALL_CLIENTS,
	{ .name = "week",
	  .arg = "this|last|DAY",
	  .kind = VAL_TEXT,
	  .words = "this last",
	  .help = "the week holding DAY (default this week)" },
	OPT_OUTPUT,
	OPT_FORCE,
	OPT_FORMAT("md|html|json"),
	{ .name = NULL },
};

#define PERIOD_SYNOPSIS                                                                            \
	"[--all-clients] [--month YYYY-MM|this|last] [--from DAY] [--to DAY] [--output FILE] "     \
	"[--force] "

static const struct cli_command report_hours_entry = {
	.name = "hours",
	.synopsis = PERIOD_SYNOPSIS "[--format md|html|json|csv] [--group mandate|week|day]",
	.summary = "the hours statement of a month or period, for an invoice",
	.help = "The client's legal name and engagement, the entries by date with their\n"
	        "notes and mandates, billable and non-billable totals, the budget and the\n"
	        "difference, the rollover, the amount at the client's rate, and the lock.",
	.opts = hours_opts,
	.flags = CMD_READ | CMD_CLIENT,
	.check = hours_check,
	.run = hours_run,
};

static const struct cli_command report_risks_entry = {
	.name = "risks",
	.synopsis = PERIOD_SYNOPSIS "[--format md|html|json]",
	.summary = "the risk summary for the board",
	.opts = period_opts,
	.flags = CMD_READ | CMD_CLIENT,
	.check = risks_check,
	.run = risks_run,
};

static const struct cli_command report_board_entry = {
	.name = "board",
	.synopsis = PERIOD_SYNOPSIS "[--format md|html|json]",
	.summary = "the one-page client pack",
	.opts = period_opts,
	.flags = CMD_READ | CMD_CLIENT,
	.check = board_check,
	.run = board_run,
};

static const struct cli_command report_week_entry = {
	.name = "week",
	.synopsis = "[--all-clients] [--week this|last|DAY] [--output FILE] [--force] "
	            "[--format md|html|json]",
	.summary = "the weekly update to the client, ready to paste into an email",
	.opts = week_opts,
	.flags = CMD_READ | CMD_CLIENT,
	.check = week_check,
	.run = week_run,
};

static const struct cli_command *const report_subs[] = { &report_hours_entry, &report_risks_entry,
	                                                 &report_board_entry, &report_week_entry,
	                                                 NULL };

const struct cli_command cli_report = {
	.name = "report",
	.summary = "documents: hours statement, risk summary, board pack, weekly update",
	.help = "  Only its whole name runs it: r stays risk.",
	.flags = CMD_WHOLE_NAME, /* r and re stay risk and nothing */
	.subs = report_subs,
};
