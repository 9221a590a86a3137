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

#include "cxo/duration.h"
#include "cxo/journal.h"
#include "sync_tables.h"

/* In the order a summary prefers them: the first changed names the change. */
static const char *const recorded[] = {
	"clients",     "time_entries", "risks",       "actions", "mandates",      "notes",
	"month_locks", "client_terms", "note_shares", "timer",   "entry_sources",
};
#define N_RECORDED (sizeof recorded / sizeof *recorded)

bool store_journal_table(const char *table)
{
	for (size_t i = 0; i < N_RECORDED; i++)
		if (!strcmp(recorded[i], table))
			return true;
	return false;
}

static int rank_of(const char *table)
{
	for (size_t i = 0; i < N_RECORDED; i++)
		if (!strcmp(recorded[i], table))
			return (int)i;
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

/* ---- the line saying what a change did ---- */

/* The text of column name of table's row whose id is id ("" if none). */
static void row_text(struct store *st, const char *table, const char *column, const char *id,
                     char *out, size_t n)
{
	char sql[160];
	out[0] = '\0';
	snprintf(sql, sizeof sql, "SELECT %s FROM %s WHERE id = ?1", column, table);
	sqlite3_stmt *s = NULL;
	if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK) {
		sqlite3_finalize(s);
		return;
	}
	store_bind_text(s, 1, id);
	if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_text(s, 0))
		snprintf(out, n, "%s", (const char *)sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
}

static int column_index(struct store *st, const char *table, const char *column)
{
	/* The columns as sync reads them, read once per handle. */
	struct sync_table *t = sync_table(st, table);
	return t ? sync_table_find(t, column) : -1;
}

/* Text of column of the change: its new value, else its old one. */
static const char *change_text(struct store *st, sqlite3_changeset_iter *it, const char *table,
                               const char *column, int op)
{
	int i = column_index(st, table, column);
	sqlite3_value *v = NULL;
	if (i < 0)
		return NULL;
	if (op != SQLITE_DELETE && sqlite3changeset_new(it, i, &v) == SQLITE_OK && v) {
		/* A column an update carries unchanged (journal_groups.c) is
		 * no new value. */
		sqlite3_value *was = NULL;
		if (op == SQLITE_INSERT && sqlite3changeset_old(it, i, &was) == SQLITE_OK && was &&
		    store_value_same(was, v))
			return NULL;
		return (const char *)sqlite3_value_text(v);
	}
	v = NULL;
	if (op != SQLITE_INSERT && sqlite3changeset_old(it, i, &v) == SQLITE_OK && v)
		return (const char *)sqlite3_value_text(v);
	return NULL;
}

/* Names of the columns an update set, comma separated. */
static void changed_columns(struct store *st, sqlite3_changeset_iter *it, const char *table,
                            int ncol, char *out, size_t n)
{
	out[0] = '\0';
	/* The names as sync reads them, once per handle. */
	struct sync_table *t = sync_table(st, table);
	for (int i = 0; t && i < ncol; i++) {
		sqlite3_value *v = NULL;
		const char *name = sync_table_column(t, i);
		sqlite3_value *was = NULL;
		if (!name || sqlite3changeset_new(it, i, &v) != SQLITE_OK || !v ||
		    (sqlite3changeset_old(it, i, &was) == SQLITE_OK && was &&
		     store_value_same(was, v)))
			continue;
		size_t len = strlen(out);
		snprintf(out + len, n - len, "%s%s", len ? ", " : "", name);
	}
}

static void short_id(const char *id, char out[9])
{
	snprintf(out, 9, "%.8s", id ? id : "?");
}

/* The verb of a status change, or NULL when the status did not change. */
static const char *status_verb(const char *table, const char *status)
{
	if (!status)
		return NULL;
	if (!strcmp(status, "closed") || (!strcmp(table, "mandates") && !strcmp(status, "done")))
		return "closed";
	if (!strcmp(status, "done"))
		return "completed";
	if (!strcmp(status, "dropped"))
		return "dropped";
	if (!strcmp(status, "accepted"))
		return "accepted";
	if (!strcmp(status, "waiting"))
		return "set waiting";
	if (!strcmp(status, "paused") || !strcmp(status, "ended"))
		return !strcmp(status, "paused") ? "paused" : "ended";
	return "reopened";
}

static const char *noun_of(const char *table)
{
	if (!strcmp(table, "risks"))
		return "risk";
	if (!strcmp(table, "actions"))
		return "action";
	if (!strcmp(table, "mandates"))
		return "mandate";
	return "note";
}

