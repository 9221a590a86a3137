/* Unit tests for the vendor rules of vendors_app.h: the renewal state
 * and its words, the status and due-diligence moves with their days, the
 * renewals to act on (defaulted first, a term over left out) and the
 * spend per currency with its overlaps, over a store of their own. */
#include "store_test.h"

#include "cxo/app.h"
#include "cxo/vendors_app.h"

TestSuite(app_vendors, .init = tdir_setup, .fini = tdir_teardown);

static cxo_day day(const char *iso)
{
	cxo_day d = 0;
	cr_assert(date_parse_iso(iso, &d), "%s", iso);
	return d;
}

/* An active vendor of acme, auto-renewing or not, term_end "" = none. */
static struct vendor vendor(const char *term_end, int notice, bool auto_renew)
{
	struct vendor v;
	struct client c;
	memset(&v, 0, sizeof v);
	memset(&c, 0, sizeof c);
	snprintf(c.key, sizeof c.key, "acme");
	snprintf(c.currency, sizeof c.currency, "EUR");
	vendor_begin(&v, &c, day("2026-11-18"));
	snprintf(v.term_end, sizeof v.term_end, "%s", term_end);
	v.notice_days = notice;
	v.auto_renew = auto_renew;
	return v;
}

Test(app_vendors, begin_fills_the_defaults)
{
	struct vendor v = vendor("", 0, false);
	cr_expect_str_eq(v.currency, "EUR");
	cr_expect_str_eq(v.category, "other");
	cr_expect_str_eq(v.billing, "annual");
	cr_expect_str_eq(v.status, "active");
	cr_expect_str_eq(v.diligence, "none");
	cr_expect_str_eq(v.data, "none");
	cr_expect_str_eq(v.created, "2026-11-18");
}

Test(app_vendors, renewal_states)
{
	cxo_day today = day("2026-11-18");
	struct vendor v = vendor("2026-12-31", 60, true);
	cr_expect_eq(vendor_renewal(&v, today, 14), RENEWAL_DEFAULTED);
	v.auto_renew = false;
	cr_expect_eq(vendor_renewal(&v, today, 14), RENEWAL_LAPSING);
	snprintf(v.term_end, sizeof v.term_end, "2026-12-02");
	v.notice_days = 14; /* deadline 18 November: today */
	cr_expect_eq(vendor_renewal(&v, today, 0), RENEWAL_SOON);
	snprintf(v.status, sizeof v.status, "ended");
	cr_expect_eq(vendor_renewal(&v, today, 14), RENEWAL_NONE, "ended: no state");
	struct vendor none = vendor("", 30, true);
	int left = 99;
	cr_expect_eq(vendor_renewal(&none, today, 14), RENEWAL_NONE);
	cr_expect_not(vendor_notice_days_left(&none, today, &left));
	cr_expect_eq(left, 0);
	struct vendor later = vendor("2027-06-30", 90, true);
	cr_expect(vendor_notice_days_left(&later, today, &left));
	cr_expect_eq(left, 134); /* 2027-04-01 */
}

Test(app_vendors, renewal_in_words)
{
	struct cxo_app app;
	char buf[256];
	memset(&app, 0, sizeof app);
	app.today = day("2026-11-18");
	struct vendor v = vendor("2027-06-30", 90, true);
	app_vendor_renewal_text(&app, &v, buf, sizeof buf);
	cr_expect_str_eq(buf,
	                 "notice due by 2027-04-01 (in 134 days), term ends 2027-06-30, renews "
	                 "automatically");
	struct vendor d = vendor("2026-12-31", 60, true);
	app_vendor_renewal_text(&app, &d, buf, sizeof buf);
	cr_expect_str_eq(buf, "notice was due by 2026-11-01 (17 days late), term ends 2026-12-31, "
	                      "renewed by default");
	struct vendor t = vendor("2026-12-19", 1, false);
	app_vendor_renewal_text(&app, &t, buf, sizeof buf);
	cr_expect_str_eq(buf, "notice due by 2026-12-18 (in 30 days), term ends 2026-12-19, does "
	                      "not renew automatically");
	t.notice_days = 32; /* 17 November */
	app_vendor_renewal_text(&app, &t, buf, sizeof buf);
	cr_expect_str_eq(buf,
	                 "notice was due by 2026-11-17 (1 day late), term ends 2026-12-19, ends "
	                 "then (no auto-renewal)");
	struct vendor none = vendor("", 0, false);
	app_vendor_renewal_text(&app, &none, buf, sizeof buf);
	cr_expect_str_eq(buf, "no term end");
	snprintf(none.status, sizeof none.status, "ended");
	snprintf(none.ended, sizeof none.ended, "2026-10-01");
	app_vendor_renewal_text(&app, &none, buf, sizeof buf);
	cr_expect_str_eq(buf, "ended 2026-10-01");
	char small[8];
	app_vendor_renewal_text(&app, &v, small, sizeof small);
	cr_expect_str_eq(small, "notice ", "cut, terminated");
}

