/* Opening, creating, recognising and refusing database files. */
#include "store_test.h"

#define STR(x) #x
#define XSTR(x) STR(x)

TestSuite(store_open, .init = tdir_setup, .fini = tdir_teardown);

static mode_t mode_of(const char *path)
{
	struct stat sb;
	cr_assert_eq(stat(path, &sb), 0, "stat %s", path);
	return sb.st_mode & 07777;
}

/* Opens path for writing and expects a refusal that leaves it unchanged. */
static void expect_refused(const char *path, const char *message)
{
	size_t n1, n2;
	/* Private, as a database must be: the content is the point. */
	cr_assert_eq(chmod(path, 0600), 0);
	char *before = slurp(path, &n1);
	for (int mode = STORE_READ; mode <= STORE_INIT; mode++) {
		struct store *st = NULL;
		char err[512] = "";
		int rc = store_open(path, (enum store_mode)mode, 100, &st, NULL, err, sizeof err);
		cr_assert_eq(rc, EX_DATAERR, "mode %d: %d %s", mode, rc, err);
		cr_assert_null(st);
		cr_assert_not_null(strstr(err, message), "got: %s", err);
	}
	char *after = slurp(path, &n2);
	cr_assert_eq(n1, n2);
	cr_assert_eq(memcmp(before, after, n1), 0, "the file was modified");
	char wal[256];
	snprintf(wal, sizeof wal, "%s-wal", path);
	cr_assert_not(exists(wal));
	free(before);
	free(after);
}

Test(store_open, creates_database_0600_in_0700_directories)
{
	char path[256], dir[256];
	snprintf(path, sizeof path, "%s/a/b/cxo.db", tdir);
	mode_t old = umask(022);
	struct store *st = NULL;
	bool created = false;
	char err[256] = "";
	int rc = store_open(path, STORE_WRITE, 1000, &st, &created, err, sizeof err);
	umask(old);
	cr_assert_eq(rc, 0, "%s", err);
	cr_assert(created);
	cr_assert_eq(mode_of(path), 0600);
	cr_assert_eq(mode_of(tpath(dir, sizeof dir, "a")), 0700);
	cr_assert_eq(mode_of(tpath(dir, sizeof dir, "a/b")), 0700);
	/* Writing makes the -wal, which copies the database's mode. */
	add_client(st, "acme", NULL);
	char wal[300];
	snprintf(wal, sizeof wal, "%s-wal", path);
	cr_assert_eq(mode_of(wal), 0600);
	cr_assert_eq(raw_long(path, "PRAGMA user_version"), STORE_SCHEMA_VERSION);
	cr_assert_eq(raw_long(path, "PRAGMA application_id"), 0x43584F31);
	struct store_check chk;
	cr_assert_eq(store_check(st, &chk), 0);
	cr_assert_str_eq(chk.journal_mode, "wal");
	cr_assert_str_eq(chk.integrity, "ok");
	cr_assert_eq(chk.foreign_key_errors, 0);
	cr_assert_eq(chk.schema_version, STORE_SCHEMA_VERSION);
	cr_assert(chk.application_id_ok);
	store_check_free(&chk);
	store_close(st);
}

Test(store_open, reopening_is_not_creating)
{
	char path[256];
	tpath(path, sizeof path, "cxo.db");
	store_close(open_ok(path, STORE_WRITE));
	struct store *st = NULL;
	bool created = true;
	cr_assert_eq(store_open(path, STORE_WRITE, 100, &st, &created, NULL, 0), 0);
	cr_assert_not(created);
	store_close(st);
	st = open_ok(path, STORE_READ);
	store_close(st);
}

