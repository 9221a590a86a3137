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

#include "sync_apply.h"

/* ---- one change ---- */

/* Whether anything was recorded here later than their change, or on the
 * same clock (asked once a change): only then can a field they expect be
 * a later write here. */
static bool newer_here(struct apply_ctx *c)
{
	if (c->newer < 0) {
		sqlite3_stmt *s =
		        sync_fixed(c->st, SYNC_NEWER_HERE,
		                   "SELECT EXISTS (SELECT 1 FROM journal WHERE hlc >= ?1)");
		c->newer = 1;
		if (s) {
			sqlite3_bind_int64(s, 1, c->hlc);
			if (sqlite3_step(s) == SQLITE_ROW)
				c->newer = sqlite3_column_int(s, 0);
			sqlite3_reset(s);
		}
	}
	return c->newer > 0;
}

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
		if (column_is(row, i, newv[i])) {
			/* Both wrote it, and ended alike: still a conflict met. */
			if (!clean && old) {
				struct found *f =
				        add_row_found(c, "field", t, table, key, row, NULL);
				if (!f)
					return EX_SOFTWARE;
				f->field = strdup(sync_table_column(t, i));
				f->ours = column_text(row, i);
				f->theirs = value_text(newv[i]);
				f->kept_theirs = true;
			}
			continue;
		}
		int64_t ours = 0;
		bool later = false;
		/* A value as they expect it may still be a later write here that
		 * put it back: what counts is who wrote the field last. */
		if (clean && newer_here(c)) {
			int rc = journal_find(c, t, table, key, i, c->hlc, &ours, NULL, &later);
			if (rc)
				return rc;
			if (later) {
				clean = false;
			}
		}
		if (!clean) {
			int rc = later ? 0
			               : journal_find(c, t, table, key, i, c->hlc, &ours, NULL,
			                              &later);
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

static int insert_row(struct apply_ctx *c, struct sync_table *t, const char *table,
                      sqlite3_value **key, sqlite3_value **newv);
static int moved_row(struct apply_ctx *c, struct sync_table *t, const char *table,
                     sqlite3_value **key, int op, sqlite3_value **theirs);

static int apply_insert(struct apply_ctx *c, struct sync_table *t, const char *table,
                        sqlite3_value **key, sqlite3_value **newv)
{
	int src;
	sqlite3_stmt *row = sync_table_select(c->st, t, key, &src);
	if (src == SQLITE_ROW) {
		/* There already (a change applied twice over, a row brought
		 * back): only the differences count. */
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
	if (newer_here(c) && sync_table_ident(t) >= 0)
		return moved_row(c, t, table, key, SQLITE_INSERT, newv);
	if (newer_here(c)) {
		/* Deleted here after they (re)made it: it stays deleted; an
		 * edit that came before the row counts. */
		int n = sync_table_ncol(t);
		sqlite3_value *vals[n];
		bool alive = false;
		int64_t deleted = 0;
		int rc = row_rebuild(c, t, table, key, vals, &alive, &deleted);
		if (!rc && !alive) {
			struct found *f = add_row_found(c, "edit", t, table, key, NULL, newv);
			if (!f)
				rc = EX_SOFTWARE;
			else
				f->our_hlc = deleted;
		}
		if (!rc && alive && !(rc = insert_row(c, t, table, key, vals)))
			rc = restore_children(c, t, table, vals, 0);
		for (int i = 0; i < n; i++)
			sqlite3_value_free(vals[i]);
		return rc;
	}
	return insert_row(c, t, table, key, newv);
}

/* A row not here inserted: postponed when it refers to an item not here
 * yet; a key taken resolved. */
static int insert_row(struct apply_ctx *c, struct sync_table *t, const char *table,
                      sqlite3_value **key, sqlite3_value **newv)
{
	int idc = sync_table_ident(t), src;
	if (idc >= 0 && !c->moving) {
		/* Their row moved to a new key, here under an old one. */
		sync_table_select_ident(c->st, t, newv[idc], &src);
		sync_table_done(t);
		if (src == SQLITE_ROW)
			return moved_row(c, t, table, key, SQLITE_INSERT, newv);
		if (src != SQLITE_DONE)
			return c->st->err_code ? c->st->err_code : EX_SOFTWARE;
	}
	src = sync_table_insert(t, newv);
	if (src == SQLITE_OK)
		return 0;
	if (is_fk(src))
		return postpone(c, t, table, false, 0, newv, NULL);
	if ((src & 0xff) != SQLITE_CONSTRAINT)
		return write_fail(c, src);
	if (!strcmp(table, "clients"))
		return client_key_twice(c, t, key, newv);
	if (!strcmp(table, "entry_sources"))
		return source_twice(c, t, key, newv);
	struct found *f = add_row_found(c, "unique", t, table, key, NULL, newv);
	return f ? 0 : EX_SOFTWARE;
}

/* Whether their change also inserts the row of key (by its id) under
 * another key: the delete is half of a move, which the insert makes. */
static bool moved_in_change(struct apply_ctx *c, struct sync_table *t, const char *table,
                            sqlite3_value **key)
{
	if (sync_table_ident(t) < 0 || !c->data)
		return false;
	sqlite3_changeset_iter *it = NULL;
	bool moved = false;
	int isrc = sqlite3changeset_start(&it, c->size, (void *)c->data);
	while (!moved && isrc == SQLITE_OK && sqlite3changeset_next(it) == SQLITE_ROW) {
		const char *name;
		int nc, op, indirect;
		sqlite3changeset_op(it, &name, &nc, &op, &indirect);
		moved = op == SQLITE_INSERT && same_row(it, table, sync_table_ncol(t), t, key);
	}
	if (it)
		sqlite3changeset_finalize(it);
	return moved;
}

static int apply_delete(struct apply_ctx *c, struct sync_table *t, const char *table,
                        sqlite3_value **key, sqlite3_value **old)
{
	if (moved_in_change(c, t, table, key))
		return 0;
	int src;
	sqlite3_stmt *row = sync_table_select(c->st, t, key, &src);
	if (src != SQLITE_ROW) {
		sync_table_done(t);
		if (src != SQLITE_DONE)
			return c->st->err_code ? c->st->err_code : EX_SOFTWARE;
		int idc = sync_table_ident(t);
		if (idc < 0)
			return 0;
		/* Moved here to another key: the same row. */
		sync_table_select_ident(c->st, t, key[idc], &src);
		sync_table_done(t);
		if (src == SQLITE_ROW)
			return moved_row(c, t, table, key, SQLITE_DELETE, old);
		return src == SQLITE_DONE ? 0 : (c->st->err_code ? c->st->err_code : EX_SOFTWARE);
	}
	bool edited = false;
	for (int i = 0; i < sync_table_ncol(t) && !edited; i++)
		edited = old[i] && !column_is(row, i, old[i]);
	/* A row written here again after their delete (shared again, locked
	 * again) stays too, whatever its values. */
	if (edited || newer_here(c)) {
		/* Edited here, deleted there: an edit later than the delete
		 * keeps the row; a delete later than every edit takes it. */
		int64_t ours = 0;
		bool later = false;
		int rc = journal_find(c, t, table, key, JOURNAL_ANY_WRITE, c->hlc, &ours, NULL,
		                      &later);
		struct found *f = rc ? NULL : add_row_found(c, "delete", t, table, key, row, NULL);
		sync_table_done(t);
		if (rc || !f)
			return rc ? rc : EX_SOFTWARE;
		f->kept_theirs = !later;
		f->our_hlc = ours;
		if (later)
			return 0;
		if (!edited)
			c->nfound--, found_free(&c->found[c->nfound]);
	}
	sync_table_done(t);
	src = sync_table_delete(t, key);
	return src == SQLITE_OK ? 0 : write_fail(c, src);
}

/* Their edit of a row deleted here: back when their edit, or another
 * seen here, is later than the delete, each field as the latest write to
 * it left it. */
static int bring_back(struct apply_ctx *c, struct sync_table *t, const char *table,
                      sqlite3_value **key, sqlite3_value **newv)
{
	int n = sync_table_ncol(t);
	sqlite3_value *vals[n];
	bool alive = false;
	int64_t deleted = 0;
	int rc = row_rebuild(c, t, table, key, vals, &alive, &deleted);
	struct found *f =
	        rc ? NULL : add_row_found(c, "edit", t, table, key, NULL, deleted ? vals : newv);
	if (!rc && !f)
		rc = EX_SOFTWARE;
	if (f)
		f->our_hlc = deleted;
	bool back = false;
	if (!rc && alive) {
		int src = sync_table_insert(t, vals);
		if (is_fk(src))
			rc = postpone(c, t, table, false, 0, vals, NULL);
		else if (src != SQLITE_OK && (src & 0xff) != SQLITE_CONSTRAINT)
			rc = write_fail(c, src);
		back = src == SQLITE_OK || is_fk(src);
		if (src == SQLITE_OK)
			rc = restore_children(c, t, table, vals, 0);
	}
	if (f)
		f->kept_theirs = back;
	for (int i = 0; i < n; i++)
		sqlite3_value_free(vals[i]);
	return rc;
}

/*
 * Their change to a row that moves (an entry to another day) whose key
 * is not here, or whose id is here under another key: the row made again
 * from every change to its id (row_rebuild), then put here under the key
 * that gives, in place (an update, so that what refers to it stays), or
 * deleted.  theirs: their new values, or for a delete the old ones.
 */
static int moved_row(struct apply_ctx *c, struct sync_table *t, const char *table,
                     sqlite3_value **key, int op, sqlite3_value **theirs)
{
	int n = sync_table_ncol(t), src;
	sqlite3_value *vals[n], *here[n];
	memset(here, 0, sizeof here);
	bool alive = false;
	int64_t deleted = 0;
	int rc = row_rebuild(c, t, table, key, vals, &alive, &deleted);
	sqlite3_stmt *row =
	        rc ? NULL : sync_table_select_ident(c->st, t, key[sync_table_ident(t)], &src);
	uint64_t mask = 0;
	if (!rc && src == SQLITE_ROW) {
		for (int i = 0; !rc && i < n; i++) {
			if (sync_table_is_key(t, i) &&
			    !(here[i] = sqlite3_value_dup(sqlite3_column_value(row, i))))
				rc = store_fail(c->st, EX_SOFTWARE, "out of memory");
			if (vals[i] && !column_is(row, i, vals[i]))
				mask |= UINT64_C(1) << i;
			/* Their edit of a field that differs here: a conflict met. */
			if (op == SQLITE_UPDATE && theirs[i] && !sync_table_is_key(t, i) &&
			    !column_is(row, i, theirs[i])) {
				struct found *f =
				        add_row_found(c, "field", t, table, key, row, NULL);
				if (!f) {
					rc = EX_SOFTWARE;
					break;
				}
				f->field = strdup(sync_table_column(t, i));
				f->ours = column_text(row, i);
				f->theirs = value_text(theirs[i]);
				f->kept_theirs = vals[i] && store_value_same(vals[i], theirs[i]);
			}
		}
	} else if (!rc && src != SQLITE_DONE) {
		rc = c->st->err_code ? c->st->err_code : EX_SOFTWARE;
	}
	bool there = !rc && src == SQLITE_ROW;
	sync_table_done(t);
	if (!rc && !alive && (there || op != SQLITE_DELETE)) {
		/* Deleted later than every write: gone, here too. */
		struct found *f = add_row_found(c, op == SQLITE_DELETE ? "delete" : "edit", t,
		                                table, key, NULL, vals);
		if (!f)
			rc = EX_SOFTWARE;
		else {
			f->our_hlc = deleted;
			f->kept_theirs = op == SQLITE_DELETE;
		}
		src = there ? sync_table_delete(t, here) : SQLITE_OK;
		if (!rc && src != SQLITE_OK)
			rc = write_fail(c, src);
	} else if (!rc && alive && there && mask) {
		src = sync_table_update(c->st, t, mask, vals, here);
		if (is_fk(src))
			rc = postpone_move(c, t, table, mask, vals, here);
		else if (src != SQLITE_OK)
			rc = write_fail(c, src);
	} else if (!rc && alive && !there) {
		c->moving = true;
		if (!(rc = insert_row(c, t, table, key, vals)))
			rc = restore_children(c, t, table, vals, 0);
		c->moving = false;
	}
	for (int i = 0; i < n; i++) {
		sqlite3_value_free(vals[i]);
		sqlite3_value_free(here[i]);
	}
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
		if (sync_table_ident(t) >= 0)
			return moved_row(c, t, table, key, SQLITE_UPDATE, newv);
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
	if (!strcmp(table, "clients") && (mask & (UINT64_C(1) << sync_table_find(t, "key"))))
		return client_key_twice(c, t, key, newv);
	struct found *f = add_row_found(c, "unique", t, table, key, NULL, newv);
	return f ? 0 : EX_SOFTWARE;
}

static int apply_one(struct apply_ctx *c, sqlite3_changeset_iter *it)
{
	const char *table;
	int ncol, op, indirect;
	sqlite3changeset_op(it, &table, &ncol, &op, &indirect);
	if (!strcmp(table, "timer"))
		return 0;
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

/* The client here that holds key, moved aside to key-xxxx as a change made
 * here (recorded, so every device follows), with the conflict recorded. */
static int move_aside(struct store *st, const char *device, const char *id, const char *key)
{
	char moved[40], line[300];
	snprintf(moved, sizeof moved, "%.27s-%.4s", key, id);
	snprintf(line, sizeof line, "moved client %s aside to %s: %.60s has another client %s", key,
	         moved, device, key);
	int rc = store_begin(st);
	if (rc)
		return rc;
	if (!(rc = store_journal_describe(st, line))) {
		sqlite3_stmt *s = sync_fixed(st, SYNC_CLIENT_KEY_SET,
		                             "UPDATE clients SET key = ?1 WHERE id = ?2");
		if (!s)
			rc = EX_SOFTWARE;
		else {
			sqlite3_bind_text(s, 1, moved, -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(s, 2, id, -1, SQLITE_TRANSIENT);
			int src = sqlite3_step(s);
			sqlite3_reset(s);
			sqlite3_clear_bindings(s);
			if (src != SQLITE_DONE)
				rc = store_write_fail(st, src, "moving a client key aside", NULL);
		}
	}
	if (!rc) {
		struct apply_ctx c = { .st = st, .device = device };
		struct found *f = add_found(&c, "unique", "clients");
		if (!f)
			rc = EX_SOFTWARE;
		else {
			f->row_id = strdup(id);
			f->client_id = strdup(id);
			f->field = strdup("key");
			f->ours = strdup(moved);
			f->theirs = strdup(key);
			f->kept_theirs = true;
			rc = record_found(&c);
			found_free(f);
			free(c.found);
		}
	}
	return store_end(st, rc);
}

static int batch_open(struct store *st);
static int batch_commit(struct store *st);

#define BATCH_CACHE_KIB 65536
#define STR_(x) #x
#define XSTR(x) STR_(x)

/* One try at change seq in a transaction of its own; a client key it
 * takes that one here holds leaves EX_TEMPFAIL and the clash in c. */
static int apply_once(struct apply_ctx *c, long long seq, const void *data, int size,
                      struct sync_apply_result *res)
{
	struct store *st = c->st;
	/* No session: the change is recorded as it came, their writes with
	 * their clock, even those a conflict turned away here.  The journal
	 * then tells who wrote a row or field last, which decides the next
	 * conflicts; an undo never takes back another device's change. */
	st->journal_quiet = true;
	int rc = store_begin(st);
	st->journal_quiet = false;
	if (rc)
		return rc;
	if (!(rc = next_of(st, c->device, seq))) {
		snprintf(st->jnext.kind, sizeof st->jnext.kind, "sync");
		st->jnext.device_seq = seq;
		st->jnext.hlc = c->hlc;
		st->jnext.blob = data;
		st->jnext.blob_size = size;
		if (!(st->jnext.device = strdup(c->device)))
			rc = store_fail(st, EX_SOFTWARE, "out of memory");
	}
	if (!rc)
		rc = run_fixed(st, SYNC_APPLYING_ON, "INSERT INTO sync_applying(slot) VALUES (1)",
		               NULL, 0, 0);
	if (!rc)
		rc = apply_all(c, data, size, seq);
	if (!rc)
		rc = settle_later(c);
	if (!rc && c->nfound)
		rc = record_found(c);
	if (!rc)
		rc = run_fixed(st, SYNC_APPLYING_OFF, "DELETE FROM sync_applying", NULL, 0, 0);
	if (!rc)
		rc = run_fixed(
		        st, SYNC_PEER_SET,
		        "INSERT INTO sync_peers(device, applied_seq, hlc) VALUES (?1, ?2, ?3)"
		        " ON CONFLICT (device) DO UPDATE SET applied_seq = excluded.applied_seq,"
		        " hlc = max(hlc, excluded.hlc)",
		        c->device, seq, c->hlc);
	/* Inside a batch this is a savepoint, whose release does not record
	 * the change: record it here, inside the savepoint. */
	if (st->depth > 1) {
		if (!rc)
			rc = store_journal_finish(st);
		else
			store_journal_drop(st);
	}
	if (!(rc = store_end(st, rc))) {
		res->changes = c->changes;
		res->conflicts = (long long)c->nfound;
	}
	return rc;
}

static void ctx_free(struct apply_ctx *c)
{
	for (size_t i = 0; i < c->nfound; i++)
		found_free(&c->found[i]);
	free(c->found);
	for (size_t i = 0; i < c->nlater; i++)
		later_free(&c->later[i]);
	free(c->later);
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
	if (st->depth > 0 && !st->sync_batch)
		return store_fail(st, EX_SOFTWARE,
		                  "internal error: a change applied inside another write");
	/* A change applied here and lost in a crash is applied again from the
	 * folder (what was applied is kept in the same transaction): its
	 * commit need not wait for the disk. */
	int rc = st->sync_batch ? 0
	                        : run_fixed(st, SYNC_DURABLE_LATER, "PRAGMA synchronous = NORMAL",
	                                    NULL, 0, 0);
	/* A client key clash moves the client here aside, as a change of its
	 * own, and the change is tried again. */
	for (int tries = 1; !rc; tries++) {
		struct apply_ctx c = { .st = st,
			               .device = device,
			               .hlc = hlc,
			               .newer = -1,
			               .data = data,
			               .size = size };
		rc = apply_once(&c, seq, data, size, res);
		bool clash = rc == EX_TEMPFAIL && c.clash_key[0];
		ctx_free(&c);
		if (!clash)
			break;
		if (tries == 8) {
			rc = store_fail(
			        st, EX_DATAERR,
			        "change %lld of \"%s\" takes client keys held here again and "
			        "again (%s last)",
			        seq, device, c.clash_key);
			break;
		}
		/* The move is a change of this device's own, recorded by a
		 * session: outside the batch, which starts again after it. */
		if (st->sync_batch && (rc = batch_commit(st)))
			break;
		rc = move_aside(st, device, c.clash_id, c.clash_key);
		if (st->sync_batch) {
			int brc = batch_open(st);
			rc = rc ? rc : brc;
		}
	}
	if (st->sync_batch)
		return rc;
	int drc = run_fixed(st, SYNC_DURABLE_NOW, "PRAGMA synchronous = FULL", NULL, 0, 0);
	return rc ? rc : drc;
}

/* The batch's transaction: quiet, since what it applies is recorded as it
 * came, change by change. */
static int batch_open(struct store *st)
{
	st->journal_quiet = true;
	int rc = store_begin(st);
	st->journal_quiet = false;
	st->sync_batch = rc == 0;
	return rc;
}

static int batch_commit(struct store *st)
{
	st->sync_batch = false;
	return store_commit(st);
}

int store_sync_batch_begin(struct store *st)
{
	if (st->depth > 0)
		return store_fail(st, EX_SOFTWARE,
		                  "internal error: a batch of changes inside another write");
	int rc = run_fixed(st, SYNC_DURABLE_LATER, "PRAGMA synchronous = NORMAL", NULL, 0, 0);
	/* Each change's savepoint keeps the pages it changes first: a few
	 * dozen, better kept in memory than written to a temporary file.  A
	 * group's pages stay in the cache until its commit, instead of going
	 * out to the WAL and back every few changes (SQLite's default cache
	 * is 2 MiB); both are put back after. */
	if (!rc)
		rc = store_pragma(st, "PRAGMA temp_store = MEMORY");
	if (!rc)
		rc = store_pragma(st, "PRAGMA cache_size = -" XSTR(BATCH_CACHE_KIB));
	return rc ? rc : batch_open(st);
}

int store_sync_batch_end(struct store *st, int rc)
{
	if (st->sync_batch) {
		st->sync_batch = false;
		rc = store_end(st, rc);
	}
	int drc = run_fixed(st, SYNC_DURABLE_NOW, "PRAGMA synchronous = FULL", NULL, 0, 0);
	int trc = store_pragma(st, "PRAGMA temp_store = DEFAULT");
	int crc = store_pragma(st, "PRAGMA cache_size = -2000");
	return rc ? rc : drc ? drc : trc ? trc : crc;
}
