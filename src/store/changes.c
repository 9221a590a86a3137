/*
 * changes.c: what the documents read of a period (schema 5): the changes
 * made since a day, shareable notes, the actions done and the risks
 * opened, closed and accepted, and the open risks counted by category
 * and framework.  Each query reads through an index by client and day,
 * so its cost follows the period and not the years behind it.
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

const char *const STORE_CHANGE_KINDS[STORE_CHANGE_KIND_COUNT] = { "mandate", "risk", "action",
	                                                          "note" };
const char *const STORE_CHANGE_WORDS[STORE_CHANGE_WORD_COUNT] = {
	"added", "edited", "closed", "accepted", "reopened", "deleted",
};

void change_list_free(struct change_list *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->n; i++)
		free(l->items[i].title);
	free(l->items);
	l->items = NULL;
	l->n = 0;
}

void name_count_list_free(struct name_count_list *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->n; i++)
		free(l->items[i].name);
	free(l->items);
	l->items = NULL;
	l->n = 0;
}

void store_read_change(sqlite3_stmt *s, void *item, bool *oom)
{
	struct item_change *c = item;
	store_col_copy(s, 0, c->kind, sizeof c->kind);
	store_col_copy(s, 1, c->item_id, sizeof c->item_id);
	store_col_copy(s, 2, c->change, sizeof c->change);
	store_col_copy(s, 3, c->at, sizeof c->at);
	c->title = store_col_dup(s, 4, oom);
}

static void read_name_count(sqlite3_stmt *s, void *item, bool *oom)
{
	struct name_count *c = item;
	c->name = store_col_dup(s, 0, oom);
	c->count = (int)store_col_clamp(s, 1, 0, INT32_MAX);
}

static int index_of(const char *const *words, size_t n, const char *word)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(words[i], word))
			return (int)i;
	return -1;
}

int store_changes_since(struct store *st, const char *client_id, const char *since, size_t limit,
                        struct change_list *out)
{
	memset(out, 0, sizeof *out);
	int rc = store_check_day(st, "day", since, true);
	if (rc || !STORE_HAS_V5(st))
		return rc;
	sqlite3_stmt *s = store_stmt(st, Q_CHANGES_SINCE,
	                             "SELECT kind, item_id, change, at, title FROM item_changes"
	                             " WHERE client_id = ?1 AND at >= ?2"
	                             " ORDER BY at DESC, rowid DESC LIMIT ?3");
	if (!s)
		return EX_SOFTWARE;
	sqlite3_bind_text(s, 1, client_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, since, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 3, limit ? (sqlite3_int64)limit : 1);
	size_t cap = 0;
	rc = store_read_rows(st, s, (void **)&out->items, &out->n, &cap, sizeof *out->items,
	                     store_read_change, "reading the changes");
	if (rc)
		change_list_free(out);
	return rc;
}

int store_change_counts(struct store *st, const char *client_id, const char *since,
                        int counts[STORE_CHANGE_KIND_COUNT][STORE_CHANGE_WORD_COUNT])
{
	memset(counts, 0, sizeof(int) * STORE_CHANGE_KIND_COUNT * STORE_CHANGE_WORD_COUNT);
	int rc = store_check_day(st, "day", since, true);
	if (rc || !STORE_HAS_V5(st))
		return rc;
	sqlite3_stmt *s =
	        store_stmt(st, Q_CHANGE_COUNTS,
	                   "SELECT kind, change, count(DISTINCT item_id) FROM item_changes"
	                   " WHERE client_id = ?1 AND at >= ?2 GROUP BY kind, change");
	if (!s)
		return EX_SOFTWARE;
	sqlite3_bind_text(s, 1, client_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, since, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *kind = (const char *)sqlite3_column_text(s, 0);
		const char *change = (const char *)sqlite3_column_text(s, 1);
		int k = kind ? index_of(STORE_CHANGE_KINDS, STORE_CHANGE_KIND_COUNT, kind) : -1;
		int w = change ? index_of(STORE_CHANGE_WORDS, STORE_CHANGE_WORD_COUNT, change) : -1;
		if (k >= 0 && w >= 0)
			counts[k][w] = (int)store_col_clamp(s, 2, 0, INT32_MAX);
	}
	store_done(s);
	return rc == SQLITE_DONE ? 0 : store_sql_fail(st, rc, "counting the changes");
}

static int note_share_write(struct store *st, const char *note_id, bool shared)
{
	int rc = store_check_id(st, "note", note_id, true);
	if (rc)
		return rc;
	struct note n;
	if ((rc = store_note_get(st, note_id, &n)) != 0)
		return rc;
	note_free(&n);
	sqlite3_stmt *s = shared ? store_stmt(st, Q_NOTE_SHARE,
	                                      "INSERT INTO note_shares(note_id) VALUES (?1) ON "
	                                      "CONFLICT DO NOTHING")
	                         : store_stmt(st, Q_NOTE_UNSHARE,
	                                      "DELETE FROM note_shares WHERE note_id = ?1");
	if (!s)
		return EX_SOFTWARE;
	sqlite3_bind_text(s, 1, note_id, -1, SQLITE_STATIC);
	return store_exec_stmt(st, s, "marking the note");
}

int store_note_set_shared(struct store *st, const char *note_id, bool shared)
{
	int rc = store_begin(st);
	if (rc)
		return rc;
	return store_end(st, note_share_write(st, note_id, shared));
}

int store_note_is_shared(struct store *st, const char *note_id, bool *shared)
{
	*shared = false;
	if (!STORE_HAS_V5(st))
		return 0;
	sqlite3_stmt *s =
	        store_stmt(st, Q_NOTE_IS_SHARED, "SELECT 1 FROM note_shares WHERE note_id = ?1");
	if (!s)
		return EX_SOFTWARE;
	sqlite3_bind_text(s, 1, note_id, -1, SQLITE_STATIC);
	int rc = sqlite3_step(s);
	*shared = rc == SQLITE_ROW;
	store_done(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : store_sql_fail(st, rc, "reading a note");
}

int store_notes_shared(struct store *st, const char *client_id, const char *from, const char *to,
                       size_t limit, struct note_list *out)
{
	memset(out, 0, sizeof *out);
	int rc;
	if ((rc = store_check_stamp(st, "start", from)) || (rc = store_check_stamp(st, "end", to)))
		return rc;
	if (!STORE_HAS_V5(st))
		return 0;
	sqlite3_stmt *s = store_stmt(
	        st, Q_NOTES_SHARED,
	        STORE_NOTE_SELECT "JOIN note_shares sh ON sh.note_id = n.id"
	                          " WHERE n.client_id = ?1 AND n.created >= ?2 AND n.created < ?3"
	                          " ORDER BY n.created, n.rowid LIMIT ?4");
	if (!s)
		return EX_SOFTWARE;
	sqlite3_bind_text(s, 1, client_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, from, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, to, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 4, limit ? (sqlite3_int64)limit : 1);
	size_t cap = 0;
	rc = store_read_rows(st, s, (void **)&out->items, &out->n, &cap, sizeof *out->items,
	                     store_read_note, "listing shared notes");
	if (rc)
		note_list_free(out);
	return rc;
}

/* Binds ?1 client, ?2 from, ?3 to after checking the days. */
static int bind_period(struct store *st, sqlite3_stmt *s, const char *client_id, const char *from,
                       const char *to)
{
	int rc;
	if ((rc = store_check_day(st, "start of the period", from, true)) ||
	    (rc = store_check_day(st, "end of the period", to, true)))
		return rc;
	sqlite3_bind_text(s, 1, client_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, from, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, to, -1, SQLITE_STATIC);
	return 0;
}

