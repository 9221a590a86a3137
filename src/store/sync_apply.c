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
 * Each case is recorded in sync_conflicts.  SQLite's conflict handler may
 * not change the database, so it only decides and notes what to do; the
 * changes it asks for are made after the changeset, in the same
 * transaction.  While the change is applied, sync_applying holds a row so
 * that a locked month lets it in (the lock's device receives the same).
 */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "cxo/journal.h"

enum todo_kind { SET_FIELD, INSERT_ROW, CLIENT_KEY, SOURCE_TWICE };

/* Something to do after the changeset: vals has ncol entries (NULL where
 * not known); pk marks the key columns. */
struct todo {
	enum todo_kind kind;
	char table[32];
	int ncol;
	int col; /* SET_FIELD: the column */
	unsigned char *pk;
	sqlite3_value **vals;
};

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

struct apply_ctx {
	struct store *st;
	const char *device;
	int64_t hlc;
	struct todo *todo;
	size_t ntodo, captodo;
	struct found *found;
	size_t nfound, capfound;
	bool orphans; /* SQLite reported a foreign key left dangling */
	int rc;       /* the first failure inside the handler */
};

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
		int n = sqlite3_value_bytes(a);
		if (n != sqlite3_value_bytes(b))
			return false;
		const void *pa = t == SQLITE_TEXT ? (const void *)sqlite3_value_text(a)
		                                  : sqlite3_value_blob(a);
		const void *pb = t == SQLITE_TEXT ? (const void *)sqlite3_value_text(b)
		                                  : sqlite3_value_blob(b);
		return n == 0 || memcmp(pa, pb, (size_t)n) == 0;
	}
	}
}

/* A value as text for the record of a conflict, malloc'd; NULL for NULL. */
static char *value_text(sqlite3_value *v)
{
	if (!v || sqlite3_value_type(v) == SQLITE_NULL)
		return NULL;
	const unsigned char *t = sqlite3_value_text(v);
	return t ? strdup((const char *)t) : NULL;
}

static void todo_free(struct todo *t)
{
	for (int i = 0; t->vals && i < t->ncol; i++)
		sqlite3_value_free(t->vals[i]);
	free(t->vals);
	free(t->pk);
}

static void found_free(struct found *f)
{
	free(f->row_id);
	free(f->client_id);
	free(f->field);
	free(f->ours);
	free(f->theirs);
}

static void ctx_free(struct apply_ctx *c)
{
	for (size_t i = 0; i < c->ntodo; i++)
		todo_free(&c->todo[i]);
	free(c->todo);
	for (size_t i = 0; i < c->nfound; i++)
		found_free(&c->found[i]);
	free(c->found);
}

static void oom(struct apply_ctx *c)
{
	if (!c->rc)
		c->rc = store_fail(c->st, EX_SOFTWARE, "out of memory");
}

/* ---- the row a change is about ---- */

struct row {
	const char *table;
	int ncol, op;
	unsigned char *pk;
};

static void row_of(sqlite3_changeset_iter *it, struct row *r)
{
	int indirect;
	sqlite3changeset_op(it, &r->table, &r->ncol, &r->op, &indirect);
	sqlite3changeset_pk(it, &r->pk, &r->ncol);
}

/* Column i's value in the change: new (else old) for an insert (delete). */
static sqlite3_value *key_value(sqlite3_changeset_iter *it, int op, int i)
{
	sqlite3_value *v = NULL;
	if (op == SQLITE_INSERT)
		sqlite3changeset_new(it, i, &v);
	else
		sqlite3changeset_old(it, i, &v);
	return v;
}

static char *column_name(struct store *st, const char *table, int col)
{
	sqlite3_stmt *s = NULL;
	char *name = NULL;
	if (sqlite3_prepare_v2(st->db, "SELECT name FROM pragma_table_info(?1) WHERE cid = ?2", -1,
	                       &s, NULL) == SQLITE_OK) {
		sqlite3_bind_text(s, 1, table, -1, SQLITE_STATIC);
		sqlite3_bind_int(s, 2, col);
		if (sqlite3_step(s) == SQLITE_ROW)
			name = strdup((const char *)sqlite3_column_text(s, 0));
	}
	sqlite3_finalize(s);
	return name;
}

