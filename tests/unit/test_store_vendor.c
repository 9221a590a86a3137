/* A client's vendors: create, read, update, delete, the renewals list and
 * its query plan, risk links, names resolved, and what is refused. */
#include "store_test.h"

#include "../../src/store/internal.h"
#include "cxo/decision.h"
#include "cxo/journal.h"
#include "cxo/uuid.h"
#include "cxo/vendor.h"

TestSuite(store_vendor, .init = tdir_setup, .fini = tdir_teardown);

static struct vendor new_vendor(const char *client_id, const char *name, const char *term_end,
                                int notice_days)
{
	struct vendor v;
	memset(&v, 0, sizeof v);
	snprintf(v.client_id, sizeof v.client_id, "%s", client_id);
	v.name = (char *)name;
	if (term_end)
		snprintf(v.term_end, sizeof v.term_end, "%s", term_end);
	v.notice_days = notice_days;
	return v;
}

static void add_vendor(struct store *st, struct vendor *v)
{
	cr_assert_eq(store_vendor_add(st, v), 0, "vendor add %s: %s", v->name, store_error(st));
	cr_assert(uuid_valid(v->id));
}

static long count(const char *sql)
{
	char p[128];
	return raw_long(tpath(p, sizeof p, "cxo.db"), sql);
}

static struct risk add_risk(struct store *st, const char *client_id, const char *title)
{
	struct risk r;
	memset(&r, 0, sizeof r);
	snprintf(r.client_id, sizeof r.client_id, "%s", client_id);
	r.title = (char *)title;
	r.likelihood = r.impact = 3;
	cr_assert_eq(store_risk_add(st, &r), 0, "%s", store_error(st));
	r.title = NULL;
	return r;
}

Test(store_vendor, add_get_update_delete)
{
	struct store *st = open_new();
	struct client acme;
	add_client(st, "acme", &acme);
	char today[DAY_LEN];
	store_today(today);

	struct vendor v = new_vendor(acme.id, "Salesforce", "2027-06-30", 90);
	snprintf(v.category, sizeof v.category, "saas");
	v.owner = (char *)"Dana (sales ops)";
	v.annual_cents = 4800000;
	v.units = 40;
	snprintf(v.start, sizeof v.start, "2025-07-01");
	v.auto_renew = true;
	snprintf(v.data, sizeof v.data, "confidential");
	v.notes = (char *)"MSA signed by the CFO";
	add_vendor(st, &v);
	cr_assert_str_eq(v.created, today);
	cr_assert_str_eq(v.currency, "USD", "the client's currency");
	cr_assert_str_eq(v.billing, "annual");
	cr_assert_str_eq(v.status, "active");
	cr_assert_str_eq(v.diligence, "none");
	cr_assert_str_eq(v.ended, "");

	struct vendor got;
	cr_assert_eq(store_vendor_get(st, v.id, &got), 0, "%s", store_error(st));
	cr_assert_str_eq(got.client_key, "acme");
	cr_assert_str_eq(got.name, "Salesforce");
	cr_assert_str_eq(got.category, "saas");
	cr_assert_str_eq(got.owner, "Dana (sales ops)");
	cr_assert_eq(got.annual_cents, 4800000);
	cr_assert_str_eq(got.currency, "USD");
	cr_assert_eq(got.units, 40);
	cr_assert_str_eq(got.start, "2025-07-01");
	cr_assert_str_eq(got.term_end, "2027-06-30");
	cr_assert(got.auto_renew);
	cr_assert_eq(got.notice_days, 90);
	cr_assert_str_eq(got.data, "confidential");
	cr_assert_str_eq(got.notes, "MSA signed by the CFO");
	cr_assert_str_eq(got.notice_by, "2027-04-01", "90 days before 2027-06-30");
	cr_assert_eq(got.risks, 0);
	cr_assert_str_eq(got.created, today);

	/* Ending it sets the day it ended; leaving ended clears it. */
	snprintf(got.status, sizeof got.status, "ended");
	snprintf(got.currency, sizeof got.currency, "eur");
	snprintf(got.diligence, sizeof got.diligence, "approved");
	snprintf(got.diligence_on, sizeof got.diligence_on, "2026-03-02");
	got.notice_days = 30;
	cr_assert_eq(store_vendor_update(st, &got), 0, "%s", store_error(st));
	vendor_free(&got);
	cr_assert_eq(store_vendor_get(st, v.id, &got), 0);
	cr_assert_str_eq(got.status, "ended");
	cr_assert_str_eq(got.ended, today);
	cr_assert_str_eq(got.currency, "EUR");
	cr_assert_str_eq(got.diligence, "approved");
	cr_assert_str_eq(got.diligence_on, "2026-03-02");
	cr_assert_str_eq(got.notice_by, "2027-05-31");
	/* Edited while ended: the day it ended stays. */
	got.ended[0] = '\0';
	got.units = 12;
	cr_assert_eq(store_vendor_update(st, &got), 0, "%s", store_error(st));
	cr_assert_eq(count("SELECT count(*) FROM vendors WHERE ended IS NOT NULL AND units = 12"),
	             1);
	snprintf(got.status, sizeof got.status, "renewing");
	cr_assert_eq(store_vendor_update(st, &got), 0, "%s", store_error(st));
	vendor_free(&got);
	cr_assert_eq(store_vendor_get(st, v.id, &got), 0);
	cr_assert_str_eq(got.ended, "");
	cr_assert_str_eq(got.status, "renewing");
	vendor_free(&got);

	/* Added as ended: ended today unless a day is given. */
	struct vendor old = new_vendor(acme.id, "Old fax line", NULL, 0);
	snprintf(old.status, sizeof old.status, "ended");
	snprintf(old.ended, sizeof old.ended, "2024-01-31");
	add_vendor(st, &old);
	cr_assert_str_eq(old.ended, "2024-01-31");

	cr_assert_eq(store_vendor_delete(st, v.id), 0, "%s", store_error(st));
	cr_assert_eq(store_vendor_get(st, v.id, &got), EX_NOINPUT);
	cr_assert_eq(store_vendor_delete(st, v.id), EX_NOINPUT);
	cr_assert_eq(store_vendor_update(st, &v), EX_NOINPUT);
	cr_assert_eq(store_vendor_delete(st, "not-an-id"), EX_DATAERR);
	store_close(st);
}

