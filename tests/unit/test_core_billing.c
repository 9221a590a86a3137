/* Unit tests for src/core/billing.c: rounding and the retainer rules. */
#include "core/billing_round.h"

#include <criterion/criterion.h>
#include <limits.h>
#include <stdint.h>
#include <string.h>

TestSuite(core_billing);

static struct billing_terms terms(int inc, enum billing_mode mode, enum billing_scope scope)
{
	struct billing_terms t = { 0 };
	t.round_minutes = inc;
	t.mode = mode;
	t.scope = scope;
	return t;
}

static long rnd(long minutes, int inc, enum billing_mode mode)
{
	struct billing_terms t = terms(inc, mode, BILLING_PER_ENTRY);
	return billing_round(minutes, &t);
}

Test(core_billing, zero_minutes)
{
	for (int m = BILLING_UP; m <= BILLING_NEAREST; m++) {
		cr_assert_eq(rnd(0, 15, (enum billing_mode)m), 0, "mode %d", m);
		cr_assert_eq(rnd(0, 1, (enum billing_mode)m), 0, "mode %d", m);
	}
	cr_assert_eq(rnd(0, 0, BILLING_UP), 0);
}

Test(core_billing, no_increment_keeps_minutes)
{
	cr_assert_eq(rnd(37, 0, BILLING_UP), 37);
	cr_assert_eq(rnd(37, 0, BILLING_DOWN), 37);
	cr_assert_eq(rnd(37, 0, BILLING_NEAREST), 37);
	cr_assert_eq(billing_round(37, NULL), 37);
	cr_assert_eq(rnd(-5, 15, BILLING_UP), 0, "negative minutes count as 0");
	cr_assert_eq(rnd(-5, 0, BILLING_UP), 0);
}

Test(core_billing, exactly_one_increment)
{
	cr_assert_eq(rnd(15, 15, BILLING_UP), 15);
	cr_assert_eq(rnd(15, 15, BILLING_DOWN), 15);
	cr_assert_eq(rnd(15, 15, BILLING_NEAREST), 15);
	cr_assert_eq(rnd(6, 6, BILLING_UP), 6);
	cr_assert_eq(rnd(240, 240, BILLING_UP), 240);
	cr_assert_eq(rnd(1, 1, BILLING_UP), 1);
}

Test(core_billing, one_minute_over_and_under)
{
	cr_assert_eq(rnd(16, 15, BILLING_UP), 30);
	cr_assert_eq(rnd(16, 15, BILLING_DOWN), 15);
	cr_assert_eq(rnd(16, 15, BILLING_NEAREST), 15);
	cr_assert_eq(rnd(14, 15, BILLING_UP), 15);
	cr_assert_eq(rnd(14, 15, BILLING_DOWN), 0);
	cr_assert_eq(rnd(14, 15, BILLING_NEAREST), 15);
	cr_assert_eq(rnd(1, 240, BILLING_UP), 240);
	cr_assert_eq(rnd(1, 240, BILLING_DOWN), 0);
	cr_assert_eq(rnd(1, 240, BILLING_NEAREST), 0);
}

Test(core_billing, nearest_at_the_half)
{
	/* an odd increment: the half (7.5) lies between 7 and 8 */
	cr_assert_eq(rnd(7, 15, BILLING_NEAREST), 0);
	cr_assert_eq(rnd(8, 15, BILLING_NEAREST), 15);
	cr_assert_eq(rnd(22, 15, BILLING_NEAREST), 15);
	cr_assert_eq(rnd(23, 15, BILLING_NEAREST), 30);
	/* an even one: exactly the half rounds up */
	cr_assert_eq(rnd(2, 6, BILLING_NEAREST), 0);
	cr_assert_eq(rnd(3, 6, BILLING_NEAREST), 6);
	cr_assert_eq(rnd(9, 6, BILLING_NEAREST), 12);
	cr_assert_eq(rnd(120, 240, BILLING_NEAREST), 240);
	cr_assert_eq(rnd(119, 240, BILLING_NEAREST), 0);
}

