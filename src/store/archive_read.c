/*
 * archive_read.c: the archive's rows (cxo-json(5)): what each kind holds,
 * field by field, and every client's rows read out in the archive's order,
 * one row at a time, so an export's memory does not grow with the data.
 */
#include "internal.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sysexits.h>

#include "cxo/duration.h"
#include "cxo/renewal.h"

/* The most fields a kind has (vendors). */
#define ARC_MAX_FIELDS 20

#define TXT(n, lo, hi, nul)                                                                        \
	{                                                                                          \
		n, ARC_STR, ARC_TEXT, nul, lo, hi, NULL                                            \
	}
#define SHAPED(n, shape, nul)                                                                      \
	{                                                                                          \
		n, ARC_STR, shape, nul, 0, 0, NULL                                                 \
	}
#define WORDS(n, words, nul)                                                                       \
	{                                                                                          \
		n, ARC_STR, ARC_WORD, nul, 0, 0, words                                             \
	}
#define NUM(n, lo, hi, nul)                                                                        \
	{                                                                                          \
		n, ARC_INT, ARC_TEXT, nul, lo, hi, NULL                                            \
	}
#define FLAG(n)                                                                                    \
	{                                                                                          \
		n, ARC_BOOL, ARC_TEXT, false, 0, 1, NULL                                           \
	}

