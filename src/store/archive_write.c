/*
 * archive_write.c: an archive (cxo-json(5)) merged into the database in
 * one transaction, item by item by id: new ones added, equal ones left,
 * different ones told as conflicts and settled as asked.  The changes
 * and days worked on that the triggers write while it runs are replaced
 * by the archive's own.
 */
#include "internal.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

/*
 * Per kind: get reads the row that has the item's key (column 0 its
 * client, then the fields); insert and update bind ?1 to the client and
 * ?2... to the first `own` fields (the rest live in a table beside).
 */
struct kind_sql {
	const char *get, *insert, *update;
	size_t own;
};

/* clang-format off */
static const struct kind_sql kind_sql[ARC_KIND_COUNT] = {
	[ARC_CLIENT] = {
		"SELECT id, " CLIENT_COLUMNS_PLAIN " FROM clients WHERE id = ?1",
		"INSERT INTO clients(" CLIENT_COLUMNS_PLAIN ") VALUES (?2, ?3, ?4, ?5, ?6, ?7,"
		" ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
		"UPDATE clients SET key = ?3, name = ?4, role = ?5, industry = ?6, employees = ?7,"
		" status = ?8, start_date = ?9, end_date = ?10, budget_minutes = ?11,"
		" rate_cents = ?12, currency = ?13, tab_order = ?14 WHERE id = ?1",
		13 },
	[ARC_TERMS] = {
		"SELECT client_id, legal_name, round_minutes, round_mode, round_scope,"
		" rollover_cap_minutes, overage_rate_cents FROM client_terms WHERE client_id = ?1",
		"INSERT INTO client_terms(client_id, legal_name, round_minutes, round_mode,"
		" round_scope, rollover_cap_minutes, overage_rate_cents)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
		"UPDATE client_terms SET legal_name = ?2, round_minutes = ?3, round_mode = ?4,"
		" round_scope = ?5, rollover_cap_minutes = ?6, overage_rate_cents = ?7"
		" WHERE client_id = ?1",
		6 },
	[ARC_SEEN] = { NULL, NULL, NULL, 2 },
	[ARC_TIMER] = {
		"SELECT client_id, id, note, started FROM timer",
		"INSERT INTO timer(client_id, id, note, started) VALUES (?1, ?2, ?3, ?4)",
		NULL, 3 },
	[ARC_MANDATE] = {
		"SELECT client_id, id, title, area, status, due, measure, created FROM mandates"
		" WHERE id = ?1",
		"INSERT INTO mandates(client_id, id, title, area, status, due, measure, created)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
		"UPDATE mandates SET client_id = ?1, title = ?3, area = ?4, status = ?5, due = ?6,"
		" measure = ?7, created = ?8 WHERE id = ?2",
		7 },
	[ARC_RISK] = {
		"SELECT client_id, id, title, category, likelihood, impact, residual_likelihood,"
		" residual_impact, treatment, status, owner, mitigation, framework, review_date,"
		" accepted_until, opened, closed FROM risks WHERE id = ?1",
		"INSERT INTO risks(client_id, id, title, category, likelihood, impact,"
		" residual_likelihood, residual_impact, treatment, status, owner, mitigation,"
		" framework, review_date, accepted_until, opened, closed)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
		"UPDATE risks SET client_id = ?1, title = ?3, category = ?4, likelihood = ?5,"
		" impact = ?6, residual_likelihood = ?7, residual_impact = ?8, treatment = ?9,"
		" status = ?10, owner = ?11, mitigation = ?12, framework = ?13, review_date = ?14,"
		" accepted_until = ?15, opened = ?16, closed = ?17 WHERE id = ?2",
		16 },
	[ARC_ACTION] = {
		"SELECT client_id, id, mandate_id, risk_id, title, owner, waiting_for, due, status,"
		" waiting_since, done_on, created FROM actions WHERE id = ?1",
		"INSERT INTO actions(client_id, id, mandate_id, risk_id, title, owner, waiting_for,"
		" due, status, waiting_since, done_on, created)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
		"UPDATE actions SET client_id = ?1, mandate_id = ?3, risk_id = ?4, title = ?5,"
		" owner = ?6, waiting_for = ?7, due = ?8, status = ?9, waiting_since = ?10,"
		" done_on = ?11, created = ?12 WHERE id = ?2",
		11 },
	[ARC_ENTRY] = {
		"SELECT e.client_id, e.id, e.mandate_id, e.day, e.minutes, e.note, e.billable,"
		" e.created, s.service, s.source_key, s.start_time, s.end_time"
		" FROM time_entries e LEFT JOIN entry_sources s ON s.entry_id = e.id"
		" WHERE e.id = ?1",
		"INSERT INTO time_entries(client_id, id, mandate_id, day, minutes, note, billable,"
		" created) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
		"UPDATE time_entries SET client_id = ?1, mandate_id = ?3, day = ?4, minutes = ?5,"
		" note = ?6, billable = ?7, created = ?8 WHERE id = ?2",
		7 },
	[ARC_NOTE] = {
		"SELECT n.client_id, n.id, n.body, n.created,"
		" EXISTS (SELECT 1 FROM note_shares h WHERE h.note_id = n.id)"
		" FROM notes n WHERE n.id = ?1",
		"INSERT INTO notes(client_id, id, body, created) VALUES (?1, ?2, ?3, ?4)",
		"UPDATE notes SET client_id = ?1, body = ?3, created = ?4 WHERE id = ?2",
		3 },
	[ARC_LOCK] = {
		"SELECT client_id, month, invoice, locked FROM month_locks"
		" WHERE client_id = ?1 AND month = ?2",
		"INSERT INTO month_locks(client_id, month, invoice, locked) VALUES (?1, ?2, ?3, ?4)",
		"UPDATE month_locks SET invoice = ?3, locked = ?4 WHERE client_id = ?1 AND month = ?2",
		3 },
	[ARC_VENDOR] = {
		"SELECT client_id, id, name, category, owner, annual_cents, currency, billing, units,"
		" start_date, term_end, auto_renew, notice_days, status, diligence, diligence_on,"
		" data, notes, created, ended FROM vendors WHERE id = ?1",
		"INSERT INTO vendors(client_id, id, name, category, owner, annual_cents, currency,"
		" billing, units, start_date, term_end, auto_renew, notice_days, status, diligence,"
		" diligence_on, data, notes, created, ended) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7,"
		" ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20)",
		"UPDATE vendors SET client_id = ?1, name = ?3, category = ?4, owner = ?5,"
		" annual_cents = ?6, currency = ?7, billing = ?8, units = ?9, start_date = ?10,"
		" term_end = ?11, auto_renew = ?12, notice_days = ?13, status = ?14,"
		" diligence = ?15, diligence_on = ?16, data = ?17, notes = ?18, created = ?19,"
		" ended = ?20 WHERE id = ?2",
		19 },
	[ARC_DECISION] = {
		"SELECT client_id, id, title, day, status, decided_by, consulted, context, options,"
		" decision, consequences, review, superseded_by, created FROM decisions WHERE id = ?1",
		"INSERT INTO decisions(client_id, id, title, day, status, decided_by, consulted,"
		" context, options, decision, consequences, review, superseded_by, created)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
		"UPDATE decisions SET client_id = ?1, title = ?3, day = ?4, status = ?5,"
		" decided_by = ?6, consulted = ?7, context = ?8, options = ?9, decision = ?10,"
		" consequences = ?11, review = ?12, superseded_by = ?13, created = ?14 WHERE id = ?2",
		13 },
	/* A link is the pair itself: here or not; its client is its owner's. */
	[ARC_VENDOR_RISK] = {
		"SELECT v.client_id, l.vendor_id, l.risk_id FROM vendor_risks l"
		" JOIN vendors v ON v.id = l.vendor_id WHERE l.vendor_id = ?1 AND l.risk_id = ?2",
		"INSERT OR IGNORE INTO vendor_risks(vendor_id, risk_id) VALUES (?2, ?3)",
		NULL, 2 },
	[ARC_DECISION_MANDATE] = {
		"SELECT d.client_id, l.decision_id, l.mandate_id FROM decision_mandates l"
		" JOIN decisions d ON d.id = l.decision_id"
		" WHERE l.decision_id = ?1 AND l.mandate_id = ?2",
		"INSERT OR IGNORE INTO decision_mandates(decision_id, mandate_id) VALUES (?2, ?3)",
		NULL, 2 },
	[ARC_DECISION_RISK] = {
		"SELECT d.client_id, l.decision_id, l.risk_id FROM decision_risks l"
		" JOIN decisions d ON d.id = l.decision_id"
		" WHERE l.decision_id = ?1 AND l.risk_id = ?2",
		"INSERT OR IGNORE INTO decision_risks(decision_id, risk_id) VALUES (?2, ?3)",
		NULL, 2 },
	[ARC_DECISION_VENDOR] = {
		"SELECT d.client_id, l.decision_id, l.vendor_id FROM decision_vendors l"
		" JOIN decisions d ON d.id = l.decision_id"
		" WHERE l.decision_id = ?1 AND l.vendor_id = ?2",
		"INSERT OR IGNORE INTO decision_vendors(decision_id, vendor_id) VALUES (?2, ?3)",
		NULL, 2 },
	[ARC_CHANGE] = {
		"SELECT client_id FROM item_changes WHERE client_id = ?1 AND at = ?2 AND kind = ?3"
		" AND item_id = ?4 AND change = ?5 AND title IS ?6 AND rowid <= ?7 LIMIT 1",
		"INSERT INTO item_changes(client_id, at, kind, item_id, change, title)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
		NULL, 5 },
};
/* clang-format on */

