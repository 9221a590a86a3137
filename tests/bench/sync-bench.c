/*
 * sync-bench: what applying another device's changes costs (make bench,
 * tests/bench/journal-sync.sh).
 *
 *   sync-bench apply DIR N   a database that made N small writes, its
 *                            changes handed out, then applied on a copy
 *                            made before them (store_sync_apply, one
 *                            transaction each), beside the floor: the
 *                            same changesets applied by SQLite alone
 *                            (sqlite3changeset_apply, one transaction
 *                            each, no conflict to settle) on another copy,
 *                            and, for scale, all of them in one
 *                            transaction on a third; then the same
 *                            changes applied by the store in groups of
 *                            BATCH (store_sync_batch_begin, a savepoint
 *                            each, as `cxo sync` does) on a fourth
 *   sync-bench write DB N [off]
 *                            N small writes into the database DB (a
 *                            client's entries logged, edited, noted), in
 *                            one process: what a device made, to hand
 *                            out; off: with the journal off
 *                            (store_journal_keep 0), to weigh it
 *
 * Prints a line of figures for each step.  DIR must not hold a.db, b.db,
 * c.db, floor.db or floor-one.db.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>

#include "cxo/date.h"
#include "cxo/journal.h"
#include "cxo/store.h"

#define BATCH 1000

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int fail(struct store *st, const char *what)
{
	fprintf(stderr, "sync-bench: %s: %s\n", what, st ? store_error(st) : "failed");
	return EX_SOFTWARE;
}

static int open_db(const char *path, struct store **st)
{
	char err[512] = "";
	if (store_open(path, STORE_WRITE, 5000, st, NULL, err, sizeof err)) {
		fprintf(stderr, "sync-bench: %s\n", err);
		return EX_CANTCREAT;
	}
	return 0;
}

/* N small writes on the first client (made when there is none). */
static int writes(struct store *st, long n)
{
	struct client_list l = { 0 };
	struct client c = { 0 };
	if (store_client_list(st, true, &l))
		return fail(st, "listing the clients");
	if (l.n) {
		memcpy(c.id, l.items[0].id, sizeof c.id);
	} else {
		snprintf(c.key, sizeof c.key, "bench");
		c.name = (char *)"Bench";
		snprintf(c.role, sizeof c.role, "cio");
		if (store_client_add(st, &c))
			return fail(st, "adding a client");
		c.name = NULL;
	}
	client_list_free(&l);
	char last[UUID_LEN] = "";
	char text[64];
	time_t t = time(NULL);
	for (long i = 0; i < n; i++) {
		struct entry e = { 0 };
		struct note nt = { 0 };
		int rc = 0;
		snprintf(text, sizeof text, "bench write %ld", i);
		if (i % 5 == 4 && last[0]) {
			rc = store_entry_get(st, last, &e);
			free(e.note);
			e.note = strdup(text);
			if (!rc)
				rc = store_entry_update(st, &e);
		} else if (i % 5 == 3) {
			memcpy(nt.client_id, c.id, sizeof nt.client_id);
			nt.text = strdup(text);
			rc = store_note_add(st, &nt);
		} else {
			memcpy(e.client_id, c.id, sizeof e.client_id);
			date_format_iso((cxo_day)(t / 86400 - (time_t)(i % 20)), e.day);
			e.minutes = 15 + (int)(i % 8) * 15;
			e.note = strdup(text);
			e.billable = true;
			rc = store_entry_add(st, &e);
			memcpy(last, e.id, sizeof last);
		}
		entry_free(&e);
		note_free(&nt);
		if (rc)
			return fail(st, "writing");
	}
	return 0;
}

static int conflict_abort(void *ctx, int kind, sqlite3_changeset_iter *it)
{
	(void)ctx, (void)kind, (void)it;
	return SQLITE_CHANGESET_ABORT;
}

/* The floor: SQLite alone applies the changesets, batch a transaction. */
static int floor_apply(const char *path, struct sync_change *ch, long n, long batch, double *secs)
{
	sqlite3 *db = NULL;
	int rc = sqlite3_open(path, &db);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(db,
		                  "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; PRAGMA "
		                  "synchronous=NORMAL",
		                  NULL, NULL, NULL);
	double t0 = now();
	for (long i = 0; rc == SQLITE_OK && i < n; i++) {
		if (i % batch == 0)
			rc = sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
		if (rc == SQLITE_OK)
			rc = sqlite3changeset_apply(db, ch[i].size, ch[i].data, NULL,
			                            conflict_abort, NULL);
		if (rc == SQLITE_OK && (i % batch == batch - 1 || i == n - 1))
			rc = sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
	}
	*secs = now() - t0;
	if (rc != SQLITE_OK)
		fprintf(stderr, "sync-bench: the floor's apply: %s\n", sqlite3_errmsg(db));
	sqlite3_close(db);
	return rc == SQLITE_OK ? 0 : EX_SOFTWARE;
}