Test(store_open, migrates_an_empty_file_only_for_init)
{
	char path[256], side[300];
	tpath(path, sizeof path, "cxo.db");
	int fd = open(path, O_CREAT | O_WRONLY, 0600);
	cr_assert_geq(fd, 0);
	close(fd);
	struct store *st = NULL;
	bool created = true;
	char err[256] = "";
	/* A file cxo did not make: a write refuses it and leaves it be. */
	cr_assert_eq(store_open(path, STORE_WRITE, 100, &st, &created, err, sizeof err),
	             EX_NOINPUT);
	cr_assert_not_null(strstr(err, "cxo init"), "got: %s", err);
	cr_assert_null(st);
	struct stat sb;
	cr_assert_eq(stat(path, &sb), 0);
	cr_assert_eq(sb.st_size, 0);
	snprintf(side, sizeof side, "%s-wal", path);
	cr_assert_not(exists(side));
	snprintf(side, sizeof side, "%s-shm", path);
	cr_assert_not(exists(side));
	cr_assert_eq(store_open(path, STORE_INIT, 100, &st, &created, NULL, 0), 0);
	cr_assert_not(created);
	add_client(st, "acme", NULL);
	store_close(st);
	cr_assert_eq(raw_long(path, "PRAGMA user_version"), STORE_SCHEMA_VERSION);
	cr_assert_eq(raw_long(path, "SELECT count(*) FROM clients"), 1);
}

Test(store_open, read_of_a_missing_file_creates_nothing)
{
	char path[256], dir[256];
	snprintf(path, sizeof path, "%s/new/cxo.db", tdir);
	struct store *st = NULL;
	char err[256] = "";
	cr_assert_eq(store_open(path, STORE_READ, 100, &st, NULL, err, sizeof err), EX_NOINPUT);
	cr_assert_null(st);
	cr_assert_not(exists(tpath(dir, sizeof dir, "new")));

	tpath(path, sizeof path, "cxo.db");
	cr_assert_eq(store_open(path, STORE_READ, 100, &st, NULL, err, sizeof err), EX_NOINPUT);
	cr_assert_not_null(strstr(err, path), "got: %s", err);
	cr_assert_not(exists(path));
	char wal[300];
	snprintf(wal, sizeof wal, "%s-wal", path);
	cr_assert_not(exists(wal));
}

Test(store_open, read_of_an_empty_file_is_refused)
{
	const char *path = write_file("cxo.db", "");
	struct store *st = NULL;
	char err[256] = "";
	cr_assert_eq(chmod(path, 0600), 0);
	cr_assert_eq(store_open(path, STORE_READ, 100, &st, NULL, err, sizeof err), EX_NOINPUT);
	cr_assert_not_null(strstr(err, "cxo init"), "got: %s", err);
	struct stat sb;
	cr_assert_eq(stat(path, &sb), 0);
	cr_assert_eq(sb.st_size, 0);
}

Test(store_open, read_handle_never_writes)
{
	char path[256];
	tpath(path, sizeof path, "cxo.db");
	struct store *w = open_ok(path, STORE_WRITE);
	add_client(w, "acme", NULL);
	store_close(w);
	size_t n1, n2;
	char *before = slurp(path, &n1);
	struct store *st = open_ok(path, STORE_READ);
	struct client c;
	memset(&c, 0, sizeof c);
	snprintf(c.key, sizeof c.key, "beta");
	cr_assert_neq(store_client_add(st, &c), 0);
	cr_assert_neq(store_setting_set(st, "current_client", "x"), 0);
	struct client_list l;
	cr_assert_eq(store_client_list(st, true, &l), 0);
	cr_assert_eq(l.n, 1);
	client_list_free(&l);
	store_close(st);
	char *after = slurp(path, &n2);
	cr_assert_eq(n1, n2);
	cr_assert_eq(memcmp(before, after, n1), 0);
	free(before);
	free(after);
}

Test(store_open, refuses_a_newer_database)
{
	char path[256];
	tpath(path, sizeof path, "cxo.db");
	store_close(open_ok(path, STORE_WRITE));
	raw_exec(path, "PRAGMA user_version = 9");
	expect_refused(path, "made by a newer cxo (schema 9, this cxo knows " XSTR(
	                             STORE_SCHEMA_VERSION) ")");
}

