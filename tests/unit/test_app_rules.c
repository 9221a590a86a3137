/* Unit tests for src/app/rules.c: the business rules both front ends
 * apply. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "app/internal.h"
#include "cxo/clock.h"
#include "cxo/rules.h"

/* Wednesday 18 November 2026. */
static cxo_day today(void)
{
	return date_from_ymd(2026, 11, 18);
}

static void iso(cxo_day d, char out[DAY_LEN])
{
	date_format_iso(d, out);
}

static struct action action_with(const char *status, cxo_day due)
{
	struct action a;
	memset(&a, 0, sizeof a);
	snprintf(a.status, sizeof a.status, "%s", status);
	if (due)
		iso(due, a.due);
	return a;
}

Test(app_rules, open_actions_are_todo_and_waiting)
{
	const char *open[] = { "todo", "waiting" }, *closed[] = { "done", "dropped" };
	for (int i = 0; i < 2; i++) {
		struct action a = action_with(open[i], 0);
		cr_expect(action_is_open(&a), "%s", open[i]);
		struct action b = action_with(closed[i], 0);
		cr_expect_not(action_is_open(&b), "%s", closed[i]);
	}
}

Test(app_rules, overdue_is_open_and_due_before_today)
{
	cxo_day t = today();
	struct action late = action_with("todo", t - 1), due_today = action_with("todo", t);
	struct action done_late = action_with("done", t - 5), undated = action_with("waiting", 0);
	struct action waiting_late = action_with("waiting", t - 30);
	cr_expect(action_is_overdue(&late, t));
	cr_expect(action_is_overdue(&waiting_late, t));
	cr_expect_not(action_is_overdue(&due_today, t));
	cr_expect_not(action_is_overdue(&done_late, t));
	cr_expect_not(action_is_overdue(&undated, t));
}

Test(app_rules, due_soon_is_today_and_the_six_days_after)
{
	cxo_day t = today();
	for (int d = -3; d <= 10; d++) {
		struct action a = action_with("todo", t + d);
		cr_expect_eq(action_is_due_soon(&a, t), d >= 0 && d < DUE_SOON_DAYS, "in %dd", d);
		cr_expect_not(action_is_due_soon(&a, t) && action_is_overdue(&a, t));
	}
	struct action done = action_with("done", t + 1), undated = action_with("todo", 0);
	cr_expect_not(action_is_due_soon(&done, t));
	cr_expect_not(action_is_due_soon(&undated, t));
	char end[DAY_LEN];
	due_soon_end_iso(t, end);
	cr_expect_str_eq(end, "2026-11-25");
}

Test(app_rules, days_waited)
{
	cxo_day t = today();
	struct action a = action_with("waiting", 0);
	iso(t - 6, a.waiting_since);
	cr_expect(action_is_waiting(&a));
	cr_expect_eq(action_days_waited(&a, t), 6);
	iso(t, a.waiting_since);
	cr_expect_eq(action_days_waited(&a, t), 0);
	iso(t + 2, a.waiting_since); /* a clock that went back */
	cr_expect_eq(action_days_waited(&a, t), 0);
	struct action todo = action_with("todo", 0);
	iso(t - 6, todo.waiting_since);
	cr_expect_not(action_is_waiting(&todo));
	cr_expect_eq(action_days_waited(&todo, t), 0);
}

Test(app_rules, owner_me)
{
	cr_expect(owner_is_me(NULL));
	cr_expect(owner_is_me(""));
	cr_expect(owner_is_me("me"));
	cr_expect(owner_is_me("ME"));
	cr_expect_not(owner_is_me("Mei"));
	cr_expect_not(owner_is_me("Dana"));
}

