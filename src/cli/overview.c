/*
 * overview.c: `cxo overview`, the portfolio at a glance, and `cxo
 * status`, one cheap line for a shell prompt or a tmux status line.
 */
#include "internal.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "cxo/clock.h"
#include "cxo/duration.h"
#include "cxo/pace.h"
#include "cxo/risk.h"
#include "cxo/rules.h"
#include "cxo/text.h"

/* The status line's database wait: a status bar must never hang. */
#define STATUS_BUSY_MS 100
#define STATUS_DEFAULT_FORMAT "%c%t%! | %h/%b | %o overdue"
#define STATUS_PLACEHOLDER "cxo: -"
/* The SQLite steps the line may take (store_budget): thousands of times
 * what it takes on the large generated portfolio, a fraction of a second. */
#define STATUS_STEPS (5ULL * 1000 * 1000)

/* Hours as a bare number: 870 -> "14.5" (or "14:30"), 1200 -> "20". */
static void hours_number(enum hours_style style, long minutes, char *buf, size_t n)
{
	duration_format_as(minutes, style, DURATION_NO_UNIT, buf, n);
}

static enum cell_color pace_color(enum pace_level level)
{
	switch (level) {
	case PACE_OVER:
		return CC_RED;
	case PACE_WARNING:
		return CC_YELLOW;
	case PACE_BEHIND:
		return CC_CYAN;
	case PACE_OK:
		break;
	}
	return CC_GREEN;
}

/* The overview's short word: "warn" keeps the column narrow. */
static const char *pace_short_name(enum pace_level level)
{
	return level == PACE_WARNING ? "warn" : pace_level_name(level);
}

/* ---- overview ---- */

/* machine: TSV and JSON, the same fields (minutes, ISO days, true or
 * false); the table for people. */
static void overview_columns(struct table *t, bool machine)
{
	table_column(t, "", "current", COL_BOOL);
	table_column(t, "KEY", "key", COL_TEXT);
	table_column(t, "NAME", "name", COL_TEXT);
	table_column(t, "ROLE", "role", COL_TEXT);
	if (machine) {
		table_column(t, "MINUTES", "month_minutes", COL_INT);
		table_column(t, "BUDGET", "budget_minutes", COL_INT);
		table_column(t, "EXPECTED", "expected_minutes", COL_INT);
		table_column(t, "PROJECTED", "projected_minutes", COL_INT);
		table_column(t, "PERCENT", "percent_used", COL_INT);
		table_column(t, "PACE", "pace", COL_TEXT);
	} else {
		table_column(t, "HOURS", "hours", COL_NUM);
		table_column(t, "PACE", "pace", COL_TEXT);
	}
	table_column(t, "RISKS", "open_risks", COL_INT);
	table_column(t, "TOP", "top_score", COL_INT);
	table_column(t, "OVERDUE", "overdue", COL_INT);
	table_column(t, "DUE 7D", "due_week", COL_INT);
	table_column(t, "NOTICE", "next_notice", COL_TEXT);
	if (machine)
		table_column(t, "NOTICES SOON", "notices_soon", COL_INT);
	table_column(t, "LAST", "last_activity", COL_TEXT);
}

/* The next notice deadline of a running contract: "in 12d", in yellow
 * within VENDOR_NOTICE_SOON_DAYS; the day and the count for machines. */
static void notice_cells(const struct cxo_app *app, struct table *t, const struct client_summary *s,
                         bool machine)
{
	char buf[32];
	cxo_day d;
	if (machine) {
		table_cell(t, s->next_notice);
		table_cell_long(t, s->notices_soon);
	} else if (!*s->next_notice || !date_parse_iso(s->next_notice, &d)) {
		table_cell(t, "-");
	} else {
		date_relative(d, app->today, buf, sizeof buf);
		table_cell_color(t, buf, s->notices_soon > 0 ? CC_YELLOW : CC_NONE);
	}
}

