/* Resolving short ids and titles, the portfolio overview, and the query
 * plans that keep the hot paths independent of the size of the history. */
#include "store_test.h"

#include "../../src/store/internal.h"

TestSuite(store_query, .init = tdir_setup, .fini = tdir_teardown);

#define ID(prefix) prefix "-0000-4000-8000-000000000000"

/* Inserts rows with chosen ids through a connection of the test's own. */
static void raw_insert(struct store *st, const char *fmt, const char *a, const char *b)
{
	char sql[512];
	snprintf(sql, sizeof sql, fmt, a, b);
	char path[128];
	(void)st; /* the fixture's database, tdir/cxo.db */
	raw_exec(tpath(path, sizeof path, "cxo.db"), sql);
}

static void add_mandate_id(struct store *st, const char *client_id, const char *id,
                           const char *title)
{
	char sql[512];
	snprintf(sql, sizeof sql,
	         "INSERT INTO mandates(id, client_id, title, status, created)"
	         " VALUES ('%s', '%%s', '%%s', 'active', '2026-11-01T00:00:00Z')",
	         id);
	raw_insert(st, sql, client_id, title);
}

Test(store_query, resolve_prefixes)
{
	struct store *st = open_new();
	struct client c, other;
	add_client(st, "acme", &c);
	add_client(st, "other", &other);
	add_mandate_id(st, c.id, ID("1a2b0000"), "First");
	add_mandate_id(st, c.id, ID("1a2b1111"), "Second");
	add_mandate_id(st, other.id, ID("1a2c0000"), "Elsewhere");
	char id[UUID_LEN];

	cr_assert_eq(store_resolve(st, KIND_MANDATE, "1a2b0", NULL, id), 0, "%s", store_error(st));
	cr_assert_str_eq(id, ID("1a2b0000"));
	cr_assert_eq(store_resolve(st, KIND_MANDATE, "1A2B1", NULL, id), 0);
	cr_assert_str_eq(id, ID("1a2b1111"));
	cr_assert_eq(store_resolve(st, KIND_MANDATE, ID("1a2c0000"), NULL, id), 0);
	cr_assert_str_eq(id, ID("1a2c0000"));

	cr_assert_eq(store_resolve(st, KIND_MANDATE, "1a2b", NULL, id), EX_USAGE);
	cr_assert_str_eq(store_error(st), "mandate id \"1a2b\" is ambiguous; it matches:\n"
	                                  "  1a2b0000  First\n"
	                                  "  1a2b1111  Second");
	/* Restricted to one client the same prefix may be unique. */
	cr_assert_eq(store_resolve(st, KIND_MANDATE, "1a2", NULL, id), EX_USAGE);
	cr_assert_not_null(strstr(store_error(st), "too short"), "%s", store_error(st));
	cr_assert_eq(store_resolve(st, KIND_MANDATE, "1a2c", c.id, id), EX_NOINPUT);
	cr_assert_eq(store_resolve(st, KIND_MANDATE, "1a2c", other.id, id), 0);
	cr_assert_eq(store_resolve(st, KIND_MANDATE, "ffff", NULL, id), EX_NOINPUT);
	cr_assert_eq(store_resolve(st, KIND_RISK, "1a2b", NULL, id), EX_NOINPUT);
	cr_assert_eq(store_resolve(st, KIND_ACTION, "not-an-id", NULL, id), EX_USAGE);
	store_close(st);
}

