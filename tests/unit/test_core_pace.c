/* Unit tests for src/core/pace.c. */
#include "cxo/pace.h"

#include <criterion/criterion.h>
#include <limits.h>
#include <string.h>

static cxo_day D(int y, int m, int d)
{
	return date_from_ymd(y, m, d);
}

static struct pace run_rules(long budget, long used, int y, int m, cxo_day today,
                             const struct pace_rules *rules)
{
	struct pace p;
	memset(&p, 0xa5, sizeof p); /* every field must be written */
	pace_compute(budget, used, y, m, today, rules, &p);
	return p;
}

/* With the default tolerance and too-early share. */
static struct pace run(long budget, long used, int y, int m, cxo_day today, unsigned wd, int warn)
{
	const struct pace_rules rules = { wd, warn, PACE_TOLERANCE_DEFAULT,
		                          PACE_TOO_EARLY_DEFAULT };
	return run_rules(budget, used, y, m, today, &rules);
}

/* Every rule given: working days Monday to Friday. */
static struct pace run_tol(long budget, long used, int y, int m, cxo_day today, int warn, int tol,
                           int early)
{
	const struct pace_rules rules = { WORKDAYS_MON_FRI, warn, tol, early };
	return run_rules(budget, used, y, m, today, &rules);
}

/* November 2026 starts on a Sunday and has 21 weekdays; the 23rd is a
 * Monday with 16 weekdays up to and including it. */
Test(core_pace, mid_month_on_pace)
{
	struct pace p = run(1200, 900, 2026, 11, D(2026, 11, 23), WORKDAYS_MON_FRI, 80);
	cr_assert_eq(p.budget_minutes, 1200);
	cr_assert_eq(p.used_minutes, 900);
	cr_assert_eq(p.workdays_total, 21);
	cr_assert_eq(p.workdays_elapsed, 16);
	cr_assert_eq(p.expected_minutes, 914);   /* 914.29 */
	cr_assert_eq(p.projected_minutes, 1181); /* 1181.25 */
	cr_assert_eq(p.percent_used, 75);
	cr_assert_eq(p.level, PACE_OK);
}

Test(core_pace, projection_over_budget_warns)
{
	/* Without a tolerance any projection over the budget warns ... */
	struct pace p = run_tol(1200, 1000, 2026, 11, D(2026, 11, 23), 95, 0, 20);
	cr_assert_eq(p.projected_minutes, 1313); /* 1312.5 rounds up */
	cr_assert_eq(p.percent_used, 83);
	cr_assert_eq(p.level, PACE_WARNING);
	/* ... with the default 10% (1320 of 1200) this one is on pace. */
	p = run(1200, 1000, 2026, 11, D(2026, 11, 23), WORKDAYS_MON_FRI, 95);
	cr_assert_eq(p.projected_minutes, 1313);
	cr_assert(p.judged);
	cr_assert_eq(p.level, PACE_OK);
}

/* A tolerance of 25% keeps the month's end (a projection of what was
 * used) out of "behind" here: these are about warn_percent alone. */
static struct pace run_warn(long budget, long used, int y, int m, cxo_day today, unsigned wd,
                            int warn)
{
	const struct pace_rules rules = { wd, warn, 25, PACE_TOO_EARLY_DEFAULT };
	return run_rules(budget, used, y, m, today, &rules);
}

Test(core_pace, warn_percent_threshold)
{
	/* After the month the projection is what was used */
	struct pace p = run_warn(1000, 799, 2026, 11, D(2026, 12, 5), WORKDAYS_MON_FRI, 80);
	cr_assert_eq(p.projected_minutes, 799);
	cr_assert_eq(p.percent_used, 79);
	cr_assert_eq(p.level, PACE_OK);
	p = run_warn(1000, 800, 2026, 11, D(2026, 12, 5), WORKDAYS_MON_FRI, 80);
	cr_assert_eq(p.percent_used, 80);
	cr_assert_eq(p.level, PACE_WARNING);
	/* 79.99% is still 79 and not a warning */
	p = run_warn(10000, 7999, 2026, 11, D(2026, 12, 5), WORKDAYS_MON_FRI, 80);
	cr_assert_eq(p.percent_used, 79);
	cr_assert_eq(p.level, PACE_OK);
	/* warn_percent 0 turns the percentage rule off */
	p = run_warn(1000, 999, 2026, 11, D(2026, 12, 5), WORKDAYS_MON_FRI, 0);
	cr_assert_eq(p.level, PACE_OK);
	/* used exactly at the budget is a warning, not over */
	p = run_warn(1000, 1000, 2026, 11, D(2026, 12, 5), WORKDAYS_MON_FRI, 100);
	cr_assert_eq(p.percent_used, 100);
	cr_assert_eq(p.level, PACE_WARNING);
}