Test(core_billing, huge_minutes_saturate)
{
	long top15 = LONG_MAX - LONG_MAX % 15;
	cr_assert_eq(rnd(LONG_MAX, 15, BILLING_DOWN), top15);
	/* the next multiple of 15 does not fit: the largest value does */
	cr_assert_eq(rnd(LONG_MAX, 15, BILLING_UP), LONG_MAX);
	cr_assert_eq(rnd(LONG_MAX, 240, BILLING_NEAREST),
	             LONG_MAX % 240 >= 120 ? LONG_MAX : LONG_MAX - LONG_MAX % 240);
	cr_assert_eq(rnd(LONG_MAX, 0, BILLING_UP), LONG_MAX);
	cr_assert_eq(rnd(LONG_MAX, 1, BILLING_UP), LONG_MAX);
}

/* Three billable entries of 5 minutes and one of 20 on the next day, and
 * 7 non-billable minutes. */
static const struct billing_entry week[] = {
	{ 100, 5, true }, { 100, 5, true }, { 100, 7, false }, { 100, 5, true }, { 101, 20, true },
};
#define NWEEK (sizeof week / sizeof *week)

static struct billing_sums sums_of(const struct billing_entry *e, size_t n, int inc,
                                   enum billing_mode mode, enum billing_scope scope)
{
	struct billing_terms t = terms(inc, mode, scope);
	struct billing_sums s;
	billing_round_entries(e, n, &t, &s);
	return s;
}

Test(core_billing, per_entry_against_per_day)
{
	struct billing_sums s = sums_of(week, NWEEK, 15, BILLING_UP, BILLING_PER_ENTRY);
	cr_assert_eq(s.recorded, 42);
	cr_assert_eq(s.billable, 35);
	cr_assert_eq(s.nonbillable, 7);
	cr_assert_eq(s.billed, 15 + 15 + 15 + 30);

	s = sums_of(week, NWEEK, 15, BILLING_UP, BILLING_PER_DAY);
	cr_assert_eq(s.recorded, 42);
	cr_assert_eq(s.billable, 35);
	cr_assert_eq(s.nonbillable, 7);
	cr_assert_eq(s.billed, 15 + 30, "the day's 15 billable minutes are one increment");

	s = sums_of(week, NWEEK, 15, BILLING_NEAREST, BILLING_PER_ENTRY);
	cr_assert_eq(s.billed, 0 + 0 + 0 + 15);
	s = sums_of(week, NWEEK, 15, BILLING_NEAREST, BILLING_PER_DAY);
	cr_assert_eq(s.billed, 15 + 15);

	s = sums_of(week, NWEEK, 15, BILLING_DOWN, BILLING_PER_ENTRY);
	cr_assert_eq(s.billed, 15);
	s = sums_of(week, NWEEK, 15, BILLING_DOWN, BILLING_PER_DAY);
	cr_assert_eq(s.billed, 15 + 15);

	/* no increment: both scopes bill the billable minutes as recorded */
	cr_assert_eq(sums_of(week, NWEEK, 0, BILLING_UP, BILLING_PER_ENTRY).billed, 35);
	cr_assert_eq(sums_of(week, NWEEK, 0, BILLING_UP, BILLING_PER_DAY).billed, 35);
}

Test(core_billing, per_day_in_any_order)
{
	static const struct billing_entry mixed[] = {
		{ 101, 20, true }, { 100, 5, true }, { 102, 1, false },
		{ 100, 5, true },  { 101, 1, true }, { 100, 5, true },
	};
	struct billing_sums s = sums_of(mixed, 6, 15, BILLING_UP, BILLING_PER_DAY);
	/* day 100: 15 -> 15; day 101: 21 -> 30; day 102: nothing billable */
	cr_assert_eq(s.billed, 45);
	cr_assert_eq(s.recorded, 37);
	cr_assert_eq(s.nonbillable, 1);
}

Test(core_billing, nothing_billable_bills_nothing)
{
	static const struct billing_entry off[] = { { 100, 50, false }, { 101, 1, false } };
	struct billing_sums s = sums_of(off, 2, 15, BILLING_UP, BILLING_PER_DAY);
	cr_assert_eq(s.billed, 0);
	cr_assert_eq(s.billable, 0);
	cr_assert_eq(s.nonbillable, 51);
	s = sums_of(NULL, 0, 15, BILLING_UP, BILLING_PER_ENTRY);
	cr_assert_eq(s.recorded + s.billed, 0);
}

