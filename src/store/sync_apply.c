/*
 * sync_apply.c: another device's change applied here, in one transaction,
 * with every conflict resolved the same way on every device, so that all
 * of them end alike whatever order the changes arrive in:
 *
 *  - a field both devices changed goes to the later hybrid logical clock
 *    (a change made or applied here later than theirs keeps ours);
 *  - a field only they changed takes their value, even where the rest of
 *    the row differs;
 *  - an edit beats a delete: their delete of a row edited here is not
 *    applied; their edit of a row deleted here brings the row back (its
 *    values from the delete recorded here, their edit on top);
 *  - a row whose parent is gone goes the way a delete of the parent would
 *    have taken it (deleted, or its reference cleared);
 *  - a client key, or an imported entry's source, taken twice: the lower
 *    id keeps it; the other client gets the key with its id's start, the
 *    other entry goes.
 *
 * Each case is recorded in sync_conflicts.  The changeset is read with
 * SQLite's iterator and applied row by row with statements prepared once
 * (sync_tables.c), comparing each row with what the change expects.
 * Foreign keys are checked at the end (defer_foreign_keys), after the
 * rows whose parent is gone are settled.  While the change is applied,
 * sync_applying holds a row so that a locked month lets it in (the lock's
 * device receives the same entry).  The running timer is this machine's
 * own and is never applied.
 */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "cxo/journal.h"
#include "sync_tables.h"

struct found {
	char kind[SYNC_KIND_LEN];
	char table[32];
	char *row_id;
	char *client_id;
	char *field; /* NULL: the row */
	char *ours;
	char *theirs;
	bool kept_theirs;
	int64_t our_hlc;
};

/* A row that referred to an item not there yet: tried again at the end. */
struct later {
	struct sync_table *t;
	char table[32];
	bool update;          /* else an insert */
	uint64_t mask;        /* update: the columns to set */
	sqlite3_value **vals; /* dup'd, every column known */
};

struct apply_ctx {
	struct store *st;
	const char *device;
	int64_t hlc;
	struct found *found;
	size_t nfound, capfound;
	struct later *later;
	size_t nlater, caplater;
	long long changes;
	bool exact; /* every row as the change expected: it is its own record */
};

static bool is_fk(int src)
{
	return src == SQLITE_CONSTRAINT_FOREIGNKEY;
}

static void later_free(struct later *l)
{
	for (int i = 0; l->vals && i < sync_table_ncol(l->t); i++)
		sqlite3_value_free(l->vals[i]);
	free(l->vals);
	memset(l, 0, sizeof *l);
}

/* Keeps a row for later: vals (and key, for an update) copied. */
static int postpone(struct apply_ctx *c, struct sync_table *t, const char *table, bool update,
                    uint64_t mask, sqlite3_value **vals, sqlite3_value **key)
{
	if (c->nlater == c->caplater) {
		size_t ncap = c->caplater ? c->caplater * 2 : 8;
		struct later *p = realloc(c->later, ncap * sizeof *p);
		if (!p)
			return store_fail(c->st, EX_SOFTWARE, "out of memory");
		c->later = p;
		c->caplater = ncap;
	}
	c->exact = false;
	int n = sync_table_ncol(t);
	struct later *l = &c->later[c->nlater];
	memset(l, 0, sizeof *l);
	l->t = t;
	snprintf(l->table, sizeof l->table, "%s", table);
	l->update = update;
	l->mask = mask;
	if (!(l->vals = calloc((size_t)n, sizeof *l->vals)))
		return store_fail(c->st, EX_SOFTWARE, "out of memory");
	c->nlater++;
	for (int i = 0; i < n; i++) {
		sqlite3_value *v = key && key[i] ? key[i] : vals[i];
		if (update && !(key && key[i]) && !(mask & (UINT64_C(1) << i)))
			v = NULL;
		if (v && !(l->vals[i] = sqlite3_value_dup(v)))
			return store_fail(c->st, EX_SOFTWARE, "out of memory");
	}
	return 0;
}

/* ---- values ---- */

static bool same_value(sqlite3_value *a, sqlite3_value *b)
{
	if (!a || !b)
		return a == b;
	int t = sqlite3_value_type(a);
	if (t != sqlite3_value_type(b))
		return false;
	switch (t) {
	case SQLITE_NULL:
		return true;
	case SQLITE_INTEGER:
		return sqlite3_value_int64(a) == sqlite3_value_int64(b);
	case SQLITE_FLOAT:
		return sqlite3_value_double(a) == sqlite3_value_double(b);
	default: {
		const void *pa = t == SQLITE_TEXT ? (const void *)sqlite3_value_text(a)
		                                  : sqlite3_value_blob(a);
		const void *pb = t == SQLITE_TEXT ? (const void *)sqlite3_value_text(b)
		                                  : sqlite3_value_blob(b);
		int n = sqlite3_value_bytes(a);
		return n == sqlite3_value_bytes(b) && (n == 0 || memcmp(pa, pb, (size_t)n) == 0);
	}
	}
}