Test(store_open, refuses_a_foreign_sqlite_database)
{
	char path[256];
	tpath(path, sizeof path, "other.db");
	raw_exec(path, "CREATE TABLE photos(id INTEGER PRIMARY KEY, name TEXT);"
	               "INSERT INTO photos(name) VALUES ('cat.jpg');");
	char want[300];
	snprintf(want, sizeof want, "\"%s\" is not a cxo database", path);
	expect_refused(path, want);
	cr_assert_eq(raw_long(path, "SELECT count(*) FROM photos"), 1);
}

Test(store_open, refuses_another_application_id)
{
	char path[256];
	tpath(path, sizeof path, "other.db");
	raw_exec(path, "PRAGMA application_id = 1234; PRAGMA user_version = 1;"
	               "CREATE TABLE clients(id);");
	expect_refused(path, "is not a cxo database");
}

Test(store_open, refuses_a_text_file)
{
	char text[4096] = "";
	for (int i = 0; i < 60; i++)
		strcat(text, "This is a text file, not a database at all.\n");
	const char *path = write_file("notes.txt", text);
	expect_refused(path, "is not a cxo database");
}

/* A cxo file at schema 0 holds nothing; one with a table in it was not
 * made by cxo, and neither a read nor a write (a migration) touches it. */
Test(store_open, a_schema_0_file_with_a_table_is_refused)
{
	char path[256];
	tpath(path, sizeof path, "cxo.db");
	raw_exec(path, "PRAGMA application_id = 1129860913; CREATE TABLE leftover(x);");
	cr_assert_eq(chmod(path, 0600), 0);
	for (int pass = 0; pass < 2; pass++) {
		struct store *st = NULL;
		char err[512] = "";
		cr_assert_eq(store_open(path, pass ? STORE_WRITE : STORE_READ, 100, &st, NULL, err,
		                        sizeof err),
		             EX_DATAERR);
		cr_assert_not_null(strstr(err, "unexpected table \"leftover\""), "got: %s", err);
		cr_assert_not_null(strstr(err, "this is not a database cxo made"), "got: %s", err);
	}
	cr_assert_eq(raw_long(path, "PRAGMA user_version"), 0);
	cr_assert_eq(raw_long(path, "SELECT count(*) FROM sqlite_master"), 1);
}

/* Turns a fresh database back into what schema 3 made: a waiting
 * action's owner is the person it waits for, and there is no column of
 * that person's own. */
static void make_schema_3(const char *path)
{
	store_close(open_ok(path, STORE_WRITE));
	raw_exec(path, SCHEMA_5_UNDO
	         "DROP INDEX actions_open_client_list;"
	         "UPDATE actions SET owner = waiting_for WHERE status = 'waiting';"
	         "ALTER TABLE actions DROP COLUMN waiting_for;"
	         "CREATE INDEX actions_open_client_list ON actions(client_id, due IS NULL, due,"
	         " created, title, owner, status, waiting_since, mandate_id, risk_id, done_on,"
	         " id) WHERE status IN ('todo', 'waiting');"
	         "PRAGMA user_version = 3;");
}

/* ... and into what schema 2 made: no kept risk counts, the heat-map
 * index instead. */
static void make_schema_2(const char *path)
{
	make_schema_3(path);
	raw_exec(path, "DROP TRIGGER risk_cells_insert; DROP TRIGGER risk_cells_delete;"
	               "DROP TRIGGER risk_cells_update_old; DROP TRIGGER risk_cells_update_new;"
	               "DROP TABLE risk_cells;"
	               "CREATE INDEX risks_open_client_cell ON risks(client_id, likelihood, impact,"
	               " status) WHERE status IN ('open', 'mitigating');"
	               "PRAGMA user_version = 2;");
}

/* ... and into what schema 1 made: a rowid table of entries with its
 * indexes, none of schema 2's additions. */
