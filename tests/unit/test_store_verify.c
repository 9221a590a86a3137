/* Unit tests for src/store/verify.c: the compiled-in schema digests, the
 * budget of steps and the length limit. */
#include "store_test.h"

#include "../../src/store/internal.h"

TestSuite(store_verify, .init = tdir_setup, .fini = tdir_teardown);

/* Each version's rows, compiled in, are those its migrations make. */
Test(store_verify, compiled_in_schemas_are_those_of_the_migrations)
{
	for (int v = 0; v <= STORE_SCHEMA_VERSION; v++) {
		sqlite3 *db = NULL;
		sqlite3_stmt *s = NULL;
		cr_assert_eq(sqlite3_open_v2(":memory:", &db, SQLITE_OPEN_READWRITE, NULL),
		             SQLITE_OK);
		cr_assert_eq(store_schema_build(db, v), SQLITE_OK, "%s", sqlite3_errmsg(db));
		cr_assert_eq(sqlite3_prepare_v2(db, STORE_SCHEMA_ROWS, -1, &s, NULL), SQLITE_OK);
		const struct schema_row *ref = store_schema_ref[v];
		int rc;
		for (int n = 0; (rc = sqlite3_step(s)) == SQLITE_ROW; n++, ref++) {
			const char *col[4];
			for (int i = 0; i < 4; i++)
				col[i] = (const char *)sqlite3_column_text(s, i);
			cr_assert_not_null(ref->type,
			                   "schema %d: %s %s is not in schema_ref.c: "
			                   "make schema-ref",
			                   v, col[0], col[1]);
			cr_assert_str_eq(ref->name, col[1], "schema %d, row %d: make schema-ref", v,
			                 n);
			cr_assert_str_eq(ref->type, col[0], "schema %d, %s: make schema-ref", v,
			                 col[1]);
			cr_assert_str_eq(ref->tbl, col[2], "schema %d, %s: make schema-ref", v,
			                 col[1]);
			if (col[3] || ref->sql)
				cr_assert_str_eq(ref->sql ? ref->sql : "(null)",
				                 col[3] ? col[3] : "(null)",
				                 "schema %d, %s: make schema-ref", v, col[1]);
		}
		cr_assert_eq(rc, SQLITE_DONE);
		cr_assert_null(ref->type, "schema %d: schema_ref.c has %s %s more: make schema-ref",
		               v, ref->type, ref->name);
		sqlite3_finalize(s);
		sqlite3_close(db);
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
