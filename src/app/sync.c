/*
 * sync.c: a run of sync over the folder: this device's new changes
 * written out as files, then the other devices' files applied, each
 * device's in sequence, all of them in clock order.  Joining a folder,
 * snapshots and the key are in sync_join.c; the files themselves in
 * sync_file.c.
 */
#include "internal.h"
#include "sync_impl.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sysexits.h>
#include <time.h>
#include <unistd.h>

/* ---- the report ---- */

void sync_report_free(struct sync_report *r)
{
	for (size_t i = 0; i < r->warning_count; i++)
		free(r->warnings[i]);
	free(r->warnings);
	free(r->from);
	memset(r, 0, sizeof *r);
}

void sync_warn(struct sync_report *r, const char *fmt, ...)
{
	va_list ap;
	char line[1024];
	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	char **more = realloc(r->warnings, (r->warning_count + 1) * sizeof *more);
	char *copy = strdup(line);
	if (!more || !copy) {
		free(copy);
		if (more)
			r->warnings = more;
		return; /* out of memory: the warning is lost, the run goes on */
	}
	r->warnings = more;
	r->warnings[r->warning_count++] = copy;
}

int sync_fail(struct sync_report *r, int code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(r->error, sizeof r->error, fmt, ap);
	va_end(ap);
	return code;
}

static void count_from(struct sync_report *r, const char *device)
{
	for (size_t i = 0; i < r->from_count; i++)
		if (!strcmp(r->from[i].device, device)) {
			r->from[i].applied++;
			return;
		}
	struct sync_from *more = realloc(r->from, (r->from_count + 1) * sizeof *more);
	if (!more)
		return;
	r->from = more;
	memset(&r->from[r->from_count], 0, sizeof *more);
	snprintf(r->from[r->from_count].device, sizeof more->device, "%s", device);
	r->from[r->from_count++].applied = 1;
}

/* ---- names ---- */

bool app_sync_device_ok(const char *name)
{
	size_t n = strlen(name);
	if (n < 1 || n > SYNC_DEVICE_MAX || name[0] == '-')
		return false;
	for (size_t i = 0; i < n; i++)
		if (!(islower((unsigned char)name[i]) || isdigit((unsigned char)name[i]) ||
		      name[i] == '-'))
			return false;
	return true;
}

void app_sync_default_device(char out[SYNC_DEVICE_MAX + 1])
{
	char host[256] = "";
	size_t k = 0;
	if (gethostname(host, sizeof host - 1) != 0)
		host[0] = '\0';
	host[sizeof host - 1] = '\0';
	for (size_t i = 0; host[i] && host[i] != '.' && k < SYNC_DEVICE_MAX; i++) {
		unsigned char ch = (unsigned char)tolower((unsigned char)host[i]);
		bool ok = (ch >= 'a' && ch <= 'z') || isdigit(ch);
		if (!ok && (k == 0 || out[k - 1] == '-'))
			continue;
		out[k++] = ok ? (char)ch : '-';
	}
	while (k && out[k - 1] == '-')
		k--;
	out[k] = '\0';
	if (!k)
		snprintf(out, SYNC_DEVICE_MAX + 1, "cxo");
}

int app_sync_key_path(const char *db_path, char *buf, size_t n)
{
	const char *slash = db_path ? strrchr(db_path, '/') : NULL;
	int w;
	if (!db_path)
		return EX_CONFIG;
	if (!slash)
		w = snprintf(buf, n, "sync.key");
	else if (slash == db_path)
		w = snprintf(buf, n, "/sync.key");
	else
		w = snprintf(buf, n, "%.*s/sync.key", (int)(slash - db_path), db_path);
	return w < 0 || (size_t)w >= n ? EX_SOFTWARE : 0;
}

/* "00000012.changeset": *seq, or false for any other name. */
static bool changeset_name(const char *name, long long *seq)
{
	static const char ext[] = ".changeset";
	if (strlen(name) != 8 + sizeof ext - 1 || strcmp(name + 8, ext) != 0)
		return false;
	long long v = 0;
	for (int i = 0; i < 8; i++) {
		if (!isdigit((unsigned char)name[i]))
			return false;
		v = v * 10 + (name[i] - '0');
	}
	*seq = v;
	return v > 0;
}

/* ---- opening the folder ---- */