Test(core_pace, over_budget)
{
	struct pace p = run(1200, 1201, 2026, 11, D(2026, 11, 30), WORKDAYS_MON_FRI, 80);
	cr_assert_eq(p.level, PACE_OVER);
	cr_assert_eq(p.percent_used, 100);
	p = run(600, 1500, 2026, 11, D(2026, 11, 2), WORKDAYS_MON_FRI, 80);
	cr_assert_eq(p.level, PACE_OVER);
	cr_assert_eq(p.percent_used, 250);
}

Test(core_pace, weekend_today)
{
	/* Saturday 28th and Sunday 29th: elapsed stops at Friday the 27th */
	struct pace sat = run(2100, 0, 2026, 11, D(2026, 11, 28), WORKDAYS_MON_FRI, 80);
	struct pace sun = run(2100, 0, 2026, 11, D(2026, 11, 29), WORKDAYS_MON_FRI, 80);
	struct pace fri = run(2100, 0, 2026, 11, D(2026, 11, 27), WORKDAYS_MON_FRI, 80);
	cr_assert_eq(fri.workdays_elapsed, 20);
	cr_assert_eq(sat.workdays_elapsed, 20);
	cr_assert_eq(sun.workdays_elapsed, 20);
	cr_assert_eq(sat.expected_minutes, 2000);
	cr_assert_eq(sun.expected_minutes, 2000);
	struct pace mon = run(2100, 0, 2026, 11, D(2026, 11, 30), WORKDAYS_MON_FRI, 80);
	cr_assert_eq(mon.workdays_elapsed, 21);
	cr_assert_eq(mon.expected_minutes, 2100);
}

Test(core_pace, no_working_day_elapsed_yet)
{
	/* Sunday 1 November: nothing elapsed, so the projection is what was used */
	struct pace p = run(1200, 90, 2026, 11, D(2026, 11, 1), WORKDAYS_MON_FRI, 80);
	cr_assert_eq(p.workdays_elapsed, 0);
	cr_assert_eq(p.expected_minutes, 0);
	cr_assert_eq(p.projected_minutes, 90);
	cr_assert_eq(p.level, PACE_OK);
	cr_assert(!p.judged);
	/* The first working day already counts */
	p = run(1200, 90, 2026, 11, D(2026, 11, 2), WORKDAYS_MON_FRI, 80);
	cr_assert_eq(p.workdays_elapsed, 1);
	cr_assert_eq(p.expected_minutes, 57); /* 57.14 */
	cr_assert_eq(p.projected_minutes, 1890);
	/* ... but one meeting on the first day is too early to tell by
	 * default; judged from that day, it is a warning. */
	cr_assert(!p.judged);
	cr_assert_eq(p.level, PACE_OK);
	p = run_tol(1200, 90, 2026, 11, D(2026, 11, 2), 80, 10, 0);
	cr_assert(p.judged);
	cr_assert_eq(p.level, PACE_WARNING);
}

Test(core_pace, month_boundaries)
{
	/* Today before the month: none elapsed */
	struct pace p = run(1200, 0, 2026, 11, D(2026, 10, 31), WORKDAYS_MON_FRI, 80);
	cr_assert_eq(p.workdays_total, 21);
	cr_assert_eq(p.workdays_elapsed, 0);
	cr_assert_eq(p.expected_minutes, 0);
	/* Today after the month: all elapsed */
	p = run(1200, 600, 2026, 11, D(2026, 12, 1), WORKDAYS_MON_FRI, 80);
	cr_assert_eq(p.workdays_elapsed, 21);
	cr_assert_eq(p.expected_minutes, 1200);
	cr_assert_eq(p.projected_minutes, 600);
	p = run(1200, 600, 2026, 11, D(2030, 1, 1), WORKDAYS_MON_FRI, 80);
	cr_assert_eq(p.workdays_elapsed, 21);
	/* First and last day of the month */
	p = run(1200, 0, 2026, 12, D(2026, 12, 1), WORKDAYS_MON_FRI, 80);
	cr_assert_eq(p.workdays_total, 23);
	cr_assert_eq(p.workdays_elapsed, 1);
	p = run(1200, 0, 2026, 12, D(2026, 12, 31), WORKDAYS_MON_FRI, 80);
	cr_assert_eq(p.workdays_elapsed, 23);
	cr_assert_eq(p.expected_minutes, 1200);
	/* December ends the year: January 1st is after it */
	p = run(1200, 0, 2026, 12, D(2027, 1, 1), WORKDAYS_MON_FRI, 80);
	cr_assert_eq(p.workdays_elapsed, 23);
	/* February, normal and leap */
	p = run(600, 0, 2026, 2, D(2026, 2, 28), WORKDAYS_MON_FRI, 80);
	cr_assert_eq(p.workdays_total, 20);
	cr_assert_eq(p.workdays_elapsed, 20);
	p = run(600, 0, 2024, 2, D(2024, 2, 29), WORKDAYS_MON_FRI, 80);
	cr_assert_eq(p.workdays_total, 21);
	cr_assert_eq(p.workdays_elapsed, 21);
	p = run(600, 0, 2024, 2, D(2024, 2, 28), WORKDAYS_MON_FRI, 80);
	cr_assert_eq(p.workdays_elapsed, 20);
}

