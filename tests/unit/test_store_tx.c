/* Transactions, savepoints, constraint failures and settings. */
#include "store_test.h"

#include "../../src/store/internal.h"

TestSuite(store_tx, .init = tdir_setup, .fini = tdir_teardown);

static size_t client_count(struct store *st)
{
	struct client_list l;
	cr_assert_eq(store_client_list(st, true, &l), 0, "%s", store_error(st));
	size_t n = l.n;
	client_list_free(&l);
	return n;
}

static bool has_client(struct store *st, const char *key)
{
	struct client c;
	int rc = store_client_get(st, key, &c);
	client_free(&c);
	cr_assert(rc == 0 || rc == EX_NOINPUT, "%s", store_error(st));
	return rc == 0;
}

Test(store_tx, nested_levels_commit_together)
{
	struct store *st = open_new();
	cr_assert_eq(store_begin(st), 0);
	add_client(st, "alpha", NULL);
	cr_assert_eq(store_begin(st), 0);
	add_client(st, "beta", NULL);
	cr_assert_eq(store_commit(st), 0);
	cr_assert_eq(store_commit(st), 0);
	cr_assert_eq(client_count(st), 2);
	cr_assert(sqlite3_get_autocommit(st->db));
	store_close(st);
}

Test(store_tx, inner_rollback_undoes_only_the_inner_level)
{
	struct store *st = open_new();
	cr_assert_eq(store_begin(st), 0);
	add_client(st, "alpha", NULL);
	cr_assert_eq(store_begin(st), 0);
	add_client(st, "beta", NULL);
	store_rollback(st);
	add_client(st, "gamma", NULL);
	cr_assert_eq(store_commit(st), 0);
	cr_assert(has_client(st, "alpha"));
	cr_assert_not(has_client(st, "beta"));
	cr_assert(has_client(st, "gamma"));
	store_close(st);
}

Test(store_tx, outer_rollback_undoes_everything)
{
	struct store *st = open_new();
	cr_assert_eq(store_begin(st), 0);
	add_client(st, "alpha", NULL);
	cr_assert_eq(store_begin(st), 0);
	add_client(st, "beta", NULL);
	cr_assert_eq(store_commit(st), 0);
	store_rollback(st);
	cr_assert_eq(client_count(st), 0);
	cr_assert(sqlite3_get_autocommit(st->db));
	/* And the handle goes on working. */
	add_client(st, "delta", NULL);
	cr_assert_eq(client_count(st), 1);
	store_close(st);
}

Test(store_tx, a_failed_write_inside_a_transaction_undoes_only_itself)
{
	struct store *st = open_new();
	cr_assert_eq(store_begin(st), 0);
	add_client(st, "acme", NULL);
	struct client dup;
	memset(&dup, 0, sizeof dup);
	snprintf(dup.key, sizeof dup.key, "acme");
	cr_assert_eq(store_client_add(st, &dup), EX_DATAERR);
	add_client(st, "beta", NULL);
	cr_assert_eq(store_commit(st), 0);
	cr_assert_eq(client_count(st), 2);
	store_close(st);
}

Test(store_tx, commit_without_begin_is_an_error)
{
	struct store *st = open_new();
	cr_assert_eq(store_commit(st), EX_SOFTWARE);
	store_rollback(st); /* harmless */
	store_close(st);
}

Test(store_tx, close_with_an_open_transaction_rolls_back)
{
	char path[256];
	tpath(path, sizeof path, "cxo.db");
	struct store *st = open_ok(path, STORE_WRITE);
	cr_assert_eq(store_begin(st), 0);
	add_client(st, "acme", NULL);
	store_close(st);
	st = open_ok(path, STORE_READ);
	cr_assert_eq(client_count(st), 0);
	store_close(st);
}

