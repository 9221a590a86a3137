/*
 * risk_list.c: `cxo risk list`, the register as a table (or TSV, JSON):
 * scores coloured by level, reviews that are due marked.  The rest of
 * `cxo risk` is in risk.c, which dispatches here.
 */
#include "internal.h"

#include <string.h>
#include <sysexits.h>

#include "cxo/risk.h"
#include "cxo/rules.h"

static void residual_text(const struct risk *r, char *buf, size_t n)
{
	int s = risk_score(r->residual_likelihood, r->residual_impact);
	if (s)
		snprintf(buf, n, "%dx%d=%d", r->residual_likelihood, r->residual_impact, s);
	else
		snprintf(buf, n, "-");
}

static int risk_list(struct cli_call *call)
{
	struct cxo_app *app = call->app;
	const struct cli_value *format = cli_opt(call, "format"), *min = cli_opt(call, "min-score");
	enum output_format fmt = format ? format->num : FORMAT_TABLE;
	bool all = cli_flag(call, "all"), due_review = cli_flag(call, "due-review"),
	     all_clients = cli_flag(call, "all-clients");
	long min_score = min ? min->num : 0;
	const struct client cl = call->client;
	int rc;

	char today[DAY_LEN];
	app_today_iso(app, today);
	struct risk_filter f = {
		.client_id = all_clients ? NULL : cl.id,
		.include_closed = all,
		.min_score = (int)min_score,
		.review_by = due_review ? today : NULL,
	};
	struct risk_list l = { 0 };
	struct table *t = NULL;
	if ((rc = store_risk_list(app->st, &f, &l))) {
		rc = app_store_error(app, rc);
		goto out;
	}
	if (!(t = table_new(fmt, app->color))) {
		rc = app_error(EX_OSERR, "out of memory");
		goto out;
	}
	/* TSV carries JSON's fields: numbers apart, ISO days, true or false. */
	bool machine = fmt != FORMAT_TABLE;
	if (all_clients)
		table_column(t, "CLIENT", "client", COL_TEXT);
	table_column(t, "ID", "id", COL_TEXT);
	table_column(t, "SCORE", "score", COL_INT);
	table_column(t, "LEVEL", "level", COL_TEXT);
	table_column(t, "L", "likelihood", COL_INT);
	table_column(t, "I", "impact", COL_INT);
	if (machine) {
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
	if (machine) {
		table_column(t, "TREATMENT", "treatment", COL_TEXT);
		table_column(t, "DUE", "review_due", COL_BOOL);
		table_column(t, "ACCEPTED", "accepted_until", COL_TEXT);
		table_column(t, "OPENED", "opened", COL_TEXT);
		table_column(t, "CLOSED", "closed", COL_TEXT);
	}
	for (size_t i = 0; i < l.n; i++) {
		const struct risk *r = &l.items[i];
		int score = risk_score(r->likelihood, r->impact);
		enum risk_level level = risk_level_of(score, &app->cfg.thresholds);
		bool due = risk_review_due(r, app->today);
		char buf[128];
		table_row(t);
		if (all_clients)
			table_cell(t, r->client_key);
		table_cell_id(t, r->id);
		snprintf(buf, sizeof buf, "%d", score);
		table_cell_color(t, buf, cli_risk_level_color(level));
		table_cell_color(t, risk_level_name(level), cli_risk_level_color(level));
		table_cell_long(t, r->likelihood);
		table_cell_long(t, r->impact);
		if (machine) {
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
		if (fmt == FORMAT_TABLE && *r->accepted_until) {
			/* A lapsed acceptance (kept as it was) stands out. */
			char day[64];
			cxo_day until;
			bool lapsed =
			        date_parse_iso(r->accepted_until, &until) && until <= app->today;
			cli_format_day(app, r->accepted_until, day, sizeof day);
			snprintf(buf, sizeof buf, "%s until %s", r->status, day);
			table_cell_color(t, buf, lapsed ? CC_YELLOW : CC_NONE);
		} else {
			table_cell(t, r->status);
		}
		if (machine) {
			table_cell(t, r->review);
			table_cell(t, r->treatment);
			table_cell(t, due ? "1" : "0");
			table_cell(t, r->accepted_until);
			table_cell(t, r->opened);
			table_cell(t, r->closed);
		} else {
			char day[64];
			cli_format_day(app, r->review, day, sizeof day);
			if (due) {
				snprintf(buf, sizeof buf, "%s !", day);
				table_cell_color(t, buf, CC_YELLOW);
			} else {
				table_cell(t, day);
			}
			if (fmt == FORMAT_TSV)
				table_cell(t, r->accepted_until);
		}
	}
	if (fmt == FORMAT_TABLE && !l.n)
		printf("no %srisks%s\n", all ? "" : "open ",
		       due_review  ? " due for review"
		       : min_score ? " at that score"
		                   : "");
	else
		rc = table_print(t, stdout);
out:
	table_free(t);
	risk_list_free(&l);
	return rc;
}

static const struct cli_option list_opts[] = {
	{ .name = "all", .help = "the closed ones too" },
	{ .name = "min-score",
	  .arg = "N",
	  .kind = VAL_NUMBER,
	  .lo = 1,
	  .hi = 25,
	  .help = "those scoring N (1 to 25) or more" },
	{ .name = "due-review", .help = "those whose review day has come" },
	{ .name = "all-clients", .help = "every client's, with a CLIENT column" },
	{ .name = "format",
	  .arg = "table|tsv|json",
	  .kind = VAL_FORMAT,
	  .help = "the output format" },
	{ .name = NULL },
};

const struct cli_command cli_risk_list = {
	.name = "list",
	.synopsis =
	        "[--all] [--min-score N] [--due-review] [--all-clients] [--format table|tsv|json]",
	.summary = "the register, highest score first; reviews that are due marked !",
	.help = "  An accepted risk's status says until when (\"accepted until 2027-03-31\");\n"
	        "  TSV gives that day in a last column, accepted_until, JSON in a field.",
	.opts = list_opts,
	.flags = CMD_READ | CMD_CLIENT,
	.run = risk_list,
};
