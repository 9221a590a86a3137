/*
 * notes.c: notes, the portfolio overview, and resolving the short ids
 * (and titles) that users type into full ids.
 */
#include "internal.h"

#include "cxo/vendor.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#define NOTE_SELECT STORE_NOTE_SELECT
/* ?2 limit, ?3 since (a stamp), ?4 a part of the text: NULL for any. */
#define NOTE_FILTER                                                                                \
	" (?3 IS NULL OR n.created >= ?3) AND (?4 IS NULL OR instr(lower(n.body), lower(?4)) > 0)"
#define NOTE_ORDER " ORDER BY n.created DESC, n.rowid DESC LIMIT ?2"

void note_free(struct note *n)
{
	if (!n)
		return;
	free(n->text);
	n->text = NULL;
}

void note_list_free(struct note_list *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->n; i++)
		note_free(&l->items[i]);
	free(l->items);
	l->items = NULL;
	l->n = 0;
}

/* Reads NOTE_SELECT's columns into a zeroed struct note. */
void store_read_note(sqlite3_stmt *s, void *item, bool *oom)
{
	struct note *n = item;
	store_col_copy(s, 0, n->id, sizeof n->id);
	store_col_copy(s, 1, n->client_id, sizeof n->client_id);
	store_col_copy(s, 2, n->client_key, sizeof n->client_key);
	n->text = store_col_dup(s, 3, oom);
	store_col_copy(s, 4, n->created, sizeof n->created);
}

static int note_insert(struct store *st, struct note *n)
{
	int rc;
	if ((rc = store_client_key_of(st, n->client_id, n->client_key)) ||
	    (rc = store_check_text(st, "note", n->text, MAX_NOTE, true)))
		return rc;
	if (n->created[0] && (rc = store_check_stamp(st, "note time", n->created)) != 0)
		return rc;
	if ((rc = store_new_id(st, n->id)) != 0)
		return rc;
	/* A caller may carry the time over (an import); else now. */
	if (!n->created[0])
		store_now_stamp(n->created);
	sqlite3_stmt *s = store_stmt(
	        st, Q_NOTE_INSERT,
	        "INSERT INTO notes(id, client_id, body, created) VALUES (?1, ?2, ?3, ?4)");
	if (!s)
		return EX_SOFTWARE;
	sqlite3_bind_text(s, 1, n->id, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, n->client_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, n->text, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, n->created, -1, SQLITE_STATIC);
	return store_exec_stmt(st, s, "adding the note");
}

int store_note_add(struct store *st, struct note *n)
{
	int rc = store_begin(st);
	if (rc)
		return rc;
	return store_end(st, note_insert(st, n));
}

static int note_update(struct store *st, const struct note *n)
{
	int rc;
	if ((rc = store_check_id(st, "note", n->id, true)) ||
	    (rc = store_check_text(st, "note", n->text, MAX_NOTE, true)))
		return rc;
	sqlite3_stmt *s = store_stmt(st, Q_NOTE_UPDATE, "UPDATE notes SET body = ?2 WHERE id = ?1");
	if (!s)
		return EX_SOFTWARE;
	sqlite3_bind_text(s, 1, n->id, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, n->text, -1, SQLITE_STATIC);
	if ((rc = store_exec_stmt(st, s, "changing the note")) != 0)
		return rc;
	if (sqlite3_changes(st->db) == 0)
		return store_fail(st, EX_NOINPUT, "no note with id %s", n->id);
	return 0;
}

int store_note_update(struct store *st, const struct note *n)
{
	int rc = store_begin(st);
	if (rc)
		return rc;
	return store_end(st, note_update(st, n));
}

static int note_delete(struct store *st, const char *id)
{
	int rc = store_check_id(st, "note", id, true);
	if (rc)
		return rc;
	sqlite3_stmt *s = store_stmt(st, Q_NOTE_DELETE, "DELETE FROM notes WHERE id = ?1");
	if (!s)
		return EX_SOFTWARE;
	sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
	if ((rc = store_exec_stmt(st, s, "removing the note")) != 0)
		return rc;
	if (sqlite3_changes(st->db) == 0)
		return store_fail(st, EX_NOINPUT, "no note with id %s", id);
	return 0;
}

