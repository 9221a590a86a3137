/* A client's decision log: create, read, update, delete, the lists and
 * their filters, links, supersession, titles resolved, and refusals. */
#include "store_test.h"

#include "../../src/store/internal.h"
#include "cxo/decision.h"
#include "cxo/uuid.h"
#include "cxo/vendor.h"

TestSuite(store_decision, .init = tdir_setup, .fini = tdir_teardown);

static struct decision new_decision(const char *client_id, const char *title, const char *day)
{
	struct decision d;
	memset(&d, 0, sizeof d);
	snprintf(d.client_id, sizeof d.client_id, "%s", client_id);
	d.title = (char *)title;
	if (day)
		snprintf(d.day, sizeof d.day, "%s", day);
	return d;
}

static void add_decision(struct store *st, struct decision *d)
{
	cr_assert_eq(store_decision_add(st, d), 0, "decision add %s: %s", d->title,
	             store_error(st));
	cr_assert(uuid_valid(d->id));
}

static long count(const char *sql)
{
	char p[128];
	return raw_long(tpath(p, sizeof p, "cxo.db"), sql);
}

Test(store_decision, add_get_update_delete)
{
	struct store *st = open_new();
	struct client acme;
	add_client(st, "acme", &acme);
	char today[DAY_LEN];
	store_today(today);

	struct decision d = new_decision(acme.id, "Move email to Microsoft 365", NULL);
	d.decided_by = (char *)"Jordan (CEO)";
	d.consulted = (char *)"IT lead, CFO";
	d.context = (char *)"Two mail systems after the merger.\n";
	d.options = (char *)"- Google Workspace\n- Microsoft 365\n";
	d.decision = (char *)"Microsoft 365: the ERP integrates with it.";
	d.consequences = (char *)"Migration in Q1; Google retired by March.";
	snprintf(d.review, sizeof d.review, "2027-06-01");
	add_decision(st, &d);
	cr_assert_str_eq(d.day, today, "today when not given");
	cr_assert_str_eq(d.status, "decided");
	cr_assert_eq(strlen(d.created), 20);

	struct decision got;
	cr_assert_eq(store_decision_get(st, d.id, &got), 0, "%s", store_error(st));
	cr_assert_str_eq(got.client_key, "acme");
	cr_assert_str_eq(got.title, "Move email to Microsoft 365");
	cr_assert_str_eq(got.day, today);
	cr_assert_str_eq(got.decided_by, "Jordan (CEO)");
	cr_assert_str_eq(got.consulted, "IT lead, CFO");
	cr_assert_str_eq(got.context, "Two mail systems after the merger.\n");
	cr_assert_str_eq(got.options, "- Google Workspace\n- Microsoft 365\n");
	cr_assert_str_eq(got.decision, "Microsoft 365: the ERP integrates with it.");
	cr_assert_str_eq(got.consequences, "Migration in Q1; Google retired by March.");
	cr_assert_str_eq(got.review, "2027-06-01");
	cr_assert_str_eq(got.superseded_by, "");
	cr_assert_null(got.superseded_by_title);
	cr_assert_str_eq(got.created, d.created);

	snprintf(got.status, sizeof got.status, "reversed");
	free(got.context);
	got.context = NULL;
	got.review[0] = '\0';
	snprintf(got.day, sizeof got.day, "2026-10-01");
	cr_assert_eq(store_decision_update(st, &got), 0, "%s", store_error(st));
	decision_free(&got);
	cr_assert_eq(store_decision_get(st, d.id, &got), 0);
	cr_assert_str_eq(got.status, "reversed");
	cr_assert_null(got.context);
	cr_assert_str_eq(got.review, "");
	cr_assert_str_eq(got.day, "2026-10-01");
	cr_assert_str_eq(got.created, d.created, "created never changes");
	decision_free(&got);

	cr_assert_eq(store_decision_delete(st, d.id), 0);
	cr_assert_eq(store_decision_get(st, d.id, &got), EX_NOINPUT);
	cr_assert_eq(store_decision_delete(st, d.id), EX_NOINPUT);
	cr_assert_eq(store_decision_update(st, &d), EX_NOINPUT);
	store_close(st);
}

