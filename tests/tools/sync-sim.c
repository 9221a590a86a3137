/*
 * sync-sim: devices writing at random and exchanging their changes, then
 * compared (make check, make sanitize).
 *
 *   sync-sim [WRITES]   (default 1000; SYNC_SIM_SEED=n replays a run;
 *                       SYNC_SIM_ONLY=2, 3 or folder runs that one alone;
 *                       SYNC_SIM_OWN_KEYS=1 gives each device client keys of
 *                       its own (no key taken twice); the
 *                       databases go in SYNC_SIM_DIR, else /dev/shm, else TMPDIR)
 *
 * For N = 2 and then N = 3 devices: the first is seeded with a small
 * portfolio through the store's writes, the others join it from a
 * snapshot (store_sync_snapshot).  Then WRITES random writes of every kind
 * (sync-sim-ops.c) on random devices; at random moments a device hands
 * out its changes (store_sync_next_out, store_sync_sent) into the others'
 * inboxes, sometimes twice, and a device applies some of its inbox in a
 * random order (store_sync_apply): a change that is not the next of its
 * device is refused with EX_TEMPFAIL and kept for later, a duplicate is
 * refused and dropped.  At the end everything is delivered until nothing
 * moves, and sync-sim-check.c compares the devices.  Then the same with
 * three devices through the folder layer (sync-sim-folder.c): `cxo sync`
 * on each device's own copy of the folder, files copied between the
 * copies in a random order, some cut short first and completed later.
 *
 * The run is deterministic for a seed: the store's clock (time,
 * clock_gettime CLOCK_REALTIME) is a simulated one, each device's a little
 * off from the others', and its new ids come from getrandom, both defined
 * here over the C library's.  Prints one line a run: writes, exchanges,
 * conflicts, seconds.  A failure prints the seed and the first difference,
 * keeps the directory, and exits 1.
 */
#include <errno.h>
#include <ftw.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sysexits.h>
#include <time.h>
#include <unistd.h>

#include "cxo/date.h"
#include "sync-sim.h"

/* ---- the simulated clock and ids ---- */

static int64_t sim_now_ms; /* the simulated time, unix milliseconds */
static int64_t cur_skew_ms;
static uint64_t id_state;

