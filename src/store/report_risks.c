/*
 * report_risks.c: the read the risk summary and the board pack need
 * beyond the schema 5 functions: the changes of one kind made within a
 * period (the risks accepted, the mandates closed in it).
 */
#include <sqlite3.h>
#include <string.h>
#include <sysexits.h>

#include "cxo/store.h"
#include "internal.h"

int store_changes_of_kind(struct store *st, const char *client_id, const char *kind,
                          const char *change, const char *from, const char *to, size_t limit,
                          struct change_list *out)
{
	memset(out, 0, sizeof *out);
	int rc = store_check_day(st, "day", from, true);
	if (!rc)
		rc = store_check_day(st, "day", to, true);
	if (rc || !STORE_HAS_V5(st))
		return rc;
	sqlite3_stmt *s = store_stmt(st, Q_CHANGES_OF_KIND,
	                             "SELECT kind, item_id, change, at, title FROM item_changes"
	                             " WHERE client_id = ?1 AND at >= ?2 AND at < ?3"
	                             " AND kind = ?4 AND change = ?5"
	                             " ORDER BY at DESC, rowid DESC LIMIT ?6");
	if (!s)
		return EX_SOFTWARE;
	sqlite3_bind_text(s, 1, client_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, from, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, to, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, change, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 6, limit ? (sqlite3_int64)limit : 1);
	size_t cap = 0;
	rc = store_read_rows(st, s, (void **)&out->items, &out->n, &cap, sizeof *out->items,
	                     store_read_change, "reading the changes of the period");
	if (rc)
		change_list_free(out);
	return rc;
}
