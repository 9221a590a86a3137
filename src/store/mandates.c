/*
 * mandates.c: the executive decisions owned for a client.
 */
#include "internal.h"

#include "cxo/vocab.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

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

void store_read_mandate(sqlite3_stmt *s, void *item, bool *oom)
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

static int validate(struct store *st, const struct mandate *m)
{
	int rc;
	if ((rc = store_client_key_of(st, m->client_id, NULL)) ||
	    (rc = store_check_text(st, "mandate title", m->title, MAX_NAME, true)) ||
	    (rc = store_check_text(st, "area", m->area, MAX_NAME, false)) ||
	    (rc = store_check_word(st, "mandate status", m->status, VOCAB_MANDATE_STATUS.words,
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
	sqlite3_stmt *s = store_stmt(st, Q_MANDATE_GET, STORE_MANDATE_SELECT "WHERE m.id = ?1");
	if (!s)
		return EX_SOFTWARE;
	int rc = store_read_one(st, s, id, out, store_read_mandate, "mandate", "reading a mandate");
	if (rc)
		mandate_free(out);
	return rc;
}

int store_mandate_list(struct store *st, const char *client_id, bool include_closed,
                       struct mandate_list *out)
{
	memset(out, 0, sizeof *out);
	sqlite3_stmt *s;
	if (client_id)
		s = store_stmt(st, Q_MANDATE_LIST_CLIENT,
		               STORE_MANDATE_SELECT "WHERE m.client_id = ?1 AND (?2 OR m.status = "
		                                    "'active')" STORE_MANDATE_ORDER);
	else if (include_closed)
		s = store_stmt(st, Q_MANDATE_LIST_ALL,
		               STORE_MANDATE_SELECT "WHERE ?2" STORE_MANDATE_ORDER);
	else
		s = store_stmt(st, Q_MANDATE_LIST_ALL_OPEN,
		               STORE_MANDATE_SELECT
		               "WHERE m.status = 'active' AND NOT ?2" STORE_MANDATE_ORDER);
	if (!s)
		return EX_SOFTWARE;
	if (client_id)
		sqlite3_bind_text(s, 1, client_id, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 2, include_closed);
	size_t cap = 0;
	int rc = store_read_rows(st, s, (void **)&out->items, &out->n, &cap, sizeof *out->items,
	                         store_read_mandate, "listing mandates");
	if (rc)
		mandate_list_free(out);
	return rc;
}

int store_mandate_hours(struct store *st, const char *mandate_id, const char *from, const char *to,
                        struct mandate_hours *out)
{
	memset(out, 0, sizeof *out);
	int rc;
	if ((rc = store_check_day(st, "start of the range", from, false)) ||
	    (rc = store_check_day(st, "end of the range", to, false)))
		return rc;
	/* The partial index on mandate_id holds the mandate's entries; the
	 * minutes come from their rows. */
	sqlite3_stmt *s =
	        store_stmt(st, Q_MANDATE_HOURS,
	                   "SELECT coalesce(sum(minutes), 0),"
	                   " coalesce(sum(CASE WHEN day >= ?2 AND day < ?3 THEN minutes END), 0)"
	                   " FROM time_entries WHERE mandate_id = ?1");
	if (!s)
		return EX_SOFTWARE;
	sqlite3_bind_text(s, 1, mandate_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, from && *from ? from : "0000-00-00", -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, to && *to ? to : "9999-99-99", -1, SQLITE_STATIC);
	int src = sqlite3_step(s);
	if (src == SQLITE_ROW) {
		out->total_minutes = (long)store_col_clamp(s, 0, 0, LONG_MAX);
		out->month_minutes = (long)store_col_clamp(s, 1, 0, LONG_MAX);
	}
	store_done(s);
	return src == SQLITE_ROW ? 0 : store_sql_fail(st, src, "adding up a mandate's hours");
}

int store_check_mandate_link(struct store *st, const char *mandate_id, const char *client_id)
{
	return store_check_link(st, Q_MANDATE_CLIENT,
	                        "SELECT client_id = ?2 FROM mandates WHERE id = ?1", "mandate",
	                        mandate_id, client_id);
}