int store_actions_done_between(struct store *st, const char *client_id, const char *from,
                               const char *to, struct action_list *out)
{
	memset(out, 0, sizeof *out);
	/* Before schema 5 there is no index on the day done: the client's
	 * closed actions are read through (client, status). */
	sqlite3_stmt *s =
	        store_stmt(st, Q_ACTIONS_DONE,
	                   STORE_ACTION_SQL(st, "WHERE a.client_id = ?1 AND a.status = 'done'"
	                                        " AND a.done_on >= ?2 AND a.done_on < ?3"
	                                        " ORDER BY a.done_on, a.title, a.id"));
	if (!s)
		return EX_SOFTWARE;
	int rc = bind_period(st, s, client_id, from, to);
	if (rc) {
		store_done(s);
		return rc;
	}
	size_t cap = 0;
	rc = store_read_rows(st, s, (void **)&out->items, &out->n, &cap, sizeof *out->items,
	                     store_read_action, "listing the actions done");
	if (rc)
		action_list_free(out);
	return rc;
}

static int risks_between(struct store *st, enum stmt_id id, const char *sql, const char *client_id,
                         const char *from, const char *to, struct risk_list *out)
{
	memset(out, 0, sizeof *out);
	sqlite3_stmt *s = store_stmt(st, id, sql);
	if (!s)
		return EX_SOFTWARE;
	int rc = bind_period(st, s, client_id, from, to);
	if (rc) {
		store_done(s);
		return rc;
	}
	size_t cap = 0;
	rc = store_read_rows(st, s, (void **)&out->items, &out->n, &cap, sizeof *out->items,
	                     store_read_risk, "listing risks");
	if (rc)
		risk_list_free(out);
	return rc;
}

