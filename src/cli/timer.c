/*
 * timer.c: `cxo start`, `cxo stop`, `cxo cancel`.  One timer at a time,
 * kept on the client it was started for; stopping turns it into a time
 * entry on the day it started.  A timer left running (past the configured
 * limit, or across midnight) is not trusted: stop wants the real end time
 * (--at) or an explicit --force.
 */
#include "cxo/cli.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "cxo/clock.h"
#include "cxo/duration.h"
#include "cxo/text.h"

enum { O_AT = 256, O_FORCE, O_NOTE, O_NON_BILLABLE };

extern const struct cli_command cmd_start_entry, cmd_stop_entry, cmd_cancel_entry;

/* Local day and minute of the day of a unix time (day 0 when the C
 * library cannot place it). */
static void local_day(int64_t t, cxo_day *day, int *minute)
{
	int second = 0;
	if (!clock_local(t, day, &second))
		*day = 0;
	*minute = second / 60;
}

/* Unix time of HH:MM (minute of the day) on the local day holding t. */
static int64_t local_time_on(int64_t t, int minute)
{
	cxo_day day;
	int64_t at;
	if (!clock_local(t, &day, NULL) || !clock_moment(day, minute * 60, &at))
		return t;
	return at;
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

static int start_run(struct cxo_app *app, int argc, char **argv)
{
	int first, rc = cli_plain_args(&cmd_start_entry, NULL, argc, argv, &first);

	if (rc)
		return rc == CLI_HELP_SHOWN ? 0 : rc;
	if (argc - first > 1)
		return cli_usage_error("start",
		                       "unexpected argument \"%s\" (quote a note of several words)",
		                       argv[first + 1]);
	char *note = first < argc ? text_trim(argv[first]) : NULL;

	if ((rc = app_open_existing(app)))
		return rc;
	struct client c = { 0 };
	struct timer t = { 0 };
	char elapsed[32], when[64];
	if ((rc = app_client(app, &c)))
		return rc;
	rc = store_timer_get(app->st, &t);
	if (rc == 0) {
		format_elapsed(app->now - t.started, elapsed, sizeof elapsed);
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
	client_free(&c);
	return rc;
}

const struct cli_command cmd_start_entry = {
	"start",
	start_run,
	"start [NOTE]",
	"start a timer for the client",
};

/* ---- cxo stop ---- */

static int stop_run(struct cxo_app *app, int argc, char **argv)
{
	static const struct option lo[] = {
		{ "at", required_argument, NULL, O_AT },
		{ "force", no_argument, NULL, O_FORCE },
		{ "note", required_argument, NULL, O_NOTE },
		{ "non-billable", no_argument, NULL, O_NON_BILLABLE },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *at = NULL, *note = NULL;
	bool force = false, billable = true;
	int at_minute = 0, opt, rc;
	char err[256];

	optind = 0;
	while ((opt = getopt_long(argc, argv, ":h", lo, NULL)) != -1) {
		switch (opt) {
		case 'h':
			return cli_show_usage(&cmd_stop_entry, NULL);
		case O_AT:
			at = optarg;
			if (!clock_parse(at, &at_minute, err, sizeof err))
				return app_error(EX_DATAERR, "--at: %s", err);
			break;
		case O_FORCE:
			force = true;
			break;
		case O_NOTE:
			note = text_trim(optarg);
			break;
		case O_NON_BILLABLE:
			billable = false;
			break;
		default:
			return cli_option_error(&cmd_stop_entry, NULL, lo, opt, argv);
		}
	}
	if (optind < argc)
		return cli_usage_error("stop", "unexpected argument \"%s\"", argv[optind]);
	if (at && force)
		return cli_usage_error("stop", "--at and --force conflict: --at gives the end "
		                               "time, --force keeps the time as it ran");

	if ((rc = app_open_existing(app)))
		return rc;
	struct timer t = { 0 };
	struct entry e = { 0 };
	struct client c = { 0 };
	char elapsed[32], when[64], start_iso[DAY_LEN];
	rc = store_timer_get(app->st, &t);
	if (rc == EX_NOINPUT)
		return app_error(rc, "no timer is running ('cxo start' starts one)");
	if (rc)
		return app_store_error(app, rc);

	cxo_day start_day;
	int start_minute;
	local_day(t.started, &start_day, &start_minute);
	date_format_iso(start_day, start_iso);
	int64_t end = app->now;
	format_elapsed(app->now - t.started, elapsed, sizeof elapsed);
	format_when(app, t.started, when, sizeof when);
	if (at) {
		end = local_time_on(t.started, at_minute);
		if (end < t.started) {
			rc = app_error(EX_DATAERR, "--at %s is before the timer started (%s)", at,
			               when);
			goto out;
		}
		if (end > app->now) {
			rc = app_error(EX_DATAERR, "--at %s on %s is in the future", at, start_iso);
			goto out;
		}
	} else {
		int64_t limit = (int64_t)app->cfg.timer_limit_minutes * 60;
		bool suspect = app->now - t.started > limit || start_day < app->today;
		if (suspect && !force) {
			rc = app_error(EX_DATAERR,
			               "the timer for %s has run %s (since %s): if it was "
			               "forgotten, give the end time "
			               "on %s with --at HH:MM, or keep all of it with --force",
			               t.client_key, elapsed, when, start_iso);
			goto out;
		}
		if (app->now - t.started > (int64_t)DURATION_MAX_MINUTES * 60) {
			rc = app_error(
			        EX_DATAERR,
			        "the timer for %s has run %s, longer than an entry can be (24h): "
			        "give the end time on %s with --at HH:MM",
			        t.client_key, elapsed, start_iso);
			goto out;
		}
	}
	long minutes = (long)((end - t.started + 30) / 60);
	if (minutes < 1)
		minutes = 1;
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

const struct cli_command cmd_stop_entry = {
	"stop",
	stop_run,
	"stop [--at HH:MM|--force] [--note TEXT] [--non-billable]",
	"stop the timer and log its time",
};

/* ---- cxo cancel ---- */

static int cancel_run(struct cxo_app *app, int argc, char **argv)
{
	int first, rc = cli_plain_args(&cmd_cancel_entry, NULL, argc, argv, &first);
	if (rc)
		return rc == CLI_HELP_SHOWN ? 0 : rc;
	if (first < argc)
		return cli_usage_error("cancel", "unexpected argument \"%s\"", argv[first]);
	if ((rc = app_open_existing(app)))
		return rc;
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
		format_elapsed(app->now - t.started, elapsed, sizeof elapsed);
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

const struct cli_command cmd_cancel_entry = {
	"cancel",
	cancel_run,
	"cancel",
	"discard the running timer without logging it",
};
