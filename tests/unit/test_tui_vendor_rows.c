/*
 * test_tui_vendor_rows.c: the Vendors and Decisions views' rows, the
 * vendors' order (the renewals first) and an overview card's notice
 * line, from plain structs as the store fills them.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "tui/vendor_rows.h"

static cxo_day day(const char *iso)
{
	cxo_day d = 0;
	cr_assert(date_parse_iso(iso, &d), "%s", iso);
	return d;
}

static struct vendor ven(const char *name, const char *term_end, int notice, bool auto_renew,
                         const char *status, const char *data, const char *diligence)
{
	struct vendor v;
	memset(&v, 0, sizeof v);
	v.name = (char *)name;
	snprintf(v.id, sizeof v.id, "%s", name);
	snprintf(v.term_end, sizeof v.term_end, "%s", term_end);
	v.notice_days = notice;
	v.auto_renew = auto_renew;
	snprintf(v.status, sizeof v.status, "%s", status);
	snprintf(v.data, sizeof v.data, "%s", data);
	snprintf(v.diligence, sizeof v.diligence, "%s", diligence);
	snprintf(v.category, sizeof v.category, "infrastructure");
	snprintf(v.billing, sizeof v.billing, "annual");
	snprintf(v.currency, sizeof v.currency, "EUR");
	return v;
}

Test(tui_vendor_rows, the_deadline_and_what_is_left)
{
	cxo_day today = day("2026-11-18");
	struct vendor_row r;

	/* Term end 2027-03-01, 90 days' notice: notice by 2026-12-01. */
	struct vendor erp = ven("ERP", "2027-03-01", 90, true, "active", "confidential", "none");
	vendor_row(&erp, today, &r);
	cr_expect_str_eq(r.notice, "2026-12-01");
	cr_expect_str_eq(r.left, "in 13d");
	cr_expect_eq(r.el, EL_DUE_SOON, "within VENDOR_NOTICE_SOON_DAYS");
	cr_expect(r.renewing);
	cr_expect_str_eq(r.category, "infra");
	cr_expect_str_eq(r.flag, "C");
	cr_expect_not(r.exposed);

	struct vendor later = ven("Later", "2027-03-01", 60, true, "active", "none", "none");
	vendor_row(&later, today, &r);
	cr_expect_str_eq(r.notice, "2026-12-31");
	cr_expect_eq(r.el, EL_NORMAL, "43 days off: not yet in the due-soon style");
	cr_expect(r.renewing, "within VENDOR_RENEWING_DAYS");

	struct vendor far = ven("Far", "2028-01-01", 30, true, "active", "none", "none");
	vendor_row(&far, today, &r);
	cr_expect_eq(r.state, RENEWAL_LATER);
	cr_expect_not(r.renewing);

	/* The deadline passed on an auto-renewing contract: renewed. */
	struct vendor def = ven("Def", "2026-12-31", 60, true, "active", "regulated", "sent");
	vendor_row(&def, today, &r);
	cr_expect_eq(r.state, RENEWAL_DEFAULTED);
	cr_expect_str_eq(r.left, "renewed");
	cr_expect_eq(r.el, EL_OVERDUE);
	cr_expect(r.renewing);
	cr_expect(r.exposed, "regulated data, diligence only sent");
	cr_expect_str_eq(r.flag, "!");
	cr_expect_eq(r.flag_el, EL_OVERDUE);

	struct vendor lapse =
	        ven("Lapse", "2026-12-31", 60, false, "active", "regulated", "approved");
	vendor_row(&lapse, today, &r);
	cr_expect_str_eq(r.left, "lapsing");
	cr_expect_not(r.exposed, "approved diligence");
	cr_expect_str_eq(r.flag, "R");

	struct vendor none = ven("None", "", 0, false, "active", "none", "none");
	vendor_row(&none, today, &r);
	cr_expect_str_eq(r.notice, "");
	cr_expect_str_eq(r.left, "no term");
	cr_expect_not(r.renewing);

	struct vendor ended = ven("Ended", "2026-12-31", 60, true, "ended", "regulated", "none");
	vendor_row(&ended, today, &r);
	cr_expect_str_eq(r.left, "ended");
	cr_expect_eq(r.el, EL_DONE);
	cr_expect_not(r.exposed, "an ended contract holds nothing to act on");
}

Test(tui_vendor_rows, renewals_first_soonest_first_then_the_rest_as_they_came)
{
	cxo_day today = day("2026-11-18");
	/* As the store lists them: by name. */
	struct vendor v[] = {
		ven("Alpha", "", 0, false, "active", "none", "none"),
		ven("Bravo", "2027-03-01", 90, true, "active", "none", "none"),    /* 2026-12-01 */
		ven("Charlie", "2026-12-31", 60, true, "ended", "none", "none"),   /* ended */
		ven("Delta", "2026-12-31", 60, true, "active", "none", "none"),    /* renewed */
		ven("Echo", "2028-01-01", 30, true, "active", "none", "none"),     /* later */
		ven("Foxtrot", "2026-12-10", 10, false, "active", "none", "none"), /* 2026-11-30 */
	};
	size_t n = sizeof v / sizeof v[0], order[6];
	vendor_order(v, n, today, order);
	const char *want[] = { "Delta", "Foxtrot", "Bravo", "Alpha", "Echo", "Charlie" };
	for (size_t i = 0; i < n; i++)
		cr_expect_str_eq(v[order[i]].name, want[i], "row %zu", i);
}

