/*
 * journal_groups.c: the columns of a row that hold one fact together (an
 * action's status with the day its wait began, whom it waits for and the
 * day it was done; a risk's status with its closing and acceptance days;
 * its residual likelihood with its residual impact; a client's status
 * with its term) travel together: a change recorded here that sets one
 * of them carries all of them, those it left as they were with their
 * value as both old and new.  Sync decides each column by the latest
 * write to it, so a group written whole by every change always goes to
 * one change, and never mixes one device's status with another's day.
 *
 * The session extension records only the columns a change set, so the
 * changeset is written again here, in the format it documents
 * (sqlite3session.c): per table a header ('T', the number of columns,
 * the primary key flags, the name), then per change its operation, the
 * indirect flag and its old and new records, each value a type byte and
 * its bytes.
 */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "sync_tables.h"

#define GROUP_MAX 5

static const struct group {
	const char *table;
	const char *cols[GROUP_MAX]; /* NULL ends */
} GROUPS[] = {
	{ "actions", { "status", "waiting_since", "waiting_for", "done_on", NULL } },
	{ "risks", { "status", "closed", "accepted_until", NULL } },
	{ "risks", { "residual_likelihood", "residual_impact", NULL } },
	{ "clients", { "status", "start_date", "end_date", NULL } },
	{ "vendors", { "status", "ended", NULL } },
	{ "vendors", { "diligence", "diligence_on", NULL } },
	{ "decisions", { "status", "superseded_by", NULL } },
};
#define N_GROUPS (sizeof GROUPS / sizeof GROUPS[0])

struct out {
	unsigned char *p;
	size_t len, cap;
	bool oom;
};

static void put(struct out *o, const void *b, size_t n)
{
	if (o->oom)
		return;
	if (o->len + n > o->cap) {
		size_t cap = o->cap ? o->cap : 256;
		while (cap < o->len + n)
			cap *= 2;
		unsigned char *p = realloc(o->p, cap);
		if (!p) {
			o->oom = true;
			return;
		}
		o->p = p;
		o->cap = cap;
	}
	memcpy(o->p + o->len, b, n);
	o->len += n;
}

static void put_byte(struct out *o, unsigned char b)
{
	put(o, &b, 1);
}

/* SQLite's variable-length integer (sqlite3PutVarint). */
static void put_varint(struct out *o, uint64_t v)
{
	unsigned char buf[10];
	int n = 0;
	if (v & (UINT64_C(0xff000000) << 32)) {
		unsigned char p[9];
		p[8] = (unsigned char)v;
		v >>= 8;
		for (int i = 7; i >= 0; i--) {
			p[i] = (unsigned char)((v & 0x7f) | 0x80);
			v >>= 7;
		}
		put(o, p, 9);
		return;
	}
	do {
		buf[n++] = (unsigned char)((v & 0x7f) | 0x80);
		v >>= 7;
	} while (v != 0);
	buf[0] &= 0x7f;
	for (int i = n - 1; i >= 0; i--)
		put_byte(o, buf[i]);
}

static void put_value(struct out *o, sqlite3_value *v)
{
	if (!v) {
		put_byte(o, 0);
		return;
	}
	int type = sqlite3_value_type(v);
	put_byte(o, (unsigned char)type);
	if (type == SQLITE_INTEGER || type == SQLITE_FLOAT) {
		uint64_t u;
		if (type == SQLITE_INTEGER) {
			u = (uint64_t)sqlite3_value_int64(v);
		} else {
			double d = sqlite3_value_double(v);
			memcpy(&u, &d, sizeof u);
		}
		unsigned char b[8];
		for (int i = 7; i >= 0; i--, u >>= 8)
			b[i] = (unsigned char)(u & 0xff);
		put(o, b, 8);
	} else if (type == SQLITE_TEXT || type == SQLITE_BLOB) {
		int n = sqlite3_value_bytes(v);
		const void *p = type == SQLITE_TEXT ? (const void *)sqlite3_value_text(v)
		                                    : sqlite3_value_blob(v);
		put_varint(o, (uint64_t)n);
		if (n > 0)
			put(o, p, (size_t)n);
	}
}

/* The columns of t's groups that the update it points at sets part of:
 * bit i, a column to add. */
static uint64_t missing(struct sync_table *t, const char *table, sqlite3_changeset_iter *it,
                        int ncol)
{
	uint64_t add = 0;
	for (size_t g = 0; g < N_GROUPS; g++) {
		if (strcmp(GROUPS[g].table, table))
			continue;
		uint64_t cols = 0, set = 0;
		for (int k = 0; k < GROUP_MAX && GROUPS[g].cols[k]; k++) {
			int i = sync_table_find(t, GROUPS[g].cols[k]);
			if (i < 0 || i >= ncol)
				continue;
			cols |= UINT64_C(1) << i;
			sqlite3_value *v = NULL;
			if (sqlite3changeset_new(it, i, &v) == SQLITE_OK && v)
				set |= UINT64_C(1) << i;
		}
		if (set)
			add |= cols & ~set;
	}
	return add;
}

