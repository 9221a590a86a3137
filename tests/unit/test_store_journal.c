/* The journal: the line each write is recorded with, undo's refusals,
 * the redo stack, undoing a change whose deletes cascade, pruning. */
#include "store_test.h"

#include "cxo/journal.h"

#include "../../src/store/internal.h"

TestSuite(store_journal, .init = tdir_setup, .fini = tdir_teardown);

/* The latest entry of the journal (journal_entry_free). */
static struct journal_entry latest(struct store *st)
{
	struct journal_list l;
	cr_assert_eq(store_history(st, NULL, 1, &l), 0, "%s", store_error(st));
	cr_assert_eq(l.count, 1);
	struct journal_entry e = l.items[0];
	free(l.items);
	return e;
}

static void expect_latest(struct store *st, const char *summary, const char *client)
{
	struct journal_entry e = latest(st);
	cr_expect_str_eq(e.summary, summary);
	if (client)
		cr_expect(e.client_key && !strcmp(e.client_key, client), "client %s, expected %s",
		          e.client_key ? e.client_key : "(none)", client);
	else
		cr_expect_null(e.client_key, "client %s, expected none", e.client_key);
	journal_entry_free(&e);
}

static void log_minutes(struct store *st, const struct client *c, const char *day, int minutes,
                        struct entry *out)
{
	memset(out, 0, sizeof *out);
	snprintf(out->client_id, sizeof out->client_id, "%s", c->id);
	snprintf(out->day, sizeof out->day, "%s", day);
	out->minutes = minutes;
	out->billable = true;
	cr_assert_eq(store_entry_add(st, out), 0, "%s", store_error(st));
}

static void add_risk(struct store *st, const struct client *c, const char *title, struct risk *out)
{
	memset(out, 0, sizeof *out);
	snprintf(out->client_id, sizeof out->client_id, "%s", c->id);
	out->title = (char *)title;
	out->likelihood = 4;
	out->impact = 5;
	snprintf(out->status, sizeof out->status, "open");
	cr_assert_eq(store_risk_add(st, out), 0, "%s", store_error(st));
}

static long count(const char *sql)
{
	char path[128];
	return raw_long(tpath(path, sizeof path, "cxo.db"), sql);
}

