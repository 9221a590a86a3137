/*
 * rules.c: the business rules, each written once (see rules.h).
 */
#include "cxo/rules.h"

#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "cxo/clock.h"
#include "cxo/risk.h"
#include "cxo/text.h"

static int refuse(char *err, size_t errsz, const char *msg)
{
	if (err && errsz)
		snprintf(err, errsz, "%s", msg);
	return EX_DATAERR;
}

static bool is_blank(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return !*s;
}

static bool day_of(const char *iso, cxo_day *out)
{
	return iso && *iso && date_parse_iso(iso, out);
}

/* ---- actions ---- */

bool action_is_open(const struct action *a)
{
	return !strcmp(a->status, "todo") || !strcmp(a->status, "waiting");
}

bool action_is_overdue(const struct action *a, cxo_day today)
{
	cxo_day due;
	return action_is_open(a) && day_of(a->due, &due) && due < today;
}

bool action_is_due_soon(const struct action *a, cxo_day today)
{
	cxo_day due;
	return action_is_open(a) && day_of(a->due, &due) && due >= today &&
	       due < today + DUE_SOON_DAYS;
}

void due_soon_end_iso(cxo_day today, char out[DAY_LEN])
{
	date_format_iso(today + DUE_SOON_DAYS, out);
}

bool action_is_waiting(const struct action *a)
{
	return !strcmp(a->status, "waiting");
}

int action_days_waited(const struct action *a, cxo_day today)
{
	cxo_day since;
	if (!action_is_waiting(a) || !day_of(a->waiting_since, &since) || since >= today)
		return 0;
	return (int)(today - since);
}

bool owner_is_me(const char *owner)
{
	return !owner || !*owner || text_ieq(owner, "me");
}

/* A person named: not NULL, not blank, not me. */
static bool names_someone(const char *who)
{
	return who && !is_blank(who) && !owner_is_me(who);
}

int action_begin(struct action *a, const char *owner, const char *waiting, const char *since,
                 cxo_day today, char *err, size_t errsz)
{
	cxo_day since_day = today;
	if (since && *since) {
		if (!waiting)
			return refuse(err, errsz,
			              "--since DATE says since when you wait: it goes with "
			              "--waiting PERSON");
		if (!date_parse_iso(since, &since_day))
			return refuse(err, errsz, "--since: not a day");
		if (since_day > today) {
			snprintf(err, errsz,
			         "--since: %s is in the future (expected today or a past day, such "
			         "as -3d)",
			         since);
			return EX_DATAERR;
		}
	}
	if (waiting && is_blank(waiting))
		return refuse(err, errsz,
		              "--waiting: name the person waited for (got an empty name)");
	if (waiting && owner_is_me(waiting))
		return refuse(err, errsz,
		              "--waiting: name the person the action waits for, not me");
	if (!text_replace(&a->owner, owner_is_me(owner) ? NULL : owner) ||
	    !text_replace(&a->waiting_for, waiting))
		return refuse(err, errsz, "out of memory");
	snprintf(a->status, WORD_LEN, "%s", waiting ? "waiting" : "todo");
	/* Asked for days ago: the action has existed since then. */
	date_format_iso(since_day, a->created);
	if (waiting)
		date_format_iso(since_day, a->waiting_since);
	else
		a->waiting_since[0] = '\0';
	a->done_on[0] = '\0';
	return 0;
}

