/*
 * sync_tables.c: the statements sync applies changes with, one set per
 * recorded table, prepared once per handle: a row read by its key, an
 * insert, a delete, and updates of each set of columns met.  Applying
 * thousands of changesets costs their rows, not their parsing.  The SQL
 * is built from the table's own columns (PRAGMA table_info), never from
 * a changeset's text.
 */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "sync_tables.h"

#define MAX_UPDATES 24 /* column sets kept per table; more are prepared each time */

struct sync_update {
	uint64_t mask;
	sqlite3_stmt *s;
};

struct sync_fk {
	int col;
	char parent_table[32];
	bool set_null;        /* ON DELETE SET NULL; else the row goes with its parent */
	sqlite3_stmt *parent; /* SELECT 1 FROM parent WHERE key = ?1 */
};

struct sync_table {
	struct store *st;
	bool ready; /* the statements and references are prepared */
	char name[32];
	int ncol;
	char **cols;
	unsigned char *pk;
	struct sync_fk *fks;
	int nfks;
	int ident; /* the id column when the key holds more (a row moves) */
	sqlite3_stmt *select, *select_id, *insert, *delete;
	struct sync_update updates[MAX_UPDATES];
	int nupdates;
};

struct sync_tables {
	struct sync_table **t; /* each its own allocation: pointers to them stay */
	size_t n;
	sqlite3_stmt *fixed[SYNC_FIXED_COUNT];
};

static void table_free(struct sync_table *t)
{
	for (int i = 0; t->cols && i < t->ncol; i++)
		free(t->cols[i]);
	free(t->cols);
	free(t->pk);
	sqlite3_finalize(t->select);
	sqlite3_finalize(t->select_id);
	sqlite3_finalize(t->insert);
	sqlite3_finalize(t->delete);
	for (int i = 0; i < t->nupdates; i++)
		sqlite3_finalize(t->updates[i].s);
	for (int i = 0; i < t->nfks; i++)
		sqlite3_finalize(t->fks[i].parent);
	free(t->fks);
}

void sync_tables_free(struct store *st)
{
	struct sync_tables *c = st->sync_tables;
	if (!c)
		return;
	for (size_t i = 0; i < c->n; i++) {
		table_free(c->t[i]);
		free(c->t[i]);
	}
	free(c->t);
	for (int i = 0; i < SYNC_FIXED_COUNT; i++)
		sqlite3_finalize(c->fixed[i]);
	free(c);
	st->sync_tables = NULL;
}

static struct sync_tables *cache_of(struct store *st)
{
	if (!st->sync_tables && !(st->sync_tables = calloc(1, sizeof *st->sync_tables)))
		store_fail(st, EX_SOFTWARE, "out of memory");
	return st->sync_tables;
}

static int prepare(struct store *st, const char *sql, sqlite3_stmt **out)
{
	int src = sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT, out, NULL);
	if (src != SQLITE_OK) {
		sqlite3_finalize(*out);
		*out = NULL;
		return store_sql_fail(st, src, "preparing to apply a change");
	}
	return 0;
}

sqlite3_stmt *sync_fixed(struct store *st, enum sync_fixed id, const char *sql)
{
	struct sync_tables *c = cache_of(st);
	if (!c)
		return NULL;
	if (!c->fixed[id] && prepare(st, sql, &c->fixed[id]))
		return NULL;
	return c->fixed[id];
}

/* "a" = ?k AND "b" = ?k+1 ... over the key columns. */
static void where_key(const struct sync_table *t, int first, char *out, size_t n)
{
	out[0] = '\0';
	for (int i = 0, k = first; i < t->ncol; i++) {
		if (!t->pk[i])
			continue;
		size_t len = strlen(out);
		snprintf(out + len, n - len, "%s\"%s\" = ?%d", len ? " AND " : "", t->cols[i], k++);
	}
}

/* The table's references: which column, to what, and what a delete of
 * the parent does. */
