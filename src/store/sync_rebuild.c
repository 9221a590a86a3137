/*
 * sync_rebuild.c: a row made again from every change to it seen here,
 * for the cases where the row here cannot tell (it was deleted, or an
 * edit came before the row): each column takes the value of the latest
 * write that set it, the hybrid logical clock first and the device's
 * name on a tie, so that every device that has seen the same changes
 * makes the same row whatever order they came in.  The journal keeps
 * every change applied here as it came, even one a conflict turned
 * away, which is what makes this possible.
 */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "sync_apply.h"

const char *me_of(struct apply_ctx *c)
{
	if (!c->me_read) {
		c->me_read = true;
		c->me[0] = '\0';
		sqlite3_stmt *s =
		        sync_fixed(c->st, SYNC_ME, "SELECT device FROM sync_state WHERE slot = 1");
		if (s) {
			if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_text(s, 0))
				snprintf(c->me, sizeof c->me, "%s",
				         (const char *)sqlite3_column_text(s, 0));
			sqlite3_reset(s);
		}
	}
	return c->me;
}

/* A write's place in the order of changes. */
struct stamp {
	int64_t hlc;
	char device[65];
	bool set;
};

static bool stamp_after(const struct stamp *a, int64_t hlc, const char *device)
{
	if (!a->set)
		return true;
	if (hlc != a->hlc)
		return hlc > a->hlc;
	return strcmp(device, a->device) > 0;
}

static void stamp_take(struct stamp *a, int64_t hlc, const char *device)
{
	a->hlc = hlc;
	snprintf(a->device, sizeof a->device, "%s", device);
	a->set = true;
}

struct merge {
	int ncol;
	struct stamp *col; /* the latest write of each column */
	sqlite3_value **vals;
	struct stamp write, del;
	sqlite3_value **del_vals; /* the latest delete's old values */
	bool whole;               /* an insert or a delete gave every column */
};

/* One change to the row (op, at hlc by device, the iterator on it) into
 * m. */
static int merge_one(struct merge *m, int op, int64_t hlc, const char *device,
                     sqlite3_changeset_iter *it)
{
	if (op == SQLITE_DELETE) {
		m->whole = true;
		if (!stamp_after(&m->del, hlc, device))
			return 0;
		stamp_take(&m->del, hlc, device);
		for (int i = 0; i < m->ncol; i++) {
			sqlite3_value *v = NULL;
			sqlite3changeset_old(it, i, &v);
			sqlite3_value_free(m->del_vals[i]);
			m->del_vals[i] = NULL;
			if (v && !(m->del_vals[i] = sqlite3_value_dup(v)))
				return EX_SOFTWARE;
		}
		return 0;
	}
	if (op == SQLITE_INSERT)
		m->whole = true;
	if (stamp_after(&m->write, hlc, device))
		stamp_take(&m->write, hlc, device);
	for (int i = 0; i < m->ncol; i++) {
		sqlite3_value *v = NULL;
		if (sqlite3changeset_new(it, i, &v) != SQLITE_OK)
			v = NULL;
		if (!v || !stamp_after(&m->col[i], hlc, device))
			continue;
		stamp_take(&m->col[i], hlc, device);
		sqlite3_value_free(m->vals[i]);
		if (!(m->vals[i] = sqlite3_value_dup(v)))
			return EX_SOFTWARE;
	}
	return 0;
}

/* The changes to the row in one changeset (at hlc, by device) into m. */
static int merge_blob(struct sync_table *t, const char *table, sqlite3_value **key, struct merge *m,
                      int64_t hlc, const char *device, const void *cs, int n)
{
	sqlite3_changeset_iter *it = NULL;
	int rc = 0;
	int isrc = sqlite3changeset_start(&it, n, (void *)cs);
	while (!rc && isrc == SQLITE_OK && sqlite3changeset_next(it) == SQLITE_ROW) {
		if (!same_row(it, table, m->ncol, t, key))
			continue;
		const char *name;
		int nc, op, indirect;
		sqlite3changeset_op(it, &name, &nc, &op, &indirect);
		rc = merge_one(m, op, hlc, device, it);
	}
	if (it)
		sqlite3changeset_finalize(it);
	return rc;
}