Test(tui_vendor_rows, the_line_under_a_vendor)
{
	struct vendor v = ven("EHR", "2027-06-30", 90, true, "active", "regulated", "sent");
	char buf[512];
	v.owner = (char *)"Raj Mehta";
	v.units = 120;
	v.risks = 2;
	vendor_more(&v, " · ", buf, sizeof buf);
	cr_expect_str_eq(buf, "owner Raj Mehta · 120 units · billed annual · auto-renews · 90d "
	                      "notice · term ends 2027-06-30 · diligence questionnaire sent · "
	                      "data regulated · 2 risks");
	struct vendor bare = ven("X", "", 0, false, "active", "regulated", "none");
	snprintf(bare.billing, sizeof bare.billing, "usage");
	vendor_more(&bare, "|", buf, sizeof buf);
	cr_expect_str_eq(buf, "billed usage|no diligence|data regulated");
	char small[8];
	vendor_more(&v, " · ", small, sizeof small);
	cr_expect_lt(strlen(small), sizeof small, "cut, never overrun");
}

Test(tui_vendor_rows, columns_fit_80_and_drop_the_category_then_the_cost)
{
	struct vendor_cols c;
	/* 80 columns: 76 inside the border. */
	vendor_columns(76, &c);
	cr_expect_eq(c.category_w, VENDOR_CATEGORY_W);
	cr_expect_eq(c.cost_w, VENDOR_COST_W);
	cr_expect_eq(VENDOR_FLAG_W + c.name_w + c.category_w + VENDOR_NOTICE_W + VENDOR_LEFT_W +
	                     c.cost_w,
	             76);
	cr_expect_geq(c.name_w, VENDOR_NAME_MIN);
	vendor_columns(50, &c);
	cr_expect_eq(c.category_w, 0);
	cr_expect_eq(c.cost_w, VENDOR_COST_W);
	cr_expect_geq(c.name_w, VENDOR_NAME_MIN);
	vendor_columns(36, &c);
	cr_expect_eq(c.cost_w, 0);
	cr_expect_eq(c.category_w, 0);
	for (int w = 1; w < 300; w++) {
		vendor_columns(w, &c);
		cr_expect_geq(c.name_w, 1, "%d", w);
	}
}

Test(tui_vendor_rows, an_overview_cards_notice_line)
{
	cxo_day today = day("2026-11-18");
	char buf[128];
	bool soon;
	cr_expect(notice_text("2026-11-30", 1, today, "%Y-%m-%d", buf, sizeof buf, &soon));
	cr_expect_str_eq(buf, "by 2026-11-30, in 12d");
	cr_expect(soon);
	cr_expect(notice_text("2026-11-30", 3, today, "%d %b", buf, sizeof buf, &soon));
	cr_expect_str_eq(buf, "by 30 Nov, in 12d, 3 within 14d");
	cr_expect(notice_text("2026-12-31", 0, today, "%Y-%m-%d", buf, sizeof buf, &soon));
	cr_expect_not(soon, "43 days off");
	cr_expect_not(notice_text("", 0, today, "%Y-%m-%d", buf, sizeof buf, &soon));
	cr_expect_str_eq(buf, "");
	cr_expect_not(notice_text("garbage", 0, today, "%Y-%m-%d", buf, sizeof buf, &soon));
}

Test(tui_vendor_rows, decisions_review_due_and_status)
{
	cxo_day today = day("2026-11-18");
	struct decision d;
	struct decision_row r;
	memset(&d, 0, sizeof d);
	snprintf(d.status, sizeof d.status, "decided");
	snprintf(d.review, sizeof d.review, "2026-11-15");
	decision_row(&d, today, &r);
	cr_expect(r.review_due);
	cr_expect_str_eq(r.review, "review 3d late");
	cr_expect_str_eq(r.status, "", "decided, the usual case, says nothing");
	cr_expect_eq(r.el, EL_NORMAL);

	snprintf(d.review, sizeof d.review, "2026-11-18");
	decision_row(&d, today, &r);
	cr_expect(r.review_due, "due today");
	cr_expect_str_eq(r.review, "review today");

	snprintf(d.review, sizeof d.review, "2026-11-19");
	decision_row(&d, today, &r);
	cr_expect_not(r.review_due);

	snprintf(d.status, sizeof d.status, "superseded");
	snprintf(d.review, sizeof d.review, "2026-11-01");
	decision_row(&d, today, &r);
	cr_expect_not(r.review_due, "a superseded decision is not reviewed");
	cr_expect_str_eq(r.status, "superseded");
	cr_expect_eq(r.el, EL_DONE);

	char buf[256];
	d.decided_by = (char *)"Dana";
	d.consulted = (char *)"Priya, Marcus";
	decision_more(&d, " · ", buf, sizeof buf);
	cr_expect_str_eq(buf, "decided by Dana · consulted Priya, Marcus · review 2026-11-01");
}
