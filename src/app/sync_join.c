/*
 * sync_join.c: making a database a device of a folder (a new folder
 * gets its layout and a key; an empty database joining one takes the
 * latest snapshot), writing snapshots, and moving the key between
 * devices.  A run itself is sync.c's.
 */
#include "internal.h"
#include "sync_impl.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sysexits.h>
#include <time.h>
#include <unistd.h>

/* The clock of a snapshot: the journal's kind (milliseconds, shifted). */
static int64_t clock_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return ((int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000) << 16;
}

/* A private directory beside the database for a snapshot on its way. */
static int work_dir(const struct cxo_app *app, char *dir, size_t n, struct sync_report *r)
{
	char key[PATH_MAX];
	int rc = app_sync_key_path(app->db_path, key, sizeof key);
	if (rc)
		return sync_fail(r, EX_SOFTWARE, "the database's path is too long");
	key[strlen(key) - strlen("sync.key")] = '\0';
	int w = snprintf(dir, n, "%s.cxo-sync-XXXXXX", key);
	if (w < 0 || (size_t)w >= n || !mkdtemp(dir))
		return sync_fail(r, EX_CANTCREAT, "cannot make a temporary directory beside %s: %s",
		                 app->db_path, strerror(errno));
	return 0;
}

/* Empties and removes what work_dir made. */
static void work_dir_remove(const char *dir)
{
	DIR *dp = opendir(dir);
	if (dp) {
		struct dirent *de;
		char path[PATH_MAX + 256];
		while ((de = readdir(dp)))
			if (strcmp(de->d_name, ".") && strcmp(de->d_name, "..")) {
				snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
				(void)unlink(path);
			}
		closedir(dp);
	}
	(void)rmdir(dir);
}

/* ---- snapshots ---- */

static int write_snapshot(struct sync_ctx *c)
{
	struct sync_report *r = c->r;
	struct sync_setup now = { 0 };
	char snaps[PATH_MAX], tmp[PATH_MAX], file[PATH_MAX + 32], name[SYNC_DEVICE_MAX + 32],
	        err[SYNC_ERROR_LEN];
	int rc = store_sync_get(c->app->st, &now);
	long long seq = now.out_seq;
	sync_setup_free(&now);
	if (rc)
		return sync_fail(r, rc, "%s", store_error(c->app->st));
	int w = snprintf(snaps, sizeof snaps, "%s/snapshots", c->setup.dir);
	if (w < 0 || (size_t)w >= sizeof snaps)
		return sync_fail(r, EX_SOFTWARE, "too long a path: %s", c->setup.dir);
	if ((rc = sync_mkdir(snaps, err, sizeof err)))
		return sync_fail(r, rc, "%s", err);
	if ((rc = work_dir(c->app, tmp, sizeof tmp, r)))
		return rc;
	snprintf(file, sizeof file, "%s/snapshot.db", tmp);
	snprintf(name, sizeof name, "%s-%08lld.snapshot", c->setup.device, seq);
	struct sync_header h = { .kind = SYNC_FILE_SNAPSHOT,
		                 .schema = STORE_SCHEMA_VERSION,
		                 .seq = seq,
		                 .hlc = clock_now() };
	snprintf(h.device, sizeof h.device, "%s", c->setup.device);
	if ((rc = store_sync_snapshot(c->app->st, file)))
		sync_fail(r, rc, "%s", store_error(c->app->st));
	else if ((rc = sync_stream_write(file, snaps, name, &h, c->key, err, sizeof err)))
		sync_fail(r, rc, "%s", err);
	else if (snprintf(r->snapshot, sizeof r->snapshot, "%s/%s", snaps, name) < 0)
		r->snapshot[0] = '\0';
	work_dir_remove(tmp);
	return rc;
}

int app_sync_snapshot(struct cxo_app *app, struct sync_report *out)
{
	struct sync_ctx c;
	memset(out, 0, sizeof *out);
	int rc = sync_ctx_open(app, &c, out);
	if (!rc)
		rc = sync_send(&c);
	if (!rc)
		rc = write_snapshot(&c);
	sync_ctx_free(&c);
	return rc;
}

/* The newest snapshot of dir key opens, decrypted into path; *found
 * false when the folder has none. */
#define SNAPSHOT_TRIES 8

