/*
 * hours.c: `cxo log` adds a time entry; `cxo hours` lists a period's
 * entries with the total against the monthly budget and the pace, and
 * `hours edit|rm` correct them.  Only the period's range is ever read, so
 * the cost does not grow with years of history.
 */
#include "internal.h"

#include <jansson.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "cxo/duration.h"
#include "cxo/money.h"
#include "cxo/pace.h"
#include "cxo/rules.h"
#include "cxo/text.h"

static bool clears(const char *text)
{
	return !*text || !strcmp(text, "none") || !strcmp(text, "-");
}

static void warn_future(const struct cxo_app *app, const char *day)
{
	char today[DAY_LEN];
	app_today_iso(app, today);
	if (strcmp(day, today) > 0)
		fprintf(stderr, "cxo: note: %s is in the future\n", day);
}

/* "; 14.5h of 20h this month" (or "in 2026-10" for another month, no
 * "of" without a budget): the client's hours in the month of day; "" when
 * they cannot be read. */
static void month_tail(struct cxo_app *app, const char *client_id, long budget, const char *day,
                       char *buf, size_t n)
{
	int y, m, ty, tm, td;
	char from[DAY_LEN], to[DAY_LEN], used[32], of[32], when[32];
	struct hours_sum sum = { 0 };
	cxo_day d = 0;
	buf[0] = '\0';
	if (!date_parse_iso(day, &d))
		return;
	date_month_iso(d, &y, &m, from, to);
	if (store_entry_sum(app->st, client_id, from, to, &sum))
		return;
	date_to_ymd(app->today, &ty, &tm, &td);
	if (y == ty && m == tm)
		snprintf(when, sizeof when, "this month");
	else
		snprintf(when, sizeof when, "in %04d-%02d", y, m);
	cli_format_hours(app, sum.minutes, used, sizeof used);
	cli_format_hours(app, budget, of, sizeof of);
	if (budget)
		snprintf(buf, n, "; %s of %s %s", used, of, when);
	else
		snprintf(buf, n, "; %s %s", used, when);
}

void cli_print_logged(struct cxo_app *app, const char *prefix, const struct entry *e,
                      const struct client *c)
{
	char sid[SHORT_ID_LEN + 1], hours[32], day[32], tail[128] = "";
	if (c)
		month_tail(app, c->id, c->budget_minutes, e->day, tail, sizeof tail);
	uuid_short(e->id, sid);
	cli_format_hours(app, e->minutes, hours, sizeof hours);
	cli_format_day(app, e->day, day, sizeof day);
	printf("%slogged %s%s for %s on %s (entry %s)%s\n", prefix, hours,
	       e->billable ? "" : " non-billable", c ? c->key : e->client_key, day, sid, tail);
}

/* ---- cxo log ---- */

static int log_check(struct cli_call *c)
{
	const char *mandate = cli_text(c, "mandate");
	int minutes;
	int rc = cli_parse_duration("DURATION", c->argv[0], &minutes);
	if (rc)
		return rc;
	if (mandate && !*text_trim((char *)mandate))
		return app_error(EX_DATAERR, "--mandate: empty (expected an id prefix or a title)");
	if (cli_opt(c, "date"))
		warn_future(c->app, cli_opt(c, "date")->day);
	return 0;
}

static int log_run(struct cli_call *call)
{
	struct cxo_app *app = call->app;
	const struct client *c = &call->client;
	const char *mandate = cli_text(call, "mandate");
	struct entry e = { 0 };
	int rc;

	e.billable = !cli_flag(call, "non-billable");
	if (cli_opt(call, "date"))
		snprintf(e.day, sizeof e.day, "%s", cli_opt(call, "date")->day);
	else
		app_today_iso(app, e.day);
	if ((rc = cli_parse_duration("DURATION", call->argv[0], &e.minutes)))
		return rc;
	char *note = call->argc == 2 ? text_trim(call->argv[1]) : NULL;
	snprintf(e.client_id, sizeof e.client_id, "%s", c->id);
	snprintf(e.client_key, sizeof e.client_key, "%s", c->key);
	if (mandate && (rc = cli_resolve(app, KIND_MANDATE, mandate, c->id, e.mandate_id)))
		goto out;
	if ((rc = cli_set_text(&e.note, note)))
		goto out;
	if ((rc = store_entry_add(app->st, &e))) {
		app_store_error(app, rc);
		goto out;
	}
	cli_print_logged(app, "", &e, c);
out:
	entry_free(&e);
	return rc;
}

