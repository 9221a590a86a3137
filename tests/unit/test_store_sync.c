/*
 * test_store_sync.c: the store's side of sync: changes handed out in
 * order, applied on another database with conflicts resolved alike on
 * both, decisions turned round, refusals that leave the database as it
 * was, and the snapshot a new device starts from.
 */
#include "cxo/journal.h"
#include "store_test.h"

TestSuite(store_sync, .init = tdir_setup, .fini = tdir_teardown);

/* Two databases, laptop and desktop, that hold the same client acme. */
static void pair(struct store **a, struct store **b, struct client *acme)
{
	char pa[128], pb[128];
	tpath(pa, sizeof pa, "laptop.db");
	tpath(pb, sizeof pb, "desktop.db");
	struct store *st = open_ok(pa, STORE_WRITE);
	add_client(st, "acme", acme);
	store_close(st);
	size_t n;
	char *bytes = slurp(pa, &n);
	FILE *fp = fopen(pb, "wb");
	cr_assert_not_null(fp);
	cr_assert_eq(fwrite(bytes, 1, n, fp), n);
	cr_assert_eq(fclose(fp), 0);
	cr_assert_eq(chmod(pb, 0600), 0);
	free(bytes);
	*a = open_ok(pa, STORE_WRITE);
	*b = open_ok(pb, STORE_WRITE);
	cr_assert_eq(store_sync_set(*a, "laptop", "/sync"), 0, "%s", store_error(*a));
	cr_assert_eq(store_sync_set(*b, "desktop", "/sync"), 0, "%s", store_error(*b));
	/* The history of the seed is not the devices' to exchange. */
	sqlite3 *db;
	for (int i = 0; i < 2; i++) {
		cr_assert_eq(sqlite3_open(i ? pb : pa, &db), SQLITE_OK);
		cr_assert_eq(
		        sqlite3_exec(db, "UPDATE journal SET out_seq = -seq", NULL, NULL, NULL),
		        SQLITE_OK);
		sqlite3_close(db);
	}
}

/* Hands every change from's made since the last call to to; the number. */
static int deliver(struct store *from, const char *device, struct store *to)
{
	int n = 0;
	for (;;) {
		struct sync_change c;
		bool found = false;
		cr_assert_eq(store_sync_next_out(from, &c, &found), 0, "%s", store_error(from));
		if (!found)
			return n;
		struct sync_apply_result r;
		cr_assert_eq(store_sync_apply(to, device, c.seq, c.hlc, c.data, c.size, &r), 0,
		             "%s", store_error(to));
		cr_assert_eq(store_sync_sent(from, c.journal_seq, c.seq), 0, "%s",
		             store_error(from));
		sync_change_free(&c);
		n++;
	}
}

static struct risk new_risk(const struct client *c, const char *title)
{
	struct risk r;
	memset(&r, 0, sizeof r);
	memcpy(r.client_id, c->id, sizeof r.client_id);
	r.title = (char *)title;
	snprintf(r.category, sizeof r.category, "security");
	r.likelihood = 3;
	r.impact = 4;
	snprintf(r.treatment, sizeof r.treatment, "mitigate");
	snprintf(r.status, sizeof r.status, "open");
	snprintf(r.opened, sizeof r.opened, "2026-11-02");
	return r;
}

static void set_owner(struct store *st, const char *id, const char *owner)
{
	struct risk r;
	cr_assert_eq(store_risk_get(st, id, &r), 0, "%s", store_error(st));
	free(r.owner);
	r.owner = strdup(owner);
	cr_assert_eq(store_risk_update(st, &r), 0, "%s", store_error(st));
	risk_free(&r);
}

static char *owner_of(struct store *st, const char *id)
{
	struct risk r;
	cr_assert_eq(store_risk_get(st, id, &r), 0, "%s", store_error(st));
	char *o = r.owner ? strdup(r.owner) : NULL;
	risk_free(&r);
	return o;
}

