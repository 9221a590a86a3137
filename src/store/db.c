/*
 * db.c: the handle: opening (files 0600, directories 0700, the pragmas),
 * the statement cache, errors, transactions, settings and data_version.
 */
#include "internal.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sysexits.h>
#include <unistd.h>

#include "cxo/text.h"
#include "sync_tables.h"

/* ---- errors ---- */

int store_fail(struct store *st, int code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(st->err, sizeof st->err, fmt, ap);
	va_end(ap);
	st->err_code = code;
	return code;
}

int store_sql_fail(struct store *st, int rc, const char *what)
{
	const char *msg = st->db ? sqlite3_errmsg(st->db) : sqlite3_errstr(rc);
	switch (rc & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return store_fail(st, EX_TEMPFAIL, "database is busy (locked by another cxo?)");
	case SQLITE_FULL:
		return store_fail(st, EX_IOERR, "%s: the disk is full (%s)", what, msg);
	case SQLITE_IOERR:
		return store_fail(st, EX_IOERR, "%s: I/O error on \"%s\" (%s)", what, st->path,
		                  msg);
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
		return store_fail(st, EX_DATAERR,
		                  "%s: the database \"%s\" is damaged (%s); run 'cxo doctor'", what,
		                  st->path, msg);
	case SQLITE_READONLY:
	case SQLITE_CANTOPEN:
	case SQLITE_PERM:
		return store_fail(st, EX_CANTCREAT, "%s: cannot write \"%s\" (%s)", what, st->path,
		                  msg);
	case SQLITE_NOMEM:
		return store_fail(st, EX_SOFTWARE, "%s: out of memory (SQLite may use %lld MB)",
		                  what, STORE_HEAP_LIMIT >> 20);
	case SQLITE_INTERRUPT: /* the progress handler's budget (verify.c) */
		return store_fail(st, EX_DATAERR,
		                  "%s: the database took too long to answer (\"%s\"): far more "
		                  "work than any cxo command needs; cxo doctor checks it",
		                  what, st->path);
	case SQLITE_TOOBIG:
		return store_fail(st, EX_DATAERR,
		                  "%s: a value in \"%s\" is larger than cxo allows (%d MB)", what,
		                  st->path, STORE_MAX_LENGTH >> 20);
	case SQLITE_CONSTRAINT:
		return store_fail(st, EX_DATAERR, "%s: %s", what, msg);
	case SQLITE_ERROR:
		/* SQL of the file's own that cxo refuses to run (TRUSTED_SCHEMA
		 * off): a trigger or view that cxo did not write. */
		if (!strncmp(msg, "unsafe use of ", 14))
			return store_fail(st, EX_DATAERR,
			                  "%s: the database \"%s\" holds a trigger or view that "
			                  "cxo did not write (%s); run 'cxo doctor'",
			                  what, st->path, msg);
		return store_fail(st, EX_SOFTWARE, "%s: %s", what, msg);
	default:
		return store_fail(st, EX_SOFTWARE, "%s: %s", what, msg);
	}
}

int store_write_fail(struct store *st, int rc, const char *what, const char *constraint_msg)
{
	if ((rc & 0xff) == SQLITE_CONSTRAINT && constraint_msg)
		return store_fail(st, EX_DATAERR, "%s", constraint_msg);
	return store_sql_fail(st, rc, what);
}

const char *store_error(const struct store *st)
{
	return st ? st->err : "no database";
}

int store_error_code(const struct store *st)
{
	return st ? st->err_code : 0;
}

/* ---- statements ---- */

/* sql without its " INDEXED BY name" clauses (caller frees), for a file
 * older than the indexes they name; NULL when out of memory. */
static char *without_index_hints(const char *sql)
{
	static const char hint[] = " INDEXED BY ";
	char *out = malloc(strlen(sql) + 1), *q = out;
	if (!out)
		return NULL;
	for (const char *p = sql; *p;) {
		if (!strncmp(p, hint, sizeof hint - 1)) {
			p += sizeof hint - 1;
			while (*p && *p != ' ')
				p++;
			continue;
		}
		*q++ = *p++;
	}
	*q = '\0';
	return out;
}

