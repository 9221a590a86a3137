/*
 * archive.h: the cxo archive (cxo-json(5)), everything cxo keeps about
 * its clients as one JSON document: written out item by item, read back
 * whole, checked field by field, and merged into a database.
 *
 * Every function returns 0 or a sysexits.h code with err (errsz bytes)
 * naming the item and field concerned.
 */
#ifndef CXO_ARCHIVE_H
#define CXO_ARCHIVE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "cxo/records.h"
#include "cxo/store.h"

#define ARCHIVE_FORMAT "cxo"
/* The version this cxo writes, and the newest it reads. */
#define ARCHIVE_VERSION 2 /* 2: vendors and decisions (version 1 had none) */
/* The largest file read (bytes), checked before it is parsed. */
#define ARCHIVE_MAX_BYTES (512LL * 1024 * 1024)
/* The longest string in it (bytes as written, escapes included): the
 * longest field, a note of TEXT_MAX_NOTE characters, escaped. */
#define ARCHIVE_MAX_STRING (12LL * TEXT_MAX_NOTE + 2)
/* The deepest nesting read (an archive nests 4 levels). */
#define ARCHIVE_MAX_DEPTH 32

/* The clients an archive held, in its order. */
struct archive_ids {
	char (*ids)[UUID_LEN];
	size_t n;
};
void archive_ids_free(struct archive_ids *ids);

/* Writes the archive of the client client_id (NULL: of every client) to
 * out as it reads it, one item at a time; appends each client's id to
 * ids (may be NULL).  A failed write is EX_IOERR.  Stored text that is
 * not UTF-8 is written with U+FFFD for each bad sequence, and err then
 * holds a warning naming the first (0 returned, err not empty). */
int archive_write(struct store *st, const char *client_id, FILE *out, struct archive_ids *ids,
                  char *err, size_t errsz);

/* A checked archive, read whole. */
struct archive;
/* Reads and checks the file at path: EX_NOINPUT when it cannot be opened,
 * EX_IOERR when it cannot be read, EX_DATAERR for anything in it that is
 * not a cxo archive this cxo reads. */
int archive_load(const char *path, struct archive **out, char *err, size_t errsz);
void archive_free(struct archive *a);

/* Merges a into st (store_arc_merge): conflict gets each difference. */
int archive_merge(struct store *st, const struct archive *a, enum store_arc_prefer prefer,
                  bool dry_run, struct store_arc_counts *counts, store_arc_conflict_fn *conflict,
                  void *arg, char *err, size_t errsz);

#endif