Test(store_decision, refusals_name_the_field_and_write_nothing)
{
	struct store *st = open_new();
	struct client acme, beta;
	add_client(st, "acme", &acme);
	add_client(st, "beta", &beta);
	struct decision theirs = new_decision(beta.id, "Beta's", "2026-01-01");
	add_decision(st, &theirs);
	long journal = count("SELECT count(*) FROM journal");

	struct decision d = new_decision(acme.id, "", NULL);
	cr_assert_eq(store_decision_add(st, &d), EX_DATAERR);
	cr_assert_str_eq(store_error(st), "empty decision title");
	d = new_decision(acme.id, "Pick a CRM", "2026-1-5");
	cr_assert_eq(store_decision_add(st, &d), EX_DATAERR);
	cr_assert_str_eq(store_error(st), "bad decision day \"2026-1-5\" (expected YYYY-MM-DD)");
	d = new_decision(acme.id, "Pick a CRM", NULL);
	snprintf(d.status, sizeof d.status, "maybe");
	cr_assert_eq(store_decision_add(st, &d), EX_DATAERR);
	cr_assert(strstr(store_error(st), "unknown decision status \"maybe\" (expected proposed,"),
	          "%s", store_error(st));
	d = new_decision(acme.id, "Pick a CRM", NULL);
	snprintf(d.review, sizeof d.review, "someday");
	cr_assert_eq(store_decision_add(st, &d), EX_DATAERR);
	cr_assert(strstr(store_error(st), "bad review date \"someday\""));
	d = new_decision(acme.id, "Pick a CRM", NULL);
	snprintf(d.superseded_by, sizeof d.superseded_by, "%s", theirs.id);
	cr_assert_eq(store_decision_add(st, &d), EX_DATAERR);
	cr_assert(strstr(store_error(st), "belongs to another client"), "%s", store_error(st));
	d = new_decision(acme.id, "Pick a CRM", NULL);
	char *big = malloc(TEXT_MAX_NOTE + 2);
	cr_assert_not_null(big);
	memset(big, 'a', TEXT_MAX_NOTE + 1);
	big[TEXT_MAX_NOTE + 1] = '\0';
	d.consequences = big;
	cr_assert_eq(store_decision_add(st, &d), EX_DATAERR);
	cr_assert(strstr(store_error(st), "consequences too long"), "%s", store_error(st));
	free(big);
	d = new_decision(acme.id, "Pick a CRM", NULL);
	d.decided_by = (char *)"";
	snprintf(d.client_id, sizeof d.client_id, "12345678-0000-4000-8000-000000000000");
	cr_assert_eq(store_decision_add(st, &d), EX_DATAERR);

	/* An update needs its day. */
	theirs.day[0] = '\0';
	cr_assert_eq(store_decision_update(st, &theirs), EX_DATAERR);
	cr_assert(strstr(store_error(st), "missing decision day"), "%s", store_error(st));

	cr_assert_eq(count("SELECT count(*) FROM decisions"), 1);
	cr_assert_eq(count("SELECT count(*) FROM decisions WHERE day = '2026-01-01'"), 1);
	cr_assert_eq(count("SELECT count(*) FROM journal"), journal);
	store_close(st);
}

