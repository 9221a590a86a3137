/* Unit tests for src/store/verify.c: the compiled-in schema digests, the
 * budget of steps and the length limit. */
#include "store_test.h"

#include "../../src/store/internal.h"

TestSuite(store_verify, .init = tdir_setup, .fini = tdir_teardown);

/* Each version's digest, compiled in, is the one its migrations make. */
Test(store_verify, known_digests_are_those_of_the_migrations)
{
	for (int v = 1; v <= STORE_SCHEMA_VERSION; v++) {
		sqlite3 *db = NULL;
		cr_assert_eq(sqlite3_open_v2(":memory:", &db, SQLITE_OPEN_READWRITE, NULL),
		             SQLITE_OK);
		cr_assert_eq(store_schema_build(db, v), SQLITE_OK, "%s", sqlite3_errmsg(db));
		char hex[65];
		cr_assert_eq(store_schema_digest(db, hex), SQLITE_OK);
		sqlite3_close(db);
		const char *known = store_schema_known_digest(v);
		cr_assert_not_null(known, "no digest compiled in for schema %d", v);
		cr_assert_str_eq(known, hex, "schema %d: verify.c says %s, the migrations make %s",
		                 v, known, hex);
	}
}

/* Steps a statement to its end; the last SQLite code. */
static int run_sql(struct store *st, const char *sql)
{
	sqlite3_stmt *s = NULL;
	int rc = sqlite3_prepare_v2(st->db, sql, -1, &s, NULL);
	while (rc == SQLITE_OK || rc == SQLITE_ROW)
		rc = sqlite3_step(s);
	sqlite3_finalize(s);
	return rc;
}

#define ENDLESS                                                                                    \
	"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n"

#define TEN_THOUSAND                                                                               \
	"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10000)"          \
	" SELECT count(*) FROM n"

Test(store_verify, an_endless_query_is_interrupted)
{
	char path[128];
	tpath(path, sizeof path, "cxo.db");
	store_close(open_ok(path, STORE_WRITE));
	struct store *st = open_ok(path, STORE_READ);
	store_budget(st, 1000000); /* the default takes seconds to spend */
	int rc = run_sql(st, ENDLESS);
	cr_assert_eq(rc, SQLITE_INTERRUPT, "got %s", sqlite3_errstr(rc));
	cr_assert_eq(store_sql_fail(st, rc, "reading"), EX_DATAERR);
	cr_assert_not_null(strstr(store_error(st), "took too long to answer"), "got: %s",
	                   store_error(st));
	cr_assert_not_null(strstr(store_error(st), path), "got: %s", store_error(st));
	/* The budget is spent until a new one starts; then queries run. */
	cr_assert_eq(run_sql(st, TEN_THOUSAND), SQLITE_INTERRUPT);
	store_budget(st, 1000000);
	cr_assert_eq(run_sql(st, TEN_THOUSAND), SQLITE_DONE);
	store_close(st);
}

Test(store_verify, default_budgets)
{
	char path[128];
	tpath(path, sizeof path, "cxo.db");
	struct store *st = open_ok(path, STORE_WRITE);
	cr_assert_eq(st->step_budget, STORE_WRITE_STEPS);
	store_budget(st, 10);
	cr_assert_eq(st->step_budget, 10);
	store_budget(st, 0);
	cr_assert_eq(st->step_budget, STORE_WRITE_STEPS);
	store_close(st);
	st = open_ok(path, STORE_READ);
	cr_assert_eq(st->step_budget, STORE_READ_STEPS);
	cr_assert_lt(STORE_READ_STEPS, STORE_WRITE_STEPS);
	store_close(st);
}

Test(store_verify, a_huge_value_is_refused)
{
	struct store *st = open_new();
	int rc = run_sql(st, "SELECT zeroblob(900000000)");
	cr_assert_eq(rc, SQLITE_TOOBIG, "got %s", sqlite3_errstr(rc));
	cr_assert_eq(store_sql_fail(st, rc, "reading"), EX_DATAERR);
	cr_assert_eq(run_sql(st, "SELECT length(zeroblob(1000000))"), SQLITE_DONE);
	store_close(st);
}