int action_set_status(struct action *a, const char *status, const char *who, cxo_day today,
                      char *err, size_t errsz)
{
	if (!strcmp(status, "waiting")) {
		if (who && !is_blank(who) && owner_is_me(who))
			return refuse(err, errsz,
			              "waiting for me? name the person the action waits for");
		/* The person named, else the one it waits for already, else
		 * the owner when that is someone else. */
		const char *person = names_someone(who)              ? who
		                     : names_someone(a->waiting_for) ? a->waiting_for
		                     : names_someone(a->owner)       ? a->owner
		                                                     : NULL;
		if (!person)
			return refuse(err, errsz,
			              "waiting needs a person: name who the action waits for");
		bool was_waiting = action_is_waiting(a);
		/* Waiting for someone else now: the wait starts again. */
		bool other = a->waiting_for && strcmp(a->waiting_for, person) != 0;
		if (person != a->waiting_for && !text_replace(&a->waiting_for, person))
			return refuse(err, errsz, "out of memory");
		if (was_waiting && !other)
			return 0;
		snprintf(a->status, WORD_LEN, "waiting");
		date_format_iso(today, a->waiting_since);
		a->done_on[0] = '\0';
		return 0;
	}
	/* Not waiting: nobody is waited for, and the owner is what it was. */
	free(a->waiting_for);
	a->waiting_for = NULL;
	if (!strcmp(a->status, status))
		return 0;
	snprintf(a->status, WORD_LEN, "%s", status);
	a->waiting_since[0] = '\0';
	if (!strcmp(status, "done"))
		date_format_iso(today, a->done_on);
	else
		a->done_on[0] = '\0';
	return 0;
}

/* ---- risks ---- */

bool risk_is_open(const struct risk *r)
{
	return !strcmp(r->status, "open") || !strcmp(r->status, "mitigating");
}

bool risk_review_due(const struct risk *r, cxo_day today)
{
	cxo_day review;
	return strcmp(r->status, "closed") != 0 && day_of(r->review, &review) && review <= today;
}

void risk_begin(struct risk *r, cxo_day today)
{
	snprintf(r->category, WORD_LEN, "security");
	snprintf(r->treatment, WORD_LEN, "mitigate");
	snprintf(r->status, WORD_LEN, "open");
	date_format_iso(today, r->opened);
}

void risk_default_review(struct risk *r, const struct config *cfg, cxo_day today)
{
	if (r->review[0])
		return;
	enum risk_level level =
	        risk_level_of(risk_score(r->likelihood, r->impact), &cfg->thresholds);
	date_format_iso(today + cfg->review_days.days[level], r->review);
}

int risk_set_status(struct risk *r, const char *status, const char *until, cxo_day today, char *err,
                    size_t errsz)
{
	char today_iso[DAY_LEN];
	date_format_iso(today, today_iso);
	if (!strcmp(status, "accepted")) {
		char end[DAY_LEN];
		cxo_day end_day;
		snprintf(end, sizeof end, "%s", until && *until ? until : r->accepted_until);
		bool renewed = until && *until && strcmp(until, r->accepted_until) != 0;
		if (!*end)
			return refuse(err, errsz,
			              "an accepted risk needs a day to look at it again: accept it "
			              "until a day (e.g. +6m)");
		if (!date_parse_iso(end, &end_day))
			return refuse(err, errsz, "the acceptance's end is not a day");
		/* A new or changed acceptance must end after today; one kept as it
		 * was may have lapsed, which the lists then show. */
		if ((renewed || strcmp(r->status, "accepted") != 0) && end_day <= today) {
			snprintf(err, errsz,
			         "the acceptance's end %s is not in the future (an acceptance must "
			         "end after today)",
			         end);
			return EX_DATAERR;
		}
		snprintf(r->accepted_until, DAY_LEN, "%s", end);
		snprintf(r->treatment, WORD_LEN, "accept");
		r->closed[0] = '\0';
		/* The acceptance ends: that is when it must be looked at again. */
		if (!*r->review || strcmp(r->review, end) > 0)
			snprintf(r->review, DAY_LEN, "%s", end);
	} else if (!strcmp(status, "closed")) {
		if (strcmp(r->status, "closed") != 0 || !*r->closed)
			snprintf(r->closed, DAY_LEN, "%s", today_iso);
		r->accepted_until[0] = '\0';
	} else {
		r->closed[0] = '\0';
		r->accepted_until[0] = '\0';
	}
	snprintf(r->status, WORD_LEN, "%s", status);
	return 0;
}

/* ---- reopening what was closed ---- */

