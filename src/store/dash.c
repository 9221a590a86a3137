/*
 * dash.c: the dashboard's queries.  Each panel reads a bounded number of
 * rows in index order (LIMIT), so drawing a client costs the same whatever
 * the size of its history: weekly hours add up the daily totals (a row a
 * day, never a date function per entry); open actions are read in the
 * order of their index, mandates dated then undated.
 */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

/* ?F is the filter: NULL for everything, else a substring of the text
 * given, case folded on both sides in every script (cxo_fold, db.c:
 * "zoë" finds "ZOË").  It only sifts the rows of one client the index
 * gives, in its order, and LIMIT stops the reading. */
#define MATCH(text, param)                                                                         \
	"(" param " IS NULL OR instr(cxo_fold(" text "), cxo_fold(" param ")) > 0)"

/* Literal, so the partial indexes on open actions apply. */
#define OPEN_ACTION "a.status IN ('todo', 'waiting')"
#define OPEN_RISK "r.status IN ('open', 'mitigating')"

/* 16 MiB: the indexes of a large portfolio's panels stay in memory. */
#define DASH_CACHE_KIB 16384

int store_dash_session(struct store *st)
{
	char sql[64];
	snprintf(sql, sizeof sql, "PRAGMA cache_size = -%d", DASH_CACHE_KIB);
	return store_pragma(st, sql);
}

/*
 * One read transaction around everything a frame loads: one snapshot, so
 * the panels agree with each other, and one set of locks instead of one
 * per query.  Never held while the dashboard waits for a key.
 */
int store_dash_read_begin(struct store *st)
{
	if (st->depth > 0)
		return 0; /* inside a write: it sees its own snapshot */
	sqlite3_stmt *s = store_stmt(st, Q_DASH_READ_BEGIN, "BEGIN DEFERRED");
	if (!s)
		return EX_SOFTWARE;
	return store_exec_stmt(st, s, "starting to read");
}

void store_dash_read_end(struct store *st)
{
	if (st->depth > 0 || sqlite3_get_autocommit(st->db))
		return;
	sqlite3_stmt *s = store_stmt(st, Q_DASH_READ_END, "COMMIT");
	if (!s || store_exec_stmt(st, s, "finishing reading") != 0)
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
}

/* Binds ?1 client, ?2 filter, ?3 limit: what every list here takes. */
static void bind_list(sqlite3_stmt *s, const char *client_id, const char *filter, size_t limit)
{
	sqlite3_bind_text(s, 1, client_id, -1, SQLITE_STATIC);
	store_bind_text(s, 2, filter && *filter ? filter : NULL);
	sqlite3_bind_int64(s, 3, (sqlite3_int64)limit);
}

static int check_client(struct store *st, const char *client_id)
{
	return store_check_id(st, "client", client_id, true);
}

/* Up to limit rows of one client's panel, appended to *items by read:
 * sql takes ?1 client, ?2 filter and ?3 limit.  On failure *items is the
 * caller's to free. */
static int read_panel(struct store *st, enum stmt_id id, const char *sql, const char *client_id,
                      const char *filter, size_t limit, void **items, size_t *n, size_t size,
                      store_row_reader *read, const char *what)
{
	size_t cap = 0;
	int rc = check_client(st, client_id);
	if (rc)
		return rc;
	sqlite3_stmt *s = store_stmt(st, id, sql);
	if (!s)
		return EX_SOFTWARE;
	bind_list(s, client_id, filter, limit);
	return store_read_rows(st, s, items, n, &cap, size, read, what);
}

/* ---- hours ---- */

int store_dash_range_sums(struct store *st, const char *client_id, const char (*bounds)[DAY_LEN],
                          size_t n, long *minutes)
{
	int rc = check_client(st, client_id);
	for (size_t i = 0; !rc && i <= n; i++)
		rc = store_check_day(st, "week boundary", bounds[i], true);
	struct hours_sum sum;
	for (size_t i = 0; !rc && i < n; i++) {
		rc = store_entry_sum(st, client_id, bounds[i], bounds[i + 1], &sum);
		minutes[i] = rc ? 0 : sum.minutes;
	}
	return rc;
}