/* Whether any update of cs leaves part of a group out. */
static int needs_groups(struct store *st, const void *cs, int size, bool *needs)
{
	*needs = false;
	sqlite3_changeset_iter *it = NULL;
	int src = sqlite3changeset_start(&it, size, (void *)cs);
	while (!*needs && src == SQLITE_OK && sqlite3changeset_next(it) == SQLITE_ROW) {
		const char *table;
		int ncol, op, indirect;
		sqlite3changeset_op(it, &table, &ncol, &op, &indirect);
		if (op != SQLITE_UPDATE)
			continue;
		bool grouped = false;
		for (size_t g = 0; g < N_GROUPS && !grouped; g++)
			grouped = !strcmp(GROUPS[g].table, table);
		if (!grouped)
			continue;
		struct sync_table *t = sync_table(st, table);
		if (!t) {
			sqlite3changeset_finalize(it);
			return st->err_code ? st->err_code : EX_SOFTWARE;
		}
		*needs = missing(t, table, it, ncol) != 0;
	}
	int fsrc = it ? sqlite3changeset_finalize(it) : SQLITE_OK;
	if (src != SQLITE_OK || fsrc != SQLITE_OK)
		return store_sql_fail(st, src != SQLITE_OK ? src : fsrc, "reading the change");
	return 0;
}

/* One change written again, the group columns it left out added with the
 * row's value as both old and new. */
static int write_change(struct store *st, struct out *o, sqlite3_changeset_iter *it)
{
	const char *table;
	int ncol, op, indirect;
	sqlite3changeset_op(it, &table, &ncol, &op, &indirect);
	uint64_t add = 0;
	struct sync_table *t = NULL;
	sqlite3_stmt *row = NULL;
	sqlite3_value *key[ncol > 0 ? ncol : 1];
	if (op == SQLITE_UPDATE) {
		bool grouped = false;
		for (size_t g = 0; g < N_GROUPS && !grouped; g++)
			grouped = !strcmp(GROUPS[g].table, table);
		if (grouped && !(t = sync_table(st, table)))
			return st->err_code ? st->err_code : EX_SOFTWARE;
		add = t ? missing(t, table, it, ncol) : 0;
	}
	if (add) {
		for (int i = 0; i < ncol; i++) {
			key[i] = NULL;
			if (sync_table_is_key(t, i))
				sqlite3changeset_old(it, i, &key[i]);
		}
		int src;
		row = sync_table_select(st, t, key, &src);
		if (src != SQLITE_ROW) {
			sync_table_done(t);
			if (src == SQLITE_DONE)
				return store_fail(st, EX_SOFTWARE,
				                  "recording the change: a row of %s changed and "
				                  "gone",
				                  table);
			return st->err_code ? st->err_code : EX_SOFTWARE;
		}
	}
	put_byte(o, (unsigned char)op);
	put_byte(o, (unsigned char)(indirect ? 1 : 0));
	for (int pass = 0; pass < 2; pass++) {
		bool old = pass == 0;
		if ((old && op == SQLITE_INSERT) || (!old && op == SQLITE_DELETE))
			continue;
		for (int i = 0; i < ncol; i++) {
			sqlite3_value *v = NULL;
			if (add & (UINT64_C(1) << i))
				v = sqlite3_column_value(row, i);
			else if (old)
				sqlite3changeset_old(it, i, &v);
			else
				sqlite3changeset_new(it, i, &v);
			put_value(o, v);
		}
	}
	if (add)
		sync_table_done(t);
	return 0;
}

int store_journal_groups(struct store *st, const void *cs, int size, void **out, int *out_size)
{
	*out = NULL;
	*out_size = 0;
	bool needs = false;
	int rc = needs_groups(st, cs, size, &needs);
	if (rc || !needs)
		return rc;
	struct out o = { 0 };
	sqlite3_changeset_iter *it = NULL;
	char last[64] = "";
	int src = sqlite3changeset_start(&it, size, (void *)cs);
	while (!rc && src == SQLITE_OK && sqlite3changeset_next(it) == SQLITE_ROW) {
		const char *table;
		int ncol, op, indirect;
		sqlite3changeset_op(it, &table, &ncol, &op, &indirect);
		if (strcmp(last, table)) {
			unsigned char *pk = NULL;
			int npk = 0;
			sqlite3changeset_pk(it, &pk, &npk);
			snprintf(last, sizeof last, "%s", table);
			put_byte(&o, 'T');
			put_varint(&o, (uint64_t)ncol);
			put(&o, pk, (size_t)npk);
			put(&o, table, strlen(table) + 1);
		}
		rc = write_change(st, &o, it);
	}
	int fsrc = it ? sqlite3changeset_finalize(it) : SQLITE_OK;
	if (!rc && (src != SQLITE_OK || fsrc != SQLITE_OK))
		rc = store_sql_fail(st, src != SQLITE_OK ? src : fsrc, "reading the change");
	if (!rc && o.oom)
		rc = store_fail(st, EX_SOFTWARE, "out of memory");
	if (rc || o.len > (size_t)INT32_MAX) {
		free(o.p);
		return rc ? rc : store_fail(st, EX_SOFTWARE, "recording the change: too large");
	}
	*out = o.p;
	*out_size = (int)o.len;
	return 0;
}