static int column_of(struct store *st, const char *table, const char *name)
{
	sqlite3_stmt *s = NULL;
	int col = -1;
	if (sqlite3_prepare_v2(st->db, "SELECT cid FROM pragma_table_info(?1) WHERE name = ?2", -1,
	                       &s, NULL) == SQLITE_OK) {
		sqlite3_bind_text(s, 1, table, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 2, name, -1, SQLITE_STATIC);
		if (sqlite3_step(s) == SQLITE_ROW)
			col = sqlite3_column_int(s, 0);
	}
	sqlite3_finalize(s);
	return col;
}

/* ---- what was recorded here ---- */

/* Whether the iterator's change is to the row whose key values are key. */
static bool same_row(sqlite3_changeset_iter *it, const struct row *r, sqlite3_value **key)
{
	struct row mine;
	row_of(it, &mine);
	if (strcmp(mine.table, r->table) || mine.ncol != r->ncol)
		return false;
	for (int i = 0; i < r->ncol; i++)
		if (r->pk[i] && !same_value(key_value(it, mine.op, i), key[i]))
			return false;
	return true;
}

/*
 * Walks the journal's changes newest first (only those later than after,
 * when after > 0) looking for one to row r: with col >= 0 one that set
 * that column (an insert sets all) and *hlc gets its clock; with col < 0
 * the delete of the row, whose values go to vals (dup'd).  *hit says
 * whether one was found.
 */
static int journal_find(struct apply_ctx *c, const struct row *r, sqlite3_value **key, int col,
                        int64_t after, int64_t *hlc, sqlite3_value **vals, bool *hit)
{
	*hit = false;
	sqlite3_stmt *s = NULL;
	int src = sqlite3_prepare_v2(c->st->db,
	                             "SELECT hlc, changeset FROM journal WHERE hlc > ?1"
	                             " ORDER BY hlc DESC",
	                             -1, &s, NULL);
	if (src == SQLITE_OK)
		sqlite3_bind_int64(s, 1, after);
	while (!*hit && src == SQLITE_OK && (src = sqlite3_step(s)) == SQLITE_ROW) {
		sqlite3_changeset_iter *it = NULL;
		int n = sqlite3_column_bytes(s, 1);
		int isrc = sqlite3changeset_start(&it, n, (void *)sqlite3_column_blob(s, 1));
		while (!*hit && isrc == SQLITE_OK && sqlite3changeset_next(it) == SQLITE_ROW) {
			if (!same_row(it, r, key))
				continue;
			struct row mine;
			row_of(it, &mine);
			if (col >= 0) {
				sqlite3_value *v = NULL;
				if (mine.op == SQLITE_INSERT ||
				    (mine.op == SQLITE_UPDATE &&
				     sqlite3changeset_new(it, col, &v) == SQLITE_OK && v)) {
					*hit = true;
					*hlc = sqlite3_column_int64(s, 0);
				}
			} else if (mine.op == SQLITE_DELETE) {
				*hit = true;
				for (int i = 0; i < r->ncol; i++) {
					sqlite3_value *v = NULL;
					sqlite3changeset_old(it, i, &v);
					if (v && !(vals[i] = sqlite3_value_dup(v)))
						oom(c);
				}
			}
		}
		if (it)
			sqlite3changeset_finalize(it);
		src = SQLITE_OK;
	}
	if (src != SQLITE_OK && src != SQLITE_DONE && !c->rc)
		c->rc = store_sql_fail(c->st, src, "reading the journal");
	sqlite3_finalize(s);
	return c->rc;
}

/* ---- noting ---- */

static struct todo *add_todo(struct apply_ctx *c, enum todo_kind kind, const struct row *r)
{
	if (c->ntodo == c->captodo) {
		size_t ncap = c->captodo ? c->captodo * 2 : 16;
		struct todo *p = realloc(c->todo, ncap * sizeof *p);
		if (!p) {
			oom(c);
			return NULL;
		}
		c->todo = p;
		c->captodo = ncap;
	}
	struct todo *t = &c->todo[c->ntodo];
	memset(t, 0, sizeof *t);
	t->kind = kind;
	snprintf(t->table, sizeof t->table, "%s", r->table);
	t->ncol = r->ncol;
	t->col = -1;
	t->pk = malloc((size_t)r->ncol);
	t->vals = calloc((size_t)r->ncol, sizeof *t->vals);
	if (!t->pk || !t->vals) {
		todo_free(t);
		oom(c);
		return NULL;
	}
	memcpy(t->pk, r->pk, (size_t)r->ncol);
	c->ntodo++;
	return t;
}