Test(core_pace, zero_budget_is_always_ok)
{
	struct pace p = run(0, 5000, 2026, 11, D(2026, 11, 23), WORKDAYS_MON_FRI, 80);
	cr_assert_eq(p.level, PACE_OK);
	cr_assert_eq(p.percent_used, 0);
	cr_assert_eq(p.expected_minutes, 0);
	cr_assert_eq(p.projected_minutes, 6563); /* 5000 * 21 / 16 = 6562.5 */
	p = run(0, 0, 2026, 11, D(2026, 11, 23), WORKDAYS_MON_FRI, 80);
	cr_assert_eq(p.level, PACE_OK);
	p = run(-60, 100, 2026, 11, D(2026, 11, 23), WORKDAYS_MON_FRI, 80);
	cr_assert_eq(p.level, PACE_OK);
	cr_assert_eq(p.percent_used, 0);
}

Test(core_pace, other_working_weeks)
{
	/* Sunday to Thursday: November 2026 has 5 Sundays, so 22 */
	unsigned sun_thu = 0x0fu | 0x40u;
	struct pace p = run(2200, 0, 2026, 11, D(2026, 11, 1), sun_thu, 80);
	cr_assert_eq(p.workdays_total, 22);
	cr_assert_eq(p.workdays_elapsed, 1);
	cr_assert_eq(p.expected_minutes, 100);
	/* Every day */
	p = run(3000, 0, 2026, 11, D(2026, 11, 15), 0x7fu, 80);
	cr_assert_eq(p.workdays_total, 30);
	cr_assert_eq(p.workdays_elapsed, 15);
	cr_assert_eq(p.expected_minutes, 1500);
}

Test(core_pace, month_without_working_days)
{
	struct pace p = run(1200, 300, 2026, 11, D(2026, 11, 15), 0, 80);
	cr_assert_eq(p.workdays_total, 0);
	cr_assert_eq(p.workdays_elapsed, 0);
	cr_assert_eq(p.expected_minutes, 0);
	cr_assert_eq(p.projected_minutes, 300);
	cr_assert_eq(p.percent_used, 25);
	cr_assert_eq(p.level, PACE_OK);
	p = run(1200, 300, 2026, 11, D(2026, 12, 15), 0, 80);
	cr_assert_eq(p.expected_minutes, 1200);
}

Test(core_pace, expected_rounds_half_up)
{
	/* 10 * 16 / 21 = 7.62 -> 8; 21 * 1 / 2 -> 10.5 -> 11 */
	struct pace p = run(10, 0, 2026, 11, D(2026, 11, 23), WORKDAYS_MON_FRI, 80);
	cr_assert_eq(p.expected_minutes, 8);
	/* Over each day of the month the expectation never decreases */
	long prev = -1;
	for (int d = 1; d <= 30; d++) {
		p = run(1234, 0, 2026, 11, D(2026, 11, d), WORKDAYS_MON_FRI, 80);
		cr_assert(p.expected_minutes >= prev);
		cr_assert(p.expected_minutes <= 1234);
		prev = p.expected_minutes;
	}
	cr_assert_eq(prev, 1234);
}

