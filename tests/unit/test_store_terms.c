/* Schema 5: billing terms, month locks, the days last worked on, the
 * changes kept for the briefing, shared notes and the period queries. */
#include "store_test.h"

#include <time.h>

TestSuite(store_terms, .init = tdir_setup, .fini = tdir_teardown);

static void today_iso(char out[DAY_LEN])
{
	time_t t = time(NULL);
	struct tm tm;
	cr_assert_not_null(localtime_r(&t, &tm));
	strftime(out, DAY_LEN, "%Y-%m-%d", &tm);
}

static struct entry new_entry(const char *client_id, const char *day, int minutes)
{
	struct entry e;
	memset(&e, 0, sizeof e);
	snprintf(e.client_id, sizeof e.client_id, "%s", client_id);
	snprintf(e.day, sizeof e.day, "%s", day);
	e.minutes = minutes;
	e.billable = true;
	return e;
}

Test(store_terms, defaults_then_set_and_refused_values)
{
	struct store *st = open_new();
	struct client acme;
	add_client(st, "acme", &acme);
	struct client_terms t;
	cr_assert_eq(store_terms_get(st, acme.id, &t), 0);
	cr_assert_null(t.legal_name);
	cr_assert_eq(t.round_minutes, 0);
	cr_assert_str_eq(t.round_mode, "up");
	cr_assert_str_eq(t.round_scope, "entry");
	cr_assert_eq(t.rollover_cap_minutes, 0);
	cr_assert_eq(t.overage_rate_cents, 0);

	t.legal_name = (char *)"Acme Advisory Group LLC";
	t.round_minutes = 15;
	snprintf(t.round_mode, sizeof t.round_mode, "nearest");
	snprintf(t.round_scope, sizeof t.round_scope, "day");
	t.rollover_cap_minutes = 600;
	t.overage_rate_cents = 27500;
	cr_assert_eq(store_terms_set(st, acme.id, &t), 0, "%s", store_error(st));
	struct client_terms got;
	cr_assert_eq(store_terms_get(st, acme.id, &got), 0);
	cr_assert_str_eq(got.legal_name, "Acme Advisory Group LLC");
	cr_assert_eq(got.round_minutes, 15);
	cr_assert_str_eq(got.round_mode, "nearest");
	cr_assert_str_eq(got.round_scope, "day");
	cr_assert_eq(got.rollover_cap_minutes, 600);
	cr_assert_eq(got.overage_rate_cents, 27500);
	client_terms_free(&got);

	t.round_minutes = 241;
	cr_assert_eq(store_terms_set(st, acme.id, &t), EX_DATAERR);
	cr_assert_not_null(strstr(store_error(st), "241"), "%s", store_error(st));
	t.round_minutes = 6;
	snprintf(t.round_mode, sizeof t.round_mode, "sideways");
	cr_assert_eq(store_terms_set(st, acme.id, &t), EX_DATAERR);
	cr_assert_not_null(strstr(store_error(st), "sideways"), "%s", store_error(st));
	/* Refused values changed nothing. */
	cr_assert_eq(store_terms_get(st, acme.id, &got), 0);
	cr_assert_eq(got.round_minutes, 15);
	client_terms_free(&got);
	store_close(st);
}

