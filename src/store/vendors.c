/*
 * vendors.c: a client's vendors and their contracts (schema 8).
 *
 * The notice deadline is computed, never stored: every query that reads
 * or filters on it writes it exactly as the vendors_notice and
 * vendors_client_notice indexes do (VENDOR_NOTICE_BY, under
 * VENDOR_RUNNING), so SQLite reads the deadline from the index.
 */
#include "internal.h"

#include "cxo/date.h"
#include "cxo/money.h"
#include "cxo/renewal.h"
#include "cxo/vendor.h"
#include "cxo/vocab.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

/* The indexes' expression and condition, word for word. */
#define VENDOR_NOTICE_BY "date(v.term_end, '-' || v.notice_days || ' days')"
#define VENDOR_RUNNING "v.term_end IS NOT NULL AND v.status <> 'ended'"

#define VENDOR_SELECT                                                                              \
	"SELECT v.id, v.client_id, c.key, v.name, v.category, v.owner, v.annual_cents,"            \
	" v.currency, v.billing, v.units, v.start_date, v.term_end, v.auto_renew,"                 \
	" v.notice_days, v.status, v.diligence, v.diligence_on, v.data, v.notes, v.created,"       \
	" v.ended, " VENDOR_NOTICE_BY ","                                                          \
	" (SELECT count(*) FROM vendor_risks vr WHERE vr.vendor_id = v.id)"                        \
	" FROM vendors v JOIN clients c ON c.id = v.client_id "
#define VENDOR_ORDER " ORDER BY c.key, v.name COLLATE NOCASE, v.id"
#define VENDOR_NOTICE_ORDER " ORDER BY " VENDOR_NOTICE_BY ", c.key, v.name COLLATE NOCASE, v.id"

void vendor_free(struct vendor *v)
{
	if (!v)
		return;
	free(v->name);
	free(v->owner);
	free(v->notes);
	v->name = v->owner = v->notes = NULL;
}

void vendor_list_free(struct vendor_list *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->n; i++)
		vendor_free(&l->items[i]);
	free(l->items);
	l->items = NULL;
	l->n = 0;
}

static void read_vendor(sqlite3_stmt *s, void *item, bool *oom)
{
	struct vendor *v = item;
	memset(v, 0, sizeof *v);
	store_col_copy(s, 0, v->id, sizeof v->id);
	store_col_copy(s, 1, v->client_id, sizeof v->client_id);
	store_col_copy(s, 2, v->client_key, sizeof v->client_key);
	v->name = store_col_dup(s, 3, oom);
	store_col_copy(s, 4, v->category, sizeof v->category);
	v->owner = store_col_dup(s, 5, oom);
	v->annual_cents = store_col_clamp(s, 6, 0, INT64_MAX);
	store_col_copy(s, 7, v->currency, sizeof v->currency);
	store_col_copy(s, 8, v->billing, sizeof v->billing);
	v->units = (long)store_col_clamp(s, 9, 0, LONG_MAX);
	store_col_copy(s, 10, v->start, sizeof v->start);
	store_col_copy(s, 11, v->term_end, sizeof v->term_end);
	v->auto_renew = store_col_clamp(s, 12, 0, 1) != 0;
	v->notice_days = (int)store_col_clamp(s, 13, 0, RENEWAL_NOTICE_MAX);
	store_col_copy(s, 14, v->status, sizeof v->status);
	store_col_copy(s, 15, v->diligence, sizeof v->diligence);
	store_col_copy(s, 16, v->diligence_on, sizeof v->diligence_on);
	store_col_copy(s, 17, v->data, sizeof v->data);
	v->notes = store_col_dup(s, 18, oom);
	store_col_copy(s, 19, v->created, sizeof v->created);
	store_col_copy(s, 20, v->ended, sizeof v->ended);
	store_col_copy(s, 21, v->notice_by, sizeof v->notice_by);
	v->risks = (int)store_col_clamp(s, 22, 0, INT_MAX);
}

/* A day of the calendar: store_check_day's shape, and a day that exists
 * (the deadline arithmetic would move 2027-02-30 to March). */
static int check_day(struct store *st, const char *what, const char *day)
{
	int rc = store_check_day(st, what, day, false);
	if (rc || !day || !*day)
		return rc;
	cxo_day d;
	if (date_parse_iso(day, &d))
		return 0;
	char shown[64];
	store_msg_text(day, shown, sizeof shown);
	return store_fail(st, EX_DATAERR, "bad %s \"%s\" (no such day)", what, shown);
}

