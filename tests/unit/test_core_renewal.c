/* Unit tests for src/core/renewal.c. */
#include "cxo/renewal.h"

#include <criterion/criterion.h>
#include <string.h>

static cxo_day iso(const char *s)
{
	cxo_day d;
	cr_assert(date_parse_iso(s, &d), "%s", s);
	return d;
}

static void deadline_is(const char *term_end, int notice, const char *want)
{
	char got[DATE_ISO_LEN];
	date_format_iso(renewal_notice_deadline(iso(term_end), notice), got);
	cr_assert_str_eq(got, want, "%s - %dd", term_end, notice);
}

Test(core_renewal, deadline_by_days)
{
	deadline_is("2027-06-30", 90, "2027-04-01");
	deadline_is("2027-06-30", 0, "2027-06-30");
	deadline_is("2027-03-31", 31, "2027-02-28"); /* across a short month */
	deadline_is("2028-03-01", 1, "2028-02-29");  /* leap year */
	deadline_is("2100-03-01", 1, "2100-02-28");  /* not a leap year */
	deadline_is("2000-03-01", 1, "2000-02-29");  /* a leap century */
	deadline_is("2027-01-15", 30, "2026-12-16"); /* across a year end */
	deadline_is("2027-01-01", 3650, "2017-01-03");
	/* Out of range clamps rather than running off. */
	deadline_is("2027-01-01", -4, "2027-01-01");
	deadline_is("2027-01-01", 99999, "2017-01-03");
}

Test(core_renewal, notice_longer_than_term)
{
	cr_assert(renewal_notice_before_start(iso("2027-01-01"), iso("2027-03-31"), 120));
	cr_assert_not(renewal_notice_before_start(iso("2027-01-01"), iso("2027-03-31"), 89));
	cr_assert(renewal_notice_before_start(iso("2027-01-01"), iso("2027-03-31"), 90));
	/* Signed with the deadline already past: renewed by default at once. */
	cr_assert_eq(
	        renewal_state_of(true, iso("2027-03-31"), 120, true, false, iso("2027-01-02"), 14),
	        RENEWAL_DEFAULTED);
}

Test(core_renewal, states)
{
	cxo_day end = iso("2027-06-30"); /* deadline 2027-04-01 at 90 days */
	cr_assert_eq(renewal_state_of(false, end, 90, true, false, iso("2027-03-01"), 14),
	             RENEWAL_NONE);
	cr_assert_eq(renewal_state_of(true, end, 90, true, true, iso("2027-03-01"), 14),
	             RENEWAL_NONE);
	cr_assert_eq(renewal_state_of(true, end, 90, true, false, iso("2027-03-01"), 14),
	             RENEWAL_LATER);
	cr_assert_eq(renewal_state_of(true, end, 90, true, false, iso("2027-03-18"), 14),
	             RENEWAL_SOON); /* 14 days left */
	cr_assert_eq(renewal_state_of(true, end, 90, true, false, iso("2027-03-17"), 14),
	             RENEWAL_LATER); /* 15 days left */
	cr_assert_eq(renewal_state_of(true, end, 90, true, false, iso("2027-04-01"), 0),
	             RENEWAL_SOON); /* the deadline is today */
	cr_assert_eq(renewal_state_of(true, end, 90, true, false, iso("2027-04-02"), 14),
	             RENEWAL_DEFAULTED);
	cr_assert_eq(renewal_state_of(true, end, 90, true, false, iso("2027-08-01"), 14),
	             RENEWAL_DEFAULTED);
	cr_assert_eq(renewal_state_of(true, end, 90, false, false, iso("2027-04-02"), 14),
	             RENEWAL_LAPSING);
	cr_assert_eq(renewal_state_of(true, end, 90, false, false, iso("2027-06-30"), 14),
	             RENEWAL_LAPSING);
	cr_assert_eq(renewal_state_of(true, end, 90, false, false, iso("2027-07-01"), 14),
	             RENEWAL_EXPIRED);
	cr_assert_str_eq(renewal_state_name(RENEWAL_DEFAULTED), "renewed-by-default");
	cr_assert_str_eq(renewal_state_name(RENEWAL_SOON), "soon");
	cr_assert_str_eq(renewal_state_name(RENEWAL_NONE), "none");
}

static int notice(const char *text, const char *term_end)
{
	int days = -1;
	char err[200] = "";
	bool ok = renewal_notice_parse(text, term_end != NULL, term_end ? iso(term_end) : 0, &days,
	                               err, sizeof err);
	cr_assert(ok, "%s: %s", text, err);
	return days;
}

static void notice_refused(const char *text, const char *term_end, const char *want)
{
	int days = -7;
	char err[200] = "";
	cr_assert_not(renewal_notice_parse(text, term_end != NULL, term_end ? iso(term_end) : 0,
	                                   &days, err, sizeof err),
	              "%s", text);
	cr_assert_eq(days, -7, "nothing written on refusal");
	cr_assert(strstr(err, want), "%s: %s", text, err);
}

Test(core_renewal, notice_parse)
{
	cr_assert_eq(notice("90", NULL), 90);
	cr_assert_eq(notice("90d", NULL), 90);
	cr_assert_eq(notice("0", NULL), 0);
	cr_assert_eq(notice("12w", NULL), 84);
	cr_assert_eq(notice("3m", "2027-06-30"), 92);   /* back to 2027-03-30 */
	cr_assert_eq(notice("3m", "2027-05-31"), 92);   /* back to 2027-02-28 */
	cr_assert_eq(notice("3m", "2028-05-31"), 92);   /* back to 2028-02-29 */
	cr_assert_eq(notice("1m", "2027-03-31"), 31);   /* back to 2027-02-28 */
	cr_assert_eq(notice("12m", "2028-02-29"), 366); /* back to 2027-02-28 */
	cr_assert_eq(notice("1m", "2027-01-15"), 31);   /* across the year */
	cr_assert_eq(notice("3650d", NULL), 3650);
	notice_refused("3m", NULL, "term end");
	notice_refused("", NULL, "\"\"");
	notice_refused("-5", NULL, "\"-5\"");
	notice_refused("ninety", NULL, "\"ninety\"");
	notice_refused("90x", NULL, "\"90x\"");
	notice_refused("90dd", NULL, "\"90dd\"");
	notice_refused("3651", NULL, "at most 3650");
	notice_refused("600w", NULL, "at most 3650");
	notice_refused("99999999999999999999", NULL, "\"9999");
}