static void make_schema_1(const char *path)
{
	make_schema_2(path);
	raw_exec(path,
	         "DROP TRIGGER entry_days_insert; DROP TRIGGER entry_days_delete;"
	         "DROP TRIGGER entry_days_update; DROP TABLE entry_days;"
	         "DROP INDEX actions_open_client_list; DROP INDEX risks_open_client_score;"
	         "DROP INDEX risks_open_client_cell; DROP INDEX mandates_id_title; DROP INDEX "
	         "risks_id_title;"
	         /* schema 1's table of entries, as its migration wrote it */
	         "ALTER TABLE time_entries RENAME TO te2;"
	         "CREATE TABLE time_entries ( id TEXT NOT NULL PRIMARY KEY CHECK (length(id) = 36 "
	         "AND id NOT GLOB '*[^0-9a-f-]*'), client_id TEXT NOT NULL REFERENCES clients(id) "
	         "ON DELETE CASCADE, mandate_id TEXT REFERENCES mandates(id) ON DELETE SET NULL, d"
	         "ay TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'), m"
	         "inutes INTEGER NOT NULL  CHECK (typeof(minutes) = 'integer' AND minutes > 0 AND "
	         "minutes <= 1440), note TEXT CHECK (length(note) <= 10000), billable INTEGER NOT "
	         "NULL DEFAULT 1 CHECK (billable IN (0, 1)), created TEXT NOT NULL CHECK (created "
	         "GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9]"
	         "Z'))"
	         ";"
	         "INSERT INTO time_entries SELECT id, client_id, mandate_id, day, minutes, note,"
	         " billable, created FROM te2;"
	         "DROP TABLE te2;"
	         "CREATE INDEX time_entries_client_day ON time_entries(client_id, day, minutes, "
	         "billable);"
	         "CREATE INDEX time_entries_day ON time_entries(day, minutes, billable);"
	         "CREATE INDEX time_entries_mandate ON time_entries(mandate_id) WHERE mandate_id "
	         "IS NOT NULL;"
	         "PRAGMA user_version = 1;");
}

Test(store_open, read_uses_a_schema_1_file_as_it_is)
{
	char path[256];
	tpath(path, sizeof path, "cxo.db");
	make_schema_1(path);
	struct store *st = open_ok(path, STORE_READ);
	struct client_list cl;
	cr_assert_eq(store_client_list(st, true, &cl), 0);
	client_list_free(&cl);
	store_close(st);
	cr_assert_eq(raw_long(path, "PRAGMA user_version"), 1, "a read migrated the file");
	cr_assert_eq(raw_long(path, "SELECT count(*) FROM sqlite_master WHERE name = 'entry_days'"),
	             0);
}

Test(store_open, write_migrates_schema_1_to_the_current_one)
{
	char path[256];
	tpath(path, sizeof path, "cxo.db");
	struct store *st = open_ok(path, STORE_WRITE);
	struct client c;
	add_client(st, "acme", &c);
	for (int i = 0; i < 5; i++) {
		struct entry e = { 0 };
		snprintf(e.client_id, sizeof e.client_id, "%s", c.id);
		snprintf(e.day, sizeof e.day, "2026-11-0%d", 1 + i % 2);
		e.minutes = 10 + i;
		e.billable = i % 2;
		cr_assert_eq(store_entry_add(st, &e), 0, "%s", store_error(st));
	}
	store_close(st);
	make_schema_1(path);
	/* A schema 1 file sums the entries themselves. */
	st = open_ok(path, STORE_READ);
	struct hours_sum sum;
	cr_assert_eq(store_entry_sum(st, c.id, "2026-11-01", "2026-12-01", &sum), 0);
	cr_assert_eq(sum.minutes, 10 + 11 + 12 + 13 + 14);
	cr_assert_eq(sum.billable_minutes, 11 + 13);
	store_close(st);
	store_close(open_ok(path, STORE_WRITE));
	cr_assert_eq(raw_long(path, "SELECT sum(minutes) FROM entry_days"), 60);
	cr_assert_eq(raw_long(path, "SELECT sum(billable) FROM entry_days"), 24);
	cr_assert_eq(raw_long(path, "SELECT count(*) FROM entry_days"), 2);
	cr_assert_eq(raw_long(path, "PRAGMA user_version"), STORE_SCHEMA_VERSION);
	cr_assert_eq(raw_long(path,
	                      "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name IN"
	                      " ('actions_open_client_list', 'risks_open_client_score',"
	                      " 'mandates_id_title', 'risks_id_title')"),
	             4);
	cr_assert_eq(raw_long(path, "SELECT count(*) FROM sqlite_master WHERE name = 'risk_cells'"),
	             1);
	cr_assert_eq(raw_long(path, "SELECT count(*) FROM sqlite_master WHERE name = 'time_entries'"
	                            " AND sql LIKE '%WITHOUT ROWID%'"),
	             1, "entries stored in listing order");
	cr_assert_eq(raw_long(path, "SELECT count(*) FROM time_entries"), 5);
}