Test(app_rules, action_begin_todo)
{
	struct action a;
	char err[256] = "";
	memset(&a, 0, sizeof a);
	cr_assert_eq(action_begin(&a, "Priya", NULL, "", today(), err, sizeof err), 0, "%s", err);
	cr_expect_str_eq(a.status, "todo");
	cr_expect_str_eq(a.owner, "Priya");
	cr_expect_null(a.waiting_for);
	cr_expect_str_eq(a.created, "2026-11-18");
	cr_expect_str_eq(a.waiting_since, "");
	action_free(&a);
	memset(&a, 0, sizeof a);
	cr_assert_eq(action_begin(&a, "me", NULL, NULL, today(), err, sizeof err), 0);
	cr_expect_null(a.owner, "me is stored as no owner");
	action_free(&a);
}

Test(app_rules, action_begin_waiting_since)
{
	struct action a;
	char err[256] = "";
	memset(&a, 0, sizeof a);
	cr_assert_eq(action_begin(&a, NULL, "Elena Ruiz", "2026-11-15", today(), err, sizeof err),
	             0, "%s", err);
	cr_expect_str_eq(a.status, "waiting");
	cr_expect_str_eq(a.waiting_for, "Elena Ruiz");
	cr_expect_null(a.owner, "the person waited for is not the owner: still me");
	cr_expect_str_eq(a.waiting_since, "2026-11-15");
	cr_expect_str_eq(a.created, "2026-11-15", "asked for days ago: it existed since then");
	action_free(&a);
}

Test(app_rules, action_begin_owner_and_waiting_apart)
{
	struct action a;
	char err[256] = "";
	memset(&a, 0, sizeof a);
	cr_assert_eq(action_begin(&a, "Dana", "Lucy", NULL, today(), err, sizeof err), 0, "%s",
	             err);
	cr_expect_str_eq(a.status, "waiting");
	cr_expect_str_eq(a.owner, "Dana");
	cr_expect_str_eq(a.waiting_for, "Lucy");
	cr_expect_str_eq(a.waiting_since, "2026-11-18");
	action_free(&a);
}

Test(app_rules, action_begin_refusals)
{
	struct action a;
	char err[256];
	memset(&a, 0, sizeof a);
	cr_expect_eq(action_begin(&a, NULL, NULL, "2026-11-15", today(), err, sizeof err),
	             EX_DATAERR);
	cr_expect(strstr(err, "--waiting"), "%s", err);
	cr_expect_eq(action_begin(&a, NULL, "Lucy", "2026-11-19", today(), err, sizeof err),
	             EX_DATAERR);
	cr_expect(strstr(err, "2026-11-19 is in the future"), "%s", err);
	cr_expect_eq(action_begin(&a, NULL, "  ", NULL, today(), err, sizeof err), EX_DATAERR);
	cr_expect(strstr(err, "empty name"), "%s", err);
	cr_expect_eq(action_begin(&a, "Dana", "me", NULL, today(), err, sizeof err), EX_DATAERR);
	cr_expect(strstr(err, "not me"), "%s", err);
	cr_expect_null(a.owner, "a refusal changes nothing");
	cr_expect_null(a.waiting_for);
	cr_expect_str_eq(a.status, "");
}

Test(app_rules, waiting_needs_a_person)
{
	struct action a = action_with("todo", 0);
	char err[256];
	cr_expect_eq(action_set_status(&a, "waiting", NULL, today(), err, sizeof err), EX_DATAERR);
	cr_expect(strstr(err, "waiting needs a person"), "%s", err);
	cr_expect_str_eq(a.status, "todo");
	cr_expect_eq(action_set_status(&a, "waiting", "me", today(), err, sizeof err), EX_DATAERR);
	cr_assert_eq(action_set_status(&a, "waiting", "Helen Park", today(), err, sizeof err), 0);
	cr_expect_str_eq(a.status, "waiting");
	cr_expect_str_eq(a.waiting_for, "Helen Park");
	cr_expect_null(a.owner, "the owner stays me");
	cr_expect_str_eq(a.waiting_since, "2026-11-18");
	action_free(&a);
}