int store_note_delete(struct store *st, const char *id)
{
	int rc = store_begin(st);
	if (rc)
		return rc;
	return store_end(st, note_delete(st, id));
}

int store_note_get(struct store *st, const char *id, struct note *out)
{
	memset(out, 0, sizeof *out);
	sqlite3_stmt *s = store_stmt(st, Q_NOTE_GET, NOTE_SELECT "WHERE n.id = ?1");
	if (!s)
		return EX_SOFTWARE;
	int rc = store_read_one(st, s, id, out, store_read_note, "note", "reading a note");
	if (rc)
		note_free(out);
	return rc;
}

int store_note_find(struct store *st, const struct note_filter *f, struct note_list *out)
{
	memset(out, 0, sizeof *out);
	int rc;
	if ((rc = store_check_id(st, "client", f->client_id, false)))
		return rc;
	if (f->since && (rc = store_check_stamp(st, "start of the notes", f->since)))
		return rc;
	sqlite3_stmt *s = f->client_id
	                          ? store_stmt(st, Q_NOTE_LIST_CLIENT,
	                                       NOTE_SELECT
	                                       "WHERE n.client_id = ?1 AND" NOTE_FILTER NOTE_ORDER)
	                          : store_stmt(st, Q_NOTE_LIST_ALL,
	                                       NOTE_SELECT "WHERE" NOTE_FILTER NOTE_ORDER);
	if (!s)
		return EX_SOFTWARE;
	if (f->client_id)
		sqlite3_bind_text(s, 1, f->client_id, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, f->limit ? (sqlite3_int64)f->limit : -1);
	store_bind_text(s, 3, f->since);
	store_bind_text(s, 4, f->grep);
	size_t cap = 0;
	rc = store_read_rows(st, s, (void **)&out->items, &out->n, &cap, sizeof *out->items,
	                     store_read_note, "listing notes");
	if (rc)
		note_list_free(out);
	return rc;
}

int store_note_list(struct store *st, const char *client_id, size_t limit, struct note_list *out)
{
	struct note_filter f = { .client_id = client_id, .limit = limit };
	return store_note_find(st, &f, out);
}

/* ---- overview ---- */

void summary_list_free(struct summary_list *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->n; i++)
		client_free(&l->items[i].client);
	free(l->items);
	l->items = NULL;
	l->n = 0;
}

/* One integer (or two) from a statement with ?1 client and optional ?2 ?3. */
static int query_ints(struct store *st, sqlite3_stmt *s, const char *client_id, const char *a,
                      const char *b, long *x, long *y)
{
	sqlite3_bind_text(s, 1, client_id, -1, SQLITE_STATIC);
	if (a)
		sqlite3_bind_text(s, 2, a, -1, SQLITE_STATIC);
	if (b)
		sqlite3_bind_text(s, 3, b, -1, SQLITE_STATIC);
	int src = sqlite3_step(s);
	if (src == SQLITE_ROW) {
		*x = (long)store_col_clamp(s, 0, 0, LONG_MAX);
		if (y)
			*y = (long)store_col_clamp(s, 1, 0, LONG_MAX);
	}
	store_done(s);
	return src == SQLITE_ROW ? 0 : store_sql_fail(st, src, "reading the overview");
}

/* Latest day of a one-column query, "" when there is none. */
static int query_day(struct store *st, sqlite3_stmt *s, const char *client_id, char day[DAY_LEN])
{
	day[0] = '\0';
	sqlite3_bind_text(s, 1, client_id, -1, SQLITE_STATIC);
	int src = sqlite3_step(s);
	if (src == SQLITE_ROW)
		store_col_copy(s, 0, day, DAY_LEN);
	store_done(s);
	return src == SQLITE_ROW || src == SQLITE_DONE
	               ? 0
	               : store_sql_fail(st, src, "reading the overview");
}