/* Every change to the row: the journal's, then theirs. */
static int scan(struct apply_ctx *c, struct sync_table *t, const char *table, sqlite3_value **key,
                struct merge *m)
{
	sqlite3_stmt *s = NULL;
	int rc = 0;
	int src = sqlite3_prepare_v2(c->st->db,
	                             "SELECT hlc, coalesce(device, ?1), changeset FROM journal", -1,
	                             &s, NULL);
	if (src == SQLITE_OK)
		sqlite3_bind_text(s, 1, me_of(c), -1, SQLITE_STATIC);
	while (!rc && src == SQLITE_OK && (src = sqlite3_step(s)) == SQLITE_ROW) {
		const char *device = (const char *)sqlite3_column_text(s, 1);
		rc = merge_blob(t, table, key, m, sqlite3_column_int64(s, 0), device ? device : "",
		                sqlite3_column_blob(s, 2), sqlite3_column_bytes(s, 2));
		src = SQLITE_OK;
	}
	if (!rc && src == SQLITE_DONE && c->data)
		rc = merge_blob(t, table, key, m, c->hlc, c->device, c->data, c->size);
	if (rc)
		rc = store_fail(c->st, EX_SOFTWARE, "out of memory");
	else if (src != SQLITE_OK && src != SQLITE_DONE)
		rc = store_sql_fail(c->st, src, "reading the journal");
	sqlite3_finalize(s);
	return rc;
}

int row_rebuild(struct apply_ctx *c, struct sync_table *t, const char *table, sqlite3_value **key,
                sqlite3_value **vals, bool *alive, int64_t *deleted)
{
	int n = sync_table_ncol(t);
	struct stamp col[n];
	sqlite3_value *del_vals[n];
	memset(col, 0, sizeof col);
	memset(del_vals, 0, sizeof del_vals);
	struct merge m = { .ncol = n, .col = col, .vals = vals, .del_vals = del_vals };
	for (int i = 0; i < n; i++)
		vals[i] = NULL;
	int rc = scan(c, t, table, key, &m);
	for (int i = 0; !rc && i < n; i++) {
		if (col[i].set || !del_vals[i])
			continue;
		if (!(vals[i] = sqlite3_value_dup(del_vals[i])))
			rc = store_fail(c->st, EX_SOFTWARE, "out of memory");
	}
	for (int i = 0; i < n; i++)
		sqlite3_value_free(del_vals[i]);
	*deleted = m.del.set ? m.del.hlc : 0;
	/* A write and a delete on one clock are a row moved to another key. */
	*alive = m.whole && m.write.set &&
	         (!m.del.set || !stamp_after(&m.write, m.del.hlc, m.del.device));
	return rc;
}

/* ---- the rows that refer to a row brought back ---- */

struct child {
	struct sync_table *t;
	const char *table;   /* its referrer's name */
	sqlite3_value **key; /* ncol slots, the key's set */
};

struct children {
	struct child *v;
	size_t n, cap;
};

static void children_free(struct children *k)
{
	for (size_t i = 0; i < k->n; i++) {
		for (int j = 0; k->v[i].key && j < sync_table_ncol(k->v[i].t); j++)
			sqlite3_value_free(k->v[i].key[j]);
		free(k->v[i].key);
	}
	free(k->v);
}

/* Adds the row of the iterator's change (to t) unless there already. */
static int child_add(struct children *k, struct sync_table *t, const char *table,
                     sqlite3_changeset_iter *it)
{
	int n = sync_table_ncol(t);
	for (size_t i = 0; i < k->n; i++)
		if (k->v[i].t == t && same_row(it, table, n, t, k->v[i].key))
			return 0;
	if (k->n == k->cap) {
		size_t cap = k->cap ? k->cap * 2 : 8;
		struct child *p = realloc(k->v, cap * sizeof *p);
		if (!p)
			return EX_SOFTWARE;
		k->v = p;
		k->cap = cap;
	}
	struct child *ch = &k->v[k->n];
	ch->t = t;
	ch->table = table;
	if (!(ch->key = calloc((size_t)n, sizeof *ch->key)))
		return EX_SOFTWARE;
	k->n++;
	const char *name;
	int nc, op, indirect;
	sqlite3changeset_op(it, &name, &nc, &op, &indirect);
	for (int i = 0; i < n; i++) {
		if (!sync_table_is_key(t, i))
			continue;
		sqlite3_value *v = NULL;
		if (op == SQLITE_INSERT)
			sqlite3changeset_new(it, i, &v);
		else
			sqlite3changeset_old(it, i, &v);
		if (v && !(ch->key[i] = sqlite3_value_dup(v)))
			return EX_SOFTWARE;
	}
	return 0;
}