static const struct cli_option log_opts[] = {
	{ .name = "date",
	  .arg = "DAY",
	  .kind = VAL_DAY,
	  .help = "the day of the work (default today)" },
	{ .name = "mandate", .arg = "ID|TITLE", .kind = VAL_ID, .help = "the mandate it was for" },
	{ .name = "non-billable", .help = "not billable" },
	{ .name = NULL },
};

const struct cli_command cli_log = {
	.name = "log",
	.synopsis = "DURATION [NOTE] [--date DAY] [--mandate ID|TITLE] [--non-billable]",
	.summary = "log time for the client (45m, 1.5h, 1h30m, 1:30)",
	.opts = log_opts,
	.operands = "DURATION [NOTE]",
	.quote = "note",
	.flags = CMD_WRITE | CMD_CLIENT,
	.check = log_check,
	.run = log_run,
};

/* ---- cxo hours ---- */

struct period {
	char from[DAY_LEN]; /* first day */
	char to[DAY_LEN];   /* day after the last */
	char last[DAY_LEN]; /* last day */
	bool is_month;
	int y, m;
	char label[80];
};

/* Per-client totals for the summary lines. */
struct tally {
	char id[UUID_LEN];
	char key[KEY_LEN];
	long budget;
	int64_t rate_cents; /* hourly; 0 = none */
	char currency[4];
	long minutes, billable;
	/* The rows as the table shows them: the sum of their hundredths of
	 * an hour, for the totals to say when those do not add up. */
	long shown, shown_billable;
	bool listed;                 /* active, or has entries in the period */
	char start[DAY_LEN];         /* the engagement's start */
	struct cli_month_billing mb; /* a month's billed hours and lock */
};

/* The period the options of `hours` name: --month, --week, --from
 * [--to] (their days already read), or this month. */
static int parse_period(struct cli_call *c, struct period *p)
{
	struct cxo_app *app = c->app;
	const char *month = cli_text(c, "month");
	const struct cli_value *from = cli_opt(c, "from"), *to = cli_opt(c, "to");
	bool week = cli_flag(c, "week");
	char err[256], a[32], b[32];
	cxo_day first, end;

	memset(p, 0, sizeof *p);
	if ((month != NULL) + week + (from || to) > 1)
		return cli_usage(c, "choose one of --month, --week or --from/--to");
	if (to && !from)
		return cli_usage(c, "--to needs --from");
	if (from) {
		char f[DAY_LEN], t[DAY_LEN];
		snprintf(f, sizeof f, "%s", from->day);
		if (to)
			snprintf(t, sizeof t, "%s", to->day);
		else
			app_today_iso(app, t);
		date_parse_iso(f, &first);
		date_parse_iso(t, &end);
		if (end < first)
			return app_error(EX_DATAERR, "--to %s is before --from %s", t, f);
		end++;
		cli_format_day(app, f, a, sizeof a);
		cli_format_day(app, t, b, sizeof b);
		snprintf(p->label, sizeof p->label, "%s to %s", a, b);
	} else if (week) {
		first = date_week_start(app->today, app->cfg.week_start);
		end = first + 7;
		date_format_iso(first, a);
		cli_format_day(app, a, b, sizeof b);
		snprintf(p->label, sizeof p->label, "week of %s", b);
	} else {
		int y, m, d;
		if (month) {
			if (!month_parse(month, app->today, &y, &m, err, sizeof err))
				return app_error(EX_DATAERR, "--month: %s", err);
		} else {
			date_to_ymd(app->today, &y, &m, &d);
		}
		first = date_from_ymd(y, m, 1);
		end = date_next_month(y, m);
		p->is_month = true;
		p->y = y;
		p->m = m;
		snprintf(p->label, sizeof p->label, "%04d-%02d", y, m);
	}
	date_format_iso(first, p->from);
	date_format_iso(end, p->to);
	date_format_iso(end - 1, p->last);
	return 0;
}

