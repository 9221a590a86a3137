/*
 * decisions.c: a client's decision log (schema 8), its links to the
 * client's mandates, risks and vendors, and what superseded what.
 */
#include "internal.h"

#include "cxo/decision.h"
#include "cxo/vocab.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

/* ?9 true: the four long texts, else NULL in their place. */
#define DECISION_SELECT                                                                            \
	"SELECT d.id, d.client_id, c.key, d.title, d.day, d.status, d.decided_by, d.consulted,"    \
	" CASE WHEN ?9 THEN d.context END, CASE WHEN ?9 THEN d.options END,"                       \
	" CASE WHEN ?9 THEN d.decision END, CASE WHEN ?9 THEN d.consequences END,"                 \
	" d.review, d.superseded_by, s.title, d.created"                                           \
	" FROM decisions d JOIN clients c ON c.id = d.client_id"                                   \
	" LEFT JOIN decisions s ON s.id = d.superseded_by "
/* ?2 from, ?3 to (NULL = any). */
#define DECISION_DAYS " AND (?2 IS NULL OR d.day >= ?2) AND (?3 IS NULL OR d.day < ?3)"
#define DECISION_OPEN "d.status IN ('proposed', 'decided')"
#define DECISION_ORDER " ORDER BY d.day DESC, d.created DESC, d.id DESC"
/* The condition of the decisions_review index, then ?5 the day before
 * which a review is due. */
#define DECISION_REVIEW "d.review IS NOT NULL AND " DECISION_OPEN " AND d.review < ?5"
#define DECISION_REVIEW_ORDER " ORDER BY d.review, d.day, d.id"

void decision_free(struct decision *d)
{
	if (!d)
		return;
	free(d->title);
	free(d->decided_by);
	free(d->consulted);
	free(d->context);
	free(d->options);
	free(d->decision);
	free(d->consequences);
	free(d->superseded_by_title);
	d->title = d->decided_by = d->consulted = d->context = d->options = d->decision =
	        d->consequences = d->superseded_by_title = NULL;
}

void decision_list_free(struct decision_list *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->n; i++)
		decision_free(&l->items[i]);
	free(l->items);
	l->items = NULL;
	l->n = 0;
}

void decision_links_free(struct decision_links *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->n; i++)
		free(l->items[i].title);
	free(l->items);
	l->items = NULL;
	l->n = 0;
}

static void read_decision(sqlite3_stmt *s, void *item, bool *oom)
{
	struct decision *d = item;
	memset(d, 0, sizeof *d);
	store_col_copy(s, 0, d->id, sizeof d->id);
	store_col_copy(s, 1, d->client_id, sizeof d->client_id);
	store_col_copy(s, 2, d->client_key, sizeof d->client_key);
	d->title = store_col_dup(s, 3, oom);
	store_col_copy(s, 4, d->day, sizeof d->day);
	store_col_copy(s, 5, d->status, sizeof d->status);
	d->decided_by = store_col_dup(s, 6, oom);
	d->consulted = store_col_dup(s, 7, oom);
	d->context = store_col_dup(s, 8, oom);
	d->options = store_col_dup(s, 9, oom);
	d->decision = store_col_dup(s, 10, oom);
	d->consequences = store_col_dup(s, 11, oom);
	store_col_copy(s, 12, d->review, sizeof d->review);
	store_col_copy(s, 13, d->superseded_by, sizeof d->superseded_by);
	d->superseded_by_title = store_col_dup(s, 14, oom);
	store_col_copy(s, 15, d->created, sizeof d->created);
}

/* Whether the decision ?1 is of the client ?2, and its client. */
#define DECISION_CLIENT_SQL "SELECT client_id = ?2, client_id FROM decisions WHERE id = ?1"

int store_check_decision_link(struct store *st, const char *decision_id, const char *client_id)
{
	return store_check_link(st, Q_DECISION_CLIENT, DECISION_CLIENT_SQL, "decision", decision_id,
	                        client_id);
}