Test(store_query, resolve_titles)
{
	struct store *st = open_new();
	struct client c, other;
	add_client(st, "acme", &c);
	add_client(st, "other", &other);
	add_mandate_id(st, c.id, ID("1a2b0000"), "Vendor selection");
	add_mandate_id(st, c.id, ID("2b3c0000"), "Cafe");
	add_mandate_id(st, other.id, ID("3c4d0000"), "Roadmap");
	char id[UUID_LEN];

	cr_assert_eq(store_resolve(st, KIND_MANDATE, "vendor SELECTION", c.id, id), 0, "%s",
	             store_error(st));
	cr_assert_str_eq(id, ID("1a2b0000"));
	/* Looks like an id prefix, matches none, so the title counts. */
	cr_assert_eq(store_resolve(st, KIND_MANDATE, "cafe", c.id, id), 0, "%s", store_error(st));
	cr_assert_str_eq(id, ID("2b3c0000"));
	/* Only within the client, and only with one. */
	cr_assert_eq(store_resolve(st, KIND_MANDATE, "Roadmap", c.id, id), EX_NOINPUT);
	cr_assert_eq(store_resolve(st, KIND_MANDATE, "Vendor selection", NULL, id), EX_USAGE);
	cr_assert_eq(store_resolve(st, KIND_MANDATE, "Vendor", c.id, id), EX_NOINPUT);

	struct risk r;
	memset(&r, 0, sizeof r);
	memcpy(r.client_id, c.id, sizeof r.client_id);
	r.title = (char *)"No MFA";
	r.likelihood = r.impact = 3;
	cr_assert_eq(store_risk_add(st, &r), 0);
	struct risk r2 = r;
	r2.title = (char *)"no mfa";
	cr_assert_eq(store_risk_add(st, &r2), 0);
	cr_assert_eq(store_resolve(st, KIND_RISK, "NO MFA", c.id, id), EX_USAGE);
	cr_assert_not_null(strstr(store_error(st), "risk title \"NO MFA\" is ambiguous"), "%s",
	                   store_error(st));
	char line[64];
	snprintf(line, sizeof line, "\n  %.8s  No MFA", r.id);
	cr_assert_not_null(strstr(store_error(st), line), "%s", store_error(st));
	r2.title = (char *)"Unpatched VPN";
	cr_assert_eq(store_risk_update(st, &r2), 0);
	cr_assert_eq(store_resolve(st, KIND_RISK, "no mfa", c.id, id), 0);
	cr_assert_str_eq(id, r.id);
	/* Entries and notes have no title fallback; actions have their
	 * exact titles (see resolve_action_titles). */
	cr_assert_eq(store_resolve(st, KIND_ACTION, "cafe", c.id, id), EX_NOINPUT);
	store_close(st);
}

static void add_action_titled(struct store *st, const char *client_id, const char *title,
                              const char *status, struct action *out)
{
	struct action a;
	memset(&a, 0, sizeof a);
	memcpy(a.client_id, client_id, sizeof a.client_id);
	a.title = (char *)title;
	snprintf(a.status, sizeof a.status, "%s", status);
	snprintf(a.created, sizeof a.created, "2026-11-01");
	if (!strcmp(status, "done"))
		snprintf(a.done_on, sizeof a.done_on, "2026-11-02");
	cr_assert_eq(store_action_add(st, &a), 0, "%s", store_error(st));
	if (out)
		*out = a;
}

Test(store_query, resolve_action_titles)
{
	struct store *st = open_new();
	struct client c, other;
	add_client(st, "acme", &c);
	add_client(st, "other", &other);
	struct action send, call1, call2;
	add_action_titled(st, c.id, "Send the SOW", "todo", &send);
	add_action_titled(st, c.id, "Call Dana", "todo", &call1);
	add_action_titled(st, c.id, "call dana", "done", &call2);
	add_action_titled(st, other.id, "Book the venue", "todo", NULL);
	char id[UUID_LEN];

	cr_assert_eq(store_resolve(st, KIND_ACTION, "send the sow", c.id, id), 0, "%s",
	             store_error(st));
	cr_assert_str_eq(id, send.id);
	/* Only the exact title, and only within the client. */
	cr_assert_eq(store_resolve(st, KIND_ACTION, "Send", c.id, id), EX_NOINPUT);
	cr_assert_eq(store_resolve_loose(st, KIND_ACTION, "Send", c.id, id, NULL, NULL, 0),
	             EX_NOINPUT);
	cr_assert_eq(store_resolve(st, KIND_ACTION, "Book the venue", c.id, id), EX_NOINPUT);
	cr_assert_eq(store_resolve(st, KIND_ACTION, "Send the SOW", NULL, id), EX_USAGE);
	/* Two of that title: both listed, the closed one with its status. */
	cr_assert_eq(store_resolve(st, KIND_ACTION, "CALL DANA", c.id, id), EX_USAGE);
	char line[96];
	snprintf(line, sizeof line, "\n  %.8s  Call Dana", call1.id);
	cr_assert_not_null(strstr(store_error(st), line), "%s", store_error(st));
	snprintf(line, sizeof line, "\n  %.8s  call dana (done)", call2.id);
	cr_assert_not_null(strstr(store_error(st), line), "%s", store_error(st));
	cr_assert_not_null(strstr(store_error(st), "action title \"CALL DANA\" is ambiguous"), "%s",
	                   store_error(st));
	store_close(st);
}

