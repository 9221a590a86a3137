/*
 * store_test.h: fixtures shared by the store's unit tests: a private
 * temporary directory per test, removed afterwards, and small helpers to
 * open databases and add rows.
 */
#ifndef CXO_STORE_TEST_H
#define CXO_STORE_TEST_H

#include <criterion/criterion.h>
#include <fcntl.h>
#include <ftw.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sysexits.h>
#include <unistd.h>

#include "cxo/store.h"
#include "tmpdir.h"

static inline void tdir_setup(void)
{
	tdir_make("store");
}

static inline bool exists(const char *path)
{
	struct stat sb;
	return lstat(path, &sb) == 0;
}

static inline struct store *open_ok(const char *path, enum store_mode mode)
{
	struct store *st = NULL;
	char err[512] = "";
	int rc = store_open(path, mode, 2000, &st, NULL, err, sizeof err);
	cr_assert_eq(rc, 0, "store_open(%s): %d %s", path, rc, err);
	cr_assert_not_null(st);
	return st;
}

/* A new database tdir/cxo.db opened for writing. */
static inline struct store *open_new(void)
{
	char p[128];
	return open_ok(tpath(p, sizeof p, "cxo.db"), STORE_WRITE);
}

static inline void add_client(struct store *st, const char *key, struct client *out)
{
	struct client c;
	memset(&c, 0, sizeof c);
	snprintf(c.key, sizeof c.key, "%s", key);
	c.name = (char *)key;
	snprintf(c.role, sizeof c.role, "cio");
	c.budget_minutes = 20 * 60;
	int rc = store_client_add(st, &c);
	cr_assert_eq(rc, 0, "client add %s: %s", key, store_error(st));
	if (out) {
		*out = c;
		out->name = NULL; /* not ours to free */
	}
}

/* Whole contents of a file (caller frees); *n is its size. */
static inline char *slurp(const char *path, size_t *n)
{
	FILE *fp = fopen(path, "rb");
	cr_assert_not_null(fp, "open %s", path);
	cr_assert_eq(fseek(fp, 0, SEEK_END), 0);
	long len = ftell(fp);
	cr_assert_geq(len, 0);
	rewind(fp);
	char *buf = malloc((size_t)len + 1);
	cr_assert_not_null(buf);
	cr_assert_eq(fread(buf, 1, (size_t)len, fp), (size_t)len);
	fclose(fp);
	*n = (size_t)len;
	return buf;
}

/* Runs SQL on the file through a connection of the test's own. */
static inline void raw_exec(const char *path, const char *sql)
{
	sqlite3 *db = NULL;
	cr_assert_eq(sqlite3_open(path, &db), SQLITE_OK);
	char *msg = NULL;
	int rc = sqlite3_exec(db, sql, NULL, NULL, &msg);
	cr_assert_eq(rc, SQLITE_OK, "%s: %s", sql, msg ? msg : "");
	sqlite3_close(db);
}

/* SQL that turns a schema 8 file back into what schema 4 made. */
#define SCHEMA_5_UNDO                                                                              \
	"DROP TABLE decision_vendors; DROP TABLE decision_risks; DROP TABLE decision_mandates;"    \
	"DROP TABLE decisions; DROP TABLE vendor_risks; DROP TABLE vendors;"                       \
	"DROP TABLE journal; DROP TABLE sync_state; DROP TABLE sync_peers;"                        \
	"DROP TABLE sync_conflicts; DROP TABLE sync_applying;"                                     \
	"DROP TABLE entry_sources; DROP TABLE client_exports;"                                     \
	"DROP TRIGGER month_locks_insert; DROP TRIGGER month_locks_update;"                        \
	"DROP TRIGGER month_locks_delete; DROP TRIGGER client_seen_entry_insert;"                  \
	"DROP TRIGGER client_seen_entry_update; DROP TRIGGER client_seen_entry_delete;"            \
	"DROP TRIGGER client_seen_timer; DROP TRIGGER item_changes_client_delete;"                 \
	"DROP TRIGGER client_seen_change;"                                                         \
	"DROP TRIGGER mandate_added; DROP TRIGGER mandate_changed; DROP TRIGGER mandate_deleted;"  \
	"DROP TRIGGER risk_added; DROP TRIGGER risk_changed; DROP TRIGGER risk_deleted;"           \
	"DROP TRIGGER action_added; DROP TRIGGER action_changed; DROP TRIGGER action_deleted;"     \
	"DROP TRIGGER note_added; DROP TRIGGER note_changed; DROP TRIGGER note_deleted;"           \
	"DROP TABLE client_terms; DROP TABLE month_locks; DROP TABLE client_seen;"                 \
	"DROP TABLE item_changes; DROP TABLE note_shares; DROP INDEX actions_client_done;"         \
	"DROP INDEX risks_client_opened; DROP INDEX risks_client_closed;"                          \
	"DROP INDEX risks_client_accepted; DROP INDEX actions_client_waiting;"                     \
	"PRAGMA user_version = 4;"

/* One integer from SQL on the file. */
static inline long raw_long(const char *path, const char *sql)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *s = NULL;
	cr_assert_eq(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	cr_assert_eq(sqlite3_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK, "%s: %s", sql,
	             sqlite3_errmsg(db));
	cr_assert_eq(sqlite3_step(s), SQLITE_ROW, "%s", sql);
	long v = (long)sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	sqlite3_close(db);
	return v;
}

/* The entries store_entry_each reads, copied into l (entry_list_free). */
struct entries_copy {
	struct entry_list *l;
	size_t cap;
};

static inline int copy_entry(const struct entry *e, void *ctx)
{
	struct entries_copy *c = ctx;
	if (c->l->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 8;
		c->l->items = realloc(c->l->items, c->cap * sizeof *c->l->items);
		cr_assert_not_null(c->l->items);
	}
	struct entry *copy = &c->l->items[c->l->n++];
	*copy = *e;
	copy->note = e->note ? strdup(e->note) : NULL;
	copy->mandate_title = e->mandate_title ? strdup(e->mandate_title) : NULL;
	return 0;
}

static inline int entries_of(struct store *st, const char *client_id, const char *from,
                             const char *to, struct entry_list *l)
{
	struct entries_copy c = { l, 0 };
	memset(l, 0, sizeof *l);
	return store_entry_each(st, client_id, from, to, copy_entry, &c);
}

#endif
