/*
 * undo.c: taking a recorded change back (its inverse applied) and making
 * it again (its changeset applied).  Both are writes like any other: they
 * are recorded, as kinds "undo" and "redo", so a sync carries them.
 *
 * A change is undone only when nothing later still in effect touched the
 * same rows (the later one is named), and only when the rows are exactly
 * as it left them: SQLite reports any difference as a conflict, and the
 * whole undo is then refused.  The tables kept by triggers follow, since
 * applying a changeset runs them.
 */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "cxo/journal.h"

/* ---- the rows a change touched ---- */

struct row_keys {
	char **keys; /* "table\x1fpk\x1fpk", sorted */
	size_t count, cap;
};

static void keys_free(struct row_keys *k)
{
	for (size_t i = 0; i < k->count; i++)
		free(k->keys[i]);
	free(k->keys);
	memset(k, 0, sizeof *k);
}

static int cmp_key(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The key of the row the iterator is on, malloc'd; NULL when out of memory. */
static char *row_key(sqlite3_changeset_iter *it)
{
	const char *table;
	int ncol, op, indirect;
	unsigned char *pk;
	sqlite3changeset_op(it, &table, &ncol, &op, &indirect);
	sqlite3changeset_pk(it, &pk, &ncol);
	size_t len = strlen(table) + 1, cap = len + 64;
	char *out = malloc(cap);
	if (!out)
		return NULL;
	memcpy(out, table, len);
	for (int i = 0; i < ncol; i++) {
		if (!pk[i])
			continue;
		sqlite3_value *v = NULL;
		if (op == SQLITE_INSERT)
			sqlite3changeset_new(it, i, &v);
		else
			sqlite3changeset_old(it, i, &v);
		const char *text = v ? (const char *)sqlite3_value_text(v) : NULL;
		if (!text)
			text = "";
		size_t tl = strlen(text);
		if (len + tl + 2 > cap) {
			cap = len + tl + 64;
			char *p = realloc(out, cap);
			if (!p) {
				free(out);
				return NULL;
			}
			out = p;
		}
		out[len - 1] = '\x1f';
		memcpy(out + len, text, tl + 1);
		len += tl + 1;
	}
	return out;
}

/* The rows of changeset cs, or (with against set) whether one of them is
 * in against (*hit). */
static int collect(struct store *st, const void *cs, int size, struct row_keys *into,
                   const struct row_keys *against, bool *hit)
{
	sqlite3_changeset_iter *it = NULL;
	int rc = sqlite3changeset_start(&it, size, (void *)cs);
	while (rc == SQLITE_OK && sqlite3changeset_next(it) == SQLITE_ROW) {
		char *key = row_key(it);
		if (!key) {
			sqlite3changeset_finalize(it);
			return store_fail(st, EX_SOFTWARE, "out of memory");
		}
		if (against) {
			bool found = bsearch(&key, against->keys, against->count,
			                     sizeof *against->keys, cmp_key) != NULL;
			free(key);
			if (found) {
				*hit = true;
				break;
			}
			continue;
		}
		if (into->count == into->cap) {
			size_t ncap = into->cap ? into->cap * 2 : 32;
			char **p = realloc(into->keys, ncap * sizeof *p);
			if (!p) {
				free(key);
				sqlite3changeset_finalize(it);
				return store_fail(st, EX_SOFTWARE, "out of memory");
			}
			into->keys = p;
			into->cap = ncap;
		}
		into->keys[into->count++] = key;
	}
	if (it)
		rc = sqlite3changeset_finalize(it);
	if (rc != SQLITE_OK)
		return store_sql_fail(st, rc, "reading a recorded change");
	if (into && into->count)
		qsort(into->keys, into->count, sizeof *into->keys, cmp_key);
	return 0;
}

/* ---- the change to undo or redo ---- */

struct recorded {
	struct journal_entry e;
	void *cs; /* the changeset (sqlite3_malloc'd) */
	int size;
};

static void recorded_free(struct recorded *r)
{
	journal_entry_free(&r->e);
	sqlite3_free(r->cs);
	memset(r, 0, sizeof *r);
}

#define RECORDED_SELECT                                                                            \
	"SELECT j.seq, j.at, j.hlc, j.kind, j.target, j.undone, j.device, c.key, j.command,"       \
	" j.summary, length(j.changeset), j.changeset FROM journal j"                              \
	" LEFT JOIN clients c ON c.id = j.client_id "

static int read_recorded(struct store *st, const char *sql, long long arg, struct recorded *r,
                         bool *found)
{
	memset(r, 0, sizeof *r);
	*found = false;
	sqlite3_stmt *s = NULL;
	int src = sqlite3_prepare_v2(st->db, sql, -1, &s, NULL);
	if (src == SQLITE_OK) {
		if (sqlite3_bind_parameter_count(s) > 0)
			sqlite3_bind_int64(s, 1, arg);
		src = sqlite3_step(s);
	}
	int rc = 0;
	if (src == SQLITE_ROW) {
		bool oom = false;
		r->e.seq = sqlite3_column_int64(s, 0);
		snprintf(r->e.at, sizeof r->e.at, "%s", sqlite3_column_text(s, 1));
		r->e.hlc = sqlite3_column_int64(s, 2);
		snprintf(r->e.kind, sizeof r->e.kind, "%s", sqlite3_column_text(s, 3));
		r->e.target = sqlite3_column_int64(s, 4);
		r->e.undone = sqlite3_column_int(s, 5) != 0;
		r->e.device = store_col_dup(s, 6, &oom);
		r->e.client_key = store_col_dup(s, 7, &oom);
		r->e.command = store_col_dup(s, 8, &oom);
		r->e.summary = store_col_dup(s, 9, &oom);
		r->e.bytes = sqlite3_column_int64(s, 10);
		r->size = sqlite3_column_bytes(s, 11);
		if (r->size > 0 && (r->cs = sqlite3_malloc(r->size)))
			memcpy(r->cs, sqlite3_column_blob(s, 11), (size_t)r->size);
		if (oom || !r->e.summary || (r->size > 0 && !r->cs))
			rc = store_fail(st, EX_SOFTWARE, "out of memory");
		*found = true;
	} else if (src != SQLITE_DONE) {
		rc = store_sql_fail(st, src, "reading the journal");
	}
	sqlite3_finalize(s);
	if (rc)
		recorded_free(r);
	return rc;
}

/* A later change still in effect that touched a row of r, named in the
 * message: EX_DATAERR. */
static int later_touch(struct store *st, const struct recorded *r)
{
	struct row_keys mine = { 0 };
	int rc = collect(st, r->cs, r->size, &mine, NULL, NULL);
	if (rc)
		return rc;
	sqlite3_stmt *s = NULL;
	int src = sqlite3_prepare_v2(st->db,
	                             "SELECT seq, summary, changeset FROM journal WHERE seq > ?1"
	                             " AND undone = 0 AND kind <> 'undo' ORDER BY seq",
	                             -1, &s, NULL);
	if (src == SQLITE_OK)
		sqlite3_bind_int64(s, 1, r->e.seq);
	while (!rc && src == SQLITE_OK && (src = sqlite3_step(s)) == SQLITE_ROW) {
		bool hit = false;
		rc = collect(st, sqlite3_column_blob(s, 2), sqlite3_column_bytes(s, 2), NULL, &mine,
		             &hit);
		if (!rc && hit)
			rc = store_fail(
			        st, EX_DATAERR,
			        "cannot undo #%lld (%s): the later change #%lld (%s) touched "
			        "the same items; undo that one first",
			        r->e.seq, r->e.summary, (long long)sqlite3_column_int64(s, 0),
			        (const char *)sqlite3_column_text(s, 1));
		src = SQLITE_OK;
	}
	if (!rc && src != SQLITE_DONE && src != SQLITE_OK)
		rc = store_sql_fail(st, src, "reading the journal");
	sqlite3_finalize(s);
	keys_free(&mine);
	return rc;
}

/* ---- applying ---- */

struct refusal {
	int conflict; /* the first SQLITE_CHANGESET_* met, 0: none */
	char table[64];
};

/* Whether the row in the way of an update already holds every value the
 * update sets. */
static bool holds_new_values(sqlite3_changeset_iter *it, int ncol)
{
	bool any = false;
	for (int i = 0; i < ncol; i++) {
		sqlite3_value *nv = NULL, *cv = NULL;
		if (sqlite3changeset_new(it, i, &nv) != SQLITE_OK || !nv)
			continue;
		if (sqlite3changeset_conflict(it, i, &cv) != SQLITE_OK || !cv ||
		    !store_value_same(nv, cv))
			return false;
		any = true;
	}
	return any;
}

static int refuse_conflict(void *ctx, int conflict, sqlite3_changeset_iter *it)
{
	struct refusal *r = ctx;
	const char *table = "";
	int ncol, op = 0, indirect;
	if (sqlite3changeset_op(it, &table, &ncol, &op, &indirect) != SQLITE_OK)
		table = "";
	/* A row to delete that is gone already went with its parent: the
	 * clients come first in a change, and deleting one deletes its
	 * entries, risks ... (ON DELETE CASCADE).  Any other change to it
	 * would be a later change that touched it, refused before. */
	if (conflict == SQLITE_CHANGESET_NOTFOUND && op == SQLITE_DELETE)
		return SQLITE_CHANGESET_OMIT;
	/* Likewise a row a delete unlinked already (ON DELETE SET NULL: a
	 * risk deleted before the update of its action that the change
	 * recorded). */
	if (conflict == SQLITE_CHANGESET_DATA && op == SQLITE_UPDATE && holds_new_values(it, ncol))
		return SQLITE_CHANGESET_OMIT;
	if (!r->conflict) {
		r->conflict = conflict;
		snprintf(r->table, sizeof r->table, "%s", table);
	}
	return SQLITE_CHANGESET_ABORT;
}

static int apply_exact(struct store *st, const void *cs, int size, const char *verb,
                       const struct recorded *r)
{
	struct refusal why = { 0 };
	int src = sqlite3changeset_apply_v2(st->db, size, (void *)cs, NULL, refuse_conflict, &why,
	                                    NULL, NULL, 0);
	if (src == SQLITE_OK)
		return 0;
	if (!why.conflict)
		return store_sql_fail(st, src, "applying a recorded change");
	if (why.conflict == SQLITE_CHANGESET_CONSTRAINT && !strcmp(why.table, "time_entries"))
		return store_fail(st, EX_DATAERR,
		                  "cannot %s #%lld (%s): its hours are in a locked month "
		                  "(cxo hours unlock opens it)",
		                  verb, r->e.seq, r->e.summary);
	if (why.conflict == SQLITE_CHANGESET_FOREIGN_KEY)
		return store_fail(st, EX_DATAERR,
		                  "cannot %s #%lld (%s): an item it refers to is gone", verb,
		                  r->e.seq, r->e.summary);
	if (why.conflict == SQLITE_CHANGESET_CONSTRAINT)
		return store_fail(st, EX_DATAERR,
		                  "cannot %s #%lld (%s): it would break a rule of the %s (a name "
		                  "or key used twice?)",
		                  verb, r->e.seq, r->e.summary, why.table);
	return store_fail(st, EX_DATAERR,
	                  "cannot %s #%lld (%s): the %s it changed are no longer as it left "
	                  "them",
	                  verb, r->e.seq, r->e.summary, why.table);
}

static int mark_undone(struct store *st, long long seq)
{
	sqlite3_stmt *s = NULL;
	int src = sqlite3_prepare_v2(st->db, "UPDATE journal SET undone = 1 WHERE seq = ?1", -1, &s,
	                             NULL);
	if (src == SQLITE_OK) {
		sqlite3_bind_int64(s, 1, seq);
		src = sqlite3_step(s);
	}
	sqlite3_finalize(s);
	return src == SQLITE_DONE ? 0 : store_sql_fail(st, src, "marking a change undone");
}

/* Applies r (inverted when undoing) as a change of kind, recorded with
 * its own line; mark is the entry that stops being in effect. */
static int replay(struct store *st, struct recorded *r, bool invert, long long mark)
{
	int rc = store_begin(st);
	if (rc)
		return rc;
	const char *kind = invert ? "undo" : "redo";
	snprintf(st->jnext.kind, sizeof st->jnext.kind, "%s", kind);
	st->jnext.target = r->e.seq;
	char line[420];
	snprintf(line, sizeof line, "%s #%lld: %s", invert ? "undid" : "redid", r->e.seq,
	         r->e.summary);
	if ((rc = store_journal_describe(st, line)))
		return store_end(st, rc);
	void *cs = r->cs;
	int size = r->size;
	void *inverse = NULL;
	if (invert) {
		int src = sqlite3changeset_invert(r->size, r->cs, &size, &inverse);
		if (src != SQLITE_OK)
			return store_end(st,
			                 store_sql_fail(st, src, "inverting a recorded change"));
		cs = inverse;
	}
	rc = apply_exact(st, cs, size, invert ? "undo" : "redo", r);
	sqlite3_free(inverse);
	if (!rc)
		rc = mark_undone(st, mark);
	return store_end(st, rc);
}

static int journal_on(struct store *st)
{
	if (!STORE_HAS_V7(st))
		return store_fail(st, EX_NOINPUT,
		                  "nothing to undo: the database has no journal yet");
	if (st->journal_days == 0)
		return store_fail(st, EX_CONFIG,
		                  "the journal is off (journal_days = 0 in the configuration), so "
		                  "nothing is recorded to undo");
	return 0;
}

int store_undo(struct store *st, long long seq, struct journal_entry *done)
{
	memset(done, 0, sizeof *done);
	int rc = journal_on(st);
	if (rc)
		return rc;
	struct recorded r;
	bool found;
	if (seq > 0)
		rc = read_recorded(st, RECORDED_SELECT "WHERE j.seq = ?1", seq, &r, &found);
	else
		rc = read_recorded(st,
		                   RECORDED_SELECT "WHERE j.device IS NULL AND j.undone = 0"
		                                   " AND j.kind IN ('change', 'redo')"
		                                   " ORDER BY j.seq DESC LIMIT 1",
		                   0, &r, &found);
	if (rc)
		return rc;
	if (!found)
		return seq > 0 ? store_fail(
		                         st, EX_NOINPUT,
		                         "no change #%lld in the journal (cxo history lists them)",
		                         seq)
		               : store_fail(st, EX_NOINPUT, "nothing to undo");
	if (!strcmp(r.e.kind, "undo"))
		rc = store_fail(st, EX_DATAERR,
		                "#%lld is an undo itself (%s); cxo redo makes the change again",
		                r.e.seq, r.e.summary);
	else if (!strcmp(r.e.kind, "sync"))
		rc = store_fail(st, EX_DATAERR,
		                "#%lld came from %s (%s): undo it there, or change the item here",
		                r.e.seq, r.e.device ? r.e.device : "another device", r.e.summary);
	else if (r.e.undone)
		rc = store_fail(st, EX_DATAERR, "#%lld (%s) is undone already", r.e.seq,
		                r.e.summary);
	else
		rc = later_touch(st, &r);
	if (!rc)
		rc = replay(st, &r, true, r.e.seq);
	if (!rc) {
		*done = r.e;
		memset(&r.e, 0, sizeof r.e);
	}
	recorded_free(&r);
	return rc;
}

int store_redo(struct store *st, struct journal_entry *done)
{
	memset(done, 0, sizeof *done);
	int rc = journal_on(st);
	if (rc)
		return rc;
	struct recorded u, r = { 0 };
	bool found;
	/* The latest undo made here, when no change was made here since. */
	rc = read_recorded(st,
	                   RECORDED_SELECT
	                   "WHERE j.device IS NULL AND j.kind = 'undo'"
	                   " AND j.undone = 0 AND NOT EXISTS (SELECT 1 FROM journal l"
	                   " WHERE l.seq > j.seq AND l.device IS NULL"
	                   " AND l.kind = 'change') ORDER BY j.seq DESC LIMIT 1",
	                   0, &u, &found);
	if (rc)
		return rc;
	if (!found)
		return store_fail(st, EX_NOINPUT, "nothing to redo");
	rc = read_recorded(st, RECORDED_SELECT "WHERE j.seq = ?1", u.e.target, &r, &found);
	if (!rc && (!found || !r.e.undone))
		rc = store_fail(st, EX_NOINPUT,
		                "nothing to redo: #%lld is no longer in the journal", u.e.target);
	if (!rc)
		rc = replay(st, &r, false, u.e.seq);
	if (!rc) {
		*done = r.e;
		memset(&r.e, 0, sizeof r.e);
	}
	recorded_free(&r);
	recorded_free(&u);
	return rc;
}