static void overview_row(const struct cxo_app *app, struct table *t, const struct client_summary *s,
                         const struct pace *pace, bool current, bool machine)
{
	const struct client *c = &s->client;
	const struct pace p = *pace;
	char buf[96], used[32], budget[32];

	table_row(t);
	table_cell(t, machine ? (current ? "1" : "0") : (current ? "*" : ""));
	table_cell(t, c->key);
	table_cell(t, c->name);
	table_cell(t, c->role);
	if (machine) {
		table_cell_long(t, s->month_minutes);
		table_cell_long(t, c->budget_minutes);
		table_cell_long(t, p.expected_minutes);
		table_cell_long(t, p.projected_minutes);
		table_cell_long(t, p.percent_used);
		table_cell(t, c->budget_minutes ? pace_level_name(p.level) : "");
	} else {
		hours_number(app->cfg.hours_style, s->month_minutes, used, sizeof used);
		if (c->budget_minutes) {
			hours_number(app->cfg.hours_style, c->budget_minutes, budget,
			             sizeof budget);
			table_cellf(t, "%s/%s%s", used, budget,
			            app->cfg.hours_style == HOURS_DECIMAL ? "h" : "");
			snprintf(buf, sizeof buf, "%d%% %s", p.percent_used,
			         pace_short_name(p.level));
			table_cell_color(t, buf, pace_color(p.level));
		} else {
			cli_format_hours(app, s->month_minutes, buf, sizeof buf);
			table_cell(t, buf);
			table_cell(t, "-");
		}
	}
	table_cell_long(t, s->open_risks);
	if (s->top_score > 0) {
		snprintf(buf, sizeof buf, "%d", s->top_score);
		enum risk_level level = risk_level_of(s->top_score, &app->cfg.thresholds);
		table_cell_color(t, buf, machine ? CC_NONE : cli_risk_level_color(level));
	} else {
		table_cell(t, machine ? "" : "-");
	}
	snprintf(buf, sizeof buf, "%d", s->overdue);
	table_cell_color(t, buf, s->overdue > 0 ? CC_RED : CC_NONE);
	snprintf(buf, sizeof buf, "%d", s->due_week);
	table_cell_color(t, buf, s->due_week > 0 ? CC_YELLOW : CC_NONE);
	notice_cells(app, t, s, machine);
	cxo_day d;
	if (machine || !*s->last_activity || !date_parse_iso(s->last_activity, &d)) {
		table_cell(t, machine ? s->last_activity : "-");
	} else {
		date_ago(d, app->today, buf, sizeof buf);
		table_cell(t, buf);
	}
}

/* The personal side: is the portfolio more than one person can carry?
 * Both totals add up the rows above them ("1h (1:00 exactly)" when the
 * rows as shown do not). */
static void capacity_line(const struct cxo_app *app, const struct portfolio *p)
{
	long budgets = p->budgets_total, logged = p->used_total, shown_b = 0, shown_l = 0;
	char a[64], b[32], c[64];
	for (size_t i = 0; i < p->sums.n; i++) {
		shown_b += duration_hundredths(p->sums.items[i].client.budget_minutes);
		shown_l += duration_hundredths(p->sums.items[i].month_minutes);
	}
	duration_format_total(budgets, shown_b, app->cfg.hours_style, 0, a, sizeof a);
	duration_format_total(logged, shown_l, app->cfg.hours_style, 0, c, sizeof c);
	char more[96] = "";
	if (p->unlisted_minutes > 0) {
		char h[32];
		cli_format_hours(app, p->unlisted_minutes, h, sizeof h);
		snprintf(more, sizeof more, ", and %s for paused or ended clients", h);
	}
	if (app->cfg.capacity_minutes > 0) {
		cli_format_hours(app, app->cfg.capacity_minutes, b, sizeof b);
		long pct = budgets * 100 / app->cfg.capacity_minutes;
		printf("\ncapacity: %s budgeted of %s a month (%ld%%%s); %s logged this month%s\n",
		       a, b, pct, budgets > app->cfg.capacity_minutes ? ", over capacity" : "", c,
		       more);
	} else {
		printf("\ncapacity: %s budgeted a month; %s logged this month%s\n", a, c, more);
	}
}