/* The pace of p's month as of today: the rule's (hours_pace) for this
 * month; a past month has run its course, a coming one has not begun.
 * capacity: the portfolio's total against the capacity, a ceiling. */
static void month_pace(const struct cxo_app *app, const struct period *p, long budget, long minutes,
                       bool capacity, struct pace *out)
{
	if (capacity)
		capacity_pace_month(&app->cfg, minutes, p->y, p->m, app->today, out);
	else
		hours_pace_month(&app->cfg, budget, minutes, p->y, p->m, app->today, out);
}

static struct tally *tally_find(struct tally *t, size_t n, const char *id)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(t[i].id, id))
			return &t[i];
	return NULL;
}

/* "14.5h of 20h (72%), billable 13h; expected by today 12.67h,
 * projected 21.42h: warning" for one line of the summary.  The minutes
 * and the billable ones are totals of rows shown with their hundredths
 * adding up to shown and shown_bill: "1h (1:00 exactly)" when they do
 * not add up to the total.  of_what is "" for a client's budget,
 * " capacity" for the total against it. */
static void summary_text(struct cxo_app *app, const struct period *p, long budget, long minutes,
                         long billable, long shown, long shown_bill, const char *of_what,
                         struct pace *pc, char *buf, size_t n)
{
	char used[64], bud[32], bill[64], exp[32], proj[32];
	enum hours_style hs = app->cfg.hours_style;
	duration_format_total(minutes, shown, hs, 0, used, sizeof used);
	duration_format_total(billable, shown_bill, hs, 0, bill, sizeof bill);
	if (!p->is_month || !budget) {
		snprintf(buf, n, "%s, billable %s%s", used, bill,
		         p->is_month ? " (no budget)" : "");
		return;
	}
	month_pace(app, p, budget, minutes, *of_what != '\0', pc); /* " capacity" */
	cli_format_hours(app, budget, bud, sizeof bud);
	char today[DAY_LEN];
	app_today_iso(app, today);
	if (strcmp(today, p->from) >= 0 && strcmp(today, p->to) < 0) {
		cli_format_hours(app, pc->expected_minutes, exp, sizeof exp);
		cli_format_hours(app, pc->projected_minutes, proj, sizeof proj);
		snprintf(buf, n,
		         "%s of %s%s (%d%%), billable %s; expected by today %s, projected %s: %s",
		         used, bud, of_what, pc->percent_used, bill, exp, proj, cli_pace_words(pc));
	} else {
		snprintf(buf, n, "%s of %s%s (%d%%), billable %s: %s", used, bud, of_what,
		         pc->percent_used, bill, pace_level_name(pc->level));
	}
}

/* The pace figures of minutes against base into o: null when the period
 * is not a month or there is nothing to compare with. */
static int pace_json(struct cxo_app *app, const struct period *p, long base, long minutes,
                     bool capacity, json_t *o)
{
	int bad = 0;
	if (p->is_month && base) {
		struct pace pc;
		month_pace(app, p, base, minutes, capacity, &pc);
		bad |= json_object_set_new(o, "percent_used", json_integer(pc.percent_used));
		bad |= json_object_set_new(o, "expected_minutes",
		                           json_integer(pc.expected_minutes));
		bad |= json_object_set_new(o, "projected_minutes",
		                           json_integer(pc.projected_minutes));
		bad |= json_object_set_new(o, "level", json_string(pace_level_name(pc.level)));
	} else {
		bad |= json_object_set_new(o, "percent_used", json_null());
		bad |= json_object_set_new(o, "expected_minutes", json_null());
		bad |= json_object_set_new(o, "projected_minutes", json_null());
		bad |= json_object_set_new(o, "level", json_null());
	}
	return bad;
}

/* A whole number of minutes of a month, or null (not a month, or 0 for
 * "none" when zero_is_null). */
static json_t *month_minutes(const struct period *p, long minutes, bool zero_is_null)
{
	return p->is_month && (minutes || !zero_is_null) ? json_integer(minutes) : json_null();
}

