/*
 * journal.h: the history of writes, undo and redo, and the store's side of
 * sync (SQLite's session extension).
 *
 * Every write transaction of a schema 7 file is recorded whole: its
 * changeset, the command that made it, one line saying what it did, a
 * hybrid logical clock time.  Undo applies a change's inverse and redo
 * applies it again; both are writes of their own, recorded too, so they
 * travel to the other devices like any change.
 *
 * Sync: this device's changes are handed out in order, each with its
 * sequence number; another device's changes are applied one transaction
 * each, conflicts resolved (the later clock wins a field; an edit beats a
 * delete) and recorded.  The folder, its files and their encryption are
 * the caller's: the store only sees changesets.
 *
 * Ownership as in store.h: lists are the caller's to free with the
 * matching *_free().
 */
#ifndef CXO_JOURNAL_H
#define CXO_JOURNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cxo/records.h"

struct store;

/* ---- recording (journal.c) ---- */

/* What made the writes that follow ("cxo risk close 3f2a", "dashboard");
 * copied; NULL forgets it. */
int store_journal_origin(struct store *st, const char *command);
/* The line for the next transaction, replacing the one made from its
 * changes ("imported 212 entries from harvest"); copied, used once. */
int store_journal_describe(struct store *st, const char *summary);
/* Days a change is kept (pruned on write); 0 turns the journal off, so
 * nothing is recorded and nothing can be undone.  Default 90. */
void store_journal_keep(struct store *st, int days);

#define JOURNAL_KIND_LEN 8

struct journal_entry {
	long long seq; /* the journal's own number, the ID of undo and history */
	char at[STAMP_LEN];
	int64_t hlc;
	char kind[JOURNAL_KIND_LEN]; /* change, undo, redo or sync */
	long long target;            /* undo and redo: the change undone or redone; else 0 */
	bool undone;
	char *device;     /* sync: the device it came from; NULL: made here */
	char *client_key; /* the client it touched first; NULL when none */
	char *command;    /* NULL when not known */
	char *summary;
	long long bytes; /* the changeset's size */
};
struct journal_list {
	struct journal_entry *items;
	size_t count;
};
void journal_entry_free(struct journal_entry *e);
void journal_list_free(struct journal_list *l);

/* The latest changes, newest first; client_id NULL for all, limit > 0. */
int store_history(struct store *st, const char *client_id, int limit, struct journal_list *out);

/* Undoes change seq (0: the latest change made here and not undone) in a
 * transaction of its own.  EX_NOINPUT when there is nothing to undo or no
 * such change; EX_DATAERR, naming it, when a later change touched the same
 * rows, or the rows are not as the change left them (a locked month ...).
 * *done describes the change undone (caller frees with
 * journal_entry_free; zeroed on failure). */
int store_undo(struct store *st, long long seq, struct journal_entry *done);
/* Applies again the change the latest undo took back, while no other
 * change was made here since.  EX_NOINPUT when there is nothing to redo. */
int store_redo(struct store *st, struct journal_entry *done);

struct journal_stats {
	long long entries;
	long long bytes;
	char oldest[STAMP_LEN]; /* "" when empty */
	long long unsent;       /* changes made here not yet handed to sync */
	long long conflicts;    /* sync conflicts recorded */
	int keep_days;
};
int store_journal_stats(struct store *st, struct journal_stats *out);

/* ---- sync: the store's side (sync.c, sync_apply.c) ----
 *
 * The folder, its files, their encryption and their order are the
 * caller's; the store keeps this device's name and folder, which of its
 * changes were handed out (each change made here gets the next sequence
 * number when it is), what was applied of every other device, and the
 * conflicts met. */

#define SYNC_DEVICE_MAX 64