static int overview_run(struct cli_call *call)
{
	struct cxo_app *app = call->app;
	const struct cli_value *format = cli_opt(call, "format");
	enum output_format fmt = format ? format->num : FORMAT_TABLE;
	int rc;

	/* The marker is a courtesy: a stale .cxo-client must not hide the
	 * portfolio (app_client_optional has said what is wrong). */
	struct client cur = { 0 };
	bool found = false;
	if (app_client_optional(app, &cur, &found))
		found = false;

	struct portfolio p = { 0 };
	struct table *t = NULL;
	if ((rc = app_portfolio_load(app, false, &p))) {
		rc = rc == EX_OSERR ? app_error(rc, "out of memory") : app_store_error(app, rc);
		goto out;
	}
	const struct summary_list l = p.sums;
	if (fmt == FORMAT_TABLE && !l.n) {
		printf("no active clients: add one with 'cxo client add KEY --name NAME',\n"
		       "or try the sample portfolio: cxo -d /tmp/demo.db init --sample\n");
		goto out;
	}
	if (!(t = table_new(fmt, app->color))) {
		rc = app_error(EX_OSERR, "out of memory");
		goto out;
	}
	overview_columns(t, fmt != FORMAT_TABLE);
	for (size_t i = 0; i < l.n; i++)
		overview_row(app, t, &l.items[i], &p.paces[i],
		             found && !strcmp(l.items[i].client.id, cur.id), fmt != FORMAT_TABLE);
	if ((rc = table_print(t, stdout)))
		goto out;
	if (fmt == FORMAT_TABLE)
		capacity_line(app, &p);
out:
	table_free(t);
	portfolio_free(&p);
	client_free(&cur);
	return rc;
}

static const struct cli_option overview_opts[] = {
	{ .name = "format",
	  .arg = "table|tsv|json",
	  .kind = VAL_FORMAT,
	  .help = "the output format" },
	{ .name = NULL },
};

const struct cli_command cli_overview = {
	.name = "overview",
	.synopsis = "[--format table|tsv|json]",
	.summary = "the portfolio: hours, pace, risks and actions per client",
	.help = "  One row per active client ('*' marks the current one): role, hours this\n"
	        "  month against the budget, pace (percent used; ok, warn, over or behind),\n"
	        "  open risks and the top score, overdue actions, actions due within 7 days,\n"
	        "  last activity; then the budgets against your monthly capacity.",
	.opts = overview_opts,
	.flags = CMD_READ,
	.run = overview_run,
};

/* ---- status ---- */

/* What a status format asks for, so only those queries run. */
struct status_needs {
	bool client, timer, sum, overdue_all, overdue_client;
};

static bool status_format_valid(const char *fmt, struct status_needs *need, char *bad)
{
	memset(need, 0, sizeof *need);
	for (const char *p = fmt; *p; p++) {
		if (*p != '%')
			continue;
		*bad = *++p;
		switch (*p) {
		case 'c':
		case 'C':
		case 'b':
			need->client = true;
			break;
		case 'h':
		case 'p':
		case 'e':
		case 'P':
			need->client = need->sum = true;
			break;
		case 't':
			need->client = need->timer = true;
			break;
		case 'T':
		case '!':
			need->timer = true;
			break;
		case 'o':
			need->overdue_all = true;
			break;
		case 'O':
			need->client = need->overdue_client = true;
			break;
		case '%':
			break;
		default:
			return false;
		}
	}
	return true;
}

struct status_out {
	char buf[1024];
	size_t len;
	bool tmux, ascii;
};

static void out_raw(struct status_out *o, const char *s)
{
	size_t n = strlen(s);
	if (n > sizeof o->buf - 1 - o->len)
		n = sizeof o->buf - 1 - o->len;
	memcpy(o->buf + o->len, s, n);
	o->len += n;
	o->buf[o->len] = '\0';
}

/* A value from the database: sanitised, ASCII-only with --ascii, '#'
 * doubled for tmux. */
static void out_value(struct status_out *o, const char *s)
{
	char ascii[512];
	if (o->ascii) {
		text_fit(s, 160, false, ascii, sizeof ascii);
		s = ascii;
	}
	char *clean = o->tmux ? text_tmux_escape(s) : text_sanitize(s);
	if (clean)
		out_raw(o, clean);
	free(clean);
}

static void elapsed_text(const struct cxo_app *app, const struct timer *tm, char *buf, size_t n)
{
	duration_format(timer_elapsed_minutes(tm, app->now), HOURS_CLOCK, buf, n);
}

/* Everything the placeholders draw on. */
struct status_data {
	bool have_client, have_timer, have_sum;
	struct client client;
	struct timer timer;
	struct pace pace;
	int overdue_all, overdue_client;
};