#define MAX_REFS 4

/* The recorded tables that refer to parent, with their columns that do. */
struct referrer {
	struct sync_table *t;
	char table[32];
	int cols[MAX_REFS];
	bool set_null[MAX_REFS];
	int n;
};

static int referrers(struct apply_ctx *c, const char *parent, struct referrer *out, int max, int *n)
{
	*n = 0;
	sqlite3_stmt *s = NULL;
	int src = sqlite3_prepare_v2(c->st->db,
	                             "SELECT DISTINCT m.name FROM sqlite_schema m,"
	                             " pragma_foreign_key_list(m.name) f"
	                             " WHERE m.type = 'table' AND f.\"table\" = ?1 ORDER BY 1",
	                             -1, &s, NULL);
	if (src == SQLITE_OK)
		sqlite3_bind_text(s, 1, parent, -1, SQLITE_STATIC);
	int rc = 0;
	while (!rc && src == SQLITE_OK && *n < max && (src = sqlite3_step(s)) == SQLITE_ROW) {
		src = SQLITE_OK;
		const char *name = (const char *)sqlite3_column_text(s, 0);
		if (!name || !store_journal_table(name) || !strcmp(name, "timer"))
			continue;
		struct referrer *r = &out[*n];
		memset(r, 0, sizeof *r);
		snprintf(r->table, sizeof r->table, "%s", name);
		if (!(r->t = sync_table(c->st, name))) {
			rc = c->st->err_code ? c->st->err_code : EX_SOFTWARE;
			break;
		}
		r->n = sync_table_refs_to(r->t, parent, r->cols, r->set_null, MAX_REFS);
		if (r->n < 0)
			rc = c->st->err_code ? c->st->err_code : EX_SOFTWARE;
		else if (r->n > 0)
			(*n)++;
	}
	if (!rc && src != SQLITE_OK && src != SQLITE_DONE)
		rc = store_sql_fail(c->st, src, "reading the tables' references");
	sqlite3_finalize(s);
	return rc;
}

/* The rows some change seen here made refer to id, through the
 * referrers' columns. */