Test(app_vendors, status_moves)
{
	cxo_day today = day("2026-11-18");
	char err[256];
	struct vendor v = vendor("2027-06-30", 0, false);
	snprintf(v.start, sizeof v.start, "2026-01-01");
	cr_expect_eq(vendor_set_status(&v, "ended", "", today, err, sizeof err), 0);
	cr_expect_str_eq(v.ended, "2026-11-18", "ended today by default");
	cr_expect_eq(vendor_set_status(&v, "ended", "", day("2026-12-01"), err, sizeof err), 0);
	cr_expect_str_eq(v.ended, "2026-11-18", "ended again: its day kept");
	cr_expect_eq(vendor_set_status(&v, "ended", "2026-12-01", today, err, sizeof err),
	             EX_DATAERR);
	cr_expect(strstr(err, "2026-12-01 is in the future"), "%s", err);
	cr_expect_eq(vendor_set_status(&v, "ended", "2025-12-31", today, err, sizeof err),
	             EX_DATAERR);
	cr_expect(strstr(err, "before the contract's start 2026-01-01"), "%s", err);
	cr_expect_str_eq(v.ended, "2026-11-18", "a refusal changes nothing");
	cr_expect_eq(vendor_set_status(&v, "leaving", "", today, err, sizeof err), 0);
	cr_expect_str_eq(v.status, "leaving");
	cr_expect_str_eq(v.ended, "", "reopened: the day forgotten");
	cr_expect_eq(vendor_set_status(&v, "active", "2026-11-01", today, err, sizeof err),
	             EX_DATAERR, "a day only with ended");
}

Test(app_vendors, diligence_moves)
{
	cxo_day today = day("2026-11-18");
	char err[256];
	struct vendor v = vendor("", 0, false);
	cr_expect_eq(vendor_set_diligence(&v, "sent", "", today, err, sizeof err), 0);
	cr_expect_str_eq(v.diligence_on, "2026-11-18");
	cr_expect_eq(vendor_set_diligence(&v, "sent", "", day("2026-11-20"), err, sizeof err), 0);
	cr_expect_str_eq(v.diligence_on, "2026-11-18", "the same state keeps its day");
	cr_expect_eq(vendor_set_diligence(&v, NULL, "2026-11-10", today, err, sizeof err), 0);
	cr_expect_str_eq(v.diligence, "sent", "the day alone");
	cr_expect_str_eq(v.diligence_on, "2026-11-10");
	cr_expect_eq(vendor_set_diligence(&v, "approved", "2026-12-01", today, err, sizeof err),
	             EX_DATAERR);
	cr_expect_str_eq(v.diligence, "sent", "a future day refused, nothing changed");
	cr_expect_eq(vendor_set_diligence(&v, "approved", "", today, err, sizeof err), 0);
	cr_expect_str_eq(v.diligence_on, "2026-11-18", "a new state: today");
	cr_expect_eq(vendor_set_diligence(&v, "none", "2026-11-01", today, err, sizeof err),
	             EX_DATAERR);
	cr_expect_eq(vendor_set_diligence(&v, "none", "", today, err, sizeof err), 0);
	cr_expect_str_eq(v.diligence_on, "", "none has no day");
}

