/*
 * clients.c: the companies served, in tab order.
 */
#include "internal.h"

#include "cxo/duration.h"
#include "cxo/money.h"
#include "cxo/vocab.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#define CLIENT_SELECT "SELECT " CLIENT_COLUMNS " FROM clients c "

void client_free(struct client *c)
{
	if (!c)
		return;
	free(c->name);
	free(c->industry);
	c->name = c->industry = NULL;
}

int client_copy(struct client *dst, const struct client *src)
{
	*dst = *src;
	dst->name = src->name ? strdup(src->name) : NULL;
	dst->industry = src->industry ? strdup(src->industry) : NULL;
	if ((src->name && !dst->name) || (src->industry && !dst->industry)) {
		client_free(dst);
		return EX_OSERR;
	}
	return 0;
}

void client_list_free(struct client_list *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->n; i++)
		client_free(&l->items[i]);
	free(l->items);
	l->items = NULL;
	l->n = 0;
}

void store_read_client(sqlite3_stmt *s, int i, struct client *c, bool *oom)
{
	memset(c, 0, sizeof *c);
	store_col_copy(s, i + 0, c->id, sizeof c->id);
	store_col_copy(s, i + 1, c->key, sizeof c->key);
	c->name = store_col_dup(s, i + 2, oom);
	store_col_copy(s, i + 3, c->role, sizeof c->role);
	c->industry = store_col_dup(s, i + 4, oom);
	c->employees = (int)store_col_clamp(s, i + 5, 0, INT32_MAX);
	store_col_copy(s, i + 6, c->status, sizeof c->status);
	store_col_copy(s, i + 7, c->start, sizeof c->start);
	store_col_copy(s, i + 8, c->end, sizeof c->end);
	c->budget_minutes = (long)store_col_clamp(s, i + 9, 0, BUDGET_MAX_MINUTES);
	c->rate_cents = store_col_clamp(s, i + 10, 0, INT64_MAX);
	store_col_copy(s, i + 11, c->currency, sizeof c->currency);
	c->tab_order = (int)store_col_clamp(s, i + 12, INT_MIN, INT_MAX);
}

static bool key_ok(const char *k)
{
	size_t n = strlen(k);
	if (n < 1 || n > 32 || k[0] < 'a' || k[0] > 'z')
		return false;
	for (size_t i = 0; i < n; i++)
		if (!((k[i] >= 'a' && k[i] <= 'z') || (k[i] >= '0' && k[i] <= '9') || k[i] == '-' ||
		      k[i] == '_'))
			return false;
	return true;
}

static int validate(struct store *st, const struct client *c)
{
	char shown[80];
	if (!key_ok(c->key)) {
		store_msg_text(c->key, shown, sizeof shown);
		return store_fail(st, EX_DATAERR,
		                  "bad client key \"%s\" (expected 1 to 32 of a-z, 0-9, - and _, "
		                  "starting with a letter)",
		                  shown);
	}
	int rc;
	if ((rc = store_check_text(st, "client name", c->name, MAX_NAME, false)) ||
	    (rc = store_check_word(st, "role", c->role, VOCAB_ROLE.words, false)) ||
	    (rc = store_check_text(st, "industry", c->industry, MAX_NAME, false)) ||
	    (rc = store_check_range(st, "number of employees", c->employees, 0, INT32_MAX)) ||
	    (rc = store_check_word(st, "client status", c->status, VOCAB_CLIENT_STATUS.words,
	                           false)) ||
	    (rc = store_check_day(st, "start date", c->start, false)) ||
	    (rc = store_check_day(st, "planned end date", c->end, false)) ||
	    (rc = store_check_range(st, "monthly budget (minutes)", c->budget_minutes, 0,
	                            BUDGET_MAX_MINUTES)) ||
	    (rc = store_check_range(st, "rate (cents)", c->rate_cents, 0, INT64_MAX)))
		return rc;
	if (c->start[0] && c->end[0] && strcmp(c->end, c->start) < 0)
		return store_fail(st, EX_DATAERR, "planned end %s is before the start %s", c->end,
		                  c->start);
	const char *cur = c->currency;
	char code[4];
	if (*cur && !currency_normalize(cur, code)) {
		store_msg_text(cur, shown, sizeof shown);
		return store_fail(
		        st, EX_DATAERR,
		        "bad currency \"%s\" (expected a three-letter code such as USD or EUR)",
		        shown);
	}
	return 0;
}

