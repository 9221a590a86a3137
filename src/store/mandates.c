/*
 * mandates.c: the executive decisions owned for a client.
 */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#define MANDATE_SELECT                                                                             \
	"SELECT m.id, m.client_id, c.key, m.title, m.area, m.status, m.due, m.measure,"            \
	" (SELECT count(*) FROM actions a WHERE a.mandate_id = m.id"                               \
	"  AND a.status IN ('todo', 'waiting'))"                                                   \
	" FROM mandates m JOIN clients c ON c.id = m.client_id "
#define MANDATE_ORDER " ORDER BY m.status <> 'active', m.due IS NULL, m.due, m.title, m.rowid"

void mandate_free(struct mandate *m)
{
	if (!m)
		return;
	free(m->title);
	free(m->area);
	free(m->measure);
	m->title = m->area = m->measure = NULL;
}

void mandate_list_free(struct mandate_list *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->n; i++)
		mandate_free(&l->items[i]);
	free(l->items);
	l->items = NULL;
	l->n = 0;
}

static void read_mandate(sqlite3_stmt *s, struct mandate *m, bool *oom)
{
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

static int validate(struct store *st, const struct mandate *m)
{
	int rc;
	if ((rc = store_client_key_of(st, m->client_id, NULL)) ||
	    (rc = store_check_text(st, "mandate title", m->title, MAX_NAME, true)) ||
	    (rc = store_check_text(st, "area", m->area, MAX_NAME, false)) ||
	    (rc = store_check_word(st, "mandate status", m->status, STORE_WORDS_MANDATE_STATUS,
	                           false)) ||
	    (rc = store_check_day(st, "due date", m->due, false)) ||
	    (rc = store_check_text(st, "success measure", m->measure, MAX_TEXT, false)))
		return rc;
	return 0;
}

/* ?1 id, ?2 client, ?3 title, ?4 area, ?5 status, ?6 due, ?7 measure. */
static void bind_mandate(sqlite3_stmt *s, const struct mandate *m)
{
	sqlite3_bind_text(s, 1, m->id, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, m->client_id, -1, SQLITE_STATIC);
	store_bind_text(s, 3, m->title);
	store_bind_text(s, 4, m->area);
	sqlite3_bind_text(s, 5, m->status[0] ? m->status : "active", -1, SQLITE_STATIC);
	store_bind_text(s, 6, m->due);
	store_bind_text(s, 7, m->measure);
}

static int mandate_insert(struct store *st, struct mandate *m)
{
	int rc = validate(st, m);
	if (rc || (rc = store_new_id(st, m->id)) != 0)
		return rc;
	if (!m->status[0])
		snprintf(m->status, sizeof m->status, "active");
	char created[STAMP_LEN];
	store_now_stamp(created);
	sqlite3_stmt *s = store_stmt(
	    st, Q_MANDATE_INSERT,
	    "INSERT INTO mandates(id, client_id, title, area, status, due, measure, created)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
	if (!s)
		return EX_SOFTWARE;
	bind_mandate(s, m);
	sqlite3_bind_text(s, 8, created, -1, SQLITE_STATIC);
	return store_exec_stmt(st, s, "adding the mandate");
}

int store_mandate_add(struct store *st, struct mandate *m)
{
	int rc = store_begin(st);
	if (rc)
		return rc;
	return store_end(st, mandate_insert(st, m));
}

static int mandate_update(struct store *st, const struct mandate *m)
{
	int rc = store_check_id(st, "mandate", m->id, true);
	if (rc || (rc = validate(st, m)) != 0)
		return rc;
	sqlite3_stmt *s = store_stmt(
	    st, Q_MANDATE_UPDATE,
	    "UPDATE mandates SET client_id = ?2, title = ?3, area = ?4, status = ?5, due = ?6,"
	    " measure = ?7 WHERE id = ?1");
	if (!s)
		return EX_SOFTWARE;
	bind_mandate(s, m);
	if ((rc = store_exec_stmt(st, s, "updating the mandate")) != 0)
		return rc;
	if (sqlite3_changes(st->db) == 0)
		return store_fail(st, EX_NOINPUT, "no mandate with id %s", m->id);
	return 0;
}

int store_mandate_update(struct store *st, const struct mandate *m)
{
	int rc = store_begin(st);
	if (rc)
		return rc;
	return store_end(st, mandate_update(st, m));
}

int store_mandate_get(struct store *st, const char *id, struct mandate *out)
{
	memset(out, 0, sizeof *out);
	sqlite3_stmt *s = store_stmt(st, Q_MANDATE_GET, MANDATE_SELECT "WHERE m.id = ?1");
	if (!s)
		return EX_SOFTWARE;
	sqlite3_bind_text(s, 1, id ? id : "", -1, SQLITE_STATIC);
	int src = sqlite3_step(s);
	bool oom = false;
	if (src == SQLITE_ROW)
		read_mandate(s, out, &oom);
	store_done(s);
	if (oom) {
		mandate_free(out);
		return store_fail(st, EX_SOFTWARE, "out of memory");
	}
	if (src == SQLITE_DONE) {
		char shown[80];
		store_msg_text(id, shown, sizeof shown);
		return store_fail(st, EX_NOINPUT, "no mandate with id %s", shown);
	}
	return src == SQLITE_ROW ? 0 : store_sql_fail(st, src, "reading a mandate");
}

int store_mandate_list(struct store *st, const char *client_id, bool include_closed,
                       struct mandate_list *out)
{
	memset(out, 0, sizeof *out);
	sqlite3_stmt *s;
	if (client_id)
		s = store_stmt(
		    st, Q_MANDATE_LIST_CLIENT,
		    MANDATE_SELECT
		    "WHERE m.client_id = ?1 AND (?2 OR m.status = 'active')" MANDATE_ORDER);
	else if (include_closed)
		s = store_stmt(st, Q_MANDATE_LIST_ALL, MANDATE_SELECT "WHERE ?2" MANDATE_ORDER);
	else
		s = store_stmt(st, Q_MANDATE_LIST_ALL_OPEN,
		               MANDATE_SELECT "WHERE m.status = 'active' AND NOT ?2" MANDATE_ORDER);
	if (!s)
		return EX_SOFTWARE;
	if (client_id)
		sqlite3_bind_text(s, 1, client_id, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 2, include_closed);
	size_t cap = 0;
	int src;
	bool oom = false;
	while (!oom && (src = sqlite3_step(s)) == SQLITE_ROW) {
		if (store_list_grow((void **)&out->items, &cap, out->n, sizeof *out->items)) {
			oom = true;
			break;
		}
		read_mandate(s, &out->items[out->n++], &oom);
	}
	store_done(s);
	if (oom || src != SQLITE_DONE) {
		mandate_list_free(out);
		return oom ? store_fail(st, EX_SOFTWARE, "out of memory")
		           : store_sql_fail(st, src, "listing mandates");
	}
	return 0;
}

int store_check_mandate_link(struct store *st, const char *mandate_id, const char *client_id)
{
	if (!mandate_id || !*mandate_id)
		return 0;
	int rc = store_check_id(st, "mandate", mandate_id, true);
	if (rc)
		return rc;
	sqlite3_stmt *s =
	    store_stmt(st, Q_MANDATE_CLIENT, "SELECT client_id = ?2 FROM mandates WHERE id = ?1");
	if (!s)
		return EX_SOFTWARE;
	sqlite3_bind_text(s, 1, mandate_id, -1, SQLITE_STATIC);
	store_bind_text(s, 2, client_id);
	int src = sqlite3_step(s);
	bool same = src == SQLITE_ROW && sqlite3_column_int(s, 0);
	store_done(s);
	char sid[SHORT_ID_LEN + 1];
	if (src == SQLITE_DONE)
		return store_fail(st, EX_DATAERR, "no mandate with id %s", mandate_id);
	if (src != SQLITE_ROW)
		return store_sql_fail(st, src, "reading a mandate");
	if (!same)
		return store_fail(st, EX_DATAERR, "mandate %s belongs to another client",
		                  store_short_id(mandate_id, sid));
	return 0;
}