Test(app_rules, waiting_for_me_is_refused)
{
	struct action a = action_with("todo", 0);
	char err[256];
	a.owner = strdup("Priya");
	cr_expect_eq(action_set_status(&a, "waiting", "ME", today(), err, sizeof err), EX_DATAERR);
	cr_expect(strstr(err, "waiting for me?"), "%s", err);
	cr_expect_str_eq(a.status, "todo", "a refusal changes nothing");
	cr_expect_null(a.waiting_for);
	cr_expect_str_eq(a.waiting_since, "");
	action_free(&a);
}

Test(app_rules, waiting_on_the_owner_already_named)
{
	struct action a = action_with("todo", 0);
	char err[256];
	a.owner = strdup("Priya");
	cr_assert_eq(action_set_status(&a, "waiting", NULL, today(), err, sizeof err), 0, "%s",
	             err);
	cr_expect_str_eq(a.owner, "Priya");
	cr_expect_str_eq(a.waiting_for, "Priya", "no one else named: it waits for its owner");
	cr_expect_str_eq(a.waiting_since, "2026-11-18");
	action_free(&a);
}

Test(app_rules, waiting_leaves_the_owner_alone)
{
	struct action a = action_with("todo", 0);
	char err[256];
	a.owner = strdup("Sam");
	cr_assert_eq(action_set_status(&a, "waiting", "Dana", today() - 3, err, sizeof err), 0);
	cr_expect_str_eq(a.owner, "Sam", "waiting leaves the owner alone");
	cr_expect_str_eq(a.waiting_for, "Dana");
	cr_expect_str_eq(a.waiting_since, "2026-11-15");
	cr_assert_eq(action_set_status(&a, "todo", "Raj", today(), err, sizeof err), 0);
	cr_expect_str_eq(a.status, "todo");
	cr_expect_str_eq(a.owner, "Sam", "the owner it had before is the owner again");
	cr_expect_null(a.waiting_for, "no one is waited for (a person is read for waiting only)");
	cr_expect_str_eq(a.waiting_since, "");
	action_free(&a);
}

Test(app_rules, leaving_waiting_for_done_or_dropped_clears_the_person)
{
	static const char *const ends[] = { "done", "dropped" };
	for (size_t i = 0; i < 2; i++) {
		struct action a = action_with("waiting", 0);
		char err[256];
		a.waiting_for = strdup("Dana");
		iso(today() - 2, a.waiting_since);
		cr_assert_eq(action_set_status(&a, ends[i], NULL, today(), err, sizeof err), 0);
		cr_expect_null(a.waiting_for, "%s", ends[i]);
		cr_expect_null(a.owner, "%s: the owner is me again", ends[i]);
		cr_expect_str_eq(a.waiting_since, "");
		action_free(&a);
	}
}

Test(app_rules, waiting_again_for_the_one_before_or_someone_new)
{
	struct action a = action_with("waiting", 0);
	char err[256];
	a.owner = strdup("Sam");
	a.waiting_for = strdup("Dana");
	iso(today() - 4, a.waiting_since);
	cr_assert_eq(action_set_status(&a, "waiting", NULL, today(), err, sizeof err), 0);
	cr_expect_str_eq(a.waiting_for, "Dana", "no one named: the one it waits for already");
	cr_expect_str_eq(a.waiting_since, "2026-11-14");
	cr_assert_eq(action_set_status(&a, "waiting", "Dana", today(), err, sizeof err), 0);
	cr_expect_str_eq(a.waiting_since, "2026-11-14", "the same person: the same wait");
	cr_assert_eq(action_set_status(&a, "waiting", "Raj", today(), err, sizeof err), 0);
	cr_expect_str_eq(a.waiting_for, "Raj");
	cr_expect_str_eq(a.waiting_since, "2026-11-18", "someone else: the wait starts again");
	cr_expect_str_eq(a.owner, "Sam");
	action_free(&a);
}

