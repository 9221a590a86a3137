/*
 * test_tui_dash.c: the dashboard's store queries (src/store/dash.c) on a
 * temporary database: bounded, in the panels' order, filtered, and the
 * deletes.
 */
#include "store_test.h"

#include "../../src/store/internal.h"
#include "tui/view.h"

static struct store *st;
static struct client acme, other;

static void setup(void)
{
	tdir_setup();
	st = open_new();
	add_client(st, "acme", &acme);
	add_client(st, "other", &other);
}

static void teardown(void)
{
	store_close(st);
	st = NULL;
	tdir_teardown();
}

TestSuite(tui_dash, .init = setup, .fini = teardown);

static void log_on(const struct client *c, const char *day, int minutes, const char *note)
{
	struct entry e;
	memset(&e, 0, sizeof e);
	snprintf(e.client_id, sizeof e.client_id, "%s", c->id);
	snprintf(e.day, sizeof e.day, "%s", day);
	e.minutes = minutes;
	e.billable = true;
	e.note = (char *)note;
	cr_assert_eq(store_entry_add(st, &e), 0, "%s", store_error(st));
}

static void add_action(const struct client *c, const char *title, const char *due,
                       const char *status, char id[UUID_LEN])
{
	struct action a;
	memset(&a, 0, sizeof a);
	snprintf(a.client_id, sizeof a.client_id, "%s", c->id);
	a.title = (char *)title;
	snprintf(a.due, sizeof a.due, "%s", due);
	snprintf(a.status, sizeof a.status, "%s", status);
	if (!strcmp(status, "waiting")) {
		a.waiting_for = (char *)"Dana";
		snprintf(a.waiting_since, sizeof a.waiting_since, "2026-11-01");
	}
	if (!strcmp(status, "done"))
		snprintf(a.done_on, sizeof a.done_on, "2026-11-01");
	cr_assert_eq(store_action_add(st, &a), 0, "%s", store_error(st));
	if (id)
		memcpy(id, a.id, UUID_LEN);
}

static void add_risk(const struct client *c, const char *title, int l, int i, const char *status,
                     char id[UUID_LEN])
{
	struct risk r;
	memset(&r, 0, sizeof r);
	snprintf(r.client_id, sizeof r.client_id, "%s", c->id);
	r.title = (char *)title;
	r.likelihood = l;
	r.impact = i;
	snprintf(r.status, sizeof r.status, "%s", status);
	snprintf(r.treatment, sizeof r.treatment, "mitigate");
	snprintf(r.opened, sizeof r.opened, "2026-01-01");
	snprintf(r.review, sizeof r.review, "2026-12-01");
	if (!strcmp(status, "closed"))
		snprintf(r.closed, sizeof r.closed, "2026-02-01");
	cr_assert_eq(store_risk_add(st, &r), 0, "%s", store_error(st));
	if (id)
		memcpy(id, r.id, UUID_LEN);
}

static void add_mandate(const struct client *c, const char *title, const char *due,
                        const char *status, char id[UUID_LEN])
{
	struct mandate m;
	memset(&m, 0, sizeof m);
	snprintf(m.client_id, sizeof m.client_id, "%s", c->id);
	m.title = (char *)title;
	snprintf(m.due, sizeof m.due, "%s", due);
	snprintf(m.status, sizeof m.status, "%s", status);
	cr_assert_eq(store_mandate_add(st, &m), 0, "%s", store_error(st));
	if (id)
		memcpy(id, m.id, UUID_LEN);
}

Test(tui_dash, weekly_range_sums)
{
	log_on(&acme, "2026-11-02", 60, "a");   /* week of the 2nd */
	log_on(&acme, "2026-11-08", 30, "b");   /* Sunday: same week */
	log_on(&acme, "2026-11-09", 90, "c");   /* next week */
	log_on(&acme, "2026-11-16", 15, "d");   /* after the last bound */
	log_on(&other, "2026-11-03", 600, "e"); /* another client */
	const char bounds[3][DAY_LEN] = { "2026-11-02", "2026-11-09", "2026-11-16" };
	long mins[2] = { -1, -1 };
	cr_assert_eq(store_dash_range_sums(st, acme.id, bounds, 2, mins), 0, "%s", store_error(st));
	cr_expect_eq(mins[0], 90);
	cr_expect_eq(mins[1], 90);
	const char bad[2][DAY_LEN] = { "2026-11-02", "nope" };
	cr_expect_eq(store_dash_range_sums(st, acme.id, bad, 1, mins), EX_DATAERR);
}

