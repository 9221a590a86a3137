/* Every create, read, update and delete of the store, row by row. */
#include "store_test.h"

#include "cxo/uuid.h"

TestSuite(store_crud, .init = tdir_setup, .fini = tdir_teardown);

static struct mandate new_mandate(const char *client_id, const char *title, const char *due)
{
	struct mandate m;
	memset(&m, 0, sizeof m);
	snprintf(m.client_id, sizeof m.client_id, "%s", client_id);
	m.title = (char *)title;
	if (due)
		snprintf(m.due, sizeof m.due, "%s", due);
	return m;
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

Test(store_crud, clients)
{
	struct store *st = open_new();
	struct client c;
	memset(&c, 0, sizeof c);
	snprintf(c.key, sizeof c.key, "medix");
	c.name = (char *)"Medix Health";
	snprintf(c.role, sizeof c.role, "interim");
	c.industry = (char *)"Healthcare tech";
	c.employees = 320;
	snprintf(c.start, sizeof c.start, "2026-01-05");
	snprintf(c.end, sizeof c.end, "2026-12-31");
	c.budget_minutes = 40 * 60;
	c.rate_cents = 25000;
	cr_assert_eq(store_client_add(st, &c), 0, "%s", store_error(st));
	cr_assert(uuid_valid(c.id));
	cr_assert_eq(c.tab_order, 1);
	cr_assert_str_eq(c.status, "active");
	cr_assert_str_eq(c.currency, "USD");

	struct client got;
	cr_assert_eq(store_client_get(st, "medix", &got), 0);
	cr_assert_str_eq(got.id, c.id);
	cr_assert_str_eq(got.name, "Medix Health");
	cr_assert_str_eq(got.role, "interim");
	cr_assert_str_eq(got.industry, "Healthcare tech");
	cr_assert_eq(got.employees, 320);
	cr_assert_str_eq(got.status, "active");
	cr_assert_str_eq(got.start, "2026-01-05");
	cr_assert_str_eq(got.end, "2026-12-31");
	cr_assert_eq(got.budget_minutes, 2400);
	cr_assert_eq(got.rate_cents, 25000);
	cr_assert_str_eq(got.currency, "USD");
	client_free(&got);

	/* The key may change; the id never does. */
	struct client upd = c;
	snprintf(upd.key, sizeof upd.key, "medix-health");
	upd.name = NULL;
	upd.industry = (char *)"";
	upd.end[0] = '\0';
	snprintf(upd.status, sizeof upd.status, "paused");
	snprintf(upd.currency, sizeof upd.currency, "EUR");
	cr_assert_eq(store_client_update(st, &upd), 0, "%s", store_error(st));
	cr_assert_eq(store_client_get(st, "medix", &got), EX_NOINPUT);
	cr_assert_str_eq(store_error(st), "no client \"medix\"");
	cr_assert_eq(store_client_get_by_id(st, c.id, &got), 0);
	cr_assert_str_eq(got.key, "medix-health");
	cr_assert_null(got.name);
	cr_assert_null(got.industry);
	cr_assert_str_eq(got.end, "");
	cr_assert_str_eq(got.status, "paused");
	cr_assert_str_eq(got.currency, "EUR");
	client_free(&got);

	/* A currency in any case is kept upper case. */
	snprintf(upd.currency, sizeof upd.currency, "gbp");
	cr_assert_eq(store_client_update(st, &upd), 0, "%s", store_error(st));
	cr_assert_eq(store_client_get_by_id(st, c.id, &got), 0);
	cr_assert_str_eq(got.currency, "GBP");
	client_free(&got);
	struct client lower;
	memset(&lower, 0, sizeof lower);
	snprintf(lower.key, sizeof lower.key, "lower");
	snprintf(lower.currency, sizeof lower.currency, "chf");
	cr_assert_eq(store_client_add(st, &lower), 0, "%s", store_error(st));
	cr_assert_str_eq(lower.currency, "CHF", "the caller's copy too");
	cr_assert_eq(store_client_get(st, "lower", &got), 0);
	cr_assert_str_eq(got.currency, "CHF");
	client_free(&got);
	snprintf(upd.currency, sizeof upd.currency, "g1p");
	cr_assert_eq(store_client_update(st, &upd), EX_DATAERR);

	struct client missing = c;
	snprintf(missing.id, sizeof missing.id, "00000000-0000-4000-8000-000000000000");
	snprintf(missing.key, sizeof missing.key, "ghost");
	cr_assert_eq(store_client_update(st, &missing), EX_NOINPUT);
	store_close(st);
}

Test(store_crud, client_list_in_tab_order)
{
	struct store *st = open_new();
	struct client a, b, c;
	add_client(st, "zulu", &a);
	add_client(st, "alpha", &b);
	add_client(st, "mike", &c);
	cr_assert_eq(a.tab_order, 1);
	cr_assert_eq(b.tab_order, 2);
	cr_assert_eq(c.tab_order, 3);
	/* Ended clients drop out of the default list. */
	snprintf(c.status, sizeof c.status, "ended");
	cr_assert_eq(store_client_update(st, &c), 0);
	struct client_list l;
	cr_assert_eq(store_client_list(st, false, &l), 0);
	cr_assert_eq(l.n, 2);
	cr_assert_str_eq(l.items[0].key, "zulu");
	cr_assert_str_eq(l.items[1].key, "alpha");
	client_list_free(&l);
	cr_assert_eq(store_client_list(st, true, &l), 0);
	cr_assert_eq(l.n, 3);
	cr_assert_str_eq(l.items[2].key, "mike");
	client_list_free(&l);
	client_list_free(&l); /* a freed list is a zeroed list */
	store_close(st);
}

/* Each kind of history keeps a client from being deleted; an empty one
 * goes, in one transaction with the count. */
Test(store_crud, client_delete_only_when_empty)
{
	struct store *st = open_new();
	struct client c, other;
	add_client(st, "acme", &c);
	add_client(st, "oops", &other);
	struct client_holdings h;

	struct mandate m = new_mandate(c.id, "Roadmap", NULL);
	cr_assert_eq(store_mandate_add(st, &m), 0);
	struct entry e = new_entry(c.id, "2026-11-23", 60);
	cr_assert_eq(store_entry_add(st, &e), 0);
	e = new_entry(c.id, "2026-11-24", 30);
	cr_assert_eq(store_entry_add(st, &e), 0);
	struct risk r;
	memset(&r, 0, sizeof r);
	memcpy(r.client_id, c.id, sizeof r.client_id);
	r.title = (char *)"No MFA";
	r.likelihood = r.impact = 3;
	cr_assert_eq(store_risk_add(st, &r), 0);
	struct action a;
	memset(&a, 0, sizeof a);
	memcpy(a.client_id, c.id, sizeof a.client_id);
	a.title = (char *)"Call";
	snprintf(a.status, sizeof a.status, "todo");
	cr_assert_eq(store_action_add(st, &a), 0, "%s", store_error(st));
	struct note n;
	memset(&n, 0, sizeof n);
	memcpy(n.client_id, c.id, sizeof n.client_id);
	n.text = (char *)"hello";
	cr_assert_eq(store_note_add(st, &n), 0);
	struct timer t;
	memset(&t, 0, sizeof t);
	memcpy(t.client_id, c.id, sizeof t.client_id);
	t.started = 1700000000;
	cr_assert_eq(store_timer_start(st, &t), 0);

	cr_assert_eq(store_client_delete(st, c.id, &h), EX_DATAERR);
	cr_assert_eq(h.entries, 2);
	cr_assert_eq(h.mandates, 1);
	cr_assert_eq(h.risks, 1);
	cr_assert_eq(h.actions, 1);
	cr_assert_eq(h.notes, 1);
	cr_assert(h.timer);
	struct client got;
	cr_assert_eq(store_client_get(st, "acme", &got), 0, "refused: still there");
	client_free(&got);
	struct hours_sum sum;
	cr_assert_eq(store_entry_sum(st, c.id, NULL, NULL, &sum), 0);
	cr_assert_eq(sum.minutes, 90, "refused: its history too");

	/* The timer alone is enough to keep it. */
	cr_assert_eq(store_timer_cancel(st), 0);
	memcpy(t.client_id, other.id, sizeof t.client_id);
	cr_assert_eq(store_timer_start(st, &t), 0);
	cr_assert_eq(store_client_delete(st, other.id, &h), EX_DATAERR);
	cr_assert(h.timer);
	cr_assert_eq(h.entries + h.mandates + h.risks + h.actions + h.notes, 0);
	cr_assert_eq(store_timer_cancel(st), 0);

	cr_assert_eq(store_client_delete(st, other.id, &h), 0, "%s", store_error(st));
	cr_assert_eq(store_client_get(st, "oops", &got), EX_NOINPUT);
	cr_assert_eq(store_client_delete(st, other.id, NULL), EX_NOINPUT);
	struct client_list l;
	cr_assert_eq(store_client_list(st, true, &l), 0);
	cr_assert_eq(l.n, 1);
	client_list_free(&l);
	store_close(st);
}

Test(store_crud, empty_strings_are_null_columns)
{
	char path[256];
	tpath(path, sizeof path, "cxo.db");
	struct store *st = open_ok(path, STORE_WRITE);
	struct client c;
	add_client(st, "acme", &c);
	struct mandate m = new_mandate(c.id, "Vendor selection", NULL);
	m.area = (char *)"";
	cr_assert_eq(store_mandate_add(st, &m), 0, "%s", store_error(st));
	store_close(st);
	cr_assert_eq(raw_long(path, "SELECT count(*) FROM clients WHERE industry IS NULL"
	                            " AND start_date IS NULL AND end_date IS NULL"),
	             1);
	cr_assert_eq(raw_long(path, "SELECT count(*) FROM mandates WHERE area IS NULL"
	                            " AND due IS NULL AND measure IS NULL"),
	             1);
}

Test(store_crud, mandates)
{
	struct store *st = open_new();
	struct client c, other;
	add_client(st, "acme", &c);
	add_client(st, "other", &other);
	struct mandate m1 = new_mandate(c.id, "Vendor selection", "2026-12-01");
	m1.area = (char *)"vendors";
	m1.measure = (char *)"contract signed";
	struct mandate m2 = new_mandate(c.id, "Board deck", NULL);
	struct mandate m3 = new_mandate(c.id, "Security policy", "2026-11-30");
	struct mandate m4 = new_mandate(c.id, "Assessment", "2026-10-01");
	snprintf(m4.status, sizeof m4.status, "done");
	struct mandate m5 = new_mandate(other.id, "Elsewhere", NULL);
	struct mandate *all[] = { &m1, &m2, &m3, &m4, &m5 };
	for (size_t i = 0; i < 5; i++)
		cr_assert_eq(store_mandate_add(st, all[i]), 0, "%s", store_error(st));
	cr_assert_str_eq(m1.status, "active");

	struct mandate got;
	cr_assert_eq(store_mandate_get(st, m1.id, &got), 0);
	cr_assert_str_eq(got.title, "Vendor selection");
	cr_assert_str_eq(got.area, "vendors");
	cr_assert_str_eq(got.measure, "contract signed");
	cr_assert_str_eq(got.client_key, "acme");
	cr_assert_str_eq(got.due, "2026-12-01");
	cr_assert_eq(got.open_actions, 0);
	mandate_free(&got);

	/* Active first, by due date (undated last); closed only on request. */
	struct mandate_list l;
	cr_assert_eq(store_mandate_list(st, c.id, false, &l), 0);
	cr_assert_eq(l.n, 3);
	cr_assert_str_eq(l.items[0].title, "Security policy");
	cr_assert_str_eq(l.items[1].title, "Vendor selection");
	cr_assert_str_eq(l.items[2].title, "Board deck");
	mandate_list_free(&l);
	cr_assert_eq(store_mandate_list(st, c.id, true, &l), 0);
	cr_assert_eq(l.n, 4);
	cr_assert_str_eq(l.items[3].title, "Assessment");
	mandate_list_free(&l);
	cr_assert_eq(store_mandate_list(st, NULL, false, &l), 0);
	cr_assert_eq(l.n, 4);
	mandate_list_free(&l);

	/* Open actions are counted. */
	struct action a;
	memset(&a, 0, sizeof a);
	memcpy(a.client_id, c.id, sizeof a.client_id);
	memcpy(a.mandate_id, m1.id, sizeof a.mandate_id);
	a.title = (char *)"Call vendors";
	cr_assert_eq(store_action_add(st, &a), 0, "%s", store_error(st));
	cr_assert_eq(store_mandate_get(st, m1.id, &got), 0);
	cr_assert_eq(got.open_actions, 1);
	mandate_free(&got);

	struct mandate upd = m1;
	snprintf(upd.status, sizeof upd.status, "dropped");
	upd.title = (char *)"Vendor shortlist";
	upd.measure = NULL;
	cr_assert_eq(store_mandate_update(st, &upd), 0, "%s", store_error(st));
	cr_assert_eq(store_mandate_get(st, m1.id, &got), 0);
	cr_assert_str_eq(got.title, "Vendor shortlist");
	cr_assert_str_eq(got.status, "dropped");
	cr_assert_null(got.measure);
	mandate_free(&got);

	struct mandate bad = new_mandate(c.id, "", NULL);
	cr_assert_eq(store_mandate_add(st, &bad), EX_DATAERR);
	bad = new_mandate("00000000-0000-4000-8000-000000000000", "x", NULL);
	cr_assert_eq(store_mandate_add(st, &bad), EX_DATAERR);
	cr_assert_eq(store_mandate_get(st, "00000000-0000-4000-8000-000000000000", &got),
	             EX_NOINPUT);
	store_close(st);
}

Test(store_crud, entries)
{
	struct store *st = open_new();
	struct client c, other;
	add_client(st, "acme", &c);
	add_client(st, "other", &other);
	struct mandate m = new_mandate(c.id, "Roadmap", NULL);
	cr_assert_eq(store_mandate_add(st, &m), 0);

	struct entry e1 = new_entry(c.id, "2026-11-02", 90);
	e1.note = (char *)"vendor call";
	memcpy(e1.mandate_id, m.id, sizeof e1.mandate_id);
	struct entry e2 = new_entry(c.id, "2026-11-01", 30);
	e2.billable = false;
	struct entry e3 = new_entry(c.id, "2026-10-31", 60);
	struct entry e4 = new_entry(other.id, "2026-11-01", 45);
	struct entry *all[] = { &e1, &e2, &e3, &e4 };
	for (size_t i = 0; i < 4; i++)
		cr_assert_eq(store_entry_add(st, all[i]), 0, "%s", store_error(st));
	cr_assert(uuid_valid(e1.id));
	cr_assert_eq(strlen(e1.created), 20);
	cr_assert_eq(e1.created[19], 'Z');

	struct entry got;
	cr_assert_eq(store_entry_get(st, e1.id, &got), 0);
	cr_assert_str_eq(got.note, "vendor call");
	cr_assert_str_eq(got.mandate_title, "Roadmap");
	cr_assert_str_eq(got.mandate_id, m.id);
	cr_assert_str_eq(got.client_key, "acme");
	cr_assert_eq(got.minutes, 90);
	cr_assert(got.billable);
	cr_assert_str_eq(got.created, e1.created);
	entry_free(&got);

	struct entry_list l;
	cr_assert_eq(entries_of(st, c.id, "2026-11-01", "2026-12-01", &l), 0);
	cr_assert_eq(l.n, 2);
	cr_assert_str_eq(l.items[0].id, e2.id);
	cr_assert_str_eq(l.items[1].id, e1.id);
	cr_assert_null(l.items[0].mandate_title);
	entry_list_free(&l);
	cr_assert_eq(entries_of(st, NULL, "2026-11-01", "2026-12-01", &l), 0);
	cr_assert_eq(l.n, 3);
	entry_list_free(&l);
	cr_assert_eq(entries_of(st, NULL, NULL, NULL, &l), 0);
	cr_assert_eq(l.n, 4);
	cr_assert_str_eq(l.items[0].id, e3.id);
	entry_list_free(&l);

	struct hours_sum sum;
	cr_assert_eq(store_entry_sum(st, c.id, "2026-11-01", "2026-12-01", &sum), 0);
	cr_assert_eq(sum.minutes, 120);
	cr_assert_eq(sum.billable_minutes, 90);
	cr_assert_eq(store_entry_sum(st, NULL, "2026-11-01", "2026-12-01", &sum), 0);
	cr_assert_eq(sum.minutes, 165);
	cr_assert_eq(store_entry_sum(st, c.id, "2026-12-01", "2027-01-01", &sum), 0);
	cr_assert_eq(sum.minutes, 0);

	struct entry upd = e1;
	upd.minutes = 75;
	upd.note = NULL;
	upd.mandate_id[0] = '\0';
	snprintf(upd.day, sizeof upd.day, "2026-11-03");
	cr_assert_eq(store_entry_update(st, &upd), 0, "%s", store_error(st));
	cr_assert_eq(store_entry_get(st, e1.id, &got), 0);
	cr_assert_eq(got.minutes, 75);
	cr_assert_null(got.note);
	cr_assert_str_eq(got.mandate_id, "");
	cr_assert_str_eq(got.day, "2026-11-03");
	entry_free(&got);

	/* A mandate of another client cannot carry this client's hours. */
	struct entry cross = new_entry(other.id, "2026-11-01", 10);
	memcpy(cross.mandate_id, m.id, sizeof cross.mandate_id);
	cr_assert_eq(store_entry_add(st, &cross), EX_DATAERR);
	cr_assert_not_null(strstr(store_error(st), "belongs to another client"));

	cr_assert_eq(store_entry_delete(st, e1.id), 0);
	cr_assert_eq(store_entry_delete(st, e1.id), EX_NOINPUT);
	cr_assert_eq(store_entry_get(st, e1.id, &got), EX_NOINPUT);
	store_close(st);
}

Test(store_crud, timer)
{
	struct store *st = open_new();
	struct client c;
	add_client(st, "acme", &c);
	struct timer t;
	cr_assert_eq(store_timer_get(st, &t), EX_NOINPUT);
	cr_assert_eq(store_timer_cancel(st), EX_NOINPUT);

	memset(&t, 0, sizeof t);
	memcpy(t.client_id, c.id, sizeof t.client_id);
	t.note = (char *)"incident call";
	t.started = 1700000000;
	cr_assert_eq(store_timer_start(st, &t), 0, "%s", store_error(st));
	cr_assert(uuid_valid(t.id));

	struct timer again = t;
	cr_assert_eq(store_timer_start(st, &again), EX_DATAERR);
	cr_assert_not_null(strstr(store_error(st), "already running for acme"), "%s",
	                   store_error(st));

	struct timer got;
	cr_assert_eq(store_timer_get(st, &got), 0);
	cr_assert_str_eq(got.client_key, "acme");
	cr_assert_str_eq(got.note, "incident call");
	cr_assert_eq(got.started, 1700000000);
	timer_free(&got);

	struct entry e = new_entry("", "2023-11-14", 50);
	e.note = (char *)"incident call";
	cr_assert_eq(store_timer_stop(st, &e), 0, "%s", store_error(st));
	cr_assert_str_eq(e.client_id, c.id);
	cr_assert_eq(store_timer_get(st, &got), EX_NOINPUT);
	struct entry_list l;
	cr_assert_eq(entries_of(st, c.id, NULL, NULL, &l), 0);
	cr_assert_eq(l.n, 1);
	cr_assert_eq(l.items[0].minutes, 50);
	entry_list_free(&l);
	cr_assert_eq(store_timer_stop(st, &e), EX_NOINPUT);

	/* A stop whose entry is bad keeps the timer running. */
	memset(&t, 0, sizeof t);
	memcpy(t.client_id, c.id, sizeof t.client_id);
	cr_assert_eq(store_timer_start(st, &t), 0);
	cr_assert_neq(t.started, 0);
	struct entry bad = new_entry("", "2023-11-14", 0);
	cr_assert_eq(store_timer_stop(st, &bad), EX_DATAERR);
	cr_assert_eq(store_timer_get(st, &got), 0);
	timer_free(&got);
	cr_assert_eq(store_timer_cancel(st), 0);
	cr_assert_eq(store_timer_get(st, &got), EX_NOINPUT);
	store_close(st);
}

Test(store_crud, risks)
{
	struct store *st = open_new();
	struct client c, other;
	add_client(st, "acme", &c);
	add_client(st, "other", &other);
	struct risk r;
	memset(&r, 0, sizeof r);
	memcpy(r.client_id, c.id, sizeof r.client_id);
	r.title = (char *)"No tested backups";
	snprintf(r.category, sizeof r.category, "operations");
	r.likelihood = 4;
	r.impact = 5;
	r.residual_likelihood = 2;
	r.residual_impact = 3;
	r.owner = (char *)"Priya (IT lead)";
	r.mitigation = (char *)"restore test monthly";
	r.framework = (char *)"SOC 2";
	snprintf(r.review, sizeof r.review, "2027-02-01");
	cr_assert_eq(store_risk_add(st, &r), 0, "%s", store_error(st));
	cr_assert_str_eq(r.status, "open");
	cr_assert_str_eq(r.treatment, "mitigate");
	cr_assert_eq(strlen(r.opened), 10);

	struct risk got;
	cr_assert_eq(store_risk_get(st, r.id, &got), 0);
	cr_assert_str_eq(got.title, "No tested backups");
	cr_assert_str_eq(got.category, "operations");
	cr_assert_eq(got.likelihood, 4);
	cr_assert_eq(got.impact, 5);
	cr_assert_eq(got.residual_likelihood, 2);
	cr_assert_eq(got.residual_impact, 3);
	cr_assert_str_eq(got.owner, "Priya (IT lead)");
	cr_assert_str_eq(got.mitigation, "restore test monthly");
	cr_assert_str_eq(got.framework, "SOC 2");
	cr_assert_str_eq(got.review, "2027-02-01");
	cr_assert_str_eq(got.opened, r.opened);
	cr_assert_str_eq(got.closed, "");
	risk_free(&got);

	struct risk r2 = r, r3 = r, r4 = r;
	r2.title = (char *)"Single admin";
	r2.likelihood = 2;
	r2.impact = 2;
	r2.residual_likelihood = r2.residual_impact = 0;
	r2.review[0] = '\0';
	r3.title = (char *)"Vendor lock-in";
	r3.likelihood = 5;
	r3.impact = 4;
	snprintf(r3.review, sizeof r3.review, "2026-12-01");
	snprintf(r3.status, sizeof r3.status, "accepted");
	snprintf(r3.accepted_until, sizeof r3.accepted_until, "2027-06-30");
	r4.title = (char *)"Old closed one";
	r4.likelihood = 5;
	r4.impact = 5;
	snprintf(r4.status, sizeof r4.status, "closed");
	snprintf(r4.closed, sizeof r4.closed, "2026-01-01");
	cr_assert_eq(store_risk_add(st, &r2), 0, "%s", store_error(st));
	cr_assert_eq(store_risk_add(st, &r3), 0, "%s", store_error(st));
	cr_assert_eq(store_risk_add(st, &r4), 0, "%s", store_error(st));

	/* Score 20 twice: the earlier review date first. */
	struct risk_list l;
	struct risk_filter f = { .client_id = c.id };
	cr_assert_eq(store_risk_list(st, &f, &l), 0);
	cr_assert_eq(l.n, 3);
	cr_assert_str_eq(l.items[0].title, "Vendor lock-in");
	cr_assert_str_eq(l.items[1].title, "No tested backups");
	cr_assert_str_eq(l.items[2].title, "Single admin");
	cr_assert_eq(l.items[2].residual_likelihood, 0);
	risk_list_free(&l);
	f.include_closed = true;
	cr_assert_eq(store_risk_list(st, &f, &l), 0);
	cr_assert_eq(l.n, 4);
	cr_assert_str_eq(l.items[0].title, "Old closed one");
	risk_list_free(&l);
	f = (struct risk_filter){ .min_score = 10 };
	cr_assert_eq(store_risk_list(st, &f, &l), 0);
	cr_assert_eq(l.n, 2);
	risk_list_free(&l);
	f = (struct risk_filter){ .review_by = "2027-01-01" };
	cr_assert_eq(store_risk_list(st, &f, &l), 0);
	cr_assert_eq(l.n, 1);
	cr_assert_str_eq(l.items[0].title, "Vendor lock-in");
	risk_list_free(&l);
	f = (struct risk_filter){ .client_id = other.id, .include_closed = true };
	cr_assert_eq(store_risk_list(st, &f, &l), 0);
	cr_assert_eq(l.n, 0);
	risk_list_free(&l);

	struct risk upd = r;
	snprintf(upd.status, sizeof upd.status, "closed");
	snprintf(upd.closed, sizeof upd.closed, "2026-11-23");
	upd.opened[0] = '\0'; /* empty keeps the stored date */
	upd.owner = NULL;
	cr_assert_eq(store_risk_update(st, &upd), 0, "%s", store_error(st));
	cr_assert_eq(store_risk_get(st, r.id, &got), 0);
	cr_assert_str_eq(got.status, "closed");
	cr_assert_str_eq(got.closed, "2026-11-23");
	cr_assert_str_eq(got.opened, r.opened);
	cr_assert_null(got.owner);
	risk_free(&got);

	upd.residual_impact = 0;
	cr_assert_eq(store_risk_update(st, &upd), EX_DATAERR);
	store_close(st);
}

struct each_seen {
	size_t n, stop_after;
	char titles[8][64];
	char mandate_of_due_late[64];
	char waited_for[64]; /* the person the waiting one waits for */
};

static int see_action(const struct action *a, void *ctx)
{
	struct each_seen *seen = ctx;
	if (seen->n < 8)
		snprintf(seen->titles[seen->n], sizeof seen->titles[0], "%s", a->title);
	if (!strcmp(a->title, "Due late") && a->mandate_title)
		snprintf(seen->mandate_of_due_late, sizeof seen->mandate_of_due_late, "%s",
		         a->mandate_title);
	if (a->waiting_for)
		snprintf(seen->waited_for, sizeof seen->waited_for, "%s", a->waiting_for);
	seen->n++;
	return seen->stop_after && seen->n >= seen->stop_after ? 42 : 0;
}

Test(store_crud, actions)
{
	struct store *st = open_new();
	struct client c, other;
	add_client(st, "acme", &c);
	add_client(st, "other", &other);
	struct mandate m = new_mandate(c.id, "Security policy", NULL);
	cr_assert_eq(store_mandate_add(st, &m), 0);
	struct risk r;
	memset(&r, 0, sizeof r);
	memcpy(r.client_id, c.id, sizeof r.client_id);
	r.title = (char *)"No MFA";
	r.likelihood = r.impact = 4;
	cr_assert_eq(store_risk_add(st, &r), 0);

	struct action a[6];
	static const char *const titles[] = { "Undated",         "Due late",      "Due soon",
		                              "Waiting on Dana", "Done long ago", "Other client" };
	static const char *const dues[] = { "",           "2026-12-15", "2026-11-20",
		                            "2026-11-25", "2026-01-01", "2026-11-01" };
	for (int i = 0; i < 6; i++) {
		memset(&a[i], 0, sizeof a[i]);
		memcpy(a[i].client_id, i == 5 ? other.id : c.id, sizeof a[i].client_id);
		a[i].title = (char *)titles[i];
		snprintf(a[i].due, sizeof a[i].due, "%s", dues[i]);
	}
	memcpy(a[1].mandate_id, m.id, sizeof a[1].mandate_id);
	memcpy(a[2].risk_id, r.id, sizeof a[2].risk_id);
	snprintf(a[3].status, sizeof a[3].status, "waiting");
	snprintf(a[3].waiting_since, sizeof a[3].waiting_since, "2026-11-10");
	a[3].owner = (char *)"Sam";
	a[3].waiting_for = (char *)"Dana (CFO)";
	snprintf(a[4].status, sizeof a[4].status, "done");
	snprintf(a[4].done_on, sizeof a[4].done_on, "2026-01-02");
	for (int i = 0; i < 6; i++)
		cr_assert_eq(store_action_add(st, &a[i]), 0, "%s", store_error(st));
	cr_assert_str_eq(a[0].status, "todo");
	cr_assert_eq(strlen(a[0].created), 10);

	struct action got;
	cr_assert_eq(store_action_get(st, a[1].id, &got), 0);
	cr_assert_str_eq(got.mandate_title, "Security policy");
	cr_assert_null(got.risk_title);
	cr_assert_null(got.owner);
	action_free(&got);
	cr_assert_eq(store_action_get(st, a[2].id, &got), 0);
	cr_assert_str_eq(got.risk_title, "No MFA");
	cr_assert_str_eq(got.risk_id, r.id);
	action_free(&got);

	struct action_list l;
	struct action_filter f = { .client_id = c.id };
	cr_assert_eq(store_action_list(st, &f, &l), 0);
	cr_assert_eq(l.n, 4);
	cr_assert_str_eq(l.items[0].title, "Due soon");
	cr_assert_str_eq(l.items[1].title, "Waiting on Dana");
	cr_assert_str_eq(l.items[2].title, "Due late");
	cr_assert_str_eq(l.items[3].title, "Undated");
	action_list_free(&l);
	f.include_closed = true;
	cr_assert_eq(store_action_list(st, &f, &l), 0);
	cr_assert_eq(l.n, 5);
	cr_assert_str_eq(l.items[4].title, "Done long ago");
	action_list_free(&l);
	f = (struct action_filter){ .waiting_only = true };
	cr_assert_eq(store_action_list(st, &f, &l), 0);
	cr_assert_eq(l.n, 1);
	cr_assert_str_eq(l.items[0].waiting_for, "Dana (CFO)");
	cr_assert_str_eq(l.items[0].owner, "Sam", "the owner and the person waited for apart");
	cr_assert_str_eq(l.items[0].waiting_since, "2026-11-10");
	/* An update writes the person waited for too. */
	free(l.items[0].waiting_for);
	l.items[0].waiting_for = strdup("Raj");
	cr_assert_eq(store_action_update(st, &l.items[0]), 0, "%s", store_error(st));
	action_list_free(&l);
	cr_assert_eq(store_action_get(st, a[3].id, &got), 0);
	cr_assert_str_eq(got.waiting_for, "Raj");
	cr_assert_str_eq(got.owner, "Sam");
	action_free(&got);
	f = (struct action_filter){ .due_before = "2026-11-23" };
	cr_assert_eq(store_action_list(st, &f, &l), 0);
	cr_assert_eq(l.n, 2);
	cr_assert_str_eq(l.items[0].title, "Other client");
	cr_assert_str_eq(l.items[1].title, "Due soon");
	action_list_free(&l);
	f = (struct action_filter){ .mandate_id = m.id };
	cr_assert_eq(store_action_list(st, &f, &l), 0);
	cr_assert_eq(l.n, 1);
	cr_assert_str_eq(l.items[0].title, "Due late");
	action_list_free(&l);
	f = (struct action_filter){ .risk_id = r.id, .client_id = c.id };
	cr_assert_eq(store_action_list(st, &f, &l), 0);
	cr_assert_eq(l.n, 1);
	cr_assert_str_eq(l.items[0].title, "Due soon");
	action_list_free(&l);
	cr_assert_eq(store_action_list(st, NULL, &l), 0);
	cr_assert_eq(l.n, 5);
	action_list_free(&l);

	/* store_action_each: the list's rows in the list's order, titles
	 * borrowed; a non-zero return from the callback stops it. */
	struct each_seen seen = { 0 };
	f = (struct action_filter){ .client_id = c.id, .include_closed = true };
	cr_assert_eq(store_action_each(st, &f, see_action, &seen), 0);
	cr_assert_eq(seen.n, 5);
	cr_assert_str_eq(seen.titles[0], "Due soon");
	cr_assert_str_eq(seen.titles[1], "Waiting on Dana");
	cr_assert_str_eq(seen.titles[4], "Done long ago");
	cr_assert_str_eq(seen.mandate_of_due_late, "Security policy");
	cr_assert_str_eq(seen.waited_for, "Raj");
	seen = (struct each_seen){ .stop_after = 2 };
	cr_assert_eq(store_action_each(st, &f, see_action, &seen), 42);
	cr_assert_eq(seen.n, 2);
	f = (struct action_filter){ .due_before = "soon" };
	cr_assert_eq(store_action_each(st, &f, see_action, &seen), EX_DATAERR);

	int n = -1;
	cr_assert_eq(store_action_count_overdue(st, c.id, "2026-11-23", &n), 0);
	cr_assert_eq(n, 1);
	cr_assert_eq(store_action_count_overdue(st, NULL, "2026-11-23", &n), 0);
	cr_assert_eq(n, 2);
	cr_assert_eq(store_action_count_overdue(st, NULL, "today", &n), EX_DATAERR);

	struct action upd = a[2];
	snprintf(upd.status, sizeof upd.status, "done");
	snprintf(upd.done_on, sizeof upd.done_on, "2026-11-23");
	upd.risk_id[0] = '\0';
	cr_assert_eq(store_action_update(st, &upd), 0, "%s", store_error(st));
	cr_assert_eq(store_action_get(st, a[2].id, &got), 0);
	cr_assert_str_eq(got.status, "done");
	cr_assert_str_eq(got.risk_id, "");
	cr_assert_str_eq(got.created, a[2].created);
	action_free(&got);
	cr_assert_eq(store_action_count_overdue(st, c.id, "2026-11-23", &n), 0);
	cr_assert_eq(n, 0);

	/* Links to another client's mandate or risk are refused. */
	struct action cross = a[5];
	memcpy(cross.risk_id, r.id, sizeof cross.risk_id);
	cr_assert_eq(store_action_add(st, &cross), EX_DATAERR);
	cr_assert_not_null(strstr(store_error(st), "belongs to another client"));
	snprintf(cross.status, sizeof cross.status, "later");
	cross.risk_id[0] = '\0';
	cr_assert_eq(store_action_add(st, &cross), EX_DATAERR);
	store_close(st);
}

Test(store_crud, notes)
{
	struct store *st = open_new();
	struct client c, other;
	add_client(st, "acme", &c);
	add_client(st, "other", &other);
	static const char *const stamps[] = { "2026-11-01T09:00:00Z", "2026-11-03T09:00:00Z",
		                              "2026-11-02T09:00:00Z" };
	for (int i = 0; i < 3; i++) {
		struct note n;
		memset(&n, 0, sizeof n);
		memcpy(n.client_id, c.id, sizeof n.client_id);
		n.text = (char *)stamps[i];
		snprintf(n.created, sizeof n.created, "%s", stamps[i]);
		cr_assert_eq(store_note_add(st, &n), 0, "%s", store_error(st));
		cr_assert_str_eq(n.client_key, "acme");
	}
	struct note n;
	memset(&n, 0, sizeof n);
	memcpy(n.client_id, other.id, sizeof n.client_id);
	n.text = (char *)"CEO wants the roadmap by Friday.\nAsk about budget.";
	cr_assert_eq(store_note_add(st, &n), 0);
	cr_assert_eq(strlen(n.created), 20);

	struct note_list l;
	cr_assert_eq(store_note_list(st, c.id, 0, &l), 0);
	cr_assert_eq(l.n, 3);
	cr_assert_str_eq(l.items[0].created, "2026-11-03T09:00:00Z");
	cr_assert_str_eq(l.items[2].created, "2026-11-01T09:00:00Z");
	note_list_free(&l);
	cr_assert_eq(store_note_list(st, c.id, 2, &l), 0);
	cr_assert_eq(l.n, 2);
	note_list_free(&l);
	cr_assert_eq(store_note_list(st, NULL, 1, &l), 0);
	cr_assert_eq(l.n, 1);
	cr_assert_str_eq(l.items[0].text, n.text);
	note_list_free(&l);

	struct note empty;
	memset(&empty, 0, sizeof empty);
	memcpy(empty.client_id, c.id, sizeof empty.client_id);
	empty.text = (char *)"";
	cr_assert_eq(store_note_add(st, &empty), EX_DATAERR);
	store_close(st);
}

/* Get, change, delete, and find by client, text and time. */
Test(store_crud, notes_edit_delete_find)
{
	struct store *st = open_new();
	struct client c, other;
	add_client(st, "acme", &c);
	add_client(st, "other", &other);
	static const char *const texts[] = { "Leadership meeting:\n- Budget APPROVED\n- hiring",
		                             "Vendor call", "Board deck: budget slide" };
	static const char *const stamps[] = { "2026-11-01T09:00:00Z", "2026-11-03T09:00:00Z",
		                              "2026-11-05T09:00:00Z" };
	char ids[3][UUID_LEN];
	for (int i = 0; i < 3; i++) {
		struct note n;
		memset(&n, 0, sizeof n);
		memcpy(n.client_id, i == 2 ? other.id : c.id, sizeof n.client_id);
		n.text = (char *)texts[i];
		snprintf(n.created, sizeof n.created, "%s", stamps[i]);
		cr_assert_eq(store_note_add(st, &n), 0, "%s", store_error(st));
		memcpy(ids[i], n.id, UUID_LEN);
	}

	struct note got;
	cr_assert_eq(store_note_get(st, ids[0], &got), 0, "%s", store_error(st));
	cr_assert_str_eq(got.text, texts[0]);
	cr_assert_str_eq(got.client_key, "acme");
	cr_assert_str_eq(got.created, stamps[0]);

	/* A new text; the client and the time stay. */
	got.text[0] = 'l';
	cr_assert_eq(store_note_update(st, &got), 0, "%s", store_error(st));
	note_free(&got);
	cr_assert_eq(store_note_get(st, ids[0], &got), 0);
	cr_assert_eq(got.text[0], 'l');
	cr_assert_str_eq(got.created, stamps[0]);
	free(got.text);
	got.text = (char *)"";
	cr_assert_eq(store_note_update(st, &got), EX_DATAERR, "an empty note is refused");
	got.text = NULL;

	/* By a part of the text, any case; by time; by client. */
	struct note_list l;
	struct note_filter f = { .grep = "BUDGET" };
	cr_assert_eq(store_note_find(st, &f, &l), 0, "%s", store_error(st));
	cr_assert_eq(l.n, 2);
	cr_assert_str_eq(l.items[0].id, ids[2]);
	cr_assert_str_eq(l.items[1].id, ids[0]);
	note_list_free(&l);
	f.client_id = c.id;
	cr_assert_eq(store_note_find(st, &f, &l), 0);
	cr_assert_eq(l.n, 1);
	cr_assert_str_eq(l.items[0].id, ids[0]);
	note_list_free(&l);
	f = (struct note_filter){ .since = "2026-11-03T09:00:00Z" };
	cr_assert_eq(store_note_find(st, &f, &l), 0);
	cr_assert_eq(l.n, 2, "made at or after the stamp");
	note_list_free(&l);
	f = (struct note_filter){ .grep = "%", .client_id = c.id };
	cr_assert_eq(store_note_find(st, &f, &l), 0);
	cr_assert_eq(l.n, 0, "no pattern characters");
	note_list_free(&l);
	f = (struct note_filter){ .since = "yesterday" };
	cr_assert_eq(store_note_find(st, &f, &l), EX_DATAERR);

	cr_assert_eq(store_note_delete(st, ids[1]), 0, "%s", store_error(st));
	cr_assert_eq(store_note_delete(st, ids[1]), EX_NOINPUT);
	cr_assert_eq(store_note_get(st, ids[1], &got), EX_NOINPUT);
	got.text = (char *)"x";
	memcpy(got.id, ids[1], UUID_LEN);
	cr_assert_eq(store_note_update(st, &got), EX_NOINPUT);
	cr_assert_eq(store_note_list(st, c.id, 0, &l), 0);
	cr_assert_eq(l.n, 1);
	note_list_free(&l);
	store_close(st);
}

Test(store_crud, hostile_text_is_stored_verbatim)
{
	struct store *st = open_new();
	struct client c;
	memset(&c, 0, sizeof c);
	snprintf(c.key, sizeof c.key, "acme");
	c.name = (char *)"Robert'); DROP TABLE clients;--";
	cr_assert_eq(store_client_add(st, &c), 0, "%s", store_error(st));
	struct note n;
	memset(&n, 0, sizeof n);
	memcpy(n.client_id, c.id, sizeof n.client_id);
	n.text = (char *)"\x1b[31mred\x1b[0m \"quoted\" 日本語 %s %n";
	cr_assert_eq(store_note_add(st, &n), 0);
	struct note_list l;
	cr_assert_eq(store_note_list(st, c.id, 0, &l), 0);
	cr_assert_eq(l.n, 1);
	cr_assert_str_eq(l.items[0].text, n.text);
	note_list_free(&l);
	struct client got;
	cr_assert_eq(store_client_get(st, "acme", &got), 0);
	cr_assert_str_eq(got.name, c.name);
	client_free(&got);
	store_close(st);
}

/* entry_days agrees with the entries after every kind of change. */
static long day_total_mismatches(const char *path)
{
	return raw_long(
	        path,
	        "SELECT (SELECT count(*) FROM (SELECT client_id, day, minutes, billable,"
	        " entries FROM entry_days EXCEPT SELECT client_id, day, sum(minutes),"
	        " sum(billable * minutes), count(*) FROM time_entries GROUP BY client_id, day))"
	        " + (SELECT count(*) FROM (SELECT client_id, day, sum(minutes),"
	        " sum(billable * minutes), count(*) FROM time_entries GROUP BY client_id, day"
	        " EXCEPT SELECT client_id, day, minutes, billable, entries FROM entry_days))");
}

static void log_entry(struct store *st, const struct client *c, const char *day, int minutes,
                      bool billable, struct entry *out)
{
	memset(out, 0, sizeof *out);
	snprintf(out->client_id, sizeof out->client_id, "%s", c->id);
	snprintf(out->day, sizeof out->day, "%s", day);
	out->minutes = minutes;
	out->billable = billable;
	cr_assert_eq(store_entry_add(st, out), 0, "%s", store_error(st));
}

Test(store_crud, daily_totals_follow_the_entries)
{
	char path[128];
	tpath(path, sizeof path, "cxo.db");
	struct store *st = open_new();
	struct client a, b;
	add_client(st, "acme", &a);
	add_client(st, "beta", &b);
	struct entry e1, e2, e3;
	log_entry(st, &a, "2026-11-02", 90, true, &e1);
	log_entry(st, &a, "2026-11-02", 30, false, &e2);
	log_entry(st, &b, "2026-11-03", 45, true, &e3);
	cr_assert_eq(day_total_mismatches(path), 0);
	cr_assert_eq(raw_long(path, "SELECT count(*) FROM entry_days"), 2);
	cr_assert_eq(raw_long(path, "SELECT billable FROM entry_days WHERE day = '2026-11-02'"),
	             90);

	struct hours_sum sum;
	cr_assert_eq(store_entry_sum(st, a.id, "2026-11-01", "2026-12-01", &sum), 0);
	cr_assert_eq(sum.minutes, 120);
	cr_assert_eq(sum.billable_minutes, 90);
	cr_assert_eq(store_entry_sum(st, NULL, "2026-11-01", "2026-12-01", &sum), 0);
	cr_assert_eq(sum.minutes, 165);
	cr_assert_eq(store_entry_sum(st, NULL, "2026-11-03", "2026-11-04", &sum), 0);
	cr_assert_eq(sum.minutes, 45);

	/* Moved to another day, another client, billable flipped, resized. */
	e2.minutes = 50;
	e2.billable = true;
	snprintf(e2.day, sizeof e2.day, "2026-11-05");
	cr_assert_eq(store_entry_update(st, &e2), 0, "%s", store_error(st));
	cr_assert_eq(day_total_mismatches(path), 0);
	snprintf(e3.client_id, sizeof e3.client_id, "%s", a.id);
	cr_assert_eq(store_entry_update(st, &e3), 0, "%s", store_error(st));
	cr_assert_eq(day_total_mismatches(path), 0);
	cr_assert_eq(raw_long(path, "SELECT count(*) FROM entry_days e JOIN clients c"
	                            " ON c.id = e.client_id WHERE c.key = 'beta'"),
	             0, "an emptied day is dropped");

	cr_assert_eq(store_entry_delete(st, e1.id), 0);
	cr_assert_eq(day_total_mismatches(path), 0);
	cr_assert_eq(store_entry_sum(st, a.id, "2026-11-01", "2026-12-01", &sum), 0);
	cr_assert_eq(sum.minutes, 95);
	cr_assert_eq(sum.billable_minutes, 95);
	store_close(st);

	/* A deleted client takes its entries and their totals along. */
	raw_exec(path, "PRAGMA foreign_keys = ON; DELETE FROM clients WHERE key = 'acme';");
	cr_assert_eq(raw_long(path, "SELECT count(*) FROM entry_days"), 0);
	cr_assert_eq(day_total_mismatches(path), 0);
}

/* risk_cells agrees with the open risks after every kind of change. */
static long risk_cell_mismatches(const char *path)
{
	return raw_long(path,
	                "SELECT (SELECT count(*) FROM (SELECT client_id, likelihood, impact, open"
	                " FROM risk_cells EXCEPT SELECT client_id, likelihood, impact, count(*)"
	                " FROM risks WHERE status IN ('open', 'mitigating')"
	                " GROUP BY client_id, likelihood, impact))"
	                " + (SELECT count(*) FROM (SELECT client_id, likelihood, impact, count(*)"
	                " FROM risks WHERE status IN ('open', 'mitigating')"
	                " GROUP BY client_id, likelihood, impact EXCEPT SELECT client_id,"
	                " likelihood, impact, open FROM risk_cells))");
}

static void add_risk(struct store *st, const struct client *c, const char *title, int l, int i,
                     const char *status, struct risk *out)
{
	memset(out, 0, sizeof *out);
	snprintf(out->client_id, sizeof out->client_id, "%s", c->id);
	out->title = (char *)title;
	out->likelihood = l;
	out->impact = i;
	snprintf(out->status, sizeof out->status, "%s", status);
	cr_assert_eq(store_risk_add(st, out), 0, "%s", store_error(st));
}

Test(store_crud, open_risk_counts_follow_the_risks)
{
	char path[128];
	tpath(path, sizeof path, "cxo.db");
	struct store *st = open_new();
	struct client a, b;
	add_client(st, "acme", &a);
	add_client(st, "beta", &b);
	struct risk r1, r2, r3, r4;
	add_risk(st, &a, "No MFA", 4, 5, "open", &r1);
	add_risk(st, &a, "Shadow IT", 4, 5, "mitigating", &r2);
	add_risk(st, &a, "Old VPN", 2, 2, "closed", &r3);
	add_risk(st, &b, "Single admin", 3, 3, "open", &r4);
	cr_assert_eq(risk_cell_mismatches(path), 0);
	cr_assert_eq(raw_long(path, "SELECT count(*) FROM risk_cells"), 2,
	             "a closed risk counts nowhere");
	cr_assert_eq(raw_long(path, "SELECT open FROM risk_cells WHERE likelihood = 4"), 2);

	int heat[5][5];
	cr_assert_eq(store_dash_heatmap(st, a.id, heat), 0);
	cr_assert_eq(heat[3][4], 2);
	cr_assert_eq(heat[1][1], 0);

	/* Rescored, closed, reopened, accepted, moved to another client. */
	r1.likelihood = 2;
	cr_assert_eq(store_risk_update(st, &r1), 0, "%s", store_error(st));
	cr_assert_eq(risk_cell_mismatches(path), 0);
	snprintf(r2.status, sizeof r2.status, "closed");
	cr_assert_eq(store_risk_update(st, &r2), 0, "%s", store_error(st));
	cr_assert_eq(risk_cell_mismatches(path), 0);
	cr_assert_eq(raw_long(path, "SELECT count(*) FROM risk_cells WHERE likelihood = 4"), 0,
	             "an emptied cell is dropped");
	snprintf(r3.status, sizeof r3.status, "open");
	cr_assert_eq(store_risk_update(st, &r3), 0, "%s", store_error(st));
	cr_assert_eq(risk_cell_mismatches(path), 0);
	snprintf(r4.status, sizeof r4.status, "accepted");
	snprintf(r4.accepted_until, sizeof r4.accepted_until, "2027-06-30");
	cr_assert_eq(store_risk_update(st, &r4), 0, "%s", store_error(st));
	cr_assert_eq(risk_cell_mismatches(path), 0);
	snprintf(r3.client_id, sizeof r3.client_id, "%s", b.id);
	cr_assert_eq(store_risk_update(st, &r3), 0, "%s", store_error(st));
	cr_assert_eq(risk_cell_mismatches(path), 0);
	cr_assert_eq(store_dash_heatmap(st, b.id, heat), 0);
	cr_assert_eq(heat[1][1], 1);
	cr_assert_eq(heat[2][2], 0);

	cr_assert_eq(store_risk_delete(st, r1.id), 0);
	cr_assert_eq(risk_cell_mismatches(path), 0);
	struct store_check ck;
	cr_assert_eq(store_check(st, &ck), 0);
	cr_assert(ck.risk_cells_kept);
	cr_assert_eq(ck.risk_cell_errors, 0);
	store_check_free(&ck);
	store_close(st);

	/* A count gone wrong is found, and rebuilt from the risks. */
	raw_exec(path, "UPDATE risk_cells SET open = 9; INSERT INTO risk_cells"
	               " SELECT id, 5, 5, 1 FROM clients WHERE key = 'acme';");
	st = open_ok(path, STORE_WRITE);
	cr_assert_eq(store_check(st, &ck), 0);
	cr_assert_eq(ck.risk_cell_errors, 3);
	store_check_free(&ck);
	cr_assert_eq(store_rebuild_totals(st), 0, "%s", store_error(st));
	cr_assert_eq(store_check(st, &ck), 0);
	cr_assert_eq(ck.risk_cell_errors, 0);
	cr_assert_eq(ck.day_total_errors, 0);
	store_check_free(&ck);
	store_close(st);

	/* A deleted client takes its risks and their counts along. */
	raw_exec(path, "PRAGMA foreign_keys = ON; DELETE FROM clients WHERE key = 'beta';");
	cr_assert_eq(raw_long(path, "SELECT count(*) FROM risk_cells"), 0);
	cr_assert_eq(risk_cell_mismatches(path), 0);
}

Test(store_crud, client_copy_is_deep)
{
	struct client src = { 0 };
	snprintf(src.key, sizeof src.key, "acme");
	src.name = strdup("Acme Advisory Group");
	src.industry = NULL;
	src.budget_minutes = 1200;
	struct client dst;
	cr_assert_eq(client_copy(&dst, &src), 0);
	cr_assert_str_eq(dst.key, "acme");
	cr_assert_str_eq(dst.name, "Acme Advisory Group");
	cr_assert_neq(dst.name, src.name, "the name is copied, not shared");
	cr_assert_null(dst.industry);
	cr_assert_eq(dst.budget_minutes, 1200);
	client_free(&src);
	cr_assert_str_eq(dst.name, "Acme Advisory Group", "the copy outlives the original");
	client_free(&dst);
}
