/*
 * sheet.c: the rows of the spreadsheet (CSV) and calendar (iCalendar)
 * exports, streamed a row at a time: hours, actions, risks, mandates.
 *
 * The statements are prepared here for the one reading and finalised
 * after it; each is built from fixed fragments (the client or every
 * client, the file's schema, the calendar's selection) and takes every
 * value as a parameter: ?1 the client, ?2 and ?3 the first and last day.
 */
#include "internal.h"

#include "cxo/duration.h"

#include <stdio.h>
#include <string.h>
#include <sysexits.h>

/* Open ends of a day range: every ISO day sorts between these. */
#define DAY_MIN "0000-00-00"
#define DAY_MAX "9999-99-99"

static int check_query(struct store *st, const struct sheet_query *q)
{
	int rc;
	if ((rc = store_check_id(st, "client", q->client_id, false)) ||
	    (rc = store_check_day(st, "first day", q->from, false)) ||
	    (rc = store_check_day(st, "last day", q->to, false)))
		return rc;
	return 0;
}

/* Prepares sql (for this reading only) and binds the client and the
 * days; NULL on failure, the error set. */
static sqlite3_stmt *prepare(struct store *st, const struct sheet_query *q, const char *sql,
                             int len)
{
	if (len < 0 || len >= 2048) {
		store_fail(st, EX_SOFTWARE, "internal error: an export query too long");
		return NULL;
	}
	sqlite3_stmt *s = NULL;
	int rc = sqlite3_prepare_v3(st->db, sql, -1, 0, &s, NULL);
	if (rc != SQLITE_OK) {
		store_sql_fail(st, rc, "preparing the export");
		sqlite3_finalize(s);
		return NULL;
	}
	if ((q->client_id && sqlite3_bind_text(s, 1, q->client_id, -1, SQLITE_STATIC)) ||
	    sqlite3_bind_text(s, 2, q->from && *q->from ? q->from : DAY_MIN, -1, SQLITE_STATIC) ||
	    sqlite3_bind_text(s, 3, q->to && *q->to ? q->to : DAY_MAX, -1, SQLITE_STATIC)) {
		store_sql_fail(st, sqlite3_errcode(st->db), "preparing the export");
		sqlite3_finalize(s);
		return NULL;
	}
	return s;
}

/* Ends a reading: rc from fn wins, then the last step's result. */
static int finish(struct store *st, sqlite3_stmt *s, int rc, int src, const char *what)
{
	sqlite3_finalize(s);
	if (rc)
		return rc;
	return src == SQLITE_DONE ? 0 : store_sql_fail(st, src, what);
}

int store_sheet_entries(struct store *st, const struct sheet_query *q,
                        int (*fn)(const struct sheet_entry *row, void *ctx), void *ctx)
{
	int rc = check_query(st, q);
	if (rc)
		return rc;
	if (q->calendar)
		return store_fail(st, EX_SOFTWARE, "internal error: hours have no calendar");
	/* By day, then as made: the order of the table (one client) and of
	 * its time_entries_day index (every client), so nothing is sorted. */
	bool v6 = STORE_HAS_V6(st);
	char sql[2048];
	int len = snprintf(sql, sizeof sql,
	                   "SELECT e.id, e.client_id, c.key, e.mandate_id, m.title, e.day,"
	                   " e.minutes, e.note, e.billable, e.created, %s"
	                   " FROM time_entries e JOIN clients c ON c.id = e.client_id"
	                   " LEFT JOIN mandates m ON m.id = e.mandate_id%s"
	                   " WHERE %se.day >= ?2 AND e.day <= ?3"
	                   " ORDER BY e.day, e.created, e.id",
	                   v6 ? "s.start_time, s.end_time" : "NULL, NULL",
	                   v6 ? " LEFT JOIN entry_sources s ON s.entry_id = e.id" : "",
	                   q->client_id ? "e.client_id = ?1 AND " : "");
	sqlite3_stmt *s = prepare(st, q, sql, len);
	if (!s)
		return EX_SOFTWARE;
	struct sheet_entry row;
	struct entry *e = &row.e;
	int src;
	while ((src = sqlite3_step(s)) == SQLITE_ROW) {
		store_col_copy(s, 0, e->id, sizeof e->id);
		store_col_copy(s, 1, e->client_id, sizeof e->client_id);
		store_col_copy(s, 2, e->client_key, sizeof e->client_key);
		store_col_copy(s, 3, e->mandate_id, sizeof e->mandate_id);
		e->mandate_title = (char *)sqlite3_column_text(s, 4);
		store_col_copy(s, 5, e->day, sizeof e->day);
		e->minutes = (int)store_col_clamp(s, 6, 1, DURATION_MAX_MINUTES);
		e->note = (char *)sqlite3_column_text(s, 7);
		e->billable = sqlite3_column_int(s, 8) != 0;
		store_col_copy(s, 9, e->created, sizeof e->created);
		store_col_copy(s, 10, row.start, sizeof row.start);
		store_col_copy(s, 11, row.end, sizeof row.end);
		if ((rc = fn(&row, ctx)) != 0)
			break;
	}
	return finish(st, s, rc, src, "reading the hours");
}