/* Whether name is among the n tried. */
static bool was_tried(char tried[][256], int n, const char *name)
{
	for (int i = 0; i < n; i++)
		if (!strcmp(tried[i], name))
			return true;
	return false;
}

static int take_snapshot(const char *dir, const unsigned char *key, const char *path, bool *found,
                         struct sync_report *r)
{
	char snaps[PATH_MAX], tried[SNAPSHOT_TRIES][256];
	*found = false;
	int w = snprintf(snaps, sizeof snaps, "%s/snapshots", dir);
	if (w < 0 || (size_t)w >= sizeof snaps)
		return 0;
	for (int round = 0; round < SNAPSHOT_TRIES; round++) {
		int64_t best_hlc = 0;
		char best[256] = "";
		DIR *dp = opendir(snaps);
		if (!dp)
			return 0; /* none */
		struct dirent *de;
		while ((de = readdir(dp))) {
			char file[PATH_MAX + 256], why[256];
			struct sync_header h;
			size_t len = strlen(de->d_name);
			if (de->d_name[0] == '.' || len < 10 || len >= sizeof best ||
			    strcmp(de->d_name + len - 9, ".snapshot") != 0)
				continue;
			/* A snapshot that failed is left for the next best. */
			if (was_tried(tried, round, de->d_name))
				continue;
			w = snprintf(file, sizeof file, "%s/%s", snaps, de->d_name);
			bool bad = w < 0 || (size_t)w >= sizeof file;
			if (bad)
				snprintf(why, sizeof why, "has too long a path");
			else
				bad = sync_header_read(file, &h, why, sizeof why) != 0;
			if (!bad && h.kind != SYNC_FILE_SNAPSHOT) {
				snprintf(why, sizeof why, "is not a snapshot");
				bad = true;
			} else if (!bad && h.schema > STORE_SCHEMA_VERSION) {
				snprintf(why, sizeof why,
				         "was written by a newer cxo (schema %d; this one has "
				         "schema %d)",
				         h.schema, STORE_SCHEMA_VERSION);
				bad = true;
			}
			if (bad) {
				if (round == 0)
					sync_warn(r, "%s skipped: it %s", file, why);
				continue;
			}
			if (!best[0] || h.hlc > best_hlc) {
				best_hlc = h.hlc;
				memcpy(best, de->d_name, len + 1);
			}
		}
		closedir(dp);
		if (!best[0])
			return 0;
		struct sync_header h;
		char err[SYNC_ERROR_LEN], file[PATH_MAX + 256];
		snprintf(file, sizeof file, "%s/%s", snaps, best);
		int rc = sync_stream_read(file, key, path, &h, err, sizeof err);
		if (!rc) {
			*found = true;
			return 0;
		}
		if (rc != EX_DATAERR)
			return sync_fail(r, rc, "%s", err);
		sync_warn(r, "%s skipped", err);
		memcpy(tried[round], best, sizeof best);
	}
	return 0;
}

/* Puts the snapshot in place of app's (empty) database, reopened. */
static int restore_from(struct cxo_app *app, const char *dir, const unsigned char *key,
                        struct sync_report *r)
{
	char tmp[PATH_MAX], file[PATH_MAX + 32], keep[PATH_MAX + 32], err[SYNC_ERROR_LEN];
	bool found;
	int rc = work_dir(app, tmp, sizeof tmp, r);
	if (rc)
		return rc;
	snprintf(file, sizeof file, "%s/snapshot.db", tmp);
	snprintf(keep, sizeof keep, "%s/empty.db", tmp);
	if (!(rc = take_snapshot(dir, key, file, &found, r)) && found) {
		store_close(app->st);
		app->st = NULL;
		/* Decrypted and authenticated into a private directory beside the
		 * database: moved into place as it is. */
		struct restore_request req = {
			.db_path = app->db_path, .file = file, .keep_path = keep, .move_file = true
		};
		if ((rc = store_restore(&req, err, sizeof err)))
			sync_fail(r, rc, "%s", err);
		else
			r->took_snapshot = true;
		/* Reopened whatever happened: the caller's store stays open. */
		int orc = app_open_existing(app);
		if (orc && !rc)
			rc = sync_fail(r, orc, "cannot open %s again", app->db_path);
	}
	work_dir_remove(tmp);
	return rc;
}

/* ---- joining ---- */