/* One client's summary: its minutes against its monthly budget. */
static json_t *summary_json(struct cxo_app *app, const struct period *p, const struct tally *x)
{
	json_t *o = json_object();
	if (!o)
		return NULL;
	int bad = 0;
	bad |= json_object_set_new(o, "client", json_string(x->key));
	bad |= json_object_set_new(o, "minutes", json_integer(x->minutes));
	bad |= json_object_set_new(o, "billable_minutes", json_integer(x->billable));
	bad |= json_object_set_new(o, "budget_minutes", month_minutes(p, x->budget, true));
	bad |= pace_json(app, p, x->budget, x->minutes, false, o);
	if (p->is_month)
		bad |= cli_billing_json(app, &x->mb, p->y, p->m, o);
	if (bad) {
		json_decref(o);
		return NULL;
	}
	return o;
}

/*
 * The total: the minutes of every row, the sum of the listed clients'
 * monthly budgets, the personal capacity, and the pace against the
 * capacity (--all-clients) or against the one client's budget.
 */
static json_t *total_json(struct cxo_app *app, const struct period *p, const struct tally *ty,
                          size_t nt, long total, long total_bill, bool all)
{
	json_t *o = json_object();
	if (!o)
		return NULL;
	long budgets = 0;
	for (size_t i = 0; i < nt; i++)
		if (ty[i].listed)
			budgets += ty[i].budget;
	long capacity = app->cfg.capacity_minutes;
	int bad = 0;
	bad |= json_object_set_new(o, "minutes", json_integer(total));
	bad |= json_object_set_new(o, "billable_minutes", json_integer(total_bill));
	bad |= json_object_set_new(o, "budgets_minutes", month_minutes(p, budgets, false));
	bad |= json_object_set_new(o, "capacity_minutes", month_minutes(p, capacity, true));
	bad |= pace_json(app, p, all ? capacity : budgets, total, all, o);
	if (bad) {
		json_decref(o);
		return NULL;
	}
	return o;
}

/*
 * JSON: {"from", "to" (inclusive), "month", "entries": [...],
 * "summary": [one object per client], "total": {...}}.
 */
static int print_json(struct cxo_app *app, const struct period *p, struct table *t,
                      const struct tally *ty, size_t nt, long total, long total_bill, bool all)
{
	json_t *sum = json_array();
	json_t *tot = total_json(app, p, ty, nt, total, total_bill, all);
	int rc = 0;
	if (!sum || !tot)
		rc = EX_OSERR;
	for (size_t i = 0; !rc && i < nt; i++) {
		if (!ty[i].listed)
			continue;
		json_t *o = summary_json(app, p, &ty[i]);
		if (!o || json_array_append_new(sum, o))
			rc = EX_OSERR;
	}
	if (!rc) {
		char month[16] = "";
		if (p->is_month)
			snprintf(month, sizeof month, "\"%04d-%02d\"", p->y, p->m);
		printf("{\n\"from\": \"%s\",\n\"to\": \"%s\",\n\"month\": %s,\n\"entries\": ",
		       p->from, p->last, p->is_month ? month : "null");
		rc = table_print(t, stdout);
		if (!rc) {
			fputs(",\n\"summary\": ", stdout);
			rc = cli_json_dump(sum, stdout);
			fputs(",\n\"total\": ", stdout);
			if (!rc)
				rc = cli_json_dump(tot, stdout);
			fputs("\n}\n", stdout);
		}
	} else {
		app_error(rc, "out of memory");
	}
	json_decref(sum);
	json_decref(tot);
	return rc;
}

/* What the listing gathers while the entries go by. */
struct listing {
	struct cxo_app *app;
	struct table *t;
	enum output_format fmt;
	bool all;
	struct tally *ty;
	size_t nt, cap;
	long total, total_bill;
	long shown; /* the rows' hundredths of an hour, as shown */
	size_t rows;
};

/* A new tally for a client (NULL when out of memory). */
static struct tally *tally_add(struct listing *ls, const char *id, const char *key)
{
	if (ls->nt == ls->cap) {
		size_t cap = ls->cap ? ls->cap * 2 : 8;
		struct tally *ty = realloc(ls->ty, cap * sizeof *ty);
		if (!ty)
			return NULL;
		ls->ty = ty;
		ls->cap = cap;
	}
	struct tally *x = &ls->ty[ls->nt++];
	memset(x, 0, sizeof *x);
	snprintf(x->id, sizeof x->id, "%s", id);
	snprintf(x->key, sizeof x->key, "%s", key);
	x->listed = true;
	return x;
}

