/*
 * sync.c: the store's side of sync, apart from applying (sync_apply.c):
 * this device's name and folder, the changes made here handed out in
 * order, what was applied of each other device, the conflicts met and
 * their decisions turned round, and the snapshot a new device starts from.
 */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "cxo/journal.h"

static int need_v7(struct store *st)
{
	if (!STORE_HAS_V7(st))
		return store_fail(st, EX_CONFIG, "sync is not set up (cxo sync init DIR)");
	return 0;
}

static int prepare(struct store *st, const char *sql, sqlite3_stmt **s)
{
	int src = sqlite3_prepare_v2(st->db, sql, -1, s, NULL);
	if (src != SQLITE_OK) {
		sqlite3_finalize(*s);
		*s = NULL;
		return store_sql_fail(st, src, "preparing a sync query");
	}
	return 0;
}

/* ---- the device ---- */

void sync_setup_free(struct sync_setup *s)
{
	if (s) {
		free(s->dir);
		memset(s, 0, sizeof *s);
	}
}

int store_sync_get(struct store *st, struct sync_setup *out)
{
	memset(out, 0, sizeof *out);
	if (!STORE_HAS_V7(st))
		return 0;
	sqlite3_stmt *s = NULL;
	int rc = prepare(st, "SELECT device, dir, out_seq FROM sync_state WHERE slot = 1", &s);
	if (rc)
		return rc;
	int src = sqlite3_step(s);
	if (src == SQLITE_ROW) {
		bool oom = false;
		out->configured = true;
		snprintf(out->device, sizeof out->device, "%s", sqlite3_column_text(s, 0));
		out->dir = store_col_dup(s, 1, &oom);
		out->out_seq = sqlite3_column_int64(s, 2);
		if (oom || !out->dir)
			rc = store_fail(st, EX_SOFTWARE, "out of memory");
	} else if (src != SQLITE_DONE) {
		rc = store_sql_fail(st, src, "reading the sync state");
	}
	sqlite3_finalize(s);
	if (rc)
		sync_setup_free(out);
	return rc;
}

int store_sync_set(struct store *st, const char *device, const char *dir)
{
	int rc = need_v7(st);
	if (rc || (rc = store_begin(st)))
		return rc;
	/* The device's own row of peers (a snapshot's) gives its numbering. */
	sqlite3_stmt *s = NULL;
	if (!(rc = prepare(st,
	                   "INSERT INTO sync_state(slot, device, dir, out_seq) VALUES (1, ?1, ?2,"
	                   " coalesce((SELECT applied_seq FROM sync_peers WHERE device = ?1), 0))"
	                   " ON CONFLICT (slot) DO UPDATE SET device = excluded.device,"
	                   " dir = excluded.dir, out_seq = CASE WHEN device = excluded.device"
	                   " THEN out_seq ELSE excluded.out_seq END",
	                   &s))) {
		store_bind_text(s, 1, device);
		store_bind_text(s, 2, dir);
		rc = store_exec_stmt(st, s, "setting up sync");
		sqlite3_finalize(s);
	}
	if (!rc && !(rc = prepare(st, "DELETE FROM sync_peers WHERE device = ?1", &s))) {
		store_bind_text(s, 1, device);
		rc = store_exec_stmt(st, s, "setting up sync");
		sqlite3_finalize(s);
	}
	return store_end(st, rc);
}

int store_is_empty(struct store *st, bool *empty)
{
	*empty = false;
	sqlite3_stmt *s = NULL;
	int rc = prepare(st, "SELECT NOT EXISTS (SELECT 1 FROM clients)", &s);
	if (rc)
		return rc;
	int src = sqlite3_step(s);
	if (src == SQLITE_ROW)
		*empty = sqlite3_column_int(s, 0) != 0;
	else
		rc = store_sql_fail(st, src, "reading the database");
	sqlite3_finalize(s);
	return rc;
}

/* ---- handing out the changes made here ---- */

void sync_change_free(struct sync_change *c)
{
	if (c) {
		free(c->data);
		memset(c, 0, sizeof *c);
	}
}

int store_sync_next_out(struct store *st, struct sync_change *out, bool *found)
{
	memset(out, 0, sizeof *out);
	*found = false;
	int rc = need_v7(st);
	if (rc)
		return rc;
	sqlite3_stmt *s = NULL;
	if ((rc = prepare(st,
	                  "SELECT j.seq, j.hlc, j.changeset, s.out_seq + 1 FROM journal j"
	                  " INDEXED BY journal_unsent, sync_state s"
	                  " WHERE j.device IS NULL AND j.out_seq IS NULL ORDER BY j.seq LIMIT 1",
	                  &s)))
		return rc;
	int src = sqlite3_step(s);
	if (src == SQLITE_ROW) {
		out->journal_seq = sqlite3_column_int64(s, 0);
		out->hlc = sqlite3_column_int64(s, 1);
		out->size = sqlite3_column_bytes(s, 2);
		out->seq = sqlite3_column_int64(s, 3);
		if (!(out->data = malloc(out->size > 0 ? (size_t)out->size : 1)))
			rc = store_fail(st, EX_SOFTWARE, "out of memory");
		else if (out->size > 0)
			memcpy(out->data, sqlite3_column_blob(s, 2), (size_t)out->size);
		*found = !rc;
	} else if (src != SQLITE_DONE) {
		rc = store_sql_fail(st, src, "reading the journal");
	}
	sqlite3_finalize(s);
	if (rc)
		sync_change_free(out);
	return rc;
}

