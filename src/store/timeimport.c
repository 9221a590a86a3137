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
/* The page cache of an import: the entries' id index and the sources'
 * keys are random, so a year of rows touches pages all over them; with
 * SQLite's default 2 MiB they go out to the WAL and back for every few
 * rows (200,000 rows: 19 s, most of it in the kernel). */
#define IMPORT_CACHE_KIB 131072
/* Rows inserted by one statement. */
#define BATCH 256

/* A row waiting for its batch: its texts are offsets into the batch's
 * bytes (NO_TEXT for NULL). */
#define NO_TEXT SIZE_MAX
enum { P_ID, P_CLIENT, P_MANDATE, P_DAY, P_NOTE, P_SERVICE, P_KEY, P_START, P_END, P_COUNT };
struct pending {
	size_t text[P_COUNT];
	int minutes;
	bool billable;
	uint32_t tag;
};

struct store_time_import {
	struct store *st;
	bool dry;
	sqlite3_stmt *seen, *lock, *entry, *source;
	/* BATCH rows in one statement each: one statement journal, one
	 * savepoint, one halt for all of them instead of one a row. */
	sqlite3_stmt *entries, *sources;
	struct pending rows[BATCH];
	size_t nrows;
	char *bytes;
	size_t nbytes, capbytes;
	uint32_t failed; /* the tag of the row that failed, 0 when none */
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
	sqlite3_finalize(t->entries);
	sqlite3_finalize(t->sources);
	free(t->bytes);
	t->bytes = NULL;
	t->seen = t->lock = t->entry = t->source = t->entries = t->sources = NULL;
}

/* "INSERT ... VALUES (?2, ?3, ...), ..." for BATCH rows of n columns
 * each, numbered from first; last, when not NULL, ends every row. */
static char *batch_sql(const char *head, int n, int first, const char *last)
{
	size_t cap = strlen(head) + (size_t)BATCH * ((size_t)n * 8 + 16) + 1;
	char *sql = malloc(cap);
	if (!sql)
		return NULL;
	size_t len = (size_t)snprintf(sql, cap, "%s", head);
	int k = first;
	for (int r = 0; r < BATCH; r++) {
		len += (size_t)snprintf(sql + len, cap - len, "%s(", r ? ", " : " VALUES ");
		for (int c = 0; c < n; c++)
			len += (size_t)snprintf(sql + len, cap - len, "%s?%d", c ? ", " : "", k++);
		len += (size_t)snprintf(sql + len, cap - len, "%s%s)", last ? ", " : "",
		                        last ? last : "");
	}
	return sql;
}