/* Whether dir/devices/name holds any file. */
static bool device_has_files(const char *dir, const char *name)
{
	char path[PATH_MAX];
	int w = snprintf(path, sizeof path, "%s/devices/%s", dir, name);
	DIR *dp = w < 0 || (size_t)w >= sizeof path ? NULL : opendir(path);
	if (!dp)
		return false;
	struct dirent *de;
	bool any = false;
	while (!any && (de = readdir(dp)))
		any = de->d_name[0] != '.';
	closedir(dp);
	return any;
}

/* A new folder's layout, its check file, and the key (made when there
 * is none beside the database). */
static int make_folder(struct cxo_app *app, const char *dir, unsigned char key[SYNC_KEY_LEN],
                       char *key_path, size_t n, struct sync_report *r)
{
	char err[SYNC_ERROR_LEN], sub[PATH_MAX];
	int rc = sync_load_key(app, key, key_path, n, r);
	if (rc == EX_CONFIG && key_path[0]) {
		r->error[0] = '\0';
		char kdir[PATH_MAX];
		snprintf(kdir, sizeof kdir, "%s", key_path);
		*strrchr(kdir, '/') = '\0';
		crypto_aead_xchacha20poly1305_ietf_keygen(key);
		if ((rc = sync_mkdir(kdir, err, sizeof err)) ||
		    (rc = sync_key_save(key_path, key, false, err, sizeof err)))
			return sync_fail(r, rc, "%s", err);
	} else if (rc) {
		return rc;
	}
	static const char *const subs[] = { "devices", "snapshots" };
	for (size_t i = 0; i < 2; i++) {
		int w = snprintf(sub, sizeof sub, "%s/%s", dir, subs[i]);
		if (w < 0 || (size_t)w >= sizeof sub)
			return sync_fail(r, EX_SOFTWARE, "too long a path: %s", dir);
		if ((rc = sync_mkdir(sub, err, sizeof err)))
			return sync_fail(r, rc, "%s", err);
	}
	struct sync_header h = { .kind = SYNC_FILE_CHECK, .schema = STORE_SCHEMA_VERSION };
	rc = sync_file_write(dir, SYNC_CHECK_NAME, &h, key, SYNC_CHECK_TEXT,
	                     strlen(SYNC_CHECK_TEXT), err, sizeof err);
	if (rc == EX_CANTCREAT) /* another device made it meanwhile, with its key */
		return sync_check_folder(dir, key, key_path, r);
	return rc ? sync_fail(r, rc, "%s", err) : 0;
}

int app_sync_init_check(struct cxo_app *app, const char *dir, const char *device,
                        struct sync_report *out)
{
	char check[PATH_MAX], parent[PATH_MAX], key_path[PATH_MAX] = "", err[256];
	unsigned char key[SYNC_KEY_LEN];
	struct stat sb;
	memset(out, 0, sizeof *out);
	int rc = sync_crypto_init(err, sizeof err);
	if (rc)
		return sync_fail(out, rc, "%s", err);
	int w = snprintf(check, sizeof check, "%s/%s", dir, SYNC_CHECK_NAME);
	if (w < 0 || (size_t)w >= sizeof check)
		return sync_fail(out, EX_USAGE, "too long a path: %s", dir);
	if (stat(dir, &sb) != 0) {
		snprintf(parent, sizeof parent, "%s", dir);
		char *slash = strrchr(parent, '/');
		while (slash && slash > parent && slash[1] == '\0') { /* "DIR/" */
			*slash = '\0';
			slash = strrchr(parent, '/');
		}
		if (slash == parent)
			parent[1] = '\0';
		else if (slash)
			*slash = '\0';
		else
			snprintf(parent, sizeof parent, ".");
		if (stat(parent, &sb) != 0 || !S_ISDIR(sb.st_mode))
			return sync_fail(out, EX_UNAVAILABLE,
			                 "the sync folder %s cannot be made: %s is missing (is it "
			                 "mounted?)",
			                 dir, parent);
	} else if (!S_ISDIR(sb.st_mode)) {
		return sync_fail(out, EX_UNAVAILABLE, "%s is not a directory", dir);
	}
	if (access(check, F_OK) != 0) { /* a new folder: a key here must be sound */
		rc = sync_load_key(app, key, key_path, sizeof key_path, out);
		sodium_memzero(key, sizeof key);
		if (rc == EX_CONFIG && key_path[0]) {
			out->error[0] = '\0';
			rc = 0; /* none yet: init makes one */
		}
		return rc;
	}
	if ((rc = sync_load_key(app, key, key_path, sizeof key_path, out)) ||
	    (rc = sync_check_folder(dir, key, key_path, out))) {
		sodium_memzero(key, sizeof key);
		return rc;
	}
	sodium_memzero(key, sizeof key);
	if (device && app_db_missing(app) && device_has_files(dir, device))
		return sync_fail(out, EX_CANTCREAT,
		                 "%s already has a device named \"%s\": choose another name with "
		                 "--device NAME",
		                 dir, device);
	return 0;
}