/* The client's budget and rate into its tally. */
static void tally_set(struct tally *x, const struct client *c)
{
	x->budget = c->budget_minutes;
	x->rate_cents = c->rate_cents;
	snprintf(x->currency, sizeof x->currency, "%s", c->currency);
	snprintf(x->start, sizeof x->start, "%s", c->start);
}

/* "20.25h, billable 19h, billed 19.5h of 20h (18h + 2h rolled over)
 * (97%); expected by today 11.15h, projected 32.72h: warning": a month
 * under terms that change the hours billed, its pace judging the billed
 * hours against the hours available. */
static void summary_billed(struct cxo_app *app, const struct period *p, const struct tally *x,
                           char *buf, size_t n)
{
	char used[64], bill[64], billed[160], exp[32], proj[32], today[DAY_LEN];
	enum hours_style hs = app->cfg.hours_style;
	struct pace pc;
	duration_format_total(x->minutes, x->shown, hs, 0, used, sizeof used);
	duration_format_total(x->billable, x->shown_billable, hs, 0, bill, sizeof bill);
	cli_billed_text(app, &x->mb.bm, billed, sizeof billed);
	if (!x->mb.bm.available) {
		snprintf(buf, n, "%s, billable %s, billed %s", used, bill, billed);
		return;
	}
	month_pace(app, p, x->mb.bm.available, x->mb.bm.billed, false, &pc);
	app_today_iso(app, today);
	if (strcmp(today, p->from) >= 0 && strcmp(today, p->to) < 0) {
		cli_format_hours(app, pc.expected_minutes, exp, sizeof exp);
		cli_format_hours(app, pc.projected_minutes, proj, sizeof proj);
		snprintf(buf, n,
		         "%s, billable %s, billed %s (%d%%); expected by today %s, "
		         "projected %s: %s",
		         used, bill, billed, pc.percent_used, exp, proj, cli_pace_words(&pc));
	} else {
		snprintf(buf, n, "%s, billable %s, billed %s (%d%%): %s", used, bill, billed,
		         pc.percent_used, pace_level_name(pc.level));
	}
}

/*
 * The money columns of an entry, for TSV and JSON: the client's hourly
 * rate, the amount (the hours as the hours column shows them times the
 * rate, to the cent; zero when the entry is not billable) and the
 * currency; all three empty when the client has no rate.
 */
static void money_cells(struct table *t, enum output_format fmt, const struct entry *e,
                        const struct tally *x)
{
	char buf[48];
	if (!x->rate_cents) {
		table_cell(t, "");
		table_cell(t, "");
		table_cell(t, "");
		return;
	}
	int64_t amount =
	        e->billable ? money_for_hundredths(duration_hundredths(e->minutes), x->rate_cents)
	                    : 0;
	if (fmt == FORMAT_JSON) {
		table_cellf(t, "%lld", (long long)x->rate_cents);
		table_cellf(t, "%lld", (long long)amount);
	} else {
		money_format_plain(x->rate_cents, buf, sizeof buf);
		table_cell(t, buf);
		money_format_plain(amount, buf, sizeof buf);
		table_cell(t, buf);
	}
	table_cell(t, x->currency);
}