Test(tui_dash, week_bounds_end_with_this_week)
{
	cxo_day today, b[TUI_WEEKS + 1];
	cr_assert(date_parse_iso("2026-11-25", &today)); /* a Wednesday */
	tui_week_bounds(today, WD_MON, b);
	char iso[DATE_ISO_LEN];
	date_format_iso(b[TUI_WEEKS - 1], iso);
	cr_expect_str_eq(iso, "2026-11-23");
	date_format_iso(b[TUI_WEEKS], iso);
	cr_expect_str_eq(iso, "2026-11-30");
	for (int i = 0; i < TUI_WEEKS; i++)
		cr_expect_eq(b[i + 1] - b[i], 7);
}

Test(tui_dash, latest_entries_bounded_newest_first_filtered)
{
	char day[32];
	for (int d = 1; d <= 20; d++) {
		snprintf(day, sizeof day, "2026-10-%02d", d);
		log_on(&acme, day, 30, d % 2 ? "Vendor call" : "Board prep");
	}
	struct entry_list l;
	cr_assert_eq(store_dash_latest_entries(st, acme.id, NULL, 5, &l), 0);
	cr_expect_eq(l.n, 5);
	cr_expect_str_eq(l.items[0].day, "2026-10-20");
	cr_expect_str_eq(l.items[4].day, "2026-10-16");
	entry_list_free(&l);
	cr_assert_eq(store_dash_latest_entries(st, acme.id, "VENDOR", 100, &l), 0);
	cr_expect_eq(l.n, 10, "the filter ignores case");
	cr_expect_str_eq(l.items[0].day, "2026-10-19");
	entry_list_free(&l);
	cr_assert_eq(store_dash_latest_entries(st, other.id, NULL, 100, &l), 0);
	cr_expect_eq(l.n, 0);
	entry_list_free(&l);
}

Test(tui_dash, open_risks_by_score_and_heat_map)
{
	add_risk(&acme, "low", 1, 2, "open", NULL);
	add_risk(&acme, "critical", 5, 4, "mitigating", NULL);
	add_risk(&acme, "closed", 5, 5, "closed", NULL);
	add_risk(&acme, "accepted", 5, 5, "accepted", NULL);
	add_risk(&acme, "high", 3, 3, "open", NULL);
	add_risk(&acme, "high twin", 3, 3, "open", NULL);
	add_risk(&other, "elsewhere", 5, 5, "open", NULL);
	struct risk_list l;
	cr_assert_eq(store_dash_open_risks(st, acme.id, NULL, 3, &l), 0, "%s", store_error(st));
	cr_assert_eq(l.n, 3);
	cr_expect_str_eq(l.items[0].title, "critical");
	cr_expect_str_eq(l.items[1].title, "high");
	cr_expect_str_eq(l.items[2].title, "high twin");
	risk_list_free(&l);
	cr_assert_eq(store_dash_open_risks(st, acme.id, "twin", 10, &l), 0);
	cr_expect_eq(l.n, 1);
	risk_list_free(&l);
	int heat[5][5];
	cr_assert_eq(store_dash_heatmap(st, acme.id, heat), 0);
	cr_expect_eq(heat[4][3], 1, "5x4");
	cr_expect_eq(heat[2][2], 2, "3x3 twice");
	cr_expect_eq(heat[0][1], 1, "1x2");
	cr_expect_eq(heat[4][4], 0, "closed and accepted ones are not open");
}

