/*
 * sync-sim-check.c: the end of a simulation, every change delivered.
 *
 *  - each device passes store_check (integrity, foreign keys, the kept
 *    daily totals and heat-map counts equal to what the triggers make);
 *  - each device has applied every other device's last change and has
 *    none of its own left to hand out;
 *  - the recorded tables, entry_days and risk_cells are identical on
 *    every device (a dump ordered by primary key; the timer is each
 *    machine's own and not compared);
 *  - a row some device created is there, unless some device deleted it,
 *    its client or its parent went, or a conflict names it;
 *  - each field of each row holds a value some device wrote to it (or
 *    NULL where a deleted mandate or risk was unlinked, or a client key
 *    renamed by a recorded unique conflict);
 *  - when two devices set a field of a row to different values without
 *    having seen each other's change, some device recorded a conflict on
 *    that row and field.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "sync-sim.h"

/* The recorded tables compared, then the derived ones. */
static const char *const TABLES[] = {
	"clients",     "mandates",     "risks",       "actions",       "notes",      "time_entries",
	"month_locks", "client_terms", "note_shares", "entry_sources", "entry_days", "risk_cells",
};
#define N_TABLES (sizeof TABLES / sizeof TABLES[0])
#define N_RECORDED 10

struct buf {
	char *p;
	size_t len, cap;
};

