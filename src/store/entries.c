/*
 * entries.c: time entries, their sums over a range of days, and the one
 * running timer.
 */
#include "internal.h"

#include "cxo/duration.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>

/* The table's own order since schema 2, so no sort: entries made in the
 * same second fall in the order of their ids. */
#define ENTRY_ORDER " ORDER BY e.day, e.created, e.id"

/* Open ends of a day range: every ISO day sorts between these. */
#define DAY_MIN "0000-00-00"
#define DAY_MAX "9999-99-99"

void entry_free(struct entry *e)
{
	if (!e)
		return;
	free(e->mandate_title);
	free(e->note);
	e->mandate_title = e->note = NULL;
}

void entry_list_free(struct entry_list *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->n; i++)
		entry_free(&l->items[i]);
	free(l->items);
	l->items = NULL;
	l->n = 0;
}

void timer_free(struct timer *t)
{
	if (!t)
		return;
	free(t->note);
	t->note = NULL;
}

void store_read_entry(sqlite3_stmt *s, void *item, bool *oom)
{
	struct entry *e = item;
	memset(e, 0, sizeof *e);
	store_col_copy(s, 0, e->id, sizeof e->id);
	store_col_copy(s, 1, e->client_id, sizeof e->client_id);
	store_col_copy(s, 2, e->client_key, sizeof e->client_key);
	store_col_copy(s, 3, e->mandate_id, sizeof e->mandate_id);
	e->mandate_title = store_col_dup(s, 4, oom);
	store_col_copy(s, 5, e->day, sizeof e->day);
	e->minutes = (int)store_col_clamp(s, 6, 1, DURATION_MAX_MINUTES);
	e->note = store_col_dup(s, 7, oom);
	e->billable = sqlite3_column_int(s, 8) != 0;
	store_col_copy(s, 9, e->created, sizeof e->created);
}

/* Checks e and fills e->client_key (the struct is the caller's copy). */
static int validate(struct store *st, struct entry *e)
{
	int rc;
	if ((rc = store_client_key_of(st, e->client_id, e->client_key)) ||
	    (rc = store_check_mandate_link(st, e->mandate_id, e->client_id)) ||
	    (rc = store_check_day(st, "date", e->day, true)) ||
	    (rc = store_check_range(st, "minutes", e->minutes, 1, 1440)) ||
	    (rc = store_check_text(st, "note", e->note, MAX_TEXT, false)))
		return rc;
	if (e->created[0] && (rc = store_check_stamp(st, "creation time", e->created)) != 0)
		return rc;
	return 0;
}

/* EX_DATAERR when the stored entry id lies in a locked month; EX_NOINPUT
 * when there is no such entry. */
static int refuse_locked_entry(struct store *st, const char *id)
{
	if (!STORE_HAS_V5(st))
		return 0;
	struct entry old;
	int rc = store_entry_get(st, id, &old);
	if (!rc)
		rc = store_lock_refuse(st, old.client_id, old.day);
	entry_free(&old);
	return rc;
}

/* ?1 id, ?2 client, ?3 mandate, ?4 day, ?5 minutes, ?6 note, ?7 billable,
 * ?8 created. */
static void bind_entry(sqlite3_stmt *s, const struct entry *e)
{
	sqlite3_bind_text(s, 1, e->id, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, e->client_id, -1, SQLITE_STATIC);
	store_bind_text(s, 3, e->mandate_id);
	sqlite3_bind_text(s, 4, e->day, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 5, e->minutes);
	store_bind_text(s, 6, e->note);
	sqlite3_bind_int(s, 7, e->billable ? 1 : 0);
	store_bind_text(s, 8, e->created);
}