/* One entry: into its client's tally and a row of the table. */
static int list_entry(const struct entry *e, void *ctx)
{
	struct listing *ls = ctx;
	struct tally *x = tally_find(ls->ty, ls->nt, e->client_id);
	if (!x) {
		struct client other = { 0 };
		if (!(x = tally_add(ls, e->client_id, e->client_key)))
			return app_error(EX_OSERR, "out of memory");
		if (!store_client_get_by_id(ls->app->st, e->client_id, &other))
			tally_set(x, &other);
		client_free(&other);
	}
	long shown = duration_hundredths(e->minutes);
	x->minutes += e->minutes;
	x->shown += shown;
	ls->total += e->minutes;
	ls->shown += shown;
	if (e->billable) {
		x->billable += e->minutes;
		x->shown_billable += shown;
		ls->total_bill += e->minutes;
	}

	struct table *t = ls->t;
	char buf[64];
	table_row(t);
	if (ls->all)
		table_cell(t, e->client_key);
	table_cell_id(t, e->id);
	if (ls->fmt == FORMAT_TABLE) {
		cli_format_day(ls->app, e->day, buf, sizeof buf);
		table_cell(t, buf);
		cli_format_hours(ls->app, e->minutes, buf, sizeof buf);
		table_cell(t, buf);
		table_cell(t, e->billable ? "*" : "");
	} else {
		/* Machine-ready: ISO days, numbers without units. */
		table_cell(t, e->day);
		table_cell_long(t, e->minutes);
		if (ls->fmt == FORMAT_TSV) {
			duration_format_as(e->minutes, HOURS_DECIMAL,
			                   DURATION_NO_UNIT | DURATION_TWO_PLACES, buf, sizeof buf);
			table_cell(t, buf);
		}
		table_cell(t, e->billable ? "1" : "0");
		money_cells(t, ls->fmt, e, x);
		if (ls->fmt == FORMAT_JSON)
			table_cell(t, e->mandate_id);
	}
	table_cell(t, e->mandate_title);
	table_cell(t, e->note);
	ls->rows++;
	return 0;
}

static int hours_check(struct cli_call *c)
{
	struct period p;
	return parse_period(c, &p);
}

static int hours_list(struct cli_call *call)
{
	struct cxo_app *app = call->app;
	const struct cli_value *format = cli_opt(call, "format");
	enum output_format fmt = format ? format->num : FORMAT_TABLE;
	bool all = cli_flag(call, "all-clients");
	struct period p;
	int rc;

	if ((rc = parse_period(call, &p)))
		return rc;
	const struct client c = call->client;
	struct client_list cl = { 0 };
	struct listing ls = { .app = app, .all = all, .fmt = fmt };
	if (all && (rc = store_client_list(app->st, false, &cl))) {
		app_store_error(app, rc);
		goto out;
	}

	/* Tallies: the client, or every active one plus any other with hours. */
	const struct client *src = all ? cl.items : &c;
	for (size_t i = 0; i < (all ? cl.n : 1); i++) {
		struct tally *x = tally_add(&ls, src[i].id, src[i].key);
		if (!x) {
			rc = app_error(EX_OSERR, "out of memory");
			goto out;
		}
		tally_set(x, &src[i]);
	}

	bool json = fmt == FORMAT_JSON;
	struct table *t = ls.t = table_new(fmt, app->color);
	if (!t) {
		rc = app_error(EX_OSERR, "out of memory");
		goto out;
	}
	if (all)
		table_column(t, "CLIENT", "client", COL_TEXT);
	table_column(t, "ID", "id", COL_TEXT);
	table_column(t, "DATE", "date", COL_TEXT);
	if (fmt == FORMAT_TABLE) {
		table_column(t, "HOURS", "hours", COL_NUM);
		table_column(t, "B", "billable", COL_TEXT);
	} else {
		table_column(t, "MINUTES", "minutes", COL_INT);
		if (fmt == FORMAT_TSV)
			table_column(t, "HOURS", "hours", COL_NUM);
		table_column(t, "B", "billable", COL_BOOL);
		table_column(t, "RATE", json ? "rate_cents" : "rate", json ? COL_INT : COL_NUM);
		table_column(t, "AMOUNT", json ? "amount_cents" : "amount",
		             json ? COL_INT : COL_NUM);
		table_column(t, "CURRENCY", "currency", COL_TEXT);
	}
	if (json)
		table_column(t, "MANDATE ID", "mandate_id", COL_TEXT);
	table_column(t, "MANDATE", "mandate", COL_TEXT);
	table_column(t, "NOTE", "note", COL_TEXT);
	if ((rc = store_entry_each(app->st, all ? NULL : c.id, p.from, p.to, list_entry, &ls))) {
		if (rc != EX_OSERR)
			app_store_error(app, rc);
		goto out;
	}
	struct tally *ty = ls.ty;
	size_t nt = ls.nt;
	long total = ls.total, total_bill = ls.total_bill;
	for (size_t i = 0; p.is_month && i < nt; i++) {
		struct client bc = { 0 };
		snprintf(bc.id, sizeof bc.id, "%s", ty[i].id);
		snprintf(bc.key, sizeof bc.key, "%s", ty[i].key);
		snprintf(bc.start, sizeof bc.start, "%s", ty[i].start);
		bc.budget_minutes = ty[i].budget;
		bc.rate_cents = ty[i].rate_cents;
		if ((rc = cli_month_billing(app, &bc, p.y, p.m, &ty[i].mb)))
			goto out;
	}

	if (json) {
		rc = print_json(app, &p, t, ty, nt, total, total_bill, all);
		goto out;
	}
	if (ls.rows || fmt == FORMAT_TSV) {
		if ((rc = table_print(t, stdout)))
			goto out;
	}
	if (fmt == FORMAT_TSV)
		goto out; /* data only, for other programs */
	if (!ls.rows)
		printf("no hours logged%s%s in %s\n", all ? "" : " for ", all ? "" : c.key,
		       p.label);
	char line[512];
	struct pace pc;
	long shown_bill = 0;
	for (size_t i = 0; i < nt; i++) {
		if (ty[i].mb.shapes)
			summary_billed(app, &p, &ty[i], line, sizeof line);
		else
			summary_text(app, &p, ty[i].budget, ty[i].minutes, ty[i].billable,
			             ty[i].shown, ty[i].shown_billable, "", &pc, line, sizeof line);
		printf("%s %s: %s\n", ty[i].key, p.label, line);
		if (ty[i].mb.locked) {
			cli_lock_text(&ty[i].mb.lock, line, sizeof line);
			printf("%s %s: %s\n", ty[i].key, p.label, line);
		}
		shown_bill += ty[i].shown_billable;
	}
	if (all) {
		summary_text(app, &p, app->cfg.capacity_minutes, total, total_bill, ls.shown,
		             shown_bill, " capacity", &pc, line, sizeof line);
		printf("total %s: %s\n", p.label, line);
	}
out:
	table_free(ls.t);
	for (size_t i = 0; i < ls.nt; i++)
		month_lock_free(&ls.ty[i].mb.lock);
	free(ls.ty);
	client_list_free(&cl);
	return rc;
}

