/*
 * terms.c: what schema 5 keeps beside a client: its billing terms, the
 * months locked once invoiced, and the days it was last worked on.
 */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

static const char *const ROUND_MODES[] = { "up", "down", "nearest", NULL };
static const char *const ROUND_SCOPES[] = { "entry", "day", NULL };

static bool known_word(const char *const *words, const char *word)
{
	for (size_t i = 0; words[i]; i++)
		if (!strcmp(words[i], word))
			return true;
	return false;
}

/* Months run from 0001-01 to 9999-12. */
static bool month_valid(const char *m)
{
	if (!m || strlen(m) != 7 || m[4] != '-')
		return false;
	for (int i = 0; i < 7; i++)
		if (i != 4 && (m[i] < '0' || m[i] > '9'))
			return false;
	int month = (m[5] - '0') * 10 + (m[6] - '0');
	return month >= 1 && month <= 12 && strncmp(m, "0000", 4) != 0;
}

static int check_month(struct store *st, const char *month)
{
	if (month_valid(month))
		return 0;
	char shown[64];
	store_msg_text(month ? month : "", shown, sizeof shown);
	return store_fail(st, EX_DATAERR, "bad month \"%s\" (expected YYYY-MM)", shown);
}

void client_terms_defaults(struct client_terms *t)
{
	memset(t, 0, sizeof *t);
	snprintf(t->round_mode, sizeof t->round_mode, "up");
	snprintf(t->round_scope, sizeof t->round_scope, "entry");
}

void client_terms_free(struct client_terms *t)
{
	if (!t)
		return;
	free(t->legal_name);
	t->legal_name = NULL;
}

void month_lock_free(struct month_lock *l)
{
	if (!l)
		return;
	free(l->invoice);
	l->invoice = NULL;
}

void month_lock_list_free(struct month_lock_list *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->n; i++)
		month_lock_free(&l->items[i]);
	free(l->items);
	l->items = NULL;
	l->n = 0;
}

int store_terms_get(struct store *st, const char *client_id, struct client_terms *out)
{
	client_terms_defaults(out);
	if (!STORE_HAS_V5(st))
		return 0;
	sqlite3_stmt *s = store_stmt(st, Q_TERMS_GET,
	                             "SELECT legal_name, round_minutes, round_mode, round_scope,"
	                             " rollover_cap_minutes, overage_rate_cents FROM client_terms"
	                             " WHERE client_id = ?1");
	if (!s)
		return EX_SOFTWARE;
	sqlite3_bind_text(s, 1, client_id, -1, SQLITE_STATIC);
	int rc = sqlite3_step(s);
	bool oom = false;
	if (rc == SQLITE_ROW) {
		out->legal_name = store_col_dup(s, 0, &oom);
		out->round_minutes = (int)store_col_clamp(s, 1, 0, 240);
		store_col_copy(s, 2, out->round_mode, sizeof out->round_mode);
		store_col_copy(s, 3, out->round_scope, sizeof out->round_scope);
		out->rollover_cap_minutes = (long)store_col_clamp(s, 4, 0, 1000000000L);
		out->overage_rate_cents = store_col_clamp(s, 5, 0, INT64_MAX / 1000000);
		rc = SQLITE_DONE;
	}
	store_done(s);
	if (rc != SQLITE_DONE)
		return store_sql_fail(st, rc, "reading the billing terms");
	if (oom) {
		client_terms_free(out);
		return store_fail(st, EX_OSERR, "out of memory");
	}
	/* A word edited into the file outside cxo reads as the default. */
	if (!known_word(ROUND_MODES, out->round_mode))
		snprintf(out->round_mode, sizeof out->round_mode, "up");
	if (!known_word(ROUND_SCOPES, out->round_scope))
		snprintf(out->round_scope, sizeof out->round_scope, "entry");
	return 0;
}

static int terms_write(struct store *st, const char *client_id, const struct client_terms *t)
{
	int rc;
	if ((rc = store_client_key_of(st, client_id, NULL)) ||
	    (rc = store_check_text(st, "legal name", t->legal_name, MAX_NAME, false)) ||
	    (rc = store_check_range(st, "rounding increment (minutes)", t->round_minutes, 0,
	                            240)) ||
	    (rc = store_check_word(st, "rounding", t->round_mode, ROUND_MODES, true)) ||
	    (rc = store_check_word(st, "rounding per", t->round_scope, ROUND_SCOPES, true)) ||
	    (rc = store_check_range(st, "rollover cap (minutes)", t->rollover_cap_minutes, 0,
	                            1000000000L)) ||
	    (rc = store_check_range(st, "overage rate (cents)", t->overage_rate_cents, 0,
	                            INT64_MAX / 1000000)))
		return rc;
	sqlite3_stmt *s = store_stmt(
	        st, Q_TERMS_SET,
	        "INSERT INTO client_terms(client_id, legal_name, round_minutes, round_mode,"
	        " round_scope, rollover_cap_minutes, overage_rate_cents)"
	        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (client_id) DO UPDATE SET"
	        " legal_name = excluded.legal_name, round_minutes = excluded.round_minutes,"
	        " round_mode = excluded.round_mode, round_scope = excluded.round_scope,"
	        " rollover_cap_minutes = excluded.rollover_cap_minutes,"
	        " overage_rate_cents = excluded.overage_rate_cents");
	if (!s)
		return EX_SOFTWARE;
	sqlite3_bind_text(s, 1, client_id, -1, SQLITE_STATIC);
	store_bind_text(s, 2, t->legal_name);
	sqlite3_bind_int(s, 3, t->round_minutes);
	sqlite3_bind_text(s, 4, t->round_mode, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, t->round_scope, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 6, t->rollover_cap_minutes);
	sqlite3_bind_int64(s, 7, t->overage_rate_cents);
	return store_exec_stmt(st, s, "setting the billing terms");
}