Test(app_rules, status_dates)
{
	struct action a = action_with("waiting", 0);
	char err[256];
	a.owner = strdup("Priya");
	iso(today() - 4, a.waiting_since);
	cr_assert_eq(action_set_status(&a, "done", NULL, today(), err, sizeof err), 0);
	cr_expect_str_eq(a.done_on, "2026-11-18");
	cr_expect_str_eq(a.waiting_since, "");
	cr_assert_eq(action_set_status(&a, "todo", NULL, today() + 1, err, sizeof err), 0);
	cr_expect_str_eq(a.done_on, "", "reopened");
	cr_assert_eq(action_set_status(&a, "dropped", NULL, today(), err, sizeof err), 0);
	cr_expect_str_eq(a.done_on, "");
	cr_expect_str_eq(a.status, "dropped");
	action_free(&a);
}

Test(app_rules, the_same_status_again_keeps_its_dates)
{
	struct action a = action_with("waiting", 0);
	char err[256];
	a.owner = strdup("Priya");
	iso(today() - 4, a.waiting_since);
	cr_assert_eq(action_set_status(&a, "waiting", NULL, today(), err, sizeof err), 0);
	cr_expect_str_eq(a.waiting_since, "2026-11-14");
	action_free(&a);
}

/* ---- risks ---- */

static const struct config *settings(void)
{
	static struct config cfg;
	config_defaults(&cfg);
	return &cfg;
}

Test(app_rules, risk_open_and_review)
{
	struct risk r;
	memset(&r, 0, sizeof r);
	risk_begin(&r, today());
	cr_expect_str_eq(r.category, "security");
	cr_expect_str_eq(r.treatment, "mitigate");
	cr_expect_str_eq(r.status, "open");
	cr_expect_str_eq(r.opened, "2026-11-18");
	cr_expect(risk_is_open(&r));
	snprintf(r.status, sizeof r.status, "mitigating");
	cr_expect(risk_is_open(&r));
	snprintf(r.status, sizeof r.status, "accepted");
	cr_expect_not(risk_is_open(&r));
	iso(today(), r.review);
	cr_expect(risk_review_due(&r, today()));
	cr_expect_not(risk_review_due(&r, today() - 1));
	snprintf(r.status, sizeof r.status, "closed");
	cr_expect_not(risk_review_due(&r, today() + 10));
}

Test(app_rules, default_review_from_the_level)
{
	const struct config *cfg = settings();
	struct risk r;
	memset(&r, 0, sizeof r);
	r.likelihood = 5;
	r.impact = 5;
	risk_default_review(&r, cfg, today());
	char want[DAY_LEN];
	iso(today() + cfg->review_days.days[RISK_CRITICAL], want);
	cr_expect_str_eq(r.review, want);
	r.likelihood = r.impact = 1;
	risk_default_review(&r, cfg, today());
	cr_expect_str_eq(r.review, want, "a review day already set stays");
	r.review[0] = '\0';
	risk_default_review(&r, cfg, today());
	iso(today() + cfg->review_days.days[RISK_LOW], want);
	cr_expect_str_eq(r.review, want);
}

Test(app_rules, accepting_needs_an_end_after_today)
{
	struct risk r;
	char err[256];
	memset(&r, 0, sizeof r);
	risk_begin(&r, today());
	iso(today() + 200, r.review);
	cr_expect_eq(risk_set_status(&r, "accepted", NULL, today(), err, sizeof err), EX_DATAERR);
	cr_expect(strstr(err, "needs a day"), "%s", err);
	cr_expect_eq(risk_set_status(&r, "accepted", "2026-11-18", today(), err, sizeof err),
	             EX_DATAERR);
	cr_expect(strstr(err, "not in the future"), "%s", err);
	cr_expect_str_eq(r.status, "open", "a refusal changes nothing");
	cr_assert_eq(risk_set_status(&r, "accepted", "2027-05-01", today(), err, sizeof err), 0);
	cr_expect_str_eq(r.status, "accepted");
	cr_expect_str_eq(r.treatment, "accept");
	cr_expect_str_eq(r.accepted_until, "2027-05-01");
	cr_expect_str_eq(r.review, "2027-05-01", "the review comes forward to the end");
}

Test(app_rules, an_acceptance_keeps_an_earlier_review)
{
	struct risk r;
	char err[256];
	memset(&r, 0, sizeof r);
	risk_begin(&r, today());
	iso(today() + 10, r.review);
	cr_assert_eq(risk_set_status(&r, "accepted", "2027-05-01", today(), err, sizeof err), 0);
	cr_expect_str_eq(r.review, "2026-11-28");
}