Test(store_tx, duplicate_key_is_refused_and_writes_nothing)
{
	struct store *st = open_new();
	add_client(st, "acme", NULL);
	long v0 = 0, v1 = 0;
	struct client c;
	memset(&c, 0, sizeof c);
	snprintf(c.key, sizeof c.key, "acme");
	c.name = (char *)"Another Acme";
	cr_assert_eq(store_client_add(st, &c), EX_DATAERR);
	cr_assert_str_eq(store_error(st), "client key \"acme\" is already taken");
	cr_assert_eq(client_count(st), 1);
	/* Renaming another client onto the key is refused the same way. */
	struct client beta;
	add_client(st, "beta", &beta);
	snprintf(beta.key, sizeof beta.key, "acme");
	cr_assert_eq(store_client_update(st, &beta), EX_DATAERR);
	cr_assert(has_client(st, "beta"));
	(void)v0;
	(void)v1;
	store_close(st);
}

Test(store_tx, bad_values_are_refused_with_their_name)
{
	struct store *st = open_new();
	struct client acme;
	add_client(st, "acme", &acme);

	struct entry e;
	memset(&e, 0, sizeof e);
	memcpy(e.client_id, acme.id, sizeof e.client_id);
	snprintf(e.day, sizeof e.day, "2026-11-23");
	e.minutes = 0;
	cr_assert_eq(store_entry_add(st, &e), EX_DATAERR);
	cr_assert_str_eq(store_error(st), "bad minutes 0 (expected 1 to 1440)");
	e.minutes = 1441;
	cr_assert_eq(store_entry_add(st, &e), EX_DATAERR);
	e.minutes = 30;
	snprintf(e.day, sizeof e.day, "2026-13-01");
	cr_assert_eq(store_entry_add(st, &e), EX_DATAERR);
	cr_assert_str_eq(store_error(st), "bad date \"2026-13-01\" (expected YYYY-MM-DD)");
	struct hours_sum sum;
	cr_assert_eq(store_entry_sum(st, NULL, NULL, NULL, &sum), 0);
	cr_assert_eq(sum.minutes, 0);

	struct risk r;
	memset(&r, 0, sizeof r);
	memcpy(r.client_id, acme.id, sizeof r.client_id);
	r.title = (char *)"No backups";
	r.likelihood = 6;
	r.impact = 3;
	cr_assert_eq(store_risk_add(st, &r), EX_DATAERR);
	cr_assert_str_eq(store_error(st), "bad likelihood 6 (expected 1 to 5)");
	r.likelihood = 2;
	snprintf(r.category, sizeof r.category, "weather");
	cr_assert_eq(store_risk_add(st, &r), EX_DATAERR);
	cr_assert_not_null(strstr(store_error(st), "\"weather\""));
	struct risk_list rl;
	cr_assert_eq(store_risk_list(st, NULL, &rl), 0);
	cr_assert_eq(rl.n, 0);
	risk_list_free(&rl);

	struct client bad;
	memset(&bad, 0, sizeof bad);
	snprintf(bad.key, sizeof bad.key, "Bad Key");
	cr_assert_eq(store_client_add(st, &bad), EX_DATAERR);
	snprintf(bad.key, sizeof bad.key, "fine");
	snprintf(bad.role, sizeof bad.role, "cfo");
	cr_assert_eq(store_client_add(st, &bad), EX_DATAERR);
	cr_assert_str_eq(store_error(st),
	                 "unknown role \"cfo\" (expected cio, cto, ciso or interim)");
	bad.role[0] = '\0';
	snprintf(bad.currency, sizeof bad.currency, "eu");
	cr_assert_eq(store_client_add(st, &bad), EX_DATAERR);
	cr_assert_eq(client_count(st), 1);
	store_close(st);
}

Test(store_tx, the_schema_refuses_what_the_checks_refuse)
{
	char path[256];
	tpath(path, sizeof path, "cxo.db");
	struct store *st = open_ok(path, STORE_WRITE);
	struct client acme;
	add_client(st, "acme", &acme);
	store_close(st);
	/* Another program writing directly meets the same rules. */
	static const char *const bad[] = {
		"INSERT INTO time_entries(id, client_id, day, minutes, created) VALUES"
		" ('00000000-0000-4000-8000-000000000001', '%s', '2026-11-23', 0, "
		"'2026-11-23T10:00:00Z')",
		"INSERT INTO risks(id, client_id, title, likelihood, impact, opened) VALUES"
		" ('00000000-0000-4000-8000-000000000002', '%s', 'x', 6, 1, '2026-11-23')",
		"INSERT INTO clients(id, key) VALUES ('00000000-0000-4000-8000-000000000003', "
		"'acme')",
		"INSERT INTO notes(id, client_id, body, created) VALUES"
		" ('00000000-0000-4000-8000-00000000000A', '%s', 'x', '2026-11-23T10:00:00Z')",
		"INSERT INTO actions(id, client_id, title, status, created) VALUES"
		" ('00000000-0000-4000-8000-000000000004', '%s', 'x', 'later', '2026-11-23')",
	};
	sqlite3 *db = NULL;
	cr_assert_eq(sqlite3_open(path, &db), SQLITE_OK);
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char sql[512];
		snprintf(sql, sizeof sql, bad[i], acme.id);
		int rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
		cr_assert_eq(rc & 0xff, SQLITE_CONSTRAINT, "accepted: %s", sql);
	}
	sqlite3_close(db);
}