enum extra_stmt {
	X_CLIENT_BY_KEY,
	X_TIMER_DELETE,
	X_SOURCE_DELETE,
	X_SOURCE_INSERT,
	X_SHARE_DELETE,
	X_SHARE_INSERT,
	X_SEEN_GET,
	X_SEEN_DELETE,
	X_SEEN_INSERT,
	X_CHANGES_MARK,
	X_CHANGES_DROP,
	X_COUNT
};
static const char *const extra_sql[X_COUNT] = {
	[X_CLIENT_BY_KEY] = "SELECT id, " CLIENT_COLUMNS_PLAIN " FROM clients WHERE key = ?1",
	[X_TIMER_DELETE] = "DELETE FROM timer",
	[X_SOURCE_DELETE] = "DELETE FROM entry_sources WHERE entry_id = ?1",
	[X_SOURCE_INSERT] = "INSERT INTO entry_sources(entry_id, service, source_key, start_time,"
	                    " end_time) VALUES (?1, ?2, ?3, ?4, ?5)",
	[X_SHARE_DELETE] = "DELETE FROM note_shares WHERE note_id = ?1",
	[X_SHARE_INSERT] = "INSERT INTO note_shares(note_id) VALUES (?1)",
	[X_SEEN_GET] = "SELECT last_day, previous_day FROM client_seen WHERE client_id = ?1",
	[X_SEEN_DELETE] = "DELETE FROM client_seen WHERE client_id = ?1",
	[X_SEEN_INSERT] = "INSERT INTO client_seen(client_id, last_day, previous_day)"
	                  " VALUES (?1, ?2, ?3)",
	[X_CHANGES_MARK] = "SELECT coalesce(max(rowid), 0) FROM item_changes",
	[X_CHANGES_DROP] = "DELETE FROM item_changes WHERE rowid > ?1",
};

