/*
 * sync-sim.h: the parts of the sync simulation (sync-sim.c runs it,
 * sync-sim-ops.c makes the random writes, sync-sim-check.c compares the
 * devices at the end).
 *
 * Every device is a cxo database in a private directory, written through
 * the store's own write functions and the rules the shell applies.  What
 * each device wrote is read back from its journal (the changesets) into
 * an in-memory SQLite database, "track", to which every device's file is
 * attached as d0, d1, ...: the final checks are queries over it.
 */
#ifndef CXO_SYNC_SIM_H
#define CXO_SYNC_SIM_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cxo/app.h"
#include "cxo/journal.h"
#include "cxo/store.h"

#define SIM_MAX_DEV 4

struct sim_dev {
	char name[16];
	char path[1100];
	struct store *st;
	struct cxo_app *app;            /* through the folder: the app that holds st */
	long long last_seq;             /* the journal read up to here */
	long long local;                /* changes made here so far */
	long long applied[SIM_MAX_DEV]; /* sequence numbers applied of each device */
	int64_t skew_ms;                /* this device's clock against the simulated time */
	size_t *inbox;                  /* messages waiting for this device (indexes) */
	size_t n_inbox, cap_inbox;
};

/* A change handed out by a device. */
struct sim_msg {
	int from;
	long long seq;
	int64_t hlc;
	void *data;
	int size;
};

struct sim_stats {
	long writes, refused, exchanges, applied, duplicates, held, conflicts;
};

struct sim {
	uint64_t seed;
	uint64_t rng;
	int n;
	bool folder; /* through the folder layer, else the store directly */
	char dir[1024];
	struct sim_dev dev[SIM_MAX_DEV];
	struct sim_msg *msgs;
	size_t n_msgs, cap_msgs;
	sqlite3 *track;
	struct sim_stats stats;
	char fail[2048]; /* the first failure, "" while none */
};

/* ---- sync-sim.c ---- */
uint64_t sim_rand(struct sim *s);
/* 0 <= result < n (n > 0). */
long sim_below(struct sim *s, long n);
/* true with probability percent / 100. */
bool sim_chance(struct sim *s, int percent);
/* Records the first failure (later ones are ignored); returns 1. */
int sim_failf(struct sim *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Makes device d the one whose clock the store reads, and moves the
 * simulated time on by a few seconds. */
void sim_use(struct sim *s, int d);
/* The simulated day (local = UTC here), as cxo_day and text. */
int32_t sim_today(void);
/* Attaches device d's database to track as dN. */
int sim_attach(struct sim *s, int d);
/* Reads the journal rows device d wrote since the last call into track:
 * its own changes with their values, the changes applied. */
int sim_track(struct sim *s, int d);
/* Runs sql on track with one text argument (NULL: none); fills out with
 * the first column of the first row ("" when none). */
int sim_query_text(struct sim *s, const char *sql, const char *arg, char *out, size_t n);
long long sim_query_int(struct sim *s, const char *sql);

/* ---- sync-sim-ops.c ---- */
/* Seeds device 0 with a small portfolio. */
int sim_seed(struct sim *s);
/* One random write on device d: 0 (done or refused as the CLI would be)
 * or 1 on an unexpected failure (sim->fail says what). */
int sim_write(struct sim *s, int d);

/* ---- sync-sim-folder.c ---- */
/* Device 0 seeded and made a device of its copy of the folder; the others
 * join from copies of it, taking its snapshot. */
int sim_folder_setup(struct sim *s);
/* Copies up to max of the files copy a has and copy b lacks (or holds cut
 * short), in a random order; cut: some cut short, to be completed by a
 * later copy.  *copied (may be NULL) counts them. */
int sim_folder_copy(struct sim *s, int a, int b, size_t max, bool cut, size_t *copied);
/* Device d's `cxo sync` on its copy. */
int sim_folder_sync(struct sim *s, int d);
/* Everything copied everywhere and every device synced, until nothing
 * moves. */
int sim_folder_drain(struct sim *s);
/* Closes the devices opened through the app. */
void sim_folder_free(struct sim *s);

/* ---- sync-sim-check.c ---- */
/* Every device identical, nothing lost, every conflict listed: 0, or 1
 * with sim->fail naming the first difference. */
int sim_check(struct sim *s);

#endif