int store_terms_set(struct store *st, const char *client_id, const struct client_terms *t)
{
	int rc = store_begin(st);
	if (rc)
		return rc;
	return store_end(st, terms_write(st, client_id, t));
}

#define LOCK_SELECT                                                                                \
	"SELECT l.month, l.client_id, c.key, l.invoice, l.locked FROM month_locks l"               \
	" JOIN clients c ON c.id = l.client_id "

static void read_lock(sqlite3_stmt *s, void *item, bool *oom)
{
	struct month_lock *l = item;
	store_col_copy(s, 0, l->month, sizeof l->month);
	store_col_copy(s, 1, l->client_id, sizeof l->client_id);
	store_col_copy(s, 2, l->client_key, sizeof l->client_key);
	l->invoice = store_col_dup(s, 3, oom);
	store_col_copy(s, 4, l->locked, sizeof l->locked);
}

int store_lock_get(struct store *st, const char *client_id, const char *month,
                   struct month_lock *out)
{
	memset(out, 0, sizeof *out);
	int rc = check_month(st, month);
	if (rc)
		return rc;
	if (!STORE_HAS_V5(st))
		return store_fail(st, EX_NOINPUT, "%s is not locked", month);
	sqlite3_stmt *s =
	        store_stmt(st, Q_LOCK_GET, LOCK_SELECT "WHERE l.client_id = ?2 AND l.month = ?1");
	if (!s)
		return EX_SOFTWARE;
	sqlite3_bind_text(s, 2, client_id, -1, SQLITE_STATIC);
	rc = store_read_one(st, s, month, out, read_lock, "lock", "reading the month's lock");
	if (rc == EX_NOINPUT)
		rc = store_fail(st, EX_NOINPUT, "%s is not locked", month);
	if (rc)
		month_lock_free(out);
	return rc;
}

static int lock_write(struct store *st, const char *client_id, const char *month,
                      const char *invoice)
{
	int rc;
	if ((rc = check_month(st, month)) || (rc = store_client_key_of(st, client_id, NULL)) ||
	    (rc = store_check_text(st, "invoice reference", invoice, MAX_NAME, false)))
		return rc;
	char now[STAMP_LEN];
	store_now_stamp(now);
	sqlite3_stmt *s = store_stmt(st, Q_LOCK_SET,
	                             "INSERT INTO month_locks(client_id, month, invoice, locked)"
	                             " VALUES (?1, ?2, ?3, ?4) ON CONFLICT (client_id, month)"
	                             " DO UPDATE SET invoice = excluded.invoice");
	if (!s)
		return EX_SOFTWARE;
	sqlite3_bind_text(s, 1, client_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, month, -1, SQLITE_STATIC);
	store_bind_text(s, 3, invoice);
	sqlite3_bind_text(s, 4, now, -1, SQLITE_STATIC);
	return store_exec_stmt(st, s, "locking the month");
}

int store_lock_set(struct store *st, const char *client_id, const char *month, const char *invoice)
{
	int rc = store_begin(st);
	if (rc)
		return rc;
	return store_end(st, lock_write(st, client_id, month, invoice));
}

static int lock_remove(struct store *st, const char *client_id, const char *month)
{
	int rc = check_month(st, month);
	if (rc)
		return rc;
	sqlite3_stmt *s = store_stmt(st, Q_LOCK_CLEAR,
	                             "DELETE FROM month_locks WHERE client_id = ?1 AND month = ?2");
	if (!s)
		return EX_SOFTWARE;
	sqlite3_bind_text(s, 1, client_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, month, -1, SQLITE_STATIC);
	if ((rc = store_exec_stmt(st, s, "opening the month")) != 0)
		return rc;
	if (sqlite3_changes(st->db) == 0)
		return store_fail(st, EX_NOINPUT, "%s is not locked", month);
	return 0;
}

int store_lock_clear(struct store *st, const char *client_id, const char *month)
{
	int rc = store_begin(st);
	if (rc)
		return rc;
	return store_end(st, lock_remove(st, client_id, month));
}

