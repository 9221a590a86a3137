/*
 * offboard.c: what schema 6 keeps for leaving a client: when it was last
 * exported whole, which removing it asks for.
 */
#include "internal.h"

#include <stdio.h>
#include <string.h>
#include <sysexits.h>

int store_export_mark(struct store *st, const char *client_id, const char *path)
{
	int rc;
	if ((rc = store_check_text(st, "export path", path, 4096, true)))
		return rc;
	if ((rc = store_begin(st)))
		return rc;
	if ((rc = store_client_key_of(st, client_id, NULL)))
		return store_end(st, rc);
	sqlite3_stmt *s = store_stmt(st, Q_EXPORT_MARK,
	                             "INSERT INTO client_exports(client_id, exported, path)"
	                             " VALUES (?1, ?2, ?3) ON CONFLICT (client_id) DO UPDATE SET"
	                             " exported = excluded.exported, path = excluded.path");
	if (!s)
		return store_end(st, EX_SOFTWARE);
	char stamp[STAMP_LEN];
	store_now_stamp(stamp);
	sqlite3_bind_text(s, 1, client_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, stamp, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 3, path, -1, SQLITE_STATIC);
	return store_end(st, store_exec_stmt(st, s, "recording the export"));
}

int store_export_get(struct store *st, const char *client_id, char stamp[STAMP_LEN], char *path,
                     size_t pathsz)
{
	stamp[0] = '\0';
	if (pathsz)
		path[0] = '\0';
	if (!STORE_HAS_V6(st))
		return 0;
	sqlite3_stmt *s = store_stmt(
	        st, Q_EXPORT_GET, "SELECT exported, path FROM client_exports WHERE client_id = ?1");
	if (!s)
		return EX_SOFTWARE;
	sqlite3_bind_text(s, 1, client_id, -1, SQLITE_STATIC);
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		store_col_copy(s, 0, stamp, STAMP_LEN);
		if (pathsz)
			store_col_copy(s, 1, path, pathsz);
		rc = SQLITE_DONE;
	}
	store_done(s);
	if (rc != SQLITE_DONE)
		return store_sql_fail(st, rc, "reading the client's last export");
	return 0;
}

/* ---- purging a client ---- */

/* Runs sql, whose rows are ignored; the SQLite code. */
static int exec_sql(struct store *st, const char *sql)
{
	return sqlite3_exec(st->db, sql, NULL, NULL, NULL);
}

int store_exclusive(struct store *st)
{
	if (st->depth)
		return store_fail(st, EX_SOFTWARE,
		                  "the exclusive lock is taken outside a transaction");
	/* Asked at once: an open dashboard holds the file as long as it runs,
	 * and waiting for it would only delay the same answer. */
	int src = sqlite3_busy_timeout(st->db, 0);
	if (src == SQLITE_OK)
		src = exec_sql(st, "PRAGMA locking_mode=EXCLUSIVE");
	if (src == SQLITE_OK)
		src = exec_sql(st, "BEGIN EXCLUSIVE");
	if ((src & 0xff) == SQLITE_BUSY || (src & 0xff) == SQLITE_LOCKED) {
		(void)exec_sql(st, "PRAGMA locking_mode=NORMAL");
		return store_fail(st, EX_TEMPFAIL,
		                  "\"%s\" is in use by another cxo (the dashboard?): quit it and "
		                  "try again",
		                  st->path);
	}
	if (src != SQLITE_OK)
		return store_sql_fail(st, src, "locking the database");
	/* The lock stays after the commit (locking_mode=EXCLUSIVE); freed
	 * pages are overwritten from now on. */
	if ((src = exec_sql(st, "COMMIT")) != SQLITE_OK ||
	    (src = exec_sql(st, "PRAGMA secure_delete=ON")) != SQLITE_OK)
		return store_sql_fail(st, src, "locking the database");
	return 0;
}

#define CHANGED_SINCE(more)                                                                        \
	"SELECT EXISTS (SELECT 1 FROM time_entries WHERE client_id = ?1 AND created > ?2)"         \
	" OR EXISTS (SELECT 1 FROM notes WHERE client_id = ?1 AND created > ?2)"                   \
	" OR EXISTS (SELECT 1 FROM mandates WHERE client_id = ?1 AND created > ?2)"                \
	" OR EXISTS (SELECT 1 FROM item_changes WHERE client_id = ?1"                              \
	"  AND at > substr(?2, 1, 10))" more
/* Since schema 8 the vendors and decisions, which keep no item changes:
 * added on a later day, or any change of the client's recorded after the
 * stamp (the journal, when it is kept). */