static int validate(struct store *st, const struct vendor *v)
{
	int rc;
	if ((rc = store_client_key_of(st, v->client_id, NULL)) ||
	    (rc = store_check_text(st, "vendor name", v->name, MAX_NAME, true)) ||
	    (rc = store_check_word(st, "vendor category", v->category, VOCAB_VENDOR_CATEGORY.words,
	                           false)) ||
	    (rc = store_check_text(st, "vendor owner", v->owner, MAX_NAME, false)) ||
	    (rc = store_check_range(st, "annual cost (cents)", v->annual_cents, 0, INT64_MAX)) ||
	    (rc = store_check_word(st, "billing cycle", v->billing, VOCAB_VENDOR_BILLING.words,
	                           false)) ||
	    (rc = store_check_range(st, "units", v->units, 0, INT64_MAX)) ||
	    (rc = check_day(st, "contract start", v->start)) ||
	    (rc = check_day(st, "term end", v->term_end)) ||
	    (rc = store_check_range(st, "notice period (days)", v->notice_days, 0,
	                            RENEWAL_NOTICE_MAX)) ||
	    (rc = store_check_word(st, "vendor status", v->status, VOCAB_VENDOR_STATUS.words,
	                           false)) ||
	    (rc = store_check_word(st, "due diligence", v->diligence, VOCAB_VENDOR_DILIGENCE.words,
	                           false)) ||
	    (rc = check_day(st, "due diligence date", v->diligence_on)) ||
	    (rc = store_check_word(st, "vendor data", v->data, VOCAB_VENDOR_DATA.words, false)) ||
	    (rc = store_check_text(st, "vendor notes", v->notes, MAX_TEXT, false)) ||
	    (rc = check_day(st, "creation date", v->created)) ||
	    (rc = check_day(st, "end date", v->ended)))
		return rc;
	if (v->start[0] && v->term_end[0] && strcmp(v->term_end, v->start) < 0)
		return store_fail(st, EX_DATAERR, "term end %s is before the contract start %s",
		                  v->term_end, v->start);
	if (v->currency[0]) {
		char code[4], shown[64];
		if (!currency_normalize(v->currency, code)) {
			store_msg_text(v->currency, shown, sizeof shown);
			return store_fail(st, EX_DATAERR,
			                  "bad currency \"%s\" (expected a three-letter code such "
			                  "as USD or EUR)",
			                  shown);
		}
	}
	return 0;
}

/* ?1 id, ?2 client ... ?18 notes, ?19 ended, in the table's column order
 * without created; an empty currency is the client's. */