/* The page cache of a merge (KiB), well within the heap SQLite may use
 * (STORE_HEAP_LIMIT). */
#define ARC_CACHE_KIB "65536"

/* The days last worked on, as they were before the merge. */
struct seen {
	bool here;
	char last[DAY_LEN], previous[DAY_LEN];
};

struct merge {
	struct store *st;
	sqlite3_stmt *get[ARC_KIND_COUNT], *insert[ARC_KIND_COUNT], *update[ARC_KIND_COUNT];
	sqlite3_stmt *x[X_COUNT];
	enum store_arc_prefer prefer;
	bool write;     /* false: only count */
	long long mark; /* the last change kept before the merge */
	struct store_arc_counts *counts;
	store_arc_conflict_fn *conflict;
	void *arg;
	char client_id[UUID_LEN]; /* the client being merged, as it is here */
	const char *client_key;
	bool by_key; /* found by its key under another id */
};

static int prepare(struct merge *m, const char *sql, sqlite3_stmt **out)
{
	if (!sql)
		return 0;
	int rc = sqlite3_prepare_v3(m->st->db, sql, -1, SQLITE_PREPARE_PERSISTENT, out, NULL);
	return rc == SQLITE_OK ? 0 : store_sql_fail(m->st, rc, "preparing the archive's writes");
}