int store_dash_latest_entries(struct store *st, const char *client_id, const char *filter,
                              size_t limit, struct entry_list *out)
{
	memset(out, 0, sizeof *out);
	int rc =
	        read_panel(st, Q_DASH_ENTRIES,
	                   STORE_ENTRY_SELECT "WHERE e.client_id = ?1 AND " MATCH(
	                           "coalesce(e.note, '') || ' ' || coalesce(m.title, '')",
	                           "?2") " ORDER BY e.day DESC, e.created DESC, e.id DESC LIMIT ?3",
	                   client_id, filter, limit, (void **)&out->items, &out->n,
	                   sizeof *out->items, store_read_entry, "reading the latest entries");
	if (rc)
		entry_list_free(out);
	return rc;
}

/* ---- risks ---- */

int store_dash_open_risks(struct store *st, const char *client_id, const char *filter, size_t limit,
                          struct risk_list *out)
{
	memset(out, 0, sizeof *out);
	int rc = read_panel(st, Q_DASH_RISKS,
	                    STORE_RISK_SELECT
	                    "WHERE r.client_id = ?1 AND " OPEN_RISK
	                    " AND " MATCH("r.title || ' ' || coalesce(r.owner, '')", "?2")
	                            STORE_RISK_ORDER " LIMIT ?3",
	                    client_id, filter, limit, (void **)&out->items, &out->n,
	                    sizeof *out->items, store_read_risk, "reading open risks");
	if (rc)
		risk_list_free(out);
	return rc;
}

int store_dash_closed_risks(struct store *st, const char *client_id, const char *filter,
                            size_t limit, struct risk_list *out)
{
	memset(out, 0, sizeof *out);
	int rc = read_panel(
	        st, Q_DASH_CLOSED_RISKS,
	        STORE_RISK_SELECT
	        "WHERE r.client_id = ?1 AND r.status IN ('accepted', 'closed')"
	        " AND " MATCH("r.title || ' ' || coalesce(r.owner, '')",
	                      "?2") " ORDER BY r.status = 'closed', r.likelihood * r.impact DESC,"
	                            " r.closed DESC, r.title, r.rowid LIMIT ?3",
	        client_id, filter, limit, (void **)&out->items, &out->n, sizeof *out->items,
	        store_read_risk, "reading closed risks");
	if (rc)
		risk_list_free(out);
	return rc;
}

int store_dash_heatmap(struct store *st, const char *client_id, int counts[5][5])
{
	memset(counts, 0, sizeof(int[5][5]));
	int rc = check_client(st, client_id);
	if (rc)
		return rc;
	sqlite3_stmt *s = store_stmt(
	        st, Q_DASH_HEATMAP,
	        STORE_HAS_RISK_CELLS(st) ? "SELECT likelihood, impact, open FROM risk_cells"
	                                   " WHERE client_id = ?1"
	                                 : "SELECT r.likelihood, r.impact, count(*) FROM risks r"
	                                   " WHERE r.client_id = ?1 AND " OPEN_RISK
	                                   " GROUP BY r.likelihood, r.impact");
	if (!s)
		return EX_SOFTWARE;
	sqlite3_bind_text(s, 1, client_id, -1, SQLITE_STATIC);
	int src;
	while ((src = sqlite3_step(s)) == SQLITE_ROW) {
		int l = sqlite3_column_int(s, 0), i = sqlite3_column_int(s, 1);
		if (l >= 1 && l <= 5 && i >= 1 && i <= 5)
			counts[l - 1][i - 1] = sqlite3_column_int(s, 2);
	}
	store_done(s);
	return src == SQLITE_DONE ? 0 : store_sql_fail(st, src, "counting risks");
}

/* ---- actions ---- */