Test(core_pace, null_out_and_names)
{
	const struct pace_rules rules = { WORKDAYS_MON_FRI, 80, 10, 20 };
	pace_compute(1200, 0, 2026, 11, D(2026, 11, 23), &rules, NULL);
	cr_assert_str_eq(pace_level_name(PACE_OK), "ok");
	cr_assert_str_eq(pace_level_name(PACE_WARNING), "warning");
	cr_assert_str_eq(pace_level_name(PACE_OVER), "over");
	cr_assert_str_eq(pace_level_name(PACE_BEHIND), "behind");
	cr_assert_str_eq(pace_level_name((enum pace_level)42), "unknown");
}

/* ---- the tolerance, too early to tell, behind ---- */

/* Tuesday 10 November 2026: 7 of 21 working days, so the projection is
 * exactly three times what was used. */
Test(core_pace, tolerance_edges_are_on_pace)
{
	cxo_day tue10 = D(2026, 11, 10);
	struct pace p = run_tol(1200, 440, 2026, 11, tue10, 90, 10, 20);
	cr_assert_eq(p.workdays_elapsed, 7);
	cr_assert_eq(p.projected_minutes, 1320); /* budget + 10% exactly */
	cr_assert(p.judged);
	cr_assert_eq(p.level, PACE_OK);
	p = run_tol(1200, 441, 2026, 11, tue10, 90, 10, 20);
	cr_assert_eq(p.projected_minutes, 1323);
	cr_assert_eq(p.level, PACE_WARNING);
	p = run_tol(1200, 360, 2026, 11, tue10, 90, 10, 20);
	cr_assert_eq(p.projected_minutes, 1080); /* budget - 10% exactly */
	cr_assert_eq(p.level, PACE_OK);
	p = run_tol(1200, 359, 2026, 11, tue10, 90, 10, 20);
	cr_assert_eq(p.projected_minutes, 1077);
	cr_assert_eq(p.level, PACE_BEHIND);
	p = run_tol(1200, 400, 2026, 11, tue10, 90, 10, 20);
	cr_assert_eq(p.projected_minutes, 1200);
	cr_assert_eq(p.level, PACE_OK);
}

Test(core_pace, tolerance_zero_and_whole)
{
	cxo_day tue10 = D(2026, 11, 10);
	/* 0: only the exact pace is on pace */
	cr_assert_eq(run_tol(1200, 400, 2026, 11, tue10, 90, 0, 20).level, PACE_OK);
	cr_assert_eq(run_tol(1200, 401, 2026, 11, tue10, 90, 0, 20).level, PACE_WARNING);
	cr_assert_eq(run_tol(1200, 399, 2026, 11, tue10, 90, 0, 20).level, PACE_BEHIND);
	/* 100: never behind, a warning only past twice the budget */
	cr_assert_eq(run_tol(1200, 0, 2026, 11, tue10, 90, 100, 20).level, PACE_OK);
	cr_assert_eq(run_tol(1200, 800, 2026, 11, tue10, 0, 100, 20).level, PACE_OK);
	cr_assert_eq(run_tol(1200, 801, 2026, 11, tue10, 0, 100, 20).level, PACE_WARNING);
}

Test(core_pace, an_unused_retainer_is_behind)
{
	/* 0h of 12.5h once the pace is judged */
	struct pace p = run(750, 0, 2026, 11, D(2026, 11, 18), WORKDAYS_MON_FRI, 90);
	cr_assert(p.judged);
	cr_assert_eq(p.projected_minutes, 0);
	cr_assert_eq(p.level, PACE_BEHIND);
	/* A past month that ended short of the budget stays behind */
	p = run(1200, 1000, 2026, 10, D(2026, 11, 18), WORKDAYS_MON_FRI, 90);
	cr_assert_eq(p.projected_minutes, 1000);
	cr_assert_eq(p.level, PACE_BEHIND);
	p = run(1200, 1080, 2026, 10, D(2026, 11, 18), WORKDAYS_MON_FRI, 95);
	cr_assert_eq(p.level, PACE_OK);
	/* A month not begun is never judged */
	p = run(1200, 0, 2026, 12, D(2026, 11, 18), WORKDAYS_MON_FRI, 90);
	cr_assert(!p.judged);
	cr_assert_eq(p.level, PACE_OK);
}

