/*
 * journal.c: every write transaction recorded as a changeset (SQLite's
 * session extension), with the command that made it, one line saying what
 * it did and a hybrid logical clock time, in the same transaction.
 *
 * store_begin starts a session on the tables that hold the user's data;
 * store_commit, just before COMMIT, asks it for the changeset and keeps it.
 * The tables kept by triggers (daily totals, risk cells, days worked,
 * item changes) are not recorded: applying a changeset runs the triggers,
 * so they follow.  Settings and the record of exports are this file's own.
 */
#include "internal.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>

#include "cxo/journal.h"

/* In the order a summary prefers them: the first changed names the change. */
static const char *const recorded[] = {
	"clients",        "time_entries",     "risks",
	"actions",        "mandates",         "notes",
	"vendors",        "decisions",        "month_locks",
	"client_terms",   "note_shares",      "timer",
	"entry_sources",  "vendor_risks",     "decision_mandates",
	"decision_risks", "decision_vendors",
};
#define N_RECORDED (sizeof recorded / sizeof *recorded)

bool store_journal_table(const char *table)
{
	for (size_t i = 0; i < N_RECORDED; i++)
		if (!strcmp(recorded[i], table))
			return true;
	return false;
}

int store_journal_rank(const char *table)
{
	for (size_t i = 0; i < N_RECORDED; i++)
		if (!strcmp(recorded[i], table))
			return (int)i;
	return (int)N_RECORDED;
}

int store_journal_tables(void)
{
	return (int)N_RECORDED;
}

static int set_text(struct store *st, char **slot, const char *text)
{
	char *copy = NULL;
	if (text && !(copy = strdup(text)))
		return store_fail(st, EX_SOFTWARE, "out of memory");
	free(*slot);
	*slot = copy;
	return 0;
}

int store_journal_origin(struct store *st, const char *command)
{
	return set_text(st, &st->journal_origin, command);
}

int store_journal_describe(struct store *st, const char *summary)
{
	return set_text(st, &st->journal_summary, summary);
}

void store_journal_keep(struct store *st, int days)
{
	st->journal_days = days < 0 ? 0 : days;
}

static void next_reset(struct store *st)
{
	free(st->jnext.device);
	memset(&st->jnext, 0, sizeof st->jnext);
}

void store_journal_drop(struct store *st)
{
	if (st->session) {
		sqlite3session_delete(st->session);
		st->session = NULL;
	}
	next_reset(st);
	free(st->journal_summary);
	st->journal_summary = NULL;
}

int store_journal_start(struct store *st)
{
	if (st->session) {
		sqlite3session_delete(st->session);
		st->session = NULL;
	}
	if (!STORE_HAS_V7(st) || st->journal_days == 0 || st->journal_quiet)
		return 0;
	int rc = sqlite3session_create(st->db, "main", &st->session);
	for (size_t i = 0; rc == SQLITE_OK && i < N_RECORDED; i++)
		rc = sqlite3session_attach(st->session, recorded[i]);
	if (rc != SQLITE_OK) {
		sqlite3session_delete(st->session);
		st->session = NULL;
		return store_sql_fail(st, rc, "starting the journal");
	}
	return 0;
}

/* ---- the clock ---- */

int store_journal_hlc(struct store *st, int64_t *hlc)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	int64_t wall = ((int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000) << 16;
	int64_t last = 0;
	/* The devices' clocks count too: a database that started from a
	 * snapshot has no journal yet, but its changes come after those the
	 * snapshot holds. */
	sqlite3_stmt *s = store_stmt(st, Q_JOURNAL_MAX_HLC,
	                             "SELECT max(coalesce((SELECT max(hlc) FROM journal), 0),"
	                             " coalesce((SELECT max(hlc) FROM sync_peers), 0))");
	if (!s)
		return EX_SOFTWARE;
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		last = sqlite3_column_int64(s, 0);
	store_done(s);
	if (rc != SQLITE_ROW)
		return store_sql_fail(st, rc, "reading the journal's clock");
	*hlc = wall > last ? wall : last + 1;
	return 0;
}

/* ---- recording ---- */