Test(store_vendor, refusals_name_the_field_and_write_nothing)
{
	struct store *st = open_new();
	struct client acme;
	add_client(st, "acme", &acme);
	struct vendor ok = new_vendor(acme.id, "Okta", "2027-01-31", 60);
	add_vendor(st, &ok);
	long journal = count("SELECT count(*) FROM journal");

	struct {
		const char *field, *value, *says;
	} bad[] = {
		{ "category", "cloud", "unknown vendor category \"cloud\" (expected saas," },
		{ "billing", "weekly", "unknown billing cycle \"weekly\"" },
		{ "status", "gone", "unknown vendor status \"gone\"" },
		{ "diligence", "signed", "unknown due diligence \"signed\"" },
		{ "data", "phi", "unknown vendor data \"phi\"" },
		{ "term_end", "2027-13-01", "bad term end \"2027-13-01\" (expected YYYY-MM-DD)" },
		{ "term_end", "2027-02-30", "bad term end \"2027-02-30\" (no such day)" },
		{ "start", "31/01/2026", "bad contract start \"31/01/2026\"" },
		{ "diligence_on", "soon", "bad due diligence date \"soon\"" },
		{ "currency", "U$D", "bad currency \"U$D\"" },
		{ "notice", "3651", "bad notice period (days) 3651 (expected 0 to 3650)" },
		{ "notice", "-1", "bad notice period (days) -1 (expected 0 to 3650)" },
		{ "units", "-5", "bad units -5 (expected 0 or more)" },
		{ "cost", "-100", "bad annual cost (cents) -100 (expected 0 or more)" },
		{ "name", "", "empty vendor name" },
		{ "order", "", "term end 2025-01-01 is before the contract start 2026-01-01" },
		{ "client", "", "missing client id" },
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct vendor v = new_vendor(acme.id, "Zoom", "2027-03-31", 30);
		const char *f = bad[i].field, *val = bad[i].value;
		if (!strcmp(f, "category"))
			snprintf(v.category, sizeof v.category, "%s", val);
		else if (!strcmp(f, "billing"))
			snprintf(v.billing, sizeof v.billing, "%s", val);
		else if (!strcmp(f, "status"))
			snprintf(v.status, sizeof v.status, "%s", val);
		else if (!strcmp(f, "diligence"))
			snprintf(v.diligence, sizeof v.diligence, "%s", val);
		else if (!strcmp(f, "data"))
			snprintf(v.data, sizeof v.data, "%s", val);
		else if (!strcmp(f, "term_end"))
			snprintf(v.term_end, sizeof v.term_end, "%s", val);
		else if (!strcmp(f, "start"))
			snprintf(v.start, sizeof v.start, "%s", val);
		else if (!strcmp(f, "diligence_on"))
			snprintf(v.diligence_on, sizeof v.diligence_on, "%s", val);
		else if (!strcmp(f, "currency"))
			snprintf(v.currency, sizeof v.currency, "%s", val);
		else if (!strcmp(f, "notice"))
			v.notice_days = atoi(val);
		else if (!strcmp(f, "units"))
			v.units = atol(val);
		else if (!strcmp(f, "cost"))
			v.annual_cents = atol(val);
		else if (!strcmp(f, "name"))
			v.name = (char *)val;
		else if (!strcmp(f, "client"))
			v.client_id[0] = '\0';
		else {
			snprintf(v.start, sizeof v.start, "2026-01-01");
			snprintf(v.term_end, sizeof v.term_end, "2025-01-01");
		}
		int rc = store_vendor_add(st, &v);
		cr_assert_eq(rc, EX_DATAERR, "%s=%s: %d %s", f, val, rc, store_error(st));
		cr_assert(strstr(store_error(st), bad[i].says), "%s=%s: \"%s\"", f, val,
		          store_error(st));
		/* The same values refused by an update of the existing one. */
		memcpy(v.id, ok.id, sizeof v.id);
		rc = store_vendor_update(st, &v);
		cr_assert_eq(rc, EX_DATAERR, "update %s=%s: %d %s", f, val, rc, store_error(st));
	}
	char long_name[TEXT_MAX_NAME + 2];
	memset(long_name, 'x', sizeof long_name - 1);
	long_name[sizeof long_name - 1] = '\0';
	struct vendor v = new_vendor(acme.id, long_name, NULL, 0);
	cr_assert_eq(store_vendor_add(st, &v), EX_DATAERR);
	cr_assert(strstr(store_error(st), "vendor name too long"), "%s", store_error(st));

	cr_assert_eq(count("SELECT count(*) FROM vendors"), 1);
	cr_assert_eq(count("SELECT count(*) FROM vendors WHERE name = 'Okta' AND notice_days = 60"
	                   " AND term_end = '2027-01-31'"),
	             1);
	cr_assert_eq(count("SELECT count(*) FROM journal"), journal);
	store_close(st);
}