Test(core_billing, recorded_minutes_are_not_changed)
{
	struct billing_entry e[] = { { 100, 7, true }, { 100, 8, true } };
	struct billing_sums s = sums_of(e, 2, 15, BILLING_UP, BILLING_PER_ENTRY);
	cr_assert_eq(s.billed, 30);
	cr_assert_eq(e[0].minutes, 7);
	cr_assert_eq(e[1].minutes, 8);
}

/* A month of `billed` rounded minutes against a budget of 10 hours at
 * 200.00 an hour, capped rollover of `cap` minutes. */
static struct billing_month month(long cap, int64_t over_rate, long budget, long billed,
                                  long before)
{
	struct billing_terms t = { 0 };
	struct billing_sums s = { billed, billed, 0, billed };
	struct billing_month m;
	t.rollover_cap_minutes = cap;
	t.overage_rate_cents = over_rate;
	billing_month_compute(&t, budget, 20000, &s, before, &m);
	return m;
}

Test(core_billing, first_month_nothing_rolls_in)
{
	struct billing_month m = month(120, 0, 600, 0, -1);
	cr_assert_eq(m.budget, 600);
	cr_assert_eq(m.rolled_in, 0);
	cr_assert_eq(m.available, 600);
	cr_assert_eq(m.unused, 600);
	cr_assert_eq(m.rolled_out, 120);
	cr_assert_eq(m.overage, 0);
	cr_assert_eq(m.retainer_cents, 200000);
	cr_assert_eq(m.overage_cents, 0);
	cr_assert_eq(m.amount_cents, 200000);
}

Test(core_billing, cap_hit_exactly)
{
	/* the month before left exactly the cap unused */
	struct billing_month m = month(120, 0, 600, 300, 480);
	cr_assert_eq(m.rolled_in, 120);
	cr_assert_eq(m.available, 720);
	/* one minute more unused: still the cap */
	cr_assert_eq(month(120, 0, 600, 300, 479).rolled_in, 120);
	/* one minute less: all of it */
	cr_assert_eq(month(120, 0, 600, 300, 481).rolled_in, 119);
	/* the month before used all of its budget, or more */
	cr_assert_eq(month(120, 0, 600, 300, 600).rolled_in, 0);
	cr_assert_eq(month(120, 0, 600, 300, 900).rolled_in, 0);
	/* this month leaving exactly the cap */
	m = month(120, 0, 600, 480, 0);
	cr_assert_eq(m.unused, 120);
	cr_assert_eq(m.rolled_out, 120);
	m = month(120, 0, 600, 481, 0);
	cr_assert_eq(m.rolled_out, 119);
}

Test(core_billing, rolled_in_hours_never_compound)
{
	/* a month that used nothing after one that used nothing carries the
	 * cap, not twice the cap: what rolls on is measured against B */
	struct billing_month m = month(120, 0, 600, 0, 0);
	cr_assert_eq(m.rolled_in, 120);
	cr_assert_eq(m.available, 720);
	cr_assert_eq(m.rolled_out, 120);
	/* a cap above the budget carries at most the unused budget */
	m = month(6000, 0, 600, 0, 0);
	cr_assert_eq(m.rolled_in, 600);
	cr_assert_eq(m.available, 1200);
	cr_assert_eq(m.rolled_out, 600);
}

Test(core_billing, rolled_in_hours_are_used_before_overage)
{
	struct billing_month m = month(120, 0, 600, 720, 480);
	cr_assert_eq(m.available, 720);
	cr_assert_eq(m.overage, 0);
	cr_assert_eq(m.unused, 0);
	cr_assert_eq(m.rolled_out, 0);
	cr_assert_eq(m.amount_cents, 200000);
	m = month(120, 0, 600, 721, 480);
	cr_assert_eq(m.overage, 1);
	cr_assert_eq(m.overage_cents, 333, "one minute at 200.00 an hour, half up");
}

