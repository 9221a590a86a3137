/*
 * test_tui_rows.c: what each panel row says, from plain structs as the
 * store fills them.  The rows come in the store's order
 * (test_tui_dash.c).
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "tui/rows.h"

static cxo_day day(const char *iso)
{
	cxo_day d = 0;
	cr_assert(date_parse_iso(iso, &d), "%s", iso);
	return d;
}

/* who: the owner, or for a waiting action the person it waits for. */
static struct action act(const char *title, const char *due, const char *status, const char *who,
                         const char *since)
{
	struct action a;
	memset(&a, 0, sizeof a);
	a.title = (char *)title;
	if (!strcmp(status, "waiting"))
		a.waiting_for = (char *)who;
	else
		a.owner = (char *)who;
	snprintf(a.id, sizeof a.id, "%s", title);
	snprintf(a.due, sizeof a.due, "%s", due);
	snprintf(a.status, sizeof a.status, "%s", status);
	snprintf(a.waiting_since, sizeof a.waiting_since, "%s", since ? since : "");
	return a;
}

Test(tui_rows, action_rows_say_when_and_who)
{
	cxo_day today = day("2026-11-23");
	struct action_row r;

	struct action late = act("Send deck", "2026-11-20", "todo", NULL, NULL);
	action_row(&late, today, &r);
	cr_expect_str_eq(r.when, "3d late");
	cr_expect(r.overdue);
	cr_expect_eq(r.el, EL_OVERDUE);
	cr_expect_str_eq(r.who, "");

	struct action now = act("Call", "2026-11-23", "todo", "Priya", NULL);
	action_row(&now, today, &r);
	cr_expect_str_eq(r.when, "today");
	cr_expect_not(r.overdue);
	cr_expect_eq(r.el, EL_DUE_SOON);
	cr_expect_str_eq(r.who, "Priya");

	struct action later = act("Plan", "2026-11-25", "todo", NULL, NULL);
	action_row(&later, today, &r);
	cr_expect_str_eq(r.when, "in 2d");
	cr_expect_eq(r.el, EL_DUE_SOON);

	struct action far = act("Plan", "2026-12-01", "todo", NULL, NULL);
	action_row(&far, today, &r);
	cr_expect_str_eq(r.when, "in 8d");
	cr_expect_eq(r.el, EL_NORMAL);

	/* Due soon is the rules' window: six days ahead is soon, seven not. */
	struct action six = act("Plan", "2026-11-29", "todo", NULL, NULL);
	action_row(&six, today, &r);
	cr_expect_eq(r.el, EL_DUE_SOON, "in 6d");
	struct action seven = act("Plan", "2026-11-30", "todo", NULL, NULL);
	action_row(&seven, today, &r);
	cr_expect_eq(r.el, EL_NORMAL, "in 7d");

	/* A closed action is never late: it says what became of it. */
	struct action done = act("Sent", "2026-11-20", "done", NULL, NULL);
	action_row(&done, today, &r);
	cr_expect_str_eq(r.when, "done");
	cr_expect_not(r.overdue);
	cr_expect_eq(r.el, EL_DONE);

	struct action wait = act("Quote", "2026-12-01", "waiting", "Dana Whitfield", "2026-11-18");
	action_row(&wait, today, &r);
	cr_expect_eq(r.el, EL_WAITING);
	cr_expect_str_eq(r.who, "waiting for Dana Whitfield, 5d");
	cr_expect_str_eq(r.who_short, "waiting 5d: Dana Whitfield");

	struct action wait_today = act("Quote", "2026-12-01", "waiting", "Raj", "2026-11-23");
	action_row(&wait_today, today, &r);
	cr_expect_str_eq(r.who, "waiting for Raj");
	cr_expect_str_eq(r.who_short, "waiting: Raj");

	/* Someone else's action waiting for a third person names both, the
	 * owner first; the short form keeps the person waited for. */
	struct action theirs = act("Quote", "2026-12-01", "waiting", "Dana", "2026-11-18");
	theirs.owner = (char *)"Priya";
	action_row(&theirs, today, &r);
	cr_expect_str_eq(r.who, "Priya, waiting for Dana, 5d");
	cr_expect_str_eq(r.who_short, "waiting 5d: Dana");

	/* A waiting action naming no one (an old file's, or direct SQL). */
	struct action nobody = act("Quote", "2026-12-01", "waiting", NULL, "2026-11-18");
	action_row(&nobody, today, &r);
	cr_expect_str_eq(r.who, "waiting for someone, 5d");

	struct action wait_late = act("Quote", "2026-11-22", "waiting", "Dana", "2026-11-18");
	action_row(&wait_late, today, &r);
	cr_expect_eq(r.el, EL_OVERDUE, "overdue wins over waiting");
	cr_expect_str_eq(r.when, "yesterday");
	cr_expect(strstr(r.who, "Dana"));

	struct action none = act("Someday", "", "todo", NULL, NULL);
	action_row(&none, today, &r);
	cr_expect_str_eq(r.when, "no date");
	cr_expect_eq(r.el, EL_NORMAL);

	/* Stored text never reaches the screen raw. */
	struct action esc = act("x", "", "todo", "Eve\x1b[31m\n", NULL);
	action_row(&esc, today, &r);
	cr_expect_null(strchr(r.who, '\x1b'));
	cr_expect_null(strchr(r.who, '\n'));
	struct action esc_wait = act("x", "", "waiting", "Mal\x1b[2J\r\n", "2026-11-18");
	esc_wait.owner = (char *)"Eve\x1b[31m";
	action_row(&esc_wait, today, &r);
	cr_expect_null(strpbrk(r.who, "\x1b\r\n"), "%s", r.who);
	cr_expect_null(strpbrk(r.who_short, "\x1b\r\n"), "%s", r.who_short);
}