Test(store_vendor, list_orders_and_filters)
{
	struct store *st = open_new();
	struct client acme, beta;
	add_client(st, "acme", &acme);
	add_client(st, "beta", &beta);
	struct vendor a = new_vendor(acme.id, "zendesk", "2027-03-31", 30);   /* 2027-03-01 */
	struct vendor b = new_vendor(acme.id, "Atlassian", "2027-02-28", 90); /* 2026-11-30 */
	struct vendor c = new_vendor(beta.id, "AWS", "2027-01-15", 10);       /* 2027-01-05 */
	struct vendor d = new_vendor(beta.id, "Dropbox", NULL, 0);
	struct vendor e = new_vendor(acme.id, "Box", "2026-12-31", 0);
	snprintf(e.status, sizeof e.status, "ended");
	add_vendor(st, &a);
	add_vendor(st, &b);
	add_vendor(st, &c);
	add_vendor(st, &d);
	add_vendor(st, &e);

	struct vendor_list l;
	cr_assert_eq(store_vendor_list(st, NULL, &l), 0, "%s", store_error(st));
	cr_assert_eq(l.n, 4, "every client's, ended ones left out");
	cr_assert_str_eq(l.items[0].name, "Atlassian");
	cr_assert_str_eq(l.items[1].name, "zendesk", "names in any case");
	cr_assert_str_eq(l.items[2].name, "AWS");
	cr_assert_str_eq(l.items[2].client_key, "beta");
	cr_assert_str_eq(l.items[3].name, "Dropbox");
	cr_assert_str_eq(l.items[3].notice_by, "", "no term end, no deadline");
	vendor_list_free(&l);

	struct vendor_filter f = { .client_id = acme.id, .include_ended = true };
	cr_assert_eq(store_vendor_list(st, &f, &l), 0);
	cr_assert_eq(l.n, 3);
	cr_assert_str_eq(l.items[1].name, "Box");
	cr_assert_str_eq(l.items[1].ended[0] ? "ended" : "", "ended");
	vendor_list_free(&l);

	/* The renewals: deadlines in a range, soonest first, running only. */
	f = (struct vendor_filter){ .notice_from = "2026-11-30", .notice_to = "2027-03-01" };
	cr_assert_eq(store_vendor_list(st, &f, &l), 0, "%s", store_error(st));
	cr_assert_eq(l.n, 3);
	cr_assert_str_eq(l.items[0].name, "Atlassian");
	cr_assert_str_eq(l.items[0].notice_by, "2026-11-30");
	cr_assert_str_eq(l.items[1].name, "AWS");
	cr_assert_str_eq(l.items[1].notice_by, "2027-01-05");
	cr_assert_str_eq(l.items[2].name, "zendesk");
	vendor_list_free(&l);
	f = (struct vendor_filter){ .client_id = beta.id, .notice_to = "2027-01-05" };
	cr_assert_eq(store_vendor_list(st, &f, &l), 0);
	cr_assert_eq(l.n, 1, "no start: every earlier deadline, the edge included");
	cr_assert_str_eq(l.items[0].name, "AWS");
	vendor_list_free(&l);
	f = (struct vendor_filter){ .notice_from = "2026-12-01", .notice_to = "2027-01-04" };
	cr_assert_eq(store_vendor_list(st, &f, &l), 0);
	cr_assert_eq(l.n, 0);
	vendor_list_free(&l);
	f = (struct vendor_filter){ .notice_to = "next month" };
	cr_assert_eq(store_vendor_list(st, &f, &l), EX_DATAERR);
	cr_assert(strstr(store_error(st), "\"next month\""));
	store_close(st);
}