Test(store_decision, lists_filters_and_review)
{
	struct store *st = open_new();
	struct client acme, beta;
	add_client(st, "acme", &acme);
	add_client(st, "beta", &beta);
	struct decision a = new_decision(acme.id, "A", "2026-09-01");
	struct decision b = new_decision(acme.id, "B", "2026-11-02");
	struct decision c = new_decision(beta.id, "C", "2026-10-15");
	struct decision p = new_decision(acme.id, "P", "2026-11-10");
	struct decision r = new_decision(acme.id, "R", "2026-08-01");
	snprintf(a.review, sizeof a.review, "2026-11-01");
	snprintf(c.review, sizeof c.review, "2026-10-20");
	snprintf(p.status, sizeof p.status, "proposed");
	snprintf(p.review, sizeof p.review, "2026-12-31");
	snprintf(r.status, sizeof r.status, "reversed");
	snprintf(r.review, sizeof r.review, "2026-09-01");
	add_decision(st, &a);
	add_decision(st, &b);
	add_decision(st, &c);
	add_decision(st, &p);
	add_decision(st, &r);

	struct decision_list l;
	cr_assert_eq(store_decision_list(st, NULL, &l), 0, "%s", store_error(st));
	cr_assert_eq(l.n, 4, "closed ones left out");
	cr_assert_str_eq(l.items[0].title, "P", "newest day first");
	cr_assert_str_eq(l.items[1].title, "B");
	cr_assert_str_eq(l.items[2].title, "C");
	cr_assert_str_eq(l.items[2].client_key, "beta");
	cr_assert_str_eq(l.items[3].title, "A");
	decision_list_free(&l);

	struct decision_filter f = { .client_id = acme.id, .include_closed = true };
	cr_assert_eq(store_decision_list(st, &f, &l), 0);
	cr_assert_eq(l.n, 4);
	cr_assert_str_eq(l.items[3].title, "R");
	decision_list_free(&l);

	/* A period: from included, to not. */
	f = (struct decision_filter){ .from = "2026-10-15", .to = "2026-11-10" };
	cr_assert_eq(store_decision_list(st, &f, &l), 0);
	cr_assert_eq(l.n, 2);
	cr_assert_str_eq(l.items[0].title, "B");
	cr_assert_str_eq(l.items[1].title, "C");
	cr_assert_null(l.items[0].context, "no long texts unless asked");
	decision_list_free(&l);

	/* Reviews due: proposed or decided ones, oldest review first. */
	f = (struct decision_filter){ .review_before = "2026-12-31" };
	cr_assert_eq(store_decision_list(st, &f, &l), 0);
	cr_assert_eq(l.n, 2);
	cr_assert_str_eq(l.items[0].title, "C");
	cr_assert_str_eq(l.items[1].title, "A");
	decision_list_free(&l);
	f = (struct decision_filter){ .client_id = acme.id, .review_before = "2027-01-01" };
	cr_assert_eq(store_decision_list(st, &f, &l), 0);
	cr_assert_eq(l.n, 2);
	cr_assert_str_eq(l.items[0].title, "A");
	cr_assert_str_eq(l.items[1].title, "P");
	decision_list_free(&l);

	/* The long texts when asked. */
	struct decision got;
	cr_assert_eq(store_decision_get(st, b.id, &got), 0);
	got.context = strdup("Why");
	cr_assert_eq(store_decision_update(st, &got), 0);
	decision_free(&got);
	f = (struct decision_filter){ .client_id = acme.id, .with_text = true };
	cr_assert_eq(store_decision_list(st, &f, &l), 0);
	cr_assert_str_eq(l.items[1].title, "B");
	cr_assert_str_eq(l.items[1].context, "Why");
	decision_list_free(&l);

	f = (struct decision_filter){ .from = "last week" };
	cr_assert_eq(store_decision_list(st, &f, &l), EX_DATAERR);
	store_close(st);
}