static int prune(struct store *st)
{
	char cutoff[STAMP_LEN];
	clock_stamp_format((int64_t)time(NULL) - (int64_t)st->journal_days * 86400, cutoff);
	/* A change not yet written to the sync folder stays until it is. */
	sqlite3_stmt *s = store_stmt(st, Q_JOURNAL_PRUNE,
	                             "DELETE FROM journal WHERE at < ?1 AND NOT (device IS NULL"
	                             " AND out_seq IS NULL AND EXISTS (SELECT 1 FROM sync_state))");
	if (!s)
		return EX_SOFTWARE;
	store_bind_text(s, 1, cutoff);
	int rc = store_exec_stmt(st, s, "pruning the journal");
	if (rc)
		return rc;
	s = store_stmt(st, Q_JOURNAL_PRUNE_CONFLICTS, "DELETE FROM sync_conflicts WHERE at < ?1");
	if (!s)
		return EX_SOFTWARE;
	store_bind_text(s, 1, cutoff);
	return store_exec_stmt(st, s, "pruning the sync conflicts");
}

static int record(struct store *st, const void *cs, int size);

int store_journal_finish(struct store *st)
{
	if (!st->session) {
		/* A change applied exactly as another device made it: its own
		 * changeset is the record (sync_apply.c). */
		int rc = st->jnext.blob ? record(st, st->jnext.blob, st->jnext.blob_size) : 0;
		store_journal_drop(st);
		return rc;
	}
	int rc = 0;
	if (sqlite3session_isempty(st->session)) {
		store_journal_drop(st);
		return 0;
	}
	int size = 0;
	void *cs = NULL;
	int src = sqlite3session_changeset(st->session, &size, &cs);
	sqlite3session_delete(st->session);
	st->session = NULL;
	if (src != SQLITE_OK)
		rc = store_sql_fail(st, src, "recording the change");
	else if (size > 0)
		rc = record(st, cs, size);
	sqlite3_free(cs);
	store_journal_drop(st);
	return rc;
}

/* Keeps changeset cs as the journal's next entry, then prunes. */
static int record(struct store *st, const void *cs, int size)
{
	int rc;
	char summary[400], client_id[40] = "";
	if ((rc = store_journal_summarise(st, cs, size, summary, sizeof summary, client_id)))
		return rc;
	if (st->journal_summary)
		snprintf(summary, sizeof summary, "%s", st->journal_summary);
	int64_t hlc = st->jnext.hlc;
	if (!hlc && (rc = store_journal_hlc(st, &hlc)))
		return rc;
	char at[STAMP_LEN];
	store_now_stamp(at);
	sqlite3_stmt *s = store_stmt(
	        st, Q_JOURNAL_INSERT,
	        "INSERT INTO journal(at, hlc, kind, target, device, device_seq, client_id, command,"
	        " summary, changeset) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
	if (!s)
		return EX_SOFTWARE;
	store_bind_text(s, 1, at);
	sqlite3_bind_int64(s, 2, hlc);
	store_bind_text(s, 3, st->jnext.kind[0] ? st->jnext.kind : "change");
	if (st->jnext.target)
		sqlite3_bind_int64(s, 4, st->jnext.target);
	store_bind_text(s, 5, st->jnext.device);
	if (st->jnext.device)
		sqlite3_bind_int64(s, 6, st->jnext.device_seq);
	store_bind_text(s, 7, client_id[0] ? client_id : NULL);
	store_bind_text(s, 8, st->jnext.device ? NULL : st->journal_origin);
	store_bind_text(s, 9, summary);
	sqlite3_bind_blob(s, 10, cs, size, SQLITE_STATIC);
	if ((rc = store_exec_stmt(st, s, "recording the change")))
		return rc;
	return prune(st);
}

/* ---- reading ---- */

void journal_entry_free(struct journal_entry *e)
{
	if (!e)
		return;
	free(e->device);
	free(e->client_key);
	free(e->command);
	free(e->summary);
	memset(e, 0, sizeof *e);
}

void journal_list_free(struct journal_list *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->count; i++)
		journal_entry_free(&l->items[i]);
	free(l->items);
	memset(l, 0, sizeof *l);
}

#define ENTRY_SELECT                                                                               \
	"SELECT j.seq, j.at, j.hlc, j.kind, j.target, j.undone, j.device, c.key, j.command,"       \
	" j.summary, length(j.changeset) FROM journal j LEFT JOIN clients c ON c.id = "            \
	"j.client_id "