Test(store_query, resolve_loose_titles)
{
	struct store *st = open_new();
	struct client c, other;
	add_client(st, "acme", &c);
	add_client(st, "other", &other);
	add_mandate_id(st, c.id, ID("1a2b0000"), "Technology roadmap for the growth plan");
	add_mandate_id(st, c.id, ID("2b3c0000"), "Vendor selection");
	add_mandate_id(st, c.id, ID("3c4d0000"), "Vendor contracts review");
	add_mandate_id(st, c.id, ID("4d5e0000"), "Tech");
	add_mandate_id(st, other.id, ID("5e6f0000"), "Board deck");
	char id[UUID_LEN], title[256];
	enum store_match how;

	/* A unique start of a title. */
	cr_assert_eq(store_resolve_loose(st, KIND_MANDATE, "technology", c.id, id, &how, title,
	                                 sizeof title),
	             0, "%s", store_error(st));
	cr_assert_str_eq(id, ID("1a2b0000"));
	cr_assert_eq(how, STORE_MATCH_START);
	cr_assert_str_eq(title, "Technology roadmap for the growth plan");
	/* A unique part of one. */
	cr_assert_eq(store_resolve_loose(st, KIND_MANDATE, "ROADMAP", c.id, id, &how, title,
	                                 sizeof title),
	             0, "%s", store_error(st));
	cr_assert_str_eq(id, ID("1a2b0000"));
	cr_assert_eq(how, STORE_MATCH_PART);
	cr_assert_str_eq(title, "Technology roadmap for the growth plan");
	/* The exact title wins over the start of another. */
	cr_assert_eq(
	        store_resolve_loose(st, KIND_MANDATE, "tech", c.id, id, &how, title, sizeof title),
	        0, "%s", store_error(st));
	cr_assert_str_eq(id, ID("4d5e0000"));
	cr_assert_eq(how, STORE_MATCH_TITLE);
	/* A start several titles share is ambiguous, with them listed. */
	cr_assert_eq(store_resolve_loose(st, KIND_MANDATE, "vendor", c.id, id, &how, title,
	                                 sizeof title),
	             EX_USAGE);
	cr_assert_str_eq(store_error(st), "mandate title \"vendor\" is ambiguous; it matches:\n"
	                                  "  2b3c0000  Vendor selection\n"
	                                  "  3c4d0000  Vendor contracts review");
	/* A unique start wins over several parts ("selection" is in one). */
	cr_assert_eq(store_resolve_loose(st, KIND_MANDATE, "vendor s", c.id, id, &how, NULL, 0), 0);
	cr_assert_str_eq(id, ID("2b3c0000"));
	/* A part several titles hold is ambiguous too. */
	cr_assert_eq(store_resolve_loose(st, KIND_MANDATE, "o", c.id, id, &how, NULL, 0), EX_USAGE);
	/* Only within the client; and store_resolve stays exact. */
	cr_assert_eq(store_resolve_loose(st, KIND_MANDATE, "board", c.id, id, &how, NULL, 0),
	             EX_NOINPUT);
	cr_assert_eq(store_resolve(st, KIND_MANDATE, "roadmap", c.id, id), EX_NOINPUT);
	/* An id prefix still comes first. */
	cr_assert_eq(store_resolve_loose(st, KIND_MANDATE, "2b3c", c.id, id, &how, NULL, 0), 0);
	cr_assert_str_eq(id, ID("2b3c0000"));
	cr_assert_eq(how, STORE_MATCH_ID);

	/* Risks too; LIKE's wildcards are plain characters. */
	struct risk r;
	memset(&r, 0, sizeof r);
	memcpy(r.client_id, c.id, sizeof r.client_id);
	r.title = (char *)"100% of laptops unencrypted";
	r.likelihood = r.impact = 3;
	cr_assert_eq(store_risk_add(st, &r), 0);
	cr_assert_eq(store_resolve_loose(st, KIND_RISK, "% of lap", c.id, id, &how, NULL, 0), 0,
	             "%s", store_error(st));
	cr_assert_str_eq(id, r.id);
	cr_assert_eq(how, STORE_MATCH_PART);
	cr_assert_eq(store_resolve_loose(st, KIND_RISK, "_", c.id, id, &how, NULL, 0), EX_NOINPUT);
	store_close(st);
}

