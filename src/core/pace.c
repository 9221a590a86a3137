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

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>

/*
 * The inputs come from a file anyone may have edited: a budget of 2^63
 * minutes must give an answer, not an overflow.  Products that do not fit
 * in 64 bits saturate (mul_div_round) or are compared in long double,
 * whose 64-bit mantissa keeps the order of such large numbers.
 */

/* a * b / c rounded half up, for non-negative b and positive c;
 * saturated at the range of long. */
static long mul_div_round(long a, long b, long c)
{
	long long num;
	if (__builtin_mul_overflow((long long)a, (long long)b, &num)) {
		/* a = q * c + r: a * b / c = q * b + r * b / c. */
		long long q = a / c, r = a % c, hi, lo, sum;
		if (__builtin_mul_overflow(q, (long long)b, &hi) ||
		    __builtin_mul_overflow(r, (long long)b, &lo) ||
		    __builtin_add_overflow(hi, lo / c, &sum) || sum > LONG_MAX || sum < LONG_MIN)
			return a < 0 ? LONG_MIN : LONG_MAX;
		return (long)sum;
	}
	long long q = num / c, r = num % c;
	if (r < 0) {
		q--;
		r += c;
	}
	q += 2 * r >= c;
	return q > LONG_MAX ? LONG_MAX : q < LONG_MIN ? LONG_MIN : (long)q;
}

/* The sign of a * fa - b * fb, exactly when the products fit. */
static int cmp_products(long long a, long long fa, long long b, long long fb)
{
	long long x, y;
	if (!__builtin_mul_overflow(a, fa, &x) && !__builtin_mul_overflow(b, fb, &y))
		return (x > y) - (x < y);
	long double lx = (long double)a * fa, ly = (long double)b * fb;
	return (lx > ly) - (lx < ly);
}

/* Whether n lies beyond base by more than percent of it, above (sign 1)
 * or below (sign -1). */
static bool beyond(long n, long base, int percent, int sign)
{
	int c = cmp_products(n, 100, base, 100 + (long long)sign * percent);
	return sign > 0 ? c > 0 : c < 0;
}

/* used as a whole percentage of budget (positive), rounded down; at most
 * INT_MAX. */
static int percent_of(long used, long budget)
{
	long long p;
	if (__builtin_mul_overflow((long long)used, 100LL, &p)) {
		long double x = (long double)used * 100 / budget;
		p = x >= (long double)INT_MAX   ? INT_MAX
		    : x <= (long double)INT_MIN ? INT_MIN
		                                : (long long)x;
	} else {
		p /= budget;
	}
	return p > INT_MAX ? INT_MAX : p < INT_MIN ? INT_MIN : (int)p;
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
		p.percent_used = percent_of(used_minutes, budget_minutes);
		/* Too early to tell until this share of the working days has begun. */
		p.judged = p.workdays_elapsed > 0 &&
		           (long long)p.workdays_elapsed * 100 >=
		                   (long long)rules->too_early_percent * p.workdays_total;
		if (used_minutes > budget_minutes)
			p.level = PACE_OVER;
		else if (rules->warn_percent > 0 &&
		         cmp_products(used_minutes, 100, budget_minutes, rules->warn_percent) >= 0)
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