Test(tui_dash, open_actions_dated_then_undated_and_counts)
{
	char done_id[UUID_LEN];
	add_action(&acme, "someday", "", "todo", NULL);
	add_action(&acme, "later", "2026-12-10", "todo", NULL);
	add_action(&acme, "late", "2026-11-01", "waiting", NULL);
	add_action(&acme, "soon", "2026-11-25", "todo", NULL);
	add_action(&acme, "finished", "2026-10-01", "done", done_id);
	add_action(&other, "not mine", "2026-11-01", "todo", NULL);
	struct action_list l;
	cr_assert_eq(store_dash_open_actions(st, acme.id, NULL, 10, &l), 0, "%s", store_error(st));
	cr_assert_eq(l.n, 4);
	cr_expect_str_eq(l.items[0].title, "late");
	cr_expect_str_eq(l.items[1].title, "soon");
	cr_expect_str_eq(l.items[2].title, "later");
	cr_expect_str_eq(l.items[3].title, "someday");
	action_list_free(&l);
	cr_assert_eq(store_dash_open_actions(st, acme.id, NULL, 2, &l), 0);
	cr_expect_eq(l.n, 2, "bounded");
	action_list_free(&l);
	cr_assert_eq(store_dash_open_actions(st, acme.id, "dana", 10, &l), 0);
	cr_expect_eq(l.n, 1, "the person waited for matches too");
	action_list_free(&l);
	struct action a;
	cr_assert_eq(store_dash_next_due(st, acme.id, &a), 0);
	cr_expect_str_eq(a.title, "late");
	cr_expect_str_eq(a.waiting_for, "Dana");
	free(a.owner);
	a.owner = strdup("Priya Shah");
	cr_assert_eq(store_action_update(st, &a), 0, "%s", store_error(st));
	action_free(&a);
	cr_assert_eq(store_dash_open_actions(st, acme.id, "priya", 10, &l), 0);
	cr_expect_eq(l.n, 1, "the owner matches too");
	action_list_free(&l);
	int open, overdue;
	cr_assert_eq(store_dash_action_counts(st, acme.id, "2026-11-23", &open, &overdue), 0);
	cr_expect_eq(open, 4);
	cr_expect_eq(overdue, 1);
	struct action next;
	cr_assert_eq(store_dash_next_due(st, acme.id, &next), 0);
	cr_expect_str_eq(next.title, "late");
	action_free(&next);
	struct client none;
	add_client(st, "empty", &none);
	cr_expect_eq(store_dash_next_due(st, none.id, &next), EX_NOINPUT);
	action_free(&next);
}

Test(tui_dash, mandates_active_first_then_closed_latest_first)
{
	add_mandate(&acme, "old done", "2026-01-01", "done", NULL);
	add_mandate(&acme, "undated", "", "active", NULL);
	add_mandate(&acme, "recent done", "2026-10-01", "done", NULL);
	add_mandate(&acme, "soon", "2026-12-01", "active", NULL);
	add_mandate(&acme, "dropped", "2026-06-01", "dropped", NULL);
	struct mandate_list l;
	cr_assert_eq(store_dash_mandates(st, acme.id, NULL, 10, &l), 0, "%s", store_error(st));
	cr_assert_eq(l.n, 5);
	cr_expect_str_eq(l.items[0].title, "soon");
	cr_expect_str_eq(l.items[1].title, "undated");
	cr_expect_str_eq(l.items[2].title, "recent done");
	cr_expect_str_eq(l.items[3].title, "old done");
	cr_expect_str_eq(l.items[4].title, "dropped");
	mandate_list_free(&l);
	cr_assert_eq(store_dash_mandates(st, acme.id, NULL, 3, &l), 0);
	cr_expect_eq(l.n, 3);
	mandate_list_free(&l);
	cr_assert_eq(store_dash_mandates(st, acme.id, "DONE", 10, &l), 0);
	cr_expect_eq(l.n, 2);
	mandate_list_free(&l);
}

/* The panels show the rows in the store's order: what follows pins the
 * orders the dashboard once sorted into itself. */

static void add_action_made(const struct client *c, const char *title, const char *due,
                            const char *created)
{
	struct action a;
	memset(&a, 0, sizeof a);
	snprintf(a.client_id, sizeof a.client_id, "%s", c->id);
	a.title = (char *)title;
	snprintf(a.status, sizeof a.status, "todo");
	snprintf(a.due, sizeof a.due, "%s", due);
	snprintf(a.created, sizeof a.created, "%s", created);
	cr_assert_eq(store_action_add(st, &a), 0, "%s", store_error(st));
}

static void expect_actions(const char *const *want, size_t n)
{
	struct action_list l;
	cr_assert_eq(store_dash_open_actions(st, acme.id, NULL, 10, &l), 0, "%s", store_error(st));
	cr_assert_eq(l.n, n);
	for (size_t i = 0; i < n; i++)
		cr_expect_str_eq(l.items[i].title, want[i], "row %zu", i);
	action_list_free(&l);
}