Test(store_tx, disk_full_rolls_back_cleanly)
{
	struct store *st = open_new();
	struct client acme;
	add_client(st, "acme", &acme);
	/* No room for more pages: the next big write fails with SQLITE_FULL,
	 * which makes SQLite roll the whole transaction back itself. */
	long pages = 0;
	sqlite3_stmt *s = NULL;
	cr_assert_eq(sqlite3_prepare_v2(st->db, "PRAGMA page_count", -1, &s, NULL), SQLITE_OK);
	cr_assert_eq(sqlite3_step(s), SQLITE_ROW);
	pages = (long)sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	char sql[64];
	snprintf(sql, sizeof sql, "PRAGMA max_page_count = %ld", pages + 1);
	cr_assert_eq(sqlite3_exec(st->db, sql, NULL, NULL, NULL), SQLITE_OK);

	char *big = malloc(9000);
	cr_assert_not_null(big);
	memset(big, 'x', 8999);
	big[8999] = '\0';
	cr_assert_eq(store_begin(st), 0);
	cr_assert_eq(store_begin(st), 0);
	int rc = 0;
	/* Settings: a table without triggers, so a write needs no statement
	 * journal and SQLite gives the whole transaction up on SQLITE_FULL
	 * (a note's triggers would let it roll back the statement alone). */
	for (int i = 0; i < 50 && !rc; i++) {
		char key[16];
		snprintf(key, sizeof key, "big%d", i);
		rc = store_setting_set(st, key, big);
	}
	cr_assert_eq(rc, EX_IOERR, "got %d: %s", rc, store_error(st));
	cr_assert_not_null(strstr(store_error(st), "disk is full"), "%s", store_error(st));
	store_rollback(st);
	/* The outer level learns the transaction is gone. */
	cr_assert_neq(store_begin(st), 0);
	cr_assert_eq(store_commit(st), EX_IOERR);
	cr_assert(sqlite3_get_autocommit(st->db));

	snprintf(sql, sizeof sql, "PRAGMA max_page_count = 1000000");
	cr_assert_eq(sqlite3_exec(st->db, sql, NULL, NULL, NULL), SQLITE_OK);
	struct note_list nl;
	cr_assert_eq(store_note_list(st, acme.id, 0, &nl), 0);
	cr_assert_eq(nl.n, 0);
	note_list_free(&nl);
	struct note n;
	memset(&n, 0, sizeof n);
	memcpy(n.client_id, acme.id, sizeof n.client_id);
	n.text = (char *)"after the disk was freed";
	cr_assert_eq(store_note_add(st, &n), 0, "%s", store_error(st));
	free(big);
	store_close(st);
}

Test(store_tx, settings)
{
	struct store *st = open_new();
	char *v = (char *)1;
	cr_assert_eq(store_setting_get(st, "current_client", &v), 0);
	cr_assert_null(v);
	cr_assert_eq(store_setting_set(st, "current_client", "abc"), 0);
	cr_assert_eq(store_setting_set(st, "current_client", "def"), 0);
	cr_assert_eq(store_setting_get(st, "current_client", &v), 0);
	cr_assert_str_eq(v, "def");
	free(v);
	cr_assert_eq(store_setting_set(st, "current_client", NULL), 0);
	cr_assert_eq(store_setting_get(st, "current_client", &v), 0);
	cr_assert_null(v);
	cr_assert_eq(store_setting_set(st, "never-set", NULL), 0);
	store_close(st);
}