/* One line for the change it points at; client_id gets its client. */
static void describe(struct store *st, sqlite3_changeset_iter *it, char *out, size_t n,
                     char client_id[40])
{
	const char *table;
	int ncol, op, indirect;
	sqlite3changeset_op(it, &table, &ncol, &op, &indirect);
	const char *id = change_text(st, it, table,
	                             !strcmp(table, "note_shares")     ? "note_id"
	                             : !strcmp(table, "entry_sources") ? "entry_id"
	                                                               : "id",
	                             op);
	char sid[9], key[40] = "", what[200] = "";
	short_id(id, sid);
	const char *cid =
	        !strcmp(table, "clients") ? id : change_text(st, it, table, "client_id", op);
	char cid_buf[40] = "";
	if (!cid && id) {
		/* A share or a source has its client through its note or entry. */
		const char *parent = !strcmp(table, "note_shares")     ? "notes"
		                     : !strcmp(table, "entry_sources") ? "time_entries"
		                                                       : table;
		row_text(st, parent, "client_id", id, cid_buf, sizeof cid_buf);
		cid = cid_buf;
	}
	if (cid && *cid) {
		snprintf(client_id, 40, "%s", cid);
		row_text(st, "clients", "key", cid, key, sizeof key);
	}
	if (!key[0] && !strcmp(table, "clients") && op == SQLITE_DELETE) {
		const char *k = change_text(st, it, table, "key", op);
		snprintf(key, sizeof key, "%s", k ? k : "?");
	}
	const char *verb = op == SQLITE_INSERT   ? "added"
	                   : op == SQLITE_DELETE ? "deleted"
	                                         : "edited";

	if (!strcmp(table, "clients")) {
		if (op == SQLITE_UPDATE) {
			const char *status = change_text(st, it, table, "status", SQLITE_INSERT);
			changed_columns(st, it, table, ncol, what, sizeof what);
			if (status && status_verb(table, status) && strcmp(status, "active"))
				snprintf(out, n, "%s client %s", status_verb(table, status), key);
			else if (status && !strcmp(what, "status"))
				snprintf(out, n, "made client %s active again", key);
			else
				snprintf(out, n, "edited client %s (%s)", key, what);
		} else {
			snprintf(out, n, "%s client %s", verb, key);
		}
	} else if (!strcmp(table, "time_entries")) {
		const char *m = change_text(st, it, table, "minutes", op);
		const char *day = change_text(st, it, table, "day", op);
		char dur[32];
		duration_format(m ? atol(m) : 0, HOURS_DECIMAL, dur, sizeof dur);
		if (op == SQLITE_INSERT)
			snprintf(out, n, "logged %s for %s on %s", dur, key, day ? day : "?");
		else if (op == SQLITE_DELETE)
			snprintf(out, n, "deleted %s logged for %s on %s", dur, key,
			         day ? day : "?");
		else {
			changed_columns(st, it, table, ncol, what, sizeof what);
			snprintf(out, n, "edited entry %s of %s (%s)", sid, key, what);
		}
	} else if (!strcmp(table, "risks") || !strcmp(table, "actions") ||
	           !strcmp(table, "mandates") || !strcmp(table, "notes")) {
		const char *noun = noun_of(table);
		char title[90] = "";
		const char *col = !strcmp(table, "notes") ? "body" : "title";
		const char *t = change_text(st, it, table, col, op);
		if (!t && id)
			row_text(st, table, col, id, title, sizeof title);
		else
			snprintf(title, sizeof title, "%s", t ? t : "");
		for (char *p = title; *p; p++)
			if (*p == '\n' || *p == '\r' || *p == '\t')
				*p = ' ';
		if (op == SQLITE_UPDATE) {
			sqlite3_value *v = NULL;
			int si = column_index(st, table, "status");
			const char *status = NULL;
			sqlite3_value *was = NULL;
			if (si >= 0 && sqlite3changeset_new(it, si, &v) == SQLITE_OK && v &&
			    !(sqlite3changeset_old(it, si, &was) == SQLITE_OK && was &&
			      store_value_same(was, v)))
				status = (const char *)sqlite3_value_text(v);
			const char *sv = status_verb(table, status);
			if (sv) {
				snprintf(out, n, "%s %s %s of %s \"%s\"", sv, noun, sid, key,
				         title);
				return;
			}
			changed_columns(st, it, table, ncol, what, sizeof what);
			snprintf(out, n, "edited %s %s of %s \"%s\" (%s)", noun, sid, key, title,
			         what);
		} else if (op == SQLITE_INSERT) {
			snprintf(out, n, "added %s %s to %s \"%s\"", noun, sid, key, title);
		} else {
			snprintf(out, n, "deleted %s %s of %s \"%s\"", noun, sid, key, title);
		}
	} else if (!strcmp(table, "month_locks")) {
		const char *month = change_text(st, it, table, "month", op);
		snprintf(out, n, "%s %s of %s", op == SQLITE_DELETE ? "unlocked" : "locked",
		         month ? month : "?", key);
	} else if (!strcmp(table, "client_terms")) {
		snprintf(out, n, "set the billing terms of %s", key);
	} else if (!strcmp(table, "note_shares")) {
		char body[60] = "";
		if (id)
			row_text(st, "notes", "body", id, body, sizeof body);
		for (char *p = body; *p; p++)
			if (*p == '\n' || *p == '\r' || *p == '\t')
				*p = ' ';
		snprintf(out, n, "%s note %s of %s \"%s\"",
		         op == SQLITE_DELETE ? "unshared" : "shared", sid, key, body);
	} else if (!strcmp(table, "timer")) {
		/* Alone: a stop that logged nothing, or a cancel. */
		snprintf(out, n, "%s the timer for %s",
		         op == SQLITE_DELETE   ? "stopped, without logging,"
		         : op == SQLITE_INSERT ? "started"
		                               : "changed",
		         key);
	} else {
		snprintf(out, n, "%s %s %s", verb, table, sid);
	}
}