/* The client of the decision id: EX_NOINPUT when none. */
static int decision_client(struct store *st, const char *id, char client_id[UUID_LEN])
{
	int rc = store_check_id(st, "decision", id, true);
	if (rc)
		return rc;
	sqlite3_stmt *s = store_stmt(st, Q_DECISION_CLIENT, DECISION_CLIENT_SQL);
	if (!s)
		return EX_SOFTWARE;
	sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
	int src = sqlite3_step(s);
	if (src == SQLITE_ROW)
		store_col_copy(s, 1, client_id, UUID_LEN);
	store_done(s);
	if (src == SQLITE_DONE)
		return store_fail(st, EX_NOINPUT, "no decision with id %s", id);
	return src == SQLITE_ROW ? 0 : store_sql_fail(st, src, "reading a decision");
}

static int validate(struct store *st, const struct decision *d)
{
	int rc;
	if ((rc = store_client_key_of(st, d->client_id, NULL)) ||
	    (rc = store_check_text(st, "decision title", d->title, MAX_NAME, true)) ||
	    (rc = store_check_day(st, "decision day", d->day, false)) ||
	    (rc = store_check_word(st, "decision status", d->status, VOCAB_DECISION_STATUS.words,
	                           false)) ||
	    (rc = store_check_text(st, "decided by", d->decided_by, MAX_NAME, false)) ||
	    (rc = store_check_text(st, "consulted", d->consulted, MAX_NAME, false)) ||
	    (rc = store_check_text(st, "context", d->context, MAX_NOTE, false)) ||
	    (rc = store_check_text(st, "options", d->options, MAX_NOTE, false)) ||
	    (rc = store_check_text(st, "decision", d->decision, MAX_NOTE, false)) ||
	    (rc = store_check_text(st, "consequences", d->consequences, MAX_NOTE, false)) ||
	    (rc = store_check_day(st, "review date", d->review, false)) ||
	    (rc = store_check_id(st, "superseding decision", d->superseded_by, false)))
		return rc;
	if (d->created[0] && (rc = store_check_stamp(st, "decision time", d->created)))
		return rc;
	if (d->superseded_by[0] && !strcmp(d->superseded_by, d->id))
		return store_fail(st, EX_DATAERR, "a decision cannot supersede itself");
	return store_check_decision_link(st, d->superseded_by, d->client_id);
}

/* ?1 id ... ?14 created, in the table's column order. */
static void bind_decision(sqlite3_stmt *s, const struct decision *d)
{
	sqlite3_bind_text(s, 1, d->id, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, d->client_id, -1, SQLITE_STATIC);
	store_bind_text(s, 3, d->title);
	store_bind_text(s, 4, d->day);
	sqlite3_bind_text(s, 5, d->status[0] ? d->status : "decided", -1, SQLITE_STATIC);
	store_bind_text(s, 6, d->decided_by);
	store_bind_text(s, 7, d->consulted);
	store_bind_text(s, 8, d->context);
	store_bind_text(s, 9, d->options);
	store_bind_text(s, 10, d->decision);
	store_bind_text(s, 11, d->consequences);
	store_bind_text(s, 12, d->review);
	store_bind_text(s, 13, d->superseded_by);
	store_bind_text(s, 14, d->created);
}

static int decision_insert(struct store *st, struct decision *d)
{
	int rc = validate(st, d);
	if (rc || (rc = store_new_id(st, d->id)) != 0)
		return rc;
	if (!d->day[0])
		store_today(d->day);
	if (!d->status[0])
		snprintf(d->status, sizeof d->status, "decided");
	if (!d->created[0])
		store_now_stamp(d->created);
	sqlite3_stmt *s = store_stmt(
	        st, Q_DECISION_INSERT,
	        "INSERT INTO decisions(id, client_id, title, day, status, decided_by, consulted,"
	        " context, options, decision, consequences, review, superseded_by, created)"
	        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)");
	if (!s)
		return EX_SOFTWARE;
	bind_decision(s, d);
	return store_exec_stmt(st, s, "adding the decision");
}

int store_decision_add(struct store *st, struct decision *d)
{
	int rc = store_begin(st);
	if (rc)
		return rc;
	return store_end(st, decision_insert(st, d));
}