/* ---- hours edit / rm ---- */

static int load_entry(struct cxo_app *app, const char *text, struct entry *e)
{
	char id[UUID_LEN];
	int rc = store_resolve(app->st, KIND_ENTRY, text, NULL, id);
	if (!rc)
		rc = store_entry_get(app->st, id, e);
	return rc ? app_store_error(app, rc) : 0;
}

static int hours_edit_check(struct cli_call *c)
{
	const struct cli_value *date = cli_opt(c, "date");
	bool billable = cli_flag(c, "billable"), non_billable = cli_flag(c, "non-billable");
	if (billable && non_billable)
		return cli_usage(c, "hours edit: --billable and --non-billable conflict");
	if (!cli_flag(c, "duration") && !date && !cli_flag(c, "note") && !cli_flag(c, "mandate") &&
	    !billable && !non_billable)
		return cli_usage(c, "hours edit: nothing to change");
	if (date)
		warn_future(c->app, date->day);
	return 0;
}

static int hours_edit(struct cli_call *call)
{
	struct cxo_app *app = call->app;
	const struct cli_value *duration = cli_opt(call, "duration"), *date = cli_opt(call, "date");
	const char *note = cli_text(call, "note"), *mandate = cli_text(call, "mandate");
	int billable = cli_flag(call, "billable") ? 1 : cli_flag(call, "non-billable") ? 0 : -1;
	int rc;
	if (note)
		note = text_trim((char *)note);
	if (mandate)
		mandate = text_trim((char *)mandate);

	struct entry e = { 0 };
	if ((rc = load_entry(app, call->argv[0], &e)))
		return rc;
	if (duration)
		e.minutes = (int)duration->num;
	if (date)
		snprintf(e.day, sizeof e.day, "%s", date->day);
	if (billable >= 0)
		e.billable = billable;
	if (note && (rc = cli_set_text(&e.note, note)))
		goto out;
	if (mandate) {
		if (clears(mandate)) {
			e.mandate_id[0] = '\0';
		} else if ((rc = cli_resolve(app, KIND_MANDATE, mandate, e.client_id,
		                             e.mandate_id))) {
			goto out;
		}
	}
	if ((rc = store_entry_update(app->st, &e))) {
		app_store_error(app, rc);
		goto out;
	}
	char sid[SHORT_ID_LEN + 1], hours[32], shown[32];
	uuid_short(e.id, sid);
	cli_format_hours(app, e.minutes, hours, sizeof hours);
	cli_format_day(app, e.day, shown, sizeof shown);
	printf("updated entry %s: %s%s for %s on %s\n", sid, hours,
	       e.billable ? "" : " non-billable", e.client_key, shown);
out:
	entry_free(&e);
	return rc;
}

