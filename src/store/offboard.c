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