static int load_fks(struct store *st, struct sync_table *t)
{
	sqlite3_stmt *s = NULL;
	int rc = prepare(
	        st,
	        "SELECT \"from\", \"table\", \"to\", on_delete FROM pragma_foreign_key_list(?1)",
	        &s);
	if (rc)
		return rc;
	sqlite3_bind_text(s, 1, t->name, -1, SQLITE_STATIC);
	int src;
	while (!rc && (src = sqlite3_step(s)) == SQLITE_ROW) {
		const char *from = (const char *)sqlite3_column_text(s, 0);
		const char *parent = (const char *)sqlite3_column_text(s, 1);
		const char *to = (const char *)sqlite3_column_text(s, 2);
		const char *on_delete = (const char *)sqlite3_column_text(s, 3);
		int col = from ? sync_table_find(t, from) : -1;
		if (col < 0 || !parent || !to)
			continue;
		struct sync_fk *p = realloc(t->fks, (size_t)(t->nfks + 1) * sizeof *p);
		if (!p) {
			rc = store_fail(st, EX_SOFTWARE, "out of memory");
			break;
		}
		t->fks = p;
		struct sync_fk *fk = &t->fks[t->nfks];
		memset(fk, 0, sizeof *fk);
		fk->col = col;
		fk->set_null = on_delete && !strcmp(on_delete, "SET NULL");
		snprintf(fk->parent_table, sizeof fk->parent_table, "%s", parent);
		char sql[200];
		snprintf(sql, sizeof sql, "SELECT 1 FROM \"%s\" WHERE \"%s\" = ?1", parent, to);
		if (!(rc = prepare(st, sql, &fk->parent)))
			t->nfks++;
	}
	if (!rc && src != SQLITE_DONE)
		rc = store_sql_fail(st, src, "reading a table's references");
	sqlite3_finalize(s);
	return rc;
}

static int load(struct store *st, struct sync_table *t, const char *name)
{
	snprintf(t->name, sizeof t->name, "%s", name);
	sqlite3_stmt *s = NULL;
	int rc = prepare(st, "SELECT name, pk FROM pragma_table_info(?1) ORDER BY cid", &s);
	if (rc)
		return rc;
	sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
	int cap = 0, src;
	while ((src = sqlite3_step(s)) == SQLITE_ROW) {
		if (t->ncol == cap) {
			cap = cap ? cap * 2 : 16;
			char **cols = realloc(t->cols, (size_t)cap * sizeof *cols);
			unsigned char *pk = realloc(t->pk, (size_t)cap);
			if (cols)
				t->cols = cols;
			if (pk)
				t->pk = pk;
			if (!cols || !pk) {
				rc = store_fail(st, EX_SOFTWARE, "out of memory");
				break;
			}
		}
		t->pk[t->ncol] = sqlite3_column_int(s, 1) > 0;
		if (!(t->cols[t->ncol] = strdup((const char *)sqlite3_column_text(s, 0)))) {
			rc = store_fail(st, EX_SOFTWARE, "out of memory");
			break;
		}
		t->ncol++;
	}
	sqlite3_finalize(s);
	if (!rc && src != SQLITE_DONE)
		rc = store_sql_fail(st, src, "reading a table's columns");
	if (rc)
		return rc;
	if (t->ncol == 0 || t->ncol > 64)
		return store_fail(st, EX_SOFTWARE, "table %s cannot be synced", name);
	int npk = 0;
	for (int i = 0; i < t->ncol; i++)
		npk += t->pk[i];
	t->ident = sync_table_find(t, "id");
	if (npk < 2 || !sync_table_is_key(t, t->ident))
		t->ident = -1;
	return 0;
}

/* The statements and references, on first use: the journal's summary
 * only needs the names. */
static int ready(struct sync_table *t)
{
	if (t->ready)
		return 0;
	struct store *st = t->st;
	const char *name = t->name;
	int rc = load_fks(st, t);
	if (rc)
		return rc;
	char where[600], sql[1200];
	where_key(t, 1, where, sizeof where);
	snprintf(sql, sizeof sql, "SELECT * FROM \"%s\" WHERE %s", name, where);
	if ((rc = prepare(st, sql, &t->select)))
		return rc;
	if (t->ident >= 0) {
		snprintf(sql, sizeof sql, "SELECT * FROM \"%s\" WHERE id = ?1", name);
		if ((rc = prepare(st, sql, &t->select_id)))
			return rc;
	}
	snprintf(sql, sizeof sql, "DELETE FROM \"%s\" WHERE %s", name, where);
	if ((rc = prepare(st, sql, &t->delete)))
		return rc;
	int len = snprintf(sql, sizeof sql, "INSERT INTO \"%s\" VALUES (", name);
	for (int i = 0; i < t->ncol && len < (int)sizeof sql; i++)
		len += snprintf(sql + len, sizeof sql - (size_t)len, "%s?%d", i ? ", " : "", i + 1);
	if (len < (int)sizeof sql)
		snprintf(sql + len, sizeof sql - (size_t)len, ")");
	if ((rc = prepare(st, sql, &t->insert)))
		return rc;
	t->ready = true;
	return 0;
}