static int status_collect(struct cxo_app *app, const struct status_needs *need,
                          struct status_data *d)
{
	char today[DAY_LEN];
	app_today_iso(app, today);
	if (need->client && app_client_optional(app, &d->client, &d->have_client))
		return -1;
	if (need->timer) {
		int rc = store_timer_get(app->st, &d->timer);
		if (rc && rc != EX_NOINPUT)
			return -1;
		d->have_timer = rc == 0;
	}
	if (need->sum && d->have_client) {
		int y, m;
		char from[DAY_LEN], to[DAY_LEN];
		struct hours_sum sum;
		date_month_iso(app->today, &y, &m, from, to);
		if (store_entry_sum(app->st, d->client.id, from, to, &sum))
			return -1;
		hours_pace(&app->cfg, d->client.budget_minutes, sum.minutes, app->today, &d->pace);
		d->have_sum = true;
	}
	if (need->overdue_all && store_action_count_overdue(app->st, NULL, today, &d->overdue_all))
		return -1;
	if (need->overdue_client && d->have_client &&
	    store_action_count_overdue(app->st, d->client.id, today, &d->overdue_client))
		return -1;
	return 0;
}

static void status_render(const struct cxo_app *app, const char *fmt, const struct status_data *d,
                          struct status_out *o)
{
	enum hours_style hs = app->cfg.hours_style;
	char buf[160], lit[2] = "";
	for (const char *p = fmt; *p; p++) {
		if (*p != '%') {
			/* One line whatever the format holds. */
			lit[0] = *p == '\n' || *p == '\r' || *p == '\t' ? ' ' : *p;
			out_raw(o, lit);
			continue;
		}
		buf[0] = '\0';
		switch (*++p) {
		case 'c':
			out_value(o, d->have_client ? d->client.key : "-");
			continue;
		case 'C':
			out_value(o, d->have_client && d->client.name ? d->client.name : "-");
			continue;
		case 't':
			if (d->have_timer) {
				char el[32];
				elapsed_text(app, &d->timer, el, sizeof el);
				out_raw(o, o->ascii ? " T " : " \xe2\x8f\xb1 ");
				if (!d->have_client ||
				    strcmp(d->client.id, d->timer.client_id) != 0) {
					out_value(o, d->timer.client_key);
					out_raw(o, " ");
				}
				out_raw(o, el);
			}
			continue;
		case 'T':
			if (d->have_timer)
				elapsed_text(app, &d->timer, buf, sizeof buf);
			break;
		case '!':
			if (d->have_timer && timer_is_forgotten(&d->timer, app->now, app->today,
			                                        app->cfg.timer_limit_minutes))
				snprintf(buf, sizeof buf, "!");
			break;
		case 'h':
			if (d->have_sum)
				hours_number(hs, d->pace.used_minutes, buf, sizeof buf);
			else
				snprintf(buf, sizeof buf, "-");
			break;
		case 'b':
			if (d->have_client && d->client.budget_minutes > 0) {
				hours_number(hs, d->client.budget_minutes, buf, sizeof buf);
				if (hs == HOURS_DECIMAL)
					strcat(buf, "h");
			} else {
				snprintf(buf, sizeof buf, "-");
			}
			break;
		case 'p':
			if (d->have_sum && d->client.budget_minutes > 0)
				snprintf(buf, sizeof buf, "%d", d->pace.percent_used);
			else
				snprintf(buf, sizeof buf, "-");
			break;
		case 'e':
			if (d->have_sum && d->client.budget_minutes > 0)
				hours_number(hs, d->pace.expected_minutes, buf, sizeof buf);
			else
				snprintf(buf, sizeof buf, "-");
			break;
		case 'P':
			snprintf(buf, sizeof buf, "%s",
			         d->have_sum ? pace_level_name(d->pace.level) : "-");
			break;
		case 'o':
			snprintf(buf, sizeof buf, "%d", d->overdue_all);
			break;
		case 'O':
			if (d->have_client)
				snprintf(buf, sizeof buf, "%d", d->overdue_client);
			else
				snprintf(buf, sizeof buf, "-");
			break;
		case '%':
			snprintf(buf, sizeof buf, "%%");
			break;
		default: /* validated before */
			p--;
			continue;
		}
		out_value(o, buf);
	}
}

bool cli_status_format_valid(const char *fmt, char *bad)
{
	struct status_needs need;
	*bad = 0;
	return status_format_valid(fmt, &need, bad);
}