static int find_children(struct apply_ctx *c, struct referrer *refs, int nrefs, sqlite3_value *id,
                         struct children *k)
{
	sqlite3_stmt *s = NULL;
	int rc = 0;
	int src = sqlite3_prepare_v2(c->st->db, "SELECT changeset FROM journal", -1, &s, NULL);
	while (!rc && src == SQLITE_OK && (src = sqlite3_step(s)) == SQLITE_ROW) {
		sqlite3_changeset_iter *it = NULL;
		int n = sqlite3_column_bytes(s, 0);
		int isrc = sqlite3changeset_start(&it, n, (void *)sqlite3_column_blob(s, 0));
		while (!rc && isrc == SQLITE_OK && sqlite3changeset_next(it) == SQLITE_ROW) {
			const char *name;
			int nc, op, indirect;
			sqlite3changeset_op(it, &name, &nc, &op, &indirect);
			/* A row deleted here that referred to it counts too: a row
			 * from the snapshot has no insert in the journal. */
			for (int r = 0; r < nrefs; r++) {
				if (strcmp(refs[r].table, name) || nc != sync_table_ncol(refs[r].t))
					continue;
				bool hit = false;
				for (int j = 0; j < refs[r].n && !hit; j++) {
					sqlite3_value *v = NULL;
					int vsrc = op == SQLITE_DELETE
					                   ? sqlite3changeset_old(
					                             it, refs[r].cols[j], &v)
					                   : sqlite3changeset_new(
					                             it, refs[r].cols[j], &v);
					hit = vsrc == SQLITE_OK && v && store_value_same(v, id);
				}
				if (hit && child_add(k, refs[r].t, refs[r].table, it))
					rc = store_fail(c->st, EX_SOFTWARE, "out of memory");
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

/* One row that referred to id: back if a delete of the parent had taken
 * it, its reference back if one had cleared it. */
static int restore_child(struct apply_ctx *c, const struct referrer *r, struct child *ch,
                         sqlite3_value *id, int depth)
{
	int n = sync_table_ncol(ch->t), src;
	sqlite3_value *vals[n];
	bool alive = false;
	int64_t deleted = 0;
	/* A row that moves is found by its id, under the key it has here. */
	int idc = sync_table_ident(ch->t);
	sqlite3_stmt *row = idc >= 0 ? sync_table_select_ident(c->st, ch->t, ch->key[idc], &src)
	                             : sync_table_select(c->st, ch->t, ch->key, &src);
	uint64_t mask = 0;
	if (src == SQLITE_ROW) {
		for (int j = 0; j < r->n; j++)
			if (r->set_null[j] && sqlite3_column_type(row, r->cols[j]) == SQLITE_NULL)
				mask |= UINT64_C(1) << r->cols[j];
		for (int i = 0; idc >= 0 && mask && i < n; i++) {
			if (!sync_table_is_key(ch->t, i))
				continue;
			sqlite3_value_free(ch->key[i]);
			if (!(ch->key[i] = sqlite3_value_dup(sqlite3_column_value(row, i))))
				src = SQLITE_NOMEM;
		}
	}
	sync_table_done(ch->t);
	if (src == SQLITE_NOMEM)
		return store_fail(c->st, EX_SOFTWARE, "out of memory");
	if (src != SQLITE_ROW && src != SQLITE_DONE)
		return c->st->err_code ? c->st->err_code : EX_SOFTWARE;
	if (src == SQLITE_ROW && !mask)
		return 0;
	int rc = row_rebuild(c, ch->t, ch->table, ch->key, vals, &alive, &deleted);
	if (!rc && src == SQLITE_ROW) {
		for (int j = 0; j < r->n; j++)
			if (!vals[r->cols[j]] || !store_value_same(vals[r->cols[j]], id))
				mask &= ~(UINT64_C(1) << r->cols[j]);
		int w = mask ? sync_table_update(c->st, ch->t, mask, vals, ch->key) : SQLITE_OK;
		if (w != SQLITE_OK && !is_fk(w))
			rc = write_fail(c, w);
	} else if (!rc && alive) {
		int w = sync_table_insert(ch->t, vals);
		if (is_fk(w))
			rc = postpone(c, ch->t, ch->table, false, 0, vals, NULL);
		else if (w == SQLITE_OK)
			rc = restore_children(c, ch->t, ch->table, vals, depth + 1);
		else if ((w & 0xff) != SQLITE_CONSTRAINT)
			rc = write_fail(c, w);
	}
	for (int i = 0; i < n; i++)
		sqlite3_value_free(vals[i]);
	return rc;
}

int restore_children(struct apply_ctx *c, struct sync_table *t, const char *table,
                     sqlite3_value **vals, int depth)
{
	int idc = sync_table_find(t, "id");
	if (depth > 3 || idc < 0 || !vals[idc])
		return 0;
	struct referrer refs[8];
	int nrefs = 0;
	int rc = referrers(c, table, refs, 8, &nrefs);
	if (rc || !nrefs)
		return rc;
	struct children k = { 0 };
	rc = find_children(c, refs, nrefs, vals[idc], &k);
	for (size_t i = 0; !rc && i < k.n; i++) {
		const struct referrer *r = NULL;
		for (int j = 0; j < nrefs && !r; j++)
			if (refs[j].t == k.v[i].t)
				r = &refs[j];
		if (r)
			rc = restore_child(c, r, &k.v[i], vals[idc], depth);
	}
	children_free(&k);
	return rc;
}