/* A schema 2 file counts its open risks itself until a write adds the
 * kept counts; the numbers are the same either way. */
Test(store_open, schema_2_open_risk_counts_read_then_migrated)
{
	char path[256];
	tpath(path, sizeof path, "cxo.db");
	struct store *st = open_ok(path, STORE_WRITE);
	struct client c;
	add_client(st, "acme", &c);
	static const int cells[][2] = { { 4, 5 }, { 4, 5 }, { 2, 3 }, { 1, 1 } };
	static const char *const status[] = { "open", "mitigating", "open", "closed" };
	for (int i = 0; i < 4; i++) {
		struct risk r = { 0 };
		snprintf(r.client_id, sizeof r.client_id, "%s", c.id);
		r.title = (char *)"a risk";
		r.likelihood = cells[i][0];
		r.impact = cells[i][1];
		snprintf(r.status, sizeof r.status, "%s", status[i]);
		cr_assert_eq(store_risk_add(st, &r), 0, "%s", store_error(st));
	}
	store_close(st);
	make_schema_2(path);
	for (int pass = 0; pass < 2; pass++) {
		st = open_ok(path, pass ? STORE_WRITE : STORE_READ);
		cr_assert_eq(raw_long(path, "PRAGMA user_version"),
		             pass ? STORE_SCHEMA_VERSION : 2);
		int heat[5][5];
		cr_assert_eq(store_dash_heatmap(st, c.id, heat), 0, "%s", store_error(st));
		cr_assert_eq(heat[3][4], 2);
		cr_assert_eq(heat[1][2], 1);
		cr_assert_eq(heat[0][0], 0, "a closed risk is not on the heat map");
		struct summary_list sl;
		cr_assert_eq(store_overview(st, "2026-11-23", "2026-11-01", "2026-12-01",
		                            "2026-11-30", &sl),
		             0, "%s", store_error(st));
		cr_assert_eq(sl.n, 1);
		cr_assert_eq(sl.items[0].open_risks, 3);
		cr_assert_eq(sl.items[0].top_score, 20);
		summary_list_free(&sl);
		struct store_check ck;
		cr_assert_eq(store_check(st, &ck), 0);
		cr_assert_eq(ck.risk_cells_kept, pass == 1);
		cr_assert_eq(ck.risk_cell_errors, 0);
		store_check_free(&ck);
		store_close(st);
	}
	cr_assert_eq(raw_long(path, "SELECT count(*) FROM sqlite_master WHERE name ="
	                            " 'risks_open_client_cell'"),
	             0, "the index the counts replace is gone");
}

/* A schema 3 file kept the person a waiting action waits for in its
 * owner: read as it is, that person is the one waited for and the owner
 * is me, as after the migration a write makes. */