int app_sync_init(struct cxo_app *app, const char *dir_given, const char *device,
                  struct sync_report *out)
{
	char name[SYNC_DEVICE_MAX + 1], dir[PATH_MAX], key_path[PATH_MAX], check[PATH_MAX + 32],
	        err[256];
	unsigned char key[SYNC_KEY_LEN];
	struct sync_setup was = { 0 };
	struct stat sb;
	memset(out, 0, sizeof *out);
	key_path[0] = '\0';
	int rc = sync_crypto_init(err, sizeof err);
	if (rc)
		return sync_fail(out, rc, "%s", err);
	if (device)
		snprintf(name, sizeof name, "%s", device);
	else
		app_sync_default_device(name);
	if (!app_sync_device_ok(name))
		return sync_fail(out, EX_USAGE,
		                 "bad device name \"%s\" (expected 1 to %d of a-z, 0-9 and -, "
		                 "not starting with -)",
		                 name, SYNC_DEVICE_MAX);
	if (!app->st)
		return sync_fail(out, EX_SOFTWARE, "the database is not open");
	if ((rc = store_sync_get(app->st, &was)))
		return sync_fail(out, rc, "%s", store_error(app->st));
	bool again = was.configured && !strcmp(was.device, name);
	if (was.configured && !again) {
		rc = sync_fail(out, EX_DATAERR,
		               "this database is already device \"%s\" of %s: a device keeps its "
		               "name",
		               was.device, was.dir ? was.dir : "a folder");
		sync_setup_free(&was);
		return rc;
	}
	sync_setup_free(&was);
	/* The folder itself, but not its parent: an absent mount stays absent. */
	if (mkdir(dir_given, 0700) != 0 && errno != EEXIST)
		return sync_fail(out, EX_UNAVAILABLE, "cannot create the sync folder %s: %s",
		                 dir_given, strerror(errno));
	if (!realpath(dir_given, dir) || stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode))
		return sync_fail(out, EX_UNAVAILABLE, "%s is not a directory", dir_given);
	snprintf(check, sizeof check, "%s/%s", dir, SYNC_CHECK_NAME);
	bool fresh = access(check, F_OK) != 0;
	if (fresh) {
		char devices[PATH_MAX + 16];
		snprintf(devices, sizeof devices, "%s/devices", dir);
		DIR *dp = opendir(devices);
		struct dirent *de;
		bool any = false;
		while (dp && !any && (de = readdir(dp)))
			any = de->d_name[0] != '.';
		if (dp)
			closedir(dp);
		if (any)
			return sync_fail(out, EX_DATAERR,
			                 "%s has devices but no %s file: it is not a folder cxo "
			                 "made, or it is damaged",
			                 dir, SYNC_CHECK_NAME);
		rc = make_folder(app, dir, key, key_path, sizeof key_path, out);
	} else {
		rc = sync_load_key(app, key, key_path, sizeof key_path, out);
		if (!rc)
			rc = sync_check_folder(dir, key, key_path, out);
		if (!rc && !again && device_has_files(dir, name))
			rc = sync_fail(out, EX_CANTCREAT,
			               "%s already has a device named \"%s\": choose another name "
			               "with --device NAME",
			               dir, name);
	}
	bool empty = false;
	if (!rc && (rc = store_is_empty(app->st, &empty)))
		sync_fail(out, rc, "%s", store_error(app->st));
	if (!rc && !fresh && !again && empty)
		rc = restore_from(app, dir, key, out);
	else if (!rc && !fresh && !again)
		sync_warn(out,
		          "this database already holds data: it stays here, but only the changes "
		          "still in its journal and those made from now on go to the other "
		          "devices (a device that joins should start empty, from a snapshot)");
	if (!rc && (rc = store_sync_set(app->st, name, dir)))
		sync_fail(out, rc, "%s", store_error(app->st));
	sodium_memzero(key, sizeof key);
	if (rc)
		return rc;
	struct sync_ctx c;
	rc = sync_ctx_open(app, &c, out);
	if (!rc)
		rc = sync_send(&c);
	if (!rc)
		rc = sync_apply(&c);
	/* What a new folder's first device holds reaches the others only
	 * through a snapshot: one is written at once. */
	if (!rc && fresh && !empty)
		rc = write_snapshot(&c);
	sync_ctx_free(&c);
	return rc;
}