/* The plan of a statement the store has run: every read of vendors is a
 * SEARCH of the index named. */
static void assert_uses(struct store *st, enum stmt_id id, const char *index)
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
		bool vendors = !strncmp(detail, "SEARCH v ", 9) || !strncmp(detail, "SCAN v ", 7) ||
		               !strncmp(detail, "SEARCH vendors ", 15) ||
		               !strncmp(detail, "SCAN vendors", 12);
		if (!vendors)
			continue;
		seen++;
		cr_assert(!strncmp(detail, "SEARCH ", 7) && strstr(detail, index),
		          "statement %d: %s\n  in %s", (int)id, detail, sqlite3_sql(s));
	}
	sqlite3_finalize(plan);
	cr_assert_eq(seen, 1, "statement %d reads the vendors once", (int)id);
}

Test(store_vendor, renewals_read_the_notice_indexes)
{
	struct store *st = open_new();
	struct client acme;
	add_client(st, "acme", &acme);
	for (int i = 0; i < 30; i++) {
		char name[32], end[16];
		snprintf(name, sizeof name, "vendor %d", i);
		snprintf(end, sizeof end, "2027-%02d-15", i % 12 + 1);
		struct vendor v = new_vendor(acme.id, name, i % 3 ? end : NULL, i * 7);
		add_vendor(st, &v);
	}
	struct vendor_list l;
	struct vendor_filter f = { .notice_from = "2027-01-01", .notice_to = "2027-03-31" };
	cr_assert_eq(store_vendor_list(st, &f, &l), 0);
	vendor_list_free(&l);
	f.client_id = acme.id;
	cr_assert_eq(store_vendor_list(st, &f, &l), 0);
	vendor_list_free(&l);
	assert_uses(st, Q_VENDOR_NOTICE_ALL, "vendors_notice");
	assert_uses(st, Q_VENDOR_NOTICE_CLIENT, "vendors_client_notice");
	store_close(st);
}