Test(store_decision, supersede)
{
	struct store *st = open_new();
	struct client acme, beta;
	add_client(st, "acme", &acme);
	add_client(st, "beta", &beta);
	struct decision old = new_decision(acme.id, "Host on premises", "2025-01-10");
	struct decision new = new_decision(acme.id, "Move to AWS", "2026-11-01");
	struct decision newer = new_decision(acme.id, "Move to Azure", "2026-12-01");
	struct decision theirs = new_decision(beta.id, "Beta's", NULL);
	add_decision(st, &old);
	add_decision(st, &new);
	add_decision(st, &newer);
	add_decision(st, &theirs);

	cr_assert_eq(store_decision_supersede(st, old.id, new.id), 0, "%s", store_error(st));
	struct decision got;
	cr_assert_eq(store_decision_get(st, old.id, &got), 0);
	cr_assert_str_eq(got.status, "superseded");
	cr_assert_str_eq(got.superseded_by, new.id);
	cr_assert_str_eq(got.superseded_by_title, "Move to AWS");
	decision_free(&got);

	long before = count("SELECT count(*) FROM journal");
	cr_assert_eq(store_decision_supersede(st, new.id, old.id), EX_DATAERR, "no circle");
	cr_assert(strstr(store_error(st), "cannot supersede it back"), "%s", store_error(st));
	cr_assert_eq(store_decision_supersede(st, new.id, new.id), EX_DATAERR);
	cr_assert_eq(store_decision_supersede(st, new.id, theirs.id), EX_DATAERR);
	cr_assert(strstr(store_error(st), "belongs to another client"));
	cr_assert_eq(store_decision_supersede(st, "12345678-0000-4000-8000-000000000000", new.id),
	             EX_NOINPUT);
	cr_assert_eq(count("SELECT count(*) FROM journal"), before);
	cr_assert_eq(count("SELECT count(*) FROM decisions WHERE status = 'superseded'"), 1);

	cr_assert_eq(store_decision_supersede(st, new.id, newer.id), 0);
	cr_assert_eq(store_decision_supersede(st, newer.id, old.id), EX_DATAERR,
	             "a longer circle too");
	/* The superseding one deleted: the old one keeps its status. */
	cr_assert_eq(store_decision_delete(st, new.id), 0);
	cr_assert_eq(store_decision_get(st, old.id, &got), 0);
	cr_assert_str_eq(got.superseded_by, "");
	cr_assert_str_eq(got.status, "superseded");
	decision_free(&got);
	store_close(st);
}