/* Whether column i of the row s is on equals v (NULL pointer: never). */
static bool column_is(sqlite3_stmt *s, int i, sqlite3_value *v)
{
	if (!v)
		return false;
	int t = sqlite3_column_type(s, i);
	if (t != sqlite3_value_type(v))
		return false;
	switch (t) {
	case SQLITE_NULL:
		return true;
	case SQLITE_INTEGER:
		return sqlite3_column_int64(s, i) == sqlite3_value_int64(v);
	case SQLITE_FLOAT:
		return sqlite3_column_double(s, i) == sqlite3_value_double(v);
	default: {
		const void *pa = t == SQLITE_TEXT ? (const void *)sqlite3_column_text(s, i)
		                                  : sqlite3_column_blob(s, i);
		const void *pb = t == SQLITE_TEXT ? (const void *)sqlite3_value_text(v)
		                                  : sqlite3_value_blob(v);
		int n = sqlite3_column_bytes(s, i);
		return n == sqlite3_value_bytes(v) && (n == 0 || memcmp(pa, pb, (size_t)n) == 0);
	}
	}
}

static char *value_text(sqlite3_value *v)
{
	if (!v || sqlite3_value_type(v) == SQLITE_NULL)
		return NULL;
	const unsigned char *t = sqlite3_value_text(v);
	return t ? strdup((const char *)t) : NULL;
}

static char *column_text(sqlite3_stmt *s, int i)
{
	const unsigned char *t = sqlite3_column_text(s, i);
	return t ? strdup((const char *)t) : NULL;
}

/* ---- the record of conflicts ---- */

static void found_free(struct found *f)
{
	free(f->row_id);
	free(f->client_id);
	free(f->field);
	free(f->ours);
	free(f->theirs);
}

/* The row's id as recorded: its id column, or its key columns joined. */
static char *row_id_text(const struct sync_table *t, sqlite3_value **key)
{
	int i = sync_table_find(t, "id");
	if (i < 0 && (i = sync_table_find(t, "note_id")) < 0 &&
	    (i = sync_table_find(t, "entry_id")) < 0)
		i = sync_table_find(t, "client_id");
	if (i >= 0 && sync_table_is_key(t, i) && key[i])
		return value_text(key[i]);
	char buf[200] = "";
	for (int k = 0; k < sync_table_ncol(t); k++) {
		if (!sync_table_is_key(t, k) || !key[k])
			continue;
		size_t len = strlen(buf);
		const unsigned char *v = sqlite3_value_text(key[k]);
		snprintf(buf + len, sizeof buf - len, "%s%s", len ? "/" : "",
		         v ? (const char *)v : "");
	}
	return strdup(buf);
}

static struct found *add_found(struct apply_ctx *c, const char *kind, const char *table)
{
	if (c->nfound == c->capfound) {
		size_t ncap = c->capfound ? c->capfound * 2 : 8;
		struct found *p = realloc(c->found, ncap * sizeof *p);
		if (!p) {
			store_fail(c->st, EX_SOFTWARE, "out of memory");
			return NULL;
		}
		c->found = p;
		c->capfound = ncap;
	}
	struct found *f = &c->found[c->nfound++];
	memset(f, 0, sizeof *f);
	snprintf(f->kind, sizeof f->kind, "%s", kind);
	snprintf(f->table, sizeof f->table, "%s", table);
	return f;
}

/* A conflict about the row whose key is key: its client from the row
 * here when on it (row), else from vals. */
static struct found *add_row_found(struct apply_ctx *c, const char *kind, struct sync_table *t,
                                   const char *table, sqlite3_value **key, sqlite3_stmt *row,
                                   sqlite3_value **vals)
{
	struct found *f = add_found(c, kind, table);
	if (!f)
		return NULL;
	int ci = !strcmp(table, "clients") ? sync_table_find(t, "id")
	                                   : sync_table_find(t, "client_id");
	f->row_id = row_id_text(t, key);
	if (ci >= 0)
		f->client_id = row ? column_text(row, ci) : vals ? value_text(vals[ci]) : NULL;
	if (!f->row_id) {
		store_fail(c->st, EX_SOFTWARE, "out of memory");
		return NULL;
	}
	return f;
}