static bool keep(struct apply_ctx *c, sqlite3_value **slot, sqlite3_value *v)
{
	if (v && !(*slot = sqlite3_value_dup(v))) {
		oom(c);
		return false;
	}
	return true;
}

/* The row's id (its "id" column, or its key columns joined) as text. */
static char *row_id_text(struct apply_ctx *c, const struct row *r, sqlite3_value **key)
{
	const char *col = !strcmp(r->table, "note_shares")     ? "note_id"
	                  : !strcmp(r->table, "entry_sources") ? "entry_id"
	                  : !strcmp(r->table, "client_terms")  ? "client_id"
	                                                       : "id";
	int i = column_of(c->st, r->table, col);
	if (i >= 0 && i < r->ncol && key[i])
		return value_text(key[i]);
	char buf[200] = "";
	for (int k = 0; k < r->ncol; k++) {
		if (!r->pk[k] || !key[k])
			continue;
		size_t len = strlen(buf);
		const unsigned char *t = sqlite3_value_text(key[k]);
		snprintf(buf + len, sizeof buf - len, "%s%s", len ? "/" : "",
		         t ? (const char *)t : "");
	}
	return strdup(buf);
}

static struct found *add_found(struct apply_ctx *c, const char *kind, const struct row *r,
                               sqlite3_value **key, sqlite3_value *client)
{
	if (c->nfound == c->capfound) {
		size_t ncap = c->capfound ? c->capfound * 2 : 8;
		struct found *p = realloc(c->found, ncap * sizeof *p);
		if (!p) {
			oom(c);
			return NULL;
		}
		c->found = p;
		c->capfound = ncap;
	}
	struct found *f = &c->found[c->nfound++];
	memset(f, 0, sizeof *f);
	snprintf(f->kind, sizeof f->kind, "%s", kind);
	snprintf(f->table, sizeof f->table, "%s", r->table);
	f->row_id = row_id_text(c, r, key);
	f->client_id = !strcmp(r->table, "clients") ? value_text(key[0]) : value_text(client);
	return f;
}

/* The key values of the change (pointers into the iterator). */
static void key_of(sqlite3_changeset_iter *it, const struct row *r, sqlite3_value **key)
{
	for (int i = 0; i < r->ncol; i++)
		key[i] = r->pk[i] ? key_value(it, r->op, i) : NULL;
}

/* The row's client_id: from the change, else from the row here. */
static sqlite3_value *client_of(struct apply_ctx *c, sqlite3_changeset_iter *it,
                                const struct row *r, bool has_local)
{
	int i = column_of(c->st, r->table, "client_id");
	if (i < 0 || i >= r->ncol)
		return NULL;
	sqlite3_value *v = NULL;
	if (has_local && sqlite3changeset_conflict(it, i, &v) == SQLITE_OK && v)
		return v;
	v = NULL;
	if (r->op != SQLITE_DELETE && sqlite3changeset_new(it, i, &v) == SQLITE_OK && v)
		return v;
	v = NULL;
	if (r->op != SQLITE_INSERT)
		sqlite3changeset_old(it, i, &v);
	return v;
}

/* ---- deciding ---- */

/* Their update (or insert) met a row here that differs: field by field. */
static void on_fields(struct apply_ctx *c, sqlite3_changeset_iter *it, const struct row *r)
{
	sqlite3_value *key[r->ncol];
	key_of(it, r, key);
	for (int i = 0; i < r->ncol && !c->rc; i++) {
		sqlite3_value *theirs = NULL, *ours = NULL, *before = NULL;
		if (r->pk[i] || sqlite3changeset_new(it, i, &theirs) != SQLITE_OK || !theirs)
			continue;
		if (sqlite3changeset_conflict(it, i, &ours) != SQLITE_OK)
			continue;
		if (same_value(ours, theirs))
			continue;
		bool clean = r->op == SQLITE_UPDATE &&
		             sqlite3changeset_old(it, i, &before) == SQLITE_OK && before &&
		             same_value(ours, before);
		int64_t our_hlc = 0;
		bool ours_later = false;
		if (!clean && journal_find(c, r, key, i, c->hlc, &our_hlc, NULL, &ours_later))
			return;
		if (!ours_later) {
			struct todo *t = add_todo(c, SET_FIELD, r);
			if (!t)
				return;
			t->col = i;
			for (int k = 0; k < r->ncol; k++)
				if (r->pk[k] && !keep(c, &t->vals[k], key[k]))
					return;
			if (!keep(c, &t->vals[i], theirs))
				return;
		}
		if (clean)
			continue;
		struct found *f = add_found(c, "field", r, key, client_of(c, it, r, true));
		if (!f)
			return;
		f->field = column_name(c->st, r->table, i);
		f->ours = value_text(ours);
		f->theirs = value_text(theirs);
		f->kept_theirs = !ours_later;
		f->our_hlc = our_hlc;
	}
}

