/*
 * test_store_vendor_sync.c: vendors, decisions and their links in the
 * journal (the line each change is recorded with, undo and redo) and
 * carried by sync between two databases until both hold the same rows.
 */
#include <unistd.h>

#include "cxo/decision.h"
#include "cxo/journal.h"
#include "cxo/vendor.h"
#include "store_test.h"

TestSuite(store_vendor_sync, .init = tdir_setup, .fini = tdir_teardown);

static void expect_latest(struct store *st, const char *summary, const char *client)
{
	struct journal_list l;
	cr_assert_eq(store_history(st, NULL, 1, &l), 0, "%s", store_error(st));
	cr_assert_eq(l.count, 1);
	cr_expect_str_eq(l.items[0].summary, summary);
	cr_expect(l.items[0].client_key && !strcmp(l.items[0].client_key, client),
	          "client %s, expected %s", l.items[0].client_key, client);
	journal_list_free(&l);
}

static long count(const char *db, const char *sql)
{
	char path[128];
	return raw_long(tpath(path, sizeof path, db), sql);
}

static void new_vendor(struct store *st, const struct client *c, const char *name, struct vendor *v)
{
	memset(v, 0, sizeof *v);
	memcpy(v->client_id, c->id, sizeof v->client_id);
	v->name = (char *)name;
	snprintf(v->term_end, sizeof v->term_end, "2027-06-30");
	v->notice_days = 60;
	cr_assert_eq(store_vendor_add(st, v), 0, "%s", store_error(st));
	v->name = NULL;
}

static void new_decision(struct store *st, const struct client *c, const char *title,
                         struct decision *d)
{
	memset(d, 0, sizeof *d);
	memcpy(d->client_id, c->id, sizeof d->client_id);
	d->title = (char *)title;
	snprintf(d->day, sizeof d->day, "2026-11-20");
	cr_assert_eq(store_decision_add(st, d), 0, "%s", store_error(st));
	d->title = NULL;
}

static void new_risk(struct store *st, const struct client *c, const char *title, struct risk *r)
{
	memset(r, 0, sizeof *r);
	memcpy(r->client_id, c->id, sizeof r->client_id);
	r->title = (char *)title;
	r->likelihood = r->impact = 3;
	cr_assert_eq(store_risk_add(st, r), 0, "%s", store_error(st));
	r->title = NULL;
}

Test(store_vendor_sync, summary_lines)
{
	struct store *st = open_new();
	struct client a;
	add_client(st, "acme", &a);
	struct vendor v;
	new_vendor(st, &a, "Salesforce", &v);
	char want[300];
	snprintf(want, sizeof want, "added vendor %.8s to acme \"Salesforce\"", v.id);
	expect_latest(st, want, "acme");

	struct vendor got;
	cr_assert_eq(store_vendor_get(st, v.id, &got), 0);
	snprintf(got.term_end, sizeof got.term_end, "2027-09-30");
	got.notice_days = 90;
	cr_assert_eq(store_vendor_update(st, &got), 0, "%s", store_error(st));
	snprintf(want, sizeof want,
	         "edited vendor %.8s of acme \"Salesforce\" (term_end, notice_days)", v.id);
	expect_latest(st, want, "acme");
	snprintf(got.status, sizeof got.status, "ended");
	cr_assert_eq(store_vendor_update(st, &got), 0, "%s", store_error(st));
	snprintf(want, sizeof want, "ended vendor %.8s of acme \"Salesforce\"", v.id);
	expect_latest(st, want, "acme");
	vendor_free(&got);

	struct risk r;
	new_risk(st, &a, "Customer data offshore", &r);
	cr_assert_eq(store_vendor_link_risk(st, v.id, r.id, true), 0, "%s", store_error(st));
	snprintf(want, sizeof want,
	         "linked risk %.8s \"Customer data offshore\" to vendor %.8s \"Salesforce\"", r.id,
	         v.id);
	expect_latest(st, want, "acme");

	struct decision d1, d2;
	new_decision(st, &a, "Keep Salesforce", &d1);
	snprintf(want, sizeof want, "added decision %.8s to acme \"Keep Salesforce\"", d1.id);
	expect_latest(st, want, "acme");
	new_decision(st, &a, "Move to HubSpot", &d2);
	cr_assert_eq(store_decision_supersede(st, d1.id, d2.id), 0, "%s", store_error(st));
	snprintf(want, sizeof want, "superseded decision %.8s of acme \"Keep Salesforce\"", d1.id);
	expect_latest(st, want, "acme");
	cr_assert_eq(store_decision_link(st, d2.id, DECISION_LINK_VENDOR, v.id, true), 0);
	snprintf(want, sizeof want,
	         "linked vendor %.8s \"Salesforce\" to decision %.8s \"Move to HubSpot\"", v.id,
	         d2.id);
	expect_latest(st, want, "acme");

	/* A vendor deleted names the change, not the links it takes. */
	cr_assert_eq(store_vendor_delete(st, v.id), 0);
	snprintf(want, sizeof want, "deleted vendor %.8s of acme \"Salesforce\" (+2 more)", v.id);
	expect_latest(st, want, "acme");
	store_close(st);
}