void sync_ctx_free(struct sync_ctx *c)
{
	sodium_memzero(c->key, sizeof c->key);
	sync_setup_free(&c->setup);
	if (c->lock_fd >= 0)
		close(c->lock_fd); /* releases the lock */
	c->lock_fd = -1;
}

/* DB.sync-lock, taken: two runs on one database (the dashboard's and a
 * command's) would hand out the same change twice. */
static int take_lock(struct sync_ctx *c)
{
	char path[PATH_MAX];
	int w = snprintf(path, sizeof path, "%s.sync-lock", c->app->db_path);
	if (w < 0 || (size_t)w >= sizeof path)
		return sync_fail(c->r, EX_SOFTWARE, "the database's path is too long");
	c->lock_fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (c->lock_fd < 0)
		return sync_fail(c->r, EX_CANTCREAT, "cannot open %s: %s", path, strerror(errno));
	for (int waited = 0; flock(c->lock_fd, LOCK_EX | LOCK_NB) != 0; waited += 50) {
		if (errno != EWOULDBLOCK && errno != EINTR)
			return sync_fail(c->r, EX_IOERR, "cannot lock %s: %s", path,
			                 strerror(errno));
		if (waited >= SYNC_LOCK_WAIT_MS)
			return sync_fail(c->r, EX_TEMPFAIL,
			                 "another cxo is syncing this database (it holds %s); try "
			                 "again",
			                 path);
		struct timespec ts = { 0, 50 * 1000000L };
		nanosleep(&ts, NULL);
	}
	return 0;
}

int sync_load_key(struct cxo_app *app, unsigned char key[SYNC_KEY_LEN], char *path, size_t n,
                  struct sync_report *r)
{
	char err[SYNC_ERROR_LEN];
	if (app_sync_key_path(app->db_path, path, n))
		return sync_fail(r, EX_CONFIG, "no database path, so no sync key");
	int rc = sync_key_load(path, key, err, sizeof err);
	if (rc == EX_NOINPUT)
		return sync_fail(r, EX_CONFIG,
		                 "%s: import the folder's key first (cxo sync key --export FILE on "
		                 "a device of the folder, then cxo sync key --import FILE here)",
		                 err);
	return rc ? sync_fail(r, rc, "%s", err) : 0;
}

int sync_check_folder(const char *dir, const unsigned char *key, const char *key_path,
                      struct sync_report *r)
{
	char path[PATH_MAX], why[256];
	struct sync_header h;
	void *data;
	size_t size;
	snprintf(path, sizeof path, "%s/%s", dir, SYNC_CHECK_NAME);
	if (access(path, F_OK) != 0)
		return sync_fail(r, EX_UNAVAILABLE,
		                 "%s is not a cxo sync folder (it has no %s file; is it the "
		                 "folder, and is it mounted?)",
		                 dir, SYNC_CHECK_NAME);
	int rc = sync_file_read(path, key, &h, &data, &size, why, sizeof why);
	if (rc == EX_DATAERR)
		return sync_fail(r, EX_DATAERR,
		                 "the sync key %s is not the key of the folder %s (%s %s): import "
		                 "the folder's key with cxo sync key --import FILE --force",
		                 key_path, dir, path, why);
	if (rc)
		return sync_fail(r, rc, "%s %s", path, why);
	bool ok = h.kind == SYNC_FILE_CHECK && size == strlen(SYNC_CHECK_TEXT) &&
	          !memcmp(data, SYNC_CHECK_TEXT, size);
	free(data);
	return ok ? 0 : sync_fail(r, EX_DATAERR, "%s is not a cxo sync folder's check file", path);
}