/* The soonest notice deadline on or after today among the client's
 * running contracts, and how many fall within VENDOR_NOTICE_SOON_DAYS:
 * one range of the vendors_client_notice index, written as it is. */
static int notices(struct store *st, struct client_summary *cs, const char *today)
{
	cs->next_notice[0] = '\0';
	cs->notices_soon = 0;
	if (!STORE_HAS_V8(st))
		return 0;
#define NOTICE_BY "date(term_end, '-' || notice_days || ' days')"
	sqlite3_stmt *s = store_stmt(
	        st, Q_OVERVIEW_NOTICE,
	        "SELECT min(" NOTICE_BY "), count(CASE WHEN " NOTICE_BY " <= date(?2, '+' || ?3"
	        " || ' days') THEN 1 END) FROM vendors WHERE client_id = ?1"
	        " AND term_end IS NOT NULL AND status <> 'ended' AND " NOTICE_BY " >= ?2");
#undef NOTICE_BY
	if (!s)
		return EX_SOFTWARE;
	sqlite3_bind_text(s, 1, cs->client.id, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, today, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 3, VENDOR_NOTICE_SOON_DAYS);
	int src = sqlite3_step(s);
	if (src == SQLITE_ROW) {
		store_col_copy(s, 0, cs->next_notice, sizeof cs->next_notice);
		cs->notices_soon = (int)store_col_clamp(s, 1, 0, INT_MAX);
	}
	store_done(s);
	return src == SQLITE_ROW ? 0 : store_sql_fail(st, src, "reading the overview");
}

/* Every number of one client: a handful of lookups on indexes, each
 * bounded by this month, the open items or a single row. */
static int summarise(struct store *st, struct client_summary *cs, const char *today,
                     const char *month_from, const char *month_to, const char *week_to)
{
	const char *id = cs->client.id;
	struct hours_sum sum;
	int rc = store_entry_sum(st, id, month_from, month_to, &sum);
	if (rc)
		return rc;
	cs->month_minutes = sum.minutes;

	/* At most 25 kept counts a client; a schema 2 file counts its risks. */
	sqlite3_stmt *s = store_stmt(
	        st, Q_RISK_OPEN_SUMMARY,
	        STORE_HAS_RISK_CELLS(st)
	                ? "SELECT coalesce(sum(open), 0), coalesce(max(likelihood * impact), 0)"
	                  " FROM risk_cells WHERE client_id = ?1 AND open > 0"
	                : "SELECT count(*), coalesce(max(likelihood * impact), 0) FROM risks"
	                  " WHERE client_id = ?1 AND status IN ('open', 'mitigating')");
	long n = 0, top = 0;
	if (!s || (rc = query_ints(st, s, id, NULL, NULL, &n, &top)) != 0)
		return s ? rc : EX_SOFTWARE;
	cs->open_risks = (int)n;
	cs->top_score = (int)top;

	s = store_stmt(st, Q_ACTION_DUE_RANGE_CLIENT,
	               "SELECT count(*) FROM actions WHERE client_id = ?1"
	               " AND status IN ('todo', 'waiting') AND due >= ?2 AND due < ?3");
	if (!s || (rc = query_ints(st, s, id, "0000-00-00", today, &n, NULL)) != 0)
		return s ? rc : EX_SOFTWARE;
	cs->overdue = (int)n;
	if ((rc = query_ints(st, s, id, today, week_to, &n, NULL)) != 0)
		return rc;
	cs->due_week = (int)n;

	char entry_day[DAY_LEN], note_day[DAY_LEN];
	s = store_stmt(
	        st, Q_ENTRY_LAST_DAY,
	        "SELECT day FROM time_entries WHERE client_id = ?1 ORDER BY day DESC LIMIT 1");
	if (!s || (rc = query_day(st, s, id, entry_day)) != 0)
		return s ? rc : EX_SOFTWARE;
	s = store_stmt(st, Q_NOTE_LAST,
	               "SELECT substr(created, 1, 10) FROM notes WHERE client_id = ?1"
	               " ORDER BY created DESC LIMIT 1");
	if (!s || (rc = query_day(st, s, id, note_day)) != 0)
		return s ? rc : EX_SOFTWARE;
	snprintf(cs->last_activity, sizeof cs->last_activity, "%s",
	         strcmp(entry_day, note_day) >= 0 ? entry_day : note_day);
	return notices(st, cs, today);
}

