/*
 * sync_tables.h: the statements sync applies changes with (sync_tables.c),
 * prepared once per handle and table.  Values are a row's columns in the
 * table's order, as a changeset has them; key columns are those of the
 * declared primary key.
 */
#ifndef CXO_STORE_SYNC_TABLES_H
#define CXO_STORE_SYNC_TABLES_H

#include "internal.h"

enum sync_fixed {
	SYNC_PEER_GET,
	SYNC_PEER_SET,
	SYNC_APPLYING_ON,
	SYNC_APPLYING_OFF,
	SYNC_DURABLE_LATER,
	SYNC_DURABLE_NOW,
	SYNC_CLIENT_BY_KEY,
	SYNC_CLIENT_KEY_SET,
	SYNC_ENTRY_DELETE,
	SYNC_SOURCE_BY_KEY,
	SYNC_NEWER_HERE,
	SYNC_ME,
	SYNC_FIXED_COUNT
};
/* A statement of sync's own, prepared on first use; NULL on failure
 * (store_error says why). */
sqlite3_stmt *sync_fixed(struct store *st, enum sync_fixed id, const char *sql);

struct sync_table;
/* The statements of a recorded table; NULL (and store_error) for any
 * other table or a failure. */
struct sync_table *sync_table(struct store *st, const char *name);
int sync_table_ncol(const struct sync_table *t);
const char *sync_table_column(const struct sync_table *t, int i);
int sync_table_find(const struct sync_table *t, const char *column); /* -1: none */
bool sync_table_is_key(const struct sync_table *t, int i);

/* Steps the read of the row whose key is in key (the other slots are not
 * read): *src is SQLITE_ROW (the row's columns are the statement's, in
 * order), SQLITE_DONE (none) or an error (store_error set).  Call
 * sync_table_done when finished with the row. */
sqlite3_stmt *sync_table_select(struct store *st, struct sync_table *t, sqlite3_value **key,
                                int *src);
void sync_table_done(struct sync_table *t);
/* The id column of a table whose key holds more than the id, so that a
 * row changes its key (an entry moved to another day) and stays the same
 * row: -1 for the others. */
int sync_table_ident(const struct sync_table *t);
/* As sync_table_select, the row whose id (sync_table_ident) is id. */
sqlite3_stmt *sync_table_select_ident(struct store *st, struct sync_table *t, sqlite3_value *id,
                                      int *src);
/* These return SQLite's result code (SQLITE_OK when done), so that a
 * constraint can be told from a failure. */
int sync_table_insert(struct sync_table *t, sqlite3_value **vals);
int sync_table_delete(struct sync_table *t, sqlite3_value **key);
/* Sets the columns in mask (bit i: column i) to vals[i]. */
int sync_table_update(struct store *st, struct sync_table *t, uint64_t mask, sqlite3_value **vals,
                      sqlite3_value **key);

/* For a row (vals, in column order) some of whose parents are gone: 1
 * when the row would have gone with one of them (ON DELETE CASCADE), else
 * 0 with *cleared marking the references a delete would have cleared (SET
 * NULL); -1 on a failure to read. */
int sync_table_orphan(struct sync_table *t, sqlite3_value **vals, uint64_t *cleared);

/* The columns of t that refer to table parent, up to max, into cols
 * (set_null: a delete of the parent clears it, else takes the row): their
 * number, or -1 on a failure. */
int sync_table_refs_to(struct sync_table *t, const char *parent, int *cols, bool *set_null,
                       int max);

void sync_tables_free(struct store *st);

#endif
