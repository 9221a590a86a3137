/*
 * actions.c: next actions, open (todo, waiting) or closed (done, dropped).
 *
 * Open actions are a few hundred among tens of thousands of closed ones,
 * so every open-only query names status IN ('todo', 'waiting') literally:
 * that is what lets SQLite use the partial indexes on open actions.
 */
#include "internal.h"

#include "cxo/vocab.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#define OPEN "a.status IN ('todo', 'waiting')"
#define ACTION_FILTER " AND (?3 IS NULL OR a.due < ?3) AND (NOT ?4 OR a.status = 'waiting')"
#define ACTION_ORDER                                                                               \
	" ORDER BY a.status IN ('done', 'dropped'), a.due IS NULL, a.due, "                        \
	"a.created" STORE_ACTION_TIES

void action_free(struct action *a)
{
	if (!a)
		return;
	free(a->mandate_title);
	free(a->risk_title);
	free(a->title);
	free(a->owner);
	free(a->waiting_for);
	a->mandate_title = a->risk_title = a->title = a->owner = a->waiting_for = NULL;
}

void action_list_free(struct action_list *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->n; i++)
		action_free(&l->items[i]);
	free(l->items);
	l->items = NULL;
	l->n = 0;
}

void store_read_action(sqlite3_stmt *s, void *item, bool *oom)
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
	a->waiting_for = store_col_dup(s, 9, oom);
	store_col_copy(s, 10, a->due, sizeof a->due);
	store_col_copy(s, 11, a->status, sizeof a->status);
	store_col_copy(s, 12, a->waiting_since, sizeof a->waiting_since);
	store_col_copy(s, 13, a->done_on, sizeof a->done_on);
	store_col_copy(s, 14, a->created, sizeof a->created);
}

static int validate(struct store *st, const struct action *a)
{
	int rc;
	if ((rc = store_client_key_of(st, a->client_id, NULL)) ||
	    (rc = store_check_mandate_link(st, a->mandate_id, a->client_id)) ||
	    (rc = store_check_risk_link(st, a->risk_id, a->client_id)) ||
	    (rc = store_check_text(st, "action title", a->title, MAX_NAME, true)) ||
	    (rc = store_check_text(st, "owner", a->owner, MAX_NAME, false)) ||
	    (rc = store_check_text(st, "person waited for", a->waiting_for, MAX_NAME, false)) ||
	    (rc = store_check_day(st, "due date", a->due, false)) ||
	    (rc = store_check_word(st, "action status", a->status, VOCAB_ACTION_STATUS.words,
	                           false)) ||
	    (rc = store_check_day(st, "waiting-since date", a->waiting_since, false)) ||
	    (rc = store_check_day(st, "done date", a->done_on, false)) ||
	    (rc = store_check_day(st, "creation date", a->created, false)))
		return rc;
	return 0;
}

/* ?1 id ... ?11 created, in STORE_ACTION_SELECT order without the joined
 * names, then ?12 waiting_for. */
static void bind_action(sqlite3_stmt *s, const struct action *a)
{
	sqlite3_bind_text(s, 1, a->id, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, a->client_id, -1, SQLITE_STATIC);
	store_bind_text(s, 3, a->mandate_id);
	store_bind_text(s, 4, a->risk_id);
	store_bind_text(s, 5, a->title);
	store_bind_text(s, 6, a->owner);
	store_bind_text(s, 7, a->due);
	sqlite3_bind_text(s, 8, a->status[0] ? a->status : "todo", -1, SQLITE_STATIC);
	store_bind_text(s, 9, a->waiting_since);
	store_bind_text(s, 10, a->done_on);
	store_bind_text(s, 11, a->created);
	store_bind_text(s, 12, a->waiting_for);
}

static int action_insert(struct store *st, struct action *a)
{
	int rc = validate(st, a);
	if (rc || (rc = store_new_id(st, a->id)) != 0)
		return rc;
	if (!a->status[0])
		snprintf(a->status, sizeof a->status, "todo");
	if (!a->created[0])
		store_today(a->created);
	sqlite3_stmt *s = store_stmt(
	        st, Q_ACTION_INSERT,
	        "INSERT INTO actions(id, client_id, mandate_id, risk_id, title, owner, due, status,"
	        " waiting_since, done_on, created, waiting_for) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7,"
	        " ?8, ?9, ?10, ?11, ?12)");
	if (!s)
		return EX_SOFTWARE;
	bind_action(s, a);
	return store_exec_stmt(st, s, "adding the action");
}

