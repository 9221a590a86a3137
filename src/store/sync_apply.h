/*
 * sync_apply.h: what sync_apply.c (a change applied row by row) and
 * sync_settle.c (values, conflicts, rows settled at the end) share.
 */
#ifndef CXO_STORE_SYNC_APPLY_H
#define CXO_STORE_SYNC_APPLY_H

#include "internal.h"

#include "cxo/journal.h"
#include "sync_tables.h"

struct found {
	char kind[SYNC_KIND_LEN];
	char table[32];
	char *row_id;
	char *client_id;
	char *field; /* NULL: the row */
	char *ours;
	char *theirs;
	bool kept_theirs;
	int64_t our_hlc;
};

/* A row that referred to an item not there yet: tried again at the end. */
struct later {
	struct sync_table *t;
	char table[32];
	bool update;          /* else an insert */
	uint64_t mask;        /* update: the columns to set */
	sqlite3_value **vals; /* dup'd, every column known */
	sqlite3_value **key;  /* an update that moves the row: its key here, dup'd */
};

struct apply_ctx {
	struct store *st;
	const char *device;
	int64_t hlc;
	struct found *found;
	size_t nfound, capfound;
	struct later *later;
	size_t nlater, caplater;
	long long changes;
	int newer;        /* a change recorded here later than theirs: 1, 0, -1 not asked */
	bool moving;      /* a moved row is being put under its key */
	const void *data; /* their change */
	int size;
	char me[65]; /* this device's name, read when a clock ties ("" none) */
	bool me_read;
	char clash_key[40]; /* a client key theirs takes that one here holds */
	char clash_id[40];
};

bool is_fk(int src);
void later_free(struct later *l);
/* Keeps a row for later: vals (and key, for an update) copied. */
int postpone(struct apply_ctx *c, struct sync_table *t, const char *table, bool update,
             uint64_t mask, sqlite3_value **vals, sqlite3_value **key);
/* An update that moves the row from key here (mask holds key columns). */
int postpone_move(struct apply_ctx *c, struct sync_table *t, const char *table, uint64_t mask,
                  sqlite3_value **vals, sqlite3_value **key);

/* Whether column i of the row s is on equals v (NULL pointer: never). */
bool column_is(sqlite3_stmt *s, int i, sqlite3_value *v);
char *value_text(sqlite3_value *v); /* malloc'd; NULL for NULL */
char *column_text(sqlite3_stmt *s, int i);

void found_free(struct found *f);
struct found *add_found(struct apply_ctx *c, const char *kind, const char *table);
/* A conflict about the row whose key is key: its client from the row
 * here when on it (row), else from vals. */
struct found *add_row_found(struct apply_ctx *c, const char *kind, struct sync_table *t,
                            const char *table, sqlite3_value **key, sqlite3_stmt *row,
                            sqlite3_value **vals);
int record_found(struct apply_ctx *c);

/* Whether the iterator's change is to table's row whose key is key. */
bool same_row(sqlite3_changeset_iter *it, const char *table, int ncol, const struct sync_table *t,
              sqlite3_value **key);

/* The journal's latest change to the row later than after: col >= 0, one
 * that set the column; JOURNAL_ANY_WRITE, an insert or update; -1, its
 * delete (the values into vals, dup'd).  *hit says if one was, *hlc its
 * clock. */
#define JOURNAL_ANY_WRITE (-2)
int journal_find(struct apply_ctx *c, struct sync_table *t, const char *table, sqlite3_value **key,
                 int col, int64_t after, int64_t *hlc, sqlite3_value **vals, bool *hit);

/* This device's name, which a change made here carries in the order of
 * changes ("" when sync is not set up). */
const char *me_of(struct apply_ctx *c);

/* The row as every change to it seen here (the journal) and theirs make
 * it: each column the value of the latest write that set it, by clock and
 * then by device name, so that the order the changes came in does not
 * count; a column no write set keeps the latest delete's old value.
 * *alive: some write is not older than every delete (a write and a delete
 * on one clock are a row moved to another key), and the row is whole (an
 * insert or a delete gave every column).  vals (ncol slots) are dup'd for
 * the caller to free; *deleted is the latest delete's clock (0: none). */
int row_rebuild(struct apply_ctx *c, struct sync_table *t, const char *table, sqlite3_value **key,
                sqlite3_value **vals, bool *alive, int64_t *deleted);

/* After the row vals of table (its id column) came back here: the rows
 * that refer to it and that its delete had taken (ON DELETE CASCADE) or
 * unlinked (SET NULL) here, made again from the journal when every
 * change seen keeps them; depth bounds the rows of rows. */
int restore_children(struct apply_ctx *c, struct sync_table *t, const char *table,
                     sqlite3_value **vals, int depth);

int write_fail(struct apply_ctx *c, int src);
/* A client key, or an imported entry's source, taken here and there. */
int client_key_twice(struct apply_ctx *c, struct sync_table *t, sqlite3_value **key,
                     sqlite3_value **newv);
int source_twice(struct apply_ctx *c, struct sync_table *t, sqlite3_value **key,
                 sqlite3_value **newv);
/* The rows kept for later: again while it helps, then by their parent's
 * delete rule. */
int settle_later(struct apply_ctx *c);

#endif