Test(core_billing, cap_zero_unused_hours_expire)
{
	struct billing_month m = month(0, 0, 600, 100, 0);
	cr_assert_eq(m.rolled_in, 0);
	cr_assert_eq(m.available, 600);
	cr_assert_eq(m.unused, 500);
	cr_assert_eq(m.rolled_out, 0);
}

Test(core_billing, over_budget_at_the_rate)
{
	struct billing_month m = month(0, 0, 600, 660, 600);
	cr_assert_eq(m.overage, 60);
	cr_assert_eq(m.retainer_cents, 200000);
	cr_assert_eq(m.overage_cents, 20000);
	cr_assert_eq(m.amount_cents, 220000);
}

Test(core_billing, over_budget_at_an_overage_rate)
{
	struct billing_month m = month(0, 30000, 600, 660, 600);
	cr_assert_eq(m.overage, 60);
	cr_assert_eq(m.retainer_cents, 200000, "the retainer stays at the rate");
	cr_assert_eq(m.overage_cents, 30000);
	cr_assert_eq(m.amount_cents, 230000);
}

Test(core_billing, no_budget_bills_every_minute)
{
	struct billing_month m = month(120, 30000, 0, 90, 0);
	cr_assert_eq(m.budget, 0);
	cr_assert_eq(m.rolled_in, 0);
	cr_assert_eq(m.available, 0);
	cr_assert_eq(m.rolled_out, 0);
	cr_assert_eq(m.overage, 0, "no retainer, no overage");
	cr_assert_eq(m.retainer_cents, 0);
	cr_assert_eq(m.amount_cents, 30000, "90 minutes at the rate, not the overage rate");
	m = month(0, 0, 0, 0, -1);
	cr_assert_eq(m.amount_cents, 0);
}

Test(core_billing, each_line_rounded_once)
{
	/* 1 minute at 100.01 an hour is 166.68 cents: 167 on each line; the
	 * amount is the sum of the lines (334), not 2 minutes rounded (333) */
	struct billing_terms t = { 0 };
	struct billing_sums s = { 2, 2, 0, 2 };
	struct billing_month m;
	billing_month_compute(&t, 1, 10001, &s, -1, &m);
	cr_assert_eq(m.overage, 1);
	cr_assert_eq(m.retainer_cents, 167);
	cr_assert_eq(m.overage_cents, 167);
	cr_assert_eq(m.amount_cents, 334);
}

Test(core_billing, the_month_carries_its_sums)
{
	struct billing_terms t = { 0 };
	struct billing_sums s = { 100, 80, 20, 90 };
	struct billing_month m;
	billing_month_compute(&t, 600, 0, &s, -1, &m);
	cr_assert_eq(m.recorded, 100);
	cr_assert_eq(m.billable, 80);
	cr_assert_eq(m.nonbillable, 20);
	cr_assert_eq(m.billed, 90);
	cr_assert_eq(m.amount_cents, 0, "no rate, no money");
}

Test(core_billing, huge_values_do_not_overflow)
{
	struct billing_terms t = { 0 };
	struct billing_sums s = { LONG_MAX, LONG_MAX, 0, LONG_MAX };
	struct billing_month m;

	t.rollover_cap_minutes = LONG_MAX;
	t.overage_rate_cents = INT64_MAX;
	billing_month_compute(&t, LONG_MAX, INT64_MAX, &s, 0, &m);
	cr_assert_eq(m.rolled_in, LONG_MAX);
	cr_assert_eq(m.available, LONG_MAX);
	cr_assert_eq(m.overage, 0);
	cr_assert_eq(m.retainer_cents, INT64_MAX);
	cr_assert_eq(m.amount_cents, INT64_MAX);

	billing_month_compute(&t, 1, INT64_MAX, &s, 0, &m);
	cr_assert_eq(m.overage, LONG_MAX - 2);
	cr_assert_eq(m.overage_cents, INT64_MAX);
	cr_assert_eq(m.amount_cents, INT64_MAX);

	billing_month_compute(&t, 0, INT64_MAX, &s, 0, &m);
	cr_assert_eq(m.amount_cents, INT64_MAX);

	/* many huge entries sum without wrapping */
	struct billing_entry e[] = { { 1, LONG_MAX, true },
		                     { 2, LONG_MAX, true },
		                     { 2, LONG_MAX, false } };
	t.round_minutes = 15;
	t.mode = BILLING_UP;
	t.scope = BILLING_PER_DAY;
	billing_round_entries(e, 3, &t, &s);
	cr_assert_eq(s.recorded, LONG_MAX);
	cr_assert_eq(s.billable, LONG_MAX);
	cr_assert_eq(s.billed, LONG_MAX);
	t.scope = BILLING_PER_ENTRY;
	billing_round_entries(e, 3, &t, &s);
	cr_assert_eq(s.billed, LONG_MAX);
}

