/*
 * billing.c: rounding and the retainer rules (the rules are in billing.h).
 */
#include "billing_round.h"

#include "cxo/duration.h"
#include "cxo/money.h"
#include "cxo/text.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>

static long add_sat(long a, long b)
{
	long s;
	return __builtin_add_overflow(a, b, &s) ? (b > 0 ? LONG_MAX : LONG_MIN) : s;
}

static int64_t add_cents_sat(int64_t a, int64_t b)
{
	int64_t s;
	return __builtin_add_overflow(a, b, &s) ? (b > 0 ? INT64_MAX : INT64_MIN) : s;
}

static long nonneg(long n)
{
	return n < 0 ? 0 : n;
}

long billing_round(long minutes, const struct billing_terms *t)
{
	long inc = t ? t->round_minutes : 0, q, r, out;

	if (minutes <= 0)
		return 0;
	if (inc <= 0)
		return minutes;
	q = minutes / inc;
	r = minutes % inc;
	switch (t->mode) {
	case BILLING_UP:
		q += r > 0;
		break;
	case BILLING_NEAREST:
		/* half up: 2r >= inc, written so that it cannot overflow */
		q += r >= inc - r;
		break;
	case BILLING_DOWN:
	default:
		break;
	}
	if (__builtin_mul_overflow(q, inc, &out))
		return LONG_MAX;
	return out;
}

/* Whether the entries are in day order (then a day's are adjacent). */
static bool sorted_by_day(const struct billing_entry *e, size_t n)
{
	for (size_t i = 1; i < n; i++)
		if (e[i].day < e[i - 1].day)
			return false;
	return true;
}

/* The billable minutes of days, each day summed then rounded. */
static long billed_per_day(const struct billing_entry *e, size_t n, const struct billing_terms *t)
{
	long billed = 0;
	bool sorted = sorted_by_day(e, n);

	for (size_t i = 0; i < n; i++) {
		long day = 0;
		size_t j;
		if (sorted) {
			if (i > 0 && e[i - 1].day == e[i].day)
				continue; /* counted with the run's first entry */
		} else {
			for (j = 0; j < i && e[j].day != e[i].day; j++)
				;
			if (j < i)
				continue; /* counted with the day's first entry */
		}
		for (j = i; j < n; j++) {
			if (e[j].day != e[i].day) {
				if (sorted)
					break;
				continue;
			}
			if (e[j].billable)
				day = add_sat(day, nonneg(e[j].minutes));
		}
		billed = add_sat(billed, billing_round(day, t));
	}
	return billed;
}

void billing_round_entries(const struct billing_entry *entries, size_t n,
                           const struct billing_terms *t, struct billing_sums *out)
{
	bool per_day = t && t->round_minutes > 0 && t->scope == BILLING_PER_DAY;

	memset(out, 0, sizeof *out);
	for (size_t i = 0; i < n; i++) {
		long m = nonneg(entries[i].minutes);
		out->recorded = add_sat(out->recorded, m);
		if (entries[i].billable) {
			out->billable = add_sat(out->billable, m);
			if (!per_day)
				out->billed = add_sat(out->billed, billing_round(m, t));
		} else {
			out->nonbillable = add_sat(out->nonbillable, m);
		}
	}
	if (per_day)
		out->billed = billed_per_day(entries, n, t);
}

void billing_month_compute(const struct billing_terms *t, long budget_minutes, int64_t rate_cents,
                           const struct billing_sums *sums, long billed_before,
                           struct billing_month *out)
{
	long cap = t ? nonneg(t->rollover_cap_minutes) : 0;
	int64_t rate = rate_cents < 0 ? 0 : rate_cents;
	int64_t over_rate = t && t->overage_rate_cents > 0 ? t->overage_rate_cents : rate;
	long b = nonneg(budget_minutes), billed;

	memset(out, 0, sizeof *out);
	if (sums) {
		out->recorded = nonneg(sums->recorded);
		out->billable = nonneg(sums->billable);
		out->nonbillable = nonneg(sums->nonbillable);
		out->billed = nonneg(sums->billed);
	}
	billed = out->billed;
	out->budget = b;
	if (b == 0) {
		/* no retainer: every billed minute at the rate, one line */
		out->amount_cents = money_for_minutes(billed, rate);
		return;
	}
	if (billed_before >= 0) {
		long before_unused = b > billed_before ? b - billed_before : 0;
		out->rolled_in = before_unused < cap ? before_unused : cap;
	}
	out->available = add_sat(b, out->rolled_in);
	out->unused = b > billed ? b - billed : 0;
	out->rolled_out = out->unused < cap ? out->unused : cap;
	out->overage = billed > out->available ? billed - out->available : 0;
	out->retainer_cents = money_for_minutes(b, rate);
	out->overage_cents = money_for_minutes(out->overage, over_rate);
	out->amount_cents = add_cents_sat(out->retainer_cents, out->overage_cents);
}

bool billing_round_parse(const char *text, int *minutes, char *err, size_t errsz)
{
	char shown[64], why[8];
	const char *t = text ? text : "";
	bool digits = *t != '\0';
	int m = 0;

	for (const char *c = t; *c; c++)
		digits &= *c >= '0' && *c <= '9';
	if (!*t || !strcmp(t, "0") || !strcmp(t, "none")) {
		*minutes = 0;
		return true;
	}
	if (!digits && duration_parse(t, &m, why, sizeof why) && m <= BILLING_ROUND_MAX) {
		*minutes = m;
		return true;
	}
	if (err && errsz) {
		text_fit(t, 40, true, shown, sizeof shown);
		snprintf(err, errsz,
		         "bad increment \"%s\" (expected minutes with their unit, 1m to %dm such "
		         "as 6m or 15m, or 0 or none for no rounding)",
		         shown, BILLING_ROUND_MAX);
	}
	return false;
}

static const char *const mode_names[] = { "up", "down", "nearest" };
static const char *const scope_names[] = { "entry", "day" };

bool billing_mode_parse(const char *word, enum billing_mode *out)
{
	for (size_t i = 0; word && i < sizeof mode_names / sizeof *mode_names; i++)
		if (strcmp(word, mode_names[i]) == 0) {
			*out = (enum billing_mode)i;
			return true;
		}
	return false;
}

const char *billing_mode_name(enum billing_mode mode)
{
	return (unsigned)mode < sizeof mode_names / sizeof *mode_names ? mode_names[mode] : "up";
}

bool billing_scope_parse(const char *word, enum billing_scope *out)
{
	for (size_t i = 0; word && i < sizeof scope_names / sizeof *scope_names; i++)
		if (strcmp(word, scope_names[i]) == 0) {
			*out = (enum billing_scope)i;
			return true;
		}
	return false;
}

const char *billing_scope_name(enum billing_scope scope)
{
	return (unsigned)scope < sizeof scope_names / sizeof *scope_names ? scope_names[scope]
	                                                                  : "entry";
}