sqlite3_stmt *store_stmt(struct store *st, enum stmt_id id, const char *sql)
{
	if (st->stmts[id])
		return st->stmts[id];
	char *plain = NULL;
	if (!STORE_HAS_TITLE_INDEXES(st) && strstr(sql, " INDEXED BY ")) {
		if (!(plain = without_index_hints(sql))) {
			store_fail(st, EX_SOFTWARE, "out of memory");
			return NULL;
		}
		sql = plain;
	}
	int rc = sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st->stmts[id],
	                            NULL);
	free(plain);
	if (rc != SQLITE_OK) {
		store_sql_fail(st, rc, "preparing a query");
		sqlite3_finalize(st->stmts[id]);
		st->stmts[id] = NULL;
	}
	return st->stmts[id];
}

void store_done(sqlite3_stmt *s)
{
	if (s) {
		sqlite3_reset(s);
		sqlite3_clear_bindings(s);
	}
}

int store_exec_stmt(struct store *st, sqlite3_stmt *s, const char *what)
{
	int rc = sqlite3_step(s);
	store_done(s);
	if (rc == SQLITE_DONE || rc == SQLITE_ROW)
		return 0;
	return store_sql_fail(st, rc, what);
}

/* Runs one of the cached fixed statements (transaction control). */
static int run_fixed(struct store *st, enum stmt_id id, const char *sql, const char *what)
{
	sqlite3_stmt *s = store_stmt(st, id, sql);
	if (!s)
		return EX_SOFTWARE;
	return store_exec_stmt(st, s, what);
}

/* ---- transactions ---- */

int store_begin(struct store *st)
{
	if (st->mode != STORE_WRITE)
		return store_fail(st, EX_SOFTWARE,
		                  "internal error: a write on a read-only database handle");
	if (st->depth > 0 && (st->aborted || sqlite3_get_autocommit(st->db))) {
		/* The outer transaction is gone already; do not start a new one
		 * that the outer commit would then publish. */
		st->aborted = true;
		return store_fail(st, st->abort_code ? st->abort_code : EX_SOFTWARE,
		                  "the transaction was rolled back after an earlier error");
	}
	int rc = st->depth == 0
	                 ? run_fixed(st, Q_BEGIN, "BEGIN IMMEDIATE", "starting a transaction")
	                 : run_fixed(st, Q_SAVEPOINT, "SAVEPOINT cxo", "starting a savepoint");
	if (rc)
		return rc;
	if (st->depth == 0) {
		st->aborted = false;
		st->abort_code = 0;
		if ((rc = store_journal_start(st))) {
			run_fixed(st, Q_ROLLBACK, "ROLLBACK", "rolling back");
			return rc;
		}
	}
	st->depth++;
	return 0;
}

int store_commit(struct store *st)
{
	if (st->depth == 0)
		return store_fail(st, EX_SOFTWARE, "internal error: commit without a transaction");
	st->depth--;
	if (st->aborted || sqlite3_get_autocommit(st->db)) {
		/* Keep the message of the failure that rolled everything back. */
		int code = st->abort_code ? st->abort_code : EX_SOFTWARE;
		if (!st->aborted)
			store_fail(st, code, "the transaction was rolled back after an error");
		st->aborted = st->depth > 0;
		if (st->depth == 0)
			store_journal_drop(st);
		return code;
	}
	int rc = 0;
	if (st->depth == 0 && (rc = store_journal_finish(st))) {
		if (!sqlite3_get_autocommit(st->db))
			run_fixed(st, Q_ROLLBACK, "ROLLBACK", "rolling back");
		return rc;
	}
	rc = st->depth == 0 ? run_fixed(st, Q_COMMIT, "COMMIT", "saving the changes")
	                    : run_fixed(st, Q_RELEASE, "RELEASE cxo", "saving the changes");
	if (rc) {
		if (st->depth == 0) {
			if (!sqlite3_get_autocommit(st->db))
				run_fixed(st, Q_ROLLBACK, "ROLLBACK", "rolling back");
		} else {
			st->aborted = sqlite3_get_autocommit(st->db) != 0;
			st->abort_code = rc;
		}
	}
	return rc;
}