int store_sheet_actions(struct store *st, const struct sheet_query *q,
                        int (*fn)(const struct action *row, void *ctx), void *ctx)
{
	int rc = check_query(st, q);
	if (rc)
		return rc;
	/* Before schema 4 a waiting action kept the person in its owner. */
	bool v4 = STORE_HAS_WAITING_FOR(st);
	char sql[2048];
	int len = snprintf(
	        sql, sizeof sql,
	        "SELECT a.id, a.client_id, c.key, a.mandate_id, m.title, a.risk_id, r.title,"
	        " a.title, %s, %s, a.due, a.status, a.waiting_since, a.done_on, a.created"
	        " FROM actions a JOIN clients c ON c.id = a.client_id"
	        " LEFT JOIN mandates m ON m.id = a.mandate_id"
	        " LEFT JOIN risks r ON r.id = a.risk_id"
	        " WHERE %sa.created >= ?2 AND a.created <= ?3%s"
	        " ORDER BY a.created, a.rowid",
	        v4 ? "a.owner" : "CASE WHEN a.status = 'waiting' THEN NULL ELSE a.owner END",
	        v4 ? "a.waiting_for" : "CASE WHEN a.status = 'waiting' THEN a.owner END",
	        q->client_id ? "a.client_id = ?1 AND " : "",
	        q->calendar ? " AND a.status IN ('todo', 'waiting') AND a.due IS NOT NULL" : "");
	sqlite3_stmt *s = prepare(st, q, sql, len);
	if (!s)
		return EX_SOFTWARE;
	struct action a;
	int src;
	while ((src = sqlite3_step(s)) == SQLITE_ROW) {
		store_borrow_action(s, &a);
		if (!a.title) { /* NOT NULL in the schema: out of memory */
			src = SQLITE_NOMEM;
			break;
		}
		if ((rc = fn(&a, ctx)) != 0)
			break;
	}
	return finish(st, s, rc, src, "reading the actions");
}