Test(store_terms, locked_month_refuses_every_entry_write)
{
	struct store *st = open_new();
	struct client acme, beta;
	add_client(st, "acme", &acme);
	add_client(st, "beta", &beta);
	struct entry in_nov = new_entry(acme.id, "2026-11-10", 60);
	struct entry in_dec = new_entry(acme.id, "2026-12-02", 30);
	cr_assert_eq(store_entry_add(st, &in_nov), 0);
	cr_assert_eq(store_entry_add(st, &in_dec), 0);

	cr_assert_eq(store_lock_set(st, acme.id, "2026-11", "INV-0042"), 0, "%s", store_error(st));
	struct month_lock l;
	cr_assert_eq(store_lock_get(st, acme.id, "2026-11", &l), 0);
	cr_assert_str_eq(l.invoice, "INV-0042");
	cr_assert_str_eq(l.client_key, "acme");
	month_lock_free(&l);
	cr_assert_eq(store_lock_get(st, acme.id, "2026-12", &l), EX_NOINPUT);
	cr_assert_eq(store_lock_get(st, acme.id, "2026-13", &l), EX_DATAERR);

	/* A new entry in the month, an entry moved in or out, a deletion. */
	struct entry more = new_entry(acme.id, "2026-11-28", 15);
	cr_assert_eq(store_entry_add(st, &more), EX_DATAERR);
	cr_assert_not_null(strstr(store_error(st), "2026-11"), "%s", store_error(st));
	cr_assert_not_null(strstr(store_error(st), "INV-0042"), "%s", store_error(st));
	cr_assert_not_null(strstr(store_error(st), "unlock"), "%s", store_error(st));
	struct entry moved = in_dec;
	snprintf(moved.day, sizeof moved.day, "2026-11-30");
	cr_assert_eq(store_entry_update(st, &moved), EX_DATAERR);
	struct entry out = in_nov;
	snprintf(out.day, sizeof out.day, "2026-12-01");
	cr_assert_eq(store_entry_update(st, &out), EX_DATAERR);
	cr_assert_eq(store_entry_delete(st, in_nov.id), EX_DATAERR);
	/* Another client's month and another month are open. */
	struct entry other = new_entry(beta.id, "2026-11-28", 15);
	cr_assert_eq(store_entry_add(st, &other), 0);
	struct entry dec = new_entry(acme.id, "2026-12-03", 15);
	cr_assert_eq(store_entry_add(st, &dec), 0);

	/* A timer stopped into the month: the timer stays. */
	struct timer t;
	memset(&t, 0, sizeof t);
	snprintf(t.client_id, sizeof t.client_id, "%s", acme.id);
	t.started = 1700000000;
	cr_assert_eq(store_timer_start(st, &t), 0);
	struct entry stopped = new_entry("", "2026-11-29", 45);
	stopped.client_id[0] = '\0';
	cr_assert_eq(store_timer_stop(st, &stopped), EX_DATAERR);
	struct timer still;
	cr_assert_eq(store_timer_get(st, &still), 0);
	timer_free(&still);

	/* A raw write is refused by the triggers too. */
	char path[256];
	tpath(path, sizeof path, "cxo.db");
	sqlite3 *db = NULL;
	cr_assert_eq(sqlite3_open(path, &db), SQLITE_OK);
	int rc = sqlite3_exec(db, "UPDATE time_entries SET minutes = 5", NULL, NULL, NULL);
	cr_assert_eq(rc & 0xff, SQLITE_CONSTRAINT);
	sqlite3_close(db);

	/* Locked again: the invoice changes, the time stays; then opened. */
	cr_assert_eq(store_lock_set(st, acme.id, "2026-11", NULL), 0);
	cr_assert_eq(store_lock_get(st, acme.id, "2026-11", &l), 0);
	cr_assert_null(l.invoice);
	month_lock_free(&l);
	struct month_lock_list ll;
	cr_assert_eq(store_lock_list(st, NULL, &ll), 0);
	cr_assert_eq(ll.n, 1);
	month_lock_list_free(&ll);
	cr_assert_eq(store_lock_clear(st, acme.id, "2026-11"), 0);
	cr_assert_eq(store_lock_clear(st, acme.id, "2026-11"), EX_NOINPUT);
	cr_assert_eq(store_entry_delete(st, in_nov.id), 0);
	store_close(st);
}

Test(store_terms, seen_keeps_the_previous_day)
{
	struct store *st = open_new();
	struct client acme;
	add_client(st, "acme", &acme);
	char last[DAY_LEN], prev[DAY_LEN], today[DAY_LEN];
	cr_assert_eq(store_seen_get(st, acme.id, last, prev), 0);
	cr_assert_str_eq(last, "");
	cr_assert_str_eq(prev, "");
	cr_assert_eq(store_seen_set(st, acme.id, "2026-11-20", ""), 0);
	cr_assert_eq(store_seen_mark(st, acme.id, "2026-11-25"), 0);
	cr_assert_eq(store_seen_mark(st, acme.id, "2026-11-25"), 0);
	cr_assert_eq(store_seen_get(st, acme.id, last, prev), 0);
	cr_assert_str_eq(last, "2026-11-25");
	cr_assert_str_eq(prev, "2026-11-20");
	/* A day earlier than the last changes nothing. */
	cr_assert_eq(store_seen_mark(st, acme.id, "2026-11-21"), 0);
	cr_assert_eq(store_seen_get(st, acme.id, last, prev), 0);
	cr_assert_str_eq(last, "2026-11-25");
	/* Any write for the client marks today. */
	struct entry e = new_entry(acme.id, "2026-11-02", 30);
	cr_assert_eq(store_entry_add(st, &e), 0);
	today_iso(today);
	cr_assert_eq(store_seen_get(st, acme.id, last, prev), 0);
	cr_assert_str_eq(last, today);
	cr_assert_str_eq(prev, "2026-11-25");
	cr_assert_eq(store_seen_mark(st, acme.id, "not a day"), EX_DATAERR);
	store_close(st);
}