static int prepare_all(struct merge *m)
{
	int rc = 0;
	for (int k = 0; !rc && k < ARC_KIND_COUNT; k++)
		if (!(rc = prepare(m, kind_sql[k].get, &m->get[k])) &&
		    !(rc = prepare(m, kind_sql[k].insert, &m->insert[k])))
			rc = prepare(m, kind_sql[k].update, &m->update[k]);
	for (int i = 0; !rc && i < X_COUNT; i++)
		rc = prepare(m, extra_sql[i], &m->x[i]);
	return rc;
}

static void finalize_all(struct merge *m)
{
	for (int k = 0; k < ARC_KIND_COUNT; k++) {
		sqlite3_finalize(m->get[k]);
		sqlite3_finalize(m->insert[k]);
		sqlite3_finalize(m->update[k]);
	}
	for (int i = 0; i < X_COUNT; i++)
		sqlite3_finalize(m->x[i]);
}

static void bind_value(sqlite3_stmt *s, int i, const struct store_arc_field *f,
                       const struct store_arc_value *v)
{
	if (v->null)
		sqlite3_bind_null(s, i);
	else if (f->type == ARC_STR)
		sqlite3_bind_text(s, i, v->s, -1, SQLITE_STATIC);
	else
		sqlite3_bind_int64(s, i, v->i);
}

/* ?1 the client, ?2... the first n fields of row. */
static void bind_row(struct merge *m, sqlite3_stmt *s, enum store_arc_kind kind,
                     const struct store_arc_value *row, size_t n)
{
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	sqlite3_bind_text(s, 1, m->client_id, -1, SQLITE_STATIC);
	for (size_t j = 0; j < n; j++)
		bind_value(s, (int)j + 2, &store_arc_kinds[kind].fields[j], &row[j]);
}

/* Whether column col of s holds v. */
static bool same_value(sqlite3_stmt *s, int col, const struct store_arc_field *f,
                       const struct store_arc_value *v)
{
	bool null = sqlite3_column_type(s, col) == SQLITE_NULL;
	if (null || v->null)
		return null == v->null;
	if (f->type != ARC_STR)
		return sqlite3_column_type(s, col) == SQLITE_INTEGER &&
		       sqlite3_column_int64(s, col) == v->i;
	const char *t = (const char *)sqlite3_column_text(s, col);
	return t && !strcmp(t, v->s);
}

static void value_text(sqlite3_stmt *s, int col, const struct store_arc_field *f,
                       const struct store_arc_value *v, char *buf, size_t n)
{
	if (s ? sqlite3_column_type(s, col) == SQLITE_NULL : v->null)
		snprintf(buf, n, "null");
	else if (f->type == ARC_BOOL)
		snprintf(buf, n, "%s",
		         (s ? sqlite3_column_int64(s, col) : v->i) ? "true" : "false");
	else if (f->type == ARC_INT)
		snprintf(buf, n, "%lld", s ? (long long)sqlite3_column_int64(s, col) : v->i);
	else
		snprintf(buf, n, "%s", s ? (const char *)sqlite3_column_text(s, col) : v->s);
}

/* The item's name in a conflict: its id, its title. */
static void item_names(struct merge *m, enum store_arc_kind kind, const struct store_arc_value *row,
                       char *id, size_t idn, const char **title)
{
	const struct store_arc_info *k = &store_arc_kinds[kind];
	*title = "";
	if (kind == ARC_CLIENT || kind == ARC_TERMS || kind == ARC_SEEN) {
		snprintf(id, idn, "%s", kind == ARC_CLIENT ? row[1].s : m->client_key);
		return;
	}
	if (kind == ARC_LOCK) {
		snprintf(id, idn, "%s", row[0].s);
		*title = m->client_key;
		return;
	}
	snprintf(id, idn, "%.8s", row[0].s);
	/* Its title (a vendor's name, a note's body), else its day. */
	for (size_t j = 0; j < k->n; j++)
		if (!strcmp(k->fields[j].name, "day") && !**title)
			*title = row[j].null ? "" : row[j].s;
	for (size_t j = 0; j < k->n; j++)
		if (!strcmp(k->fields[j].name, "title") || !strcmp(k->fields[j].name, "body") ||
		    !strcmp(k->fields[j].name, "name"))
			*title = row[j].null ? "" : row[j].s;
}