Test(store_query, resolve_lists_at_most_ten)
{
	struct store *st = open_new();
	struct client c;
	add_client(st, "acme", &c);
	for (int i = 0; i < 12; i++) {
		char id[48], sql[512];
		snprintf(id, sizeof id, "abcd%04d-0000-4000-8000-000000000000", i);
		snprintf(sql, sizeof sql,
		         "INSERT INTO actions(id, client_id, title, status, created)"
		         " VALUES ('%s', '%%s', 'Action %d', 'todo', '2026-11-01')",
		         id, i);
		raw_insert(st, sql, c.id, NULL);
	}
	char id[UUID_LEN];
	cr_assert_eq(store_resolve(st, KIND_ACTION, "abcd", c.id, id), EX_USAGE);
	const char *msg = store_error(st);
	int lines = 0;
	for (const char *p = msg; (p = strchr(p, '\n')); p++)
		lines++;
	cr_assert_eq(lines, 11, "%s", msg);
	cr_assert_not_null(strstr(msg, "  abcd0000  Action 0\n"));
	cr_assert_not_null(strstr(msg, "\n  ... and more"));
	cr_assert_eq(store_resolve(st, KIND_ACTION, "abcd0011", c.id, id), 0);
	store_close(st);
}

Test(store_query, resolve_every_kind)
{
	struct store *st = open_new();
	struct client c;
	add_client(st, "acme", &c);
	struct entry e;
	memset(&e, 0, sizeof e);
	memcpy(e.client_id, c.id, sizeof e.client_id);
	snprintf(e.day, sizeof e.day, "2026-11-23");
	e.minutes = 30;
	cr_assert_eq(store_entry_add(st, &e), 0);
	struct note n;
	memset(&n, 0, sizeof n);
	memcpy(n.client_id, c.id, sizeof n.client_id);
	n.text = (char *)"hello";
	cr_assert_eq(store_note_add(st, &n), 0);
	char id[UUID_LEN], prefix[9];
	snprintf(prefix, sizeof prefix, "%.8s", e.id);
	cr_assert_eq(store_resolve(st, KIND_ENTRY, prefix, NULL, id), 0);
	cr_assert_str_eq(id, e.id);
	snprintf(prefix, sizeof prefix, "%.6s", n.id);
	cr_assert_eq(store_resolve(st, KIND_NOTE, prefix, c.id, id), 0);
	cr_assert_str_eq(id, n.id);
	store_close(st);
}

static void add_entry(struct store *st, const char *client_id, const char *day, int minutes)
{
	struct entry e;
	memset(&e, 0, sizeof e);
	snprintf(e.client_id, sizeof e.client_id, "%s", client_id);
	snprintf(e.day, sizeof e.day, "%s", day);
	e.minutes = minutes;
	cr_assert_eq(store_entry_add(st, &e), 0, "%s", store_error(st));
}

static void add_risk(struct store *st, const char *client_id, int l, int i, const char *status)
{
	struct risk r;
	memset(&r, 0, sizeof r);
	snprintf(r.client_id, sizeof r.client_id, "%s", client_id);
	r.title = (char *)"risk";
	r.likelihood = l;
	r.impact = i;
	snprintf(r.status, sizeof r.status, "%s", status);
	cr_assert_eq(store_risk_add(st, &r), 0, "%s", store_error(st));
}

static void add_action(struct store *st, const char *client_id, const char *due, const char *status)
{
	struct action a;
	memset(&a, 0, sizeof a);
	snprintf(a.client_id, sizeof a.client_id, "%s", client_id);
	a.title = (char *)"action";
	snprintf(a.due, sizeof a.due, "%s", due);
	snprintf(a.status, sizeof a.status, "%s", status);
	cr_assert_eq(store_action_add(st, &a), 0, "%s", store_error(st));
}

static void add_note(struct store *st, const char *client_id, const char *created)
{
	struct note n;
	memset(&n, 0, sizeof n);
	snprintf(n.client_id, sizeof n.client_id, "%s", client_id);
	n.text = (char *)"note";
	snprintf(n.created, sizeof n.created, "%s", created);
	cr_assert_eq(store_note_add(st, &n), 0, "%s", store_error(st));
}