Test(store_terms, changes_are_kept_and_counted)
{
	struct store *st = open_new();
	struct client acme;
	add_client(st, "acme", &acme);
	char today[DAY_LEN];
	today_iso(today);

	struct action a;
	memset(&a, 0, sizeof a);
	snprintf(a.client_id, sizeof a.client_id, "%s", acme.id);
	a.title = (char *)"Send the DR plan";
	snprintf(a.status, sizeof a.status, "todo");
	snprintf(a.created, sizeof a.created, "2026-10-01");
	cr_assert_eq(store_action_add(st, &a), 0, "%s", store_error(st));
	struct action got;
	cr_assert_eq(store_action_get(st, a.id, &got), 0);
	/* Saved unchanged: no change recorded. */
	cr_assert_eq(store_action_update(st, &got), 0);
	snprintf(got.status, sizeof got.status, "done");
	snprintf(got.done_on, sizeof got.done_on, "%s", today);
	cr_assert_eq(store_action_update(st, &got), 0);
	action_free(&got);

	struct risk r;
	memset(&r, 0, sizeof r);
	snprintf(r.client_id, sizeof r.client_id, "%s", acme.id);
	r.title = (char *)"No tested backups";
	r.likelihood = 4;
	r.impact = 5;
	snprintf(r.treatment, sizeof r.treatment, "mitigate");
	snprintf(r.status, sizeof r.status, "open");
	snprintf(r.opened, sizeof r.opened, "%s", today);
	cr_assert_eq(store_risk_add(st, &r), 0, "%s", store_error(st));
	snprintf(r.status, sizeof r.status, "accepted");
	cr_assert_eq(store_risk_update(st, &r), 0, "%s", store_error(st));
	cr_assert_eq(store_risk_delete(st, r.id), 0);

	struct change_list cl;
	cr_assert_eq(store_changes_since(st, acme.id, today, 50, &cl), 0);
	/* The action was added on 2026-10-01: only its closing is today. */
	int closed = 0, accepted = 0, deleted = 0, added = 0;
	for (size_t i = 0; i < cl.n; i++) {
		closed += !strcmp(cl.items[i].change, "closed");
		accepted += !strcmp(cl.items[i].change, "accepted");
		deleted += !strcmp(cl.items[i].change, "deleted");
		added += !strcmp(cl.items[i].change, "added");
		cr_assert_str_eq(cl.items[i].at, today);
	}
	cr_assert_eq(cl.n, 4, "%zu changes", cl.n);
	cr_assert_eq(closed, 1);
	cr_assert_eq(accepted, 1);
	cr_assert_eq(deleted, 1);
	cr_assert_eq(added, 1);
	cr_assert_str_eq(cl.items[0].change, "deleted");
	cr_assert_str_eq(cl.items[0].title, "No tested backups");
	change_list_free(&cl);

	int counts[STORE_CHANGE_KIND_COUNT][STORE_CHANGE_WORD_COUNT];
	cr_assert_eq(store_change_counts(st, acme.id, "2026-09-30", counts), 0);
	cr_assert_eq(counts[2][0], 1); /* action added */
	cr_assert_eq(counts[2][2], 1); /* action closed */
	cr_assert_eq(counts[1][0], 1); /* risk added */
	cr_assert_eq(counts[1][3], 1); /* risk accepted */
	cr_assert_eq(counts[1][5], 1); /* risk deleted */
	cr_assert_eq(counts[0][0], 0);

	struct action_list done;
	cr_assert_eq(store_actions_done_between(st, acme.id, today, "9999-12-31", &done), 0);
	cr_assert_eq(done.n, 1);
	cr_assert_str_eq(done.items[0].title, "Send the DR plan");
	action_list_free(&done);
	cr_assert_eq(store_actions_done_between(st, acme.id, "2000-01-01", today, &done), 0);
	cr_assert_eq(done.n, 0);
	action_list_free(&done);
	store_close(st);
}