int store_lock_list(struct store *st, const char *client_id, struct month_lock_list *out)
{
	memset(out, 0, sizeof *out);
	if (!STORE_HAS_V5(st))
		return 0;
	sqlite3_stmt *s =
	        client_id ? store_stmt(st, Q_LOCK_LIST_CLIENT,
	                               LOCK_SELECT "WHERE l.client_id = ?1 ORDER BY l.month DESC")
	                  : store_stmt(st, Q_LOCK_LIST_ALL,
	                               LOCK_SELECT "ORDER BY c.tab_order, c.key, l.month DESC");
	if (!s)
		return EX_SOFTWARE;
	if (client_id)
		sqlite3_bind_text(s, 1, client_id, -1, SQLITE_STATIC);
	size_t cap = 0;
	int rc = store_read_rows(st, s, (void **)&out->items, &out->n, &cap, sizeof *out->items,
	                         read_lock, "listing the locked months");
	if (rc)
		month_lock_list_free(out);
	return rc;
}

int store_lock_refuse(struct store *st, const char *client_id, const char *day)
{
	if (!STORE_HAS_V5(st) || !day || strlen(day) < 7)
		return 0;
	char month[MONTH_LEN];
	memcpy(month, day, 7);
	month[7] = '\0';
	struct month_lock l;
	int rc = store_lock_get(st, client_id, month, &l);
	if (rc == EX_NOINPUT)
		return 0;
	if (rc)
		return rc;
	char invoice[160] = "";
	if (l.invoice) {
		char shown[128];
		store_msg_text(l.invoice, shown, sizeof shown);
		snprintf(invoice, sizeof invoice, " (invoice %s)", shown);
	}
	rc = store_fail(st, EX_DATAERR,
	                "%s's hours of %s are locked as invoiced%s: 'cxo hours unlock --month %s "
	                "--client %s' opens them to changes",
	                l.client_key, month, invoice, month, l.client_key);
	month_lock_free(&l);
	return rc;
}

int store_seen_get(struct store *st, const char *client_id, char last[DAY_LEN],
                   char previous[DAY_LEN])
{
	last[0] = previous[0] = '\0';
	if (!STORE_HAS_V5(st))
		return 0;
	sqlite3_stmt *s =
	        store_stmt(st, Q_SEEN_GET,
	                   "SELECT last_day, previous_day FROM client_seen WHERE client_id = ?1");
	if (!s)
		return EX_SOFTWARE;
	sqlite3_bind_text(s, 1, client_id, -1, SQLITE_STATIC);
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		store_col_copy(s, 0, last, DAY_LEN);
		store_col_copy(s, 1, previous, DAY_LEN);
		rc = SQLITE_DONE;
	}
	store_done(s);
	if (rc != SQLITE_DONE)
		return store_sql_fail(st, rc, "reading when the client was last worked on");
	/* Only real days count: an edited file's other text reads as never. */
	if (store_check_day(st, "day", last, false))
		last[0] = '\0';
	if (store_check_day(st, "day", previous, false))
		previous[0] = '\0';
	return 0;
}

static int seen_write(struct store *st, const char *client_id, const char *last,
                      const char *previous, bool mark)
{
	int rc;
	if ((rc = store_client_key_of(st, client_id, NULL)) ||
	    (rc = store_check_day(st, "day", last, true)) ||
	    (rc = store_check_day(st, "previous day", previous, false)))
		return rc;
	sqlite3_stmt *s =
	        mark ? store_stmt(st, Q_SEEN_MARK,
	                          "INSERT INTO client_seen(client_id, last_day) VALUES (?1, ?2)"
	                          " ON CONFLICT (client_id) DO UPDATE SET previous_day = CASE"
	                          " WHEN excluded.last_day > last_day THEN last_day"
	                          " ELSE previous_day END,"
	                          " last_day = max(last_day, excluded.last_day)")
	             : store_stmt(st, Q_SEEN_SET,
	                          "INSERT INTO client_seen(client_id, last_day, previous_day)"
	                          " VALUES (?1, ?2, ?3) ON CONFLICT (client_id) DO UPDATE SET"
	                          " last_day = excluded.last_day,"
	                          " previous_day = excluded.previous_day");
	if (!s)
		return EX_SOFTWARE;
	sqlite3_bind_text(s, 1, client_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, last, -1, SQLITE_STATIC);
	if (!mark)
		store_bind_text(s, 3, previous);
	return store_exec_stmt(st, s, "recording the day the client was worked on");
}

int store_seen_mark(struct store *st, const char *client_id, const char *today)
{
	char last[DAY_LEN], previous[DAY_LEN];
	int rc = store_seen_get(st, client_id, last, previous);
	if (rc)
		return rc;
	/* Every switch in the dashboard asks: a write only once a day. */
	if (STORE_HAS_V5(st) && today && strcmp(last, today) >= 0)
		return 0;
	if ((rc = store_begin(st)) != 0)
		return rc;
	return store_end(st, seen_write(st, client_id, today, NULL, true));
}

int store_seen_set(struct store *st, const char *client_id, const char *last, const char *previous)
{
	int rc = store_begin(st);
	if (rc)
		return rc;
	return store_end(st, seen_write(st, client_id, last, previous, false));
}
