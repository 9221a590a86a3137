/*
 * report_vendors.c: the reads the brief and the board pack make of a
 * client's vendors: the renewals to act on (through the index of running
 * contracts by notice deadline) and the vendors holding regulated data
 * without approved due diligence.  Each reads the few ids first, then
 * each vendor whole as store_vendor_get gives it.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "cxo/vendor.h"
#include "internal.h"

/* Exactly the expression and the condition of the notice indexes
 * (schema_v8.c), so that they are used. */
#define NOTICE_BY "date(term_end, '-' || notice_days || ' days')"
#define RUNNING "term_end IS NOT NULL AND status <> 'ended'"

/* The vendors whose ids s gives (bound, not yet stepped), each read
 * whole, into out. */
static int read_vendors(struct store *st, sqlite3_stmt *s, size_t limit, struct vendor_list *out)
{
	char(*ids)[UUID_LEN] = calloc(limit ? limit : 1, sizeof *ids);
	size_t n = 0;
	int rc = 0, step = SQLITE_DONE;
	if (!ids) {
		store_done(s);
		return store_fail(st, EX_OSERR, "reading the vendors: out of memory");
	}
	while (n < limit && (step = sqlite3_step(s)) == SQLITE_ROW) {
		const unsigned char *id = sqlite3_column_text(s, 0);
		snprintf(ids[n++], UUID_LEN, "%s", id ? (const char *)id : "");
	}
	if (step != SQLITE_ROW && step != SQLITE_DONE)
		rc = store_sql_fail(st, step, "reading the vendors");
	store_done(s);
	if (!rc && n && !(out->items = calloc(n, sizeof *out->items)))
		rc = store_fail(st, EX_OSERR, "reading the vendors: out of memory");
	for (size_t i = 0; !rc && i < n; i++)
		if (!(rc = store_vendor_get(st, ids[i], &out->items[i])))
			out->n++;
	free(ids);
	if (rc)
		vendor_list_free(out);
	return rc;
}

int store_report_renewals(struct store *st, const char *client_id, const char *today,
                          const char *until, size_t limit, struct vendor_list *out)
{
	memset(out, 0, sizeof *out);
	int rc = store_check_id(st, "client", client_id, true);
	if (!rc)
		rc = store_check_day(st, "day", today, true);
	if (!rc)
		rc = store_check_day(st, "day", until, true);
	if (rc || st->schema < 8 || !limit)
		return rc;
	/* Deadlines from today to until, and the passed ones of contracts
	 * renewing by themselves whose term still runs: renewed by default. */
	sqlite3_stmt *s = store_stmt(st, Q_REPORT_RENEWALS,
	                             "SELECT id FROM vendors WHERE client_id = ?1 AND " RUNNING
	                             " AND " NOTICE_BY " <= ?3 AND (" NOTICE_BY " >= ?2"
	                             " OR (auto_renew = 1 AND term_end >= ?2))"
	                             " ORDER BY " NOTICE_BY ", name COLLATE NOCASE, id LIMIT ?4");
	if (!s)
		return EX_SOFTWARE;
	sqlite3_bind_text(s, 1, client_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, today, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, until, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 4, (sqlite3_int64)limit);
	return read_vendors(st, s, limit, out);
}

int store_report_unvetted(struct store *st, const char *client_id, size_t limit,
                          struct vendor_list *out)
{
	memset(out, 0, sizeof *out);
	int rc = store_check_id(st, "client", client_id, true);
	if (rc || st->schema < 8 || !limit)
		return rc;
	sqlite3_stmt *s = store_stmt(st, Q_REPORT_UNVETTED,
	                             "SELECT id FROM vendors WHERE client_id = ?1"
	                             " AND status <> 'ended' AND data = 'regulated'"
	                             " AND diligence <> 'approved'"
	                             " ORDER BY name COLLATE NOCASE, id LIMIT ?2");
	if (!s)
		return EX_SOFTWARE;
	sqlite3_bind_text(s, 1, client_id, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, (sqlite3_int64)limit);
	return read_vendors(st, s, limit, out);
}
