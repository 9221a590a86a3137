/*
 * verify.c: is this schema the one cxo made, and how much may one
 * command ask of the database?
 *
 * A file's schema runs inside cxo: a trigger fires on each write, a view
 * answers each read.  A file carrying objects cxo did not make (a trigger
 * that deletes the notes, a recursive view in place of a table, a table
 * whose CHECK was removed) is refused before anything reads or writes
 * it.  Its sqlite_schema rows (type, name, table and SQL of every table,
 * index, trigger and view) must be exactly those that this cxo's
 * migrations make at the file's schema version.
 *
 * Those rows are compiled in (schema_ref.c, generated from the
 * migrations; a unit test fails when they disagree): building them in an
 * in-memory database on every open would cost several milliseconds, and
 * `cxo status` runs every few seconds.  The comparison itself is one
 * query over sqlite_schema and a string comparison per row.
 *
 * Then the limits: a progress handler stops a command past a budget of
 * virtual machine steps (SQLITE_INTERRUPT, "took too long to answer"),
 * and the length of any string or blob is capped.
 */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

/* Set while store_open_unverified opens a file (cxo is one thread). */
static bool open_unverified;

/* The file's rows, copied (freed by rows_free). */
struct rows {
	struct schema_row *v;
	size_t n, cap;
};

static void rows_free(struct rows *r)
{
	for (size_t i = 0; i < r->n; i++) {
		free((void *)r->v[i].type);
		free((void *)r->v[i].name);
		free((void *)r->v[i].tbl);
		free((void *)r->v[i].sql);
	}
	free(r->v);
	memset(r, 0, sizeof *r);
}

static const char *dup_column(sqlite3_stmt *s, int i, bool *oom)
{
	const unsigned char *t = sqlite3_column_text(s, i);
	if (!t)
		return NULL;
	char *d = strdup((const char *)t);
	if (!d)
		*oom = true;
	return d;
}