Test(tui_dash, actions_overdue_first_then_by_due_undated_last)
{
	add_action(&acme, "undated", "", "todo", NULL);
	add_action(&acme, "next week", "2026-11-30", "todo", NULL);
	add_action(&acme, "late b", "2026-11-20", "waiting", NULL);
	add_action(&acme, "today", "2026-11-23", "todo", NULL);
	add_action(&acme, "late a", "2026-11-20", "todo", NULL);
	add_action(&acme, "very late", "2026-10-01", "todo", NULL);
	const char *want[] = { "very late", "late a", "late b", "today", "next week", "undated" };
	expect_actions(want, 6);
}

/* Due the same day: the one made first comes first, as in the shell's
 * list; made the same day too, by title. */
Test(tui_dash, actions_due_the_same_day_by_day_made_then_title)
{
	add_action_made(&acme, "b made late", "2026-11-30", "2026-11-20");
	add_action_made(&acme, "z made early", "2026-11-30", "2026-11-01");
	add_action_made(&acme, "a made late", "2026-11-30", "2026-11-20");
	const char *want[] = { "z made early", "a made late", "b made late" };
	expect_actions(want, 3);
}

static void add_risk_review(const char *title, int l, int i, const char *review)
{
	struct risk r;
	memset(&r, 0, sizeof r);
	snprintf(r.client_id, sizeof r.client_id, "%s", acme.id);
	r.title = (char *)title;
	r.likelihood = l;
	r.impact = i;
	snprintf(r.status, sizeof r.status, "open");
	snprintf(r.treatment, sizeof r.treatment, "mitigate");
	snprintf(r.opened, sizeof r.opened, "2026-01-01");
	snprintf(r.review, sizeof r.review, "%s", review);
	cr_assert_eq(store_risk_add(st, &r), 0, "%s", store_error(st));
}

Test(tui_dash, risks_by_score_then_review)
{
	add_risk_review("low", 1, 2, "2026-12-01");
	add_risk_review("critical", 5, 4, "2027-01-01");
	add_risk_review("high later", 3, 3, "2027-02-01");
	add_risk_review("high sooner", 3, 3, "2026-12-15");
	add_risk_review("no review", 3, 3, "");
	struct risk_list l;
	cr_assert_eq(store_dash_open_risks(st, acme.id, NULL, 10, &l), 0, "%s", store_error(st));
	cr_assert_eq(l.n, 5);
	const char *want[] = { "critical", "high sooner", "high later", "no review", "low" };
	for (int i = 0; i < 5; i++)
		cr_expect_str_eq(l.items[i].title, want[i], "row %d", i);
	risk_list_free(&l);
}

Test(tui_dash, mandates_active_by_due_undated_then_closed)
{
	add_mandate(&acme, "old done", "2026-01-01", "done", NULL);
	add_mandate(&acme, "undated", "", "active", NULL);
	add_mandate(&acme, "recent done", "2026-11-01", "done", NULL);
	add_mandate(&acme, "soon", "2026-11-25", "active", NULL);
	add_mandate(&acme, "dropped", "", "dropped", NULL);
	add_mandate(&acme, "later", "2027-01-01", "active", NULL);
	struct mandate_list l;
	cr_assert_eq(store_dash_mandates(st, acme.id, NULL, 10, &l), 0, "%s", store_error(st));
	cr_assert_eq(l.n, 6);
	const char *want[] = { "soon", "later", "undated", "recent done", "old done", "dropped" };
	for (int i = 0; i < 6; i++)
		cr_expect_str_eq(l.items[i].title, want[i], "row %d", i);
	mandate_list_free(&l);
}

Test(tui_dash, open_actions_counted_on_mandates)
{
	char mid[UUID_LEN];
	add_mandate(&acme, "roadmap", "2026-12-01", "active", mid);
	struct action a;
	memset(&a, 0, sizeof a);
	snprintf(a.client_id, sizeof a.client_id, "%s", acme.id);
	snprintf(a.mandate_id, sizeof a.mandate_id, "%s", mid);
	a.title = (char *)"draft";
	cr_assert_eq(store_action_add(st, &a), 0, "%s", store_error(st));
	struct mandate_list l;
	cr_assert_eq(store_dash_mandates(st, acme.id, NULL, 10, &l), 0);
	cr_assert_eq(l.n, 1);
	cr_expect_eq(l.items[0].open_actions, 1);
	mandate_list_free(&l);
}