void store_rollback(struct store *st)
{
	if (st->depth == 0)
		return;
	st->depth--;
	if (st->depth == 0)
		store_journal_drop(st);
	if (sqlite3_get_autocommit(st->db)) {
		/* SQLite already rolled back (SQLITE_FULL, IOERR ...): nothing
		 * left to undo, but the outer levels must know. */
		st->aborted = st->depth > 0;
		return;
	}
	/* A failed ROLLBACK must not replace the message of the failure that
	 * caused it. */
	char saved[STORE_ERR_LEN];
	memcpy(saved, st->err, sizeof saved);
	if (st->depth == 0) {
		run_fixed(st, Q_ROLLBACK, "ROLLBACK", "rolling back");
	} else {
		run_fixed(st, Q_ROLLBACK_TO, "ROLLBACK TO cxo", "rolling back");
		run_fixed(st, Q_RELEASE, "RELEASE cxo", "rolling back");
	}
	memcpy(st->err, saved, sizeof saved);
	if (st->depth == 0)
		st->aborted = false;
}

int store_end(struct store *st, int rc)
{
	if (rc) {
		if (sqlite3_get_autocommit(st->db) && st->depth > 1) {
			st->aborted = true;
			st->abort_code = rc;
		}
		store_rollback(st);
		return rc;
	}
	return store_commit(st);
}

int store_read_begin(struct store *st)
{
	/* Deferred on purpose: it only ever reads, so it never needs the
	 * write lock, and in WAL it never blocks a writer. */
	return run_fixed(st, Q_READ_BEGIN, "BEGIN DEFERRED", "starting to read");
}

void store_read_end(struct store *st)
{
	if (!sqlite3_get_autocommit(st->db)) {
		char saved[STORE_ERR_LEN];
		memcpy(saved, st->err, sizeof saved);
		run_fixed(st, Q_READ_END, "COMMIT", "finishing reading");
		memcpy(st->err, saved, sizeof saved);
	}
}

/* ---- data_version ---- */

int store_data_version(struct store *st, long *version)
{
	sqlite3_stmt *s = store_stmt(st, Q_DATA_VERSION, "PRAGMA data_version");
	if (!s)
		return EX_SOFTWARE;
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*version = (long)sqlite3_column_int64(s, 0);
	store_done(s);
	return rc == SQLITE_ROW ? 0 : store_sql_fail(st, rc, "reading data_version");
}

/* ---- settings ---- */

int store_setting_get(struct store *st, const char *key, char **value)
{
	*value = NULL;
	sqlite3_stmt *s =
	        store_stmt(st, Q_SETTING_GET, "SELECT value FROM settings WHERE key = ?1");
	if (!s)
		return EX_SOFTWARE;
	store_bind_text(s, 1, key);
	int rc = sqlite3_step(s);
	bool oom = false;
	if (rc == SQLITE_ROW)
		*value = store_col_dup(s, 0, &oom);
	store_done(s);
	if (oom)
		return store_fail(st, EX_SOFTWARE, "out of memory");
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_sql_fail(st, rc, "reading a setting");
	return 0;
}

static int store_setting_unset(struct store *st, const char *key)
{
	int rc = store_begin(st);
	if (rc)
		return rc;
	sqlite3_stmt *s = store_stmt(st, Q_SETTING_UNSET, "DELETE FROM settings WHERE key = ?1");
	if (!s)
		return store_end(st, EX_SOFTWARE);
	store_bind_text(s, 1, key);
	return store_end(st, store_exec_stmt(st, s, "removing a setting"));
}

int store_setting_set(struct store *st, const char *key, const char *value)
{
	if (!key || !*key)
		return store_fail(st, EX_DATAERR, "empty setting name");
	if (!value)
		return store_setting_unset(st, key);
	int rc = store_begin(st);
	if (rc)
		return rc;
	sqlite3_stmt *s = store_stmt(st, Q_SETTING_SET,
	                             "INSERT INTO settings(key, value) VALUES (?1, ?2) "
	                             "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
	if (!s)
		return store_end(st, EX_SOFTWARE);
	sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, value, -1, SQLITE_STATIC);
	return store_end(st, store_exec_stmt(st, s, "saving a setting"));
}

/* ---- opening ---- */

int store_pragma(struct store *st, const char *sql)
{
	sqlite3_stmt *s = NULL;
	int rc = sqlite3_prepare_v2(st->db, sql, -1, &s, NULL);
	if (rc == SQLITE_OK) {
		do
			rc = sqlite3_step(s);
		while (rc == SQLITE_ROW);
	}
	sqlite3_finalize(s);
	return rc == SQLITE_DONE || rc == SQLITE_OK ? 0 : store_sql_fail(st, rc, sql);
}