/* Binds ?1..?13 in CLIENT_COLUMNS order. */
static void bind_client(sqlite3_stmt *s, const struct client *c)
{
	sqlite3_bind_text(s, 1, c->id, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, c->key, -1, SQLITE_STATIC);
	store_bind_text(s, 3, c->name);
	store_bind_text(s, 4, c->role);
	store_bind_text(s, 5, c->industry);
	sqlite3_bind_int(s, 6, c->employees);
	sqlite3_bind_text(s, 7, c->status[0] ? c->status : "active", -1, SQLITE_STATIC);
	store_bind_text(s, 8, c->start);
	store_bind_text(s, 9, c->end);
	sqlite3_bind_int64(s, 10, c->budget_minutes);
	sqlite3_bind_int64(s, 11, c->rate_cents);
	/* Any case given, upper case kept (validate checked it). */
	char code[4] = "USD";
	if (c->currency[0])
		currency_normalize(c->currency, code);
	sqlite3_bind_text(s, 12, code, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(s, 13, c->tab_order);
}

static int duplicate_key(struct store *st, const char *key)
{
	char shown[80];
	store_msg_text(key, shown, sizeof shown);
	return store_fail(st, EX_DATAERR, "client key \"%s\" is already taken", shown);
}

static int client_insert(struct store *st, struct client *c)
{
	int rc = validate(st, c);
	if (rc)
		return rc;
	if (!c->status[0])
		snprintf(c->status, sizeof c->status, "active");
	char code[4];
	if (!c->currency[0])
		snprintf(c->currency, sizeof c->currency, "USD");
	else if (currency_normalize(c->currency, code))
		memcpy(c->currency, code, sizeof code);
	sqlite3_stmt *s = store_stmt(st, Q_CLIENT_NEXT_TAB,
	                             "SELECT coalesce(max(tab_order), 0) + 1 FROM clients");
	if (!s)
		return EX_SOFTWARE;
	int src = sqlite3_step(s);
	if (src == SQLITE_ROW)
		c->tab_order = (int)store_col_clamp(s, 0, INT_MIN, INT_MAX);
	store_done(s);
	if (src != SQLITE_ROW)
		return store_sql_fail(st, src, "adding the client");
	if ((rc = store_new_id(st, c->id)) != 0)
		return rc;
	s = store_stmt(st, Q_CLIENT_INSERT,
	               "INSERT INTO clients(" CLIENT_COLUMNS_PLAIN ") "
	               "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)");
	if (!s)
		return EX_SOFTWARE;
	bind_client(s, c);
	src = sqlite3_step(s);
	store_done(s);
	if (src == SQLITE_DONE)
		return 0;
	if (src == SQLITE_CONSTRAINT_UNIQUE)
		return duplicate_key(st, c->key);
	return store_write_fail(st, src, "adding the client", NULL);
}

int store_client_add(struct store *st, struct client *c)
{
	int rc = store_begin(st);
	if (rc)
		return rc;
	return store_end(st, client_insert(st, c));
}

static int client_update(struct store *st, const struct client *c)
{
	int rc = store_check_id(st, "client", c->id, true);
	if (rc || (rc = validate(st, c)) != 0)
		return rc;
	sqlite3_stmt *s = store_stmt(
	        st, Q_CLIENT_UPDATE,
	        "UPDATE clients SET key = ?2, name = ?3, role = ?4, industry = ?5, employees = ?6,"
	        " status = ?7, start_date = ?8, end_date = ?9, budget_minutes = ?10,"
	        " rate_cents = ?11, currency = ?12, tab_order = ?13 WHERE id = ?1");
	if (!s)
		return EX_SOFTWARE;
	bind_client(s, c);
	int src = sqlite3_step(s);
	store_done(s);
	if (src == SQLITE_CONSTRAINT_UNIQUE)
		return duplicate_key(st, c->key);
	if (src != SQLITE_DONE)
		return store_write_fail(st, src, "updating the client", NULL);
	if (sqlite3_changes(st->db) == 0)
		return store_fail(st, EX_NOINPUT, "no client with id %s", c->id);
	return 0;
}

int store_client_update(struct store *st, const struct client *c)
{
	int rc = store_begin(st);
	if (rc)
		return rc;
	return store_end(st, client_update(st, c));
}

/* Runs a one-row client query with ?1 bound to value. */
static int client_one(struct store *st, enum stmt_id id, const char *sql, const char *value,
                      struct client *out, const char *missing_fmt)
{
	memset(out, 0, sizeof *out);
	sqlite3_stmt *s = store_stmt(st, id, sql);
	if (!s)
		return EX_SOFTWARE;
	sqlite3_bind_text(s, 1, value ? value : "", -1, SQLITE_STATIC);
	int src = sqlite3_step(s);
	bool oom = false;
	if (src == SQLITE_ROW)
		store_read_client(s, 0, out, &oom);
	store_done(s);
	if (oom) {
		client_free(out);
		return store_fail(st, EX_SOFTWARE, "out of memory");
	}
	if (src == SQLITE_ROW)
		return 0;
	if (src == SQLITE_DONE) {
		char shown[80];
		store_msg_text(value, shown, sizeof shown);
		return store_fail(st, EX_NOINPUT, missing_fmt, shown);
	}
	return store_sql_fail(st, src, "reading a client");
}

int store_client_get(struct store *st, const char *key, struct client *out)
{
	return client_one(st, Q_CLIENT_BY_KEY, CLIENT_SELECT "WHERE c.key = ?1", key, out,
	                  "no client \"%s\"");
}

int store_client_get_by_id(struct store *st, const char *id, struct client *out)
{
	return client_one(st, Q_CLIENT_BY_ID, CLIENT_SELECT "WHERE c.id = ?1", id, out,
	                  "no client with id %s");
}

int store_client_rows(struct store *st, sqlite3_stmt *s, struct client_list *out)
{
	size_t cap = 0;
	int src;
	bool oom = false;
	while (!oom && (src = sqlite3_step(s)) == SQLITE_ROW) {
		if (store_list_grow((void **)&out->items, &cap, out->n, sizeof *out->items)) {
			oom = true;
			break;
		}
		store_read_client(s, 0, &out->items[out->n++], &oom);
	}
	store_done(s);
	if (oom) {
		client_list_free(out);
		return store_fail(st, EX_SOFTWARE, "out of memory");
	}
	if (src != SQLITE_DONE) {
		client_list_free(out);
		return store_sql_fail(st, src, "listing clients");
	}
	return 0;
}

int store_client_list(struct store *st, bool include_ended, struct client_list *out)
{
	memset(out, 0, sizeof *out);
	sqlite3_stmt *s =
	        include_ended ? store_stmt(st, Q_CLIENT_LIST_ALL,
	                                   CLIENT_SELECT "ORDER BY c.tab_order, c.key")
	                      : store_stmt(st, Q_CLIENT_LIST_CURRENT,
	                                   CLIENT_SELECT "WHERE c.status IN ('active', 'paused') "
	                                                 "ORDER BY c.tab_order, c.key");
	if (!s)
		return EX_SOFTWARE;
	return store_client_rows(st, s, out);
}

/* ---- deleting a client created by mistake ---- */

bool client_holdings_any(const struct client_holdings *h)
{
	return h->entries || h->mandates || h->risks || h->actions || h->notes || h->timer ||
	       h->vendors || h->decisions;
}

/* The counts, then those of vendors and decisions since schema 8 (an
 * older file, read as it is, has none). */
#define HOLDINGS_SQL(v8)                                                                           \
	"SELECT (SELECT count(*) FROM time_entries WHERE client_id = ?1),"                         \
	" (SELECT count(*) FROM mandates WHERE client_id = ?1),"                                   \
	" (SELECT count(*) FROM risks WHERE client_id = ?1),"                                      \
	" (SELECT count(*) FROM actions WHERE client_id = ?1),"                                    \
	" (SELECT count(*) FROM notes WHERE client_id = ?1),"                                      \
	" (SELECT count(*) FROM timer WHERE client_id = ?1), " v8
#define HOLDINGS_V8                                                                                \
	"(SELECT count(*) FROM vendors WHERE client_id = ?1),"                                     \
	" (SELECT count(*) FROM decisions WHERE client_id = ?1)"

int store_client_holdings(struct store *st, const char *id, struct client_holdings *out)
{
	memset(out, 0, sizeof *out);
	int rc = store_check_id(st, "client", id, true);
	if (rc)
		return rc;
	/* Each count reads the client's rows through an index on client_id. */
	sqlite3_stmt *s =
	        store_stmt(st, Q_CLIENT_HOLDINGS,
	                   STORE_HAS_V8(st) ? HOLDINGS_SQL(HOLDINGS_V8) : HOLDINGS_SQL("0, 0"));
	if (!s)
		return EX_SOFTWARE;
	sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
	int src = sqlite3_step(s);
	if (src == SQLITE_ROW) {
		out->entries = (long)sqlite3_column_int64(s, 0);
		out->mandates = (long)sqlite3_column_int64(s, 1);
		out->risks = (long)sqlite3_column_int64(s, 2);
		out->actions = (long)sqlite3_column_int64(s, 3);
		out->notes = (long)sqlite3_column_int64(s, 4);
		out->timer = sqlite3_column_int64(s, 5) > 0;
		out->vendors = (long)sqlite3_column_int64(s, 6);
		out->decisions = (long)sqlite3_column_int64(s, 7);
	}
	store_done(s);
	return src == SQLITE_ROW ? 0 : store_sql_fail(st, src, "counting what a client holds");
}

static int client_delete(struct store *st, const char *id, struct client_holdings *held)
{
	struct client_holdings h;
	char key[KEY_LEN];
	int rc;
	if ((rc = store_check_id(st, "client", id, true)))
		return rc;
	if ((rc = store_client_key_of(st, id, key)))
		return rc == EX_DATAERR ? store_fail(st, EX_NOINPUT, "no client with id %s", id)
		                        : rc;
	if ((rc = store_client_holdings(st, id, &h)))
		return rc;
	if (held)
		*held = h;
	/* The schema would delete its history with it (ON DELETE CASCADE):
	 * only an empty client goes. */
	if (client_holdings_any(&h))
		return store_fail(st, EX_DATAERR, "client %s holds history: it is not deleted",
		                  key);
	sqlite3_stmt *s = store_stmt(st, Q_CLIENT_DELETE, "DELETE FROM clients WHERE id = ?1");
	if (!s)
		return EX_SOFTWARE;
	sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
	return store_exec_stmt(st, s, "deleting the client");
}

int store_client_delete(struct store *st, const char *id, struct client_holdings *held)
{
	if (held)
		memset(held, 0, sizeof *held);
	int rc = store_begin(st);
	if (rc)
		return rc;
	return store_end(st, client_delete(st, id, held));
}

int store_client_key_of(struct store *st, const char *client_id, char key[KEY_LEN])
{
	int rc = store_check_id(st, "client", client_id, true);
	if (rc)
		return rc;
	sqlite3_stmt *s = store_stmt(st, Q_CLIENT_KEY_OF, "SELECT key FROM clients WHERE id = ?1");
	if (!s)
		return EX_SOFTWARE;
	sqlite3_bind_text(s, 1, client_id, -1, SQLITE_STATIC);
	int src = sqlite3_step(s);
	if (src == SQLITE_ROW && key)
		store_col_copy(s, 0, key, KEY_LEN);
	store_done(s);
	if (src == SQLITE_ROW)
		return 0;
	if (src == SQLITE_DONE)
		return store_fail(st, EX_DATAERR, "no client with id %s", client_id);
	return store_sql_fail(st, src, "reading a client");
}