static struct risk rsk(const char *title, int l, int i, const char *review)
{
	struct risk r;
	memset(&r, 0, sizeof r);
	r.title = (char *)title;
	r.likelihood = l;
	r.impact = i;
	snprintf(r.id, sizeof r.id, "%s", title);
	snprintf(r.review, sizeof r.review, "%s", review);
	snprintf(r.status, sizeof r.status, "open");
	return r;
}

Test(tui_rows, risk_rows_levels_and_reviews)
{
	cxo_day today = day("2026-11-23");
	struct risk_row row;
	struct risk a = rsk("a", 5, 5, "2027-01-01");
	risk_row(&a, NULL, today, &row);
	cr_expect_eq(row.score, 25);
	cr_expect_eq(row.level, RISK_CRITICAL);
	cr_expect_eq(row.el, EL_RISK_CRITICAL);
	cr_expect_str_eq(row.level_name, "critical");
	cr_expect_not(row.review_due);
	struct risk b = rsk("b", 3, 3, "2026-11-20");
	risk_row(&b, &RISK_THRESHOLDS_DEFAULT, today, &row);
	cr_expect_eq(row.level, RISK_HIGH);
	cr_expect_eq(row.el, EL_RISK_HIGH);
	cr_expect(row.review_due);
	cr_expect_str_eq(row.review, "review 3d late");
	struct risk c = rsk("c", 2, 2, "2026-11-23");
	risk_row(&c, NULL, today, &row);
	cr_expect_eq(row.el, EL_RISK_MEDIUM);
	cr_expect_str_eq(row.review, "review today");
	struct risk d = rsk("d", 1, 3, "");
	risk_row(&d, NULL, today, &row);
	cr_expect_eq(row.el, EL_RISK_LOW);
	cr_expect_str_eq(row.review, "");
	/* A closed risk is not due for review. */
	struct risk e = rsk("e", 3, 3, "2026-11-20");
	snprintf(e.status, sizeof e.status, "closed");
	risk_row(&e, NULL, today, &row);
	cr_expect_not(row.review_due);
	cr_expect_str_eq(row.review, "");
	/* Configured thresholds move the levels. */
	struct risk_thresholds strict = { 2, 3, 5 };
	risk_row(&d, &strict, today, &row);
	cr_expect_eq(row.level, RISK_HIGH);
	/* The short forms, for narrow lists. */
	risk_row(&a, NULL, today, &row);
	cr_expect_str_eq(row.level_short, "crit");
	risk_row(&b, NULL, today, &row);
	cr_expect_str_eq(row.level_short, "high");
	cr_expect_str_eq(row.review_short, "3d late");
	risk_row(&c, NULL, today, &row);
	cr_expect_str_eq(row.level_short, "med");
	cr_expect_str_eq(row.review_short, "today");
	risk_row(&d, NULL, today, &row);
	cr_expect_str_eq(row.level_short, "low");
	cr_expect_str_eq(row.review_short, "");
}

/* A due review always shows: the level shortens, then goes, then the
 * review shortens; only a list too narrow for a title keeps none. */