Test(core_pace, too_early_to_tell)
{
	/* November 2026, 21 working days: 20% is 4.2, so the 5th working day
	 * (Friday the 6th) is the first judged. */
	struct pace p = run(1200, 0, 2026, 11, D(2026, 11, 5), WORKDAYS_MON_FRI, 90);
	cr_assert_eq(p.workdays_elapsed, 4);
	cr_assert(!p.judged);
	cr_assert_eq(p.level, PACE_OK);
	p = run(1200, 0, 2026, 11, D(2026, 11, 6), WORKDAYS_MON_FRI, 90);
	cr_assert_eq(p.workdays_elapsed, 5);
	cr_assert(p.judged);
	cr_assert_eq(p.level, PACE_BEHIND);
	/* The weekend after still counts 5 */
	cr_assert(run(1200, 0, 2026, 11, D(2026, 11, 8), WORKDAYS_MON_FRI, 90).judged);
	/* A heavy start: too early, then a warning */
	p = run(1200, 600, 2026, 11, D(2026, 11, 5), WORKDAYS_MON_FRI, 90);
	cr_assert_eq(p.projected_minutes, 3150);
	cr_assert_eq(p.level, PACE_OK);
	cr_assert_eq(run(1200, 600, 2026, 11, D(2026, 11, 6), WORKDAYS_MON_FRI, 90).level,
	             PACE_WARNING);
	/* A share that falls on a whole day: February 2026 has 20 working days,
	 * 20% is 4, and the 4th (Thursday the 5th) is judged. */
	cr_assert(!run(1200, 0, 2026, 2, D(2026, 2, 4), WORKDAYS_MON_FRI, 90).judged);
	cr_assert(run(1200, 0, 2026, 2, D(2026, 2, 5), WORKDAYS_MON_FRI, 90).judged);
	/* One meeting on 2 December against 25h (on pace, or near it) */
	p = run(1500, 150, 2026, 12, D(2026, 12, 2), WORKDAYS_MON_FRI, 90);
	cr_assert(!p.judged);
	cr_assert_eq(p.level, PACE_OK);
}

Test(core_pace, too_early_share_edges)
{
	/* 0: judged from the first working day, never before one */
	cr_assert(!run_tol(1200, 0, 2026, 11, D(2026, 11, 1), 90, 10, 0).judged);
	cr_assert(run_tol(1200, 0, 2026, 11, D(2026, 11, 2), 90, 10, 0).judged);
	cr_assert_eq(run_tol(1200, 0, 2026, 11, D(2026, 11, 2), 90, 10, 0).level, PACE_BEHIND);
	/* 100: only once every working day has begun (Monday the 30th) */
	cr_assert(!run_tol(1200, 0, 2026, 11, D(2026, 11, 27), 90, 10, 100).judged);
	cr_assert(run_tol(1200, 0, 2026, 11, D(2026, 11, 30), 90, 10, 100).judged);
	/* No working day in the month: never judged */
	const struct pace_rules none = { 0, 90, 10, 0 };
	cr_assert(!run_rules(1200, 0, 2026, 11, D(2026, 12, 15), &none).judged);
	cr_assert_eq(run_rules(1200, 0, 2026, 11, D(2026, 12, 15), &none).level, PACE_OK);
	/* No budget: nothing to judge */
	cr_assert(!run(0, 600, 2026, 11, D(2026, 11, 18), WORKDAYS_MON_FRI, 90).judged);
}

Test(core_pace, what_was_used_counts_from_the_first_day)
{
	/* Too early to judge the projection, not what was used */
	struct pace p = run(1200, 1201, 2026, 11, D(2026, 11, 2), WORKDAYS_MON_FRI, 90);
	cr_assert(!p.judged);
	cr_assert_eq(p.level, PACE_OVER);
	p = run(1200, 1080, 2026, 11, D(2026, 11, 2), WORKDAYS_MON_FRI, 90);
	cr_assert_eq(p.level, PACE_WARNING);
	p = run(1200, 1079, 2026, 11, D(2026, 11, 2), WORKDAYS_MON_FRI, 90);
	cr_assert_eq(p.level, PACE_OK);
}

Test(core_pace, warning_threshold_before_behind)
{
	/* A finished month at 60% with the warning at 50%: under-used by the
	 * projection, but the threshold the user set comes first. */
	struct pace p = run_tol(1000, 600, 2026, 10, D(2026, 11, 18), 50, 10, 20);
	cr_assert_eq(p.projected_minutes, 600);
	cr_assert_eq(p.level, PACE_WARNING);
	p = run_tol(1000, 499, 2026, 10, D(2026, 11, 18), 50, 10, 20);
	cr_assert_eq(p.level, PACE_BEHIND);
}

/* The order of the levels as the hours grow: behind, on pace, warning,
 * over, never back. */