static int record_found(struct apply_ctx *c)
{
	char at[STAMP_LEN];
	store_now_stamp(at);
	sqlite3_stmt *s = NULL;
	int src = sqlite3_prepare_v2(
	        c->st->db,
	        "INSERT INTO sync_conflicts(at, device, kind, tbl, row_id, client_id, field, ours,"
	        " theirs, kept, our_hlc, their_hlc) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9,"
	        " ?10, ?11, ?12)",
	        -1, &s, NULL);
	for (size_t i = 0; src == SQLITE_OK && i < c->nfound; i++) {
		struct found *f = &c->found[i];
		sqlite3_bind_text(s, 1, at, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 2, c->device, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 3, f->kind, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 4, f->table, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 5, f->row_id ? f->row_id : "?", -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 6, f->client_id, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 7, f->field, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 8, f->ours, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 9, f->theirs, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 10, f->kept_theirs ? "theirs" : "ours", -1, SQLITE_STATIC);
		if (f->our_hlc)
			sqlite3_bind_int64(s, 11, f->our_hlc);
		else
			sqlite3_bind_null(s, 11);
		sqlite3_bind_int64(s, 12, c->hlc);
		src = sqlite3_step(s);
		sqlite3_reset(s);
		src = src == SQLITE_DONE ? SQLITE_OK : src;
	}
	sqlite3_finalize(s);
	return src == SQLITE_OK ? 0 : store_sql_fail(c->st, src, "recording a sync conflict");
}

/* ---- what was recorded here ---- */

/* Whether the iterator's change is to table's row whose key is key. */
static bool same_row(sqlite3_changeset_iter *it, const char *table, int ncol,
                     const struct sync_table *t, sqlite3_value **key)
{
	const char *name;
	int n, op, indirect;
	sqlite3changeset_op(it, &name, &n, &op, &indirect);
	if (strcmp(name, table) || n != ncol)
		return false;
	for (int i = 0; i < ncol; i++) {
		if (!sync_table_is_key(t, i))
			continue;
		sqlite3_value *v = NULL;
		if (op == SQLITE_INSERT)
			sqlite3changeset_new(it, i, &v);
		else
			sqlite3changeset_old(it, i, &v);
		if (!same_value(v, key[i]))
			return false;
	}
	return true;
}

/*
 * Walks the journal's changes later than after, newest first, for one to
 * the row: with col >= 0, one that set that column (an insert sets all),
 * whose clock goes to *hlc; with col < 0, the delete of the row, whose
 * values go to vals (dup'd, the caller frees).  *hit says if one was.
 */
static int journal_find(struct apply_ctx *c, struct sync_table *t, const char *table,
                        sqlite3_value **key, int col, int64_t after, int64_t *hlc,
                        sqlite3_value **vals, bool *hit)
{
	*hit = false;
	int ncol = sync_table_ncol(t), rc = 0;
	sqlite3_stmt *s = NULL;
	int src = sqlite3_prepare_v2(c->st->db,
	                             "SELECT hlc, changeset FROM journal WHERE hlc > ?1"
	                             " ORDER BY hlc DESC",
	                             -1, &s, NULL);
	if (src == SQLITE_OK)
		sqlite3_bind_int64(s, 1, after);
	while (!*hit && !rc && src == SQLITE_OK && (src = sqlite3_step(s)) == SQLITE_ROW) {
		sqlite3_changeset_iter *it = NULL;
		int n = sqlite3_column_bytes(s, 1);
		int isrc = sqlite3changeset_start(&it, n, (void *)sqlite3_column_blob(s, 1));
		while (!*hit && isrc == SQLITE_OK && sqlite3changeset_next(it) == SQLITE_ROW) {
			if (!same_row(it, table, ncol, t, key))
				continue;
			const char *name;
			int nc, op, indirect;
			sqlite3changeset_op(it, &name, &nc, &op, &indirect);
			if (col >= 0) {
				sqlite3_value *v = NULL;
				if (op == SQLITE_INSERT ||
				    (op == SQLITE_UPDATE &&
				     sqlite3changeset_new(it, col, &v) == SQLITE_OK && v)) {
					*hit = true;
					*hlc = sqlite3_column_int64(s, 0);
				}
			} else if (op == SQLITE_DELETE) {
				*hit = true;
				for (int i = 0; i < ncol && !rc; i++) {
					sqlite3_value *v = NULL;
					sqlite3changeset_old(it, i, &v);
					if (v && !(vals[i] = sqlite3_value_dup(v)))
						rc = store_fail(c->st, EX_SOFTWARE,
						                "out of memory");
				}
			}
		}
		if (it)
			sqlite3changeset_finalize(it);
		src = SQLITE_OK;
	}
	if (!rc && src != SQLITE_OK && src != SQLITE_DONE)
		rc = store_sql_fail(c->st, src, "reading the journal");
	sqlite3_finalize(s);
	return rc;
}

