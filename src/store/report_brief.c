/*
 * report_brief.c: the reads the brief (src/report/brief.c) needs beyond
 * the dashboard's: the actions overdue or due soon, the waiting ones, the
 * risks due for review and the acceptances ending soon, a few of each,
 * through the indexes of open items (the callers ask for one more than
 * they show, to say there is more).
 */
#include <sqlite3.h>
#include <string.h>
#include <sysexits.h>

#include "internal.h"

#define OPEN_ACTION "a.status IN ('todo', 'waiting')"
#define OPEN_RISK "r.status IN ('open', 'mitigating')"

int store_brief_actions_due(struct store *st, const char *client_id, const char *before,
                            size_t limit, struct action_list *out)
{
	memset(out, 0, sizeof *out);
	int rc = store_check_id(st, "client", client_id, true);
	if (!rc)
		rc = store_check_day(st, "day", before, true);
	if (rc)
		return rc;
	/* The few ids first, along the (client, status, due) index; then
	 * their rows with the titles they link to. */
	sqlite3_stmt *s = store_stmt(
	        st, Q_BRIEF_DUE,
	        STORE_ACTION_SQL(
	                st,
	                "WHERE a.id IN (SELECT d.id FROM actions d"
	                " WHERE d.client_id = ?1 AND d.status IN ('todo', 'waiting')"
	                " AND d.due IS NOT NULL AND d.due < ?2"
	                " ORDER BY d.due, d.created, d.rowid LIMIT ?3)" STORE_ACTION_OPEN_ORDER));
	if (!s)
		return EX_SOFTWARE;
	sqlite3_bind_text(s, 1, client_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, before, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 3, (sqlite3_int64)limit);
	size_t cap = 0;
	rc = store_read_rows(st, s, (void **)&out->items, &out->n, &cap, sizeof *out->items,
	                     store_read_action, "reading the actions due");
	if (rc)
		action_list_free(out);
	return rc;
}

int store_brief_waiting(struct store *st, const char *client_id, size_t limit,
                        struct action_list *out)
{
	memset(out, 0, sizeof *out);
	int rc = store_check_id(st, "client", client_id, true);
	if (rc)
		return rc;
	sqlite3_stmt *s =
	        store_stmt(st, Q_BRIEF_WAITING,
	                   STORE_ACTION_SQL(st, "WHERE a.id IN (SELECT w.id FROM actions w"
	                                        " WHERE w.client_id = ?1 AND w.status = 'waiting'"
	                                        " ORDER BY w.waiting_since, w.rowid LIMIT ?2)"
	                                        " ORDER BY a.waiting_since IS NULL,"
	                                        " a.waiting_since, a.rowid"));
	if (!s)
		return EX_SOFTWARE;
	sqlite3_bind_text(s, 1, client_id, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, (sqlite3_int64)limit);
	size_t cap = 0;
	rc = store_read_rows(st, s, (void **)&out->items, &out->n, &cap, sizeof *out->items,
	                     store_read_action, "reading the waiting actions");
	if (rc)
		action_list_free(out);
	return rc;
}

int store_brief_reviews_due(struct store *st, const char *client_id, const char *today,
                            size_t limit, struct risk_list *out)
{
	memset(out, 0, sizeof *out);
	int rc = store_check_id(st, "client", client_id, true);
	if (!rc)
		rc = store_check_day(st, "day", today, true);
	if (rc)
		return rc;
	sqlite3_stmt *s =
	        store_stmt(st, Q_BRIEF_REVIEW,
	                   STORE_RISK_SELECT
	                   "WHERE r.client_id = ?1 AND " OPEN_RISK " AND r.review_date IS NOT NULL"
	                   " AND r.review_date <= ?2" STORE_RISK_ORDER " LIMIT ?3");
	if (!s)
		return EX_SOFTWARE;
	sqlite3_bind_text(s, 1, client_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, today, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 3, (sqlite3_int64)limit);
	size_t cap = 0;
	rc = store_read_rows(st, s, (void **)&out->items, &out->n, &cap, sizeof *out->items,
	                     store_read_risk, "reading the risks due for review");
	if (rc)
		risk_list_free(out);
	return rc;
}

int store_brief_acceptances_ending(struct store *st, const char *client_id, const char *by,
                                   size_t limit, struct risk_list *out)
{
	memset(out, 0, sizeof *out);
	int rc = store_check_id(st, "client", client_id, true);
	if (!rc)
		rc = store_check_day(st, "day", by, true);
	if (rc)
		return rc;
	sqlite3_stmt *s =
	        store_stmt(st, Q_BRIEF_ACCEPTED,
	                   STORE_RISK_SELECT "WHERE r.client_id = ?1 AND r.status = 'accepted'"
	                                     " AND r.accepted_until IS NOT NULL"
	                                     " AND r.accepted_until <= ?2"
	                                     " ORDER BY r.accepted_until, r.rowid LIMIT ?3");
	if (!s)
		return EX_SOFTWARE;
	sqlite3_bind_text(s, 1, client_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, by, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 3, (sqlite3_int64)limit);
	size_t cap = 0;
	rc = store_read_rows(st, s, (void **)&out->items, &out->n, &cap, sizeof *out->items,
	                     store_read_risk, "reading the acceptances ending");
	if (rc)
		risk_list_free(out);
	return rc;
}
