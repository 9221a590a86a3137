/*
 * pace.c: a month's hours against its budget.
 *
 * Expected and projected minutes round to the nearest minute (half up);
 * the percentage of the budget used is rounded down, so "80%" is never
 * shown before 80% is really reached.  The level compares in whole
 * numbers: a projection exactly at the tolerance's edge is on pace.
 */
#include "cxo/pace.h"
#include "calendar.h"

#include <stdbool.h>
#include <stddef.h>

/* a * b / c rounded half up, for non-negative b and positive c. */
static long mul_div_round(long a, long b, long c)
{
	long long num = (long long)a * b;
	long long q = num / c, r = num % c;
	if (r < 0) {
		q--;
		r += c;
	}
	return (long)(q + (2 * r >= c));
}

/* Whether n lies beyond base by more than percent of it, above (sign 1)
 * or below (sign -1); exact in integers. */
static bool beyond(long n, long base, int percent, int sign)
{
	long long scaled = (long long)n * 100, bound = (long long)base * (100 + sign * percent);
	return sign > 0 ? scaled > bound : scaled < bound;
}

void pace_compute(long budget_minutes, long used_minutes, int year, int month, cxo_day today,
                  const struct pace_rules *rules, struct pace *out)
{
	cxo_day first = date_from_ymd(year, month, 1);
	cxo_day last = date_next_month(year, month) - 1;
	struct pace p = { 0 };

	p.budget_minutes = budget_minutes;
	p.used_minutes = used_minutes;
	p.workdays_total = date_count_workdays(first, last, rules->workdays);
	if (today < first)
		p.workdays_elapsed = 0;
	else if (today > last)
		p.workdays_elapsed = p.workdays_total;
	else
		p.workdays_elapsed = date_count_workdays(first, today, rules->workdays);

	if (p.workdays_total > 0)
		p.expected_minutes =
		        mul_div_round(budget_minutes, p.workdays_elapsed, p.workdays_total);
	else
		/* No working days at all: the budget is due once the month is over. */
		p.expected_minutes = today > last ? budget_minutes : 0;

	if (p.workdays_elapsed > 0)
		p.projected_minutes =
		        mul_div_round(used_minutes, p.workdays_total, p.workdays_elapsed);
	else
		p.projected_minutes = used_minutes;

	p.level = PACE_OK;
	if (budget_minutes > 0) {
		int tol = rules->tolerance_percent;
		p.percent_used = (int)((long long)used_minutes * 100 / budget_minutes);
		/* Too early to tell until this share of the working days has begun. */
		p.judged = p.workdays_elapsed > 0 &&
		           (long long)p.workdays_elapsed * 100 >=
		                   (long long)rules->too_early_percent * p.workdays_total;
		if (used_minutes > budget_minutes)
			p.level = PACE_OVER;
		else if (rules->warn_percent > 0 &&
		         (long long)used_minutes * 100 >=
		                 (long long)rules->warn_percent * budget_minutes)
			p.level = PACE_WARNING;
		else if (p.judged && beyond(p.projected_minutes, budget_minutes, tol, 1))
			p.level = PACE_WARNING;
		else if (p.judged && beyond(p.projected_minutes, budget_minutes, tol, -1))
			p.level = PACE_BEHIND;
	} else {
		p.percent_used = 0;
	}
	if (out)
		*out = p;
}

const char *pace_level_name(enum pace_level level)
{
	switch (level) {
	case PACE_OK:
		return "ok";
	case PACE_WARNING:
		return "warning";
	case PACE_OVER:
		return "over";
	case PACE_BEHIND:
		return "behind";
	}
	return "unknown";
}
