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

/* One change to the row (op, at hlc by device) into m: its values from
 * newv when given, else from the iterator. */
static int merge_one(struct merge *m, int op, int64_t hlc, const char *device,
                     sqlite3_changeset_iter *it, sqlite3_value **newv)
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
		if (newv)
			v = newv[i];
		else if (sqlite3changeset_new(it, i, &v) != SQLITE_OK)
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
		int64_t hlc = sqlite3_column_int64(s, 0);
		const char *device = (const char *)sqlite3_column_text(s, 1);
		sqlite3_changeset_iter *it = NULL;
		int n = sqlite3_column_bytes(s, 2);
		int isrc = sqlite3changeset_start(&it, n, (void *)sqlite3_column_blob(s, 2));
		while (!rc && isrc == SQLITE_OK && sqlite3changeset_next(it) == SQLITE_ROW) {
			if (!same_row(it, table, m->ncol, t, key))
				continue;
			const char *name;
			int nc, op, indirect;
			sqlite3changeset_op(it, &name, &nc, &op, &indirect);
			rc = merge_one(m, op, hlc, device ? device : "", it, NULL);
		}
		if (it)
			sqlite3changeset_finalize(it);
		src = SQLITE_OK;
	}
	if (rc)
		rc = store_fail(c->st, EX_SOFTWARE, "out of memory");
	else if (src != SQLITE_OK && src != SQLITE_DONE)
		rc = store_sql_fail(c->st, src, "reading the journal");
	sqlite3_finalize(s);
	return rc;
}

int row_rebuild(struct apply_ctx *c, struct sync_table *t, const char *table, sqlite3_value **key,
                int op, sqlite3_value **newv, sqlite3_value **vals, bool *alive, int64_t *deleted)
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
	if (!rc && merge_one(&m, op, c->hlc, c->device, NULL, newv))
		rc = store_fail(c->st, EX_SOFTWARE, "out of memory");
	for (int i = 0; !rc && i < n; i++) {
		if (col[i].set || !del_vals[i])
			continue;
		if (!(vals[i] = sqlite3_value_dup(del_vals[i])))
			rc = store_fail(c->st, EX_SOFTWARE, "out of memory");
	}
	for (int i = 0; i < n; i++)
		sqlite3_value_free(del_vals[i]);
	*deleted = m.del.set ? m.del.hlc : 0;
	*alive = m.whole && m.write.set &&
	         (!m.del.set || stamp_after(&m.del, m.write.hlc, m.write.device));
	return rc;
}