int store_sync_sent(struct store *st, long long journal_seq, long long seq)
{
	int rc = need_v7(st);
	if (rc || (rc = store_begin(st)))
		return rc;
	store_journal_drop(st); /* bookkeeping, not a change of the data */
	sqlite3_stmt *s = NULL;
	if (!(rc = prepare(st,
	                   "UPDATE sync_state SET out_seq = ?2 WHERE slot = 1 AND out_seq = ?2 - 1"
	                   " AND EXISTS (SELECT 1 FROM journal WHERE seq = ?1 AND out_seq IS NULL)",
	                   &s))) {
		sqlite3_bind_int64(s, 1, journal_seq);
		sqlite3_bind_int64(s, 2, seq);
		rc = store_exec_stmt(st, s, "recording a change sent");
		if (!rc && sqlite3_changes(st->db) != 1)
			rc = store_fail(st, EX_SOFTWARE,
			                "change #%lld is not the next to send as %lld (another cxo "
			                "sent it?)",
			                journal_seq, seq);
		sqlite3_finalize(s);
	}
	if (!rc && !(rc = prepare(st, "UPDATE journal SET out_seq = ?2 WHERE seq = ?1", &s))) {
		sqlite3_bind_int64(s, 1, journal_seq);
		sqlite3_bind_int64(s, 2, seq);
		rc = store_exec_stmt(st, s, "recording a change sent");
		sqlite3_finalize(s);
	}
	return store_end(st, rc);
}

/* ---- the other devices ---- */

int store_sync_peer(struct store *st, const char *device, long long *applied_seq)
{
	*applied_seq = 0;
	int rc = need_v7(st);
	sqlite3_stmt *s = NULL;
	if (rc || (rc = prepare(st, "SELECT applied_seq FROM sync_peers WHERE device = ?1", &s)))
		return rc;
	store_bind_text(s, 1, device);
	int src = sqlite3_step(s);
	if (src == SQLITE_ROW)
		*applied_seq = sqlite3_column_int64(s, 0);
	else if (src != SQLITE_DONE)
		rc = store_sql_fail(st, src, "reading the sync state");
	sqlite3_finalize(s);
	return rc;
}

/* ---- the snapshot ---- */

int store_sync_snapshot(struct store *st, const char *path)
{
	int rc = need_v7(st);
	if (rc)
		return rc;
	struct sync_setup me;
	if ((rc = store_sync_get(st, &me)))
		return rc;
	if (!me.configured)
		return store_fail(st, EX_CONFIG, "sync is not set up (cxo sync init DIR)");
	int64_t hlc = 0;
	struct store_tmp t;
	if ((rc = store_journal_hlc(st, &hlc)) || (rc = store_tmp_vacuum(st, path, path, &t))) {
		sync_setup_free(&me);
		return rc;
	}
	/* The copy loses what is this file's own; it keeps the data, the
	 * tables derived from it, and how far it has every device. */
	sqlite3 *db = NULL;
	int src = sqlite3_open_v2(t.file, &db, SQLITE_OPEN_READWRITE, NULL);
	static const char *const strip =
	        "BEGIN;"
	        "DELETE FROM journal; DELETE FROM sync_conflicts; DELETE FROM sync_state;"
	        "DELETE FROM sync_applying; DELETE FROM settings; DELETE FROM client_exports;"
	        "INSERT INTO sync_peers(device, applied_seq, hlc) VALUES (?1, ?2, ?3)"
	        " ON CONFLICT (device) DO UPDATE SET applied_seq = excluded.applied_seq,"
	        " hlc = excluded.hlc;"
	        "COMMIT;";
	const char *sql = strip;
	while (src == SQLITE_OK && *sql) {
		sqlite3_stmt *s = NULL;
		src = sqlite3_prepare_v2(db, sql, -1, &s, &sql);
		if (src != SQLITE_OK || !s)
			break;
		if (sqlite3_bind_parameter_count(s) == 3) {
			sqlite3_bind_text(s, 1, me.device, -1, SQLITE_STATIC);
			sqlite3_bind_int64(s, 2, me.out_seq);
			sqlite3_bind_int64(s, 3, hlc);
		}
		src = sqlite3_step(s);
		sqlite3_finalize(s);
		src = src == SQLITE_DONE ? SQLITE_OK : src;
	}
	/* The journal's pages go, not only its rows. */
	if (src == SQLITE_OK)
		src = sqlite3_exec(db, "VACUUM", NULL, NULL, NULL);
	if (src != SQLITE_OK)
		rc = store_fail(st, EX_IOERR, "making the snapshot: %s",
		                db ? sqlite3_errmsg(db) : "out of memory");
	if (sqlite3_close(db) != SQLITE_OK && !rc)
		rc = store_fail(st, EX_IOERR, "making the snapshot: the copy could not be closed");
	if (!rc)
		rc = store_tmp_place(st, &t, path, path, false);
	store_tmp_discard(&t);
	sync_setup_free(&me);
	return rc;
}