/* Tells each field that differs between the row s is on (its client in
 * column 0) and row; returns how many. */
static int tell_differences(struct merge *m, sqlite3_stmt *s, enum store_arc_kind kind,
                            const struct store_arc_value *row)
{
	const struct store_arc_info *k = &store_arc_kinds[kind];
	char id[64], ours[512], theirs[512];
	const char *title;
	item_names(m, kind, row, id, sizeof id, &title);
	struct store_arc_conflict c = { kind, id, title, NULL, ours, theirs };
	int n = 0;
	const char *here = (const char *)sqlite3_column_text(s, 0);
	if (kind == ARC_CLIENT ? strcmp(here ? here : "", row[0].s)
	                       : strcmp(here ? here : "", m->client_id)) {
		c.field = kind == ARC_CLIENT ? "id" : "client";
		snprintf(ours, sizeof ours, "%s", here ? here : "null");
		snprintf(theirs, sizeof theirs, "%s", kind == ARC_CLIENT ? row[0].s : m->client_id);
		if (m->conflict)
			m->conflict(m->arg, &c);
		n++;
	}
	for (size_t j = kind == ARC_CLIENT ? 1 : 0; j < k->n; j++) {
		if (same_value(s, (int)j + 1, &k->fields[j], &row[j]))
			continue;
		c.field = k->fields[j].name;
		value_text(s, (int)j + 1, &k->fields[j], NULL, ours, sizeof ours);
		value_text(NULL, 0, &k->fields[j], &row[j], theirs, sizeof theirs);
		if (m->conflict)
			m->conflict(m->arg, &c);
		n++;
	}
	return n;
}

static int step_write(struct merge *m, sqlite3_stmt *s, const char *what)
{
	int rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc == SQLITE_DONE)
		return 0;
	const char *msg = sqlite3_errmsg(m->st->db);
	char text[512];
	snprintf(text, sizeof text, "%s refused: %s", what, msg);
	return store_write_fail(m->st, rc, what, text);
}

/* What lives beside an entry (its source) or a note (shared). */
static int write_aux(struct merge *m, enum store_arc_kind kind, const struct store_arc_value *row,
                     const char *what)
{
	const struct store_arc_info *k = &store_arc_kinds[kind];
	sqlite3_stmt *del = m->x[kind == ARC_ENTRY ? X_SOURCE_DELETE : X_SHARE_DELETE];
	sqlite3_stmt *ins = m->x[kind == ARC_ENTRY ? X_SOURCE_INSERT : X_SHARE_INSERT];
	sqlite3_reset(del);
	sqlite3_bind_text(del, 1, row[0].s, -1, SQLITE_STATIC);
	int rc = step_write(m, del, what);
	if (rc)
		return rc;
	size_t own = kind_sql[kind].own;
	if (kind == ARC_NOTE ? !row[own].i : row[own].null)
		return 0;
	sqlite3_reset(ins);
	sqlite3_clear_bindings(ins);
	sqlite3_bind_text(ins, 1, row[0].s, -1, SQLITE_STATIC);
	if (kind == ARC_ENTRY)
		for (size_t j = own; j < k->n; j++)
			bind_value(ins, (int)(j - own) + 2, &k->fields[j], &row[j]);
	return step_write(m, ins, what);
}

/* A pair of ids linking two items (schema 8). */
static bool is_link(enum store_arc_kind kind)
{
	return kind == ARC_VENDOR_RISK || kind == ARC_DECISION_MANDATE ||
	       kind == ARC_DECISION_RISK || kind == ARC_DECISION_VENDOR;
}