int store_sheet_risks(struct store *st, const struct sheet_query *q,
                      int (*fn)(const struct risk *row, void *ctx), void *ctx)
{
	int rc = check_query(st, q);
	if (rc)
		return rc;
	char sql[2048];
	int len = snprintf(sql, sizeof sql,
	                   "SELECT r.id, r.client_id, c.key, r.title, r.category, r.likelihood,"
	                   " r.impact, r.residual_likelihood, r.residual_impact, r.treatment,"
	                   " r.status, r.owner, r.mitigation, r.framework, r.review_date,"
	                   " r.accepted_until, r.opened, r.closed"
	                   " FROM risks r JOIN clients c ON c.id = r.client_id"
	                   " WHERE %sr.opened >= ?2 AND r.opened <= ?3%s"
	                   " ORDER BY r.opened, r.rowid",
	                   q->client_id ? "r.client_id = ?1 AND " : "",
	                   q->calendar ? " AND r.status IN ('open', 'mitigating')"
	                                 " AND r.review_date IS NOT NULL"
	                               : "");
	sqlite3_stmt *s = prepare(st, q, sql, len);
	if (!s)
		return EX_SOFTWARE;
	struct risk r;
	int src;
	while ((src = sqlite3_step(s)) == SQLITE_ROW) {
		store_col_copy(s, 0, r.id, sizeof r.id);
		store_col_copy(s, 1, r.client_id, sizeof r.client_id);
		store_col_copy(s, 2, r.client_key, sizeof r.client_key);
		r.title = (char *)sqlite3_column_text(s, 3);
		store_col_copy(s, 4, r.category, sizeof r.category);
		r.likelihood = (int)store_col_clamp(s, 5, 1, 5);
		r.impact = (int)store_col_clamp(s, 6, 1, 5);
		r.residual_likelihood = (int)store_col_clamp(s, 7, 0, 5); /* NULL reads as 0 */
		r.residual_impact = (int)store_col_clamp(s, 8, 0, 5);
		store_col_copy(s, 9, r.treatment, sizeof r.treatment);
		store_col_copy(s, 10, r.status, sizeof r.status);
		r.owner = (char *)sqlite3_column_text(s, 11);
		r.mitigation = (char *)sqlite3_column_text(s, 12);
		r.framework = (char *)sqlite3_column_text(s, 13);
		store_col_copy(s, 14, r.review, sizeof r.review);
		store_col_copy(s, 15, r.accepted_until, sizeof r.accepted_until);
		store_col_copy(s, 16, r.opened, sizeof r.opened);
		store_col_copy(s, 17, r.closed, sizeof r.closed);
		if (!r.title) { /* NOT NULL in the schema: out of memory */
			src = SQLITE_NOMEM;
			break;
		}
		if ((rc = fn(&r, ctx)) != 0)
			break;
	}
	return finish(st, s, rc, src, "reading the risks");
}

int store_sheet_mandates(struct store *st, const struct sheet_query *q,
                         int (*fn)(const struct sheet_mandate *row, void *ctx), void *ctx)
{
	int rc = check_query(st, q);
	if (rc)
		return rc;
	char sql[2048];
	int len = snprintf(sql, sizeof sql,
	                   "SELECT m.id, m.client_id, c.key, m.title, m.area, m.status, m.due,"
	                   " m.measure, (SELECT count(*) FROM actions a WHERE a.mandate_id = m.id"
	                   " AND a.status IN ('todo', 'waiting')), m.created"
	                   " FROM mandates m JOIN clients c ON c.id = m.client_id"
	                   " WHERE %ssubstr(m.created, 1, 10) >= ?2"
	                   " AND substr(m.created, 1, 10) <= ?3%s"
	                   " ORDER BY m.created, m.rowid",
	                   q->client_id ? "m.client_id = ?1 AND " : "",
	                   q->calendar ? " AND m.status = 'active' AND m.due IS NOT NULL" : "");
	sqlite3_stmt *s = prepare(st, q, sql, len);
	if (!s)
		return EX_SOFTWARE;
	struct sheet_mandate row;
	struct mandate *m = &row.m;
	int src;
	while ((src = sqlite3_step(s)) == SQLITE_ROW) {
		store_col_copy(s, 0, m->id, sizeof m->id);
		store_col_copy(s, 1, m->client_id, sizeof m->client_id);
		store_col_copy(s, 2, m->client_key, sizeof m->client_key);
		m->title = (char *)sqlite3_column_text(s, 3);
		m->area = (char *)sqlite3_column_text(s, 4);
		store_col_copy(s, 5, m->status, sizeof m->status);
		store_col_copy(s, 6, m->due, sizeof m->due);
		m->measure = (char *)sqlite3_column_text(s, 7);
		m->open_actions = (int)store_col_clamp(s, 8, 0, INT_MAX);
		store_col_copy(s, 9, row.created, sizeof row.created);
		if (!m->title) { /* NOT NULL in the schema: out of memory */
			src = SQLITE_NOMEM;
			break;
		}
		if ((rc = fn(&row, ctx)) != 0)
			break;
	}
	return finish(st, s, rc, src, "reading the mandates");
}