static const struct store_arc_field client_fields[] = {
	SHAPED("id", ARC_ID, false),
	SHAPED("key", ARC_KEY, false),
	TXT("name", 0, MAX_NAME, true),
	WORDS("role", "cio cto ciso interim", true),
	TXT("industry", 0, MAX_NAME, true),
	NUM("employees", 0, INT32_MAX, false),
	WORDS("status", "active paused ended", false),
	SHAPED("start_date", ARC_DAY, true),
	SHAPED("end_date", ARC_DAY, true),
	NUM("budget_minutes", 0, BUDGET_MAX_MINUTES, false),
	NUM("rate_cents", 0, INT64_MAX, false),
	SHAPED("currency", ARC_CURRENCY, false),
	NUM("tab_order", INT32_MIN, INT32_MAX, false),
};
static const struct store_arc_field terms_fields[] = {
	TXT("legal_name", 0, MAX_NAME, true),
	NUM("round_minutes", 0, 240, false),
	WORDS("round_mode", "up down nearest", false),
	WORDS("round_scope", "entry day", false),
	NUM("rollover_cap_minutes", 0, 1000000000LL, false),
	NUM("overage_rate_cents", 0, INT64_MAX / 1000000, false),
};
static const struct store_arc_field seen_fields[] = {
	SHAPED("last_day", ARC_DAY, false),
	SHAPED("previous_day", ARC_DAY, true),
};
static const struct store_arc_field timer_fields[] = {
	SHAPED("id", ARC_ID, false),
	TXT("note", 0, MAX_TEXT, true),
	NUM("started", 0, STORE_TIME_MAX, false),
};
static const struct store_arc_field mandate_fields[] = {
	SHAPED("id", ARC_ID, false),         TXT("title", 1, MAX_NAME, false),
	TXT("area", 0, MAX_NAME, true),      WORDS("status", "active done dropped", false),
	SHAPED("due", ARC_DAY, true),        TXT("measure", 0, MAX_TEXT, true),
	SHAPED("created", ARC_STAMP, false),
};
static const struct store_arc_field risk_fields[] = {
	SHAPED("id", ARC_ID, false),
	TXT("title", 1, MAX_NAME, false),
	WORDS("category", "security compliance vendor operations people financial", true),
	NUM("likelihood", 1, 5, false),
	NUM("impact", 1, 5, false),
	NUM("residual_likelihood", 1, 5, true),
	NUM("residual_impact", 1, 5, true),
	WORDS("treatment", "mitigate accept transfer avoid", false),
	WORDS("status", "open mitigating accepted closed", false),
	TXT("owner", 0, MAX_NAME, true),
	TXT("mitigation", 0, MAX_TEXT, true),
	TXT("framework", 0, MAX_NAME, true),
	SHAPED("review_date", ARC_DAY, true),
	SHAPED("accepted_until", ARC_DAY, true),
	SHAPED("opened", ARC_DAY, false),
	SHAPED("closed", ARC_DAY, true),
};
static const struct store_arc_field action_fields[] = {
	SHAPED("id", ARC_ID, false),
	SHAPED("mandate_id", ARC_ID, true),
	SHAPED("risk_id", ARC_ID, true),
	TXT("title", 1, MAX_NAME, false),
	TXT("owner", 0, MAX_NAME, true),
	TXT("waiting_for", 0, MAX_NAME, true),
	SHAPED("due", ARC_DAY, true),
	WORDS("status", "todo waiting done dropped", false),
	SHAPED("waiting_since", ARC_DAY, true),
	SHAPED("done_on", ARC_DAY, true),
	SHAPED("created", ARC_DAY, false),
};
static const struct store_arc_field entry_fields[] = {
	SHAPED("id", ARC_ID, false),         SHAPED("mandate_id", ARC_ID, true),
	SHAPED("day", ARC_DAY, false),       NUM("minutes", 1, 1440, false),
	TXT("note", 0, MAX_TEXT, true),      FLAG("billable"),
	SHAPED("created", ARC_STAMP, false), WORDS("service", "harvest toggl", true),
	TXT("source_key", 1, 200, true),     SHAPED("start_time", ARC_CLOCK, true),
	SHAPED("end_time", ARC_CLOCK, true),
};
static const struct store_arc_field note_fields[] = {
	SHAPED("id", ARC_ID, false),
	TXT("body", 1, MAX_NOTE, false),
	SHAPED("created", ARC_STAMP, false),
	FLAG("shared"),
};
static const struct store_arc_field lock_fields[] = {
	SHAPED("month", ARC_MONTH, false),
	TXT("invoice", 0, MAX_NAME, true),
	SHAPED("locked", ARC_STAMP, false),
};
static const struct store_arc_field vendor_fields[] = {
	SHAPED("id", ARC_ID, false),
	TXT("name", 1, MAX_NAME, false),
	WORDS("category", "saas infrastructure msp telecom security hardware other", false),
	TXT("owner", 0, MAX_NAME, true),
	NUM("annual_cents", 0, INT64_MAX, false),
	SHAPED("currency", ARC_CURRENCY, false),
	WORDS("billing", "monthly quarterly annual multiyear usage", false),
	NUM("units", 0, INT64_MAX, false),
	SHAPED("start_date", ARC_DAY, true),
	SHAPED("term_end", ARC_DAY, true),
	FLAG("auto_renew"),
	NUM("notice_days", 0, RENEWAL_NOTICE_MAX, false),
	WORDS("status", "evaluating active renewing leaving ended", false),
	WORDS("diligence", "none sent reviewed approved", false),
	SHAPED("diligence_on", ARC_DAY, true),
	WORDS("data", "none internal confidential regulated", false),
	TXT("notes", 0, MAX_TEXT, true),
	SHAPED("created", ARC_DAY, false),
	SHAPED("ended", ARC_DAY, true),
};
static const struct store_arc_field vendor_risk_fields[] = {
	SHAPED("vendor_id", ARC_ID, false),
	SHAPED("risk_id", ARC_ID, false),
};
static const struct store_arc_field decision_fields[] = {
	SHAPED("id", ARC_ID, false),
	TXT("title", 1, MAX_NAME, false),
	SHAPED("day", ARC_DAY, false),
	WORDS("status", "proposed decided superseded reversed", false),
	TXT("decided_by", 0, MAX_NAME, true),
	TXT("consulted", 0, MAX_NAME, true),
	TXT("context", 0, MAX_NOTE, true),
	TXT("options", 0, MAX_NOTE, true),
	TXT("decision", 0, MAX_NOTE, true),
	TXT("consequences", 0, MAX_NOTE, true),
	SHAPED("review", ARC_DAY, true),
	SHAPED("superseded_by", ARC_ID, true),
	SHAPED("created", ARC_STAMP, false),
};
static const struct store_arc_field decision_mandate_fields[] = {
	SHAPED("decision_id", ARC_ID, false),
	SHAPED("mandate_id", ARC_ID, false),
};
static const struct store_arc_field decision_risk_fields[] = {
	SHAPED("decision_id", ARC_ID, false),
	SHAPED("risk_id", ARC_ID, false),
};
static const struct store_arc_field decision_vendor_fields[] = {
	SHAPED("decision_id", ARC_ID, false),
	SHAPED("vendor_id", ARC_ID, false),
};
static const struct store_arc_field change_fields[] = {
	SHAPED("at", ARC_DAY, false),
	WORDS("kind", "mandate risk action note", false),
	SHAPED("item_id", ARC_ID, false),
	WORDS("change", "added edited closed accepted reopened deleted", false),
	TXT("title", 0, MAX_NAME, true),
};