static int bench_apply(const char *dir, long n)
{
	char pa[4096], pb[4096], pc[4096], pf[4096], pg[4096];
	snprintf(pa, sizeof pa, "%s/a.db", dir);
	snprintf(pc, sizeof pc, "%s/c.db", dir);
	snprintf(pb, sizeof pb, "%s/b.db", dir);
	snprintf(pf, sizeof pf, "%s/floor.db", dir);
	snprintf(pg, sizeof pg, "%s/floor-one.db", dir);
	struct store *a = NULL, *b = NULL, *bc = NULL;
	int rc = open_db(pa, &a);
	if (rc)
		return rc;
	if (store_sync_set(a, "bench-a", dir) || writes(a, 1))
		return fail(a, "setting up");
	/* what the copies hold already is not handed out */
	struct sync_change c = { 0 };
	bool found = true;
	long long base = 0;
	while (found) {
		if (store_sync_next_out(a, &c, &found))
			return fail(a, "handing out");
		if (found && store_sync_sent(a, c.journal_seq, c.seq))
			return fail(a, "handing out");
		base = found ? c.seq : base;
		sync_change_free(&c);
	}
	if (store_sync_snapshot(a, pb) || store_sync_snapshot(a, pc) ||
	    store_sync_snapshot(a, pf) || store_sync_snapshot(a, pg))
		return fail(a, "the snapshots");
	double t0 = now();
	if (writes(a, n))
		return EX_SOFTWARE;
	double t_write = now() - t0;
	struct sync_change *ch = calloc((size_t)n, sizeof *ch);
	if (!ch)
		return EX_OSERR;
	long got = 0;
	t0 = now();
	for (found = true; found && got < n;) {
		if (store_sync_next_out(a, &ch[got], &found))
			return fail(a, "handing out");
		if (found && store_sync_sent(a, ch[got].journal_seq, ch[got].seq))
			return fail(a, "handing out");
		got += found;
	}
	double t_out = now() - t0;
	long long bytes = 0;
	for (long i = 0; i < got; i++)
		bytes += ch[i].size;
	if ((rc = open_db(pb, &b)) || store_sync_set(b, "bench-b", dir))
		return rc ? rc : fail(b, "setting up the copy");
	long long conflicts = 0;
	t0 = now();
	for (long i = 0; i < got; i++) {
		struct sync_apply_result res;
		if (store_sync_apply(b, "bench-a", ch[i].seq, ch[i].hlc, ch[i].data, ch[i].size,
		                     &res))
			return fail(b, "applying");
		conflicts += res.conflicts;
	}
	double t_apply = now() - t0, t_floor = 0, t_one = 0;
	if ((rc = open_db(pc, &bc)) || store_sync_set(bc, "bench-c", dir))
		return rc ? rc : fail(bc, "setting up the copy");
	t0 = now();
	for (long i = 0; i < got; i += BATCH) {
		if (store_sync_batch_begin(bc))
			return fail(bc, "a batch");
		for (long j = i; j < got && j < i + BATCH; j++) {
			struct sync_apply_result res;
			if (store_sync_apply(bc, "bench-a", ch[j].seq, ch[j].hlc, ch[j].data,
			                     ch[j].size, &res))
				return fail(bc, "applying in a batch");
		}
		if (store_sync_batch_end(bc, 0))
			return fail(bc, "a batch");
	}
	double t_batch = now() - t0;
	if ((rc = floor_apply(pf, ch, got, 1, &t_floor)) ||
	    (rc = floor_apply(pg, ch, got, got, &t_one)))
		return rc;
	printf("wrote %ld changes in %.2f s (%.0f/s); handed out in %.2f s; %lld bytes of"
	       " changesets (%.0f a change; the first after the copies is %lld)\n",
	       got, t_write, got / t_write, t_out, bytes, (double)bytes / (double)got, base + 1);
	printf("store_sync_apply: %ld changes in %.2f s: %.0f changes/s, %lld conflicts\n", got,
	       t_apply, got / t_apply, conflicts);
	printf("floor (sqlite3changeset_apply, a transaction each): %.2f s: %.0f changes/s;"
	       " store/floor %.2fx\n",
	       t_floor, got / t_floor, t_apply / t_floor);
	printf("SQLite alone, all in one transaction: %.2f s: %.0f changes/s\n", t_one,
	       got / t_one);
	printf("store_sync_apply in groups of %d (a savepoint each): %.2f s: %.0f changes/s;"
	       " against SQLite alone in one transaction %.2fx\n",
	       BATCH, t_batch, got / t_batch, t_batch / t_one);
	for (long i = 0; i < got; i++)
		sync_change_free(&ch[i]);
	free(ch);
	store_close(a);
	store_close(b);
	store_close(bc);
	return 0;
}

int main(int argc, char **argv)
{
	long n = argc >= 4 ? strtol(argv[3], NULL, 10) : 0;
	bool off = argc == 5 && !strcmp(argv[4], "off");
	if (argc < 4 || argc > 5 || (argc == 5 && !off) || n < 1 ||
	    (strcmp(argv[1], "apply") && strcmp(argv[1], "write")) ||
	    (off && strcmp(argv[1], "write"))) {
		fprintf(stderr, "usage: sync-bench apply DIR N | sync-bench write DB N [off]\n");
		return EX_USAGE;
	}
	if (!strcmp(argv[1], "apply"))
		return bench_apply(argv[2], n);
	struct store *st = NULL;
	int rc = open_db(argv[2], &st);
	if (rc)
		return rc;
	store_journal_origin(st, "sync-bench write");
	if (off)
		store_journal_keep(st, 0);
	double t0 = now();
	rc = writes(st, n);
	double t = now() - t0;
	if (!rc)
		printf("wrote %ld changes in %.3f s (%.3f ms a write), journal %s\n", n, t,
		       t * 1000 / (double)n, off ? "off" : "on");
	store_close(st);
	return rc;
}