Test(tui_dash, deletes_unlink_what_pointed_at_them)
{
	char mid[UUID_LEN], rid[UUID_LEN], aid[UUID_LEN];
	add_mandate(&acme, "roadmap", "", "active", mid);
	add_risk(&acme, "no backups", 3, 3, "open", rid);
	struct action a;
	memset(&a, 0, sizeof a);
	snprintf(a.client_id, sizeof a.client_id, "%s", acme.id);
	snprintf(a.mandate_id, sizeof a.mandate_id, "%s", mid);
	snprintf(a.risk_id, sizeof a.risk_id, "%s", rid);
	a.title = (char *)"linked";
	cr_assert_eq(store_action_add(st, &a), 0, "%s", store_error(st));
	memcpy(aid, a.id, UUID_LEN);
	cr_assert_eq(store_mandate_delete(st, mid), 0, "%s", store_error(st));
	cr_assert_eq(store_risk_delete(st, rid), 0, "%s", store_error(st));
	struct action got;
	cr_assert_eq(store_action_get(st, aid, &got), 0);
	cr_expect_str_eq(got.mandate_id, "");
	cr_expect_str_eq(got.risk_id, "");
	action_free(&got);
	cr_expect_eq(store_mandate_delete(st, mid), EX_NOINPUT, "gone already");
	cr_assert_eq(store_action_delete(st, aid), 0);
	cr_expect_eq(store_action_get(st, aid, &got), EX_NOINPUT);
	action_free(&got);
	cr_expect_neq(store_action_delete(st, "not-an-id"), 0);
}

Test(tui_dash, closed_items_listed_apart)
{
	add_action(&acme, "open one", "2026-11-20", "todo", NULL);
	add_action(&acme, "finished", "2026-10-01", "done", NULL);
	add_action(&acme, "given up", "", "dropped", NULL);
	add_action(&other, "not mine", "", "done", NULL);
	struct action_list al;
	cr_assert_eq(store_dash_closed_actions(st, acme.id, NULL, 10, &al), 0, "%s",
	             store_error(st));
	cr_assert_eq(al.n, 2);
	cr_expect_str_neq(al.items[0].status, "todo");
	cr_expect_str_neq(al.items[1].status, "todo");
	action_list_free(&al);
	cr_assert_eq(store_dash_closed_actions(st, acme.id, "GIVEN", 10, &al), 0);
	cr_assert_eq(al.n, 1, "filtered as the open ones are");
	cr_expect_str_eq(al.items[0].title, "given up");
	action_list_free(&al);

	add_risk(&acme, "open risk", 3, 3, "open", NULL);
	add_risk(&acme, "shut", 5, 5, "closed", NULL);
	add_risk(&acme, "lived with", 2, 2, "accepted", NULL);
	struct risk_list rl;
	cr_assert_eq(store_dash_closed_risks(st, acme.id, NULL, 10, &rl), 0, "%s", store_error(st));
	cr_assert_eq(rl.n, 2);
	cr_expect_str_eq(rl.items[0].title, "lived with", "accepted first");
	cr_expect_str_eq(rl.items[1].title, "shut");
	risk_list_free(&rl);

	add_mandate(&acme, "running", "2026-12-01", "active", NULL);
	add_mandate(&acme, "finished", "2026-11-01", "done", NULL);
	add_mandate(&acme, "dropped", "", "dropped", NULL);
	struct mandate_list ml;
	cr_assert_eq(store_dash_active_mandates(st, acme.id, NULL, 10, &ml), 0, "%s",
	             store_error(st));
	cr_assert_eq(ml.n, 1);
	cr_expect_str_eq(ml.items[0].title, "running");
	mandate_list_free(&ml);
	cr_assert_eq(store_dash_mandates(st, acme.id, NULL, 10, &ml), 0);
	cr_expect_eq(ml.n, 3, "all of them");
	mandate_list_free(&ml);
}