Test(store_journal, summary_lines)
{
	struct store *st = open_new();
	struct client a, b;
	add_client(st, "acme", &a);
	expect_latest(st, "added client acme", "acme");
	struct entry e;
	log_minutes(st, &a, "2026-12-02", 90, &e);
	expect_latest(st, "logged 1.5h for acme on 2026-12-02", "acme");
	struct risk r;
	add_risk(st, &a, "No MFA", &r);
	char want[200];
	snprintf(want, sizeof want, "added risk %.8s to acme \"No MFA\"", r.id);
	expect_latest(st, want, "acme");
	snprintf(r.status, sizeof r.status, "closed");
	snprintf(r.closed, sizeof r.closed, "2026-12-03");
	cr_assert_eq(store_risk_update(st, &r), 0, "%s", store_error(st));
	snprintf(want, sizeof want, "closed risk %.8s of acme \"No MFA\"", r.id);
	expect_latest(st, want, "acme");

	/* The timer: its start, its stop with the entry it becomes, a cancel. */
	struct timer tm = { .note = (char *)"call" };
	snprintf(tm.client_id, sizeof tm.client_id, "%s", a.id);
	tm.started = 1000;
	cr_assert_eq(store_timer_start(st, &tm), 0, "%s", store_error(st));
	expect_latest(st, "started the timer for acme", "acme");
	memset(&e, 0, sizeof e);
	snprintf(e.client_id, sizeof e.client_id, "%s", a.id);
	snprintf(e.day, sizeof e.day, "2026-12-03");
	e.minutes = 45;
	cr_assert_eq(store_timer_stop(st, &e), 0, "%s", store_error(st));
	expect_latest(st, "logged 0.75h for acme on 2026-12-03 from the timer", "acme");
	cr_assert_eq(store_timer_start(st, &tm), 0, "%s", store_error(st));
	cr_assert_eq(store_timer_cancel(st), 0, "%s", store_error(st));
	expect_latest(st, "stopped, without logging, the timer for acme", "acme");

	/* A share names the note's client and its start. */
	struct note nt = { .text = (char *)"Vendor sends\nthe redlines" };
	snprintf(nt.client_id, sizeof nt.client_id, "%s", a.id);
	cr_assert_eq(store_note_add(st, &nt), 0, "%s", store_error(st));
	cr_assert_eq(store_note_set_shared(st, nt.id, true), 0, "%s", store_error(st));
	snprintf(want, sizeof want, "shared note %.8s of acme \"Vendor sends the redlines\"",
	         nt.id);
	expect_latest(st, want, "acme");

	/* An edit names the item, its title and what changed. */
	r.likelihood = 2;
	cr_assert_eq(store_risk_update(st, &r), 0, "%s", store_error(st));
	snprintf(want, sizeof want, "edited risk %.8s of acme \"No MFA\" (likelihood)", r.id);
	expect_latest(st, want, "acme");

	/* A client's own fields name a change that sets its terms too. */
	struct client_terms terms;
	client_terms_defaults(&terms);
	terms.round_minutes = 15;
	cr_assert_eq(store_begin(st), 0);
	a.name = (char *)"acme";
	a.employees = 40;
	cr_assert_eq(store_client_update(st, &a), 0, "%s", store_error(st));
	cr_assert_eq(store_terms_set(st, a.id, &terms), 0, "%s", store_error(st));
	cr_assert_eq(store_commit(st), 0, "%s", store_error(st));
	expect_latest(st, "edited client acme (employees) (+1 more)", "acme");
	snprintf(a.status, sizeof a.status, "ended");
	cr_assert_eq(store_client_update(st, &a), 0, "%s", store_error(st));
	expect_latest(st, "ended client acme", "acme");
	snprintf(a.status, sizeof a.status, "active");
	cr_assert_eq(store_client_update(st, &a), 0, "%s", store_error(st));
	expect_latest(st, "made client acme active again", "acme");

	/* A mandate deleted names the change, not the entries it unlinks. */
	struct mandate m = { .title = (char *)"Roadmap" };
	snprintf(m.client_id, sizeof m.client_id, "%s", a.id);
	snprintf(m.status, sizeof m.status, "active");
	cr_assert_eq(store_mandate_add(st, &m), 0, "%s", store_error(st));
	log_minutes(st, &a, "2026-12-04", 60, &e);
	snprintf(e.mandate_id, sizeof e.mandate_id, "%s", m.id);
	cr_assert_eq(store_entry_update(st, &e), 0, "%s", store_error(st));
	cr_assert_eq(store_mandate_delete(st, m.id), 0, "%s", store_error(st));
	snprintf(want, sizeof want, "deleted mandate %.8s of acme \"Roadmap\" (+1 more)", m.id);
	expect_latest(st, want, "acme");

	/* A change of several clients belongs to none of them. */
	cr_assert_eq(store_begin(st), 0);
	add_client(st, "beta", &b);
	log_minutes(st, &a, "2026-12-04", 30, &e);
	cr_assert_eq(store_commit(st), 0, "%s", store_error(st));
	expect_latest(st, "added client beta (+1 more)", NULL);

	/* The caller's line replaces the one made, once. */
	cr_assert_eq(store_begin(st), 0);
	cr_assert_eq(store_journal_describe(st, "imported 1 entry (0.5h) from harvest"), 0);
	log_minutes(st, &b, "2026-12-04", 30, &e);
	cr_assert_eq(store_commit(st), 0, "%s", store_error(st));
	expect_latest(st, "imported 1 entry (0.5h) from harvest", "beta");
	log_minutes(st, &b, "2026-12-05", 60, &e);
	expect_latest(st, "logged 1h for beta on 2026-12-05", "beta");

	/* The command recorded with every write that follows. */
	cr_assert_eq(store_journal_origin(st, "cxo log 1h"), 0);
	log_minutes(st, &b, "2026-12-05", 60, &e);
	struct journal_entry j = latest(st);
	cr_expect_str_eq(j.command, "cxo log 1h");
	cr_expect_str_eq(j.kind, "change");
	journal_entry_free(&j);
	store_close(st);
}