struct sync_setup {
	bool configured;
	char device[SYNC_DEVICE_MAX + 1];
	char *dir;         /* malloc'd; NULL when not configured */
	long long out_seq; /* the last sequence number handed out */
};
void sync_setup_free(struct sync_setup *s);
int store_sync_get(struct store *st, struct sync_setup *out);
/* Makes this database a device of the folder dir (both copied), keeping
 * its sequence numbers when it already was one.  Not recorded. */
int store_sync_set(struct store *st, const char *device, const char *dir);

/* A change to hand out (one of this device's) or to apply (another's). */
struct sync_change {
	long long journal_seq; /* this device's journal number */
	long long seq;         /* the device's sequence number */
	int64_t hlc;
	void *data; /* the changeset, malloc'd */
	int size;
};
void sync_change_free(struct sync_change *c);
/* The oldest change made here not yet handed out, with the sequence
 * number it gets (*found false when none). */
int store_sync_next_out(struct store *st, struct sync_change *out, bool *found);
/* Records that change journal_seq was written out as seq. */
int store_sync_sent(struct store *st, long long journal_seq, long long seq);

/* The last sequence number applied of device (0 when none). */
int store_sync_peer(struct store *st, const char *device, long long *applied_seq);

struct sync_apply_result {
	long long changes;   /* rows the changeset changed */
	long long conflicts; /* conflicts recorded */
};
/*
 * Applies change seq of device, in a transaction of its own: conflicts are
 * resolved (a field changed on both devices goes to the later clock; an
 * edit beats a delete; an item whose parent is gone follows its parent, as
 * a delete here would have made it; a client key taken twice is kept by
 * the lower id and the other gets the key with its id's start) and each
 * is recorded.  The change is recorded in the journal as kind "sync" with
 * the device's name.  seq must be the next of that device (EX_TEMPFAIL
 * otherwise, nothing applied); a changeset SQLite cannot read is
 * EX_DATAERR, nothing applied.
 */
int store_sync_apply(struct store *st, const char *device, long long seq, int64_t hlc,
                     const void *data, int size, struct sync_apply_result *res);

/*
 * Groups the store_sync_apply calls that follow into one transaction, so
 * thousands of changes do not cost a commit each: each change is still
 * applied whole or not at all (a savepoint of its own, its journal entry
 * and the peer's sequence inside it), and a refused one leaves the others.
 * A crash loses the group, which the next run applies again from the
 * folder.  store_sync_batch_end(st, 0) commits the group; a non-zero rc
 * rolls it back and is returned.  Nothing else may write in between.
 */
int store_sync_batch_begin(struct store *st);
int store_sync_batch_end(struct store *st, int rc);

#define SYNC_KIND_LEN 8
struct sync_conflict {
	long long id;
	char at[STAMP_LEN];
	char *device;             /* the other device */
	char kind[SYNC_KIND_LEN]; /* field, delete, edit, unique, orphan, lock */
	char *table;
	char *row_id;
	char *client_key; /* NULL when unknown */
	char *field;      /* NULL for a whole row */
	char *ours;       /* the values, as text; NULL for none */
	char *theirs;
	bool kept_theirs;
};
struct sync_conflict_list {
	struct sync_conflict *items;
	size_t count;
};
void sync_conflict_list_free(struct sync_conflict_list *l);
/* The conflicts recorded, newest first (limit > 0). */
int store_sync_conflicts(struct store *st, int limit, struct sync_conflict_list *out);
/* Turns conflict id's decision round: the value (or row) not kept is put
 * back as a change made here, so every device follows.  EX_NOINPUT: no
 * such conflict; EX_DATAERR when the row is gone or changed since. */
int store_sync_keep(struct store *st, long long id, bool theirs);

/* A copy of the database for a new device at path (a new file, 0600,
 * never replacing one): the data, the derived tables, and what it holds of
 * every device (this one included); no journal, no settings, no sync
 * state of this device's. */
int store_sync_snapshot(struct store *st, const char *path);
/* Whether the database holds no client (a new device may take a snapshot). */
int store_is_empty(struct store *st, bool *empty);

#endif