#define KIND(name, item, single, f)                                                                \
	{                                                                                          \
		name, item, single, f, sizeof f / sizeof f[0], 1                                   \
	}
#define KIND2(name, item, f)                                                                       \
	{                                                                                          \
		name, item, false, f, sizeof f / sizeof f[0], 2                                    \
	}
const struct store_arc_info store_arc_kinds[ARC_KIND_COUNT] = {
	[ARC_CLIENT] = KIND("clients", "client", false, client_fields),
	[ARC_TERMS] = KIND("terms", "terms", true, terms_fields),
	[ARC_SEEN] = KIND("seen", "seen", true, seen_fields),
	[ARC_TIMER] = KIND("timer", "timer", true, timer_fields),
	[ARC_MANDATE] = KIND("mandates", "mandate", false, mandate_fields),
	[ARC_RISK] = KIND("risks", "risk", false, risk_fields),
	[ARC_ACTION] = KIND("actions", "action", false, action_fields),
	[ARC_ENTRY] = KIND("entries", "entry", false, entry_fields),
	[ARC_NOTE] = KIND("notes", "note", false, note_fields),
	[ARC_LOCK] = KIND("locks", "lock", false, lock_fields),
	[ARC_VENDOR] = KIND2("vendors", "vendor", vendor_fields),
	[ARC_VENDOR_RISK] = KIND2("vendor_risks", "vendor's risk", vendor_risk_fields),
	[ARC_DECISION] = KIND2("decisions", "decision", decision_fields),
	[ARC_DECISION_MANDATE] =
	        KIND2("decision_mandates", "decision's mandate", decision_mandate_fields),
	[ARC_DECISION_RISK] = KIND2("decision_risks", "decision's risk", decision_risk_fields),
	[ARC_DECISION_VENDOR] =
	        KIND2("decision_vendors", "decision's vendor", decision_vendor_fields),
	[ARC_CHANGE] = KIND("changes", "change", false, change_fields),
};

