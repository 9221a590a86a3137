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
 * Building that reference costs an in-memory database and every
 * migration (several milliseconds), too much for `cxo status` every few
 * seconds: the rows are compared by their SHA-256 with the digest of each
 * version's reference, compiled in below (a unit test rebuilds them and
 * fails on any difference).  Only a file whose digest differs pays for the
 * reference, to name what differs; a file that then matches after all
 * (a SQLite that writes the SQL another way) is accepted.
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

#include "cxo/sha256.h"

/* Every object but SQLite's own statistics tables (ANALYZE makes them,
 * and they hold no code), in a fixed order. */
#define SCHEMA_ROWS                                                                                \
	"SELECT type, name, tbl_name, sql FROM sqlite_schema"                                      \
	" WHERE NOT (type = 'table' AND name GLOB 'sqlite_stat[1-4]') ORDER BY type, name"

/* The SHA-256 of each version's reference rows (schema_digest below);
 * index = user_version.  A new migration adds its line: the unit test
 * test_store_verify prints the value. */
static const char *const KNOWN_DIGESTS[STORE_SCHEMA_VERSION + 1] = {
	NULL, /* version 0 holds nothing: compared object by object */
	"5a62d028a9ad3ac15103ac311e881c2d26ff70e22442e70fd27366f94caa2f97",
	"0f07e78b9b71050dbde7e7d680c1c550a16b571f0a1682c8df20ec6fe479c021",
	"e10d544c9aef60c59aeff73df592dbf77935b8e7b2faea14b1950e292d54339e",
	"5972134427d057101587856146769cdadb271d5fe678ccf7d51ca315ab014413",
};

/* Set while store_open_unverified opens a file (cxo is one thread). */
static bool open_unverified;

struct object {
	char *type, *name, *tbl, *sql; /* sql NULL for SQLite's automatic indexes */
};

struct objects {
	struct object *v;
	size_t n, cap;
};

static void objects_free(struct objects *o)
{
	for (size_t i = 0; i < o->n; i++) {
		free(o->v[i].type);
		free(o->v[i].name);
		free(o->v[i].tbl);
		free(o->v[i].sql);
	}
	free(o->v);
	memset(o, 0, sizeof *o);
}

static void feed_column(struct sha256 *c, sqlite3_stmt *s, int i)
{
	if (sqlite3_column_type(s, i) == SQLITE_NULL) {
		sha256_update(c, "n", 1);
		return;
	}
	const unsigned char *t = sqlite3_column_text(s, i);
	uint64_t n = (uint64_t)sqlite3_column_bytes(s, i);
	uint8_t len[8];
	for (int k = 0; k < 8; k++)
		len[k] = (uint8_t)(n >> (56 - 8 * k));
	sha256_update(c, "t", 1);
	sha256_update(c, len, sizeof len);
	if (t)
		sha256_update(c, t, (size_t)n);
}