static int prepare_batches(struct store_time_import *t)
{
	char *e =
	        batch_sql("INSERT INTO time_entries(id, client_id, mandate_id, day, minutes, note,"
	                  " billable, created)",
	                  7, 2, "?1");
	char *s = batch_sql("INSERT INTO entry_sources(entry_id, service, source_key, start_time,"
	                    " end_time)",
	                    5, 1, NULL);
	int rc = 0;
	if (!e || !s)
		rc = store_fail(t->st, EX_OSERR, "out of memory");
	if (!rc)
		rc = prepare(t->st, e, &t->entries);
	if (!rc)
		rc = prepare(t->st, s, &t->sources);
	free(e);
	free(s);
	return rc;
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
	/* Each row's statement keeps what it changed until it ends (its
	 * triggers may abort it): in memory, not in a temporary file. */
	if (!rc)
		rc = store_pragma(st, "PRAGMA temp_store = MEMORY");
	if (!rc)
		rc = dry ? store_read_begin(st) : store_begin(st);
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
	                  &t->source)) ||
	    (rc = prepare_batches(t))) {
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

/* Copies text into the batch's bytes: its offset, or NO_TEXT for NULL
 * or "" (bound as NULL). */
static int keep(struct store_time_import *t, const char *text, size_t *out)
{
	if (!text || !*text) {
		*out = NO_TEXT;
		return 0;
	}
	size_t n = strlen(text) + 1;
	if (t->nbytes + n > t->capbytes) {
		size_t cap = t->capbytes ? t->capbytes * 2 : 65536;
		while (cap < t->nbytes + n)
			cap *= 2;
		char *b = realloc(t->bytes, cap);
		if (!b)
			return store_fail(t->st, EX_OSERR, "out of memory");
		t->bytes = b;
		t->capbytes = cap;
	}
	memcpy(t->bytes + t->nbytes, text, n);
	*out = t->nbytes;
	t->nbytes += n;
	return 0;
}

static void bind_kept(struct store_time_import *t, sqlite3_stmt *s, int i, size_t off)
{
	if (off == NO_TEXT)
		sqlite3_bind_null(s, i);
	else
		sqlite3_bind_text(s, i, t->bytes + off, -1, SQLITE_STATIC);
}

/* Binds row p's entry from ?first (7 values) and its source from
 * ?sfirst (5 values). */
static void bind_entry(struct store_time_import *t, sqlite3_stmt *s, int first,
                       const struct pending *p)
{
	bind_kept(t, s, first, p->text[P_ID]);
	bind_kept(t, s, first + 1, p->text[P_CLIENT]);
	bind_kept(t, s, first + 2, p->text[P_MANDATE]);
	bind_kept(t, s, first + 3, p->text[P_DAY]);
	sqlite3_bind_int(s, first + 4, p->minutes);
	bind_kept(t, s, first + 5, p->text[P_NOTE]);
	sqlite3_bind_int(s, first + 6, p->billable ? 1 : 0);
}

static void bind_source(struct store_time_import *t, sqlite3_stmt *s, int first,
                        const struct pending *p)
{
	bind_kept(t, s, first, p->text[P_ID]);
	bind_kept(t, s, first + 1, p->text[P_SERVICE]);
	bind_kept(t, s, first + 2, p->text[P_KEY]);
	bind_kept(t, s, first + 3, p->text[P_START]);
	bind_kept(t, s, first + 4, p->text[P_END]);
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

/* The pending rows one statement at a time: the rows of a short last
 * batch, or of a batch that failed, to name the row at fault. */
static int flush_singly(struct store_time_import *t)
{
	for (size_t i = 0; i < t->nrows; i++) {
		const struct pending *p = &t->rows[i];
		bind_entry(t, t->entry, 1, p);
		sqlite3_bind_text(t->entry, 8, t->created, -1, SQLITE_STATIC);
		int rc = step_done(t->st, t->entry, "adding the entry", "the entry was refused");
		if (!rc) {
			bind_source(t, t->source, 1, p);
			rc = step_done(t->st, t->source, "recording where the entry came from",
			               "the entry's source was refused");
		}
		if (rc) {
			t->failed = p->tag;
			return rc;
		}
	}
	return 0;
}

static int flush(struct store_time_import *t)
{
	int rc = 0;
	if (t->nrows == BATCH) {
		sqlite3_bind_text(t->entries, 1, t->created, -1, SQLITE_STATIC);
		for (size_t i = 0; i < t->nrows; i++) {
			bind_entry(t, t->entries, 2 + (int)i * 7, &t->rows[i]);
			bind_source(t, t->sources, 1 + (int)i * 5, &t->rows[i]);
		}
		rc = step_done(t->st, t->entries, "adding the entries", "an entry was refused");
		/* A refused entry undid its statement only: the batch's rows one
		 * by one find it. */
		if (rc == EX_DATAERR && !sqlite3_get_autocommit(t->st->db))
			rc = flush_singly(t);
		else if (!rc)
			rc = step_done(t->st, t->sources, "recording where the entries came from",
			               "an entry's source was refused");
		sqlite3_reset(t->sources);
		sqlite3_clear_bindings(t->sources);
	} else {
		rc = flush_singly(t);
	}
	t->nrows = 0;
	t->nbytes = 0;
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
	struct pending *p = &t->rows[t->nrows];
	p->minutes = e->minutes;
	p->billable = e->billable;
	p->tag = e->tag;
	if ((rc = keep(t, id, &p->text[P_ID])) ||
	    (rc = keep(t, e->client_id, &p->text[P_CLIENT])) ||
	    (rc = keep(t, e->mandate_id, &p->text[P_MANDATE])) ||
	    (rc = keep(t, e->day, &p->text[P_DAY])) || (rc = keep(t, e->note, &p->text[P_NOTE])) ||
	    (rc = keep(t, e->service, &p->text[P_SERVICE])) ||
	    (rc = keep(t, e->source_key, &p->text[P_KEY])) ||
	    (rc = keep(t, e->start_time, &p->text[P_START])) ||
	    (rc = keep(t, e->end_time, &p->text[P_END])))
		return rc;
	if (++t->nrows == BATCH)
		return flush(t);
	return 0;
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
	bool dry = t->dry;
	if (!rc && !dry && t->nrows)
		rc = flush(t);
	*failed = t->failed;
	finalize(t);
	free(t);
	if (dry) {
		store_read_end(st);
		return rc;
	}
	return store_end(st, rc);
}