Test(app_rules, a_lapsed_acceptance_kept_as_it_was)
{
	struct risk r;
	char err[256];
	memset(&r, 0, sizeof r);
	risk_begin(&r, today());
	snprintf(r.status, sizeof r.status, "accepted");
	iso(today() - 3, r.accepted_until);
	/* Editing something else keeps the status and its (lapsed) end. */
	cr_expect_eq(risk_set_status(&r, "accepted", "", today(), err, sizeof err), 0, "%s", err);
	cr_expect_str_eq(r.accepted_until, "2026-11-15");
	/* A new end must be in the future. */
	cr_expect_eq(risk_set_status(&r, "accepted", "2026-11-16", today(), err, sizeof err),
	             EX_DATAERR);
}

Test(app_rules, closing_and_reopening)
{
	struct risk r;
	char err[256];
	memset(&r, 0, sizeof r);
	risk_begin(&r, today() - 30);
	cr_assert_eq(risk_set_status(&r, "accepted", "2027-01-01", today(), err, sizeof err), 0);
	cr_assert_eq(risk_set_status(&r, "closed", NULL, today(), err, sizeof err), 0);
	cr_expect_str_eq(r.closed, "2026-11-18");
	cr_expect_str_eq(r.accepted_until, "", "closing ends the acceptance");
	cr_assert_eq(risk_set_status(&r, "closed", NULL, today() + 5, err, sizeof err), 0);
	cr_expect_str_eq(r.closed, "2026-11-18", "closed again keeps its day");
	cr_assert_eq(risk_set_status(&r, "open", NULL, today(), err, sizeof err), 0);
	cr_expect_str_eq(r.closed, "");
	cr_expect_str_eq(r.status, "open");
	cr_assert_eq(risk_set_status(&r, "mitigating", NULL, today(), err, sizeof err), 0);
	cr_expect_str_eq(r.status, "mitigating");
}

/* ---- the timer, notes, pace ---- */

Test(app_rules, timer_minutes_and_forgotten)
{
	struct timer t;
	memset(&t, 0, sizeof t);
	int64_t now;
	cr_assert(clock_moment(today(), 10 * 3600, &now));
	t.started = now - 29;
	cr_expect_eq(timer_elapsed_minutes(&t, now), 0);
	cr_expect_eq(timer_entry_minutes(&t, now), 1, "at least a minute");
	t.started = now - 90;
	cr_expect_eq(timer_entry_minutes(&t, now), 2, "rounded to the nearest minute");
	t.started = now - 89;
	cr_expect_eq(timer_entry_minutes(&t, now), 1);
	cr_expect_eq(timer_elapsed_minutes(&t, now), 1);
	t.started = now + 60;
	cr_expect_eq(timer_elapsed_minutes(&t, now), 0, "a clock behind the start");

	t.started = now - 3600;
	cr_expect_not(timer_is_forgotten(&t, now, today(), 600));
	cr_expect(timer_is_forgotten(&t, now, today(), 59), "over the limit");
	int64_t yesterday_evening;
	cr_assert(clock_moment(today() - 1, 23 * 3600, &yesterday_evening));
	t.started = yesterday_evening;
	cr_expect(timer_is_forgotten(&t, now, today(), 600), "started before today");
}

/* stop --at HH:MM: that time on the day the timer started, or the next
 * day's for a session past midnight, within the timer limit. */