/* Their edit of a row deleted here: the row comes back with their edit. */
static void on_edit_of_deleted(struct apply_ctx *c, sqlite3_changeset_iter *it, const struct row *r)
{
	sqlite3_value *key[r->ncol];
	key_of(it, r, key);
	struct todo *t = add_todo(c, INSERT_ROW, r);
	if (!t)
		return;
	bool hit = false;
	int64_t unused = 0;
	if (journal_find(c, r, key, -1, 0, &unused, t->vals, &hit))
		return;
	struct found *f = add_found(c, "edit", r, key, client_of(c, it, r, false));
	if (!f)
		return;
	f->kept_theirs = hit;
	if (!hit) {
		/* The delete is no longer in the journal: the row stays gone. */
		todo_free(t);
		c->ntodo--;
		return;
	}
	for (int i = 0; i < r->ncol; i++) {
		sqlite3_value *v = NULL;
		if (sqlite3changeset_new(it, i, &v) == SQLITE_OK && v) {
			sqlite3_value_free(t->vals[i]);
			t->vals[i] = NULL;
			if (!keep(c, &t->vals[i], v))
				return;
		}
	}
}

/* A row that would break a uniqueness rule of the table. */
static void on_constraint(struct apply_ctx *c, sqlite3_changeset_iter *it, const struct row *r)
{
	sqlite3_value *key[r->ncol];
	key_of(it, r, key);
	bool twice = r->op == SQLITE_INSERT &&
	             (!strcmp(r->table, "clients") || !strcmp(r->table, "entry_sources"));
	if (twice) {
		struct todo *t =
		        add_todo(c, !strcmp(r->table, "clients") ? CLIENT_KEY : SOURCE_TWICE, r);
		for (int i = 0; t && i < r->ncol; i++) {
			sqlite3_value *v = NULL;
			if (sqlite3changeset_new(it, i, &v) == SQLITE_OK &&
			    !keep(c, &t->vals[i], v))
				return;
		}
		return;
	}
	struct found *f = add_found(c, "unique", r, key, client_of(c, it, r, false));
	if (f)
		f->kept_theirs = false;
}

static int on_conflict(void *vctx, int type, sqlite3_changeset_iter *it)
{
	struct apply_ctx *c = vctx;
	if (c->rc)
		return SQLITE_CHANGESET_ABORT;
	struct row r;
	row_of(it, &r);
	switch (type) {
	case SQLITE_CHANGESET_FOREIGN_KEY:
		c->orphans = true;
		break;
	case SQLITE_CHANGESET_NOTFOUND:
		if (r.op == SQLITE_UPDATE)
			on_edit_of_deleted(c, it, &r);
		break;
	case SQLITE_CHANGESET_DATA:
		if (r.op == SQLITE_DELETE) {
			/* Edited here, deleted there: the edit stays. */
			sqlite3_value *key[r.ncol];
			key_of(it, &r, key);
			struct found *f =
			        add_found(c, "delete", &r, key, client_of(c, it, &r, true));
			if (f)
				f->kept_theirs = false;
		} else {
			on_fields(c, it, &r);
		}
		break;
	case SQLITE_CHANGESET_CONFLICT:
		on_fields(c, it, &r);
		break;
	case SQLITE_CHANGESET_CONSTRAINT:
		on_constraint(c, it, &r);
		break;
	default:
		break;
	}
	return c->rc ? SQLITE_CHANGESET_ABORT : SQLITE_CHANGESET_OMIT;
}

/* The running timer is this machine's own. */
static int not_timer(void *ctx, const char *table)
{
	(void)ctx;
	return strcmp(table, "timer") != 0;
}

/* ---- doing what was decided ---- */