int store_set_wal(struct store *st)
{
	/* Keep the -wal and -shm files when the last writer closes, so a
	 * read-only connection finds them and never has to create them (it
	 * could not remove them either). */
	int persist = 1;
	int rc = store_files_sidecars(st);
	if (rc)
		return rc;
	int frc = sqlite3_file_control(st->db, "main", SQLITE_FCNTL_PERSIST_WAL, &persist);
	if (frc != SQLITE_OK)
		return store_sql_fail(st, frc, "keeping the write-ahead log");
	sqlite3_stmt *s = NULL;
	rc = sqlite3_prepare_v2(st->db, "PRAGMA journal_mode=WAL", -1, &s, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(s);
	bool wal = rc == SQLITE_ROW && sqlite3_column_text(s, 0) &&
	           !strcmp((const char *)sqlite3_column_text(s, 0), "wal");
	char mode[32] = "";
	if (rc == SQLITE_ROW)
		snprintf(mode, sizeof mode, "%s", (const char *)sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
	if (rc != SQLITE_ROW)
		return store_sql_fail(st, rc, "switching the database to WAL");
	if (!wal)
		return store_fail(st, EX_CANTCREAT,
		                  "cannot switch \"%s\" to WAL mode (journal mode is \"%s\"; "
		                  "is it on a network file system?)",
		                  st->path, mode);
	return 0;
}

/* cxo_fold(text): the text case-folded in every script (text_fold), for
 * the dashboard's filters; NULL stays NULL.  Deterministic and harmless,
 * so SQLite may use it anywhere. */
static void sql_fold(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	char small[256];
	(void)argc;
	if (sqlite3_value_type(argv[0]) == SQLITE_NULL) {
		sqlite3_result_null(ctx);
		return;
	}
	const char *s = (const char *)sqlite3_value_text(argv[0]);
	size_t n = (size_t)sqlite3_value_bytes(argv[0]);
	if (!s) {
		sqlite3_result_error_nomem(ctx);
		return;
	}
	size_t cap = 3 * n + 1;
	char *out = cap <= sizeof small ? small : sqlite3_malloc64(cap);
	if (!out) {
		sqlite3_result_error_nomem(ctx);
		return;
	}
	size_t len = text_fold(s, n, out, cap);
	sqlite3_result_text64(ctx, out, len, out == small ? SQLITE_TRANSIENT : sqlite3_free,
	                      SQLITE_UTF8);
}

static int configure(struct store *st, int busy_ms)
{
	sqlite3_extended_result_codes(st->db, 1);
	if (sqlite3_db_config(st->db, SQLITE_DBCONFIG_DEFENSIVE, 1, (int *)NULL) != SQLITE_OK ||
	    sqlite3_db_config(st->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, (int *)NULL) !=
	            SQLITE_OK ||
	    sqlite3_db_config(st->db, SQLITE_DBCONFIG_DQS_DML, 0, (int *)NULL) != SQLITE_OK ||
	    sqlite3_db_config(st->db, SQLITE_DBCONFIG_DQS_DDL, 0, (int *)NULL) != SQLITE_OK)
		return store_sql_fail(st, sqlite3_errcode(st->db), "configuring the database");
	int rc = sqlite3_create_function_v2(st->db, "cxo_fold", 1,
	                                    SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
	                                    NULL, sql_fold, NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		return store_sql_fail(st, rc, "adding the folding function");
	rc = sqlite3_busy_timeout(st->db, busy_ms > 0 ? busy_ms : 0);
	if (rc != SQLITE_OK)
		return store_sql_fail(st, rc, "setting the busy timeout");
	/* Connection settings only: nothing here reads the file, which may
	 * not be a database at all. */
	/* No memory map: for a process that reads a few hundred pages and
	 * exits, mapping the file, faulting the pages in and unmapping them
	 * costs more than reading them (about 0.2 ms a command, measured). */
	store_set_limits(st);
	if ((rc = store_pragma(st, "PRAGMA foreign_keys=ON")) != 0)
		return rc;
	if (st->mode == STORE_READ)
		return store_pragma(st, "PRAGMA query_only=ON");
	return 0;
}

/* cxo is one thread with one connection at a time: SQLite's mutexes are
 * pure overhead on every row.  Its memory statistics stay on: without
 * them the hard heap limit is not enforced.  Must run before SQLite
 * initialises; later calls are refused harmlessly. */
static void sqlite_setup(void)
{
	static bool done;
	if (done)
		return;
	done = true;
	(void)sqlite3_config(SQLITE_CONFIG_SINGLETHREAD);
	(void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 1);
	(void)sqlite3_hard_heap_limit64(STORE_HEAP_LIMIT);
}

/* Opens full for st->mode: a read that can have no -wal or -shm reads the
 * file as it is (immutable=1), through a URI with the path escaped. */
static int open_file(struct store *st, const char *full)
{
	int flags = SQLITE_OPEN_NOFOLLOW |
	            (st->mode == STORE_READ ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE);
	if (!st->immutable)
		return sqlite3_open_v2(full, &st->db, flags, NULL);
	static const char tail[] = "?immutable=1";
	size_t n = strlen(full);
	char *uri = sqlite3_malloc64(sizeof "file:" + 3 * n + sizeof tail);
	if (!uri)
		return SQLITE_NOMEM;
	char *q = uri + sprintf(uri, "file:");
	for (const unsigned char *p = (const unsigned char *)full; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("/._-~", *p))
			*q++ = (char)*p;
		else
			q += sprintf(q, "%%%02X", *p);
	}
	memcpy(q, tail, sizeof tail);
	int rc = sqlite3_open_v2(uri, &st->db, flags | SQLITE_OPEN_URI, NULL);
	sqlite3_free(uri);
	return rc;
}

int store_open(const char *path, enum store_mode mode, int busy_ms, struct store **out,
               bool *created, char *err, size_t errsz)
{
	sqlite_setup();
	*out = NULL;
	if (created)
		*created = false;
	if (!err || !errsz) {
		static char ignored[STORE_ERR_LEN];
		err = ignored;
		errsz = sizeof ignored;
	}
	err[0] = '\0';
	if (!path || !*path) {
		snprintf(err, errsz, "no database path given");
		return EX_USAGE;
	}
	bool may_init = mode == STORE_INIT;
	if (mode == STORE_INIT)
		mode = STORE_WRITE;
	char full[PATH_MAX];
	int rc = store_files_resolve(path, mode, full, sizeof full, err, errsz);
	if (rc)
		return rc;
	struct store_files files;
	if ((rc = store_files_prepare(path, full, mode, may_init, &files, err, errsz)) != 0)
		return rc;

	struct store *st = calloc(1, sizeof *st);
	if (!st || !(st->path = strdup(path))) {
		free(st);
		snprintf(err, errsz, "out of memory");
		return EX_SOFTWARE;
	}
	st->mode = mode;
	st->journal_days = 90;
	st->may_init = may_init || files.made;
	st->immutable = files.immutable;
	/* The file exists by now: SQLite never creates it (0644). */
	int src = open_file(st, full);
	if (src != SQLITE_OK) {
		rc = store_sql_fail(st, src, "opening the database");
		if ((src & 0xff) == SQLITE_CANTOPEN)
			rc = store_fail(st, mode == STORE_READ ? EX_NOINPUT : EX_CANTCREAT,
			                "cannot open \"%s\": %s", path,
			                st->db ? sqlite3_errmsg(st->db) : sqlite3_errstr(src));
	} else if ((rc = configure(st, busy_ms)) == 0) {
		bool was_empty = false;
		rc = store_schema_prepare(st, &was_empty);
	}
	if (rc) {
		snprintf(err, errsz, "%s", st->err);
		store_close(st);
		/* A failed command leaves nothing behind: a file made here
		 * and still empty goes. */
		if (files.made)
			store_files_unmake(full);
		return rc;
	}
	if (created)
		*created = files.made;
	*out = st;
	return 0;
}

void store_close(struct store *st)
{
	if (!st)
		return;
	store_journal_drop(st);
	sync_tables_free(st);
	free(st->journal_origin);
	free(st->journal_summary);
	for (int i = 0; i < STMT_COUNT; i++)
		sqlite3_finalize(st->stmts[i]);
	if (st->db) {
		if (!sqlite3_get_autocommit(st->db))
			sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
		sqlite3_close(st->db);
	}
	free(st->path);
	free(st);
}