static int overview(struct store *st, const char *today, const char *month_from,
                    const char *month_to, const char *week_to, struct summary_list *out)
{
	sqlite3_stmt *s =
	        store_stmt(st, Q_CLIENT_LIST_ACTIVE,
	                   "SELECT " CLIENT_COLUMNS " FROM clients c WHERE c.status = 'active'"
	                   " ORDER BY c.tab_order, c.key");
	if (!s)
		return EX_SOFTWARE;
	struct client_list clients;
	memset(&clients, 0, sizeof clients);
	int rc = store_client_rows(st, s, &clients);
	if (rc)
		return rc;
	if (clients.n) {
		out->items = calloc(clients.n, sizeof *out->items);
		if (!out->items) {
			client_list_free(&clients);
			return store_fail(st, EX_SOFTWARE, "out of memory");
		}
	}
	/* The summaries take over the clients' strings. */
	for (size_t i = 0; i < clients.n; i++)
		out->items[i].client = clients.items[i];
	out->n = clients.n;
	free(clients.items);
	for (size_t i = 0; i < out->n && !rc; i++)
		rc = summarise(st, &out->items[i], today, month_from, month_to, week_to);
	return rc;
}

int store_overview(struct store *st, const char *today, const char *month_from,
                   const char *month_to, const char *week_to, struct summary_list *out)
{
	memset(out, 0, sizeof *out);
	int rc;
	if ((rc = store_check_day(st, "today's date", today, true)) ||
	    (rc = store_check_day(st, "start of the month", month_from, true)) ||
	    (rc = store_check_day(st, "end of the month", month_to, true)) ||
	    (rc = store_check_day(st, "end of the week", week_to, true)))
		return rc;
	/* One read transaction: every number from the same snapshot. */
	bool own = sqlite3_get_autocommit(st->db) != 0;
	if (own && (rc = store_read_begin(st)) != 0)
		return rc;
	rc = overview(st, today, month_from, month_to, week_to, out);
	if (own)
		store_read_end(st);
	if (rc)
		summary_list_free(out);
	return rc;
}

/* ---- resolving ids ---- */

struct kind_info {
	const char *name;
	enum stmt_id prefix_q;
	const char *prefix_sql; /* ?1 low, ?2 high, ?3 client: id, label, tag */
	enum stmt_id title_q;   /* STMT_COUNT = no title lookup */
	const char *title_sql;  /* ?1 client, ?2 title */
	/* The loose lookups (store_resolve_loose): a title's start, then a
	 * part of it.  STMT_COUNT = none. */
	enum stmt_id start_q;
	const char *start_sql;
	enum stmt_id part_q;
	const char *part_sql;
	const char *title_word; /* what the title is called; NULL = "title" */
};

#define PREFIX_WHERE                                                                               \
	" WHERE id >= ?1 AND id < ?2 AND (?3 IS NULL OR client_id = ?3) ORDER BY id LIMIT 11"
/* A candidate's tag in an ambiguity's list: the status of a closed one. */
#define CLOSED_TAG(closed) ", CASE WHEN status IN (" closed ") THEN status END"
#define MANDATE_COLUMNS "SELECT id, title" CLOSED_TAG("'done', 'dropped'") " FROM mandates"
#define RISK_COLUMNS "SELECT id, title" CLOSED_TAG("'closed'") " FROM risks"
#define ACTION_COLUMNS "SELECT id, title" CLOSED_TAG("'done', 'dropped'") " FROM actions"
#define TITLE_IS " WHERE client_id = ?1 AND title = ?2 COLLATE NOCASE ORDER BY id LIMIT 11"
/* ASCII case-insensitive, as COLLATE NOCASE. */
#define TITLE_STARTS                                                                               \
	" WHERE client_id = ?1 AND substr(title, 1, length(?2)) = ?2 COLLATE NOCASE"               \
	" ORDER BY id LIMIT 11"