Test(store_sync, a_field_changed_on_both_goes_to_the_later_and_is_listed_on_both)
{
	struct store *a, *b;
	struct client acme;
	pair(&a, &b, &acme);
	struct risk r = new_risk(&acme, "No MFA on email");
	cr_assert_eq(store_risk_add(a, &r), 0, "%s", store_error(a));
	cr_assert_eq(deliver(a, "laptop", b), 1);

	set_owner(a, r.id, "Laptop Owner");
	set_owner(b, r.id, "Desktop Owner"); /* the later clock */
	deliver(a, "laptop", b);
	deliver(b, "desktop", a);
	char *oa = owner_of(a, r.id), *ob = owner_of(b, r.id);
	cr_assert_str_eq(oa, "Desktop Owner");
	cr_assert_str_eq(ob, "Desktop Owner");
	free(oa);
	free(ob);

	struct sync_conflict_list la, lb;
	cr_assert_eq(store_sync_conflicts(a, 10, &la), 0);
	cr_assert_eq(store_sync_conflicts(b, 10, &lb), 0);
	cr_assert_eq(la.count, 1);
	cr_assert_eq(lb.count, 1);
	cr_assert_str_eq(la.items[0].kind, "field");
	cr_assert_str_eq(la.items[0].field, "owner");
	cr_assert_str_eq(la.items[0].ours, "Laptop Owner");
	cr_assert_str_eq(la.items[0].theirs, "Desktop Owner");
	cr_assert(la.items[0].kept_theirs);
	cr_assert_not(lb.items[0].kept_theirs);
	cr_assert_str_eq(la.items[0].client_key, "acme");

	/* Turned round on the laptop: its value comes back, and travels. */
	cr_assert_eq(store_sync_keep(a, la.items[0].id, false), 0, "%s", store_error(a));
	cr_assert_eq(store_sync_keep(a, la.items[0].id, false), EX_DATAERR);
	cr_assert_eq(deliver(a, "laptop", b), 1);
	ob = owner_of(b, r.id);
	cr_assert_str_eq(ob, "Laptop Owner");
	free(ob);
	sync_conflict_list_free(&la);
	sync_conflict_list_free(&lb);
	store_close(a);
	store_close(b);
}

Test(store_sync, fields_changed_apart_both_stay)
{
	struct store *a, *b;
	struct client acme;
	pair(&a, &b, &acme);
	struct risk r = new_risk(&acme, "Backups never tested");
	cr_assert_eq(store_risk_add(a, &r), 0, "%s", store_error(a));
	deliver(a, "laptop", b);
	set_owner(a, r.id, "Priya");
	struct risk got;
	cr_assert_eq(store_risk_get(b, r.id, &got), 0);
	got.impact = 5;
	cr_assert_eq(store_risk_update(b, &got), 0, "%s", store_error(b));
	risk_free(&got);
	deliver(a, "laptop", b);
	deliver(b, "desktop", a);
	for (int i = 0; i < 2; i++) {
		cr_assert_eq(store_risk_get(i ? b : a, r.id, &got), 0);
		cr_assert_str_eq(got.owner, "Priya");
		cr_assert_eq(got.impact, 5);
		risk_free(&got);
	}
	struct sync_conflict_list l;
	cr_assert_eq(store_sync_conflicts(a, 10, &l), 0);
	cr_assert_eq(l.count, 0);
	sync_conflict_list_free(&l);
	store_close(a);
	store_close(b);
}

Test(store_sync, an_edit_beats_a_delete_both_ways)
{
	struct store *a, *b;
	struct client acme;
	pair(&a, &b, &acme);
	struct note n = { 0 };
	memcpy(n.client_id, acme.id, sizeof n.client_id);
	n.text = (char *)"Call with the CFO";
	cr_assert_eq(store_note_add(a, &n), 0, "%s", store_error(a));
	deliver(a, "laptop", b);
	cr_assert_eq(store_note_delete(a, n.id), 0, "%s", store_error(a));
	struct note edited = n;
	edited.text = (char *)"Call with the CFO: budget agreed";
	cr_assert_eq(store_note_update(b, &edited), 0, "%s", store_error(b));
	deliver(a, "laptop", b);
	deliver(b, "desktop", a);
	for (int i = 0; i < 2; i++) {
		struct note got;
		cr_assert_eq(store_note_get(i ? b : a, n.id, &got), 0, "%s",
		             store_error(i ? b : a));
		cr_assert_str_eq(got.text, "Call with the CFO: budget agreed");
		note_free(&got);
		struct sync_conflict_list l;
		cr_assert_eq(store_sync_conflicts(i ? b : a, 10, &l), 0);
		cr_assert_eq(l.count, 1);
		cr_assert_str_eq(l.items[0].kind, i ? "delete" : "edit");
		sync_conflict_list_free(&l);
	}
	store_close(a);
	store_close(b);
}

