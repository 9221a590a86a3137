/*
 * renewal.c: notice deadlines and renewal states (see renewal.h).
 */
#include "cxo/renewal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

cxo_day renewal_notice_deadline(cxo_day term_end, int notice_days)
{
	if (notice_days < 0)
		notice_days = 0;
	if (notice_days > RENEWAL_NOTICE_MAX)
		notice_days = RENEWAL_NOTICE_MAX;
	return term_end - notice_days;
}

enum renewal_state renewal_state_of(bool has_term, cxo_day term_end, int notice_days,
                                    bool auto_renew, bool ended, cxo_day today, int window_days)
{
	if (!has_term || ended)
		return RENEWAL_NONE;
	cxo_day deadline = renewal_notice_deadline(term_end, notice_days);
	if (deadline < today) {
		if (auto_renew)
			return RENEWAL_DEFAULTED;
		return term_end < today ? RENEWAL_EXPIRED : RENEWAL_LAPSING;
	}
	return deadline - today <= (window_days < 0 ? 0 : window_days) ? RENEWAL_SOON
	                                                               : RENEWAL_LATER;
}

const char *renewal_state_name(enum renewal_state s)
{
	switch (s) {
	case RENEWAL_NONE:
		return "none";
	case RENEWAL_LATER:
		return "later";
	case RENEWAL_SOON:
		return "soon";
	case RENEWAL_DEFAULTED:
		return "renewed-by-default";
	case RENEWAL_LAPSING:
		return "lapsing";
	case RENEWAL_EXPIRED:
		return "expired";
	}
	return "none";
}

bool renewal_notice_before_start(cxo_day start, cxo_day term_end, int notice_days)
{
	return renewal_notice_deadline(term_end, notice_days) < start;
}

bool renewal_notice_parse(const char *text, bool has_term, cxo_day term_end, int *days, char *err,
                          size_t errsz)
{
	const char *p = text;
	if (!p || *p < '0' || *p > '9') {
		snprintf(err, errsz,
		         "notice period \"%s\": expected a number of days, weeks or months "
		         "(90, 90d, 12w, 3m)",
		         text ? text : "");
		return false;
	}
	errno = 0;
	char *end;
	long n = strtol(p, &end, 10);
	char unit = *end ? *end : 'd';
	if (errno || (*end && end[1]) || (unit != 'd' && unit != 'w' && unit != 'm') ||
	    n > RENEWAL_NOTICE_MAX) {
		snprintf(err, errsz,
		         "notice period \"%s\": expected a number of days, weeks or months "
		         "(90, 90d, 12w, 3m), at most %d days",
		         text, RENEWAL_NOTICE_MAX);
		return false;
	}
	long d = n;
	if (unit == 'w')
		d = n * 7;
	if (unit == 'm') {
		if (!has_term) {
			snprintf(err, errsz,
			         "notice period \"%s\": months are counted back from the term end, "
			         "and there is none: give the term end, or the notice in days",
			         text);
			return false;
		}
		int y, m, dd;
		date_to_ymd(term_end, &y, &m, &dd);
		long months = (long)y * 12 + (m - 1) - n;
		int ty = (int)(months / 12), tm = (int)(months % 12) + 1;
		/* The same day of the month, or the month's last when shorter. */
		cxo_day last = date_next_month(ty, tm) - 1;
		int ly, lm, ld;
		date_to_ymd(last, &ly, &lm, &ld);
		d = term_end - date_from_ymd(ty, tm, dd < ld ? dd : ld);
	}
	if (d > RENEWAL_NOTICE_MAX) {
		snprintf(err, errsz, "notice period \"%s\" is %ld days: at most %d are taken", text,
		         d, RENEWAL_NOTICE_MAX);
		return false;
	}
	*days = (int)d;
	return true;
}
