/*
 * timer.c: `cxo start`, `cxo stop`, `cxo cancel`.  One timer at a time,
 * kept on the client it was started for; stopping turns it into a time
 * entry on the day it started.  A timer left running (past the configured
 * limit, or across midnight) is not trusted: stop wants the real end time
 * (--at, the next day's when earlier than the start: timer_end_at) or an
 * explicit --force.
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "cxo/clock.h"
#include "cxo/duration.h"
#include "cxo/rules.h"
#include "cxo/text.h"

/* Local day and minute of the day of a unix time (day 0 when the C
 * library cannot place it). */
static void local_day(int64_t t, cxo_day *day, int *minute)
{
	int second = 0;
	if (!clock_local(t, day, &second))
		*day = 0;
	*minute = second / 60;
}

/* "45m", "2h 05m", "26h 40m", "3d 4h" */
static void format_elapsed(int64_t seconds, char *buf, size_t n)
{
	long m = seconds < 0 ? 0 : (long)(seconds / 60);
	if (m < 60)
		snprintf(buf, n, "%ldm", m);
	else if (m < 48 * 60)
		snprintf(buf, n, "%ldh %02ldm", m / 60, m % 60);
	else
		snprintf(buf, n, "%ldd %ldh", m / (24 * 60), m % (24 * 60) / 60);
}

/* "09:30" today, "2026-11-22 09:30" on another day. */
static void format_when(const struct cxo_app *app, int64_t started, char *buf, size_t n)
{
	cxo_day day;
	int minute;
	char iso[DAY_LEN], shown[32];
	local_day(started, &day, &minute);
	if (day == app->today) {
		snprintf(buf, n, "%02d:%02d", minute / 60, minute % 60);
		return;
	}
	date_format_iso(day, iso);
	cli_format_day(app, iso, shown, sizeof shown);
	snprintf(buf, n, "%s %02d:%02d", shown, minute / 60, minute % 60);
}

/* ---- cxo start ---- */

static int start_run(struct cli_call *call)
{
	struct cxo_app *app = call->app;
	const struct client c = call->client;
	char *note = call->argc ? text_trim(call->argv[0]) : NULL;
	int rc;

	struct timer t = { 0 };
	char elapsed[32], when[64];
	rc = store_timer_get(app->st, &t);
	if (rc == 0) {
		format_elapsed(timer_elapsed_seconds(&t, app->now), elapsed, sizeof elapsed);
		format_when(app, t.started, when, sizeof when);
		rc = app_error(EX_DATAERR,
		               "a timer is already running for %s (%s, since %s): 'cxo stop' or "
		               "'cxo cancel' first",
		               t.client_key, elapsed, when);
		goto out;
	}
	if (rc != EX_NOINPUT) {
		app_store_error(app, rc);
		goto out;
	}
	timer_free(&t);
	memset(&t, 0, sizeof t);
	snprintf(t.client_id, sizeof t.client_id, "%s", c.id);
	snprintf(t.client_key, sizeof t.client_key, "%s", c.key);
	t.started = app->now;
	if (note && *note && !(t.note = strdup(note))) {
		rc = app_error(EX_OSERR, "out of memory");
		goto out;
	}
	if ((rc = store_timer_start(app->st, &t))) {
		app_store_error(app, rc);
		goto out;
	}
	format_when(app, t.started, when, sizeof when);
	if (t.note) {
		char *clean = text_sanitize(t.note);
		printf("started timer for %s at %s: \"%s\"\n", c.key, when, clean ? clean : "");
		free(clean);
	} else {
		printf("started timer for %s at %s\n", c.key, when);
	}
out:
	timer_free(&t);
	return rc;
}

const struct cli_command cli_start = {
	.name = "start",
	.synopsis = "[NOTE]",
	.summary = "start a timer for the client",
	.operands = "[NOTE]",
	.quote = "note",
	.flags = CMD_WRITE | CMD_CLIENT,
	.run = start_run,
};

/* ---- cxo stop ---- */

static int stop_check(struct cli_call *c)
{
	const char *at = cli_text(c, "at");
	char err[256];
	int minute;
	if (at && !clock_parse(at, &minute, err, sizeof err))
		return app_error(EX_DATAERR, "--at: %s", err);
	if (at && cli_flag(c, "force"))
		return cli_usage(c, "--at and --force conflict: --at gives the end time, --force "
		                    "keeps the time as it ran");
	return 0;
}