static int hours_rm(struct cli_call *call)
{
	struct cxo_app *app = call->app;
	const char *text = call->argv[0];
	int rc;
	struct entry e = { 0 };
	if ((rc = load_entry(app, text, &e)))
		return rc;
	if ((rc = store_entry_delete(app->st, e.id))) {
		app_store_error(app, rc);
	} else {
		char sid[SHORT_ID_LEN + 1], hours[32], shown[32];
		uuid_short(e.id, sid);
		cli_format_hours(app, e.minutes, hours, sizeof hours);
		cli_format_day(app, e.day, shown, sizeof shown);
		printf("removed entry %s: %s for %s on %s\n", sid, hours, e.client_key, shown);
	}
	entry_free(&e);
	return rc;
}

static const struct cli_option edit_opts[] = {
	{ .name = "duration", .arg = "DURATION", .kind = VAL_DURATION, .help = "a new duration" },
	{ .name = "date", .arg = "DAY", .kind = VAL_DAY, .help = "a new day" },
	{ .name = "note", .arg = "TEXT", .kind = VAL_TEXT, .help = "a new note" },
	{ .name = "mandate",
	  .arg = "ID|TITLE|none",
	  .kind = VAL_ID,
	  .words = "none",
	  .help = "the mandate it was for (none: no mandate)" },
	{ .name = "billable", .help = "billable" },
	{ .name = "non-billable", .help = "not billable" },
	{ .name = NULL },
};

static const struct cli_command hours_edit_entry = {
	.name = "edit",
	.synopsis = "ID [--duration DURATION] [--date DAY] [--note TEXT] [--mandate ID|TITLE|none] "
	            "[--billable|--non-billable]",
	.summary = "change a time entry",
	.opts = edit_opts,
	.operands = "ID",
	.flags = CMD_WRITE,
	.check = hours_edit_check,
	.run = hours_edit,
};

static const struct cli_command hours_rm_entry = {
	.name = "rm",
	.synopsis = "ID",
	.summary = "delete a time entry",
	.operands = "ID",
	.flags = CMD_WRITE,
	.run = hours_rm,
};

static const struct cli_command *const hours_subs[] = {
	&hours_edit_entry, &hours_rm_entry,  &cli_hours_lock,
	&cli_hours_unlock, &cli_hours_locks, NULL,
};

static const struct cli_option hours_opts[] = {
	{ .name = "month",
	  .arg = "YYYY-MM|this|last",
	  .kind = VAL_MONTH,
	  .help = "a month (also next; default this month)" },
	{ .name = "week", .help = "this week" },
	{ .name = "from", .arg = "DAY", .kind = VAL_DAY, .help = "the days from DAY ..." },
	{ .name = "to", .arg = "DAY", .kind = VAL_DAY, .help = "... to DAY (default today)" },
	{ .name = "all-clients", .help = "every client, with a CLIENT column and a total" },
	{ .name = "format",
	  .arg = "table|tsv|json",
	  .kind = VAL_FORMAT,
	  .help = "the output format" },
	{ .name = NULL },
};

const struct cli_command cli_hours = {
	.name = "hours",
	.synopsis = "[--month YYYY-MM|this|last] [--week] [--from DAY [--to DAY]] [--all-clients] "
	            "[--format table|tsv|json]",
	.summary = "the hours of a month, week or range against the budget, with the pace",
	.opts = hours_opts,
	.flags = CMD_READ | CMD_CLIENT,
	.check = hours_check,
	.run = hours_list,
	.subs = hours_subs,
};
