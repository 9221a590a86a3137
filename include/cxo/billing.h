/*
 * billing.h: what a month's hours bill, under a client's billing terms.
 *
 * Recorded minutes are never changed: rounding and the retainer rules are
 * applied when a statement is made, from the entries as recorded.
 *
 * Rounding.  An increment in minutes (0 = none), a mode (up, down, or
 * nearest with the half rounded up: at 15 minutes 7 rounds to 0 and 8
 * to 15; at 6 minutes 3 rounds to 6) and a scope: each entry rounded on
 * its own, or each day's entries summed first and the day rounded.  Only
 * billable minutes are billed; non-billable minutes are reported as
 * recorded and never billed.
 *
 * Retainer.  A monthly budget B in minutes (0 = no retainer: every billed
 * minute at the rate).  With a retainer, for a month M:
 *   unused(M)     = max(0, B - billed(M))       the month's own budget left
 *   rolled_out(M) = min(cap, unused(M))         carried into M+1
 *   rolled_in(M)  = rolled_out(M-1)             0 in the first month
 *   available(M)  = B + rolled_in(M)
 *   overage(M)    = max(0, billed(M) - available(M))
 * Hours rolled into a month are extra room in that month only: whatever
 * of them is not used expires at the month's end, and they never roll
 * again (what rolls on is measured against B alone), so rollovers never
 * compound and the balance carried never exceeds the cap.  A cap of 0:
 * unused hours expire.
 *
 * Money, in integer cents: with a retainer, the retainer line B x rate
 * and the overage line overage x overage rate (0 = the rate); without
 * one, the single line billed x rate.  Each line is rounded half up to
 * the cent once (money_for_minutes); the amount is the sum of the lines
 * as rounded.  Every figure saturates instead of overflowing.
 */
#ifndef CXO_BILLING_H
#define CXO_BILLING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cxo/date.h"

/* The largest rounding increment the shell and the dashboard accept. */
#define BILLING_ROUND_MAX 240

enum billing_mode { BILLING_UP, BILLING_DOWN, BILLING_NEAREST };
enum billing_scope { BILLING_PER_ENTRY, BILLING_PER_DAY };

/* A client's billing terms; all zero is the default: no rounding (per
 * entry, up), unused hours expire, overage at the rate. */
struct billing_terms {
	int round_minutes;          /* 0 = none, else 1..BILLING_ROUND_MAX */
	enum billing_mode mode;     /* how minutes round to the increment */
	enum billing_scope scope;   /* what is rounded: each entry, or each day */
	long rollover_cap_minutes;  /* the most unused budget carried; 0 = none */
	int64_t overage_rate_cents; /* per hour beyond the available budget; 0 = the rate */
};

/* One recorded entry, as the month's statement sees it. */
struct billing_entry {
	cxo_day day;
	long minutes;
	bool billable;
};

/* A period's recorded minutes and what they bill. */
struct billing_sums {
	long recorded;    /* every minute, as recorded */
	long billable;    /* the billable ones, as recorded */
	long nonbillable; /* the others, as recorded: reported, never billed */
	long billed;      /* the billable ones, rounded */
};

/* Sums the entries (in any order; a day's entries need not be adjacent)
 * and rounds the billable ones by the terms' scope. */
void billing_round_entries(const struct billing_entry *entries, size_t n,
                           const struct billing_terms *t, struct billing_sums *out);

struct billing_month {
	long recorded, billable, billed, nonbillable;                   /* minutes */
	long budget, rolled_in, available, unused, rolled_out, overage; /* minutes */
	int64_t retainer_cents, overage_cents, amount_cents;
};

/*
 * The month's statement: sums are the month's (billing_round_entries),
 * billed_before the rounded billable minutes of the month before, or
 * negative when there was none (the engagement began this month: nothing
 * rolls in).  budget_minutes 0 is no retainer: no rollover, no overage,
 * the amount is billed x rate.  Negative inputs count as 0.
 */
void billing_month_compute(const struct billing_terms *t, long budget_minutes, int64_t rate_cents,
                           const struct billing_sums *sums, long billed_before,
                           struct billing_month *out);

/* A rounding increment as the shell and the dashboard take it: minutes
 * with their unit, 1m to BILLING_ROUND_MAX (6m, 15m, 0.25h), or "0",
 * "none" or "" for none (0).  A bare number other than 0 would be hours
 * and is refused, as is anything else, with a message naming the text
 * and the forms expected. */
bool billing_round_parse(const char *text, int *minutes, char *err, size_t errsz);

/* "up" "down" "nearest" and "entry" "day" <-> the enums; false (out
 * untouched) on any other word.  Case-sensitive. */
bool billing_mode_parse(const char *word, enum billing_mode *out);
const char *billing_mode_name(enum billing_mode mode);
bool billing_scope_parse(const char *word, enum billing_scope *out);
const char *billing_scope_name(enum billing_scope scope);

#endif