/* ---- the key ---- */

int app_sync_key_export(struct cxo_app *app, const char *file, char *err, size_t errsz)
{
	char path[PATH_MAX];
	unsigned char key[SYNC_KEY_LEN];
	struct sync_report r;
	memset(&r, 0, sizeof r);
	int rc = sync_crypto_init(err, errsz);
	if (!rc && (rc = sync_load_key(app, key, path, sizeof path, &r)))
		snprintf(err, errsz, "%s", r.error);
	if (!rc)
		rc = sync_key_save(file, key, false, err, errsz);
	sodium_memzero(key, sizeof key);
	sync_report_free(&r);
	return rc;
}

int app_sync_key_import(struct cxo_app *app, const char *file, bool force, char *err, size_t errsz)
{
	char path[PATH_MAX], kdir[PATH_MAX];
	unsigned char key[SYNC_KEY_LEN], have[SYNC_KEY_LEN];
	int rc = sync_crypto_init(err, errsz);
	if (!rc && app_sync_key_path(app->db_path, path, sizeof path)) {
		snprintf(err, errsz, "no database path, so no place for the sync key");
		rc = EX_CONFIG;
	}
	/* The file given need not be private: it travelled. */
	int fd = rc ? -1 : open(file, O_RDONLY | O_CLOEXEC);
	if (!rc && fd < 0) {
		snprintf(err, errsz, "cannot read %s: %s", file, strerror(errno));
		rc = errno == ENOENT ? EX_NOINPUT : EX_NOPERM;
	}
	if (fd >= 0)
		close(fd);
	if (!rc) {
		/* Through a private copy, so that the loader's checks apply. */
		char tmpd[PATH_MAX], copy[PATH_MAX + 16];
		snprintf(tmpd, sizeof tmpd, "%s", path);
		*strrchr(tmpd, '/') = '\0';
		snprintf(kdir, sizeof kdir, "%s", tmpd);
		rc = sync_mkdir(kdir, err, errsz);
		FILE *in = rc ? NULL : fopen(file, "r");
		char text[1024];
		size_t n = in ? fread(text, 1, sizeof text - 1, in) : 0;
		if (in)
			fclose(in);
		text[n] = '\0';
		snprintf(copy, sizeof copy, "%s/.key-XXXXXX", kdir);
		int cfd = rc ? -1 : mkstemp(copy);
		if (!rc && cfd < 0) {
			snprintf(err, errsz, "cannot write in %s: %s", kdir, strerror(errno));
			rc = EX_CANTCREAT;
		}
		if (cfd >= 0) {
			bool ok = write(cfd, text, n) == (ssize_t)n;
			close(cfd);
			rc = ok ? sync_key_load(copy, key, err, errsz) : EX_IOERR;
			if (rc == EX_DATAERR) /* name the file given, not the copy */
				snprintf(err, errsz,
				         "%s holds no cxo sync key (expected what 'cxo sync key "
				         "--export' writes)",
				         file);
			else if (rc == EX_IOERR)
				snprintf(err, errsz, "cannot write in %s", kdir);
			(void)unlink(copy);
		}
		sodium_memzero(text, sizeof text);
	}
	if (!rc) {
		char e2[512];
		int h = sync_key_load(path, have, e2, sizeof e2);
		if (!h && sodium_memcmp(have, key, SYNC_KEY_LEN) == 0)
			rc = 0; /* the same key: nothing to do */
		else if (!h && !force) {
			snprintf(err, errsz,
			         "%s holds another sync key: --force replaces it (then this "
			         "database reads only the folder of the new key)",
			         path);
			rc = EX_CANTCREAT;
		} else {
			rc = sync_key_save(path, key, h == 0 || force, err, errsz);
		}
	}
	sodium_memzero(key, sizeof key);
	sodium_memzero(have, sizeof have);
	return rc;
}