Test(store_vendor, risk_links)
{
	struct store *st = open_new();
	struct client acme, beta;
	add_client(st, "acme", &acme);
	add_client(st, "beta", &beta);
	struct vendor v = new_vendor(acme.id, "Epic", NULL, 0);
	add_vendor(st, &v);
	struct risk r1 = add_risk(st, acme.id, "PHI without a BAA");
	struct risk r2 = add_risk(st, acme.id, "Vendor lock-in");
	struct risk other = add_risk(st, beta.id, "Beta's risk");

	cr_assert_eq(store_vendor_link_risk(st, v.id, r1.id, true), 0, "%s", store_error(st));
	cr_assert_eq(store_vendor_link_risk(st, v.id, r2.id, true), 0);
	long journal = count("SELECT count(*) FROM journal");
	cr_assert_eq(store_vendor_link_risk(st, v.id, r1.id, true), 0, "twice changes nothing");
	cr_assert_eq(count("SELECT count(*) FROM journal"), journal);
	cr_assert_eq(store_vendor_link_risk(st, v.id, other.id, true), EX_DATAERR);
	cr_assert(strstr(store_error(st), "belongs to another client"), "%s", store_error(st));
	cr_assert_eq(store_vendor_link_risk(st, v.id, "12345678-0000-4000-8000-000000000000", true),
	             EX_DATAERR);
	cr_assert_eq(
	        store_vendor_link_risk(st, "12345678-0000-4000-8000-000000000000", r1.id, true),
	        EX_NOINPUT);
	cr_assert_eq(count("SELECT count(*) FROM vendor_risks"), 2);

	struct vendor got;
	cr_assert_eq(store_vendor_get(st, v.id, &got), 0);
	cr_assert_eq(got.risks, 2);
	vendor_free(&got);
	struct risk_list rl;
	cr_assert_eq(store_vendor_risks(st, v.id, &rl), 0, "%s", store_error(st));
	cr_assert_eq(rl.n, 2);
	cr_assert_str_eq(rl.items[0].client_key, "acme");
	risk_list_free(&rl);

	cr_assert_eq(store_vendor_link_risk(st, v.id, r2.id, false), 0);
	cr_assert_eq(store_vendor_link_risk(st, v.id, r2.id, false), 0, "not linked: nothing");
	cr_assert_eq(store_vendor_risks(st, v.id, &rl), 0);
	cr_assert_eq(rl.n, 1);
	cr_assert_str_eq(rl.items[0].title, "PHI without a BAA");
	risk_list_free(&rl);

	/* A risk deleted takes its links; a vendor deleted takes its own,
	 * and the risks stay. */
	cr_assert_eq(store_risk_delete(st, r1.id), 0);
	cr_assert_eq(count("SELECT count(*) FROM vendor_risks"), 0);
	cr_assert_eq(store_vendor_link_risk(st, v.id, r2.id, true), 0);
	cr_assert_eq(store_vendor_delete(st, v.id), 0);
	cr_assert_eq(count("SELECT count(*) FROM vendor_risks"), 0);
	cr_assert_eq(count("SELECT count(*) FROM risks"), 2);
	store_close(st);
}