/* Adds a vendor through the store; returns nothing, asserts. */
static void put(struct store *st, const struct client *c, const char *name, const char *category,
                const char *currency, int64_t cents, const char *status, const char *term_end,
                int notice, bool auto_renew)
{
	struct vendor v = vendor(term_end, notice, auto_renew);
	memcpy(v.client_id, c->id, UUID_LEN);
	memcpy(v.client_key, c->key, KEY_LEN);
	v.name = (char *)name;
	snprintf(v.category, sizeof v.category, "%s", category);
	snprintf(v.currency, sizeof v.currency, "%s", currency);
	snprintf(v.status, sizeof v.status, "%s", status);
	if (!strcmp(status, "ended"))
		snprintf(v.ended, sizeof v.ended, "2026-11-01");
	v.annual_cents = cents;
	cr_assert_eq(store_vendor_add(st, &v), 0, "%s: %s", name, store_error(st));
}

Test(app_vendors, renewals_and_spend)
{
	struct cxo_app app;
	struct client acme, beta;
	memset(&app, 0, sizeof app);
	app.st = open_new();
	app.today = day("2026-11-18");
	add_client(app.st, "acme", &acme);
	add_client(app.st, "beta", &beta);
	put(app.st, &acme, "Slack", "saas", "USD", 1200000, "active", "2026-12-31", 60, true);
	put(app.st, &acme, "Teams", "saas", "USD", 800000, "renewing", "2027-01-31", 30, true);
	put(app.st, &acme, "Zoom", "saas", "EUR", 300000, "active", "2027-06-30", 90, false);
	put(app.st, &acme, "Webex", "saas", "USD", 100000, "leaving", "2026-11-30", 10, false);
	put(app.st, &acme, "Stale", "saas", "USD", 1, "evaluating", "2026-10-31", 30, true);
	put(app.st, &acme, "Gone", "saas", "USD", 999, "ended", "2026-11-20", 1, true);
	put(app.st, &beta, "ERP", "infrastructure", "EUR", 4000000, "active", "2027-02-15", 92,
	    true);
	put(app.st, &beta, "Old", "infrastructure", "EUR", 50000, "active", "2016-01-01", 0, true);

	struct vendor_list l = { 0 };
	cr_assert_eq(app_vendor_renewals(&app, NULL, 90, &l), 0, "%s", store_error(app.st));
	char names[256] = "";
	for (size_t i = 0; i < l.n; i++)
		snprintf(names + strlen(names), sizeof names - strlen(names), "%s%s", i ? " " : "",
		         l.items[i].name);
	/* Defaulted first (Slack 1 Nov, ERP 15 Nov), then soon (Webex 20
	 * Nov, Teams 1 Jan); not Stale nor Old (terms over), Zoom (later),
	 * Gone (ended). */
	cr_expect_str_eq(names, "Slack ERP Webex Teams");
	vendor_list_free(&l);
	cr_assert_eq(app_vendor_renewals(&app, beta.id, 0, &l), 0);
	cr_expect_eq(l.n, 1, "one client's: ERP");
	vendor_list_free(&l);

	struct vendor_spend s;
	cr_assert_eq(app_vendor_spend(&app, acme.id, &s), 0);
	/* saas EUR (Zoom), saas USD (Slack, Teams, Webex): evaluating and
	 * ended are not paid for. */
	cr_assert_eq(s.n_lines, 2);
	cr_expect_str_eq(s.lines[0].currency, "EUR");
	cr_expect_eq(s.lines[1].annual_cents, 2100000);
	cr_expect_eq(s.lines[1].vendors, 3);
	cr_expect_eq(s.n_totals, 2);
	cr_expect_eq(s.n_grand, 0, "one client: no grand total");
	cr_assert_eq(s.n_overlaps, 1);
	cr_assert_eq(s.overlaps[0].n, 3, "Webex is leaving: no overlap");
	cr_expect_str_eq(s.overlaps[0].names[0], "Slack");
	cr_expect_str_eq(s.overlaps[0].names[1], "Teams");
	cr_expect_str_eq(s.overlaps[0].names[2], "Zoom");
	vendor_spend_free(&s);
	cr_assert_eq(app_vendor_spend(&app, NULL, &s), 0);
	cr_expect_eq(s.n_totals, 3, "acme EUR, acme USD, beta EUR");
	cr_assert_eq(s.n_grand, 2);
	cr_expect_str_eq(s.grand[0].currency, "EUR");
	cr_expect_eq(s.grand[0].annual_cents, 300000 + 4000000 + 50000);
	cr_expect_eq(s.n_overlaps, 2, "saas at acme, infrastructure at beta");
	vendor_spend_free(&s);
	vendor_spend_free(&s); /* empty: fine */
	store_close(app.st);
}