/* Each kind's columns, in its fields' order, for the client ?1. */
static const char *const read_sql[ARC_KIND_COUNT] = {
	[ARC_TERMS] = "SELECT legal_name, round_minutes, round_mode, round_scope,"
	              " rollover_cap_minutes, overage_rate_cents FROM client_terms"
	              " WHERE client_id = ?1",
	[ARC_SEEN] = "SELECT last_day, previous_day FROM client_seen WHERE client_id = ?1",
	[ARC_TIMER] = "SELECT id, note, started FROM timer WHERE client_id = ?1",
	[ARC_MANDATE] = "SELECT id, title, area, status, due, measure, created FROM mandates"
	                " WHERE client_id = ?1 ORDER BY created, id",
	[ARC_RISK] = "SELECT id, title, category, likelihood, impact, residual_likelihood,"
	             " residual_impact, treatment, status, owner, mitigation, framework,"
	             " review_date, accepted_until, opened, closed FROM risks"
	             " WHERE client_id = ?1 ORDER BY opened, id",
	[ARC_ACTION] = "SELECT id, mandate_id, risk_id, title, owner, waiting_for, due, status,"
	               " waiting_since, done_on, created FROM actions"
	               " WHERE client_id = ?1 ORDER BY created, id",
	[ARC_ENTRY] = "SELECT e.id, e.mandate_id, e.day, e.minutes, e.note, e.billable,"
	              " e.created, s.service, s.source_key, s.start_time, s.end_time"
	              " FROM time_entries e LEFT JOIN entry_sources s ON s.entry_id = e.id"
	              " WHERE e.client_id = ?1 ORDER BY e.day, e.created, e.id",
	[ARC_NOTE] = "SELECT n.id, n.body, n.created,"
	             " EXISTS (SELECT 1 FROM note_shares h WHERE h.note_id = n.id)"
	             " FROM notes n WHERE n.client_id = ?1 ORDER BY n.created, n.id",
	[ARC_LOCK] = "SELECT month, invoice, locked FROM month_locks WHERE client_id = ?1"
	             " ORDER BY month",
	[ARC_VENDOR] = "SELECT id, name, category, owner, annual_cents, currency, billing, units,"
	               " start_date, term_end, auto_renew, notice_days, status, diligence,"
	               " diligence_on, data, notes, created, ended FROM vendors"
	               " WHERE client_id = ?1 ORDER BY created, id",
	[ARC_VENDOR_RISK] = "SELECT l.vendor_id, l.risk_id FROM vendor_risks l"
	                    " JOIN vendors v ON v.id = l.vendor_id WHERE v.client_id = ?1"
	                    " ORDER BY l.vendor_id, l.risk_id",
	[ARC_DECISION] = "SELECT id, title, day, status, decided_by, consulted, context, options,"
	                 " decision, consequences, review, superseded_by, created FROM decisions"
	                 " WHERE client_id = ?1 ORDER BY created, id",
	[ARC_DECISION_MANDATE] = "SELECT l.decision_id, l.mandate_id FROM decision_mandates l"
	                         " JOIN decisions d ON d.id = l.decision_id WHERE d.client_id = ?1"
	                         " ORDER BY l.decision_id, l.mandate_id",
	[ARC_DECISION_RISK] = "SELECT l.decision_id, l.risk_id FROM decision_risks l"
	                      " JOIN decisions d ON d.id = l.decision_id WHERE d.client_id = ?1"
	                      " ORDER BY l.decision_id, l.risk_id",
	[ARC_DECISION_VENDOR] = "SELECT l.decision_id, l.vendor_id FROM decision_vendors l"
	                        " JOIN decisions d ON d.id = l.decision_id WHERE d.client_id = ?1"
	                        " ORDER BY l.decision_id, l.vendor_id",
	[ARC_CHANGE] = "SELECT at, kind, item_id, change, title FROM item_changes"
	               " WHERE client_id = ?1 ORDER BY rowid",
};

/* The row s is on, as values (the strings are s's until its next step). */
static void row_values(sqlite3_stmt *s, int first, const struct store_arc_info *k,
                       struct store_arc_value *v)
{
	for (size_t j = 0; j < k->n; j++) {
		int col = first + (int)j;
		v[j].null = sqlite3_column_type(s, col) == SQLITE_NULL;
		v[j].i = v[j].null ? 0 : sqlite3_column_int64(s, col);
		v[j].s = v[j].null ? NULL : (const char *)sqlite3_column_text(s, col);
		if (!v[j].null && k->fields[j].type == ARC_STR && !v[j].s)
			v[j].s = ""; /* out of memory: SQLite's error shows at the next step */
	}
}