/* One item: added, left, or a conflict settled by m->prefer. */
static int merge_item(struct merge *m, enum store_arc_kind kind, const struct store_arc_value *row)
{
	const struct store_arc_info *k = &store_arc_kinds[kind];
	const struct kind_sql *q = &kind_sql[kind];
	char what[96];
	char sid[16];
	snprintf(sid, sizeof sid, "%.8s", k->fields[0].shape == ARC_ID ? row[0].s : "");
	snprintf(what, sizeof what, "%s %s%s%s", m->client_key, k->item, *sid ? " " : "", sid);
	sqlite3_stmt *g = m->get[kind];
	sqlite3_reset(g);
	sqlite3_clear_bindings(g);
	if (kind == ARC_TERMS || kind == ARC_LOCK) {
		sqlite3_bind_text(g, 1, m->client_id, -1, SQLITE_STATIC);
		if (kind == ARC_LOCK)
			sqlite3_bind_text(g, 2, row[0].s, -1, SQLITE_STATIC);
	} else if (kind != ARC_TIMER) {
		sqlite3_bind_text(g, 1, row[0].s, -1, SQLITE_STATIC);
		if (is_link(kind))
			sqlite3_bind_text(g, 2, row[1].s, -1, SQLITE_STATIC);
	}
	int src = sqlite3_step(g);
	if (src != SQLITE_ROW && src != SQLITE_DONE) {
		sqlite3_reset(g);
		return store_sql_fail(m->st, src, what);
	}
	bool theirs = false;
	if (src == SQLITE_ROW) {
		int differ = tell_differences(m, g, kind, row);
		sqlite3_reset(g);
		if (!differ) {
			m->counts->same[kind]++;
			return 0;
		}
		m->counts->conflicts[kind]++;
		if (m->prefer != ARC_THEIRS || !m->write)
			return 0;
		theirs = true;
	} else {
		m->counts->added[kind]++;
		if (!m->write)
			return 0;
	}
	int rc;
	sqlite3_stmt *w = theirs && q->update ? m->update[kind] : m->insert[kind];
	if (theirs && kind == ARC_TIMER && (rc = step_write(m, m->x[X_TIMER_DELETE], what)))
		return rc;
	bind_row(m, w, kind, row, q->own);
	if ((rc = step_write(m, w, what)))
		return rc;
	if (kind == ARC_ENTRY || kind == ARC_NOTE)
		return write_aux(m, kind, row, what);
	return 0;
}

/* A kept change, unless one just like it was here before. */
static int merge_change(struct merge *m, const struct store_arc_value *row)
{
	if (m->mark > 0) {
		sqlite3_stmt *g = m->get[ARC_CHANGE];
		bind_row(m, g, ARC_CHANGE, row, store_arc_kinds[ARC_CHANGE].n);
		sqlite3_bind_int64(g, 7, m->mark);
		int src = sqlite3_step(g);
		sqlite3_reset(g);
		if (src == SQLITE_ROW) {
			m->counts->same[ARC_CHANGE]++;
			return 0;
		}
		if (src != SQLITE_DONE)
			return store_sql_fail(m->st, src, "reading the changes kept");
	}
	m->counts->added[ARC_CHANGE]++;
	if (!m->write)
		return 0;
	sqlite3_stmt *w = m->insert[ARC_CHANGE];
	bind_row(m, w, ARC_CHANGE, row, store_arc_kinds[ARC_CHANGE].n);
	return step_write(m, w, "keeping a change");
}

static int seen_get(struct merge *m, struct seen *out)
{
	sqlite3_stmt *s = m->x[X_SEEN_GET];
	memset(out, 0, sizeof *out);
	sqlite3_reset(s);
	sqlite3_bind_text(s, 1, m->client_id, -1, SQLITE_STATIC);
	int src = sqlite3_step(s);
	if (src == SQLITE_ROW) {
		out->here = true;
		store_col_copy(s, 0, out->last, sizeof out->last);
		store_col_copy(s, 1, out->previous, sizeof out->previous);
		src = SQLITE_DONE;
	}
	sqlite3_reset(s);
	return src == SQLITE_DONE ? 0 : store_sql_fail(m->st, src, "reading the days worked on");
}