static int decision_update(struct store *st, const struct decision *d)
{
	int rc = store_check_id(st, "decision", d->id, true);
	if (rc || (rc = store_check_day(st, "decision day", d->day, true)) ||
	    (rc = validate(st, d)) != 0)
		return rc;
	sqlite3_stmt *s = store_stmt(
	        st, Q_DECISION_UPDATE,
	        "UPDATE decisions SET client_id = ?2, title = ?3, day = ?4, status = ?5,"
	        " decided_by = ?6, consulted = ?7, context = ?8, options = ?9, decision = ?10,"
	        " consequences = ?11, review = ?12, superseded_by = ?13,"
	        " created = coalesce(?14, created) WHERE id = ?1");
	if (!s)
		return EX_SOFTWARE;
	bind_decision(s, d);
	if ((rc = store_exec_stmt(st, s, "updating the decision")) != 0)
		return rc;
	if (sqlite3_changes(st->db) == 0)
		return store_fail(st, EX_NOINPUT, "no decision with id %s", d->id);
	return 0;
}

int store_decision_update(struct store *st, const struct decision *d)
{
	int rc = store_begin(st);
	if (rc)
		return rc;
	return store_end(st, decision_update(st, d));
}

int store_decision_get(struct store *st, const char *id, struct decision *out)
{
	memset(out, 0, sizeof *out);
	if (!STORE_HAS_V8(st)) /* an older file, read as it is */
		return store_fail(st, EX_NOINPUT, "no decision with id %s", id ? id : "");
	sqlite3_stmt *s = store_stmt(st, Q_DECISION_GET, DECISION_SELECT "WHERE d.id = ?1");
	if (!s)
		return EX_SOFTWARE;
	sqlite3_bind_int(s, 9, 1);
	int rc = store_read_one(st, s, id, out, read_decision, "decision", "reading a decision");
	if (rc)
		decision_free(out);
	return rc;
}

static sqlite3_stmt *list_stmt(struct store *st, const struct decision_filter *f)
{
	if (f->review_before && f->client_id)
		return store_stmt(st, Q_DECISION_REVIEW_CLIENT,
		                  DECISION_SELECT
		                  "WHERE " DECISION_REVIEW
		                  " AND d.client_id = ?1" DECISION_DAYS DECISION_REVIEW_ORDER);
	if (f->review_before)
		return store_stmt(st, Q_DECISION_REVIEW_ALL,
		                  DECISION_SELECT
		                  "WHERE " DECISION_REVIEW DECISION_DAYS DECISION_REVIEW_ORDER);
	if (f->client_id)
		return store_stmt(st, Q_DECISION_LIST_CLIENT,
		                  DECISION_SELECT "WHERE d.client_id = ?1" DECISION_DAYS
		                                  " AND (?4 OR " DECISION_OPEN ")" DECISION_ORDER);
	return store_stmt(st, Q_DECISION_LIST_ALL,
	                  DECISION_SELECT "WHERE (?4 OR " DECISION_OPEN
	                                  ")" DECISION_DAYS DECISION_ORDER);
}

int store_decision_list(struct store *st, const struct decision_filter *f,
                        struct decision_list *out)
{
	static const struct decision_filter none = { 0 };
	memset(out, 0, sizeof *out);
	if (!f)
		f = &none;
	if (!STORE_HAS_V8(st)) /* an older file, read as it is: no decisions */
		return 0;
	int rc;
	if ((rc = store_check_day(st, "start of the range", f->from, false)) ||
	    (rc = store_check_day(st, "end of the range", f->to, false)) ||
	    (rc = store_check_day(st, "review date", f->review_before, false)))
		return rc;
	struct decision_filter g = *f;
	if (g.review_before && !*g.review_before)
		g.review_before = NULL;
	sqlite3_stmt *s = list_stmt(st, &g);
	if (!s)
		return EX_SOFTWARE;
	if (g.client_id)
		sqlite3_bind_text(s, 1, g.client_id, -1, SQLITE_STATIC);
	store_bind_text(s, 2, g.from);
	store_bind_text(s, 3, g.to);
	if (g.review_before)
		sqlite3_bind_text(s, 5, g.review_before, -1, SQLITE_STATIC);
	else
		sqlite3_bind_int(s, 4, g.include_closed);
	sqlite3_bind_int(s, 9, g.with_text);
	size_t cap = 0;
	rc = store_read_rows(st, s, (void **)&out->items, &out->n, &cap, sizeof *out->items,
	                     read_decision, "listing decisions");
	if (rc)
		decision_list_free(out);
	return rc;
}