/* ---- one change ---- */

/*
 * Decides, column by column, which of their values (newv; old its
 * expected values, NULL for an insert) to take over the row here: a
 * column only they changed takes theirs; one both changed goes to the
 * later clock, and is recorded.  Sets *mask (bit i: take column i).
 */
static int decide(struct apply_ctx *c, struct sync_table *t, const char *table, sqlite3_value **key,
                  sqlite3_stmt *row, sqlite3_value **old, sqlite3_value **newv, uint64_t *mask)
{
	*mask = 0;
	int ncol = sync_table_ncol(t);
	for (int i = 0; i < ncol; i++) {
		if (sync_table_is_key(t, i) || !newv[i])
			continue;
		bool clean = old && column_is(row, i, old[i]);
		if (!clean)
			c->exact = false;
		if (column_is(row, i, newv[i]))
			continue;
		if (!clean) {
			int64_t ours = 0;
			bool later = false;
			int rc = journal_find(c, t, table, key, i, c->hlc, &ours, NULL, &later);
			if (rc)
				return rc;
			struct found *f = add_row_found(c, "field", t, table, key, row, NULL);
			if (!f)
				return EX_SOFTWARE;
			f->field = strdup(sync_table_column(t, i));
			f->ours = column_text(row, i);
			f->theirs = value_text(newv[i]);
			f->kept_theirs = !later;
			f->our_hlc = ours;
			if (later)
				continue;
		}
		*mask |= UINT64_C(1) << i;
	}
	return 0;
}

static int write_fail(struct apply_ctx *c, int src)
{
	return store_sql_fail(c->st, src, "applying a change from sync");
}