#define TITLE_HOLDS                                                                                \
	" WHERE client_id = ?1 AND instr(lower(title), lower(?2)) > 0 ORDER BY id LIMIT 11"

static const struct kind_info kinds[] = {
	[KIND_MANDATE] = { "mandate", Q_RESOLVE_MANDATE, MANDATE_COLUMNS PREFIX_WHERE,
	                   Q_RESOLVE_MANDATE_TITLE, MANDATE_COLUMNS TITLE_IS,
	                   Q_RESOLVE_MANDATE_START, MANDATE_COLUMNS TITLE_STARTS,
	                   Q_RESOLVE_MANDATE_PART, MANDATE_COLUMNS TITLE_HOLDS },
	[KIND_ENTRY] = { "entry", Q_RESOLVE_ENTRY,
	                 "SELECT id, day || ' ' || (minutes / 60) || ':' || printf('%02d', minutes "
	                 "% 60)"
	                 " || ' ' || coalesce(note, '') FROM time_entries" PREFIX_WHERE,
	                 STMT_COUNT, NULL, STMT_COUNT, NULL, STMT_COUNT, NULL },
	[KIND_RISK] = { "risk", Q_RESOLVE_RISK, RISK_COLUMNS PREFIX_WHERE, Q_RESOLVE_RISK_TITLE,
	                RISK_COLUMNS TITLE_IS, Q_RESOLVE_RISK_START, RISK_COLUMNS TITLE_STARTS,
	                Q_RESOLVE_RISK_PART, RISK_COLUMNS TITLE_HOLDS },
	/* An action's title only as it is: a part of one is too loose a
	 * name for something as plentiful. */
	[KIND_ACTION] = { "action", Q_RESOLVE_ACTION, ACTION_COLUMNS PREFIX_WHERE,
	                  Q_RESOLVE_ACTION_TITLE, ACTION_COLUMNS TITLE_IS, STMT_COUNT, NULL,
	                  STMT_COUNT, NULL },
	/* A note by its first line. */
	[KIND_NOTE] = { "note", Q_RESOLVE_NOTE,
	                "SELECT id, substr(body, 1, min(80, instr(body || char(10), char(10)) - 1))"
	                " FROM notes" PREFIX_WHERE,
	                STMT_COUNT, NULL, STMT_COUNT, NULL, STMT_COUNT, NULL },
};

/* Vendors by their name, decisions by their title (schema 8). */
#define VENDOR_COLUMNS "SELECT id, name" CLOSED_TAG("'ended'") " FROM vendors"
#define DECISION_COLUMNS "SELECT id, title" CLOSED_TAG("'superseded', 'reversed'") " FROM decisions"
#define NAME_IS " WHERE client_id = ?1 AND name = ?2 COLLATE NOCASE ORDER BY id LIMIT 11"
#define NAME_STARTS                                                                                \
	" WHERE client_id = ?1 AND substr(name, 1, length(?2)) = ?2 COLLATE NOCASE"                \
	" ORDER BY id LIMIT 11"
#define NAME_HOLDS                                                                                 \
	" WHERE client_id = ?1 AND instr(lower(name), lower(?2)) > 0 ORDER BY id LIMIT 11"