static int decision_delete(struct store *st, const char *id)
{
	int rc = store_check_id(st, "decision", id, true);
	if (rc)
		return rc;
	sqlite3_stmt *s = store_stmt(st, Q_DECISION_DELETE, "DELETE FROM decisions WHERE id = ?1");
	if (!s)
		return EX_SOFTWARE;
	sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
	if ((rc = store_exec_stmt(st, s, "deleting the decision")) != 0)
		return rc;
	if (sqlite3_changes(st->db) == 0)
		return store_fail(st, EX_NOINPUT, "no decision with id %s", id);
	return 0;
}

int store_decision_delete(struct store *st, const char *id)
{
	int rc = store_begin(st);
	if (rc)
		return rc;
	return store_end(st, decision_delete(st, id));
}

static int supersede(struct store *st, const char *old_id, const char *new_id)
{
	char client_id[UUID_LEN];
	int rc = decision_client(st, old_id, client_id);
	if (rc || (rc = store_check_id(st, "superseding decision", new_id, true)) ||
	    (rc = store_check_decision_link(st, new_id, client_id)))
		return rc;
	if (!strcmp(old_id, new_id))
		return store_fail(st, EX_DATAERR, "a decision cannot supersede itself");
	/* No circle: old must not be what new (or one it led to) was
	 * superseded by. */
	sqlite3_stmt *s = store_stmt(
	        st, Q_DECISION_SUPERSEDE,
	        "WITH RECURSIVE chain(id) AS (SELECT ?2 UNION SELECT d.superseded_by"
	        " FROM decisions d JOIN chain ON d.id = chain.id WHERE d.superseded_by IS NOT NULL)"
	        " SELECT count(*) FROM chain WHERE id = ?1");
	if (!s)
		return EX_SOFTWARE;
	sqlite3_bind_text(s, 1, old_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, new_id, -1, SQLITE_STATIC);
	int src = sqlite3_step(s);
	bool circle = src == SQLITE_ROW && sqlite3_column_int(s, 0) > 0;
	store_done(s);
	if (src != SQLITE_ROW)
		return store_sql_fail(st, src, "reading what superseded what");
	if (circle) {
		char a[SHORT_ID_LEN + 1], b[SHORT_ID_LEN + 1];
		return store_fail(st, EX_DATAERR,
		                  "decision %s was itself superseded, through %s: it cannot "
		                  "supersede it back",
		                  uuid_short(old_id, a), uuid_short(new_id, b));
	}
	sqlite3_stmt *u = NULL;
	src = sqlite3_prepare_v3(st->db,
	                         "UPDATE decisions SET status = 'superseded', superseded_by = ?2"
	                         " WHERE id = ?1",
	                         -1, 0, &u, NULL);
	if (src != SQLITE_OK) {
		sqlite3_finalize(u);
		return store_sql_fail(st, src, "superseding the decision");
	}
	sqlite3_bind_text(u, 1, old_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(u, 2, new_id, -1, SQLITE_STATIC);
	src = sqlite3_step(u);
	sqlite3_finalize(u);
	return src == SQLITE_DONE ? 0 : store_write_fail(st, src, "superseding the decision", NULL);
}

int store_decision_supersede(struct store *st, const char *old_id, const char *new_id)
{
	int rc = store_begin(st);
	if (rc)
		return rc;
	return store_end(st, supersede(st, old_id, new_id));
}

/* ---- links ---- */

static const struct link_kind {
	const char *noun;
	enum stmt_id link_q, unlink_q;
	const char *link_sql, *unlink_sql;
	int (*check)(struct store *st, const char *item_id, const char *client_id);
} link_kinds[] = {
	[DECISION_LINK_MANDATE] = { "mandate", Q_DECISION_LINK_MANDATE, Q_DECISION_UNLINK_MANDATE,
	                            "INSERT OR IGNORE INTO decision_mandates(decision_id,"
	                            " mandate_id) VALUES (?1, ?2)",
	                            "DELETE FROM decision_mandates WHERE decision_id = ?1"
	                            " AND mandate_id = ?2",
	                            store_check_mandate_link },
	[DECISION_LINK_RISK] = { "risk", Q_DECISION_LINK_RISK, Q_DECISION_UNLINK_RISK,
	                         "INSERT OR IGNORE INTO decision_risks(decision_id, risk_id)"
	                         " VALUES (?1, ?2)",
	                         "DELETE FROM decision_risks WHERE decision_id = ?1"
	                         " AND risk_id = ?2",
	                         store_check_risk_link },
	[DECISION_LINK_VENDOR] = { "vendor", Q_DECISION_LINK_VENDOR, Q_DECISION_UNLINK_VENDOR,
	                           "INSERT OR IGNORE INTO decision_vendors(decision_id, vendor_id)"
	                           " VALUES (?1, ?2)",
	                           "DELETE FROM decision_vendors WHERE decision_id = ?1"
	                           " AND vendor_id = ?2",
	                           store_check_vendor_link },
};

static int link(struct store *st, const char *decision_id, enum decision_link kind,
                const char *item_id, bool linked)
{
	if ((unsigned)kind >= sizeof link_kinds / sizeof link_kinds[0])
		return store_fail(st, EX_SOFTWARE, "internal error: unknown kind of link");
	const struct link_kind *k = &link_kinds[kind];
	char client_id[UUID_LEN];
	int rc = decision_client(st, decision_id, client_id);
	if (rc || (rc = store_check_id(st, k->noun, item_id, true)) ||
	    (rc = k->check(st, item_id, client_id)))
		return rc;
	sqlite3_stmt *s = linked ? store_stmt(st, k->link_q, k->link_sql)
	                         : store_stmt(st, k->unlink_q, k->unlink_sql);
	if (!s)
		return EX_SOFTWARE;
	sqlite3_bind_text(s, 1, decision_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, item_id, -1, SQLITE_STATIC);
	return store_exec_stmt(st, s, linked ? "linking to the decision" : "unlinking it");
}

int store_decision_link(struct store *st, const char *decision_id, enum decision_link kind,
                        const char *item_id, bool linked)
{
	int rc = store_begin(st);
	if (rc)
		return rc;
	return store_end(st, link(st, decision_id, kind, item_id, linked));
}

static void read_linked(sqlite3_stmt *s, void *item, bool *oom)
{
	struct decision_linked *l = item;
	memset(l, 0, sizeof *l);
	l->kind = (enum decision_link)store_col_clamp(s, 0, DECISION_LINK_MANDATE,
	                                              DECISION_LINK_VENDOR);
	store_col_copy(s, 1, l->id, sizeof l->id);
	l->title = store_col_dup(s, 2, oom);
}

int store_decision_links(struct store *st, const char *decision_id, struct decision_links *out)
{
	memset(out, 0, sizeof *out);
	sqlite3_stmt *s = store_stmt(
	        st, Q_DECISION_LINKS,
	        "SELECT 0, m.id, m.title FROM decision_mandates dm JOIN mandates m"
	        " ON m.id = dm.mandate_id WHERE dm.decision_id = ?1"
	        " UNION ALL SELECT 1, r.id, r.title FROM decision_risks dr JOIN risks r"
	        " ON r.id = dr.risk_id WHERE dr.decision_id = ?1"
	        " UNION ALL SELECT 2, v.id, v.name FROM decision_vendors dv JOIN vendors v"
	        " ON v.id = dv.vendor_id WHERE dv.decision_id = ?1"
	        " ORDER BY 1, 3 COLLATE NOCASE, 2");
	if (!s)
		return EX_SOFTWARE;
	sqlite3_bind_text(s, 1, decision_id ? decision_id : "", -1, SQLITE_STATIC);
	size_t cap = 0;
	int rc = store_read_rows(st, s, (void **)&out->items, &out->n, &cap, sizeof *out->items,
	                         read_linked, "listing a decision's links");
	if (rc)
		decision_links_free(out);
	return rc;
}

int store_decision_resolve(struct store *st, const char *text, const char *client_id,
                           char id[UUID_LEN])
{
	return store_resolve_more(st, STORE_RESOLVE_DECISION, text, client_id, id);
}
