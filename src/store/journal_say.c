/*
 * journal_say.c: the line that says what a recorded change did ("added
 * risk 1a2b3c4d to acme \"No MFA\""), made from its changeset: the most
 * telling row change, and how many others came with it.
 */
#include "internal.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "cxo/duration.h"
#include "sync_tables.h"

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
	if (op != SQLITE_DELETE && sqlite3changeset_new(it, i, &v) == SQLITE_OK && v)
		return (const char *)sqlite3_value_text(v);
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
		if (!name || sqlite3changeset_new(it, i, &v) != SQLITE_OK || !v)
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
	if (!strcmp(table, "vendors"))
		return "vendor";
	if (!strcmp(table, "decisions"))
		return "decision";
	return "note";
}

/* The verb of a vendor's or a decision's new status: only an end, a
 * supersession or a reversal names the change; NULL otherwise. */
static const char *status_verb_v8(const char *table, const char *status)
{
	if (!status)
		return NULL;
	if (!strcmp(table, "vendors"))
		return !strcmp(status, "ended") ? "ended" : NULL;
	if (!strcmp(status, "superseded") || !strcmp(status, "reversed"))
		return status;
	return NULL;
}

/* The link tables of schema 8: the linked item (its table and key
 * column) and the item it is linked to. */
static const struct link_table {
	const char *table, *item_col, *item_table, *to_col, *to_table;
} link_tables[] = {
	{ "vendor_risks", "risk_id", "risks", "vendor_id", "vendors" },
	{ "decision_mandates", "mandate_id", "mandates", "decision_id", "decisions" },
	{ "decision_risks", "risk_id", "risks", "decision_id", "decisions" },
	{ "decision_vendors", "vendor_id", "vendors", "decision_id", "decisions" },
};

static const struct link_table *link_table_of(const char *table)
{
	for (size_t i = 0; i < sizeof link_tables / sizeof *link_tables; i++)
		if (!strcmp(link_tables[i].table, table))
			return &link_tables[i];
	return NULL;
}

/* "linked risk 1a2b3c4d "title" to vendor 5e6f7a8b "name"" (or unlinked). */
static void describe_link(struct store *st, sqlite3_changeset_iter *it, const struct link_table *lt,
                          int op, char *out, size_t n, char client_id[40])
{
	const char *item = change_text(st, it, lt->table, lt->item_col, op);
	const char *to = change_text(st, it, lt->table, lt->to_col, op);
	char sitem[9], sto[9], title[90] = "", name[90] = "", cid[40] = "";
	short_id(item, sitem);
	short_id(to, sto);
	if (item)
		row_text(st, lt->item_table, !strcmp(lt->item_table, "vendors") ? "name" : "title",
		         item, title, sizeof title);
	if (to) {
		row_text(st, lt->to_table, !strcmp(lt->to_table, "vendors") ? "name" : "title", to,
		         name, sizeof name);
		row_text(st, lt->to_table, "client_id", to, cid, sizeof cid);
	}
	if (cid[0])
		snprintf(client_id, 40, "%s", cid);
	for (char *p = title; *p; p++)
		if (*p == '\n' || *p == '\r' || *p == '\t')
			*p = ' ';
	for (char *p = name; *p; p++)
		if (*p == '\n' || *p == '\r' || *p == '\t')
			*p = ' ';
	snprintf(out, n, "%s %s %s \"%s\" %s %s %s \"%s\"",
	         op == SQLITE_DELETE ? "unlinked" : "linked", noun_of(lt->item_table), sitem, title,
	         op == SQLITE_DELETE ? "from" : "to", noun_of(lt->to_table), sto, name);
}

/* One line for the change it points at; client_id gets its client. */
static void describe(struct store *st, sqlite3_changeset_iter *it, char *out, size_t n,
                     char client_id[40])
{
	const char *table;
	int ncol, op, indirect;
	sqlite3changeset_op(it, &table, &ncol, &op, &indirect);
	const struct link_table *lt = link_table_of(table);
	if (lt) {
		describe_link(st, it, lt, op, out, n, client_id);
		return;
	}
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
	           !strcmp(table, "mandates") || !strcmp(table, "notes") ||
	           !strcmp(table, "vendors") || !strcmp(table, "decisions")) {
		const char *noun = noun_of(table);
		char title[90] = "";
		const char *col = !strcmp(table, "notes")     ? "body"
		                  : !strcmp(table, "vendors") ? "name"
		                                              : "title";
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
			if (si >= 0 && sqlite3changeset_new(it, si, &v) == SQLITE_OK && v)
				status = (const char *)sqlite3_value_text(v);
			const char *sv = !strcmp(table, "vendors") || !strcmp(table, "decisions")
			                         ? status_verb_v8(table, status)
			                         : status_verb(table, status);
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
int store_journal_summarise(struct store *st, const void *cs, int size, char *out, size_t n,
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
		int r = store_journal_rank(table);
		/* The timer's row and an entry's source come with the entry. */
		if (!strcmp(table, "timer") || !strcmp(table, "entry_sources") ||
		    !strcmp(table, "note_shares"))
			r += store_journal_tables();
		/* An item added or deleted names the change before the rows it
		 * unlinks (a mandate deleted unlinks its entries). */
		if (op == SQLITE_UPDATE && r < best && only_links(st, it, table, ncol))
			r += 2 * store_journal_tables();
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