static const struct kind_info more_kinds[] = {
	[STORE_RESOLVE_VENDOR] = { "vendor", Q_RESOLVE_VENDOR, VENDOR_COLUMNS PREFIX_WHERE,
	                           Q_RESOLVE_VENDOR_NAME, VENDOR_COLUMNS NAME_IS,
	                           Q_RESOLVE_VENDOR_START, VENDOR_COLUMNS NAME_STARTS,
	                           Q_RESOLVE_VENDOR_PART, VENDOR_COLUMNS NAME_HOLDS, "name" },
	[STORE_RESOLVE_DECISION] = { "decision", Q_RESOLVE_DECISION, DECISION_COLUMNS PREFIX_WHERE,
	                             Q_RESOLVE_DECISION_TITLE, DECISION_COLUMNS TITLE_IS,
	                             Q_RESOLVE_DECISION_START, DECISION_COLUMNS TITLE_STARTS,
	                             Q_RESOLVE_DECISION_PART, DECISION_COLUMNS TITLE_HOLDS },
};

/*
 * Steps s (bound by the caller): exactly one row copies its id (and its
 * label into title, when not NULL); more is EX_USAGE listing them, each
 * with its short id, its label and, for a closed one, its status; none
 * is 1 (not an error yet).
 */
static int pick(struct store *st, sqlite3_stmt *s, const char *what, const char *shown,
                char id[UUID_LEN], char *title, size_t title_n)
{
	char lines[10][UUID_LEN + 112];
	char first[UUID_LEN] = "";
	int n = 0, src;
	while ((src = sqlite3_step(s)) == SQLITE_ROW) {
		char label[72], tag[WORD_LEN + 4] = "", cid[UUID_LEN], sid[SHORT_ID_LEN + 1];
		store_col_copy(s, 0, cid, sizeof cid);
		if (n == 0) {
			memcpy(first, cid, sizeof first);
			if (title && title_n)
				store_col_copy(s, 1, title, title_n);
		}
		if (n < 10) {
			const unsigned char *t = sqlite3_column_text(s, 1);
			store_msg_text(t ? (const char *)t : "", label, sizeof label);
			if (sqlite3_column_count(s) > 2 && sqlite3_column_type(s, 2) == SQLITE_TEXT)
				snprintf(tag, sizeof tag, " (%.*s)", WORD_LEN - 1,
				         (const char *)sqlite3_column_text(s, 2));
			snprintf(lines[n], sizeof lines[n], "  %s  %s%s", uuid_short(cid, sid),
			         label, tag);
		}
		n++;
	}
	store_done(s);
	if (src != SQLITE_DONE)
		return store_sql_fail(st, src, "looking up an id");
	if (n == 0)
		return 1;
	if (n == 1) {
		memcpy(id, first, UUID_LEN);
		return 0;
	}
	if (title && title_n)
		title[0] = '\0';
	int len = snprintf(st->err, sizeof st->err, "%s \"%s\" is ambiguous; it matches:", what,
	                   shown);
	for (int i = 0; i < n && i < 10 && len >= 0 && (size_t)len < sizeof st->err; i++)
		len += snprintf(st->err + len, sizeof st->err - (size_t)len, "\n%s", lines[i]);
	if (n > 10 && len >= 0 && (size_t)len < sizeof st->err)
		snprintf(st->err + len, sizeof st->err - (size_t)len, "\n  ... and more");
	return EX_USAGE;
}

/* Runs one title lookup of client_id: 0 (found), 1 (none) or an error. */
static int by_title(struct store *st, enum stmt_id q, const char *sql, const char *client_id,
                    const char *text, const char *what, const char *shown, char id[UUID_LEN],
                    char *title, size_t title_n)
{
	sqlite3_stmt *s = store_stmt(st, q, sql);
	if (!s)
		return EX_SOFTWARE;
	sqlite3_bind_text(s, 1, client_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, text, -1, SQLITE_STATIC);
	return pick(st, s, what, shown, id, title, title_n);
}

