/*
 * test_store_sync_links.c: a row that sync brings back (an edit beats a
 * delete), or a link that a later change sets, while the row it links to
 * is gone here.
 */
#include <unistd.h>

#include "cxo/journal.h"
#include "store_test.h"

TestSuite(store_sync_links, .init = tdir_setup, .fini = tdir_teardown);

/* Two databases, laptop and desktop, that hold the same client acme. */
static void pair(struct store **a, struct store **b, struct client *acme)
{
	char pa[128], pb[128];
	tpath(pa, sizeof pa, "laptop.db");
	tpath(pb, sizeof pb, "desktop.db");
	struct store *st = open_ok(pa, STORE_WRITE);
	add_client(st, "acme", acme);
	cr_assert_eq(store_sync_set(st, "laptop", "/sync"), 0, "%s", store_error(st));
	/* the client is in the snapshot, not a change to hand out */
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

/* Hands every change from made since the last call to to. */
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

Test(store_sync_links, an_action_brought_back_loses_its_deleted_mandate)
{
	struct store *a, *b;
	struct client acme;
	pair(&a, &b, &acme);
	struct mandate m = { 0 };
	memcpy(m.client_id, acme.id, sizeof m.client_id);
	m.title = (char *)"Vendor selection";
	snprintf(m.status, sizeof m.status, "active");
	cr_assert_eq(store_mandate_add(a, &m), 0, "%s", store_error(a));
	struct action x = { 0 };
	memcpy(x.client_id, acme.id, sizeof x.client_id);
	memcpy(x.mandate_id, m.id, sizeof x.mandate_id);
	x.title = (char *)"Shortlist three vendors";
	snprintf(x.status, sizeof x.status, "todo");
	snprintf(x.created, sizeof x.created, "2026-11-30");
	cr_assert_eq(store_action_add(a, &x), 0, "%s", store_error(a));
	deliver(a, "laptop", b);
	/* the laptop deletes the action and its mandate; the desktop edits
	 * the action meanwhile */
	cr_assert_eq(store_action_delete(a, x.id), 0, "%s", store_error(a));
	cr_assert_eq(store_mandate_delete(a, m.id), 0, "%s", store_error(a));
	struct action edited = x;
	edited.title = (char *)"Shortlist four vendors";
	cr_assert_eq(store_action_update(b, &edited), 0, "%s", store_error(b));
	deliver(b, "desktop", a);
	deliver(a, "laptop", b);
	for (int i = 0; i < 2; i++) {
		struct store *st = i ? b : a;
		struct action got;
		cr_assert_eq(store_action_get(st, x.id, &got), 0, "%s", store_error(st));
		cr_assert_str_eq(got.title, "Shortlist four vendors");
		cr_assert_str_eq(got.mandate_id, "", "the action still names the deleted mandate");
		action_free(&got);
		struct mandate gone;
		cr_assert_eq(store_mandate_get(st, m.id, &gone), EX_NOINPUT);
		struct store_check c;
		cr_assert_eq(store_check(st, &c), 0);
		cr_assert_eq(c.foreign_key_errors, 0);
		store_check_free(&c);
	}
	store_close(a);
	store_close(b);
}

Test(store_sync_links, a_link_set_later_to_a_risk_deleted_here_is_unlinked)
{
	struct store *a, *b;
	struct client acme;
	pair(&a, &b, &acme);
	struct risk r1 = { 0 }, r2 = { 0 };
	for (int i = 0; i < 2; i++) {
		struct risk *r = i ? &r2 : &r1;
		memcpy(r->client_id, acme.id, sizeof r->client_id);
		r->title = (char *)(i ? "Backups untested" : "No MFA on email");
		snprintf(r->category, sizeof r->category, "security");
		r->likelihood = 3;
		r->impact = 4;
		snprintf(r->opened, sizeof r->opened, "2026-11-02");
		cr_assert_eq(store_risk_add(a, r), 0, "%s", store_error(a));
	}
	struct action x = { 0 };
	memcpy(x.client_id, acme.id, sizeof x.client_id);
	memcpy(x.risk_id, r1.id, sizeof x.risk_id);
	x.title = (char *)"Turn on MFA";
	snprintf(x.status, sizeof x.status, "todo");
	snprintf(x.created, sizeof x.created, "2026-11-30");
	cr_assert_eq(store_action_add(a, &x), 0, "%s", store_error(a));
	deliver(a, "laptop", b);
	/* the desktop unlinks the action and deletes the second risk; the
	 * laptop, later, links the action to that risk */
	struct action y = x;
	y.risk_id[0] = '\0';
	cr_assert_eq(store_action_update(b, &y), 0, "%s", store_error(b));
	cr_assert_eq(store_risk_delete(b, r2.id), 0, "%s", store_error(b));
	usleep(20000); /* the laptop's change is the later one */
	y = x;
	memcpy(y.risk_id, r2.id, sizeof y.risk_id);
	cr_assert_eq(store_action_update(a, &y), 0, "%s", store_error(a));
	deliver(a, "laptop", b);
	deliver(b, "desktop", a);
	for (int i = 0; i < 2; i++) {
		struct store *st = i ? b : a;
		struct action got;
		cr_assert_eq(store_action_get(st, x.id, &got), 0, "%s", store_error(st));
		cr_assert_str_eq(got.risk_id, "", "the action still names the deleted risk");
		action_free(&got);
		struct risk gone;
		cr_assert_eq(store_risk_get(st, r2.id, &gone), EX_NOINPUT);
		struct store_check c;
		cr_assert_eq(store_check(st, &c), 0);
		cr_assert_eq(c.foreign_key_errors, 0);
		store_check_free(&c);
	}
	store_close(a);
	store_close(b);
}
