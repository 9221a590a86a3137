/*
 * dash.c: the dashboard's queries.  Each panel reads a bounded number of
 * rows in index order (LIMIT), so drawing a client costs the same whatever
 * the size of its history: weekly hours are range sums on the (client,
 * day) index, never a date function per row; open actions and mandates
 * are read dated then undated, each in the order of their index.
 */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

/* ?F is the filter: NULL for everything, else a case-insensitive
 * substring of the text given. */
#define MATCH(text, param) "(" param " IS NULL OR instr(lower(" text "), lower(" param ")) > 0)"

#define ENTRY_COLS                                                                                 \
	"SELECT e.id, e.client_id, c.key, e.mandate_id, m.title, e.day, e.minutes, e.note,"        \
	" e.billable, e.created FROM time_entries e JOIN clients c ON c.id = e.client_id"          \
	" LEFT JOIN mandates m ON m.id = e.mandate_id "
#define RISK_COLS                                                                                  \
	"SELECT r.id, r.client_id, c.key, r.title, r.category, r.likelihood, r.impact,"            \
	" r.residual_likelihood, r.residual_impact, r.treatment, r.status, r.owner,"               \
	" r.mitigation, r.framework, r.review_date, r.accepted_until, r.opened, r.closed"          \
	" FROM risks r JOIN clients c ON c.id = r.client_id "
#define ACTION_COLS                                                                                \
	"SELECT a.id, a.client_id, c.key, a.mandate_id, m.title, a.risk_id, r.title, a.title,"     \
	" a.owner, a.due, a.status, a.waiting_since, a.done_on, a.created"                         \
	" FROM actions a JOIN clients c ON c.id = a.client_id"                                     \
	" LEFT JOIN mandates m ON m.id = a.mandate_id LEFT JOIN risks r ON r.id = a.risk_id "
#define MANDATE_COLS                                                                               \
	"SELECT m.id, m.client_id, c.key, m.title, m.area, m.status, m.due, m.measure,"            \
	" (SELECT count(*) FROM actions a WHERE a.mandate_id = m.id"                               \
	"  AND a.status IN ('todo', 'waiting'))"                                                   \
	" FROM mandates m JOIN clients c ON c.id = m.client_id "
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

/* ---- reading rows ---- */

static void read_entry(sqlite3_stmt *s, void *item, bool *oom)
{
	struct entry *e = item;
	memset(e, 0, sizeof *e);
	store_col_copy(s, 0, e->id, sizeof e->id);
	store_col_copy(s, 1, e->client_id, sizeof e->client_id);
	store_col_copy(s, 2, e->client_key, sizeof e->client_key);
	store_col_copy(s, 3, e->mandate_id, sizeof e->mandate_id);
	e->mandate_title = store_col_dup(s, 4, oom);
	store_col_copy(s, 5, e->day, sizeof e->day);
	e->minutes = sqlite3_column_int(s, 6);
	e->note = store_col_dup(s, 7, oom);
	e->billable = sqlite3_column_int(s, 8) != 0;
	store_col_copy(s, 9, e->created, sizeof e->created);
}

static void read_risk(sqlite3_stmt *s, void *item, bool *oom)
{
	struct risk *r = item;
	memset(r, 0, sizeof *r);
	store_col_copy(s, 0, r->id, sizeof r->id);
	store_col_copy(s, 1, r->client_id, sizeof r->client_id);
	store_col_copy(s, 2, r->client_key, sizeof r->client_key);
	r->title = store_col_dup(s, 3, oom);
	store_col_copy(s, 4, r->category, sizeof r->category);
	r->likelihood = sqlite3_column_int(s, 5);
	r->impact = sqlite3_column_int(s, 6);
	r->residual_likelihood = sqlite3_column_int(s, 7);
	r->residual_impact = sqlite3_column_int(s, 8);
	store_col_copy(s, 9, r->treatment, sizeof r->treatment);
	store_col_copy(s, 10, r->status, sizeof r->status);
	r->owner = store_col_dup(s, 11, oom);
	r->mitigation = store_col_dup(s, 12, oom);
	r->framework = store_col_dup(s, 13, oom);
	store_col_copy(s, 14, r->review, sizeof r->review);
	store_col_copy(s, 15, r->accepted_until, sizeof r->accepted_until);
	store_col_copy(s, 16, r->opened, sizeof r->opened);
	store_col_copy(s, 17, r->closed, sizeof r->closed);
}

static void read_action(sqlite3_stmt *s, void *item, bool *oom)
{
	struct action *a = item;
	memset(a, 0, sizeof *a);
	store_col_copy(s, 0, a->id, sizeof a->id);
	store_col_copy(s, 1, a->client_id, sizeof a->client_id);
	store_col_copy(s, 2, a->client_key, sizeof a->client_key);
	store_col_copy(s, 3, a->mandate_id, sizeof a->mandate_id);
	a->mandate_title = store_col_dup(s, 4, oom);
	store_col_copy(s, 5, a->risk_id, sizeof a->risk_id);
	a->risk_title = store_col_dup(s, 6, oom);
	a->title = store_col_dup(s, 7, oom);
	a->owner = store_col_dup(s, 8, oom);
	store_col_copy(s, 9, a->due, sizeof a->due);
	store_col_copy(s, 10, a->status, sizeof a->status);
	store_col_copy(s, 11, a->waiting_since, sizeof a->waiting_since);
	store_col_copy(s, 12, a->done_on, sizeof a->done_on);
	store_col_copy(s, 13, a->created, sizeof a->created);
}