struct sync_table *sync_table(struct store *st, const char *name)
{
	struct sync_tables *c = cache_of(st);
	if (!c)
		return NULL;
	for (size_t i = 0; i < c->n; i++)
		if (!strcmp(c->t[i]->name, name))
			return c->t[i];
	if (!store_journal_table(name)) {
		store_fail(st, EX_DATAERR, "a change to a table cxo does not sync (%.40s)", name);
		return NULL;
	}
	struct sync_table **p = realloc(c->t, (c->n + 1) * sizeof *p);
	if (!p) {
		store_fail(st, EX_SOFTWARE, "out of memory");
		return NULL;
	}
	c->t = p;
	struct sync_table *t = calloc(1, sizeof *t);
	if (!t) {
		store_fail(st, EX_SOFTWARE, "out of memory");
		return NULL;
	}
	t->st = st;
	if (load(st, t, name)) {
		table_free(t);
		free(t);
		return NULL;
	}
	c->t[c->n++] = t;
	return t;
}

int sync_table_ncol(const struct sync_table *t)
{
	return t->ncol;
}

const char *sync_table_column(const struct sync_table *t, int i)
{
	return i >= 0 && i < t->ncol ? t->cols[i] : NULL;
}

int sync_table_find(const struct sync_table *t, const char *column)
{
	for (int i = 0; i < t->ncol; i++)
		if (!strcmp(t->cols[i], column))
			return i;
	return -1;
}

bool sync_table_is_key(const struct sync_table *t, int i)
{
	return i >= 0 && i < t->ncol && t->pk[i];
}

/* Binds the key columns of vals from parameter first on. */
static int bind_key(const struct sync_table *t, sqlite3_stmt *s, int first, sqlite3_value **vals)
{
	int rc = SQLITE_OK;
	for (int i = 0, k = first; rc == SQLITE_OK && i < t->ncol; i++)
		if (t->pk[i])
			rc = vals[i] ? sqlite3_bind_value(s, k++, vals[i])
			             : sqlite3_bind_null(s, k++);
	return rc;
}

sqlite3_stmt *sync_table_select(struct store *st, struct sync_table *t, sqlite3_value **key,
                                int *src)
{
	if (ready(t)) {
		*src = SQLITE_ERROR;
		return NULL;
	}
	sqlite3_reset(t->select);
	*src = bind_key(t, t->select, 1, key);
	if (*src == SQLITE_OK)
		*src = sqlite3_step(t->select);
	if (*src != SQLITE_ROW && *src != SQLITE_DONE)
		store_sql_fail(st, *src, "reading a row to change");
	return t->select;
}

int sync_table_ident(const struct sync_table *t)
{
	return t->ident;
}

sqlite3_stmt *sync_table_select_ident(struct store *st, struct sync_table *t, sqlite3_value *id,
                                      int *src)
{
	if (ready(t) || !t->select_id) {
		*src = SQLITE_ERROR;
		return NULL;
	}
	sqlite3_reset(t->select_id);
	*src = sqlite3_bind_value(t->select_id, 1, id);
	if (*src == SQLITE_OK)
		*src = sqlite3_step(t->select_id);
	if (*src != SQLITE_ROW && *src != SQLITE_DONE)
		store_sql_fail(st, *src, "reading a row to change");
	return t->select_id;
}

void sync_table_done(struct sync_table *t)
{
	if (t->select) {
		sqlite3_reset(t->select);
		sqlite3_clear_bindings(t->select);
	}
	if (t->select_id) {
		sqlite3_reset(t->select_id);
		sqlite3_clear_bindings(t->select_id);
	}
}