Test(tui_dash, links_counted_before_a_delete)
{
	char mid[UUID_LEN], rid[UUID_LEN];
	add_mandate(&acme, "roadmap", "", "active", mid);
	add_risk(&acme, "no backups", 3, 3, "open", rid);
	for (int i = 0; i < 3; i++) {
		struct action a;
		memset(&a, 0, sizeof a);
		snprintf(a.client_id, sizeof a.client_id, "%s", acme.id);
		snprintf(a.mandate_id, sizeof a.mandate_id, "%s", mid);
		if (i == 0)
			snprintf(a.risk_id, sizeof a.risk_id, "%s", rid);
		snprintf(a.status, sizeof a.status, "%s", i == 2 ? "done" : "todo");
		a.title = (char *)(i == 0 ? "one" : i == 1 ? "two" : "three");
		cr_assert_eq(store_action_add(st, &a), 0, "%s", store_error(st));
	}
	for (int i = 0; i < 2; i++) {
		struct entry e;
		memset(&e, 0, sizeof e);
		snprintf(e.client_id, sizeof e.client_id, "%s", acme.id);
		snprintf(e.mandate_id, sizeof e.mandate_id, "%s", mid);
		snprintf(e.day, sizeof e.day, "%s", i ? "2026-11-02" : "2026-11-01");
		e.minutes = 90;
		cr_assert_eq(store_entry_add(st, &e), 0, "%s", store_error(st));
	}
	struct store_links k;
	cr_assert_eq(store_mandate_links(st, mid, &k), 0, "%s", store_error(st));
	cr_expect_eq(k.actions, 3, "done actions are unlinked too");
	cr_expect_eq(k.entries, 2);
	cr_expect_eq(k.minutes, 180);
	cr_assert_eq(store_risk_links(st, rid, &k), 0, "%s", store_error(st));
	cr_expect_eq(k.actions, 1);
	cr_expect_eq(k.entries, 0);
	cr_assert_eq(store_mandate_delete(st, mid), 0, "%s", store_error(st));
	cr_expect_eq(store_mandate_links(st, mid, &k), EX_NOINPUT, "gone");
	cr_expect_eq(k.actions, 0);
}

Test(tui_dash, read_transaction_nests_safely)
{
	cr_assert_eq(store_dash_read_begin(st), 0, "%s", store_error(st));
	int heat[5][5];
	cr_expect_eq(store_dash_heatmap(st, acme.id, heat), 0);
	store_dash_read_end(st);
	store_dash_read_end(st); /* twice is harmless */
	/* A write after reading works: nothing was left open. */
	add_risk(&acme, "after", 2, 2, "open", NULL);
	cr_assert_eq(store_begin(st), 0);
	cr_expect_eq(store_dash_read_begin(st), 0, "inside a write: nothing to do");
	store_dash_read_end(st);
	cr_expect_eq(store_commit(st), 0);
	cr_expect_eq(store_dash_session(st), 0);
}

/* The filters fold case in every script, on both sides: "ZOË" finds
 * "Zoë", "łukasz" an owner "ŁUKASZ", Greek and Cyrillic alike. */