/* The digest of db's schema rows, in hex; a SQLite result code. */
static int schema_digest(sqlite3 *db, char hex[SHA256_HEX_LEN])
{
	sqlite3_stmt *s = NULL;
	struct sha256 c;
	sha256_init(&c);
	int rc = sqlite3_prepare_v2(db, SCHEMA_ROWS, -1, &s, NULL);
	while (rc == SQLITE_OK || rc == SQLITE_ROW) {
		rc = sqlite3_step(s);
		if (rc == SQLITE_ROW)
			for (int i = 0; i < 4; i++)
				feed_column(&c, s, i);
	}
	sqlite3_finalize(s);
	uint8_t d[SHA256_LEN];
	sha256_final(&c, d);
	sha256_hex(d, hex);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static char *dup_column(sqlite3_stmt *s, int i, bool *oom)
{
	const unsigned char *t = sqlite3_column_text(s, i);
	if (!t)
		return NULL;
	char *d = strdup((const char *)t);
	if (!d)
		*oom = true;
	return d;
}

/* db's schema rows into out (SQLITE_NOMEM when a copy fails). */
static int read_objects(sqlite3 *db, struct objects *out)
{
	sqlite3_stmt *s = NULL;
	bool oom = false;
	int rc = sqlite3_prepare_v2(db, SCHEMA_ROWS, -1, &s, NULL);
	while (!oom && (rc == SQLITE_OK || rc == SQLITE_ROW)) {
		rc = sqlite3_step(s);
		if (rc != SQLITE_ROW)
			break;
		if (store_list_grow((void **)&out->v, &out->cap, out->n, sizeof *out->v)) {
			oom = true;
			break;
		}
		struct object *o = &out->v[out->n++];
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

/* The reference rows of schema version, made in memory. */
static int reference_objects(int version, struct objects *out)
{
	sqlite3 *db = NULL;
	int rc = sqlite3_open_v2(":memory:", &db, SQLITE_OPEN_READWRITE, NULL);
	if (rc == SQLITE_OK)
		rc = store_schema_build(db, version);
	if (rc == SQLITE_OK)
		rc = read_objects(db, out);
	sqlite3_close(db);
	return rc;
}

static int cmp_str(const char *a, const char *b)
{
	if (!a || !b)
		return a ? 1 : b ? -1 : 0;
	return strcmp(a, b);
}

/* Appends one difference, a line of *buf. */
static int add_line(char **buf, size_t *len, const char *what, const struct object *o)
{
	char name[200], type[40];
	store_msg_text(o->name, name, sizeof name);
	store_msg_text(o->type, type, sizeof type);
	char line[300];
	int n = snprintf(line, sizeof line, "%s %s \"%s\"", what, type, name);
	if (n < 0)
		return -1;
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

/* The differences between the file's rows and the reference's, a line
 * each; both lists are in (type, name) order. */
static int diff_objects(const struct objects *file, const struct objects *ref, char **out,
                        int *count)
{
	size_t i = 0, j = 0, len = 0;
	*out = NULL;
	*count = 0;
	while (i < file->n || j < ref->n) {
		int c;
		if (i == file->n)
			c = 1;
		else if (j == ref->n)
			c = -1;
		else if ((c = strcmp(file->v[i].type, ref->v[j].type)) == 0)
			c = strcmp(file->v[i].name, ref->v[j].name);
		const char *what = NULL;
		const struct object *o = NULL;
		if (c < 0) {
			what = "unexpected";
			o = &file->v[i++];
		} else if (c > 0) {
			what = "missing";
			o = &ref->v[j++];
		} else {
			if (cmp_str(file->v[i].tbl, ref->v[j].tbl) ||
			    cmp_str(file->v[i].sql, ref->v[j].sql)) {
				what = "altered";
				o = &file->v[i];
			}
			i++;
			j++;
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
	struct objects file = { 0 }, ref = { 0 };
	int rc = read_objects(st->db, &file);
	if (rc == SQLITE_OK) {
		rc = reference_objects(version, &ref);
		if (rc != SQLITE_OK) {
			objects_free(&file);
			return store_fail(st, EX_SOFTWARE, "building the reference schema: %s",
			                  sqlite3_errstr(rc));
		}
		rc = diff_objects(&file, &ref, out, count);
	}
	objects_free(&file);
	objects_free(&ref);
	return rc == SQLITE_OK ? 0 : store_sql_fail(st, rc, "reading the schema");
}

const char *store_schema_known_digest(int version)
{
	return version >= 0 && version <= STORE_SCHEMA_VERSION ? KNOWN_DIGESTS[version] : NULL;
}

int store_schema_digest(sqlite3 *db, char hex[SHA256_HEX_LEN])
{
	return schema_digest(db, hex);
}

int store_schema_verify(struct store *st, int version)
{
	if (open_unverified)
		return 0;
	const char *known = store_schema_known_digest(version);
	if (known) {
		char hex[SHA256_HEX_LEN];
		int rc = schema_digest(st->db, hex);
		if (rc != SQLITE_OK)
			return store_sql_fail(st, rc, "reading the schema");
		if (!strcmp(hex, known))
			return 0;
	}
	char *diffs = NULL;
	int count = 0;
	int rc = differences(st, version, &diffs, &count);
	if (rc || count == 0) {
		free(diffs);
		return rc;
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