static int read_entry(sqlite3_stmt *s, struct journal_entry *e)
{
	bool oom = false;
	memset(e, 0, sizeof *e);
	e->seq = sqlite3_column_int64(s, 0);
	snprintf(e->at, sizeof e->at, "%s",
	         sqlite3_column_text(s, 1) ? (const char *)sqlite3_column_text(s, 1) : "");
	e->hlc = sqlite3_column_int64(s, 2);
	snprintf(e->kind, sizeof e->kind, "%s",
	         sqlite3_column_text(s, 3) ? (const char *)sqlite3_column_text(s, 3) : "");
	e->target = sqlite3_column_int64(s, 4);
	e->undone = sqlite3_column_int(s, 5) != 0;
	e->device = store_col_dup(s, 6, &oom);
	e->client_key = store_col_dup(s, 7, &oom);
	e->command = store_col_dup(s, 8, &oom);
	e->summary = store_col_dup(s, 9, &oom);
	e->bytes = sqlite3_column_int64(s, 10);
	if (!e->summary && !oom)
		oom = !(e->summary = strdup(""));
	return oom;
}

int store_history(struct store *st, const char *client_id, int limit, struct journal_list *out)
{
	memset(out, 0, sizeof *out);
	if (!STORE_HAS_V7(st))
		return 0;
	sqlite3_stmt *s = NULL;
	int src = sqlite3_prepare_v2(st->db,
	                             client_id ? ENTRY_SELECT "WHERE j.client_id = ?1"
	                                                      " ORDER BY j.seq DESC LIMIT ?2"
	                                       : ENTRY_SELECT "ORDER BY j.seq DESC LIMIT ?2",
	                             -1, &s, NULL);
	if (src != SQLITE_OK) {
		sqlite3_finalize(s);
		return store_sql_fail(st, src, "reading the history");
	}
	if (client_id)
		store_bind_text(s, 1, client_id);
	sqlite3_bind_int(s, 2, limit > 0 ? limit : 20);
	int rc = 0;
	size_t cap = 0;
	while ((src = sqlite3_step(s)) == SQLITE_ROW) {
		if (out->count == cap) {
			size_t ncap = cap ? cap * 2 : 16;
			struct journal_entry *p = realloc(out->items, ncap * sizeof *p);
			if (!p) {
				rc = store_fail(st, EX_SOFTWARE, "out of memory");
				break;
			}
			out->items = p;
			cap = ncap;
		}
		if (read_entry(s, &out->items[out->count++])) {
			rc = store_fail(st, EX_SOFTWARE, "out of memory");
			break;
		}
	}
	if (!rc && src != SQLITE_DONE)
		rc = store_sql_fail(st, src, "reading the history");
	sqlite3_finalize(s);
	if (rc)
		journal_list_free(out);
	return rc;
}

int store_journal_stats(struct store *st, struct journal_stats *out)
{
	memset(out, 0, sizeof *out);
	out->keep_days = st->journal_days;
	if (!STORE_HAS_V7(st))
		return 0;
	sqlite3_stmt *s = NULL;
	int src = sqlite3_prepare_v2(
	        st->db,
	        "SELECT count(*), coalesce(sum(length(changeset)), 0), coalesce(min(at), ''),"
	        " (SELECT count(*) FROM journal WHERE device IS NULL AND out_seq IS NULL"
	        "  AND EXISTS (SELECT 1 FROM sync_state)),"
	        " (SELECT count(*) FROM sync_conflicts) FROM journal",
	        -1, &s, NULL);
	if (src == SQLITE_OK && (src = sqlite3_step(s)) == SQLITE_ROW) {
		out->entries = sqlite3_column_int64(s, 0);
		out->bytes = sqlite3_column_int64(s, 1);
		snprintf(out->oldest, sizeof out->oldest, "%s", sqlite3_column_text(s, 2));
		out->unsent = sqlite3_column_int64(s, 3);
		out->conflicts = sqlite3_column_int64(s, 4);
		src = SQLITE_OK;
	}
	sqlite3_finalize(s);
	return src == SQLITE_OK ? 0 : store_sql_fail(st, src, "reading the journal's size");
}