/* acme with a bit of everything, beta with nothing, gamma paused. */
static void fixture(struct store *st, struct client *acme)
{
	struct client beta, gamma;
	add_client(st, "acme", acme);
	add_client(st, "beta", &beta);
	add_client(st, "gamma", &gamma);
	snprintf(gamma.status, sizeof gamma.status, "paused");
	cr_assert_eq(store_client_update(st, &gamma), 0);
	add_entry(st, gamma.id, "2026-11-05", 600);

	add_entry(st, acme->id, "2026-10-31", 120); /* last month */
	add_entry(st, acme->id, "2026-11-02", 60);
	add_entry(st, acme->id, "2026-11-20", 30);
	add_entry(st, acme->id, "2026-12-01", 15); /* next month */
	add_risk(st, acme->id, 4, 5, "open");
	add_risk(st, acme->id, 3, 3, "mitigating");
	add_risk(st, acme->id, 5, 5, "accepted");
	add_risk(st, acme->id, 5, 5, "closed");
	add_action(st, acme->id, "2026-11-20", "todo");    /* overdue */
	add_action(st, acme->id, "2026-11-22", "waiting"); /* overdue */
	add_action(st, acme->id, "2026-11-23", "todo");    /* due this week */
	add_action(st, acme->id, "2026-11-29", "waiting"); /* due this week */
	add_action(st, acme->id, "2026-11-30", "todo");    /* next week */
	add_action(st, acme->id, "2026-11-01", "done");
	add_action(st, acme->id, "2026-11-02", "dropped");
	add_action(st, acme->id, "", "todo");
	add_note(st, acme->id, "2026-11-21T23:00:00Z");
	add_note(st, acme->id, "2026-11-22T08:00:00Z");
}

Test(store_query, overview_numbers)
{
	struct store *st = open_new();
	struct client acme;
	fixture(st, &acme);
	/* A later entry day wins over the notes. */
	struct summary_list l;
	cr_assert_eq(store_overview(st, "2026-11-23", "2026-11-01", "2026-12-01", "2026-11-30", &l),
	             0, "%s", store_error(st));
	cr_assert_eq(l.n, 2);
	struct client_summary *a = &l.items[0], *b = &l.items[1];
	cr_assert_str_eq(a->client.key, "acme");
	cr_assert_eq(a->month_minutes, 90);
	cr_assert_eq(a->open_risks, 2);
	cr_assert_eq(a->top_score, 20);
	cr_assert_eq(a->overdue, 2);
	cr_assert_eq(a->due_week, 2);
	cr_assert_str_eq(a->last_activity, "2026-12-01");
	cr_assert_str_eq(b->client.key, "beta");
	cr_assert_eq(b->month_minutes, 0);
	cr_assert_eq(b->open_risks, 0);
	cr_assert_eq(b->top_score, 0);
	cr_assert_eq(b->overdue, 0);
	cr_assert_eq(b->due_week, 0);
	cr_assert_str_eq(b->last_activity, "");
	summary_list_free(&l);

	/* The latest note counts when it is later than every entry. */
	add_note(st, acme.id, "2026-12-02T10:00:00Z");
	cr_assert_eq(store_overview(st, "2026-11-23", "2026-11-01", "2026-12-01", "2026-11-30", &l),
	             0);
	cr_assert_str_eq(l.items[0].last_activity, "2026-12-02");
	summary_list_free(&l);
	cr_assert_eq(store_overview(st, "bad", "2026-11-01", "2026-12-01", "2026-11-30", &l),
	             EX_DATAERR);
	cr_assert_eq(l.n, 0);
	store_close(st);
}

Test(store_query, overview_on_a_read_handle)
{
	char path[256];
	tpath(path, sizeof path, "cxo.db");
	struct store *w = open_ok(path, STORE_WRITE);
	struct client acme;
	fixture(w, &acme);
	store_close(w);
	struct store *st = open_ok(path, STORE_READ);
	struct summary_list l;
	cr_assert_eq(store_overview(st, "2026-11-23", "2026-11-01", "2026-12-01", "2026-11-30", &l),
	             0, "%s", store_error(st));
	cr_assert_eq(l.n, 2);
	summary_list_free(&l);
	cr_assert(sqlite3_get_autocommit(st->db));
	store_close(st);
}

/*
 * The plan of a cached statement must not scan a table that grows with
 * history: only clients (a handful of rows) may be scanned.
 */