#define CHANGED_SINCE_V8                                                                           \
	" OR EXISTS (SELECT 1 FROM vendors WHERE client_id = ?1 AND created > substr(?2, 1, 10))"  \
	" OR EXISTS (SELECT 1 FROM decisions WHERE client_id = ?1 AND created > ?2)"               \
	" OR EXISTS (SELECT 1 FROM journal WHERE at > ?2 AND client_id = ?1)"

/* Whether the client gained entries, notes, mandates, vendors or
 * decisions after the stamp, had items changed on a later day, or any
 * change recorded after it. */
static int changed_since(struct store *st, const char *client_id, const char *stamp, bool *changed)
{
	sqlite3_stmt *s = NULL;
	int src = sqlite3_prepare_v2(
	        st->db, STORE_HAS_V8(st) ? CHANGED_SINCE(CHANGED_SINCE_V8) : CHANGED_SINCE(""), -1,
	        &s, NULL);
	if (src == SQLITE_OK) {
		sqlite3_bind_text(s, 1, client_id, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 2, stamp, -1, SQLITE_STATIC);
		src = sqlite3_step(s);
	}
	if (src == SQLITE_ROW)
		*changed = sqlite3_column_int(s, 0) != 0;
	sqlite3_finalize(s);
	return src == SQLITE_ROW ? 0 : store_sql_fail(st, src, "reading the client's changes");
}

int store_export_fresh(struct store *st, const char *client_id, char stamp[STAMP_LEN], char *path,
                       size_t pathsz, bool *fresh)
{
	*fresh = false;
	int rc = store_export_get(st, client_id, stamp, path, pathsz);
	if (rc || !*stamp)
		return rc;
	bool changed = true;
	if ((rc = changed_since(st, client_id, stamp, &changed)))
		return rc;
	*fresh = !changed;
	return 0;
}

static int purge_rows(struct store *st, const char *client_id, struct client_holdings *held,
                      long *locks)
{
	int rc = store_client_key_of(st, client_id, NULL);
	if (rc || (rc = store_client_holdings(st, client_id, held)))
		return rc;
	sqlite3_stmt *s = NULL;
	/* The locks first: their triggers refuse deleting a locked month's
	 * entries, which the client's own deletion cascades to. */
	/* The journal goes whole: its changes hold the client's rows, and a
	 * purge is not recorded, for the same reason. */
	static const char *const sql[] = {
		"DELETE FROM month_locks WHERE client_id = ?1",
		"DELETE FROM clients WHERE id = ?1",
		"DELETE FROM journal WHERE ?1 IS NOT NULL",
		"DELETE FROM sync_conflicts WHERE ?1 IS NOT NULL",
	};
	for (size_t i = 0; i < (STORE_HAS_V7(st) ? 4u : 2u); i++) {
		int src = sqlite3_prepare_v2(st->db, sql[i], -1, &s, NULL);
		if (src == SQLITE_OK) {
			sqlite3_bind_text(s, 1, client_id, -1, SQLITE_STATIC);
			src = sqlite3_step(s);
		}
		if (src == SQLITE_DONE && i == 0)
			*locks = sqlite3_changes(st->db);
		sqlite3_finalize(s);
		if (src != SQLITE_DONE)
			return store_write_fail(st, src, "removing the client", NULL);
	}
	return 0;
}

int store_client_purge(struct store *st, const char *client_id, struct client_holdings *held,
                       long *locks)
{
	memset(held, 0, sizeof *held);
	*locks = 0;
	if (!STORE_HAS_V5(st))
		return store_fail(st, EX_SOFTWARE, "the database is not upgraded");
	int rc = store_begin(st);
	if (rc)
		return rc;
	store_journal_drop(st);
	return store_end(st, purge_rows(st, client_id, held, locks));
}

int store_scrub(struct store *st)
{
	if (st->depth)
		return store_fail(st, EX_SOFTWARE, "the file is scrubbed outside a transaction");
	int src = exec_sql(st, "VACUUM");
	if (src != SQLITE_OK)
		return store_sql_fail(st, src, "vacuuming the database");
	sqlite3_stmt *s = NULL;
	src = sqlite3_prepare_v2(st->db, "PRAGMA wal_checkpoint(TRUNCATE)", -1, &s, NULL);
	if (src == SQLITE_OK)
		src = sqlite3_step(s);
	bool busy = src == SQLITE_ROW && sqlite3_column_int(s, 0) != 0;
	sqlite3_finalize(s);
	if (src != SQLITE_ROW)
		return store_sql_fail(st, src, "checkpointing the database");
	if (busy)
		return store_fail(
		        st, EX_TEMPFAIL,
		        "\"%s-wal\" could not be emptied: another cxo opened the database",
		        st->path);
	return 0;
}