Test(store_open, schema_3_waiting_action_read_then_migrated)
{
	char path[256];
	tpath(path, sizeof path, "cxo.db");
	struct store *st = open_ok(path, STORE_WRITE);
	struct client c;
	add_client(st, "acme", &c);
	struct action a = { 0 };
	snprintf(a.client_id, sizeof a.client_id, "%s", c.id);
	a.title = (char *)"Signed quote";
	a.waiting_for = (char *)"Helen Park";
	snprintf(a.status, sizeof a.status, "waiting");
	snprintf(a.waiting_since, sizeof a.waiting_since, "2026-11-10");
	snprintf(a.due, sizeof a.due, "2026-11-30");
	cr_assert_eq(store_action_add(st, &a), 0, "%s", store_error(st));
	struct action b = { 0 };
	snprintf(b.client_id, sizeof b.client_id, "%s", c.id);
	b.title = (char *)"Patch the VPN";
	b.owner = (char *)"Sam";
	cr_assert_eq(store_action_add(st, &b), 0, "%s", store_error(st));
	store_close(st);
	make_schema_3(path);
	cr_assert_eq(raw_long(path, "SELECT count(*) FROM actions WHERE owner = 'Helen Park'"), 1,
	             "the old model: the owner is the person waited for");

	for (int pass = 0; pass < 2; pass++) {
		st = open_ok(path, pass ? STORE_WRITE : STORE_READ);
		cr_assert_eq(raw_long(path, "PRAGMA user_version"), pass ? STORE_SCHEMA_VERSION : 3,
		             "a read never migrates");
		struct action got;
		cr_assert_eq(store_action_get(st, a.id, &got), 0, "%s", store_error(st));
		cr_expect_str_eq(got.waiting_for, "Helen Park", "pass %d", pass);
		cr_expect_null(got.owner, "pass %d: the owner is me", pass);
		cr_expect_str_eq(got.status, "waiting");
		cr_expect_str_eq(got.waiting_since, "2026-11-10");
		action_free(&got);
		cr_assert_eq(store_action_get(st, b.id, &got), 0, "%s", store_error(st));
		cr_expect_str_eq(got.owner, "Sam", "pass %d: a todo keeps its owner", pass);
		cr_expect_null(got.waiting_for);
		action_free(&got);

		struct action_list l;
		struct action_filter f = { .client_id = c.id, .waiting_only = true };
		cr_assert_eq(store_action_list(st, &f, &l), 0, "%s", store_error(st));
		cr_assert_eq(l.n, 1);
		cr_expect_str_eq(l.items[0].waiting_for, "Helen Park");
		cr_expect_null(l.items[0].owner);
		action_list_free(&l);
		cr_assert_eq(store_dash_open_actions(st, c.id, "helen", 10, &l), 0, "%s",
		             store_error(st));
		cr_assert_eq(l.n, 1, "pass %d: the filter finds the person waited for", pass);
		cr_expect_str_eq(l.items[0].waiting_for, "Helen Park");
		cr_expect_null(l.items[0].owner);
		action_list_free(&l);

		struct store_check ck;
		cr_assert_eq(store_check(st, &ck), 0);
		cr_expect_eq(ck.waiting_for_kept, pass == 1);
		cr_expect_eq(ck.waiting_for_errors, 0);
		store_check_free(&ck);
		store_close(st);
	}
	cr_assert_eq(raw_long(path, "SELECT count(*) FROM actions WHERE owner IS NULL"
	                            " AND waiting_for = 'Helen Park' AND status = 'waiting'"),
	             1, "the migration moved the person to waiting_for");
	cr_assert_eq(raw_long(path, "SELECT count(*) FROM actions WHERE owner = 'Sam'"
	                            " AND waiting_for IS NULL"),
	             1);
	cr_assert_eq(raw_long(path, "SELECT count(*) FROM sqlite_master WHERE type = 'index'"
	                            " AND name = 'actions_open_client_list'"
	                            " AND sql LIKE '%waiting_for%'"),
	             1, "the open list's index covers the new column");
}