int store_dash_open_actions(struct store *st, const char *client_id, const char *filter,
                            size_t limit, struct action_list *out)
{
	memset(out, 0, sizeof *out);
	/* The filter matches the title, the owner and the person waited for;
	 * an older file keeps that person in the owner. */
	int rc = read_panel(st, Q_DASH_ACTIONS,
	                    STORE_HAS_WAITING_FOR(st) ? STORE_ACTION_SELECT
	                            "WHERE a.client_id = ?1 AND " OPEN_ACTION
	                            " AND " MATCH("a.title || ' ' || coalesce(a.owner, '')"
	                                          " || ' ' || coalesce(a.waiting_for, '')",
	                                          "?2") STORE_ACTION_OPEN_ORDER " LIMIT ?3"
	                                              : STORE_ACTION_SELECT_V3
	                            "WHERE a.client_id = ?1 AND " OPEN_ACTION
	                            " AND " MATCH("a.title || ' ' || coalesce(a.owner, '')", "?2")
	                                    STORE_ACTION_OPEN_ORDER " LIMIT ?3",
	                    client_id, filter, limit, (void **)&out->items, &out->n,
	                    sizeof *out->items, store_read_action, "reading open actions");
	if (rc)
		action_list_free(out);
	return rc;
}

int store_dash_closed_actions(struct store *st, const char *client_id, const char *filter,
                              size_t limit, struct action_list *out)
{
	memset(out, 0, sizeof *out);
	bool v4 = STORE_HAS_WAITING_FOR(st);
#define CLOSED_ACTIONS(select)                                                                     \
	select "WHERE a.client_id = ?1 AND a.status IN ('done', 'dropped') AND " MATCH(            \
	        "a.title || ' ' || coalesce(a.owner, '')",                                         \
	        "?2") " ORDER BY a.done_on IS NULL, a.done_on DESC, a.created DESC, a.id LIMIT ?3"
	int rc = read_panel(st, v4 ? Q_DASH_CLOSED_ACTIONS : Q_DASH_CLOSED_ACTIONS_V3,
	                    v4 ? CLOSED_ACTIONS(STORE_ACTION_SELECT)
	                       : CLOSED_ACTIONS(STORE_ACTION_SELECT_V3),
	                    client_id, filter, limit, (void **)&out->items, &out->n,
	                    sizeof *out->items, store_read_action, "reading done actions");
#undef CLOSED_ACTIONS
	if (rc)
		action_list_free(out);
	return rc;
}

int store_dash_action_counts(struct store *st, const char *client_id, const char *today, int *open,
                             int *overdue)
{
	*open = *overdue = 0;
	int rc = check_client(st, client_id);
	if (rc || (rc = store_check_day(st, "today's date", today, true)))
		return rc;
	/* Two index-only counts; the overdue one reads only the overdue rows
	 * of the (client, status, due) index. */
	sqlite3_stmt *s =
	        store_stmt(st, Q_DASH_ACTION_COUNTS,
	                   "SELECT (SELECT count(*) FROM actions a"
	                   "  WHERE a.client_id = ?1 AND " OPEN_ACTION "),"
	                   " (SELECT count(*) FROM actions a"
	                   "  WHERE a.client_id = ?1 AND " OPEN_ACTION " AND a.due < ?2)");
	if (!s)
		return EX_SOFTWARE;
	sqlite3_bind_text(s, 1, client_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, today, -1, SQLITE_STATIC);
	int src = sqlite3_step(s);
	if (src == SQLITE_ROW) {
		*open = sqlite3_column_int(s, 0);
		*overdue = sqlite3_column_int(s, 1);
	}
	store_done(s);
	return src == SQLITE_ROW ? 0 : store_sql_fail(st, src, "counting open actions");
}

