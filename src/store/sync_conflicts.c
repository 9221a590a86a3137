/*
 * sync_conflicts.c: the conflicts sync met, listed, and a decision turned
 * round.  Turning one round is a change made here like any other (it is
 * recorded, so the other devices follow), and only while the row is still
 * as the decision left it.
 */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "cxo/journal.h"

static void conflict_free(struct sync_conflict *c)
{
	free(c->device);
	free(c->table);
	free(c->row_id);
	free(c->client_key);
	free(c->field);
	free(c->ours);
	free(c->theirs);
	memset(c, 0, sizeof *c);
}

void sync_conflict_list_free(struct sync_conflict_list *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->count; i++)
		conflict_free(&l->items[i]);
	free(l->items);
	memset(l, 0, sizeof *l);
}

#define CONFLICT_SELECT                                                                            \
	"SELECT x.id, x.at, x.device, x.kind, x.tbl, x.row_id, c.key, x.field, x.ours,"            \
	" x.theirs, x.kept FROM sync_conflicts x LEFT JOIN clients c ON c.id = x.client_id "

static bool read_conflict(sqlite3_stmt *s, struct sync_conflict *c)
{
	bool oom = false;
	memset(c, 0, sizeof *c);
	c->id = sqlite3_column_int64(s, 0);
	snprintf(c->at, sizeof c->at, "%s", sqlite3_column_text(s, 1));
	c->device = store_col_dup(s, 2, &oom);
	snprintf(c->kind, sizeof c->kind, "%s", sqlite3_column_text(s, 3));
	c->table = store_col_dup(s, 4, &oom);
	c->row_id = store_col_dup(s, 5, &oom);
	c->client_key = store_col_dup(s, 6, &oom);
	c->field = store_col_dup(s, 7, &oom);
	c->ours = store_col_dup(s, 8, &oom);
	c->theirs = store_col_dup(s, 9, &oom);
	const unsigned char *kept = sqlite3_column_text(s, 10);
	c->kept_theirs = kept && !strcmp((const char *)kept, "theirs");
	return !oom && c->device && c->table && c->row_id;
}

int store_sync_conflicts(struct store *st, int limit, struct sync_conflict_list *out)
{
	memset(out, 0, sizeof *out);
	if (!STORE_HAS_V7(st))
		return 0;
	sqlite3_stmt *s = NULL;
	int src = sqlite3_prepare_v2(st->db, CONFLICT_SELECT "ORDER BY x.id DESC LIMIT ?1", -1, &s,
	                             NULL);
	if (src != SQLITE_OK) {
		sqlite3_finalize(s);
		return store_sql_fail(st, src, "reading the sync conflicts");
	}
	sqlite3_bind_int(s, 1, limit > 0 ? limit : 50);
	int rc = 0;
	size_t cap = 0;
	while ((src = sqlite3_step(s)) == SQLITE_ROW) {
		if (out->count == cap) {
			size_t ncap = cap ? cap * 2 : 16;
			struct sync_conflict *p = realloc(out->items, ncap * sizeof *p);
			if (!p) {
				rc = store_fail(st, EX_SOFTWARE, "out of memory");
				break;
			}
			out->items = p;
			cap = ncap;
		}
		if (!read_conflict(s, &out->items[out->count++])) {
			rc = store_fail(st, EX_SOFTWARE, "out of memory");
			break;
		}
	}
	if (!rc && src != SQLITE_DONE)
		rc = store_sql_fail(st, src, "reading the sync conflicts");
	sqlite3_finalize(s);
	if (rc)
		sync_conflict_list_free(out);
	return rc;
}

/* Table names cxo writes itself: the only ones a statement is built on. */
static bool known_table(const char *t)
{
	return store_journal_table(t) && strcmp(t, "timer");
}

static bool known_column(struct store *st, const char *table, const char *column)
{
	sqlite3_stmt *s = NULL;
	bool ok = false;
	if (sqlite3_prepare_v2(st->db, "SELECT 1 FROM pragma_table_info(?1) WHERE name = ?2", -1,
	                       &s, NULL) == SQLITE_OK) {
		sqlite3_bind_text(s, 1, table, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 2, column, -1, SQLITE_STATIC);
		ok = sqlite3_step(s) == SQLITE_ROW;
	}
	sqlite3_finalize(s);
	return ok;
}

/* The row's key column for a row_id as recorded. */
static const char *id_column(const char *table)
{
	if (!strcmp(table, "note_shares"))
		return "note_id";
	if (!strcmp(table, "entry_sources"))
		return "entry_id";
	if (!strcmp(table, "client_terms"))
		return "client_id";
	return "id";
}

static int run(struct store *st, const char *sql, const char *a, const char *b, const char *c,
               int *changes)
{
	sqlite3_stmt *s = NULL;
	int src = sqlite3_prepare_v2(st->db, sql, -1, &s, NULL);
	const char *v[3] = { a, b, c };
	for (int i = 0; src == SQLITE_OK && i < sqlite3_bind_parameter_count(s) && i < 3; i++)
		src = v[i] ? sqlite3_bind_text(s, i + 1, v[i], -1, SQLITE_TRANSIENT)
		           : sqlite3_bind_null(s, i + 1);
	if (src == SQLITE_OK)
		src = sqlite3_step(s);
	*changes = src == SQLITE_DONE ? sqlite3_changes(st->db) : 0;
	sqlite3_finalize(s);
	return src == SQLITE_DONE ? 0 : store_write_fail(st, src, "changing the decision", NULL);
}