Test(store_vendor_sync, undo_and_redo)
{
	struct store *st = open_new();
	struct client a;
	add_client(st, "acme", &a);
	struct vendor v;
	new_vendor(st, &a, "Okta", &v);
	struct risk r;
	new_risk(st, &a, "Single sign-on outage", &r);
	cr_assert_eq(store_vendor_link_risk(st, v.id, r.id, true), 0);
	struct journal_entry done;

	/* An edit undone and redone. */
	struct vendor got;
	cr_assert_eq(store_vendor_get(st, v.id, &got), 0);
	got.annual_cents = 1200000;
	cr_assert_eq(store_vendor_update(st, &got), 0, "%s", store_error(st));
	vendor_free(&got);
	cr_assert_eq(store_undo(st, 0, &done), 0, "%s", store_error(st));
	journal_entry_free(&done);
	cr_assert_eq(count("cxo.db", "SELECT annual_cents FROM vendors"), 0);
	cr_assert_eq(store_redo(st, &done), 0, "%s", store_error(st));
	journal_entry_free(&done);
	cr_assert_eq(count("cxo.db", "SELECT annual_cents FROM vendors"), 1200000);

	/* A delete undone brings back the vendor and its link. */
	cr_assert_eq(store_vendor_delete(st, v.id), 0);
	cr_assert_eq(count("cxo.db", "SELECT count(*) FROM vendor_risks"), 0);
	cr_assert_eq(store_undo(st, 0, &done), 0, "%s", store_error(st));
	journal_entry_free(&done);
	cr_assert_eq(store_vendor_get(st, v.id, &got), 0, "%s", store_error(st));
	cr_assert_eq(got.risks, 1);
	cr_assert_eq(got.annual_cents, 1200000);
	vendor_free(&got);
	cr_assert_eq(store_redo(st, &done), 0, "%s", store_error(st));
	journal_entry_free(&done);
	cr_assert_eq(count("cxo.db", "SELECT count(*) FROM vendors"), 0);
	cr_assert_eq(count("cxo.db", "SELECT count(*) FROM vendor_risks"), 0);
	cr_assert_eq(store_undo(st, 0, &done), 0, "%s", store_error(st));
	journal_entry_free(&done);

	/* A supersession undone: both fields go back together. */
	struct decision d1, d2;
	new_decision(st, &a, "Okta for SSO", &d1);
	new_decision(st, &a, "Entra ID for SSO", &d2);
	cr_assert_eq(store_decision_supersede(st, d1.id, d2.id), 0);
	cr_assert_eq(store_undo(st, 0, &done), 0, "%s", store_error(st));
	journal_entry_free(&done);
	struct decision dg;
	cr_assert_eq(store_decision_get(st, d1.id, &dg), 0);
	cr_assert_str_eq(dg.status, "decided");
	cr_assert_str_eq(dg.superseded_by, "");
	decision_free(&dg);
	cr_assert_eq(store_redo(st, &done), 0, "%s", store_error(st));
	journal_entry_free(&done);
	cr_assert_eq(store_decision_get(st, d1.id, &dg), 0);
	cr_assert_str_eq(dg.status, "superseded");
	cr_assert_str_eq(dg.superseded_by, d2.id);
	decision_free(&dg);

	/* The vendor added undone goes with its link. */
	struct vendor w;
	new_vendor(st, &a, "Zoom", &w);
	cr_assert_eq(store_undo(st, 0, &done), 0, "%s", store_error(st));
	journal_entry_free(&done);
	cr_assert_eq(store_vendor_get(st, w.id, &got), EX_NOINPUT);
	store_close(st);
}