int store_risks_opened_between(struct store *st, const char *client_id, const char *from,
                               const char *to, struct risk_list *out)
{
	return risks_between(st, Q_RISKS_OPENED,
	                     STORE_RISK_SELECT
	                     "WHERE r.client_id = ?1 AND r.opened >= ?2"
	                     " AND r.opened < ?3 ORDER BY r.opened, r.title, r.id",
	                     client_id, from, to, out);
}

int store_risks_closed_between(struct store *st, const char *client_id, const char *from,
                               const char *to, struct risk_list *out)
{
	return risks_between(st, Q_RISKS_CLOSED,
	                     STORE_RISK_SELECT
	                     "WHERE r.client_id = ?1 AND r.closed >= ?2"
	                     " AND r.closed < ?3 ORDER BY r.closed, r.title, r.id",
	                     client_id, from, to, out);
}

int store_risks_accepted(struct store *st, const char *client_id, size_t limit,
                         struct risk_list *out)
{
	memset(out, 0, sizeof *out);
	sqlite3_stmt *s = store_stmt(st, Q_RISKS_ACCEPTED,
	                             STORE_RISK_SELECT
	                             "WHERE r.client_id = ?1 AND r.status = 'accepted'"
	                             " ORDER BY r.accepted_until IS NULL, r.accepted_until, r.title"
	                             " LIMIT ?2");
	if (!s)
		return EX_SOFTWARE;
	sqlite3_bind_text(s, 1, client_id, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, limit ? (sqlite3_int64)limit : 1);
	size_t cap = 0;
	int rc = store_read_rows(st, s, (void **)&out->items, &out->n, &cap, sizeof *out->items,
	                         store_read_risk, "listing accepted risks");
	if (rc)
		risk_list_free(out);
	return rc;
}

static int count_by(struct store *st, enum stmt_id id, const char *sql, const char *client_id,
                    struct name_count_list *out)
{
	memset(out, 0, sizeof *out);
	sqlite3_stmt *s = store_stmt(st, id, sql);
	if (!s)
		return EX_SOFTWARE;
	sqlite3_bind_text(s, 1, client_id, -1, SQLITE_STATIC);
	size_t cap = 0;
	int rc = store_read_rows(st, s, (void **)&out->items, &out->n, &cap, sizeof *out->items,
	                         read_name_count, "counting risks");
	if (rc)
		name_count_list_free(out);
	return rc;
}

int store_risk_counts(struct store *st, const char *client_id, struct name_count_list *by_category,
                      struct name_count_list *by_framework)
{
	memset(by_framework, 0, sizeof *by_framework);
	int rc = count_by(st, Q_RISK_BY_CATEGORY,
	                  "SELECT category, count(*) FROM risks WHERE client_id = ?1"
	                  " AND status IN ('open', 'mitigating')"
	                  " GROUP BY category ORDER BY count(*) DESC, category IS NULL, category",
	                  client_id, by_category);
	if (rc)
		return rc;
	rc = count_by(st, Q_RISK_BY_FRAMEWORK,
	              "SELECT framework, count(*) FROM risks WHERE client_id = ?1"
	              " AND status IN ('open', 'mitigating')"
	              " GROUP BY framework ORDER BY count(*) DESC, framework IS NULL, framework",
	              client_id, by_framework);
	if (rc)
		name_count_list_free(by_category);
	return rc;
}