/* Whether an update only changed which mandate or risk a row is linked to. */
static bool only_links(struct store *st, sqlite3_changeset_iter *it, const char *table, int ncol)
{
	char what[200];
	changed_columns(st, it, table, ncol, what, sizeof what);
	for (char *p = what; *p;) {
		size_t len = strcspn(p, ",");
		if (!(len == 10 && !strncmp(p, "mandate_id", 10)) &&
		    !(len == 7 && !strncmp(p, "risk_id", 7)))
			return false;
		p += len;
		while (*p == ',' || *p == ' ')
			p++;
	}
	return what[0] != '\0';
}

/* The summary of changeset cs: its most telling change, and how many
 * others came with it. */
static int summarise(struct store *st, const void *cs, int size, char *out, size_t n,
                     char client_id[40])
{
	sqlite3_changeset_iter *it = NULL;
	int rc = sqlite3changeset_start(&it, size, (void *)cs);
	int best = INT_MAX;
	long long others = 0, total = 0;
	char line[400] = "";
	/* The client of every row: a change of several clients has none. */
	char ctable[32] = "", first[40] = "";
	int cidx = -1;
	bool many = false, entry_added = false, timer_stopped = false;
	while (rc == SQLITE_OK && sqlite3changeset_next(it) == SQLITE_ROW) {
		const char *table;
		int ncol, op, indirect;
		sqlite3changeset_op(it, &table, &ncol, &op, &indirect);
		total++;
		if (!many && strcmp(ctable, table)) {
			snprintf(ctable, sizeof ctable, "%s", table);
			cidx = column_index(st, table,
			                    strcmp(table, "clients") ? "client_id" : "id");
		}
		if (!many && cidx >= 0) {
			sqlite3_value *v = NULL;
			if (op == SQLITE_DELETE ||
			    sqlite3changeset_new(it, cidx, &v) != SQLITE_OK || !v)
				sqlite3changeset_old(it, cidx, &v);
			const char *cid = v ? (const char *)sqlite3_value_text(v) : NULL;
			if (cid && !first[0])
				snprintf(first, sizeof first, "%s", cid);
			else if (cid && strcmp(first, cid))
				many = true;
		}
		int r = rank_of(table);
		/* The timer's row and an entry's source come with the entry. */
		if (!strcmp(table, "timer") || !strcmp(table, "entry_sources") ||
		    !strcmp(table, "note_shares"))
			r += (int)N_RECORDED;
		/* An item added or deleted names the change before the rows it
		 * unlinks (a mandate deleted unlinks its entries). */
		if (op == SQLITE_UPDATE && r < best && only_links(st, it, table, ncol))
			r += 2 * (int)N_RECORDED;
		if (r < best) {
			best = r;
			client_id[0] = '\0';
			describe(st, it, line, sizeof line, client_id);
			entry_added = !strcmp(table, "time_entries") && op == SQLITE_INSERT;
		}
		if (!strcmp(table, "timer") && op == SQLITE_DELETE)
			timer_stopped = true;
	}
	if (it)
		rc = sqlite3changeset_finalize(it);
	if (rc != SQLITE_OK)
		return store_sql_fail(st, rc, "reading a change");
	if (many)
		client_id[0] = '\0';
	others = total - 1;
	/* A line too long for out is cut: it is a description, not data. */
	int w = snprintf(out, n, "%s%s", line,
	                 entry_added && timer_stopped ? " from the timer" : "");
	/* The timer's row goes with the entry it became. */
	if (entry_added && timer_stopped)
		others--;
	if (w >= 0 && (size_t)w < n && others > 0)
		w = snprintf(out + w, n - (size_t)w, " (+%lld more)", others);
	return w < 0 ? store_fail(st, EX_SOFTWARE, "describing a change") : 0;
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
	void *whole = NULL;
	int whole_size = 0;
	if (src != SQLITE_OK)
		rc = store_sql_fail(st, src, "recording the change");
	else if (size > 0 && !(rc = store_journal_groups(st, cs, size, &whole, &whole_size)))
		rc = whole ? record(st, whole, whole_size) : record(st, cs, size);
	free(whole);
	sqlite3_free(cs);
	store_journal_drop(st);
	return rc;
}

/* Keeps changeset cs as the journal's next entry, then prunes. */
static int record(struct store *st, const void *cs, int size)
{
	int rc;
	char summary[400], client_id[40] = "";
	if ((rc = summarise(st, cs, size, summary, sizeof summary, client_id)))
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