/* The days worked on: the archive's, or ours when later (or alone). */
static int seen_set(struct merge *m, const struct seen *before, const struct store_arc_value *row)
{
	bool take = row && (!before->here || strcmp(row[0].s, before->last) > 0);
	if (row && !take &&
	    (row[1].null ? !*before->previous : !strcmp(row[1].s, before->previous)) &&
	    !strcmp(row[0].s, before->last))
		m->counts->same[ARC_SEEN]++;
	else if (take)
		m->counts->added[ARC_SEEN]++;
	if (!m->write)
		return 0;
	sqlite3_stmt *d = m->x[X_SEEN_DELETE], *s = m->x[X_SEEN_INSERT];
	sqlite3_reset(d);
	sqlite3_bind_text(d, 1, m->client_id, -1, SQLITE_STATIC);
	int rc = step_write(m, d, "setting the days worked on");
	if (rc || (!take && !before->here))
		return rc;
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	sqlite3_bind_text(s, 1, m->client_id, -1, SQLITE_STATIC);
	if (take) {
		sqlite3_bind_text(s, 2, row[0].s, -1, SQLITE_STATIC);
		if (!row[1].null)
			sqlite3_bind_text(s, 3, row[1].s, -1, SQLITE_STATIC);
	} else {
		sqlite3_bind_text(s, 2, before->last, -1, SQLITE_STATIC);
		store_bind_text(s, 3, before->previous);
	}
	return step_write(m, s, "setting the days worked on");
}

/* The client's id here: its own when it is here, else that of the
 * client with its key (m->by_key), else its own (a new client). */
static int place_client(struct merge *m, const struct store_arc_client *c)
{
	const struct store_arc_value *row = c->rows[ARC_CLIENT];
	snprintf(m->client_id, sizeof m->client_id, "%s", row[0].s);
	m->client_key = row[1].s;
	m->by_key = false;
	sqlite3_stmt *g = m->get[ARC_CLIENT];
	sqlite3_reset(g);
	sqlite3_bind_text(g, 1, row[0].s, -1, SQLITE_STATIC);
	int src = sqlite3_step(g);
	sqlite3_reset(g);
	if (src == SQLITE_DONE) {
		sqlite3_stmt *s = m->x[X_CLIENT_BY_KEY];
		sqlite3_reset(s);
		sqlite3_bind_text(s, 1, row[1].s, -1, SQLITE_STATIC);
		src = sqlite3_step(s);
		if (src == SQLITE_ROW) {
			store_col_copy(s, 0, m->client_id, sizeof m->client_id);
			m->by_key = true;
		} else if (src == SQLITE_DONE) {
			src = SQLITE_ROW;
		}
		sqlite3_reset(s);
	}
	if (src != SQLITE_ROW)
		return store_sql_fail(m->st, src, "reading the clients");
	return 0;
}

/* The client's row: by key when another id has it here (ours stays). */
static int merge_client(struct merge *m, const struct store_arc_value *row)
{
	if (!m->by_key)
		return merge_item(m, ARC_CLIENT, row);
	sqlite3_stmt *s = m->x[X_CLIENT_BY_KEY];
	sqlite3_reset(s);
	sqlite3_bind_text(s, 1, row[1].s, -1, SQLITE_STATIC);
	int src = sqlite3_step(s);
	if (src != SQLITE_ROW) {
		sqlite3_reset(s);
		return store_sql_fail(m->st, src, "reading the clients");
	}
	tell_differences(m, s, ARC_CLIENT, row);
	sqlite3_reset(s);
	m->counts->conflicts[ARC_CLIENT]++;
	if (m->prefer != ARC_THEIRS || !m->write)
		return 0;
	bind_row(m, m->update[ARC_CLIENT], ARC_CLIENT, row, kind_sql[ARC_CLIENT].own);
	return step_write(m, m->update[ARC_CLIENT], "updating the client");
}

