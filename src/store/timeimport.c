/*
 * timeimport.c: the bulk path of the Harvest and Toggl Track imports.
 * The statements are prepared once per import (not in the cache of
 * enum stmt_id).  Each row costs one indexed lookup of its source, then
 * goes into a temporary table in memory; every CHUNK rows one INSERT ...
 * SELECT adds their entries and one their sources, the entries' triggers
 * (entry_days, client_seen, month locks) as always.  A statement that
 * fires those triggers keeps a copy of each page it changes until it
 * ends (its own journal, so it can be undone alone): one statement for
 * thousands of rows copies each page once, one a row (or a few hundred)
 * copies the same pages again and again.
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
/* The page cache of an import: the entries' id index and the sources'
 * keys are random, so a year of rows touches pages all over them; with
 * SQLite's default 2 MiB they go out to the WAL and back for every few
 * rows (200,000 rows: 19 s, most of it in the kernel). */
#define IMPORT_CACHE_KIB 65536
/* The rows waiting to be written, CHUNK at a time: each write keeps a
 * copy of the pages it changes until it ends, so its memory follows the
 * chunk, not the file. */
#define STAGE "temp.cxo_import_rows"
#define CHUNK 4096

struct store_time_import {
	struct store *st;
	bool dry;
	bool staged; /* STAGE was made */
	sqlite3_stmt *seen, *lock, *stage, *entries, *sources, *clear;
	size_t staged_rows; /* rows in STAGE */
	uint32_t failed;    /* the tag of the row that failed, 0 when none */
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
	sqlite3_finalize(t->stage);
	sqlite3_finalize(t->entries);
	sqlite3_finalize(t->sources);
	sqlite3_finalize(t->clear);
	t->seen = t->lock = t->stage = t->entries = t->sources = t->clear = NULL;
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
	char sql[64];
	snprintf(sql, sizeof sql, "PRAGMA cache_size = -%d", IMPORT_CACHE_KIB);
	int rc = store_pragma(st, sql);
	/* The waiting rows, and what the statements keep to undo
	 * themselves: in memory, not in temporary files. */
	if (!rc)
		rc = store_pragma(st, "PRAGMA temp_store = MEMORY");
	if (!rc)
		rc = dry ? store_read_begin(st) : store_begin(st);
	if (rc) {
		free(t);
		return rc;
	}
	if (!dry) {
		rc = store_pragma(st, "CREATE TEMP TABLE cxo_import_rows (id TEXT, client_id TEXT,"
		                      " mandate_id TEXT, day TEXT, minutes INTEGER, note TEXT,"
		                      " billable INTEGER, service TEXT, source_key TEXT,"
		                      " start_time TEXT, end_time TEXT)");
		t->staged = !rc;
	}
	if (rc ||
	    (rc = prepare(st, "SELECT 1 FROM entry_sources WHERE service = ?1 AND source_key = ?2",
	                  &t->seen)) ||
	    (rc = prepare(st, "SELECT 1 FROM month_locks WHERE client_id = ?1 AND month = ?2",
	                  &t->lock)) ||
	    (!dry && (rc = prepare(st,
	                           "INSERT INTO " STAGE " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8,"
	                           " ?9, ?10, ?11)",
	                           &t->stage))) ||
	    (!dry &&
	     (rc = prepare(st,
	                   "INSERT INTO time_entries(id, client_id, mandate_id, day, minutes, note,"
	                   " billable, created) SELECT id, client_id, mandate_id, day, minutes,"
	                   " note, billable, ?1 FROM " STAGE " ORDER BY rowid",
	                   &t->entries))) ||
	    (!dry && (rc = prepare(st,
	                           "INSERT INTO entry_sources(entry_id, service, source_key,"
	                           " start_time, end_time) SELECT id, service, source_key,"
	                           " start_time, end_time FROM " STAGE " ORDER BY rowid",
	                           &t->sources))) ||
	    (!dry && (rc = prepare(st, "DELETE FROM " STAGE, &t->clear)))) {
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

/* Every waiting row's entry, then its source, in the order they came;
 * then STAGE is emptied. */
static int flush(struct store_time_import *t)
{
	if (!t->staged_rows)
		return 0;
	sqlite3_bind_text(t->entries, 1, t->created, -1, SQLITE_STATIC);
	int rc = step_done(t->st, t->entries, "adding the entries", "an entry was refused");
	if (!rc)
		rc = step_done(t->st, t->sources, "recording where the entries came from",
		               "an entry's source was refused");
	if (!rc)
		rc = step_done(t->st, t->clear, "clearing the rows written", NULL);
	t->staged_rows = 0;
	return rc;
}

int store_time_import_add(struct store_time_import *t, const struct time_import_entry *e)
{
	struct store *st = t->st;
	int rc;
	if ((rc = store_check_day(st, "date", e->day, true)) ||
	    (rc = store_check_range(st, "minutes", e->minutes, 1, 1440)) ||
	    (rc = store_check_text(st, "note", e->note, MAX_TEXT, false)) ||
	    (rc = store_check_text(st, "source key", e->source_key, 200, true))) {
		t->failed = e->tag;
		return rc;
	}
	if (t->dry)
		return 0;
	char id[UUID_LEN];
	if ((rc = new_id(t, id)))
		return rc;
	sqlite3_stmt *s = t->stage;
	sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, e->client_id, -1, SQLITE_STATIC);
	store_bind_text(s, 3, e->mandate_id);
	sqlite3_bind_text(s, 4, e->day, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 5, e->minutes);
	store_bind_text(s, 6, e->note);
	sqlite3_bind_int(s, 7, e->billable ? 1 : 0);
	sqlite3_bind_text(s, 8, e->service, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 9, e->source_key, -1, SQLITE_STATIC);
	store_bind_text(s, 10, e->start_time);
	store_bind_text(s, 11, e->end_time);
	if ((rc = step_done(st, s, "keeping the row", "the row was refused"))) {
		t->failed = e->tag;
		return rc;
	}
	return ++t->staged_rows == CHUNK ? flush(t) : 0;
}

uint32_t store_time_import_failed(const struct store_time_import *t)
{
	return t ? t->failed : 0;
}

int store_time_import_end(struct store_time_import *t, int rc, uint32_t *failed)
{
	*failed = 0;
	if (!t)
		return rc;
	struct store *st = t->st;
	bool dry = t->dry, staged = t->staged;
	if (!rc && !dry)
		rc = flush(t);
	finalize(t);
	*failed = t->failed;
	free(t);
	if (dry) {
		store_read_end(st);
		return rc;
	}
	/* Gone with a rollback; dropped before a commit. */
	if (!rc && staged)
		rc = store_pragma(st, "DROP TABLE " STAGE);
	return store_end(st, rc);
}
