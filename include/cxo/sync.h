/*
 * sync.h: the same portfolio on several machines through a shared folder
 * (Syncthing, Dropbox, a git repository, a USB stick), encrypted.
 *
 * Each device writes its changes (the store's changesets, journal.h) as
 * immutable files DIR/devices/NAME/NNNNNNNN.changeset and reads the other
 * devices' files, applying each one once, in clock order.  A file is a
 * readable header (device, sequence, clock time, schema, length),
 * authenticated, then the changeset encrypted with the folder's key
 * (XChaCha20-Poly1305).  DIR/snapshots/NAME-NNNNNNNN.snapshot holds a
 * whole database for a device that joins later; DIR/cxo-sync lets a wrong
 * key be caught when a device joins.
 *
 * The key lives beside the database (app_sync_key_path): several
 * databases in one process each find their own.
 *
 * These functions print nothing.  They return 0 or a sysexits.h code; on
 * failure the message is in report->error.  What went wrong with one
 * file of the folder (skipped, to be tried again next time) is a warning
 * line in report->warnings and does not fail the run.  The store must be
 * open for writing (app_open_existing) before any call but the key ones;
 * app_sync_init and app_sync_run may close and reopen app->st.
 */
#ifndef CXO_SYNC_H
#define CXO_SYNC_H

#include <stdbool.h>
#include <stddef.h>

#include "cxo/app.h"
#include "cxo/journal.h"

/* The format version of the files this cxo writes and reads. */
#define SYNC_FORMAT_VERSION 1
#define SYNC_ERROR_LEN 1024

/* What one device's changes did in a run. */
struct sync_from {
	char device[SYNC_DEVICE_MAX + 1];
	long long applied; /* files applied */
};

struct sync_report {
	long long sent;         /* files written of this device's changes */
	long long applied;      /* files of other devices applied */
	long long conflicts;    /* conflicts met while applying them */
	long long skipped;      /* files skipped with a warning */
	struct sync_from *from; /* per device, in name order, those applied from */
	size_t from_count;
	char **warnings; /* one line each, naming the file and why */
	size_t warning_count;
	bool took_snapshot;         /* app_sync_init: the database came from a snapshot */
	char snapshot[4096];        /* app_sync_snapshot, app_sync_init: the snapshot's path */
	char error[SYNC_ERROR_LEN]; /* the failure's message ("" when none) */
};
/* Releases what report holds and leaves it zeroed. */
void sync_report_free(struct sync_report *r);

/*
 * Writes this device's new changes to the folder, then applies every
 * change of the other devices not yet applied.  EX_CONFIG when this
 * database is no device of a folder (cxo sync init), EX_UNAVAILABLE
 * when the folder is missing, EX_CONFIG for no key, EX_DATAERR for a key
 * that is not the folder's, EX_NOPERM for a key file open to others or
 * another user's, EX_TEMPFAIL when another run on this database holds
 * its lock (DB.sync-lock) for more than two seconds.
 */
int app_sync_run(struct cxo_app *app, struct sync_report *out);

/*
 * Makes this database device `device` (NULL: app_sync_default_device) of
 * the folder dir.  A new folder gets its layout, and a key is made
 * beside the database when there is none.  A folder with devices needs
 * its key (app_sync_key_import) first; a device name that already has
 * files there is EX_CANTCREAT.  An empty database takes the latest
 * snapshot (out->took_snapshot) before the changes after it are applied.
 */
int app_sync_init(struct cxo_app *app, const char *dir, const char *device,
                  struct sync_report *out);

/* After a write command or a dashboard refresh: app_sync_run when the
 * settings say sync_auto and this database is a device of a folder;
 * otherwise 0 with nothing done (*ran false). */
int app_sync_auto(struct cxo_app *app, struct sync_report *out, bool *ran);

/* What app_sync_init would refuse, asked before the database is opened
 * (or created): a folder that cannot be made (EX_UNAVAILABLE), a folder
 * in use with no key here (EX_CONFIG) or another key (EX_DATAERR), a
 * device name taken there by another (EX_CANTCREAT, asked only when
 * there is no database yet).  The message in out->error. */
int app_sync_init_check(struct cxo_app *app, const char *dir, const char *device,
                        struct sync_report *out);

/* Writes this device's changes out, then a snapshot of the database as
 * DIR/snapshots/NAME-NNNNNNNN.snapshot (its path in out->snapshot). */
int app_sync_snapshot(struct cxo_app *app, struct sync_report *out);

/* The key file of the database at db_path: sync.key in its directory.
 * EX_SOFTWARE when it does not fit n. */
int app_sync_key_path(const char *db_path, char *buf, size_t n);
/* Writes the key to file (a new file, 0600, never replacing one). */
int app_sync_key_export(struct cxo_app *app, const char *file, char *err, size_t errsz);
/* Reads a key written by app_sync_key_export and keeps it beside the
 * database (0600); a different key already there is EX_CANTCREAT unless
 * force. */
int app_sync_key_import(struct cxo_app *app, const char *file, bool force, char *err, size_t errsz);

/* The short host name made a device name ([a-z0-9-], at most
 * SYNC_DEVICE_MAX characters; "cxo" when nothing is left). */
void app_sync_default_device(char out[SYNC_DEVICE_MAX + 1]);
/* Whether name is a device name: 1 to SYNC_DEVICE_MAX of [a-z0-9-],
 * starting with a letter or digit. */
bool app_sync_device_ok(const char *name);

#endif