static void read_mandate(sqlite3_stmt *s, void *item, bool *oom)
{
	struct mandate *m = item;
	memset(m, 0, sizeof *m);
	store_col_copy(s, 0, m->id, sizeof m->id);
	store_col_copy(s, 1, m->client_id, sizeof m->client_id);
	store_col_copy(s, 2, m->client_key, sizeof m->client_key);
	m->title = store_col_dup(s, 3, oom);
	m->area = store_col_dup(s, 4, oom);
	store_col_copy(s, 5, m->status, sizeof m->status);
	store_col_copy(s, 6, m->due, sizeof m->due);
	m->measure = store_col_dup(s, 7, oom);
	m->open_actions = sqlite3_column_int(s, 8);
}

/*
 * Steps s, appending each row to the array *items (n, cap, element size
 * sz) with read().  The statement is reset whatever happens, so no read
 * stays open.  On failure the rows read so far stay for the caller to
 * free.
 */
static int append_rows(struct store *st, sqlite3_stmt *s, void **items, size_t *n, size_t *cap,
                       size_t sz, void (*read)(sqlite3_stmt *, void *, bool *), const char *what)
{
	bool oom = false;
	int src;
	while ((src = sqlite3_step(s)) == SQLITE_ROW) {
		if (store_list_grow(items, cap, *n, sz)) {
			oom = true;
			break;
		}
		read(s, (char *)*items + *n * sz, &oom);
		(*n)++;
		if (oom)
			break;
	}
	store_done(s);
	if (oom)
		return store_fail(st, EX_SOFTWARE, "out of memory");
	return src == SQLITE_DONE ? 0 : store_sql_fail(st, src, what);
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

/* ---- hours ---- */

int store_dash_range_sums(struct store *st, const char *client_id,
                          const char (*bounds)[DAY_LEN], size_t n, long *minutes)
{
	int rc = check_client(st, client_id);
	for (size_t i = 0; !rc && i <= n; i++)
		rc = store_check_day(st, "week boundary", bounds[i], true);
	if (rc)
		return rc;
	sqlite3_stmt *s = store_stmt(st, Q_DASH_RANGE_SUM,
	                             STORE_HAS_ENTRY_DAYS(st)
	                                 ? "SELECT coalesce(sum(minutes), 0) FROM entry_days"
	                                   " WHERE client_id = ?1 AND day >= ?2 AND day < ?3"
	                                 : "SELECT coalesce(sum(minutes), 0) FROM time_entries"
	                                   " WHERE client_id = ?1 AND day >= ?2 AND day < ?3");
	if (!s)
		return EX_SOFTWARE;
	for (size_t i = 0; i < n; i++) {
		sqlite3_bind_text(s, 1, client_id, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 2, bounds[i], -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 3, bounds[i + 1], -1, SQLITE_STATIC);
		int src = sqlite3_step(s);
		minutes[i] = src == SQLITE_ROW ? (long)sqlite3_column_int64(s, 0) : 0;
		store_done(s);
		if (src != SQLITE_ROW)
			return store_sql_fail(st, src, "adding up the weeks");
	}
	return 0;
}

int store_dash_latest_entries(struct store *st, const char *client_id, const char *filter,
                              size_t limit, struct entry_list *out)
{
	size_t cap = 0;
	memset(out, 0, sizeof *out);
	int rc = check_client(st, client_id);
	if (rc)
		return rc;
	sqlite3_stmt *s = store_stmt(st, Q_DASH_ENTRIES,
	                             ENTRY_COLS "WHERE e.client_id = ?1 AND "
	                             MATCH("coalesce(e.note, '') || ' ' || coalesce(m.title, '')", "?2")
	                             " ORDER BY e.day DESC, e.created DESC, e.minutes DESC, e.billable DESC,"
	                             " e.rowid DESC LIMIT ?3");
	if (!s)
		return EX_SOFTWARE;
	bind_list(s, client_id, filter, limit);
	rc = append_rows(st, s, (void **)&out->items, &out->n, &cap, sizeof *out->items, read_entry,
	                 "reading the latest entries");
	if (rc)
		entry_list_free(out);
	return rc;
}

/* ---- risks ---- */

int store_dash_open_risks(struct store *st, const char *client_id, const char *filter,
                          size_t limit, struct risk_list *out)
{
	size_t cap = 0;
	memset(out, 0, sizeof *out);
	int rc = check_client(st, client_id);
	if (rc)
		return rc;
	sqlite3_stmt *s = store_stmt(st, Q_DASH_RISKS,
	                             RISK_COLS "WHERE r.client_id = ?1 AND " OPEN_RISK " AND "
	                             MATCH("r.title || ' ' || coalesce(r.owner, '')", "?2")
	                             " ORDER BY r.likelihood * r.impact DESC, r.review_date IS NULL,"
	                             " r.review_date, r.title, r.rowid LIMIT ?3");
	if (!s)
		return EX_SOFTWARE;
	bind_list(s, client_id, filter, limit);
	rc = append_rows(st, s, (void **)&out->items, &out->n, &cap, sizeof *out->items, read_risk,
	                 "reading open risks");
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
	sqlite3_stmt *s = store_stmt(st, Q_DASH_HEATMAP,
	                             "SELECT r.likelihood, r.impact, count(*) FROM risks r"
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
	size_t cap = 0;
	memset(out, 0, sizeof *out);
	int rc = check_client(st, client_id);
	if (rc)
		return rc;
	/* Dated ones by due date, then the undated: the order the
	 * actions_open_client_list index holds, so LIMIT stops the reading
	 * early. */
	sqlite3_stmt *s = store_stmt(st, Q_DASH_ACTIONS,
	                             ACTION_COLS "WHERE a.client_id = ?1 AND " OPEN_ACTION " AND "
	                             MATCH("a.title || ' ' || coalesce(a.owner, '')", "?2")
	                             " ORDER BY a.due IS NULL, a.due, a.created, a.rowid LIMIT ?3");
	if (!s)
		return EX_SOFTWARE;
	bind_list(s, client_id, filter, limit);
	rc = append_rows(st, s, (void **)&out->items, &out->n, &cap, sizeof *out->items,
	                 read_action, "reading open actions");
	if (rc)
		action_list_free(out);
	return rc;
}

int store_dash_action_counts(struct store *st, const char *client_id, const char *today,
                             int *open, int *overdue)
{
	*open = *overdue = 0;
	int rc = check_client(st, client_id);
	if (rc || (rc = store_check_day(st, "today's date", today, true)))
		return rc;
	/* Two index-only counts; the overdue one reads only the overdue rows
	 * of the (client, due) index. */
	sqlite3_stmt *s = store_stmt(st, Q_DASH_ACTION_COUNTS,
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
	sqlite3_stmt *s = store_stmt(st, Q_DASH_NEXT_DUE,
	                             ACTION_COLS "WHERE a.client_id = ?1 AND " OPEN_ACTION
	                             " AND a.due IS NOT NULL ORDER BY a.due, a.created, a.rowid"
	                             " LIMIT 1");
	if (!s)
		return EX_SOFTWARE;
	sqlite3_bind_text(s, 1, client_id, -1, SQLITE_STATIC);
	bool oom = false;
	int src = sqlite3_step(s);
	if (src == SQLITE_ROW)
		read_action(s, out, &oom);
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

int store_dash_mandates(struct store *st, const char *client_id, const char *filter,
                        size_t limit, struct mandate_list *out)
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
	                             MANDATE_COLS "WHERE m.client_id = ?1 AND m.status = 'active'"
	                             " AND m.due IS NOT NULL AND " MATCH("m.title", "?2")
	                             " ORDER BY m.due, m.rowid LIMIT ?3");
	if (!s)
		return EX_SOFTWARE;
	bind_list(s, client_id, filter, limit);
	rc = append_rows(st, s, (void **)&out->items, &out->n, &cap, sizeof *out->items,
	                 read_mandate, "reading mandates");
	if (!rc && out->n < limit) {
		s = store_stmt(st, Q_DASH_MANDATES_UNDATED,
		               MANDATE_COLS "WHERE m.client_id = ?1 AND m.status = 'active'"
		               " AND m.due IS NULL AND " MATCH("m.title", "?2")
		               " ORDER BY m.rowid LIMIT ?3");
		if (!s) {
			rc = EX_SOFTWARE;
		} else {
			bind_list(s, client_id, filter, limit - out->n);
			rc = append_rows(st, s, (void **)&out->items, &out->n, &cap, sizeof *out->items,
			                 read_mandate, "reading mandates");
		}
	}
	for (size_t k = 0; !rc && k < 2 && out->n < limit; k++) {
		s = store_stmt(st, Q_DASH_MANDATES_CLOSED,
		               MANDATE_COLS "WHERE m.client_id = ?1 AND m.status = ?4 AND "
		               MATCH("m.title", "?2") " ORDER BY m.due DESC, m.rowid DESC LIMIT ?3");
		if (!s) {
			rc = EX_SOFTWARE;
			break;
		}
		bind_list(s, client_id, filter, limit - out->n);
		sqlite3_bind_text(s, 4, closed[k], -1, SQLITE_STATIC);
		rc = append_rows(st, s, (void **)&out->items, &out->n, &cap, sizeof *out->items,
		                 read_mandate, "reading mandates");
	}
	if (rc)
		mandate_list_free(out);
	return rc;
}

/* ---- deletes ---- */

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