static void assert_no_scan(struct store *st, enum stmt_id id)
{
	sqlite3_stmt *s = st->stmts[id];
	cr_assert_not_null(s, "statement %d was not used", (int)id);
	char sql[4096];
	snprintf(sql, sizeof sql, "EXPLAIN QUERY PLAN %s", sqlite3_sql(s));
	sqlite3_stmt *plan = NULL;
	cr_assert_eq(sqlite3_prepare_v2(st->db, sql, -1, &plan, NULL), SQLITE_OK, "%s",
	             sqlite3_errmsg(st->db));
	while (sqlite3_step(plan) == SQLITE_ROW) {
		const char *detail = (const char *)sqlite3_column_text(plan, 3);
		bool scan = !strncmp(detail, "SCAN ", 5) && strncmp(detail, "SCAN c", 6) != 0;
		cr_assert_not(scan, "statement %d: %s\n  in %s", (int)id, detail, sqlite3_sql(s));
	}
	sqlite3_finalize(plan);
}

Test(store_query, hot_paths_use_indexes)
{
	struct store *st = open_new();
	struct client acme;
	fixture(st, &acme);
	struct summary_list l;
	cr_assert_eq(store_overview(st, "2026-11-23", "2026-11-01", "2026-12-01", "2026-11-30", &l),
	             0);
	summary_list_free(&l);
	struct entry_list el;
	cr_assert_eq(entries_of(st, acme.id, "2026-11-01", "2026-12-01", &el), 0);
	entry_list_free(&el);
	struct action_list al;
	struct action_filter f = { .client_id = acme.id };
	cr_assert_eq(store_action_list(st, &f, &al), 0);
	action_list_free(&al);
	f = (struct action_filter){ .mandate_id = acme.id };
	cr_assert_eq(store_action_list(st, &f, &al), 0);
	action_list_free(&al);
	int n;
	cr_assert_eq(store_action_count_overdue(st, NULL, "2026-11-23", &n), 0);
	cr_assert_eq(store_action_count_overdue(st, acme.id, "2026-11-23", &n), 0);
	struct timer t;
	cr_assert_eq(store_timer_get(st, &t), EX_NOINPUT);
	struct note_list nl;
	cr_assert_eq(store_note_list(st, acme.id, 5, &nl), 0);
	note_list_free(&nl);
	struct mandate_list ml;
	cr_assert_eq(store_mandate_list(st, acme.id, false, &ml), 0);
	mandate_list_free(&ml);
	cr_assert_eq(store_mandate_list(st, NULL, false, &ml), 0);
	mandate_list_free(&ml);
	struct risk_list rl;
	struct risk_filter rf = { 0 };
	cr_assert_eq(store_risk_list(st, &rf, &rl), 0);
	risk_list_free(&rl);
	rf.client_id = acme.id;
	cr_assert_eq(store_risk_list(st, &rf, &rl), 0);
	risk_list_free(&rl);
	struct hours_sum sum;
	cr_assert_eq(store_entry_sum(st, NULL, "2026-11-01", "2026-12-01", &sum), 0);
	char id[UUID_LEN];
	store_resolve(st, KIND_RISK, "abcd", acme.id, id);
	store_resolve(st, KIND_ENTRY, "abcd", acme.id, id);
	store_resolve_loose(st, KIND_MANDATE, "abcd", acme.id, id, NULL, NULL, 0);
	store_resolve_loose(st, KIND_RISK, "abcd", acme.id, id, NULL, NULL, 0);
	store_resolve(st, KIND_ACTION, "abcd", acme.id, id);

	static const enum stmt_id hot[] = {
		Q_CLIENT_BY_KEY,
		Q_CLIENT_BY_ID,
		Q_ENTRY_SUM_CLIENT,
		Q_RISK_OPEN_SUMMARY,
		Q_ACTION_DUE_RANGE_CLIENT,
		Q_ENTRY_LAST_DAY,
		Q_NOTE_LAST,
		Q_ENTRY_LIST_CLIENT,
		Q_ACTION_LIST_CLIENT_OPEN,
		Q_ACTION_LIST_MANDATE,
		Q_ACTION_OVERDUE_ALL,
		Q_ACTION_OVERDUE_CLIENT,
		Q_TIMER_GET,
		Q_NOTE_LIST_CLIENT,
		Q_MANDATE_LIST_CLIENT,
		Q_RESOLVE_RISK,
		Q_RESOLVE_RISK_TITLE,
		Q_RESOLVE_ENTRY,
		Q_RESOLVE_MANDATE_TITLE,
		Q_RESOLVE_MANDATE_START,
		Q_RESOLVE_MANDATE_PART,
		Q_RESOLVE_RISK_START,
		Q_RESOLVE_RISK_PART,
		Q_RESOLVE_ACTION_TITLE,
		Q_SETTING_GET,
		Q_MANDATE_LIST_ALL_OPEN,
		Q_RISK_LIST_ALL_OPEN,
		Q_RISK_LIST_CLIENT_OPEN,
		Q_ENTRY_SUM_ALL,
	};
	struct client c;
	cr_assert_eq(store_client_get(st, "acme", &c), 0);
	client_free(&c);
	cr_assert_eq(store_client_get_by_id(st, acme.id, &c), 0);
	client_free(&c);
	char *v;
	cr_assert_eq(store_setting_get(st, "x", &v), 0);
	for (size_t i = 0; i < sizeof hot / sizeof hot[0]; i++)
		assert_no_scan(st, hot[i]);
	store_close(st);
}