Test(app_rules, timer_end_at_past_midnight)
{
	struct timer t;
	memset(&t, 0, sizeof t);
	char err[256], day[DAY_LEN];
	int64_t end, want, now;
	cxo_day yesterday = today() - 1;
	cr_assert(clock_moment(yesterday, 23 * 3600, &t.started));
	cr_assert(clock_moment(today(), 10 * 3600, &now));

	/* 23:00 to 00:30: the next day's 00:30, an hour and a half. */
	cr_assert_eq(timer_end_at(&t, 30, now, 600, &end, err, sizeof err), 0, "%s", err);
	cr_assert(clock_moment(today(), 30 * 60, &want));
	cr_expect_eq(end, want);
	cr_expect_eq(timer_entry_minutes(&t, end), 90);
	/* The entry stays on the day the session began. */
	timer_entry_day(&t, day);
	char y[DAY_LEN];
	iso(yesterday, y);
	cr_expect_str_eq(day, y);
	/* After the start, the same day's time. */
	cr_assert_eq(timer_end_at(&t, 23 * 60 + 45, now, 600, &end, err, sizeof err), 0);
	cr_assert(clock_moment(yesterday, (23 * 60 + 45) * 60, &want));
	cr_expect_eq(end, want);
	/* Up to the limit past midnight; beyond it, not plausible. */
	cr_expect_eq(timer_end_at(&t, 9 * 60, now, 600, &end, err, sizeof err), 0, "%s", err);
	cr_expect_eq(timer_entry_minutes(&t, end), 600);
	cr_expect_eq(timer_end_at(&t, 9 * 60 + 1, now, 600, &end, err, sizeof err), EX_DATAERR);
	cr_expect(strstr(err, "--at 09:01 is before the timer started (23:00 on "), "%s", err);
	cr_expect(strstr(err, "would make 10h 01m, longer than the timer limit (10h)"), "%s", err);
	cr_expect_eq(timer_end_at(&t, 22 * 60 + 59, now, 600, &end, err, sizeof err), EX_DATAERR);
	cr_expect(strstr(err, "would make 23h 59m"), "%s", err);
	/* A smaller limit makes the same end implausible. */
	cr_expect_eq(timer_end_at(&t, 30, now, 60, &end, err, sizeof err), EX_DATAERR);
	cr_expect(strstr(err, "longer than the timer limit (1h)"), "%s", err);
	/* The next day's time must have come. */
	cr_assert(clock_moment(today(), 20 * 60, &now));
	cr_expect_eq(timer_end_at(&t, 30, now, 600, &end, err, sizeof err), EX_DATAERR);
	char msg[64], td[DAY_LEN];
	iso(today(), td);
	snprintf(msg, sizeof msg, "--at 00:30 on %s is in the future", td);
	cr_expect_str_eq(err, msg);

	/* A timer started this morning: an earlier time is not tomorrow's
	 * either (that is still to come). */
	cr_assert(clock_moment(today(), 9 * 3600 + 30 * 60 + 40, &t.started));
	cr_assert(clock_moment(today(), 11 * 3600, &now));
	cr_expect_eq(timer_end_at(&t, 8 * 60, now, 600, &end, err, sizeof err), EX_DATAERR);
	cr_expect(strstr(err, "before the timer started (09:30 on "), "%s", err);
	/* The minute it started is the start. */
	cr_expect_eq(timer_end_at(&t, 9 * 60 + 30, now, 600, &end, err, sizeof err), 0, "%s", err);
	cr_expect_eq(end, t.started);
	cr_expect_eq(timer_entry_minutes(&t, end), 1);
	cr_expect_eq(timer_end_at(&t, 10 * 60 + 30, now, 600, &end, err, sizeof err), 0);
	cr_expect_eq(timer_end_at(&t, 11 * 60 + 1, now, 600, &end, err, sizeof err), EX_DATAERR);
	cr_expect(strstr(err, "is in the future"), "%s", err);
}

