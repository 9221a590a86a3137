/*
 * sync_settle.c: what applying another device's change needs beside the
 * rows themselves (sync_apply.c): comparing values, the record of the
 * conflicts met, the journal read for who changed a field last or what a
 * deleted row held, a client key or an entry's source taken twice, and
 * the rows that referred to items not there, settled at the end.
 */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "sync_apply.h"

bool is_fk(int src)
{
	return src == SQLITE_CONSTRAINT_FOREIGNKEY;
}

void later_free(struct later *l)
{
	for (int i = 0; l->vals && i < sync_table_ncol(l->t); i++)
		sqlite3_value_free(l->vals[i]);
	free(l->vals);
	for (int i = 0; l->key && i < sync_table_ncol(l->t); i++)
		sqlite3_value_free(l->key[i]);
	free(l->key);
	memset(l, 0, sizeof *l);
}

/* Keeps a row for later: vals (and key, for an update) copied. */
int postpone(struct apply_ctx *c, struct sync_table *t, const char *table, bool update,
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

int postpone_move(struct apply_ctx *c, struct sync_table *t, const char *table, uint64_t mask,
                  sqlite3_value **vals, sqlite3_value **key)
{
	int rc = postpone(c, t, table, true, mask, vals, NULL);
	if (rc)
		return rc;
	int n = sync_table_ncol(t);
	struct later *l = &c->later[c->nlater - 1];
	if (!(l->key = calloc((size_t)n, sizeof *l->key)))
		return store_fail(c->st, EX_SOFTWARE, "out of memory");
	for (int i = 0; i < n; i++)
		if (key[i] && !(l->key[i] = sqlite3_value_dup(key[i])))
			return store_fail(c->st, EX_SOFTWARE, "out of memory");
	return 0;
}

/* ---- values ---- */

/* Whether column i of the row s is on equals v (NULL pointer: never). */
bool column_is(sqlite3_stmt *s, int i, sqlite3_value *v)
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

char *value_text(sqlite3_value *v)
{
	if (!v || sqlite3_value_type(v) == SQLITE_NULL)
		return NULL;
	const unsigned char *t = sqlite3_value_text(v);
	return t ? strdup((const char *)t) : NULL;
}

char *column_text(sqlite3_stmt *s, int i)
{
	const unsigned char *t = sqlite3_column_text(s, i);
	return t ? strdup((const char *)t) : NULL;
}

/* ---- the record of conflicts ---- */

void found_free(struct found *f)
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

struct found *add_found(struct apply_ctx *c, const char *kind, const char *table)
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
struct found *add_row_found(struct apply_ctx *c, const char *kind, struct sync_table *t,
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

int record_found(struct apply_ctx *c)
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

bool same_row(sqlite3_changeset_iter *it, const char *table, int ncol, const struct sync_table *t,
              sqlite3_value **key)
{
	const char *name;
	int n, op, indirect;
	sqlite3changeset_op(it, &name, &n, &op, &indirect);
	if (strcmp(name, table) || n != ncol)
		return false;
	/* A row that moves is one row under every key it had. */
	int ident = sync_table_ident(t);
	for (int i = 0; i < ncol; i++) {
		if (!sync_table_is_key(t, i) || (ident >= 0 && i != ident))
			continue;
		sqlite3_value *v = NULL;
		if (op == SQLITE_INSERT)
			sqlite3changeset_new(it, i, &v);
		else
			sqlite3changeset_old(it, i, &v);
		if (!store_value_same(v, key[i]))
			return false;
	}
	return true;
}

/*
 * Walks the journal's changes later than after (on the same clock, those
 * of a device whose name sorts after theirs), newest first, for one to
 * the row: with col >= 0, one that set that column (an insert sets all),
 * whose clock goes to *hlc; with col < 0, the delete of the row, whose
 * values go to vals (dup'd, the caller frees).  *hit says if one was.
 */
int journal_find(struct apply_ctx *c, struct sync_table *t, const char *table, sqlite3_value **key,
                 int col, int64_t after, int64_t *hlc, sqlite3_value **vals, bool *hit)
{
	*hit = false;
	int ncol = sync_table_ncol(t), rc = 0;
	sqlite3_stmt *s = NULL;
	/* On a tie of clocks the device's name decides, as on every device. */
	int src = sqlite3_prepare_v2(c->st->db,
	                             "SELECT hlc, changeset, coalesce(device, ?2) > ?3 FROM journal"
	                             " WHERE hlc >= ?1 ORDER BY hlc DESC",
	                             -1, &s, NULL);
	if (src == SQLITE_OK) {
		sqlite3_bind_int64(s, 1, after);
		sqlite3_bind_text(s, 2, me_of(c), -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 3, c->device, -1, SQLITE_STATIC);
	}
	while (!*hit && !rc && src == SQLITE_OK && (src = sqlite3_step(s)) == SQLITE_ROW) {
		if (sqlite3_column_int64(s, 0) == after && !sqlite3_column_int(s, 2)) {
			src = SQLITE_OK;
			continue;
		}
		sqlite3_changeset_iter *it = NULL;
		int n = sqlite3_column_bytes(s, 1);
		int isrc = sqlite3changeset_start(&it, n, (void *)sqlite3_column_blob(s, 1));
		while (!*hit && isrc == SQLITE_OK && sqlite3changeset_next(it) == SQLITE_ROW) {
			if (!same_row(it, table, ncol, t, key))
				continue;
			const char *name;
			int nc, op, indirect;
			sqlite3changeset_op(it, &name, &nc, &op, &indirect);
			if (col == JOURNAL_ANY_WRITE) {
				if (op != SQLITE_DELETE) {
					*hit = true;
					*hlc = sqlite3_column_int64(s, 0);
				}
			} else if (col >= 0) {
				sqlite3_value *v = NULL;
				if (op == SQLITE_INSERT ||
				    (op == SQLITE_UPDATE &&
				     sqlite3changeset_new(it, col, &v) == SQLITE_OK && v)) {
					*hit = true;
					*hlc = sqlite3_column_int64(s, 0);
				}
			} else if (op == SQLITE_DELETE) {
				*hit = true;
				*hlc = sqlite3_column_int64(s, 0);
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

int write_fail(struct apply_ctx *c, int src)
{
	return store_sql_fail(c->st, src, "applying a change from sync");
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

/* A client key taken here and there: the client here is to move aside
 * (key-xxxx, xxxx its id's start), as a change made here that every
 * device follows; the change is then applied again (store_sync_apply).
 * newv: their row, or their update. */
int client_key_twice(struct apply_ctx *c, struct sync_table *t, sqlite3_value **key,
                     sqlite3_value **newv)
{
	(void)key;
	int ki = sync_table_find(t, "key");
	const unsigned char *kt = ki >= 0 && newv[ki] ? sqlite3_value_text(newv[ki]) : NULL;
	char here[40] = "";
	if (kt)
		lookup(c->st, SYNC_CLIENT_BY_KEY, "SELECT id FROM clients WHERE key = ?1",
		       (const char *)kt, NULL, here, sizeof here);
	if (!kt || !here[0]) {
		/* Some other rule of the table: theirs is left out. */
		struct found *f = add_row_found(c, "unique", t, "clients", key, NULL, newv);
		return f ? 0 : EX_SOFTWARE;
	}
	snprintf(c->clash_key, sizeof c->clash_key, "%s", (const char *)kt);
	snprintf(c->clash_id, sizeof c->clash_id, "%s", here);
	return EX_TEMPFAIL;
}

/* An imported entry's source taken here and there: the lower entry id
 * stays, the other entry goes. */
int source_twice(struct apply_ctx *c, struct sync_table *t, sqlite3_value **key,
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

/* ---- rows that referred to items not there ---- */

/* Tries l again: 1 done, 0 still missing a parent, or a failure. */
static int try_later(struct apply_ctx *c, struct later *l)
{
	int n = sync_table_ncol(l->t);
	sqlite3_value *key[n];
	for (int i = 0; i < n; i++)
		key[i] = l->key ? l->key[i] : sync_table_is_key(l->t, i) ? l->vals[i] : NULL;
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
int settle_later(struct apply_ctx *c)
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