static int entry_insert(struct store *st, struct entry *e)
{
	int rc = validate(st, e);
	if (rc || (rc = store_lock_refuse(st, e->client_id, e->day)) ||
	    (rc = store_new_id(st, e->id)) != 0)
		return rc;
	/* A caller may carry the creation time over (an import); else now. */
	if (!e->created[0])
		store_now_stamp(e->created);
	sqlite3_stmt *s = store_stmt(
	        st, Q_ENTRY_INSERT,
	        "INSERT INTO time_entries(id, client_id, mandate_id, day, minutes, note, billable,"
	        " created) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
	if (!s)
		return EX_SOFTWARE;
	bind_entry(s, e);
	return store_exec_stmt(st, s, "adding the entry");
}

int store_entry_add(struct store *st, struct entry *e)
{
	int rc = store_begin(st);
	if (rc)
		return rc;
	return store_end(st, entry_insert(st, e));
}

static int entry_update(struct store *st, const struct entry *orig)
{
	struct entry e = *orig; /* validate() fills client_key */
	int rc = store_check_id(st, "entry", e.id, true);
	if (rc || (rc = validate(st, &e)) || (rc = refuse_locked_entry(st, e.id)) ||
	    (rc = store_lock_refuse(st, e.client_id, e.day)) != 0)
		return rc;
	sqlite3_stmt *s = store_stmt(
	        st, Q_ENTRY_UPDATE,
	        "UPDATE time_entries SET client_id = ?2, mandate_id = ?3, day = ?4, minutes = ?5,"
	        " note = ?6, billable = ?7, created = coalesce(?8, created) WHERE id = ?1");
	if (!s)
		return EX_SOFTWARE;
	bind_entry(s, &e);
	if ((rc = store_exec_stmt(st, s, "updating the entry")) != 0)
		return rc;
	if (sqlite3_changes(st->db) == 0)
		return store_fail(st, EX_NOINPUT, "no entry with id %s", e.id);
	return 0;
}

int store_entry_update(struct store *st, const struct entry *e)
{
	int rc = store_begin(st);
	if (rc)
		return rc;
	return store_end(st, entry_update(st, e));
}

static int entry_delete(struct store *st, const char *id)
{
	int rc = store_check_id(st, "entry", id, true);
	if (rc || (rc = refuse_locked_entry(st, id)) != 0)
		return rc;
	sqlite3_stmt *s = store_stmt(st, Q_ENTRY_DELETE, "DELETE FROM time_entries WHERE id = ?1");
	if (!s)
		return EX_SOFTWARE;
	sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
	if ((rc = store_exec_stmt(st, s, "removing the entry")) != 0)
		return rc;
	if (sqlite3_changes(st->db) == 0)
		return store_fail(st, EX_NOINPUT, "no entry with id %s", id);
	return 0;
}

int store_entry_delete(struct store *st, const char *id)
{
	int rc = store_begin(st);
	if (rc)
		return rc;
	return store_end(st, entry_delete(st, id));
}

int store_entry_get(struct store *st, const char *id, struct entry *out)
{
	memset(out, 0, sizeof *out);
	sqlite3_stmt *s = store_stmt(st, Q_ENTRY_GET, STORE_ENTRY_SELECT "WHERE e.id = ?1");
	if (!s)
		return EX_SOFTWARE;
	int rc = store_read_one(st, s, id, out, store_read_entry, "entry", "reading an entry");
	if (rc)
		entry_free(out);
	return rc;
}

static int check_range_args(struct store *st, const char *from, const char *to)
{
	int rc;
	if ((rc = store_check_day(st, "start of the range", from, false)) ||
	    (rc = store_check_day(st, "end of the range", to, false)))
		return rc;
	return 0;
}

/* The listing statement for a range, bound; NULL on failure. */
static sqlite3_stmt *list_stmt(struct store *st, const char *client_id, const char *from,
                               const char *to)
{
	sqlite3_stmt *s =
	        client_id ? store_stmt(st, Q_ENTRY_LIST_CLIENT,
	                               STORE_ENTRY_SELECT "WHERE e.client_id = ?1 AND e.day >= ?2 "
	                                                  "AND e.day < ?3" ENTRY_ORDER)
	                  : store_stmt(st, Q_ENTRY_LIST_ALL,
	                               STORE_ENTRY_SELECT
	                               "WHERE e.day >= ?2 AND e.day < ?3" ENTRY_ORDER);
	if (!s)
		return NULL;
	if (client_id)
		sqlite3_bind_text(s, 1, client_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, from && *from ? from : DAY_MIN, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, to && *to ? to : DAY_MAX, -1, SQLITE_STATIC);
	return s;
}

int store_entry_each(struct store *st, const char *client_id, const char *from, const char *to,
                     int (*fn)(const struct entry *e, void *ctx), void *ctx)
{
	int rc = check_range_args(st, from, to);
	if (rc)
		return rc;
	sqlite3_stmt *s = list_stmt(st, client_id, from, to);
	if (!s)
		return EX_SOFTWARE;
	struct entry e;
	int src;
	while ((src = sqlite3_step(s)) == SQLITE_ROW) {
		/* The columns of STORE_ENTRY_SELECT, the two texts borrowed. */
		store_col_copy(s, 0, e.id, sizeof e.id);
		store_col_copy(s, 1, e.client_id, sizeof e.client_id);
		store_col_copy(s, 2, e.client_key, sizeof e.client_key);
		store_col_copy(s, 3, e.mandate_id, sizeof e.mandate_id);
		e.mandate_title = (char *)sqlite3_column_text(s, 4);
		store_col_copy(s, 5, e.day, sizeof e.day);
		e.minutes = (int)store_col_clamp(s, 6, 1, DURATION_MAX_MINUTES);
		e.note = (char *)sqlite3_column_text(s, 7);
		e.billable = sqlite3_column_int(s, 8) != 0;
		store_col_copy(s, 9, e.created, sizeof e.created);
		if ((rc = fn(&e, ctx)) != 0)
			break;
	}
	store_done(s);
	if (rc)
		return rc;
	return src == SQLITE_DONE ? 0 : store_sql_fail(st, src, "listing entries");
}

int store_entry_sum(struct store *st, const char *client_id, const char *from, const char *to,
                    struct hours_sum *out)
{
	memset(out, 0, sizeof *out);
	int rc = check_range_args(st, from, to);
	if (rc)
		return rc;
		/* A row a day from entry_days; a schema 1 file, read as it is, adds
		 * up its entries. */
#define SUM_DAYS "SELECT coalesce(sum(minutes), 0), coalesce(sum(billable), 0) FROM entry_days"
#define SUM_ENTRIES                                                                                \
	"SELECT coalesce(sum(minutes), 0), coalesce(sum(billable * minutes), 0) FROM time_entries"
#define CLIENT_RANGE " WHERE client_id = ?1 AND day >= ?2 AND day < ?3"
#define RANGE " WHERE day >= ?2 AND day < ?3"
	bool days = STORE_HAS_ENTRY_DAYS(st);
	sqlite3_stmt *s =
	        client_id ? store_stmt(st, Q_ENTRY_SUM_CLIENT,
	                               days ? SUM_DAYS CLIENT_RANGE : SUM_ENTRIES CLIENT_RANGE)
	                  : store_stmt(st, Q_ENTRY_SUM_ALL,
	                               days ? SUM_DAYS RANGE : SUM_ENTRIES RANGE);
#undef SUM_DAYS
#undef SUM_ENTRIES
#undef CLIENT_RANGE
#undef RANGE
	if (!s)
		return EX_SOFTWARE;
	if (client_id)
		sqlite3_bind_text(s, 1, client_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, from && *from ? from : DAY_MIN, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, to && *to ? to : DAY_MAX, -1, SQLITE_STATIC);
	int src = sqlite3_step(s);
	if (src == SQLITE_ROW) {
		out->minutes = (long)store_col_clamp(s, 0, 0, LONG_MAX);
		out->billable_minutes = (long)store_col_clamp(s, 1, 0, LONG_MAX);
	}
	store_done(s);
	return src == SQLITE_ROW ? 0 : store_sql_fail(st, src, "adding up hours");
}

/* ---- timer ---- */

int store_timer_get(struct store *st, struct timer *out)
{
	memset(out, 0, sizeof *out);
	sqlite3_stmt *s =
	        store_stmt(st, Q_TIMER_GET,
	                   "SELECT t.id, t.client_id, c.key, t.note, t.started"
	                   " FROM timer t JOIN clients c ON c.id = t.client_id WHERE t.slot = 1");
	if (!s)
		return EX_SOFTWARE;
	int src = sqlite3_step(s);
	bool oom = false;
	if (src == SQLITE_ROW) {
		store_col_copy(s, 0, out->id, sizeof out->id);
		store_col_copy(s, 1, out->client_id, sizeof out->client_id);
		store_col_copy(s, 2, out->client_key, sizeof out->client_key);
		out->note = store_col_dup(s, 3, &oom);
		out->started = store_col_clamp(s, 4, 0, STORE_TIME_MAX);
	}
	store_done(s);
	if (oom)
		return store_fail(st, EX_SOFTWARE, "out of memory");
	if (src == SQLITE_DONE)
		return store_fail(st, EX_NOINPUT, "no timer is running");
	return src == SQLITE_ROW ? 0 : store_sql_fail(st, src, "reading the timer");
}

static int timer_begin(struct store *st, struct timer *t)
{
	struct timer running;
	int rc = store_timer_get(st, &running);
	if (rc == 0) {
		char when[CLOCK_TEXT_LEN];
		clock_local_text(running.started, when, sizeof when);
		rc = store_fail(st, EX_DATAERR, "a timer is already running for %s (started %s)",
		                running.client_key, when);
		timer_free(&running);
		return rc;
	}
	if (rc != EX_NOINPUT)
		return rc;
	if ((rc = store_client_key_of(st, t->client_id, t->client_key)) ||
	    (rc = store_check_text(st, "note", t->note, MAX_TEXT, false)) ||
	    (rc = store_check_range(st, "timer start", t->started, 0, STORE_TIME_MAX)) ||
	    (rc = store_new_id(st, t->id)))
		return rc;
	if (t->started == 0)
		t->started = (int64_t)time(NULL);
	sqlite3_stmt *s = store_stmt(
	        st, Q_TIMER_INSERT,
	        "INSERT INTO timer(id, slot, client_id, note, started) VALUES (?1, 1, ?2, ?3, ?4)");
	if (!s)
		return EX_SOFTWARE;
	sqlite3_bind_text(s, 1, t->id, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, t->client_id, -1, SQLITE_STATIC);
	store_bind_text(s, 3, t->note);
	sqlite3_bind_int64(s, 4, t->started);
	int src = sqlite3_step(s);
	store_done(s);
	if (src == SQLITE_DONE)
		return 0;
	return store_write_fail(st, src, "starting the timer", "a timer is already running");
}

int store_timer_start(struct store *st, struct timer *t)
{
	int rc = store_begin(st);
	if (rc)
		return rc;
	return store_end(st, timer_begin(st, t));
}

static int timer_remove(struct store *st)
{
	sqlite3_stmt *s = store_stmt(st, Q_TIMER_DELETE, "DELETE FROM timer WHERE slot = 1");
	if (!s)
		return EX_SOFTWARE;
	int rc = store_exec_stmt(st, s, "stopping the timer");
	if (rc)
		return rc;
	if (sqlite3_changes(st->db) == 0)
		return store_fail(st, EX_NOINPUT, "no timer is running");
	return 0;
}

static int timer_stop(struct store *st, struct entry *e)
{
	struct timer running;
	int rc = store_timer_get(st, &running);
	if (rc)
		return rc;
	if (!e->client_id[0])
		memcpy(e->client_id, running.client_id, sizeof e->client_id);
	timer_free(&running);
	if ((rc = timer_remove(st)) != 0)
		return rc;
	return entry_insert(st, e);
}

int store_timer_stop(struct store *st, struct entry *e)
{
	int rc = store_begin(st);
	if (rc)
		return rc;
	return store_end(st, timer_stop(st, e));
}

int store_timer_cancel(struct store *st)
{
	int rc = store_begin(st);
	if (rc)
		return rc;
	return store_end(st, timer_remove(st));
}