Test(store_vendor, resolve_by_prefix_and_name)
{
	struct store *st = open_new();
	struct client acme, beta;
	add_client(st, "acme", &acme);
	add_client(st, "beta", &beta);
	struct vendor a = new_vendor(acme.id, "Microsoft 365", NULL, 0);
	struct vendor b = new_vendor(acme.id, "Slack", NULL, 0);
	struct vendor c = new_vendor(acme.id, "Slack Enterprise Grid", NULL, 0);
	struct vendor d = new_vendor(beta.id, "Zoom", NULL, 0);
	add_vendor(st, &a);
	add_vendor(st, &b);
	add_vendor(st, &c);
	add_vendor(st, &d);
	char id[UUID_LEN], prefix[9];
	snprintf(prefix, sizeof prefix, "%.8s", a.id);
	cr_assert_eq(store_vendor_resolve(st, prefix, NULL, id), 0, "%s", store_error(st));
	cr_assert_str_eq(id, a.id);
	cr_assert_eq(store_vendor_resolve(st, "slack", acme.id, id), 0, "exact name wins");
	cr_assert_str_eq(id, b.id);
	cr_assert_eq(store_vendor_resolve(st, "micro", acme.id, id), 0, "the start of one");
	cr_assert_str_eq(id, a.id);
	cr_assert_eq(store_vendor_resolve(st, "grid", acme.id, id), 0, "a part of one");
	cr_assert_str_eq(id, c.id);
	cr_assert_eq(store_vendor_resolve(st, "sla", acme.id, id), EX_USAGE);
	cr_assert(strstr(store_error(st), "vendor name \"sla\" is ambiguous"), "%s",
	          store_error(st));
	cr_assert_eq(store_vendor_resolve(st, "zoom", acme.id, id), EX_NOINPUT, "another client's");
	cr_assert_str_eq(store_error(st), "no vendor with the id or name \"zoom\"");
	cr_assert_eq(store_vendor_resolve(st, "zoom", beta.id, id), 0);
	cr_assert_str_eq(id, d.id);
	store_close(st);
}

Test(store_vendor, client_deleted_takes_its_vendors)
{
	struct store *st = open_new();
	struct client acme;
	add_client(st, "acme", &acme);
	struct vendor v = new_vendor(acme.id, "Epic", NULL, 0);
	add_vendor(st, &v);
	/* Through SQL: the store refuses to delete a client holding data. */
	store_close(st);
	char p[128];
	raw_exec(tpath(p, sizeof p, "cxo.db"), "PRAGMA foreign_keys = ON; DELETE FROM clients");
	cr_assert_eq(count("SELECT count(*) FROM vendors"), 0);
}

Test(store_vendor, overview_counts_notice_deadlines)
{
	struct store *st = open_new();
	struct client acme, beta;
	add_client(st, "acme", &acme);
	add_client(st, "beta", &beta);
	/* Today 2026-11-18: the soon window runs to 2026-12-02. */
	struct vendor v[] = {
		new_vendor(acme.id, "passed", "2026-11-27", 10), /* 2026-11-17 */
		new_vendor(acme.id, "today", "2026-12-18", 30),  /* 2026-11-18 */
		new_vendor(acme.id, "edge", "2026-12-02", 0),    /* 2026-12-02 */
		new_vendor(acme.id, "later", "2027-03-03", 90),  /* 2026-12-03 */
		new_vendor(acme.id, "ended", "2026-11-20", 0),   /* ended */
		new_vendor(acme.id, "no term", NULL, 30),
		new_vendor(beta.id, "beta's", "2027-06-30", 30), /* 2027-05-31 */
	};
	snprintf(v[4].status, sizeof v[4].status, "ended");
	for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
		add_vendor(st, &v[i]);
	struct client gamma;
	add_client(st, "gamma", &gamma);

	struct summary_list l;
	cr_assert_eq(store_overview(st, "2026-11-18", "2026-11-01", "2026-12-01", "2026-11-23", &l),
	             0, "%s", store_error(st));
	cr_assert_eq(l.n, 3);
	cr_assert_str_eq(l.items[0].client.key, "acme");
	cr_assert_str_eq(l.items[0].next_notice, "2026-11-18");
	cr_assert_eq(l.items[0].notices_soon, 2);
	cr_assert_str_eq(l.items[1].next_notice, "2027-05-31");
	cr_assert_eq(l.items[1].notices_soon, 0);
	cr_assert_str_eq(l.items[2].next_notice, "");
	cr_assert_eq(l.items[2].notices_soon, 0);
	summary_list_free(&l);
	assert_uses(st, Q_OVERVIEW_NOTICE, "vendors_client_notice");
	store_close(st);
}