int store_action_add(struct store *st, struct action *a)
{
	int rc = store_begin(st);
	if (rc)
		return rc;
	return store_end(st, action_insert(st, a));
}

static int action_update(struct store *st, const struct action *a)
{
	int rc = store_check_id(st, "action", a->id, true);
	if (rc || (rc = validate(st, a)) != 0)
		return rc;
	sqlite3_stmt *s = store_stmt(
	        st, Q_ACTION_UPDATE,
	        "UPDATE actions SET client_id = ?2, mandate_id = ?3, risk_id = ?4, title = ?5,"
	        " owner = ?6, due = ?7, status = ?8, waiting_since = ?9, done_on = ?10,"
	        " created = coalesce(?11, created), waiting_for = ?12 WHERE id = ?1");
	if (!s)
		return EX_SOFTWARE;
	bind_action(s, a);
	if ((rc = store_exec_stmt(st, s, "updating the action")) != 0)
		return rc;
	if (sqlite3_changes(st->db) == 0)
		return store_fail(st, EX_NOINPUT, "no action with id %s", a->id);
	return 0;
}

int store_action_update(struct store *st, const struct action *a)
{
	int rc = store_begin(st);
	if (rc)
		return rc;
	return store_end(st, action_update(st, a));
}

int store_action_get(struct store *st, const char *id, struct action *out)
{
	memset(out, 0, sizeof *out);
	sqlite3_stmt *s = store_stmt(st, Q_ACTION_GET, STORE_ACTION_SQL(st, "WHERE a.id = ?1"));
	if (!s)
		return EX_SOFTWARE;
	int rc = store_read_one(st, s, id, out, store_read_action, "action", "reading an action");
	if (rc)
		action_free(out);
	return rc;
}

/*
 * The statement for a filter.  The most selective of mandate, risk and
 * client picks the index; the rest filter what it yields.  Parameters:
 * ?1 client, ?2 include closed, ?3 due before, ?4 waiting only, ?5 mandate,
 * ?6 risk.
 */
static sqlite3_stmt *list_stmt(struct store *st, const struct action_filter *f)
{
	if (f->mandate_id)
		return store_stmt(
		        st, Q_ACTION_LIST_MANDATE,
		        STORE_ACTION_SQL(
		                st,
		                "WHERE a.mandate_id = ?5"
		                " AND (?1 IS NULL OR a.client_id = ?1)"
		                " AND (?2 OR " OPEN ")"
		                " AND (?6 IS NULL OR a.risk_id = ?6)" ACTION_FILTER ACTION_ORDER));
	if (f->risk_id)
		return store_stmt(st, Q_ACTION_LIST_RISK,
		                  STORE_ACTION_SQL(st, "WHERE a.risk_id = ?6"
		                                       " AND (?1 IS NULL OR a.client_id = ?1)"
		                                       " AND (?2 OR " OPEN
		                                       ")" ACTION_FILTER ACTION_ORDER));
	if (f->client_id && !f->include_closed)
		return store_stmt(st, Q_ACTION_LIST_CLIENT_OPEN,
		                  STORE_ACTION_SQL(st,
		                                   "WHERE a.client_id = ?1 AND " OPEN ACTION_FILTER
		                                           STORE_ACTION_OPEN_ORDER));
	if (f->client_id)
		return store_stmt(
		        st, Q_ACTION_LIST_CLIENT_ALL,
		        STORE_ACTION_SQL(st, "WHERE a.client_id = ?1" ACTION_FILTER ACTION_ORDER));
	if (!f->include_closed)
		return store_stmt(st, Q_ACTION_LIST_ALL_OPEN,
		                  STORE_ACTION_SQL(st, "WHERE " OPEN ACTION_FILTER ACTION_ORDER));
	return store_stmt(st, Q_ACTION_LIST_ALL_ALL,
	                  STORE_ACTION_SQL(st, "WHERE 1" ACTION_FILTER ACTION_ORDER));
}