int sync_ctx_open(struct cxo_app *app, struct sync_ctx *c, struct sync_report *r)
{
	char err[256];
	struct stat sb;
	memset(c, 0, sizeof *c);
	c->app = app;
	c->r = r;
	c->lock_fd = -1;
	int rc = sync_crypto_init(err, sizeof err);
	if (rc)
		return sync_fail(r, rc, "%s", err);
	if (!app->st || !app->db_path)
		return sync_fail(r, EX_SOFTWARE, "the database is not open");
	if ((rc = take_lock(c)))
		return rc;
	if ((rc = store_sync_get(app->st, &c->setup)))
		return sync_fail(r, rc, "%s", store_error(app->st));
	if (!c->setup.configured || !c->setup.dir)
		return sync_fail(r, EX_CONFIG,
		                 "this database syncs with no folder yet: run 'cxo sync init DIR'");
	if (stat(c->setup.dir, &sb) != 0 || !S_ISDIR(sb.st_mode))
		return sync_fail(r, EX_UNAVAILABLE,
		                 "the sync folder %s is missing (is it mounted?)", c->setup.dir);
	if ((rc = sync_load_key(app, c->key, c->key_path, sizeof c->key_path, r)) ||
	    (rc = sync_check_folder(c->setup.dir, c->key, c->key_path, r)))
		return rc;
	int w = snprintf(c->own_dir, sizeof c->own_dir, "%s/devices/%s", c->setup.dir,
	                 c->setup.device);
	if (w < 0 || (size_t)w >= sizeof c->own_dir)
		return sync_fail(r, EX_SOFTWARE, "the sync folder's path is too long");
	return 0;
}

/* ---- writing this device's changes ---- */

/* The temporary files of runs killed long ago (an hour: never one that
 * another run of this device is writing now). */
static void remove_stale(const char *dir)
{
	DIR *dp = opendir(dir);
	if (!dp)
		return;
	struct dirent *de;
	time_t old = time(NULL) - 3600;
	while ((de = readdir(dp))) {
		char path[PATH_MAX + 256];
		struct stat sb;
		if (de->d_name[0] != '.' || !strstr(de->d_name, ".tmp-"))
			continue;
		int w = snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
		if (w > 0 && (size_t)w < sizeof path && lstat(path, &sb) == 0 &&
		    S_ISREG(sb.st_mode) && sb.st_mtime < old)
			(void)unlink(path);
	}
	closedir(dp);
}

int sync_send(struct sync_ctx *c)
{
	struct store *st = c->app->st;
	char err[SYNC_ERROR_LEN], name[32];
	int rc = sync_mkdir(c->own_dir, err, sizeof err);
	if (rc)
		return sync_fail(c->r, rc, "%s", err);
	remove_stale(c->own_dir);
	for (;;) {
		struct sync_change ch = { 0 };
		bool found = false;
		if ((rc = store_sync_next_out(st, &ch, &found)))
			return sync_fail(c->r, rc, "%s", store_error(st));
		if (!found)
			return 0;
		if (ch.seq < 1 || ch.seq > 99999999) {
			sync_change_free(&ch);
			return sync_fail(c->r, EX_SOFTWARE, "change number %lld out of range",
			                 ch.seq);
		}
		struct sync_header h = { .kind = SYNC_FILE_CHANGESET,
			                 .schema = STORE_SCHEMA_VERSION,
			                 .seq = ch.seq,
			                 .hlc = ch.hlc };
		snprintf(h.device, sizeof h.device, "%s", c->setup.device);
		snprintf(name, sizeof name, "%08lld.changeset", ch.seq);
		rc = sync_file_write(c->own_dir, name, &h, c->key, ch.data,
		                     ch.size > 0 ? (size_t)ch.size : 0, err, sizeof err);
		long long jseq = ch.journal_seq, seq = ch.seq;
		sync_change_free(&ch);
		if (rc)
			return sync_fail(c->r, rc, "%s", err);
		if ((rc = store_sync_sent(st, jseq, seq)))
			return sync_fail(c->r, rc, "%s", store_error(st));
		c->r->sent++;
	}
}

/* ---- applying the others' ---- */

struct pending {
	long long seq;
	int64_t hlc;
};

struct device_run {
	char name[SYNC_DEVICE_MAX + 1];
	char dir[PATH_MAX];
	struct pending *files; /* the run to apply, in sequence */
	size_t count, next;
	bool stopped;
};