static int rank(enum pace_level level)
{
	switch (level) {
	case PACE_BEHIND:
		return 0;
	case PACE_OK:
		return 1;
	case PACE_WARNING:
		return 2;
	case PACE_OVER:
		return 3;
	}
	return -1;
}

/* November 2026 as of every day from the eve of the month to the day
 * after it, the minutes used from 0 to past the budget, several budgets
 * and rule sets: the level is what the definition in pace.h says, and
 * grows with the hours used. */
Test(core_pace, every_day_every_minute)
{
	static const struct pace_rules sets[] = {
		{ WORKDAYS_MON_FRI, 90, 10, 20 }, { WORKDAYS_MON_FRI, 0, 0, 0 },
		{ WORKDAYS_MON_FRI, 50, 25, 50 }, { 0x7fu, 100, 100, 100 },
		{ 0x0fu | 0x40u, 80, 5, 10 },
	};
	static const long budgets[] = { 1, 60, 750, 1200, 1500, 2400 };
	for (size_t si = 0; si < sizeof sets / sizeof sets[0]; si++) {
		const struct pace_rules *r = &sets[si];
		for (size_t bi = 0; bi < sizeof budgets / sizeof budgets[0]; bi++) {
			long budget = budgets[bi];
			for (cxo_day today = D(2026, 10, 31); today <= D(2026, 12, 1); today++) {
				int prev = -1;
				for (long used = 0; used <= budget + budget / 4 + 2;
				     used += budget > 100 ? 7 : 1) {
					struct pace p = run_rules(budget, used, 2026, 11, today, r);
					bool judged =
					        p.workdays_elapsed > 0 &&
					        p.workdays_elapsed * 100 >=
					                r->too_early_percent * p.workdays_total;
					long long proj = (long long)p.projected_minutes * 100;
					enum pace_level want =
					        used > budget ? PACE_OVER
					        : r->warn_percent && used * 100 >= r->warn_percent *
					                                                   budget
					                ? PACE_WARNING
					        : judged && proj > budget * (100LL +
					                                     r->tolerance_percent)
					                ? PACE_WARNING
					        : judged && proj < budget * (100LL -
					                                     r->tolerance_percent)
					                ? PACE_BEHIND
					                : PACE_OK;
					cr_assert_eq(p.judged, judged);
					cr_assert_eq(p.level, want,
					             "set %zu budget %ld day %ld used %ld", si,
					             budget, (long)today, used);
					cr_assert(rank(p.level) >= prev,
					          "set %zu budget %ld used %ld", si, budget, used);
					prev = rank(p.level);
				}
			}
		}
	}
}

/* Values from a file anyone may have edited: no product overflows (UBSan
 * under make sanitize), and the answers keep their order. */
Test(core_pace, a_budget_of_2_to_the_63_does_not_overflow)
{
	/* Wednesday 18 November 2026: 13 of 21 working days begun. */
	struct pace p = run(LONG_MAX, 600, 2026, 11, D(2026, 11, 18), 0x1f, 80);
	cr_assert_eq(p.percent_used, 0);
	cr_assert_eq(p.level, PACE_BEHIND);
	cr_assert_gt(p.expected_minutes, LONG_MAX / 21 * 12, "got %ld", p.expected_minutes);
	cr_assert_lt(p.expected_minutes, LONG_MAX / 21 * 14, "got %ld", p.expected_minutes);
	cr_assert_eq(p.projected_minutes, 969); /* 600 * 21 / 13 */
}

Test(core_pace, hours_of_2_to_the_63_do_not_overflow)
{
	struct pace p = run(1200, LONG_MAX, 2026, 11, D(2026, 11, 18), 0x1f, 80);
	cr_assert_eq(p.level, PACE_OVER);
	cr_assert_eq(p.percent_used, INT_MAX);
	cr_assert_eq(p.projected_minutes, LONG_MAX, "saturated, got %ld", p.projected_minutes);
	p = run(LONG_MAX, LONG_MAX, 2026, 11, D(2026, 11, 18), 0x1f, 80);
	cr_assert_eq(p.percent_used, 100);
	cr_assert_eq(p.level, PACE_WARNING);
	p = run(LONG_MAX, LONG_MAX / 2, 2026, 11, D(2026, 11, 18), 0x1f, 0);
	cr_assert_eq(p.percent_used, 49); /* (2^62 - 1) / (2^63 - 1), rounded down */
	/* Half used with 13 of 21 working days begun: 81% by month end. */
	cr_assert_eq(p.level, PACE_BEHIND, "got %d", p.level);
}