int store_dash_next_due(struct store *st, const char *client_id, struct action *out)
{
	memset(out, 0, sizeof *out);
	int rc = check_client(st, client_id);
	if (rc)
		return rc;
	sqlite3_stmt *s = store_stmt(
	        st, Q_DASH_NEXT_DUE,
	        STORE_ACTION_SQL(st, "WHERE a.client_id = ?1 AND " OPEN_ACTION
	                             " AND a.due IS NOT NULL" STORE_ACTION_OPEN_ORDER " LIMIT 1"));
	if (!s)
		return EX_SOFTWARE;
	sqlite3_bind_text(s, 1, client_id, -1, SQLITE_STATIC);
	bool oom = false;
	int src = sqlite3_step(s);
	if (src == SQLITE_ROW)
		store_read_action(s, out, &oom);
	store_done(s);
	if (oom) {
		action_free(out);
		return store_fail(st, EX_SOFTWARE, "out of memory");
	}
	if (src == SQLITE_DONE)
		return store_fail(st, EX_NOINPUT, "no open action has a due date");
	return src == SQLITE_ROW ? 0 : store_sql_fail(st, src, "reading the next action");
}

/* ---- mandates ---- */

static int read_mandates(struct store *st, const char *client_id, const char *filter, size_t limit,
                         bool closed_too, struct mandate_list *out);

int store_dash_mandates(struct store *st, const char *client_id, const char *filter, size_t limit,
                        struct mandate_list *out)
{
	return read_mandates(st, client_id, filter, limit, true, out);
}

int store_dash_active_mandates(struct store *st, const char *client_id, const char *filter,
                               size_t limit, struct mandate_list *out)
{
	return read_mandates(st, client_id, filter, limit, false, out);
}

static int read_mandates(struct store *st, const char *client_id, const char *filter, size_t limit,
                         bool closed_too, struct mandate_list *out)
{
	static const char *const closed[] = { "done", "dropped" };
	size_t cap = 0;
	memset(out, 0, sizeof *out);
	int rc = check_client(st, client_id);
	if (rc)
		return rc;
	/* Each read follows the (client, status, due) index: active dated,
	 * active undated, then done and dropped, the latest first. */
	sqlite3_stmt *s = store_stmt(st, Q_DASH_MANDATES_DATED,
	                             STORE_MANDATE_SELECT
	                             "WHERE m.client_id = ?1 AND m.status = 'active'"
	                             " AND m.due IS NOT NULL AND " MATCH(
	                                     "m.title", "?2") " ORDER BY m.due, m.rowid LIMIT ?3");
	if (!s)
		return EX_SOFTWARE;
	bind_list(s, client_id, filter, limit);
	rc = store_read_rows(st, s, (void **)&out->items, &out->n, &cap, sizeof *out->items,
	                     store_read_mandate, "reading mandates");
	if (!rc && out->n < limit) {
		s = store_stmt(st, Q_DASH_MANDATES_UNDATED,
		               STORE_MANDATE_SELECT
		               "WHERE m.client_id = ?1 AND m.status = 'active'"
		               " AND m.due IS NULL AND " MATCH("m.title",
		                                               "?2") " ORDER BY m.rowid LIMIT ?3");
		if (!s) {
			rc = EX_SOFTWARE;
		} else {
			bind_list(s, client_id, filter, limit - out->n);
			rc = store_read_rows(st, s, (void **)&out->items, &out->n, &cap,
			                     sizeof *out->items, store_read_mandate,
			                     "reading mandates");
		}
	}
	for (size_t k = 0; closed_too && !rc && k < 2 && out->n < limit; k++) {
		s = store_stmt(
		        st, Q_DASH_MANDATES_CLOSED,
		        STORE_MANDATE_SELECT "WHERE m.client_id = ?1 AND m.status = ?4 AND " MATCH(
		                "m.title", "?2") " ORDER BY m.due DESC, m.rowid DESC LIMIT ?3");
		if (!s) {
			rc = EX_SOFTWARE;
			break;
		}
		bind_list(s, client_id, filter, limit - out->n);
		sqlite3_bind_text(s, 4, closed[k], -1, SQLITE_STATIC);
		rc = store_read_rows(st, s, (void **)&out->items, &out->n, &cap, sizeof *out->items,
		                     store_read_mandate, "reading mandates");
	}
	if (rc)
		mandate_list_free(out);
	return rc;
}

