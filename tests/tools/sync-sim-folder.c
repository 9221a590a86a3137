/*
 * sync-sim-folder.c: the simulation's second mode, through the folder
 * layer (cxo/sync.h): each device has its own copy of the folder, as a
 * file-syncing tool would keep it; app_sync_run writes the device's new
 * files into its copy and applies the others' it finds there; between
 * runs, files are copied from copy to copy in a random order, some first
 * cut short (a copy under way) and completed later, some copied again.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sysexits.h>
#include <unistd.h>

#include "cxo/sync.h"
#include "sync-sim.h"

/* Copies the first len bytes of from to to (made 0600, replaced). */
static int copy_file(struct sim *s, const char *from, const char *to, off_t len)
{
	char buf[8192];
	int in = open(from, O_RDONLY | O_CLOEXEC);
	int out = in < 0 ? -1 : open(to, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	bool ok = in >= 0 && out >= 0;
	while (ok && len > 0) {
		ssize_t n = read(in, buf, (size_t)len < sizeof buf ? (size_t)len : sizeof buf);
		ok = n > 0 && write(out, buf, (size_t)n) == n;
		len -= n > 0 ? n : 0;
	}
	if (in >= 0)
		close(in);
	if (out >= 0 && close(out) != 0)
		ok = false;
	return ok ? 0 : sim_failf(s, "copying %s to %s: %s", from, to, strerror(errno));
}

static off_t file_size(const char *path)
{
	struct stat sb;
	return stat(path, &sb) == 0 ? sb.st_size : -1;
}

/* A file of one copy of the folder that another copy lacks or has cut. */
struct wanted {
	char rel[600]; /* devices/NAME/NNNNNNNN.changeset, or a top-level file */
	off_t size;
};

/* The files of copy a that copy b lacks or holds shorter (never those of
 * b's own device, which only b writes). */
static size_t wanted_files(struct sim *s, int a, int b, struct wanted *out, size_t max)
{
	char dir[1200], sub[1600], pa[2000], pb[2000];
	size_t n = 0;
	snprintf(dir, sizeof dir, "%s/f%d/devices", s->dir, a);
	DIR *dp = opendir(dir);
	struct dirent *de;
	while (dp && (de = readdir(dp))) {
		if (de->d_name[0] == '.' || !strcmp(de->d_name, s->dev[b].name))
			continue;
		snprintf(sub, sizeof sub, "%s/%s", dir, de->d_name);
		DIR *fp = opendir(sub);
		struct dirent *fe;
		while (fp && n < max && (fe = readdir(fp))) {
			if (fe->d_name[0] == '.')
				continue;
			snprintf(pa, sizeof pa, "%s/%s", sub, fe->d_name);
			snprintf(pb, sizeof pb, "%s/f%d/devices/%s/%s", s->dir, b, de->d_name,
			         fe->d_name);
			off_t have = file_size(pb), size = file_size(pa);
			if (size > 0 && have < size) {
				snprintf(out[n].rel, sizeof out[n].rel, "devices/%s/%s", de->d_name,
				         fe->d_name);
				out[n++].size = size;
			}
		}
		if (fp)
			closedir(fp);
	}
	if (dp)
		closedir(dp);
	return n;
}

/* Copies up to max files from one copy to another; cut: some cut short.
 * *copied counts them. */
int sim_folder_copy(struct sim *s, int a, int b, size_t max, bool cut, size_t *copied)
{
	static struct wanted w[2048];
	size_t n = wanted_files(s, a, b, w, sizeof w / sizeof w[0]);
	for (size_t i = n; i > 1; i--) { /* a random order */
		size_t j = (size_t)sim_below(s, (long)i);
		struct wanted t = w[i - 1];
		w[i - 1] = w[j];
		w[j] = t;
	}
	for (size_t i = 0; i < n && i < max; i++) {
		char from[2000], to[2000], dir[2000];
		if (snprintf(from, sizeof from, "%s/f%d/%s", s->dir, a, w[i].rel) >=
		            (int)sizeof from ||
		    snprintf(to, sizeof to, "%s/f%d/%s", s->dir, b, w[i].rel) >= (int)sizeof to)
			return sim_failf(s, "too long a path under %s", s->dir);
		snprintf(dir, sizeof dir, "%s", to);
		*strrchr(dir, '/') = '\0'; /* f1/devices/NAME, then f1/devices */
		char *up = strrchr(dir, '/');
		*up = '\0';
		if (mkdir(dir, 0700) != 0 && errno != EEXIST)
			return sim_failf(s, "mkdir %s: %s", dir, strerror(errno));
		*up = '/';
		if (mkdir(dir, 0700) != 0 && errno != EEXIST)
			return sim_failf(s, "mkdir %s: %s", dir, strerror(errno));
		off_t len = w[i].size;
		if (cut && sim_chance(s, 15))
			len = (off_t)sim_below(s, (long)len); /* a copy under way */
		if (copy_file(s, from, to, len))
			return 1;
		s->stats.exchanges++;
		if (copied)
			++*copied;
	}
	return 0;
}

/* Device d runs `cxo sync` on its copy of the folder. */
int sim_folder_sync(struct sim *s, int d)
{
	struct sim_dev *dv = &s->dev[d];
	struct sync_report r = { 0 };
	sim_use(s, d);
	int rc = app_sync_run(dv->app, &r);
	dv->st = dv->app->st;
	if (rc) {
		sim_failf(s, "cxo sync on %s failed (%d): %s", dv->name, rc, r.error);
		sync_report_free(&r);
		return 1;
	}
	s->stats.applied += r.applied;
	s->stats.held += r.skipped;
	sync_report_free(&r);
	struct sync_setup setup = { 0 };
	if ((rc = store_sync_get(dv->st, &setup)))
		return sim_failf(s, "store_sync_get on %s: %s", dv->name, store_error(dv->st));
	dv->applied[d] = setup.out_seq;
	sync_setup_free(&setup);
	for (int p = 0; p < s->n; p++)
		if (p != d && store_sync_peer(dv->st, s->dev[p].name, &dv->applied[p]))
			return sim_failf(s, "store_sync_peer on %s: %s", dv->name,
			                 store_error(dv->st));
	return sim_track(s, d);
}

/* Opens device d's database through the app layer (made when new). */
static int open_app(struct sim *s, int d)
{
	struct sim_dev *dv = &s->dev[d];
	char conf[1200];
	snprintf(conf, sizeof conf, "%s/empty.conf", s->dir);
	FILE *fp = fopen(conf, "a");
	if (!fp || fclose(fp) != 0)
		return sim_failf(s, "cannot write %s", conf);
	snprintf(dv->name, sizeof dv->name, "dev%d", d);
	snprintf(dv->path, sizeof dv->path, "%s/d%d", s->dir, d);
	if (mkdir(dv->path, 0700) != 0)
		return sim_failf(s, "mkdir %s: %s", dv->path, strerror(errno));
	snprintf(dv->path, sizeof dv->path, "%s/d%d/cxo.db", s->dir, d);
	dv->skew_ms = d ? (int64_t)sim_below(s, 240001) - 120000 : 0;
	if (!(dv->app = calloc(1, sizeof *dv->app)))
		return sim_failf(s, "out of memory");
	struct app_options o = { .db = dv->path, .config = conf };
	int rc = app_init(dv->app, &o);
	if (!rc)
		rc = app_open_store(dv->app, STORE_WRITE, false);
	if (rc || !dv->app->st)
		return sim_failf(s, "opening %s through the app failed (%d)", dv->path, rc);
	dv->st = dv->app->st;
	return store_journal_origin(dv->st, "sync-sim") ? sim_failf(s, "journal origin") : 0;
}

int sim_folder_setup(struct sim *s)
{
	struct sync_report r = { 0 };
	char folder[1200], key[1200], err[512];
	if (open_app(s, 0) || sim_attach(s, 0) || sim_seed(s))
		return 1;
	snprintf(folder, sizeof folder, "%s/f0", s->dir);
	snprintf(key, sizeof key, "%s/key.txt", s->dir);
	sim_use(s, 0);
	int rc = app_sync_init(s->dev[0].app, folder, "dev0", &r);
	s->dev[0].st = s->dev[0].app->st;
	if (rc)
		return sim_failf(s, "cxo sync init on dev0 failed (%d): %s", rc, r.error);
	sync_report_free(&r);
	if ((rc = app_sync_key_export(s->dev[0].app, key, err, sizeof err)))
		return sim_failf(s, "cxo sync key --export: %s", err);
	if (sim_folder_sync(s, 0))
		return 1;
	for (int d = 1; d < s->n; d++) {
		/* the new device's copy of the folder: everything there so far */
		snprintf(folder, sizeof folder, "%s/f%d", s->dir, d);
		char check[1300], from[1300];
		if (mkdir(folder, 0700) != 0)
			return sim_failf(s, "mkdir %s: %s", folder, strerror(errno));
		snprintf(from, sizeof from, "%s/f0/cxo-sync", s->dir);
		snprintf(check, sizeof check, "%s/cxo-sync", folder);
		if (copy_file(s, from, check, file_size(from)))
			return 1;
		snprintf(from, sizeof from, "%s/f0/snapshots", s->dir);
		snprintf(check, sizeof check, "%s/snapshots", folder);
		if (mkdir(check, 0700) != 0)
			return sim_failf(s, "mkdir %s: %s", check, strerror(errno));
		DIR *dp = opendir(from);
		struct dirent *de;
		while (dp && (de = readdir(dp))) {
			char a[1600], b[1600];
			if (de->d_name[0] == '.')
				continue;
			snprintf(a, sizeof a, "%s/%s", from, de->d_name);
			snprintf(b, sizeof b, "%s/%s", check, de->d_name);
			if (copy_file(s, a, b, file_size(a)))
				return 1;
		}
		if (dp)
			closedir(dp);
		if (sim_folder_copy(s, 0, d, (size_t)-1, false, NULL) || open_app(s, d))
			return 1;
		if ((rc = app_sync_key_import(s->dev[d].app, key, false, err, sizeof err)))
			return sim_failf(s, "cxo sync key --import on dev%d: %s", d, err);
		sim_use(s, d);
		rc = app_sync_init(s->dev[d].app, folder, s->dev[d].name, &r);
		s->dev[d].st = s->dev[d].app->st;
		bool took = r.took_snapshot;
		if (rc)
			return sim_failf(s, "cxo sync init on dev%d failed (%d): %s", d, rc,
			                 r.error);
		sync_report_free(&r);
		if (!took)
			return sim_failf(s, "dev%d joined without taking the snapshot", d);
		if (sim_attach(s, d) || sim_folder_sync(s, d))
			return 1;
	}
	return 0;
}

/* Every copy complete, every device synced, until nothing moves. */
int sim_folder_drain(struct sim *s)
{
	for (int round = 0; round < 20; round++) {
		size_t copied = 0;
		long before = s->stats.applied;
		long long out = 0;
		for (int d = 0; d < s->n; d++) {
			out -= s->dev[d].applied[d];
			if (sim_folder_sync(s, d))
				return 1;
			out += s->dev[d].applied[d];
		}
		for (int a = 0; a < s->n; a++)
			for (int b = 0; b < s->n; b++)
				if (a != b && sim_folder_copy(s, a, b, (size_t)-1, false, &copied))
					return 1;
		for (int d = 0; d < s->n; d++)
			if (sim_folder_sync(s, d))
				return 1;
		if (!copied && !out && s->stats.applied == before)
			return 0;
	}
	return sim_failf(s, "the folders never settled");
}

void sim_folder_free(struct sim *s)
{
	for (int d = 0; d < SIM_MAX_DEV; d++) {
		if (s->dev[d].app) {
			app_free(s->dev[d].app);
			free(s->dev[d].app);
			s->dev[d].app = NULL;
			s->dev[d].st = NULL;
		}
	}
}