/* The list statement for f, checked and bound; NULL with *rc set. */
static sqlite3_stmt *bound_list_stmt(struct store *st, const struct action_filter *f, int *rc)
{
	static const struct action_filter none = { 0 };
	if (!f)
		f = &none;
	if ((*rc = store_check_day(st, "due date", f->due_before, false)) != 0)
		return NULL;
	sqlite3_stmt *s = list_stmt(st, f);
	if (!s) {
		*rc = EX_SOFTWARE;
		return NULL;
	}
	/* Not every variant names every parameter. */
	if (sqlite3_bind_parameter_count(s) >= 1)
		store_bind_text(s, 1, f->client_id);
	if (sqlite3_bind_parameter_count(s) >= 2)
		sqlite3_bind_int(s, 2, f->include_closed);
	store_bind_text(s, 3, f->due_before);
	sqlite3_bind_int(s, 4, f->waiting_only);
	if (sqlite3_bind_parameter_count(s) >= 5)
		store_bind_text(s, 5, f->mandate_id);
	if (sqlite3_bind_parameter_count(s) >= 6)
		store_bind_text(s, 6, f->risk_id);
	return s;
}

int store_action_list(struct store *st, const struct action_filter *f, struct action_list *out)
{
	memset(out, 0, sizeof *out);
	int rc;
	sqlite3_stmt *s = bound_list_stmt(st, f, &rc);
	if (!s)
		return rc;
	size_t cap = 0;
	rc = store_read_rows(st, s, (void **)&out->items, &out->n, &cap, sizeof *out->items,
	                     store_read_action, "listing actions");
	if (rc)
		action_list_free(out);
	return rc;
}

void store_borrow_action(sqlite3_stmt *s, struct action *a)
{
	store_col_copy(s, 0, a->id, sizeof a->id);
	store_col_copy(s, 1, a->client_id, sizeof a->client_id);
	store_col_copy(s, 2, a->client_key, sizeof a->client_key);
	store_col_copy(s, 3, a->mandate_id, sizeof a->mandate_id);
	a->mandate_title = (char *)sqlite3_column_text(s, 4);
	store_col_copy(s, 5, a->risk_id, sizeof a->risk_id);
	a->risk_title = (char *)sqlite3_column_text(s, 6);
	a->title = (char *)sqlite3_column_text(s, 7);
	a->owner = (char *)sqlite3_column_text(s, 8);
	a->waiting_for = (char *)sqlite3_column_text(s, 9);
	store_col_copy(s, 10, a->due, sizeof a->due);
	store_col_copy(s, 11, a->status, sizeof a->status);
	store_col_copy(s, 12, a->waiting_since, sizeof a->waiting_since);
	store_col_copy(s, 13, a->done_on, sizeof a->done_on);
	store_col_copy(s, 14, a->created, sizeof a->created);
}

int store_action_each(struct store *st, const struct action_filter *f,
                      int (*fn)(const struct action *a, void *ctx), void *ctx)
{
	int rc;
	sqlite3_stmt *s = bound_list_stmt(st, f, &rc);
	if (!s)
		return rc;
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
	store_done(s);
	if (rc)
		return rc;
	return src == SQLITE_DONE ? 0 : store_sql_fail(st, src, "listing actions");
}

int store_action_count_overdue(struct store *st, const char *client_id, const char *today,
                               int *count)
{
	*count = 0;
	int rc = store_check_day(st, "today's date", today, true);
	if (rc)
		return rc;
	sqlite3_stmt *s =
	        client_id
	                ? store_stmt(
	                          st, Q_ACTION_OVERDUE_CLIENT,
	                          "SELECT count(*) FROM actions a WHERE a.client_id = ?1 AND " OPEN
	                          " AND a.due < ?2")
	                : store_stmt(st, Q_ACTION_OVERDUE_ALL,
	                             "SELECT count(*) FROM actions a WHERE " OPEN
	                             " AND a.due < ?2");
	if (!s)
		return EX_SOFTWARE;
	if (client_id)
		sqlite3_bind_text(s, 1, client_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, today, -1, SQLITE_STATIC);
	int src = sqlite3_step(s);
	if (src == SQLITE_ROW)
		*count = sqlite3_column_int(s, 0);
	store_done(s);
	return src == SQLITE_ROW ? 0 : store_sql_fail(st, src, "counting overdue actions");
}