bool action_is_closed(const struct action *a)
{
	return !action_is_open(a);
}

bool risk_is_closed(const struct risk *r)
{
	return !risk_is_open(r);
}

bool mandate_is_closed(const struct mandate *m)
{
	return strcmp(m->status, "active") != 0;
}

int action_reopen(struct action *a, const struct action *before, cxo_day today, char *err,
                  size_t errsz)
{
	if (action_is_open(a))
		return refuse(err, errsz, "the action is open already");
	if (!before || !action_is_open(before))
		return action_set_status(a, "todo", NULL, today, err, errsz);
	if (!text_replace(&a->waiting_for, action_is_waiting(before) ? before->waiting_for : NULL))
		return refuse(err, errsz, "out of memory");
	snprintf(a->status, WORD_LEN, "%s", before->status);
	snprintf(a->waiting_since, DAY_LEN, "%s",
	         action_is_waiting(before) ? before->waiting_since : "");
	a->done_on[0] = '\0';
	return 0;
}

int risk_reopen(struct risk *r, const struct risk *before, cxo_day today, char *err, size_t errsz)
{
	if (risk_is_open(r))
		return refuse(err, errsz, "the risk is open already");
	if (!before || !strcmp(before->status, r->status) || !*before->status)
		return risk_set_status(r, "open", NULL, today, err, errsz);
	snprintf(r->status, WORD_LEN, "%s", before->status);
	snprintf(r->closed, DAY_LEN, "%s", before->closed);
	snprintf(r->accepted_until, DAY_LEN, "%s", before->accepted_until);
	snprintf(r->treatment, WORD_LEN, "%s", before->treatment);
	snprintf(r->review, DAY_LEN, "%s", before->review);
	return 0;
}

int mandate_reopen(struct mandate *m, const char *before, char *err, size_t errsz)
{
	if (!mandate_is_closed(m))
		return refuse(err, errsz, "the mandate is active already");
	bool known = before && (!strcmp(before, "active") || !strcmp(before, "done") ||
	                        !strcmp(before, "dropped"));
	snprintf(m->status, WORD_LEN, "%s",
	         known && strcmp(before, m->status) != 0 ? before : "active");
	return 0;
}

/* ---- the timer ---- */

int64_t timer_elapsed_seconds(const struct timer *t, int64_t now)
{
	int64_t secs;
	if (__builtin_sub_overflow(now, t->started, &secs))
		return now > t->started ? INT64_MAX : INT64_MIN;
	return secs;
}

long timer_elapsed_minutes(const struct timer *t, int64_t now)
{
	int64_t secs = timer_elapsed_seconds(t, now);
	return secs > 0 ? (long)(secs / 60) : 0;
}

long timer_entry_minutes(const struct timer *t, int64_t end)
{
	int64_t secs = timer_elapsed_seconds(t, end);
	long minutes = secs > INT64_MAX - 30 ? (long)(INT64_MAX / 60) : (long)((secs + 30) / 60);
	return minutes < 1 ? 1 : minutes;
}

bool timer_is_forgotten(const struct timer *t, int64_t now, cxo_day today, int limit_minutes)
{
	cxo_day started;
	if (timer_elapsed_seconds(t, now) > (int64_t)limit_minutes * 60)
		return true;
	return clock_local(t->started, &started, NULL) && started < today;
}

void timer_entry_day(const struct timer *t, char day[DAY_LEN])
{
	cxo_day started;
	if (clock_local(t->started, &started, NULL))
		date_format_iso(started, day);
	else
		day[0] = '\0';
}

/* "10h", "1h 30m", "45m" */
static void hours_minutes(long minutes, char *buf, size_t n)
{
	if (minutes < 60)
		snprintf(buf, n, "%ldm", minutes);
	else if (minutes % 60)
		snprintf(buf, n, "%ldh %02ldm", minutes / 60, minutes % 60);
	else
		snprintf(buf, n, "%ldh", minutes / 60);
}