int sync_table_insert(struct sync_table *t, sqlite3_value **vals)
{
	if (ready(t))
		return SQLITE_ERROR;
	sqlite3_stmt *s = t->insert;
	int src = SQLITE_OK;
	for (int i = 0; src == SQLITE_OK && i < t->ncol; i++)
		src = vals[i] ? sqlite3_bind_value(s, i + 1, vals[i]) : sqlite3_bind_null(s, i + 1);
	if (src == SQLITE_OK)
		src = sqlite3_step(s);
	if (src != SQLITE_DONE)
		src = sqlite3_extended_errcode(sqlite3_db_handle(s));
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	return src == SQLITE_DONE ? SQLITE_OK : src;
}

int sync_table_delete(struct sync_table *t, sqlite3_value **key)
{
	if (ready(t))
		return SQLITE_ERROR;
	sqlite3_stmt *s = t->delete;
	int src = bind_key(t, s, 1, key);
	if (src == SQLITE_OK)
		src = sqlite3_step(s);
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	return src == SQLITE_DONE ? SQLITE_OK : src;
}

int sync_table_update(struct store *st, struct sync_table *t, uint64_t mask, sqlite3_value **vals,
                      sqlite3_value **key)
{
	sqlite3_stmt *s = NULL;
	bool kept = false;
	for (int i = 0; i < t->nupdates && !s; i++)
		if (t->updates[i].mask == mask)
			s = t->updates[i].s;
	if (!s) {
		char sql[1500], where[600];
		int len = snprintf(sql, sizeof sql, "UPDATE \"%s\" SET ", t->name);
		int k = 1;
		for (int i = 0; i < t->ncol && len < (int)sizeof sql; i++)
			if (mask & (UINT64_C(1) << i))
				len += snprintf(sql + len, sizeof sql - (size_t)len,
				                "%s\"%s\" = ?%d", k > 1 ? ", " : "", t->cols[i], k),
				        k++;
		where_key(t, k, where, sizeof where);
		if (len < (int)sizeof sql)
			snprintf(sql + len, sizeof sql - (size_t)len, " WHERE %s", where);
		if (prepare(st, sql, &s))
			return SQLITE_ERROR;
		if (t->nupdates < MAX_UPDATES) {
			t->updates[t->nupdates].mask = mask;
			t->updates[t->nupdates++].s = s;
			kept = true;
		}
	} else {
		kept = true;
	}
	int src = SQLITE_OK, k = 1;
	for (int i = 0; src == SQLITE_OK && i < t->ncol; i++)
		if (mask & (UINT64_C(1) << i))
			src = vals[i] ? sqlite3_bind_value(s, k++, vals[i])
			              : sqlite3_bind_null(s, k++);
	if (src == SQLITE_OK)
		src = bind_key(t, s, k, key);
	if (src == SQLITE_OK)
		src = sqlite3_step(s);
	if (src != SQLITE_DONE)
		src = sqlite3_extended_errcode(sqlite3_db_handle(s));
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	if (!kept)
		sqlite3_finalize(s);
	return src == SQLITE_DONE ? SQLITE_OK : src;
}

int sync_table_refs_to(struct sync_table *t, const char *parent, int *cols, bool *set_null, int max)
{
	if (ready(t))
		return -1;
	int n = 0;
	for (int i = 0; i < t->nfks && n < max; i++)
		if (!strcmp(t->fks[i].parent_table, parent)) {
			cols[n] = t->fks[i].col;
			set_null[n++] = t->fks[i].set_null;
		}
	return n;
}

int sync_table_orphan(struct sync_table *t, sqlite3_value **vals, uint64_t *cleared)
{
	*cleared = 0;
	if (ready(t))
		return -1;
	for (int i = 0; i < t->nfks; i++) {
		struct sync_fk *fk = &t->fks[i];
		sqlite3_value *v = vals[fk->col];
		if (!v || sqlite3_value_type(v) == SQLITE_NULL)
			continue;
		int src = sqlite3_bind_value(fk->parent, 1, v);
		if (src == SQLITE_OK)
			src = sqlite3_step(fk->parent);
		sqlite3_reset(fk->parent);
		sqlite3_clear_bindings(fk->parent);
		if (src == SQLITE_ROW)
			continue;
		if (src != SQLITE_DONE)
			return -1;
		if (!fk->set_null)
			return 1;
		*cleared |= UINT64_C(1) << fk->col;
	}
	return 0;
}