Test(app_rules, note_stamps)
{
	char stamp[STAMP_LEN], err[256];
	int64_t now, want;
	cr_assert(clock_moment(today(), 9 * 3600 + 15 * 60, &now));
	cr_expect_eq(note_stamp("", now, today(), stamp, err, sizeof err), 0);
	cr_expect_str_eq(stamp, "", "now: the store stamps it");
	cr_expect_eq(note_stamp("2026-11-18", now, today(), stamp, err, sizeof err), 0);
	cr_expect_str_eq(stamp, "");
	cr_expect_eq(note_stamp("2026-11-10", now, today(), stamp, err, sizeof err), 0);
	cr_assert(clock_moment(today() - 8, 9 * 3600 + 15 * 60, &want));
	char expect[STAMP_LEN];
	clock_stamp_format(want, expect);
	cr_expect_str_eq(stamp, expect, "that day at the present time of day");
	cr_expect_eq(note_stamp("2026-11-19", now, today(), stamp, err, sizeof err), EX_DATAERR);
	cr_expect(strstr(err, "in the future"), "%s", err);
}

Test(app_rules, pace_by_the_settings)
{
	struct pace p, q;
	const struct config *cfg = settings();
	hours_pace(cfg, 20 * 60, 10 * 60, today(), &p);
	const struct pace_rules rules = { cfg->workdays, cfg->budget_warn_percent,
		                          cfg->pace_tolerance_percent,
		                          cfg->pace_too_early_percent };
	memset(&q, 0, sizeof q);
	pace_compute(20 * 60, 10 * 60, 2026, 11, today(), &rules, &q);
	cr_expect_eq(p.level, q.level);
	cr_expect_eq(p.judged, q.judged);
	cr_expect_eq(p.projected_minutes, q.projected_minutes);
	cr_expect_eq(p.expected_minutes, q.expected_minutes);
	cr_expect_eq(p.percent_used, 50);
}

Test(app_rules, pace_tolerance_and_too_early_from_the_settings)
{
	/* 18 November 2026: 13 of 21 working days.  12.5h of 20h projects to
	 * 20.2h: on pace with the default 10%, a warning with none. */
	struct config cfg;
	struct pace p;
	config_defaults(&cfg);
	hours_pace(&cfg, 20 * 60, 750, today(), &p);
	cr_expect_eq(p.projected_minutes, 1212);
	cr_expect_eq(p.level, PACE_OK);
	cfg.pace_tolerance_percent = 0;
	hours_pace(&cfg, 20 * 60, 750, today(), &p);
	cr_expect_eq(p.level, PACE_WARNING);
	/* 2h by then projects to 3.2h: behind; with 70% too early, not judged */
	config_defaults(&cfg);
	hours_pace(&cfg, 20 * 60, 120, today(), &p);
	cr_expect_eq(p.level, PACE_BEHIND);
	cfg.pace_too_early_percent = 70;
	hours_pace(&cfg, 20 * 60, 120, today(), &p);
	cr_expect(!p.judged);
	cr_expect_eq(p.level, PACE_OK);
	/* A past month through hours_pace_month */
	config_defaults(&cfg);
	hours_pace_month(&cfg, 20 * 60, 600, 2026, 10, today(), &p);
	cr_expect_eq(p.level, PACE_BEHIND);
}

Test(app_rules, capacity_is_a_ceiling_never_behind)
{
	struct config cfg;
	struct pace p;
	config_defaults(&cfg); /* 120h */
	capacity_pace_month(&cfg, 60 * 60, 2026, 11, today(), &p);
	cr_expect_eq(p.budget_minutes, 120 * 60);
	cr_expect_eq(p.projected_minutes, 5815); /* 3600 * 21 / 13 */
	cr_expect_eq(p.level, PACE_OK, "spare capacity is not behind");
	capacity_pace_month(&cfg, 0, 2026, 10, today(), &p);
	cr_expect_eq(p.level, PACE_OK);
	capacity_pace_month(&cfg, 90 * 60, 2026, 11, today(), &p);
	cr_expect_eq(p.level, PACE_WARNING);
	capacity_pace_month(&cfg, 121 * 60, 2026, 10, today(), &p);
	cr_expect_eq(p.level, PACE_OVER);
}

/* ---- reopening ---- */