/* Runs sql with the values bound from vals in order (those where use[i]). */
static int run_with(struct apply_ctx *c, const char *sql, sqlite3_value **vals, int n,
                    const unsigned char *use, int *changes)
{
	sqlite3_stmt *s = NULL;
	int src = sqlite3_prepare_v2(c->st->db, sql, -1, &s, NULL);
	for (int i = 0, k = 1; src == SQLITE_OK && i < n; i++)
		if (!use || use[i])
			src = vals[i] ? sqlite3_bind_value(s, k++, vals[i])
			              : sqlite3_bind_null(s, k++);
	if (src == SQLITE_OK)
		src = sqlite3_step(s);
	if (changes)
		*changes = src == SQLITE_DONE ? sqlite3_changes(c->st->db) : 0;
	sqlite3_finalize(s);
	return src == SQLITE_DONE ? SQLITE_OK : src;
}

/* "a" = ?1 AND "b" = ?2 ... over the key columns, numbering from first. */
static int where_key(struct apply_ctx *c, const struct todo *t, char *out, size_t n, int first)
{
	out[0] = '\0';
	for (int i = 0, k = first; i < t->ncol; i++) {
		if (!t->pk[i])
			continue;
		char *name = column_name(c->st, t->table, i);
		if (!name)
			return store_fail(c->st, EX_SOFTWARE, "out of memory");
		size_t len = strlen(out);
		snprintf(out + len, n - len, "%s\"%s\" = ?%d", len ? " AND " : "", name, k++);
		free(name);
	}
	return 0;
}

static int do_set(struct apply_ctx *c, struct todo *t)
{
	char where[512], sql[700];
	char *name = column_name(c->st, t->table, t->col);
	if (!name)
		return store_fail(c->st, EX_SOFTWARE, "out of memory");
	int rc = where_key(c, t, where, sizeof where, 2);
	snprintf(sql, sizeof sql, "UPDATE \"%s\" SET \"%s\" = ?1 WHERE %s", t->table, name, where);
	free(name);
	if (rc)
		return rc;
	/* ?1 is the value, then the key in column order. */
	sqlite3_value *vals[t->ncol + 1];
	unsigned char use[t->ncol + 1];
	vals[0] = t->vals[t->col];
	use[0] = 1;
	for (int i = 0; i < t->ncol; i++) {
		vals[i + 1] = t->vals[i];
		use[i + 1] = t->pk[i];
	}
	int src = run_with(c, sql, vals, t->ncol + 1, use, NULL);
	return src == SQLITE_OK ? 0 : store_sql_fail(c->st, src, "applying a change from sync");
}

static int do_insert(struct apply_ctx *c, struct todo *t)
{
	char sql[600];
	int len = snprintf(sql, sizeof sql, "INSERT OR IGNORE INTO \"%s\" VALUES (", t->table);
	for (int i = 0; i < t->ncol && len < (int)sizeof sql; i++)
		len += snprintf(sql + len, sizeof sql - (size_t)len, "%s?%d", i ? ", " : "", i + 1);
	snprintf(sql + len, sizeof sql - (size_t)len, ")");
	int src = run_with(c, sql, t->vals, t->ncol, NULL, NULL);
	return src == SQLITE_OK ? 0 : store_sql_fail(c->st, src, "bringing back a row from sync");
}

/* The text of a value at column name of t. */
static const char *todo_text(struct apply_ctx *c, const struct todo *t, const char *name)
{
	int i = column_of(c->st, t->table, name);
	return i >= 0 && i < t->ncol && t->vals[i] ? (const char *)sqlite3_value_text(t->vals[i])
	                                           : NULL;
}

/* key-xxxx: the key cut to leave room, and the id's first four digits. */
static void moved_key(const char *key, const char *id, char out[33])
{
	snprintf(out, 33, "%.27s-%.4s", key, id);
}