static int status_check(struct cli_call *c)
{
	const char *fmt = cli_text(c, "format");
	struct status_needs need;
	char bad = 0;
	if (!fmt || status_format_valid(fmt, &need, &bad))
		return 0;
	if (!bad)
		return cli_usage(c,
		                 "--format: a lone '%%' at the end of \"%s\" (write %%%% for a "
		                 "percent sign)",
		                 fmt);
	return cli_usage(c,
	                 "--format: unknown placeholder \"%%%c\" in \"%s\" (see 'cxo help status')",
	                 bad, fmt);
}

static int status_run(struct cli_call *call)
{
	struct cxo_app *app = call->app;
	const char *fmt = cli_text(call, "format");
	struct status_out o = { .tmux = cli_flag(call, "tmux"), .ascii = cli_flag(call, "ascii") };
	struct status_needs need;
	char bad = 0;
	if (!fmt)
		fmt = STATUS_DEFAULT_FORMAT;
	status_format_valid(fmt, &need, &bad);

	/* A status bar shows whatever is printed: from here on, one line on
	 * stdout and nothing on stderr, whatever happens. */
	fflush(stderr);
	int saved = dup(STDERR_FILENO);
	int null = open("/dev/null", O_WRONLY | O_CLOEXEC);
	if (null >= 0) {
		dup2(null, STDERR_FILENO);
		close(null);
	}

	struct status_data d;
	memset(&d, 0, sizeof d);
	bool ok = false;
	/* A settings file that cannot be read may name another database or
	 * other working days: a line from the defaults could mislead. */
	const char *path = app->config_rc ? NULL : app->db_path;
	if (path && !app->st) {
		char err[256];
		if (store_open(path, STORE_READ, STATUS_BUSY_MS, &app->st, NULL, err, sizeof err) ==
		    0)
			app->st_mode = STORE_READ;
	}
	/* Its few queries take a few thousand steps on any portfolio. */
	store_budget(app->st, STATUS_STEPS);
	if (app->st && status_collect(app, &need, &d) == 0) {
		status_render(app, fmt, &d, &o);
		ok = true;
	}
	puts(ok ? o.buf : STATUS_PLACEHOLDER);
	client_free(&d.client);
	timer_free(&d.timer);

	fflush(stderr);
	if (saved >= 0) {
		dup2(saved, STDERR_FILENO);
		close(saved);
	}
	return 0;
}

static const struct cli_option status_opts[] = {
	{ .name = "format", .arg = "FMT", .kind = VAL_TEXT, .help = "the line, with placeholders" },
	{ .name = "tmux", .help = "double '#' in values, for tmux" },
	{ .name = "ascii", .help = "ASCII only" },
	{ .name = NULL },
};

const struct cli_command cli_status = {
	.name = "status",
	.synopsis = "[--format FMT] [--tmux] [--ascii]",
	.summary = "one line for a shell prompt or tmux status bar",
	.help = "  One line for a shell prompt or a tmux status line; never waits more than\n"
	        "  0.1 s for the database and prints \"cxo: -\" when it cannot read it or\n"
	        "  the configuration file ('cxo doctor' says why).\n"
	        "  FMT (default \"%c%t%! | %h/%b | %o overdue\") may hold:\n"
	        "    %c  current client key (\"-\" when none)    %C  its name\n"
	        "    %t  running timer: \" \xe2\x8f\xb1 H:MM\", with the timer's client key when "
	        "it is\n"
	        "        not the current client; \"\" when no timer runs\n"
	        "    %T  timer elapsed H:MM (\"\" when none)    %!  \"!\" when the timer is\n"
	        "        forgotten (past the configured limit or started before today)\n"
	        "    %h  hours this month (14.5)              %b  monthly budget (20h)\n"
	        "    %p  percent of the budget used           %e  hours expected by today\n"
	        "    %P  pace: ok, warning, over or behind\n"
	        "    %o  overdue actions, all clients         %O  overdue, current client\n"
	        "    %%  a percent sign\n"
	        "  --tmux doubles '#' in values (tmux styles such as #[fg=red] in FMT stay);\n"
	        "  --ascii shows the timer as \"T\" and non-ASCII text as '?'.",
	.opts = status_opts,
	.flags = CMD_ANY_CONFIG, /* "cxo: -" when the settings file is bad */
	.check = status_check,
	.run = status_run, /* opens the database itself: never waits, never complains */
};