/*
 * The open list reads a client's open actions from the covering index
 * alone, in its order: nothing from the table, no sort.  What the plan
 * says of the actions (alias a) must name that index as covering.
 */
static void assert_index_only(struct store *st, enum stmt_id id)
{
	sqlite3_stmt *s = st->stmts[id];
	cr_assert_not_null(s, "statement %d was not used", (int)id);
	char sql[4096];
	snprintf(sql, sizeof sql, "EXPLAIN QUERY PLAN %s", sqlite3_sql(s));
	sqlite3_stmt *plan = NULL;
	cr_assert_eq(sqlite3_prepare_v2(st->db, sql, -1, &plan, NULL), SQLITE_OK, "%s",
	             sqlite3_errmsg(st->db));
	int seen = 0;
	while (sqlite3_step(plan) == SQLITE_ROW) {
		const char *detail = (const char *)sqlite3_column_text(plan, 3);
		cr_assert_null(strstr(detail, "TEMP B-TREE"), "statement %d sorts: %s", (int)id,
		               detail);
		if (strncmp(detail, "SEARCH a ", 9) && strncmp(detail, "SCAN a ", 7))
			continue;
		seen++;
		cr_assert_str_eq(
		        detail,
		        "SEARCH a USING COVERING INDEX actions_open_client_list (client_id=?)",
		        "statement %d", (int)id);
	}
	sqlite3_finalize(plan);
	cr_assert_eq(seen, 1, "statement %d reads the actions once", (int)id);
}

static void read_open_lists(struct store *st, const char *client_id)
{
	struct action_list al;
	struct action_filter f = { .client_id = client_id };
	cr_assert_eq(store_action_list(st, &f, &al), 0, "%s", store_error(st));
	action_list_free(&al);
	cr_assert_eq(store_dash_open_actions(st, client_id, "dana", 20, &al), 0, "%s",
	             store_error(st));
	action_list_free(&al);
	assert_index_only(st, Q_ACTION_LIST_CLIENT_OPEN);
	assert_index_only(st, Q_DASH_ACTIONS);
}

Test(store_query, open_action_lists_read_only_their_index)
{
	char path[256];
	tpath(path, sizeof path, "cxo.db");
	struct store *st = open_new();
	struct client acme;
	fixture(st, &acme);
	read_open_lists(st, acme.id);
	store_close(st);
	/* A schema 3 file, read as it is: the owner column holds the person
	 * waited for, and the index is the one without waiting_for. */
	raw_exec(path, SCHEMA_5_UNDO
	         "DROP INDEX actions_open_client_list;"
	         "ALTER TABLE actions DROP COLUMN waiting_for;"
	         "CREATE INDEX actions_open_client_list ON actions(client_id, due IS NULL, due,"
	         " created, title, owner, status, waiting_since, mandate_id, risk_id, done_on,"
	         " id) WHERE status IN ('todo', 'waiting');"
	         "PRAGMA user_version = 3;");
	st = open_ok(path, STORE_READ);
	read_open_lists(st, acme.id);
	store_close(st);
}

static void add_mandate_entry(struct store *st, const char *client_id, const char *mandate_id,
                              const char *day, int minutes)
{
	struct entry e;
	memset(&e, 0, sizeof e);
	snprintf(e.client_id, sizeof e.client_id, "%s", client_id);
	snprintf(e.mandate_id, sizeof e.mandate_id, "%s", mandate_id ? mandate_id : "");
	snprintf(e.day, sizeof e.day, "%s", day);
	e.minutes = minutes;
	cr_assert_eq(store_entry_add(st, &e), 0, "%s", store_error(st));
}

/* A mandate's hours: this month's and all of them, its own entries only,
 * read through the mandate index. */