static int turn(struct store *st, struct sync_conflict *c, bool theirs)
{
	char sql[300];
	int changes = 0, rc = 0;
	const char *idcol = id_column(c->table);
	if (!known_table(c->table) || !known_column(st, c->table, idcol))
		return store_fail(st, EX_DATAERR,
		                  "conflict %lld is of a kind that cannot be turned", c->id);
	if (!strcmp(c->kind, "field")) {
		if (!c->field || !known_column(st, c->table, c->field))
			return store_fail(st, EX_DATAERR, "conflict %lld names no field", c->id);
		const char *now = c->kept_theirs ? c->theirs : c->ours;
		const char *want = theirs ? c->theirs : c->ours;
		snprintf(sql, sizeof sql,
		         "UPDATE \"%s\" SET \"%s\" = ?1 WHERE \"%s\" = ?2 AND \"%s\" IS ?3",
		         c->table, c->field, idcol, c->field);
		if ((rc = run(st, sql, want, c->row_id, now, &changes)))
			return rc;
		if (changes != 1)
			return store_fail(
			        st, EX_DATAERR,
			        "the %s of %s %.8s changed since conflict %lld (or the row "
			        "is gone): nothing was changed",
			        c->field, c->table, c->row_id, c->id);
		return 0;
	}
	/* Their delete of a row edited here (kept ours): theirs deletes it. */
	if (!strcmp(c->kind, "delete") && theirs) {
		snprintf(sql, sizeof sql, "DELETE FROM \"%s\" WHERE \"%s\" = ?1", c->table, idcol);
		if ((rc = run(st, sql, c->row_id, NULL, NULL, &changes)))
			return rc;
		if (changes != 1)
			return store_fail(st, EX_DATAERR, "%s %.8s is gone already", c->table,
			                  c->row_id);
		return 0;
	}
	/* Their edit of a row deleted here, brought back: ours deletes it. */
	if (!strcmp(c->kind, "edit") && !theirs) {
		snprintf(sql, sizeof sql, "DELETE FROM \"%s\" WHERE \"%s\" = ?1", c->table, idcol);
		if ((rc = run(st, sql, c->row_id, NULL, NULL, &changes)))
			return rc;
		if (changes != 1)
			return store_fail(st, EX_DATAERR, "%s %.8s is gone already", c->table,
			                  c->row_id);
		return 0;
	}
	return store_fail(st, EX_DATAERR,
	                  "conflict %lld (%s) cannot be turned round that way; change the item "
	                  "itself",
	                  c->id, c->kind);
}

int store_sync_keep(struct store *st, long long id, bool theirs)
{
	if (!STORE_HAS_V7(st))
		return store_fail(st, EX_NOINPUT, "no sync conflict %lld", id);
	sqlite3_stmt *s = NULL;
	int src = sqlite3_prepare_v2(st->db, CONFLICT_SELECT "WHERE x.id = ?1", -1, &s, NULL);
	struct sync_conflict c = { 0 };
	bool have = false, ok = true;
	if (src == SQLITE_OK) {
		sqlite3_bind_int64(s, 1, id);
		if ((src = sqlite3_step(s)) == SQLITE_ROW) {
			have = true;
			ok = read_conflict(s, &c);
		}
	}
	sqlite3_finalize(s);
	int rc = 0;
	if (src != SQLITE_ROW && src != SQLITE_DONE)
		rc = store_sql_fail(st, src, "reading the sync conflicts");
	else if (!have)
		rc = store_fail(st, EX_NOINPUT,
		                "no sync conflict %lld (cxo sync --conflicts lists them)", id);
	else if (!ok)
		rc = store_fail(st, EX_SOFTWARE, "out of memory");
	else if (c.kept_theirs == theirs)
		rc = store_fail(st, EX_DATAERR, "conflict %lld already keeps %s", id,
		                theirs ? "theirs" : "ours");
	if (!rc && !(rc = store_begin(st))) {
		char line[300];
		snprintf(line, sizeof line, "kept %s in sync conflict %lld (%s %.8s%s%s)",
		         theirs ? "theirs" : "ours", id, c.table, c.row_id, c.field ? " " : "",
		         c.field ? c.field : "");
		rc = store_journal_describe(st, line);
		if (!rc)
			rc = turn(st, &c, theirs);
		int changes = 0;
		char idtext[32];
		snprintf(idtext, sizeof idtext, "%lld", id);
		if (!rc)
			rc = run(st, "UPDATE sync_conflicts SET kept = ?1 WHERE id = ?2",
			         theirs ? "theirs" : "ours", idtext, NULL, &changes);
		rc = store_end(st, rc);
	}
	if (have)
		conflict_free(&c);
	return rc;
}
