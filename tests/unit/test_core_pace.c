/* Unit tests for src/core/pace.c. */
#include "cxo/pace.h"

#include <criterion/criterion.h>
#include <string.h>

static cxo_day D(int y, int m, int d)
{
	return date_from_ymd(y, m, d);
}

static struct pace run(long budget, long used, int y, int m, cxo_day today, unsigned wd, int warn)
{
	struct pace p;
	memset(&p, 0xa5, sizeof p); /* every field must be written */
	pace_compute(budget, used, y, m, today, wd, warn, &p);
	return p;
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
	struct pace p = run(1200, 1000, 2026, 11, D(2026, 11, 23), WORKDAYS_MON_FRI, 95);
	cr_assert_eq(p.projected_minutes, 1313); /* 1312.5 rounds up */
	cr_assert_eq(p.percent_used, 83);
	cr_assert_eq(p.level, PACE_WARNING);
}

Test(core_pace, warn_percent_threshold)
{
	/* After the month the projection is what was used */
	struct pace p = run(1000, 799, 2026, 11, D(2026, 12, 5), WORKDAYS_MON_FRI, 80);
	cr_assert_eq(p.projected_minutes, 799);
	cr_assert_eq(p.percent_used, 79);
	cr_assert_eq(p.level, PACE_OK);
	p = run(1000, 800, 2026, 11, D(2026, 12, 5), WORKDAYS_MON_FRI, 80);
	cr_assert_eq(p.percent_used, 80);
	cr_assert_eq(p.level, PACE_WARNING);
	/* 79.99% is still 79 and not a warning */
	p = run(10000, 7999, 2026, 11, D(2026, 12, 5), WORKDAYS_MON_FRI, 80);
	cr_assert_eq(p.percent_used, 79);
	cr_assert_eq(p.level, PACE_OK);
	/* warn_percent 0 turns the percentage rule off */
	p = run(1000, 999, 2026, 11, D(2026, 12, 5), WORKDAYS_MON_FRI, 0);
	cr_assert_eq(p.level, PACE_OK);
	/* used exactly at the budget is a warning, not over */
	p = run(1000, 1000, 2026, 11, D(2026, 12, 5), WORKDAYS_MON_FRI, 100);
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
	/* The first working day already counts */
	p = run(1200, 90, 2026, 11, D(2026, 11, 2), WORKDAYS_MON_FRI, 80);
	cr_assert_eq(p.workdays_elapsed, 1);
	cr_assert_eq(p.expected_minutes, 57); /* 57.14 */
	cr_assert_eq(p.projected_minutes, 1890);
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
	pace_compute(1200, 0, 2026, 11, D(2026, 11, 23), WORKDAYS_MON_FRI, 80, NULL);
	cr_assert_str_eq(pace_level_name(PACE_OK), "ok");
	cr_assert_str_eq(pace_level_name(PACE_WARNING), "warning");
	cr_assert_str_eq(pace_level_name(PACE_OVER), "over");
	cr_assert_str_eq(pace_level_name((enum pace_level)42), "unknown");
}