struct reader {
	struct store *st;
	sqlite3_stmt *kinds[ARC_KIND_COUNT];
	store_arc_row_fn *fn;
	void *arg;
};

static int read_kind(struct reader *r, enum store_arc_kind kind, const char *client_id)
{
	const struct store_arc_info *k = &store_arc_kinds[kind];
	sqlite3_stmt *s = r->kinds[kind];
	struct store_arc_value v[ARC_MAX_FIELDS];
	sqlite3_bind_text(s, 1, client_id, -1, SQLITE_STATIC);
	int src, rc = 0;
	while ((src = sqlite3_step(s)) == SQLITE_ROW) {
		row_values(s, 0, k, v);
		if ((rc = r->fn(r->arg, kind, v)) != 0)
			break;
		if (k->single)
			break;
	}
	sqlite3_reset(s);
	if (rc)
		return rc;
	if (src != SQLITE_ROW && src != SQLITE_DONE) {
		char what[64];
		snprintf(what, sizeof what, "reading the %s", k->name);
		return store_sql_fail(r->st, src, what);
	}
	if (!k->single || src == SQLITE_DONE)
		return r->fn(r->arg, kind, NULL);
	return 0;
}

static int read_clients(struct reader *r, sqlite3_stmt *cs)
{
	const struct store_arc_info *k = &store_arc_kinds[ARC_CLIENT];
	struct store_arc_value v[ARC_MAX_FIELDS];
	char id[UUID_LEN];
	int src, rc = 0;
	while (!rc && (src = sqlite3_step(cs)) == SQLITE_ROW) {
		row_values(cs, 0, k, v);
		store_col_copy(cs, 0, id, sizeof id);
		if ((rc = r->fn(r->arg, ARC_CLIENT, v)) != 0)
			break;
		for (int kind = ARC_CLIENT + 1; !rc && kind < ARC_KIND_COUNT; kind++)
			rc = read_kind(r, (enum store_arc_kind)kind, id);
	}
	if (rc)
		return rc;
	if (src != SQLITE_DONE)
		return store_sql_fail(r->st, src, "reading the clients");
	return 0;
}

int store_arc_read(struct store *st, const char *client_id, store_arc_row_fn *fn, void *arg)
{
	if (st->schema < STORE_SCHEMA_VERSION)
		return store_fail(st, EX_DATAERR,
		                  "\"%s\" has schema %d: run any write command to upgrade it to %d "
		                  "first",
		                  st->path, st->schema, STORE_SCHEMA_VERSION);
	struct reader r = { .st = st, .fn = fn, .arg = arg };
	sqlite3_stmt *cs = NULL;
	const char *csql = client_id ? "SELECT " CLIENT_COLUMNS_PLAIN " FROM clients WHERE id = ?1"
	                             : "SELECT " CLIENT_COLUMNS_PLAIN " FROM clients ORDER BY key";
	int src = sqlite3_prepare_v3(st->db, csql, -1, SQLITE_PREPARE_PERSISTENT, &cs, NULL);
	for (int kind = ARC_CLIENT + 1; src == SQLITE_OK && kind < ARC_KIND_COUNT; kind++)
		src = sqlite3_prepare_v3(st->db, read_sql[kind], -1, SQLITE_PREPARE_PERSISTENT,
		                         &r.kinds[kind], NULL);
	int rc = 0;
	if (src != SQLITE_OK)
		rc = store_sql_fail(st, src, "preparing the archive's queries");
	else if (!(rc = store_read_begin(st))) {
		if (client_id)
			sqlite3_bind_text(cs, 1, client_id, -1, SQLITE_STATIC);
		rc = read_clients(&r, cs);
		store_read_end(st);
	}
	sqlite3_finalize(cs);
	for (int kind = 0; kind < ARC_KIND_COUNT; kind++)
		sqlite3_finalize(r.kinds[kind]);
	return rc;
}