/* ---- sync ---- */

/* Two databases, laptop and desktop, that hold the same client acme. */
static void pair(struct store **a, struct store **b, struct client *acme)
{
	char pa[128], pb[128];
	tpath(pa, sizeof pa, "laptop.db");
	tpath(pb, sizeof pb, "desktop.db");
	struct store *st = open_ok(pa, STORE_WRITE);
	add_client(st, "acme", acme);
	cr_assert_eq(store_sync_set(st, "laptop", "/sync"), 0, "%s", store_error(st));
	struct sync_change c;
	bool found = true;
	while (found) {
		cr_assert_eq(store_sync_next_out(st, &c, &found), 0, "%s", store_error(st));
		if (found)
			cr_assert_eq(store_sync_sent(st, c.journal_seq, c.seq), 0);
		sync_change_free(&c);
	}
	cr_assert_eq(store_sync_snapshot(st, pb), 0, "%s", store_error(st));
	*a = st;
	*b = open_ok(pb, STORE_WRITE);
	cr_assert_eq(store_sync_set(*b, "desktop", "/sync"), 0, "%s", store_error(*b));
}

static void deliver(struct store *from, const char *device, struct store *to)
{
	for (;;) {
		struct sync_change c;
		bool found = false;
		cr_assert_eq(store_sync_next_out(from, &c, &found), 0, "%s", store_error(from));
		if (!found)
			return;
		struct sync_apply_result r;
		cr_assert_eq(store_sync_apply(to, device, c.seq, c.hlc, c.data, c.size, &r), 0,
		             "%s", store_error(to));
		cr_assert_eq(store_sync_sent(from, c.journal_seq, c.seq), 0, "%s",
		             store_error(from));
		sync_change_free(&c);
	}
}

/* Every row of the schema 8 tables, as one text (caller frees). */
static char *dump(const char *db)
{
	static const char *const sql =
	        "SELECT group_concat(line, char(10)) FROM (SELECT 'v ' || quote(id) || quote(name)"
	        " || quote(category) || quote(owner) || quote(annual_cents) || quote(currency)"
	        " || quote(term_end) || quote(notice_days) || quote(status) || quote(ended)"
	        " || quote(notes) || quote(diligence) AS line FROM vendors"
	        " UNION ALL SELECT 'd ' || quote(id) || quote(title) || quote(status)"
	        " || quote(superseded_by) || quote(review) || quote(context) FROM decisions"
	        " UNION ALL SELECT 'vr ' || vendor_id || risk_id FROM vendor_risks"
	        " UNION ALL SELECT 'dm ' || decision_id || mandate_id FROM decision_mandates"
	        " UNION ALL SELECT 'dr ' || decision_id || risk_id FROM decision_risks"
	        " UNION ALL SELECT 'dv ' || decision_id || vendor_id FROM decision_vendors"
	        " ORDER BY 1)";
	char path[128];
	sqlite3 *h = NULL;
	sqlite3_stmt *s = NULL;
	cr_assert_eq(sqlite3_open_v2(tpath(path, sizeof path, db), &h, SQLITE_OPEN_READONLY, NULL),
	             SQLITE_OK);
	cr_assert_eq(sqlite3_prepare_v2(h, sql, -1, &s, NULL), SQLITE_OK, "%s", sqlite3_errmsg(h));
	cr_assert_eq(sqlite3_step(s), SQLITE_ROW);
	const unsigned char *t = sqlite3_column_text(s, 0);
	char *out = strdup(t ? (const char *)t : "");
	sqlite3_finalize(s);
	sqlite3_close(h);
	return out;
}