int timer_end_at(const struct timer *t, int at_minute, int64_t now, int limit_minutes, int64_t *end,
                 char *err, size_t errsz)
{
	cxo_day day;
	int second;
	char at[16], start[16], iso[DAY_LEN];
	*end = t->started;
	if (at_minute < 0 || at_minute >= 24 * 60 || !clock_local(t->started, &day, &second) ||
	    !clock_moment(day, at_minute * 60, end))
		return refuse(err, errsz,
		              "--at: cannot place that time on the day the timer started");
	snprintf(at, sizeof at, "%02d:%02d", at_minute / 60, at_minute % 60);
	snprintf(start, sizeof start, "%02d:%02d", second / 3600, second / 60 % 60);
	date_format_iso(day, iso);
	if (*end < t->started && at_minute == second / 60)
		*end = t->started; /* the minute it started */
	if (*end < t->started) {
		/* Before the start: the next day's, when the session is then
		 * one a person works (23:00 to 00:30), not a forgotten one. */
		int64_t next;
		if (!clock_moment(day + 1, at_minute * 60, &next))
			return refuse(err, errsz, "--at: cannot place that time on the next day");
		long minutes = (long)((next - t->started + 30) / 60);
		if (minutes > limit_minutes) {
			char ran[32], limit[32];
			hours_minutes(minutes, ran, sizeof ran);
			hours_minutes(limit_minutes, limit, sizeof limit);
			snprintf(
			        err, errsz,
			        "--at %s is before the timer started (%s on %s), and %s the next "
			        "day would make %s, longer than the timer limit (%s): give the end "
			        "time on %s",
			        at, start, iso, at, ran, limit, iso);
			return EX_DATAERR;
		}
		*end = next;
		date_format_iso(day + 1, iso);
	}
	if (*end > now) {
		snprintf(err, errsz, "--at %s on %s is in the future", at, iso);
		return EX_DATAERR;
	}
	return 0;
}

/* ---- notes ---- */

int note_stamp(const char *day, int64_t now, cxo_day today, char stamp[STAMP_LEN], char *err,
               size_t errsz)
{
	cxo_day d;
	int second;
	int64_t then;
	stamp[0] = '\0';
	if (!day || !*day)
		return 0;
	if (!date_parse_iso(day, &d))
		return refuse(err, errsz, "--date: not a day");
	if (d > today) {
		snprintf(err, errsz,
		         "--date: %s is in the future (expected today or a past day, such as -2d)",
		         day);
		return EX_DATAERR;
	}
	if (d == today)
		return 0;
	if (!clock_local(now, NULL, &second) || !clock_moment(d, second, &then)) {
		snprintf(err, errsz, "--date: cannot place a note on %s", day);
		return EX_DATAERR;
	}
	clock_stamp_format(then, stamp);
	return 0;
}

/* ---- hours ---- */

void hours_pace_month(const struct config *cfg, long budget_minutes, long used_minutes, int year,
                      int month, cxo_day today, struct pace *out)
{
	const struct pace_rules rules = {
		.workdays = cfg->workdays,
		.warn_percent = cfg->budget_warn_percent,
		.tolerance_percent = cfg->pace_tolerance_percent,
		.too_early_percent = cfg->pace_too_early_percent,
	};
	pace_compute(budget_minutes, used_minutes, year, month, today, &rules, out);
}

void capacity_pace_month(const struct config *cfg, long used_minutes, int year, int month,
                         cxo_day today, struct pace *out)
{
	struct pace p;
	hours_pace_month(cfg, cfg->capacity_minutes, used_minutes, year, month, today, &p);
	if (p.level == PACE_BEHIND)
		p.level = PACE_OK;
	if (out)
		*out = p;
}

void hours_pace(const struct config *cfg, long budget_minutes, long used_minutes, cxo_day today,
                struct pace *out)
{
	int y, m, d;
	date_to_ymd(today, &y, &m, &d);
	hours_pace_month(cfg, budget_minutes, used_minutes, y, m, today, out);
}