Test(store_decision, links_and_cascades)
{
	struct store *st = open_new();
	struct client acme, beta;
	add_client(st, "acme", &acme);
	add_client(st, "beta", &beta);
	struct decision d = new_decision(acme.id, "Consolidate chat", NULL);
	add_decision(st, &d);
	struct mandate m;
	memset(&m, 0, sizeof m);
	snprintf(m.client_id, sizeof m.client_id, "%s", acme.id);
	m.title = (char *)"Tool consolidation";
	cr_assert_eq(store_mandate_add(st, &m), 0);
	struct risk r;
	memset(&r, 0, sizeof r);
	snprintf(r.client_id, sizeof r.client_id, "%s", acme.id);
	r.title = (char *)"Shadow IT";
	r.likelihood = r.impact = 2;
	cr_assert_eq(store_risk_add(st, &r), 0);
	struct vendor v, w;
	memset(&v, 0, sizeof v);
	snprintf(v.client_id, sizeof v.client_id, "%s", acme.id);
	v.name = (char *)"Slack";
	cr_assert_eq(store_vendor_add(st, &v), 0);
	w = v;
	w.name = (char *)"Beta's Teams";
	snprintf(w.client_id, sizeof w.client_id, "%s", beta.id);
	cr_assert_eq(store_vendor_add(st, &w), 0);

	cr_assert_eq(store_decision_link(st, d.id, DECISION_LINK_MANDATE, m.id, true), 0, "%s",
	             store_error(st));
	cr_assert_eq(store_decision_link(st, d.id, DECISION_LINK_RISK, r.id, true), 0);
	cr_assert_eq(store_decision_link(st, d.id, DECISION_LINK_VENDOR, v.id, true), 0);
	cr_assert_eq(store_decision_link(st, d.id, DECISION_LINK_VENDOR, v.id, true), 0);
	cr_assert_eq(store_decision_link(st, d.id, DECISION_LINK_VENDOR, w.id, true), EX_DATAERR);
	cr_assert(strstr(store_error(st), "vendor"), "%s", store_error(st));
	cr_assert_eq(store_decision_link(st, d.id, DECISION_LINK_RISK, v.id, true), EX_DATAERR,
	             "a vendor's id is no risk");
	cr_assert_eq(store_decision_link(st, d.id, DECISION_LINK_MANDATE, "nope", true),
	             EX_DATAERR);

	struct decision_links l;
	cr_assert_eq(store_decision_links(st, d.id, &l), 0, "%s", store_error(st));
	cr_assert_eq(l.n, 3);
	cr_assert_eq(l.items[0].kind, DECISION_LINK_MANDATE);
	cr_assert_str_eq(l.items[0].id, m.id);
	cr_assert_str_eq(l.items[0].title, "Tool consolidation");
	cr_assert_eq(l.items[1].kind, DECISION_LINK_RISK);
	cr_assert_str_eq(l.items[1].title, "Shadow IT");
	cr_assert_eq(l.items[2].kind, DECISION_LINK_VENDOR);
	cr_assert_str_eq(l.items[2].title, "Slack");
	decision_links_free(&l);

	cr_assert_eq(store_decision_link(st, d.id, DECISION_LINK_RISK, r.id, false), 0);
	cr_assert_eq(count("SELECT count(*) FROM decision_risks"), 0);
	/* The linked items deleted take their links; the decision stays. */
	cr_assert_eq(store_vendor_delete(st, v.id), 0);
	cr_assert_eq(store_mandate_delete(st, m.id), 0);
	cr_assert_eq(count("SELECT count(*) FROM decision_vendors"), 0);
	cr_assert_eq(count("SELECT count(*) FROM decision_mandates"), 0);
	cr_assert_eq(count("SELECT count(*) FROM decisions"), 1);
	cr_assert_eq(store_decision_link(st, d.id, DECISION_LINK_RISK, r.id, true), 0);
	cr_assert_eq(store_risk_delete(st, r.id), 0);
	cr_assert_eq(count("SELECT count(*) FROM decision_risks"), 0);
	/* And the decision deleted takes its own. */
	cr_assert_eq(store_decision_link(st, d.id, DECISION_LINK_VENDOR, w.id, false), EX_DATAERR);
	store_close(st);
	char p[128];
	raw_exec(tpath(p, sizeof p, "cxo.db"), "PRAGMA foreign_keys = ON; DELETE FROM clients");
	cr_assert_eq(count("SELECT count(*) FROM decisions"), 0);
	cr_assert_eq(count("SELECT count(*) FROM vendors"), 0);
}

Test(store_decision, resolve_by_prefix_and_title)
{
	struct store *st = open_new();
	struct client acme;
	add_client(st, "acme", &acme);
	struct decision a = new_decision(acme.id, "Adopt SSO", NULL);
	struct decision b = new_decision(acme.id, "Adopt SSO everywhere", NULL);
	add_decision(st, &a);
	add_decision(st, &b);
	char id[UUID_LEN], prefix[9];
	snprintf(prefix, sizeof prefix, "%.8s", b.id);
	cr_assert_eq(store_decision_resolve(st, prefix, acme.id, id), 0);
	cr_assert_str_eq(id, b.id);
	cr_assert_eq(store_decision_resolve(st, "adopt sso", acme.id, id), 0);
	cr_assert_str_eq(id, a.id);
	cr_assert_eq(store_decision_resolve(st, "everywhere", acme.id, id), 0);
	cr_assert_str_eq(id, b.id);
	cr_assert_eq(store_decision_resolve(st, "adopt", acme.id, id), EX_USAGE);
	cr_assert(strstr(store_error(st), "decision title \"adopt\" is ambiguous"));
	cr_assert_eq(store_decision_resolve(st, "crm", acme.id, id), EX_NOINPUT);
	cr_assert_str_eq(store_error(st), "no decision with the id or title \"crm\"");
	store_close(st);
}