Test(store_query, mandate_hours)
{
	struct store *st = open_new();
	struct client acme, other;
	add_client(st, "acme", &acme);
	add_client(st, "other", &other);
	struct mandate m = { 0 }, n = { 0 }, empty = { 0 };
	memcpy(m.client_id, acme.id, sizeof m.client_id);
	m.title = (char *)"Vendor selection";
	cr_assert_eq(store_mandate_add(st, &m), 0, "%s", store_error(st));
	memcpy(n.client_id, other.id, sizeof n.client_id);
	n.title = (char *)"Roadmap";
	cr_assert_eq(store_mandate_add(st, &n), 0, "%s", store_error(st));
	memcpy(empty.client_id, acme.id, sizeof empty.client_id);
	empty.title = (char *)"Nothing logged";
	cr_assert_eq(store_mandate_add(st, &empty), 0, "%s", store_error(st));

	add_mandate_entry(st, acme.id, m.id, "2025-06-30", 120); /* long ago */
	add_mandate_entry(st, acme.id, m.id, "2026-10-31", 45);  /* last month */
	add_mandate_entry(st, acme.id, m.id, "2026-11-01", 20);  /* first day */
	add_mandate_entry(st, acme.id, m.id, "2026-11-30", 40);  /* last day */
	add_mandate_entry(st, acme.id, m.id, "2026-12-01", 15);  /* next month */
	add_mandate_entry(st, acme.id, NULL, "2026-11-10", 600); /* no mandate */
	add_mandate_entry(st, other.id, n.id, "2026-11-10", 300);

	struct mandate_hours h;
	cr_assert_eq(store_mandate_hours(st, m.id, "2026-11-01", "2026-12-01", &h), 0, "%s",
	             store_error(st));
	cr_assert_eq(h.month_minutes, 60);
	cr_assert_eq(h.total_minutes, 240);
	cr_assert_eq(store_mandate_hours(st, n.id, "2026-11-01", "2026-12-01", &h), 0);
	cr_assert_eq(h.month_minutes, 300);
	cr_assert_eq(h.total_minutes, 300);
	cr_assert_eq(store_mandate_hours(st, empty.id, "2026-11-01", "2026-12-01", &h), 0);
	cr_assert_eq(h.month_minutes, 0);
	cr_assert_eq(h.total_minutes, 0);
	/* Open-ended: every entry is in the range. */
	cr_assert_eq(store_mandate_hours(st, m.id, NULL, NULL, &h), 0);
	cr_assert_eq(h.month_minutes, 240);
	cr_assert_eq(store_mandate_hours(st, m.id, "2026-13-01", NULL, &h), EX_DATAERR);

	/* An edit moves the minutes, a deleted mandate's entries count for
	 * nothing (they are unlinked). */
	struct entry_list el;
	cr_assert_eq(entries_of(st, acme.id, "2026-11-30", "2026-12-01", &el), 0);
	cr_assert_eq(el.n, 1);
	el.items[0].minutes = 100;
	cr_assert_eq(store_entry_update(st, &el.items[0]), 0, "%s", store_error(st));
	entry_list_free(&el);
	cr_assert_eq(store_mandate_hours(st, m.id, "2026-11-01", "2026-12-01", &h), 0);
	cr_assert_eq(h.month_minutes, 120);
	cr_assert_eq(h.total_minutes, 300);
	cr_assert_eq(store_mandate_delete(st, n.id), 0, "%s", store_error(st));
	cr_assert_eq(store_mandate_hours(st, n.id, NULL, NULL, &h), 0);
	cr_assert_eq(h.total_minutes, 0);

	/* The plan: a search of the mandate index, no scan of the entries. */
	assert_no_scan(st, Q_MANDATE_HOURS);
	sqlite3_stmt *s = st->stmts[Q_MANDATE_HOURS], *plan = NULL;
	char sql[1024];
	snprintf(sql, sizeof sql, "EXPLAIN QUERY PLAN %s", sqlite3_sql(s));
	cr_assert_eq(sqlite3_prepare_v2(st->db, sql, -1, &plan, NULL), SQLITE_OK);
	bool by_mandate = false;
	while (sqlite3_step(plan) == SQLITE_ROW)
		if (strstr((const char *)sqlite3_column_text(plan, 3),
		           "USING INDEX time_entries_mandate (mandate_id=?)"))
			by_mandate = true;
	sqlite3_finalize(plan);
	cr_assert(by_mandate, "%s", sqlite3_sql(s));
	store_close(st); /* the titles are literals: nothing to free */
}