Test(store_journal, undo_refuses_when_a_later_change_touched_the_rows)
{
	struct store *st = open_new();
	struct client a;
	add_client(st, "acme", &a);
	struct risk r;
	add_risk(st, &a, "No MFA", &r);
	struct journal_entry added = latest(st);
	snprintf(r.status, sizeof r.status, "accepted");
	snprintf(r.accepted_until, sizeof r.accepted_until, "2027-06-30");
	cr_assert_eq(store_risk_update(st, &r), 0, "%s", store_error(st));
	struct journal_entry accepted = latest(st);

	struct journal_entry done;
	cr_assert_eq(store_undo(st, added.seq, &done), EX_DATAERR);
	char want[200];
	snprintf(want, sizeof want, "the later change #%lld (%s)", accepted.seq, accepted.summary);
	cr_expect(strstr(store_error(st), want), "message: %s", store_error(st));
	cr_expect_null(done.summary);
	cr_expect_eq(count("SELECT count(*) FROM risks"), 1);

	/* The later one first, then the earlier one goes. */
	cr_assert_eq(store_undo(st, 0, &done), 0, "%s", store_error(st));
	cr_expect_eq(done.seq, accepted.seq);
	journal_entry_free(&done);
	cr_assert_eq(store_undo(st, added.seq, &done), 0, "%s", store_error(st));
	journal_entry_free(&done);
	cr_expect_eq(count("SELECT count(*) FROM risks"), 0);
	cr_expect_eq(count("SELECT count(*) FROM risk_cells WHERE open > 0"), 0);
	/* Undone already; an undo is not undone. */
	cr_expect_eq(store_undo(st, added.seq, &done), EX_DATAERR);
	cr_expect_eq(store_undo(st, 999, &done), EX_NOINPUT);
	journal_entry_free(&added);
	journal_entry_free(&accepted);
	store_close(st);
}

Test(store_journal, undo_and_redo_in_a_stack)
{
	struct store *st = open_new();
	struct client a;
	add_client(st, "acme", &a);
	struct entry e1, e2;
	log_minutes(st, &a, "2026-12-01", 60, &e1);
	log_minutes(st, &a, "2026-12-02", 120, &e2);
	struct journal_entry done;
	cr_assert_eq(store_undo(st, 0, &done), 0, "%s", store_error(st));
	cr_expect_str_eq(done.summary, "logged 2h for acme on 2026-12-02");
	journal_entry_free(&done);
	cr_assert_eq(store_undo(st, 0, &done), 0, "%s", store_error(st));
	cr_expect_str_eq(done.summary, "logged 1h for acme on 2026-12-01");
	journal_entry_free(&done);
	cr_expect_eq(count("SELECT count(*) FROM time_entries"), 0);
	cr_expect_eq(count("SELECT count(*) FROM entry_days"), 0);
	expect_latest(st, "undid #2: logged 1h for acme on 2026-12-01", "acme");

	/* Redo takes them back in the reverse order. */
	cr_assert_eq(store_redo(st, &done), 0, "%s", store_error(st));
	cr_expect_str_eq(done.summary, "logged 1h for acme on 2026-12-01");
	journal_entry_free(&done);
	cr_assert_eq(store_redo(st, &done), 0, "%s", store_error(st));
	cr_expect_str_eq(done.summary, "logged 2h for acme on 2026-12-02");
	journal_entry_free(&done);
	cr_expect_eq(count("SELECT sum(minutes) FROM time_entries"), 180);
	cr_expect_eq(count("SELECT sum(minutes) FROM entry_days"), 180);
	cr_expect_eq(store_redo(st, &done), EX_NOINPUT);

	/* A new change ends what could be redone. */
	cr_assert_eq(store_undo(st, 0, &done), 0, "%s", store_error(st));
	journal_entry_free(&done);
	struct entry e3;
	log_minutes(st, &a, "2026-12-03", 30, &e3);
	cr_expect_eq(store_redo(st, &done), EX_NOINPUT);
	cr_expect_str_eq(store_error(st), "nothing to redo");
	cr_expect_eq(count("SELECT sum(minutes) FROM time_entries"), 90);
	store_close(st);
}