Test(tui_rows, risk_columns_make_room_for_the_review)
{
	struct risk_cols c;
	int rw = (int)strlen("review 3d late"), sw = (int)strlen("3d late");

	/* No review due: the full level. */
	risk_columns(37, 0, 0, &c);
	cr_expect_eq(c.level_w, RISK_LEVEL_W);
	cr_expect_not(c.review);
	/* 80x24 (the panel alone): room for everything. */
	risk_columns(57, rw, sw, &c);
	cr_expect_eq(c.level_w, RISK_LEVEL_W);
	cr_expect(c.review);
	cr_expect_not(c.review_short);
	/* 120x40: the level shortens. */
	risk_columns(37, rw, sw, &c);
	cr_expect_eq(c.level_w, RISK_LEVEL_SHORT_W);
	cr_expect(c.review);
	cr_expect_not(c.review_short);
	cr_expect_geq(37 - RISK_SCORE_W - c.level_w - rw - 2, RISK_TITLE_MIN);
	/* Narrower: the level goes. */
	risk_columns(32, rw, sw, &c);
	cr_expect_eq(c.level_w, 0);
	cr_expect(c.review);
	cr_expect_not(c.review_short);
	/* Narrower still: "3d late". */
	risk_columns(26, rw, sw, &c);
	cr_expect_eq(c.level_w, 0);
	cr_expect(c.review);
	cr_expect(c.review_short);
	/* Too narrow for a review and a title: the title. */
	risk_columns(20, rw, sw, &c);
	cr_expect_not(c.review);
	/* Every width from a title's to 200: a shown review leaves the
	 * title its minimum. */
	for (int w = 1; w <= 200; w++) {
		risk_columns(w, rw, sw, &c);
		if (c.review)
			cr_expect_geq(w - RISK_SCORE_W - c.level_w - (c.review_short ? sw : rw) - 2,
			              RISK_TITLE_MIN, "width %d", w);
		if (w >= RISK_SCORE_W + sw + 2 + RISK_TITLE_MIN)
			cr_expect(c.review, "width %d has room for the review", w);
	}
}

static struct mandate man(const char *title, const char *status, const char *due, int open)
{
	struct mandate m;
	memset(&m, 0, sizeof m);
	m.title = (char *)title;
	m.open_actions = open;
	snprintf(m.id, sizeof m.id, "%s", title);
	snprintf(m.status, sizeof m.status, "%s", status);
	snprintf(m.due, sizeof m.due, "%s", due);
	return m;
}

Test(tui_rows, mandate_rows)
{
	cxo_day today = day("2026-11-23");
	struct mandate_row r;
	struct mandate a = man("a", "active", "2026-12-14", 2);
	mandate_row(&a, today, &r);
	cr_expect_str_eq(r.when, "in 3w");
	cr_expect_str_eq(r.open, "2 open");
	cr_expect_eq(r.el, EL_NORMAL);
	struct mandate b = man("b", "active", "2026-11-09", 0);
	mandate_row(&b, today, &r);
	cr_expect_str_eq(r.when, "2w late");
	cr_expect_eq(r.el, EL_OVERDUE);
	cr_expect_str_eq(r.open, "");
	struct mandate soon = man("soon", "active", "2026-11-29", 0);
	mandate_row(&soon, today, &r);
	cr_expect_eq(r.el, EL_DUE_SOON, "in 6d");
	struct mandate week = man("week", "active", "2026-11-30", 0);
	mandate_row(&week, today, &r);
	cr_expect_eq(r.el, EL_NORMAL, "in 7d");
	struct mandate c = man("c", "done", "2026-11-09", 0);
	mandate_row(&c, today, &r);
	cr_expect_str_eq(r.when, "done");
	cr_expect_eq(r.el, EL_DONE);
}