static int merge_rows(struct merge *m, const struct store_arc_client *cl, size_t n,
                      struct seen *before)
{
	int rc = 0;
	for (size_t i = 0; !rc && i < n; i++) {
		if ((rc = place_client(m, &cl[i])) || (rc = seen_get(m, &before[i])) ||
		    (rc = merge_client(m, cl[i].rows[ARC_CLIENT])))
			break;
		for (int k = ARC_TERMS; !rc && k < ARC_CHANGE; k++) {
			size_t nf = store_arc_kinds[k].n;
			for (size_t r = 0; !rc && k != ARC_SEEN && r < cl[i].n[k]; r++)
				rc = merge_item(m, (enum store_arc_kind)k, cl[i].rows[k] + r * nf);
		}
	}
	if (rc)
		return rc;
	/* The triggers' changes and days worked on give way to the archive's. */
	if (m->write) {
		sqlite3_stmt *d = m->x[X_CHANGES_DROP];
		sqlite3_bind_int64(d, 1, m->mark);
		if ((rc = step_write(m, d, "replacing the changes kept")))
			return rc;
	}
	for (size_t i = 0; !rc && i < n; i++) {
		if ((rc = place_client(m, &cl[i])))
			break;
		size_t nf = store_arc_kinds[ARC_CHANGE].n;
		for (size_t r = 0; !rc && r < cl[i].n[ARC_CHANGE]; r++)
			rc = merge_change(m, cl[i].rows[ARC_CHANGE] + r * nf);
	}
	for (size_t i = 0; !rc && i < n; i++)
		if (!(rc = place_client(m, &cl[i])))
			rc = seen_set(m, &before[i],
			              cl[i].n[ARC_SEEN] ? cl[i].rows[ARC_SEEN] : NULL);
	return rc;
}

static int changes_mark(struct merge *m)
{
	sqlite3_stmt *s = m->x[X_CHANGES_MARK];
	int src = sqlite3_step(s);
	if (src == SQLITE_ROW)
		m->mark = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return src == SQLITE_ROW ? 0 : store_sql_fail(m->st, src, "reading the changes kept");
}

int store_arc_merge(struct store *st, const struct store_arc_client *clients, size_t n,
                    enum store_arc_prefer prefer, bool dry_run, struct store_arc_counts *counts,
                    store_arc_conflict_fn *conflict, void *arg)
{
	memset(counts, 0, sizeof *counts);
	if (st->schema < STORE_SCHEMA_VERSION)
		return store_fail(st, EX_SOFTWARE, "internal error: the archive needs schema %d",
		                  STORE_SCHEMA_VERSION);
	struct merge m = {
		.st = st, .prefer = prefer, .counts = counts, .conflict = conflict, .arg = arg
	};
	struct seen *before = calloc(n ? n : 1, sizeof *before);
	if (!before)
		return store_fail(st, EX_OSERR, "out of memory");
	/* A whole portfolio in one transaction: pages spilled to the -wal
	 * before the commit would be written again and again. */
	int rc = store_pragma(st, "PRAGMA cache_size = -" ARC_CACHE_KIB);
	/* The statement journals of the inserts (their triggers may abort)
	 * in memory: spilled to a temporary file, a large portfolio wrote it
	 * 4.9 million times (53 s of a 58 s import). */
	if (!rc)
		rc = store_pragma(st, "PRAGMA temp_store = MEMORY");
	if (!rc)
		rc = prepare_all(&m);
	if (!rc && !(rc = store_begin(st))) {
		/* A decision may name one later in the file as what superseded
		 * it: the references are checked at the commit (the archive's
		 * were checked whole before). */
		rc = store_pragma(st, "PRAGMA defer_foreign_keys = ON");
		/* A first pass only counts: nothing is written unless it may be. */
		if (!rc)
			rc = changes_mark(&m);
		if (!rc)
			rc = merge_rows(&m, clients, n, before);
		size_t conflicts = 0;
		for (int k = 0; k < ARC_KIND_COUNT; k++)
			conflicts += counts->conflicts[k];
		if (!rc && conflicts && prefer == ARC_REFUSE && !dry_run)
			rc = store_fail(st, EX_DATAERR, "%zu conflicting item%s", conflicts,
			                conflicts == 1 ? "" : "s");
		if (!rc && !dry_run) {
			memset(counts, 0, sizeof *counts);
			m.write = true;
			m.conflict = NULL; /* told once, above */
			rc = merge_rows(&m, clients, n, before);
		}
		if (rc || dry_run)
			store_rollback(st);
		else
			rc = store_commit(st);
	}
	finalize_all(&m);
	free(before);
	return rc;
}