Test(store_journal, undo_of_a_new_client_with_its_items)
{
	struct store *st = open_new();
	struct client a;
	/* One change: a client and rows that go when it goes (a delete
	 * cascades to them before their own deletes are applied). */
	cr_assert_eq(store_begin(st), 0);
	add_client(st, "acme", &a);
	struct entry e;
	log_minutes(st, &a, "2026-12-01", 60, &e);
	struct risk r;
	add_risk(st, &a, "No MFA", &r);
	cr_assert_eq(store_commit(st), 0, "%s", store_error(st));
	struct journal_entry done;
	cr_assert_eq(store_undo(st, 0, &done), 0, "%s", store_error(st));
	journal_entry_free(&done);
	cr_expect_eq(count("SELECT count(*) FROM clients"), 0);
	cr_expect_eq(count("SELECT count(*) FROM time_entries"), 0);
	cr_expect_eq(count("SELECT count(*) FROM entry_days"), 0);
	cr_expect_eq(count("SELECT count(*) FROM risk_cells WHERE open > 0"), 0);
	cr_assert_eq(store_redo(st, &done), 0, "%s", store_error(st));
	journal_entry_free(&done);
	cr_expect_eq(count("SELECT count(*) FROM time_entries"), 1);
	cr_expect_eq(count("SELECT count(*) FROM risks"), 1);

	/* And a client deleted with its rows (ON DELETE CASCADE) comes back
	 * whole, and goes again on redo. */
	char sql[128];
	snprintf(sql, sizeof sql, "DELETE FROM clients WHERE id = '%s'", a.id);
	cr_assert_eq(store_begin(st), 0);
	cr_assert_eq(sqlite3_exec(st->db, sql, NULL, NULL, NULL), SQLITE_OK);
	cr_assert_eq(store_commit(st), 0, "%s", store_error(st));
	cr_expect_eq(count("SELECT count(*) FROM time_entries"), 0);
	cr_assert_eq(store_undo(st, 0, &done), 0, "%s", store_error(st));
	journal_entry_free(&done);
	cr_expect_eq(count("SELECT count(*) FROM time_entries"), 1);
	cr_expect_eq(count("SELECT sum(minutes) FROM entry_days"), 60);
	cr_assert_eq(store_redo(st, &done), 0, "%s", store_error(st));
	journal_entry_free(&done);
	cr_expect_eq(count("SELECT count(*) FROM clients"), 0);
	cr_expect_eq(count("SELECT count(*) FROM entry_days"), 0);
	store_close(st);
}