Test(store_open, check_counts_waiting_actions_naming_no_one)
{
	char path[256];
	tpath(path, sizeof path, "cxo.db");
	struct store *st = open_ok(path, STORE_WRITE);
	struct client c;
	add_client(st, "acme", &c);
	store_close(st);
	/* Direct SQL: cxo never writes either. */
	char sql[512];
	snprintf(sql, sizeof sql,
	         "INSERT INTO actions(id, client_id, title, status, created, waiting_for) VALUES"
	         " ('00000000-0000-4000-8000-000000000001', '%s', 'a', 'waiting', '2026-11-01',"
	         " NULL),"
	         " ('00000000-0000-4000-8000-000000000002', '%s', 'b', 'todo', '2026-11-01',"
	         " 'Dana'),"
	         " ('00000000-0000-4000-8000-000000000003', '%s', 'c', 'waiting', '2026-11-01',"
	         " 'Raj')",
	         c.id, c.id, c.id);
	raw_exec(path, sql);
	st = open_ok(path, STORE_READ);
	struct store_check ck;
	cr_assert_eq(store_check(st, &ck), 0);
	cr_expect(ck.waiting_for_kept);
	cr_expect_eq(ck.waiting_for_errors, 2);
	store_check_free(&ck);
	store_close(st);
}

Test(store_open, follows_a_symlinked_directory)
{
	char real[256], link[256], path[300];
	tpath(real, sizeof real, "real");
	tpath(link, sizeof link, "link");
	cr_assert_eq(mkdir(real, 0700), 0);
	cr_assert_eq(symlink(real, link), 0);
	snprintf(path, sizeof path, "%s/cxo.db", link);
	struct store *st = open_ok(path, STORE_WRITE);
	add_client(st, "acme", NULL);
	store_close(st);
	snprintf(path, sizeof path, "%s/cxo.db", real);
	cr_assert(exists(path));
}

Test(store_open, refuses_a_symlinked_file)
{
	char target[256], link[256];
	tpath(target, sizeof target, "target.db");
	tpath(link, sizeof link, "link.db");
	store_close(open_ok(target, STORE_WRITE));
	cr_assert_eq(symlink(target, link), 0);
	struct store *st = NULL;
	char err[256] = "";
	cr_assert_eq(store_open(link, STORE_WRITE, 100, &st, NULL, err, sizeof err), EX_NOPERM);
	cr_assert_not_null(strstr(err, "symbolic link"), "got: %s", err);
	cr_assert_eq(store_open(link, STORE_READ, 100, &st, NULL, err, sizeof err), EX_NOPERM);
	cr_assert_not_null(strstr(err, "symbolic link"), "got: %s", err);
}

Test(store_open, data_version_sees_other_connections)
{
	char path[256];
	tpath(path, sizeof path, "cxo.db");
	struct store *w = open_ok(path, STORE_WRITE);
	struct store *r = open_ok(path, STORE_READ);
	long v1 = 0, v2 = 0, v3 = 0;
	cr_assert_eq(store_data_version(r, &v1), 0);
	cr_assert_eq(store_data_version(r, &v2), 0);
	cr_assert_eq(v1, v2);
	add_client(w, "acme", NULL);
	cr_assert_eq(store_data_version(r, &v3), 0);
	cr_assert_neq(v3, v2);
	store_close(r);
	store_close(w);
}

Test(store_open, busy_past_the_timeout)
{
	char path[256];
	tpath(path, sizeof path, "cxo.db");
	struct store *a = open_ok(path, STORE_WRITE);
	struct store *b = NULL;
	cr_assert_eq(store_open(path, STORE_WRITE, 50, &b, NULL, NULL, 0), 0);
	cr_assert_eq(store_begin(a), 0);
	add_client(a, "acme", NULL);
	struct client c;
	memset(&c, 0, sizeof c);
	snprintf(c.key, sizeof c.key, "beta");
	cr_assert_eq(store_client_add(b, &c), EX_TEMPFAIL);
	cr_assert_str_eq(store_error(b), "database is busy (locked by another cxo?)");
	/* Readers are never blocked by the writer. */
	struct client_list l;
	cr_assert_eq(store_client_list(b, true, &l), 0);
	cr_assert_eq(l.n, 0);
	client_list_free(&l);
	cr_assert_eq(store_commit(a), 0);
	cr_assert_eq(store_client_add(b, &c), 0, "%s", store_error(b));
	store_close(a);
	store_close(b);
}