Test(tui_dash, filters_fold_case_beyond_ascii)
{
	struct risk r;
	memset(&r, 0, sizeof r);
	snprintf(r.client_id, sizeof r.client_id, "%s", acme.id);
	r.title = (char *)"Zo\xc3\xab's laptops unmanaged"; /* Zoë's */
	r.owner = (char *)"\xc5\x81UKASZ NOWAK";            /* ŁUKASZ */
	r.likelihood = r.impact = 3;
	snprintf(r.status, sizeof r.status, "open");
	snprintf(r.treatment, sizeof r.treatment, "mitigate");
	snprintf(r.opened, sizeof r.opened, "2026-01-01");
	snprintf(r.review, sizeof r.review, "2026-12-01");
	cr_assert_eq(store_risk_add(st, &r), 0, "%s", store_error(st));
	add_risk(&acme, "unrelated", 2, 2, "open", NULL);
	add_mandate(
	        &acme,
	        "\xce\xa3\xcf\x84\xcf\x81\xce\xb1\xcf\x84\xce\xb7\xce\xb3\xce\xb9\xce\xba\xce\xae",
	        "2026-12-01", "active", NULL); /* Στρατηγική */
	add_mandate(&acme, "other", "", "active", NULL);
	log_on(&acme, "2026-11-02", 60,
	       "\xd0\x92\xd1\x81\xd1\x82\xd1\x80\xd0\xb5\xd1\x87\xd0\xb0 "
	       "\xd0\xb2 \xd0\x9c\xd0\xbe\xd1\x81\xd0\xba\xd0\xb2\xd0\xb5");
	/* Встреча в Москве */
	log_on(&acme, "2026-11-03", 30, "elsewhere");

	struct risk_list rl;
	static const char *const risk_filters[] = {
		"ZO\xc3\x8b",    /* ZOË */
		"zo\xc3\xab",    /* zoë */
		"\xc5\x82ukasz", /* łukasz: the owner */
		"LAPTOPS",
	};
	for (size_t i = 0; i < sizeof risk_filters / sizeof risk_filters[0]; i++) {
		cr_assert_eq(store_dash_open_risks(st, acme.id, risk_filters[i], 10, &rl), 0, "%s",
		             store_error(st));
		cr_expect_eq(rl.n, 1, "filter \"%s\" found %zu", risk_filters[i], rl.n);
		risk_list_free(&rl);
	}
	/* "Zoe" is not "Zoë": folding is of case, not of accents. */
	cr_assert_eq(store_dash_open_risks(st, acme.id, "ZOE", 10, &rl), 0);
	cr_expect_eq(rl.n, 0);
	risk_list_free(&rl);

	struct mandate_list ml;
	cr_assert_eq(store_dash_mandates(st, acme.id,
	                                 "\xce\xa3\xce\xa4\xce\xa1\xce\x91\xce\xa4\xce\x97\xce\x93"
	                                 "\xce\x99\xce\x9a\xce\x89", /* ΣΤΡΑΤΗΓΙΚΉ */
	                                 10, &ml),
	             0, "%s", store_error(st));
	cr_expect_eq(ml.n, 1);
	mandate_list_free(&ml);

	struct entry_list el;
	cr_assert_eq(store_dash_latest_entries(
	                     st, acme.id, "\xd0\x9c\xd0\x9e\xd0\xa1\xd0\x9a\xd0\x92", /* МОСКВ */
	                     10, &el),
	             0, "%s", store_error(st));
	cr_expect_eq(el.n, 1);
	entry_list_free(&el);
}

/* With a filter, the panels' queries still follow their indexes: no
 * scan of a table that grows with history. */
Test(tui_dash, filtered_queries_use_indexes)
{
	struct risk_list rl;
	struct action_list al;
	struct mandate_list ml;
	struct entry_list el;
	cr_assert_eq(store_dash_open_risks(st, acme.id, "x", 10, &rl), 0);
	risk_list_free(&rl);
	cr_assert_eq(store_dash_open_actions(st, acme.id, "x", 10, &al), 0);
	action_list_free(&al);
	cr_assert_eq(store_dash_mandates(st, acme.id, "x", 10, &ml), 0);
	mandate_list_free(&ml);
	cr_assert_eq(store_dash_latest_entries(st, acme.id, "x", 10, &el), 0);
	entry_list_free(&el);
	static const enum stmt_id panels[] = { Q_DASH_RISKS,           Q_DASH_ACTIONS,
		                               Q_DASH_MANDATES_DATED,  Q_DASH_MANDATES_UNDATED,
		                               Q_DASH_MANDATES_CLOSED, Q_DASH_ENTRIES };
	for (size_t i = 0; i < sizeof panels / sizeof panels[0]; i++) {
		sqlite3_stmt *s = st->stmts[panels[i]];
		cr_assert_not_null(s, "statement %d was not used", (int)panels[i]);
		char sql[4096];
		snprintf(sql, sizeof sql, "EXPLAIN QUERY PLAN %s", sqlite3_sql(s));
		sqlite3_stmt *plan = NULL;
		cr_assert_eq(sqlite3_prepare_v2(st->db, sql, -1, &plan, NULL), SQLITE_OK, "%s",
		             sqlite3_errmsg(st->db));
		while (sqlite3_step(plan) == SQLITE_ROW) {
			const char *detail = (const char *)sqlite3_column_text(plan, 3);
			bool scan =
			        !strncmp(detail, "SCAN ", 5) && strncmp(detail, "SCAN c", 6) != 0;
			cr_assert_not(scan, "statement %d: %s\n  in %s", (int)panels[i], detail,
			              sqlite3_sql(s));
		}
		sqlite3_finalize(plan);
	}
}