Test(store_journal, off_and_pruned)
{
	struct store *st = open_new();
	struct client a;
	add_client(st, "acme", &a);
	struct entry e;
	log_minutes(st, &a, "2026-12-01", 60, &e);
	cr_expect_eq(count("SELECT count(*) FROM journal"), 2);
	/* Older than the days kept: gone with the next write. */
	char path[128];
	raw_exec(tpath(path, sizeof path, "cxo.db"),
	         "UPDATE journal SET at = '2020-01-01T00:00:00Z' WHERE seq = 1");
	log_minutes(st, &a, "2026-12-02", 60, &e);
	cr_expect_eq(count("SELECT count(*) FROM journal"), 2);
	cr_expect_eq(count("SELECT min(seq) FROM journal"), 2);

	store_journal_keep(st, 0);
	log_minutes(st, &a, "2026-12-03", 60, &e);
	cr_expect_eq(count("SELECT count(*) FROM journal"), 2);
	struct journal_entry done;
	cr_expect_eq(store_undo(st, 0, &done), EX_CONFIG);
	cr_expect_eq(store_redo(st, &done), EX_CONFIG);
	struct journal_stats js;
	cr_assert_eq(store_journal_stats(st, &js), 0);
	cr_expect_eq(js.keep_days, 0);
	cr_expect_eq(js.entries, 2);
	store_close(st);
}

/* The dashboard's deletes (x): a risk with its linked action, an action,
 * a mandate: each back whole with undo, links and heat-map cell
 * included, and gone again with redo. */
Test(store_journal, deletes_undone_and_redone)
{
	struct store *st = open_new();
	struct client c;
	add_client(st, "acme", &c);
	struct risk r;
	add_risk(st, &c, "No MFA", &r);
	struct mandate m = { .title = (char *)"Roadmap" };
	snprintf(m.client_id, sizeof m.client_id, "%s", c.id);
	snprintf(m.status, sizeof m.status, "active");
	cr_assert_eq(store_mandate_add(st, &m), 0, "%s", store_error(st));
	struct action a = { .title = (char *)"Enable MFA" };
	snprintf(a.client_id, sizeof a.client_id, "%s", c.id);
	snprintf(a.risk_id, sizeof a.risk_id, "%s", r.id);
	snprintf(a.mandate_id, sizeof a.mandate_id, "%s", m.id);
	snprintf(a.status, sizeof a.status, "todo");
	cr_assert_eq(store_action_add(st, &a), 0, "%s", store_error(st));
	const char *links = "SELECT count(*) FROM actions WHERE risk_id IS NOT NULL"
	                    " AND mandate_id IS NOT NULL";
	struct journal_entry done;

	cr_assert_eq(store_risk_delete(st, r.id), 0, "%s", store_error(st));
	cr_expect_eq(count("SELECT count(*) FROM risk_cells WHERE open > 0"), 0);
	cr_assert_eq(store_undo(st, 0, &done), 0, "%s", store_error(st));
	journal_entry_free(&done);
	cr_expect_eq(count("SELECT count(*) FROM risks"), 1);
	cr_expect_eq(count("SELECT sum(open) FROM risk_cells"), 1);
	cr_expect_eq(count(links), 1);
	cr_assert_eq(store_redo(st, &done), 0, "%s", store_error(st));
	journal_entry_free(&done);
	cr_expect_eq(count("SELECT count(*) FROM risks"), 0);
	cr_expect_eq(count("SELECT count(*) FROM risk_cells WHERE open > 0"), 0);
	cr_assert_eq(store_undo(st, 0, &done), 0, "%s", store_error(st));
	journal_entry_free(&done);

	cr_assert_eq(store_mandate_delete(st, m.id), 0, "%s", store_error(st));
	cr_expect_eq(count(links), 0);
	cr_assert_eq(store_undo(st, 0, &done), 0, "%s", store_error(st));
	journal_entry_free(&done);
	cr_expect_eq(count("SELECT count(*) FROM mandates"), 1);
	cr_expect_eq(count(links), 1);

	cr_assert_eq(store_action_delete(st, a.id), 0, "%s", store_error(st));
	cr_assert_eq(store_undo(st, 0, &done), 0, "%s", store_error(st));
	journal_entry_free(&done);
	cr_expect_eq(count(links), 1);
	cr_assert_eq(store_redo(st, &done), 0, "%s", store_error(st));
	journal_entry_free(&done);
	cr_expect_eq(count("SELECT count(*) FROM actions"), 0);
	store_close(st);
}
