/*
 * renewal.h: a contract's notice deadline (the last day a notice stops
 * it renewing) and where a contract stands against it, so the renewals
 * list, the dashboard, the brief and the board pack agree.
 *
 * Pure arithmetic on days (date.h); "today" is always passed in.
 */
#ifndef CXO_RENEWAL_H
#define CXO_RENEWAL_H

#include <stdbool.h>

#include "cxo/date.h"

#define RENEWAL_NOTICE_MAX 3650 /* days, the longest notice period taken */

enum renewal_state {
	RENEWAL_NONE,      /* no term end, or the contract has ended */
	RENEWAL_LATER,     /* the deadline is past the window */
	RENEWAL_SOON,      /* the deadline is today or within the window */
	RENEWAL_DEFAULTED, /* auto-renewing, and the deadline has passed */
	RENEWAL_LAPSING,   /* not auto-renewing, deadline passed, term still running */
	RENEWAL_EXPIRED,   /* not auto-renewing, and the term itself has ended */
};

/* The term end minus the notice period (0..RENEWAL_NOTICE_MAX days).  A
 * notice longer than the term gives a deadline before the start. */
cxo_day renewal_notice_deadline(cxo_day term_end, int notice_days);

/*
 * Where a contract with the given term end stands today: has_term false
 * (no term end) or ended true is RENEWAL_NONE; otherwise by its deadline
 * against today and today + window_days (window_days >= 0).
 */
enum renewal_state renewal_state_of(bool has_term, cxo_day term_end, int notice_days,
                                    bool auto_renew, bool ended, cxo_day today, int window_days);

/* "none", "later", "soon", "renewed-by-default", "lapsing", "expired". */
const char *renewal_state_name(enum renewal_state s);

/* Whether the notice period reaches back before the contract's start
 * (the deadline was already past when it was signed). */
bool renewal_notice_before_start(cxo_day start, cxo_day term_end, int notice_days);

/*
 * "30d", "12w", "90" (days) or "3m" (months, counted back from the term
 * end: a 3m notice on a term ending 2027-05-31 is 89 days, to
 * 2027-02-28) into days, 0..RENEWAL_NOTICE_MAX.  Months need the term
 * end (has_term); without it they are refused, naming the text.
 */
bool renewal_notice_parse(const char *text, bool has_term, cxo_day term_end, int *days, char *err,
                          size_t errsz);

#endif