Test(store_open, backup_makes_a_private_copy)
{
	char path[256], copy[256];
	tpath(copy, sizeof copy, "backup.db");
	struct store *st = open_new();
	add_client(st, "acme", NULL);
	cr_assert_eq(store_backup(st, copy), 0, "%s", store_error(st));
	cr_assert_eq(mode_of(copy), 0600);
	cr_assert_eq(store_backup(st, copy), EX_CANTCREAT);
	cr_assert_not_null(strstr(store_error(st), copy), "got: %s", store_error(st));
	store_close(st);

	struct store *b = open_ok(copy, STORE_READ);
	struct client c;
	cr_assert_eq(store_client_get(b, "acme", &c), 0);
	client_free(&c);
	store_close(b);
	(void)path;
}

Test(store_open, backup_from_a_read_handle)
{
	char path[256], copy[256];
	tpath(path, sizeof path, "cxo.db");
	tpath(copy, sizeof copy, "backup.db");
	struct store *w = open_ok(path, STORE_WRITE);
	add_client(w, "acme", NULL);
	struct store *r = open_ok(path, STORE_READ);
	cr_assert_eq(store_backup(r, copy), 0, "%s", store_error(r));
	store_close(r);
	store_close(w);
	cr_assert_eq(raw_long(copy, "SELECT count(*) FROM clients"), 1);
}

Test(store_open, check_reports_damage)
{
	char path[256];
	tpath(path, sizeof path, "cxo.db");
	struct store *st = open_ok(path, STORE_WRITE);
	add_client(st, "acme", NULL);
	store_close(st);
	/* Break a foreign key behind cxo's back. */
	raw_exec(path,
	         "PRAGMA foreign_keys = OFF;"
	         "INSERT INTO notes(id, client_id, body, created) VALUES"
	         " ('00000000-0000-4000-8000-000000000001',"
	         "  '00000000-0000-4000-8000-00000000dead', 'orphan', '2026-01-01T00:00:00Z');");
	st = open_ok(path, STORE_READ);
	struct store_check chk;
	cr_assert_eq(store_check(st, &chk), 0);
	cr_assert_eq(chk.foreign_key_errors, 1);
	cr_assert_str_eq(chk.integrity, "ok");
	store_check_free(&chk);
	store_close(st);
}

/* Names in tdir, sorted, one per line. */
static void list_dir(char *buf, size_t n)
{
	char cmd[128];
	snprintf(cmd, sizeof cmd, "ls -A %s", tdir);
	FILE *fp = popen(cmd, "r");
	cr_assert_not_null(fp);
	size_t len = fread(buf, 1, n - 1, fp);
	buf[len] = '\0';
	cr_assert_eq(pclose(fp), 0);
}

Test(store_open, read_creates_no_files)
{
	char path[256], before[512], after[512];
	tpath(path, sizeof path, "cxo.db");
	struct store *w = open_ok(path, STORE_WRITE);
	add_client(w, "acme", NULL);
	store_close(w);
	list_dir(before, sizeof before);
	size_t n1, n2;
	char *db1 = slurp(path, &n1);
	for (int i = 0; i < 2; i++) {
		struct store *st = open_ok(path, STORE_READ);
		struct client c;
		cr_assert_eq(store_client_get(st, "acme", &c), 0);
		client_free(&c);
		store_close(st);
	}
	list_dir(after, sizeof after);
	cr_assert_str_eq(before, after);
	char *db2 = slurp(path, &n2);
	cr_assert_eq(n1, n2);
	cr_assert_eq(memcmp(db1, db2, n1), 0);
	free(db1);
	free(db2);
}