static int cmp_seq(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;
	return x < y ? -1 : x > y;
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The files of device d after its applied sequence that can be applied:
 * the contiguous run, their headers checked. */
static int scan_device(struct sync_ctx *c, struct device_run *d)
{
	long long applied = 0, *seqs = NULL;
	size_t n = 0, cap = 0;
	int rc = store_sync_peer(c->app->st, d->name, &applied);
	if (rc)
		return sync_fail(c->r, rc, "%s", store_error(c->app->st));
	DIR *dp = opendir(d->dir);
	if (!dp) {
		sync_warn(c->r, "%s cannot be read: %s", d->dir, strerror(errno));
		return 0;
	}
	struct dirent *de;
	while ((de = readdir(dp))) {
		long long seq;
		if (de->d_name[0] == '.')
			continue; /* this device's or the sync tool's temporary files */
		if (!changeset_name(de->d_name, &seq)) {
			sync_warn(c->r,
			          "%s/%s skipped: not a name cxo writes (NNNNNNNN.changeset); a "
			          "copy made by the sync tool?",
			          d->dir, de->d_name);
			c->r->skipped++;
			continue;
		}
		if (seq <= applied)
			continue;
		if (n == cap) {
			long long *more = realloc(seqs, (cap = cap ? 2 * cap : 64) * sizeof *more);
			if (!more) {
				closedir(dp);
				free(seqs);
				return sync_fail(c->r, EX_OSERR, "out of memory");
			}
			seqs = more;
		}
		seqs[n++] = seq;
	}
	closedir(dp);
	if (!n)
		return 0;
	qsort(seqs, n, sizeof *seqs, cmp_seq);
	d->files = calloc(n, sizeof *d->files);
	if (!d->files) {
		free(seqs);
		return sync_fail(c->r, EX_OSERR, "out of memory");
	}
	for (size_t i = 0; i < n; i++) {
		char path[PATH_MAX + 32], why[256];
		struct sync_header h;
		snprintf(path, sizeof path, "%s/%08lld.changeset", d->dir, seqs[i]);
		if (seqs[i] != applied + 1 + (long long)i) {
			sync_warn(c->r,
			          "%s: change %08lld is missing, so %zu later one%s wait%s for it",
			          d->dir, applied + 1 + (long long)i, n - i, n - i == 1 ? "" : "s",
			          n - i == 1 ? "s" : "");
		} else if (sync_header_read(path, &h, why, sizeof why)) {
			sync_warn(c->r, "%s skipped: it %s", path, why);
		} else if (h.kind != SYNC_FILE_CHANGESET || strcmp(h.device, d->name) ||
		           h.seq != seqs[i]) {
			sync_warn(c->r, "%s skipped: its header says change %lld of \"%s\"", path,
			          h.seq, h.device);
		} else if (h.schema > STORE_SCHEMA_VERSION) {
			sync_warn(c->r,
			          "%s skipped: written by a newer cxo (schema %d; this one has "
			          "schema %d): update cxo here",
			          path, h.schema, STORE_SCHEMA_VERSION);
		} else {
			d->files[d->count].seq = seqs[i];
			d->files[d->count++].hlc = h.hlc;
			continue;
		}
		c->r->skipped += (long long)(n - i);
		break;
	}
	free(seqs);
	return 0;
}

/* The device whose next file comes first: by clock, then name, then
 * sequence; NULL when none is left. */
static struct device_run *first_due(struct device_run *devs, size_t n)
{
	struct device_run *best = NULL;
	for (size_t i = 0; i < n; i++) {
		struct device_run *d = &devs[i];
		if (d->stopped || d->next >= d->count)
			continue;
		if (!best || d->files[d->next].hlc < best->files[best->next].hlc)
			best = d; /* names are in order: a tie keeps the first */
	}
	return best;
}

static int apply_one(struct sync_ctx *c, struct device_run *d)
{
	struct pending *p = &d->files[d->next];
	char path[PATH_MAX + 32], why[256];
	struct sync_header h;
	void *data;
	size_t size;
	snprintf(path, sizeof path, "%s/%08lld.changeset", d->dir, p->seq);
	int rc = sync_file_read(path, c->key, &h, &data, &size, why, sizeof why);
	if (!rc && (h.seq != p->seq || h.hlc != p->hlc || strcmp(h.device, d->name))) {
		free(data);
		snprintf(why, sizeof why, "changed while it was read");
		rc = EX_DATAERR;
	}
	if (rc) {
		sync_warn(c->r, "%s skipped: it %s", path, why);
		goto stop;
	}
	struct sync_apply_result res = { 0 };
	rc = store_sync_apply(c->app->st, d->name, p->seq, p->hlc, data, (int)size, &res);
	free(data);
	if (rc == EX_DATAERR || rc == EX_TEMPFAIL) {
		sync_warn(c->r, "%s skipped: %s", path, store_error(c->app->st));
		goto stop;
	}
	if (rc)
		return sync_fail(c->r, rc, "%s: %s", path, store_error(c->app->st));
	c->r->applied++;
	c->r->conflicts += res.conflicts;
	count_from(c->r, d->name);
	d->next++;
	return 0;
stop:
	c->r->skipped += (long long)(d->count - d->next);
	d->stopped = true;
	return 0;
}

static int64_t now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Every due file, in clock order, in groups of one transaction each (each
 * file still whole or not at all): a commit per file would cost more than
 * the file.  A group is committed after BATCH_MS, so the dashboard or a
 * shell waiting to write waits that long at most. */
#define BATCH_MS 200
static int apply_due(struct sync_ctx *c, struct device_run *devs, size_t n)
{
	struct store *st = c->app->st;
	struct device_run *d = first_due(devs, n);
	while (d) {
		int rc = store_sync_batch_begin(st);
		if (rc)
			return sync_fail(c->r, rc, "%s", store_error(st));
		int64_t until = now_ms() + BATCH_MS;
		while (!rc && d && now_ms() < until) {
			rc = apply_one(c, d);
			d = first_due(devs, n);
		}
		/* What was applied before a failure is kept. */
		int brc = store_sync_batch_end(st, 0);
		if (rc)
			return rc;
		if (brc)
			return sync_fail(c->r, brc, "%s", store_error(st));
	}
	return 0;
}

int sync_apply(struct sync_ctx *c)
{
	char devices[PATH_MAX];
	snprintf(devices, sizeof devices, "%s/devices", c->setup.dir);
	DIR *dp = opendir(devices);
	if (!dp)
		return sync_fail(c->r, EX_UNAVAILABLE, "%s cannot be read: %s", devices,
		                 strerror(errno));
	char **names = NULL;
	size_t n = 0;
	int rc = 0;
	struct dirent *de;
	while ((de = readdir(dp))) {
		if (de->d_name[0] == '.' || !strcmp(de->d_name, c->setup.device))
			continue;
		if (!app_sync_device_ok(de->d_name)) {
			sync_warn(c->r, "%s/%s skipped: not a device name cxo writes", devices,
			          de->d_name);
			continue;
		}
		char **more = realloc(names, (n + 1) * sizeof *more);
		char *copy = strdup(de->d_name);
		if (!more || !copy) {
			free(copy);
			if (more)
				names = more;
			rc = sync_fail(c->r, EX_OSERR, "out of memory");
			break;
		}
		names = more;
		names[n++] = copy;
	}
	closedir(dp);
	struct device_run *devs = rc || !n ? NULL : calloc(n, sizeof *devs);
	if (!rc && n && !devs)
		rc = sync_fail(c->r, EX_OSERR, "out of memory");
	if (!rc && n)
		qsort(names, n, sizeof *names, cmp_name);
	for (size_t i = 0; !rc && i < n; i++) {
		snprintf(devs[i].name, sizeof devs[i].name, "%s", names[i]);
		int w = snprintf(devs[i].dir, sizeof devs[i].dir, "%s/%s", devices, names[i]);
		if (w < 0 || (size_t)w >= sizeof devs[i].dir)
			devs[i].stopped = true; /* too long a path: never true of a real one */
		else
			rc = scan_device(c, &devs[i]);
	}
	if (!rc && n)
		rc = apply_due(c, devs, n);
	for (size_t i = 0; i < n; i++) {
		free(names[i]);
		if (devs)
			free(devs[i].files);
	}
	free(names);
	free(devs);
	return rc;
}

/* ---- a run ---- */

int app_sync_run(struct cxo_app *app, struct sync_report *out)
{
	struct sync_ctx c;
	memset(out, 0, sizeof *out);
	int rc = sync_ctx_open(app, &c, out);
	if (!rc)
		rc = sync_send(&c);
	if (!rc)
		rc = sync_apply(&c);
	sync_ctx_free(&c);
	return rc;
}

int app_sync_auto(struct cxo_app *app, struct sync_report *out, bool *ran)
{
	struct sync_setup s = { 0 };
	memset(out, 0, sizeof *out);
	*ran = false;
	if (!app->cfg.sync_auto || !app->st)
		return 0;
	int rc = store_sync_get(app->st, &s);
	bool configured = !rc && s.configured;
	sync_setup_free(&s);
	if (rc)
		return sync_fail(out, rc, "%s", store_error(app->st));
	if (!configured)
		return 0;
	*ran = true;
	return app_sync_run(app, out);
}
