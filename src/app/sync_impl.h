/*
 * sync_impl.h: the files of a sync folder (sync_file.c) as the protocol
 * (sync.c, sync_join.c) sees them.
 *
 * A file is a header of SYNC_HEADER_LEN bytes, readable, then what it
 * carries, encrypted with the folder's key:
 *
 *   0   "CXOSYNC"             magic
 *   7   version               SYNC_FORMAT_VERSION
 *   8   kind                  1 changeset, 2 snapshot, 3 the folder's check
 *   9   0 0 0
 *   12  schema                u32, little-endian (STORE_SCHEMA_VERSION)
 *   16  device                64 bytes, NUL-padded
 *   80  sequence              u64
 *   88  clock (HLC)           i64
 *   96  length                u64: the bytes carried, before encryption
 *
 * A changeset or the check follows as a nonce and one
 * crypto_aead_xchacha20poly1305_ietf message with the header as its
 * additional data; a snapshot as a crypto_secretstream_xchacha20poly1305
 * header and chunks of SYNC_CHUNK bytes (the last shorter, tagged final),
 * the first chunk with the header as its additional data.
 */
#ifndef CXO_APP_SYNC_IMPL_H
#define CXO_APP_SYNC_IMPL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cxo/app.h"
#include "cxo/journal.h"
#include "cxo/sync.h"

#define SYNC_HEADER_LEN 104
#define SYNC_KEY_LEN 32
#define SYNC_CHUNK 65536
/* The most one changeset may carry. */
#define SYNC_CHANGESET_MAX (512L * 1024 * 1024)

enum sync_file_kind { SYNC_FILE_CHANGESET = 1, SYNC_FILE_SNAPSHOT = 2, SYNC_FILE_CHECK = 3 };

struct sync_header {
	int version;
	int kind;
	int schema;
	char device[SYNC_DEVICE_MAX + 1];
	long long seq;
	int64_t hlc;
	unsigned long long length;
};

/* libsodium ready (EX_SOFTWARE when it cannot start). */
int sync_crypto_init(char *err, size_t errsz);

/* The header of the file at path, checked for its magic, format, kind
 * and length against the file's size.  EX_DATAERR (why says what is
 * wrong) for a file that is not one cxo wrote whole; EX_IOERR when it
 * cannot be read. */
int sync_header_read(const char *path, struct sync_header *h, char *why, size_t n);

/* Writes a changeset or check file name in dir, whole or not at all
 * (a temporary name, fsync, then link).  When name exists already and
 * carries the same header and data under key, that is success; other
 * data there is EX_CANTCREAT. */
int sync_file_write(const char *dir, const char *name, const struct sync_header *h,
                    const unsigned char *key, const void *data, size_t size, char *err,
                    size_t errsz);
/* Reads and decrypts a changeset or check file: *data (the caller's to
 * free, NUL-terminated past *size).  EX_DATAERR (why) when the file is
 * not whole, not authenticated by key, or not one cxo wrote. */
int sync_file_read(const char *path, const unsigned char *key, struct sync_header *h, void **data,
                   size_t *size, char *why, size_t n);

/* Encrypts the file in_path into dir/name (a temporary name first,
 * then renamed), streaming; h->length is set from the file. */
int sync_stream_write(const char *in_path, const char *dir, const char *name, struct sync_header *h,
                      const unsigned char *key, char *err, size_t errsz);
/* Decrypts the snapshot at path into out_path (a new file, 0600).
 * EX_DATAERR (err) when it is not whole or not authenticated. */
int sync_stream_read(const char *path, const unsigned char *key, const char *out_path,
                     struct sync_header *h, char *err, size_t errsz);

/* The key file: "# comment" lines and the key in hex on a line.  Load:
 * EX_NOINPUT when there is none, EX_DATAERR for a file that holds no
 * key, EX_NOPERM for one open to other users. */
int sync_key_load(const char *path, unsigned char key[SYNC_KEY_LEN], char *err, size_t errsz);
/* A new file (0600), never replacing one unless replace. */
int sync_key_save(const char *path, const unsigned char key[SYNC_KEY_LEN], bool replace, char *err,
                  size_t errsz);

/* mkdir with mode 0700 unless it exists as a directory. */
int sync_mkdir(const char *path, char *err, size_t errsz);
/* fsync of a directory, so that a new name in it lasts. */
void sync_dir_sync(const char *dir);

/* ---- the protocol (sync.c), for joining and snapshots (sync_join.c) ---- */

/* DIR/cxo-sync: this text, encrypted, so that a wrong key shows at once. */
#define SYNC_CHECK_NAME "cxo-sync"
#define SYNC_CHECK_TEXT "cxo sync folder\n"

/* A run over the folder: the device, its key, its directory. */
struct sync_ctx {
	struct cxo_app *app;
	struct sync_report *r;
	struct sync_setup setup;
	unsigned char key[SYNC_KEY_LEN];
	char key_path[4096];
	char own_dir[4096]; /* DIR/devices/NAME */
	int lock_fd;        /* DB.sync-lock, held for the run; -1 when none */
};
/* Takes this database's sync lock (one run at a time: another that holds
 * it past SYNC_LOCK_WAIT_MS is EX_TEMPFAIL), reads the setup, the key and
 * checks the folder (the codes of app_sync_run); c is then
 * sync_ctx_free's to release, whatever it returned. */
#define SYNC_LOCK_WAIT_MS 2000
int sync_ctx_open(struct cxo_app *app, struct sync_ctx *c, struct sync_report *r);
void sync_ctx_free(struct sync_ctx *c);
/* Writes this device's changes not yet handed out. */
int sync_send(struct sync_ctx *c);
/* Applies the other devices' changes not yet applied. */
int sync_apply(struct sync_ctx *c);
/* The key beside app's database into key (its path into path):
 * EX_CONFIG when there is none. */
int sync_load_key(struct cxo_app *app, unsigned char key[SYNC_KEY_LEN], char *path, size_t n,
                  struct sync_report *r);
/* Whether key opens dir's check file: EX_UNAVAILABLE when there is none,
 * EX_DATAERR when it does not. */
int sync_check_folder(const char *dir, const unsigned char *key, const char *key_path,
                      struct sync_report *r);
/* A warning line into r; the failure's message into r->error, returning
 * code. */
void sync_warn(struct sync_report *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int sync_fail(struct sync_report *r, int code, const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));

#endif