static int resolve(struct store *st, const struct kind_info *k, const char *text,
                   const char *client_id, bool loose, char id[UUID_LEN], enum store_match *how,
                   char *title, size_t title_n)
{
	enum store_match dummy;
	id[0] = '\0';
	if (!how)
		how = &dummy;
	*how = STORE_MATCH_ID;
	if (title && title_n)
		title[0] = '\0';
	if (!k)
		return store_fail(st, EX_SOFTWARE, "internal error: unknown kind of row");
	const char *tw = k->title_word ? k->title_word : "title";
	char shown[80], what[64];
	store_msg_text(text, shown, sizeof shown);
	if (!text || !*text)
		return store_fail(st, EX_USAGE, "missing %s id", k->name);
	if (client_id && !uuid_valid(client_id))
		return store_fail(st, EX_SOFTWARE, "internal error: bad client id");

	char low[UUID_LEN], high[UUID_LEN];
	bool is_prefix = uuid_prefix_normalize(text, low);
	if (is_prefix) {
		/* Every id starting with low sorts in [low, high). */
		memcpy(high, low, sizeof high);
		high[strlen(high) - 1]++;
		sqlite3_stmt *s = store_stmt(st, k->prefix_q, k->prefix_sql);
		if (!s)
			return EX_SOFTWARE;
		sqlite3_bind_text(s, 1, low, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 2, high, -1, SQLITE_STATIC);
		store_bind_text(s, 3, client_id);
		snprintf(what, sizeof what, "%s id", k->name);
		int rc = pick(st, s, what, shown, id, NULL, 0);
		if (rc != 1)
			return rc;
	}
	bool titles = k->title_sql && client_id;
	if (titles) {
		/* The exact title wins over the start of one, which wins over a
		 * part of one. */
		const struct {
			enum stmt_id q;
			const char *sql;
			enum store_match how;
		} steps[] = {
			{ k->title_q, k->title_sql, STORE_MATCH_TITLE },
			{ k->start_q, loose ? k->start_sql : NULL, STORE_MATCH_START },
			{ k->part_q, loose ? k->part_sql : NULL, STORE_MATCH_PART },
		};
		snprintf(what, sizeof what, "%s %s", k->name, tw);
		for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
			if (!steps[i].sql)
				continue;
			*how = steps[i].how;
			int rc = by_title(st, steps[i].q, steps[i].sql, client_id, text, what,
			                  shown, id, title, title_n);
			if (rc != 1)
				return rc;
		}
		*how = STORE_MATCH_ID;
	}
	if (!is_prefix) {
		size_t n = strlen(text);
		bool hexish = n < 4 && strspn(text, "0123456789abcdefABCDEF-") == n;
		if (hexish)
			return store_fail(st, EX_USAGE,
			                  "%s id \"%s\" is too short (give at least 4 characters)",
			                  k->name, shown);
		if (titles)
			return store_fail(st, EX_NOINPUT, "no %s with the id or %s \"%s\"", k->name,
			                  tw, shown);
		return store_fail(st, EX_USAGE,
		                  "bad %s id \"%s\" (expected 4 or more characters of its id)",
		                  k->name, shown);
	}
	if (titles)
		return store_fail(st, EX_NOINPUT, "no %s with the id or %s \"%s\"", k->name, tw,
		                  shown);
	return store_fail(st, EX_NOINPUT, "no %s with an id starting \"%s\"", k->name, shown);
}

static const struct kind_info *kind_of(enum store_kind kind)
{
	return (unsigned)kind < sizeof kinds / sizeof kinds[0] ? &kinds[kind] : NULL;
}

int store_resolve(struct store *st, enum store_kind kind, const char *text, const char *client_id,
                  char id[UUID_LEN])
{
	return resolve(st, kind_of(kind), text, client_id, false, id, NULL, NULL, 0);
}

int store_resolve_loose(struct store *st, enum store_kind kind, const char *text,
                        const char *client_id, char id[UUID_LEN], enum store_match *how,
                        char *title, size_t title_n)
{
	return resolve(st, kind_of(kind), text, client_id, true, id, how, title, title_n);
}

int store_resolve_more(struct store *st, enum store_resolve_more kind, const char *text,
                       const char *client_id, char id[UUID_LEN])
{
	const struct kind_info *k = (unsigned)kind < sizeof more_kinds / sizeof more_kinds[0]
	                                    ? &more_kinds[kind]
	                                    : NULL;
	return resolve(st, k, text, client_id, true, id, NULL, NULL, 0);
}