Test(store_terms, shared_notes_and_risk_periods)
{
	struct store *st = open_new();
	struct client acme;
	add_client(st, "acme", &acme);
	struct note n1, n2;
	memset(&n1, 0, sizeof n1);
	memset(&n2, 0, sizeof n2);
	snprintf(n1.client_id, sizeof n1.client_id, "%s", acme.id);
	snprintf(n2.client_id, sizeof n2.client_id, "%s", acme.id);
	n1.text = (char *)"Board liked the roadmap";
	n2.text = (char *)"Private: CFO is leaving";
	snprintf(n1.created, sizeof n1.created, "2026-11-03T10:00:00Z");
	snprintf(n2.created, sizeof n2.created, "2026-11-04T10:00:00Z");
	cr_assert_eq(store_note_add(st, &n1), 0);
	cr_assert_eq(store_note_add(st, &n2), 0);
	cr_assert_eq(store_note_set_shared(st, n1.id, true), 0);
	cr_assert_eq(store_note_set_shared(st, n1.id, true), 0);
	bool shared = false;
	cr_assert_eq(store_note_is_shared(st, n1.id, &shared), 0);
	cr_assert(shared);
	cr_assert_eq(store_note_is_shared(st, n2.id, &shared), 0);
	cr_assert_not(shared);
	struct note_list nl;
	cr_assert_eq(store_notes_shared(st, acme.id, "2026-11-02T00:00:00Z", "2026-11-09T00:00:00Z",
	                                10, &nl),
	             0);
	cr_assert_eq(nl.n, 1);
	cr_assert_str_eq(nl.items[0].text, "Board liked the roadmap");
	note_list_free(&nl);
	cr_assert_eq(store_note_set_shared(st, n1.id, false), 0);
	cr_assert_eq(store_notes_shared(st, acme.id, "2026-11-02T00:00:00Z", "2026-11-09T00:00:00Z",
	                                10, &nl),
	             0);
	cr_assert_eq(nl.n, 0);
	note_list_free(&nl);

	const char *days[][2] = { { "2026-10-05", "" },
		                  { "2026-11-02", "2026-11-20" },
		                  { "2026-11-10", "" } };
	for (size_t i = 0; i < 3; i++) {
		struct risk r;
		memset(&r, 0, sizeof r);
		snprintf(r.client_id, sizeof r.client_id, "%s", acme.id);
		r.title = (char *)(i == 0 ? "Old" : i == 1 ? "Closed in November" : "Opened");
		r.likelihood = 3;
		r.impact = 3;
		snprintf(r.treatment, sizeof r.treatment, "mitigate");
		snprintf(r.status, sizeof r.status, "%s", days[i][1][0] ? "closed" : "open");
		r.framework = (char *)(i == 2 ? "ISO 27001" : NULL);
		snprintf(r.category, sizeof r.category, "security");
		snprintf(r.opened, sizeof r.opened, "%s", days[i][0]);
		snprintf(r.closed, sizeof r.closed, "%s", days[i][1]);
		cr_assert_eq(store_risk_add(st, &r), 0, "%s", store_error(st));
	}
	struct risk_list rl;
	cr_assert_eq(store_risks_opened_between(st, acme.id, "2026-11-01", "2026-12-01", &rl), 0);
	cr_assert_eq(rl.n, 2);
	cr_assert_str_eq(rl.items[0].title, "Closed in November");
	risk_list_free(&rl);
	cr_assert_eq(store_risks_closed_between(st, acme.id, "2026-11-01", "2026-12-01", &rl), 0);
	cr_assert_eq(rl.n, 1);
	risk_list_free(&rl);
	struct name_count_list cat, fw;
	cr_assert_eq(store_risk_counts(st, acme.id, &cat, &fw), 0);
	cr_assert_eq(cat.n, 1);
	cr_assert_str_eq(cat.items[0].name, "security");
	cr_assert_eq(cat.items[0].count, 2);
	cr_assert_eq(fw.n, 2);
	name_count_list_free(&cat);
	name_count_list_free(&fw);
	store_close(st);
}