Test(store_vendor_sync, edits_on_two_devices_converge)
{
	struct store *a, *b;
	struct client acme;
	pair(&a, &b, &acme);
	struct vendor v, w;
	new_vendor(a, &acme, "Salesforce", &v);
	new_vendor(a, &acme, "HubSpot", &w);
	struct risk r;
	new_risk(a, &acme, "CRM data quality", &r);
	cr_assert_eq(store_vendor_link_risk(a, v.id, r.id, true), 0);
	struct decision d1, d2;
	new_decision(a, &acme, "Stay on Salesforce", &d1);
	new_decision(a, &acme, "Consolidate on HubSpot", &d2);
	cr_assert_eq(store_decision_link(a, d1.id, DECISION_LINK_VENDOR, v.id, true), 0);
	deliver(a, "laptop", b);
	cr_assert_eq(count("desktop.db", "SELECT count(*) FROM vendors"), 2);
	cr_assert_eq(count("desktop.db", "SELECT count(*) FROM decision_vendors"), 1);

	/* Different fields of one vendor on each device, a supersession on
	 * the laptop, links and a delete on the desktop. */
	struct vendor got;
	cr_assert_eq(store_vendor_get(b, v.id, &got), 0);
	snprintf(got.term_end, sizeof got.term_end, "2027-12-31");
	got.notice_days = 120;
	cr_assert_eq(store_vendor_update(b, &got), 0, "%s", store_error(b));
	vendor_free(&got);
	cr_assert_eq(store_decision_link(b, d2.id, DECISION_LINK_VENDOR, w.id, true), 0);
	cr_assert_eq(store_decision_link(b, d2.id, DECISION_LINK_RISK, r.id, true), 0);
	cr_assert_eq(store_vendor_link_risk(b, v.id, r.id, false), 0);
	usleep(20000);
	cr_assert_eq(store_vendor_get(a, v.id, &got), 0);
	free(got.notes);
	got.notes = strdup("Renewal quote asked for");
	snprintf(got.diligence, sizeof got.diligence, "sent");
	cr_assert_eq(store_vendor_update(a, &got), 0, "%s", store_error(a));
	vendor_free(&got);
	cr_assert_eq(store_decision_supersede(a, d1.id, d2.id), 0, "%s", store_error(a));

	deliver(b, "desktop", a);
	deliver(a, "laptop", b);
	char *da = dump("laptop.db"), *db = dump("desktop.db");
	cr_assert_str_eq(da, db);
	cr_assert(strstr(da, "'2027-12-31'120"), "the desktop's term: %s", da);
	cr_assert(strstr(da, "'Renewal quote asked for''sent'"), "the laptop's notes: %s", da);
	cr_assert(strstr(da, "'superseded'"), "%s", da);
	free(da);
	free(db);
	cr_assert_eq(count("laptop.db", "SELECT count(*) FROM vendor_risks"), 0);
	cr_assert_eq(count("laptop.db", "SELECT count(*) FROM decision_vendors"), 2);
	cr_assert_eq(count("laptop.db", "SELECT count(*) FROM decision_risks"), 1);

	/* A vendor deleted on one device while the other links it. */
	cr_assert_eq(store_vendor_delete(b, w.id), 0);
	cr_assert_eq(store_vendor_link_risk(a, w.id, r.id, true), 0, "%s", store_error(a));
	deliver(b, "desktop", a);
	deliver(a, "laptop", b);
	da = dump("laptop.db");
	db = dump("desktop.db");
	cr_assert_str_eq(da, db);
	free(da);
	free(db);
	for (int i = 0; i < 2; i++) {
		struct store *st = i ? b : a;
		struct store_check c;
		cr_assert_eq(store_check(st, &c), 0);
		cr_assert_eq(c.foreign_key_errors, 0);
		store_check_free(&c);
	}
	store_close(a);
	store_close(b);
}
