/*
 * test_store_sync_merge.c: two databases that see the same changes in
 * different orders end alike: a row deleted on one and edited on the
 * other, clocks that tie, the fields that belong together, an entry
 * moved to another day while edited elsewhere.
 */
#include <time.h>

#include "cxo/journal.h"
#include "store_test.h"

TestSuite(store_sync_merge, .init = tdir_setup, .fini = tdir_teardown);

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
	raw_exec(pa, "UPDATE journal SET out_seq = -seq");
	raw_exec(pb, "UPDATE journal SET out_seq = -seq");
	*a = open_ok(pa, STORE_WRITE);
	*b = open_ok(pb, STORE_WRITE);
	cr_assert_eq(store_sync_set(*a, "laptop", "/sync"), 0, "%s", store_error(*a));
	cr_assert_eq(store_sync_set(*b, "desktop", "/sync"), 0, "%s", store_error(*b));
}

/* Hands every change from's made since the last call to to. */
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

/* A few milliseconds, so that the next change has a later clock. */
static void tick(void)
{
	struct timespec ts = { 0, 3 * 1000 * 1000 };
	nanosleep(&ts, NULL);
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

static void risk_edit(struct store *st, const char *id, const char *owner, int impact)
{
	struct risk r;
	cr_assert_eq(store_risk_get(st, id, &r), 0, "%s", store_error(st));
	if (owner) {
		free(r.owner);
		r.owner = strdup(owner);
	}
	if (impact)
		r.impact = impact;
	cr_assert_eq(store_risk_update(st, &r), 0, "%s", store_error(st));
	risk_free(&r);
}

/* The risk's owner and impact on st, as "owner/impact". */
static void risk_text(struct store *st, const char *id, char *out, size_t n)
{
	struct risk r;
	cr_assert_eq(store_risk_get(st, id, &r), 0, "%s", store_error(st));
	snprintf(out, n, "%s/%d", r.owner ? r.owner : "-", r.impact);
	risk_free(&r);
}

Test(store_sync_merge, a_row_brought_back_takes_every_later_field_not_the_deleted_values)
{
	struct store *a, *b;
	struct client acme;
	pair(&a, &b, &acme);
	struct risk r = new_risk(&acme, "No MFA on email");
	cr_assert_eq(store_risk_add(a, &r), 0, "%s", store_error(a));
	deliver(a, "laptop", b);
	tick();
	risk_edit(b, r.id, "Priya", 0); /* before the delete */
	tick();
	cr_assert_eq(store_risk_delete(a, r.id), 0, "%s", store_error(a));
	tick();
	risk_edit(b, r.id, NULL, 5); /* after it: the risk stays */
	deliver(b, "desktop", a);
	deliver(a, "laptop", b);
	char ta[64], tb[64];
	risk_text(a, r.id, ta, sizeof ta);
	risk_text(b, r.id, tb, sizeof tb);
	cr_assert_str_eq(tb, "Priya/5");
	cr_assert_str_eq(ta, tb);
	store_close(a);
	store_close(b);
}

/* The clock of the journal's last change on path set to hlc. */
static void set_last_hlc(struct store *st, const char *path, long long hlc)
{
	(void)st;
	char sql[160];
	snprintf(sql, sizeof sql,
	         "UPDATE journal SET hlc = %lld WHERE seq = (SELECT max(seq) FROM journal)", hlc);
	raw_exec(path, sql);
}

Test(store_sync_merge, a_tie_of_clocks_goes_to_the_same_device_on_both)
{
	struct store *a, *b;
	struct client acme;
	pair(&a, &b, &acme);
	struct risk r = new_risk(&acme, "Backups never tested");
	cr_assert_eq(store_risk_add(a, &r), 0, "%s", store_error(a));
	deliver(a, "laptop", b);
	risk_edit(a, r.id, "Laptop Owner", 0);
	risk_edit(b, r.id, "Desktop Owner", 0);
	/* The same millisecond and counter on both. */
	long long hlc = (long long)(time(NULL) + 60) * 1000 << 16;
	char pa[128], pb[128];
	set_last_hlc(a, tpath(pa, sizeof pa, "laptop.db"), hlc);
	set_last_hlc(b, tpath(pb, sizeof pb, "desktop.db"), hlc);
	deliver(a, "laptop", b);
	deliver(b, "desktop", a);
	char ta[64], tb[64];
	risk_text(a, r.id, ta, sizeof ta);
	risk_text(b, r.id, tb, sizeof tb);
	cr_assert_str_eq(ta, tb);
	/* The later name, "laptop", wins the tie. */
	cr_assert_str_eq(ta, "Laptop Owner/4");
	store_close(a);
	store_close(b);
}

static void add_mandate(struct store *st, const struct client *c, struct mandate *m)
{
	memset(m, 0, sizeof *m);
	memcpy(m->client_id, c->id, sizeof m->client_id);
	m->title = (char *)"Vendor selection";
	snprintf(m->status, sizeof m->status, "active");
	cr_assert_eq(store_mandate_add(st, m), 0, "%s", store_error(st));
}

static void add_action(struct store *st, const struct client *c, const char *mandate_id,
                       struct action *a)
{
	memset(a, 0, sizeof *a);
	memcpy(a->client_id, c->id, sizeof a->client_id);
	snprintf(a->mandate_id, sizeof a->mandate_id, "%s", mandate_id);
	a->title = (char *)"Shortlist three vendors";
	snprintf(a->status, sizeof a->status, "todo");
	snprintf(a->created, sizeof a->created, "2026-11-02");
	cr_assert_eq(store_action_add(st, a), 0, "%s", store_error(st));
}

static void action_text(struct store *st, const char *id, char *out, size_t n)
{
	struct action a;
	int rc = store_action_get(st, id, &a);
	if (rc == EX_NOINPUT) {
		snprintf(out, n, "gone");
		return;
	}
	cr_assert_eq(rc, 0, "%s", store_error(st));
	snprintf(out, n, "%s %s mandate=%.8s", a.title, a.status, a.mandate_id);
	action_free(&a);
}

Test(store_sync_merge, a_row_brought_back_gets_back_what_referred_to_it)
{
	struct store *a, *b;
	struct client acme;
	pair(&a, &b, &acme);
	struct mandate m;
	add_mandate(a, &acme, &m);
	deliver(a, "laptop", b);
	tick();
	struct action act;
	add_action(b, &acme, m.id, &act); /* not yet seen on the laptop */
	tick();
	cr_assert_eq(store_mandate_delete(a, m.id), 0, "%s", store_error(a));
	tick();
	struct mandate got;
	cr_assert_eq(store_mandate_get(b, m.id, &got), 0, "%s", store_error(b));
	snprintf(got.status, sizeof got.status, "done"); /* after the delete: it stays */
	cr_assert_eq(store_mandate_update(b, &got), 0, "%s", store_error(b));
	mandate_free(&got);
	deliver(b, "desktop", a);
	deliver(a, "laptop", b);
	char ta[160], tb[160], want[160];
	action_text(a, act.id, ta, sizeof ta);
	action_text(b, act.id, tb, sizeof tb);
	snprintf(want, sizeof want, "Shortlist three vendors todo mandate=%.8s", m.id);
	cr_assert_str_eq(tb, want);
	cr_assert_str_eq(ta, tb);
	store_close(a);
	store_close(b);
}

/* The entry id on st as "day minutes", "gone", and how many rows hold it. */
static void entry_text(struct store *st, const char *path, const char *id, char *out, size_t n)
{
	struct entry e;
	int rc = store_entry_get(st, id, &e);
	if (rc == EX_NOINPUT) {
		snprintf(out, n, "gone");
		return;
	}
	cr_assert_eq(rc, 0, "%s", store_error(st));
	char sql[160];
	snprintf(sql, sizeof sql, "SELECT count(*) FROM time_entries WHERE id = '%s'", id);
	snprintf(out, n, "%s %d x%ld", e.day, e.minutes, raw_long(path, sql));
	entry_free(&e);
}

Test(store_sync_merge, an_entry_moved_to_another_day_and_edited_elsewhere_ends_alike)
{
	struct store *a, *b;
	struct client acme;
	pair(&a, &b, &acme);
	struct entry e;
	memset(&e, 0, sizeof e);
	memcpy(e.client_id, acme.id, sizeof e.client_id);
	snprintf(e.day, sizeof e.day, "2026-11-02");
	e.minutes = 60;
	e.billable = true;
	cr_assert_eq(store_entry_add(a, &e), 0, "%s", store_error(a));
	deliver(a, "laptop", b);
	tick();
	struct entry moved = e;
	snprintf(moved.day, sizeof moved.day, "2026-11-03");
	cr_assert_eq(store_entry_update(a, &moved), 0, "%s", store_error(a));
	tick();
	struct entry longer = e;
	longer.minutes = 90;
	cr_assert_eq(store_entry_update(b, &longer), 0, "%s", store_error(b));
	deliver(a, "laptop", b);
	deliver(b, "desktop", a);
	char pa[128], pb[128], ta[80], tb[80];
	entry_text(a, tpath(pa, sizeof pa, "laptop.db"), e.id, ta, sizeof ta);
	entry_text(b, tpath(pb, sizeof pb, "desktop.db"), e.id, tb, sizeof tb);
	cr_assert_str_eq(ta, "2026-11-03 90 x1");
	cr_assert_str_eq(tb, ta);
	store_close(a);
	store_close(b);
}

Test(store_sync_merge, an_entry_moved_while_its_mandate_went_and_came_back_ends_alike)
{
	struct store *a, *b;
	struct client acme;
	pair(&a, &b, &acme);
	struct mandate m;
	add_mandate(a, &acme, &m);
	struct entry e;
	memset(&e, 0, sizeof e);
	memcpy(e.client_id, acme.id, sizeof e.client_id);
	memcpy(e.mandate_id, m.id, sizeof e.mandate_id);
	snprintf(e.day, sizeof e.day, "2026-11-02");
	e.minutes = 60;
	e.billable = true;
	cr_assert_eq(store_entry_add(a, &e), 0, "%s", store_error(a));
	deliver(a, "laptop", b);
	tick();
	cr_assert_eq(store_mandate_delete(a, m.id), 0, "%s", store_error(a));
	tick();
	struct entry moved = e;
	snprintf(moved.day, sizeof moved.day, "2026-11-03");
	cr_assert_eq(store_entry_update(b, &moved), 0, "%s", store_error(b));
	deliver(b, "desktop", a);
	char pa[128], pb[128], ta[80], tb[80];
	tpath(pa, sizeof pa, "laptop.db");
	tpath(pb, sizeof pb, "desktop.db");
	/* Moved on the laptop too, unlinked there: its mandate is gone. */
	entry_text(a, pa, e.id, ta, sizeof ta);
	cr_assert_str_eq(ta, "2026-11-03 60 x1");
	tick();
	struct mandate got;
	cr_assert_eq(store_mandate_get(b, m.id, &got), 0, "%s", store_error(b));
	snprintf(got.status, sizeof got.status, "done"); /* after the delete: it stays */
	cr_assert_eq(store_mandate_update(b, &got), 0, "%s", store_error(b));
	mandate_free(&got);
	deliver(b, "desktop", a);
	deliver(a, "laptop", b);
	entry_text(a, pa, e.id, ta, sizeof ta);
	entry_text(b, pb, e.id, tb, sizeof tb);
	cr_assert_str_eq(ta, "2026-11-03 60 x1");
	cr_assert_str_eq(tb, ta);
	struct entry ea, eb;
	cr_assert_eq(store_entry_get(a, e.id, &ea), 0, "%s", store_error(a));
	cr_assert_eq(store_entry_get(b, e.id, &eb), 0, "%s", store_error(b));
	cr_assert_str_eq(ea.mandate_id, m.id);
	cr_assert_str_eq(eb.mandate_id, m.id);
	entry_free(&ea);
	entry_free(&eb);
	store_close(a);
	store_close(b);
}

static void action_status(struct store *st, const char *id, const char *status, const char *who,
                          const char *day)
{
	struct action act;
	cr_assert_eq(store_action_get(st, id, &act), 0, "%s", store_error(st));
	snprintf(act.status, sizeof act.status, "%s", status);
	free(act.waiting_for);
	act.waiting_for = who ? strdup(who) : NULL;
	snprintf(act.waiting_since, sizeof act.waiting_since, "%s", who ? day : "");
	snprintf(act.done_on, sizeof act.done_on, "%s", who ? "" : day);
	cr_assert_eq(store_action_update(st, &act), 0, "%s", store_error(st));
	action_free(&act);
}

static int waiting_errors(struct store *st)
{
	struct store_check ck = { 0 };
	cr_assert_eq(store_check(st, &ck), 0, "%s", store_error(st));
	int n = ck.waiting_for_errors;
	store_check_free(&ck);
	return n;
}

Test(store_sync_merge, the_fields_of_a_status_go_together_to_one_device)
{
	struct store *a, *b;
	struct client acme;
	pair(&a, &b, &acme);
	struct action act;
	add_action(a, &acme, "", &act);
	deliver(a, "laptop", b);
	tick();
	action_status(a, act.id, "waiting", "Dana", "2026-11-03");
	tick();
	action_status(b, act.id, "done", NULL, "2026-11-04"); /* the later */
	deliver(a, "laptop", b);
	deliver(b, "desktop", a);
	struct action ga, gb;
	cr_assert_eq(store_action_get(a, act.id, &ga), 0, "%s", store_error(a));
	cr_assert_eq(store_action_get(b, act.id, &gb), 0, "%s", store_error(b));
	char ta[160], tb[160];
	snprintf(ta, sizeof ta, "%s %s %s %s", ga.status, ga.waiting_for ? ga.waiting_for : "-",
	         ga.waiting_since, ga.done_on);
	snprintf(tb, sizeof tb, "%s %s %s %s", gb.status, gb.waiting_for ? gb.waiting_for : "-",
	         gb.waiting_since, gb.done_on);
	cr_assert_str_eq(ta, "done -  2026-11-04");
	cr_assert_str_eq(tb, ta);
	cr_assert_eq(waiting_errors(a), 0);
	cr_assert_eq(waiting_errors(b), 0);
	action_free(&ga);
	action_free(&gb);
	store_close(a);
	store_close(b);
}
