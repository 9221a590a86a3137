/*
 * report_week.c: what the weekly update reads that the other queries do
 * not give: the changes of a week, through the index by client and day,
 * so the cost follows the week and not the history after it.
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

int store_changes_between(struct store *st, const char *client_id, const char *from, const char *to,
                          size_t limit, struct change_list *out)
{
	memset(out, 0, sizeof *out);
	int rc;
	if ((rc = store_check_day(st, "start of the period", from, true)) ||
	    (rc = store_check_day(st, "end of the period", to, true)))
		return rc;
	if (!STORE_HAS_V5(st))
		return 0;
	sqlite3_stmt *s = store_stmt(st, Q_CHANGES_BETWEEN,
	                             "SELECT kind, item_id, change, at, title FROM item_changes"
	                             " WHERE client_id = ?1 AND at >= ?2 AND at < ?3"
	                             " ORDER BY at, rowid LIMIT ?4");
	if (!s)
		return EX_SOFTWARE;
	sqlite3_bind_text(s, 1, client_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, from, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, to, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 4, limit ? (sqlite3_int64)limit : 1);
	size_t cap = 0;
	rc = store_read_rows(st, s, (void **)&out->items, &out->n, &cap, sizeof *out->items,
	                     store_read_change, "reading the week's changes");
	if (rc)
		change_list_free(out);
	return rc;
}