static void bind_vendor(sqlite3_stmt *s, const struct vendor *v)
{
	sqlite3_bind_text(s, 1, v->id, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, v->client_id, -1, SQLITE_STATIC);
	store_bind_text(s, 3, v->name);
	sqlite3_bind_text(s, 4, v->category[0] ? v->category : "other", -1, SQLITE_STATIC);
	store_bind_text(s, 5, v->owner);
	sqlite3_bind_int64(s, 6, v->annual_cents);
	char code[4];
	if (v->currency[0] && currency_normalize(v->currency, code))
		sqlite3_bind_text(s, 7, code, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(s, 7);
	sqlite3_bind_text(s, 8, v->billing[0] ? v->billing : "annual", -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 9, v->units);
	store_bind_text(s, 10, v->start);
	store_bind_text(s, 11, v->term_end);
	sqlite3_bind_int(s, 12, v->auto_renew);
	sqlite3_bind_int(s, 13, v->notice_days);
	sqlite3_bind_text(s, 14, v->status[0] ? v->status : "active", -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 15, v->diligence[0] ? v->diligence : "none", -1, SQLITE_STATIC);
	store_bind_text(s, 16, v->diligence_on);
	sqlite3_bind_text(s, 17, v->data[0] ? v->data : "none", -1, SQLITE_STATIC);
	store_bind_text(s, 18, v->notes);
	store_bind_text(s, 19, v->ended);
}

/* Reads back what the insert or update defaulted (currency, ended). */
static int read_back(struct store *st, struct vendor *v)
{
	sqlite3_stmt *s =
	        store_stmt(st, Q_VENDOR_ENDED, "SELECT currency, ended FROM vendors WHERE id = ?1");
	if (!s)
		return EX_SOFTWARE;
	sqlite3_bind_text(s, 1, v->id, -1, SQLITE_STATIC);
	int src = sqlite3_step(s);
	if (src == SQLITE_ROW) {
		store_col_copy(s, 0, v->currency, sizeof v->currency);
		store_col_copy(s, 1, v->ended, sizeof v->ended);
	}
	store_done(s);
	return src == SQLITE_ROW ? 0 : store_sql_fail(st, src, "reading the vendor back");
}

static int vendor_insert(struct store *st, struct vendor *v)
{
	int rc = validate(st, v);
	if (rc || (rc = store_new_id(st, v->id)) != 0)
		return rc;
	if (!v->created[0])
		store_today(v->created);
	char today[DAY_LEN];
	store_today(today);
	/* Ended as given, or today for a vendor added as ended. */
	sqlite3_stmt *s = store_stmt(
	        st, Q_VENDOR_INSERT,
	        "INSERT INTO vendors(id, client_id, name, category, owner, annual_cents, currency,"
	        " billing, units, start_date, term_end, auto_renew, notice_days, status,"
	        " diligence, diligence_on, data, notes, created, ended) VALUES (?1, ?2, ?3, ?4,"
	        " ?5, ?6, coalesce(?7, (SELECT currency FROM clients WHERE id = ?2)), ?8, ?9,"
	        " ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?20,"
	        " CASE WHEN ?14 = 'ended' THEN coalesce(?19, ?21) END)");
	if (!s)
		return EX_SOFTWARE;
	bind_vendor(s, v);
	sqlite3_bind_text(s, 20, v->created, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 21, today, -1, SQLITE_TRANSIENT);
	if ((rc = store_exec_stmt(st, s, "adding the vendor")) != 0)
		return rc;
	if (!v->category[0])
		snprintf(v->category, sizeof v->category, "other");
	if (!v->billing[0])
		snprintf(v->billing, sizeof v->billing, "annual");
	if (!v->status[0])
		snprintf(v->status, sizeof v->status, "active");
	if (!v->diligence[0])
		snprintf(v->diligence, sizeof v->diligence, "none");
	if (!v->data[0])
		snprintf(v->data, sizeof v->data, "none");
	return read_back(st, v);
}

int store_vendor_add(struct store *st, struct vendor *v)
{
	int rc = store_begin(st);
	if (rc)
		return rc;
	return store_end(st, vendor_insert(st, v));
}

static int vendor_update(struct store *st, const struct vendor *v)
{
	int rc = store_check_id(st, "vendor", v->id, true);
	if (rc || (rc = validate(st, v)) != 0)
		return rc;
	char today[DAY_LEN];
	store_today(today);
	/* Ended: the day given, else the day it already ended, else today;
	 * cleared when the status leaves ended. */
	sqlite3_stmt *s = store_stmt(
	        st, Q_VENDOR_UPDATE,
	        "UPDATE vendors SET client_id = ?2, name = ?3, category = ?4, owner = ?5,"
	        " annual_cents = ?6, currency = coalesce(?7, currency), billing = ?8, units = ?9,"
	        " start_date = ?10, term_end = ?11, auto_renew = ?12, notice_days = ?13,"
	        " status = ?14, diligence = ?15, diligence_on = ?16, data = ?17, notes = ?18,"
	        " created = coalesce(?20, created),"
	        " ended = CASE WHEN ?14 <> 'ended' THEN NULL"
	        "  WHEN status = 'ended' THEN coalesce(?19, ended, ?21)"
	        "  ELSE coalesce(?19, ?21) END"
	        " WHERE id = ?1");
	if (!s)
		return EX_SOFTWARE;
	bind_vendor(s, v);
	store_bind_text(s, 20, v->created);
	sqlite3_bind_text(s, 21, today, -1, SQLITE_TRANSIENT);
	if ((rc = store_exec_stmt(st, s, "updating the vendor")) != 0)
		return rc;
	if (sqlite3_changes(st->db) == 0)
		return store_fail(st, EX_NOINPUT, "no vendor with id %s", v->id);
	return 0;
}

int store_vendor_update(struct store *st, const struct vendor *v)
{
	int rc = store_begin(st);
	if (rc)
		return rc;
	return store_end(st, vendor_update(st, v));
}

int store_vendor_get(struct store *st, const char *id, struct vendor *out)
{
	memset(out, 0, sizeof *out);
	if (!STORE_HAS_V8(st)) /* an older file, read as it is */
		return store_fail(st, EX_NOINPUT, "no vendor with id %s", id ? id : "");
	sqlite3_stmt *s = store_stmt(st, Q_VENDOR_GET, VENDOR_SELECT "WHERE v.id = ?1");
	if (!s)
		return EX_SOFTWARE;
	int rc = store_read_one(st, s, id, out, read_vendor, "vendor", "reading a vendor");
	if (rc)
		vendor_free(out);
	return rc;
}

/* The statement for a filter.  The renewals (notice_to set) read the
 * notice indexes over the range ?2..?3; the others the client's name
 * index, ended ones too when ?2. */
static sqlite3_stmt *list_stmt(struct store *st, const struct vendor_filter *f)
{
	if (f->notice_to && f->client_id)
		return store_stmt(st, Q_VENDOR_NOTICE_CLIENT,
		                  VENDOR_SELECT "WHERE v.client_id = ?1 AND " VENDOR_RUNNING
		                                " AND " VENDOR_NOTICE_BY " >= ?2"
		                                " AND " VENDOR_NOTICE_BY
		                                " <= ?3" VENDOR_NOTICE_ORDER);
	if (f->notice_to)
		return store_stmt(st, Q_VENDOR_NOTICE_ALL,
		                  VENDOR_SELECT "WHERE " VENDOR_RUNNING " AND " VENDOR_NOTICE_BY
		                                " >= ?2 AND " VENDOR_NOTICE_BY
		                                " <= ?3" VENDOR_NOTICE_ORDER);
	if (f->client_id)
		return store_stmt(st, Q_VENDOR_LIST_CLIENT,
		                  VENDOR_SELECT "WHERE v.client_id = ?1 AND (?2 OR v.status <> "
		                                "'ended')" VENDOR_ORDER);
	return store_stmt(st, Q_VENDOR_LIST_ALL,
	                  VENDOR_SELECT "WHERE ?2 OR v.status <> 'ended'" VENDOR_ORDER);
}

int store_vendor_list(struct store *st, const struct vendor_filter *f, struct vendor_list *out)
{
	static const struct vendor_filter none = { 0 };
	memset(out, 0, sizeof *out);
	if (!f)
		f = &none;
	if (!STORE_HAS_V8(st)) /* an older file, read as it is: no vendors */
		return 0;
	int rc;
	if ((rc = store_check_day(st, "start of the notice range", f->notice_from, false)) ||
	    (rc = store_check_day(st, "end of the notice range", f->notice_to, false)))
		return rc;
	if (f->notice_from && *f->notice_from && !(f->notice_to && *f->notice_to))
		return store_fail(st, EX_SOFTWARE,
		                  "internal error: a notice range without its end");
	const struct vendor_filter *g = f;
	struct vendor_filter copy;
	if (f->notice_to && !*f->notice_to) {
		copy = *f;
		copy.notice_to = NULL;
		g = &copy;
	}
	sqlite3_stmt *s = list_stmt(st, g);
	if (!s)
		return EX_SOFTWARE;
	if (g->client_id)
		sqlite3_bind_text(s, 1, g->client_id, -1, SQLITE_STATIC);
	if (g->notice_to) {
		/* "0000-00-00" sorts before every day: any earlier deadline. */
		sqlite3_bind_text(s, 2,
		                  g->notice_from && *g->notice_from ? g->notice_from : "0000-00-00",
		                  -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 3, g->notice_to, -1, SQLITE_STATIC);
	} else {
		sqlite3_bind_int(s, 2, g->include_ended);
	}
	size_t cap = 0;
	rc = store_read_rows(st, s, (void **)&out->items, &out->n, &cap, sizeof *out->items,
	                     read_vendor, "listing vendors");
	if (rc)
		vendor_list_free(out);
	return rc;
}

static int vendor_delete(struct store *st, const char *id)
{
	int rc = store_check_id(st, "vendor", id, true);
	if (rc)
		return rc;
	sqlite3_stmt *s = store_stmt(st, Q_VENDOR_DELETE, "DELETE FROM vendors WHERE id = ?1");
	if (!s)
		return EX_SOFTWARE;
	sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
	if ((rc = store_exec_stmt(st, s, "deleting the vendor")) != 0)
		return rc;
	if (sqlite3_changes(st->db) == 0)
		return store_fail(st, EX_NOINPUT, "no vendor with id %s", id);
	return 0;
}

int store_vendor_delete(struct store *st, const char *id)
{
	int rc = store_begin(st);
	if (rc)
		return rc;
	return store_end(st, vendor_delete(st, id));
}

/* Whether the vendor ?1 is of the client ?2, and its client. */
#define VENDOR_CLIENT_SQL "SELECT client_id = ?2, client_id FROM vendors WHERE id = ?1"

int store_check_vendor_link(struct store *st, const char *vendor_id, const char *client_id)
{
	return store_check_link(st, Q_VENDOR_CLIENT, VENDOR_CLIENT_SQL, "vendor", vendor_id,
	                        client_id);
}

/* The client of the vendor id, into client_id: EX_NOINPUT when none. */
static int vendor_client(struct store *st, const char *id, char client_id[UUID_LEN])
{
	int rc = store_check_id(st, "vendor", id, true);
	if (rc)
		return rc;
	sqlite3_stmt *s = store_stmt(st, Q_VENDOR_CLIENT, VENDOR_CLIENT_SQL);
	if (!s)
		return EX_SOFTWARE;
	sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
	int src = sqlite3_step(s);
	if (src == SQLITE_ROW)
		store_col_copy(s, 1, client_id, UUID_LEN);
	store_done(s);
	if (src == SQLITE_DONE)
		return store_fail(st, EX_NOINPUT, "no vendor with id %s", id);
	return src == SQLITE_ROW ? 0 : store_sql_fail(st, src, "reading a vendor");
}

static int link_risk(struct store *st, const char *vendor_id, const char *risk_id, bool linked)
{
	char client_id[UUID_LEN];
	int rc = vendor_client(st, vendor_id, client_id);
	if (rc || (rc = store_check_id(st, "risk", risk_id, true)) ||
	    (rc = store_check_risk_link(st, risk_id, client_id)))
		return rc;
	sqlite3_stmt *s =
	        linked ? store_stmt(st, Q_VENDOR_LINK_RISK,
	                            "INSERT OR IGNORE INTO vendor_risks(vendor_id, risk_id)"
	                            " VALUES (?1, ?2)")
	               : store_stmt(
	                         st, Q_VENDOR_UNLINK_RISK,
	                         "DELETE FROM vendor_risks WHERE vendor_id = ?1 AND risk_id = ?2");
	if (!s)
		return EX_SOFTWARE;
	sqlite3_bind_text(s, 1, vendor_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, risk_id, -1, SQLITE_STATIC);
	return store_exec_stmt(st, s, linked ? "linking the risk" : "unlinking the risk");
}

int store_vendor_link_risk(struct store *st, const char *vendor_id, const char *risk_id,
                           bool linked)
{
	int rc = store_begin(st);
	if (rc)
		return rc;
	return store_end(st, link_risk(st, vendor_id, risk_id, linked));
}

int store_vendor_risks(struct store *st, const char *vendor_id, struct risk_list *out)
{
	memset(out, 0, sizeof *out);
	sqlite3_stmt *s = store_stmt(st, Q_VENDOR_RISKS,
	                             STORE_RISK_SELECT "JOIN vendor_risks vr ON vr.risk_id = r.id"
	                                               " WHERE vr.vendor_id = ?1" STORE_RISK_ORDER);
	if (!s)
		return EX_SOFTWARE;
	sqlite3_bind_text(s, 1, vendor_id ? vendor_id : "", -1, SQLITE_STATIC);
	size_t cap = 0;
	int rc = store_read_rows(st, s, (void **)&out->items, &out->n, &cap, sizeof *out->items,
	                         store_read_risk, "listing a vendor's risks");
	if (rc)
		risk_list_free(out);
	return rc;
}

int store_vendor_resolve(struct store *st, const char *text, const char *client_id,
                         char id[UUID_LEN])
{
	return store_resolve_more(st, STORE_RESOLVE_VENDOR, text, client_id, id);
}