static void buf_add(struct buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 4096;
		while (cap < b->len + n + 1)
			cap *= 2;
		char *p = realloc(b->p, cap);
		if (!p) {
			fputs("sync-sim: out of memory\n", stderr);
			exit(EX_OSERR);
		}
		b->p = p;
		b->cap = cap;
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

/* The SQL of a table's primary key columns, in key order, joined by sep
 * ("client_id, day" or "client_id || '|' || month"); columns in table
 * order when by_column (the order a changeset gives them). */
static int key_sql(struct sim *s, int d, const char *table, const char *sep, bool by_column,
                   char *out, size_t n)
{
	char sql[160];
	snprintf(sql, sizeof sql,
	         "SELECT name FROM pragma_table_info('%s', 'd%d') WHERE pk > 0 ORDER BY %s", table,
	         d, by_column ? "cid" : "pk");
	sqlite3_stmt *q = NULL;
	out[0] = '\0';
	if (sqlite3_prepare_v2(s->track, sql, -1, &q, NULL) != SQLITE_OK)
		return sim_failf(s, "reading %s's key: %s", table, sqlite3_errmsg(s->track));
	while (sqlite3_step(q) == SQLITE_ROW) {
		size_t len = strlen(out);
		snprintf(out + len, n - len, "%s%s", len ? sep : "", sqlite3_column_text(q, 0));
	}
	sqlite3_finalize(q);
	return out[0] ? 0 : sim_failf(s, "table %s has no primary key", table);
}

/* The identity the tracking gives a row of table: id, else its key. */
static int rid_sql(struct sim *s, const char *table, char *out, size_t n)
{
	char sql[160];
	snprintf(sql, sizeof sql,
	         "SELECT count(*) FROM pragma_table_info('%s', 'd0') WHERE name = 'id'", table);
	if (sim_query_int(s, sql) > 0) {
		snprintf(out, n, "id");
		return 0;
	}
	return key_sql(s, 0, table, " || '|' || ", true, out, n);
}

/* The rows of table on device d, a line each, in key order. */
static int dump(struct sim *s, int d, const char *table, struct buf *b)
{
	char key[256], sql[512];
	if (key_sql(s, d, table, ", ", false, key, sizeof key))
		return 1;
	snprintf(sql, sizeof sql, "SELECT * FROM d%d.%s ORDER BY %s", d, table, key);
	sqlite3_stmt *q = NULL;
	if (sqlite3_prepare_v2(s->track, sql, -1, &q, NULL) != SQLITE_OK)
		return sim_failf(s, "dumping %s: %s", table, sqlite3_errmsg(s->track));
	while (sqlite3_step(q) == SQLITE_ROW) {
		buf_add(b, table, strlen(table));
		for (int i = 0; i < sqlite3_column_count(q); i++) {
			const char *name = sqlite3_column_name(q, i);
			const unsigned char *v = sqlite3_column_text(q, i);
			buf_add(b, " ", 1);
			buf_add(b, name, strlen(name));
			buf_add(b, "=", 1);
			if (sqlite3_column_type(q, i) == SQLITE_NULL)
				buf_add(b, "NULL", 4);
			else
				buf_add(b, (const char *)v, strlen((const char *)v));
		}
		buf_add(b, "\n", 1);
	}
	sqlite3_finalize(q);
	return 0;
}

/* Device d's dump against device 0's: the first line that differs. */
static int compare_dumps(struct sim *s, int d, const char *table)
{
	struct buf a = { 0 }, b = { 0 };
	int rc = dump(s, 0, table, &a) || dump(s, d, table, &b);
	const char *p = a.p ? a.p : "", *q = b.p ? b.p : "";
	if (!rc && strcmp(p, q)) {
		while (*p && *q) {
			const char *pe = strchr(p, '\n'), *qe = strchr(q, '\n');
			if (pe - p != qe - q || memcmp(p, q, (size_t)(pe - p)))
				break;
			p = pe + 1;
			q = qe + 1;
		}
		int pn = (int)(strchr(p, '\n') ? strchr(p, '\n') - p : (long)strlen(p));
		int qn = (int)(strchr(q, '\n') ? strchr(q, '\n') - q : (long)strlen(q));
		rc = sim_failf(s, "%s and %s differ in %s:\n  %s: %.*s\n  %s: %.*s", s->dev[0].name,
		               s->dev[d].name, table, s->dev[0].name, pn, *p ? p : "(no more rows)",
		               s->dev[d].name, qn, *q ? q : "(no more rows)");
	}
	free(a.p);
	free(b.p);
	return rc;
}

static int check_device(struct sim *s, int d)
{
	struct sim_dev *dv = &s->dev[d];
	struct store_check c = { 0 };
	int rc = store_check(dv->st, &c);
	if (rc)
		return sim_failf(s, "store_check on %s: %s", dv->name, store_error(dv->st));
	if (strcmp(c.integrity ? c.integrity : "", "ok") || c.foreign_key_errors ||
	    c.day_total_errors || c.risk_cell_errors || c.waiting_for_errors)
		rc = sim_failf(
		        s,
		        "%s fails the doctor's check: integrity %s, %d foreign key errors,"
		        " %d daily totals and %d heat-map cells not as the triggers make them,"
		        " %d waiting actions wrong",
		        dv->name, c.integrity ? c.integrity : "?", c.foreign_key_errors,
		        c.day_total_errors, c.risk_cell_errors, c.waiting_for_errors);
	store_check_free(&c);
	struct journal_stats js = { 0 };
	if (!rc && (rc = store_journal_stats(dv->st, &js)) == 0 && js.unsent)
		rc = sim_failf(s, "%s still has %lld changes to hand out", dv->name, js.unsent);
	for (int p = 0; !rc && p < s->n; p++) {
		long long had = -1;
		if (p != d &&
		    (store_sync_peer(dv->st, s->dev[p].name, &had) || had != s->dev[p].applied[p]))
			rc = sim_failf(s, "%s applied %lld of %s's changes, not all %lld", dv->name,
			               had, s->dev[p].name, s->dev[p].applied[p]);
	}
	return rc;
}

/* Whether table holds the row whose identity (as rid_sql makes it) is rid on d0. */
static bool row_exists(struct sim *s, const char *table, const char *rid)
{
	char expr[256], sql[512], out[8];
	if (rid_sql(s, table, expr, sizeof expr))
		return false;
	snprintf(sql, sizeof sql, "SELECT 1 FROM d0.%s WHERE %s = ?1", table, expr);
	return sim_query_text(s, sql, rid, out, sizeof out) == 0 && out[0];
}

static bool named_in_conflict(struct sim *s, const char *rid, const char *kind)
{
	char out[8], sql[256];
	snprintf(sql, sizeof sql,
	         "SELECT 1 FROM conflicts WHERE instr(row_id, substr(?1, 1, 36)) > 0 %s%s%s",
	         kind ? "AND kind = '" : "", kind ? kind : "", kind ? "'" : "");
	return sim_query_text(s, sql, rid, out, sizeof out) == 0 && out[0];
}

/* A row created and not there: gone for a reason the sync allows. */
static bool gone_ok(struct sim *s, const char *table, const char *rid, int depth)
{
	char out[80];
	if (depth > 4)
		return false;
	char sql[200];
	snprintf(sql, sizeof sql, "SELECT 1 FROM deleted WHERE tbl = '%s' AND rid = ?1", table);
	if (sim_query_text(s, sql, rid, out, sizeof out) == 0 && out[0])
		return true;
	if (named_in_conflict(s, rid, NULL))
		return true;
	snprintf(sql, sizeof sql,
	         "SELECT coalesce(client_id, '') || ' ' || coalesce(parent, '') FROM created WHERE"
	         " tbl = '%s' AND rid = ?1",
	         table);
	char client[UUID_LEN] = "", parent[UUID_LEN] = "";
	if (sim_query_text(s, sql, rid, out, sizeof out))
		return false;
	sscanf(out, "%36s %36s", client, parent);
	if (strcmp(table, "clients") && client[0] && !row_exists(s, "clients", client) &&
	    gone_ok(s, "clients", client, depth + 1))
		return true;
	const char *ptable = !strcmp(table, "note_shares")     ? "notes"
	                     : !strcmp(table, "entry_sources") ? "time_entries"
	                                                       : NULL;
	return ptable && parent[0] && !row_exists(s, ptable, parent) &&
	       gone_ok(s, ptable, parent, depth + 1);
}

static int check_kept(struct sim *s)
{
	sqlite3_stmt *q = NULL;
	if (sqlite3_prepare_v2(s->track, "SELECT tbl, rid FROM created ORDER BY tbl, rid", -1, &q,
	                       NULL) != SQLITE_OK)
		return sim_failf(s, "reading what was created: %s", sqlite3_errmsg(s->track));
	int rc = 0;
	while (!rc && sqlite3_step(q) == SQLITE_ROW) {
		char table[32], rid[256];
		snprintf(table, sizeof table, "%s", sqlite3_column_text(q, 0));
		snprintf(rid, sizeof rid, "%s", sqlite3_column_text(q, 1));
		if (!row_exists(s, table, rid) && !gone_ok(s, table, rid, 0))
			rc = sim_failf(
			        s,
			        "%s row %s was created and never deleted, its client and parent"
			        " are there, no conflict names it, but it is gone",
			        table, rid);
	}
	sqlite3_finalize(q);
	return rc;
}

/* Each field of each row of table on d0 holds a value some device wrote. */
static int check_values(struct sim *s, const char *table)
{
	char expr[256], sql[512];
	if (rid_sql(s, table, expr, sizeof expr))
		return 1;
	snprintf(sql, sizeof sql, "SELECT %s, * FROM d0.%s", expr, table);
	sqlite3_stmt *q = NULL, *w = NULL;
	int rc = 0;
	if (sqlite3_prepare_v2(s->track, sql, -1, &q, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(s->track,
	                       "SELECT 1 FROM written WHERE tbl = ?1 AND rid = ?2 AND col = ?3 AND"
	                       " val IS ?4",
	                       -1, &w, NULL) != SQLITE_OK)
		rc = sim_failf(s, "checking %s: %s", table, sqlite3_errmsg(s->track));
	while (!rc && sqlite3_step(q) == SQLITE_ROW) {
		const char *rid = (const char *)sqlite3_column_text(q, 0);
		for (int i = 1; !rc && i < sqlite3_column_count(q); i++) {
			const char *col = sqlite3_column_name(q, i);
			sqlite3_bind_text(w, 1, table, -1, SQLITE_STATIC);
			sqlite3_bind_text(w, 2, rid, -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(w, 3, col, -1, SQLITE_TRANSIENT);
			sqlite3_bind_value(w, 4, sqlite3_column_value(q, i));
			bool found = sqlite3_step(w) == SQLITE_ROW;
			sqlite3_reset(w);
			if (found)
				continue;
			bool null = sqlite3_column_type(q, i) == SQLITE_NULL;
			if (null && (!strcmp(col, "mandate_id") || !strcmp(col, "risk_id")))
				continue; /* unlinked: the mandate or risk was deleted */
			if (!strcmp(table, "clients") && !strcmp(col, "key") &&
			    named_in_conflict(s, rid, "unique"))
				continue;
			const unsigned char *v = sqlite3_column_text(q, i);
			rc = sim_failf(s, "%s row %s: %s is %s, a value no device wrote to it",
			               table, rid, col, v ? (const char *)v : "NULL");
		}
	}
	sqlite3_finalize(q);
	sqlite3_finalize(w);
	return rc;
}

/* Concurrent writes of different values to one field: a conflict each. */
static int check_conflicts_listed(struct sim *s)
{
	static const char sql[] =
	        "SELECT DISTINCT a.tbl, a.rid, a.col, a.dev, b.dev, quote(a.val), quote(b.val)"
	        " FROM written a JOIN written b ON b.tbl = a.tbl AND b.rid = a.rid AND b.col = "
	        "a.col"
	        "  AND b.dev > a.dev AND b.op = 'U' AND b.val IS NOT a.val"
	        " JOIN vc va ON va.dev = a.dev AND va.k = a.k AND va.peer = b.dev"
	        " JOIN vc vb ON vb.dev = b.dev AND vb.k = b.k AND vb.peer = a.dev"
	        " WHERE a.op = 'U' AND va.applied < b.k AND vb.applied < a.k"
	        "  AND NOT EXISTS (SELECT 1 FROM deleted x WHERE x.tbl = a.tbl AND x.rid = a.rid)"
	        " ORDER BY a.tbl, a.rid, a.col";
	sqlite3_stmt *q = NULL;
	if (sqlite3_prepare_v2(s->track, sql, -1, &q, NULL) != SQLITE_OK)
		return sim_failf(s, "finding concurrent writes: %s", sqlite3_errmsg(s->track));
	int rc = 0;
	while (!rc && sqlite3_step(q) == SQLITE_ROW) {
		char table[32], rid[256], col[32], out[8];
		snprintf(table, sizeof table, "%s", sqlite3_column_text(q, 0));
		snprintf(rid, sizeof rid, "%s", sqlite3_column_text(q, 1));
		snprintf(col, sizeof col, "%s", sqlite3_column_text(q, 2));
		if (!row_exists(s, table, rid))
			continue;
		char find[300];
		snprintf(find, sizeof find,
		         "SELECT 1 FROM conflicts WHERE instr(row_id, substr(?1, 1, 36)) > 0 AND"
		         " (field IS NULL OR field = '%s')",
		         col);
		if (sim_query_text(s, find, rid, out, sizeof out))
			return 1;
		if (!out[0])
			rc = sim_failf(
			        s,
			        "dev%d set %s row %s's %s to %s and dev%d to %s, neither having"
			        " seen the other's change, and no device recorded a conflict",
			        sqlite3_column_int(q, 3), table, rid, col,
			        sqlite3_column_text(q, 5), sqlite3_column_int(q, 4),
			        sqlite3_column_text(q, 6));
	}
	sqlite3_finalize(q);
	return rc;
}

int sim_check(struct sim *s)
{
	for (int d = 0; d < s->n; d++)
		if (check_device(s, d))
			return 1;
	for (int d = 1; d < s->n; d++)
		for (size_t t = 0; t < N_TABLES; t++)
			if (compare_dumps(s, d, TABLES[t]))
				return 1;
	for (int d = 0; d < s->n; d++) {
		char sql[160];
		snprintf(sql, sizeof sql,
		         "INSERT INTO conflicts SELECT %d, kind, tbl, row_id, field FROM"
		         " d%d.sync_conflicts",
		         d, d);
		if (sqlite3_exec(s->track, sql, NULL, NULL, NULL) != SQLITE_OK)
			return sim_failf(s, "reading the conflicts: %s", sqlite3_errmsg(s->track));
	}
	s->stats.conflicts = (long)sim_query_int(s, "SELECT count(*) FROM conflicts");
	if (check_kept(s))
		return 1;
	for (size_t t = 0; t < N_RECORDED; t++)
		if (check_values(s, TABLES[t]))
			return 1;
	return check_conflicts_listed(s);
}