/* A client that holds only vendors or decisions is not deleted with them. */
Test(store_vendor, a_client_holding_vendors_or_decisions_stays)
{
	struct store *st = open_new();
	struct client acme, beta;
	add_client(st, "acme", &acme);
	add_client(st, "beta", &beta);
	struct vendor v = new_vendor(acme.id, "Epic", NULL, 0);
	add_vendor(st, &v);
	struct decision d;
	memset(&d, 0, sizeof d);
	snprintf(d.client_id, sizeof d.client_id, "%s", beta.id);
	d.title = (char *)"Outsource the help desk";
	cr_assert_eq(store_decision_add(st, &d), 0, "%s", store_error(st));

	struct client_holdings h;
	cr_assert_eq(store_client_delete(st, acme.id, &h), EX_DATAERR);
	cr_assert_eq(h.vendors, 1);
	cr_assert_eq(h.decisions, 0);
	cr_assert(client_holdings_any(&h));
	cr_assert_eq(store_client_delete(st, beta.id, &h), EX_DATAERR);
	cr_assert_eq(h.decisions, 1);
	cr_assert_eq(count("SELECT count(*) FROM clients"), 2);
	cr_assert_eq(count("SELECT count(*) FROM vendors"), 1);
	cr_assert_eq(count("SELECT count(*) FROM decisions"), 1);
	store_close(st);
}

/* An export is stale once a vendor or a decision changed after it: a
 * purge would otherwise remove what the archive does not hold. */
Test(store_vendor, an_export_goes_stale_with_a_vendor_change)
{
	struct store *st = open_new();
	struct client acme;
	add_client(st, "acme", &acme);
	struct vendor v = new_vendor(acme.id, "Epic", NULL, 0);
	add_vendor(st, &v);
	char stamp[STAMP_LEN], path[64], p[128];
	bool fresh = false;
	/* Everything so far made long before an export. */
	cr_assert_eq(store_export_mark(st, acme.id, "acme.json"), 0, "%s", store_error(st));
	raw_exec(tpath(p, sizeof p, "cxo.db"),
	         "UPDATE vendors SET created = '2000-01-01';"
	         "UPDATE journal SET at = '2000-01-01T00:00:00Z';"
	         "UPDATE client_exports SET exported = '2000-01-02T00:00:00Z'");
	cr_assert_eq(store_export_fresh(st, acme.id, stamp, path, sizeof path, &fresh), 0);
	cr_assert(fresh, "nothing changed since");
	struct vendor got;
	cr_assert_eq(store_vendor_get(st, v.id, &got), 0);
	got.units = 5;
	cr_assert_eq(store_vendor_update(st, &got), 0, "%s", store_error(st));
	vendor_free(&got);
	cr_assert_eq(store_export_fresh(st, acme.id, stamp, path, sizeof path, &fresh), 0);
	cr_assert_not(fresh, "a vendor edited after the export");

	/* Without a journal: a decision added after it. */
	raw_exec(p, "UPDATE journal SET at = '2000-01-01T00:00:00Z'");
	cr_assert_eq(store_export_fresh(st, acme.id, stamp, path, sizeof path, &fresh), 0);
	cr_assert(fresh);
	struct decision d;
	memset(&d, 0, sizeof d);
	snprintf(d.client_id, sizeof d.client_id, "%s", acme.id);
	d.title = (char *)"Replace Epic";
	store_journal_keep(st, 0);
	cr_assert_eq(store_decision_add(st, &d), 0, "%s", store_error(st));
	cr_assert_eq(store_export_fresh(st, acme.id, stamp, path, sizeof path, &fresh), 0);
	cr_assert_not(fresh, "a decision added after the export");
	store_close(st);
}