Test(core_billing, negative_inputs_count_as_zero)
{
	struct billing_terms t = { 0 };
	struct billing_sums s = { -5, -5, -1, -5 };
	struct billing_month m;
	t.rollover_cap_minutes = -10;
	t.overage_rate_cents = -1;
	billing_month_compute(&t, -600, -20000, &s, -1, &m);
	cr_assert_eq(m.budget + m.billed + m.recorded + m.rolled_in + m.overage, 0);
	cr_assert_eq(m.amount_cents, 0);
	billing_month_compute(&t, 600, 20000, &s, 0, &m);
	cr_assert_eq(m.rolled_out, 0, "a negative cap carries nothing");
	cr_assert_eq(m.amount_cents, 200000);
}

Test(core_billing, words)
{
	enum billing_mode mode = BILLING_UP;
	enum billing_scope scope = BILLING_PER_ENTRY;
	cr_assert(billing_mode_parse("nearest", &mode));
	cr_assert_eq(mode, BILLING_NEAREST);
	cr_assert(billing_mode_parse("down", &mode));
	cr_assert_eq(mode, BILLING_DOWN);
	cr_assert_not(billing_mode_parse("Down", &mode));
	cr_assert_not(billing_mode_parse("", &mode));
	cr_assert_not(billing_mode_parse(NULL, &mode));
	cr_assert_eq(mode, BILLING_DOWN, "untouched on an unknown word");
	cr_assert_str_eq(billing_mode_name(BILLING_UP), "up");
	cr_assert_str_eq(billing_mode_name(BILLING_NEAREST), "nearest");
	cr_assert(billing_scope_parse("day", &scope));
	cr_assert_eq(scope, BILLING_PER_DAY);
	cr_assert_not(billing_scope_parse("week", &scope));
	cr_assert_str_eq(billing_scope_name(BILLING_PER_ENTRY), "entry");
	cr_assert_str_eq(billing_scope_name(BILLING_PER_DAY), "day");
}

Test(core_billing, round_parse)
{
	char err[256];
	int m = -1;
	cr_assert(billing_round_parse("15m", &m, err, sizeof err));
	cr_assert_eq(m, 15);
	cr_assert(billing_round_parse("0.1h", &m, err, sizeof err));
	cr_assert_eq(m, 6);
	cr_assert(billing_round_parse("240m", &m, err, sizeof err));
	cr_assert_eq(m, 240);
	cr_assert(billing_round_parse("4h", &m, err, sizeof err));
	cr_assert_eq(m, 240);
	cr_assert(billing_round_parse("0", &m, err, sizeof err));
	cr_assert_eq(m, 0);
	m = 9;
	cr_assert(billing_round_parse("none", &m, err, sizeof err));
	cr_assert_eq(m, 0);
	m = 9;
	cr_assert(billing_round_parse("", &m, err, sizeof err));
	cr_assert_eq(m, 0);
	m = 9;
	cr_assert_not(billing_round_parse("15", &m, err, sizeof err), "a bare number is hours");
	cr_assert_eq(m, 9, "untouched on an error");
	cr_assert(strstr(err, "bad increment \"15\"") != NULL, "%s", err);
	cr_assert_not(billing_round_parse("241m", &m, err, sizeof err));
	cr_assert_not(billing_round_parse("-15m", &m, err, sizeof err));
	cr_assert_not(billing_round_parse("soon", &m, err, sizeof err));
	cr_assert(strstr(err, "1m to 240m") != NULL, "%s", err);
}