static uint64_t splitmix(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

ssize_t getrandom(void *buf, size_t n, unsigned int flags)
{
	(void)flags;
	unsigned char *p = buf;
	for (size_t i = 0; i < n; i += 8) {
		uint64_t r = splitmix(&id_state);
		memcpy(p + i, &r, n - i < 8 ? n - i : 8);
	}
	return (ssize_t)n;
}

time_t time(time_t *t)
{
	time_t now = (time_t)((sim_now_ms + cur_skew_ms) / 1000);
	if (t)
		*t = now;
	return now;
}

int clock_gettime(clockid_t id, struct timespec *ts)
{
	if (id != CLOCK_REALTIME)
		return (int)syscall(SYS_clock_gettime, id, ts);
	int64_t ms = sim_now_ms + cur_skew_ms;
	ts->tv_sec = (time_t)(ms / 1000);
	ts->tv_nsec = (long)(ms % 1000) * 1000000L;
	return 0;
}

static double real_seconds(void)
{
	struct timespec ts;
	syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int32_t sim_today(void)
{
	return (int32_t)((sim_now_ms + cur_skew_ms) / 86400000);
}

/* ---- randomness and failures ---- */

uint64_t sim_rand(struct sim *s)
{
	return splitmix(&s->rng);
}

long sim_below(struct sim *s, long n)
{
	return (long)(sim_rand(s) % (uint64_t)n);
}

bool sim_chance(struct sim *s, int percent)
{
	return sim_below(s, 100) < percent;
}

int sim_failf(struct sim *s, const char *fmt, ...)
{
	if (!s->fail[0]) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(s->fail, sizeof s->fail, fmt, ap);
		va_end(ap);
	}
	return 1;
}

void sim_use(struct sim *s, int d)
{
	sim_now_ms += 1000 + (int64_t)sim_below(s, 30000);
	cur_skew_ms = s->dev[d].skew_ms;
}

/* ---- the tracking database ---- */

int sim_query_text(struct sim *s, const char *sql, const char *arg, char *out, size_t n)
{
	sqlite3_stmt *q = NULL;
	out[0] = '\0';
	int rc = sqlite3_prepare_v2(s->track, sql, -1, &q, NULL);
	if (rc == SQLITE_OK && arg)
		rc = sqlite3_bind_text(q, 1, arg, -1, SQLITE_TRANSIENT);
	if (rc == SQLITE_OK) {
		rc = sqlite3_step(q);
		if (rc == SQLITE_ROW) {
			const unsigned char *t = sqlite3_column_text(q, 0);
			snprintf(out, n, "%s", t ? (const char *)t : "");
			rc = SQLITE_DONE;
		}
	}
	if (rc != SQLITE_DONE)
		sim_failf(s, "sync-sim's query failed: %s: %s", sqlite3_errmsg(s->track), sql);
	sqlite3_finalize(q);
	return rc == SQLITE_DONE ? 0 : 1;
}

long long sim_query_int(struct sim *s, const char *sql)
{
	char buf[32];
	if (sim_query_text(s, sql, NULL, buf, sizeof buf))
		return -1;
	return strtoll(buf, NULL, 10);
}

static int exec(struct sim *s, const char *sql)
{
	char *err = NULL;
	if (sqlite3_exec(s->track, sql, NULL, NULL, &err) != SQLITE_OK) {
		sim_failf(s, "sync-sim: %s: %s", err ? err : "?", sql);
		sqlite3_free(err);
		return 1;
	}
	return 0;
}

static const char TRACK_SCHEMA[] =
        "CREATE TABLE written(tbl TEXT, rid TEXT, col TEXT, val, op TEXT, dev INT, k INT);"
        "CREATE INDEX written_row ON written(tbl, rid, col);"
        "CREATE TABLE created(tbl TEXT, rid TEXT, client_id TEXT, parent TEXT,"
        " PRIMARY KEY (tbl, rid));"
        "CREATE TABLE deleted(tbl TEXT, rid TEXT, PRIMARY KEY (tbl, rid));"
        "CREATE TABLE vc(dev INT, k INT, peer INT, applied INT, PRIMARY KEY (dev, k, peer));"
        "CREATE TABLE conflicts(dev INT, kind TEXT, tbl TEXT, row_id TEXT, field TEXT);";

/* The logical identity of a row: its id column, else its primary key's
 * columns joined; index of the identity column (-1: the whole key), and
 * the column of its parent (note_shares, entry_sources). */
struct tbl_info {
	char name[32];
	int ncol;
	char cols[24][32];
	int id_col, client_col, parent_col;
};
static struct tbl_info tinfo[32];
static size_t n_tinfo;

static const struct tbl_info *table_info(struct sim *s, int d, const char *name)
{
	for (size_t i = 0; i < n_tinfo; i++)
		if (!strcmp(tinfo[i].name, name))
			return &tinfo[i];
	if (n_tinfo == sizeof tinfo / sizeof tinfo[0])
		return NULL;
	struct tbl_info *t = &tinfo[n_tinfo];
	memset(t, 0, sizeof *t);
	snprintf(t->name, sizeof t->name, "%s", name);
	t->id_col = t->client_col = t->parent_col = -1;
	char sql[128];
	snprintf(sql, sizeof sql, "PRAGMA d%d.table_info(%s)", d, name);
	sqlite3_stmt *q = NULL;
	if (sqlite3_prepare_v2(s->track, sql, -1, &q, NULL) != SQLITE_OK)
		return NULL;
	while (sqlite3_step(q) == SQLITE_ROW && t->ncol < 24) {
		const char *c = (const char *)sqlite3_column_text(q, 1);
		snprintf(t->cols[t->ncol], sizeof t->cols[0], "%s", c ? c : "");
		if (!strcmp(t->cols[t->ncol], "id"))
			t->id_col = t->ncol;
		else if (!strcmp(t->cols[t->ncol], "client_id"))
			t->client_col = t->ncol;
		else if (!strcmp(t->cols[t->ncol], "note_id") ||
		         !strcmp(t->cols[t->ncol], "entry_id"))
			t->parent_col = t->ncol;
		t->ncol++;
	}
	sqlite3_finalize(q);
	if (!strcmp(name, "clients"))
		t->client_col = t->id_col;
	n_tinfo++;
	return t;
}

static void value_text(sqlite3_value *v, char *out, size_t n)
{
	const unsigned char *t = v ? sqlite3_value_text(v) : NULL;
	snprintf(out, n, "%s", t ? (const char *)t : "");
}

/* The identity of the row a changeset op names (pk: its primary key's
 * values, new or old). */
static void row_identity(sqlite3_changeset_iter *it, const struct tbl_info *t, bool use_new,
                         char *out, size_t n)
{
	sqlite3_value *v = NULL;
	out[0] = '\0';
	if (t->id_col >= 0) {
		(use_new ? sqlite3changeset_new : sqlite3changeset_old)(it, t->id_col, &v);
		value_text(v, out, n);
		return;
	}
	unsigned char *pk = NULL;
	int ncol = 0;
	sqlite3changeset_pk(it, &pk, &ncol);
	for (int i = 0; i < ncol; i++) {
		if (!pk[i])
			continue;
		char part[128];
		v = NULL;
		(use_new ? sqlite3changeset_new : sqlite3changeset_old)(it, i, &v);
		value_text(v, part, sizeof part);
		size_t len = strlen(out);
		snprintf(out + len, n - len, "%s%s", len ? "|" : "", part);
	}
}

/* Records what change k of device d wrote. */
static int track_changeset(struct sim *s, int d, long long k, const void *data, int size)
{
	sqlite3_changeset_iter *it = NULL;
	if (sqlite3changeset_start(&it, size, (void *)data) != SQLITE_OK)
		return sim_failf(s, "cannot read a changeset of %s", s->dev[d].name);
	sqlite3_stmt *w = NULL, *c = NULL, *del = NULL;
	int rc = sqlite3_prepare_v2(
	        s->track, "INSERT INTO written VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", -1, &w, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(s->track,
		                        "INSERT OR IGNORE INTO created VALUES (?1, ?2, ?3, ?4)", -1,
		                        &c, NULL);
	/* a delete and an insert of one row in a change is a move (a new
	 * primary key): deletes are kept aside until the end */
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(s->track, "INSERT OR IGNORE INTO temp.dels VALUES (?1, ?2)",
		                        -1, &del, NULL);
	while (rc == SQLITE_OK && sqlite3changeset_next(it) == SQLITE_ROW) {
		const char *tname = NULL;
		int ncol = 0, op = 0, indirect = 0;
		sqlite3changeset_op(it, &tname, &ncol, &op, &indirect);
		if (!strcmp(tname, "timer"))
			continue; /* this machine's, never synced */
		const struct tbl_info *t = table_info(s, d, tname);
		if (!t || t->ncol != ncol) {
			rc = sim_failf(s, "table %s: unexpected columns in a changeset", tname);
			break;
		}
		char rid[256];
		row_identity(it, t, op == SQLITE_INSERT, rid, sizeof rid);
		if (op == SQLITE_DELETE) {
			sqlite3_bind_text(del, 1, tname, -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(del, 2, rid, -1, SQLITE_TRANSIENT);
			rc = sqlite3_step(del) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
			sqlite3_reset(del);
			continue;
		}
		if (op == SQLITE_INSERT) {
			sqlite3_value *cv = NULL, *pv = NULL;
			if (t->client_col >= 0)
				sqlite3changeset_new(it, t->client_col, &cv);
			if (t->parent_col >= 0)
				sqlite3changeset_new(it, t->parent_col, &pv);
			sqlite3_bind_text(c, 1, tname, -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(c, 2, rid, -1, SQLITE_TRANSIENT);
			if (cv)
				sqlite3_bind_value(c, 3, cv);
			else
				sqlite3_bind_null(c, 3);
			if (pv)
				sqlite3_bind_value(c, 4, pv);
			else
				sqlite3_bind_null(c, 4);
			rc = sqlite3_step(c) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
			sqlite3_reset(c);
		}
		for (int i = 0; rc == SQLITE_OK && i < ncol; i++) {
			sqlite3_value *v = NULL;
			if (sqlite3changeset_new(it, i, &v) != SQLITE_OK || !v)
				continue;
			sqlite3_bind_text(w, 1, tname, -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(w, 2, rid, -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(w, 3, t->cols[i], -1, SQLITE_STATIC);
			sqlite3_bind_value(w, 4, v);
			sqlite3_bind_text(w, 5, op == SQLITE_INSERT ? "I" : "U", -1, SQLITE_STATIC);
			sqlite3_bind_int(w, 6, d);
			sqlite3_bind_int64(w, 7, k);
			rc = sqlite3_step(w) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
			sqlite3_reset(w);
		}
	}
	if (rc == SQLITE_OK) {
		char sql[320];
		snprintf(sql, sizeof sql,
		         "INSERT OR IGNORE INTO deleted SELECT * FROM temp.dels x WHERE NOT EXISTS"
		         " (SELECT 1 FROM written w WHERE w.tbl = x.tbl AND w.rid = x.rid AND"
		         " w.dev = %d AND w.k = %lld AND w.op = 'I'); DELETE FROM temp.dels",
		         d, k);
		rc = sqlite3_exec(s->track, sql, NULL, NULL, NULL);
	}
	sqlite3_finalize(w);
	sqlite3_finalize(c);
	sqlite3_finalize(del);
	sqlite3changeset_finalize(it);
	if (rc != SQLITE_OK)
		return sim_failf(s, "tracking a change of %s: %s", s->dev[d].name,
		                 sqlite3_errmsg(s->track));
	return 0;
}

int sim_track(struct sim *s, int d)
{
	struct sim_dev *dv = &s->dev[d];
	char sql[256];
	snprintf(
	        sql, sizeof sql,
	        "SELECT seq, device IS NULL, changeset FROM d%d.journal WHERE seq > ? ORDER BY seq",
	        d);
	sqlite3_stmt *q = NULL;
	if (sqlite3_prepare_v2(s->track, sql, -1, &q, NULL) != SQLITE_OK)
		return sim_failf(s, "reading %s's journal: %s", dv->name, sqlite3_errmsg(s->track));
	sqlite3_bind_int64(q, 1, dv->last_seq);
	int rc = 0, step;
	while (!rc && (step = sqlite3_step(q)) == SQLITE_ROW) {
		dv->last_seq = sqlite3_column_int64(q, 0);
		if (!sqlite3_column_int(q, 1))
			continue; /* applied from another device */
		long long k = ++dv->local;
		for (int p = 0; !rc && p < s->n; p++) {
			char ins[160];
			snprintf(ins, sizeof ins, "INSERT INTO vc VALUES (%d, %lld, %d, %lld)", d,
			         k, p, p == d ? k : dv->applied[p]);
			rc = exec(s, ins);
		}
		if (!rc)
			rc = track_changeset(s, d, k, sqlite3_column_blob(q, 2),
			                     sqlite3_column_bytes(q, 2));
	}
	sqlite3_finalize(q);
	return rc;
}

/* ---- the exchange ---- */

static void *grow(void *p, size_t *cap, size_t want, size_t size)
{
	if (want <= *cap)
		return p;
	size_t n = *cap ? *cap * 2 : 64;
	while (n < want)
		n *= 2;
	void *q = realloc(p, n * size);
	if (!q) {
		fputs("sync-sim: out of memory\n", stderr);
		exit(EX_OSERR);
	}
	*cap = n;
	return q;
}

static void inbox_push(struct sim_dev *dv, size_t m)
{
	dv->inbox = grow(dv->inbox, &dv->cap_inbox, dv->n_inbox + 1, sizeof *dv->inbox);
	dv->inbox[dv->n_inbox++] = m;
}

/* Device d hands out every change it has not yet: into the others'
 * inboxes, sometimes twice (unless to is false: the changes before a
 * snapshot, which the snapshot holds). */
static int sim_export(struct sim *s, int d, bool to, size_t *count)
{
	struct sim_dev *dv = &s->dev[d];
	sim_use(s, d);
	for (;;) {
		struct sync_change c = { 0 };
		bool found = false;
		int rc = store_sync_next_out(dv->st, &c, &found);
		if (rc)
			return sim_failf(s, "store_sync_next_out on %s failed (%d): %s", dv->name,
			                 rc, store_error(dv->st));
		if (!found)
			break;
		long long want = dv->applied[d] + 1;
		if (c.seq != want || !c.data || c.size <= 0) {
			sync_change_free(&c);
			return sim_failf(s, "%s handed out change %lld (%d bytes), expected %lld",
			                 dv->name, c.seq, c.size, want);
		}
		if ((rc = store_sync_sent(dv->st, c.journal_seq, c.seq))) {
			sync_change_free(&c);
			return sim_failf(s, "store_sync_sent on %s failed (%d): %s", dv->name, rc,
			                 store_error(dv->st));
		}
		dv->applied[d] = c.seq;
		s->msgs = grow(s->msgs, &s->cap_msgs, s->n_msgs + 1, sizeof *s->msgs);
		size_t m = s->n_msgs++;
		s->msgs[m] = (struct sim_msg){ d, c.seq, c.hlc, c.data, c.size };
		c.data = NULL;
		sync_change_free(&c);
		if (count)
			++*count;
		for (int r = 0; to && r < s->n; r++) {
			if (r == d)
				continue;
			inbox_push(&s->dev[r], m);
			if (sim_chance(s, 10))
				inbox_push(&s->dev[r], m); /* delivered twice */
		}
	}
	return 0;
}

/* Device r applies up to max changes of its inbox, in a random order. */
static int sim_deliver(struct sim *s, int r, size_t max)
{
	struct sim_dev *dv = &s->dev[r];
	for (size_t i = dv->n_inbox; i > 1; i--) {
		size_t j = (size_t)sim_below(s, (long)i), t = dv->inbox[i - 1];
		dv->inbox[i - 1] = dv->inbox[j];
		dv->inbox[j] = t;
	}
	size_t i = 0;
	for (size_t tries = 0; i < dv->n_inbox && tries < max; tries++) {
		const struct sim_msg *m = &s->msgs[dv->inbox[i]];
		const char *from = s->dev[m->from].name;
		long long had = dv->applied[m->from];
		bool next = m->seq == had + 1;
		if (!next && sim_chance(s, 80)) {
			/* what the folder layer would see without asking the
			 * store; a fifth are offered to it, to be refused */
			if (m->seq > had) {
				s->stats.held++;
				i++;
			} else {
				s->stats.duplicates++;
				dv->inbox[i] = dv->inbox[--dv->n_inbox];
			}
			continue;
		}
		struct sync_apply_result res = { 0 };
		sim_use(s, r);
		s->stats.exchanges++;
		int rc = store_sync_apply(dv->st, from, m->seq, m->hlc, m->data, m->size, &res);
		if (rc == 0 && !next)
			return sim_failf(s, "%s applied change %lld of %s, having applied %lld",
			                 dv->name, m->seq, from, had);
		if (rc == EX_TEMPFAIL && next)
			return sim_failf(s, "%s refused change %lld of %s, the next one: %s",
			                 dv->name, m->seq, from, store_error(dv->st));
		if (rc && rc != EX_TEMPFAIL)
			return sim_failf(s, "%s could not apply change %lld of %s (%d): %s",
			                 dv->name, m->seq, from, rc, store_error(dv->st));
		if (rc == EX_TEMPFAIL && m->seq > had) {
			s->stats.held++;
			i++;
			continue;
		}
		if (rc == EX_TEMPFAIL) {
			s->stats.duplicates++;
		} else {
			s->stats.applied++;
			dv->applied[m->from] = m->seq;
			long long peer = -1;
			if ((rc = store_sync_peer(dv->st, from, &peer)) || peer != m->seq)
				return sim_failf(s,
				                 "after change %lld of %s, %s says it applied %lld",
				                 m->seq, from, dv->name, peer);
			if ((rc = sim_track(s, r)))
				return rc;
		}
		dv->inbox[i] = dv->inbox[--dv->n_inbox];
	}
	return 0;
}

/* Everything handed out and delivered, until nothing moves. */
static int sim_drain(struct sim *s)
{
	for (int round = 0; round < 50; round++) {
		size_t out = 0, waiting = 0;
		for (int d = 0; d < s->n; d++)
			if (sim_export(s, d, true, &out))
				return 1;
		for (int r = 0; r < s->n; r++) {
			size_t before;
			do {
				before = s->dev[r].n_inbox;
				if (sim_deliver(s, r, before))
					return 1;
			} while (s->dev[r].n_inbox && s->dev[r].n_inbox < before);
			waiting += s->dev[r].n_inbox;
		}
		if (waiting)
			return sim_failf(s, "%zu changes could never be applied", waiting);
		if (!out)
			return 0;
	}
	return sim_failf(s, "the devices kept making changes while syncing");
}

/* ---- a run ---- */

static int rm_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb, (void)flag, (void)ftw;
	return remove(path);
}

int sim_attach(struct sim *s, int d)
{
	char *sql = sqlite3_mprintf("ATTACH %Q AS d%d", s->dev[d].path, d);
	int rc = sql ? exec(s, sql) : 1;
	sqlite3_free(sql);
	return rc;
}

static int open_dev(struct sim *s, int d)
{
	struct sim_dev *dv = &s->dev[d];
	snprintf(dv->name, sizeof dv->name, "dev%d", d);
	snprintf(dv->path, sizeof dv->path, "%s/dev%d.db", s->dir, d);
	dv->skew_ms = d ? (int64_t)sim_below(s, 240001) - 120000 : 0;
	char err[512] = "", folder[1100];
	int rc = store_open(dv->path, STORE_WRITE, 5000, &dv->st, NULL, err, sizeof err);
	if (rc)
		return sim_failf(s, "opening %s: %s", dv->path, err);
	snprintf(folder, sizeof folder, "%s/folder", s->dir);
	if ((rc = store_journal_origin(dv->st, "sync-sim")) ||
	    (rc = store_sync_set(dv->st, dv->name, folder)))
		return sim_failf(s, "setting up %s: %s", dv->name, store_error(dv->st));
	return sim_attach(s, d);
}

/* The run through the folder layer: devices sync at random moments, and
 * files go from copy to copy of the folder at others. */
static int run_folder(struct sim *s, long writes, double t0)
{
	if (sim_folder_setup(s))
		return 1;
	memset(&s->stats, 0, sizeof s->stats); /* the seed's writes are not counted */
	int n = s->n;
	for (long w = 0; w < writes; w++) {
		if (sim_write(s, (int)sim_below(s, n)))
			return 1;
		if (sim_chance(s, 15) && sim_folder_sync(s, (int)sim_below(s, n)))
			return 1;
		if (sim_chance(s, 25)) {
			int a = (int)sim_below(s, n), b = (a + 1 + (int)sim_below(s, n - 1)) % n;
			if (sim_folder_copy(s, a, b, 1 + (size_t)sim_below(s, 6), true, NULL))
				return 1;
		}
	}
	if (sim_folder_drain(s) || sim_check(s))
		return 1;
	printf("sync-sim: %d devices through the folder, seed %" PRIu64 ": %ld writes (%ld"
	       " refused), %ld files copied, %ld changes applied (%ld waited), %ld conflicts,"
	       " %.2f s\n",
	       n, s->seed, s->stats.writes, s->stats.refused, s->stats.exchanges, s->stats.applied,
	       s->stats.held, s->stats.conflicts, real_seconds() - t0);
	return 0;
}

static int run(struct sim *s, int n, long writes)
{
	double t0 = real_seconds();
	memset(&s->stats, 0, sizeof s->stats);
	s->n = n;
	s->rng = s->seed * 1000003u + (uint64_t)n;
	id_state = s->seed ^ (0x5eedULL << 32) ^ (uint64_t)n;
	n_tinfo = 0;
	sim_now_ms = (int64_t)date_from_ymd(2026, 11, 30) * 86400000 + 8 * 3600000;
	/* in memory when the machine has a tmpfs: every write is synced, and
	 * a disk's syncs take most of the time */
	const char *tmp = getenv("SYNC_SIM_DIR");
	struct stat sb;
	if (!tmp || !*tmp)
		tmp = stat("/dev/shm", &sb) == 0 && S_ISDIR(sb.st_mode) &&
		                      access("/dev/shm", W_OK) == 0
		              ? "/dev/shm"
		              : getenv("TMPDIR");
	snprintf(s->dir, sizeof s->dir, "%s/cxo-sync-sim-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(s->dir))
		return sim_failf(s, "cannot make a directory %s: %s", s->dir, strerror(errno));
	if (sqlite3_open(":memory:", &s->track) != SQLITE_OK || exec(s, TRACK_SCHEMA) ||
	    exec(s, "CREATE TEMP TABLE dels(tbl TEXT, rid TEXT, PRIMARY KEY (tbl, rid))"))
		return sim_failf(s, "cannot set up the tracking database");
	if (s->folder)
		return run_folder(s, writes, t0);
	/* the first device, seeded; the others from its snapshot */
	if (open_dev(s, 0) || sim_seed(s) || sim_export(s, 0, false, NULL))
		return 1;
	for (int d = 1; d < n; d++) {
		char path[1100];
		snprintf(path, sizeof path, "%s/dev%d.db", s->dir, d);
		sim_use(s, 0);
		if (store_sync_snapshot(s->dev[0].st, path))
			return sim_failf(s, "store_sync_snapshot to %s: %s", path,
			                 store_error(s->dev[0].st));
		if (open_dev(s, d))
			return 1;
		long long had = -1;
		if (store_sync_peer(s->dev[d].st, "dev0", &had) || had != s->dev[0].applied[0])
			return sim_failf(
			        s, "the snapshot says it holds %lld of dev0's changes, not %lld",
			        had, s->dev[0].applied[0]);
		s->dev[d].applied[0] = had;
		/* the changes before the snapshot reach it anyway: duplicates */
		for (size_t m = 0; m < s->n_msgs; m++)
			inbox_push(&s->dev[d], m);
		if (sim_track(s, d))
			return 1;
	}
	memset(&s->stats, 0, sizeof s->stats);
	for (long w = 0; w < writes; w++) {
		if (sim_write(s, (int)sim_below(s, n)))
			return 1;
		if (sim_chance(s, 15) && sim_export(s, (int)sim_below(s, n), true, NULL))
			return 1;
		if (sim_chance(s, 20) &&
		    sim_deliver(s, (int)sim_below(s, n), 1 + (size_t)sim_below(s, 8)))
			return 1;
	}
	if (sim_drain(s) || sim_check(s))
		return 1;
	printf("sync-sim: %d devices, seed %" PRIu64 ": %ld writes (%ld refused), %ld exchanges"
	       " (%ld applied, %ld duplicates dropped, %ld held back), %ld conflicts, %.2f s\n",
	       n, s->seed, s->stats.writes, s->stats.refused, s->stats.exchanges, s->stats.applied,
	       s->stats.duplicates, s->stats.held, s->stats.conflicts, real_seconds() - t0);
	return 0;
}

static void finish(struct sim *s, bool keep)
{
	sim_folder_free(s);
	for (int d = 0; d < SIM_MAX_DEV; d++) {
		if (s->dev[d].st)
			store_close(s->dev[d].st);
		free(s->dev[d].inbox);
	}
	for (size_t m = 0; m < s->n_msgs; m++)
		free(s->msgs[m].data);
	free(s->msgs);
	sqlite3_close(s->track);
	if (!keep && s->dir[0])
		nftw(s->dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	uint64_t seed = s->seed;
	memset(s, 0, sizeof *s);
	s->seed = seed;
}

int main(int argc, char **argv)
{
	long writes = argc > 1 ? strtol(argv[1], NULL, 10) : 1000;
	if (argc > 2 || writes < 1) {
		fprintf(stderr, "usage: sync-sim [WRITES]   (SYNC_SIM_SEED=n replays a run)\n");
		return EX_USAGE;
	}
	setenv("TZ", "UTC", 1);
	tzset();
	static struct sim s;
	const char *env = getenv("SYNC_SIM_SEED");
	if (env && *env) {
		s.seed = strtoull(env, NULL, 10);
	} else {
		uint64_t r = 0;
		if (syscall(SYS_getrandom, &r, sizeof r, 0) != (long)sizeof r)
			r = (uint64_t)getpid() ^ (uint64_t)real_seconds();
		s.seed = r % 1000000000u;
	}
	/* two and three devices through the store, then three through the
	 * folder */
	const char *only = getenv("SYNC_SIM_ONLY");
	static const char *const names[] = { "2", "3", "folder" };
	for (int i = 0; i < 3; i++) {
		int n = i ? 3 : 2;
		s.folder = i == 2;
		if (only && *only && strcmp(only, names[i]))
			continue;
		int rc = run(&s, n, writes);
		if (rc) {
			fprintf(stderr,
			        "sync-sim: FAILED with %d devices%s, seed %" PRIu64
			        " (SYNC_SIM_SEED=%" PRIu64 " replays it): %s\n"
			        "sync-sim: the databases are in %s\n",
			        n, s.folder ? " through the folder" : "", s.seed, s.seed, s.fail,
			        s.dir);
			finish(&s, true);
			return 1;
		}
		finish(&s, false);
	}
	return 0;
}