Test(app_rules, action_reopens_to_what_it_was)
{
	char err[256];
	struct action a = action_with("waiting", 0), before = action_with("waiting", 0);
	a.waiting_for = strdup("Dana");
	snprintf(a.waiting_since, DAY_LEN, "2026-11-10");
	before.waiting_for = strdup("Dana");
	snprintf(before.waiting_since, DAY_LEN, "2026-11-10");
	cr_assert_eq(action_set_status(&a, "done", NULL, today(), err, sizeof err), 0);
	cr_assert_str_eq(a.done_on, "2026-11-18");
	cr_assert_null(a.waiting_for);
	cr_assert_eq(action_reopen(&a, &before, today(), err, sizeof err), 0, "%s", err);
	cr_expect_str_eq(a.status, "waiting");
	cr_expect_str_eq(a.waiting_for, "Dana");
	cr_expect_str_eq(a.waiting_since, "2026-11-10", "the wait keeps its day");
	cr_expect_str_eq(a.done_on, "");
	cr_expect_eq(action_reopen(&a, &before, today(), err, sizeof err), EX_DATAERR,
	             "open already");
	cr_expect(strstr(err, "open already") != NULL, "%s", err);
	action_free(&a);
	action_free(&before);
}

Test(app_rules, action_reopens_to_todo_without_a_before)
{
	char err[256];
	struct action a = action_with("dropped", 0);
	cr_assert_eq(action_reopen(&a, NULL, today(), err, sizeof err), 0, "%s", err);
	cr_expect_str_eq(a.status, "todo");
	cr_expect_str_eq(a.done_on, "");
	action_free(&a);
}

Test(app_rules, risk_reopens_to_its_acceptance)
{
	char err[256];
	struct risk r, before;
	memset(&r, 0, sizeof r);
	risk_begin(&r, today());
	cr_assert_eq(risk_set_status(&r, "accepted", "2027-05-18", today(), err, sizeof err), 0);
	before = r; /* only its fixed fields are read */
	before.title = before.owner = before.mitigation = before.framework = NULL;
	cr_assert_eq(risk_set_status(&r, "closed", NULL, today(), err, sizeof err), 0);
	cr_assert_str_eq(r.accepted_until, "");
	cr_assert_eq(risk_reopen(&r, &before, today(), err, sizeof err), 0, "%s", err);
	cr_expect_str_eq(r.status, "accepted");
	cr_expect_str_eq(r.accepted_until, "2027-05-18");
	cr_expect_str_eq(r.treatment, "accept");
	cr_expect_str_eq(r.closed, "");
	cr_expect_eq(risk_reopen(&r, &before, today(), err, sizeof err), 0,
	             "accepted is not open: it reopens, to open");
	cr_expect_str_eq(r.status, "open");
	cr_expect_eq(risk_reopen(&r, NULL, today(), err, sizeof err), EX_DATAERR);
	risk_free(&r);
}

Test(app_rules, risk_reopens_to_open_without_a_before)
{
	char err[256];
	struct risk r;
	memset(&r, 0, sizeof r);
	risk_begin(&r, today());
	cr_assert_eq(risk_set_status(&r, "closed", NULL, today(), err, sizeof err), 0);
	cr_assert_eq(risk_reopen(&r, NULL, today(), err, sizeof err), 0, "%s", err);
	cr_expect_str_eq(r.status, "open");
	cr_expect_str_eq(r.closed, "");
	risk_free(&r);
}

Test(app_rules, mandate_reopens)
{
	char err[256];
	struct mandate m;
	memset(&m, 0, sizeof m);
	snprintf(m.status, sizeof m.status, "done");
	cr_assert_eq(mandate_reopen(&m, "active", err, sizeof err), 0);
	cr_expect_str_eq(m.status, "active");
	cr_expect_eq(mandate_reopen(&m, NULL, err, sizeof err), EX_DATAERR, "active already");
	snprintf(m.status, sizeof m.status, "dropped");
	cr_assert_eq(mandate_reopen(&m, "done", err, sizeof err), 0);
	cr_expect_str_eq(m.status, "done", "dropped after done: back to done");
	cr_assert_eq(mandate_reopen(&m, NULL, err, sizeof err), 0);
	cr_expect_str_eq(m.status, "active");
	cr_expect(mandate_is_closed(&m) == false);
}