/* The file's schema rows into out; a SQLite code. */
static int read_rows(sqlite3 *db, struct rows *out)
{
	sqlite3_stmt *s = NULL;
	bool oom = false;
	int rc = sqlite3_prepare_v2(db, STORE_SCHEMA_ROWS, -1, &s, NULL);
	while (!oom && (rc == SQLITE_OK || rc == SQLITE_ROW)) {
		rc = sqlite3_step(s);
		if (rc != SQLITE_ROW)
			break;
		if (store_list_grow((void **)&out->v, &out->cap, out->n, sizeof *out->v)) {
			oom = true;
			break;
		}
		struct schema_row *o = &out->v[out->n++];
		o->type = dup_column(s, 0, &oom);
		o->name = dup_column(s, 1, &oom);
		o->tbl = dup_column(s, 2, &oom);
		o->sql = dup_column(s, 3, &oom);
		if (!o->type || !o->name || !o->tbl)
			oom = true;
	}
	sqlite3_finalize(s);
	if (oom)
		return SQLITE_NOMEM;
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static int cmp_str(const char *a, const char *b)
{
	if (!a || !b)
		return a ? 1 : b ? -1 : 0;
	return strcmp(a, b);
}

static bool same_row(const struct schema_row *a, const struct schema_row *b)
{
	return !cmp_str(a->type, b->type) && !cmp_str(a->name, b->name) &&
	       !cmp_str(a->tbl, b->tbl) && !cmp_str(a->sql, b->sql);
}

/* Whether the file's rows are exactly ref's; a SQLite code.  Copies
 * nothing: the common case, on every open. */
static int rows_match(sqlite3 *db, const struct schema_row *ref, bool *match)
{
	sqlite3_stmt *s = NULL;
	*match = true;
	int rc = sqlite3_prepare_v2(db, STORE_SCHEMA_ROWS, -1, &s, NULL);
	while (rc == SQLITE_OK || rc == SQLITE_ROW) {
		rc = sqlite3_step(s);
		if (rc != SQLITE_ROW)
			break;
		const struct schema_row got = {
			(const char *)sqlite3_column_text(s, 0),
			(const char *)sqlite3_column_text(s, 1),
			(const char *)sqlite3_column_text(s, 2),
			(const char *)sqlite3_column_text(s, 3),
		};
		if (!ref->type || !same_row(&got, ref)) {
			*match = false;
			break;
		}
		ref++;
	}
	sqlite3_finalize(s);
	if (*match && rc == SQLITE_DONE && ref->type)
		*match = false; /* something missing */
	return rc == SQLITE_DONE || (rc == SQLITE_ROW && !*match) ? SQLITE_OK : rc;
}

/* Appends one difference, a line of *buf. */
static int add_line(char **buf, size_t *len, const char *what, const struct schema_row *o)
{
	char name[200], type[40], line[300];
	store_msg_text(o->name, name, sizeof name);
	store_msg_text(o->type, type, sizeof type);
	snprintf(line, sizeof line, "%s %s \"%s\"", what, type, name);
	size_t add = strlen(line);
	char *p = realloc(*buf, *len + add + 2);
	if (!p)
		return -1;
	if (*len)
		p[(*len)++] = '\n';
	memcpy(p + *len, line, add + 1);
	*len += add;
	*buf = p;
	return 0;
}

/* The differences between the file's rows and ref's, a line each; both
 * lists are in (type, name) order. */
static int diff_rows(const struct rows *file, const struct schema_row *ref, char **out, int *count)
{
	size_t i = 0, len = 0;
	*out = NULL;
	*count = 0;
	while (i < file->n || ref->type) {
		int c;
		if (i == file->n)
			c = 1;
		else if (!ref->type)
			c = -1;
		else if ((c = strcmp(file->v[i].type, ref->type)) == 0)
			c = strcmp(file->v[i].name, ref->name);
		const char *what = NULL;
		const struct schema_row *o = NULL;
		if (c < 0) {
			what = "unexpected";
			o = &file->v[i++];
		} else if (c > 0) {
			what = "missing";
			o = ref++;
		} else {
			if (!same_row(&file->v[i], ref)) {
				what = "altered";
				o = &file->v[i];
			}
			i++;
			ref++;
		}
		if (!what)
			continue;
		if (add_line(out, &len, what, o)) {
			free(*out);
			*out = NULL;
			return SQLITE_NOMEM;
		}
		(*count)++;
	}
	return SQLITE_OK;
}

/* The differences for a file at version (store_schema_check). */
static int differences(struct store *st, int version, char **out, int *count)
{
	struct rows file = { 0 };
	int rc = read_rows(st->db, &file);
	if (rc == SQLITE_OK)
		rc = diff_rows(&file, store_schema_ref[version], out, count);
	rows_free(&file);
	return rc == SQLITE_OK ? 0 : store_sql_fail(st, rc, "reading the schema");
}

int store_schema_verify(struct store *st, int version)
{
	if (open_unverified)
		return 0;
	if (version < 0 || version > STORE_SCHEMA_VERSION)
		return store_fail(st, EX_SOFTWARE, "internal error: schema version %d", version);
	bool match;
	int rc = rows_match(st->db, store_schema_ref[version], &match);
	if (rc != SQLITE_OK)
		return store_sql_fail(st, rc, "reading the schema");
	if (match)
		return 0;
	char *diffs = NULL;
	int count = 0;
	if ((rc = differences(st, version, &diffs, &count)) != 0 || count == 0) {
		free(diffs);
		return rc ? rc
		          : store_fail(st, EX_SOFTWARE, "internal error: comparing the schema");
	}
	char more[64] = "";
	if (count > 1)
		snprintf(more, sizeof more, " (and %d more difference%s)", count - 1,
		         count > 2 ? "s" : "");
	char shown[300];
	store_msg_text(st->path, shown, sizeof shown);
	rc = store_fail(st, EX_DATAERR,
	                "%.*s in \"%s\"%s: this is not a database cxo made; cxo doctor explains",
	                (int)strcspn(diffs, "\n"), diffs, shown, more);
	free(diffs);
	return rc;
}

int store_schema_check(struct store *st, char **out, int *count)
{
	*out = NULL;
	*count = 0;
	long version = 0;
	sqlite3_stmt *s = NULL;
	int src = sqlite3_prepare_v2(st->db, "PRAGMA user_version", -1, &s, NULL);
	if (src == SQLITE_OK && (src = sqlite3_step(s)) == SQLITE_ROW)
		version = (long)sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	if (src != SQLITE_ROW)
		return store_sql_fail(st, src, "reading the schema version");
	if (version < 0 || version > STORE_SCHEMA_VERSION)
		return store_fail(st, EX_DATAERR, "schema version %ld is not one cxo knows",
		                  version);
	return differences(st, (int)version, out, count);
}

int store_open_unverified(const char *path, int busy_ms, struct store **out, char *err,
                          size_t errsz)
{
	open_unverified = true;
	int rc = store_open(path, STORE_READ, busy_ms, out, NULL, err, errsz);
	open_unverified = false;
	return rc;
}

/* ---- limits ---- */

/* The handler runs every PROGRESS_PERIOD virtual machine steps. */
#define PROGRESS_PERIOD 1000

static int progress(void *arg)
{
	struct store *st = arg;
	st->steps += PROGRESS_PERIOD;
	return st->steps > st->step_budget;
}

static uint64_t default_budget(const struct store *st)
{
	return st->mode == STORE_READ && !open_unverified ? STORE_READ_STEPS : STORE_WRITE_STEPS;
}

void store_budget(struct store *st, unsigned long long steps)
{
	if (!st)
		return;
	st->steps = 0;
	st->step_budget = steps ? steps : default_budget(st);
}

void store_set_limits(struct store *st)
{
	st->steps = 0;
	st->step_budget = default_budget(st);
	sqlite3_progress_handler(st->db, PROGRESS_PERIOD, progress, st);
	(void)sqlite3_limit(st->db, SQLITE_LIMIT_LENGTH, STORE_MAX_LENGTH);
}