/* A client key taken here and there: the lower id keeps it. */
static int do_client_key(struct apply_ctx *c, struct todo *t)
{
	const char *id_text = todo_text(c, t, "id"), *key_text = todo_text(c, t, "key");
	if (!id_text || !key_text)
		return 0;
	/* Copies: the key's value is replaced below. */
	char id[40], key[40];
	snprintf(id, sizeof id, "%s", id_text);
	snprintf(key, sizeof key, "%s", key_text);
	sqlite3_stmt *s = NULL;
	char here[40] = "";
	if (sqlite3_prepare_v2(c->st->db, "SELECT id FROM clients WHERE key = ?1", -1, &s, NULL) ==
	    SQLITE_OK) {
		sqlite3_bind_text(s, 1, key, -1, SQLITE_TRANSIENT);
		if (sqlite3_step(s) == SQLITE_ROW)
			snprintf(here, sizeof here, "%s", sqlite3_column_text(s, 0));
	}
	sqlite3_finalize(s);
	char moved[33];
	struct row r = { .table = t->table, .ncol = t->ncol, .op = SQLITE_INSERT, .pk = t->pk };
	struct found *f = add_found(c, "unique", &r, t->vals, NULL);
	if (!f)
		return c->rc;
	f->field = strdup("key");
	int ki = column_of(c->st, t->table, "key");
	if (here[0] && strcmp(id, here) < 0) {
		/* Theirs keeps the key: ours moves aside first. */
		moved_key(key, here, moved);
		int src = sqlite3_prepare_v2(c->st->db, "UPDATE clients SET key = ?1 WHERE id = ?2",
		                             -1, &s, NULL);
		if (src == SQLITE_OK) {
			sqlite3_bind_text(s, 1, moved, -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(s, 2, here, -1, SQLITE_TRANSIENT);
			src = sqlite3_step(s);
		}
		sqlite3_finalize(s);
		if (src != SQLITE_DONE)
			return store_sql_fail(c->st, src, "moving a client key aside");
		f->ours = strdup(moved);
		f->theirs = strdup(key);
		f->kept_theirs = true;
	} else if (here[0]) {
		moved_key(key, id, moved);
		sqlite3_value_free(t->vals[ki]);
		t->vals[ki] = NULL;
		sqlite3_stmt *m = NULL;
		/* A value of the right kind, made by SQLite. */
		if (sqlite3_prepare_v2(c->st->db, "SELECT ?1", -1, &m, NULL) == SQLITE_OK) {
			sqlite3_bind_text(m, 1, moved, -1, SQLITE_TRANSIENT);
			if (sqlite3_step(m) == SQLITE_ROW)
				t->vals[ki] = sqlite3_value_dup(sqlite3_column_value(m, 0));
		}
		sqlite3_finalize(m);
		if (!t->vals[ki])
			return store_fail(c->st, EX_SOFTWARE, "out of memory");
		f->ours = strdup(key);
		f->theirs = strdup(moved);
		f->kept_theirs = false;
	}
	return do_insert(c, t);
}

/* An imported entry's source taken twice: the lower entry id stays. */
static int do_source_twice(struct apply_ctx *c, struct todo *t)
{
	const char *entry = todo_text(c, t, "entry_id"), *service = todo_text(c, t, "service"),
	           *source = todo_text(c, t, "source_key");
	if (!entry || !service || !source)
		return 0;
	sqlite3_stmt *s = NULL;
	char here[40] = "";
	if (sqlite3_prepare_v2(c->st->db,
	                       "SELECT entry_id FROM entry_sources WHERE service = ?1"
	                       " AND source_key = ?2",
	                       -1, &s, NULL) == SQLITE_OK) {
		sqlite3_bind_text(s, 1, service, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(s, 2, source, -1, SQLITE_TRANSIENT);
		if (sqlite3_step(s) == SQLITE_ROW)
			snprintf(here, sizeof here, "%s", sqlite3_column_text(s, 0));
	}
	sqlite3_finalize(s);
	const char *gone = here[0] && strcmp(entry, here) < 0 ? here : entry;
	struct row r = { .table = t->table, .ncol = t->ncol, .op = SQLITE_INSERT, .pk = t->pk };
	struct found *f = add_found(c, "unique", &r, t->vals, NULL);
	if (!f)
		return c->rc;
	f->field = strdup("source_key");
	f->ours = strdup(here);
	f->theirs = strdup(entry);
	f->kept_theirs = gone == here;
	int src = sqlite3_prepare_v2(c->st->db, "DELETE FROM time_entries WHERE id = ?1", -1, &s,
	                             NULL);
	if (src == SQLITE_OK) {
		sqlite3_bind_text(s, 1, gone, -1, SQLITE_TRANSIENT);
		src = sqlite3_step(s);
	}
	sqlite3_finalize(s);
	if (src != SQLITE_DONE)
		return store_sql_fail(c->st, src, "removing an entry imported twice");
	return gone == here ? do_insert(c, t) : 0;
}

/* Rows whose parent is gone, parents first: what a delete of the parent
 * would have done to them. */
static const char *const orphan_sql[][2] = {
	{ "mandates", "DELETE FROM mandates WHERE client_id NOT IN (SELECT id FROM clients)" },
	{ "risks", "DELETE FROM risks WHERE client_id NOT IN (SELECT id FROM clients)" },
	{ "notes", "DELETE FROM notes WHERE client_id NOT IN (SELECT id FROM clients)" },
	{ "time_entries",
	  "DELETE FROM time_entries WHERE client_id NOT IN (SELECT id FROM clients)" },
	{ "actions", "DELETE FROM actions WHERE client_id NOT IN (SELECT id FROM clients)" },
	{ "timer", "DELETE FROM timer WHERE client_id NOT IN (SELECT id FROM clients)" },
	{ "client_terms",
	  "DELETE FROM client_terms WHERE client_id NOT IN (SELECT id FROM clients)" },
	{ "month_locks",
	  "DELETE FROM month_locks WHERE client_id NOT IN (SELECT id FROM clients)" },
	{ "time_entries", "UPDATE time_entries SET mandate_id = NULL WHERE mandate_id IS NOT NULL"
	                  " AND mandate_id NOT IN (SELECT id FROM mandates)" },
	{ "actions", "UPDATE actions SET mandate_id = NULL WHERE mandate_id IS NOT NULL"
	             " AND mandate_id NOT IN (SELECT id FROM mandates)" },
	{ "actions", "UPDATE actions SET risk_id = NULL WHERE risk_id IS NOT NULL"
	             " AND risk_id NOT IN (SELECT id FROM risks)" },
	{ "note_shares", "DELETE FROM note_shares WHERE note_id NOT IN (SELECT id FROM notes)" },
	{ "entry_sources",
	  "DELETE FROM entry_sources WHERE entry_id NOT IN (SELECT id FROM time_entries)" },
};

static int do_orphans(struct apply_ctx *c)
{
	for (size_t i = 0; i < sizeof orphan_sql / sizeof *orphan_sql; i++) {
		int changes = 0;
		int src = run_with(c, orphan_sql[i][1], NULL, 0, NULL, &changes);
		if (src != SQLITE_OK)
			return store_sql_fail(c->st, src, "settling rows whose parent is gone");
		if (changes > 0) {
			unsigned char nopk = 0;
			struct row r = { .table = orphan_sql[i][0],
				         .ncol = 0,
				         .op = SQLITE_DELETE,
				         .pk = &nopk };
			struct found *f = add_found(c, "orphan", &r, NULL, NULL);
			if (!f)
				return c->rc;
			free(f->row_id);
			char n[32];
			snprintf(n, sizeof n, "%d row%s", changes, changes == 1 ? "" : "s");
			f->row_id = strdup(n);
			f->kept_theirs = true;
		}
	}
	return 0;
}

static int record_found(struct apply_ctx *c)
{
	char at[STAMP_LEN];
	store_now_stamp(at);
	sqlite3_stmt *s = NULL;
	int src = sqlite3_prepare_v2(
	        c->st->db,
	        "INSERT INTO sync_conflicts(at, device, kind, tbl, row_id, client_id, field, ours,"
	        " theirs, kept, our_hlc, their_hlc) VALUES (?1, ?2, ?3, ?4, coalesce(?5, '?'), ?6,"
	        " ?7, ?8, ?9, ?10, ?11, ?12)",
	        -1, &s, NULL);
	for (size_t i = 0; src == SQLITE_OK && i < c->nfound; i++) {
		struct found *f = &c->found[i];
		sqlite3_bind_text(s, 1, at, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 2, c->device, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 3, f->kind, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 4, f->table, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 5, f->row_id, -1, SQLITE_STATIC);
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

static int settle(struct apply_ctx *c)
{
	int rc = 0;
	bool inserted = false;
	for (size_t i = 0; !rc && i < c->ntodo; i++) {
		struct todo *t = &c->todo[i];
		switch (t->kind) {
		case SET_FIELD:
			rc = do_set(c, t);
			break;
		case INSERT_ROW:
			rc = do_insert(c, t);
			inserted = true;
			break;
		case CLIENT_KEY:
			rc = do_client_key(c, t);
			break;
		case SOURCE_TWICE:
			rc = do_source_twice(c, t);
			break;
		}
	}
	if (!rc && (c->orphans || inserted))
		rc = do_orphans(c);
	if (!rc)
		rc = c->rc;
	if (!rc && c->nfound)
		rc = record_found(c);
	return rc;
}

/* ---- the whole ---- */

static int exec(struct store *st, const char *sql, const char *what)
{
	int src = sqlite3_exec(st->db, sql, NULL, NULL, NULL);
	return src == SQLITE_OK ? 0 : store_sql_fail(st, src, what);
}

static int next_of(struct store *st, const char *device, long long seq)
{
	long long applied = 0;
	int rc = store_sync_peer(st, device, &applied);
	if (rc)
		return rc;
	if (seq != applied + 1)
		return store_fail(st, EX_TEMPFAIL,
		                  "change %lld of \"%s\" is not the next to apply (%lld is)", seq,
		                  device, applied + 1);
	return 0;
}

static int mark_applied(struct store *st, const char *device, long long seq, int64_t hlc)
{
	sqlite3_stmt *s = NULL;
	int src = sqlite3_prepare_v2(st->db,
	                             "INSERT INTO sync_peers(device, applied_seq, hlc)"
	                             " VALUES (?1, ?2, ?3) ON CONFLICT (device) DO UPDATE"
	                             " SET applied_seq = excluded.applied_seq,"
	                             " hlc = max(hlc, excluded.hlc)",
	                             -1, &s, NULL);
	if (src == SQLITE_OK) {
		sqlite3_bind_text(s, 1, device, -1, SQLITE_STATIC);
		sqlite3_bind_int64(s, 2, seq);
		sqlite3_bind_int64(s, 3, hlc);
		src = sqlite3_step(s);
	}
	sqlite3_finalize(s);
	return src == SQLITE_DONE ? 0 : store_sql_fail(st, src, "recording a change applied");
}

/* The rows a changeset changes, the timer's apart. */
static long long changes_in(const void *data, int size)
{
	sqlite3_changeset_iter *it = NULL;
	long long n = 0;
	if (sqlite3changeset_start(&it, size, (void *)data) != SQLITE_OK)
		return 0;
	while (sqlite3changeset_next(it) == SQLITE_ROW) {
		struct row r;
		row_of(it, &r);
		n += strcmp(r.table, "timer") != 0;
	}
	sqlite3changeset_finalize(it);
	return n;
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
	 * folder (what was applied is in the same transaction): the commit
	 * need not wait for the disk. */
	int rc = store_pragma(st, "PRAGMA synchronous=NORMAL");
	if (rc || (rc = store_begin(st)))
		return rc;
	if ((rc = next_of(st, device, seq))) {
		store_rollback(st);
		(void)store_pragma(st, "PRAGMA synchronous=FULL");
		return rc;
	}
	snprintf(st->jnext.kind, sizeof st->jnext.kind, "sync");
	if (!(st->jnext.device = strdup(device))) {
		store_rollback(st);
		return store_fail(st, EX_SOFTWARE, "out of memory");
	}
	st->jnext.device_seq = seq;
	st->jnext.hlc = hlc;
	struct apply_ctx c = { .st = st, .device = device, .hlc = hlc };
	rc = exec(st, "INSERT INTO sync_applying(slot) VALUES (1)", "applying a change from sync");
	if (!rc) {
		int src = sqlite3changeset_apply_v2(st->db, size, (void *)data, not_timer,
		                                    on_conflict, &c, NULL, NULL, 0);
		if (c.rc)
			rc = c.rc;
		else if ((src & 0xff) == SQLITE_CORRUPT || (src & 0xff) == SQLITE_MISUSE ||
		         (src & 0xff) == SQLITE_ERROR)
			rc = store_fail(st, EX_DATAERR,
			                "change %lld of \"%s\" cannot be read as a change of this "
			                "database (%s)",
			                seq, device, sqlite3_errstr(src));
		else if (src != SQLITE_OK)
			rc = store_sql_fail(st, src, "applying a change from sync");
	}
	if (!rc)
		rc = settle(&c);
	if (!rc)
		rc = exec(st, "DELETE FROM sync_applying", "applying a change from sync");
	if (!rc)
		rc = mark_applied(st, device, seq, hlc);
	res->conflicts = (long long)c.nfound;
	ctx_free(&c);
	rc = store_end(st, rc);
	int prc = store_pragma(st, "PRAGMA synchronous=FULL");
	if (rc)
		memset(res, 0, sizeof *res);
	else
		res->changes = changes_in(data, size);
	return rc ? rc : prc;
}