Test(tui_rows, the_lines_under_the_rows)
{
	char buf[256];
	struct mandate m = man("Board update", "active", "2026-11-28", 1);
	m.area = (char *)"board";
	mandate_more(&m, " · ", "%d %b", buf, sizeof buf);
	cr_expect_str_eq(buf, "board · due 28 Nov");
	snprintf(m.status, sizeof m.status, "done");
	mandate_more(&m, " - ", NULL, buf, sizeof buf);
	cr_expect_str_eq(buf, "board", "a done mandate is due no more");
	m.area = NULL;
	mandate_more(&m, " - ", NULL, buf, sizeof buf);
	cr_expect_str_eq(buf, "");

	struct risk r;
	memset(&r, 0, sizeof r);
	snprintf(r.status, sizeof r.status, "mitigating");
	r.owner = (char *)"Priya Shah";
	r.framework = (char *)"SOC 2";
	snprintf(r.category, sizeof r.category, "security");
	snprintf(r.review, sizeof r.review, "2026-12-20");
	risk_more(&r, " · ", "%Y-%m-%d", buf, sizeof buf);
	cr_expect_str_eq(buf,
	                 "mitigating · owner Priya Shah · SOC 2 · security · review 2026-12-20");
	r.owner = NULL;
	r.framework = NULL;
	risk_more(&r, ", ", "", buf, sizeof buf);
	cr_expect_str_eq(buf, "mitigating, security, review 2026-12-20", "empty format: ISO");

	struct action a = act("Quote", "2026-11-20", "waiting", "Elena", "2026-11-15");
	a.mandate_title = (char *)"Second office";
	snprintf(a.created, sizeof a.created, "2026-11-02");
	action_more(&a, " · ", NULL, buf, sizeof buf);
	cr_expect_str_eq(buf,
	                 "mandate Second office · waiting since 2026-11-15 · added 2026-11-02");
	struct action b = act("MFA", "2026-11-20", "todo", NULL, NULL);
	b.risk_title = (char *)"No MFA";
	action_more(&b, " · ", NULL, buf, sizeof buf);
	cr_expect_str_eq(buf, "risk No MFA");
	char small[12];
	action_more(&a, " · ", NULL, small, sizeof small);
	cr_expect_lt(strlen(small), sizeof small, "cut to the buffer");
}

Test(tui_rows, entry_rows)
{
	cxo_day today = day("2026-11-23"); /* a Monday */
	struct entry e;
	struct entry_row r;
	memset(&e, 0, sizeof e);
	e.minutes = 90;
	e.billable = true;
	snprintf(e.day, sizeof e.day, "2026-11-23");
	entry_row(&e, today, HOURS_DECIMAL, &r);
	cr_expect_str_eq(r.when, "today");
	cr_expect_str_eq(r.hours, "1.5h");
	cr_expect(r.billable);
	snprintf(e.day, sizeof e.day, "2026-11-22");
	entry_row(&e, today, HOURS_CLOCK, &r);
	cr_expect_str_eq(r.when, "yesterday");
	cr_expect_str_eq(r.hours, "1:30");
	snprintf(e.day, sizeof e.day, "2026-11-19");
	entry_row(&e, today, HOURS_DECIMAL, &r);
	cr_expect_str_eq(r.when, "Thu 19");
	snprintf(e.day, sizeof e.day, "2026-10-02");
	entry_row(&e, today, HOURS_DECIMAL, &r);
	cr_expect_str_eq(r.when, "Oct  2");
	snprintf(e.day, sizeof e.day, "2025-10-02");
	entry_row(&e, today, HOURS_DECIMAL, &r);
	cr_expect_str_eq(r.when, "2025-10-02");
}

Test(tui_rows, pace_colours)
{
	cr_expect_eq(pace_element(PACE_OK), EL_BUDGET_OK);
	cr_expect_eq(pace_element(PACE_WARNING), EL_BUDGET_WARNING);
	cr_expect_eq(pace_element(PACE_OVER), EL_BUDGET_OVER);
	cr_expect_eq(pace_element(PACE_BEHIND), EL_BUDGET_BEHIND);
}

Test(tui_rows, closed_items_marked_by_their_status)
{
	cxo_day today = day("2026-11-23");
	struct action_row ar;
	struct action done = act("done", "2026-11-01", "done", NULL, NULL);
	action_row(&done, today, &ar);
	cr_expect_str_eq(ar.when, "done", "its status, not how late it was");
	cr_expect_eq(ar.el, EL_DONE);
	cr_expect_not(ar.overdue);
	struct action dropped = act("dropped", "", "dropped", "Dana", NULL);
	action_row(&dropped, today, &ar);
	cr_expect_str_eq(ar.when, "dropped");
	cr_expect_eq(ar.el, EL_DONE);

	struct risk_row rr;
	struct risk c = rsk("c", 5, 5, "2026-11-01");
	snprintf(c.status, sizeof c.status, "closed");
	risk_row(&c, NULL, today, &rr);
	cr_expect_str_eq(rr.mark, "closed");
	cr_expect_str_eq(rr.mark_short, "done");
	cr_expect_eq(rr.el, EL_DONE);
	cr_expect_not(rr.review_due, "a closed risk has no review due");
	struct risk a = rsk("a", 2, 2, "2026-11-01");
	snprintf(a.status, sizeof a.status, "accepted");
	risk_row(&a, NULL, today, &rr);
	cr_expect_str_eq(rr.mark, "accepted");
	struct risk o = rsk("o", 2, 2, "2027-01-01");
	risk_row(&o, NULL, today, &rr);
	cr_expect_str_eq(rr.mark, "", "an open risk shows its level");
}