/* ---- deletes ---- */

/* sql takes ?1, the id, and gives one row: whether the item exists, its
 * actions, entries and minutes. */
static int read_links(struct store *st, enum stmt_id q, const char *sql, const char *what,
                      const char *id, struct store_links *out)
{
	memset(out, 0, sizeof *out);
	int rc = store_check_id(st, what, id, true);
	if (rc)
		return rc;
	sqlite3_stmt *s = store_stmt(st, q, sql);
	if (!s)
		return EX_SOFTWARE;
	sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
	int src = sqlite3_step(s);
	bool found = false;
	if (src == SQLITE_ROW) {
		found = sqlite3_column_int(s, 0) > 0;
		out->actions = sqlite3_column_int(s, 1);
		out->entries = sqlite3_column_int(s, 2);
		out->minutes = (long)sqlite3_column_int64(s, 3);
	}
	store_done(s);
	if (src != SQLITE_ROW)
		return store_sql_fail(st, src, "counting what is linked");
	if (!found) {
		memset(out, 0, sizeof *out);
		return store_fail(st, EX_NOINPUT, "no %s with id %s", what, id);
	}
	return 0;
}

int store_mandate_links(struct store *st, const char *id, struct store_links *out)
{
	return read_links(st, Q_DASH_MANDATE_LINKS,
	                  "SELECT (SELECT count(*) FROM mandates WHERE id = ?1),"
	                  " (SELECT count(*) FROM actions WHERE mandate_id = ?1),"
	                  " (SELECT count(*) FROM time_entries WHERE mandate_id = ?1),"
	                  " (SELECT coalesce(sum(minutes), 0) FROM time_entries"
	                  "  WHERE mandate_id = ?1)",
	                  "mandate", id, out);
}

int store_risk_links(struct store *st, const char *id, struct store_links *out)
{
	return read_links(st, Q_DASH_RISK_LINKS,
	                  "SELECT (SELECT count(*) FROM risks WHERE id = ?1),"
	                  " (SELECT count(*) FROM actions WHERE risk_id = ?1), 0, 0",
	                  "risk", id, out);
}

static int delete_by_id(struct store *st, enum stmt_id q, const char *sql, const char *what,
                        const char *id)
{
	int rc = store_check_id(st, what, id, true);
	if (rc)
		return rc;
	sqlite3_stmt *s = store_stmt(st, q, sql);
	if (!s)
		return EX_SOFTWARE;
	sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
	char doing[64];
	snprintf(doing, sizeof doing, "deleting the %s", what);
	if ((rc = store_exec_stmt(st, s, doing)) != 0)
		return rc;
	if (sqlite3_changes(st->db) == 0)
		return store_fail(st, EX_NOINPUT, "no %s with id %s", what, id);
	return 0;
}

int store_mandate_delete(struct store *st, const char *id)
{
	int rc = store_begin(st);
	if (rc)
		return rc;
	return store_end(st, delete_by_id(st, Q_DASH_DELETE_MANDATE,
	                                  "DELETE FROM mandates WHERE id = ?1", "mandate", id));
}

int store_risk_delete(struct store *st, const char *id)
{
	int rc = store_begin(st);
	if (rc)
		return rc;
	return store_end(st, delete_by_id(st, Q_DASH_DELETE_RISK, "DELETE FROM risks WHERE id = ?1",
	                                  "risk", id));
}

int store_action_delete(struct store *st, const char *id)
{
	int rc = store_begin(st);
	if (rc)
		return rc;
	return store_end(st, delete_by_id(st, Q_DASH_DELETE_ACTION,
	                                  "DELETE FROM actions WHERE id = ?1", "action", id));
}
