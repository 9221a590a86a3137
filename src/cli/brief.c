/*
 * brief.c: `cxo brief [KEY]`: the briefing before a call with a client
 * (src/report/brief.c), on the terminal wrapped to its width, or as
 * Markdown or JSON.
 */
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sysexits.h>
#include <unistd.h>

#include "cxo/report.h"
#include "cxo/text.h"
#include "internal.h"

/* The terminal's columns when stdout is one, else 80. */
static int out_width(void)
{
	struct winsize ws;
	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 20)
		return ws.ws_col;
	return 80;
}

static int brief_check(struct cli_call *c)
{
	char err[256];
	if (c->argc && !client_key_valid(c->argv[0], err, sizeof err))
		return app_error(EX_DATAERR, "%s", err);
	const char *f = cli_text(c, "format");
	enum report_format fmt;
	if (f && (!report_format_parse(f, &fmt) ||
	          (fmt != REPORT_TEXT && fmt != REPORT_MD && fmt != REPORT_JSON)))
		return cli_usage(c, "bad --format \"%s\": expected text, md or json", f);
	return 0;
}

static int brief_run(struct cli_call *call)
{
	struct cxo_app *app = call->app;
	struct client c = { 0 };
	int rc = call->argc ? app_load_client(app, call->argv[0], &c) : app_client(app, &c);
	if (rc)
		return rc;

	struct report_request r;
	memset(&r, 0, sizeof r);
	r.kind = REPORT_BRIEF;
	r.format = REPORT_TEXT;
	const char *f = cli_text(call, "format");
	if (f)
		(void)report_format_parse(f, &r.format); /* checked by brief_check */
	r.client = &c;
	r.today = app->today;
	r.now = app->now;
	r.cfg = &app->cfg;
	r.width = out_width();
	const struct cli_value *since = cli_opt(call, "since");
	if (since) {
		cxo_day d;
		if (!date_parse_iso(since->day, &d)) {
			client_free(&c);
			return app_error(EX_DATAERR, "bad --since \"%s\": expected a day",
			                 since->text);
		}
		r.since = d;
		r.since_given = true;
	}
	char err[1024] = "";
	rc = report_write(app->st, &r, stdout, err, sizeof err);
	client_free(&c);
	if (rc)
		return app_error(rc, "%s", err[0] ? err : "cannot write the brief");
	return 0;
}

static const struct cli_option brief_opts[] = {
	{ .name = "since",
	  .arg = "DAY",
	  .kind = VAL_DAY,
	  .help = "changes from this day on (default: since you last worked on the client)" },
	{ .name = "format",
	  .arg = "text|md|json",
	  .kind = VAL_CHOICE,
	  .words = "text md json",
	  .help = "the output format (default text, wrapped to the terminal)" },
	{ .name = NULL },
};

const struct cli_command cli_brief = {
	.name = "brief",
	.synopsis = "[KEY] [--since DAY] [--format text|md|json]",
	.summary = "what to know before a call with a client",
	.help = "  Where you left off (the last note and entry), what changed since you last\n"
	        "  worked on the client (items added, edited, closed; hours logged), actions\n"
	        "  overdue and due within 7 days, what you wait for and for how long, risks\n"
	        "  to review, acceptances ending within 30 days, the top open risks, mandates\n"
	        "  due within 14 days, and this month's hours against the budget.  KEY\n"
	        "  defaults to the current client.",
	.opts = brief_opts,
	.operands = "[KEY]",
	.flags = CMD_READ,
	.check = brief_check,
	.run = brief_run,
};