static int stop_run(struct cli_call *call)
{
	struct cxo_app *app = call->app;
	const char *at = cli_text(call, "at"), *note = cli_text(call, "note");
	bool force = cli_flag(call, "force"), billable = !cli_flag(call, "non-billable");
	int at_minute = 0, rc;
	char err[256];
	if (at && !clock_parse(at, &at_minute, err, sizeof err)) /* checked before */
		return app_error(EX_DATAERR, "--at: %s", err);
	if (note)
		note = text_trim((char *)note);

	struct timer t = { 0 };
	struct entry e = { 0 };
	struct client c = { 0 };
	char elapsed[32], when[64], start_iso[DAY_LEN];
	rc = store_timer_get(app->st, &t);
	if (rc == EX_NOINPUT)
		return app_error(rc, "no timer is running ('cxo start' starts one)");
	if (rc)
		return app_store_error(app, rc);

	/* The entry goes on the day the timer started, whenever it stops. */
	timer_entry_day(&t, start_iso);
	int64_t end = app->now;
	format_elapsed(timer_elapsed_seconds(&t, app->now), elapsed, sizeof elapsed);
	format_when(app, t.started, when, sizeof when);
	if (at) {
		/* That time on the day it started, or the next day's past
		 * midnight. */
		if ((rc = timer_end_at(&t, at_minute, app->now, app->cfg.timer_limit_minutes, &end,
		                       err, sizeof err))) {
			app_error(rc, "%s", err);
			goto out;
		}
	} else {
		if (timer_is_forgotten(&t, app->now, app->today, app->cfg.timer_limit_minutes) &&
		    !force) {
			rc = app_error(EX_DATAERR,
			               "the timer for %s has run %s (since %s): if it was "
			               "forgotten, give the end time "
			               "on %s with --at HH:MM, or keep all of it with --force",
			               t.client_key, elapsed, when, start_iso);
			goto out;
		}
		if (timer_elapsed_seconds(&t, app->now) > (int64_t)DURATION_MAX_MINUTES * 60) {
			rc = app_error(
			        EX_DATAERR,
			        "the timer for %s has run %s, longer than an entry can be (24h): "
			        "give the end time on %s with --at HH:MM",
			        t.client_key, elapsed, start_iso);
			goto out;
		}
	}
	long minutes = timer_entry_minutes(&t, end);
	if (minutes > DURATION_MAX_MINUTES)
		minutes = DURATION_MAX_MINUTES;

	snprintf(e.client_id, sizeof e.client_id, "%s", t.client_id);
	snprintf(e.client_key, sizeof e.client_key, "%s", t.client_key);
	snprintf(e.day, sizeof e.day, "%s", start_iso);
	e.minutes = (int)minutes;
	e.billable = billable;
	const char *text = note ? (*note ? note : NULL) : t.note;
	if (text && !(e.note = strdup(text))) {
		rc = app_error(EX_OSERR, "out of memory");
		goto out;
	}
	if ((rc = store_timer_stop(app->st, &e))) {
		app_store_error(app, rc);
		goto out;
	}

	/* The client only adds the month's total, as log prints it. */
	bool have_client = store_client_get_by_id(app->st, e.client_id, &c) == 0;
	cli_print_logged(app, "stopped timer: ", &e, have_client ? &c : NULL);
out:
	client_free(&c);
	entry_free(&e);
	timer_free(&t);
	return rc;
}

static const struct cli_option stop_opts[] = {
	{ .name = "at",
	  .arg = "HH:MM",
	  .kind = VAL_TIME,
	  .help = "the real end time (before the start: the next day's)" },
	{ .name = "force", .help = "keep all of a forgotten timer's time" },
	{ .name = "note",
	  .arg = "TEXT",
	  .kind = VAL_TEXT,
	  .help = "the entry's note, not start's" },
	{ .name = "non-billable", .help = "not billable" },
	{ .name = NULL },
};

const struct cli_command cli_stop = {
	.name = "stop",
	.synopsis = "[--at HH:MM|--force] [--note TEXT] [--non-billable]",
	.summary = "stop the timer and log its time",
	.help = "  A timer past the configured limit (10 hours by default), or started\n"
	        "  before today, was probably forgotten: give the end time with --at, or\n"
	        "  keep all of it with --force.  --at earlier than the start is the next\n"
	        "  day's, for a session past midnight (23:00 to --at 00:30) within the\n"
	        "  limit.  The entry goes on the day the timer started, the session's day.",
	.opts = stop_opts,
	.flags = CMD_WRITE,
	.check = stop_check,
	.run = stop_run,
};

/* ---- cxo cancel ---- */

static int cancel_run(struct cli_call *call)
{
	struct cxo_app *app = call->app;
	int rc;
	struct timer t = { 0 };
	rc = store_timer_get(app->st, &t);
	if (rc == EX_NOINPUT)
		return app_error(rc, "no timer is running");
	if (rc)
		return app_store_error(app, rc);
	if ((rc = store_timer_cancel(app->st))) {
		app_store_error(app, rc);
	} else {
		char elapsed[32], when[64];
		format_elapsed(timer_elapsed_seconds(&t, app->now), elapsed, sizeof elapsed);
		format_when(app, t.started, when, sizeof when);
		if (t.note) {
			char *clean = text_sanitize(t.note);
			printf("cancelled timer for %s (%s since %s, \"%s\"); nothing logged\n",
			       t.client_key, elapsed, when, clean ? clean : "");
			free(clean);
		} else {
			printf("cancelled timer for %s (%s since %s); nothing logged\n",
			       t.client_key, elapsed, when);
		}
	}
	timer_free(&t);
	return rc;
}

const struct cli_command cli_cancel = {
	.name = "cancel",
	.synopsis = "",
	.summary = "discard the running timer without logging it",
	.flags = CMD_WRITE,
	.run = cancel_run,
};
