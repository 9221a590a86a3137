/*
 * timeimport.c: the bulk path of the Harvest and Toggl Track imports.
 * The statements are prepared once per import (not in the cache of
 * enum stmt_id) and reused for every row; each row costs one indexed
 * lookup of its source, then an entry and its source inserted, the
 * entries' triggers (entry_days, client_seen, month locks) as always.
 */
#include "internal.h"

#include "cxo/uuid.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sysexits.h>

/* Random bytes drawn at a time for the entries' ids. */
#define ID_BATCH 256

struct store_time_import {
	struct store *st;
	bool dry;
	sqlite3_stmt *seen, *lock, *entry, *source;
	char created[STAMP_LEN];
	/* The last month asked about: rows come mostly in order of days. */
	char lock_client[UUID_LEN];
	char lock_month[8];
	bool lock_hit;
	uint8_t random[ID_BATCH * 16];
	size_t random_used;
};

static int prepare(struct store *st, const char *sql, sqlite3_stmt **out)
{
	int rc = sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT, out, NULL);
	if (rc != SQLITE_OK)
		return store_sql_fail(st, rc, "preparing the import");
	return 0;
}

static void finalize(struct store_time_import *t)
{
	sqlite3_finalize(t->seen);
	sqlite3_finalize(t->lock);
	sqlite3_finalize(t->entry);
	sqlite3_finalize(t->source);
	t->seen = t->lock = t->entry = t->source = NULL;
}

int store_time_import_begin(struct store *st, bool dry, struct store_time_import **out)
{
	*out = NULL;
	if (!STORE_HAS_V6(st))
		return store_fail(st, EX_SOFTWARE, "internal error: a time import needs schema 6");
	struct store_time_import *t = calloc(1, sizeof *t);
	if (!t)
		return store_fail(st, EX_OSERR, "out of memory");
	t->st = st;
	t->dry = dry;
	t->random_used = sizeof t->random;
	store_now_stamp(t->created);
	int rc = dry ? store_read_begin(st) : store_begin(st);
	if (rc) {
		free(t);
		return rc;
	}
	if ((rc = prepare(st, "SELECT 1 FROM entry_sources WHERE service = ?1 AND source_key = ?2",
	                  &t->seen)) ||
	    (rc = prepare(st, "SELECT 1 FROM month_locks WHERE client_id = ?1 AND month = ?2",
	                  &t->lock)) ||
	    (rc = prepare(st,
	                  "INSERT INTO time_entries(id, client_id, mandate_id, day, minutes, note,"
	                  " billable, created) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
	                  &t->entry)) ||
	    (rc = prepare(st,
	                  "INSERT INTO entry_sources(entry_id, service, source_key, start_time,"
	                  " end_time) VALUES (?1, ?2, ?3, ?4, ?5)",
	                  &t->source))) {
		finalize(t);
		if (dry)
			store_read_end(st);
		else
			store_end(st, rc);
		free(t);
		return rc;
	}
	*out = t;
	return 0;
}

int store_time_import_seen(struct store_time_import *t, const char *service, const char *key,
                           bool *seen)
{
	sqlite3_stmt *s = t->seen;
	sqlite3_bind_text(s, 1, service, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, key, -1, SQLITE_STATIC);
	int rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_sql_fail(t->st, rc, "looking for an imported entry");
	*seen = rc == SQLITE_ROW;
	return 0;
}

int store_time_import_locked(struct store_time_import *t, const char *client_id, const char *day)
{
	if (strcmp(t->lock_client, client_id) || strncmp(t->lock_month, day, 7)) {
		sqlite3_stmt *s = t->lock;
		sqlite3_bind_text(s, 1, client_id, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 2, day, 7, SQLITE_STATIC);
		int rc = sqlite3_step(s);
		sqlite3_reset(s);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE)
			return store_sql_fail(t->st, rc, "reading the locked months");
		snprintf(t->lock_client, sizeof t->lock_client, "%s", client_id);
		memcpy(t->lock_month, day, 7);
		t->lock_month[7] = '\0';
		t->lock_hit = rc == SQLITE_ROW;
	}
	return t->lock_hit ? store_lock_refuse(t->st, client_id, day) : 0;
}

static int new_id(struct store_time_import *t, char id[UUID_LEN])
{
	if (t->random_used == sizeof t->random) {
		size_t got = 0;
		while (got < sizeof t->random) {
			ssize_t n = getrandom(t->random + got, sizeof t->random - got, 0);
			if (n < 0) {
				if (errno == EINTR)
					continue;
				return store_fail(t->st, EX_SOFTWARE,
				                  "cannot make a new id: getrandom: %s",
				                  strerror(errno));
			}
			got += (size_t)n;
		}
		t->random_used = 0;
	}
	uuid_format_v4(t->random + t->random_used, id);
	t->random_used += 16;
	return 0;
}

static int step_done(struct store *st, sqlite3_stmt *s, const char *what, const char *constraint)
{
	int rc = sqlite3_step(s);
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	if (rc == SQLITE_DONE)
		return 0;
	return store_write_fail(st, rc, what, constraint);
}

int store_time_import_add(struct store_time_import *t, const struct time_import_entry *e)
{
	struct store *st = t->st;
	int rc;
	if ((rc = store_check_day(st, "date", e->day, true)) ||
	    (rc = store_check_range(st, "minutes", e->minutes, 1, 1440)) ||
	    (rc = store_check_text(st, "note", e->note, MAX_TEXT, false)) ||
	    (rc = store_check_text(st, "source key", e->source_key, 200, true)))
		return rc;
	if (t->dry)
		return 0;
	char id[UUID_LEN];
	if ((rc = new_id(t, id)))
		return rc;
	sqlite3_stmt *s = t->entry;
	sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, e->client_id, -1, SQLITE_STATIC);
	store_bind_text(s, 3, e->mandate_id);
	sqlite3_bind_text(s, 4, e->day, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 5, e->minutes);
	store_bind_text(s, 6, e->note);
	sqlite3_bind_int(s, 7, e->billable ? 1 : 0);
	sqlite3_bind_text(s, 8, t->created, -1, SQLITE_STATIC);
	if ((rc = step_done(st, s, "adding the entry", "the entry was refused")))
		return rc;
	s = t->source;
	sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, e->service, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, e->source_key, -1, SQLITE_STATIC);
	store_bind_text(s, 4, e->start_time);
	store_bind_text(s, 5, e->end_time);
	return step_done(st, s, "recording where the entry came from",
	                 "the entry's source was refused");
}

int store_time_import_end(struct store_time_import *t, int rc)
{
	if (!t)
		return rc;
	struct store *st = t->st;
	bool dry = t->dry;
	finalize(t);
	free(t);
	if (dry) {
		store_read_end(st);
		return rc;
	}
	return store_end(st, rc);
}