Test(store_sync, a_change_out_of_order_or_unreadable_changes_nothing)
{
	struct store *a, *b;
	struct client acme;
	pair(&a, &b, &acme);
	struct risk r1 = new_risk(&acme, "One"), r2 = new_risk(&acme, "Two");
	cr_assert_eq(store_risk_add(a, &r1), 0);
	struct sync_change c1;
	bool found;
	cr_assert_eq(store_sync_next_out(a, &c1, &found), 0);
	cr_assert(found);
	cr_assert_eq(c1.seq, 1);
	cr_assert_eq(store_sync_sent(a, c1.journal_seq, c1.seq), 0);
	cr_assert_eq(store_risk_add(a, &r2), 0);
	struct sync_change c2;
	cr_assert_eq(store_sync_next_out(a, &c2, &found), 0);
	cr_assert_eq(c2.seq, 2);

	struct sync_apply_result res;
	cr_assert_eq(store_sync_apply(b, "laptop", 2, c2.hlc, c2.data, c2.size, &res), EX_TEMPFAIL);
	cr_assert_not_null(strstr(store_error(b), "not the next"), "%s", store_error(b));
	static const char junk[] = "this is not a changeset at all, not even close";
	cr_assert_eq(store_sync_apply(b, "laptop", 1, c1.hlc, junk, sizeof junk, &res), EX_DATAERR);
	long long applied = -1;
	cr_assert_eq(store_sync_peer(b, "laptop", &applied), 0);
	cr_assert_eq(applied, 0);
	struct risk got;
	cr_assert_eq(store_risk_get(b, r1.id, &got), EX_NOINPUT);

	cr_assert_eq(store_sync_apply(b, "laptop", 1, c1.hlc, c1.data, c1.size, &res), 0);
	cr_assert_eq(store_sync_apply(b, "laptop", 2, c2.hlc, c2.data, c2.size, &res), 0);
	/* Twice is refused: it is no longer the next. */
	cr_assert_eq(store_sync_apply(b, "laptop", 2, c2.hlc, c2.data, c2.size, &res), EX_TEMPFAIL);
	cr_assert_eq(store_sync_peer(b, "laptop", &applied), 0);
	cr_assert_eq(applied, 2);
	struct journal_list h;
	cr_assert_eq(store_history(b, NULL, 5, &h), 0);
	cr_assert_str_eq(h.items[0].kind, "sync");
	cr_assert_str_eq(h.items[0].device, "laptop");
	/* Another device's change is undone there, not here. */
	struct journal_entry done;
	cr_assert_eq(store_undo(b, h.items[0].seq, &done), EX_DATAERR);
	cr_assert_not_null(strstr(store_error(b), "came from laptop"), "%s", store_error(b));
	journal_list_free(&h);
	sync_change_free(&c1);
	sync_change_free(&c2);
	store_close(a);
	store_close(b);
}

Test(store_sync, a_client_key_taken_on_both_moves_aside_on_both)
{
	struct store *a, *b;
	struct client acme, ca, cb;
	pair(&a, &b, &acme);
	add_client(a, "newco", &ca);
	add_client(b, "newco", &cb);
	/* Each device moves its own aside when the other's arrives, as a
	 * change of its own that the other follows. */
	deliver(a, "laptop", b);
	deliver(b, "desktop", a);
	deliver(a, "laptop", b);
	cr_assert_eq(deliver(b, "desktop", a), 0);
	for (int i = 0; i < 2; i++) {
		struct store *st = i ? b : a;
		struct client got;
		cr_assert_eq(store_client_get(st, "newco", &got), EX_NOINPUT);
		for (int k = 0; k < 2; k++) {
			char moved[40];
			snprintf(moved, sizeof moved, "newco-%.4s", k ? cb.id : ca.id);
			cr_assert_eq(store_client_get(st, moved, &got), 0, "%s: %s", moved,
			             store_error(st));
			cr_assert_str_eq(got.id, k ? cb.id : ca.id);
			client_free(&got);
		}
		struct sync_conflict_list l;
		cr_assert_eq(store_sync_conflicts(st, 10, &l), 0);
		cr_assert_eq(l.count, 1);
		cr_assert_str_eq(l.items[0].kind, "unique");
		cr_assert_str_eq(l.items[0].field, "key");
		sync_conflict_list_free(&l);
	}
	store_close(a);
	store_close(b);
}

Test(store_sync, the_snapshot_holds_the_data_and_where_every_device_is)
{
	struct store *a, *b;
	struct client acme;
	pair(&a, &b, &acme);
	struct risk r = new_risk(&acme, "Shared admin passwords");
	cr_assert_eq(store_risk_add(a, &r), 0);
	deliver(a, "laptop", b);
	char snap[128];
	tpath(snap, sizeof snap, "snap.db");
	cr_assert_eq(store_sync_snapshot(b, snap), 0, "%s", store_error(b));
	cr_assert_eq(store_sync_snapshot(b, snap), EX_CANTCREAT);
	cr_assert_eq(raw_long(snap, "SELECT count(*) FROM journal"), 0);
	cr_assert_eq(raw_long(snap, "SELECT count(*) FROM sync_state"), 0);
	cr_assert_eq(raw_long(snap, "SELECT count(*) FROM risks"), 1);
	cr_assert_eq(raw_long(snap, "SELECT applied_seq FROM sync_peers WHERE device = 'laptop'"),
	             1);
	cr_assert_eq(raw_long(snap, "SELECT count(*) FROM sync_peers WHERE device = 'desktop'"), 1);
	struct stat sb;
	cr_assert_eq(stat(snap, &sb), 0);
	cr_assert_eq(sb.st_mode & 0777, 0600);
	store_close(a);
	store_close(b);
}