/* A value holding text, made by SQLite (dup'd; NULL when out of memory). */
static sqlite3_value *text_value(struct store *st, const char *text)
{
	sqlite3_stmt *s = sync_fixed(st, SYNC_TEXT_VALUE, "SELECT ?1");
	sqlite3_value *v = NULL;
	if (!s)
		return NULL;
	sqlite3_bind_text(s, 1, text, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_value_dup(sqlite3_column_value(s, 0));
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	return v;
}

/* The id of the row of stmt's one text parameter, into out ("" none). */
static void lookup(struct store *st, enum sync_fixed id, const char *sql, const char *a,
                   const char *b, char *out, size_t n)
{
	out[0] = '\0';
	sqlite3_stmt *s = sync_fixed(st, id, sql);
	if (!s)
		return;
	sqlite3_bind_text(s, 1, a, -1, SQLITE_TRANSIENT);
	if (b)
		sqlite3_bind_text(s, 2, b, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_text(s, 0))
		snprintf(out, n, "%s", sqlite3_column_text(s, 0));
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
}

/* A client key taken here and there: the lower id keeps it; the other
 * gets key-xxxx, xxxx its id's start. */
static int client_key_twice(struct apply_ctx *c, struct sync_table *t, sqlite3_value **key,
                            sqlite3_value **newv)
{
	int ki = sync_table_find(t, "key"), ii = sync_table_find(t, "id");
	const unsigned char *kt = ki >= 0 && newv[ki] ? sqlite3_value_text(newv[ki]) : NULL;
	const unsigned char *it = ii >= 0 && newv[ii] ? sqlite3_value_text(newv[ii]) : NULL;
	char ckey[40], theirs[40], here[40], moved[40];
	snprintf(ckey, sizeof ckey, "%s", kt ? (const char *)kt : "");
	snprintf(theirs, sizeof theirs, "%s", it ? (const char *)it : "");
	lookup(c->st, SYNC_CLIENT_BY_KEY, "SELECT id FROM clients WHERE key = ?1", ckey, NULL, here,
	       sizeof here);
	struct found *f = add_row_found(c, "unique", t, "clients", key, NULL, newv);
	if (!f)
		return EX_SOFTWARE;
	f->field = strdup("key");
	if (!here[0] || !theirs[0]) {
		f->kept_theirs = false; /* some other rule: theirs is left out */
		return 0;
	}
	if (strcmp(theirs, here) < 0) {
		snprintf(moved, sizeof moved, "%.27s-%.4s", ckey, here);
		sqlite3_stmt *s = sync_fixed(c->st, SYNC_CLIENT_KEY_SET,
		                             "UPDATE clients SET key = ?1 WHERE id = ?2");
		if (!s)
			return EX_SOFTWARE;
		sqlite3_bind_text(s, 1, moved, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(s, 2, here, -1, SQLITE_TRANSIENT);
		int src = sqlite3_step(s);
		sqlite3_reset(s);
		sqlite3_clear_bindings(s);
		if (src != SQLITE_DONE)
			return write_fail(c, src);
		f->ours = strdup(moved);
		f->theirs = strdup(ckey);
		f->kept_theirs = true;
		src = sync_table_insert(t, newv);
		return src == SQLITE_OK ? 0 : write_fail(c, src);
	}
	snprintf(moved, sizeof moved, "%.27s-%.4s", ckey, theirs);
	int n = sync_table_ncol(t);
	sqlite3_value *vals[n];
	memcpy(vals, newv, sizeof vals);
	if (!(vals[ki] = text_value(c->st, moved)))
		return store_fail(c->st, EX_SOFTWARE, "out of memory");
	f->ours = strdup(ckey);
	f->theirs = strdup(moved);
	f->kept_theirs = false;
	int src = sync_table_insert(t, vals);
	sqlite3_value_free(vals[ki]);
	return src == SQLITE_OK ? 0 : write_fail(c, src);
}

/* An imported entry's source taken here and there: the lower entry id
 * stays, the other entry goes. */
static int source_twice(struct apply_ctx *c, struct sync_table *t, sqlite3_value **key,
                        sqlite3_value **newv)
{
	int ei = sync_table_find(t, "entry_id"), si = sync_table_find(t, "service"),
	    ki = sync_table_find(t, "source_key");
	if (ei < 0 || si < 0 || ki < 0 || !newv[ei] || !newv[si] || !newv[ki])
		return 0;
	char theirs[40], here[40];
	snprintf(theirs, sizeof theirs, "%s", (const char *)sqlite3_value_text(newv[ei]));
	lookup(c->st, SYNC_SOURCE_BY_KEY,
	       "SELECT entry_id FROM entry_sources WHERE service = ?1 AND source_key = ?2",
	       (const char *)sqlite3_value_text(newv[si]),
	       (const char *)sqlite3_value_text(newv[ki]), here, sizeof here);
	struct found *f = add_row_found(c, "unique", t, "entry_sources", key, NULL, newv);
	if (!f)
		return EX_SOFTWARE;
	f->field = strdup("source_key");
	f->ours = strdup(here);
	f->theirs = strdup(theirs);
	bool keep_theirs = here[0] && strcmp(theirs, here) < 0;
	f->kept_theirs = keep_theirs;
	sqlite3_stmt *s =
	        sync_fixed(c->st, SYNC_ENTRY_DELETE, "DELETE FROM time_entries WHERE id = ?1");
	if (!s)
		return EX_SOFTWARE;
	sqlite3_bind_text(s, 1, keep_theirs ? here : theirs, -1, SQLITE_TRANSIENT);
	int src = sqlite3_step(s);
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	if (src != SQLITE_DONE)
		return write_fail(c, src);
	if (!keep_theirs)
		return 0;
	src = sync_table_insert(t, newv);
	return src == SQLITE_OK ? 0 : write_fail(c, src);
}

static int apply_insert(struct apply_ctx *c, struct sync_table *t, const char *table,
                        sqlite3_value **key, sqlite3_value **newv)
{
	int src;
	sqlite3_stmt *row = sync_table_select(c->st, t, key, &src);
	if (src == SQLITE_ROW) {
		/* There already (a change applied twice over, a row brought
		 * back): only the differences count. */
		c->exact = false;
		uint64_t mask = 0;
		int rc = decide(c, t, table, key, row, NULL, newv, &mask);
		sync_table_done(t);
		if (rc || !mask)
			return rc;
		src = sync_table_update(c->st, t, mask, newv, key);
		if (is_fk(src))
			return postpone(c, t, table, true, mask, newv, key);
		return src == SQLITE_OK ? 0 : write_fail(c, src);
	}
	sync_table_done(t);
	if (src != SQLITE_DONE)
		return c->st->err_code ? c->st->err_code : EX_SOFTWARE;
	src = sync_table_insert(t, newv);
	if (src == SQLITE_OK)
		return 0;
	if (is_fk(src))
		return postpone(c, t, table, false, 0, newv, NULL);
	if ((src & 0xff) != SQLITE_CONSTRAINT)
		return write_fail(c, src);
	c->exact = false;
	if (!strcmp(table, "clients"))
		return client_key_twice(c, t, key, newv);
	if (!strcmp(table, "entry_sources"))
		return source_twice(c, t, key, newv);
	struct found *f = add_row_found(c, "unique", t, table, key, NULL, newv);
	return f ? 0 : EX_SOFTWARE;
}

static int apply_delete(struct apply_ctx *c, struct sync_table *t, const char *table,
                        sqlite3_value **key, sqlite3_value **old)
{
	int src;
	sqlite3_stmt *row = sync_table_select(c->st, t, key, &src);
	if (src != SQLITE_ROW) {
		sync_table_done(t);
		c->exact = false;
		return src == SQLITE_DONE ? 0 : (c->st->err_code ? c->st->err_code : EX_SOFTWARE);
	}
	bool edited = false;
	for (int i = 0; i < sync_table_ncol(t) && !edited; i++)
		edited = old[i] && !column_is(row, i, old[i]);
	if (edited) {
		/* Edited here, deleted there: the edit stays. */
		c->exact = false;
		struct found *f = add_row_found(c, "delete", t, table, key, row, NULL);
		sync_table_done(t);
		return f ? 0 : EX_SOFTWARE;
	}
	sync_table_done(t);
	src = sync_table_delete(t, key);
	return src == SQLITE_OK ? 0 : write_fail(c, src);
}

/* Their edit of a row deleted here: back, as the delete here found it,
 * with their edit on top. */
static int bring_back(struct apply_ctx *c, struct sync_table *t, const char *table,
                      sqlite3_value **key, sqlite3_value **newv)
{
	int n = sync_table_ncol(t);
	sqlite3_value *was[n], *vals[n];
	memset(was, 0, sizeof was);
	bool hit = false;
	int64_t unused = 0;
	int rc = journal_find(c, t, table, key, -1, 0, &unused, was, &hit);
	struct found *f =
	        rc ? NULL : add_row_found(c, "edit", t, table, key, NULL, hit ? was : newv);
	if (!rc && !f)
		rc = EX_SOFTWARE;
	if (!rc && hit) {
		for (int i = 0; i < n; i++)
			vals[i] = newv[i] ? newv[i] : was[i];
		int src = sync_table_insert(t, vals);
		if (is_fk(src))
			rc = postpone(c, t, table, false, 0, vals, NULL);
		else if (src != SQLITE_OK && (src & 0xff) != SQLITE_CONSTRAINT)
			rc = write_fail(c, src);
		hit = src == SQLITE_OK || is_fk(src);
	}
	if (f)
		f->kept_theirs = hit;
	for (int i = 0; i < n; i++)
		sqlite3_value_free(was[i]);
	return rc;
}

static int apply_update(struct apply_ctx *c, struct sync_table *t, const char *table,
                        sqlite3_value **key, sqlite3_value **old, sqlite3_value **newv)
{
	int src;
	sqlite3_stmt *row = sync_table_select(c->st, t, key, &src);
	if (src != SQLITE_ROW) {
		sync_table_done(t);
		if (src != SQLITE_DONE)
			return c->st->err_code ? c->st->err_code : EX_SOFTWARE;
		c->exact = false;
		return bring_back(c, t, table, key, newv);
	}
	uint64_t mask = 0;
	int rc = decide(c, t, table, key, row, old, newv, &mask);
	sync_table_done(t);
	if (rc || !mask)
		return rc;
	src = sync_table_update(c->st, t, mask, newv, key);
	if (src == SQLITE_OK)
		return 0;
	if (is_fk(src))
		return postpone(c, t, table, true, mask, newv, key);
	if ((src & 0xff) != SQLITE_CONSTRAINT)
		return write_fail(c, src);
	c->exact = false;
	struct found *f = add_row_found(c, "unique", t, table, key, NULL, newv);
	return f ? 0 : EX_SOFTWARE;
}

static int apply_one(struct apply_ctx *c, sqlite3_changeset_iter *it)
{
	const char *table;
	int ncol, op, indirect;
	sqlite3changeset_op(it, &table, &ncol, &op, &indirect);
	if (!strcmp(table, "timer")) {
		c->exact = false;
		return 0;
	}
	struct sync_table *t = sync_table(c->st, table);
	if (!t)
		return c->st->err_code ? c->st->err_code : EX_SOFTWARE;
	if (ncol != sync_table_ncol(t) || ncol > 64)
		return store_fail(c->st, EX_DATAERR,
		                  "a change to %s has %d columns where this database has %d (made "
		                  "by another version of cxo?)",
		                  table, ncol, sync_table_ncol(t));
	sqlite3_value *old[ncol], *newv[ncol], *key[ncol];
	for (int i = 0; i < ncol; i++) {
		old[i] = newv[i] = NULL;
		if (op != SQLITE_INSERT)
			sqlite3changeset_old(it, i, &old[i]);
		if (op != SQLITE_DELETE)
			sqlite3changeset_new(it, i, &newv[i]);
		key[i] = !sync_table_is_key(t, i) ? NULL : op == SQLITE_INSERT ? newv[i] : old[i];
	}
	c->changes++;
	if (op == SQLITE_INSERT)
		return apply_insert(c, t, table, key, newv);
	if (op == SQLITE_DELETE)
		return apply_delete(c, t, table, key, old);
	return apply_update(c, t, table, key, old, newv);
}

/* ---- rows that referred to items not there ---- */

/* Tries l again: 1 done, 0 still missing a parent, or a failure. */
static int try_later(struct apply_ctx *c, struct later *l)
{
	int n = sync_table_ncol(l->t);
	sqlite3_value *key[n];
	for (int i = 0; i < n; i++)
		key[i] = sync_table_is_key(l->t, i) ? l->vals[i] : NULL;
	int src = l->update ? sync_table_update(c->st, l->t, l->mask, l->vals, key)
	                    : sync_table_insert(l->t, l->vals);
	if (src == SQLITE_OK)
		return 1;
	if (is_fk(src))
		return 0;
	if ((src & 0xff) == SQLITE_CONSTRAINT) {
		struct found *f = add_row_found(c, "unique", l->t, l->table, key, NULL, l->vals);
		return f ? 1 : -EX_SOFTWARE;
	}
	return -write_fail(c, src);
}

/*
 * The rows that referred to an item not yet there: again, while that
 * helps (the item may have come later in the change); then those whose
 * item is gone go the way a delete of the item would have taken them:
 * the row goes (ON DELETE CASCADE) or the reference is cleared (SET
 * NULL).  Each such case is recorded.
 */
static int settle_later(struct apply_ctx *c)
{
	bool progress = true;
	while (progress && c->nlater) {
		progress = false;
		for (size_t i = 0; i < c->nlater;) {
			int r = try_later(c, &c->later[i]);
			if (r < 0)
				return -r;
			if (r == 1) {
				later_free(&c->later[i]);
				c->later[i] = c->later[--c->nlater];
				progress = true;
			} else {
				i++;
			}
		}
	}
	for (size_t i = 0; i < c->nlater; i++) {
		struct later *l = &c->later[i];
		uint64_t cleared = 0;
		int gone = sync_table_orphan(l->t, l->vals, &cleared);
		if (gone < 0)
			return store_sql_fail(c->st, sqlite3_errcode(c->st->db),
			                      "reading a reference");
		int n = sync_table_ncol(l->t);
		sqlite3_value *key[n];
		for (int k = 0; k < n; k++)
			key[k] = sync_table_is_key(l->t, k) ? l->vals[k] : NULL;
		struct found *f = add_row_found(c, "orphan", l->t, l->table, key, NULL, l->vals);
		if (!f)
			return EX_SOFTWARE;
		f->kept_theirs = !gone;
		if (gone)
			continue;
		for (int k = 0; k < n; k++)
			if (cleared & (UINT64_C(1) << k)) {
				sqlite3_value_free(l->vals[k]);
				l->vals[k] = NULL;
				if (l->update)
					l->mask |= UINT64_C(1) << k;
				if (!f->field)
					f->field = strdup(sync_table_column(l->t, k));
			}
		int r = try_later(c, l);
		if (r < 0)
			return -r;
		if (r == 0)
			return store_fail(c->st, EX_DATAERR,
			                  "a change from \"%s\" refers to items that are gone (%s)",
			                  c->device, l->table);
	}
	return 0;
}

/* ---- the whole ---- */

static int run_fixed(struct store *st, enum sync_fixed id, const char *sql, const char *device,
                     long long seq, int64_t hlc)
{
	sqlite3_stmt *s = sync_fixed(st, id, sql);
	if (!s)
		return st->err_code ? st->err_code : EX_SOFTWARE;
	int n = sqlite3_bind_parameter_count(s);
	if (n >= 1)
		sqlite3_bind_text(s, 1, device, -1, SQLITE_STATIC);
	if (n >= 2)
		sqlite3_bind_int64(s, 2, seq);
	if (n >= 3)
		sqlite3_bind_int64(s, 3, hlc);
	int src;
	do
		src = sqlite3_step(s);
	while (src == SQLITE_ROW);
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	return src == SQLITE_DONE ? 0 : store_sql_fail(st, src, "applying a change from sync");
}

static int next_of(struct store *st, const char *device, long long seq)
{
	sqlite3_stmt *s = sync_fixed(st, SYNC_PEER_GET,
	                             "SELECT applied_seq FROM sync_peers WHERE device = ?1");
	if (!s)
		return st->err_code ? st->err_code : EX_SOFTWARE;
	sqlite3_bind_text(s, 1, device, -1, SQLITE_STATIC);
	int src = sqlite3_step(s);
	long long applied = src == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	if (src != SQLITE_ROW && src != SQLITE_DONE)
		return store_sql_fail(st, src, "reading the sync state");
	if (seq != applied + 1)
		return store_fail(st, EX_TEMPFAIL,
		                  "change %lld of \"%s\" is not the next to apply (%lld is)", seq,
		                  device, applied + 1);
	return 0;
}

static int apply_all(struct apply_ctx *c, const void *data, int size, long long seq)
{
	sqlite3_changeset_iter *it = NULL;
	int src = sqlite3changeset_start(&it, size, (void *)data), rc = 0;
	while (!rc && src == SQLITE_OK && (src = sqlite3changeset_next(it)) == SQLITE_ROW) {
		rc = apply_one(c, it);
		src = SQLITE_OK;
	}
	int fsrc = it ? sqlite3changeset_finalize(it) : SQLITE_OK;
	if (rc)
		return rc;
	if ((src != SQLITE_OK && src != SQLITE_DONE) || fsrc != SQLITE_OK)
		return store_fail(
		        c->st, EX_DATAERR,
		        "change %lld of \"%s\" cannot be read as a change of a cxo database "
		        "(%s)",
		        seq, c->device, sqlite3_errstr(src != SQLITE_OK ? src : fsrc));
	return 0;
}

int store_sync_apply(struct store *st, const char *device, long long seq, int64_t hlc,
                     const void *data, int size, struct sync_apply_result *res)
{
	memset(res, 0, sizeof *res);
	if (!STORE_HAS_V7(st))
		return store_fail(st, EX_CONFIG, "sync is not set up (cxo sync init DIR)");
	if (st->journal_days == 0)
		return store_fail(st, EX_CONFIG,
		                  "the journal is off (journal_days = 0), and sync needs it");
	/* A change applied here and lost in a crash is applied again from the
	 * folder (what was applied is kept in the same transaction): its
	 * commit need not wait for the disk. */
	int rc = run_fixed(st, SYNC_DURABLE_LATER, "PRAGMA synchronous = NORMAL", NULL, 0, 0);
	/* First without recording: most changes apply exactly as made there,
	 * and are then their own record.  One that did not is applied again
	 * with the session on, so that the journal says what happened here. */
	for (int attempt = 0; !rc && attempt < 2; attempt++) {
		st->journal_quiet = attempt == 0;
		rc = store_begin(st);
		st->journal_quiet = false;
		if (rc)
			break;
		struct apply_ctx c = { .st = st, .device = device, .hlc = hlc, .exact = true };
		if (!(rc = next_of(st, device, seq))) {
			snprintf(st->jnext.kind, sizeof st->jnext.kind, "sync");
			st->jnext.device_seq = seq;
			st->jnext.hlc = hlc;
			if (!(st->jnext.device = strdup(device)))
				rc = store_fail(st, EX_SOFTWARE, "out of memory");
		}
		if (!rc)
			rc = run_fixed(st, SYNC_APPLYING_ON,
			               "INSERT INTO sync_applying(slot) VALUES (1)", NULL, 0, 0);
		if (!rc)
			rc = apply_all(&c, data, size, seq);
		if (!rc)
			rc = settle_later(&c);
		bool again = !rc && attempt == 0 && !c.exact;
		if (!rc && !again && c.nfound)
			rc = record_found(&c);
		if (!rc && !again)
			rc = run_fixed(st, SYNC_APPLYING_OFF, "DELETE FROM sync_applying", NULL, 0,
			               0);
		if (!rc && !again)
			rc = run_fixed(
			        st, SYNC_PEER_SET,
			        "INSERT INTO sync_peers(device, applied_seq, hlc) VALUES (?1, ?2,"
			        " ?3) ON CONFLICT (device) DO UPDATE SET"
			        " applied_seq = excluded.applied_seq, hlc = max(hlc, excluded.hlc)",
			        device, seq, hlc);
		if (!rc && !again && attempt == 0) {
			st->jnext.blob = data;
			st->jnext.blob_size = size;
		}
		if (again)
			store_rollback(st);
		else
			rc = store_end(st, rc);
		if (!rc && !again) {
			res->changes = c.changes;
			res->conflicts = (long long)c.nfound;
		}
		for (size_t i = 0; i < c.nfound; i++)
			found_free(&c.found[i]);
		free(c.found);
		for (size_t i = 0; i < c.nlater; i++)
			later_free(&c.later[i]);
		free(c.later);
		if (!again)
			break;
	}
	int drc = run_fixed(st, SYNC_DURABLE_NOW, "PRAGMA synchronous = FULL", NULL, 0, 0);
	return rc ? rc : drc;
}
